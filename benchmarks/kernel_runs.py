"""How long each chapter takes to run in a kernel, the two ways it runs: as `make book` runs it (the site's
renderer) and as JupyterLab runs it (each chart Altair's JupyterChart widget, anywidget installed).

    .venv/bin/python benchmarks/kernel_runs.py [stem ...]

Prints, for each chapter and way, the run's time (kernel start included) and its slowest cell. A chart in
Lab is made into its widget from the chart itself and checked against the Vega-Lite schema once
(``wxshop.charts.render.jupyter_chart_bundle``); through Altair's own renderer it was checked three times
(人、货、场: 23 s of a 29 s run then, 11 s in a kernel now).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WAYS = {"make book": {"WXSHOP_RENDER": "site"}, "JupyterLab": {}}


def run(stem: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Execute ``notebooks/<stem>.ipynb`` in a fresh kernel with ``env``: (seconds, slowest cell's seconds, its source)."""
    import nbformat
    from nbclient import NotebookClient

    saved = {key: os.environ.get(key) for key in ("WXSHOP_RENDER", "WXSHOP_LAB_ROOT")}
    for key in saved:
        os.environ.pop(key, None)
    os.environ.update(env)
    try:
        notebook = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        started = time.perf_counter()
        NotebookClient(notebook, timeout=900, kernel_name="python3", record_timing=True,
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        seconds = time.perf_counter() - started
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value
    slowest, source = 0.0, ""
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "shell.execute_reply" in timing and "iopub.execute_input" in timing:
            took = (datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
                    - datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))).total_seconds()
            if took > slowest:
                slowest, source = took, cell.source.splitlines()[0][:60]
    return seconds, slowest, source


def main(argv: list[str] | None = None) -> int:
    from wxshop.build import toc

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stems", nargs="*", help="chapters (default: every chapter of _toc.yml)")
    args = parser.parse_args(argv)
    stems = args.stems or list(toc.notebooks(ROOT))
    try:
        import anywidget  # noqa: F401
    except ImportError:
        print("anywidget is not installed (the Lab set: make lab): JupyterLab's way is left out")
        WAYS.pop("JupyterLab")
    print(f"{'chapter':22} {'way':11} {'run':>7}  slowest cell")
    for stem in stems:
        for way, env in WAYS.items():
            seconds, slowest, source = run(stem, env)
            print(f"{stem:22} {way:11} {seconds:6.1f}s  {slowest:5.1f}s {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
