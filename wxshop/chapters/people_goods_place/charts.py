"""Charts of chapter 二 (2.1–2.3): the series with an era band, and the era explorer.

Every series chart draws data-package rows as they are, one point per row at its place on the time
axis (:func:`model.place`), each with its source and grade in its tooltip; a public series' line is
broken where years are missing, report figures are red diamonds beside the public points. Two
controls, the same on every chart: the era to highlight (the era's band and its points) and the
y scale (log or linear, for series spanning orders of magnitude). The explorer lays the report's
three 人货场 tables side by side and links the same era control to small multiples of every series.

Vega expressions here only select rows (by era, dimension) and format labels; the log positions,
the tick values and the eras are computed in Python.
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from wxshop import i18n, units
from wxshop.chapters.people_goods_place import model, spec
from wxshop.charts import FONT, table_html
from wxshop.charts.render import control_meta
from wxshop.i18n import N_, _

REPORT_LEGEND = N_("报告原文")  # the legend entry of the report's own figures (translated where drawn)
REPORT_COLOR = "#c0392b"
ERA_FILL = {"pc": "#d6e4f2", "mobile": "#dcebd5", "live": "#f4e0cf"}
SERIES_COLORS = ("#1f4e79", "#a14a00", "#2e6b30", "#5b3a8e", "#6b5500", "#0f6b6b", "#8a2d5b")  # dark enough for text
ERA_OPTIONS = ("all", *spec.ERA_KEYS)
ERA_LABELS = (N_("三个时代并列"), *(model.BY_KEY[k].label for k in spec.ERA_KEYS))
DIMENSION_OPTIONS = ("all", *model.DIMENSIONS)
DIMENSION_LABELS = (N_("人、货、场"), N_("人"), N_("货"), N_("场"))
IN_ERA = "(era == 'all' || datum.era == era)"
MIN_LABEL_DAYS = 900  # an era band narrower than this (clipped at a chart's edge) is not named
# The points' columns a chart embeds (the rest stay in Python: provenance ids, periods).
CHART_COLUMNS = ("period", "date", "when", "era", "era_label", "value", "ylog", "legend", "kind", "shown", "grade", "source_text",
                 "line_id")


def cn_number(x: str) -> str:
    """A Vega expression formatting the expression ``x`` as the edition's readers read a count or an amount in base
    units on an axis: 5000万, 1.2亿, 3.5万亿 in Chinese; 50mn, 120mn, 3.5tn in English (:func:`units.vega_number`)."""
    return units.vega_number(x, ".3~r")


@dataclass
class Panel:
    """One panel of a series chart: its points, what they measure and how they are drawn."""

    key: str  # mark names start with it (panels' keys must not be prefixes of one another)
    title: str
    axis: str  # the y axis title, with its unit
    points: pd.DataFrame  # see wiring.points: date, when, era, value, ylog, legend, kind, line_id, ...
    colors: dict[str, str]  # legend entry -> colour, in legend order (the report's red diamonds are added)
    share: bool = False  # a share (0–100%): linear only, the scale control leaves it alone
    lines: bool = True  # join a public series' points (within a segment)
    height: int = 200


def legend_scale(panel: Panel) -> tuple[alt.Scale, alt.Scale]:
    """(colour, shape) scales for a panel's legend entries: public series as given, the report's in red diamonds."""
    present = set(panel.points["legend"])
    names = [n for n in panel.colors if n in present]
    report = _(REPORT_LEGEND)
    missing = present - set(names) - {report}
    if missing:
        raise ValueError(f"panel {panel.key!r}: no colour for {sorted(missing)}")
    domain = names + ([report] if report in present else [])
    colors = [panel.colors[n] for n in names] + [REPORT_COLOR] * (len(domain) - len(names))
    shapes = ["circle"] * len(names) + ["diamond"] * (len(domain) - len(names))
    return alt.Scale(domain=domain, range=colors), alt.Scale(domain=domain, range=shapes)


TICK_DAYS = {"start": (1, 1), "mid": (7, 1), "end": (12, 31)}


def year_ticks(start: str, end: str, anchor: str = "start", most: int = 6) -> list[alt.DateTime]:
    """Year ticks within ``start``–``end``, every 1, 2 or 5 years (at most ``most``), each labelled with its year.

    ``anchor`` puts a year's tick where that chart's yearly points sit: ``"end"`` (31 December) for year-end
    counts, ``"mid"`` (1 July) for a year's flow, ``"start"`` (1 January) on the explorer's long axis.
    """
    month, day = TICK_DAYS[anchor]
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    years = [y for y in range(lo.year, hi.year + 1) if lo <= pd.Timestamp(year=y, month=month, day=day) <= hi]
    step = next(s for s in (1, 2, 5, 10) if len([y for y in years if y % s == 0]) <= most)
    return [alt.DateTime(year=y, month=month, date=day) for y in years if y % step == 0]


def _y_domain(panel: Panel) -> tuple[str, list[float]]:
    """The y scale's domain as an expression of the scale control, and the log scale's ticks (exponents)."""
    if panel.share:
        return "[0, 1]", []
    ticks = model.log_ticks(list(panel.points["value"]))
    top = float(panel.points["value"].max()) * 1.1
    return f"scale == 'log' ? [{ticks[0]:g}, {ticks[-1]:g}] : [0, {top:.6g}]", ticks


def tooltip(panel: Panel) -> list[alt.Tooltip]:
    return [alt.Tooltip("when:N", title=_("时点")), alt.Tooltip("legend:N", title=_("系列或发布机构")),
            alt.Tooltip("shown:N", title=_("数值")), alt.Tooltip("era_label:N", title=_("所属时代")),
            alt.Tooltip("grade:N", title=_("数据依据")), alt.Tooltip("source_text:N", title=_("来源"))]


def panel_chart(panel: Panel, bands: pd.DataFrame, start: str, end: str, legend: bool = True,
                ticks: str = "start") -> alt.LayerChart:
    """One panel: era bands (the chosen era outlined), the series' lines and points, the chosen era's points ringed."""
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=[start, end]),
              axis=alt.Axis(format="%Y", values=year_ticks(start, end, ticks), labelFontSize=11))
    domain, ticks = _y_domain(panel)
    if panel.share:
        y = alt.Y("value:Q", title=panel.axis, scale=alt.Scale(domain=[0, 1]),
                  axis=alt.Axis(format=".0%", tickCount=5, labelFontSize=11, titleFontSize=11))
    else:
        label = cn_number("(scale == 'log' ? pow(10, datum.value) : datum.value)")
        y = alt.Y("y:Q", title=panel.axis, scale=alt.Scale(domain=alt.ExprRef(domain), zero=False, nice=False),
                  axis=alt.Axis(values=alt.ExprRef(f"scale == 'log' ? [{', '.join(f'{t:g}' for t in ticks)}] : null"),
                                labelExpr=label, tickCount=4, labelOverlap=False, labelFontSize=11,
                                titleFontSize=11))
    color_scale, shape_scale = legend_scale(panel)
    legend_spec = alt.Legend(orient="top", columns=1, title=None, labelFontSize=11, labelLimit=300) if legend else None
    color = alt.Color("legend:N", scale=color_scale, legend=legend_spec)
    shape = alt.Shape("legend:N", scale=shape_scale, legend=legend_spec)

    era_scale = alt.Scale(domain=list(ERA_FILL), range=list(ERA_FILL.values()))
    band = alt.Chart(bands).mark_rect().encode(
        x="start:T", x2="end:T", fill=alt.Fill("era:N", scale=era_scale, legend=None),
        opacity=alt.condition("era == 'all' || datum.era == era", alt.value(0.75), alt.value(0.25)),
        tooltip=[alt.Tooltip("label:N", title=_("时代"))],
    ).properties(name=f"{panel.key}_eras")
    focus = alt.Chart(bands).transform_filter("datum.era == era").mark_rect(
        fillOpacity=0, stroke="#1f4e79", strokeWidth=2, aria=False).encode(
        x="start:T", x2="end:T", tooltip=[alt.Tooltip("label:N", title=_("所选时代"))]).properties(
        name=f"{panel.key}_focus")
    wide = bands[(pd.to_datetime(bands["end"]) - pd.to_datetime(bands["start"])).dt.days >= MIN_LABEL_DAYS]
    names = alt.Chart(wide).mark_text(baseline="top", dy=3, fontSize=11, font=FONT, color="#333333").encode(
        x="mid:T", y=alt.value(0), text="short:N",
        opacity=alt.condition("era == 'all' || datum.era == era", alt.value(1.0), alt.value(0.55)),
    ).properties(name=f"{panel.key}_eranames")

    base = alt.Chart(panel.points[list(CHART_COLUMNS)])
    if not panel.share:
        base = base.transform_calculate(y="scale == 'log' ? datum.ylog : datum.value")
    layers = [band, focus, names]
    if panel.lines:
        layers.append(base.transform_filter("datum.kind == 'public'").mark_line(strokeWidth=1.5).encode(
            x=x, y=y, color=color, detail="line_id:N", order="date:T").properties(name=f"{panel.key}_line"))
    layers.append(base.mark_point(filled=True, size=46).encode(
        x=x, y=y, color=color, shape=shape,
        opacity=alt.condition(IN_ERA, alt.value(1.0), alt.value(0.35)),
        tooltip=tooltip(panel)).properties(name=f"{panel.key}_points"))
    # The rings repeat points the points layer already labels, and may be empty: hidden from screen readers.
    layers.append(base.transform_filter(IN_ERA).mark_point(filled=False, size=110, strokeWidth=1, color="#333333",
                                                           opacity=0.8, aria=False).encode(
        x=x, y=y, tooltip=tooltip(panel)).properties(name=f"{panel.key}_chosen"))
    return alt.layer(*layers).properties(title=panel.title, height=panel.height, width=520)


def independent(chart: alt.VConcatChart) -> alt.VConcatChart:
    """Each panel keeps its own colours, shapes and legend (its own series), and its own y scale."""
    return chart.resolve_scale(color="independent", shape="independent", fill="independent", y="independent",
                               opacity="independent").resolve_legend(color="independent", shape="independent")


def era_param(era: str) -> alt.Parameter:
    return alt.param(name="era", value=era, bind=alt.binding_select(options=list(ERA_OPTIONS),
                                                                     labels=[_(label) for label in ERA_LABELS],
                                                                     name=_("突出显示的时代")))


def scale_param(scale: str) -> alt.Parameter:
    return alt.param(name="scale", value=scale,
                     bind=alt.binding_select(options=list(spec.SCALES), labels=[_(label) for label in spec.SCALE_LABELS],
                                             name=_("纵轴刻度")))


def series_chart(panels: list[Panel], era: str, scale: str, start: str, end: str, title: str,
                 description: str, ticks: str = "start") -> alt.TopLevelMixin:
    """Panels stacked on one time axis (``start``–``end``), with the era and scale controls."""
    bands = model.bands(start, end)
    charts = [panel_chart(p, bands, start, end, ticks=ticks) for p in panels]
    chart = charts[0] if len(charts) == 1 else independent(alt.vconcat(*charts, spacing=14))
    controls = {**control_meta("era", _("突出显示的时代"))}
    params = [era_param(era)]
    if any(not p.share for p in panels):
        controls.update(control_meta("scale", _("纵轴刻度")))
        params.append(scale_param(scale))
    else:  # the expressions name the scale signal even on share-only charts
        params.append(alt.param(name="scale", value="linear"))
    props = {"title": title} if len(charts) > 1 else {}
    return chart.add_params(*params).properties(description=description, usermeta={"controls": controls}, **props)


# --------------------------------------------------------------------------- the era explorer

def column_lines(cells: pd.DataFrame, era: str) -> list[str]:
    """The explorer's column heading for an era: its name, years and the header its table prints (※ a slip)."""
    row = cells[cells["era"] == era].iloc[0]
    first, last = model.BY_KEY[era].first, model.BY_KEY[era].last
    years = f"{first}-{last}" if last is not None else _("{first}-至今", first=first)
    mark = "※" if row["header_slip"] else ""
    lines = [str(row["era_short"]), years, _("图表{number}表头：", number=row["exhibit"]), f"{row['header']}{mark}"]
    if i18n.is_english():  # English words are longer: each line broken again to the column's width
        lines = [part for line in lines for part in (textwrap.wrap(line, ENGLISH_WRAP) or [line])]
    return lines


