"""Charts and tables of chapter 四 (4.1–4.2): express volumes, Douyin's DAU, 图表47's comparison, the two models.

The series charts (图表44, 45) draw data-package rows as they are, each point with its source and
grade in its tooltip and in a table under the chart. 图表47's comparison shows the verbatim cells
of the row the reader picks. The model charts embed grids the models computed; their controls only
select rows.
"""
from __future__ import annotations

import math
import re
import textwrap

import altair as alt
import pandas as pd

from wxshop import i18n, provenance, units
from wxshop.chapters.douyin import model, notes
from wxshop.charts import BLUE, FONT, MUTED, RED, table_html
from wxshop.charts.diagram import Place, diagram_chart
from wxshop.charts.render import control_meta
from wxshop.charts.series import grade_scale
from wxshop.i18n import N_, _, translate

WAN = units.WAN
YI = units.YI
HORIZON = 60  # days the cold-start chart shows
CLOSE = 1e-6


def positions(value: float, low: float, high: float, step: float, digits: int = 6) -> list[float]:
    """A slider's positions: every ``step`` from ``low`` to ``high`` on the progression through ``value``.

    The chapter's own value is always a position (an analyst's value off the usual grid moves the grid).
    """
    if step <= 0:
        raise ValueError(f"step must be > 0, got {step!r}")
    if not low <= value <= high:
        low, high = min(low, value), max(high, value)
    start = value - math.floor((value - low) / step + 1e-9) * step
    count = int(math.floor((high - start) / step + 1e-9))
    return [round(start + k * step, digits) for k in range(count + 1)]


def _slider(name: str, values: list[float], value: float, label: str) -> alt.Parameter:
    step = round(values[1] - values[0], 6) if len(values) > 1 else 1
    start = round(float(value), 6)
    return alt.param(name=name, value=int(start) if start.is_integer() else start,
                     bind=alt.binding_range(min=values[0], max=values[-1], step=step, name=label))


def _at(field: str, param: str) -> str:
    return f"abs(datum.{field} - {param}) < {CLOSE}"


def data_text(text: object) -> str:
    """A text cell of ``data/`` in the reader's language: its catalogue entry (data.po) where there is one, else
    the original as written (the shared ``i18n.data_text`` when the package has it)."""
    text = "" if text is None else str(text)
    shared = getattr(i18n, "data_text", None)
    if shared is not None:
        return shared(text)
    if not i18n.is_english():
        return text
    try:
        return i18n.english(text)
    except i18n.TranslationError:
        return text


def list_sep() -> str:
    """The separator of a list of words: 、 in Chinese, a comma in English."""
    return ", " if i18n.is_english() else "、"  # i18n: key


def vega_text(template: str, **exprs: str) -> str:
    """A Vega string expression from a (translated) template: ``vega_text(_("合计 {n} 单"), n="format(datum.n, ',')")``
    is ``'合计 ' + format(datum.n, ',') + ' 单'`` (the template's own text quoted, each placeholder an expression)."""
    pieces = []
    for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
        if i % 2:
            pieces.append(exprs[part])
        elif part:
            pieces.append("'" + part.replace("\\", "\\\\").replace("'", "\\'") + "'")
    return " + ".join(pieces)


# --------------------------------------------------------------------------- 图表44

def express_points(frame: pd.DataFrame) -> pd.DataFrame:
    """图表44's bars: each year's public volume (件 -> 亿件, as the notes read it; 万件, the original's unit, beside
    it) with its grade, source and the editors' basis note."""
    rows = frame[(frame["source_type"] == "public") & frame["volume"].notna()].sort_values("year")
    return pd.DataFrame({
        "year": rows["year"].astype(int).astype(str),
        "volume": rows["volume"].astype(float),
        "yi": (rows["volume"] / YI * express_scale()[0]).round(2),
        "wan_text": [_("{number}万件", number=f"{v / WAN:,.0f}") for v in rows["volume"]],
        "grade": [provenance.grade(r) for _i, r in rows.iterrows()],
        "source_text": [provenance.text(r) for _i, r in rows.iterrows()],
        "basis": [_(notes.EXPRESS_BASIS.get(int(y), "")) or "—" for y in rows["year"]],
    })


