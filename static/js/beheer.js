/* Vindplek beheer: the search box of an autocomplete field (Django's admin uses Select2) gets
   the label of its field, so a screen reader says what it searches; a single-choice field's
   box is named by its label and its current choice (Select2 names it by the choice alone, which
   is nothing while the field is empty). Select2 builds these boxes itself and makes them anew
   when the choice changes: a MutationObserver labels each new one. */
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
      if (!label.id) label.id = select.id + "-label";
      container.querySelectorAll(".select2-selection--single").forEach(function (box) {
        var named = box.getAttribute("aria-labelledby") || "";
        if (named.split(" ").indexOf(label.id) === -1) {
          box.setAttribute("aria-labelledby", (label.id + " " + named).trim());
        }
      });
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (shown) {
        if (shown.getAttribute("aria-labelledby") !== label.id) {
          shown.setAttribute("aria-labelledby", label.id);
        }
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
