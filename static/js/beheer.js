/* Vindplek beheer: the search box of an autocomplete field (Django's admin uses Select2) gets
   the label of its field, so a screen reader says what it searches. Select2 builds that box
   itself and makes it anew when the choice changes: a MutationObserver labels each new one. */
(function () {
  "use strict";
  function labelSearchBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      if (!container || !label) return;
      var text = label.textContent.replace(/:\s*$/, "").trim();
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (field.getAttribute("aria-label") !== text) field.setAttribute("aria-label", text);
      });
    });
  }
  function start() {
    labelSearchBoxes();
    new MutationObserver(labelSearchBoxes).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
