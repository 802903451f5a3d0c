"""Charts and tables of section 2.4: the report's text tables and the two models' charts.

The model charts embed a grid the models computed in Python (every preset and price position;
every strength); their controls only select rows of it, and every label is text computed here.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from wxshop import units
from wxshop.chapters.ai_efficiency import model
from wxshop.charts import BLUE, FONT, MUTED, RED, grid, table_html
from wxshop.charts.render import control_meta
from wxshop.charts.tables import exhibit_columns, filter_table

WAN = units.WAN


def _close(field: str, param: alt.Parameter) -> str:
    """A filter that selects rows whose ``field`` equals the parameter's value (floats from a slider)."""
    return f"abs(datum.{field} - {param.name}) < 1e-6"


# --------------------------------------------------------------------------- the report's tables

def exhibit25_table(frame: pd.DataFrame, title: str) -> str:
    """图表25 under the report's headers; filter by 审核方式 (AI or human), sort by any column."""
    return filter_table(frame, exhibit_columns(frame.attrs["resource"]), "审核方式", title, noun="价格")


# --------------------------------------------------------------------------- Model 1: moderation cost

def position_values(position: float, step: float = 0.1) -> list[float]:
    """Positions the slider offers: 0 to 1 in ``step``s, plus the parameter's value."""
    return grid.steps(0, 1, step, include=[position])


def _yuan(value: float) -> str:
    return units.format_yuan(value, 2)


