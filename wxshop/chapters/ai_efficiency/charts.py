"""Charts and tables of section 2.4: the report's text tables and the two models' charts.

The model charts embed a grid the models computed in Python (every preset and price position;
every strength); their controls only select rows of it, and every label is text computed here.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from wxshop import i18n, units
from wxshop.chapters.ai_efficiency import model
from wxshop.charts import BLUE, FONT, MUTED, RED, grid, table_html
from wxshop.charts.render import control_meta
from wxshop.charts.tables import exhibit_columns, filter_table
from wxshop.i18n import N_, _, translate

WAN = units.WAN
YUAN = "元"  # i18n: key (units.format_yi's unit)


def _close(field: str, param: alt.Parameter) -> str:
    """A filter that selects rows whose ``field`` equals the parameter's value (floats from a slider)."""
    return f"abs(datum.{field} - {param.name}) < 1e-6"


# --------------------------------------------------------------------------- the report's tables

def exhibit25_table(frame: pd.DataFrame, title: str) -> str:
    """图表25 under the report's headers; filter by 审核方式 (AI or human), sort by any column."""
    return filter_table(frame, exhibit_columns(frame.attrs["resource"]), "审核方式", title,  # i18n: key
                        noun=_("价格"))


# --------------------------------------------------------------------------- Model 1: moderation cost

def position_values(position: float, step: float = 0.1) -> list[float]:
    """Positions the slider offers: 0 to 1 in ``step``s, plus the parameter's value."""
    return grid.steps(0, 1, step, include=[position])


def _yuan(value: float) -> str:
    return units.format_yuan(value, 2)


def _wan() -> tuple[float, str]:
    """(factor, unit) of a column held in 万元: 万元 in Chinese, RMB mn in English."""
    return units.display_scale("万", "元")  # i18n: key


def _amount_format() -> str:
    """The axis format of a 万元 column: whole 万 in Chinese, two decimals of RMB mn in English."""
    return ",.2f" if i18n.is_english() else ",.0f"


# 次 is "engagements" in the shared catalogues; here it counts reviews (or conversions), so English names it so.
EN_COUNT_NOUNS = {"review": "reviews", "conversion": "conversions"}


def unit_noun(unit: str, counts: str = "review") -> str:
    """``unit`` for units.format_scaled: as is in Chinese; in English 次 is the reviews (or conversions) counted."""
    return EN_COUNT_NOUNS[counts] if i18n.is_english() and unit == "次" else unit  # i18n: key


def _per(price: float, unit: str) -> str:
    return _("{price}元/{unit}", price=f"{price:.6g}", unit=translate(unit_noun(unit)))


