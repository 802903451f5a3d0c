"""The three eras of sections 2.1–2.3 and what the reader's controls select from.

- :data:`ERAS`: the report's eras as its headings date them (PC互联网时代 1998-2012, 移动互联网时代
  2013-2018, 直播电商时代 2019-至今); :func:`era_of` places a period in one of them.
- :func:`place`: a period's position on the shared time axis (a year-end count at the year's end, a
  year's flow at mid-year, a month at its end), its label for readers, and its era.
- :func:`bands`: the era bands over a chart's time range; :func:`segments` breaks a series' line
  where years are missing, so that no gap is bridged.
- :func:`era_cells`: the report's three 人货场 tables (图表15, 18, 21) as one grid of cells, each
  with its era, dimension, the column header its table prints and the text wrapped for the chart.

Everything here is pure: tables in, tables out. The charts embed these tables; their controls only
select rows of them.
"""
from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from wxshop import units
from wxshop.chapters.people_goods_place import growth, spec
from wxshop.i18n import N_, _


@dataclass(frozen=True)
class Era:
    key: str
    label: str  # as the report's section heading names and dates it
    short: str  # for chart labels
    first: int
    last: int | None  # None: 至今

    def contains(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)


ERAS = (
    Era("pc", N_("PC互联网时代（1998-2012）"), N_("PC时代"), 1998, 2012),
    Era("mobile", N_("移动互联网时代（2013-2018）"), N_("移动时代"), 2013, 2018),
    Era("live", N_("直播电商时代（2019-至今）"), N_("直播时代"), 2019, None),
)
BY_KEY = {era.key: era for era in ERAS}
assert tuple(BY_KEY) == spec.ERA_KEYS
# The report's tables of the three eras and the section each era's text is in.
EXHIBITS = {"pc": 15, "mobile": 18, "live": 21}
SECTIONS = {"pc": "2.1", "mobile": "2.2", "live": "2.3"}
DIMENSIONS = ("人", "货", "场")  # i18n: key (the tables' 对比维度 cells; shown through _())
# The header 图表15 prints over its second column; 图表18 and 21 print 用户粘性 there (a slip).
HEADER = "演进形式"  # i18n: key
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


def _year(period: str) -> int:
    match = _PERIOD.match(str(period))
    if not match:
        raise ValueError(f"period must be 'YYYY' or 'YYYY-MM', got {period!r}")
    return int(match.group(1))


def era_of(period: str) -> str | None:
    """The key of the era a period falls in (``"2012"`` -> ``"pc"``, ``"2018-06"`` -> ``"mobile"``); None before 1998."""
    year = _year(period)
    return next((era.key for era in ERAS if era.contains(year)), None)


def chosen_era(choice: str, section: str | None) -> str:
    """The era a chart opens on: the parameter's choice, or for ``"auto"`` its section's era (``"all"`` without one)."""
    if choice not in spec.ERA_CHOICES:
        raise ValueError(f"era must be one of {spec.ERA_CHOICES}, got {choice!r}")
    if choice != "auto":
        return choice
    if section is None:
        return "all"
    era = next((key for key, number in SECTIONS.items() if number == section), None)
    if era is None:
        raise ValueError(f"section must be one of {tuple(SECTIONS.values())} or None, got {section!r}")
    return era


@dataclass(frozen=True)
class Place:
    date: str  # ISO date on the time axis
    label: str  # for readers: 2012年末, 2019年, 1999年6月末
    era: str | None


def place(period: str, flow: bool = False) -> Place:
    """Where a period sits on the time axis.

    A year-end count (``flow=False``) sits at 31 December; a year's flow (a market size, a parcel
    volume) at 1 July; a month (``"1999-06"``) at its last day.
    """
    match = _PERIOD.match(str(period))
    if not match:
        raise ValueError(f"period must be 'YYYY' or 'YYYY-MM', got {period!r}")
    year, month = int(match.group(1)), match.group(2)
    if month:
        day = calendar.monthrange(year, int(month))[1]
        return Place(f"{year}-{month}-{day:02d}", _("{month}末", month=units.format_date(year, int(month))),
                     era_of(period))
    if flow:
        return Place(f"{year}-07-01", units.format_date(year), era_of(period))
    return Place(f"{year}-12-31", _("{year}年末", year=year), era_of(period))


