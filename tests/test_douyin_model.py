"""人找货 vs 货找人 and the cold start (chapter 四): worked corners, monotonicity, shares, rejected inputs.

Expected numbers are worked by hand from the model's definition (see the module docstring), never
copied from the code under test.
"""
from __future__ import annotations

import itertools
import math

import pytest

from wxshop.chapters.douyin import charts, model, wiring
from wxshop.chapters.douyin.spec import SPEC
from wxshop.params import ParameterError

RATES = [0.0, 0.05, 0.2, 0.5, 1.0]
P = SPEC.defaults()


# --------------------------------------------------------------------------- the funnels, by hand

def test_search_funnel_by_hand():
    # 10000 users x 10% intent = 1000 searchers; x 40% reach = 400; x 10% = 40 orders, all planned.
    out = model.search_funnel(0.1, 0.4, 0.1)
    assert out["reached"] == pytest.approx(400)
    assert out["orders"] == pytest.approx(40) and out["planned"] == pytest.approx(40)
    assert out["unplanned"] == 0 and out["unplanned_share"] == 0


def test_content_funnel_by_hand():
    # 10000 x 20% exposure = 2000 exposed: 200 with intent (interested), 1800 without, 10% sparked = 180.
    # x 4% conversion: 8 planned + 7.2 unplanned = 15.2 orders; unplanned share 7.2 / 15.2.
    out = model.content_funnel(0.1, 0.2, 0.1, 0.04)
    assert out["reached"] == pytest.approx(380)
    assert out["planned"] == pytest.approx(8) and out["unplanned"] == pytest.approx(7.2)
    assert out["orders"] == pytest.approx(15.2)
    assert out["unplanned_share"] == pytest.approx(7.2 / 15.2)


def test_a_population_of_users_without_intent_buys_only_unplanned():
    out = model.content_funnel(0.0, 0.5, 0.2, 0.1)
    # 10000 x 50% x 20% x 10% = 100 orders, every one unplanned; search brings none.
    assert out["orders"] == pytest.approx(100) and out["unplanned_share"] == 1.0
    assert model.search_funnel(0.0, 1.0, 1.0)["orders"] == 0


def test_the_users_argument_scales_orders_not_shares():
    small, large = model.content_funnel(0.1, 0.2, 0.1, 0.04), model.content_funnel(0.1, 0.2, 0.1, 0.04, users=1e6)
    assert large["orders"] == pytest.approx(small["orders"] * 100)
    assert large["unplanned_share"] == pytest.approx(small["unplanned_share"])


@pytest.mark.parametrize("which", range(3))
def test_search_orders_never_fall_as_any_rate_rises(which):
    for others in itertools.product(RATES, repeat=2):
        series = []
        for rate in RATES:
            args = list(others)
            args.insert(which, rate)
            series.append(model.search_funnel(*args)["orders"])
        assert all(a <= b + 1e-12 for a, b in zip(series, series[1:])), (which, others)


@pytest.mark.parametrize("which", range(4))
def test_content_orders_never_fall_as_any_rate_rises(which):
    for others in itertools.product(RATES, repeat=3):
        series = []
        for rate in RATES:
            args = list(others)
            args.insert(which, rate)
            series.append(model.content_funnel(*args)["orders"])
        assert all(a <= b + 1e-12 for a, b in zip(series, series[1:])), (which, others)


def test_shares_stay_within_zero_and_one_and_parts_add_up():
    for rates in itertools.product(RATES, repeat=4):
        out = model.content_funnel(*rates)
        assert out["planned"] + out["unplanned"] == pytest.approx(out["orders"])
        if out["orders"] > 0:
            assert 0 <= out["unplanned_share"] <= 1
        else:
            assert math.isnan(out["unplanned_share"])  # no orders: no share to speak of


def test_the_unplanned_share_rises_with_interest_and_falls_with_intent():
    shares = [model.content_funnel(0.1, 0.2, k, 0.04)["unplanned_share"] for k in (0.05, 0.1, 0.2, 0.5)]
    assert shares == sorted(shares) and shares[0] < shares[-1]
    shares = [model.content_funnel(i, 0.2, 0.1, 0.04)["unplanned_share"] for i in (0.05, 0.1, 0.3, 0.6)]
    assert shares == sorted(shares, reverse=True) and shares[0] > shares[-1]