def moderation_sources(table: pd.DataFrame, preset_labels: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-modality rows, totals rows) of :func:`model.moderation_grid`'s output, rounded and labelled for the page.

    Each row's axis label carries its amount (``ylabel``), so no text runs past a bar on a phone.
    """
    rows = table.copy()
    rows["pos_pct"] = (rows["position"] * 100).round(6)
    rows["order"] = rows["modality"].map({m: i for i, m in enumerate(model.MODALITIES)})
    factor = _wan()[0]
    rows["ai_wan"] = (rows["ai_cost"] / WAN * factor).round(4 if factor == 1 else 6)
    rows["human_wan"] = (rows["human_cost"] / WAN * factor).round(4 if factor == 1 else 6)
    rows["label"] = [translate(label) for label in rows["label"]]
    rows["ylabel"] = [f"{label} {_yuan(a)}" for label, a in zip(rows["label"], rows["ai_cost"])]
    rows["share_text"] = [units.format_percent(s, 1) for s in rows["ai_share"]]
    rows["price_text"] = [_per(p, u) for p, u in zip(rows["ai_price"], rows["unit"])]
    rows["human_price_text"] = [_per(p, u) for p, u in zip(rows["human_price"], rows["unit"])]
    rows["volume_text"] = [_("{volume}/天", volume=units.format_scaled(v, unit_noun(u), 2)) for v, u in zip(rows["volume"], rows["unit"])]
    per_modality = rows[["preset", "pos_pct", "modality", "order", "label", "ylabel", "ai_wan", "human_wan",
                         "share_text", "price_text", "human_price_text", "volume_text"]]
    totals = []
    for (preset, pos), group in rows.groupby(["preset", "pos_pct"], sort=False):
        t = model.totals(group)
        summary = _("每月节省 {saving}\nAI费用为人工的 {share}\n人工费用约为AI的 {multiple} 倍", saving=_yuan(t["saving"]),
                    share=units.format_percent(t["ai_share"], 1), multiple=f"{t['multiple']:.1f}")
        for order, (who, cost) in enumerate(((_("AI审核"), t["ai_cost"]), (_("人工审核"), t["human_cost"]))):
            totals.append({"preset": preset, "preset_label": translate(preset_labels[preset]), "pos_pct": pos,
                           "who": who, "order": order, "ylabel": f"{who} {_yuan(cost)}",
                           "cost_wan": round(cost / WAN * factor, 4 if factor == 1 else 6),
                           "saving_wan": round(t["saving"] / WAN * factor, 4 if factor == 1 else 6), "ai_share": round(t["ai_share"], 8),
                           "summary": summary})
    return per_modality, pd.DataFrame(totals)


def moderation_chart(table: pd.DataFrame, preset_labels: dict[str, str], preset: str,
                     position: float) -> alt.VConcatChart:
    """Monthly AI vs human cost (totals), what it saves, and the AI cost by modality.

    ``table`` is :func:`model.moderation_grid` over :func:`position_values`; a dropdown picks the
    volume preset and a slider the position of every AI price in the report's range.
    """
    per_modality, totals = moderation_sources(table, preset_labels)
    presets = list(dict.fromkeys(table["preset"]))
    mix = alt.param(name="volume_mix", value=preset,
                    bind=alt.binding_select(options=presets, labels=[translate(preset_labels[p]) for p in presets],
                                            name=_("审核量情形")))
    positions = sorted(set(per_modality["pos_pct"]))
    where = alt.param(name="price_position", value=round(float(position) * 100, 6),
                      bind=alt.binding_range(min=positions[0], max=positions[-1], step=10,
                                             name=_("AI单价在报告区间中的位置（%）")))
    chosen = f"datum.preset == volume_mix && {_close('pos_pct', where)}"
    by_order = alt.EncodingSortField(field="order", order="ascending")

    wan = _wan()[1]
    total_tip = [alt.Tooltip("preset_label:N", title=_("审核量情形")), alt.Tooltip("ylabel:N", title=_("每月费用"))]
    totals_view = alt.Chart(totals).transform_filter(chosen).mark_bar().encode(
        y=alt.Y("ylabel:N", title=None, sort=by_order, axis=alt.Axis(labelLimit=160)),
        x=alt.X("cost_wan:Q", title=_("每月费用（{unit}）", unit=wan), axis=alt.Axis(format=_amount_format(), tickCount=3)),
        color=alt.Color("who:N", scale=alt.Scale(domain=[_("AI审核"), _("人工审核")], range=[BLUE, RED]), legend=None),
        tooltip=total_tip,
    ).properties(name="mod_totals", title=_("每月审核费用：AI与人工"), width=300,
                 height=alt.Step(40) if i18n.is_english() else 80)  # room for English labels on two lines
    summary = alt.Chart(totals).transform_filter(chosen).transform_filter(f"datum.who == '{_('AI审核')}'").mark_text(
        align="left", baseline="top", font=FONT, fontSize=13, lineBreak="\n", lineHeight=19, color="#222222",
    ).encode(x=alt.value(0), y=alt.value(4), text="summary:N").properties(
        name="mod_summary", width=300, height=64)

    tip = [alt.Tooltip("label:N", title=_("审核类型")), alt.Tooltip("volume_text:N", title=_("日审核量")),
           alt.Tooltip("price_text:N", title=_("AI单价")), alt.Tooltip("human_price_text:N", title=_("人工单价")),
           alt.Tooltip("ai_wan:Q", title=_("AI每月费用（{unit}）", unit=wan), format=",.4f" if i18n.is_english() else ",.2f"),
           alt.Tooltip("share_text:N", title=_("为人工费用的"))]
    modality_view = alt.Chart(per_modality).transform_filter(chosen).mark_bar(color=BLUE).encode(
        y=alt.Y("ylabel:N", title=None, sort=by_order, axis=alt.Axis(labelLimit=170)),
        x=alt.X("ai_wan:Q", title=_("AI审核每月费用（{unit}）", unit=wan), axis=alt.Axis(format=_amount_format(), tickCount=3)),
        tooltip=tip,
    ).properties(name="mod_modalities", title=_("AI审核每月费用，按审核类型"), width=300,
                 height=alt.Step(34) if i18n.is_english() else 210)  # room for English labels on two lines
    return alt.vconcat(totals_view, summary, modality_view).add_params(mix, where).properties(
        usermeta={"controls": {**control_meta("volume_mix", _("审核量情形")),
                               **control_meta("price_position", _("AI单价在报告区间中的位置"), "percent")}},
        description=_("内容审核费用模型：上图为每月AI审核与人工审核的费用，中间为节省的金额与两者之比，"
                      "下图为AI审核费用按审核类型的分布。可用下拉框切换审核量情形，用滑块移动AI单价在报告区间中的位置。"))


def moderation_inputs_table(prices: pd.DataFrame, exhibit: pd.DataFrame, presets: dict[str, dict[str, float]],
                            reviews: dict[str, float]) -> str:
    """Each modality: the report's price as printed, the edition's reading per unit, the human equivalent, volumes."""
    report = prices[prices["source_type"] == "report"]
    printed = dict(zip(exhibit["审核类型"].fillna(""), exhibit["定价"]))  # i18n: key
    names = {"image": "图片", "text": "文本", "audio": "音频", "video": "视频", "live_frame": "直播画面",  # i18n: key
             "live_audio": "直播声音", "document": "文档审核"}  # i18n: key
    rows = []
    for m in model.MODALITIES:
        own = report[report["modality"] == m].set_index("component")
        if m in model.ON_IMAGE_PRICE:
            image = report[report["modality"] == "image"].set_index("component")
            reading = _("图片单价（{low}–{high}）+ {surcharge}", low=f"{image.loc['low', 'value']:.6g}",
                        high=_per(image.loc["high", "value"], model.UNITS[m]),
                        surcharge=_per(own.loc["surcharge", "value"], model.UNITS[m]))
        elif "fixed" in own.index:
            reading = _("{price}（单一价格）", price=_per(own.loc["fixed", "value"], model.UNITS[m]))
        else:
            reading = f"{own.loc['low', 'value']:.6g}–{_per(own.loc['high', 'value'], model.UNITS[m])}"
        human = reviews[m]
        rows.append({_("审核类型"): translate(model.LABELS[m]), _("报告定价（原文）"): i18n.translate(printed[names[m]]),
                     _("本版换算（每单位）"): reading,
                     _("人工审核折算"): _("每{unit}按{count}次计", unit=translate(unit_noun(model.UNITS[m])), count=f"{human:g}")
                     + (_("（假设）") if m in model.AUDIO else ""),
                     **{_("{preset}日审核量", preset=translate(model.PRESET_LABELS[p])):
                        units.format_scaled(presets[p][m], unit_noun(model.UNITS[m]), 2) for p in presets}})
    shown = pd.DataFrame(rows)
    return table_html(shown, {c: c for c in shown.columns}, _("内容审核成本模型的输入：单价与审核量"))


# --------------------------------------------------------------------------- Model 2: AI advertising

def strength_values(strength: float, step: float = 0.05) -> list[float]:
    """Strengths the slider offers: 0 to 100% in 5% steps, plus the parameter's value."""
    return grid.steps(0, 1, step, include=[strength])


