/* The book's tables (no libraries, no globals):
   - every table box that scrolls sideways (Furo's .table-wrapper, the edition's .wxshop-table-wrap) gets a
     cue: the class .wxshop-scrolls (an edge shadow) and a label 左右滑动 until the reader reaches its end;
   - filter and sort for tables built by wxshop.charts.tables.filter_table;
   - long reference tables (.wxshop-long-table: the data files, the exhibit register): a search box over every
     cell, and the first rows until the reader asks for all. */
(function () {
  /* English words where the table is in English: its own lang (tables written by the book carry it; in
     JupyterLab the page itself says en whatever the output's language), else the page's. */
  function english(el) {
    var node = el && el.closest("[lang]");
    return /^en\b/i.test((node ? node.getAttribute("lang") : document.documentElement.lang) || "");
  }
  "use strict";
  var SCROLLERS = ".table-wrapper, .wxshop-table-wrap";

  /* The cue for every box in `boxes`, measured first and then written: reading a box's widths after another
     box was changed would lay the page out again for each box (a long chapter has dozens). A box inside a
     closed disclosure (来源与说明) is left until it opens (the toggle listener below): it has no width, and
     asking for one makes the browser lay out the closed content (8 such boxes on 人、货、场: 0.35-0.5 s on a
     phone's CPU, the page's longest task). */
  function cues(boxes) {
    var list = Array.prototype.slice.call(boxes || document.querySelectorAll(SCROLLERS)).filter(function (box) {
      return !box.closest("details:not([open])");
    });
    var seen = list.map(function (box) {  // reads only: one layout for them all
      return {scrolls: box.scrollWidth > box.clientWidth + 1,
              end: box.scrollLeft + box.clientWidth >= box.scrollWidth - 2};
    });
    list.forEach(function (box, i) { mark(box, seen[i].scrolls, seen[i].end); });  // writes only
  }
  function cue(box) { cues([box]); }
  function mark(box, scrolls, atEnd) {
    box.classList.toggle("wxshop-scrolls", scrolls);
    if (scrolls && !box.wxshopFrame) {
      // A frame of no size of its own around the box carries the label, which does not scroll with the table.
      var frame = document.createElement("div");
      frame.className = "wxshop-scroll-frame";
      box.parentNode.insertBefore(frame, box);
      frame.appendChild(box);
      var hint = document.createElement("span");
      hint.className = "wxshop-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = english(box) ? "Swipe sideways ⇆" : "左右滑动 ⇆";
      frame.appendChild(hint);
      box.wxshopFrame = frame;
      box.addEventListener("scroll", function () {
        frame.classList.toggle("wxshop-scrolled-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 2);
      }, {passive: true});
    }
    if (box.wxshopFrame) {
      box.wxshopFrame.querySelector(".wxshop-scroll-hint").hidden = !scrolls;
      box.wxshopFrame.classList.toggle("wxshop-scrolled-end", atEnd);
    }
  }

  function text(row, column) {
    var cell = row.querySelector('td[data-column="' + column + '"]');
    return cell ? cell.textContent.trim() : "";
  }
  /* The button under a table that shows its remaining rows (its words are set by the caller). */
  function moreButton(box, onClick) {
    var more = document.createElement("button");
    more.type = "button";
    more.className = "wxshop-long-more";
    more.addEventListener("click", onClick);
    box.appendChild(more);
    return more;
  }

  function setUp(box) {
    if (box.classList.contains("wxshop-table-ready")) return;  // run once per table (Jupyter may re-run)
    var table = box.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var select = box.querySelector("select.wxshop-filter");  // absent on sort-only tables
    var status = box.querySelector(".wxshop-table-status");
    var filterColumn = box.getAttribute("data-filter-column");
    var noun = box.getAttribute("data-noun") || "行";
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var collator = new Intl.Collator(english(box) ? "en" : "zh-CN", {numeric: true});
    var template = box.getAttribute("data-status");  // the catalogue's words, {shown} and {total} to fill
    // A long table (data-first-rows) arrives with its later rows hidden: the first ones show until the reader
    // asks for all (the button) or filters; sorting keeps the first ones of the new order.
    var first = Number(box.getAttribute("data-first-rows")) || 0, all = !first, more = null;
    if (first) {
      more = moreButton(box, function () { all = true; filter(); });
      more.textContent = box.getAttribute("data-more");
    }

    function filter() {
      var wanted = select ? select.value : "", shown = 0;
      rows.forEach(function (row) {
        var keep = (!wanted || text(row, filterColumn) === wanted) && (all || !!wanted || shown < first);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = template ? template.replace("{shown}", shown).replace("{total}", rows.length)
                                    : "显示 " + shown + " / " + rows.length + " 个" + noun;
      if (more) more.hidden = all || !!wanted;
    }
    function sortBy(header) {
      var column = header.getAttribute("data-column");
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var order = collator.compare(text(a, column), text(b, column));
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      if (!all) filter();
    }
    if (select) select.addEventListener("change", filter);
    headers.forEach(function (header) {
      header.querySelector("button").addEventListener("click", function () { sortBy(header); });
    });
    box.querySelector(".wxshop-table-controls").hidden = false;
    box.classList.add("wxshop-table-ready");
  }

  /* Text as the search compares it: no spaces or punctuation, lower case (人、货、场 finds 人货场). */
  function plain(value) { return value.toLowerCase().replace(/[\s、，。：:；;（）()“”"'《》—–\-]/g, ""); }

  function setUpLong(box) {
    if (box.classList.contains("wxshop-table-ready")) return;
    var table = box.querySelector("table");
    if (!table || !table.tBodies.length) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var first = Number(box.getAttribute("data-first-rows")) || 10;
    var input = box.querySelector(".wxshop-long-controls input");
    var status = box.querySelector(".wxshop-long-status");
    var all = false;
    var words = rows.map(function (row) { return plain(row.textContent); });
    function show() {
      var query = plain(input.value), shown = 0, matched = 0;
      rows.forEach(function (row, i) {
        var match = !query || words[i].indexOf(query) >= 0;
        if (match) matched += 1;
        var keep = match && (all || query || matched <= first);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      var en = english(box);
      status.textContent = en ? (query ? "Found " : "Showing ") + (query ? matched : shown) + " of " + rows.length + " rows"
                         : query ? "找到 " + matched + " / " + rows.length + " 行" : "显示 " + shown + " / " + rows.length + " 行";
      more.hidden = all || !!query || rows.length <= first;
      more.textContent = en ? "Show all " + rows.length + " rows" : "显示全部 " + rows.length + " 行";
      var scroller = table.closest(SCROLLERS);
      if (scroller) cue(scroller);
    }
    input.addEventListener("input", show);
    var more = moreButton(box, function () { all = true; show(); });
    show();
    box.classList.add("wxshop-table-ready");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-filter-table"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-long-table"), setUpLong);
    cues();
    var width = window.innerWidth, timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (window.innerWidth !== width) { width = window.innerWidth; cues(); } }, 150);
    });
    // A table inside a closed disclosure has no width until it opens.
    document.addEventListener("toggle", function (event) {
      if (event.target.open) cues(event.target.querySelectorAll(SCROLLERS));
    }, true);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
