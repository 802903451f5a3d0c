"""Print what a phone reader gets (360x800, touch, Debian's chromium): the counts of issue 21, for a built site.

    .venv/bin/python benchmarks/phone_reader.py             (this checkout's _build/html)
    .venv/bin/python benchmarks/phone_reader.py --root DIR  (another build, e.g. an older commit's, for a before/after pair)

- tables wider than the screen, and of those how many scroll inside their box with a cue and a sticky first
  column; cells with ``word-break: keep-all``; the long reference tables' length in screens;
- pop-up notes (numbers and glossary terms) opened by tap: outside the screen, without a link (other than
  report quotes), not closed by a tap elsewhere; reader-facing text naming a Python path;
- chart marks tapped: tooltips shown; shared links that open at the chart that was shared;
- layout shift (CLS) while scrolling fast, per chapter;
- the first result for the searches 人、货、场, 人货场 and 图表33.

Prints figures; asserts nothing (tests/test_phone.py asserts).
"""
from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
import phone as probe  # noqa: E402
from wxshop.build import toc  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(root: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    base = serve(args.root)
    pages = [f"{p}.html" for p in toc.pages(ROOT)]
    chapters = [toc.page_of(ROOT, stem) for stem in toc.notebooks(ROOT)]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(**PHONE)
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())

        tables, notes, paths = [], [], 0
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.wait_for_timeout(200)
            for table in probe.tables(page):
                tables.append((path, table))
            paths += len(probe.code_paths(page))
            if path != "book/glossary.html":
                page.goto(base + path)
                page.wait_for_load_state("load")
                probe.wait_for_terms(page)
                notes += [(path, n) for n in probe.notes(page)]
        wide = [t for _, t in tables if not t["fits"]]
        print(f"tables: {len(wide)} of {len(tables)} wider than the 360 px screen; "
              f"{sum(probe.readable(t) for t in wide)} of those scroll in their box with a cue and a sticky first column; "
              f"{sum(t['keep_all'] for _, t in tables)} with keep-all cells")
        for path, t in tables:
            if path.startswith("book/") and t["screens"] > 3:
                print(f"  long table on {path} ({' '.join(t['caption'].split())[:16]}…): {t['screens']} screens as it first shows")
        outside = sum(not (n["shown"] and n["inside"]) for _, n in notes)
        unlinked = sum(not n["links"] for _, n in notes if "provenance" in n["kind"] and not n["text"].startswith("报告原文"))
        provenance = sum("provenance" in n["kind"] for _, n in notes)
        print(f"notes: {outside} of {len(notes)} tapped notes not shown inside the screen; "
              f"{unlinked} of {provenance} provenance notes (other than report quotes) without a link; "
              f"{sum(not n['closed'] for _, n in notes)} not closed by a tap elsewhere; "
              f"{paths} code paths (wxshop.…) in reader-facing text")

        taps, links, opened = [], 0, 0
        for path in chapters:
            page.goto(base + path)
            page.wait_for_load_state("load")
            taps += probe.chart_taps(page, per_chart=3)
            shared = page.evaluate("window.wxshopCharts.figures.map((f, i) => f.querySelector('[data-signal]') ? i : -1)"
                                   ".filter(i => i >= 0)")
            for index in shared:
                link = page.evaluate("(i) => window.wxshopCharts.permalink(i)", index)
                got = probe.opens_at_its_chart(context, link, index)
                links += 1
                opened += got["nearest"] == index and abs(got["top"]) < 80
        print(f"tooltips: {sum(bool(t['shown']) for t in taps)} of {len(taps)} taps on chart marks show a tooltip "
              f"({sum(bool(t['shown']) and t['shown']['text'] == t['expected'] for t in taps)} with the mark's content)")
        print(f"permalinks: {opened} of {links} shared links open at the chart that was shared")

        for path in chapters:
            fresh = context.new_page()
            fresh.goto(base + path)
            fresh.wait_for_load_state("load")
            scores = [probe.fast_scroll_cls(fresh, pause_ms=pause) for pause in (30, 60)]
            print(f"layout shift while flicking through (wheel, CPU 4x slower): {path}: CLS "
                  + " / ".join(f"{v:.3f}" for v in scores) + " (600 px every 30 / 60 ms)")
            fresh.close()
        for query in ("人、货、场", "人货场", "图表33"):
            try:
                found = probe.search_results(page, base, query)
            except Exception:  # noqa: BLE001  (no result list at all)
                found = []
            print(f"search {query}: {len(found)} results; first: {found[0]['href'] if found else '—'}")
        browser.close()


if __name__ == "__main__":
    main()
