"""What a reader on a phone gets, measured in a page (Playwright, a 360x800 touch context: conftest's ``phone``).

Shared by the phone tests (tests/test_phone.py, which assert) and benchmarks/phone_reader.py (which prints
the counts for a built site, before and after a change). Each probe takes a page already at its address.
"""
from __future__ import annotations

import re
from typing import Any

# Tables: does each fit its column, or scroll inside its own box with a visible cue and a sticky first column?
TABLES_JS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('main table')].filter(t => t.getClientRects().length).map((table) => {
    const box = table.getBoundingClientRect();
    let scroller = null;
    for (let el = table.parentElement; el && el.tagName !== 'MAIN'; el = el.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(el).overflowX)) { scroller = el; break; }
    }
    const inside = scroller ? scroller.getBoundingClientRect() : null;
    const frame = scroller && scroller.parentElement;
    const hint = frame ? frame.querySelector(':scope > .wxshop-scroll-hint') : null;
    const first = table.querySelector('tbody tr > :first-child');
    const cells = [...table.querySelectorAll('td, th')];
    return {
      caption: (table.caption ? table.caption.textContent : table.rows[0].textContent).trim().slice(0, 30),
      width: Math.round(box.width), viewport: width,
      fits: box.width <= width + 0.5 && box.right <= width + 0.5,
      scrolls: !!scroller && scroller.scrollWidth > scroller.clientWidth + 1 && inside.right <= width + 0.5,
      cue: !!hint && !hint.hidden && hint.getBoundingClientRect().width > 0,
      sticky: !!first && getComputedStyle(first).position === 'sticky',
      keep_all: cells.some(c => getComputedStyle(c).wordBreak === 'keep-all'),
      screens: Math.round(10 * box.height / window.innerHeight) / 10,
    };
  });
}"""


def tables(page) -> list[dict[str, Any]]:
    return page.evaluate(TABLES_JS)


def readable(table: dict[str, Any]) -> bool:
    """A table a phone reader can read: it fits, or it scrolls inside its box with a cue and a sticky first column."""
    return table["fits"] or (table["scrolls"] and table["cue"] and table["sticky"])


ANCHORS = ".wxshop-number, .wxshop-term"

# Two animation frames: the page has handled the input it was given and drawn the result (instead of a fixed wait).
FRAMES = "await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));"


def wait_for_terms(page) -> None:
    """notes.js marks glossary terms in short tasks after the text is drawn: wait until it has finished."""
    page.wait_for_function("""() => new Promise((done) => {
        let last = -1; const check = () => { const n = document.querySelectorAll('.wxshop-term').length;
        if (n === last) done(true); else { last = n; setTimeout(check, 300); } }; check(); })""")


# The middle of the first line box of the ``index``-th element matching ``selector``, scrolled into view.
POINT_JS = """(selector, index) => {
    const el = document.querySelectorAll(selector)[index];
    el.scrollIntoView({block: 'center', behavior: 'instant'});
    const rect = el.getClientRects()[0];
    return rect ? [rect.left + Math.min(rect.width / 2, 6), rect.top + rect.height / 2] : null; }"""


def tap_point(page, selector: str, index: int) -> tuple[float, float] | None:
    """The middle of the first line box of the ``index``-th element matching ``selector``, scrolled into view."""
    return page.evaluate(f"([selector, index]) => ({POINT_JS})(selector, index)", [selector, index])


NOTE_STATE_JS = """async ([selector, index]) => { """ + FRAMES + """
    const anchor = document.querySelectorAll(selector)[index];
    const note = anchor.querySelector('.wxshop-provenance, .wxshop-definition');
    const box = note.getBoundingClientRect(), w = document.documentElement.clientWidth;
    return {text: note.textContent.trim().slice(0, 60), kind: note.className,
            shown: getComputedStyle(note).display !== 'none' && box.width > 0,
            inside: box.left >= -0.5 && box.right <= w + 0.5 && box.top >= -0.5 && box.bottom <= window.innerHeight + 0.5,
            links: [...note.querySelectorAll('a')].map(a => a.getAttribute('href'))};
}"""
# Is the note closed (after the tap elsewhere has been drawn)? Then, in the same call, the next anchor's tap point.
NOTE_CLOSED_JS = """async ([selector, index, next]) => { """ + FRAMES + """
    const note = document.querySelectorAll(selector)[index].querySelector('.wxshop-provenance, .wxshop-definition');
    const closed = getComputedStyle(note).display === 'none';
    return {closed, next: next >= 0 ? (""" + POINT_JS + """)(selector, next) : null};
}"""


def notes(page, limit: int | None = None) -> list[dict[str, Any]]:
    """Tap each note's anchor (numbers and glossary terms): is the note shown, inside the viewport, with a
    link; does a tap elsewhere close it? ``limit``: the first so many anchors only."""
    count = page.locator(ANCHORS).count()
    last = count if limit is None else min(count, limit)
    found = []
    point = tap_point(page, ANCHORS, 0) if last else None
    for index in range(last):
        following = index + 1 if index + 1 < last else -1
        if point is None:  # no line box (not displayed): skipped
            point = tap_point(page, ANCHORS, following) if following >= 0 else None
            continue
        page.touchscreen.tap(*point)
        state = page.evaluate(NOTE_STATE_JS, [ANCHORS, index])
        page.touchscreen.tap(3, 790 if point[1] < 700 else 200)  # elsewhere: the margin left of the text
        closed = page.evaluate(NOTE_CLOSED_JS, [ANCHORS, index, following])
        state["closed"], point = closed["closed"], closed["next"]
        found.append(state)
    return found


def code_paths(page) -> list[str]:
    """Reader-facing text (the page's text, its notes and the 来源与说明 panels) that names a Python path."""
    text = page.evaluate("""() => { const main = document.querySelector('main');
        const clone = main.cloneNode(true); clone.querySelectorAll('script').forEach(s => s.remove());
        return clone.textContent; }""")
    return re.findall(r"wxshop\.[a-z_]+(?:\.[a-z_]+)+", text)


# Chart marks with a tooltip, and where each is on the screen (the SVG element Vega drew for it).
MARKS_JS = """([index, most]) => {
  const view = window.wxshopCharts.figures[index].wxshopView, out = [];
  const walk = (node) => {
    if (!node) return;
    if (node.marktype) {
      for (const item of node.items || []) {
        if (node.marktype === 'group') { walk(item); continue; }
        const el = item._svg;
        if (item.tooltip == null || item.tooltip === '' || !el) continue;
        const box = el.getBoundingClientRect();
        if (box.width < 3 || box.height < 3) continue;
        window.__marks = window.__marks || [];
        window.__marks.push(el);
        out.push({x: box.left + box.width / 2, y: box.top + box.height / 2, id: window.__marks.length - 1,
                  tooltip: typeof item.tooltip === 'object' ? Object.values(item.tooltip).map(String).join('|') : String(item.tooltip)});
      }
      return;
    }
    for (const child of node.items || []) walk(child);
  };
  walk(view.scenegraph().root);
  const step = Math.max(1, Math.floor(out.length / most));  // a spread of marks: every k-th of those found
  return out.filter((_, i) => i % step === 0).slice(0, most);
}"""

TOOLTIP_JS = """async () => { """ + FRAMES + """ const t = document.querySelector('.wxshop-tooltip');
  if (!t || t.hidden) return null; const box = t.getBoundingClientRect();
  return {text: [...t.children].map(line => line.textContent.replace(/^[^：]*：/, '')).join('|'),
          keys: [...t.children].map(line => (line.querySelector('b') || {textContent: ''}).textContent).join('|'),
          inside: box.left >= -0.5 && box.right <= document.documentElement.clientWidth + 0.5}; }"""


def chart_taps(page, per_chart: int = 4) -> list[dict[str, Any]]:
    """Tap marks on every chart of the page: does the tooltip show, with the mark's own content, inside the
    screen, and does a tap elsewhere close it?"""
    page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
    found = []
    figures = page.evaluate("window.wxshopCharts.figures.length")
    for index in range(figures):
        page.evaluate("(i) => window.wxshopCharts.figures[i].scrollIntoView({block: 'start', behavior: 'instant'})", index)
        page.wait_for_timeout(150)
        for mark in page.evaluate(MARKS_JS, [index, per_chart]):
            # Bring the mark to the middle of the screen; a mark another covers is tapped as that one: skip it.
            point = page.evaluate("""(id) => { const el = window.__marks[id]; el.scrollIntoView({block: 'center', behavior: 'instant'});
                const box = el.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
                return document.elementFromPoint(x, y) === el ? [x, y] : null; }""", mark["id"])
            if point is None:
                continue
            mark["x"], mark["y"] = point
            page.touchscreen.tap(mark["x"], mark["y"])
            shown = page.evaluate(TOOLTIP_JS)
            page.touchscreen.tap(3, 400)  # elsewhere: the margin left of the text
            closed = page.evaluate(TOOLTIP_JS) is None
            page.mouse.move(mark["x"], mark["y"])  # the same mark hovered with a mouse
            hovered = page.evaluate(TOOLTIP_JS)
            page.mouse.move(3, 400)
            page.evaluate(TOOLTIP_JS)  # the hover has ended before the next tap
            found.append({"figure": index, "expected": mark["tooltip"], "shown": shown, "closed": closed,
                          "hovered": hovered["keys"] if hovered else None})
    return found


# Resolves once every chart's place on the screen has stayed the same for half a second (checked every 100 ms):
# the page has scrolled to the shared chart and the charts drawn meanwhile have taken their room.
SETTLED = """() => new Promise((done) => {
    let last = null, same = 0;
    const check = () => {
        const tops = JSON.stringify([window.scrollY, ...window.wxshopCharts.figures.map(f => Math.round(f.getBoundingClientRect().top))]);
        if (tops === last) { if (++same >= 5) { done(true); return; } } else { same = 0; last = tops; }
        setTimeout(check, 100);
    };
    check(); })"""


def opens_at_its_chart(context, link: str, index: int) -> dict[str, Any]:
    """Open a shared link in a new page: which chart is at the top of the screen once the charts have drawn?"""
    page = context.new_page()
    try:
        page.goto(link)
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.wxshopCharts && window.wxshopCharts.figures.some("
                               "f => f.classList.contains('wxshop-drawn'))", timeout=20_000)
        page.wait_for_function(SETTLED, timeout=20_000)  # the charts' places have stopped moving
        return page.evaluate("""(i) => {
            const tops = window.wxshopCharts.figures.map(f => f.getBoundingClientRect().top);
            const inView = tops.map((t, k) => [Math.abs(t), k]).sort((a, b) => a[0] - b[0])[0][1];
            return {top: tops[i], nearest: inView};
        }""", index)
    finally:
        page.close()


# Cumulative layout shift as browsers score it: the largest burst (shifts < 1 s apart, at most 5 s long).
CLS_SETUP = """() => { window.__shifts = []; new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push([e.startTime, e.value]); })
  .observe({type: 'layout-shift', buffered: true}); }"""
CLS_SCORE = """() => { let best = 0, sum = 0, start = -1, last = -1;
  for (const [t, v] of window.__shifts) {
    if (start < 0 || t - last > 1000 || t - start > 5000) { start = t; sum = 0; }
    sum += v; last = t; best = Math.max(best, sum); }
  return best; }"""


def fast_scroll_cls(page, step: int = 800, pause_ms: int = 30, slowdown: float = 4) -> float:
    """Flick through the page with the wheel, a screen (``step`` px) every ``pause_ms`` down to the bottom and back up, on a
    CPU ``slowdown`` times slower (a phone's); the page's CLS (charts drawing under the reader move the text)."""
    client = page.context.new_cdp_session(page)
    client.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.evaluate(CLS_SETUP)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.mouse.move(180, 400)
    for delta in [step] * (height // step + 2) + [-step] * (height // step + 2):
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(pause_ms)
    page.wait_for_timeout(1500)
    client.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return page.evaluate(CLS_SCORE)


def search_results(page, base_url: str, query: str) -> list[dict[str, str]]:
    """The search page's results for ``query``, in the order shown, with each snippet."""
    from urllib.parse import quote

    page.goto(f"{base_url}search.html?q={quote(query)}")
    page.wait_for_function("document.querySelector('#search-results .search-summary') && "
                           "document.querySelector('#search-results .search-summary').textContent.length > 0",
                           timeout=20_000)
    page.wait_for_timeout(800)  # snippets are fetched after the list
    return page.evaluate("""() => [...document.querySelectorAll('#search-results ul.search > li')].map(li => ({
        href: li.querySelector('a').getAttribute('href'), title: li.querySelector('a').textContent,
        snippet: (li.querySelector('p.context') || {textContent: ''}).textContent}))""")


def outside(page) -> list[str]:
    """What a reader cannot reach at this width: a visible control (select, input, button) running past the
    screen's right edge, outside a table's box (which scrolls sideways, with a cue), or the book's title in the
    top bar running out of the bar."""
    return page.evaluate("""() => {
        const w = document.documentElement.clientWidth, out = [];
        for (const el of document.querySelectorAll('main select, main input, main button')) {
            const box = el.getBoundingClientRect();
            if (el.closest('.table-wrapper, .wxshop-table-wrap')) continue;  // a table's box scrolls sideways
            if (box.width > 0 && getComputedStyle(el).visibility !== 'hidden' && box.right > w + 0.5)
                out.push(el.tagName.toLowerCase() + '.' + el.className + ' ends at ' + Math.round(box.right) + ' px');
        }
        const brand = document.querySelector('.mobile-header .brand'), bar = document.querySelector('.mobile-header');
        if (brand && bar && getComputedStyle(bar).display !== 'none') {
            const b = brand.getBoundingClientRect(), h = bar.getBoundingClientRect();
            if (b.top < h.top - 0.5 || b.bottom > h.bottom + 0.5)
                out.push('title ' + Math.round(b.top) + '-' + Math.round(b.bottom) + ' px in a bar ' +
                         Math.round(h.top) + '-' + Math.round(h.bottom) + ' px');
        }
        return out; }""")
