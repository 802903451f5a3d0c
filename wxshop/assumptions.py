"""The edition's assumptions (``data/assumptions.csv``): shown on the page, labelled 假设."""
from __future__ import annotations

import html

import pandas as pd

from wxshop import data, datavalues, units
from wxshop.charts.tables import table_html
from wxshop.i18n import _, data_text


def rows(ids: list[str]) -> pd.DataFrame:
    """The assumption rows ``ids``, in that order; a KeyError names a missing id."""
    table = data.load("assumptions").set_index("id")
    missing = [i for i in ids if i not in table.index]
    if missing:
        raise KeyError(f"data/assumptions.csv has no row {', '.join(missing)}")
    return table.loc[ids].reset_index()


def reason(key: str) -> str:
    """Why the edition assumes this value (the row's ``source``)."""
    return data_text(datavalues.row("assumptions", key)["source"])


def shown_value(value: float, unit: str) -> str:
    if unit == "比率":  # i18n: key
        return units.format_percent(value, 1)
    if unit == "元":  # i18n: key
        return units.format_yuan(value)
    if unit == "人":  # i18n: key
        return units.format_scaled(value, "人", 2)  # i18n: key
    if unit == "年":  # i18n: key
        return _("{value}年", value=f"{value:.0f}")
    return f"{value:g} {_(unit) if unit else ''}".strip()


def table(ids: list[str], title: str = "") -> str:
    """A table of the assumptions ``ids``: what, value (labelled 假设) and why."""
    found = rows(ids)
    shown = pd.DataFrame({
        _("假设"): [data_text(v) for v in found["label"]],
        _("取值"): [_("{value}（假设）", value=shown_value(v, u)) for v, u in zip(found["value"], found["unit"])],
        _("理由"): [data_text(v) for v in found["source"]],
    })
    return table_html(shown, {c: c for c in shown.columns}, html.unescape(title or _("本版假设")))
