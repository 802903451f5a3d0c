"""Charts and tables of chapter 三 (全域电商, 3.1–3.4): market series, platform table, take-rate models.

Series charts (图表33–35, 37) draw data-package rows as they are, one bar per year or source, with
each point's source and grade in its tooltip. The take-rate chart embeds the model's precomputed grid;
its controls only select rows of it.
"""
from __future__ import annotations

import json
import math

import altair as alt
import pandas as pd

from wxshop import i18n, provenance, units
from wxshop.i18n import N_, _
from wxshop.chapters.omnichannel import model, notes
from wxshop.charts import FONT, filter_table, grid, table_html
from wxshop.charts.captions import report_place
from wxshop.charts.render import control_meta, wrap_words
from wxshop.charts.series import grade_scale, points_by_key, points_table, series_bars
from wxshop.charts.timeline import milestone_chart

YI = units.YI
WANYI = units.WANYI
def volume_chart(frame: pd.DataFrame) -> alt.Chart:
    """图表33: e-commerce transaction volume by year (万亿元), from ``ecommerce_transaction_volume``."""
    factor, unit = units.display_scale("万亿", "元")  # i18n: key
    points = points_by_key(frame, "year", WANYI / factor)
    years = list(range(int(points["year"].min()), int(points["year"].max()) + 1))
    title = _("电子商务交易额（{unit}）", unit=unit)
    return series_bars(points, "year", _("年份"), title, title,
                       _("柱状图：2014–2024年电子商务交易额（{unit}），颜色表示数据依据；2023年缺数据。", unit=unit),
                       years=years)


def festival_chart(frame: pd.DataFrame, festival: str, title: str) -> alt.Chart:
    """图表34/35: a shopping festival's total sales by year (亿元), from ``shopping_festival_gmv``."""
    factor, unit = units.display_scale("亿", "元")  # i18n: key
    points = points_by_key(frame[frame["festival"] == festival], "year", YI / factor)
    years = list(range(int(points["year"].min()), int(points["year"].max()) + 1))
    return series_bars(points, "year", _("年份"), _("销售总额（{unit}）", unit=unit), title,
                       _("柱状图：{title}，按年份；颜色表示数据依据。", title=title), years=years)


# How each source of platform_gmv_2023 (its ``variant``) is named under the bars.
VARIANT_NAMES = {"report": N_("报告"), "LatePost": N_("晚点"), "36Kr": N_("36氪"), "company": N_("公司公告"),
                 "LatePost via SCMP": N_("晚点/SCMP"),
                 "36Kr（含商品卡）":  # i18n: key
                     N_("36氪，含商品卡")}


def platform_gmv_points(frame: pd.DataFrame) -> pd.DataFrame:
    """图表37's bars: every row of platform_gmv_2023 that gives a GMV level, labelled with its source."""
    rows = frame.dropna(subset=["gmv"]).copy()
    rows["bar"] = [_("{platform}（{variant}）", platform=i18n.translate(p), variant=_(VARIANT_NAMES.get(v, v)))
                   for p, v in zip(rows["platform"], rows["variant"])]
    factor, _unit = units.display_scale("万亿", "元")  # i18n: key
    rows["shown"] = rows["gmv"] / WANYI * factor
    if i18n.is_english():  # the chart's data (and its CSV download) in English too
        rows["platform"] = [i18n.translate(p) for p in rows["platform"]]
        rows["variant"] = [_(VARIANT_NAMES.get(v, v)) for v in rows["variant"]]
    rows["grade"] = [provenance.grade(r) for _, r in rows.iterrows()]
    rows["source_text"] = [provenance.text(r) for _, r in rows.iterrows()]
    rows["yoy_text"] = [units.format_percent(v, 1, signed=True) if not pd.isna(v) else _("未给出") for v in rows["yoy"]]
    return rows[["platform", "variant", "bar", "gmv", "shown", "grade", "yoy_text", "source_text"]]


def label_lines(label: str, width: int = 18) -> list[str]:
    """An English label "Platform (source)" as lines: the platform, then its source in brackets broken between
    words at ``width`` characters."""
    platform, bracket, source = label.partition(" (")
    return [platform, *wrap_words(bracket.strip() + source, width)] if bracket else [label]


def english_lines(labels: list[str]) -> str:
    """A Vega label expression giving each English label its :func:`label_lines`."""
    lines = {label: label_lines(label) for label in labels}
    return f"({json.dumps(lines, ensure_ascii=False)})[datum.label] || datum.label"


def _row_height(labels: pd.Series) -> int:
    """The px a bar's row takes: 34 (a label on two lines), more for an English label on more (13 px a line)."""
    if not i18n.is_english():
        return 34
    return max(34, 13 * max(len(label_lines(label)) for label in labels) + 8)