def _minutes_text(minutes: float) -> str:
    hours, rest = divmod(round(minutes), 60)
    parts = ([_("{n}小时", n=hours)] if hours else []) + ([_("{n}分钟", n=rest)] if rest or not hours else [])
    return ("" if not i18n.is_english() else " ").join(parts)


def ad_source(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`model.ad_grid`'s rows, rounded and labelled for the page."""
    rows = table[["reading", "label", "conversions", "revenue", "roi", "change", "cac"]].copy()
    rows["label"] = [translate(label) for label in rows["label"]]
    rows["pct"] = (table["strength"] * 100).round(6)
    factor = _wan()[0]
    rows["revenue_wan"] = (table["revenue"] / WAN * factor).round(4 if factor == 1 else 6)
    rows["conversions"] = table["conversions"].round(2)
    rows["roi"] = table["roi"].round(6)
    rows["change"] = table["change"].round(8)
    rows["cac"] = table["cac"].round(4)
    rows["text"] = [f"{_yuan(r)} · ROI {roi:.2f}" for r, roi in zip(table["revenue"], table["roi"])]
    rows["conversions_text"] = [units.format_scaled(n, unit_noun("次", "conversion"), 2) for n in table["conversions"]]  # i18n: key (unit noun)
    rows["minutes_text"] = [_("素材生成耗时：{time}（原24小时）", time=_minutes_text(m)) for m in table["minutes"]]
    return rows


def ad_chart(table: pd.DataFrame, strength: float) -> alt.VConcatChart:
    """Revenue and ROI of each reading at the chosen strength (bars), and the change against strength (lines).

    ``table`` is :func:`model.ad_grid` over :func:`strength_values`; a slider picks the strength.
    """
    source = ad_source(table)
    pcts = sorted(set(source["pct"]))
    param = alt.param(name="ai_strength", value=round(float(strength) * 100, 6),
                      bind=alt.binding_range(min=pcts[0], max=pcts[-1], step=5, name=_("AI提升幅度的计入比例（%）")))
    order = [translate(model.READING_LABELS[r]) for r in model.READINGS]
    colors = alt.Scale(domain=order, range=[MUTED, BLUE, "#a14a00", RED])
    here = alt.Chart(source).transform_filter(_close("pct", param))
    tip = [alt.Tooltip("label:N", title=_("读法")), alt.Tooltip("conversions_text:N", title=_("转化数")),
           alt.Tooltip("text:N", title=_("收入（ROI）")),
           alt.Tooltip("cac:Q", title=_("单用户获取成本（元）"), format=",.2f"),
           alt.Tooltip("change:Q", title=_("较基线"), format="+.1%")]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=110))
    x = alt.X("revenue_wan:Q", title=_("每月收入（{unit}）", unit=_wan()[1]), axis=alt.Axis(format=_amount_format(), tickCount=4),
              scale=alt.Scale(domain=[0, float(source["revenue_wan"].max())]))
    bars = here.mark_bar().encode(y=y, x=x, tooltip=tip,
                                  color=alt.Color("label:N", scale=colors, legend=None)).properties(name="ad_bars")
    labels = here.mark_text(align="right", dx=-4, font=FONT, fontSize=11, color="#ffffff").encode(
        y=y, x=x, text="text:N")
    lines = max(str(t).count("\n") for t in source["minutes_text"]) + 1  # the English line is broken in two
    minutes = here.transform_filter("datum.reading == 'baseline'").mark_text(
        align="left", baseline="top", font=FONT, fontSize=12, color="#222222", lineBreak="\n", lineHeight=16).encode(
        x=alt.value(0), y=alt.value(0), text="minutes_text:N").properties(name="ad_minutes", width=300,
                                                                         height=6 + 16 * lines)
    bars_view = alt.layer(bars, labels).properties(title=_("同一花费下的每月收入"), width=300, height=150)

    lines_base = alt.Chart(source).transform_filter("datum.reading != 'baseline'")
    lx = alt.X("pct:Q", title=_("计入比例（%）"), scale=alt.Scale(domain=[0, 100]))
    ly = alt.Y("change:Q", title=_("较基线的变化"), axis=alt.Axis(format=".0%"))
    reading_colors = alt.Scale(domain=order[1:], range=[BLUE, "#a14a00", RED])
    color = alt.Color("label:N", scale=reading_colors, legend=alt.Legend(orient="bottom", columns=1, title=None))
    lines = lines_base.mark_line().encode(x=lx, y=ly, color=color, tooltip=tip).properties(name="ad_lines")
    points = lines_base.transform_filter(_close("pct", param)).mark_point(filled=True, size=70).encode(
        x=lx, y=ly, color=color, tooltip=tip).properties(name="ad_points")
    lines_view = alt.layer(lines, points).properties(title=_("三种读法随计入比例的变化"), width=300, height=180)
    return alt.vconcat(bars_view, minutes, lines_view).add_params(param).resolve_scale(color="independent").properties(
        usermeta={"controls": {**control_meta("ai_strength", _("AI提升幅度的计入比例"), "percent")}},
        description=_("AI广告模型：上图为同一广告花费下，基线与按图表27三项提升幅度分别计算的每月收入与ROI；"
                      "中间为素材生成耗时；下图为三种读法较基线的变化随计入比例的变化。可用滑块调整计入比例。"))


