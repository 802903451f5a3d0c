"""Section 2.4's two models: moderation cost (图表25) and AI advertising (图表27).

Expected numbers are worked by hand from the report's tables: 图片 0.33-1.5 元/千次, 音频 0.18-0.9 元/小时,
文本 0.3-2.2/千条, 视频 “图片或视频+0.1 元/千次视频截帧费用”, 直播画面 3 元/千张, 直播声音 2 元/小时,
文档 “图片+0.1 元/千页文档转图片费用”, 人工审核 70 元/千次; 转化率 30%↑, ROI 32%↑, 单用户获取成本 30%↓,
素材生成耗时 24h → 10min.
"""
from __future__ import annotations

import math

import pytest

from wxshop import data
from wxshop.chapters.ai_efficiency import model
from wxshop.chapters.ai_efficiency.model import PriceRange, Uplifts

RANGES = model.ranges_from_table(data.load("moderation_prices"))
HUMAN = model.human_price_from_table(data.load("moderation_prices"))
PRESETS = model.presets_from_table(data.load("moderation_presets"))
UPLIFTS = model.uplifts_from_table(data.load("ai_ads_uplifts"))
REVIEWS = model.human_reviews_per_unit(240)
ONE_EACH = {m: 1000.0 for m in model.MODALITIES}


def costs(volumes, position=0.5, human=HUMAN, reviews=REVIEWS, days=30):
    return model.moderation_costs(volumes, model.unit_prices(RANGES, position), human, reviews, days)


# --------------------------------------------------------------------------- moderation: the report's prices

def test_unit_prices_at_the_range_ends_are_the_reports():
    low, high = model.unit_prices(RANGES, 0), model.unit_prices(RANGES, 1)
    assert low["image"] == pytest.approx(0.33 / 1000) and high["image"] == pytest.approx(1.5 / 1000)
    assert low["text"] == pytest.approx(0.3 / 1000) and high["text"] == pytest.approx(2.2 / 1000)
    assert low["audio"] == pytest.approx(0.18) and high["audio"] == pytest.approx(0.9)
    assert HUMAN == pytest.approx(70 / 1000)


def test_single_prices_do_not_move_with_the_position():
    for position in (0, 0.3, 1):
        prices = model.unit_prices(RANGES, position)
        assert prices["live_frame"] == pytest.approx(3 / 1000)
        assert prices["live_audio"] == pytest.approx(2)


@pytest.mark.parametrize("position", [0, 0.25, 1])
def test_video_and_documents_are_the_image_price_plus_their_fee(position):
    prices = model.unit_prices(RANGES, position)
    assert prices["video"] == pytest.approx(prices["image"] + 0.1 / 1000)
    assert prices["document"] == pytest.approx(prices["image"] + 0.1 / 1000)


def test_a_thousand_images_a_day_at_the_low_end_cost_9_9_yuan_a_month_against_2100_by_hand():
    table = costs({"image": 1000}, position=0)
    row = table.iloc[0]
    assert row["ai_cost"] == pytest.approx(0.33 * 30)  # 1000 images = 1 千次 a day, 30 days
    assert row["human_cost"] == pytest.approx(70 * 30)
    assert row["saving"] == pytest.approx(70 * 30 - 0.33 * 30)
    assert row["ai_share"] == pytest.approx(0.33 / 70)


def test_an_audio_hour_costs_the_assumed_reviews_at_the_human_price():
    table = costs({"audio": 1, "live_audio": 1}, position=1, reviews=model.human_reviews_per_unit(240), days=1)
    assert list(table["human_cost"]) == pytest.approx([240 * 0.07, 240 * 0.07])
    assert list(table["ai_cost"]) == pytest.approx([0.9, 2])


# --------------------------------------------------------------------------- moderation: properties

@pytest.mark.parametrize("preset", model.PRESETS)
@pytest.mark.parametrize("factor", [0, 0.5, 3, 1000])
def test_moderation_cost_is_linear_in_volume(preset, factor):
    base = costs(PRESETS[preset])
    scaled = costs({m: v * factor for m, v in PRESETS[preset].items()})
    for column in ("ai_cost", "human_cost", "saving"):
        assert list(scaled[column]) == pytest.approx([x * factor for x in base[column]])


def test_moderation_cost_adds_up_over_volumes():
    a, b = PRESETS["mid"], PRESETS["large"]
    both = costs({m: a[m] + b[m] for m in model.MODALITIES})
    for column in ("ai_cost", "human_cost"):
        assert list(both[column]) == pytest.approx([x + y for x, y in zip(costs(a)[column], costs(b)[column])])


def test_the_saving_is_zero_when_the_ai_price_equals_the_human_price():
    equal = {m: HUMAN * REVIEWS[m] for m in model.MODALITIES}
    table = model.moderation_costs(PRESETS["large"], equal, HUMAN, REVIEWS, 30)
    assert list(table["saving"]) == pytest.approx([0] * len(model.MODALITIES), abs=1e-6)
    total = model.totals(table)
    assert total["saving"] == pytest.approx(0, abs=1e-3) and total["ai_share"] == pytest.approx(1)
    assert total["multiple"] == pytest.approx(1)


