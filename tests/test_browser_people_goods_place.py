"""Chapter 二 (2.1–2.3) in Debian's chromium: the era and scale controls and the explorer, against the data."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from wxshop.chapters.people_goods_place import model

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/people_goods_place.html"
CHARTS = 8  # 图表12, 13, 14, 17, the express chart, 19, 20 and the explorer


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def view_of(watch, mark: str) -> int:
    """Index of the first figure drawing a mark named ``mark``."""
    for index in range(CHARTS):
        if watch.marks(mark, index):
            return index
    raise AssertionError(f"no figure draws {mark!r}")


def data_rows(watch, mark: str, view: int) -> list[dict]:
    return [r for r in watch.marks(mark, view) if "value" in r or "era" in r]


def test_every_chart_draws_without_errors_or_other_hosts(watch):
    watch.open(PAGE, charts=CHARTS)
    assert watch.page.locator(".wxshop-chart svg").count() == CHARTS
    assert watch.errors == [] and watch.blocked == []


def test_each_chart_opens_on_its_sections_era_and_the_explorer_on_all_three(watch):
    watch.open(PAGE, charts=CHARTS)
    eras = [watch.signal("era", i) for i in range(CHARTS)]
    assert eras == ["pc", "pc", "pc", "mobile", "mobile", "live", "live", "all"]  # 2.1 (3), 2.2 (2), 2.3 (2), explorer
    assert all(watch.signal("scale", i) == "log" for i in range(CHARTS))


def test_choosing_an_era_rings_that_eras_points_and_outlines_its_band(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "netizens_points")
    everything = data_rows(watch, "netizens_points", view)
    for era in ("all", "pc", "mobile"):
        watch.set_control(view, "era", era)
        ringed = data_rows(watch, "netizens_chosen", view)
        expected = [r for r in everything if era == "all" or r["era"] == era]
        assert sorted((r["period"], r["legend"]) for r in ringed) == sorted((r["period"], r["legend"]) for r in expected)
        focus = [r for r in watch.marks("netizens_focus", view) if "era" in r]
        assert [r["era"] for r in focus] == ([] if era == "all" else [era])
    # 1998-2012 is the PC era: every point of the exhibit but the October 1997 count is in it
    watch.set_control(view, "era", "pc")
    assert {r["period"] for r in everything} - {r["period"] for r in data_rows(watch, "netizens_chosen", view)} == {"1997-10"}
    assert watch.errors == []


def test_the_scale_control_switches_between_logarithms_and_values(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "stations_points")
    log = data_rows(watch, "stations_points", view)
    assert all(r["y"] == pytest.approx(math.log10(r["value"]), abs=1e-6) for r in log)
    watch.set_control(view, "scale", "linear")
    linear = data_rows(watch, "stations_points", view)
    assert all(r["y"] == r["value"] for r in linear)
    stations = {int(r["year"]): float(r["stations"]) for r in rows("base_stations_5g")}
    assert sorted(r["value"] for r in linear) == sorted(stations.values())  # every year-end count, 2020 a gap
    label = watch.page.locator(".wxshop-figure").nth(view).locator("select[data-signal='scale'] option:checked")
    assert label.inner_text() == "线性刻度"


def test_exhibit_20_labels_each_point_with_its_publisher_and_draws_no_line(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "livestream_points")
    shown = data_rows(watch, "livestream_points", view)
    expected = {(int(r["year"]), r["publisher"] if r["source_type"] == "public" else "报告原文")
                for r in rows("livestream_market_size")}
    assert {(int(r["period"]), r["legend"]) for r in shown} == expected
    assert watch.marks("livestream_line", view) == []


def test_exhibit_17_marks_the_reports_shares_beside_cnnics(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "share_points")
    shown = data_rows(watch, "share_points", view)
    report = sorted(r["value"] for r in shown if r["kind"] == "report")
    assert report == [0.745, 0.983]
    june, december = (next(r for r in shown if r["period"] == d and r["kind"] == "public") for d in ("2018-06", "2018-12"))
    assert (june["value"], december["value"]) == (0.983, 0.986)


def test_the_explorer_selects_the_reports_cells_by_era_and_dimension(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "cells_bg")
    tables = {"pc": rows("exhibit15_pc_era_people_goods_place"), "mobile": rows("exhibit18_mobile_era_people_goods_place"),
              "live": rows("exhibit21_livestream_era_people_goods_place")}
    cell = {(era, r["对比维度"]): r[list(r)[2]] for era, table in tables.items() for r in table}
    assert len([r for r in watch.marks("cells_on", view) if "text" in r]) == 9  # all three eras side by side
    watch.set_control(view, "era", "mobile")
    watch.set_control(view, "dimension", "货")
    (picked,) = [r for r in watch.marks("cells_on", view) if "text" in r]
    assert (picked["era"], picked["dimension"], picked["text"]) == ("mobile", "货", cell[("mobile", "货")])
    assert picked["header"] == "用户粘性"  # the table's own header, flagged as a slip beside it
    watch.set_control(view, "era", "all")
    picked = [r for r in watch.marks("cells_on", view) if "text" in r]
    assert sorted((r["era"], r["text"]) for r in picked) == sorted((e, cell[(e, "货")]) for e in tables)
    assert watch.errors == []


def test_one_era_control_highlights_every_series_of_the_explorer(watch):
    watch.open(PAGE, charts=CHARTS)
    view = view_of(watch, "cells_bg")
    watch.set_control(view, "era", "mobile")
    parcels = {int(r["year"]) for r in rows("express_delivery") if r["yuan_per_parcel"]}
    ringed = data_rows(watch, "parcel_chosen", view)
    assert {int(r["period"]) for r in ringed} == {y for y in parcels if 2013 <= y <= 2018}
    assert data_rows(watch, "stations_chosen", view) == []  # no 5G base station before 2019
    for panel in ("people", "share", "parcel", "stations", "livestream"):
        focus = [r for r in watch.marks(f"{panel}_focus", view) if "era" in r]
        assert [r["era"] for r in focus] == ["mobile"], panel
        assert all(r["era"] == "mobile" for r in data_rows(watch, f"{panel}_chosen", view)), panel
    watch.set_control(view, "era", "live")
    assert {int(r["period"]) for r in data_rows(watch, "stations_chosen", view)} == \
        {int(r["year"]) for r in rows("base_stations_5g")}
    assert model.era_of("2019") == "live"
