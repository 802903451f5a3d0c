"""Print what pages cost a reader, served gzip-compressed as a static host would.

    .venv/bin/python benchmarks/pages.py            (make benchmark; needs a built site and npm ci)
    .venv/bin/python benchmarks/pages.py --root DIR (another checkout's built site, e.g. an older commit's,
                                                     to print a before/after pair in one run)
    .venv/bin/python benchmarks/pages.py --every-page (adds Lighthouse mobile performance for every page)
    .venv/bin/python benchmarks/pages.py --every-page --runs 1 (one Lighthouse run a page, not the median of 3)
    .venv/bin/python benchmarks/pages.py --weights (bytes per page only, no Lighthouse)

- bytes per page: everything the browser fetches on load (transfer size, gzip), split into
  HTML / JS / CSS / fonts / images / other; goals: <= 350 KB on chart pages, <= 80 KB on prose pages;
- on the heaviest chapter: the time for text to appear (first contentful paint) and for the first chart
  to draw, at a 390 px phone viewport;
- Lighthouse 12 (npm, run on Debian's chromium) mobile and desktop, the median of three runs, for the
  home page and the heaviest chapter: performance, accessibility, best practices, SEO.

Prints figures; asserts nothing (speed goals live here, not in the tests).
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from wxshop.build import toc  # noqa: E402
from wxshop.serve import server  # noqa: E402

SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KINDS = {"document": "HTML", "script": "JS", "stylesheet": "CSS", "font": "fonts", "image": "images"}


def page_weights(base: str, pages: list[str]) -> dict[str, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            sizes: dict[str, int] = {}
            client = context.new_cdp_session(page)
            client.send("Network.enable")
            kinds: dict[str, str] = {}
            # A prefetched script (the chart runtime's Vega) is typed "Other" by the browser: count it as JS.
            client.on("Network.responseReceived", lambda e: kinds.__setitem__(
                e["requestId"], "script" if e["response"]["url"].split("?")[0].endswith(".js") else e["type"]))
            client.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            split: dict[str, int] = {}
            for request, size in sizes.items():
                kind = KINDS.get(kinds.get(request, "").lower(), "other")
                split[kind] = split.get(kind, 0) + size
            weights[path] = split
            context.close()
        browser.close()
    return weights


def timings(base: str, path: str) -> tuple[float, float, float]:
    """(first contentful paint, first chart scrolled to, first chart drawn) in ms from navigation, at a 390 px
    viewport, on a fresh page. The chart runtime loads when a chart nears the screen, so the last two differ
    by the runtime's load and the chart's first draw."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        # A chart counts as drawn at the runtime's event, or (older builds without it) when an SVG first appears.
        page.add_init_script("""window.__firstChart = null;
            const mark = () => { if (window.__firstChart === null) window.__firstChart = performance.now(); };
            document.addEventListener('wxshop:drawn', mark);
            new MutationObserver(() => { if (document.querySelector('.vega-embed svg, .wxshop-figure svg')) mark(); })
                .observe(document, {childList: true, subtree: true});""")
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(1000)  # a reader starts on the text
        scrolled = page.evaluate("""() => { const f = document.querySelector('.wxshop-figure, .vega-embed');
                                 if (f) f.scrollIntoView(); return performance.now(); }""")
        page.wait_for_function("window.__firstChart !== null", timeout=30_000)
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        chart = page.evaluate("window.__firstChart")
        browser.close()
    return fcp, min(scrolled, chart), chart


def lighthouse(url: str, desktop: bool) -> dict[str, float] | None:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not binary.is_file():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={' '.join(ARGS)} --user-data-dir={tmp}/profile",
               "--only-categories=performance,accessibility,best-practices,seo"]
        if desktop:
            cmd.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        if result.returncode or not out.is_file():
            print(f"    lighthouse failed: {result.stderr.strip().splitlines()[-1:] }")
            return None
        report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose _toc.yml and _build/html to measure")
    parser.add_argument("--every-page", action="store_true",
                        help="also Lighthouse mobile performance on every page (about a minute a page)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and setting (the median)")
    parser.add_argument("--weights", action="store_true", help="bytes per page only")
    args = parser.parse_args(argv)
    root, every_page, runs = args.root.resolve(), args.every_page, max(1, args.runs)
    site = root / "_build" / "html"
    if not (site / "index.html").is_file():
        print(f"no built site in {site}: run `make book` first")
        return 1
    print(f"site: {site}")
    httpd = server(site)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    pages = [p + ".html" for p in toc.pages(root)]
    if (site / "en" / "index.html").is_file():  # the English edition: the same pages under en/
        pages += ["en/" + p for p in pages]
    weights = page_weights(base, pages)
    chapters = [toc.page_of(root, stem) for stem in toc.notebooks(root)]
    chapters += ["en/" + p for p in chapters if "en/" + p in weights]
    print("bytes fetched on load (gzip transfer), 390 px viewport:")
    for path, split in weights.items():
        total = sum(split.values())
        goal = 350_000 if path in chapters else 80_000
        parts = ", ".join(f"{k} {v / 1000:.1f}" for k, v in sorted(split.items()))
        print(f"  {path:34s} {total / 1000:7.1f} KB  (goal {goal // 1000} KB; {parts})")
    if args.weights:
        httpd.shutdown()
        return 0
    heaviest = max(chapters, key=lambda p: sum(weights[p].values()))
    english = [p for p in chapters if p.startswith("en/")]
    heaviest_en = max(english, key=lambda p: sum(weights[p].values())) if english else None
    fcp, scrolled, chart = timings(base, heaviest)
    print(f"heaviest chapter {heaviest}: text at {fcp:.0f} ms (first contentful paint); first chart scrolled to "
          f"at {scrolled:.0f} ms and drawn at {chart:.0f} ms ({chart - scrolled:.0f} ms later)")
    if every_page:
        print(f"lighthouse mobile, every page (median of {runs}): performance, accessibility, best practices, SEO")
        for path in pages:
            results = [r for r in (lighthouse(base + path, False) for _ in range(runs)) if r]
            scores = [r["performance"] for r in results]
            others = {k: statistics.median(r[k] for r in results) for k in results[0] if k != "performance"} \
                if results else {}
            print(f"  {path:34s} {statistics.median(scores) if scores else 'n/a'}  (runs {scores}); "
                  + ", ".join(f"{k} {v:.0f}" for k, v in others.items()))
    for path in ["book/index.html", heaviest] + (["en/book/index.html", heaviest_en] if heaviest_en else []):
        for desktop in (False, True):
            results = [r for r in (lighthouse(base + path, desktop) for _ in range(runs)) if r]
            if not results:
                print(f"  lighthouse {path} {'desktop' if desktop else 'mobile'}: not available "
                      "(npm ci installs it from package-lock.json)")
                continue
            median = {k: statistics.median(r[k] for r in results) for k in results[0]}
            print(f"  lighthouse {path:28s} {'desktop' if desktop else 'mobile ':7s} (median of {len(results)}): "
                  + ", ".join(f"{k} {v:.0f}" for k, v in median.items()))
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
