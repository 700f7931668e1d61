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
