"""Scenario sweeps: a chapter's headline figures for every scenario of a grid, as a pandas DataFrame.

    from wxshop.sweep import sweep, chart, tornado
    df = sweep("new_platforms", budget=range(20_000, 500_001, 20_000), case=["low", "mid", "high"])
    chart(df[df.objective == "engagements"], x="budget", y="best_share_ratio", color="case")
    tornado("new_platforms")

    python -m wxshop.sweep new_platforms budget=20000:500000:25 case=low,mid,high --out sweep.parquet

The figures are the ones each chapter's prose quotes, declared once in ``wiring.headlines`` and computed
by the chapter's own functions; every scenario is checked by the chapter's spec before anything runs.
Modules: :mod:`~wxshop.sweep.grid` (scenarios), :mod:`~wxshop.sweep.columns` (the table and its units),
:mod:`~wxshop.sweep.run` (where chunks run: here, local processes, Dask), :mod:`~wxshop.sweep.notebooks`
(papermill runs), :mod:`~wxshop.sweep.ranges` (sensitivity) and :mod:`~wxshop.sweep.charts`; the command line is
:mod:`~wxshop.sweep.cli`.
"""
from __future__ import annotations

from typing import Any

from wxshop.sweep.api import SweepError, sweep
from wxshop.sweep.columns import describe
from wxshop.sweep.grid import label, scenarios

__all__ = ["SweepError", "chart", "describe", "label", "scenarios", "sensitivity", "sweep", "tornado"]


def __getattr__(name: str) -> Any:  # charts and sensitivity import Altair: only when asked for
    if name in ("chart", "tornado", "save"):
        from wxshop.sweep import charts

        return getattr(charts, name)
    if name == "sensitivity":
        from wxshop.sweep.ranges import sensitivity

        return sensitivity
    raise AttributeError(f"module 'wxshop.sweep' has no attribute {name!r}")
