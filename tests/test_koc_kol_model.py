"""The KOC vs KOL allocator: conservation, monotonicity, corners, saturation, objectives, rejected inputs.

The hand-worked corners below are the linear model (no saturation: every post reaches all its
creator's followers once); with a finite audience pool the model saturates.
"""
from __future__ import annotations

import math

import pytest

from wxshop import data
from wxshop.chapters.new_platforms import model as koc_kol
from wxshop.chapters.new_platforms.model import Creator, allocate, allocation_curve, best_share, scenario_grid

# The report's mid-range reading, worked by hand below: KOC 200元/篇, 5000 fans, 10%; KOL 5000元/篇, 30万, 3%.
KOC = Creator(cost_per_post=200, followers=5_000, engagement_rate=0.10)
KOL = Creator(cost_per_post=5_000, followers=300_000, engagement_rate=0.03)
CASES = koc_kol.cases_from_table(data.load("koc_kol_cases"))
BUDGETS = [1, 199, 4_999, 10_000, 33_333.33, 100_000, 250_000, 1_000_000]


@pytest.mark.parametrize("case", koc_kol.CASES)
@pytest.mark.parametrize("budget", BUDGETS)
def test_budget_is_conserved(case, budget):
    koc, kol = CASES[case]
    for row in allocation_curve(budget, koc, kol).to_dict("records"):
        assert row["koc_budget"] + row["kol_budget"] == pytest.approx(budget)
        assert row["spent"] + row["unspent"] == pytest.approx(budget)
        assert row["spent"] == pytest.approx(row["koc_posts"] * koc.cost_per_post + row["kol_posts"] * kol.cost_per_post)
        assert 0 <= row["unspent"] and row["spent"] <= budget + 1e-9
        # Money left over never buys another post on either side.
        assert row["koc_budget"] - row["koc_posts"] * koc.cost_per_post < koc.cost_per_post
        assert row["kol_budget"] - row["kol_posts"] * kol.cost_per_post < kol.cost_per_post


@pytest.mark.slow  # a dense budget sweep: seconds; make test runs it, make test-fast does not
@pytest.mark.parametrize("case", koc_kol.CASES)
def test_engagements_never_fall_as_the_budget_rises(case):
    koc, kol = CASES[case]
    budgets = [b * 2_500 for b in range(0, 161)][1:]
    curves = [allocation_curve(b, koc, kol) for b in budgets]
    for share_index in range(len(curves[0])):
        series = [c["engagements"].iloc[share_index] for c in curves]
        assert all(a <= b for a, b in zip(series, series[1:]))


def test_all_on_kol_corner():
    row = allocate(100_000, 0.0, KOC, KOL)
    # 100000 / 5000 = 20 KOL posts; 20 x 300000 fans = 6,000,000 reached; x 3% = 180,000 engagements.
    assert (row["koc_posts"], row["kol_posts"]) == (0, 20)
    assert row["reach"] == 6_000_000
    assert row["engagements"] == pytest.approx(180_000)
    assert row["cost_per_engagement"] == pytest.approx(100_000 / 180_000)


def test_all_on_koc_corner():
    row = allocate(100_000, 1.0, KOC, KOL)
    # 100000 / 200 = 500 KOC posts; 500 x 5000 = 2,500,000 reached; x 10% = 250,000 engagements.
    assert (row["koc_posts"], row["kol_posts"]) == (500, 0)
    assert row["reach"] == 2_500_000
    assert row["engagements"] == pytest.approx(250_000)
    assert row["cost_per_engagement"] == pytest.approx(0.4)


def test_a_share_that_buys_whole_posts_only():
    # 29% of 100000 is 29000: 145 KOC posts exactly (no float shortfall to 144); 71000 buys 14 KOL posts.
    row = allocate(100_000, 0.29, KOC, KOL)
    assert (row["koc_posts"], row["kol_posts"]) == (145, 14)
    assert row["unspent"] == pytest.approx(1_000)


def test_a_budget_below_one_post_buys_nothing():
    row = allocate(150, 0.5, KOC, KOL)
    assert (row["koc_posts"], row["kol_posts"], row["engagements"]) == (0, 0, 0)
    assert math.isnan(row["cost_per_engagement"])


def test_curve_covers_every_share_from_zero_to_one():
    curve = allocation_curve(100_000, KOC, KOL, step=0.05)
    assert curve["koc_share"].tolist() == pytest.approx([i / 20 for i in range(21)])


def test_best_share_is_the_one_with_most_engagements():
    curve = allocation_curve(100_000, KOC, KOL)
    assert best_share(curve)["koc_share"] == 1.0  # 250,000 > 180,000 engagements
    flipped = allocation_curve(100_000, Creator(500, 10_000, 0.15), Creator(10_000, 1_000_000, 0.05))
    assert best_share(flipped)["koc_share"] == 0.0  # KOL: 10 posts x 50,000 = 500,000 > KOC's 300,000


