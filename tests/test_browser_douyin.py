"""Chapter 四 (4.1–4.2) in Debian's chromium: every chart draws, every control redraws its chart, and what is
drawn equals the data package's rows or the model's output for that position."""
from __future__ import annotations

import pytest

from wxshop import data
from wxshop.chapters.douyin import model
from wxshop.chapters.douyin.spec import SPEC

pytestmark = [pytest.mark.browser, pytest.mark.site]

PAGE = "notebooks/douyin.html"
P = SPEC.defaults()
CHARTS = 6  # 图表44, 45, 46's diagram, 47's comparison, the funnels, the cold start
FUNNEL_SIGNALS = {"intent": "intent", "reach": "search_reach", "sconv": "search_conversion",
                  "exposure": "exposure", "interest": "interest", "cconv": "content_conversion"}


def test_every_chart_of_the_chapter_draws_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg").count() == CHARTS
    assert watch.errors == [] and watch.blocked == []


def test_exhibit_44_draws_each_public_year_in_yi_jian_with_its_source(watch):
    watch.open(PAGE, charts=CHARTS)
    view = next(i for i in range(CHARTS) if watch.marks("express_bars", i))
    shown = {int(r["year"]): r for r in watch.marks("express_bars", view) if "yi" in r}
    table = data.load("express_delivery")
    public = table[(table["source_type"] == "public") & table["volume"].notna()]
    assert set(shown) == set(public["year"].astype(int)) == set(range(2007, 2025))  # 2007–2011 from the NBS yearbook
    for _, row in public.iterrows():
        got = shown[int(row["year"])]
        assert got["yi"] * 1e8 == pytest.approx(row["volume"], abs=1e6)  # drawn in 亿件, as the notes read it
        assert got["grade"] and row["source"] and got["source_text"]
    assert shown[2011]["yi"] == pytest.approx(36.73)  # 367311.1万件: 《中国统计年鉴2012》表16-35 and the 2011 release
    assert shown[2018]["yi"] == pytest.approx(507.1) and shown[2018]["wan_text"] == "5,071,043万件"  # the release table's
    assert shown[2019]["yi"] == pytest.approx(630) and "初值" in shown[2019]["basis"]  # 630亿件, preliminary
    assert "635.2" not in shown[2019]["basis"]  # the tooltip names no figure the bar does not show


def test_exhibit_45_draws_the_dau_milestones_as_published_with_the_wider_2020_point_apart(watch):
    watch.open(PAGE, charts=CHARTS)
    view = next(i for i in range(CHARTS) if watch.marks("dau_points", i))
    shown = {r["date"]: r for r in watch.marks("dau_points", view) if "yi" in r}
    assert set(shown) == {"2018-06", "2019-01", "2019-07", "2020-01", "2020-08"}
    # From the sources: >1.5亿, 2.5亿, about 3.2亿, >4亿, >6亿 (the last including 抖音火山版).
    assert {d: r["yi"] for d, r in shown.items()} == {"2018-06": 1.5, "2019-01": 2.5, "2019-07": 3.2,
                                                     "2020-01": 4.0, "2020-08": 6.0}
    assert shown["2020-01"]["label"] == "＞4亿" and shown["2019-07"]["label"] == "约3.2亿"
    assert "火山版" in shown["2020-08"]["scope"] and all("火山版" not in r["scope"] for d, r in shown.items()
                                                       if d != "2020-08")
    assert all(r["source_text"] and r["grade"] for r in shown.values())
    notes = [r for r in watch.marks("dau_scope_note", view) if "date" in r]
    assert [r["date"] for r in notes] == ["2020-08"]


def cells(watch, view: int) -> dict[str, str]:
    return {r["part"]: r["text"].replace("\n", "") for r in watch.marks("cmp_cells", view) if "part" in r}


