"""Print the PDF edition's size, pages, outline, fonts (pdffonts) and images, optionally its print time.

    .venv/bin/python benchmarks/pdf_size.py            reads _build/html/downloads/wxshop-edition.pdf
    .venv/bin/python benchmarks/pdf_size.py --print    prints it afresh first (python -m wxshop.build pdf)

Goal: at most 3 MB for the whole book, every font an embedded TrueType subset (no Type 3), charts as
vectors (no raster images but the cover's). pdffonts and pdfimages come with poppler-utils
(tools/system-packages.sh installs it). Prints figures; asserts nothing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "_build" / "html" / "downloads" / "wxshop-edition.pdf"


def main(argv: list[str]) -> int:
    from pypdf import PdfReader

    if "--print" in argv:
        started = time.perf_counter()
        status = subprocess.call([sys.executable, "-m", "wxshop.build", "pdf"], cwd=ROOT)
        print(f"print time: {time.perf_counter() - started:.1f} s")
        if status:
            return status
    if not PDF.is_file():
        print(f"no PDF at {PDF}: run `make pdf`")
        return 1
    reader = PdfReader(str(PDF))
    top = [item for item in reader.outline if not isinstance(item, list)]
    nested = sum(len(item) for item in reader.outline if isinstance(item, list))
    print(f"size:    {PDF.stat().st_size / 1e6:.2f} MB (goal: at most 3 MB)")
    print(f"pages:   {len(reader.pages)}")
    print(f"outline: {len(top)} pages, {nested} exhibits under them")
    for tool in ("pdffonts", "pdfimages"):
        if shutil.which(tool) is None:
            print(f"{tool}: not installed (poppler-utils; tools/system-packages.sh)")
            continue
        args = [tool, str(PDF)] if tool == "pdffonts" else [tool, "-list", str(PDF)]
        out = subprocess.run(args, capture_output=True, text=True).stdout
        if tool == "pdfimages":
            print(f"images:  {max(len(out.splitlines()) - 2, 0)} raster images")
        else:
            print("fonts (pdffonts):\n" + out.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
