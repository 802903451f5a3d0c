"""The KOC vs KOL allocator in Debian's chromium: it draws, its controls work, it shows the model's rows."""
from __future__ import annotations

import pytest

from wxshop.chapters.new_platforms import charts, model, wiring
from wxshop.chapters.new_platforms.spec import SPEC

pytestmark = [pytest.mark.browser, pytest.mark.site]

PAGE = "notebooks/new_platforms.html"
CHARTS = 2  # 图表52's diagram, then the allocator
VIEW = 1  # the allocator
P = SPEC.defaults()
CASES = wiring.cases(P)


def curve(watch) -> list[dict]:
    rows = [r for r in watch.marks("curve", VIEW) if "engagements" in r]
    # The line and its point overlay carry the same rows; keep one per share.
    return sorted({r["koc_share"]: r for r in rows}.values(), key=lambda r: r["koc_share"])


def assert_matches_model(shown: list[dict], budget: float, case: str, objective: str) -> None:
    want = model.allocation_curve(budget, *CASES[case], P["share_step"]).to_dict("records")
    assert [r["koc_share"] for r in shown] == pytest.approx([r["koc_share"] for r in want])
    for row, expected in zip(shown, want):
        assert row["budget"] == budget and row["case"] == case
        assert (row["koc_posts"], row["kol_posts"]) == (expected["koc_posts"], expected["kol_posts"])
        assert row["value"] == pytest.approx(expected[objective], abs=0.5), row["koc_share"]  # embedded rounded


def best_marker(watch) -> float:
    (best,) = {r["koc_share"] for r in watch.marks("best_point", VIEW) if "koc_share" in r}
    return best


def test_chart_draws_the_models_rows_and_best_share_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg path").count() > 0
    assert watch.signal("budget", VIEW) == P["budget"] and watch.signal("scenario", VIEW) == P["case"]
    assert watch.signal("objective", VIEW) == P["objective"]
    shown = curve(watch)
    assert len(shown) == round(1 / P["share_step"]) + 1
    assert_matches_model(shown, P["budget"], P["case"], P["objective"])
    expected = model.best_share(model.allocation_curve(P["budget"], *CASES[P["case"]]), P["objective"])
    assert best_marker(watch) == expected["koc_share"]
    assert 0 < expected["koc_share"] < 1  # with the default assumptions the best split is interior
    assert "KOC" in watch.page.locator(".wxshop-chart").nth(VIEW).get_attribute("aria-label")
    assert watch.errors == [] and watch.blocked == []


@pytest.mark.parametrize("steps", [0, 4, 14, 24])
def test_moving_the_budget_slider_moves_the_best_share_marker_to_the_models(watch, steps):
    watch.open(PAGE, charts=CHARTS)
    budgets = charts.budget_values(P["budget"])
    target = budgets[steps]
    watch.set_control(VIEW, "budget", int(target))
    assert watch.signal("budget", VIEW) == target
    assert_matches_model(curve(watch), target, P["case"], P["objective"])
    expected = model.best_share(model.allocation_curve(target, *CASES[P["case"]]), P["objective"])
    assert best_marker(watch) == expected["koc_share"]
    here = [r for r in watch.marks("optimum_here", VIEW) if "budget" in r]
    assert [r["budget"] for r in here] == [target]
    assert watch.errors == [] and watch.blocked == []


def test_the_budget_readout_is_formatted_in_chinese(watch):
    watch.open(PAGE, charts=CHARTS)
    output = watch.page.locator(".wxshop-figure").nth(VIEW).locator("output").first
    assert output.inner_text() == "10万元"
    watch.set_control(VIEW, "budget", 500000)
    assert output.inner_text() == "50万元"
    assert watch.control(VIEW, "budget").get_attribute("aria-valuetext") == "50万元"


@pytest.mark.parametrize("case", ["low", "high"])
def test_choosing_a_case_redraws_with_the_models_rows(watch, case):
    watch.open(PAGE, charts=CHARTS)
    before = curve(watch)
    watch.set_control(VIEW, "scenario", case)
    after = curve(watch)
    assert [r["value"] for r in after] != [r["value"] for r in before]
    assert_matches_model(after, P["budget"], case, P["objective"])


@pytest.mark.parametrize("objective", ["reach", "conversions"])
def test_choosing_an_objective_shows_that_objective_and_its_best_share(watch, objective):
    watch.open(PAGE, charts=CHARTS)
    watch.set_control(VIEW, "objective", objective)
    assert_matches_model(curve(watch), P["budget"], P["case"], objective)
    expected = model.best_share(model.allocation_curve(P["budget"], *CASES[P["case"]]), objective)
    assert best_marker(watch) == expected["koc_share"]


def test_the_marginal_view_shows_each_sides_next_post_return(watch):
    watch.open(PAGE, charts=CHARTS)
    rows = [r for r in watch.marks("marginal", VIEW) if "marginal" in r]
    want = model.allocation_curve(P["budget"], *CASES[P["case"]]).set_index("koc_share")
    assert rows
    for row in rows:
        side = "koc" if row["side"] == "koc_marginal" else "kol"
        expected = want.loc[row["koc_share"], f"{side}_marginal_{P['objective']}"]
        assert row["marginal"] == pytest.approx(expected, rel=1e-5)


def test_the_dropdowns_show_chinese_names(watch):
    watch.open(PAGE, charts=CHARTS)
    cases = watch.control(VIEW, "scenario").locator("option").all_inner_texts()
    assert cases == [model.CASE_LABELS[c] for c in model.CASES]
    objectives = watch.control(VIEW, "objective").locator("option").all_inner_texts()
    assert objectives == [model.OBJECTIVE_LABELS[o] for o in model.OBJECTIVES]


@pytest.mark.parametrize("path", ["book/index.html", "book/risks.html", "book/ratings.html", "book/data_methods.html",
                                  "book/exhibits.html", "book/parameters.html", "search.html?q=微信小店"])
def test_other_pages_load_without_errors_or_other_hosts(watch, path):
    watch.open(path)
    watch.page.wait_for_timeout(300)
    assert watch.errors == [] and watch.blocked == []


def test_chinese_search_finds_book_terms(watch):
    for term in ("微信小店", "KOC"):
        watch.open(f"search.html?q={term}")
        watch.page.wait_for_selector("#search-results li a", timeout=10_000)
        hits = watch.page.locator("#search-results li a").all_inner_texts()
        assert hits, term
    assert watch.errors == [] and watch.blocked == []


def test_the_chapter_works_from_a_local_folder(browser, site):
    """Opened as a file (no server at all), the chart still draws and nothing is fetched from a host."""
    page = browser.new_page()
    fetched, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
               else (fetched.append(route.request.url), route.abort()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / PAGE).as_uri())
    page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
    assert page.locator(".wxshop-chart svg path").count() > 0
    page.close()
    assert fetched == [] and errors == []
