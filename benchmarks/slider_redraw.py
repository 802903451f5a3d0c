"""Print how long each model chart takes to redraw after its slider moves (in chromium).

    .venv/bin/python benchmarks/slider_redraw.py      (needs a built site: make book)

Each step moves the slider one notch with a real key press and times until vega has re-run its
dataflow and re-rendered. Prints the median and the slowest of the steps (up to 40, until the slider's end); asserts nothing.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import conftest  # noqa: E402

# (page, the slider's signal, what to print)
SLIDERS = [
    ("notebooks/new_platforms.html", "budget", "KOC vs KOL chart, budget"),
    ("notebooks/omnichannel.html", "shift", "take-rate chart, shift"),
    ("notebooks/wechat_shop.html", "share", "WeChat Shop fee chart, share"),
    ("notebooks/wechat_shop.html", "capture", "public/private-domain loop chart, capture"),
]

TIMED_STEP = """async (name) => {
  const figure = window.wxshopCharts.figures.find((f) => f.querySelector(`[data-signal='${name}']`));
  const view = figure.wxshopView, slider = figure.querySelector(`[data-signal='${name}']`);
  const before = view.signal(name);
  const t0 = performance.now();
  slider.stepUp();
  slider.dispatchEvent(new Event('input', {bubbles: true}));
  await view.runAsync();
  return [performance.now() - t0, before !== view.signal(name)];
}"""


def main() -> int:
    if not (conftest.SITE / "index.html").is_file():
        print("no built site: run `make book` first")
        return 1
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(conftest._QuietHandler, directory=str(conftest.SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=conftest.CHROMIUM, args=conftest.CHROMIUM_ARGS)
        for path, signal, label in SLIDERS:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
            page.wait_for_load_state("load")
            page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
            times = []
            for _ in range(40):
                ms, moved = page.evaluate(TIMED_STEP, signal)
                if moved:
                    times.append(ms)
            page.close()
            print(f"slider-to-redraw ({label}, {len(times)} steps): median {statistics.median(times):.1f} ms, "
                  f"slowest {max(times):.1f} ms")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
