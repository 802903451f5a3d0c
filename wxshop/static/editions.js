/* The two editions (on every page of both):
   - the language switcher goes to the same page in the other edition, keeping the address's query and hash
     (they carry the charts' state permalinks);
   - on English pages, each translated paragraph's button shows or hides its Chinese original in place. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    document.querySelectorAll("a.wxshop-switch").forEach(function (link) {
      var base = link.getAttribute("href").split(/[?#]/)[0];
      var update = function () { link.setAttribute("href", base + window.location.search + window.location.hash); };
      update();
      window.addEventListener("hashchange", update);
      ["click", "focus", "mouseenter", "touchstart"].forEach(function (kind) {
        link.addEventListener(kind, update, {passive: true});
      });
    });
    document.querySelectorAll(".wxshop-original-toggle").forEach(function (button) {
      var original = button.nextElementSibling;
      if (!original) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var open = original.hidden;
        original.hidden = !open;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = button.getAttribute(open ? "data-hide" : "data-show");
      });
    });
  });
})();