ENGLISH_WRAP = 14  # characters per line of an English cell: a column of a 360 px screen (a Chinese cell wraps at 6)


def shown_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """The explorer's cells (:func:`model.era_cells`) in the reader's language: in English the era names, the
    dimensions, the tables' headers and texts translated, the texts wrapped again by English words."""
    if not i18n.is_english():
        return cells
    out = cells.copy()
    out["era_label"] = [_(label) for label in out["era_label"]]
    out["era_short"] = [_(short) for short in out["era_short"]]
    out["dimension"] = [dimension_label(d) for d in out["dimension"]]
    out["header"] = [i18n.data_text(h) for h in out["header"]]
    out["text"] = [i18n.data_text(t) for t in out["text"]]
    out["lines"] = [textwrap.wrap(t, ENGLISH_WRAP) or [""] for t in out["text"]]
    out["line_count"] = [len(lines) for lines in out["lines"]]
    return out


def dimension_label(dimension: str) -> str:
    """人, 货 or 场 as a row label: People, Goods, Place in English."""
    label = _(dimension)
    return label[:1].upper() + label[1:]


def _dimensions() -> list[str]:
    return [dimension_label(d) for d in model.DIMENSIONS]


def _columns(cells: pd.DataFrame) -> tuple[alt.X, list[str]]:
    order = [_(model.BY_KEY[e].short) for e in spec.ERA_KEYS]
    return alt.X("era_short:N", title=None, sort=order, scale=alt.Scale(type="band", domain=order, paddingInner=0.04),
                 axis=None), order


