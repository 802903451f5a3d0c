"""Charts of a sweep in the book's theme: ``chart(df, x=..., y=..., color=...)`` and the tornado chart.

Axis titles are the columns' Chinese labels with their units as a Chinese reader expects them (亿元, 万人,
%); amounts are scaled for the axis only (the data stay in base units) and tooltips read as the prose does
(:mod:`wxshop.units`). In JupyterLab the charts draw offline (the book's renderer, :mod:`wxshop.charts`);
from the command line they are saved as a file.
"""
from __future__ import annotations

import json
import math
from typing import Any

import altair as alt
import pandas as pd

from wxshop import units
from wxshop.charts import BLUE, RED  # importing wxshop.charts enables the book's theme and renderer

COUNTS = ("元", "人", "件", "单", "次", "个", "家", "台", "笔", "条", "项")
SCALES = (("万亿", units.WANYI), ("亿", units.YI), ("万", units.WAN))
WIDTH = 520


def _meta(df: pd.DataFrame, column: str) -> dict[str, str]:
    found = df.attrs.get("columns", {}).get(column)
    return found or {"label": column, "unit": "", "kind": ""}


def shown(value: Any, unit: str) -> str:
    """A value as the prose shows it: 1.6万亿元, 5%, 15.6万次, +0.5 个百分点, 2024-12-19."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "—"
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value.date() if isinstance(value, pd.Timestamp) else value)
    if math.isinf(value):
        return "无穷大" if value > 0 else "负无穷大"
    if unit == "比率":
        return units.format_percent(value, 1)
    if unit == "百分点":
        return f"{value:+.2f}".rstrip("0").rstrip(".") + " 个百分点"
    if unit == "倍":
        return f"{value:.2f}".rstrip("0").rstrip(".") + "倍"
    if unit in COUNTS:
        return units.format_scaled(value, unit, 2)
    if _counted(unit):  # a figure whose unit follows the scenario (人|笔): the number alone
        return units.format_scaled(value, "", 2)
    return f"{value:,.4g}" + (unit if unit not in ("", "未注明") else "")


def _counted(unit: str) -> bool:
    return "|" in unit and all(part in COUNTS for part in unit.split("|"))


def scale_for(values: pd.Series, unit: str) -> tuple[str, float]:
    """The magnitude word and divisor an axis of these values reads in (亿, 1e8), for counted units."""
    if unit not in COUNTS and not _counted(unit):
        return "", 1.0
    top = float(pd.to_numeric(values, errors="coerce").abs().max()) if len(values) else 0.0
    for word, size in SCALES:
        if top >= size:
            return word, float(size)
    return "", 1.0


def axis_title(label: str, unit: str, word: str = "") -> str:
    if unit == "比率":
        return f"{label}（%）"
    if unit == "百分点":
        return f"{label}（个百分点）"
    if "|" in unit:
        return f"{label}（{word}）" if word else label
    if unit in ("", "未注明", "日期"):
        return label
    return f"{label}（{word}{unit}）"


def _field(df: pd.DataFrame, column: str, channel: Any, **extra: Any) -> Any:
    """An encoding for ``column``: quantitative with a scaled or per-cent axis, temporal, or nominal."""
    meta = _meta(df, column)
    series = df[column]
    if pd.api.types.is_datetime64_any_dtype(series):
        return channel(column, type="temporal", title=axis_title(meta["label"], ""), **extra)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        word, size = scale_for(series, meta["unit"])
        axis = alt.Axis(format="%") if meta["unit"] == "比率" else (
            alt.Axis(labelExpr=f"format(datum.value / {size:g}, ',.4~f')") if size != 1 else alt.Axis())
        kind = channel.__name__.lower()
        if kind in ("x", "y"):
            extra.setdefault("axis", axis)
        return channel(column, type="quantitative", title=axis_title(meta["label"], meta["unit"], word), **extra)
    sort = list(series.cat.categories) if isinstance(series.dtype, pd.CategoricalDtype) else None
    names = meta.get("choices")
    if names:  # a choice reads as its Chinese name (低值情形), the data keep the code
        labels = _label_expr(names)
        kind = channel.__name__.lower()
        if kind in ("x", "y"):
            extra.setdefault("axis", alt.Axis(labelExpr=labels))
        elif kind in ("color", "shape"):
            extra.setdefault("legend", alt.Legend(labelExpr=labels))
        elif kind in ("column", "row", "facet"):
            extra.setdefault("header", alt.Header(labelExpr=labels))
    return channel(column, type="nominal", title=meta["label"], sort=sort, **extra)


def _label_expr(names: dict[str, str]) -> str:
    """A Vega expression that shows each code's Chinese name: formatting only."""
    text = "datum.label"
    for code, name in reversed(list(names.items())):
        text = f"datum.label === {json.dumps(code)} ? {json.dumps(name, ensure_ascii=False)} : ({text})"
    return text


