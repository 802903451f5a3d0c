"""The timeline of Tencent's e-commerce attempts (report 1.1 and 图表2): each event over the period the
report gives.

The report dates its events to different precisions: a day (2005年9月12日), a month (2006年3月), a
quarter (2007Q2, 2008年Q2) or only a year (2011年). An event is drawn over that whole period, from
its first day to the day after its last (``end`` is exclusive), never as an invented day.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

ATTEMPTS = ("尝试一", "尝试二", "尝试三")  # the report's order
PRECISIONS = ("day", "month", "quarter", "year")
PRECISION_LABELS = {"day": "报告写到日", "month": "报告只写到月", "quarter": "报告只写到季度", "year": "报告只写到年份"}
COLUMNS = ("row", "attempt", "when", "label", "precision", "precision_label", "start", "end", "mid",
           "conflicts_with", "source", "quote", "note")

_DAY = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_MONTH = re.compile(r"^(\d{4})年(\d{1,2})月$")
_QUARTER = re.compile(r"^(\d{4})年?Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})年?$")


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
        raise TypeError(f"when must be text such as '2005年9月', got {when!r}")
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
    raise ValueError(f"{when!r} is not a date the report writes (YYYY年M月D日, YYYY年M月, YYYYQn, YYYY年Qn or YYYY年)")


def _date(year: int, month: int, day: int, when: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{when!r} is not a calendar date") from None


def events(table: pd.DataFrame) -> pd.DataFrame:
    """One row per event of ``tencent_ecommerce_events`` with its period, in the order the chart lists them:
    by attempt, then by start (ties keep the file's order)."""
    rows = []
    for record in table.to_dict("records"):
        span = period(str(record["when"]))
        conflict = record.get("conflicts_with")
        rows.append({
            "row": int(record["row"]), "attempt": record["attempt"], "when": record["when"], "label": record["label"],
            "precision": span.precision, "precision_label": PRECISION_LABELS[span.precision],
            "start": span.start.isoformat(), "end": span.end.isoformat(), "mid": span.mid.isoformat(),
            "conflicts_with": None if conflict is None or pd.isna(conflict) else int(conflict),
            "source": record["source"], "quote": record["quote"],
            "note": "" if record.get("note") is None or pd.isna(record.get("note")) else str(record["note"]),
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    unknown = set(frame["attempt"]) - set(ATTEMPTS)
    if unknown:
        raise ValueError(f"unknown attempt(s) {sorted(unknown)}; the report's are {', '.join(ATTEMPTS)}")
    missing = set(frame["conflicts_with"].dropna()) - set(frame["row"])
    if missing:
        raise ValueError(f"conflicts_with names rows that do not exist: {sorted(missing)}")
    order = frame["attempt"].map(ATTEMPTS.index)
    return frame.assign(_order=order).sort_values(["_order", "start", "row"], kind="stable").drop(
        columns="_order").reset_index(drop=True)
