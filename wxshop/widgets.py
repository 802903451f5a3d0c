"""ipywidgets panels for live Jupyter, calling the same model functions as the site's charts.

On the static site these cells are removed (tag ``remove-cell``) and a note points at the
kernel-free chart instead: a widget without a kernel would be a dead control.
"""
from __future__ import annotations

import html

import ipywidgets as w

from wxshop import units
from wxshop.models import koc_kol, take_rate, wechat_fees

_FIELDS = (
    ("cost_per_post", "单篇成本（元）"),
    ("followers", "粉丝量（人）"),
    ("engagement_rate", "互动率（小数）"),
)


def koc_kol_panel(cases: dict[str, tuple[koc_kol.Creator, koc_kol.Creator]], budget: float, case: str,
                  step: float = 0.05) -> w.VBox:
    """Budget, case and every creator input as free controls; shows the curve's best share and rows."""
    budget_box = w.BoundedFloatText(value=budget, min=1, max=1e9, step=10_000, description="总预算（元）")
    case_box = w.Dropdown(options=[(koc_kol.CASE_LABELS[c], c) for c in cases], value=case, description="情形")
    inputs = {(creator, name): w.FloatText(description=f"{creator} {label}")
              for creator in koc_kol.CREATORS for name, label in _FIELDS}
    result = w.HTML()

    def load_case(*_: object) -> None:
        for creator, profile in zip(koc_kol.CREATORS, cases[case_box.value]):
            for name, _label in _FIELDS:
                inputs[(creator, name)].value = getattr(profile, name)

    def redraw(*_: object) -> None:
        try:
            koc, kol = (koc_kol.Creator(*(inputs[(creator, name)].value for name, _ in _FIELDS))
                        for creator in koc_kol.CREATORS)
            curve = koc_kol.allocation_curve(budget_box.value, koc, kol, step)
        except (TypeError, ValueError) as exc:
            result.value = f"<b>输入有误：</b>{html.escape(str(exc))}"
            return
        best = koc_kol.best_share(curve)
        table = curve.style.format({"koc_share": "{:.0%}", "reach": "{:,.0f}", "engagements": "{:,.0f}",
                                    "cost_per_engagement": "{:.2f}"}).hide(axis="index").to_html()
        result.value = (f"<p>互动量最大的 KOC 预算占比：<b>{units.format_percent(best['koc_share'], 0)}</b>，"
                        f"互动量 {units.format_scaled(best['engagements'], '次', 1)}，"
                        f"单次互动成本 {best['cost_per_engagement']:.2f} 元</p>{table}")

    case_box.observe(load_case, names="value")
    load_case()
    for control in (budget_box, *inputs.values()):
        control.observe(redraw, names="value")
    redraw()
    grid = w.GridBox(list(inputs.values()), layout=w.Layout(grid_template_columns="repeat(3, 1fr)"))
    return w.VBox([w.HBox([budget_box, case_box]), grid, result])


def take_rate_panel(gmv: dict[str, float], rates_by_case: dict[str, dict[str, float]], case: str,
                    shift_pp: float = 0.0, exempt: dict[str, float] | None = None) -> w.VBox:
    """Case, shift and every platform's rate and GMV (亿元) as free controls; shows the revenue table."""
    case_box = w.Dropdown(options=[(take_rate.CASE_LABELS[c], c) for c in rates_by_case], value=case,
                          description="费率情形")
    shift_box = w.FloatSlider(value=shift_pp, min=-0.5, max=10, step=0.05, description="统一调整（百分点）",
                              readout_format=".2f")
    rate_boxes = {p: w.BoundedFloatText(min=0, max=1, step=0.001, description=f"{take_rate.LABELS.get(p, p)} 费率")
                  for p in gmv}
    gmv_boxes = {p: w.BoundedFloatText(value=gmv[p] / units.YI, min=0, max=1e7, step=100,
                                       description=f"{take_rate.LABELS.get(p, p)} GMV（亿元）") for p in gmv}
    result = w.HTML()

    def load_case(*_: object) -> None:
        for platform, box in rate_boxes.items():
            box.value = rates_by_case[case_box.value][platform]

    def redraw(*_: object) -> None:
        try:
            table = take_rate.revenue_table({p: box.value * units.YI for p, box in gmv_boxes.items()},
                                            {p: box.value for p, box in rate_boxes.items()}, shift_box.value, exempt)
        except (TypeError, ValueError) as exc:
            result.value = f"<b>输入有误：</b>{html.escape(str(exc))}"
            return
        shown = table[["label", "take_rate", "revenue", "change", "per_pp"]].assign(
            revenue=table["revenue"] / units.YI, change=table["change"] / units.YI, per_pp=table["per_pp"] / units.YI)
        body = shown.style.format({"take_rate": "{:.2%}", "revenue": "{:,.1f}", "change": "{:+,.1f}",
                                   "per_pp": "{:,.1f}"}).hide(axis="index").to_html()
        result.value = (f"<p>合计费用收入：<b>{units.format_yi(table['revenue'].sum(), '元', 1)}</b>"
                        f"（收入、较未调整、每百分点增收单位均为亿元）</p>{body}")

    case_box.observe(load_case, names="value")
    load_case()
    for control in (shift_box, *rate_boxes.values(), *gmv_boxes.values()):
        control.observe(redraw, names="value")
    redraw()
    grid = w.GridBox([*rate_boxes.values(), *gmv_boxes.values()],
                     layout=w.Layout(grid_template_columns="repeat(2, 1fr)"))
    return w.VBox([w.HBox([case_box, shift_box]), grid, result])


def wechat_fee_panel(miniprogram_gmv: float, share: float, fee_rate: float) -> w.VBox:
    """Mini-program GMV (亿元), share moved and fee rate as free controls; shows the fee increment."""
    gmv_box = w.BoundedFloatText(value=miniprogram_gmv / units.YI, min=0, max=1e7, step=1000,
                                 description="小程序交易额（亿元）")
    share_box = w.FloatSlider(value=share, min=0, max=1, step=0.01, description="转入比例", readout_format=".0%")
    fee_box = w.FloatSlider(value=fee_rate, min=0, max=0.2, step=0.001, description="费率", readout_format=".1%")
    result = w.HTML()

    def redraw(*_: object) -> None:
        try:
            revenue = wechat_fees.incremental_fee_revenue(gmv_box.value * units.YI, share_box.value, fee_box.value)
        except (TypeError, ValueError) as exc:
            result.value = f"<b>输入有误：</b>{html.escape(str(exc))}"
            return
        result.value = (f"<p>转入微信小店的交易额 {units.format_yi(gmv_box.value * units.YI * share_box.value, '元', 1)}，"
                        f"新增费用收入 <b>{units.format_yi(revenue, '元', 2)}</b></p>")

    for control in (gmv_box, share_box, fee_box):
        control.observe(redraw, names="value")
    redraw()
    return w.VBox([gmv_box, w.HBox([share_box, fee_box]), result])
