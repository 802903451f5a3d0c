"""Charts and tables of chapter 四 (4.1–4.2): express volumes, Douyin's DAU, 图表47's comparison, the two models.

The series charts (图表44, 45) draw data-package rows as they are, each point with its source and
grade in its tooltip and in a table under the chart. 图表47's comparison shows the verbatim cells
of the row the reader picks. The model charts embed grids the models computed; their controls only
select rows.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from wxshop import provenance, units
from wxshop.chapters.douyin import model, notes
from wxshop.charts import BLUE, FONT, MUTED, RED, table_html
from wxshop.charts.diagram import Place, diagram_chart
from wxshop.charts.render import control_meta
from wxshop.charts.series import grade_scale

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


# --------------------------------------------------------------------------- 图表44

def express_points(frame: pd.DataFrame) -> pd.DataFrame:
    """图表44's bars: each year's public volume (件 -> 亿件, as the notes read it; 万件, the original's unit, beside
    it) with its grade, source and the editors' basis note."""
    rows = frame[(frame["source_type"] == "public") & frame["volume"].notna()].sort_values("year")
    return pd.DataFrame({
        "year": rows["year"].astype(int).astype(str),
        "volume": rows["volume"].astype(float),
        "yi": (rows["volume"] / YI).round(2),
        "wan_text": [f"{v / WAN:,.0f}万件" for v in rows["volume"]],
        "grade": [provenance.grade(r) for _, r in rows.iterrows()],
        "source_text": [provenance.text(r) for _, r in rows.iterrows()],
        "basis": [notes.EXPRESS_BASIS.get(int(y), "") or "—" for y in rows["year"]],
    })


