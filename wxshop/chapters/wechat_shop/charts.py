"""Charts and tables of chapter 一: the timeline of the three attempts, WeChat Shop monetisation, the
东方甄选 gift case and the public/private-domain loop.

The timeline draws the data package's events over the periods the report gives. The two model charts
embed a grid their model computed for every position of their controls; the controls only select rows.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from wxshop import i18n, units
from wxshop.chapters.wechat_shop import gift_case, timeline
from wxshop.charts import BLUE, FONT, MUTED, RED, grid, table_html
from wxshop.charts.diagram import Place, diagram_chart
from wxshop.charts.render import control_meta
from wxshop.i18n import N_, _, translate

YI = units.YI
WAN = units.WAN
ALL = "全部"  # i18n: key (the dropdown's value; readers see _(ALL))
# Keyed by the data's attempt names (timeline.ATTEMPTS) and sources; readers see the values through _().
ATTEMPT_COLORS = dict(zip(timeline.ATTEMPTS, ("#1f4e79", "#a14a00", "#2e6b30")))
ATTEMPT_NAMES = dict(zip(timeline.ATTEMPTS, (N_("尝试一：自建"), N_("尝试二：投资"), N_("尝试三：微信团队"))))
SOURCES = ("1.1", "图表2")  # i18n: key (tencent_ecommerce_events.source)
SOURCE_NAMES = dict(zip(SOURCES, (N_("报告正文（1.1节）"), N_("报告图表2"))))
SOURCE_SHORT = dict(zip(SOURCES, (N_("正文"), N_("图表2"))))  # the legend's words (the tooltip names the section)


def _close(field: str, param: alt.Parameter) -> str:
    """A filter that selects rows whose ``field`` equals the parameter's value (floats from a slider)."""
    return f"abs(datum.{field} - {param.name}) < 1e-6"


# --------------------------------------------------------------------------- 图表1–2: the timeline

def timeline_source(frame: pd.DataFrame) -> pd.DataFrame:
    """The events (:func:`timeline.events`) with what the chart shows: order, names and the conflict text."""
    source = frame.copy()
    source["order"] = range(len(source))
    source["attempt_name"] = source["attempt"].map(lambda a: _(ATTEMPT_NAMES[a]))
    source["source_name"] = source["source"].map(lambda s: _(SOURCE_NAMES[s]))
    source["source_short"] = source["source"].map(lambda s: _(SOURCE_SHORT[s]))
    source["conflict"] = source["conflicts_with"].notna()
    source["note"] = source["note"].replace("", "—")
    for column in ("attempt", "when", "label", "precision_label", "source", "quote", "note"):  # the data's words
        source[column] = source[column].map(translate)
    return source.drop(columns=["conflicts_with"])


