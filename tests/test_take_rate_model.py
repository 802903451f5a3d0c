"""Platform monetisation model: revenue = GMV x take rate, with the report's rates as inputs."""
from __future__ import annotations

import math

import pytest

from wxshop import data
from wxshop.chapters.omnichannel import model as take_rate
from wxshop.chapters.omnichannel.model import platform_revenue, revenue_table, scenario_grid, shifted

RATES = take_rate.rates_from_table(data.load("take_rate_cases"))
GMV = take_rate.gmv_from_table(data.load("platform_gmv_2023"))
YI = 1e8


@pytest.mark.parametrize("factor", [0.5, 2, 3.7])
def test_revenue_is_linear_in_the_take_rate(factor):
    base = platform_revenue(1e12, 0.01)
    assert platform_revenue(1e12, 0.01 * factor) == pytest.approx(base * factor)
    assert platform_revenue(1e12, 0) == 0


@pytest.mark.parametrize("factor", [0, 0.25, 10])
def test_revenue_is_linear_in_gmv(factor):
    assert platform_revenue(4.05e12 * factor, 0.008) == pytest.approx(platform_revenue(4.05e12, 0.008) * factor)


def test_hand_worked_revenue_at_the_report_rates():
    # 7.2万亿 x 0.6% = 432亿; 1000亿 x 5% = 50亿
    assert platform_revenue(7.2e12, 0.006) == pytest.approx(432 * YI)
    assert platform_revenue(1000 * YI, 0.05) == pytest.approx(50 * YI)
    # half of the GMV exempt halves the fee
    assert platform_revenue(7.2e12, 0.006, exempt_share=0.5) == pytest.approx(216 * YI)


def test_the_data_package_gives_every_platform_a_gmv_and_a_rate_in_every_case():
    assert set(GMV) == set(take_rate.PLATFORMS)
    assert GMV["阿里巴巴"] == 7.2e12 and GMV["拼多多"] == 4.05e12 and GMV["快手"] == 11844 * YI
    for case in take_rate.CASES:
        assert set(RATES[case]) == set(take_rate.PLATFORMS)


def test_the_cases_hold_the_reports_stated_rates():
    for case in take_rate.CASES:
        assert RATES[case]["阿里巴巴"] == 0.006  # 淘宝、闲鱼 0.6% 交易服务费
        assert RATES[case]["微信视频号"] == 0.05  # 微信小店技术服务费大多数为 5%
    for platform in ("拼多多", "抖音", "快手"):  # 0.6—1% 不等
        assert RATES["low"][platform] == 0.006 and RATES["high"][platform] == 0.01
        assert RATES["low"][platform] < RATES["mid"][platform] < RATES["high"][platform]


def test_the_mid_case_table_by_hand():
    table = revenue_table(GMV, RATES["mid"]).set_index("platform")
    expected_yi = {"阿里巴巴": 432, "拼多多": 324, "抖音": 176, "快手": 94.752, "微信视频号": 50}
    for platform, value in expected_yi.items():
        assert table.loc[platform, "revenue"] / YI == pytest.approx(value), platform
        assert table.loc[platform, "change"] == 0
        assert table.loc[platform, "per_pp"] == pytest.approx(GMV[platform] * 0.01)


def test_a_shift_adds_percentage_points_to_every_rate():
    table = revenue_table(GMV, RATES["low"], shift_pp=1.5).set_index("platform")
    assert table.loc["阿里巴巴", "take_rate"] == pytest.approx(0.021)
    assert table.loc["微信视频号", "take_rate"] == pytest.approx(0.065)
    # the change equals the shift times the revenue of one percentage point
    for platform in take_rate.PLATFORMS:
        assert table.loc[platform, "change"] == pytest.approx(1.5 * table.loc[platform, "per_pp"])
        assert table.loc[platform, "base_rate"] == RATES["low"][platform]


def test_revenue_rises_with_the_shift_and_the_case():
    grid = scenario_grid(GMV, RATES, [-0.5, 0, 1, 5])
    for (case, platform), rows in grid.groupby(["case", "platform"]):
        assert rows.sort_values("shift_pp")["revenue"].is_monotonic_increasing, (case, platform)
    at_zero = grid[grid["shift_pp"] == 0].pivot(index="platform", columns="case", values="revenue")
    assert (at_zero["low"] <= at_zero["mid"]).all() and (at_zero["mid"] <= at_zero["high"]).all()
    assert len(grid) == 3 * 4 * len(take_rate.PLATFORMS)


@pytest.mark.parametrize("args, message", [
    ((1e12, 1.2), "take_rate must be between 0 and 1"),
    ((1e12, -0.01), "take_rate must be between 0 and 1"),
    ((-5, 0.01), "gmv must be >= 0"),
    ((1e12, 0.01, 1.5), "exempt_share must be between 0 and 1"),
    ((math.nan, 0.01), "gmv must be finite"),
])
def test_out_of_range_inputs_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        platform_revenue(*args)


def test_a_text_rate_is_a_type_error():
    with pytest.raises(TypeError, match="take_rate must be a number"):
        platform_revenue(1e12, "1%")


def test_a_shift_that_leaves_0_to_100_percent_names_the_platform():
    with pytest.raises(ValueError, match="阿里巴巴 from 0.6000% to -0.4000%"):
        revenue_table(GMV, RATES["mid"], shift_pp=-1)
    with pytest.raises(ValueError, match="within 0%–100%"):
        shifted(0.99, 2, "抖音")


def test_a_platform_without_a_rate_is_an_error():
    with pytest.raises(ValueError, match="no take rate for 快手"):
        revenue_table({"快手": 1e12}, {"抖音": 0.01})


def test_overrides_replace_only_what_is_given():
    rates = take_rate.with_overrides(RATES["mid"], {"抖音": 0.03, "快手": None})
    assert rates["抖音"] == 0.03 and rates["快手"] == RATES["mid"]["快手"]
    gmv = take_rate.with_overrides(GMV, {"抖音": 27000}, scale=YI)
    assert gmv["抖音"] == 2.7e12
    with pytest.raises(ValueError, match="unknown platform '京东'"):
        take_rate.with_overrides(GMV, {"京东": 1})
