// After a refused form the problems above it take the focus, so that keyboard and screen reader
// users start there; a problem's link puts the focus in its field (the first choice of a group of
// radio buttons) with the field's label or question in view. Without JavaScript the summary is
// still the first thing in the page, announced as an alert, and its links still lead to the fields.
// A form that comes back at its own heading (an action ending in "#krav") is scrolled there by the
// browser, which moves the focus to the page: the summary takes it after that, where it is.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  summary.setAttribute("tabindex", "-1");
  if (location.hash) {
    window.addEventListener("load", function () { summary.focus({ preventScroll: true }); });
  } else {
    summary.focus();
  }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    var field = target.matches("input, select, textarea")
      ? target : target.querySelector("input:not([type=hidden]), select, textarea");
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest("fieldset");
    var label = document.querySelector("label[for='" + field.id + "']");
    var shown = (group && field.type === "radio" && group.querySelector("legend")) || label || field;
    shown.scrollIntoView();
    field.focus({ preventScroll: true });
  });
})();