def express_chart(points: pd.DataFrame) -> alt.Chart:
    """Bars of China's express volume by year in 亿件 (the report's original counted 万件: 507亿件, not
    5,070,000万件), coloured by the source's grade; gaps stay gaps."""
    years = [str(y) for y in range(int(points["year"].min()), int(points["year"].max()) + 1)]
    pick = alt.selection_point(fields=["grade"], bind="legend", name="grade_pick")
    return alt.Chart(points).mark_bar().encode(
        x=alt.X("year:O", title="年份", scale=alt.Scale(domain=years), axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("yi:Q", title="快递业务量（亿件）", axis=alt.Axis(format=",.0f")),
        color=alt.Color("grade:N", title="数据依据", scale=grade_scale(list(points["grade"])),
                        legend=alt.Legend(orient="top", columns=1)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=[alt.Tooltip("year:O", title="年份"), alt.Tooltip("yi:Q", title="快递业务量（亿件）", format=",.1f"),
                 alt.Tooltip("wan_text:N", title="原图单位（万件）"), alt.Tooltip("grade:N", title="数据依据"),
                 alt.Tooltip("basis:N", title="口径说明"), alt.Tooltip("source_text:N", title="来源")],
    ).add_params(pick).properties(
        name="express_bars", title="中国快递业务量（亿件）", width=300, height=260,
        description=f"柱状图：{years[0]}–{years[-1]}年中国快递业务量（亿件），颜色表示数据依据{gaps_text(points, years)}。")


def gaps_text(points: pd.DataFrame, years: list[str]) -> str:
    """'；2011年缺数据，留空' for the years of the axis without a bar ('' when there is none)."""
    missing = [y for y in years if y not in set(points["year"])]
    return f"；{'、'.join(missing)}年缺数据，留空" if missing else ""


def express_table(points: pd.DataFrame) -> str:
    shown = pd.DataFrame({"年份": points["year"], "快递业务量（亿件）": points["yi"].map(lambda v: f"{v:,.1f}"),
                          "原图单位（万件）": points["wan_text"], "数据依据": points["grade"],
                          "口径说明": points["basis"], "来源": points["source_text"]})
    return ("<details class=\"wxshop-points\"><summary>逐点数据与来源</summary>"
            + table_html(shown, {c: c for c in shown.columns}, "图表44 逐点数据") + "</details>")


# --------------------------------------------------------------------------- 图表45

def _qualifier(note: str) -> str:
    text = note.lower()
    return "超过" if text.startswith("more than") else "约" if text.startswith("about") else ""


def dau_points(frame: pd.DataFrame) -> pd.DataFrame:
    """图表45's points: Douyin's published DAU milestones (人 -> 亿人), each a lower bound where the source says 超过."""
    rows = frame[(frame["metric"] == "dau") & (frame["platform"] == "抖音")].sort_values("date")
    notes_text = rows["note"].fillna("")
    qualifier = [_qualifier(n) for n in notes_text]
    wide = ["火山版" in n for n in notes_text]
    values = rows["value"].astype(float)
    return pd.DataFrame({
        "date": rows["date"].tolist(),
        "month": [f"{d}-15" for d in rows["date"]],  # mid-month: no time zone moves a point to another month
        "yi": (values / YI).round(2).tolist(),
        "label": [f"{'＞' if q == '超过' else '约' if q == '约' else ''}{v / YI:g}亿" for q, v in zip(qualifier, values)],
        "bound": ["下限（原文：超过）" if q == "超过" else "约数" if q == "约" else "原文未注限定词" for q in qualifier],
        "scope": [notes.DAU_SCOPES[1] if w else notes.DAU_SCOPES[0] for w in wide],
        "grade": [provenance.grade(r) for _, r in rows.iterrows()],
        "publisher": [provenance.source_citation(str(r["source"])) for _, r in rows.iterrows()],
        "source_text": [provenance.text(r) for _, r in rows.iterrows()],
    })


def dau_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Douyin's DAU milestones (亿人) on a time axis; the 2020-08 point (with 抖音火山版) drawn apart."""
    ticks = [alt.DateTime(year=int(d[:4]), month=int(d[5:7]), date=15) for d in points["date"]]
    x = alt.X("month:T", title="时间", axis=alt.Axis(values=ticks, format="%Y-%m", labelAngle=-45),
              scale=alt.Scale(padding=30))
    y = alt.Y("yi:Q", title="日活跃用户（亿人）", scale=alt.Scale(domain=[0, math.ceil(points["yi"].max()) + 1]))
    tooltip = [alt.Tooltip("date:N", title="时点"), alt.Tooltip("label:N", title="日活"),
               alt.Tooltip("bound:N", title="数值性质"), alt.Tooltip("scope:N", title="口径"),
               alt.Tooltip("grade:N", title="数据依据"), alt.Tooltip("source_text:N", title="来源")]
    base = alt.Chart(points)
    dots = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("grade:N", title="数据依据", scale=grade_scale(list(points["grade"])),
                        legend=alt.Legend(orient="bottom", columns=1)),
        shape=alt.Shape("scope:N", title="口径", scale=alt.Scale(domain=list(notes.DAU_SCOPES),
                                                                 range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        stroke=alt.value("#333333"), strokeWidth=alt.value(0.8),
    ).properties(name="dau_points")
    labels = base.mark_text(dy=-14, font=FONT, fontSize=12).encode(x=x, y=y, text="label:N").properties(name="dau_labels")
    wide = base.transform_filter(alt.datum.scope == notes.DAU_SCOPES[1]).mark_text(
        dy=18, align="right", dx=6, font=FONT, fontSize=11, color=MUTED).encode(
        x=x, y=y, text=alt.value("含抖音火山版，口径不同")).properties(name="dau_scope_note")
    return alt.layer(dots, labels, wide).properties(
        title="抖音日活跃用户（亿人）", width=300, height=260,
        description="散点图：抖音公开的日活跃用户里程碑（亿人），2018年6月至2020年8月；颜色表示数据依据，"
                    "菱形为包含抖音火山版的2020年8月数字；标有“＞”的为下限。")


def dau_table(points: pd.DataFrame) -> str:
    shown = pd.DataFrame({"时点": points["date"], "日活": points["label"], "数值性质": points["bound"],
                          "口径": points["scope"], "数据依据": points["grade"], "发布方与出处": points["publisher"]})
    return ("<details class=\"wxshop-points\"><summary>逐点数据与来源</summary>"
            + table_html(shown, {c: c for c in shown.columns}, "图表45 逐点数据") + "</details>")


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
        "示意图：两条并排的链路。左为传统电商（用户主动搜索，“人找货”）：搜索关键词→商品页→加购→支付，核心目标为优化交易链路效率；"
        "右为抖音（算法预测需求，内容激发兴趣，“货找人”）：需求预测→内容匹配→加购→支付，核心目标为创造增量需求。"
        "文字取自报告4.1节与图表47。", name="chains")


# --------------------------------------------------------------------------- 图表47

NARROW = 9  # characters a line in each of the two side-by-side columns (fits a 360 px phone)
WIDE = 18  # characters a line across the chart


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of ``width`` characters (layout only: the characters are the cell's, in order)."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def comparison_items(frame: pd.DataFrame) -> pd.DataFrame:
    """图表47 laid out for the comparison view: per dimension, the headers and the wrapped verbatim cells.

    ``x`` is the share of the width a block starts at, ``y`` its first line; ``cell`` keeps the full cell
    (what the reader reads, unwrapped) and ``text`` the wrapped lines joined by line breaks.
    """
    items = []
    for _, row in frame.sort_values("row").iterrows():
        dimension = row["对比维度"]
        left, right = wrap(row["传统电商"], NARROW), wrap(row["抖音电商"], NARROW)
        core = wrap(row["核心差异"], WIDE)
        below = 2 + max(len(left), len(right)) + 1
        for part, x, y, text, head in (
                ("head_dimension", 0.0, 0, f"对比维度：{dimension}", True),
                ("head_traditional", 0.0, 1.5, "传统电商", True),
                ("head_douyin", 0.52, 1.5, "抖音电商", True),
                ("传统电商", 0.0, 2.5, "\n".join(left), False),
                ("抖音电商", 0.52, 2.5, "\n".join(right), False),
                ("head_core", 0.0, below, "核心差异", True),
                ("核心差异", 0.0, below + 1, "\n".join(core), False)):
            cell = row[part] if part in ("传统电商", "抖音电商", "核心差异") else ""
            items.append({"dimension": dimension, "part": part, "x": x, "y": y, "text": text, "head": head,
                          "cell": cell})
    return pd.DataFrame(items)


def comparison_chart(frame: pd.DataFrame, dimension: str | None = None) -> alt.LayerChart:
    """Pick a dimension (dropdown): 传统电商 and 抖音电商 side by side, the core difference below, as the report words them."""
    items = comparison_items(frame)
    dimensions = list(frame.sort_values("row")["对比维度"])
    chosen = dimension or dimensions[0]
    lines = max(int(math.ceil(r["y"])) + r["text"].count("\n") + 1 for _, r in items.iterrows())
    pick = alt.param(name="dimension", value=chosen,
                     bind=alt.binding_select(options=dimensions, name="对比维度"))
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, 1]), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[0, lines], reverse=True), axis=None)
    base = alt.Chart(items).transform_filter(alt.datum.dimension == pick)
    heads = base.transform_filter("datum.head").mark_text(
        align="left", baseline="top", font=FONT, fontSize=13, fontWeight="bold", color=BLUE).encode(
        x=x, y=y, text="text:N").properties(name="cmp_heads")
    cells = base.transform_filter("!datum.head").mark_text(
        align="left", baseline="top", font=FONT, fontSize=12, lineBreak="\n", lineHeight=17, color="#222222").encode(
        x=x, y=y, text="text:N", tooltip=[alt.Tooltip("part:N", title="列"), alt.Tooltip("cell:N", title="原文")],
    ).properties(name="cmp_cells")
    return alt.layer(heads, cells).add_params(pick).properties(
        usermeta={"controls": control_meta("dimension", "对比维度")},
        width=300, height=lines * 17,
        description="文字对比图：选择一个对比维度，左右两栏并列显示传统电商与抖音电商的做法，下方为两者的核心差异，"
                    "文字逐字取自报告图表47。")