def test_ai_cost_rises_with_the_position_and_human_cost_does_not_move():
    series = [model.totals(costs(PRESETS["mid"], position=p / 10)) for p in range(11)]
    assert all(a["ai_cost"] < b["ai_cost"] for a, b in zip(series, series[1:]))
    assert len({round(t["human_cost"], 6) for t in series}) == 1


def test_every_modality_is_cheaper_by_ai_at_the_reports_prices_even_at_the_high_end():
    table = costs(ONE_EACH, position=1)
    assert (table["ai_cost"] < table["human_cost"]).all()


def test_monthly_cost_is_daily_cost_times_days():
    assert model.totals(costs(ONE_EACH, days=31))["ai_cost"] == pytest.approx(
        model.totals(costs(ONE_EACH, days=1))["ai_cost"] * 31)


def test_no_volume_means_no_cost_and_no_ratio():
    total = model.totals(costs({m: 0 for m in model.MODALITIES}))
    assert total["ai_cost"] == 0 and total["human_cost"] == 0
    assert math.isnan(total["ai_share"]) and math.isnan(total["multiple"])


def test_the_grid_holds_every_preset_position_and_modality():
    grid = model.moderation_grid(PRESETS, RANGES, [0, 0.5, 1], HUMAN, REVIEWS, 30)
    assert len(grid) == len(PRESETS) * 3 * len(model.MODALITIES)
    row = grid[(grid["preset"] == "mid") & (grid["position"] == 0.5)]
    assert list(row["ai_cost"]) == pytest.approx(list(costs(PRESETS["mid"])["ai_cost"]))


def test_the_large_preset_is_larger_than_the_mid_one_in_every_modality():
    assert set(PRESETS) == {"mid", "large"}
    assert all(PRESETS["large"][m] > PRESETS["mid"][m] for m in model.MODALITIES)


def test_overrides_replace_only_the_volumes_given():
    changed = model.with_overrides(PRESETS["mid"], {"image": 5, "text": None})
    assert changed["image"] == 5 and changed["text"] == PRESETS["mid"]["text"]
    with pytest.raises(ValueError, match="unknown modality 'pdf'"):
        model.with_overrides(PRESETS["mid"], {"pdf": 1})


