"""The exhibits drawn since issue 20 in Debian's chromium: what each chart draws is its data rows (the report's
dates and words, the public values), tooltips name each node's source, and the controls change what is drawn."""
from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = ("阿里巴巴", "京东", "拼多多", "快手", "抖音")  # 图表39–43, in the page's order


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def views_drawing(watch, mark: str, count: int) -> list[int]:
    return [i for i in range(count) if watch.marks(mark, i)]


# --------------------------------------------------------------------------- 图表39–43

def test_each_platform_timeline_draws_that_platforms_dated_moves_in_date_order(watch):
    watch.open("notebooks/omnichannel.html", charts=10)
    views = views_drawing(watch, "strategy_texts", 10)
    assert len(views) == 5
    events = rows("platform_strategy_events")
    for platform, view in zip(PLATFORMS, views):
        drawn = [r for r in watch.marks("strategy_texts", view) if "quote" in r]
        moves = [r for r in events if r["platform"] == platform and r["kind"] == "move"]
        assert sorted((r["row"], squash(r["shown"])) for r in drawn) == sorted(
            (int(r["row"]), squash(r["text"])) for r in moves), platform
        dates = [r["when"] for r in sorted(watch.marks("strategy_dates", view), key=lambda r: r["y"]) if "when" in r]
        assert sorted(dates) == sorted(r["when"] for r in moves)
        assert [d[:4] for d in dates] == sorted(d[:4] for d in dates)  # top to bottom is earliest to latest
        dots = [r for r in watch.marks("strategy_dots", view) if "quote" in r]
        assert len(dots) == len(moves)
    assert watch.errors == [] and watch.blocked == []


def test_hovering_a_node_shows_the_reports_sentence_and_where_it_is(watch):
    watch.open("notebooks/omnichannel.html", charts=10)
    view = views_drawing(watch, "strategy_texts", 10)[0]  # 图表39, 阿里巴巴
    row = next(r for r in rows("platform_strategy_events") if r["when"] == "2024年8月9日")
    figure = watch.page.locator(".wxshop-figure").nth(view)
    figure.locator("g.strategy_dots_marks path").last.hover()  # the last node: 2024年8月9日
    tip = watch.page.locator(".wxshop-tooltip")
    tip.wait_for(state="visible")
    text = squash(tip.inner_text())
    assert row["when"] in text and squash(row["quote"])[:20] in text and "报告3.3节" in text


# --------------------------------------------------------------------------- the diagrams

@pytest.mark.parametrize("page, charts, prefix, name", [
    ("notebooks/wechat_shop.html", 5, "entrances", "wechat_traffic_entrances"),
    ("notebooks/douyin.html", 6, "chains", "search_vs_content_chains"),
    ("notebooks/new_platforms.html", 2, "domain", "domain_loop"),
])
def test_a_diagram_draws_every_box_arrow_and_label_with_the_reports_words(watch, page, charts, prefix, name):
    watch.open(page, charts=charts)
    (view,) = views_drawing(watch, f"{prefix}_boxes", charts)
    parts = rows(name)
    boxes = [r for r in watch.marks(f"{prefix}_boxes", view) if "part" in r]
    assert sorted(b["part"] for b in boxes) == sorted(r["part"] for r in parts if r["kind"] == "node")
    texts = [r for r in watch.marks(f"{prefix}_texts", view) if "part" in r]
    assert sorted((t["part"], squash(t["shown"])) for t in texts) == sorted(
        (r["part"], squash(r["text"])) for r in parts if r["kind"] == "node")
    heads = [r for r in watch.marks(f"{prefix}_heads", view) if "part" in r]
    assert sorted(h["part"] for h in heads) == sorted(r["part"] for r in parts if r["kind"] == "edge")
    said = {squash(r["shown"]) for r in watch.marks(f"{prefix}_labels", view) if "shown" in r}
    assert said == {squash(w) for r in parts if r["kind"] != "node" for w in (r["text"], r["detail"]) if w}
    svg = watch.page.locator(".wxshop-figure").nth(view).locator(".wxshop-chart svg")
    drawn_text = squash(svg.evaluate("s => s.textContent"))  # the words as the SVG holds them
    for row in parts:
        if row["text"]:
            assert squash(row["text"]) in drawn_text, row["part"]
    assert watch.errors == [] and watch.blocked == []


def test_hovering_a_box_of_exhibit_46_shows_the_chain_sentence_of_4_1(watch):
    watch.open("notebooks/douyin.html", charts=6)
    (view,) = views_drawing(watch, "chains_boxes", 6)
    figure = watch.page.locator(".wxshop-figure").nth(view)
    figure.locator("g.chains_boxes_marks path").nth(2).hover(force=True)  # a box of the first rows: a lane's heading or mode
    tip = watch.page.locator(".wxshop-tooltip")
    tip.wait_for(state="visible")
    assert "报告原文" in tip.inner_text() and "出处" in tip.inner_text()


# --------------------------------------------------------------------------- 图表13 and 14: the era and scale controls

@pytest.mark.parametrize("mark, name, column, key", [("logistics_points", "social_logistics_total", "value", "year"),
                                                     ("ports_points", "broadband_ports", "ports", "date")])
def test_exhibits_13_and_14_draw_each_found_year_and_their_controls_change_the_drawing(watch, mark, name, column, key):
    watch.open("notebooks/people_goods_place.html", charts=8)
    (view,) = views_drawing(watch, mark, 8)
    assert watch.signal("era", view) == "pc" and watch.signal("scale", view) == "log"
    log = [r for r in watch.marks(mark, view) if "value" in r]
    expected = {str(r[key]): float(r[column]) for r in rows(name)}
    assert {r["period"]: r["value"] for r in log} == expected
    assert all(r["y"] == pytest.approx(math.log10(r["value"]), abs=1e-6) for r in log)
    ringed = {r["period"] for r in watch.marks(mark.replace("points", "chosen"), view) if "period" in r}
    assert ringed == {p for p in expected if int(p) <= 2012}  # the PC era (1998–2012), 2.1's
    watch.set_control(view, "scale", "linear")
    assert all(r["y"] == r["value"] for r in watch.marks(mark, view) if "value" in r)
    watch.set_control(view, "era", "live")
    ringed = {r["period"] for r in watch.marks(mark.replace("points", "chosen"), view) if "period" in r}
    assert ringed == {p for p in expected if int(p) >= 2019}
    assert watch.errors == []