def uplift_anchors_table(uplifts: pd.DataFrame, exhibit: pd.DataFrame) -> str:
    """图表27's rows as the model uses them: the report's wording, its example, and what public sources say."""
    rows = uplifts.set_index("id")
    public = rows[rows["source_type"] == "public"]
    google = public.loc["google_pmax_conversions"]
    miaosi = public.loc["miaosi_minutes"]
    items = [
        (exhibit.iloc[1], _("同样的点击，转化率乘以（1+30%×计入比例）"),
         _("谷歌自己的页面：转化量多{share}以上（单次转化费用相近时），可信度{grade}",
           share=units.format_percent(google["value"], 0), grade=google["confidence"])),
        (exhibit.iloc[2], _("收入 = 基线ROI ×（1+32%×计入比例）× 花费"),
         _("再次检索（Meta Advantage+ 32% ROAS）仍未找到Meta的这一数字")),
        (exhibit.iloc[3], _("同样的花费，获客成本乘以（1−30%×计入比例）"), _("表中未举例，报告未注明出处")),
        (exhibit.iloc[0], _("耗时从24小时按计入比例线性缩短到10分钟"),
         _("媒体推介文章称“{minutes}分钟拿成品”（可信度{grade}）；24小时的基线再次检索仍未找到",
           minutes=f"{miaosi['value']:g}", grade=miaosi["confidence"])),
    ]
    metric, uplift = "指标", "提升幅度"  # i18n: key (the exhibit's columns)
    shown = pd.DataFrame([{_("指标（报告原文）"): i18n.translate(row[metric]),
                           _("提升幅度（报告原文）"): i18n.translate(row[uplift]),
                           _("本版模型的用法"): use, _("公开资料核对"): check} for row, use, check in items])
    return table_html(shown, {c: c for c in shown.columns}, _("AI广告模型所用的提升幅度（图表27）"))


