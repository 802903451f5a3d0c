"""The analysts' ipywidgets panels of chapter 一: any mini-program GMV, share and fee; any loop rates."""
from __future__ import annotations

from typing import Any

from wxshop import i18n, units
from wxshop.chapters.wechat_shop import fee_model, flywheel
from wxshop.chapters.wechat_shop.spec import SPEC
from wxshop.i18n import _
from wxshop.widgets import Panel, field, result_table

LOOP_FIELDS = ("public_gmv", "capture", "repurchase", "churn", "boost", "months")


def fee_panel(miniprogram_gmv: float, p: dict[str, Any]) -> Panel:
    """Mini-program GMV (亿元), the share moved and the fee (both in %); shows the fee increment."""
    spec = SPEC.by_name()
    # 亿元 in Chinese; RMB bn in English
    factor, unit = units.display_scale("亿", "元")  # i18n: key (units' scale words)
    gmv = (field(spec["miniprogram_gmv"], unit=unit, scale=units.YI / factor) if i18n.is_english()
           else field(spec["miniprogram_gmv"], scale=units.YI))
    fields = [gmv, field(spec["share"]), field(spec["fee_rate"])]
    values = {"miniprogram_gmv": miniprogram_gmv, "share": p["share"], "fee_rate": p["fee_rate"]}

    def compute(v: dict[str, Any]) -> str:
        revenue = fee_model.incremental_fee_revenue(v["miniprogram_gmv"], v["share"], v["fee_rate"])
        moved = v["miniprogram_gmv"] * v["share"]
        return _("<p>转入微信小店的交易额 {moved}，新增费用收入 <b>{revenue}</b></p>", moved=units.format_yuan(moved, 1),
                 revenue=units.format_yi(revenue, "元", 2))  # i18n: key (units' unit word)

    return Panel(fields, values, compute)


def loop_panel(p: dict[str, Any]) -> Panel:
    """The loop's bought GMV (万元 a month), its four rates (in %, the boost in 元 per 元) and the months;
    shows the cumulative difference and the month-by-month table."""
    spec = SPEC.by_name()
    # 万元 in Chinese; RMB in English (the spec's unit)
    gmv = (field(spec["public_gmv"]) if i18n.is_english()
           else field(spec["public_gmv"], unit="万元", scale=units.WAN))  # i18n: key (the Chinese edition's unit)
    fields = [gmv, *(field(spec[n]) for n in LOOP_FIELDS[1:])]

    def compute(v: dict[str, Any]) -> str:
        months = v["months"]
        if not float(months).is_integer():
            raise ValueError(_("模拟月数须为整数，得到 {months}", months=f"{months:g}"))
        frame = flywheel.simulate(flywheel.Loop(v["public_gmv"], v["capture"], v["repurchase"], v["churn"],
                                                v["boost"]), int(months))
        result = flywheel.summary(frame)
        table = result_table(frame, {
            "month": (_("月份"), lambda x: f"{x:.0f}"),
            "natural": (_("私域带来的自然流量GMV"), lambda x: units.format_yuan(x, 1)),
            "private": (_("私域复购GMV"), lambda x: units.format_yuan(x, 1)),
            "gmv": (_("每月GMV（有联动）"), lambda x: units.format_yuan(x, 1)),
            "baseline": (_("每月GMV（无联动）"), lambda x: units.format_yuan(x, 1)),
            "cumulative": (_("累计多出的GMV"), lambda x: units.format_yuan(x, 1)),
        })
        return _("<p>{months}个月累计多出 <b>{cumulative}</b>（为无联动累计GMV的 {uplift}）；"
                 "最后一个月 {last}，无联动 {baseline}</p>", months=result["months"],
                 cumulative=units.format_yuan(result["cumulative"], 1),
                 uplift=units.format_percent(result["uplift"], 0),
                 last=units.format_yuan(result["gmv"], 1), baseline=units.format_yuan(result["baseline"], 1)) + table

    return Panel(fields, {n: p[n] for n in LOOP_FIELDS}, compute)