def bands(start: str, end: str) -> pd.DataFrame:
    """The eras over the time range ``start``–``end`` (ISO dates), clipped to it; eras outside it are left out.

    Columns: era, label, short, start, end, mid (ISO dates).
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if hi <= lo:
        raise ValueError(f"end {end!r} must come after start {start!r}")
    rows = []
    for era in ERAS:
        first = pd.Timestamp(f"{era.first}-01-01")
        last = pd.Timestamp(f"{era.last + 1}-01-01") if era.last is not None else hi
        a, b = max(first, lo), min(last, hi)
        if b <= a:
            continue
        rows.append({"era": era.key, "label": _(era.label), "short": _(era.short), "start": a.strftime("%Y-%m-%d"),
                     "end": b.strftime("%Y-%m-%d"), "mid": (a + (b - a) / 2).strftime("%Y-%m-%d")})
    return pd.DataFrame(rows, columns=["era", "label", "short", "start", "end", "mid"])


def segments(periods: Sequence[str], max_gap_years: float = 1.5) -> list[int]:
    """A segment number per period (in time order): a new segment starts after a gap of more than ``max_gap_years``.

    A line drawn per segment never bridges a missing year (2010 -> 2012 with no 2011 is two segments).
    """
    positions = [growth.period_position(p) for p in periods]
    if positions != sorted(positions):
        raise ValueError("periods must be in time order")
    out, current = [], 0
    for i, position in enumerate(positions):
        if i and position - positions[i - 1] > max_gap_years:
            current += 1
        out.append(current)
    return out


def log_ticks(values: Sequence[float]) -> list[float]:
    """Powers of ten (as their exponents) spanning ``values`` (all > 0): the log scale's axis ticks."""
    positive = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    if not positive or min(positive) <= 0:
        raise ValueError("log ticks need values > 0")
    return [float(e) for e in range(math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive))) + 1)]


def text_width(text: str) -> float:
    """Display width in full-width characters: a Chinese character or full-width mark is 1, an ASCII one 0.55."""
    return sum(0.55 if ord(char) < 128 else 1.0 for char in text)


def wrap(text: str, width: float) -> list[str]:
    """Lines at most ``width`` full-width characters wide (plus a trailing 、or ，), broken after 、 and ， first,
    then between words (:func:`wxshop.words.words`), never inside one; a single word wider than ``width``
    keeps a line of its own.
    """
    from wxshop.words import words

    if width < 2:
        raise ValueError(f"width must be >= 2, got {width!r}")
    lines = []
    for phrase in re.findall(r"[^、，]+[、，]?", text):  # i18n: key
        body, tail = (phrase[:-1], phrase[-1]) if phrase[-1] in "、，" else (phrase, "")  # i18n: key
        count = math.ceil(text_width(body) / width - 1e-9)
        limit = width if count == 1 else min(width, text_width(body) / count + 1)  # lines of nearly equal width
        chunks: list[str] = [""]
        for word in words(body):
            if chunks[-1] and text_width(chunks[-1] + word) > limit:
                chunks.append("")
            chunks[-1] += word
        chunks[-1] += tail
        lines.extend(chunks)
    return lines


def era_cells(tables: Mapping[str, pd.DataFrame], width: int = 6) -> pd.DataFrame:
    """The three eras' 人货场 tables as one grid: one row per era and dimension.

    ``tables`` maps each era key to its verbatim table (columns ``对比维度`` and the report's second
    column, whatever its header). Columns: era, era_label, era_short, exhibit, dimension, header (as the
    table prints it), header_slip (the header differs from 图表15's 演进形式), text, lines (``text``
    wrapped at ``width`` characters), line_count.
    """
    if set(tables) != set(BY_KEY):
        raise ValueError(f"tables must be given for the eras {tuple(BY_KEY)}, got {tuple(tables)}")
    rows = []
    for era in ERAS:
        table = tables[era.key]
        headers = [c for c in table.columns if c not in ("row", "对比维度", "source_type", "source", "quote",  # i18n: key
                                                         "confidence", "note")]
        if len(headers) != 1:
            raise ValueError(f"the {era.key} table must have one text column besides 对比维度, got {headers}")  # i18n: key
        header = headers[0]
        if list(table["对比维度"]) != list(DIMENSIONS):  # i18n: key
            raise ValueError(f"the {era.key} table's rows must be {DIMENSIONS}, got {list(table['对比维度'])}")  # i18n: key
        for dimension, text in zip(table["对比维度"], table[header]):  # i18n: key
            lines = wrap(str(text), width)
            rows.append({"era": era.key, "era_label": era.label, "era_short": era.short,
                         "exhibit": EXHIBITS[era.key], "dimension": str(dimension), "header": header,
                         "header_slip": header != HEADER, "text": str(text), "lines": lines,
                         "line_count": len(lines)})
    return pd.DataFrame(rows)


def selected(cells: pd.DataFrame, era: str, dimension: str) -> pd.DataFrame:
    """The cells a reader's choice selects: ``era`` ("all" or a key) and ``dimension`` ("all" or 人/货/场)."""
    if era != "all" and era not in BY_KEY:
        raise ValueError(f"era must be 'all' or one of {tuple(BY_KEY)}, got {era!r}")
    if dimension != "all" and dimension not in DIMENSIONS:
        raise ValueError(f"dimension must be 'all' or one of {DIMENSIONS}, got {dimension!r}")
    keep = pd.Series(True, index=cells.index)
    if era != "all":
        keep &= cells["era"] == era
    if dimension != "all":
        keep &= cells["dimension"] == dimension
    return cells[keep]
