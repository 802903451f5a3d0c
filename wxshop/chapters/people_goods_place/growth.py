"""The growth figures sections 2.1–2.3 quote, recomputed by one helper.

The report states levels at two dates (上网计算机 146万 → 1613万, 快递单价 18.6元 → 12.4元 ...) and,
in places, a change (减少了15天，降幅近11%). Every multiple, change, compound annual growth rate
(CAGR) and percentage-point move the chapter shows is computed here, from the levels it is given.

Periods are written as in ``data/``: ``"YYYY"`` is the year as a whole (a year-end count or a
year's flow), placed at the year's end; ``"YYYY-MM"`` is the end of that month.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from wxshop import checks

_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


def period_position(period: str) -> float:
    """The period's end in years: ``"2012"`` -> 2013.0, ``"1999-06"`` -> 1999.5, ``"1997-10"`` -> 1997 + 10/12."""
    match = _PERIOD.match(str(period))
    if not match:
        raise ValueError(f"period must be 'YYYY' or 'YYYY-MM', got {period!r}")
    year, month = int(match.group(1)), match.group(2)
    return year + (int(month) / 12 if month else 1.0)


def years_between(start: str, end: str) -> float:
    """Years from the end of ``start`` to the end of ``end``: ``("1999-06", "2002-06")`` -> 3.0."""
    years = period_position(end) - period_position(start)
    if years <= 0:
        raise ValueError(f"end period {end!r} must come after start period {start!r}")
    return years


def _positive(value: object, name: str) -> float:
    number = checks.number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return number


def multiple(start: float, end: float) -> float:
    """``end`` as a multiple of ``start`` (146 -> 1613 is about 11.05 times)."""
    return checks.amount(end, "end") / _positive(start, "start")


def change(start: float, end: float) -> float:
    """Relative change as a fraction: 18.6 -> 12.4 is -0.333 (-33.3%)."""
    return multiple(start, end) - 1


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate as a fraction over ``years`` (> 0): (end / start) ** (1 / years) - 1."""
    span = _positive(years, "years")
    return (_positive(end, "end") / _positive(start, "start")) ** (1 / span) - 1


def pp_change(start_share: float, end_share: float) -> float:
    """Move between two shares (fractions), in percentage points: 0.745 -> 0.983 is +23.8."""
    return (checks.fraction(end_share, "end_share") - checks.fraction(start_share, "start_share")) * 100


def implied_base(absolute_change: float, relative_change: float) -> float:
    """The starting level a change implies: a fall of 15 that is 11% of the level means a level of about 136."""
    rate = checks.number(relative_change, "relative_change")
    if rate == 0:
        raise ValueError("relative_change must not be 0")
    base = checks.number(absolute_change, "absolute_change") / rate
    if base <= 0:
        raise ValueError(f"absolute_change {absolute_change!r} and relative_change {relative_change!r} "
                         "must have the same sign")
    return base


@dataclass(frozen=True)
class Growth:
    """Two levels of one quantity at two periods, and what they imply."""

    start: float
    end: float
    start_period: str
    end_period: str

    @property
    def years(self) -> float:
        return years_between(self.start_period, self.end_period)

    @property
    def multiple(self) -> float:
        return multiple(self.start, self.end)

    @property
    def change(self) -> float:
        return change(self.start, self.end)

    @property
    def cagr(self) -> float:
        return cagr(self.start, self.end, self.years)