@pytest.mark.parametrize("zero", ["intent", "reach", "conversion"])
def test_a_zero_search_rate_gives_zero_orders(zero):
    rates = {"intent": 0.3, "reach": 0.5, "conversion": 0.2, zero: 0.0}
    assert model.search_funnel(**rates)["orders"] == 0


@pytest.mark.parametrize("zero", ["exposure", "conversion"])
def test_no_exposure_or_no_conversion_gives_zero_content_orders(zero):
    rates = {"intent": 0.3, "exposure": 0.5, "interest": 0.2, "conversion": 0.2, zero: 0.0}
    assert model.content_funnel(**rates)["orders"] == 0


def test_no_intent_and_no_interest_gives_zero_content_orders():
    assert model.content_funnel(0.0, 0.8, 0.0, 0.5)["orders"] == 0


def test_break_even_exposure_equalises_the_funnels():
    # Search: 40 orders. Content per unit exposure: 10000 x 4% x (10% + 90% x 10%) = 76; 40 / 76.
    even = model.break_even_exposure(0.1, 0.4, 0.1, 0.1, 0.04)
    assert even == pytest.approx(40 / 76)
    assert model.content_funnel(0.1, even, 0.1, 0.04)["orders"] == pytest.approx(40)
    assert math.isinf(model.break_even_exposure(0.1, 0.4, 0.1, 0.1, 0.0))


@pytest.mark.parametrize("args, message", [
    ((1.5, 0.4, 0.1), "intent must be between 0 and 1"),
    ((0.1, -0.1, 0.1), "search_reach must be between 0 and 1"),
    ((0.1, 0.4, "ten"), "search_conversion must be a number"),
])
def test_search_funnel_refuses_bad_rates_naming_them(args, message):
    with pytest.raises((ValueError, TypeError), match=message):
        model.search_funnel(*args)


def test_content_funnel_refuses_bad_inputs():
    with pytest.raises(ValueError, match="interest must be between 0 and 1"):
        model.content_funnel(0.1, 0.2, 2, 0.04)
    with pytest.raises(ValueError, match="users must be a positive number"):
        model.content_funnel(0.1, 0.2, 0.1, 0.04, users=0)
    with pytest.raises(TypeError, match="exposure must be a number"):
        model.content_funnel(0.1, True, 0.1, 0.04)


def test_the_grids_hold_every_combination_and_the_funnels_values():
    search = model.search_grid([0, 0.1], [0.4, 0.5], [0.1])
    assert len(search) == 4
    content = model.content_grid([0, 0.1], [0.2], [0.1, 0.2], [0.04, 0.05])
    assert len(content) == 8
    row = content[(content["intent"] == 0.1) & (content["interest"] == 0.1) & (content["conversion"] == 0.04)].iloc[0]
    assert row["orders"] == pytest.approx(15.2)


# --------------------------------------------------------------------------- the cold start

def test_search_ads_without_spread_follow_the_exponential():
    # q = 0: F(t) = m (1 - e^{-pt}); 1000 of 100000 at p = 0.001 a day takes -ln(0.99) / 0.001 days.
    assert model.bass_cumulative(10, 0.001, 0.0, 100_000) == pytest.approx(100_000 * (1 - math.exp(-0.01)))
    assert model.days_to_reach(1_000, 0.001, 0.0, 100_000) == pytest.approx(-math.log(0.99) / 0.001)


def test_days_to_reach_inverts_the_bass_curve():
    for p, q in ((0.0002, 0.3), (0.001, 0.0), (0.01, 1.0), (0.00005, 2.5)):
        days = model.days_to_reach(2_500, p, q, 100_000)
        assert model.bass_cumulative(days, p, q, 100_000) == pytest.approx(2_500, rel=1e-9)


def test_cold_start_days_fall_as_the_spread_rate_rises():
    days = [model.cold_start(100_000, 1_000, 100, 20, q)["days_viral_video"] for q in
            (0, 0.05, 0.1, 0.3, 0.5, 1, 2, 5)]
    assert all(a > b for a, b in zip(days, days[1:]))
    ads = {model.cold_start(100_000, 1_000, 100, 20, q)["days_search_ads"] for q in (0, 0.5, 5)}
    assert len(ads) == 1  # the spread rate is the video's, not the ads'


