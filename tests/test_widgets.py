"""The analyst's ipywidgets panel calls the same model and reacts to its controls."""
from __future__ import annotations

from wxshop import data
from wxshop.models import koc_kol
from wxshop.widgets import koc_kol_panel

CASES = koc_kol.cases_from_table(data.load("koc_kol_cases"))


def shown_text(panel) -> str:
    return panel.children[-1].value


def controls(panel):
    budget, case = panel.children[0].children
    inputs = panel.children[1].children
    return budget, case, inputs


def test_panel_starts_from_the_case_and_shows_the_models_best_share():
    panel = koc_kol_panel(CASES, 100_000, "mid")
    _budget, case, inputs = controls(panel)
    koc, kol = CASES["mid"]
    assert [i.value for i in inputs] == [koc.cost_per_post, koc.followers, koc.engagement_rate,
                                         kol.cost_per_post, kol.followers, kol.engagement_rate]
    best = koc_kol.best_share(koc_kol.allocation_curve(100_000, koc, kol))
    assert f"{best['koc_share']:.0%}" in shown_text(panel)


def test_switching_the_case_loads_its_values_and_redraws():
    panel = koc_kol_panel(CASES, 100_000, "mid")
    _budget, case, inputs = controls(panel)
    case.value = "high"
    koc, kol = CASES["high"]
    assert inputs[4].value == kol.followers
    best = koc_kol.best_share(koc_kol.allocation_curve(100_000, koc, kol))
    assert best["koc_share"] == 0.0
    assert "互动量最大的 KOC 预算占比：<b>0%</b>" in shown_text(panel)


def test_a_bad_input_shows_the_models_error_instead_of_a_result():
    panel = koc_kol_panel(CASES, 100_000, "mid")
    _budget, _case, inputs = controls(panel)
    inputs[2].value = 0  # KOC engagement rate
    assert "输入有误" in shown_text(panel) and "engagement_rate" in shown_text(panel)


# --------------------------------------------------------------------------- take rates and WeChat Shop fees

from wxshop.models import take_rate  # noqa: E402
from wxshop.widgets import take_rate_panel, wechat_fee_panel  # noqa: E402

RATES = take_rate.rates_from_table(data.load("take_rate_cases"))
GMV = take_rate.gmv_from_table(data.load("platform_gmv_2023"))


def take_rate_controls(panel):
    case, shift = panel.children[0].children
    boxes = panel.children[1].children
    half = len(boxes) // 2
    return case, shift, boxes[:half], boxes[half:]


def total_text(table) -> str:
    from wxshop import units
    return units.format_yi(table["revenue"].sum(), "元", 1)


def test_take_rate_panel_shows_the_models_total_and_follows_the_case_and_shift():
    panel = take_rate_panel(GMV, RATES, "mid")
    case, shift, rates, _gmv = take_rate_controls(panel)
    assert [box.value for box in rates] == [RATES["mid"][p] for p in GMV]
    assert total_text(take_rate.revenue_table(GMV, RATES["mid"])) in shown_text(panel)
    case.value = "high"
    assert [box.value for box in rates] == [RATES["high"][p] for p in GMV]
    shift.value = 1.0
    assert total_text(take_rate.revenue_table(GMV, RATES["high"], 1.0)) in shown_text(panel)


def test_take_rate_panel_reports_a_shift_that_makes_a_rate_negative():
    panel = take_rate_panel(GMV, RATES, "mid")
    _case, shift, rates, _gmv = take_rate_controls(panel)
    rates[1].value = 0.001
    shift.value = -0.5
    assert "输入有误" in shown_text(panel) and "拼多多" in shown_text(panel)


def test_wechat_fee_panel_shows_the_increment_and_zero_when_nothing_moves():
    panel = wechat_fee_panel(1.6e12, 0.1, 0.05)
    assert "80亿元" in shown_text(panel)  # 1.6万亿 x 10% x 5%
    share = panel.children[1].children[0]
    share.value = 0
    assert "新增费用收入 <b>0亿元</b>" in shown_text(panel)
