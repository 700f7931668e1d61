// mét'ODD dashboard: the few behaviours that need a script. Every page works
// without it. Selects never navigate on change (RGAA 7.4: the first arrow
// key would reload the page): their form has a visible submit button.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Destructive buttons ask first.
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
});
