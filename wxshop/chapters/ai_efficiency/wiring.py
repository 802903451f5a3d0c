"""Section 2.4 wired: data to the two models, the headline figures the prose quotes, and the page's parts."""
from __future__ import annotations

from typing import Any

import pandas as pd

from wxshop import assumptions, data, i18n, provenance, units
from wxshop.chapters.ai_efficiency import charts, model, notes
from wxshop.chapters.ai_efficiency.spec import SPEC, VOLUME_KEYS
from wxshop.charts import caption, described, exhibit_caption, exhibit_table
from wxshop.figures import Figure, citation, fact
from wxshop.i18n import N_, _, translate

MODERATION_FUNCTION = "wxshop.chapters.ai_efficiency.model.moderation_costs"
AD_FUNCTION = "wxshop.chapters.ai_efficiency.model.ad_outcomes"
CUSTOM = "custom"  # the preset key of the analyst's own volumes


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


# --------------------------------------------------------------------------- model inputs

def price_ranges() -> dict[str, model.PriceRange]:
    return model.ranges_from_table(data.load("moderation_prices"))


def human_price(p: dict[str, Any]) -> float:
    """元 per human review: the analyst's (given per 1000) or the table's 70元/千次."""
    if p["human_price"] is not None:
        return p["human_price"] / 1000
    return model.human_price_from_table(data.load("moderation_prices"))


def volume_overrides(p: dict[str, Any]) -> dict[str, float | None]:
    return {key: p[name] for name, (key, _label, _unit) in VOLUME_KEYS.items()}


def presets(p: dict[str, Any]) -> tuple[dict[str, dict[str, float]], dict[str, str], str]:
    """(volumes by preset, the presets' labels, the chosen preset's key).

    With any volume given as a parameter, a third preset (the analyst's, on the chosen preset)
    is added and chosen.
    """
    found = model.presets_from_table(data.load("moderation_presets"))
    labels = dict(model.PRESET_LABELS)
    chosen = p["preset"]
    overrides = volume_overrides(p)
    if any(v is not None for v in overrides.values()):
        found[CUSTOM] = model.with_overrides(found[chosen], overrides)
        labels[CUSTOM] = _("分析者设定（以{preset}为底）", preset=translate(model.PRESET_LABELS[chosen]))
        chosen = CUSTOM
    return found, labels, chosen


def moderation(p: dict[str, Any]) -> pd.DataFrame:
    """The moderation model's per-modality costs for the chapter's parameters."""
    volumes, _labels, chosen = presets(p)
    return model.moderation_costs(volumes[chosen], model.unit_prices(price_ranges(), p["position"]), human_price(p),
                                  model.human_reviews_per_unit(p["reviews_per_audio_hour"]), p["days_per_month"])


def uplifts() -> model.Uplifts:
    return model.uplifts_from_table(data.load("ai_ads_uplifts"))


def ads(p: dict[str, Any]) -> pd.DataFrame:
    return model.ad_outcomes(p["ad_spend"], p["conversion_rate"], p["cac"], p["order_value"], p["strength"], uplifts())


# --------------------------------------------------------------------------- headline figures

def _position_text(position: float) -> str:
    if position == 0:
        return _("区间下端（0%）")
    if position == 1:
        return _("区间上端（100%）")
    return _("区间内{share}的位置", share=units.format_percent(position, 0)) + (_("（中点）") if position == 0.5 else "")