def test_grid_marks_one_best_share_per_budget_and_case():
    grid = scenario_grid([20_000, 100_000], CASES)
    assert len(grid) == 2 * 3 * 21
    for objective in koc_kol.OBJECTIVES:
        assert grid.groupby(["budget", "case"])[f"best_{objective}"].sum().tolist() == [1] * 6
    for (budget, case), rows in grid.groupby(["budget", "case"]):
        koc, kol = CASES[case]
        curve = allocation_curve(budget, koc, kol)
        for objective in koc_kol.OBJECTIVES:
            marked = rows.loc[rows[f"best_{objective}"], "koc_share"].item()
            assert marked == best_share(curve, objective)["koc_share"]


def test_cases_follow_the_reports_ranges():
    # 图表53: KOC 1000-10000 fans, 5-15%; KOL 10W+ fans, 1%-5%.
    assert CASES["low"][0].followers == 1_000 and CASES["high"][0].followers == 10_000
    assert CASES["low"][0].engagement_rate == 0.05 and CASES["high"][0].engagement_rate == 0.15
    assert CASES["low"][1].followers == 100_000
    assert CASES["low"][1].engagement_rate == 0.01 and CASES["high"][1].engagement_rate == 0.05
    for koc, kol in CASES.values():
        assert koc.cost_per_post < 1_000 <= kol.cost_per_post  # 几十～几百元 vs 上千～上万元


def test_overrides_replace_only_what_is_given():
    changed = koc_kol.with_overrides(KOC, followers=8_000, engagement_rate=None)
    assert changed == Creator(200, 8_000, 0.10)


@pytest.mark.parametrize("budget", [0, -5, -0.01])
def test_zero_and_negative_budgets_are_rejected(budget):
    with pytest.raises(ValueError, match=r"budget must be a positive number, got"):
        allocate(budget, 0.5, KOC, KOL)


@pytest.mark.parametrize("budget", ["100000", None, True, [1]])
def test_non_numeric_budgets_are_rejected(budget):
    with pytest.raises(TypeError, match=r"budget must be a number"):
        allocate(budget, 0.5, KOC, KOL)


@pytest.mark.parametrize("budget", [math.nan, math.inf])
def test_nan_and_infinite_budgets_are_rejected(budget):
    with pytest.raises(ValueError, match="budget"):
        allocate(budget, 0.5, KOC, KOL)


@pytest.mark.parametrize("share", [-0.1, 1.01, "half", None])
def test_shares_outside_zero_to_one_are_rejected(share):
    with pytest.raises(ValueError, match="koc_share must be a number from 0 to 1"):
        allocate(100_000, share, KOC, KOL)


@pytest.mark.parametrize("field, value, error", [
    ("cost_per_post", 0, ValueError), ("cost_per_post", -200, ValueError), ("cost_per_post", "200", TypeError),
    ("followers", 0, ValueError), ("followers", None, TypeError),
    ("engagement_rate", 0, ValueError), ("engagement_rate", 1.5, ValueError), ("engagement_rate", "5%", TypeError),
])
def test_bad_creator_inputs_are_rejected_naming_the_input(field, value, error):
    values = {"cost_per_post": 200, "followers": 5_000, "engagement_rate": 0.1, field: value}
    with pytest.raises(error, match=field):
        Creator(**values)


@pytest.mark.parametrize("step", [0, 0.3, -0.05, 2])
def test_share_steps_that_do_not_divide_one_are_rejected(step):
    with pytest.raises(ValueError, match="step"):
        koc_kol.share_grid(step)


def test_cost_per_engagement_of_one_post():
    assert koc_kol.cost_per_engagement(KOC) == pytest.approx(200 / 500)  # 5000 fans x 10% = 500 engagements
    assert koc_kol.cost_per_engagement(KOL) == pytest.approx(5_000 / 9_000)  # 300000 x 3% = 9000


# --------------------------------------------------------------------------- saturation and objectives

POOLS = {"KOC": 1_000_000, "KOL": 10_000_000}
SATURATED = koc_kol.cases_from_table(data.load("koc_kol_cases"), POOLS, conversion_rate=0.02, kol_trust=0.5)


@pytest.mark.parametrize("case", koc_kol.CASES)
def test_an_unlimited_pool_is_exactly_the_linear_model(case):
    linear = CASES[case]
    unlimited = koc_kol.cases_from_table(data.load("koc_kol_cases"), {"KOC": math.inf, "KOL": math.inf})[case]
    for budget in (20_000, 100_000, 500_000):
        a, b = allocation_curve(budget, *linear), allocation_curve(budget, *unlimited)
        assert a[["reach", "engagements", "koc_posts", "kol_posts", "spent"]].equals(
            b[["reach", "engagements", "koc_posts", "kol_posts", "spent"]])
    # ... and a huge but finite pool tends to it (1 - exp(-x) ~ x for small x)
    huge = koc_kol.with_overrides(linear[0], pool=1e15)
    assert koc_kol.reach(500, huge) == pytest.approx(500 * linear[0].followers, rel=1e-6)


