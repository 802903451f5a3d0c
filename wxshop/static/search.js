/* The book's search on top of Sphinx's (searchtools.js, loaded before this file on the search page only):
   - a page or section whose title holds the query, compared without spaces and punctuation, comes first
     (人、货、场 and 人货场 both find the chapter titled 二、从人、货、场三要素看电商行业演进; 图表33 finds the
     section 图表33：电子商务交易额, and not 图表330); a page's own title before a section's;
   - snippets come from the text a reader sees: no chart specs, hidden chart text, closed source panels or
     pop-up notes. */
(function () {
  "use strict";
  if (typeof Search === "undefined") return;
  var PUNCTUATION = /[\s、，,。.：:；;！!？?（）()【】\[\]“”"‘’'《》〈〉—–\-·]/g;
  var HIDDEN = ".headerlink, script, style, noscript, .visually-hidden, .wxshop-figure, .wxshop-provenance, " +
               ".wxshop-definition, details > :not(summary), .wxshop-long-controls, .wxshop-original-wrap, " +
               ".wxshop-edition-switch, .wxshop-translation-note";

  function plain(text) { return String(text || "").toLowerCase().replace(PUNCTUATION, ""); }
  /* ``title`` holds ``query``, and a query ending in a digit does not stop inside a longer number. */
  function holds(title, query) {
    var at = title.indexOf(query);
    while (at >= 0) {
      var next = title.charAt(at + query.length);
      if (!(/\d$/.test(query) && /\d/.test(next))) return true;
      at = title.indexOf(query, at + 1);
    }
    return false;
  }

  var original = Search._performSearch;
  Search._performSearch = function (query, searchTerms, excludedTerms, highlightTerms, objectTerms) {
    var results = original.apply(this, arguments);
    var wanted = plain(query);
    if (!wanted) return results;
    var index = Search._index, found = [];
    Object.keys(index.alltitles).forEach(function (title) {
      var flat = plain(title);
      if (!holds(flat, wanted)) return;
      index.alltitles[title].forEach(function (entry) {
        var file = entry[0], id = entry[1], own = index.titles[file] === title;
        // Best: the page's own title; then a section's; a closer fit (shorter title) before a looser one.
        var score = (own ? 2000 : 1000) + Math.round(100 * wanted.length / flat.length);
        found.push([index.docnames[file], own ? title : index.titles[file] + " > " + title,
                    own || id === null ? "" : "#" + id, null, score, index.filenames[file]]);
      });
    });
    if (!found.length) return results;
    found.sort(function (a, b) { return a[4] - b[4]; });  // shown from the end: the best last
    var seen = {};
    found.forEach(function (r) { seen[r[0] + r[2]] = true; });
    // A page found by its own title is not listed again further down for its text.
    var pages = {};
    found.forEach(function (r) { if (!r[2]) pages[r[0]] = true; });
    return results.filter(function (r) { return !seen[r[0] + r[2]] && !(pages[r[0]] && !r[2]); }).concat(found);
  };

  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    Array.prototype.forEach.call(doc.querySelectorAll(HIDDEN), function (el) { el.remove(); });
    var main = doc.querySelector('[role="main"]');
    var part = null;
    try { part = anchor && main ? main.querySelector(anchor) : null; } catch (e) { part = null; }
    return ((part || main) ? (part || main).textContent : "").replace(/\s+/g, " ");
  };
})();
