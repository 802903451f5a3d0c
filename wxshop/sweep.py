"""Scenario sweeps: a chapter's headline figures for every combination of parameter values.

    python -m wxshop.sweep CHAPTER param=v1,v2 param2=a,b [--notebooks] [--out FILE.csv]

Every combination is checked against the chapter's spec before anything runs; an invalid one is
named and the sweep stops with status 2. By default each combination's headline figures (the numbers
the chapter's prose glues, declared once in ``wiring.headlines``) are computed by calling the chapter's
functions directly: thousands of combinations in seconds. With ``--notebooks`` each combination is
also executed through papermill into ``_build/sweeps/<chapter>/<combination>.ipynb``, two at a time,
under the pipeline's timeout, and the figures glued in each executed notebook must equal the direct
computation. The result is one CSV (a row per combination, a column per parameter and figure) and a
printed table.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import itertools
import math
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from wxshop import chapters
from wxshop.params import ParameterError, parse_value

ROOT = Path(__file__).resolve().parent.parent


def combinations(chapter: str, assignments: list[str]) -> list[dict[str, Any]]:
    """Every combination of ``name=v1,v2`` assignments, each checked by the chapter's spec (ParameterError)."""
    spec = chapters.spec(chapter)
    axes: dict[str, list[Any]] = {}
    for item in assignments:
        name, sep, values = item.partition("=")
        if not sep or not name or not values:
            raise ParameterError(f"sweep argument {item!r} is not of the form parameter=v1,v2,...")
        if name in axes:
            raise ParameterError(f"parameter {name!r} is given twice")
        axes[name] = [parse_value(v) for v in values.split(",")]
    combos = [dict(zip(axes, values)) for values in itertools.product(*axes.values())] if axes else [{}]
    for combo in combos:
        try:
            spec.validate(**combo)
        except ParameterError as exc:
            raise ParameterError(f"combination {label(combo)} is not allowed: {exc}") from None
    return combos


def label(combo: dict[str, Any]) -> str:
    """A combination as text and as a file name: ``budget=200000,case=high``."""
    return ",".join(f"{k}={v}" for k, v in combo.items()) or "defaults"


def headline_values(chapter: str, combo: dict[str, Any]) -> dict[str, Any]:
    """The chapter's declared headline figures (raw values) for one combination."""
    wiring = importlib.import_module(f"wxshop.chapters.{chapter}.wiring")
    p = chapters.spec(chapter).validate(**combo)
    return {figure.key: figure.value for figure in wiring.headlines(p) if figure.value is not None}


def headline_texts(chapter: str, combo: dict[str, Any]) -> dict[str, str]:
    """The same figures as the prose shows them."""
    wiring = importlib.import_module(f"wxshop.chapters.{chapter}.wiring")
    p = chapters.spec(chapter).validate(**combo)
    return {figure.key: figure.text for figure in wiring.headlines(p)}


def glued_texts(notebook: Path) -> dict[str, str]:
    """The text/plain of every figure glued in an executed notebook (myst-nb's scrapbook metadata)."""
    import nbformat

    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            key = record.get("mime_prefix", "") + "text/plain"  # glue(display=False) prefixes the mime type
            if record.get("name") and key in output.get("data", {}):
                found[record["name"]] = output["data"][key]
    return found


def run_notebooks(chapter: str, combos: list[dict[str, Any]], timeout: float, root: Path = ROOT,
                  progress: bool = True) -> dict[str, Path]:
    """Execute the chapter for each combination (two at a time); return the executed notebook by label."""
    from wxshop.build import toc
    from wxshop.build.execute import execute_notebook

    source = toc.notebooks(root)[chapter]
    out = root / "_build" / "sweeps" / chapter
    out.mkdir(parents=True, exist_ok=True)
    done: dict[str, Path] = {}
    bar = _progress(len(combos), "notebooks", progress)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {label(c): pool.submit(execute_notebook, chapter, source, out / f"{label(c)}.ipynb", c, timeout, root)
                   for c in combos}
        for name, future in futures.items():
            future.result()
            done[name] = out / f"{name}.ipynb"
            bar.update(1)
    bar.close()
    return done


class _NoBar:
    def update(self, _: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, unit: str, enabled: bool) -> Any:
    if not enabled or total < 20 and unit != "notebooks":
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr)


def sweep(chapter: str, assignments: list[str], notebooks: bool = False, timeout: float = 300,
          root: Path = ROOT, progress: bool = True) -> list[dict[str, Any]]:
    """Rows of the sweep: each combination's parameters and headline figures."""
    combos = combinations(chapter, assignments)
    rows = []
    bar = _progress(len(combos), "combinations", progress)
    for combo in combos:
        rows.append({**combo, **headline_values(chapter, combo)})
        bar.update(1)
    bar.close()
    if notebooks:
        executed = run_notebooks(chapter, combos, timeout, root, progress)
        for combo in combos:
            glued, direct = glued_texts(executed[label(combo)]), headline_texts(chapter, combo)
            differ = {k: (glued.get(k), v) for k, v in direct.items() if glued.get(k) != v}
            if differ:
                raise RuntimeError(f"combination {label(combo)}: the executed notebook's figures differ from the "
                                   f"direct computation: {differ}")
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def table(rows: list[dict[str, Any]], limit: int = 40) -> str:
    """A plain-text table of the first ``limit`` rows (numbers to 6 significant digits)."""
    columns = list(dict.fromkeys(k for row in rows for k in row))

    def cell(value: Any) -> str:
        if isinstance(value, float) and math.isfinite(value):
            return f"{value:.6g}"
        return "" if value is None else str(value)

    shown = [[cell(row.get(c)) for c in columns] for row in rows[:limit]]
    widths = [max(len(c), *(len(r[i]) for r in shown)) if shown else len(c) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths))]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in shown]
    if len(rows) > limit:
        lines.append(f"... {len(rows) - limit} more rows in the CSV")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wxshop.sweep", description=__doc__.split("\n\n")[0])
    parser.add_argument("chapter", help="notebook stem, e.g. new_platforms")
    parser.add_argument("assignments", nargs="*", help="parameter=v1,v2 (one per parameter)")
    parser.add_argument("--notebooks", action="store_true", help="also execute each combination with papermill")
    parser.add_argument("--out", type=Path, default=None, help="CSV file (default _build/sweeps/<chapter>.csv)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per notebook (with --notebooks)")
    args = parser.parse_args(argv)
    try:
        rows = sweep(args.chapter, args.assignments, args.notebooks, args.timeout)
    except ParameterError as exc:
        print(f"error: bad sweep: {exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = args.out or ROOT / "_build" / "sweeps" / f"{args.chapter}.csv"
    write_csv(rows, out)
    print(table(rows))
    print(f"{len(rows)} combinations -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
