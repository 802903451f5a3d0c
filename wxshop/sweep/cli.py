"""The command line over :func:`wxshop.sweep.sweep`: axes as text in, a CSV or Parquet file out.

    python -m wxshop.sweep CHAPTER param=v1,v2 param2=low:high:count [--out FILE.csv|FILE.parquet]
        [--jobs N] [--scheduler ADDRESS] [--notebooks] [--texts] [--tornado FILE.svg|.html|.png [--spread 0.5]]

A bad scenario exits with status 2 before anything runs (the build's message); failed scenarios are
listed with their parameters and the file still holds every other scenario (status 1).
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from wxshop.params import ParameterError
from wxshop.sweep import grid, run
from wxshop.sweep.api import SweepError, sweep


def write(result: pd.DataFrame, path: Path) -> None:
    """CSV (units in the column names) or Parquet (also the columns' labels and units, ``frame.attrs``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".parquet":
        result.to_parquet(path, index=False)
    elif path.suffix.lower() == ".csv":
        result.to_csv(path, index=False, lineterminator="\n")
    else:
        raise ValueError(f"output {path.name!r}: expected a .csv or .parquet file")


def table(result: pd.DataFrame, limit: int = 20) -> str:
    """A plain-text view of the first ``limit`` rows (numbers to 6 significant digits)."""
    def cell(value: Any) -> str:
        if isinstance(value, float):
            return "" if math.isnan(value) else f"{value:.6g}"
        return "" if value is None or value is pd.NA else str(value)

    shown = result.head(limit)
    header = [str(c) for c in shown.columns]
    rows = [[cell(v) for v in row] for row in shown.itertuples(index=False)]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
    if len(result) > limit:
        lines.append(f"... {len(result) - limit} more rows in the file")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wxshop.sweep",
                                     description="A chapter's headline figures for every scenario of a grid.")
    parser.add_argument("chapter", help="notebook stem, e.g. new_platforms")
    parser.add_argument("axes", nargs="*", help="parameter=v1,v2,... or parameter=low:high:count")
    parser.add_argument("--out", type=Path, default=None,
                        help="a .csv or .parquet file (default _build/sweeps/<chapter>.csv)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="local processes (default: every core for long sweeps; 1: this process only)")
    parser.add_argument("--scheduler", default=None,
                        help=f"a Dask scheduler's address, e.g. tcp://10.0.0.5:8786 (default ${run.SCHEDULER_ENV})")
    parser.add_argument("--notebooks", action="store_true",
                        help="also execute each scenario's notebook and check its glued figures")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per notebook (with --notebooks)")
    parser.add_argument("--texts", action="store_true", help="add each figure's text as the prose shows it")
    parser.add_argument("--tornado", type=Path, default=None,
                        help="also save the chapter's sensitivity (tornado) chart: .svg, .png, .pdf, .json or .html")
    parser.add_argument("--spread", type=float, default=None,
                        help="with --tornado: move each parameter this share either side of its default "
                             "(0.5 = ±50%%) instead of across its whole allowed range")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    progress = False if args.no_progress else None
    try:
        axes = grid.parse_axes(args.axes)
        if args.tornado is not None and not args.axes:
            return _tornado(args.chapter, args.tornado, args.jobs, args.scheduler, progress, args.spread)
        out = args.out or run.ROOT / "_build" / "sweeps" / f"{args.chapter}.csv"
        if out.suffix.lower() not in (".csv", ".parquet"):
            raise ParameterError(f"--out {out.name!r}: expected a .csv or .parquet file")
        status = 0
        try:
            result = sweep(args.chapter, jobs=args.jobs, scheduler=args.scheduler, notebooks=args.notebooks,
                           timeout=args.timeout, texts=args.texts, progress=progress, **axes)
        except SweepError as exc:
            print(f"error: {exc}", file=sys.stderr)
            result, status = exc.frame, 1
    except ParameterError as exc:
        print(f"error: bad sweep: {exc}", file=sys.stderr)
        return 2
    write(result, out)
    print(table(result))
    print(f"{len(result)} scenarios -> {out}")
    if args.tornado is not None:
        status = _tornado(args.chapter, args.tornado, args.jobs, args.scheduler, progress, args.spread) or status
    return status


def _tornado(chapter: str, path: Path, jobs: int | None, scheduler: Any, progress: bool | None,
             spread: float | None = None) -> int:
    from wxshop.sweep.charts import save, tornado
    from wxshop.sweep.ranges import sensitivity

    if path.suffix.lower() not in (".svg", ".png", ".pdf", ".json", ".html"):
        print(f"error: --tornado {path.name!r}: expected .svg, .png, .pdf, .json or .html", file=sys.stderr)
        return 2
    ranges = sensitivity(chapter, spread=spread, jobs=jobs, scheduler=scheduler, progress=progress)
    try:
        figure = tornado(ranges)
    except ValueError as exc:
        print(f"error: sensitivity of {chapter}: {exc}", file=sys.stderr)
        return 1
    save(figure, path)
    ranges.to_csv(path.with_suffix(".csv"), index=False, lineterminator="\n")
    print(f"sensitivity of {chapter}: {len(ranges)} (parameter, figure) ranges -> {path} "
          f"(table: {path.with_suffix('.csv')})")
    return 0