def timeline_chart(frame: pd.DataFrame, attempt: str) -> alt.LayerChart:
    """Every event on one time axis, a row each, grouped by attempt; a dropdown shows one attempt.

    An event dated to a day is a dot; one dated only to a month, quarter or year is a bar over that
    whole period. Red rings mark the dates the report gives two ways. ``frame`` is :func:`timeline.events`.
    """
    source = timeline_source(frame)
    attempts = [a for a in timeline.ATTEMPTS if translate(a) in set(source["attempt"])]
    labels = [_(ALL), *(_(ATTEMPT_NAMES[a]) for a in attempts)]
    pick = alt.param(name="attempt", value=translate(attempt),
                     bind=alt.binding_select(options=[_(ALL), *map(translate, attempts)], labels=labels,
                                             name=_("显示的阶段")))
    shown = f"attempt == '{_(ALL)}' || datum.attempt == attempt"
    base = alt.Chart(source).transform_filter(shown)
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("order", order="ascending"),
              axis=alt.Axis(labelLimit=112, labelFontSize=11, ticks=False, domain=False))
    x_scale = alt.Scale(type="utc", nice="year")  # the data's own span, widened to whole years
    axis = alt.Axis(format="%Y", labelAngle=0, tickCount=5, grid=True, title=None)
    color = alt.Color("attempt:N", title=_("阶段"), scale=alt.Scale(domain=[translate(a) for a in ATTEMPT_COLORS],
                                                               range=list(ATTEMPT_COLORS.values())),
                      legend=alt.Legend(orient="top", columns=3, symbolOpacity=1))
    sources = [_(s) for s in SOURCE_SHORT.values()]
    opacity = alt.Opacity("source_short:O", title=_("出处"), sort=sources,
                          scale=alt.Scale(domain=sources, range=[1.0, 0.5]),
                          legend=alt.Legend(orient="bottom", columns=2, symbolFillColor=BLUE))
    tooltip = [alt.Tooltip("when:N", title=_("时间（报告所写）")), alt.Tooltip("precision_label:N", title=_("日期精度")),
               alt.Tooltip("attempt_name:N", title=_("阶段")), alt.Tooltip("quote:N", title=_("报告原文")),
               alt.Tooltip("source_name:N", title=_("出处")), alt.Tooltip("note:N", title=_("说明"))]
    spans = base.transform_filter("datum.precision != 'day'").mark_bar(height=9, strokeWidth=2).encode(
        x=alt.X("start:T", scale=x_scale, axis=axis), x2="end:T", y=y, color=color, stroke=color,
        opacity=opacity, tooltip=tooltip).properties(name="event_spans")
    days = base.transform_filter("datum.precision == 'day'").mark_point(filled=True, size=70, shape="circle").encode(
        x=alt.X("mid:T"), y=y, color=color, opacity=opacity,
        tooltip=tooltip).properties(name="event_days")
    rings = base.transform_filter("datum.conflict").mark_point(
        filled=False, size=260, strokeWidth=2, color=RED).encode(
        x=alt.X("mid:T"), y=y, tooltip=tooltip).properties(name="conflict_rings")
    return alt.layer(spans, days, rings).add_params(pick).properties(
        usermeta={"controls": control_meta("attempt", _("显示的阶段"))},
        title=_("腾讯电商的三次尝试：时间线"),
        description=_("时间线：报告1.1节正文与图表2写到的腾讯电商事件，每行一件，按尝试一（自建）、尝试二（投资）、"
                      "尝试三（微信团队）分组。圆点为写到具体日期的事件，条形覆盖只写到月、季度或年份的整段时间；"
                      "红圈为报告前后说法不一致的日期。可用下拉框只看某一次尝试，鼠标移到事件上可读报告原文。"),
        width=560, height=alt.Step(17))


def events_table(frame: pd.DataFrame) -> str:
    """Every event of the timeline as a table (for readers and screen readers), collapsed under the chart."""
    shown = pd.DataFrame({
        _("阶段"): frame["attempt"].map(lambda a: _(ATTEMPT_NAMES[a])),
        _("时间（报告所写）"): frame["when"].map(translate),
        _("日期精度"): frame["precision_label"].map(translate),
        _("报告原文"): frame["quote"].map(translate),
        _("出处"): frame["source"].map(lambda s: _(SOURCE_NAMES[s])),
        _("说明"): frame["note"].replace("", "—").map(translate),
    })
    return ("<details class=\"wxshop-points\"><summary>" + _("时间线上的全部事件与原文") + "</summary>"
            + table_html(shown, {c: c for c in shown.columns}, _("腾讯电商布局时间线：逐条事件")) + "</details>")


# --------------------------------------------------------------------------- 图表7: the traffic entrances

ENTRANCES = ("gzh", "sph", "xcx", "ssy", "pyq")  # 公众号, 视频号, 小程序, 搜一搜, 朋友圈 in 1.2's order


