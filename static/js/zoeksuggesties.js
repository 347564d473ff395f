/* Vindplek: suggestions while typing in the search box (places and schools).
 *
 * Progressive enhancement: without JavaScript, or when this fails, the plain field and the
 * server's choice list do everything. The combobox is GOV.UK's accessible-autocomplete
 * (static/vendor/, `make vendor`); its texts come translated from the form's data-* attributes.
 */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_match, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    // A field with an error keeps its plain form: its message stays tied to it.
    if (!input || input.getAttribute("aria-invalid") === "true") {
      return;
    }
    var t = form.dataset;
    var latest = 0;
    var container = document.createElement("div");
    container.className = "suggesties";
    input.parentNode.insertBefore(container, input);
    var value = input.value;
    input.parentNode.removeChild(input);

    function source(query, populate) {
      var asked = ++latest;
      fetch(t.suggesties + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggesties: [] };
        })
        .then(function (data) {
          if (asked === latest) {
            populate(data.suggesties || []);
          }
        })
        .catch(function () {
          populate([]);
        });
    }

    // Enter in the field searches for what was typed, as without JavaScript; the component
    // itself would swallow it while the list is open and no suggestion is chosen.
    container.addEventListener(
      "keydown",
      function (event) {
        var field = form.querySelector("input[name=q]");
        if (event.key === "Enter" && event.target === field && !field.getAttribute("aria-activedescendant")) {
          event.preventDefault();
          form.submit();
        }
      },
      true
    );

    window.accessibleAutocomplete({
      element: container,
      id: "q",
      name: "q",
      defaultValue: value,
      minLength: 2,
      autoselect: false,
      confirmOnBlur: false,
      showNoOptionsFound: false,
      displayMenu: "overlay",
      inputClasses: "zoekveld",
      source: source,
      templates: {
        inputValue: function (s) {
          if (!s || typeof s !== "object") {
            return s || "";
          }
          return s.soort === "school" ? s.label : s.zoekterm;
        },
        suggestion: function (s) {
          if (!s || typeof s !== "object") {
            return escapeHtml(s || "");
          }
          var soort = s.soort === "school" ? t.tSchool : t.tPlaats;
          return escapeHtml(s.label) + ' <span class="suggestie-soort">' + escapeHtml(soort) + "</span>";
        },
      },
      onConfirm: function (s) {
        if (!s || typeof s !== "object") {
          return;
        }
        if (s.soort === "school" && s.url) {
          window.location.assign(s.url);
        } else {
          var field = form.querySelector("input[name=q]");
          field.value = s.zoekterm;
          form.submit();
        }
      },
      tAssistiveHint: function () {
        return t.tHint;
      },
      tStatusQueryTooShort: function (min) {
        return fill(t.tTeKort, { min: min });
      },
      tStatusNoResults: function () {
        return t.tGeen;
      },
      tStatusSelectedOption: function (option, length, index) {
        return fill(t.tGekozen, { optie: option, nummer: index + 1, aantal: length });
      },
      tStatusResults: function (length, selected) {
        return fill(length === 1 ? t.tEen : t.tMeer, { aantal: length }) + " " + selected;
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.accessibleAutocomplete !== "function" || !window.fetch) {
      return;
    }
    var forms = document.querySelectorAll("form[data-suggesties]");
    for (var i = 0; i < forms.length; i++) {
      enhance(forms[i]);
    }
  });
})();
