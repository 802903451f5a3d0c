"""The exhibits drawn since issue 20, as built: each sits under its heading with its 来源 line, a CSV link and the
来源与说明 panel, and the chart embedded in the page holds exactly the data rows (values, dates, the report's words)."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from wxshop.charts.captions import METHODS
from wxshop.chapters.people_goods_place.model import place

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGES = {1: "wechat_shop", 7: "wechat_shop", 13: "people_goods_place", 14: "people_goods_place",
         **{n: "omnichannel" for n in range(39, 44)}, 46: "douyin", 52: "new_platforms"}
PLATFORMS = {39: "阿里巴巴", 40: "京东", 41: "拼多多", 42: "快手", 43: "抖音"}
DIAGRAMS = {7: "wechat_traffic_entrances", 46: "search_vs_content_chains", 52: "domain_loop"}


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


REGISTER = {int(r["number"]): r for r in rows("exhibits")}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def section(site: Path, number: int) -> str:
    """The exhibit's own section of its page: from its anchor to the next section."""
    html = (site / "notebooks" / f"{PAGES[number]}.html").read_text(encoding="utf-8")
    start = html.index(f'id="exhibit-{number}"')
    ends = [i for i in (html.find("<section", start + 1), html.find("</section>", start)) if i > 0]
    return html[start:min(ends)]


def datasets(body: str) -> list[list[dict]]:
    """Every inline dataset of the (compiled Vega) charts in ``body``."""
    found = []
    for spec in re.findall(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', body, flags=re.S):
        vega = json.loads(spec.replace("<\\/", "</"))
        found += [d["values"] for d in vega.get("data", []) if isinstance(d.get("values"), list)]
    return found


def dataset_with(body: str, *keys: str) -> list[dict]:
    matches = [d for d in datasets(body) if d and all(k in d[0] for k in keys)]
    assert matches, f"no dataset with {keys}"
    return matches[0]


@pytest.mark.parametrize("number", sorted(PAGES))
def test_each_new_exhibit_has_one_chart_its_source_line_csv_and_what_the_edition_did(site, number):
    body = section(site, number)
    register = REGISTER[number]
    assert body.count('class="wxshop-figure"') == 1 and "wxshop-described" not in body, number
    assert f"原图{register['source_line']}" in body, number
    for name in register["resources"].split():
        assert f'../data/{name}.csv" download' in body, (number, name)
    panel = re.search(r'<details class="wxshop-sources-panel">(.*?)</details>', body, flags=re.S).group(1)
    assert METHODS[register["status"]] in panel.replace("&quot;", "\"")
    description = re.search(r'<div class="wxshop-chart" role="img" aria-label="([^"]+)"', body).group(1)
    assert len(description) > 20, number


@pytest.mark.parametrize("number", sorted(PLATFORMS))
def test_a_platform_timeline_draws_its_dated_moves_with_the_reports_sentences(site, number):
    body = section(site, number)
    mine = [r for r in rows("platform_strategy_events") if r["platform"] == PLATFORMS[number]]
    moves = [r for r in mine if r["kind"] == "move"]
    drawn = dataset_with(body, "when", "quote", "shown")
    assert sorted((d["when"], d["text"], d["quote"]) for d in drawn) == sorted(
        (r["when"], r["text"], r["quote"]) for r in moves)
    assert all(squash(d["shown"]) == squash(d["text"]) for d in drawn)
    (headline,) = [r["text"] for r in mine if r["kind"] == "headline"]
    spec = re.search(r'<figure class="wxshop-figure"[^>]*data-title="([^"]+)"', body).group(1)
    assert spec == headline  # the title is 3.4's "从…到…" sentence
    table = re.search(r'<details class="wxshop-points">(.*?)</details>', body, flags=re.S).group(1)
    assert table.count("<tr><td>") == len(moves)


@pytest.mark.parametrize("number, name", DIAGRAMS.items())
def test_a_diagram_draws_every_part_with_the_reports_words(site, number, name):
    body = section(site, number)
    parts = rows(name)
    boxes = dataset_with(body, "x0", "y0", "shown")
    assert sorted(b["part"] for b in boxes) == sorted(r["part"] for r in parts if r["kind"] == "node")
    by_part = {r["part"]: r for r in parts}
    for box in boxes:
        assert squash(box["shown"]) == squash(by_part[box["part"]]["text"])
        assert box["quote"] == by_part[box["part"]]["quote"]
    arrows = dataset_with(body, "head_y")
    assert sorted(a["part"] for a in arrows) == sorted(r["part"] for r in parts if r["kind"] == "edge")
    words = {squash(r["text"]) for r in parts if r["kind"] != "node" and r["text"]} | {
        squash(r["detail"]) for r in parts if r["detail"]}
    labels = [d for d in datasets(body) if d and "align" in d[0]]
    assert words == {squash(label["shown"]) for group in labels for label in group}
    assert f"图表{number} 示意图的部件与报告原文" in body


def test_exhibit_46_lays_the_two_chains_the_report_writes_side_by_side(site):
    boxes = {b["part"]: b for b in dataset_with(section(site, 46), "x0", "y0", "shown")}
    chain = lambda lane: [squash(boxes[f"{lane}{i}"]["shown"]) for i in range(1, 5)]  # noqa: E731
    assert chain("t") == ["搜索关键词", "商品页", "加购", "支付"]  # 4.1: 搜索关键词→商品页→加购→支付
    assert chain("d") == ["需求预测", "内容匹配", "加购", "支付"]  # 4.1: “需求预测→内容匹配→加购→支付”
    assert all(boxes[f"t{i}"]["x1"] < boxes[f"d{i}"]["x0"] for i in range(1, 5))  # two lanes, left and right
    assert all(boxes[f"t{i}"]["y0"] < boxes[f"t{i + 1}"]["y0"] for i in range(1, 4))  # top to bottom


@pytest.mark.parametrize("number, name, column, key", [(13, "social_logistics_total", "value", "year"),
                                                       (14, "broadband_ports", "ports", "date")])
def test_exhibits_13_and_14_draw_each_found_year_at_its_value_with_its_grade(site, number, name, column, key):
    body = section(site, number)
    drawn = dataset_with(body, "period", "value", "grade", "source_text")
    expected = {str(r[key]): float(r[column]) for r in rows(name)}
    assert {d["period"]: d["value"] for d in drawn} == expected
    flow = number == 13  # a year's total sits mid-year, a year-end count on 31 December
    assert all(d["date"] == place(d["period"], flow=flow).date for d in drawn)
    grades = {r["confidence"] for r in rows(name)}
    assert {d["grade"][-2] for d in drawn} == grades  # '公开资料·中（M）' -> 'M'
    sources = {r["id"]: r for r in rows("sources")}
    for row in rows(name):
        assert sources[row["source"]]["publisher"] in body
    table = re.search(r'<details class="wxshop-points">(.*?)</details>', body, flags=re.S).group(1)
    assert table.count("<tr><td>") == len(expected)
