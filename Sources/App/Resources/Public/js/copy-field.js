// A read-only field marked data-copy gets a button that copies its text, and says so. Without
// JavaScript the field is still there to select and copy by hand; this only saves the steps.
(function () {
  "use strict";
  var fields = document.querySelectorAll("input[data-copy]");
  Array.prototype.forEach.call(fields, function (field) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary copy-button";
    button.textContent = field.getAttribute("data-copy");
    var said = document.createElement("span");
    said.setAttribute("role", "status");
    said.className = "copy-status";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        said.textContent = field.getAttribute("data-copied");
      }, function () {
        field.select();
      });
    });
    field.insertAdjacentElement("afterend", said);
    field.insertAdjacentElement("afterend", button);
  });
})();