# --------------------------------------------------------------------------- 图表30: the figures found, for reference

CLOUD_SEGMENTS = {"total_cloud": N_("云计算总体（公有云与私有云合计）"), "private_cloud": N_("私有云"),
                  "public_cloud": N_("公有云")}  # translated where shown
DERIVED_NOTE = "derived:"  # a row whose note starts so is the edition's arithmetic, not a published figure


def cloud_table(frame: pd.DataFrame) -> str:
    """图表30's scattered figures as what they are: each year, scope, amount, grade and source (not a series)."""
    from wxshop import provenance

    unknown = set(frame["segment"]) - set(CLOUD_SEGMENTS)
    if unknown:
        raise ValueError(f"public_cloud: unknown segment(s) {sorted(unknown)}")
    shown = pd.DataFrame({
        _("年份"): frame["year"].astype(str),
        _("口径"): [_(CLOUD_SEGMENTS[r["segment"]]) + (_("（推算：总体减私有云）") if str(r["note"]).startswith(DERIVED_NOTE) else "")
               for _i, r in frame.iterrows()],
        _("规模"): [units.format_yi(v, YUAN, 1) for v in frame["value"]],
        _("数据依据"): [provenance.grade(r) for _i, r in frame.iterrows()],
        _("来源"): [provenance.text(r) for _i, r in frame.iterrows()],
    })
    return table_html(shown, {c: c for c in shown.columns}, _("图表30可找到的数字（参考，不是原图数据）"))