def explorer_header(cells: pd.DataFrame) -> alt.Chart:
    """The column headings above the grid: era, years, and each table's own header for the second column."""
    heads = pd.DataFrame([{"era": e, "era_short": _(model.BY_KEY[e].short), "lines": column_lines(cells, e),
                           "slip": bool(cells[cells["era"] == e]["header_slip"].iloc[0])} for e in spec.ERA_KEYS])
    x, order = _columns(cells)
    return alt.Chart(heads).mark_text(align="left", baseline="top", dx=4, lineHeight=14, fontSize=11, font=FONT).encode(
        x=alt.X("era_short:N", sort=order, scale=alt.Scale(type="band", domain=order, paddingInner=0.04), axis=None,
                bandPosition=0),
        text="lines", color=alt.condition(IN_ERA, alt.value("#111111"), alt.value("#595959")),
    ).properties(name="heads", height=14 * max(len(lines) for lines in heads["lines"]) + 2, width=520,
                 title=_("三个时代的人、货、场（报告原表）"))


def explorer_grid(cells: pd.DataFrame) -> alt.LayerChart:
    """The three tables side by side: a column per era, a row per dimension; the chosen cells shaded and outlined."""
    source = cells[["era", "era_short", "dimension", "lines", "line_count", "text", "header", "exhibit"]].copy()
    source["era_label"] = [_(model.BY_KEY[e].label) for e in source["era"]]
    x, order = _columns(cells)
    step = int(source["line_count"].max()) * 14 + 18
    y = alt.Y("dimension:N", title=None, sort=_dimensions(), scale=alt.Scale(type="band", paddingInner=0.04),
              axis=alt.Axis(labelFontSize=13, labelFontWeight="bold", ticks=False, domain=False, labelPadding=6))
    chosen = f"{IN_ERA} && (dimension == 'all' || datum.dimension == dimension)"
    tip = [alt.Tooltip("era_label:N", title=_("时代")), alt.Tooltip("dimension:N", title=_("对比维度")),
           alt.Tooltip("header:N", title=_("原表表头")), alt.Tooltip("text:N", title=_("报告原文"))]
    background = alt.Chart(source).mark_rect().encode(
        x=x, y=y, color=alt.condition(chosen, alt.value("#dbe8f5"), alt.value("#f4f4f4")), tooltip=tip,
    ).properties(name="cells_bg")
    outline = alt.Chart(source).transform_filter(chosen).mark_rect(fillOpacity=0, stroke="#1f4e79", strokeWidth=2).encode(
        x=x, y=y, tooltip=tip).properties(name="cells_on")
    text = alt.Chart(source).mark_text(align="left", baseline="top", dx=4, dy=6, lineHeight=14, fontSize=11,
                                       font=FONT).encode(
        x=alt.X("era_short:N", sort=order, scale=alt.Scale(type="band", domain=order, paddingInner=0.04), axis=None,
                bandPosition=0),
        y=alt.Y("dimension:N", sort=_dimensions(), bandPosition=0),
        text="lines", color=alt.condition(chosen, alt.value("#111111"), alt.value("#595959")), tooltip=tip,
    ).properties(name="cells_text")
    return alt.layer(background, outline, text).properties(width=520, height=alt.Step(step))


