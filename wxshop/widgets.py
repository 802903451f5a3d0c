"""ipywidgets panels for live Jupyter, calling the same model functions as the site's charts.

On the static site these cells are removed (tag ``remove-cell``) and a note points at the
kernel-free chart instead: a widget without a kernel would be a dead control.
"""
from __future__ import annotations

import html

import ipywidgets as w

from wxshop import units
from wxshop.models import koc_kol

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
