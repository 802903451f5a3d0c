"""Box-and-arrow diagrams whose every word is the report's: boxes, arrows and labels as Vega-Lite marks.

A diagram's content is a data resource (one row per box, arrow or label, each with its ``text`` and the
report's sentence it comes from in ``quote``); where each part sits is the chapter's layout
(:class:`Place`, in fractions of the width and in text lines). Text is wrapped for the narrowest column
a chart gets (a 360 px phone), so nothing overflows; on a wider screen the boxes widen and the text
stays as wrapped. The diagram draws as SVG through the site's chart pipeline, with a tooltip per part.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from wxshop.charts.captions import report_place
from wxshop.charts.theme import BLUE, FONT
from wxshop.charts.wrapping import lines as wrap
from wxshop.i18n import _, data_text

LINE = 17  # px per text line
CHAR = 12.5  # px a 12 px Chinese character takes, with a little room
NARROWEST = 240  # px: the chart's width in a 360 px phone's column (the runtime fits charts to their column)
PAD = 0.35  # lines of padding above and below a box's text
STYLES = {  # fill, stroke, dashed, bold
    "head": ("#d6e4f2", BLUE, False, True),
    "node": ("#f2f5f9", "#5a7896", False, False),
    "example": ("#ffffff", "#8a8a8a", True, False),
    "result": ("#e3efdc", "#2e6b30", False, False),
}


@dataclass(frozen=True)
class Place:
    """Where a part sits: ``x0``–``x1`` across (fractions of the width), ``y`` its first line (in lines).

    A box's height follows from its wrapped text. For an arrow, ``x0`` is where it runs (the ``from``
    box's centre if omitted) and ``x1`` where its label's column ends; its label starts at ``x0`` + a
    little, or at ``label_x`` when given.
    """

    x0: float | None = None
    x1: float | None = None
    y: float = 0.0
    style: str = "node"
    label_x: float | None = None
    align: str = "center"  # a label's alignment: left or center


def chars(x0: float, x1: float) -> int:
    """Characters per line a box from ``x0`` to ``x1`` holds in the narrowest column."""
    return max(2, int(((x1 - x0) * NARROWEST - 8) // CHAR))


def layout(frame: pd.DataFrame, places: dict[str, Place]) -> dict[str, pd.DataFrame]:
    """The diagram's marks: ``boxes`` (node rows), ``labels`` (label rows, and arrows' words) and ``arrows``.

    ``frame`` is a diagram resource (part, kind, from, to, text, detail, source, quote, note); every
    node and label needs a :class:`Place`; arrows run between their boxes' facing edges.
    """
    parts = set(frame["part"])
    unknown = set(places) - parts
    if unknown:
        raise ValueError(f"places for parts that are not in the data: {sorted(unknown)}")
    rows = frame.to_dict("records")
    boxes, labels, arrows = [], [], []
    extent: dict[str, tuple[float, float, float, float]] = {}
    for row in rows:
        if row["kind"] == "edge":
            continue
        place = places.get(row["part"])
        if place is None or place.x0 is None or place.x1 is None:
            raise ValueError(f"part {row['part']!r} has no place (x0, x1, y) in the layout")
        lines = wrap(_s(row["text"]), chars(place.x0, place.x1))
        common = _common(row)
        if row["kind"] == "node":
            fill, stroke, dashed, bold = STYLES[place.style]
            top, bottom = place.y, place.y + len(lines) + 2 * PAD
            extent[row["part"]] = (place.x0, place.x1, top, bottom)
            boxes.append({**common, "x0": place.x0, "x1": place.x1, "y0": top, "y1": bottom,
                          "tx": (place.x0 + place.x1) / 2, "ty": top + PAD, "shown": "\n".join(lines),
                          "fill": fill, "stroke": stroke, "dash": 4 if dashed else 0, "bold": bold})
        else:
            x = place.x0 if place.align == "left" else (place.x0 + place.x1) / 2
            labels.append({**common, "tx": x, "ty": place.y, "shown": "\n".join(lines), "bold": True,
                           "align": place.align})
            extent[row["part"]] = (place.x0, place.x1, place.y, place.y + len(lines))
    for row in rows:
        if row["kind"] != "edge":
            continue
        start, end = extent.get(_s(row["from"])), extent.get(_s(row["to"]))
        if start is None or end is None:
            raise ValueError(f"arrow {row['part']!r} joins parts that are not drawn: {row['from']!r} → {row['to']!r}")
        place = places.get(row["part"], Place())
        x = place.x0 if place.x0 is not None else (start[0] + start[1]) / 2
        down = end[2] >= start[3]
        y_from, y_to = (start[3], end[2]) if down else (start[2], end[3])
        arrows.append({**_common(row), "x": x, "y": y_from, "y2": y_to, "head_y": y_to,
                       "shape": "triangle-down" if down else "triangle-up"})
        words = [w for w in (_s(row.get("text")), _s(row.get("detail"))) if w]
        if words:
            lx0 = place.label_x if place.label_x is not None else x + 0.03
            lx1 = place.x1 if place.x1 is not None else min(1.0, lx0 + 0.45)
            width = chars(lx0, lx1)
            y = min(y_from, y_to) + 0.2
            for i, word in enumerate(words):
                lines = wrap(word, width)
                labels.append({**_common(row), "tx": lx0, "ty": y, "shown": "\n".join(lines), "bold": i == 0,
                               "align": "left"})
                y += len(lines) + 0.2
    return {"boxes": pd.DataFrame(boxes), "labels": pd.DataFrame(labels), "arrows": pd.DataFrame(arrows)}


def _s(value: object) -> str:
    """A cell as text: empty for a missing cell (pandas' NA, NaN or None)."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else data_text(str(value))


def _common(row: dict) -> dict:
    return {"part": row["part"], "kind": row["kind"], "text": _s(row.get("text")), "quote": _s(row["quote"]),
            "source": _s(row["source"]), "note": _s(row.get("note")) or "—"}


def height_lines(parts: dict[str, pd.DataFrame]) -> float:
    """The diagram's height in lines: the lowest box bottom, label or arrow end, plus a little."""
    bottoms = [0.0]
    if not parts["boxes"].empty:
        bottoms.append(float(parts["boxes"]["y1"].max()))
    if not parts["labels"].empty:
        bottoms += [float(r["ty"]) + r["shown"].count("\n") + 1 for _, r in parts["labels"].iterrows()]
    if not parts["arrows"].empty:
        bottoms.append(float(parts["arrows"][["y", "y2"]].max().max()))
    return math.ceil(max(bottoms) + 0.3)


def diagram_chart(frame: pd.DataFrame, places: dict[str, Place], title: str, description: str,
                  name: str = "diagram") -> alt.LayerChart:
    """The diagram of ``frame`` laid out by ``places``: boxes with the report's words, arrows, labels.

    Marks are named ``{name}_boxes``, ``{name}_texts``, ``{name}_labels``, ``{name}_arrows`` and
    ``{name}_heads``; every part's tooltip gives its words, the report's sentence and where it is.
    """
    parts = layout(frame, places)
    for key in parts:
        if not parts[key].empty:
            parts[key]["source_name"] = [report_place(s) for s in parts[key]["source"]]
    lines = height_lines(parts)
    x_scale = alt.Scale(domain=[0, 1])
    y_scale = alt.Scale(domain=[0, lines], reverse=True)
    tooltip = [alt.Tooltip("text:N", title=_("图中文字")), alt.Tooltip("quote:N", title=_("报告原文")),
               alt.Tooltip("source_name:N", title=_("出处")), alt.Tooltip("note:N", title=_("说明"))]
    layers = []
    boxes = parts["boxes"]
    if not boxes.empty:
        base = alt.Chart(boxes)
        layers.append(base.mark_rect(cornerRadius=3, strokeWidth=1.2).encode(
            x=alt.X("x0:Q", scale=x_scale, axis=None), x2="x1:Q",
            y=alt.Y("y0:Q", scale=y_scale, axis=None), y2="y1:Q",
            fill=alt.Fill("fill:N", scale=None), stroke=alt.Stroke("stroke:N", scale=None),
            strokeDash=alt.condition("datum.dash > 0", alt.value([4, 3]), alt.value([1, 0])),
            tooltip=tooltip).properties(name=f"{name}_boxes"))
        for bold in (True, False):
            chosen = boxes[boxes["bold"] == bold]
            if chosen.empty:
                continue
            layers.append(alt.Chart(chosen).mark_text(
                align="center", baseline="top", font=FONT, fontSize=12, lineBreak="\n", lineHeight=LINE,
                fontWeight="bold" if bold else "normal", color="#1a1a1a").encode(
                x=alt.X("tx:Q", scale=x_scale, axis=None), y=alt.Y("ty:Q", scale=y_scale, axis=None),
                text="shown:N", tooltip=tooltip).properties(name=f"{name}_texts_{'head' if bold else 'body'}"))
    arrows = parts["arrows"]
    if not arrows.empty:
        base = alt.Chart(arrows)
        layers.append(base.mark_rule(color="#4d4d4d", strokeWidth=1.5).encode(
            x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("y:Q", scale=y_scale, axis=None), y2="y2:Q",
            tooltip=tooltip).properties(name=f"{name}_arrows"))
        layers.append(base.mark_point(filled=True, size=55, color="#4d4d4d", opacity=1).encode(
            x=alt.X("x:Q", scale=x_scale, axis=None), y=alt.Y("head_y:Q", scale=y_scale, axis=None),
            shape=alt.Shape("shape:N", scale=None), tooltip=tooltip).properties(name=f"{name}_heads"))
    labels = parts["labels"]
    if not labels.empty:
        for (align, bold), chosen in labels.groupby(["align", "bold"], sort=False):
            layers.append(alt.Chart(chosen).mark_text(
                align=align, baseline="top", font=FONT, fontSize=12, lineBreak="\n", lineHeight=LINE,
                fontWeight="bold" if bold else "normal", color=BLUE if bold else "#222222").encode(
                x=alt.X("tx:Q", scale=x_scale, axis=None), y=alt.Y("ty:Q", scale=y_scale, axis=None),
                text="shown:N", tooltip=tooltip).properties(name=f"{name}_labels_{align}_{'bold' if bold else 'plain'}"))
    return alt.layer(*layers).properties(title=title, description=description, width=NARROWEST,
                                         height=int(lines * LINE))


def parts_table(frame: pd.DataFrame, title: str) -> str:
    """Every part of a diagram with the report's sentence, collapsed under the chart."""
    from wxshop.charts.tables import table_html

    kinds = {"node": _("方框"), "edge": _("箭头"), "label": _("文字")}
    shown = pd.DataFrame({
        _("部件"): frame["kind"].map(kinds),
        _("图中文字"): [_("；").join(w for w in (_s(r["text"]), _s(r["detail"])) if w) or _("（箭头，无文字）")
                     for _i, r in frame.iterrows()],
        _("报告原文"): frame["quote"].map(data_text),
        _("出处"): [report_place(s) for s in frame["source"]],
    })
    return ("<details class=\"wxshop-points\"><summary>" + _("图中每个部件的报告原文") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, title) + "</details>")
