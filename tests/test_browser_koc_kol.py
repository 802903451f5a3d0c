"""The KOC vs KOL chart in Debian's chromium: it draws, its controls work, it shows the model's rows."""
from __future__ import annotations

import math

import pytest
from conftest import COLLECT_VIEWS

from wxshop import data
from wxshop.models import koc_kol
from wxshop.params import defaults

PAGE = "notebooks/new_platforms.html"
CASES = koc_kol.cases_from_table(data.load("koc_kol_cases"))
DEFAULTS = defaults("new_platforms")


def curve(watch) -> list[dict]:
    rows = [r for r in watch.marks("curve") if "engagements" in r]
    # The line and its point overlay carry the same rows; keep one per share.
    return sorted({r["koc_share"]: r for r in rows}.values(), key=lambda r: r["koc_share"])


def expected(budget: float, case: str) -> list[dict]:
    koc, kol = CASES[case]
    return koc_kol.allocation_curve(budget, koc, kol, DEFAULTS["share_step"]).to_dict("records")


def assert_matches_model(shown: list[dict], budget: float, case: str) -> None:
    model = expected(budget, case)
    assert [r["koc_share"] for r in shown] == pytest.approx([r["koc_share"] for r in model])
    for row, want in zip(shown, model):
        assert row["budget"] == budget and row["case"] == case
        for column in ("koc_posts", "kol_posts"):
            assert row[column] == want[column], (column, row["koc_share"])
        for column in ("reach", "engagements"):  # embedded rounded to whole numbers
            assert row[column] == pytest.approx(want[column], abs=0.5), (column, row["koc_share"])
        if not math.isnan(want["cost_per_engagement"]):
            assert row["cost_per_engagement"] == pytest.approx(want["cost_per_engagement"], abs=1e-4)


def test_chart_draws_the_models_rows_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=1)
    svg_paths = watch.page.locator(".wxshop-chart svg path").count()
    assert svg_paths > 0
    assert watch.signal("budget") == DEFAULTS["budget"]
    assert watch.signal("scenario") == DEFAULTS["case"]
    shown = curve(watch)
    assert len(shown) == round(1 / DEFAULTS["share_step"]) + 1
    assert_matches_model(shown, DEFAULTS["budget"], DEFAULTS["case"])
    best = [r for r in watch.marks("best") if "engagements" in r]
    model_best = koc_kol.best_share(koc_kol.allocation_curve(DEFAULTS["budget"], *CASES[DEFAULTS["case"]]))
    assert [r["koc_share"] for r in best] == [model_best["koc_share"]]
    label = watch.page.locator(".wxshop-chart").get_attribute("aria-label")
    assert "KOC" in label
    assert watch.errors == [] and watch.blocked == []


def test_moving_the_budget_slider_redraws_with_the_models_rows(watch):
    watch.open(PAGE, charts=1)
    before = curve(watch)
    slider = watch.page.locator(".wxshop-chart input[type=range]")
    low, step = float(slider.get_attribute("min")), float(slider.get_attribute("step"))
    target = low + 9 * step
    slider.fill(str(int(target)))
    watch.page.wait_for_function(f"window.__views[0].signal('budget') === {target}")
    watch.page.evaluate("window.__views[0].runAsync().then(() => true)")
    after = curve(watch)
    assert [r["engagements"] for r in after] != [r["engagements"] for r in before]
    assert_matches_model(after, target, DEFAULTS["case"])
    assert watch.errors == [] and watch.blocked == []


@pytest.mark.parametrize("case", ["low", "high"])
def test_choosing_a_case_redraws_with_the_models_rows(watch, case):
    watch.open(PAGE, charts=1)
    before = curve(watch)
    watch.page.locator(".wxshop-chart select").select_option(case)
    watch.page.wait_for_function(f"window.__views[0].signal('scenario') === '{case}'")
    watch.page.evaluate("window.__views[0].runAsync().then(() => true)")
    after = curve(watch)
    assert [r["engagements"] for r in after] != [r["engagements"] for r in before]
    assert_matches_model(after, DEFAULTS["budget"], case)
    assert watch.errors == [] and watch.blocked == []


def test_the_dropdown_shows_chinese_case_names(watch):
    watch.open(PAGE, charts=1)
    labels = watch.page.locator(".wxshop-chart select option").all_inner_texts()
    assert labels == [koc_kol.CASE_LABELS[c] for c in koc_kol.CASES]


@pytest.mark.parametrize("path", ["book/index.html", "book/risks_ratings.html", "book/data_methods.html",
                                  "search.html?q=微信小店"])
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
    page.add_init_script(COLLECT_VIEWS)
    fetched, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
               else (fetched.append(route.request.url), route.abort()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / PAGE).as_uri())
    page.wait_for_function("window.__views && window.__views.length >= 1")
    assert page.locator(".wxshop-chart svg path").count() > 0
    page.close()
    assert fetched == [] and errors == []