def chart(df: pd.DataFrame, x: str, y: str, color: str | None = None, column: str | None = None,
          title: str | None = None) -> alt.Chart:
    """A sweep drawn in the book's theme: lines over a numeric ``x`` (bars over a choice), one per ``color``.

    Each (x, color, column) must name one row: fix the other swept parameters first (``df[df.case == "mid"]``)
    or put them on ``color`` or ``column``; otherwise a ValueError says which.
    """
    encoded = [c for c in (x, y, color, column) if c is not None]
    missing = [c for c in encoded if c not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the sweep; columns: {', '.join(map(str, df.columns))}")
    keys = [c for c in (x, color, column) if c is not None]
    repeated = df.duplicated(subset=keys).sum()
    if repeated:
        others = [c for c in df.attrs.get("swept", []) if c not in keys]
        raise ValueError(f"{repeated} rows repeat an ({', '.join(keys)}) already drawn: the sweep also varies "
                         f"{', '.join(others) or 'other columns'}; select one value of each, or draw them as "
                         "color or column")
    data = df[encoded].copy()
    data.attrs = df.attrs
    tips = []
    for name in dict.fromkeys(encoded):
        unit, names = _meta(df, name)["unit"], _meta(df, name).get("choices", {})
        data[f"{name}__shown"] = [names.get(v, shown(v, unit)) if names else shown(v, unit) for v in data[name]]
        tips.append(alt.Tooltip(f"{name}__shown:N", title=_meta(df, name)["label"]))
    numeric_x = pd.api.types.is_numeric_dtype(df[x]) or pd.api.types.is_datetime64_any_dtype(df[x])
    base = alt.Chart(data)
    encoding: dict[str, Any] = {"x": _field(df, x, alt.X), "y": _field(df, y, alt.Y), "tooltip": tips}
    if color is not None:
        encoding["color"] = _field(df, color, alt.Color)
        if not numeric_x:
            encoding["xOffset"] = alt.XOffset(color, type="nominal", sort=encoding["color"].sort)
    if column is not None:
        encoding["column"] = _field(df, column, alt.Column)
    mark = base.mark_line(point=True) if numeric_x else base.mark_bar()
    if color is None:
        mark = base.mark_line(point=True, color=BLUE) if numeric_x else base.mark_bar(color=BLUE)
    heading = title or f"{_meta(df, y)['label']}随{_meta(df, x)['label']}的变化"
    return mark.encode(**encoding).properties(title=heading, width=WIDTH if column is None else 240,
                                              description=f"情景分析：{heading}")


def tornado(result: pd.DataFrame | str, figures: list[str] | None = None, top: int = 12,
            **options: Any) -> alt.VConcatChart:
    """Tornado charts of a sensitivity result (or of a chapter, computed by :func:`sensitivity` with ``options``):
    one per figure, a bar per parameter from the figure's least to its greatest value, the widest first,
    a tick at the default scenario's value."""
    if isinstance(result, str):
        from wxshop.sweep.ranges import sensitivity

        result = sensitivity(result, **options)
    if result.empty:
        raise ValueError("no headline figure moves with any parameter: nothing to draw")
    chosen = figures or list(dict.fromkeys(result["figure"]))
    unknown = [f for f in chosen if f not in set(result["figure"])]
    if unknown:
        raise ValueError(f"figure {unknown[0]!r} does not move in this sensitivity result; "
                         f"figures: {', '.join(dict.fromkeys(result['figure']))}")
    names = result.attrs.get("choices", {})
    panels = [_tornado_panel(_widest(result[result["figure"] == f]).head(top), names) for f in chosen]
    heading = f"敏感性：{result.attrs.get('title', '')}" if result.attrs.get("title") else "敏感性"
    spread = result.attrs.get("spread")
    moved = f"在默认值的±{units.format_percent(spread, 0)}内" if spread else "在允许范围内"
    return alt.vconcat(*panels).properties(
        title=alt.Title(heading, subtitle=f"每个参数{moved}变动、其余参数取默认值时各数字的区间；竖线为默认情景"))


def _tornado_panel(part: pd.DataFrame, choices: dict[str, dict[str, str]]) -> alt.LayerChart:
    unit, label = str(part["unit"].iloc[0]), str(part["figure_label"].iloc[0])
    word, size = scale_for(pd.concat([part["low"], part["high"]]), unit)
    data = part.assign(
        low_shown=[shown(v, unit) for v in part["low"]], high_shown=[shown(v, unit) for v in part["high"]],
        base_shown=[shown(v, unit) for v in part["at_base"]],
        low_at_shown=[_setting(v, u, choices.get(n)) for v, u, n in
                      zip(part["low_at"], part["parameter_unit"], part["parameter"])],
        high_at_shown=[_setting(v, u, choices.get(n)) for v, u, n in
                       zip(part["high_at"], part["parameter_unit"], part["parameter"])])
    axis = alt.Axis(format="%") if unit == "比率" else (
        alt.Axis(labelExpr=f"format(datum.value / {size:g}, ',.4~f')") if size != 1 else alt.Axis())
    order = list(_widest(data)["parameter_label"])
    y = alt.Y("parameter_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    x_title = axis_title(label, unit, word)
    tips = [alt.Tooltip("parameter_label:N", title="参数"), alt.Tooltip("low_shown:N", title="最小值"),
            alt.Tooltip("low_at_shown:N", title="此时参数取"), alt.Tooltip("high_shown:N", title="最大值"),
            alt.Tooltip("high_at_shown:N", title="此时参数取"), alt.Tooltip("base_shown:N", title="默认情景")]
    chart = alt.Chart(data)
    bars = chart.mark_bar(color=BLUE, opacity=0.8).encode(x=alt.X("low:Q", title=x_title, axis=axis), x2="high:Q",
                                                          y=y, tooltip=tips)
    rule = chart.mark_rule(color=RED, strokeWidth=2).encode(x="at_base:Q", tooltip=tips[-1:])
    return alt.layer(bars, rule).properties(title=label, width=WIDTH,
                                                   height=alt.Step(22), description=f"敏感性：{label}")


def _widest(part: pd.DataFrame) -> pd.DataFrame:
    """Widest range first; equal widths in the chapter's order of parameters."""
    return part.sort_values("width", ascending=False, kind="stable")


def _setting(value: Any, unit: str, names: dict[str, str] | None = None) -> str:
    """A parameter's value in a tooltip: a choice by its Chinese name, None as the default it stands for."""
    if value is None:
        return "默认（由数据或情形决定）"
    if names:
        return names.get(value, str(value))
    return shown(value, unit)


def save(figure: alt.TopLevelMixin, path: Any) -> None:
    """Save a chart as .svg, .png, .pdf, .json or a self-contained .html (the chart libraries inlined: it
    opens offline)."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix.lower()
    if suffix == ".html":
        figure.save(str(target), inline=True)
    elif suffix in (".svg", ".png", ".pdf", ".json"):
        figure.save(str(target))
    else:
        raise ValueError(f"chart file {target.name!r}: expected .svg, .png, .pdf, .json or .html")