def entrances_places() -> dict[str, Place]:
    """图表7's layout: the five entrances in a row, arrows down into 统一商品 ID 和店铺身份标识, then the pool,
    what merchants can do with it, and the text's three examples."""
    places = {part: Place(0.2025 * i, 0.2025 * i + 0.19, 0, "head") for i, part in enumerate(ENTRANCES)}
    places.update({
        "unify": Place(0.02, 0.98, 3.4),
        "unify_pool": Place(0.5, 0.95, label_x=0.54),
        "pool": Place(0.25, 0.75, 6.8, "head"),
        "merchant": Place(0.02, 0.98, 10.2, "result"),
        "example": Place(0.02, 0.4, 12.9, align="left"),
        "ex_gzh": Place(0.02, 0.98, 14.1, "example"),
        "ex_sph": Place(0.02, 0.98, 17.1, "example"),
        "ex_ssy": Place(0.02, 0.98, 20.1, "example"),
    })
    return places


def entrances_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    """图表7: the entrances 1.2 lists, brought into one 全域流量池, every word from the report."""
    return diagram_chart(
        frame, entrances_places(), title,
        _("示意图：公众号、视频号、小程序、搜一搜、朋友圈五个流量入口，经“统一商品 ID 和店铺身份标识”整合为“全域流量池”，"
          "商家可自由调配不同场景的流量资源；下方为报告举出的三个例子。文字取自报告1.2节。"), name="entrances")


# --------------------------------------------------------------------------- WeChat Shop monetisation

def fee_values(fee: float, top: float = 0.10, step: float = 0.005) -> list[float]:
    """Fee rates the slider offers: 0 to 10% in 0.5% steps (wider if the parameter is higher)."""
    return grid.steps(0, max(top, fee), step, include=[fee])


def share_values(share: float, step: float = 0.05) -> list[float]:
    """Shares the slider offers: 0 to 100% in 5% steps, plus the parameter's value."""
    return grid.steps(0, 1, step, include=[share])


