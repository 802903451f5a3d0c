"""Timelines of dated report sentences: the dates as the report writes them, and a milestone chart.

The report dates events to different precisions: a day (2005年9月12日), a month (2006年3月), a
quarter (2007Q2, 2008年Q2) or only a year (2011年, or "淘宝（2003）"). :func:`period` turns such a
date into the whole period it names, from its first day to the day after its last (``end`` is
exclusive), never an invented day. Chapter 一 draws its events over those periods; the milestone
chart (:func:`milestone_chart`) lists dated sentences top to bottom in date order, each node with the
report's own words, so it reads on a 360 px phone as on a desktop.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd

from wxshop.charts.captions import report_place
from wxshop.charts.theme import BLUE, FONT, MUTED
from wxshop.charts.wrapping import lines as wrap
from wxshop import i18n, units
from wxshop.i18n import N_, _, data_text

PRECISIONS = ("day", "month", "quarter", "year")
PRECISION_LABELS = {"day": N_("报告写到日"), "month": N_("报告只写到月"), "quarter": N_("报告只写到季度"),
                    "year": N_("报告只写到年份")}

_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # i18n: key
_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")  # i18n: key
_QUARTER = re.compile(r"^(\d{4})年?Q([1-4])$")  # i18n: key
_YEAR = re.compile(r"^(\d{4})年?$")  # i18n: key


@dataclass(frozen=True)
class Period:
    """The days an event covers: ``start`` (first day) to ``end`` (the day after the last), and how precise."""

    start: date
    end: date
    precision: str

    @property
    def mid(self) -> date:
        return self.start + (self.end - self.start) / 2


def period(when: str) -> Period:
    """The period the report's date ``when`` names (whitespace ignored); a ValueError for any other form."""
    if not isinstance(when, str):
        raise TypeError(f"when must be text such as '2005年9月', got {when!r}")  # i18n: key
    text = re.sub(r"\s+", "", when)
    if match := _DAY.match(text):
        year, month, day = map(int, match.groups())
        start = _date(year, month, day, when)
        return Period(start, start + timedelta(days=1), "day")
    if match := _MONTH.match(text):
        year, month = map(int, match.groups())
        start = _date(year, month, 1, when)
        return Period(start, start + timedelta(days=calendar.monthrange(year, month)[1]), "month")
    if match := _QUARTER.match(text):
        year, quarter = map(int, match.groups())
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return Period(start, end, "quarter")
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(date(year, 1, 1), date(year + 1, 1, 1), "year")
    raise ValueError(f"{when!r} is not a date the report writes (YYYY年M月D日, YYYY年M月, YYYYQn, YYYY年Qn or YYYY年)")  # i18n: key


def shown_when(when: str) -> str:
    """The report's date as the edition's readers write it: 2005年9月12日 / 12 September 2005, 2007Q2 / Q2 2007."""
    text = str(when).strip()
    if not i18n.is_english():
        return text
    if match := _DAY.match(text):
        return units.format_date(*map(int, match.groups()))
    if match := _MONTH.match(text):
        return units.format_date(*map(int, match.groups()))
    if match := _QUARTER.match(text):
        return f"Q{match.group(2)} {match.group(1)}"
    if match := _YEAR.match(text):
        return match.group(1)
    return data_text(text)