def explorer_chart(cells: pd.DataFrame, panels: list[Panel], era: str, dimension: str, scale: str,
                   start: str, end: str) -> alt.VConcatChart:
    """The explorer: the three tables side by side, then every series on one shared time axis, one era control for all."""
    bands = model.bands(start, end)
    cells = shown_cells(cells)
    options = ["all", *_dimensions()]
    dimension_param = alt.param(name="dimension", value=dimension if dimension == "all" else dimension_label(dimension),
                                bind=alt.binding_select(options=options, labels=[_(DIMENSION_LABELS[0]), *_dimensions()],
                                                        name=_("对比维度")))
    small = [panel_chart(p, bands, start, end, legend=False) for p in panels]
    return independent(alt.vconcat(explorer_header(cells), explorer_grid(cells), *small, spacing=12)).add_params(
        era_param(era), dimension_param, scale_param(scale)).properties(
        usermeta={"controls": {**control_meta("era", _("突出显示的时代")), **control_meta("dimension", _("对比维度")),
                               **control_meta("scale", _("纵轴刻度"))}},
        description=_("上为报告图表15、18、21三张人货场表并排（每列一个时代，每行人、货、场），所选时代与维度的单元格加底色并描边；"
                      "下为本章各公开数据序列画在同一时间轴上，所选时代的色带描边、数据点加圈。可用下拉框选择时代、对比维度与纵轴刻度。"))