def wechat_fee_chart(grid_rows: pd.DataFrame, series: str, share: float, fee: float) -> alt.LayerChart:
    """Incremental fee revenue against the share moved, for the chosen GMV series and fee; marker at the share.

    ``grid_rows`` is :func:`wxshop.chapters.wechat_shop.fee_model.fee_grid`; sliders pick the share and fee,
    a dropdown the series.
    """
    fees = sorted(set(grid_rows["fee_rate"]))
    # Sliders in per cent (what readers read); the rows carry the same values in per cent for selection.
    share_param = alt.param(name="share", value=round(float(share) * 100, 6),
                            bind=alt.binding_range(min=0, max=100, step=5, name=_("转入微信小店的比例（%）")))
    fee_param = alt.param(name="fee", value=round(float(fee) * 100, 6),
                          bind=alt.binding_range(min=0, max=round(fees[-1] * 100, 6), step=0.5,
                                                 name=_("微信小店费率（%）")))
    names = list(dict.fromkeys(grid_rows["series"]))
    series_param = alt.param(name="series", value=series,
                             bind=alt.binding_select(options=names, name=_("小程序交易额")))
    source = grid_rows[["series", "share", "fee_rate"]].copy()
    source["share_pct"] = (grid_rows["share"] * 100).round(6)
    source["fee_pct"] = (grid_rows["fee_rate"] * 100).round(6)
    # 元 to 亿元 for display (RMB bn in English), rounded to 1万元 for the page's weight.
    factor, unit = units.display_scale("亿", "元")  # i18n: key (units' scale words)
    digits = 4 if factor == 1 else 5
    source["revenue_yi"] = (grid_rows["revenue"] / YI * factor).round(digits)
    source["moved_yi"] = (grid_rows["moved_gmv"] / YI * factor).round(digits)
    base = alt.Chart(source).transform_filter(alt.datum.series == series_param).transform_filter(
        _close("fee_pct", fee_param))
    moved_format, revenue_format = (",.0f", ",.1f") if factor == 1 else (",.1f", ",.2f")
    tooltip = [alt.Tooltip("series:N", title=_("小程序交易额")), alt.Tooltip("share:Q", title=_("转入比例"), format=".0%"),
               alt.Tooltip("fee_rate:Q", title=_("费率"), format=".1%"),
               alt.Tooltip("moved_yi:Q", title=_("转入GMV（{unit}）", unit=unit), format=moved_format),
               alt.Tooltip("revenue_yi:Q", title=_("新增费用收入（{unit}）", unit=unit), format=revenue_format)]
    x = alt.X("share:Q", title=_("转入微信小店的比例"), axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("revenue_yi:Q", title=_("新增费用收入（{unit}）", unit=unit),
              scale=alt.Scale(domain=[0, float(source["revenue_yi"].max()) * 1.05]))
    line = base.mark_line(color=BLUE).encode(x=x, y=y, tooltip=tooltip).properties(name="fee_line")
    here = base.transform_filter(_close("share_pct", share_param))
    point = here.mark_point(shape="diamond", size=200, filled=True, color=RED).encode(
        x=x, y=y, tooltip=tooltip).properties(name="fee_point")
    text = (units.vega_number(f"datum.revenue_yi * {YI / factor:.0f}", ",.1f", money=True) if i18n.is_english()
            else "format(datum.revenue_yi, ',.1f') + '亿元'")  # i18n: key (the Chinese edition's format)
    label = here.transform_calculate(
        text=text
    ).mark_text(dy=-16, font=FONT, fontSize=12, color=RED,
                align=alt.expr("datum.share > 0.7 ? 'right' : 'left'")).encode(x=x, y=y, text="text:N")
    return alt.layer(line, point, label).add_params(share_param, fee_param, series_param).properties(
        usermeta={"controls": {**control_meta("share", _("转入微信小店的比例"), "percent"),
                               **control_meta("fee", _("微信小店费率"), "percent"),
                               **control_meta("series", _("小程序交易额"))}},
        title=_("小程序交易额转入微信小店后的新增费用收入（{unit}）", unit=unit),
        description=_("折线图：横轴为小程序交易额转入微信小店的比例，纵轴为新增费用收入（{unit}）；菱形为所选比例。"
                      "可用滑块调整转入比例与费率，用下拉框切换小程序交易额的年份。", unit=unit),
        width=560, height=300)


def miniprogram_series(table: pd.DataFrame) -> dict[str, float]:
    """Dropdown labels -> mini-program GMV (元) from ``wechat_miniprogram_gmv``: year, level and grade.

    A value the source gives as approximate (its note says so) reads 约.
    """
    series = {}
    for _i, row in table.sort_values("year").iterrows():
        about = _("约") if "approximately" in str(row["note"] or "") else ""
        grade = _("可信度{grade}", grade=row["confidence"]) if row["source_type"] == "public" else _("报告")
        series[_("{year}年（{about}{amount}，{grade}）", year=row["year"], about=about,
                 amount=units.format_yuan(row["value"], 1), grade=grade)] = float(row["value"])
    return series


# --------------------------------------------------------------------------- the 东方甄选 gift case

def gift_case_chart(facts: pd.DataFrame) -> alt.VConcatChart:
    """Three small panels built from the report's sentence on 东方甄选 (report_facts rows), each annotated.

    ``facts`` holds the rows ``growth`` (元旦, day-over-day growth), ``eve`` (除夕 GMV, a lower bound) and
    ``share`` (gift orders' share), with columns value, as_stated and quote.
    """
    growth, eve, share = (facts.loc[k] for k in ("growth", "eve", "share"))
    multiple = gift_case.multiple_of_previous_day(float(growth["value"]))
    eve_amount = stated_amount(str(eve["as_stated"]))
    index = pd.DataFrame({
        "day": [_("前一日"), _("元旦当日")], "value": [1.0, multiple],
        "text": [_("1（基数）"), _("{multiple}倍", multiple=trim(multiple))],
        "quote": [translate(growth["quote"])] * 2})
    tip = [alt.Tooltip("text:N", title=_("数值")), alt.Tooltip("quote:N", title=_("报告原文"))]
    y = alt.Y("day:N", title=None, sort=None, axis=alt.Axis(labelFontSize=12, ticks=False, domain=False))
    top = multiple * 1.1
    bars = alt.Chart(index).mark_bar(color=RED, height=16).encode(
        x=alt.X("value:Q", title=_("单日GMV（前一日=1）"), scale=alt.Scale(domain=[0, top]),
                axis=alt.Axis(tickCount=4)), y=y,
        tooltip=tip).properties(name="gift_growth")
    label_x = alt.X("value:Q", scale=alt.Scale(domain=[0, top]))
    outside = alt.Chart(index).transform_filter("datum.value <= 1").mark_text(
        align="left", dx=4, font=FONT, fontSize=12).encode(x=label_x, y=y, text="text:N")
    inside = alt.Chart(index).transform_filter("datum.value > 1").mark_text(
        align="right", dx=-4, font=FONT, fontSize=12, color="white").encode(x=label_x, y=y, text="text:N")
    panel_a = alt.layer(bars, outside, inside).properties(title=_("元旦：较前一日+{growth}", growth=growth["as_stated"]),
                                               width=520, height=60)

    eve_factor, eve_unit = units.display_scale("万", "元")  # i18n: key (units' scale words)
    eve_wan = float(eve["value"]) / WAN * eve_factor
    eve_rows = pd.DataFrame({"day": [_("除夕当日")], "value": [eve_wan],
                             "text": [_("突破{amount}（下限）", amount=eve_amount)],
                             "quote": [translate(eve["quote"])]})
    eve_top = eve_wan * 1.8
    eve_bar = alt.Chart(eve_rows).mark_bar(color=BLUE, height=16).encode(
        x=alt.X("value:Q", title=_("单日GMV（{unit}）", unit=eve_unit), scale=alt.Scale(domain=[0, eve_top]),
                axis=alt.Axis(tickCount=4)), y=y,
        tooltip=tip).properties(name="gift_eve")
    arrow = alt.Chart(eve_rows).mark_point(shape="triangle-right", filled=True, size=120, color=BLUE, xOffset=8).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, eve_top])), y=y)
    eve_text = alt.Chart(eve_rows).mark_text(align="left", dx=18, font=FONT, fontSize=12, lineBreak="\n").encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, eve_top])), y=y, text="text:N")
    panel_b = alt.layer(eve_bar, arrow, eve_text).properties(title=_("除夕：单日GMV突破{amount}", amount=eve_amount),
                                                            width=520, height=34)

    share_rows = pd.DataFrame({"day": [_("送礼订单")], "value": [float(share["value"])], "track": [1.0],
                               "text": [share["as_stated"]], "quote": [translate(share["quote"])]})
    sx = alt.X("value:Q", title=_("占全部订单的比例"), axis=alt.Axis(format=".0%", tickCount=4),
               scale=alt.Scale(domain=[0, 1]))
    track = alt.Chart(share_rows).mark_bar(color="#d9d9d9", height=16).encode(
        x=alt.X("track:Q", scale=alt.Scale(domain=[0, 1])), y=y)
    share_bar = alt.Chart(share_rows).mark_bar(color="#2e6b30", height=16).encode(
        x=sx, y=y, tooltip=tip).properties(name="gift_share")
    share_text = alt.Chart(share_rows).mark_text(align="right", dx=-4, font=FONT, fontSize=12, color="white").encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1])), y=y, text="text:N")
    panel_c = alt.layer(track, share_bar, share_text).properties(
        title=_("送礼订单占比{share}（时段未明）", share=share["as_stated"]), width=520, height=34)
    return alt.vconcat(panel_a, panel_b, panel_c, spacing=18).properties(
        description=_("三幅小图，数字均取自报告1.2节：东方甄选在元旦期间单日GMV较前一日增长{growth}"
                      "（即前一日的{multiple}倍）；除夕单日GMV突破{amount}（下限）；"
                      "送礼订单占比{share}。", growth=growth["as_stated"], multiple=trim(multiple), amount=eve_amount,
                      share=share["as_stated"]))


