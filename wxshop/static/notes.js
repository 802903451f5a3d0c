/* Quiet notes in the reading flow: where each number placed from the data comes from (.wxshop-number),
   and the glossary's definition where a term first appears in a section (.wxshop-term). A dotted underline;
   the note opens on hover (with a mouse), on keyboard focus and on tap, and closes with Escape, a second tap or a
   tap anywhere else. Each note is moved to lie inside the viewport when it opens (a phone is 360 px wide).
   The page stays responsive while this runs: one set of listeners on the document serves every note, and the
   terms are marked a few paragraphs at a time, in short tasks, after the text has been drawn. */
(function () {
  "use strict";
  var GLOSSARY = /*GLOSSARY*/[];
  var ANCHOR = ".wxshop-number[aria-describedby], .wxshop-term";
  var BUDGET_MS = 8;  // work per task before yielding to the reader (a phone is several times slower)
  var counter = 0;

  function prepare(anchor, note) {
    note.id = note.id || "wxshop-note-" + (++counter);
    note.setAttribute("role", "tooltip");
    anchor.setAttribute("tabindex", "0");
    anchor.setAttribute("aria-describedby", note.id);
  }

  var MARGIN = 8;  // px kept free between a note and the viewport's edges

  /* Move the anchor's note (shown) inside the viewport: sideways first, then above the line if it runs off
     the bottom and there is room above. */
  function place(anchor) {
    var note = anchor.querySelector(".wxshop-provenance, .wxshop-definition");
    if (!note) return;
    note.style.left = "0px";
    note.style.top = "";
    note.style.bottom = "";
    var width = document.documentElement.clientWidth, height = window.innerHeight;
    note.style.maxWidth = Math.min(352, width - 2 * MARGIN) + "px";
    var box = note.getBoundingClientRect();
    if (!box.width) return;  // not shown
    var shift = 0;
    if (box.right > width - MARGIN) shift = width - MARGIN - box.right;
    if (box.left + shift < MARGIN) shift = MARGIN - box.left;
    note.style.left = shift + "px";
    var line = anchor.getBoundingClientRect();
    if (box.bottom > height - MARGIN && line.top - box.height - 4 >= MARGIN) {
      note.style.top = "auto";
      note.style.bottom = "1.6em";
    }
  }
  function closeAll(except) {
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-open"), function (open) {
      if (open !== except) open.classList.remove("wxshop-open");
    });
  }

  function listen() {
    document.addEventListener("click", function (event) {
      var anchor = event.target.closest(ANCHOR);
      if (event.target.closest("a")) return;  // a link in a note: follow it
      closeAll(anchor);
      if (!anchor) {  // a tap elsewhere closes every note
        var active = document.activeElement;
        if (active && active.matches && active.matches(ANCHOR)) active.blur();
        return;
      }
      anchor.classList.toggle("wxshop-open");
      place(anchor);
    });
    document.addEventListener("mouseover", function (event) {
      var anchor = event.target.closest && event.target.closest(ANCHOR);
      if (anchor && !anchor.contains(event.relatedTarget)) place(anchor);
    });
    document.addEventListener("focusin", function (event) {
      if (event.target.matches && event.target.matches(ANCHOR)) place(event.target);
    });
    document.addEventListener("keydown", function (event) {
      var anchor = event.target.closest && event.target.closest(ANCHOR);
      if (!anchor) return;
      if (event.key === "Escape") anchor.classList.remove("wxshop-open");
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        anchor.classList.toggle("wxshop-open");
        place(anchor);
      }
    });
    document.addEventListener("focusout", function (event) {
      if (event.target.matches && event.target.matches(ANCHOR)) event.target.classList.remove("wxshop-open");
    });
  }

  function numbers() {
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-number"), function (number) {
      var note = number.querySelector(".wxshop-provenance");
      if (note) prepare(number, note);
    });
  }

  var SKIP = "a, h1, h2, h3, h4, h5, h6, code, pre, figure, table, .wxshop-number, .wxshop-term, .wxshop-caption, " +
             ".wxshop-controls, .wxshop-sources-panel, .admonition-title, .visually-hidden, dt, script, style";
  var SUBSECTION = "article > section > section";

  /* The parts a term is marked once in: each second-level section, and each chapter's text outside them. */
  function parts(main) {
    var tops = main.querySelectorAll("article > section");
    if (!tops.length) return [{root: main, outside: null}];
    var out = [];
    Array.prototype.forEach.call(tops, function (top) {
      out.push({root: top, outside: top.querySelector(":scope > section") ? SUBSECTION : null});
      Array.prototype.forEach.call(top.querySelectorAll(":scope > section"), function (sub) {
        out.push({root: sub, outside: null});
      });
    });
    return out;
  }

  function walker(part) {
    return document.createTreeWalker(part.root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (node.nodeType === 1) {
          if (node.matches(SKIP) || (part.outside && node.matches(part.outside))) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_SKIP;
        }
        return node.parentElement.closest("p, li") ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
  }

  /* Mark the first unused term in a text node (the walker then visits the text after it). */
  function markFirst(node, used) {
    var best = null, at = -1;
    GLOSSARY.forEach(function (entry) {
      if (used[entry.term]) return;
      var i = node.nodeValue.indexOf(entry.term);
      if (i >= 0 && (at < 0 || i < at)) { at = i; best = entry; }
    });
    if (!best) return;
    var rest = node.splitText(at);
    rest.splitText(best.term.length);
    var term = document.createElement("span");
    term.className = "wxshop-term";
    term.textContent = best.term;
    var note = document.createElement("span");
    note.className = "wxshop-definition";
    note.textContent = best.term + "：" + best.definition;
    term.appendChild(note);
    rest.parentNode.replaceChild(term, rest);
    prepare(term, note);
    used[best.term] = true;
  }

  function terms() {
    var main = document.querySelector("main");
    if (!main || !GLOSSARY.length || document.body.getAttribute("data-glossary-page")) return;
    var queue = parts(main), current = null;
    function step() {
      var start = performance.now();
      while (performance.now() - start < BUDGET_MS) {
        if (!current) {
          if (!queue.length) return;
          current = queue.shift();
          current.walk = walker(current);
          current.used = {};
        }
        var node = current.walk.nextNode();
        if (node) { markFirst(node, current.used); } else { current = null; }
      }
      setTimeout(step, 0);
    }
    setTimeout(step, 0);
  }

  function start() { listen(); numbers(); terms(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