def test_reach_saturates_by_hand():
    # 100 posts x 5000 fans into a pool of 1,000,000: 1e6 x (1 - e^-0.5) = 393,469.3 people.
    koc = Creator(200, 5_000, 0.1, pool=1_000_000)
    assert koc_kol.reach(100, koc) == pytest.approx(1e6 * (1 - math.exp(-0.5)))
    assert koc_kol.reach(0, koc) == 0
    assert koc_kol.reach(100, koc) < koc_kol.reach(200, koc) <= koc.pool  # never more people than the pool
    assert koc_kol.reach(10_000, koc) == pytest.approx(koc.pool)


@pytest.mark.parametrize("case", koc_kol.CASES)
@pytest.mark.parametrize("creator", [0, 1])
def test_the_response_is_monotone_and_concave_in_posts(case, creator):
    profile = SATURATED[case][creator]
    for objective in koc_kol.OBJECTIVES:
        values = [koc_kol.response(n, profile)[objective] for n in range(0, 400)]
        steps = [b - a for a, b in zip(values, values[1:])]
        assert all(step >= 0 for step in steps), objective
        assert all(later <= earlier + 1e-6 for earlier, later in zip(steps, steps[1:])), objective  # float noise near the pool


@pytest.mark.parametrize("case", koc_kol.CASES)
@pytest.mark.parametrize("budget", [20_000, 100_000, 480_000])
@pytest.mark.parametrize("objective", koc_kol.OBJECTIVES)
def test_the_best_share_is_the_grid_point_with_the_most_response(case, budget, objective):
    curve = allocation_curve(budget, *SATURATED[case])
    best = best_share(curve, objective)
    assert best[objective] == curve[objective].max()
    assert best["koc_share"] in set(curve["koc_share"])


@pytest.mark.parametrize("case", koc_kol.CASES)
def test_budget_is_conserved_with_saturation(case):
    for row in allocation_curve(123_456.78, *SATURATED[case]).to_dict("records"):
        assert row["spent"] + row["unspent"] == pytest.approx(123_456.78)


def test_with_the_default_assumptions_the_best_split_is_interior_for_part_of_the_budget_range():
    koc, kol = SATURATED["mid"]
    interior = [b for b in range(20_000, 500_001, 20_000)
                if 0 < best_share(allocation_curve(b, koc, kol), "engagements")["koc_share"] < 1]
    assert len(interior) >= 10
    # small budgets lean to KOC, large ones move toward KOL (the KOC niche saturates first)
    small = best_share(allocation_curve(20_000, koc, kol), "engagements")["koc_share"]
    large = best_share(allocation_curve(500_000, koc, kol), "engagements")["koc_share"]
    assert small > large


def test_reach_favours_kol_and_conversions_favour_koc():
    koc, kol = SATURATED["mid"]
    curve = allocation_curve(100_000, koc, kol)
    assert best_share(curve, "reach")["koc_share"] < best_share(curve, "engagements")["koc_share"] \
        <= best_share(curve, "conversions")["koc_share"]


def test_conversions_apply_the_trust_factor_to_kol_only():
    koc, kol = SATURATED["mid"]
    assert koc.conversion_rate == 0.02 and kol.conversion_rate == pytest.approx(0.01)
    row = allocate(100_000, 0.0, koc, kol)
    assert row["conversions"] == pytest.approx(row["engagements"] * 0.01)


def test_the_marginal_return_is_the_next_posts_response_per_yuan():
    koc = SATURATED["mid"][0]
    spend = 10_000  # 50 posts of 200元
    expected = (koc_kol.response(51, koc)["engagements"] - koc_kol.response(50, koc)["engagements"]) / 200
    assert koc_kol.marginal_per_yuan(spend, koc, "engagements") == pytest.approx(expected)
    assert koc_kol.marginal_per_yuan(spend, koc, "engagements") < koc_kol.marginal_per_yuan(0, koc, "engagements")


@pytest.mark.parametrize("values, match", [
    ({"pool": 0}, "pool"), ({"pool": -1}, "pool"), ({"pool": "big"}, "pool"),
    ({"conversion_rate": 1.5}, "conversion_rate"), ({"conversion_rate": -0.1}, "conversion_rate"),
])
def test_bad_saturation_and_conversion_inputs_are_rejected(values, match):
    with pytest.raises((ValueError, TypeError), match=match):
        Creator(200, 5_000, 0.1, **values)


def test_unknown_objectives_and_trust_outside_zero_to_one_are_rejected():
    with pytest.raises(ValueError, match="objective"):
        best_share(allocation_curve(100_000, KOC, KOL), "profit")
    with pytest.raises(ValueError, match="kol_trust"):
        koc_kol.cases_from_table(data.load("koc_kol_cases"), POOLS, 0.02, kol_trust=2)
