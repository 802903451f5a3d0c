"""Chapter 一 in Debian's chromium: the timeline, the two models and the gift case draw what the data and the
models give, and every control changes its chart."""
from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from wxshop.chapters.wechat_shop import fee_model, flywheel, timeline, wiring
from wxshop.chapters.wechat_shop.spec import SPEC

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/wechat_shop.html"
P = SPEC.defaults()
CHARTS = 5  # the timeline (图表1–2), 图表7's diagram, the fee model, the 东方甄选 case, the loop
YI, WAN = 1e8, 1e4
with (ROOT / "data" / "tencent_ecommerce_events.csv").open(encoding="utf-8", newline="") as handle:
    ROWS = list(csv.DictReader(handle))


def utc_ms(day: date) -> int:
    """A day as the browser holds a parsed ISO date: milliseconds since the epoch, UTC midnight."""
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def events(watch, view: int) -> list[dict]:
    return [r for r in watch.marks("event_", view) if "quote" in r]


def test_every_chart_of_the_chapter_draws_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg").count() == CHARTS
    assert watch.errors == [] and watch.blocked == []


# --------------------------------------------------------------------------- the timeline

def test_the_timeline_draws_one_mark_per_sourced_event_over_the_reports_period(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("attempt")
    assert watch.signal("attempt", view) == "全部"
    drawn = events(watch, view)
    assert len(drawn) == len(ROWS) == 23  # 14 dated events in the 1.1 text, 9 rows of 图表2
    assert sorted(r["row"] for r in drawn) == sorted(int(r["row"]) for r in ROWS)
    for row in drawn:
        span = timeline.period(row["when"])
        assert (row["start"], row["end"]) == (utc_ms(span.start), utc_ms(span.end)), row["when"]
        assert (row["precision"] == "day") == ("日" in row["when"]), row["when"]
    rings = [r for r in watch.marks("conflict_rings", view) if "quote" in r]
    assert sorted(r["row"] for r in rings) == sorted(int(r["row"]) for r in ROWS if r["conflicts_with"])


@pytest.mark.parametrize("attempt", ["尝试一", "尝试二", "尝试三"])
def test_choosing_an_attempt_shows_only_its_events(watch, attempt):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("attempt")
    watch.set_control(view, "attempt", attempt)
    drawn = events(watch, view)
    assert {r["attempt"] for r in drawn} == {attempt}
    assert len(drawn) == sum(r["attempt"] == attempt for r in ROWS)
    watch.set_control(view, "attempt", "全部")
    assert len(events(watch, view)) == len(ROWS)


def test_hovering_an_event_shows_its_date_and_the_reports_words(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("attempt")
    figure = watch.page.locator(".wxshop-figure").nth(view)
    day = next(r for r in ROWS if r["when"] == "2006年3月13日")  # a dot without a ring over it
    figure.locator(f"g.event_days_marks path[aria-label*='{day['when']}']").hover()
    tip = watch.page.locator(".wxshop-tooltip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert day["when"] in text and day["quote"].replace(" ", "")[:12] in text.replace(" ", "")
    assert "报告写到日" in text


# --------------------------------------------------------------------------- WeChat Shop monetisation

def fee_rows(watch, view: int, mark: str) -> list[dict]:
    return sorted((r for r in watch.marks(mark, view) if "revenue_yi" in r), key=lambda r: r["share"])


def test_the_wechat_fee_chart_follows_both_sliders_and_the_series_dropdown(watch):
    series_values, chosen = wiring.miniprogram_choices(P)
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("fee")
    assert watch.signal("series", view) == chosen

    def check(series: str, share_pct: float, fee_pct: float) -> None:
        line = fee_rows(watch, view, "fee_line")
        assert len(line) == 21 and line[0]["revenue_yi"] == 0  # nothing moved earns nothing
        for row in line:
            want = fee_model.incremental_fee_revenue(series_values[series], row["share"], fee_pct / 100) / YI
            assert row["series"] == series and row["revenue_yi"] == pytest.approx(want, abs=1e-4)
        (point,) = fee_rows(watch, view, "fee_point")
        assert point["share"] == pytest.approx(share_pct / 100)
        want = fee_model.incremental_fee_revenue(series_values[series], share_pct / 100, fee_pct / 100) / YI
        assert point["revenue_yi"] == pytest.approx(want, abs=1e-4)

    check(chosen, P["share"] * 100, P["fee_rate"] * 100)
    watch.set_control(view, "share", 40)
    check(chosen, 40, P["fee_rate"] * 100)
    watch.set_control(view, "fee", 2.5)
    check(chosen, 40, 2.5)
    other = next(label for label in series_values if label != chosen and not label.startswith("分析者"))
    watch.set_control(view, "series", other)
    check(other, 40, 2.5)
    # 8000亿 x 40% x 2.5% = 80亿, by hand
    (point,) = fee_rows(watch, view, "fee_point")
    assert point["revenue_yi"] == pytest.approx(80)
    assert watch.errors == [] and watch.blocked == []


# --------------------------------------------------------------------------- the 东方甄选 case

def test_the_gift_case_draws_the_reports_three_numbers(watch):
    watch.open(PAGE, charts=CHARTS)
    view = next(i for i in range(CHARTS) if watch.marks("gift_growth", i))
    growth = {r["day"]: r["value"] for r in watch.marks("gift_growth", view)}
    assert growth == {"前一日": 1, "元旦当日": pytest.approx(17.22)}  # 1 + 1622%
    (eve,) = watch.marks("gift_eve", view)
    assert eve["value"] == 500 and "下限" in eve["text"]  # 万元: “突破 500万元”
    (share,) = watch.marks("gift_share", view)
    assert share["value"] == pytest.approx(0.85)
    assert all("quote" in r and r["quote"] for r in [eve, share])


# --------------------------------------------------------------------------- the loop

PERCENT = {"capture", "repurchase", "churn"}


def loop_rows(watch, view: int) -> list[dict]:
    return sorted((r for r in watch.marks("loop_gmv", view) if "gmv" in r), key=lambda r: r["month"])


def gain_rows(watch, view: int) -> list[dict]:
    return sorted((r for r in watch.marks("loop_gain", view) if "cumulative" in r), key=lambda r: r["month"])


def assert_drawn_is_the_model(watch, view: int, values: dict) -> None:
    want = flywheel.simulate(flywheel.Loop(P["public_gmv"], values["capture"], values["repurchase"],
                                           values["churn"], values["boost"]), P["months"])
    line, bars = loop_rows(watch, view), gain_rows(watch, view)
    assert [r["month"] for r in line] == list(range(1, P["months"] + 1)) == [r["month"] for r in bars]
    for row, gmv, cumulative in zip(line, want["gmv"], want["cumulative"]):
        assert row["gmv"] == pytest.approx(gmv / WAN, abs=0.051)  # shown in 万元 to 0.1
    for row, cumulative in zip(bars, want["cumulative"]):
        assert row["cumulative"] == pytest.approx(cumulative / WAN, abs=0.051)
    base = [r for r in watch.marks("baseline_gmv", view) if "gmv" in r]
    assert {r["gmv"] for r in base} == {P["public_gmv"] / WAN}  # the loop off: 100万元 every month


def test_the_loop_chart_starts_at_the_chapters_parameters(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("capture")
    for name in ("capture", "repurchase", "churn", "boost"):
        assert watch.signal(name, view) == pytest.approx(P[name] * (100 if name in PERCENT else 1))
    assert_drawn_is_the_model(watch, view, P)
    assert loop_rows(watch, view)[0]["gmv"] == 100  # month 1: only the bought traffic


@pytest.mark.parametrize("name, position", [("capture", 40), ("repurchase", 25), ("churn", 15), ("boost", 1)])
def test_every_loop_slider_redraws_both_charts_with_the_models_numbers(watch, name, position):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("capture")
    before = gain_rows(watch, view)[-1]["cumulative"]
    watch.set_control(view, name, position)
    values = {**P, name: position / 100 if name in PERCENT else position}
    assert_drawn_is_the_model(watch, view, values)
    after = gain_rows(watch, view)[-1]["cumulative"]
    assert after != before
    assert (after < before) if name == "churn" else (after > before)  # churn loses, the others gain
    assert watch.errors == []


def test_switching_the_loop_off_with_the_capture_slider_gives_the_baseline(watch):
    watch.open(PAGE, charts=CHARTS)
    view = watch.view_with("capture")
    watch.set_control(view, "capture", 0)
    assert {r["gmv"] for r in loop_rows(watch, view)} == {P["public_gmv"] / WAN}
    assert {r["cumulative"] for r in gain_rows(watch, view)} == {0}
