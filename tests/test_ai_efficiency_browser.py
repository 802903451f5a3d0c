"""Section 2.4 in Debian's chromium: both model charts draw the models' rows and follow every control."""
from __future__ import annotations

import pytest

from wxshop import data
from wxshop.chapters.ai_efficiency import model, wiring
from wxshop.chapters.ai_efficiency.spec import SPEC

pytestmark = [pytest.mark.browser, pytest.mark.site]

PAGE = "notebooks/ai_efficiency.html"
CHARTS = 2  # the moderation-cost and the advertising models
P = SPEC.defaults()
VOLUMES, LABELS, CHOSEN = wiring.presets(P)
RANGES = wiring.price_ranges()
WAN = 1e4


def moderation_model(preset: str, position_pct: float):
    return model.moderation_costs(VOLUMES[preset], model.unit_prices(RANGES, position_pct / 100),
                                  wiring.human_price(P), model.human_reviews_per_unit(P["reviews_per_audio_hour"]),
                                  P["days_per_month"])


def assert_moderation_drawn(watch, view: int, preset: str, position_pct: float) -> None:
    costs = moderation_model(preset, position_pct)
    total = model.totals(costs)
    bars = {r["modality"]: r for r in watch.marks("mod_modalities", view) if "ai_wan" in r}
    assert set(bars) == set(model.MODALITIES)
    for _, row in costs.iterrows():
        got = bars[row["modality"]]
        assert got["preset"] == preset and got["pos_pct"] == pytest.approx(position_pct)
        assert got["ai_wan"] == pytest.approx(row["ai_cost"] / WAN, abs=1e-4), row["modality"]
        assert got["human_wan"] == pytest.approx(row["human_cost"] / WAN, abs=1e-4), row["modality"]
    totals = {r["who"]: r for r in watch.marks("mod_totals", view) if "cost_wan" in r}
    assert totals["AI审核"]["cost_wan"] == pytest.approx(total["ai_cost"] / WAN, abs=1e-4)
    assert totals["人工审核"]["cost_wan"] == pytest.approx(total["human_cost"] / WAN, abs=1e-4)
    (summary,) = [r for r in watch.marks("mod_summary", view) if "summary" in r]
    assert summary["saving_wan"] == pytest.approx(total["saving"] / WAN, abs=1e-4)


def test_both_model_charts_draw_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg").count() == CHARTS
    assert watch.errors == [] and watch.blocked == []


