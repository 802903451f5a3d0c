"""The edition's assumptions (``data/assumptions.csv``): shown on the page, labelled 假设."""
from __future__ import annotations

import html

import pandas as pd

from wxshop import data, datavalues, units
from wxshop.charts.tables import table_html


def rows(ids: list[str]) -> pd.DataFrame:
    """The assumption rows ``ids``, in that order; a KeyError names a missing id."""
    table = data.load("assumptions").set_index("id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"data/assumptions.csv has no row {', '.join(missing)}")
    return table.loc[ids].reset_index()


def reason(key: str) -> str:
    """Why the edition assumes this value (the row's ``source``)."""
    return datavalues.row("assumptions", key)["source"]


def shown_value(value: float, unit: str) -> str:
    if unit == "比率":
        return units.format_percent(value, 1)
    if unit == "元":
        return units.format_yuan(value)
    if unit == "人":
        return units.format_scaled(value, "人", 2)
    if unit == "年":
        return f"{value:.0f}年"
    return f"{value:g} {unit}".strip()


def table(ids: list[str], title: str = "本版假设") -> str:
    """A table of the assumptions ``ids``: what, value (labelled 假设) and why."""
    found = rows(ids)
    shown = pd.DataFrame({
        "假设": found["label"],
        "取值": [f"{shown_value(v, u)}（假设）" for v, u in zip(found["value"], found["unit"])],
        "理由": found["source"],
    })
    return table_html(shown, {c: c for c in shown.columns}, html.unescape(title))