# The unit of each headline figure's value (the data package's words) that its Figure does not carry itself:
# the sweep's columns are named and labelled from it (wxshop.sweep.columns).
HEADLINE_UNITS = {  # i18n: key (the sweep's column names)
    "tencent_live_text": "元/张", "cloud_2020_public_text": "元", "cloud_2020_private_text": "元", "cloud_2020_text": "元",  # i18n: key
    "human_price_text": "元/次", "tencent_audio_text": "元/小时", "google_text": "比率",  # i18n: key
    "cloud_2018_text": "元", "cloud_2018_public_text": "元", "cloud_2021_text": "元",  # i18n: key
    "mod_position_text": "比率", "mod_ai_text": "元", "mod_human_text": "元", "mod_saving_text": "元",  # i18n: key
    "mod_share_text": "比率", "mod_multiple_text": "倍", "reviews_per_audio_hour_text": "次/小时",  # i18n: key
    "ad_base_text": "元", "ad_rate_cac_full_text": "比率", "ad_strength_text": "比率", "ad_rate_text": "元",  # i18n: key
    "ad_cac_text": "元", "ad_roi_text": "元", "ad_minutes_text": "分钟",  # i18n: key
}


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    volumes, labels, chosen = presets(p)
    costs = moderation(p)
    total = model.totals(costs)
    top = costs.sort_values("ai_cost", ascending=False).iloc[0]
    closest = costs.sort_values("ai_share", ascending=False).iloc[0]
    mod_inputs = {_("审核量情形"): translate(labels[chosen]), _("AI单价位置"): units.format_percent(p["position"], 0),
                  _("人工审核"): _("{price}元/千次", price=f"{human_price(p) * 1000:g}"),
                  _("每月天数"): f"{p['days_per_month']:g}"}

    def mod(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", MODERATION_FUNCTION, mod_inputs)

    outcome = ads(p).set_index("reading")
    up = uplifts()
    minutes = model.material_minutes(up, p["strength"])
    ad_inputs = {_("每月广告花费"): units.format_yuan(p["ad_spend"]), _("计入比例"): units.format_percent(p["strength"], 0)}

    def ad(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", AD_FUNCTION, ad_inputs)

    def reading(name: str) -> str:
        row = outcome.loc[name]
        return _("转化 {conversions}、收入 {revenue}、ROI {roi}（{change}）",
                 conversions=units.format_scaled(row["conversions"], charts.unit_noun("次", "conversion"), 2),  # i18n: key (unit noun)
                 revenue=units.format_yuan(row["revenue"], 2), roi=f"{row['roi']:.2f}",
                 change=units.format_percent(row["change"], 1, signed=True))

    base = outcome.loc["baseline"]
    full = model.ad_outcomes(p["ad_spend"], p["conversion_rate"], p["cac"], p["order_value"], 1.0, up).set_index("reading")
    rate_cac_change = full.loc["conversion_rate", "cac"] / full.loc["baseline", "cac"] - 1
    return [
        *source_figures(),
        mod("mod_preset_text", _("审核量情形"), translate(labels[chosen]), chosen),
        mod("mod_position_text", _("AI单价在报告区间中的位置"), _position_text(p["position"]), p["position"]),
        mod("mod_ai_text", _("AI审核每月费用"), units.format_yuan(total["ai_cost"], 2), total["ai_cost"]),
        mod("mod_human_text", _("人工审核每月费用"), units.format_yuan(total["human_cost"], 2), total["human_cost"]),
        mod("mod_saving_text", _("每月节省"), units.format_yuan(total["saving"], 2), total["saving"]),
        mod("mod_share_text", _("AI费用为人工费用的比例"), units.format_percent(total["ai_share"], 1), total["ai_share"]),
        mod("mod_multiple_text", _("人工费用为AI费用的倍数"), f"{total['multiple']:.1f}", total["multiple"]),
        mod("mod_top_text", _("AI费用最高的审核类型"),
            _("{label}（每月{cost}，占AI费用的{share}）", label=translate(top["label"]),
              cost=units.format_yuan(top["ai_cost"], 2), share=units.format_percent(top["ai_cost"] / total["ai_cost"], 0)), str(top["modality"])),
        mod("mod_closest_text", _("AI与人工费用最接近的审核类型"),
            _("{label}（AI费用为人工的{share}）", label=translate(closest["label"]),
              share=units.format_percent(closest["ai_share"], 1)), str(closest["modality"])),
        Figure("reviews_per_audio_hour_text", _("每小时音频折合的人工审核次数"), _("{n}次", n=f"{p['reviews_per_audio_hour']:g}"),
               p["reviews_per_audio_hour"], "assumption", assumptions.reason("ai_efficiency.reviews_per_audio_hour")),
        ad("ad_base_text", _("基线（不用AI）"),
           _("每月花费 {spend}、转化率 {rate}、单用户获取成本 {cac}元、每次转化收入 {value}元，即转化 {conversions}、"
             "收入 {revenue}、ROI {roi}", spend=units.format_yuan(p["ad_spend"]),
             rate=units.format_percent(p["conversion_rate"], 1), cac=f"{p['cac']:g}", value=f"{p['order_value']:g}",
             conversions=units.format_scaled(base["conversions"], charts.unit_noun("次", "conversion"), 2),  # i18n: key (unit noun)
             revenue=units.format_yuan(base["revenue"], 2), roi=f"{base['roi']:.2f}"), float(base["revenue"])),
        Figure("ad_rate_cac_full_text", _("转化率全额提高30%时获客成本的降幅"), units.format_percent(-rate_cac_change, 0),
               rate_cac_change, "model", AD_FUNCTION, {_("计入比例"): "100%"}),
        ad("ad_strength_text", _("计入比例"), units.format_percent(p["strength"], 0), p["strength"]),
        ad("ad_rate_text", _("按转化率提升计算"), reading("conversion_rate"), float(outcome.loc["conversion_rate", "revenue"])),
        ad("ad_cac_text", _("按获客成本下降计算"), reading("cac"), float(outcome.loc["cac", "revenue"])),
        ad("ad_roi_text", _("按ROI提升计算"), reading("roi"), float(outcome.loc["roi", "revenue"])),
        ad("ad_minutes_text", _("素材生成耗时"), charts._minutes_text(minutes), minutes),
    ]


def source_figures() -> list[Figure]:
    """Report and public figures the editors' notes set beside the report (survey size, prices, Google, cloud)."""
    facts = data.load("report_facts").set_index("id")
    prices = data.load("moderation_prices").set_index("id")
    uplift_rows = data.load("ai_ads_uplifts").set_index("id")
    cloud = data.load("public_cloud")
    human = prices.loc["human_review"]
    google = uplift_rows.loc["google_pmax_conversions"]
    audio = [prices.loc[i] for i in ("tencent_audio_incremental_top", "tencent_audio_incremental_lowest",
                                     "tencent_audio_stock_top", "tencent_audio_stock_lowest")]
    total_2018 = cloud[(cloud["year"] == 2018) & (cloud["segment"] == "total_cloud")].iloc[0]
    total_2021 = cloud[(cloud["year"] == 2021) & (cloud["segment"] == "total_cloud")].iloc[0]
    public_2018 = cloud[(cloud["year"] == 2018) & (cloud["segment"] == "public_cloud")].iloc[0]
    y2020 = cloud[cloud["year"] == 2020].set_index("segment")
    frame, voice = prices.loc["tencent_live_frame_list"], prices.loc["tencent_live_audio_list"]
    return [
        fact("survey_n_text", facts, "nbd_survey_sample_exhibit22", "N=1100"),
        Figure("human_price_text", _("人工审核单价（图表25）"), i18n.translate(str(human["as_stated"])), float(human["value"]), "report",
               str(human["quote"])),
        Figure("tencent_audio_text", _("腾讯云现行音频审核价目"),
               _("增量审核 {a}至{b}元/小时、存量审核 {c}至{d}元/小时", a=f"{audio[0]['value']:g}", b=f"{audio[1]['value']:g}",
                 c=f"{audio[2]['value']:g}", d=f"{audio[3]['value']:g}"), float(audio[0]["value"]), "public", provenance.text(audio[0])),
        citation("tencent_audio_source_text", str(audio[0]["source"]), provenance.text(audio[0])),
        Figure("tencent_live_text", _("腾讯云云直播现行审核价目"),
               _("直播画面审核 {frame}元/千张、直播音频审核 {voice}元/小时（按每分钟{minute}元折算）",
                 frame=f"{frame['value'] * 1000:g}", voice=f"{voice['value']:g}", minute=f"{voice['value'] / 60:g}"), float(frame["value"]), "public", provenance.text(frame)),
        citation("tencent_live_source_text", str(frame["source"]), provenance.text(frame)),
        Figure("google_text", _("谷歌自己的页面所称的Performance Max转化量增幅"), units.format_percent(google["value"], 0),
               float(google["value"]), "public", provenance.text(google)),
        citation("google_source_text", str(google["source"]), provenance.text(google)),
        Figure("cloud_2018_text", _("2018年云计算市场规模（总体）"),
               _("{amount}（可信度{grade}）", amount=units.format_yi(total_2018["value"], charts.YUAN, 1), grade=total_2018["confidence"]),
               float(total_2018["value"]), "public", provenance.text(total_2018)),
        Figure("cloud_2018_public_text", _("2018年公有云市场规模（推算）"), units.format_yi(public_2018["value"], charts.YUAN, 1),
               float(public_2018["value"]), "public", provenance.text(public_2018)),
        Figure("cloud_2021_text", _("2021年云计算市场规模（总体）"),
               _("{amount}（可信度{grade}）", amount=units.format_yi(total_2021["value"], charts.YUAN, 0), grade=total_2021["confidence"]),
               float(total_2021["value"]), "public", provenance.text(total_2021)),
        Figure("cloud_2020_public_text", _("2020年公有云市场规模"),
               _("{amount}（可信度{grade}）", amount=units.format_yi(y2020.loc["public_cloud", "value"], charts.YUAN, 1),
                 grade=y2020.loc["public_cloud", "confidence"]),
               float(y2020.loc["public_cloud", "value"]), "public", provenance.text(y2020.loc["public_cloud"])),
        Figure("cloud_2020_private_text", _("2020年私有云市场规模"), units.format_yi(y2020.loc["private_cloud", "value"], charts.YUAN, 1),
               float(y2020.loc["private_cloud", "value"]), "public", provenance.text(y2020.loc["private_cloud"])),
        Figure("cloud_2020_text", _("2020年云计算市场规模（总体）"), units.format_yi(y2020.loc["total_cloud", "value"], charts.YUAN, 1),
               float(y2020.loc["total_cloud", "value"]), "public", provenance.text(y2020.loc["total_cloud"])),
        citation("cloud_2020_source_text", str(y2020.loc["public_cloud", "source"]), provenance.text(y2020.loc["public_cloud"])),
        citation("cloud_2018_source_text", str(total_2018["source"]), provenance.text(total_2018)),
        citation("cloud_2021_source_text", str(total_2021["source"]), provenance.text(total_2021)),
    ]


# --------------------------------------------------------------------------- the page's parts

def described_exhibit(number: int) -> list[Any]:
    """An exhibit the edition describes in words: only the report's 来源 line under the description."""
    return [described(number)]


def exhibit_30() -> list[Any]:
    """图表30: the scattered total-cloud figures the note cites, listed for reference (not drawn as a series)."""
    rows = data.load("public_cloud")
    return [charts.cloud_table(rows), exhibit_caption(30, ["public_cloud"], note=_(notes.CLOUD_NOTE), drawn_from=rows)]


TABLES = {24: ("exhibit24_ai_customer_service", N_("智能客服效果")),
          25: ("exhibit25_ai_vs_human_moderation_cost", N_("AI审核成本 VS人工审核成本")),
          27: ("exhibit27_ai_ads_vs_traditional", N_("AI驱动广告与传统的广告对比")),
          28: ("exhibit28_ai_ads_by_company", N_("互联网公司 AI智能化广告的应用")),
          29: ("exhibit29_alibaba_ai_plan", N_("阿里未来 3年 AI 方向投入加大")),
          31: ("exhibit31_ai_supply_chain", N_("AI赋能零售供应链管理"))}


def exhibit_text_table(number: int) -> list[Any]:
    """A verbatim table of the report (图表24, 25, 27, 28, 29, 31) with its 来源 line; 图表25 filterable."""
    resource, title = TABLES[number]
    frame = data.load(resource)
    heading = _("图表{number}：{title}", number=number, title=_(title))
    if number == 25:
        return [charts.exhibit25_table(frame, heading), exhibit_caption(25, [resource], note=_(notes.EXHIBIT25))]
    return [exhibit_table(frame, heading), exhibit_caption(number, [resource])]


def moderation_inputs(p: dict[str, Any]) -> list[Any]:
    volumes, _labels, _chosen = presets(p)
    shown = {k: v for k, v in volumes.items() if k in model.PRESETS}
    return [charts.moderation_inputs_table(data.load("moderation_prices"),
                                           data.load("exhibit25_ai_vs_human_moderation_cost"), shown,
                                           model.human_reviews_per_unit(p["reviews_per_audio_hour"])),
            assumptions.table(["ai_efficiency.position", "ai_efficiency.reviews_per_audio_hour",
                               "ai_efficiency.days_per_month"], _("内容审核成本模型的假设")),
            caption(_("来源：腾讯云，国金证券研究所（图表25，单价）；日审核量与折算为本版假设"),
                    ["moderation_prices", "moderation_presets", "assumptions"], method=_(notes.MODERATION_METHOD))]


def moderation_chart(p: dict[str, Any]) -> list[Any]:
    volumes, labels, chosen = presets(p)
    table = model.moderation_grid(volumes, price_ranges(), charts.position_values(p["position"]), human_price(p),
                                  model.human_reviews_per_unit(p["reviews_per_audio_hour"]), p["days_per_month"])
    return [charts.moderation_chart(table, labels, chosen, p["position"]),
            caption(_("来源：腾讯云，国金证券研究所（图表25，单价）；审核量为本版假设；本版模型计算"),
                    ["moderation_prices", "moderation_presets"], note=_(notes.MODERATION_CHART),
                    method=_(notes.MODERATION_METHOD), model=MODERATION_FUNCTION)]


def ad_inputs() -> list[Any]:
    return [charts.uplift_anchors_table(data.load("ai_ads_uplifts"), data.load("exhibit27_ai_ads_vs_traditional")),
            assumptions.table(["ai_efficiency.ad_spend", "ai_efficiency.conversion_rate", "ai_efficiency.cac",
                               "ai_efficiency.order_value", "ai_efficiency.strength"], _("AI广告模型的假设")),
            caption(_("来源：meta,有米云，casdia，掌慧，国金证券研究所（图表27，提升幅度）；Google（核对）；基线为本版假设"),
                    ["ai_ads_uplifts", "assumptions"], method=_(notes.AD_METHOD))]


def ad_chart(p: dict[str, Any]) -> list[Any]:
    table = model.ad_grid(p["ad_spend"], p["conversion_rate"], p["cac"], p["order_value"],
                          charts.strength_values(p["strength"]), uplifts())
    return [charts.ad_chart(table, p["strength"]),
            caption(_("来源：meta,有米云，casdia，掌慧，国金证券研究所（图表27，提升幅度）；基线为本版假设；本版模型计算"),
                    ["ai_ads_uplifts", "assumptions"], note=_(notes.AD_CHART), method=_(notes.AD_METHOD),
                    model=AD_FUNCTION)]


def moderation_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.ai_efficiency.panels import moderation_panel as build

    volumes, _labels, chosen = presets(p)
    return build(volumes, chosen, price_ranges(), human_price(p), p)


def ad_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.ai_efficiency.panels import ad_panel as build

    return build(uplifts(), p)
