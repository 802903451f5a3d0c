"""The PDF edition: every page of the book printed by headless Chromium, merged with a contents page.

    python -m wxshop.build pdf      (make pdf)

Each page of ``_toc.yml`` is opened from the published site (served on loopback), its charts drawn in
their default state, and printed with Chromium's PDF backend (CJK fonts embedded, print styles of
``book.css``); the pages are merged behind a title-and-contents page with an outline (bookmarks). The
result is ``_build/html/downloads/wxshop-edition.pdf`` (linked from 数据与方法) and a copy with the
site's key in ``_build/pdf/`` so the next publish of the same site keeps it.
"""
from __future__ import annotations

import functools
import html
import http.server
import io
import shutil
import threading
import time
from pathlib import Path

from wxshop.build import Paths, toc

NAME = "wxshop-edition.pdf"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MARGIN = {"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _title(page) -> str:
    heading = page.locator("main h1").first
    return heading.inner_text().replace("#", "").strip() if heading.count() else page.title()


def contents_html(entries: list[tuple[str, int]], title: str) -> str:
    rows = "".join(f"<li><span>{html.escape(name)}</span><span>{number}</span></li>" for name, number in entries)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", sans-serif; margin: 0; color: #1d1f22; }}
h1 {{ font-size: 22pt; margin: 0 0 6mm; }} p {{ font-size: 10.5pt; color: #4a4d52; }}
ol {{ list-style: none; padding: 0; margin-top: 10mm; font-size: 11.5pt; }}
li {{ display: flex; justify-content: space-between; border-bottom: 1px dotted #999; padding: 2mm 0; }}
</style></head><body><h1>{html.escape(title)}</h1>
<p>交互版的 PDF 版：各章图表按默认参数绘出。原报告：国金证券研究所。网站上的图表可交互，并附数据与来源。</p>
<h2>目录</h2><ol>{rows}</ol></body></html>"""


def build_pdf(root: Path) -> Path:
    """Print the published site to one PDF; return its path. Raises RuntimeError if the site is missing."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter

    paths = Paths(root)
    site = paths.site
    if not (site / "index.html").is_file():
        raise RuntimeError("no site to print: run `make book` first")
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    parts: list[tuple[str, bytes]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            for entry in toc.pages(root):
                page.goto(base + entry + ".html")
                page.wait_for_load_state("load")
                page.evaluate("window.wxshopCharts && window.wxshopCharts.drawAll ? "
                              "window.wxshopCharts.drawAll().then(() => true) : true")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.emulate_media(media="print")
                parts.append((_title(page), page.pdf(format="A4", print_background=True, margin=MARGIN)))
                page.emulate_media(media="screen")
            title = "零售渠道变革系列二：从微信小店看电商变革路径与分析（交互版）"
            # Contents: page numbers as printed (the contents page itself is page 1).
            entries, number = [], 2
            for name, pdf in parts:
                entries.append((name, number))
                number += len(PdfReader(io.BytesIO(pdf)).pages)
            page.set_content(contents_html(entries, title))
            page.evaluate("document.fonts.ready.then(() => true)")
            front = page.pdf(format="A4", print_background=True, margin=MARGIN)
            browser.close()
    finally:
        server.shutdown()
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    for (name, pdf), (_, start) in zip(parts, entries):
        writer.append(PdfReader(io.BytesIO(pdf)))
        writer.add_outline_item(name, start - 1)
    writer.add_metadata({"/Title": title, "/Author": "交互版编辑组（原报告：国金证券研究所）", "/Lang": "zh-CN"})
    target = site / "downloads" / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        writer.write(handle)
    keep = paths.build / "pdf"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, keep / NAME)
    if paths.site_key.is_file():
        (keep / "site-key.txt").write_text(paths.site_key.read_text())
    return target


def restore_into(site: Path, root: Path, site_key: str) -> None:
    """Put the last printed PDF into a freshly published site if it was printed from the same site."""
    keep = Paths(root).build / "pdf"
    if (keep / NAME).is_file() and (keep / "site-key.txt").is_file() and (keep / "site-key.txt").read_text() == site_key:
        (site / "downloads").mkdir(exist_ok=True)
        shutil.copy2(keep / NAME, site / "downloads" / NAME)


def main(root: Path) -> int:
    started = time.perf_counter()
    try:
        target = build_pdf(root)
    except RuntimeError as exc:
        print(f"error: {exc}")
        return 1
    print(f"PDF: {target} ({target.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)")
    return 0
