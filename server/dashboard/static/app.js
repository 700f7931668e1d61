// mét'ODD dashboard: the few behaviours that need a script. Every page works
// without it (forms have a submit button in <noscript>).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Filters and the campaign picker apply as soon as they change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
  // Destructive buttons ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
});
