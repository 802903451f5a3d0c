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