def platform_gmv_chart(points: pd.DataFrame) -> alt.Chart:
    """Horizontal bars of 2023 GMV (万亿元), one per platform and source; only sourced levels."""
    pick = alt.selection_point(fields=["grade"], bind="legend", name="grade_pick")
    # Each label on two lines, the platform and then its source in brackets, so none is cut short on a phone.
    # In English the source's name, longer, is also broken between words, so the labels' column stays narrow.
    two_lines = (english_lines(list(points["bar"])) if i18n.is_english()
                 else "split(replace(datum.label, '（', '\\n（'), '\\n')")  # i18n: key
    _factor, unit = units.display_scale("万亿", "元")  # i18n: key
    bars = alt.Chart(points).mark_bar().encode(
        y=alt.Y("bar:N", title=None, sort=list(points.sort_values("gmv", ascending=False)["bar"]),
                axis=alt.Axis(labelExpr=two_lines, labelLimit=0, labelFontSize=11, labelLineHeight=13)),
        x=alt.X("shown:Q", title=_("2023年GMV（{unit}）", unit=unit)),
        color=alt.Color("grade:N", title=_("数据依据"), scale=grade_scale(list(points["grade"])),
                        legend=alt.Legend(orient="top", columns=1)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=[alt.Tooltip("bar:N", title=_("平台（来源）")),
                 alt.Tooltip("shown:Q", title=_("GMV（{unit}）", unit=unit), format=",.4~f"),
                 alt.Tooltip("yoy_text:N", title=_("同比")), alt.Tooltip("grade:N", title=_("数据依据")),
                 alt.Tooltip("source_text:N", title=_("来源"))],
    ).add_params(pick).properties(name="bars")
    labels = alt.Chart(points).mark_text(align="left", dx=4, font=FONT, fontSize=11).encode(
        y=alt.Y("bar:N", sort=list(points.sort_values("gmv", ascending=False)["bar"])),
        x="shown:Q", text=alt.Text("shown:Q", format=",.4~f"),
    )
    return alt.layer(bars, labels).properties(
        title=_("2023年各电商平台GMV（{unit}）", unit=unit),
        description=_("横向条形图：2023年各电商平台GMV，每个来源一条；只画有来源给出水平值的平台。"),
        # a row per bar: room for its label's lines (two in Chinese, up to four in English: 13 px each)
        width=520, height=max(240, _row_height(points["bar"]) * len(points)))


# The exhibit's columns (the data's names, which are also the report's headers).
EXHIBIT36_COLUMNS = (N_("类别"), N_("平台"), N_("差异"), N_("用户画像"), N_("用户粘性"), N_("优势"), N_("劣势"),
                     N_("双向渗透"))
EXHIBIT36_CELLS = ("类别", "平台", "差异", "用户画像", "用户粘性", "优势", "劣势", "双向渗透_起点", "双向渗透_方向")  # i18n: key


def exhibit36_table(frame: pd.DataFrame) -> str:
    """图表36 as a table readers filter by platform type (类别) and sort by any column.

    The report's 双向渗透 cell holds two phrases (where the platforms start, where they move); the data
    keeps them in two fields and the table shows them in the one cell, on two lines, as the report does.
    """
    cells = frame.copy()
    for column in EXHIBIT36_CELLS:
        cells[column] = [i18n.translate(str(v)) for v in cells[column]]
    shown = cells.assign(双向渗透=cells["双向渗透_起点"] + "\n" + cells["双向渗透_方向"])  # i18n: key
    # In English the columns are keyed by their English headers (no Chinese in the table's attributes).
    shown = shown.rename(columns={c: _(c) for c in EXHIBIT36_COLUMNS})
    shown.attrs = frame.attrs
    return filter_table(shown, {_(c): _(c) for c in EXHIBIT36_COLUMNS}, _("类别"), _("图表36：国内主要 2C电商平台比较"),
                        noun=_("平台"))


# --------------------------------------------------------------------------- Model 1: take rates

def shift_values(rates_by_case: dict[str, dict[str, float]], shift: float, top: float = 5.0,
                 step: float = 0.25) -> list[float]:
    """Shifts (percentage points) the slider offers: -0.5 to ``top`` in ``step``s, never below a 0% rate."""
    lowest = min(r for rates in rates_by_case.values() for r in rates.values()) * 100
    start = max(-0.5, -math.floor(lowest / step) * step)
    return grid.steps(start, max(top, shift), step, include=[shift])


def _close(field: str, param: alt.Parameter) -> str:
    """A filter that selects rows whose ``field`` equals the parameter's value (floats from a slider)."""
    return f"abs(datum.{field} - {param.name}) < 1e-6"


def take_rate_chart(grid: pd.DataFrame, case: str, shift: float) -> alt.VConcatChart:
    """Revenue by platform (bars) and its sensitivity to the shift (lines), with a case dropdown and a shift slider.

    ``grid`` is :func:`wxshop.chapters.omnichannel.model.scenario_grid` over :func:`shift_values`.
    """
    shifts = sorted(set(grid["shift_pp"]))
    steps = [round(b - a, 6) for a, b in zip(shifts, shifts[1:])]
    step = min(steps) if steps else 0.1
    shift_param = alt.param(name="shift", value=float(shift),
                            bind=alt.binding_range(min=shifts[0], max=shifts[-1], step=step,
                                                   name=_("各平台费率统一调整（百分点）")))
    cases = [c for c in model.CASES if c in set(grid["case"])]
    case_param = alt.param(name="scenario", value=case,
                           bind=alt.binding_select(options=cases, labels=[_(model.CASE_LABELS[c]) for c in cases],
                                                   name=_("费率情形")))
    source = grid[["case", "shift_pp", "label", "take_rate"]].copy()
    source["label"] = [_(v) for v in source["label"]]
    # 元 to 亿元 for display (RMB bn in English), rounded to 1万元 for the page's weight.
    factor, unit = units.display_scale("亿", "元")  # i18n: key
    for column in ("revenue", "change", "per_pp", "gmv"):
        source[column + "_yi"] = (grid[column] / YI * factor).round(4 if factor == 1 else 5)
    one = ",.1f" if factor == 1 else ",.2f"  # 0.1亿 is 0.01bn
    source["take_rate"] = source["take_rate"].round(8)
    order = [_(model.LABELS.get(p, p)) for p in model.PLATFORMS if p in set(grid["platform"])]
    tooltip = [alt.Tooltip("label:N", title=_("平台")),
               alt.Tooltip("gmv_yi:Q", title=_("2023年GMV（{unit}）", unit=unit),
                           format=",.0f" if factor == 1 else ",.1f"),
               alt.Tooltip("take_rate:Q", title=_("费率"), format=".2%"),
               alt.Tooltip("revenue_yi:Q", title=_("费用收入（{unit}）", unit=unit), format=one),
               alt.Tooltip("change_yi:Q", title=_("较未调整（{unit}）", unit=unit), format="+" + one),
               alt.Tooltip("per_pp_yi:Q", title=_("费率每提高1个百分点增收（{unit}）", unit=unit), format=one)]
    in_case = alt.datum.case == case_param
    top = float(source["revenue_yi"].max()) * 1.15
    bars_base = alt.Chart(source).transform_filter(in_case).transform_filter(_close("shift_pp", shift_param))
    y = alt.Y("label:N", title=None, sort=order)
    x = alt.X("revenue_yi:Q", title=_("费用收入（{unit}）", unit=unit), scale=alt.Scale(domain=[0, top]))
    bars = bars_base.mark_bar(color="#c0392b").encode(y=y, x=x, tooltip=tooltip).properties(name="revenue_bars")
    labels = bars_base.transform_calculate(
        text=_("format(datum.revenue_yi, ',.1f') + '亿元（费率 ' + format(datum.take_rate, '.2%') + '）'")
    ).mark_text(align="left", dx=4, font=FONT, fontSize=11).encode(y=y, x=x, text="text:N")
    top_chart = alt.layer(bars, labels).properties(
        title=_("2023年GMV × 费率：各平台费用收入（{unit}）", unit=unit), width=460, height=200)

    lines_base = alt.Chart(source).transform_filter(in_case)
    # Dark enough to read as text on white (AA); the lines are named at their ends, not in a legend.
    color = alt.Color("label:N", title=_("平台"), sort=order, legend=None,
                      scale=alt.Scale(domain=order, range=["#1f4e79", "#a14a00", "#b0282a", "#2e6b30", "#5b3a8e"]))
    lx = alt.X("shift_pp:Q", title=_("费率统一调整（百分点）"))
    ly = alt.Y("revenue_yi:Q", title=_("费用收入（{unit}）", unit=unit), scale=alt.Scale(domain=[0, top]))
    lines = lines_base.mark_line().encode(x=lx, y=ly, color=color, tooltip=tooltip).properties(name="sensitivity_lines")
    now = lines_base.transform_filter(_close("shift_pp", shift_param)).mark_point(filled=True, size=60).encode(
        x=lx, y=ly, color=color, tooltip=tooltip).properties(name="sensitivity_points")
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).transform_calculate(at="shift").mark_rule(
        strokeDash=[4, 3], color="#555").encode(x="at:Q").properties(name="shift_rule")
    ends = lines_base.transform_filter(f"datum.shift_pp == {max(shifts)}").mark_text(
        align="right", dx=-2, dy=-7, fontSize=11, font=FONT).encode(x=lx, y=ly, color=color, text="label:N")
    bottom_chart = alt.layer(lines, now, rule, ends).properties(
        title=_("敏感性：费率统一上调或下调时各平台费用收入的变化"), width=460, height=220)
    return alt.vconcat(top_chart, bottom_chart).add_params(shift_param, case_param).properties(
        usermeta={"controls": {**control_meta("shift", _("各平台费率统一调整"), "pp"),
                               **control_meta("scenario", _("费率情形"))}},
        description=_("上图为各平台费用收入条形图（2023年GMV乘以费率），下图为费率统一调整时各平台收入的变化折线；"
                      "可用下拉框切换费率情形，用滑块把所有平台的费率统一上调或下调若干个百分点。"))


