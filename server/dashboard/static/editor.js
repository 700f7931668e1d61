// mét'ODD deck editor: enhancements only. Every page works without this
// script (the ↑/↓ buttons submit the form and the server reorders); with
// it, a classement's items reorder in place, with the keyboard buttons
// (focus follows the item) and by dragging with the mouse.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-ed-order]").forEach(function (list) {
    // renumber keeps each input's name in list order, so the form posts
    // the order shown.
    function renumber() {
      list.querySelectorAll("li").forEach(function (li, i) {
        var input = li.querySelector("input");
        input.name = "items." + i;
        li.querySelectorAll("button[name=move]").forEach(function (b) {
          b.value = "items." + i + (b.value.endsWith(".up") ? ".up" : ".down");
        });
      });
    }
    list.addEventListener("click", function (e) {
      var b = e.target.closest("button[name=move]");
      if (!b) { return; }
      e.preventDefault();
      var li = b.closest("li");
      if (b.value.endsWith(".up") && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
      } else if (b.value.endsWith(".down") && li.nextElementSibling) {
        list.insertBefore(li.nextElementSibling, li);
      }
      renumber();
      b.focus();
    });
    var dragged = null;
    list.addEventListener("dragstart", function (e) {
      dragged = e.target.closest("li");
      if (!dragged) { return; }
      dragged.classList.add("ed-dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", "");
    });
    list.addEventListener("dragover", function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      var over = e.target.closest("li");
      if (!over || over === dragged) { return; }
      var r = over.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY < r.top + r.height / 2 ? over : over.nextElementSibling);
    });
    list.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("ed-dragging"); }
      dragged = null;
      renumber();
    });
  });
});

// Live check of a card form: as the user types, the form is sent (without
// saving) to the dashboard, which answers with the rules' problems by
// field; they replace the messages shown beside the fields. Without the
// script the same messages appear after « Enregistrer ».
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-ed-check]");
  if (!form || !window.fetch) { return; }
  var live = document.getElementById("ed-live");
  var timer = null;
  var seq = 0;
  // target finds where a field's messages go: the input of that name, or
  // the fieldset of a list ("choices", "items", "groups.1", "odd").
  function target(field) {
    if (field === "") { return form; }
    return document.getElementById("f-" + field.split(".").join("-"));
  }
  function show(problems) {
    form.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
    var n = 0;
    Object.keys(problems).forEach(function (field) {
      var msgs = problems[field];
      n += msgs.length;
      var el = target(field) || form;
      var p = document.createElement("p");
      p.className = "field-error";
      p.setAttribute("data-live", "");
      msgs.forEach(function (m) {
        var s = document.createElement("span");
        s.textContent = m;
        p.appendChild(s);
        p.appendChild(document.createTextNode(" "));
      });
      if (el.tagName === "FIELDSET" || el.tagName === "DIV" || el === form) {
        var legend = el.querySelector("legend");
        if (legend && legend.parentNode === el) { legend.after(p); } else { el.prepend(p); }
      } else {
        el.setAttribute("aria-invalid", "true");
        el.after(p);
      }
    });
    if (live) {
      live.textContent = n > 0 ? n + "\u00a0" + form.getAttribute(n > 1 ? "data-ed-some" : "data-ed-one") : form.getAttribute("data-ed-none");
    }
  }
  function check() {
    var mine = ++seq;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-ed-check"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (problems) {
      if (problems && mine === seq) { show(problems); }
    }).catch(function () { /* offline: the check on save still runs */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
});
