/* Vindplek: small progressive enhancement; every page works without it. */
(function () {
  "use strict";
  // The error summary gets focus, so screen readers announce it (GOV.UK error pattern).
  // The `autofocus` attribute does the same in current browsers; this covers older ones.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("foutsamenvatting");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  });
})();