@pytest.mark.parametrize("call, message", [
    (lambda: costs({"image": -1}), "volume of image must be >= 0"),
    (lambda: costs({"image": 1}, position=1.5), "position must be between 0 and 1"),
    (lambda: costs({"image": 1}, days=0), "days must be > 0"),
    (lambda: costs({"image": 1}, human=-0.07), "human_price must be >= 0"),
    (lambda: model.moderation_costs({"hologram": 1}, {}, HUMAN, REVIEWS), "no AI price or human review count"),
    (lambda: PriceRange(2, 1), "low <= high"),
    (lambda: model.human_reviews_per_unit(-1), "reviews_per_audio_hour must be >= 0"),
])
def test_bad_moderation_inputs_are_refused_naming_them(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_non_number_volume_is_a_type_error():
    with pytest.raises(TypeError, match="volume of image must be a number"):
        costs({"image": "many"})


# --------------------------------------------------------------------------- advertising

def ads(strength, spend=1_000_000, rate=0.02, cac=50, value=150):
    return model.ad_outcomes(spend, rate, cac, value, strength, UPLIFTS).set_index("reading")


def test_the_uplifts_are_the_reports():
    assert (UPLIFTS.conversion_rate, UPLIFTS.roi, UPLIFTS.cac) == pytest.approx((0.30, 0.32, -0.30))
    assert (UPLIFTS.minutes_before, UPLIFTS.minutes_after) == (24 * 60, 10)


def test_the_baseline_by_hand():
    base = ads(1).loc["baseline"]
    # 1,000,000 元 / 50 元 per user = 20,000 conversions; / 2% = 1,000,000 clicks; x 150 元 = 3,000,000 元; ROI 3.
    assert base["conversions"] == pytest.approx(20_000) and base["clicks"] == pytest.approx(1_000_000)
    assert base["revenue"] == pytest.approx(3_000_000) and base["roi"] == pytest.approx(3)


@pytest.mark.parametrize("spend, rate, cac, value", [(1_000_000, 0.02, 50, 150), (5_000, 0.5, 7, 3), (1, 1, 1, 1)])
def test_uplift_strength_zero_reproduces_the_baseline(spend, rate, cac, value):
    table = ads(0, spend, rate, cac, value)
    base = table.loc["baseline"]
    for reading in model.READINGS:
        row = table.loc[reading]
        for column in ("conversions", "revenue", "roi", "cac", "conversion_rate"):
            assert row[column] == pytest.approx(base[column]), (reading, column)
        assert row["change"] == pytest.approx(0)
    assert model.material_minutes(UPLIFTS, 0) == 24 * 60


def test_full_strength_applies_each_uplift_as_the_table_states_it():
    table = ads(1)
    base = table.loc["baseline"]
    assert table.loc["conversion_rate", "conversion_rate"] == pytest.approx(0.02 * 1.30)
    assert table.loc["conversion_rate", "conversions"] == pytest.approx(base["conversions"] * 1.30)
    assert table.loc["cac", "cac"] == pytest.approx(50 * 0.70)
    assert table.loc["cac", "conversions"] == pytest.approx(1_000_000 / 35)
    assert table.loc["roi", "roi"] == pytest.approx(3 * 1.32)
    assert table.loc["roi", "revenue"] == pytest.approx(3 * 1.32 * 1_000_000)
    assert model.material_minutes(UPLIFTS, 1) == 10


def test_the_three_readings_disagree_as_the_anchors_do():
    table = ads(1)
    # A 30% higher conversion rate at the same spend lowers CAC by 1 - 1/1.3 ≈ 23%, not the table's 30%.
    assert table.loc["conversion_rate", "cac"] / table.loc["baseline", "cac"] == pytest.approx(1 / 1.3)
    assert table.loc["cac", "change"] == pytest.approx(1 / 0.7 - 1)
    assert len({round(c, 6) for c in table["change"]}) == 4


def test_every_reading_grows_with_strength_and_material_time_falls():
    series = [ads(s / 20) for s in range(21)]
    for reading in ("conversion_rate", "cac", "roi"):
        values = [t.loc[reading, "revenue"] for t in series]
        assert all(a < b for a, b in zip(values, values[1:])), reading
    minutes = [model.material_minutes(UPLIFTS, s / 20) for s in range(21)]
    assert all(a > b for a, b in zip(minutes, minutes[1:]))


def test_half_strength_is_half_of_each_uplift():
    table = ads(0.5)
    assert table.loc["conversion_rate", "change"] == pytest.approx(0.15)
    assert table.loc["roi", "change"] == pytest.approx(0.16)
    assert table.loc["cac", "cac"] == pytest.approx(50 * 0.85)
    assert model.material_minutes(UPLIFTS, 0.5) == pytest.approx((1440 + 10) / 2)


def test_conversions_and_revenue_are_linear_in_spend():
    small, large = ads(0.7, spend=10_000), ads(0.7, spend=70_000)
    assert list(large["conversions"]) == pytest.approx([x * 7 for x in small["conversions"]])
    assert list(large["roi"]) == pytest.approx(list(small["roi"]))


def test_the_grid_holds_every_strength_and_reading():
    grid = model.ad_grid(1_000_000, 0.02, 50, 150, [0, 0.5, 1], UPLIFTS)
    assert len(grid) == 3 * len(model.READINGS)
    assert sorted(set(grid["minutes"])) == pytest.approx([10, 725, 1440])


@pytest.mark.parametrize("kwargs, message", [
    ({"spend": 0}, "spend must be > 0"),
    ({"rate": 0}, r"conversion_rate must be in \(0, 1\]"),
    ({"rate": 1.2}, r"conversion_rate must be in \(0, 1\]"),
    ({"rate": 0.9}, "exceeds 100%"),  # 90% raised by 30% is more than every click
    ({"cac": -5}, "cac must be > 0"),
    ({"value": 0}, "order_value must be > 0"),
])
def test_bad_advertising_inputs_are_refused_naming_them(kwargs, message):
    args = {"spend": 1_000_000, "rate": 0.02, "cac": 50, "value": 150} | kwargs
    with pytest.raises(ValueError, match=message):
        model.ad_outcomes(args["spend"], args["rate"], args["cac"], args["value"], 1, UPLIFTS)


def test_a_strength_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="strength must be between 0 and 1"):
        ads(1.2)


def test_an_uplift_that_removes_the_whole_cost_is_refused():
    with pytest.raises(ValueError, match="positive cost"):
        Uplifts(0.3, 0.32, -1.0, 1440, 10)


# --------------------------------------------------------------------------- the data beside the report

def test_googles_own_figure_is_kept_beside_the_reports_with_its_source():
    rows = data.load("ai_ads_uplifts").set_index("id")
    google = rows.loc["google_pmax_conversions"]
    assert google["value"] == pytest.approx(0.18) and google["confidence"] == "H"
    assert "support.google.com" in data.sources()[google["source"]]["url"]
    assert rows.loc["conversion_rate_uplift", "value"] == pytest.approx(0.30)  # the report's, unchanged


def test_tencents_current_audio_prices_bracket_the_reports_audio_range():
    rows = data.load("moderation_prices")
    public = rows[(rows["modality"] == "audio") & (rows["source_type"] == "public")]
    assert 0.9 in set(public["value"]) and 0.18 in set(public["value"])  # the report's two ends
    assert (public["confidence"] == "H").all()
