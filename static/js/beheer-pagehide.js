/* Loaded before the admin's own scripts (templates/admin/base_site.html, not deferred).
   Django's RelatedObjectLookups.js closes its popup windows on "unload". Browsers are phasing
   that event out (it keeps a page out of the back/forward cache, and Lighthouse reports it as a
   deprecated API); "pagehide" fires whenever the page is left, so listeners for "unload" on this
   window are registered for "pagehide" instead. Nothing else changes. */
(function () {
  "use strict";
  var add = window.addEventListener;
  window.addEventListener = function (type, listener, options) {
    return add.call(this, type === "unload" ? "pagehide" : type, listener, options);
  };
})();
