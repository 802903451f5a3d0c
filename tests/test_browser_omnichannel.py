"""Chapter 三 in Debian's chromium: its charts draw from the data package and the models, its controls work."""
from __future__ import annotations

import pytest

from wxshop import data, provenance
from wxshop.chapters.omnichannel import model as take_rate
from wxshop.chapters.omnichannel import wiring
from wxshop.chapters.omnichannel.spec import SPEC

pytestmark = [pytest.mark.browser, pytest.mark.site]

PAGE = "notebooks/omnichannel.html"
P = SPEC.defaults()
GMV, RATES, EXEMPT = wiring.take_rate_inputs(P)
CHARTS = 10  # 图表33, 34, 35, 37, the take-rate model chart and 图表39–43's timelines (the WeChat Shop fee model is in chapter 一)
YI = 1e8


def view_with(watch, signal: str) -> int:
    return watch.view_with(signal)


def set_control(watch, view: int, signal: str, value) -> None:
    watch.set_control(view, signal, value)


def bars(watch, view: int) -> dict[str, dict]:
    return {r["label"]: r for r in watch.marks("revenue_bars", view) if "revenue_yi" in r}


def assert_bars_equal_model(shown: dict[str, dict], case: str, shift: float) -> None:
    model = take_rate.revenue_table(GMV, RATES[case], shift, EXEMPT)
    assert set(shown) == set(model["label"])
    for _, row in model.iterrows():
        got = shown[row["label"]]
        assert got["case"] == case and got["shift_pp"] == pytest.approx(shift)
        assert got["take_rate"] == pytest.approx(row["take_rate"], abs=1e-8)
        assert got["revenue_yi"] == pytest.approx(row["revenue"] / YI, abs=1e-4), row["label"]
        assert got["per_pp_yi"] == pytest.approx(row["per_pp"] / YI, abs=1e-4)


def test_every_chart_of_the_chapter_draws_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg").count() == CHARTS
    assert watch.errors == [] and watch.blocked == []


def test_exhibit_33_draws_each_data_point_with_its_source_and_grade(watch):
    watch.open(PAGE, charts=CHARTS)
    frame = data.load("ecommerce_transaction_volume")
    expected = {int(y): v for y, v in zip(frame["year"], frame["value"])}
    view = next(i for i in range(CHARTS) if any(r.get("grade") and str(r.get("year")) == "2014"
                                                 for r in watch.marks("bars", i)))
    shown = {int(r["year"]): r for r in watch.marks("bars", view)}
    assert set(shown) == set(expected) and 2023 not in shown  # no public figure for 2023: no bar
    for year, row in shown.items():
        assert row["shown"] * 1e12 == pytest.approx(expected[year])
        assert row["source_text"] and row["grade"]
    assert shown[2020]["grade"] == provenance.GRADE_LABELS["L"]
    assert shown[2024]["grade"] == provenance.GRADE_LABELS["report"]
    assert "59.4%" in shown[2014]["yoy_text"] and "57.6%" in shown[2014]["yoy_text"]


def test_the_take_rate_chart_shows_the_models_revenue_for_the_default_case(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_with(watch, "shift")
    assert watch.signal("scenario", view) == P["case"] and watch.signal("shift", view) == P["shift_pp"]
    assert_bars_equal_model(bars(watch, view), P["case"], P["shift_pp"])


def test_moving_the_shift_slider_redraws_bars_with_the_models_revenue(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_with(watch, "shift")
    before = bars(watch, view)
    set_control(watch, view, "shift", 1.5)
    assert watch.signal("shift", view) == 1.5
    after = bars(watch, view)
    assert all(after[k]["revenue_yi"] > before[k]["revenue_yi"] for k in before)
    assert_bars_equal_model(after, P["case"], 1.5)
    points = [r for r in watch.marks("sensitivity_points", view) if "revenue_yi" in r]
    assert {r["shift_pp"] for r in points} == {1.5}  # the sensitivity chart marks the same position
    assert watch.errors == []


@pytest.mark.parametrize("case", ["low", "high"])
def test_choosing_a_take_rate_case_redraws_bars_and_sensitivity_lines(watch, case):
    watch.open(PAGE, charts=CHARTS)
    view = view_with(watch, "shift")
    set_control(watch, view, "scenario", case)
    assert watch.signal("scenario", view) == case
    assert_bars_equal_model(bars(watch, view), case, P["shift_pp"])
    lines = [r for r in watch.marks("sensitivity_lines", view) if "revenue_yi" in r]
    assert {r["case"] for r in lines} == {case}
    grid = take_rate.scenario_grid(GMV, {case: RATES[case]}, sorted({r["shift_pp"] for r in lines}), EXEMPT)
    want = {(r["label"], round(r["shift_pp"], 6)): r["revenue"] / YI for _, r in grid.iterrows()}
    assert len(lines) == len(want)
    for row in lines:
        assert row["revenue_yi"] == pytest.approx(want[(row["label"], round(row["shift_pp"], 6))], abs=1e-4)


def visible_rows(watch) -> list[list[str]]:
    return watch.page.evaluate("""() => [...document.querySelectorAll('.wxshop-filter-table tbody tr')]
        .filter((tr) => !tr.hidden).map((tr) => [...tr.cells].map((td) => td.textContent.trim()))""")


def test_the_shift_readout_is_formatted_in_percentage_points(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_with(watch, "shift")
    set_control(watch, view, "shift", 1.25)
    output = watch.page.locator(".wxshop-figure").nth(view).locator("output")
    assert output.inner_text() == "+1.25 个百分点"


def test_exhibit_36_filters_by_platform_type_and_sorts_by_column(watch):
    watch.open(PAGE)
    table = data.load("exhibit36_platform_comparison")
    box = watch.page.locator(".wxshop-filter-table")
    assert box.locator(".wxshop-table-controls").is_visible()
    assert len(visible_rows(watch)) == len(table)
    for kind in dict.fromkeys(table["类别"]):
        box.locator("select.wxshop-filter").select_option(kind)
        rows = visible_rows(watch)
        assert sorted(r[1] for r in rows) == sorted(table[table["类别"] == kind]["平台"])
        assert box.locator(".wxshop-table-status").inner_text() == f"显示 {len(rows)} / {len(table)} 个平台"
    box.locator("select.wxshop-filter").select_option("")
    assert len(visible_rows(watch)) == len(table)

    header = box.locator("th[data-column='用户粘性'] button")
    header.click()
    ascending = [r[4] for r in visible_rows(watch)]
    assert box.locator("th[data-column='用户粘性']").get_attribute("aria-sort") == "ascending"
    header.click()
    descending = [r[4] for r in visible_rows(watch)]
    assert descending == ascending[::-1] and ascending != descending
    assert sorted(ascending) == sorted(table["用户粘性"])  # rows moved, none lost
    box.locator("th[data-column='平台'] button").click()
    names = [r[1] for r in visible_rows(watch)]
    assert sorted(names) == sorted(table["平台"]) and names != list(table["平台"])
    assert watch.errors == []