def _date(year: int, month: int, day: int, when: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{when!r} is not a calendar date") from None


# --------------------------------------------------------------------------- the milestone chart

LINE = 17  # px per text line
WRAP = 16  # characters per line: 16 twelve-pixel characters beside the dots fit a 360 px phone's column
GAP = 0.8  # lines between two nodes
DOT_X, TEXT_X = 6, 18  # px from the left edge


def milestones(frame: pd.DataFrame, width: int = WRAP) -> pd.DataFrame:
    """Dated rows laid out top to bottom: each row's period, its place and its wrapped ``text``.

    ``frame`` has at least ``row``, ``when`` (the report's date), ``text`` (the words shown), ``source``
    and ``quote``; rows are ordered by the start of their period, ties in the file's order. Adds
    ``precision``, ``precision_label``, ``start``, ``order``, ``y`` (the node's first line, in lines),
    ``lines`` and ``shown`` (the wrapped text).
    """
    missing = {"row", "when", "text", "source", "quote"} - set(frame.columns)
    if missing:
        raise ValueError(f"milestones need the columns {sorted(missing)}")
    out = frame.copy()
    spans = [period(str(w)) for w in out["when"]]
    out["precision"] = [s.precision for s in spans]
    out["precision_label"] = [_(PRECISION_LABELS[s.precision]) for s in spans]
    if i18n.is_english():  # the words and the date as English readers read them (the report's originals in data/)
        out["when"] = [shown_when(str(w)) for w in out["when"]]
        for column in ("text", "quote", "note"):
            if column in out:
                out[column] = [data_text(v) if isinstance(v, str) else v for v in out[column]]
    out["start"] = [s.start.isoformat() for s in spans]
    out = out.sort_values(["start", "row"], kind="stable").reset_index(drop=True)
    out["order"] = range(len(out))
    lines = [len(wrap(str(t), width)) for t in out["text"]]
    tops, y = [], 0.0
    for count in lines:
        tops.append(y)
        y += 1 + count + GAP  # the date's line, the text's lines, a gap
    out["y"] = tops
    out["lines"] = lines
    out["shown"] = ["\n".join(wrap(str(t), width)) for t in out["text"]]
    return out


def milestone_height(laid: pd.DataFrame) -> int:
    """The chart's height in px for :func:`milestones` rows."""
    if laid.empty:
        return LINE
    last = laid.iloc[-1]
    return int(round((float(last["y"]) + 1 + int(last["lines"])) * LINE)) + 4


def milestone_chart(laid: pd.DataFrame, title: str, description: str, color: str = BLUE,
                    name: str = "milestone") -> alt.LayerChart:
    """Dated nodes on a vertical line, top to bottom: a dot, the report's date in bold, the report's words.

    ``laid`` is :func:`milestones`; the tooltip names where each sentence is (报告3.4节, 报告图表2).
    Marks are named ``{name}_dots``, ``{name}_dates`` and ``{name}_texts``.
    """
    if laid.empty:
        raise ValueError("a milestone chart needs at least one dated row")
    source = laid[["row", "when", "text", "shown", "quote", "source", "precision_label", "y", "note"]].copy()
    source["source_name"] = [report_place(s) for s in source["source"]]
    source["note"] = source["note"].fillna("").replace("", "—")
    source["text_y"] = source["y"] + 1
    height = milestone_height(laid)
    span = height / LINE
    y_scale = alt.Scale(domain=[0, span], reverse=True)
    tooltip = [alt.Tooltip("when:N", title=_("时间（报告所写）")), alt.Tooltip("precision_label:N", title=_("日期精度")),
               alt.Tooltip("quote:N", title=_("报告原文")), alt.Tooltip("source_name:N", title=_("出处")),
               alt.Tooltip("note:N", title=_("说明"))]
    base = alt.Chart(source)
    first, last = float(source["y"].min()), float(source["y"].max())
    spine = alt.Chart(pd.DataFrame({"y": [first + 0.5], "y2": [last + 0.5]})).mark_rule(
        color=MUTED, strokeWidth=1.5, aria=False).encode(
        x=alt.value(DOT_X), y=alt.Y("y:Q", scale=y_scale, axis=None), y2="y2:Q").properties(name=f"{name}_spine")
    dots = base.transform_calculate(dot_y="datum.y + 0.5").mark_point(
        filled=True, size=64, color=color, opacity=1).encode(
        x=alt.value(DOT_X), y=alt.Y("dot_y:Q", scale=y_scale, axis=None), tooltip=tooltip).properties(
        name=f"{name}_dots")
    dates = base.mark_text(align="left", baseline="top", font=FONT, fontSize=12, fontWeight="bold",
                           color=color).encode(x=alt.value(TEXT_X), y=alt.Y("y:Q", scale=y_scale, axis=None),
                                               text="when:N", tooltip=tooltip).properties(name=f"{name}_dates")
    texts = base.mark_text(align="left", baseline="top", font=FONT, fontSize=12, lineBreak="\n",
                           lineHeight=LINE, color="#222222").encode(
        x=alt.value(TEXT_X), y=alt.Y("text_y:Q", scale=y_scale, axis=None), text="shown:N",
        tooltip=tooltip).properties(name=f"{name}_texts")
    return alt.layer(spine, dots, dates, texts).properties(title=title, description=description, width=300,
                                                           height=height)


def milestones_table(laid: pd.DataFrame, title: str) -> str:
    """Every node of a milestone chart with the report's whole sentence, collapsed under the chart."""
    from wxshop.charts.tables import table_html

    shown = pd.DataFrame({
        _("时间（报告所写）"): laid["when"],
        _("图中文字"): laid["text"],
        _("报告原文"): laid["quote"],
        _("出处"): [report_place(s) for s in laid["source"]],
        _("说明"): laid["note"].fillna("").replace("", "—"),
    })
    return ("<details class=\"wxshop-points\"><summary>" + _("时间线上的全部节点与原文") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, title) + "</details>")
