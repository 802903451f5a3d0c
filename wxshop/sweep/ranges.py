"""Sensitivity: how far each headline figure moves when one parameter moves across its allowed range.

One parameter at a time, the others at their defaults (or at the values given): a number takes ``points``
evenly spaced values from its minimum to its maximum, and more on a log scale when the range reaches far
beyond the default (:func:`values_across`), or with ``spread`` values either side of its default
(:func:`values_around`); a whole number takes every value when there are few; a choice takes each choice.
Values the chapter's rules do not allow with the others at their defaults are left out, as the spec would
refuse them. The figures come from the same sweep as any other (:func:`wxshop.sweep.sweep`), so they are
the chapter's own functions' output.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from wxshop import chapters
from wxshop.params import Param, ParameterError
from wxshop.sweep import columns
from wxshop.sweep.api import sweep

POINTS = 9


def values_across(param: Param, points: int = POINTS, default: Any = None) -> list[Any]:
    """The values a parameter takes in a sensitivity run (before the chapter's rules are applied).

    A number: ``points`` values evenly spaced from its minimum to its maximum (an excluded minimum left
    out); when the maximum is more than a hundred times the default (or than 1, for a parameter whose
    default comes from the data), as many again spaced evenly on a log scale from a hundredth of the default
    up, so that the default's neighbourhood is seen, not only the far end. A whole number: every value when
    there are few. A choice: each choice.
    """
    if param.kind == "choice":
        return list(param.choices)
    low, high = float(param.minimum), float(param.maximum)
    if param.kind == "integer":
        if high - low + 1 <= points * 2:
            return list(range(math.ceil(low), math.floor(high) + 1))
        found = sorted({int(round(v)) for v in np.linspace(low, high, points)})
        return [v for v in found if v > low or not param.exclusive_minimum]
    found = set(np.linspace(low, high, points).tolist())
    reference = float(default) if isinstance(default, (int, float)) and default > 0 else 1.0
    if high / reference > 100:
        found |= set(np.geomspace(max(low, reference / 100) or reference / 100, high, points).tolist())
    return sorted(float(v) for v in found if low < v <= high or (v == low and not param.exclusive_minimum))


def values_around(param: Param, default: Any, spread: float, points: int = POINTS) -> list[Any]:
    """``points`` values from ``default x (1 - spread)`` to ``default x (1 + spread)``, within the allowed range
    (a choice: each choice; a default of 0: the allowed range; a parameter whose default is None, the value
    the data or the chosen case gives: none, it keeps that value)."""
    if default is None:
        return []
    if param.kind == "choice" or not isinstance(default, (int, float)) or default == 0:
        return values_across(param, points, default)
    ends = sorted((default * (1 - spread), default * (1 + spread)))
    low, high = max(ends[0], float(param.minimum)), min(ends[1], float(param.maximum))
    found = np.linspace(low, high, points).tolist()
    if param.kind == "integer":
        found = sorted({int(round(v)) for v in found})
    return [v for v in found if v > param.minimum or not param.exclusive_minimum]


def one_at_a_time(chapter: str, points: int = POINTS, spread: float | None = None,
                  **base: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The scenarios of a sensitivity run: the base (defaults with ``base``), then each parameter moved alone,
    across its allowed range or, with ``spread``, that share either side of its default."""
    spec = chapters.spec(chapter)
    start = spec.validate(**base)  # the build's message for a bad base value
    rows: list[dict[str, Any]] = [dict(base)]
    moved: list[str] = [""]
    for param in spec.params:
        values = (values_across(param, points, start[param.name]) if spread is None
                  else values_around(param, start[param.name], spread, points))
        for value in values:
            row = {**base, param.name: value}
            try:
                spec.validate(**row)
            except ParameterError:
                continue  # not allowed with the others where they are
            if value == start[param.name]:
                continue
            rows.append(row)
            moved.append(param.name)
    return rows, moved


def sensitivity(chapter: str, points: int = POINTS, *, spread: float | None = None, jobs: int | None = None,
                scheduler: Any = None, progress: bool | None = None, **base: Any) -> pd.DataFrame:
    """Each numeric headline figure's range as each parameter moves across its allowed range, others fixed
    (with ``spread=0.5``: from half to one and a half times its default, where the full range would let one
    parameter's far end hide the others).

    One row per (parameter, figure) that moves: ``low`` and ``high`` (the figure's least and greatest value),
    ``at_base`` (its value with every parameter at its default or ``base``), ``low_at`` / ``high_at`` (the
    parameter's values giving them), ``width``, how many values were tried, how many failed and how many
    gave an infinite figure (left out of the range: the figure is unbounded there). ``frame.attrs``
    carries the chapter, the Chinese labels and units; :func:`wxshop.sweep.tornado` draws it.
    """
    spec = chapters.spec(chapter)
    if spread is not None and not 0 < spread:
        raise ValueError(f"spread must be a positive share of the default (0.5 = ±50%), got {spread!r}")
    rows, moved = one_at_a_time(chapter, points, spread, **base)
    runs = sweep(chapter, scenarios=rows, jobs=jobs, scheduler=scheduler, errors="keep", progress=progress)
    runs["moved"] = moved
    meta = runs.attrs["columns"]
    figure_columns = [c for c, m in meta.items() if m["kind"] == "figure" and runs[c].dtype == "float64"]
    base_row = runs.iloc[0]
    records = []
    for param in spec.params:
        part = runs[runs["moved"] == param.name]
        if part.empty:
            continue
        every = pd.concat([runs.iloc[[0]], part])
        failed = int(part[columns.ERROR].notna().sum())
        for column in figure_columns:
            series = every[column]
            ok = series.notna() & series.abs().lt(math.inf)
            if not ok.any() or _echoes(every, column, param.name):
                continue
            low_i, high_i = series[ok].idxmin(), series[ok].idxmax()
            low, high = float(series[low_i]), float(series[high_i])
            if not high > low:
                continue
            records.append({
                "parameter": param.name, "parameter_label": param.label or param.name,
                "parameter_unit": param.unit, "figure": column, "figure_label": meta[column]["label"],
                "unit": meta[column]["unit"], "low": low, "high": high, "at_base": float(base_row[column]),
                "low_at": _plain(every.at[low_i, param.name]), "high_at": _plain(every.at[high_i, param.name]),
                "base_value": _plain(base_row[param.name]), "width": high - low,
                "tried": len(part), "failed": failed, "unbounded": int((series.abs() == math.inf).sum()),
            })
    result = pd.DataFrame.from_records(records, columns=[
        "parameter", "parameter_label", "parameter_unit", "figure", "figure_label", "unit", "low", "high",
        "at_base", "low_at", "high_at", "base_value", "width", "tried", "failed", "unbounded"])
    result.attrs = {"chapter": chapter, "title": spec.title, "base": dict(base), "points": points, "spread": spread,
                    "choices": {c: m["choices"] for c, m in meta.items() if "choices" in m},
                    "figures": {c: {"label": meta[c]["label"], "unit": meta[c]["unit"]} for c in figure_columns}}
    return result


def _echoes(runs: pd.DataFrame, column: str, parameter: str) -> bool:
    """The figure only repeats the parameter (the prose quotes the value it was given)."""
    mine = runs[parameter]
    if not pd.api.types.is_numeric_dtype(mine) or mine.isna().any():
        return False
    return bool((runs[column] == mine.astype(float)).all())


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    item = getattr(value, "item", None)
    return item() if callable(item) else value