def moderation_sources(table: pd.DataFrame, preset_labels: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-modality rows, totals rows) of :func:`model.moderation_grid`'s output, rounded and labelled for the page.

    Each row's axis label carries its amount (``ylabel``), so no text runs past a bar on a phone.
    """
    rows = table.copy()
    rows["pos_pct"] = (rows["position"] * 100).round(6)
    rows["order"] = rows["modality"].map({m: i for i, m in enumerate(model.MODALITIES)})
    rows["ai_wan"] = (rows["ai_cost"] / WAN).round(4)
    rows["human_wan"] = (rows["human_cost"] / WAN).round(4)
    rows["ylabel"] = [f"{label} {_yuan(a)}" for label, a in zip(rows["label"], rows["ai_cost"])]
    rows["share_text"] = [units.format_percent(s, 1) for s in rows["ai_share"]]
    rows["price_text"] = [f"{p:.6g}元/{u}" for p, u in zip(rows["ai_price"], rows["unit"])]
    rows["human_price_text"] = [f"{p:.6g}元/{u}" for p, u in zip(rows["human_price"], rows["unit"])]
    rows["volume_text"] = [f"{units.format_scaled(v, u, 2)}/天" for v, u in zip(rows["volume"], rows["unit"])]
    per_modality = rows[["preset", "pos_pct", "modality", "order", "label", "ylabel", "ai_wan", "human_wan",
                         "share_text", "price_text", "human_price_text", "volume_text"]]
    totals = []
    for (preset, pos), group in rows.groupby(["preset", "pos_pct"], sort=False):
        t = model.totals(group)
        summary = (f"每月节省 {_yuan(t['saving'])}\nAI费用为人工的 {units.format_percent(t['ai_share'], 1)}\n"
                   f"人工费用约为AI的 {t['multiple']:.1f} 倍")
        for order, (who, cost) in enumerate((("AI审核", t["ai_cost"]), ("人工审核", t["human_cost"]))):
            totals.append({"preset": preset, "preset_label": preset_labels[preset], "pos_pct": pos, "who": who,
                           "order": order, "ylabel": f"{who} {_yuan(cost)}", "cost_wan": round(cost / WAN, 4),
                           "saving_wan": round(t["saving"] / WAN, 4), "ai_share": round(t["ai_share"], 8),
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
                    bind=alt.binding_select(options=presets, labels=[preset_labels[p] for p in presets],
                                            name="审核量情形"))
    positions = sorted(set(per_modality["pos_pct"]))
    where = alt.param(name="price_position", value=round(float(position) * 100, 6),
                      bind=alt.binding_range(min=positions[0], max=positions[-1], step=10,
                                             name="AI单价在报告区间中的位置（%）"))
    chosen = f"datum.preset == volume_mix && {_close('pos_pct', where)}"
    by_order = alt.EncodingSortField(field="order", order="ascending")

    total_tip = [alt.Tooltip("preset_label:N", title="审核量情形"), alt.Tooltip("ylabel:N", title="每月费用")]
    totals_view = alt.Chart(totals).transform_filter(chosen).mark_bar().encode(
        y=alt.Y("ylabel:N", title=None, sort=by_order, axis=alt.Axis(labelLimit=160)),
        x=alt.X("cost_wan:Q", title="每月费用（万元）", axis=alt.Axis(format=",.0f", tickCount=3)),
        color=alt.Color("who:N", scale=alt.Scale(domain=["AI审核", "人工审核"], range=[BLUE, RED]), legend=None),
        tooltip=total_tip,
    ).properties(name="mod_totals", title="每月审核费用：AI与人工", width=300, height=80)
    summary = alt.Chart(totals).transform_filter(chosen).transform_filter("datum.who == 'AI审核'").mark_text(
        align="left", baseline="top", font=FONT, fontSize=13, lineBreak="\n", lineHeight=19, color="#222222",
    ).encode(x=alt.value(0), y=alt.value(4), text="summary:N").properties(
        name="mod_summary", width=300, height=64)

    tip = [alt.Tooltip("label:N", title="审核类型"), alt.Tooltip("volume_text:N", title="日审核量"),
           alt.Tooltip("price_text:N", title="AI单价"), alt.Tooltip("human_price_text:N", title="人工单价"),
           alt.Tooltip("ai_wan:Q", title="AI每月费用（万元）", format=",.2f"),
           alt.Tooltip("share_text:N", title="为人工费用的")]
    modality_view = alt.Chart(per_modality).transform_filter(chosen).mark_bar(color=BLUE).encode(
        y=alt.Y("ylabel:N", title=None, sort=by_order, axis=alt.Axis(labelLimit=170)),
        x=alt.X("ai_wan:Q", title="AI审核每月费用（万元）", axis=alt.Axis(format=",.0f", tickCount=3)),
        tooltip=tip,
    ).properties(name="mod_modalities", title="AI审核每月费用，按审核类型", width=300, height=210)
    return alt.vconcat(totals_view, summary, modality_view).add_params(mix, where).properties(
        usermeta={"controls": {**control_meta("volume_mix", "审核量情形"),
                               **control_meta("price_position", "AI单价在报告区间中的位置", "percent")}},
        description="内容审核费用模型：上图为每月AI审核与人工审核的费用，中间为节省的金额与两者之比，"
                    "下图为AI审核费用按审核类型的分布。可用下拉框切换审核量情形，用滑块移动AI单价在报告区间中的位置。")


def moderation_inputs_table(prices: pd.DataFrame, exhibit: pd.DataFrame, presets: dict[str, dict[str, float]],
                            reviews: dict[str, float]) -> str:
    """Each modality: the report's price as printed, the edition's reading per unit, the human equivalent, volumes."""
    report = prices[prices["source_type"] == "report"]
    printed = dict(zip(exhibit["审核类型"].fillna(""), exhibit["定价"]))
    names = {"image": "图片", "text": "文本", "audio": "音频", "video": "视频", "live_frame": "直播画面",
             "live_audio": "直播声音", "document": "文档审核"}
    rows = []
    for m in model.MODALITIES:
        own = report[report["modality"] == m].set_index("component")
        if m in model.ON_IMAGE_PRICE:
            image = report[report["modality"] == "image"].set_index("component")
            reading = (f"图片单价（{image.loc['low', 'value']:.6g}–{image.loc['high', 'value']:.6g}元/{model.UNITS[m]}）"
                       f"+ {own.loc['surcharge', 'value']:.6g}元/{model.UNITS[m]}")
        elif "fixed" in own.index:
            reading = f"{own.loc['fixed', 'value']:.6g}元/{model.UNITS[m]}（单一价格）"
        else:
            reading = f"{own.loc['low', 'value']:.6g}–{own.loc['high', 'value']:.6g}元/{model.UNITS[m]}"
        human = reviews[m]
        rows.append({"审核类型": model.LABELS[m], "报告定价（原文）": printed[names[m]], "本版换算（每单位）": reading,
                     "人工审核折算": f"每{model.UNITS[m]}按{human:g}次计" + ("（假设）" if m in model.AUDIO else ""),
                     **{f"{model.PRESET_LABELS[p]}日审核量": f"{units.format_scaled(presets[p][m], model.UNITS[m], 2)}"
                        for p in presets}})
    shown = pd.DataFrame(rows)
    return table_html(shown, {c: c for c in shown.columns}, "内容审核成本模型的输入：单价与审核量")


# --------------------------------------------------------------------------- Model 2: AI advertising

def strength_values(strength: float, step: float = 0.05) -> list[float]:
    """Strengths the slider offers: 0 to 100% in 5% steps, plus the parameter's value."""
    return grid.steps(0, 1, step, include=[strength])