# --------------------------------------------------------------------------- the funnels

FUNNEL_SLIDERS = {  # name -> (parameter, low, high, step in per cent, the reader's label)
    "intent": ("intent", 0, 30, 5, "有购买意向的用户占比（%）"),
    "reach": ("search_reach", 0, 100, 10, "搜索触达率（%）"),
    "sconv": ("search_conversion", 0, 20, 5, "搜索转化率（%）"),
    "exposure": ("exposure", 0, 100, 10, "内容曝光率（%）"),
    "interest": ("interest", 0, 20, 5, "兴趣激发率（%）"),
    "cconv": ("content_conversion", 0, 10, 2, "内容转化率（%）"),
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
    params = [_slider(name, spots[name], p[param] * 100, label)
              for name, (param, _lo, _hi, _st, label) in FUNNEL_SLIDERS.items()]
    s_rows = _funnel_rows(search, {"i": "intent", "s": "reach", "sc": "conversion"}).assign(
        label=model.FUNNEL_LABELS["search"])
    c_rows = _funnel_rows(content, {"i": "intent", "e": "exposure", "k": "interest", "cc": "conversion"}).assign(
        label=model.FUNNEL_LABELS["content"])
    s_base = alt.Chart(s_rows).transform_filter(
        " && ".join([_at("i", "intent"), _at("s", "reach"), _at("sc", "sconv")]))
    c_base = alt.Chart(c_rows).transform_filter(
        " && ".join([_at("i", "intent"), _at("e", "exposure"), _at("k", "interest"), _at("cc", "cconv")]))
    order = [model.FUNNEL_LABELS[f] for f in model.FUNNELS]
    parts = ["计划内（原有需求）", "计划外（被激发）"]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=120))
    tooltip = [alt.Tooltip("label:N", title="漏斗"), alt.Tooltip("orders:Q", title="订单（每万名用户）", format=",.2f"),
               alt.Tooltip("planned:Q", title="计划内订单", format=",.2f"),
               alt.Tooltip("unplanned:Q", title="计划外订单", format=",.2f"),
               alt.Tooltip("ushare:Q", title="计划外占比", format=".1%")]

    def stacked(base: alt.Chart, name: str) -> alt.Chart:
        return base.transform_fold(["planned", "unplanned"], as_=["part_key", "part_orders"]).transform_calculate(
            part="datum.part_key == 'planned' ? '计划内（原有需求）' : '计划外（被激发）'"
        ).mark_bar(size=20).encode(
            y=y, x=alt.X("part_orders:Q", title="订单（每万名用户）", stack="zero",
                         scale=alt.Scale(domainMin=0, nice=True)),
            color=alt.Color("part:N", title="订单构成", scale=alt.Scale(domain=parts, range=[BLUE, RED]),
                            legend=alt.Legend(orient="bottom", columns=1)),
            order=alt.Order("part_key:N"), tooltip=tooltip).properties(name=name)

    # Totals under each bar, from its start: a label at the bar's end would leave the view when the bar fills it.
    def total(base: alt.Chart) -> alt.Chart:
        return base.transform_calculate(
            text="'合计 ' + format(datum.orders, ',.1f') + ' 单（计划外 ' + format(datum.unplanned, ',.1f') + '）'"
        ).mark_text(align="left", baseline="top", dy=13, font=FONT, fontSize=11).encode(
            y=y, x=alt.value(0), text="text:N")

    orders = alt.layer(stacked(s_base, "search_orders"), stacked(c_base, "content_orders"),
                       total(s_base), total(c_base)).properties(title="订单（每万名用户）", width=300, height=130)

    share_x = alt.X("ushare:Q", title="计划外订单占比", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%"))

    def share(base: alt.Chart, name: str) -> alt.Chart:
        return base.mark_bar(color=RED, size=20).encode(y=y, x=share_x, tooltip=tooltip).properties(name=name)

    def share_text(base: alt.Chart) -> alt.Chart:
        return base.transform_calculate(
            text="isValid(datum.ushare) && isFinite(datum.ushare) ? '计划外 ' + format(datum.ushare, '.1%') : '无订单'",
        ).mark_text(align="left", baseline="top", dy=13, font=FONT, fontSize=11).encode(
            y=y, x=alt.value(0), text="text:N")

    mark = pd.DataFrame({"ushare": [anchor], "text": [f"报告：{units.format_percent(anchor, 1)}"]})
    rule = alt.Chart(mark).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(x=share_x).properties(name="anchor_rule")
    rule_text = alt.Chart(mark).mark_text(align="right", dx=-3, dy=-4, baseline="bottom", font=FONT, fontSize=11,
                                          color=MUTED).encode(x=share_x, y=alt.value(0), text="text:N")
    shares = alt.layer(share(s_base, "search_share"), share(c_base, "content_share"), share_text(s_base),
                       share_text(c_base), rule, rule_text).properties(
        title="计划外订单占比", width=300, height=130)
    controls: dict = {}
    for name, (_param, _lo, _hi, _st, label) in FUNNEL_SLIDERS.items():
        controls.update(control_meta(name, label.replace("（%）", ""), "percent"))
    return alt.vconcat(orders, shares).add_params(*params).properties(
        usermeta={"controls": controls},
        description="两幅联动条形图：上图为人找货（搜索）与货找人（内容）两种漏斗每万名用户带来的订单，"
                    "分为计划内与计划外；下图为计划外订单的占比，虚线标出报告所称71.2%。六个滑块分别调整各环节的比率。")


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
    spread = _slider("spread", spreads, p["spread_rate"] * 100, "爆款视频传播率（%/天）")
    ad = _slider("ads", ads, p["ad_daily_orders"], "搜索广告起步日订单（单）")
    colors = alt.Color("label:N", title=None, scale=alt.Scale(domain=list(model.CHANNEL_LABELS.values()),
                                                              range=[BLUE, RED]),
                       legend=alt.Legend(orient="bottom", columns=2))
    picked = "(datum.channel == 'search_ads' && abs(datum.key - ads) < 1e-6) || " \
             "(datum.channel == 'viral_video' && abs(datum.key - spread) < 1e-6)"
    x = alt.X("day:Q", title="上线后天数", scale=alt.Scale(domain=[0, HORIZON]))
    y = alt.Y("orders:Q", title="累计订单（单）", scale=alt.Scale(domain=[0, 2 * target]))
    tip = [alt.Tooltip("label:N", title="渠道"), alt.Tooltip("day:Q", title="天数", format=",.0f"),
           alt.Tooltip("orders:Q", title="累计订单", format=",.0f")]
    lines = alt.Chart(curves).transform_filter(picked).mark_line(clip=True).encode(
        x=x, y=y, color=colors, tooltip=tip).properties(name="cold_curves")
    goal = pd.DataFrame({"orders": [target], "text": [f"目标 {target:.0f} 单"]})
    goal_rule = alt.Chart(goal).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y=y)
    goal_text = alt.Chart(goal).mark_text(align="right", dy=-6, font=FONT, fontSize=11, color=MUTED).encode(
        y=y, x=alt.value("width"), text="text:N")
    hit = alt.Chart(days).transform_filter(picked).transform_filter("isValid(datum.days)")
    hit_points = hit.mark_point(filled=True, size=90).encode(
        x=alt.X("days:Q"), y=y, color=colors,
        tooltip=[alt.Tooltip("label:N", title="渠道"), alt.Tooltip("days:Q", title="达到目标的天数", format=",.1f")],
    ).properties(name="cold_hits")
    curves_view = alt.layer(lines, goal_rule, goal_text, hit_points).properties(
        title="新品上线后的累计订单", width=300, height=220)

    dx = alt.X("key:Q", title="爆款视频传播率（%/天）", scale=alt.Scale(domain=[spreads[0], spreads[-1]]))
    finite = days[days["days"].notna()]
    top = float(finite["days"].max()) if not finite.empty else HORIZON
    dy = alt.Y("days:Q", title="达到目标的天数", scale=alt.Scale(domain=[0, math.ceil(top / 10) * 10]))
    video = alt.Chart(days).transform_filter("datum.channel == 'viral_video' && isValid(datum.days)")
    video_line = video.mark_line(color=RED).encode(
        x=dx, y=dy, tooltip=[alt.Tooltip("key:Q", title="传播率（%/天）"),
                             alt.Tooltip("days:Q", title="达到目标的天数", format=",.1f")]).properties(name="days_line")
    video_here = video.transform_filter("abs(datum.key - spread) < 1e-6").mark_point(
        filled=True, size=90, color=RED).encode(x=dx, y=dy).properties(name="days_here")
    ads_days = alt.Chart(days).transform_filter(
        "datum.channel == 'search_ads' && abs(datum.key - ads) < 1e-6 && isValid(datum.days)")
    ads_rule = ads_days.mark_rule(color=BLUE, strokeDash=[4, 3]).encode(y=dy).properties(name="days_ads")
    ads_text = ads_days.transform_calculate(text="'搜索广告 ' + format(datum.days, '.1f') + ' 天'").mark_text(
        align="right", dy=-6, font=FONT, fontSize=11, color=BLUE).encode(y=dy, x=alt.value("width"), text="text:N")
    here_text = video.transform_filter("abs(datum.key - spread) < 1e-6").transform_calculate(
        text="'爆款视频 ' + format(datum.days, '.1f') + ' 天'").mark_text(
        align="left", dx=6, dy=-8, font=FONT, fontSize=11, color=RED).encode(x=dx, y=dy, text="text:N")
    days_view = alt.layer(video_line, video_here, ads_rule, ads_text, here_text).properties(
        title="达到目标的天数随传播率变化", width=300, height=180)
    return alt.vconcat(curves_view, days_view).add_params(spread, ad).properties(
        usermeta={"controls": {**control_meta("spread", "爆款视频传播率（每天）", "percent"),
                               **control_meta("ads", "搜索广告起步日订单（单）")}},
        description="两幅联动图（示意）：上图为新品上线后搜索广告与爆款视频两种渠道的累计订单曲线，虚线为目标订单数，"
                    "圆点为达到目标的日子；下图为爆款视频达到目标所需天数随传播率的变化，蓝色虚线为搜索广告所需天数。"
                    "滑块调整爆款视频的传播率与搜索广告起步时的日订单。")


# --------------------------------------------------------------------------- 图表50

def registrations_table(frame: pd.DataFrame) -> str:
    """图表50's two recoverable numbers (2020 only), as what they are: counts with their source and grade."""
    rows = frame[frame["metric"].isin(["new_company_registrations", "cumulative_company_registrations"])]
    names = {"new_company_registrations": "当年新注册直播电商相关企业",
             "cumulative_company_registrations": "累计注册直播电商相关企业（截至年末）"}
    shown = pd.DataFrame({
        "指标": rows["metric"].map(names), "年份": rows["date"],
        "数值": [f"{v:.0f}家" for v in rows["value"]],
        "数据依据": [provenance.grade(r) for _, r in rows.iterrows()],
        "来源": [provenance.text(r) for _, r in rows.iterrows()],
    })
    return table_html(shown, {c: c for c in shown.columns}, "图表50可找回的数字：2020年直播电商相关企业注册数")
