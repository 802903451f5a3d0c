"""The sweep's table: a column per parameter and per headline figure, typed, with units.

- A parameter's column has its name (``budget``): numbers as float, whole numbers as Int64, choices as
  categories in the spec's order.
- A figure's column is its glue key without ``text`` (``mp_increment_text`` -> ``mp_increment``) and its
  unit in ASCII (``mp_increment_yuan``); ratios are fractions (``_ratio``: 0.05 is 5%).
- A date figure (unit ``日期``) is a date: ``20241219`` and ``2024年12月19日`` become 2024-12-19; a month or a
  quarter as the report wrote it (``2006年3月``, ``2007Q2``) becomes a pandas Period.
- A figure with no value (a phrase such as a citation) is a text column holding the prose's text; a figure
  whose value is a code (a case, a modality) is a text column holding the code.

``frame.attrs["columns"]`` describes each column: kind (parameter | figure | error), its glue key or
parameter name, the Chinese label and the unit in the data package's words. Parquet keeps it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wxshop.params import Spec

# The data package's units (data/CONVENTIONS.md) in column names.
SUFFIXES = {
    "元": "yuan", "比率": "ratio", "百分点": "pp", "人": "people", "件": "items", "单": "orders", "次": "count",
    "笔": "payments", "条": "posts", "项": "entries", "个": "units", "台": "machines", "家": "firms", "倍": "multiple",
    "年": "year", "月": "months", "天": "days", "小时": "hours", "分钟": "minutes", "秒": "seconds",
}
# The unit after a slash: 单/天 -> orders_per_day, 元/次 -> yuan_per_time.
PER = {"天": "day", "小时": "hour", "月": "month", "年": "year", "秒": "second", "次": "time", "件": "item",
       "元": "yuan", "人": "person", "千次": "thousand_times", "张": "image"}
NO_SUFFIX = ("", "日期", "未注明")
DATE = "日期"
ERROR = "error"


def unit_suffix(unit: str) -> str:
    """``元`` -> ``yuan``, ``单/天`` -> ``orders_per_day``; a unit with no ASCII name raises KeyError."""
    if unit in NO_SUFFIX:
        return ""
    head, *per = unit.split("/")
    return "_per_".join([SUFFIXES[head], *(PER[p] for p in per)])


def base_name(key: str) -> str:
    """A glue key without its ``text`` part: ``users_text_when`` -> ``users_when``."""
    return "_".join(part for part in key.split("_") if part != "text") or key


_FULL_DATE = re.compile(r"^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$")
_MONTH = re.compile(r"^(\d{4})年\s*(\d{1,2})月$")
_QUARTER = re.compile(r"^(\d{4})\s*Q([1-4])$")


def as_date(value: Any) -> pd.Timestamp | pd.Period | None:
    """A date figure's value as a date: YYYYMMDD numbers, 2024年12月19日, 2006年3月 (Period), 2007Q2 (Period)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        digits = f"{int(value):08d}"
        return pd.Timestamp(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    text = str(value).strip()
    for pattern, make in ((_FULL_DATE, lambda y, m, d: pd.Timestamp(int(y), int(m), int(d))),
                          (_MONTH, lambda y, m: pd.Period(year=int(y), month=int(m), freq="M")),
                          (_QUARTER, lambda y, q: pd.Period(year=int(y), quarter=int(q), freq="Q"))):
        found = pattern.match(text)
        if found:
            return make(*found.groups())
    raise ValueError(f"not a date: {value!r} (expected YYYYMMDD, 2024年12月19日, 2006年3月 or 2007Q2)")


@dataclass
class FigureMeta:
    """What the sweep learnt of one figure over the scenarios it ran: its label, units and kind of value."""

    label: str
    units: set[str] = field(default_factory=set)
    text_only: bool = False  # the figure has no value: its text is what the sweep keeps
    codes: bool = False  # its value is text (a case, a modality)

    def merge(self, other: "FigureMeta") -> None:
        self.units |= other.units
        self.text_only = self.text_only or other.text_only
        self.codes = self.codes or other.codes


def figure_kind(meta: FigureMeta) -> str:
    if meta.text_only or meta.codes:
        return "text"
    if meta.units == {DATE}:
        return "date"
    return "number"


def figure_column(key: str, meta: FigureMeta) -> tuple[str, str]:
    """The column's name and its unit (in the data package's words; ``人|次`` when it varies by scenario)."""
    base = base_name(key)
    kind = figure_kind(meta)
    if kind != "number" or len(meta.units) != 1:
        return base, "|".join(sorted(meta.units)) if kind == "number" else ("" if kind == "text" else DATE)
    unit = next(iter(meta.units))
    try:
        suffix = unit_suffix(unit)
    except KeyError:
        suffix = ""
    name = base if not suffix or base.endswith("_" + suffix) else f"{base}_{suffix}"
    return name, unit


def _number(value: Any) -> float:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(value)
        except (TypeError, ValueError):
            return math.nan
    return float(value)


def _date_column(values: list[Any]) -> pd.Series | pd.api.extensions.ExtensionArray:
    dates = [as_date(v) for v in values]
    kinds = {type(d) for d in dates if d is not None}
    if kinds == {pd.Period}:
        freqs = {d.freqstr for d in dates if d is not None}
        if len(freqs) == 1:
            return pd.array(dates, dtype=f"period[{next(iter(freqs))}]")
        return pd.array([None if d is None else str(d) for d in dates], dtype="string")
    if kinds <= {pd.Timestamp}:
        return pd.to_datetime(pd.Series(dates, dtype="object"))
    return pd.array([None if d is None else str(d) for d in dates], dtype="string")


def parameter_column(spec: Spec, name: str, values: list[Any]) -> Any:
    param = spec.by_name()[name]
    if param.kind == "choice":
        return pd.Categorical(values, categories=list(param.choices))
    if param.kind == "integer":
        return pd.array([pd.NA if v is None else int(v) for v in values], dtype="Int64")
    return pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")


def frame(spec: Spec, parameters: list[Mapping[str, Any]], figures: list[Mapping[str, Any] | None],
          metas: Mapping[str, FigureMeta], errors: Mapping[int, str] | None = None,
          texts: list[Mapping[str, str] | None] | None = None) -> pd.DataFrame:
    """The sweep's DataFrame: one row per scenario (``parameters[i]`` and its ``figures[i]``, None if it failed)."""
    columns: dict[str, Any] = {}
    described: dict[str, dict[str, str]] = {}
    for param in spec.params:
        columns[param.name] = parameter_column(spec, param.name, [p[param.name] for p in parameters])
        described[param.name] = {"kind": "parameter", "key": param.name, "label": param.label or param.name,
                                 "unit": param.unit}
        if param.kind == "choice":
            described[param.name]["choices"] = dict(zip(param.choices, param.choice_labels or param.choices))
    for key, meta in metas.items():
        name, unit = figure_column(key, meta)
        raw = [None if row is None else row.get(key) for row in figures]
        kind = figure_kind(meta)
        if kind == "number":
            values: Any = pd.array([_number(v) for v in raw], dtype="float64")
        elif kind == "date":
            values = _date_column(raw)
        else:
            values = pd.array([None if v is None else str(v) for v in raw], dtype="string")
        if name in columns:
            if described[name]["kind"] == "parameter" and _same(columns[name], values):
                continue  # the figure only repeats the parameter (the prose's echo of it)
            name += "_figure"
        columns[name] = values
        described[name] = {"kind": "figure", "key": key, "label": meta.label, "unit": unit}
        if texts is not None:
            columns[name + "_text"] = pd.array([None if t is None else t.get(key) for t in texts], dtype="string")
            described[name + "_text"] = {"kind": "text", "key": key, "label": meta.label + "（正文）", "unit": ""}
    if errors is not None:
        columns[ERROR] = pd.array([errors.get(i) for i in range(len(parameters))], dtype="string")
        described[ERROR] = {"kind": "error", "key": ERROR, "label": "错误", "unit": ""}
    result = pd.DataFrame(columns)
    result.attrs = {"chapter": spec.stem, "title": spec.title,
                    "columns": ReadOnly({name: ReadOnly(meta) for name, meta in described.items()})}
    return result


class ReadOnly(dict):
    """A read-only dict (``attrs["columns"]`` and each column's notes). pandas deep-copies a frame's ``attrs``
    into every frame, column and row derived from it; being immutable, the notes are shared instead
    (the same reason as :class:`wxshop.data.Lines`). Still a dict, so JSON and Parquet metadata take it."""

    def __deepcopy__(self, memo: dict) -> "ReadOnly":
        return self

    def __reduce__(self) -> tuple:
        return (ReadOnly, (dict(self),))

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a sweep's column notes are read-only; copy them with dict(...) to change them")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]


def _same(left: Any, right: Any) -> bool:
    a, b = pd.Series(left).astype("string"), pd.Series(right).astype("string")
    return bool((a.fillna("<NA>") == b.fillna("<NA>")).all())


def describe(result: pd.DataFrame) -> pd.DataFrame:
    """The columns of a sweep's DataFrame: kind, glue key or parameter, Chinese label and unit."""
    meta = result.attrs.get("columns", {})
    rows = [{"column": c, **meta.get(c, {"kind": "", "key": "", "label": "", "unit": ""})} for c in result.columns]
    return pd.DataFrame(rows, columns=["column", "kind", "key", "label", "unit"])


def merge_metas(parts: Iterable[Mapping[str, FigureMeta]]) -> dict[str, FigureMeta]:
    """Figure descriptions from every chunk, in the order the chapter declares its figures."""
    merged: dict[str, FigureMeta] = {}
    for part in parts:
        for key, meta in part.items():
            if key in merged:
                merged[key].merge(meta)
            else:
                merged[key] = FigureMeta(meta.label, set(meta.units), meta.text_only, meta.codes)
    return merged