def express_scale() -> tuple[float, str]:
    """(factor, unit) of 图表44's axis, whose values are held in 亿件: 亿件 in Chinese, bn items in English."""
    return units.display_scale("亿", "件")  # i18n: key (unit noun: catalogue)


def express_chart(points: pd.DataFrame) -> alt.Chart:
    """Bars of China's express volume by year in 亿件 (the report's original counted 万件: 507亿件, not
    5,070,000万件), coloured by the source's grade; gaps stay gaps."""
    years = [str(y) for y in range(int(points["year"].min()), int(points["year"].max()) + 1)]
    pick = alt.selection_point(fields=["grade"], bind="legend", name="grade_pick")
    unit = express_scale()[1]
    volume = _("快递业务量（{unit}）", unit=unit)
    return alt.Chart(points).mark_bar().encode(
        x=alt.X("year:O", title=_("年份"), scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("yi:Q", title=volume, axis=alt.Axis(format=",.0f")),
        color=alt.Color("grade:N", title=_("数据依据"), scale=grade_scale(list(points["grade"])),
                        legend=alt.Legend(orient="top", columns=1)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=[alt.Tooltip("year:O", title=_("年份")), alt.Tooltip("yi:Q", title=volume, format=",.1f"),
                 alt.Tooltip("wan_text:N", title=_("原图单位（万件）")), alt.Tooltip("grade:N", title=_("数据依据")),
                 alt.Tooltip("basis:N", title=_("口径说明")), alt.Tooltip("source_text:N", title=_("来源"))],
    ).add_params(pick).properties(
        name="express_bars", title=_("中国快递业务量（{unit}）", unit=unit), width=300, height=260,
        description=_("柱状图：{first}–{last}年中国快递业务量（{unit}），颜色表示数据依据{gaps}。", first=years[0],
                      last=years[-1], unit=unit, gaps=gaps_text(points, years)))


def gaps_text(points: pd.DataFrame, years: list[str]) -> str:
    """'；2011年缺数据，留空' for the years of the axis without a bar ('' when there is none)."""
    missing = [y for y in years if y not in set(points["year"])]
    return _("；{years}年缺数据，留空", years=list_sep().join(missing)) if missing else ""


def express_table(points: pd.DataFrame) -> str:
    shown = pd.DataFrame({_("年份"): points["year"],
                          _("快递业务量（{unit}）", unit=express_scale()[1]): points["yi"].map(lambda v: f"{v:,.1f}"),
                          _("原图单位（万件）"): points["wan_text"], _("数据依据"): points["grade"],
                          _("口径说明"): points["basis"], _("来源"): points["source_text"]})
    return ("<details class=\"wxshop-points\"><summary>" + _("逐点数据与来源") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, _("图表44 逐点数据")) + "</details>")


# --------------------------------------------------------------------------- 图表45

def _qualifier(note: str) -> str:
    text = note.lower()
    return "more" if text.startswith("more than") else "about" if text.startswith("about") else ""


def dau_scale() -> tuple[float, str]:
    """(divisor, unit) of 图表45's values, counted in people: 亿人 in Chinese, million people in English."""
    if i18n.is_english():
        factor, unit = units.display_scale("万", "人")  # i18n: key
        return WAN / factor, unit
    return YI, units.display_scale("亿", "人")[1]  # i18n: key


def dau_label(qualifier: str, value: float) -> str:
    """A milestone as the chart labels it: ＞2.5亿 / >250 million, 约3.2亿 / about 320 million."""
    if i18n.is_english():
        number = units.format_scaled(value, "", 2)
        return {"more": ">", "about": "about "}.get(qualifier, "") + number
    return f"{'＞' if qualifier == 'more' else '约' if qualifier == 'about' else ''}{value / YI:g}亿"  # i18n: key


def dau_points(frame: pd.DataFrame) -> pd.DataFrame:
    """图表45's points: Douyin's published DAU milestones (人 -> 亿人), each a lower bound where the source says 超过."""
    rows = frame[(frame["metric"] == "dau") & (frame["platform"] == "抖音")].sort_values("date")  # i18n: key
    notes_text = rows["note"].fillna("")
    qualifier = [_qualifier(n) for n in notes_text]
    wide = ["火山版" in n for n in notes_text]  # i18n: key
    values = rows["value"].astype(float)
    return pd.DataFrame({
        "date": rows["date"].tolist(),
        "month": [f"{d}-15" for d in rows["date"]],  # mid-month: no time zone moves a point to another month
        "yi": (values / dau_scale()[0]).round(2).tolist(),
        "label": [dau_label(q, v) for q, v in zip(qualifier, values)],
        "bound": [_("下限（原文：超过）") if q == "more" else _("约数") if q == "about" else _("原文未注限定词")
                  for q in qualifier],
        "scope": [_(notes.DAU_SCOPES[1]) if w else _(notes.DAU_SCOPES[0]) for w in wide],
        "grade": [provenance.grade(r) for _i, r in rows.iterrows()],
        "publisher": [provenance.source_citation(str(r["source"])) for _i, r in rows.iterrows()],
        "source_text": [provenance.text(r) for _i, r in rows.iterrows()],
    })


def dau_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Douyin's DAU milestones (亿人) on a time axis; the 2020-08 point (with 抖音火山版) drawn apart."""
    ticks = [alt.DateTime(year=int(d[:4]), month=int(d[5:7]), date=15) for d in points["date"]]
    x = alt.X("month:T", title=_("时间"), axis=alt.Axis(values=ticks, format="%Y-%m", labelAngle=-45),
              scale=alt.Scale(padding=30))
    unit = dau_scale()[1]
    step = 100 if i18n.is_english() else 1  # the axis ends a step above the highest point
    y = alt.Y("yi:Q", title=_("日活跃用户（{unit}）", unit=unit),
              scale=alt.Scale(domain=[0, (math.ceil(points["yi"].max() / step) + 1) * step]))
    tooltip = [alt.Tooltip("date:N", title=_("时点")), alt.Tooltip("label:N", title=_("日活")),
               alt.Tooltip("bound:N", title=_("数值性质")), alt.Tooltip("scope:N", title=_("口径")),
               alt.Tooltip("grade:N", title=_("数据依据")), alt.Tooltip("source_text:N", title=_("来源"))]
    scopes = [_(s) for s in notes.DAU_SCOPES]
    base = alt.Chart(points)
    dots = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("grade:N", title=_("数据依据"), scale=grade_scale(list(points["grade"])),
                        legend=alt.Legend(orient="bottom", columns=1)),
        shape=alt.Shape("scope:N", title=_("口径"), scale=alt.Scale(domain=scopes,
                                                                 range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        stroke=alt.value("#333333"), strokeWidth=alt.value(0.8),
    ).properties(name="dau_points")
    labels = base.mark_text(dy=-14, font=FONT, fontSize=12).encode(x=x, y=y, text="label:N").properties(name="dau_labels")
    wide = base.transform_filter(alt.datum.scope == scopes[1]).mark_text(
        dy=18, align="right", dx=6, font=FONT, fontSize=11, color=MUTED, lineBreak="\n").encode(
        x=x, y=y, text=alt.value(_("含抖音火山版，口径不同"))).properties(name="dau_scope_note")
    return alt.layer(dots, labels, wide).properties(
        title=_("抖音日活跃用户（{unit}）", unit=unit), width=300, height=260,
        description=_("散点图：抖音公开的日活跃用户里程碑（{unit}），2018年6月至2020年8月；颜色表示数据依据，"
                      "菱形为包含抖音火山版的2020年8月数字；标有“＞”的为下限。", unit=unit))


def dau_table(points: pd.DataFrame) -> str:
    shown = pd.DataFrame({_("时点"): points["date"], _("日活"): points["label"], _("数值性质"): points["bound"],
                          _("口径"): points["scope"], _("数据依据"): points["grade"],
                          _("发布方与出处"): points["publisher"]})
    return ("<details class=\"wxshop-points\"><summary>" + _("逐点数据与来源") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, _("图表45 逐点数据")) + "</details>")


# --------------------------------------------------------------------------- 图表46

LANES = {"t": (0.02, 0.48), "d": (0.52, 0.98)}  # 传统电商 left, 抖音 right


def chains_places() -> dict[str, Place]:
    """图表46's layout: two lanes side by side, each a heading, its 需求出发方式, four steps and its 核心目标."""
    places = {}
    for lane, (x0, x1) in LANES.items():
        places[f"{lane}_head"] = Place(x0, x1, 0, "head")
        places[f"{lane}_mode"] = Place(x0, x1, 1.9, "example")
        for i in range(1, 5):
            places[f"{lane}{i}"] = Place(x0 + 0.05, x1 - 0.05, 5.6 + (i - 1) * 2.6)
        places[f"{lane}_goal"] = Place(x0, x1, 5.6 + 4 * 2.6 - 0.3, "result")
    return places


def chains_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    """图表46: the two chains 4.1 writes (人找货 left, 货找人 right), every word from the report; ``title`` is the
    exhibit's own."""
    return diagram_chart(
        frame, chains_places(), title,
        _("示意图：两条并排的链路。左为传统电商（用户主动搜索，“人找货”）：搜索关键词→商品页→加购→支付，核心目标为优化交易链路效率；"
          "右为抖音（算法预测需求，内容激发兴趣，“货找人”）：需求预测→内容匹配→加购→支付，核心目标为创造增量需求。"
          "文字取自报告4.1节与图表47。"), name="chains")


# --------------------------------------------------------------------------- 图表47

NARROW = 9  # characters a line in each of the two side-by-side columns (fits a 360 px phone)
WIDE = 18  # characters a line across the chart


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of ``width`` characters (layout only: the characters are the cell's, in order).

    English text is cut between words, into lines of twice as many characters (a Latin letter takes about
    half the width of a Chinese character)."""
    if i18n.is_english():
        return textwrap.wrap(text, 2 * width) or [""]
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def comparison_items(frame: pd.DataFrame) -> pd.DataFrame:
    """图表47 laid out for the comparison view: per dimension, the headers and the wrapped verbatim cells.

    ``x`` is the share of the width a block starts at, ``y`` its first line; ``cell`` keeps the full cell
    (what the reader reads, unwrapped) and ``text`` the wrapped lines joined by line breaks.
    """
    items = []
    columns = ("传统电商", "抖音电商", "核心差异")  # i18n: key (the data's columns; shown through _())
    for _i, row in frame.sort_values("row").iterrows():
        dimension = data_text(row["对比维度"])  # i18n: key
        cells = {c: data_text(row[c]) for c in columns}
        left, right = wrap(cells[columns[0]], NARROW), wrap(cells[columns[1]], NARROW)
        core = wrap(cells[columns[2]], WIDE)
        below = 2 + max(len(left), len(right)) + 1
        for part, x, y, text, head in (
                ("head_dimension", 0.0, 0, _("对比维度：{dimension}", dimension=dimension), True),
                ("head_traditional", 0.0, 1.5, _("传统电商"), True),
                ("head_douyin", 0.52, 1.5, _("抖音电商"), True),
                (columns[0], 0.0, 2.5, "\n".join(left), False),
                (columns[1], 0.52, 2.5, "\n".join(right), False),
                ("head_core", 0.0, below, _("核心差异"), True),
                (columns[2], 0.0, below + 1, "\n".join(core), False)):
            cell = cells[part] if part in columns else ""
            items.append({"dimension": dimension, "part": translate(part), "x": x, "y": y, "text": text,
                          "head": head, "cell": cell})
    return pd.DataFrame(items)


def comparison_chart(frame: pd.DataFrame, dimension: str | None = None) -> alt.LayerChart:
    """Pick a dimension (dropdown): 传统电商 and 抖音电商 side by side, the core difference below, as the report words them."""
    items = comparison_items(frame)
    dimensions = [data_text(d) for d in frame.sort_values("row")["对比维度"]]  # i18n: key
    chosen = dimension or dimensions[0]
    lines = max(int(math.ceil(r["y"])) + r["text"].count("\n") + 1 for _i, r in items.iterrows())
    pick = alt.param(name="dimension", value=chosen,
                     bind=alt.binding_select(options=dimensions, name=_("对比维度")))
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, 1]), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[0, lines], reverse=True), axis=None)
    base = alt.Chart(items).transform_filter(alt.datum.dimension == pick)
    heads = base.transform_filter("datum.head").mark_text(
        align="left", baseline="top", font=FONT, fontSize=13, fontWeight="bold", color=BLUE).encode(
        x=x, y=y, text="text:N").properties(name="cmp_heads")
    cells = base.transform_filter("!datum.head").mark_text(
        align="left", baseline="top", font=FONT, fontSize=12, lineBreak="\n", lineHeight=17, color="#222222").encode(
        x=x, y=y, text="text:N", tooltip=[alt.Tooltip("part:N", title=_("列")), alt.Tooltip("cell:N", title=_("原文"))],
    ).properties(name="cmp_cells")
    return alt.layer(heads, cells).add_params(pick).properties(
        usermeta={"controls": control_meta("dimension", _("对比维度"))},
        width=300, height=lines * 17,
        description=_("文字对比图：选择一个对比维度，左右两栏并列显示传统电商与抖音电商的做法，下方为两者的核心差异，"
                      "文字逐字取自报告图表47。"))


# --------------------------------------------------------------------------- the funnels

FUNNEL_SLIDERS = {  # name -> (parameter, low, high, step in per cent, the reader's label)
    "intent": ("intent", 0, 30, 5, N_("有购买意向的用户占比（%）")),
    "reach": ("search_reach", 0, 100, 10, N_("搜索触达率（%）")),
    "sconv": ("search_conversion", 0, 20, 5, N_("搜索转化率（%）")),
    "exposure": ("exposure", 0, 100, 10, N_("内容曝光率（%）")),
    "interest": ("interest", 0, 20, 5, N_("兴趣激发率（%）")),
    "cconv": ("content_conversion", 0, 10, 2, N_("内容转化率（%）")),
}


def funnel_positions(p: dict) -> dict[str, list[float]]:
    """Each funnel slider's positions, in per cent, through the chapter's value."""
    return {name: positions(round(p[param] * 100, 6), low, high, step)
            for name, (param, low, high, step, _label) in FUNNEL_SLIDERS.items()}


def _funnel_rows(frame: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    """The grid's rows for the page: keys in per cent, orders to 0.01, shares to 0.0001 (page weight)."""
    rows = pd.DataFrame({short: (frame[column] * 100).round(6) for short, column in keys.items()})
    for column in ("planned", "unplanned", "orders"):
        rows[column] = frame[column].round(2)
    rows["ushare"] = frame["unplanned_share"].round(4)
    return rows


def funnel_chart(search: pd.DataFrame, content: pd.DataFrame, p: dict, anchor: float) -> alt.VConcatChart:
    """Orders per 1万 users of both funnels (planned and unplanned stacked) and the unplanned share, with the report's 71.2%.

    ``search`` is :func:`model.search_grid`'s rows and ``content`` :func:`model.content_grid`'s, over
    :func:`funnel_positions`; six sliders select one row of each.
    """
    spots = funnel_positions(p)
    params = [_slider(name, spots[name], p[param] * 100, _(label))
              for name, (param, _lo, _hi, _st, label) in FUNNEL_SLIDERS.items()]
    s_rows = _funnel_rows(search, {"i": "intent", "s": "reach", "sc": "conversion"}).assign(
        label=_(model.FUNNEL_LABELS["search"]))
    c_rows = _funnel_rows(content, {"i": "intent", "e": "exposure", "k": "interest", "cc": "conversion"}).assign(
        label=_(model.FUNNEL_LABELS["content"]))
    s_base = alt.Chart(s_rows).transform_filter(
        " && ".join([_at("i", "intent"), _at("s", "reach"), _at("sc", "sconv")]))
    c_base = alt.Chart(c_rows).transform_filter(
        " && ".join([_at("i", "intent"), _at("e", "exposure"), _at("k", "interest"), _at("cc", "cconv")]))
    order = [_(model.FUNNEL_LABELS[f]) for f in model.FUNNELS]
    parts = [_("计划内（原有需求）"), _("计划外（被激发）")]
    per_users = _("订单（每万名用户）")
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=120))
    tooltip = [alt.Tooltip("label:N", title=_("漏斗")), alt.Tooltip("orders:Q", title=per_users, format=",.2f"),
               alt.Tooltip("planned:Q", title=_("计划内订单"), format=",.2f"),
               alt.Tooltip("unplanned:Q", title=_("计划外订单"), format=",.2f"),
               alt.Tooltip("ushare:Q", title=_("计划外占比"), format=".1%")]

    def stacked(base: alt.Chart, name: str) -> alt.Chart:
        return base.transform_fold(["planned", "unplanned"], as_=["part_key", "part_orders"]).transform_calculate(
            part=f"datum.part_key == 'planned' ? {vega_text(parts[0])} : {vega_text(parts[1])}"
        ).mark_bar(size=20).encode(
            y=y, x=alt.X("part_orders:Q", title=per_users, stack="zero",
                         scale=alt.Scale(domainMin=0, nice=True)),
            color=alt.Color("part:N", title=_("订单构成"), scale=alt.Scale(domain=parts, range=[BLUE, RED]),
                            legend=alt.Legend(orient="bottom", columns=1)),
            order=alt.Order("part_key:N"), tooltip=tooltip).properties(name=name)

    # Totals under each bar, from its start: a label at the bar's end would leave the view when the bar fills it.
    def total(base: alt.Chart) -> alt.Chart:
        return base.transform_calculate(
            text=vega_text(_("合计 {orders} 单（计划外 {unplanned}）"), orders="format(datum.orders, ',.1f')",
                           unplanned="format(datum.unplanned, ',.1f')")
        ).mark_text(align="left", baseline="top", dy=13, font=FONT, fontSize=11).encode(
            y=y, x=alt.value(0), text="text:N")

    orders = alt.layer(stacked(s_base, "search_orders"), stacked(c_base, "content_orders"),
                       total(s_base), total(c_base)).properties(title=per_users, width=300, height=130)

    share_x = alt.X("ushare:Q", title=_("计划外订单占比"), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))

    def share(base: alt.Chart, name: str) -> alt.Chart:
        return base.mark_bar(color=RED, size=20).encode(y=y, x=share_x, tooltip=tooltip).properties(name=name)

    def share_text(base: alt.Chart) -> alt.Chart:
        return base.transform_calculate(
            text="isValid(datum.ushare) && isFinite(datum.ushare) ? "
                 + vega_text(_("计划外 {share}"), share="format(datum.ushare, '.1%')") + " : " + vega_text(_("无订单")),
        ).mark_text(align="left", baseline="top", dy=13, font=FONT, fontSize=11).encode(
            y=y, x=alt.value(0), text="text:N")

    mark = pd.DataFrame({"ushare": [anchor], "text": [_("报告：{share}", share=units.format_percent(anchor, 1))]})
    rule = alt.Chart(mark).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(x=share_x).properties(name="anchor_rule")
    rule_text = alt.Chart(mark).mark_text(align="right", dx=-3, dy=-4, baseline="bottom", font=FONT, fontSize=11,
                                          color=MUTED).encode(x=share_x, y=alt.value(0), text="text:N")
    shares = alt.layer(share(s_base, "search_share"), share(c_base, "content_share"), share_text(s_base),
                       share_text(c_base), rule, rule_text).properties(
        title=_("计划外订单占比"), width=300, height=130)
    controls: dict = {}
    for name, (_param, _lo, _hi, _st, label) in FUNNEL_SLIDERS.items():
        controls.update(control_meta(name, re.sub(r"\s*[（(]%[）)]$", "", _(label)), "percent"))  # i18n: key
    return alt.vconcat(orders, shares).add_params(*params).properties(
        usermeta={"controls": controls},
        description=_("两幅联动条形图：上图为人找货（搜索）与货找人（内容）两种漏斗每万名用户带来的订单，"
                      "分为计划内与计划外；下图为计划外订单的占比，虚线标出报告所称71.2%。六个滑块分别调整各环节的比率。"))


