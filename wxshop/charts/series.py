"""Series drawn from data-package rows as they are, one bar per period, coloured by source grade.

Used by every chapter that redraws a lost exhibit from graded public data: each point's source
and grade is in its tooltip and in a collapsible table under the chart; gaps stay gaps.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from wxshop import provenance, units
from wxshop.charts.tables import table_html
from wxshop.i18n import _


def points_by_key(frame: pd.DataFrame, key: str, unit: float) -> pd.DataFrame:
    """One point per ``key`` value (a year) from rows that may give the same level twice.

    The level is the first row's that has one (public rows come before report rows in the files);
    each row's growth rate, source and grade are kept in text columns for the tooltip.
    """
    rows = []
    for value, group in frame.groupby(key, sort=True):
        levels = group.dropna(subset=["value"])
        if levels.empty:
            continue
        first = levels.iloc[0]
        yoy = _("；").join(
            _("{rate}（{whose}）", rate=units.format_percent(r["yoy"], 1, signed=True),
              whose=_("报告") if r["source_type"] == "report" else _("公开资料"))
            for _i, r in group.iterrows() if "yoy" in r and not pd.isna(r["yoy"]))
        rows.append({key: value, "value": float(first["value"]), "shown": first["value"] / unit,
                     "grade": provenance.grade(first), "yoy_text": yoy or _("未给出"),
                     "source_text": _("；").join(provenance.text(r) for _i, r in group.iterrows())})
    return pd.DataFrame(rows)


def grade_scale(grades: list[str]) -> alt.Scale:
    colors = provenance.grade_colors()
    present = [g for g in colors if g in grades]
    return alt.Scale(domain=present, range=[colors[g] for g in present])


def series_bars(points: pd.DataFrame, key: str, key_title: str, unit_title: str, title: str,
                description: str, years: list[int] | None = None) -> alt.Chart:
    """Bars of ``points`` (see :func:`points_by_key`), coloured by source grade; the legend highlights one grade."""
    source = points.copy()
    source[key] = source[key].astype(str)
    pick = alt.selection_point(fields=["grade"], bind="legend", name="grade_pick")
    domain = [str(y) for y in years] if years else list(source[key])
    # A phone's column leaves about 22 px a bar for eleven years: slanted labels never touch.
    angle = -45 if len(domain) > 6 else 0
    return alt.Chart(source).mark_bar().encode(
        x=alt.X(f"{key}:O", title=key_title, scale=alt.Scale(domain=domain), axis=alt.Axis(labelAngle=angle)),
        y=alt.Y("shown:Q", title=unit_title),
        color=alt.Color("grade:N", title=_("数据依据"), scale=grade_scale(list(source["grade"])),
                        legend=alt.Legend(orient="top", columns=2)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=[alt.Tooltip(f"{key}:O", title=key_title), alt.Tooltip("shown:Q", title=unit_title, format=",.2f"),
                 alt.Tooltip("yoy_text:N", title=_("同比")), alt.Tooltip("grade:N", title=_("数据依据")),
                 alt.Tooltip("source_text:N", title=_("来源"))],
    ).add_params(pick).properties(
        title=title, description=description, width=min(560, max(240, 90 * len(domain))), height=280, name="bars")


def points_table(points: pd.DataFrame, key: str, key_title: str, unit_title: str, title: str) -> str:
    """The chart's points as a table (level, growth, grade, source), for readers and screen readers."""
    shown = pd.DataFrame({
        key_title: points[key].astype(str),
        unit_title: points["shown"].map(lambda v: f"{v:,.2f}".rstrip("0").rstrip(".")),
        _("同比"): points["yoy_text"], _("数据依据"): points["grade"], _("来源"): points["source_text"],
    })
    return ("<details class=\"wxshop-points\"><summary>" + _("逐点数据与来源") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, title) + "</details>")
