// Keeps a running bulk letter run's progress bar current. Without JavaScript the page has a
// link to reload it; this only saves the clicks.
(function () {
  "use strict";
  var box = document.getElementById("bulk-progress");
  if (!box || box.getAttribute("data-running") !== "true") { return; }
  var href = box.getAttribute("data-status-href");
  var bar = document.getElementById("progress");
  var sent = box.querySelector('[data-field="sent"]');
  function poll() {
    fetch(href, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) { return; }
        bar.value = status.sent;
        // The bar's own text (read where the bar is not drawn) follows it too.
        bar.textContent = (bar.max > 0 ? Math.floor(status.sent * 100 / bar.max) : 0) + " %";
        sent.textContent = String(status.sent);
        if (status.status === "running") { setTimeout(poll, 3000); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 10000); });
  }
  setTimeout(poll, 3000);
})();