def stated_amount(text: str) -> str:
    """An amount as the report states it (500万元) in the reader's language (RMB 5mn in English)."""
    return units.english_amount(text) if i18n.is_english() and i18n.CJK.search(text) else text


def trim(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: 17.22, 1, 0.5."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


# --------------------------------------------------------------------------- the public/private-domain loop

LOOP_AXES = {
    # name: (slider label, first, last, step); rates in fractions, boost in 元 per 元
    "capture": (N_("公域成交沉淀进私域的比例"), 0.0, 0.4, 0.1),
    "repurchase": (N_("私域成员每月复购率"), 0.0, 0.3, 0.05),
    "churn": (N_("私域成员每月流失率"), 0.0, 0.2, 0.05),
    "boost": (N_("每1元私域GMV带来的次月自然流量GMV（元）"), 0.0, 1.0, 0.25),
}
PERCENT_AXES = ("capture", "repurchase", "churn")


def loop_values(name: str, value: float) -> list[float]:
    """The positions of one of the loop chart's sliders (see ``LOOP_AXES``), plus the parameter's value."""
    _, first, last, step = LOOP_AXES[name]
    return grid.steps(first, max(last, value), step, include=[value])


def loop_unit(public_gmv: float) -> tuple[str, float]:
    """The display unit for the loop's GMV and its size in 元: 亿元 from 1亿元 a month, else 万元 (RMB bn /
    RMB mn in English)."""
    scale, size = ("亿", YI) if public_gmv >= YI else ("万", WAN)  # i18n: key
    factor, unit = units.display_scale(scale, "元")  # i18n: key (units' scale words)
    return unit, (size if factor == 1 else size / factor)


def _digits(public_gmv: float, size: float) -> int:
    """Decimals that keep about four significant digits of the monthly GMV."""
    shown = public_gmv / size
    return max(0, 3 - math.floor(math.log10(shown))) if shown > 0 else 2


def loop_source(rows: pd.DataFrame, public_gmv: float) -> pd.DataFrame:
    """The grid's rows (one per combination, list columns month/gmv/cumulative) in the display unit,
    rounded for the page's weight; slider keys in per cent for the rates."""
    _, size = loop_unit(public_gmv)
    digits = _digits(public_gmv, size)
    source = pd.DataFrame({name + ("_pct" if name in PERCENT_AXES else ""):
                           (rows[name] * (100 if name in PERCENT_AXES else 1)).round(6) for name in LOOP_AXES})
    source["month"] = rows["month"]
    source["gmv"] = [[round(v / size, digits) for v in values] for values in rows["gmv"]]
    source["cumulative"] = [[round(v / size, digits) for v in values] for values in rows["cumulative"]]
    return source


def loop_chart(rows: pd.DataFrame, p: dict, baseline: pd.DataFrame) -> alt.VConcatChart:
    """Monthly GMV with the loop against the baseline (top) and the cumulative difference (bottom).

    ``rows`` is ``grid.evaluate(flywheel.path, ...)`` over :func:`loop_values`; ``baseline`` is
    :func:`flywheel.simulate` with the loop off. Four sliders pick the combination.
    """
    unit, size = loop_unit(p["public_gmv"])
    source = loop_source(rows, p["public_gmv"])
    params = []
    controls = {}
    for name, (label, first, last, step) in LOOP_AXES.items():
        percent = name in PERCENT_AXES
        values = sorted(set(source[name + ("_pct" if percent else "")]))
        value = round(float(p[name]) * (100 if percent else 1), 6)
        params.append(alt.param(name=name, value=value, bind=alt.binding_range(
            min=values[0], max=values[-1], step=round(step * (100 if percent else 1), 6),
            name=_("{label}（%）", label=_(label)) if percent else _(label))))
        controls.update(control_meta(name, _(label), "percent" if percent else "plain"))
    chosen = " && ".join(f"abs(datum.{n}{'_pct' if n in PERCENT_AXES else ''} - {n}) < 1e-6" for n in LOOP_AXES)
    picked = alt.Chart(source).transform_filter(chosen).transform_flatten(["month", "gmv", "cumulative"])
    x = alt.X("month:Q", title=_("月份"), scale=alt.Scale(domain=[1, int(p["months"])]),
              axis=alt.Axis(tickMinStep=1, format="d"))
    tooltip = [alt.Tooltip("month:Q", title=_("月份")), alt.Tooltip("gmv:Q", title=_("GMV（{unit}）", unit=unit),
                                                                  format=",.4~f"),
               alt.Tooltip("cumulative:Q", title=_("累计多出的GMV（{unit}）", unit=unit), format=",.4~f")]
    loop_line = picked.mark_line(color=RED, point=alt.OverlayMarkDef(size=18, color=RED)).encode(
        x=x, y=alt.Y("gmv:Q", title=_("每月GMV（{unit}）", unit=unit), scale=alt.Scale(zero=True)), tooltip=tooltip,
    ).properties(name="loop_gmv")
    base = baseline[["month"]].copy()
    base["gmv"] = (baseline["baseline"] / size).round(_digits(p["public_gmv"], size))
    base_line = alt.Chart(base).mark_line(color=MUTED, strokeDash=[5, 4]).encode(
        x=x, y="gmv:Q", tooltip=[alt.Tooltip("month:Q", title=_("月份")),
                                 alt.Tooltip("gmv:Q", title=_("无联动的GMV（{unit}）", unit=unit), format=",.4~f")],
    ).properties(name="baseline_gmv")
    names = pd.DataFrame({"month": [int(p["months"])], "text": [_("无联动")]})
    base_label = alt.Chart(names).mark_text(align="right", dy=12, font=FONT, fontSize=11, color=MUTED).encode(
        x=x, y=alt.datum(float(base["gmv"].iloc[-1])), text="text:N")
    loop_label = picked.transform_filter(f"datum.month == {int(p['months'])}").transform_calculate(
        text="'" + _("有联动") + "'").mark_text(align="right", dy=-10, font=FONT, fontSize=11, color=RED).encode(
        x=x, y="gmv:Q", text="text:N")
    top = alt.layer(base_line, loop_line, base_label, loop_label).properties(
        title=_("每月GMV：有无公私域联动"), width=520, height=220)
    gain = picked.mark_bar(color=BLUE).encode(
        x=alt.X("month:O", title=_("月份"),
                axis=alt.Axis(labelAngle=0, labelExpr="datum.value % 3 == 0 ? datum.label : ''")),
        y=alt.Y("cumulative:Q", title=_("累计多出的GMV（{unit}）", unit=unit)), tooltip=tooltip).properties(name="loop_gain")
    bottom = alt.layer(gain).properties(title=_("联动累计多出的GMV"), width=520, height=160)
    return alt.vconcat(top, bottom, spacing=16).add_params(*params).properties(
        usermeta={"controls": controls},
        description=_("上图为示意商家每月GMV：虚线为只靠购买公域流量（无联动），红线为加上公域导私域、私域复购和"
                      "私域反哺公域之后；下图为联动累计多出的GMV。四个滑块调整沉淀比例、复购率、流失率与排名加权，"
                      "所有比率都是本版假设。"))


def loop_table(frame: pd.DataFrame, public_gmv: float) -> str:
    """The chapter's own run of the loop, month by month (collapsed under the chart)."""
    unit, size = loop_unit(public_gmv)
    digits = _digits(public_gmv, size)

    def shown(v: float) -> str:
        return f"{v / size:,.{digits}f}"

    table = pd.DataFrame({
        _("月份"): frame["month"], _("购买的公域流量GMV（{unit}）", unit=unit): frame["bought"].map(shown),
        _("私域带来的自然流量GMV（{unit}）", unit=unit): frame["natural"].map(shown),
        _("私域复购GMV（{unit}）", unit=unit): frame["private"].map(shown),
        _("每月GMV（{unit}）", unit=unit): frame["gmv"].map(shown),
        _("累计多出的GMV（{unit}）", unit=unit): frame["cumulative"].map(shown),
    })
    return ("<details class=\"wxshop-points\"><summary>" + _("逐月数值（本章参数）") + "</summary>"
            + table_html(table, {c: c for c in table.columns}, _("公私域联动示意模型：逐月数值")) + "</details>")
