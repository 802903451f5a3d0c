"""Chapter 四's analysts' panels: per-cent fields, the same models, Chinese refusals without clamping."""
from __future__ import annotations

import re

import pytest

from wxshop.chapters.douyin import model, wiring
from wxshop.chapters.douyin.spec import SPEC

P = SPEC.defaults()


def text(panel) -> str:
    return re.sub(r"<[^>]+>", " ", panel.result.value)


def test_the_funnel_panel_shows_both_funnels_as_the_model_computes_them():
    panel = wiring.funnel_panel(P)
    assert panel.controls["exposure"].value == pytest.approx(20)  # typed in per cent
    shown = text(panel)
    # By hand: 40 search orders; 15.2 content orders (8 planned + 7.2 unplanned), 47.4% unplanned.
    assert "40.00" in shown and "15.20" in shown and "7.20" in shown and "47.4%" in shown
    panel.controls["exposure"].value = 80
    want = model.funnels(0.1, 0.4, 0.1, 0.8, 0.1, 0.04).set_index("funnel").loc["content", "orders"]
    assert f"{want:,.2f}" in text(panel)


def test_the_funnel_panel_refuses_a_rate_above_100_percent_in_chinese():
    panel = wiring.funnel_panel(P)
    panel.controls["interest"].value = 150
    assert "「兴趣激发率」= 150% 超出允许范围" in text(panel)
    assert "订单" not in text(panel)  # no result until the value is fixed


def test_the_cold_start_panel_shows_each_channels_days():
    panel = wiring.cold_start_panel(P)
    assert "搜索广告达到 1,000 单" in text(panel) and "10.1 天" in text(panel)  # -ln(0.99)/0.001 = 10.05
    panel.controls["seed_daily_orders"].value = 0
    assert "爆款视频达到 1,000 单： 永远达不到" in text(panel)


def test_the_cold_start_panel_refuses_a_target_above_the_market():
    panel = wiring.cold_start_panel(P)
    panel.controls["target_orders"].value = 500_000
    assert "目标订单数须小于潜在买家数" in text(panel)
