"""The analysts' ipywidgets panels: full Chinese labels, per-cent inputs, clear errors, no clamping, same models."""
from __future__ import annotations

import re

import pytest

from wxshop import units
from wxshop.chapters.new_platforms import model as koc_kol
from wxshop.chapters.new_platforms import wiring as platforms
from wxshop.chapters.new_platforms.spec import SPEC as PLATFORMS_SPEC
from wxshop.chapters.omnichannel import model as take_rate
from wxshop.chapters.omnichannel import wiring as omni
from wxshop.chapters.omnichannel.spec import SPEC as OMNI_SPEC
from wxshop.chapters.wechat_shop import fee_model
from wxshop.chapters.wechat_shop import wiring as wechat
from wxshop.chapters.wechat_shop.spec import SPEC as WECHAT_SPEC
from wxshop.widgets import Field, InputError, field

P_PLATFORMS = PLATFORMS_SPEC.defaults()
P_OMNI = OMNI_SPEC.defaults()
P_WECHAT = WECHAT_SPEC.defaults()


def shown(panel) -> str:
    return panel.result.value


def text(panel) -> str:
    return re.sub(r"<[^>]+>", "", shown(panel))


# --------------------------------------------------------------------------- the shared field rules

def test_a_rate_is_typed_in_per_cent_and_reaches_the_model_as_a_fraction():
    rate = field(WECHAT_SPEC.by_name()["share"])
    assert rate.percent and rate.shown_unit == "%"
    assert rate.to_model(5) == pytest.approx(0.05)
    assert rate.to_shown(0.05) == pytest.approx(5)


@pytest.mark.parametrize("typed, pieces", [
    (150, ["「转入微信小店的比例」", "150%", "不大于 100", "%"]),
    (-1, ["「转入微信小店的比例」", "-1%", "不小于 0"]),
])
def test_an_out_of_range_value_is_refused_in_chinese_naming_field_value_and_range(typed, pieces):
    rate = field(WECHAT_SPEC.by_name()["share"])
    with pytest.raises(InputError) as caught:
        rate.to_model(typed)
    for piece in pieces:
        assert piece in str(caught.value)


def test_an_exclusive_minimum_is_named_as_such():
    budget = field(PLATFORMS_SPEC.by_name()["budget"])
    with pytest.raises(InputError, match="「总预算」= 0元 超出允许范围：应大于 0"):
        budget.to_model(0)


def test_limits_and_values_read_as_a_reader_reads_them_not_in_exponent_notation():
    budget = field(PLATFORMS_SPEC.by_name()["budget"])
    assert budget.allowed() == "大于 0元、不大于 10亿元"
    with pytest.raises(InputError) as caught:
        budget.to_model(2e9)
    assert str(caught.value) == "「总预算」= 20亿元 超出允许范围：应大于 0元、不大于 10亿元"
    assert "e+" not in str(caught.value)
    followers = field(PLATFORMS_SPEC.by_name()["koc_followers"])
    assert followers.allowed() == "大于 0人、不大于 10亿人"
    assert field(OMNI_SPEC.by_name()["shift_pp"]).allowed() == "不小于 -0.5 个百分点、不大于 10 个百分点"
    assert field(WECHAT_SPEC.by_name()["miniprogram_year"]).allowed() == "不小于 2019年、不大于 2020年"
    gmv = Field("gmv", "GMV", "亿元", minimum=0, maximum=100_000, scale=units.YI)
    assert gmv.allowed() == "不小于 0元、不大于 10万亿元"  # 100000亿元, counted in 元 first


def test_a_scaled_field_shows_yi_yuan_and_gives_the_model_yuan():
    gmv = Field("gmv", "GMV", "亿元", minimum=0, scale=units.YI)
    assert gmv.to_model(2) == 2e8 and gmv.to_shown(3e8) == 3


# --------------------------------------------------------------------------- the KOC vs KOL panel

def test_the_allocator_panel_shows_the_models_best_share_with_full_labels():
    panel = platforms.panel(P_PLATFORMS)
    labels = [c.description for c in panel.controls.values()]
    assert "总预算（元）" in labels and "KOC 互动率（%）" in labels and "KOL 相对信任系数（%）" in labels
    assert all(c.style.description_width == "initial" for c in panel.controls.values())  # never truncated
    koc, kol = platforms.cases(P_PLATFORMS)["mid"]
    best = koc_kol.best_share(koc_kol.allocation_curve(100_000, koc, kol), "engagements")
    assert f"<b>{units.format_percent(best['koc_share'], 0)}</b>" in shown(panel)
    assert "KOC 预算占比" in shown(panel) and "cost_per_engagement" not in shown(panel)  # Chinese headers only