def test_cold_start_days_fall_as_either_start_rate_rises():
    ads = [model.cold_start(100_000, 1_000, a, 20, 0.3)["days_search_ads"] for a in (10, 50, 100, 500)]
    seed = [model.cold_start(100_000, 1_000, 100, s, 0.3)["days_viral_video"] for s in (1, 5, 20, 100)]
    assert ads == sorted(ads, reverse=True) and seed == sorted(seed, reverse=True)


def test_a_channel_that_never_starts_never_reaches_the_target():
    out = model.cold_start(100_000, 1_000, 0, 0, 0.8)
    assert math.isinf(out["days_search_ads"]) and math.isinf(out["days_viral_video"])
    assert model.bass_cumulative(30, 0.0, 0.8, 100_000) == 0
    assert math.isinf(model.days_to_reach(100_000, 0.01, 0.3, 100_000))  # the whole market is never reached
    assert model.days_to_reach(0, 0.01, 0.3, 100_000) == 0


def test_curves_rise_from_zero_and_never_pass_the_market():
    curves = model.cold_start_curves(100_000, 100, 20, 0.5, range(0, 200, 5))
    for _channel, curve in curves.groupby("channel"):
        orders = list(curve["orders"])
        assert orders[0] == 0 and all(a <= b for a, b in zip(orders, orders[1:])) and orders[-1] <= 100_000


@pytest.mark.parametrize("args, message", [
    ((0, 1_000, 100, 20, 0.3), "potential_buyers must be a positive number"),
    ((100_000, 1_000, -5, 20, 0.3), "ad_daily_orders must be >= 0"),
    ((100_000, 1_000, 100, 20, -0.1), "spread_rate must be >= 0"),
    ((100_000, 1_000, 200_000, 20, 0.3), "cannot exceed the potential buyers"),
])
def test_cold_start_refuses_bad_inputs(args, message):
    with pytest.raises(ValueError, match=message):
        model.cold_start(*args)


# --------------------------------------------------------------------------- parameters and grids

@pytest.mark.parametrize("values, pieces", [
    ({"intent": 1.2}, ["'intent' = 1.2", "<= 1"]),
    ({"exposure": -0.1}, ["'exposure' = -0.1", ">= 0"]),
    ({"target_orders": 200_000}, ["'target_orders' = 200000", "target_orders < potential_buyers"]),
    ({"ad_daily_orders": 500_000}, ["'ad_daily_orders' = 500000", "<= potential_buyers"]),
    ({"potential_buyers": 0}, ["'potential_buyers' = 0", "> 0"]),
    ({"spread": 0.3}, ["unknown parameter 'spread'"]),
])
def test_bad_parameters_fail_with_a_clear_message(values, pieces):
    with pytest.raises(ParameterError) as caught:
        SPEC.validate(**values)
    for piece in pieces:
        assert piece in str(caught.value)


def test_slider_positions_always_include_the_chapters_value():
    assert charts.positions(10, 0, 30, 5) == [0, 5, 10, 15, 20, 25, 30]
    assert charts.positions(33, 0, 100, 20) == [13, 33, 53, 73, 93]  # an analyst's value moves the grid
    assert 120 in charts.positions(120, 0, 100, 20)  # beyond the usual range: the range grows


def test_the_chart_grids_hold_the_defaults_row():
    search, content = wiring.funnel_grids(P)
    here = content[(abs(content["intent"] - P["intent"]) < 1e-9) & (abs(content["exposure"] - P["exposure"]) < 1e-9)
                   & (abs(content["interest"] - P["interest"]) < 1e-9)
                   & (abs(content["conversion"] - P["content_conversion"]) < 1e-9)]
    assert len(here) == 1 and here.iloc[0]["orders"] == pytest.approx(15.2)
    curves, days = wiring.cold_start_grids(P)
    assert set(days["channel"]) == set(model.CHANNELS)
    for _key, curve in curves.groupby(["channel", "key"]):
        assert (curve["orders"] > 2 * P["target_orders"]).sum() <= 1  # cut after the first point above the frame


def test_headlines_quote_the_model_and_the_reports_anchor():
    found = {f.key: f for f in wiring.headlines(P)}
    assert found["search_orders_text"].text == "40.0单" and found["content_orders_text"].text == "15.2单"
    assert found["unplanned_share_text"].text == "47.4%"  # 7.2 / 15.2
    assert found["anchor_text"].text == "71.2%" and found["anchor_text"].kind == "report"
    assert found["days_ads_text"].text == "10.1天"  # -ln(0.99) / 0.001 = 10.05
