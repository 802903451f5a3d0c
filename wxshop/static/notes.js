/* Quiet notes in the reading flow: where each number placed from the data comes from (.wxshop-number),
   and the glossary's definition where a term first appears in a section (.wxshop-term). A dotted underline;
   the note opens on hover, on keyboard focus and on tap, and closes with Escape or a second tap. */
(function () {
  "use strict";
  var GLOSSARY = /*GLOSSARY*/[];
  var counter = 0;

  function wire(anchor, note) {
    note.id = note.id || "wxshop-note-" + (++counter);
    note.setAttribute("role", "tooltip");
    anchor.setAttribute("tabindex", "0");
    anchor.setAttribute("aria-describedby", note.id);
    anchor.addEventListener("click", function (event) {
      if (event.target.closest("a")) return;
      anchor.classList.toggle("wxshop-open");
    });
    anchor.addEventListener("keydown", function (event) {
      if (event.key === "Escape") anchor.classList.remove("wxshop-open");
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); anchor.classList.toggle("wxshop-open"); }
    });
    anchor.addEventListener("blur", function () { anchor.classList.remove("wxshop-open"); });
  }

  function numbers() {
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-number"), function (number) {
      var note = number.querySelector(".wxshop-provenance");
      if (note) wire(number, note);
    });
  }

  var SKIP = "a, h1, h2, h3, h4, h5, h6, code, pre, figure, table, .wxshop-number, .wxshop-term, .wxshop-caption, " +
             ".wxshop-controls, .wxshop-sources-panel, .admonition-title, .visually-hidden, dt";
  function terms() {
    var main = document.querySelector("main");
    if (!main || !GLOSSARY.length || document.body.getAttribute("data-glossary-page")) return;
    var sections = main.querySelectorAll("article > section, article > section > section");
    Array.prototype.forEach.call(sections.length ? sections : [main], function (section) {
      var used = {};
      var walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var parent = node.parentElement;
          if (!parent || parent.closest(SKIP) || !parent.closest("p, li")) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        GLOSSARY.forEach(function (entry) {
          if (used[entry.term] || !node.parentNode) return;
          var at = node.nodeValue.indexOf(entry.term);
          if (at < 0) return;
          var rest = node.splitText(at);
          rest.splitText(entry.term.length);
          var term = document.createElement("span");
          term.className = "wxshop-term";
          term.textContent = entry.term;
          var note = document.createElement("span");
          note.className = "wxshop-definition";
          note.textContent = entry.term + "：" + entry.definition;
          term.appendChild(note);
          rest.parentNode.replaceChild(term, rest);
          wire(term, note);
          used[entry.term] = true;
        });
      });
    });
  }

  function start() { numbers(); terms(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