def test_exhibit_47_shows_the_picked_dimensions_three_cells_verbatim(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("dimension")
    table = data.load("exhibit47_algorithm_comparison").sort_values("row")
    first = table.iloc[0]
    assert watch.signal("dimension", view) == first["对比维度"]
    assert cells(watch, view) == {k: first[k] for k in ("传统电商", "抖音电商", "核心差异")}
    for _, row in table.iloc[[4, 7, 8]].iterrows():  # 流量分配机制, 冷启动处理, 实时性
        watch.set_control(view, "dimension", row["对比维度"])
        assert cells(watch, view) == {k: row[k] for k in ("传统电商", "抖音电商", "核心差异")}
        heads = [r["text"] for r in watch.marks("cmp_heads", view) if "text" in r]
        assert f"对比维度：{row['对比维度']}" in heads and "核心差异" in heads
    assert watch.errors == []


def funnel_rows(watch, view: int) -> dict[str, dict]:
    rows = {}
    for mark, funnel in (("search_orders", "search"), ("content_orders", "content")):
        found = [r for r in watch.marks(mark, view) if "orders" in r]
        assert found, mark
        assert len({r["orders"] for r in found}) == 1  # one slider position: one row, drawn as its two parts
        rows[funnel] = found[0]
    return rows


def assert_funnels_equal_model(watch, view: int, rates: dict[str, float]) -> None:
    want = model.funnels(**{k: v for k, v in rates.items()}).set_index("funnel")
    shown = funnel_rows(watch, view)
    for funnel in ("search", "content"):
        for column in ("orders", "planned", "unplanned"):
            assert shown[funnel][column] == pytest.approx(want.loc[funnel, column], abs=0.01), (funnel, column)
    share = [r for r in watch.marks("content_share", view) if "ushare" in r]
    assert share[0]["ushare"] == pytest.approx(want.loc["content", "unplanned_share"], abs=1e-4)


def test_the_funnel_chart_starts_at_the_chapters_rates(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("interest")
    for signal, param in FUNNEL_SIGNALS.items():
        assert watch.signal(signal, view) == pytest.approx(P[param] * 100)
    rates = {param: P[param] for param in FUNNEL_SIGNALS.values()}
    assert_funnels_equal_model(watch, view, rates)
    # By hand: 10000 x 10% x 40% x 10% = 40 search orders; content 10000 x 20% x 4% x (10% + 90% x 10%) = 15.2.
    shown = funnel_rows(watch, view)
    assert shown["search"]["orders"] == pytest.approx(40) and shown["content"]["orders"] == pytest.approx(15.2)
    anchor = [r for r in watch.marks("anchor_rule", view) if "ushare" in r]
    assert [r["ushare"] for r in anchor] == [pytest.approx(0.712)]  # the report's 71.2%, as a reference line


@pytest.mark.parametrize("signal, value", [("intent", 25), ("reach", 80), ("sconv", 20), ("exposure", 60),
                                           ("interest", 20), ("cconv", 8)])
def test_each_funnel_slider_redraws_with_the_models_orders(watch, signal, value):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("interest")
    before = funnel_rows(watch, view)
    watch.set_control(view, signal, value)
    rates = {param: P[param] for param in FUNNEL_SIGNALS.values()}
    rates[FUNNEL_SIGNALS[signal]] = value / 100
    assert_funnels_equal_model(watch, view, rates)
    after = funnel_rows(watch, view)
    moved = "search" if signal in ("reach", "sconv") else "content"
    assert after[moved]["orders"] > before[moved]["orders"]  # every rate raised: more orders
    assert watch.errors == []


def test_a_funnel_slider_readout_is_in_per_cent(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("interest")
    watch.set_control(view, "exposure", 70)
    output = watch.page.locator(".wxshop-figure").nth(view).locator("[data-signal='exposure'] + output")
    assert output.inner_text() == "70%"


def hits(watch, view: int) -> dict[str, float]:
    return {r["channel"]: r["days"] for r in watch.marks("cold_hits", view) if "days" in r}


def test_the_cold_start_chart_marks_the_models_days_and_follows_both_sliders(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("spread")
    assert watch.signal("spread", view) == pytest.approx(P["spread_rate"] * 100)
    want = model.cold_start(P["potential_buyers"], P["target_orders"], P["ad_daily_orders"], P["seed_daily_orders"],
                            P["spread_rate"])
    shown = hits(watch, view)
    assert shown["search_ads"] == pytest.approx(want["days_search_ads"], abs=0.01)
    assert shown["viral_video"] == pytest.approx(want["days_viral_video"], abs=0.01)
    previous = shown["viral_video"]
    for spread in (50, 80, 100):
        watch.set_control(view, "spread", spread)
        days = hits(watch, view)["viral_video"]
        expected = model.cold_start(P["potential_buyers"], P["target_orders"], P["ad_daily_orders"],
                                    P["seed_daily_orders"], spread / 100)["days_viral_video"]
        assert days == pytest.approx(expected, abs=0.01) and days < previous  # faster as it spreads faster
        here = [r for r in watch.marks("days_here", view) if "key" in r]
        assert [r["key"] for r in here] == [spread]
        previous = days
    watch.set_control(view, "ads", 200)
    expected = model.cold_start(P["potential_buyers"], P["target_orders"], 200, P["seed_daily_orders"], 1.0)
    assert hits(watch, view)["search_ads"] == pytest.approx(expected["days_search_ads"], abs=0.01)
    rule = [r for r in watch.marks("days_ads", view) if "days" in r]
    assert [r["key"] for r in rule] == [200]
    curves = [r for r in watch.marks("cold_curves", view) if "orders" in r]
    assert {(r["channel"], r["key"]) for r in curves} == {("search_ads", 200), ("viral_video", 100)}
    assert watch.errors == []