def test_moving_the_budget_redraws_with_the_model_for_that_value():
    panel = platforms.panel(P_PLATFORMS)
    panel.controls["budget"].value = 400_000
    koc, kol = platforms.cases(P_PLATFORMS)["mid"]
    best = koc_kol.best_share(koc_kol.allocation_curve(400_000, koc, kol), "engagements")
    assert f"<b>{units.format_percent(best['koc_share'], 0)}</b>" in shown(panel)


def test_switching_the_case_loads_its_values_and_redraws():
    panel = platforms.panel(P_PLATFORMS)
    panel.controls["case"].value = "high"
    koc, kol = platforms.cases(P_PLATFORMS)["high"]
    assert panel.controls["kol_followers"].value == kol.followers
    assert panel.controls["koc_engagement_rate"].value == pytest.approx(koc.engagement_rate * 100)
    best = koc_kol.best_share(koc_kol.allocation_curve(100_000, koc, kol), "engagements")
    assert f"<b>{units.format_percent(best['koc_share'], 0)}</b>" in shown(panel)


def test_typing_a_rate_above_100_per_cent_shows_the_error_and_keeps_the_value():
    panel = platforms.panel(P_PLATFORMS)
    panel.controls["koc_engagement_rate"].value = 150
    assert "输入有误" in shown(panel) and "「KOC 互动率」= 150%" in text(panel)
    assert panel.controls["koc_engagement_rate"].value == 150  # not clamped
    assert "Traceback" not in shown(panel) and "<table" not in shown(panel)


def test_a_zero_budget_is_an_error_not_a_table_of_nan():
    panel = platforms.panel(P_PLATFORMS)
    panel.controls["budget"].value = 0
    assert "输入有误" in shown(panel) and "nan" not in shown(panel).lower()


# --------------------------------------------------------------------------- chapter 三's panels

def test_take_rate_panel_shows_the_models_total_and_follows_the_case_and_shift():
    panel = omni.take_rate_panel(P_OMNI)
    gmv, rates, exempt = omni.take_rate_inputs(P_OMNI)
    total = units.format_yi(take_rate.revenue_table(gmv, rates["mid"], 0, exempt)["revenue"].sum(), "元", 1)
    assert total in shown(panel)
    assert panel.controls["rate_pdd"].value == pytest.approx(rates["mid"]["拼多多"] * 100)  # in %
    panel.controls["case"].value = "high"
    assert panel.controls["rate_pdd"].value == pytest.approx(rates["high"]["拼多多"] * 100)
    panel.controls["shift_pp"].value = 1.0
    total = units.format_yi(take_rate.revenue_table(gmv, rates["high"], 1.0, exempt)["revenue"].sum(), "元", 1)
    assert total in shown(panel)


def test_take_rate_panel_gmv_is_typed_in_yi_yuan():
    panel = omni.take_rate_panel(P_OMNI)
    assert panel.controls["gmv_taotian"].description == "淘天（阿里巴巴） 2023年GMV（亿元）"
    assert panel.controls["gmv_taotian"].value == pytest.approx(72_000)


def test_typing_5_for_5_per_cent_is_5_per_cent_not_clamped_to_100():
    panel = omni.take_rate_panel(P_OMNI)
    panel.controls["rate_douyin"].value = 5
    gmv, rates, exempt = omni.take_rate_inputs(P_OMNI)
    table = take_rate.revenue_table(gmv, rates["mid"] | {"抖音": 0.05}, 0, exempt)
    assert units.format_yi(table["revenue"].sum(), "元", 1) in shown(panel)


def test_a_shift_that_makes_a_rate_negative_is_explained():
    panel = omni.take_rate_panel(P_OMNI)
    panel.controls["rate_pdd"].value = 0.1  # 0.1%
    panel.controls["shift_pp"].value = -0.5
    assert "模型无法计算这组输入" in shown(panel) and "拼多多" in shown(panel)


# --------------------------------------------------------------------------- chapter 一's panels

def test_fee_panel_shows_the_increment_and_zero_when_nothing_moves():
    panel = wechat.fee_panel(P_WECHAT)
    series, chosen = wechat.miniprogram_choices(P_WECHAT)
    expected = fee_model.incremental_fee_revenue(series[chosen], P_WECHAT["share"], P_WECHAT["fee_rate"])
    assert units.format_yi(expected, "元", 2) in shown(panel)
    panel.controls["share"].value = 0
    assert "新增费用收入 <b>0亿元</b>" in shown(panel)