def take_rate_inputs_table(cases: pd.DataFrame, gmv: dict[str, float], gmv_table: pd.DataFrame,
                          facts: pd.DataFrame) -> str:
    """The model's inputs: each platform's GMV (with its source) and its rate in each case, labelled 假设,
    with the report's figure each rate is taken from (a range the report states for all platforms outside
    Taobao is shown as that range, never as one platform's own rate)."""
    rows = []
    for platform in model.PLATFORMS:
        if platform not in gmv:
            continue
        variant = model.GMV_VARIANTS.get(platform)
        source_row = gmv_table[(gmv_table["platform"] == platform) & (gmv_table["variant"] == variant)]
        gmv_source = provenance.text(source_row.iloc[0]) if not source_row.empty else _("分析者设定")
        case_rows = cases[cases["platform"] == platform].set_index("case")
        rate_text = [_("{rate}（假设）", rate=units.format_percent(case_rows.loc[c, 'take_rate'], 2)) for c in model.CASES]
        anchors = [a for a in dict.fromkeys(case_rows["anchor"].dropna())]
        basis = ("; " if i18n.is_english() else "；").join(  # i18n: key
            _("报告{section}节：“{quote}”（{subject}）", section=facts.loc[a, 'section'],
              quote=i18n.translate(str(facts.loc[a, 'quote'])), subject=i18n.translate(str(facts.loc[a, 'subject'])))
            for a in anchors)
        rows.append({_("平台"): _(model.LABELS[platform]), _("2023年GMV"): units.format_yuan(gmv[platform], 4),
                     _("GMV来源"): gmv_source, _("费用"): i18n.translate(str(case_rows["fee"].iloc[0])),
                     _("低 / 中 / 高情形费率"): " / ".join(rate_text), _("费率所依据的报告数字"): basis,
                     _("为何是假设"): i18n.translate(str(case_rows.loc["low", "source"]))})
    shown = pd.DataFrame(rows)
    return table_html(shown, {c: c for c in shown.columns}, _("平台货币化模型的输入：GMV与费率"))


