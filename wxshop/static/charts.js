/* The book's chart runtime: draws each figure's compiled Vega spec when it scrolls into view, fits it to
   the column's width, wires the reader's HTML controls to the chart's signals and shows tooltips.
   Needs only window.vega, from vega-bundle.js beside this file. The page does not load that bundle: this
   script loads it when the reader first scrolls or a chart nears the viewport (or a permalink or a print
   asks for a chart), so the text of a freshly opened page never waits for it; the browser prefetches it
   while idle.
   Defines one global, window.wxshopCharts, for tests and tools. */
(function () {
  /* The words of a figure's scripts in the figure's language: its own lang (the book writes it on every
     figure), else the page's. */
  function english(el) {
    var node = el && el.closest && el.closest("[lang]");
    return /^en\b/i.test((node ? node.getAttribute("lang") : document.documentElement.lang) || "");
  }
  function wordsOf(el) { return english(el) ? EN_WORDS : ZH_WORDS; }
  var EN_WORDS = {noScript: "The chart script did not load", failed: "The chart failed to load: ", exhibit: "Exhibit ",
                    chart: "Chart", edition: "Edition_", shown: "_as_shown", png: "PNG downloaded", svg: "SVG downloaded",
                    csv: "The data as shown downloaded", copied: "Link copied", copyBar: "Copy the link from the address bar",
                    pp: " percentage points"};
  var ZH_WORDS = {noScript: "图表脚本未加载", failed: "图表加载失败：", exhibit: "图表", chart: "图表", edition: "本版_",
                    shown: "_当前显示", png: "已下载 PNG", svg: "已下载 SVG", csv: "已下载当前显示的数据", copied: "链接已复制",
                    copyBar: "请复制地址栏中的链接", pp: " 个百分点"};
  "use strict";
  var registry = window.wxshopCharts = {views: [], figures: [], ready: null};
  var MAX_WIDTH = 720;
  var RUNTIME = (function () {
    var own = document.currentScript && document.currentScript.src;
    return own ? own.replace(/charts\.js(\?[^#]*)?$/, "vega-bundle.js") : null;
  })();
  var runtime = null;

  /* Vega, loaded once, on demand. Resolves with window.vega; rejects if the file cannot be loaded. */
  function loadRuntime() {
    if (runtime) return runtime;
    runtime = new Promise(function (resolve, reject) {
      if (window.vega) { resolve(window.vega); return; }
      if (!RUNTIME) { reject(new Error("no runtime address")); return; }
      var script = document.createElement("script");
      script.src = RUNTIME;
      script.onload = function () { window.vega ? resolve(window.vega) : reject(new Error("vega missing")); };
      script.onerror = function () { reject(new Error(RUNTIME)); };
      document.head.appendChild(script);
    });
    runtime.catch(function () {
      registry.figures.forEach(function (f) {
        if (!f.wxshopView) f.querySelector(".wxshop-chart").textContent = wordsOf(f).noScript;
      });
    });
    return runtime;
  }
  function prefetch() {
    if (!RUNTIME || window.vega || location.protocol === "file:") return;
    var link = document.createElement("link");
    link.rel = "prefetch";
    link.as = "script";
    link.href = RUNTIME;
    document.head.appendChild(link);
  }

  function yuan(value, en) {
    var v = Number(value), abs = Math.abs(v), scales = [[1e12, "万亿"], [1e8, "亿"], [1e4, "万"]];
    if (en) {  /* a fallback only: sliders carry their read-outs, written by wxshop.units */
      var en = [[1e12, "tn"], [1e9, "bn"], [1e6, "mn"]];
      for (var k = 0; k < en.length; k++) if (abs >= en[k][0]) return "RMB " + trim((v / en[k][0]).toFixed(2)) + en[k][1];
      return "RMB " + Number(trim(v.toFixed(2))).toLocaleString("en-US");
    }
    for (var i = 0; i < scales.length; i++) {
      if (abs >= scales[i][0]) {
        return trim((v / scales[i][0]).toFixed(2)) + scales[i][1] + "元";
      }
    }
    return trim(v.toFixed(2)) + "元";
  }
  function trim(text) { return text.indexOf(".") < 0 ? text : text.replace(/0+$/, "").replace(/\.$/, ""); }
  function format(kind, value, el) {
    var v = Number(value);
    if (kind === "yuan") return yuan(v, english(el));
    if (kind === "percent") return trim(v.toFixed(4)) + "%";
    if (kind === "fraction_percent") return trim((v * 100).toFixed(1)) + "%";
    if (kind === "pp") {
      var text = (v >= 0 ? "+" : "") + trim(v.toFixed(2));
      return (text === "+0" || text === "-0" ? "0" : text) + wordsOf(el).pp;
    }
    return String(value);
  }
  registry.format = format;

  /* Width signals of the compiled spec ("width", "concat_0_width", ...) with a fixed value. */
  function widthSignals(spec) {
    return (spec.signals || []).filter(function (s) {
      return /(^|_)width$/.test(s.name) && typeof s.value === "number";
    });
  }
  function targetWidth(container, spec) {
    var margin = spec.wxshopMargin || 80;
    return Math.max(160, Math.min(MAX_WIDTH, container.clientWidth) - margin);
  }

  var tooltip = null, pinned = false;
  function hideTooltip() { if (tooltip) tooltip.hidden = true; pinned = false; }
  function showTooltip(handler, event, item, value) {
    if (pinned && handler) return;  // a tapped mark's tooltip stays until the reader taps elsewhere
    if (!tooltip) {
      tooltip = document.createElement("div");
      tooltip.className = "wxshop-tooltip";
      tooltip.setAttribute("role", "tooltip");
      document.body.appendChild(tooltip);
    }
    if (value == null || value === "") { tooltip.hidden = true; return; }
    var rows = typeof value === "object" ? Object.keys(value).map(function (k) { return [k, value[k]]; })
      : [["", value]];
    tooltip.textContent = "";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      if (row[0]) {
        var key = document.createElement("b");
        key.textContent = row[0] + "：";
        line.appendChild(key);
      }
      line.appendChild(document.createTextNode(String(row[1])));
      tooltip.appendChild(line);
    });
    tooltip.hidden = false;
    var x = event.clientX + 12, y = event.clientY + 12, box = tooltip.getBoundingClientRect();
    if (x + box.width > window.innerWidth - 4) x = Math.max(4, event.clientX - box.width - 12);
    if (y + box.height > window.innerHeight - 4) y = Math.max(4, event.clientY - box.height - 12);
    tooltip.style.left = (x + window.scrollX) + "px";
    tooltip.style.top = (y + window.scrollY) + "px";
  }
  /* A tap (or click) on a mark shows its tooltip, the same content as hovering it; a tap elsewhere closes it. */
  var REACH = 20;  // px around a tap in which the nearest mark with a tooltip counts as tapped (a finger is wide)
  function nearestMark(view, x, y) {
    var best = null, distance = REACH;
    (function walk(node) {
      if (!node) return;
      if (node.marktype) {
        (node.items || []).forEach(function (item) {
          if (node.marktype === "group") { walk(item); return; }
          if (item.tooltip == null || item.tooltip === "" || !item._svg) return;
          var box = item._svg.getBoundingClientRect();
          var dx = Math.max(box.left - x, 0, x - box.right), dy = Math.max(box.top - y, 0, y - box.bottom);
          var d = Math.sqrt(dx * dx + dy * dy);
          if (d < distance || (d === 0 && best === null)) { distance = d; best = item; }
        });
        return;
      }
      (node.items || []).forEach(walk);
    })(view.scenegraph().root);
    return best;
  }
  /* A tap on a mark shows its tooltip: the element tapped if it has one (Vega's SVG renderer keeps each drawn
     element's item as __data__; Vega's own click events after a touch name the item last hovered, which a finger
     never hovers), else the nearest mark with a tooltip within REACH px. */
  function tapTooltips(container, view) {
    container.addEventListener("click", function (event) {
      var item = null;
      for (var el = event.target; el && el !== container && !item; el = el.parentNode) {
        var data = el.__data__;
        if (data && data.tooltip != null && data.tooltip !== "") item = data;
      }
      item = item || nearestMark(view, event.clientX, event.clientY);
      if (!item) return;
      event.wxshopTooltip = true;
      pinned = false;
      showTooltip(null, event, item, item.tooltip);
      pinned = true;
    });
  }
  document.addEventListener("click", function (event) { if (!event.wxshopTooltip) hideTooltip(); });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTooltip(); });

  function controlValue(input) {
    if (input.type === "range" || input.getAttribute("data-type") === "number") return Number(input.value);
    return input.value;
  }
  /* A slider's read-out: the page's own table of every position's words (written by the Python formatting,
     in the page's language), else the format below. */
  function readout(input) {
    if (input.wxshopReadouts === undefined) {
      try { input.wxshopReadouts = JSON.parse(input.getAttribute("data-readouts") || "null"); }
      catch (e) { input.wxshopReadouts = null; }
    }
    var found = input.wxshopReadouts && input.wxshopReadouts[String(Number(input.value))];
    return found || format(input.getAttribute("data-format"), input.value, input);
  }
  function updateOutput(input) {
    if (input.type !== "range") return;
    var text = readout(input);
    var output = input.parentNode.querySelector("output");
    if (output) output.textContent = text;
    input.setAttribute("aria-valuetext", text);
  }

  /* Fill the column: every fixed width of the chart (the top-level width, and the width signals of
     concatenated views) becomes the container's width less room for axes; then, if the drawn SVG is
     still wider than its container (long labels, legends), shrink by the excess. */
  function setWidths(view, spec, width) {
    if (typeof spec.width === "number") view.width(width);
    widthSignals(spec).forEach(function (s) { view.signal(s.name, width); });
  }
  function fit(figure, view) {
    var container = figure.querySelector(".wxshop-chart");
    var spec = figure.wxshopSpec, want = targetWidth(container, spec);
    setWidths(view, spec, want);
    return view.runAsync().then(function () {
      var svg = container.querySelector("svg");
      if (!svg) return view;
      // The SVG's own width (CSS may scale it down to the column, which would shrink its labels).
      var excess = svg.width.baseVal.value - container.clientWidth;
      if (excess <= 0) return view;
      setWidths(view, spec, Math.max(120, want - excess - 4));
      return view.runAsync();
    });
  }

  /* ---- downloads: PNG and SVG as drawn, with the chart's title above and its 来源 line below; the displayed
     rows as CSV under the chart's own Chinese column names. Files are named after what they show: a report
     exhibit 图表NN_<标题>, the edition's own chart 本版_<模型名或图名>. ---- */
  /* What the caption under a figure says of it (on its 来源 line): data-exhibit, data-name. */
  function meta(cap, name) {
    var line = cap && cap.querySelector(".wxshop-sources");
    return line ? line.getAttribute(name) : null;
  }
  function caption(figure) {
    for (var node = figure.nextElementSibling || (figure.closest(".output") || figure).nextElementSibling; node;
         node = node.nextElementSibling) {
      var found = node.matches(".wxshop-caption") ? node : node.querySelector(".wxshop-caption");
      if (found) return found;
      if (node.querySelector(".wxshop-figure")) return null;
    }
    var cell = figure.closest(".cell");
    for (var next = cell && cell.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.querySelector(".wxshop-figure")) return null;
      var inCell = next.querySelector(".wxshop-caption");
      if (inCell) return inCell;
    }
    return null;
  }
  function exhibitHeading(number, figure) {
    var section = document.getElementById("exhibit-" + number);
    var h = section && section.querySelector("h1, h2, h3, h4");
    return h ? h.textContent.replace(/[#¶]\s*$/, "").trim() : wordsOf(figure).exhibit + number;
  }
  function title(figure) {
    var cap = caption(figure), number = meta(cap, "data-exhibit");
    if (number) return exhibitHeading(number, figure);
    return meta(cap, "data-name") || figure.getAttribute("data-title") || wordsOf(figure).chart;
  }
  function fileName(figure) {
    var cap = caption(figure), number = meta(cap, "data-exhibit"), name;
    if (number) {
      name = exhibitHeading(number, figure).replace(/^(图表|Exhibit )(\d+)[：:]/, function (m, word, n) {
        return word.trim() + (n.length < 2 ? "0" + n : n) + "_"; });
    } else {
      name = wordsOf(figure).edition + (meta(cap, "data-name") || figure.getAttribute("data-title") || wordsOf(figure).chart);
    }
    return name.replace(/[\\/:*?"<>|\s]+/g, "").slice(0, 80);
  }
  function sourceLines(figure) {
    var cap = caption(figure);
    if (!cap) return [];
    return Array.prototype.map.call(cap.querySelectorAll(".wxshop-sources, .wxshop-drawn"), function (span) {
      return span.textContent.trim();
    }).filter(Boolean);
  }
  /* Lines of at most ``width`` px for ``text`` as ``measure`` measures it (Chinese breaks between characters;
     a run of Latin letters or digits stays whole). */
  function wrapText(text, width, measure) {
    var tokens = text.match(/[A-Za-z0-9.,%+\-]+|./g) || [], lines = [], line = "";
    tokens.forEach(function (token) {
      if (line && measure(line + token) > width && !/^[，。；：、）》”]$/.test(token)) { lines.push(line); line = ""; }
      line += token;
    });
    if (line) lines.push(line);
    return lines;
  }
  var FONT = 'system-ui, -apple-system, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  function framed(figure, width) {
    var canvas = document.createElement("canvas").getContext("2d");
    var measure = function (size) { return function (t) { canvas.font = size + "px " + FONT; return canvas.measureText(t).width; }; };
    var head = wrapText(title(figure), width - 16, measure(15));
    var foot = [];
    sourceLines(figure).forEach(function (line) { foot = foot.concat(wrapText(line, width - 16, measure(12))); });
    return {head: head, foot: foot, top: 8 + head.length * 21 + 6, bottom: 6 + foot.length * 17 + 6};
  }
  function escapeXML(text) { return text.replace(/[&<>"]/g, function (c) { return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]; }); }
  function svgWithFrame(figure, svg) {
    var doc = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
    var w = Number(doc.getAttribute("width")), h = Number(doc.getAttribute("height")), f = framed(figure, w);
    var texts = f.head.map(function (line, i) {
      return '<text x="8" y="' + (8 + 15 + i * 21) + '" font-size="15" font-weight="bold" fill="#1d1f22">' + escapeXML(line) + "</text>";
    }).concat(f.foot.map(function (line, i) {
      return '<text x="8" y="' + (f.top + h + 6 + 12 + i * 17) + '" font-size="12" fill="#4a4d52">' + escapeXML(line) + "</text>";
    }));
    doc.setAttribute("x", "0");
    doc.setAttribute("y", String(f.top));
    var inner = new XMLSerializer().serializeToString(doc);
    var total = f.top + h + f.bottom;
    return '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="' + w + '" height="' + total +
      '" viewBox="0 0 ' + w + " " + total + '" font-family=\'' + FONT.replace(/'/g, "") + '\'><rect width="100%" height="100%" fill="#fff"/>' +
      texts.join("") + inner + "</svg>";
  }
  function pngWithFrame(figure, view, scale) {
    return view.toCanvas(scale).then(function (chart) {
      var w = chart.width / scale, h = chart.height / scale, f = framed(figure, w);
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round((f.top + h + f.bottom) * scale);
      var ctx = canvas.getContext("2d");
      ctx.scale(scale, scale);
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, w, f.top + h + f.bottom);
      ctx.textBaseline = "alphabetic";
      ctx.fillStyle = "#1d1f22";
      ctx.font = "bold 15px " + FONT;
      f.head.forEach(function (line, i) { ctx.fillText(line, 8, 8 + 15 + i * 21); });
      ctx.drawImage(chart, 0, f.top, w, h);
      ctx.fillStyle = "#4a4d52";
      ctx.font = "12px " + FONT;
      f.foot.forEach(function (line, i) { ctx.fillText(line, 8, f.top + h + 6 + 12 + i * 17); });
      return canvas.toDataURL("image/png");
    });
  }
  function save(url, name) {
    var a = document.createElement("a");
    a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  }
  function displayedRows(view) {
    var rows = [], seen = {};
    (function walk(node) {
      if (!node) return;
      if (node.marktype && node.marktype !== "group") {
        if (node.role !== "mark") return;  // axes, legends, titles: not data
        (node.items || []).forEach(function (item) {
          if (!item.datum) return;
          var row = {};
          Object.keys(item.datum).forEach(function (k) { if (k.charAt(0) !== "_" && k !== "Symbol(vega_id)") row[k] = item.datum[k]; });
          var key = JSON.stringify(row);
          if (!seen[key]) { seen[key] = true; rows.push(row); }
        });
        return;
      }
      (node.items || []).forEach(walk);
    })(view.scenegraph().root);
    return rows;
  }
  /* The chart's own names for its fields (its axes, legends and tooltips, with their units), written into the
     figure at build time; fields the chart never names (sort keys, helpers) stay out of the file. */
  function columnNames(figure) {
    try { return JSON.parse(figure.getAttribute("data-columns") || "{}"); } catch (e) { return {}; }
  }
  function toCSV(rows, names) {
    var columns = [], labels = names || {};
    rows.forEach(function (r) { Object.keys(r).forEach(function (k) { if (columns.indexOf(k) < 0) columns.push(k); }); });
    var named = columns.filter(function (c) { return labels[c]; });
    if (named.length) columns = named;
    var cell = function (v) {
      if (v == null) return "";
      var text = typeof v === "object" ? JSON.stringify(v) : String(v);
      return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return "\ufeff" + [columns.map(function (c) { return cell(labels[c] || c); }).join(",")].concat(rows.map(function (r) {
      return columns.map(function (c) { return cell(r[c]); }).join(","); })).join("\n") + "\n";
  }
  registry.displayedCSV = function (index) {
    var figure = registry.figures[index];
    return toCSV(displayedRows(figure.wxshopView), columnNames(figure));
  };
  registry.fileName = function (index) { return fileName(registry.figures[index]); };
  registry.framedSVG = function (index) {
    var figure = registry.figures[index];
    return figure.wxshopView.toSVG().then(function (svg) { return svgWithFrame(figure, svg); });
  };

  /* ---- permalinks: #wx:at=f2&f0.budget=200000&f2.scenario=high records every control on the page and the
     chart that was shared (or last changed), which the link opens at ---- */
  var PREFIX = "#wx:";
  function controls() {
    var out = [];
    registry.figures.forEach(function (figure, i) {
      Array.prototype.forEach.call(figure.querySelectorAll("[data-signal]"), function (input) {
        out.push({key: "f" + i + "." + input.getAttribute("data-signal"), input: input, figure: figure});
      });
    });
    return out;
  }
  function permalink(figure) {
    var params = new URLSearchParams(), at = registry.figures.indexOf(figure);
    if (at >= 0) params.set("at", "f" + at);
    controls().forEach(function (c) { params.set(c.key, c.input.value); });
    return location.href.split("#")[0] + PREFIX + params.toString();
  }
  registry.permalink = function (index) { return permalink(registry.figures[index]); };
  function remember(figure) {
    try { history.replaceState(null, "", permalink(figure)); } catch (e) { /* file:// in some browsers */ }
  }
  function allowed(input, value) {
    if (input.tagName === "SELECT") {
      return Array.prototype.some.call(input.options, function (o) { return o.value === value; });
    }
    var v = Number(value), min = Number(input.min), max = Number(input.max), step = Number(input.step) || 1;
    if (value === "" || !isFinite(v) || v < min - 1e-9 || v > max + 1e-9) return false;
    var k = (v - min) / step;
    return Math.abs(k - Math.round(k)) < 1e-6;
  }
  function restore() {
    if (location.hash.indexOf(PREFIX) !== 0) return null;
    var params, target = null;
    try { params = new URLSearchParams(decodeURIComponent(location.hash.slice(PREFIX.length))); } catch (e) { return null; }
    controls().forEach(function (c) {
      var value = params.get(c.key);
      if (value !== null && allowed(c.input, value)) {
        c.input.value = value;
        updateOutput(c.input);
        target = target || c.figure;
      }
    });
    var at = /^f(\d+)$/.exec(params.get("at") || "");
    if (at && registry.figures[Number(at[1])]) target = registry.figures[Number(at[1])];
    return target;
  }
  function setUpTools(figure, view) {
    var tools = figure.querySelector(".wxshop-figure-tools");
    if (!tools) return;
    var status = tools.querySelector(".wxshop-tool-status");
    var say = function (text) { status.textContent = text; };
    var WORDS = wordsOf(figure);
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action"), name = fileName(figure);
      if (action === "png") {
        pngWithFrame(figure, view, 2).then(function (url) { save(url, name + ".png"); say(WORDS.png); });
      } else if (action === "svg") {
        view.toSVG().then(function (svg) {
          save(URL.createObjectURL(new Blob([svgWithFrame(figure, svg)], {type: "image/svg+xml"})), name + ".svg");
          say(WORDS.svg);
        });
      } else if (action === "csv") {
        save(URL.createObjectURL(new Blob([toCSV(displayedRows(view), columnNames(figure))], {type: "text/csv;charset=utf-8"})),
             name + WORDS.shown + ".csv");
        say(WORDS.csv);
      } else if (action === "link") {
        var link = permalink(figure);
        remember(figure);
        var done = function () { say(WORDS.copied); }, fail = function () { say(WORDS.copyBar); };
        if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(link).then(done, fail); }
        else { fail(); }
      }
    });
    tools.hidden = false;
  }

  /* Draw a figure: load the runtime if it is not there yet, then build the view in a task of its own. */
  function draw(figure) {
    if (!figure.wxshopDrawn) {
      figure.wxshopDrawn = loadRuntime().then(function () {
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
      }).then(function () { return build(figure); }, function () { return undefined; });
    }
    return figure.wxshopDrawn;
  }

  function build(figure) {
    var source = figure.querySelector("script.wxshop-spec");
    var container = figure.querySelector(".wxshop-chart");
    var spec = JSON.parse(source.textContent);
    figure.wxshopSpec = spec;
    container.textContent = "";
    var view = new vega.View(vega.parse(spec), {renderer: "svg", container: container, hover: true});
    view.tooltip(showTooltip);
    tapTooltips(container, view);
    figure.wxshopView = view;
    registry.views.push(view);
    Array.prototype.forEach.call(figure.querySelectorAll("[data-signal]"), function (input) {
      var name = input.getAttribute("data-signal");
      view.signal(name, controlValue(input));
      var onChange = function () {
        updateOutput(input);
        view.signal(name, controlValue(input)).runAsync().then(function () {
          figure.dispatchEvent(new CustomEvent("wxshop:redraw", {bubbles: true}));
        });
      };
      input.addEventListener("input", onChange);
      input.addEventListener("change", onChange);
      input.addEventListener("change", function () { remember(figure); });
      updateOutput(input);
    });
    return fit(figure, view).then(function () {
      setUpTools(figure, view);
      figure.classList.add("wxshop-drawn");
      figure.dispatchEvent(new CustomEvent("wxshop:drawn", {bubbles: true}));
      return view;
    }).catch(function (err) {
      container.textContent = wordsOf(container).failed + err;
      console.error(err);
    });
  }
  registry.draw = draw;

  /* Open a shared link at its chart: scroll to it once drawn, and keep it there while the charts around it draw,
     until the reader scrolls. */
  function openAt(target) {
    var moved = false, settle = function () { if (!moved) target.scrollIntoView({block: "start", behavior: "instant"}); };
    ["wheel", "touchstart", "keydown"].forEach(function (type) {
      window.addEventListener(type, function () { moved = true; }, {once: true, passive: true});
    });
    draw(target).then(function () {
      settle();
      document.addEventListener("wxshop:drawn", settle);
      setTimeout(function () { document.removeEventListener("wxshop:drawn", settle); }, 3000);
    });
  }

  function start() {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".wxshop-figure"));
    registry.figures = figures;
    var target = restore();
    var waiters = figures.map(function (figure) {
      return new Promise(function (resolve) { figure.addEventListener("wxshop:drawn", resolve, {once: true}); });
    });
    registry.ready = Promise.all(waiters);
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
        });
      }, {rootMargin: "300px 0px"});
      figures.forEach(function (figure) { observer.observe(figure); });
    } else {
      figures.forEach(draw);
    }
    registry.drawAll = function () { return Promise.all(figures.map(draw)); };
    if (document.readyState === "complete") { prefetch(); } else { window.addEventListener("load", prefetch); }
    // A reader who starts scrolling is heading for the charts: have Vega ready before the first one arrives.
    window.addEventListener("scroll", function () { loadRuntime(); }, {once: true, passive: true});
    if (target) openAt(target);
    var lastWidth = window.innerWidth, timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (Math.abs(window.innerWidth - lastWidth) < 24) return;
        lastWidth = window.innerWidth;
        figures.forEach(function (figure) { if (figure.wxshopView) fit(figure, figure.wxshopView); });
      }, 150);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
