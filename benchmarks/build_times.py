"""Print the build's costs: clean build, no-change rebuild, one-notebook change, page weight, bad-parameter exit.

    .venv/bin/python benchmarks/build_times.py        (or: make benchmark)

Runs in a temporary copy of the repository so the published site is not touched. Prints figures;
asserts nothing (speed goals live here, not in the tests). Goal: a no-change rebuild costs under a
third of a clean build.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import copy_repo  # noqa: E402


def timed_build(root: Path, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "wxshop.build", "book", "--root", str(root), *args],
                            capture_output=True, text=True, cwd=root)
    return time.perf_counter() - start, result


def page_bytes(page: Path) -> tuple[int, int, int]:
    """(HTML bytes, same-site JS bytes, same-site CSS bytes) a page loads."""
    html = page.read_text(encoding="utf-8")
    urls = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html) + \
        re.findall(r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    js = css = 0
    for url in set(urls):
        path = Path(urlparse(urljoin("file://" + str(page), url)).path)
        if path.is_file():
            if path.suffix == ".js":
                js += path.stat().st_size
            elif path.suffix == ".css":
                css += path.stat().st_size
    return len(html.encode()), js, css


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_repo(Path(tmp) / "repo")
        clean, result = timed_build(root)
        if result.returncode:
            print(result.stderr)
            return 1
        again, _ = timed_build(root)
        notebook = root / "notebooks" / "new_platforms.ipynb"
        notebook.write_text(notebook.read_text(encoding="utf-8").replace("# 本章参数", "# 本章参数 ", 1),
                            encoding="utf-8")
        one, _ = timed_build(root)
        start = time.perf_counter()
        bad = subprocess.run([sys.executable, "-m", "wxshop.build", "book", "--root", str(root),
                              "--params", "new_platforms.budget=-5"], capture_output=True, text=True)
        rejected = time.perf_counter() - start
        print(f"clean build:            {clean:6.1f} s")
        print(f"no-change rebuild:      {again:6.1f} s  ({again / clean:.0%} of clean; goal < 33%)")
        print(f"one notebook changed:   {one:6.1f} s")
        print(f"bad parameter rejected: {rejected:6.2f} s  (exit {bad.returncode}; goal < 1 s)")
        site = root / "_build" / "html"
        print("bytes per page (HTML + same-site JS + CSS it loads):")
        for page in sorted(site.rglob("*.html")):
            rel = page.relative_to(site)
            if rel.parts[0] in ("book", "notebooks"):
                html, js, css = page_bytes(page)
                print(f"  {str(rel):32s} {html + js + css:>10,d}  (HTML {html:,d}, JS {js:,d}, CSS {css:,d})")
        shutil.rmtree(root / "_build", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