def cells_table(cells: pd.DataFrame) -> str:
    """The explorer's cells as a plain table (what the chart shows, for screen readers and without script)."""
    cells = shown_cells(cells)
    shown = pd.DataFrame({_("时代"): [_(model.BY_KEY[e].label) for e in cells["era"]], _("对比维度"): cells["dimension"],
                          _("原表表头"): cells["header"], _("报告原文"): cells["text"],
                          _("出处"): [_("图表{number}", number=n) for n in cells["exhibit"]]})
    return ("<details class=\"wxshop-points\"><summary>" + _("三张表的全部单元格") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, _("图表15、18、21 单元格")) + "</details>")


def points_table(points: pd.DataFrame, title: str) -> str:
    """A chart's points with their sources (a collapsed table under the chart)."""
    shown = pd.DataFrame({_("时点"): points["when"], _("系列或发布机构"): points["legend"], _("数值"): points["shown"],
                          _("所属时代"): points["era_label"], _("数据依据"): points["grade"],
                          _("来源"): points["source_text"]})
    return ("<details class=\"wxshop-points\"><summary>" + _("逐点数据与来源") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, title) + "</details>")


def growth_table(rows: pd.DataFrame) -> str:
    """The growth figures of 2.1–2.3: the report's levels, what they imply, and the public levels' where there are some."""
    return table_html(rows, {c: c for c in rows.columns}, _("2.1–2.3节增长数字的复算"))


def requirements_table(frame: pd.DataFrame, sources: dict[str, str]) -> str:
    """图表16's reference table: ITU's rate requirements or targets per generation (not the lost exhibit's data)."""
    shown = pd.DataFrame({
        _("代际"): [i18n.data_text(g) for g in frame["generation"]],
        _("指标（要求或目标）"): [i18n.data_text(m) for m in frame["metric"]],
        _("速率"): [rate_text(v) for v in frame["value"]],
        _("数据依据"): [_("公开资料（{grade}）", grade=i18n.data_text(c)) for c in frame["confidence"]],
        _("来源"): [sources[s] for s in frame["source"]]})
    return table_html(shown, {c: c for c in shown.columns}, _("ITU对各代移动通信的速率要求与目标（参考，不是原图数据）"))


def rate_text(bits: float) -> str:
    """A rate in bit/s as engineers write it: 384 kbit/s, 100 Mbit/s, 20 Gbit/s."""
    for size, unit in ((1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")):
        if bits >= size:
            value = bits / size
            return f"{value:g} {unit}" if math.isclose(value, round(value, 3)) else f"{value:.3g} {unit}"
    return f"{bits:g} bit/s"