def test_the_moderation_chart_shows_the_models_costs_for_the_defaults(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("price_position")
    assert watch.signal("volume_mix", view) == CHOSEN
    assert watch.signal("price_position", view) == pytest.approx(P["position"] * 100)
    assert_moderation_drawn(watch, view, CHOSEN, P["position"] * 100)


@pytest.mark.parametrize("position_pct", [0, 30, 100])
def test_moving_the_price_position_redraws_the_ai_cost_and_leaves_the_human_cost(watch, position_pct):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("price_position")
    before = {r["who"]: r["cost_wan"] for r in watch.marks("mod_totals", view) if "cost_wan" in r}
    watch.set_control(view, "price_position", position_pct)
    assert_moderation_drawn(watch, view, CHOSEN, position_pct)
    after = {r["who"]: r["cost_wan"] for r in watch.marks("mod_totals", view) if "cost_wan" in r}
    assert after["人工审核"] == before["人工审核"]
    assert (after["AI审核"] < before["AI审核"]) == (position_pct < P["position"] * 100)
    assert watch.errors == []


def test_choosing_the_large_platform_redraws_every_bar(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("volume_mix")
    before = {r["modality"]: r["ai_wan"] for r in watch.marks("mod_modalities", view) if "ai_wan" in r}
    watch.set_control(view, "volume_mix", "large")
    assert watch.signal("volume_mix", view) == "large"
    after = {r["modality"]: r["ai_wan"] for r in watch.marks("mod_modalities", view) if "ai_wan" in r}
    assert all(after[m] > before[m] for m in model.MODALITIES)
    assert_moderation_drawn(watch, view, "large", P["position"] * 100)
    watch.set_control(view, "price_position", 80)
    assert_moderation_drawn(watch, view, "large", 80)


def ad_rows(watch, view: int, mark: str) -> dict[str, dict]:
    return {r["reading"]: r for r in watch.marks(mark, view) if "revenue_wan" in r}


def assert_ads_drawn(watch, view: int, strength_pct: float) -> None:
    want = wiring.ads(P | {"strength": strength_pct / 100}).set_index("reading")
    bars = ad_rows(watch, view, "ad_bars")
    assert set(bars) == set(model.READINGS)
    for reading, row in bars.items():
        assert row["pct"] == pytest.approx(strength_pct)
        assert row["revenue_wan"] == pytest.approx(want.loc[reading, "revenue"] / WAN, abs=1e-4), reading
        assert row["roi"] == pytest.approx(want.loc[reading, "roi"], abs=1e-6)
        assert row["conversions"] == pytest.approx(want.loc[reading, "conversions"], abs=0.01)
    points = ad_rows(watch, view, "ad_points")
    assert set(points) == {"conversion_rate", "cac", "roi"}
    assert all(r["pct"] == pytest.approx(strength_pct) for r in points.values())
    (minutes,) = [r for r in watch.marks("ad_minutes", view) if "minutes_text" in r]
    assert minutes["pct"] == pytest.approx(strength_pct)


def test_the_advertising_chart_shows_the_models_readings_at_full_strength(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("ai_strength")
    assert watch.signal("ai_strength", view) == pytest.approx(P["strength"] * 100)
    assert_ads_drawn(watch, view, P["strength"] * 100)
    lines = [r for r in watch.marks("ad_lines", view) if "change" in r]
    assert {r["reading"] for r in lines} == {"conversion_rate", "cac", "roi"}


def test_strength_zero_puts_every_reading_back_at_the_baseline(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("ai_strength")
    watch.set_control(view, "ai_strength", 0)
    bars = ad_rows(watch, view, "ad_bars")
    assert len({round(r["revenue_wan"], 4) for r in bars.values()}) == 1
    assert_ads_drawn(watch, view, 0)
    (minutes,) = [r for r in watch.marks("ad_minutes", view) if "minutes_text" in r]
    assert "24小时" in minutes["minutes_text"].split("（")[0]


@pytest.mark.parametrize("strength_pct", [25, 50, 95])
def test_moving_the_strength_slider_redraws_bars_and_markers_with_the_models_rows(watch, strength_pct):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("ai_strength")
    watch.set_control(view, "ai_strength", strength_pct)
    assert_ads_drawn(watch, view, strength_pct)
    output = watch.page.locator(".wxshop-figure").nth(view).locator("output")
    assert output.inner_text() == f"{strength_pct}%"
    assert watch.errors == []


def visible_rows(watch) -> list[list[str]]:
    return watch.page.evaluate("""() => [...document.querySelectorAll('.wxshop-filter-table tbody tr')]
        .filter((tr) => !tr.hidden).map((tr) => [...tr.cells].map((td) => td.textContent.trim()))""")


def test_exhibit_25_filters_by_review_method_and_sorts_by_price(watch):
    watch.open(PAGE)
    table = data.load("exhibit25_ai_vs_human_moderation_cost")
    box = watch.page.locator(".wxshop-filter-table")
    assert box.locator(".wxshop-table-controls").is_visible()
    assert len(visible_rows(watch)) == len(table)
    box.locator("select.wxshop-filter").select_option("人工审核")
    assert [r[2] for r in visible_rows(watch)] == ["70元/千次"]
    assert box.locator(".wxshop-table-status").inner_text() == f"显示 1 / {len(table)} 个价格"
    box.locator("select.wxshop-filter").select_option("")
    box.locator("th[data-column='定价'] button").click()
    prices = [r[2] for r in visible_rows(watch)]
    assert sorted(prices) == sorted(table["定价"]) and prices != list(table["定价"])
    assert watch.errors == []