def volume_table(frame: pd.DataFrame) -> str:
    """图表33's points with their growth rates, grades and sources (a collapsed table)."""
    factor, unit = units.display_scale("万亿", "元")  # i18n: key
    return points_table(points_by_key(frame, "year", WANYI / factor), "year", _("年份"),
                        _("电子商务交易额（{unit}）", unit=unit), _("图表33 逐点数据"))


def festival_table(frame: pd.DataFrame, festival: str, number: int) -> str:
    """图表34/35's points with their growth rates, grades and sources (a collapsed table)."""
    factor, unit = units.display_scale("亿", "元")  # i18n: key
    return points_table(points_by_key(frame[frame["festival"] == festival], "year", YI / factor), "year", _("年份"),
                        _("销售总额（{unit}）", unit=unit), _("图表{number} 逐点数据", number=number))



# --------------------------------------------------------------------------- 图表39–43: the platforms' timelines

PLATFORM_COLORS = {"阿里巴巴": "#a14a00", "京东": "#8a2d2d", "拼多多": "#6b3a8e", "快手": "#8a5a00", "抖音": "#1f4e79"}  # i18n: key


def strategy_chart(laid: pd.DataFrame, headline: str, platform: str) -> alt.LayerChart:
    """One platform's dated moves as the report words them, top to bottom; the title is 3.4's headline.

    ``laid`` is :func:`wxshop.charts.timeline.milestones` of the platform's ``move`` rows.
    """
    sections = (", " if i18n.is_english() else "、").join(dict.fromkeys(report_place(s) for s in laid["source"]))  # i18n: key
    return milestone_chart(
        laid, headline,
        _("时间线：报告正文写明时间的{platform}举措，共{count}个节点，自上而下按时间排列（出自{sections}）；"
          "每个节点的文字取自报告原句，鼠标移到节点上可读整句与出处。", platform=i18n.translate(platform),
          count=len(laid), sections=sections),
        color=PLATFORM_COLORS[platform], name="strategy")
