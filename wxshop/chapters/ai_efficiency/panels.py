"""The analysts' ipywidgets panels of section 2.4: any volume, price position and baseline, same models."""
from __future__ import annotations

from typing import Any

from wxshop import i18n, units
from wxshop.chapters.ai_efficiency import model
from wxshop.chapters.ai_efficiency.spec import SPEC, VOLUME_KEYS
from wxshop.i18n import _, translate
from wxshop.widgets import Panel, field, result_table


def moderation_panel(presets: dict[str, dict[str, float]], chosen: str, ranges: dict[str, model.PriceRange],
                     human_price: float, p: dict[str, Any]) -> Panel:
    """Volume preset, the seven daily volumes, price position (%), human price (元/千次), audio conversion, days."""
    spec = SPEC.by_name()
    names = ["preset", *VOLUME_KEYS, "position", "human_price", "reviews_per_audio_hour", "days_per_month"]
    fields = [field(spec[n]) for n in names]
    base = chosen if chosen in model.PRESETS else p["preset"]
    values: dict[str, Any] = {"preset": base, "position": p["position"], "human_price": human_price * 1000,
                              "reviews_per_audio_hour": p["reviews_per_audio_hour"],
                              "days_per_month": p["days_per_month"]}
    values.update({name: presets[chosen][key] for name, (key, _l, _u) in VOLUME_KEYS.items()})

    def compute(v: dict[str, Any]) -> str:
        volumes = {key: v[name] for name, (key, _l, _u) in VOLUME_KEYS.items()}
        costs = model.moderation_costs(volumes, model.unit_prices(ranges, v["position"]), v["human_price"] / 1000,
                                       model.human_reviews_per_unit(v["reviews_per_audio_hour"]), v["days_per_month"])
        total = model.totals(costs)
        factor, wan = units.display_scale("万", "元")  # i18n: key
        amount = (lambda x: f"{x / units.WAN * factor:,.4f}") if i18n.is_english() else (lambda x: f"{x / units.WAN:,.2f}")
        body = result_table(costs, {
            "label": (_("审核类型"), translate),
            "ai_price": (_("AI单价（元/单位）"), lambda x: f"{x:.6g}"),
            "ai_cost": (_("AI每月费用（{unit}）", unit=wan), amount),
            "human_cost": (_("人工每月费用（{unit}）", unit=wan), amount),
            "saving": (_("节省（{unit}）", unit=wan), amount),
        })
        share = "—" if total["ai_share"] != total["ai_share"] else units.format_percent(total["ai_share"], 1)
        return _("<p>AI审核每月 <b>{ai}</b>，人工审核每月 <b>{human}</b>，节省 {saving}；AI费用为人工的 {share}</p>",
                 ai=units.format_yuan(total["ai_cost"], 2), human=units.format_yuan(total["human_cost"], 2),
                 saving=units.format_yuan(total["saving"], 2), share=share) + body

    def on_choice(panel: Panel, name: str) -> None:
        picked = presets[panel.controls["preset"].value]
        panel.set_values({n: picked[key] for n, (key, _l, _u) in VOLUME_KEYS.items()})

    return Panel(fields, values, compute, on_choice)


def ad_panel(uplifts: model.Uplifts, p: dict[str, Any]) -> Panel:
    """Spend, conversion rate (%), CAC, order value and strength (%); shows each reading beside the baseline."""
    spec = SPEC.by_name()
    names = ["ad_spend", "conversion_rate", "cac", "order_value", "strength"]
    fields = [field(spec[n]) for n in names]

    def compute(v: dict[str, Any]) -> str:
        table = model.ad_outcomes(v["ad_spend"], v["conversion_rate"], v["cac"], v["order_value"], v["strength"],
                                  uplifts)
        factor, wan = units.display_scale("万", "元")  # i18n: key
        body = result_table(table, {
            "label": (_("读法"), translate),
            "conversions": (_("转化数"), lambda x: f"{x:,.0f}"),
            "cac": (_("单用户获取成本（元）"), lambda x: f"{x:,.2f}"),
            "revenue": (_("收入（{unit}）", unit=wan),
                        (lambda x: f"{x / units.WAN * factor:,.4f}") if i18n.is_english() else (lambda x: f"{x / units.WAN:,.2f}")),
            "roi": (_("ROI（收入÷花费）"), lambda x: f"{x:.2f}"),
            "change": (_("较基线"), lambda x: units.format_percent(x, 1, signed=True)),
        })
        minutes = model.material_minutes(uplifts, v["strength"])
        return _("<p>素材生成耗时 {minutes} 分钟（原 {before} 分钟）</p>", minutes=f"{minutes:,.0f}",
                 before=f"{uplifts.minutes_before:,.0f}") + body

    return Panel(fields, {n: p[n] for n in names}, compute)