def _minutes_text(minutes: float) -> str:
    hours, rest = divmod(round(minutes), 60)
    return (f"{hours}小时" if hours else "") + (f"{rest}分钟" if rest or not hours else "")


def ad_source(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`model.ad_grid`'s rows, rounded and labelled for the page."""
    rows = table[["reading", "label", "conversions", "revenue", "roi", "change", "cac"]].copy()
    rows["pct"] = (table["strength"] * 100).round(6)
    rows["revenue_wan"] = (table["revenue"] / WAN).round(4)
    rows["conversions"] = table["conversions"].round(2)
    rows["roi"] = table["roi"].round(6)
    rows["change"] = table["change"].round(8)
    rows["cac"] = table["cac"].round(4)
    rows["text"] = [f"{_yuan(r)} · ROI {roi:.2f}" for r, roi in zip(table["revenue"], table["roi"])]
    rows["conversions_text"] = [units.format_scaled(n, "次", 2) for n in table["conversions"]]
    rows["minutes_text"] = [f"素材生成耗时：{_minutes_text(m)}（原24小时）" for m in table["minutes"]]
    return rows


def ad_chart(table: pd.DataFrame, strength: float) -> alt.VConcatChart:
    """Revenue and ROI of each reading at the chosen strength (bars), and the change against strength (lines).

    ``table`` is :func:`model.ad_grid` over :func:`strength_values`; a slider picks the strength.
    """
    source = ad_source(table)
    pcts = sorted(set(source["pct"]))
    param = alt.param(name="ai_strength", value=round(float(strength) * 100, 6),
                      bind=alt.binding_range(min=pcts[0], max=pcts[-1], step=5, name="AI提升幅度的计入比例（%）"))
    order = [model.READING_LABELS[r] for r in model.READINGS]
    colors = alt.Scale(domain=order, range=[MUTED, BLUE, "#a14a00", RED])
    here = alt.Chart(source).transform_filter(_close("pct", param))
    tip = [alt.Tooltip("label:N", title="读法"), alt.Tooltip("conversions_text:N", title="转化数"),
           alt.Tooltip("text:N", title="收入（ROI）"), alt.Tooltip("cac:Q", title="单用户获取成本（元）", format=",.2f"),
           alt.Tooltip("change:Q", title="较基线", format="+.1%")]
    y = alt.Y("label:N", title=None, sort=order, axis=alt.Axis(labelLimit=110))
    x = alt.X("revenue_wan:Q", title="每月收入（万元）", axis=alt.Axis(format=",.0f", tickCount=4),
              scale=alt.Scale(domain=[0, float(source["revenue_wan"].max())]))
    bars = here.mark_bar().encode(y=y, x=x, tooltip=tip,
                                  color=alt.Color("label:N", scale=colors, legend=None)).properties(name="ad_bars")
    labels = here.mark_text(align="right", dx=-4, font=FONT, fontSize=11, color="#ffffff").encode(
        y=y, x=x, text="text:N")
    minutes = here.transform_filter("datum.reading == 'baseline'").mark_text(
        align="left", baseline="top", font=FONT, fontSize=12, color="#222222").encode(
        x=alt.value(0), y=alt.value(0), text="minutes_text:N").properties(name="ad_minutes", width=300, height=22)
    bars_view = alt.layer(bars, labels).properties(title="同一花费下的每月收入", width=300, height=150)

    lines_base = alt.Chart(source).transform_filter("datum.reading != 'baseline'")
    lx = alt.X("pct:Q", title="计入比例（%）", scale=alt.Scale(domain=[0, 100]))
    ly = alt.Y("change:Q", title="较基线的变化", axis=alt.Axis(format=".0%"))
    reading_colors = alt.Scale(domain=order[1:], range=[BLUE, "#a14a00", RED])
    color = alt.Color("label:N", scale=reading_colors, legend=alt.Legend(orient="bottom", columns=1, title=None))
    lines = lines_base.mark_line().encode(x=lx, y=ly, color=color, tooltip=tip).properties(name="ad_lines")
    points = lines_base.transform_filter(_close("pct", param)).mark_point(filled=True, size=70).encode(
        x=lx, y=ly, color=color, tooltip=tip).properties(name="ad_points")
    lines_view = alt.layer(lines, points).properties(title="三种读法随计入比例的变化", width=300, height=180)
    return alt.vconcat(bars_view, minutes, lines_view).add_params(param).resolve_scale(color="independent").properties(
        usermeta={"controls": {**control_meta("ai_strength", "AI提升幅度的计入比例", "percent")}},
        description="AI广告模型：上图为同一广告花费下，基线与按图表27三项提升幅度分别计算的每月收入与ROI；"
                    "中间为素材生成耗时；下图为三种读法较基线的变化随计入比例的变化。可用滑块调整计入比例。")


def uplift_anchors_table(uplifts: pd.DataFrame, exhibit: pd.DataFrame) -> str:
    """图表27's rows as the model uses them: the report's wording, its example, and what public sources say."""
    rows = uplifts.set_index("id")
    public = rows[rows["source_type"] == "public"]
    google = public.loc["google_pmax_conversions"]
    miaosi = public.loc["miaosi_minutes"]
    items = [
        (exhibit.iloc[1], "同样的点击，转化率乘以（1+30%×计入比例）",
         f"谷歌自己的页面：转化量多{units.format_percent(google['value'], 0)}以上（单次转化费用相近时），可信度{google['confidence']}"),
        (exhibit.iloc[2], "收入 = 基线ROI ×（1+32%×计入比例）× 花费",
         "再次检索（Meta Advantage+ 32% ROAS）仍未找到Meta的这一数字"),
        (exhibit.iloc[3], "同样的花费，获客成本乘以（1−30%×计入比例）", "表中未举例，报告未注明出处"),
        (exhibit.iloc[0], "耗时从24小时按计入比例线性缩短到10分钟",
         f"媒体推介文章称“{miaosi['value']:g}分钟拿成品”（可信度{miaosi['confidence']}）；24小时的基线再次检索仍未找到"),
    ]
    shown = pd.DataFrame([{"指标（报告原文）": row["指标"], "提升幅度（报告原文）": row["提升幅度"], "本版模型的用法": use,
                           "公开资料核对": check} for row, use, check in items])
    return table_html(shown, {c: c for c in shown.columns}, "AI广告模型所用的提升幅度（图表27）")


# --------------------------------------------------------------------------- 图表30: the figures found, for reference

CLOUD_SEGMENTS = {"total_cloud": "云计算总体（公有云与私有云合计）", "private_cloud": "私有云",
                  "public_cloud": "公有云"}
DERIVED_NOTE = "derived:"  # a row whose note starts so is the edition's arithmetic, not a published figure


def cloud_table(frame: pd.DataFrame) -> str:
    """图表30's scattered figures as what they are: each year, scope, amount, grade and source (not a series)."""
    from wxshop import provenance

    unknown = set(frame["segment"]) - set(CLOUD_SEGMENTS)
    if unknown:
        raise ValueError(f"public_cloud: unknown segment(s) {sorted(unknown)}")
    shown = pd.DataFrame({
        "年份": frame["year"].astype(str),
        "口径": [CLOUD_SEGMENTS[r["segment"]] + ("（推算：总体减私有云）" if str(r["note"]).startswith(DERIVED_NOTE) else "")
               for _, r in frame.iterrows()],
        "规模": [units.format_yi(v, "元", 1) for v in frame["value"]],
        "数据依据": [provenance.grade(r) for _, r in frame.iterrows()],
        "来源": [provenance.text(r) for _, r in frame.iterrows()],
    })
    return table_html(shown, {c: c for c in shown.columns}, "图表30可找到的数字（参考，不是原图数据）")
