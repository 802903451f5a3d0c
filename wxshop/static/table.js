/* Filter and sort for tables built by wxshop.charts.omnichannel.filter_table (no libraries, no globals). */
(function () {
  "use strict";
  function text(row, column) {
    var cell = row.querySelector('td[data-column="' + column + '"]');
    return cell ? cell.textContent.trim() : "";
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
    var collator = new Intl.Collator("zh-CN", {numeric: true});

    function filter() {
      var wanted = select ? select.value : "", shown = 0;
      rows.forEach(function (row) {
        var keep = !wanted || text(row, filterColumn) === wanted;
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = "显示 " + shown + " / " + rows.length + " 个" + noun;
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
    }
    if (select) select.addEventListener("change", filter);
    headers.forEach(function (header) {
      header.querySelector("button").addEventListener("click", function () { sortBy(header); });
    });
    box.querySelector(".wxshop-table-controls").hidden = false;
    box.classList.add("wxshop-table-ready");
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".wxshop-filter-table"), setUp);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