# --------------------------------------------------------------------------- the cold start

SPREAD_SLIDER = (0, 100, 5)  # per cent a day
AD_SLIDER = (20, 200, 20)  # orders a day


def cold_start_positions(p: dict) -> tuple[list[float], list[float]]:
    """(spread rates in per cent a day, search-ad orders a day) the two sliders offer."""
    return (positions(round(p["spread_rate"] * 100, 6), *SPREAD_SLIDER),
            positions(float(p["ad_daily_orders"]), *AD_SLIDER))


def cold_start_chart(curves: pd.DataFrame, days: pd.DataFrame, p: dict) -> alt.VConcatChart:
    """Cumulative orders of search ads and a viral video, the days each needs to reach the target, and how the
    viral video's days fall as its spread rate rises.

    ``curves``: columns channel, key (orders a day for search ads, spread in per cent for the video),
    day, orders; ``days``: channel, key, days (null when the target is not reached in the horizon).
    """
    spreads, ads = cold_start_positions(p)
    target = float(p["target_orders"])
    spread_per_day = _("爆款视频传播率（%/天）")
    ad_label = _("搜索广告起步日订单（单）")
    days_label = _("达到目标的天数")
    channel = _("渠道")
    spread = _slider("spread", spreads, p["spread_rate"] * 100, spread_per_day)
    ad = _slider("ads", ads, p["ad_daily_orders"], ad_label)
    colors = alt.Color("label:N", title=None, scale=alt.Scale(domain=[_(v) for v in model.CHANNEL_LABELS.values()],
                                                              range=[BLUE, RED]),
                       legend=alt.Legend(orient="bottom", columns=2))
    picked = "(datum.channel == 'search_ads' && abs(datum.key - ads) < 1e-6) || " \
             "(datum.channel == 'viral_video' && abs(datum.key - spread) < 1e-6)"
    x = alt.X("day:Q", title=_("上线后天数"), scale=alt.Scale(domain=[0, HORIZON]))
    y = alt.Y("orders:Q", title=_("累计订单（单）"), scale=alt.Scale(domain=[0, 2 * target]))
    tip = [alt.Tooltip("label:N", title=channel), alt.Tooltip("day:Q", title=_("天数"), format=",.0f"),
           alt.Tooltip("orders:Q", title=_("累计订单"), format=",.0f")]
    lines = alt.Chart(curves).transform_filter(picked).mark_line(clip=True).encode(
        x=x, y=y, color=colors, tooltip=tip).properties(name="cold_curves")
    goal = pd.DataFrame({"orders": [target], "text": [_("目标 {orders} 单", orders=f"{target:.0f}")]})
    goal_rule = alt.Chart(goal).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y=y)
    goal_text = alt.Chart(goal).mark_text(align="right", dy=-6, font=FONT, fontSize=11, color=MUTED).encode(
        y=y, x=alt.value("width"), text="text:N")
    hit = alt.Chart(days).transform_filter(picked).transform_filter("isValid(datum.days)")
    hit_points = hit.mark_point(filled=True, size=90).encode(
        x=alt.X("days:Q"), y=y, color=colors,
        tooltip=[alt.Tooltip("label:N", title=channel), alt.Tooltip("days:Q", title=days_label, format=",.1f")],
    ).properties(name="cold_hits")
    curves_view = alt.layer(lines, goal_rule, goal_text, hit_points).properties(
        title=_("新品上线后的累计订单"), width=300, height=220)

    dx = alt.X("key:Q", title=spread_per_day, scale=alt.Scale(domain=[spreads[0], spreads[-1]]))
    finite = days[days["days"].notna()]
    top = float(finite["days"].max()) if not finite.empty else HORIZON
    dy = alt.Y("days:Q", title=days_label, scale=alt.Scale(domain=[0, math.ceil(top / 10) * 10]))
    video = alt.Chart(days).transform_filter("datum.channel == 'viral_video' && isValid(datum.days)")
    video_line = video.mark_line(color=RED).encode(
        x=dx, y=dy, tooltip=[alt.Tooltip("key:Q", title=_("传播率（%/天）")),
                             alt.Tooltip("days:Q", title=days_label, format=",.1f")]).properties(name="days_line")
    video_here = video.transform_filter("abs(datum.key - spread) < 1e-6").mark_point(
        filled=True, size=90, color=RED).encode(x=dx, y=dy).properties(name="days_here")
    ads_days = alt.Chart(days).transform_filter(
        "datum.channel == 'search_ads' && abs(datum.key - ads) < 1e-6 && isValid(datum.days)")
    ads_rule = ads_days.mark_rule(color=BLUE, strokeDash=[4, 3]).encode(y=dy).properties(name="days_ads")
    ads_text = ads_days.transform_calculate(text=vega_text(_("搜索广告 {days} 天"), days="format(datum.days, '.1f')")).mark_text(
        align="right", dy=-6, font=FONT, fontSize=11, color=BLUE).encode(y=dy, x=alt.value("width"), text="text:N")
    here_text = video.transform_filter("abs(datum.key - spread) < 1e-6").transform_calculate(
        text=vega_text(_("爆款视频 {days} 天"), days="format(datum.days, '.1f')")).mark_text(
        align="left", dx=6, dy=-8, font=FONT, fontSize=11, color=RED).encode(x=dx, y=dy, text="text:N")
    days_view = alt.layer(video_line, video_here, ads_rule, ads_text, here_text).properties(
        title=_("达到目标的天数随传播率变化"), width=300, height=180)
    return alt.vconcat(curves_view, days_view).add_params(spread, ad).properties(
        usermeta={"controls": {**control_meta("spread", _("爆款视频传播率（每天）"), "percent"),
                               **control_meta("ads", ad_label)}},
        description=_("两幅联动图（示意）：上图为新品上线后搜索广告与爆款视频两种渠道的累计订单曲线，虚线为目标订单数，"
                      "圆点为达到目标的日子；下图为爆款视频达到目标所需天数随传播率的变化，蓝色虚线为搜索广告所需天数。"
                      "滑块调整爆款视频的传播率与搜索广告起步时的日订单。"))


# --------------------------------------------------------------------------- 图表50

def registrations_table(frame: pd.DataFrame) -> str:
    """图表50's two recoverable numbers (2020 only), as what they are: counts with their source and grade."""
    rows = frame[frame["metric"].isin(["new_company_registrations", "cumulative_company_registrations"])]
    names = {"new_company_registrations": _("当年新注册直播电商相关企业"),
             "cumulative_company_registrations": _("累计注册直播电商相关企业（截至年末）")}
    shown = pd.DataFrame({
        _("指标"): rows["metric"].map(names), _("年份"): rows["date"],
        _("数值"): [_("{count}家", count=f"{v:.0f}") for v in rows["value"]],
        _("数据依据"): [provenance.grade(r) for _i, r in rows.iterrows()],
        _("来源"): [provenance.text(r) for _i, r in rows.iterrows()],
    })
    return table_html(shown, {c: c for c in shown.columns}, _("图表50可找回的数字：2020年直播电商相关企业注册数"))
