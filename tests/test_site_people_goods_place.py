"""Chapter 二 (2.1–2.3) in the built site: headings, exhibits with captions, the notes on the report's slips."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/people_goods_place.html"


def article(site: Path) -> str:
    html = (site / PAGE).read_text(encoding="utf-8")
    return html[html.index('<main id="furo-main-content" role="main">'):html.index("</main>")]


def text_of(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", " ", html))


def exhibit(html: str, number: int) -> str:
    start = html.index(f'id="exhibit-{number}"')
    ends = [i for i in (html.find("<section", start + 1), html.find("</section>", start)) if i > 0]
    return html[start:min(ends)]


def editors_blocks(html: str) -> list[str]:
    return [text_of(b) for b in re.findall(r'<div class="[^"]*\beditors\b[^"]*"[^>]*>(.*?)</div>', html, flags=re.S)]


def test_the_page_is_the_chapter_heading_with_sections_21_to_23_and_not_24(site):
    html = article(site)
    assert text_of(re.search(r"<h1>(.*?)</h1>", html, flags=re.S).group(1)).startswith("二、从人、货、场三要素看电商行业演进")
    headings = [text_of(h) for h in re.findall(r"<h2>(.*?)</h2>", html, flags=re.S)]
    assert [h[:3] for h in headings] == ["2.1", "2.2", "2.3"]
    assert "未来已来" not in text_of(html)  # 2.4 is another page
    assert "AI+将带动电商行业变革" not in text_of(html)


def test_every_exhibit_12_to_21_is_there_in_order_with_its_caption(site):
    html = article(site)
    positions = [html.index(f'id="exhibit-{n}"') for n in range(12, 22)]
    assert positions == sorted(positions)
    with (ROOT / "data" / "exhibits.csv").open(encoding="utf-8", newline="") as handle:
        register = {int(r["number"]): r for r in csv.DictReader(handle)}
    for number in range(12, 22):
        body = exhibit(html, number)
        assert register[number]["source_line"] in body, number
        if register[number]["status"] == "described":
            assert "wxshop-figure" not in body, number
        if register[number]["status"] == "rebuilt_from_public":
            assert "wxshop-figure" in body, number
            assert ".csv" in body and "数据依据" in body  # a CSV link and the points' grades


def test_the_three_people_goods_place_tables_are_verbatim_under_their_headers(site):
    html = article(site)
    for number, name in ((15, "exhibit15_pc_era_people_goods_place"), (18, "exhibit18_mobile_era_people_goods_place"),
                         (21, "exhibit21_livestream_era_people_goods_place")):
        with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
        header = list(table[0])[2]
        body = exhibit(html, number)
        assert f"<th scope=\"col\">{header}</th>" in body
        for row in table:
            assert row[header] in body


def test_exhibit_16_lists_itus_figures_for_reference_and_says_they_are_not_the_originals(site):
    html = article(site)
    body = exhibit(html, 16)
    assert "wxshop-described" not in body and "wxshop-figure" not in body  # a table, not a chart
    text = text_of(body)
    assert "20Gbit/s" in text and "384kbit/s" in text and "不是原图" in text
    assert "原图来源：今日头条，国金证券研究所" in text and "不重画原图" in text and "imt_requirements.csv" in body


def test_the_reports_slips_are_flagged_beside_the_text(site):
    notes = editors_blocks(article(site))
    users = next(n for n in notes if "4580万" in n and "1997" in n)
    assert "62万人" in users and "400万人" in users  # CNNIC's October 1997 and June 1999 counts
    raw = next(b for b in re.findall(r'<div class="[^"]*\beditors\b[^"]*"[^>]*>(.*?)</div>', article(site), flags=re.S)
               if "4580万" in text_of(b) and "1997" in text_of(b))
    for source in ("cnnic_01", "cnnic_1999_industryweek", "cnnic_10"):  # their sources, cited by marks linking 参考文献
        assert f'references.html#src-{source}"' in raw, source
    share = next(n for n in notes if "2018年6月" in n)
    assert "98.3%" in share and "98.6%" in share
    assert any("用户粘性" in n and "演进形式" in n for n in notes)
    douyin = next(n for n in notes if "抖音" in n and "破亿" in n)
    assert "1.5亿" in douyin and "中国新闻" in douyin
    assert "快手" in douyin and "1.554亿" in douyin and "未找到" not in douyin  # Kuaishou's figures are found
    assert any("77.99" in n for n in notes)


def test_the_growth_figures_are_glued_and_tabled(site):
    html = article(site)
    notes = " ".join(editors_blocks(html))
    for figure in ("73.87倍", "11.45倍", "+125.4%", "+122.7%", "+30.5%", "-33.3%", "-7.8%", "+100.6%", "136天"):
        assert figure in notes, figure
    table = text_of(html[html.index("2.1–2.3节增长数字的复算"):])
    assert "18.55元（2012年）→12.37元（2017年）" in table


def test_the_explorer_and_its_cells_table_are_on_the_page(site):
    html = article(site)
    assert html.count('class="wxshop-figure"') == 8  # 图表12, 13, 14, 17, the express chart, 19, 20, the explorer
    assert "三张表的全部单元格" in html
    assert html.count('data-signal="era"') == 8 and html.count('data-signal="dimension"') == 1
    assert html.count('data-signal="scale"') == 8


def chart_points(fragment: str) -> list[dict]:
    """Every data point (a dict with period and legend) of the charts in ``fragment``."""
    import json

    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "period" in node and "legend" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for spec in re.findall(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', fragment, flags=re.S):
        walk(json.loads(spec.replace("<\\/", "</")))
    return found


def test_exhibit_17_draws_cnnics_2011_mobile_users_and_names_their_source(site):
    """CNNIC's 29th report: 截至2011年12月底，中国手机网民规模达到3.56亿 (北京晨报, via CCTV's big5 gateway)."""
    points = [p for p in chart_points(exhibit(article(site), 17)) if p["period"] == "2011"]
    mobile = [p for p in points if p["legend"] == "手机网民（CNNIC）"]
    assert {p["shown"] for p in mobile} == {"3.56亿人"}
    assert all("中國手機網民趕超電腦用戶" in p["source_text"] and "可信度 M" in p["source_text"] for p in mobile)
    users = [p for p in points if p["legend"] == "网民（CNNIC、国家统计局）"]
    assert {p["shown"] for p in users} == {"5.13亿人"} and all("中国统计年鉴2012" in p["source_text"] for p in users)


def test_exhibit_12_draws_cnnics_june_1999_computers_beside_the_reports(site):
    june = [p for p in chart_points(exhibit(article(site), 12)) if p["period"] == "1999-06" and "计算机" in p["legend"]]
    assert {p["shown"] for p in june} == {"146万台"}
    assert any("Virtual China" in p["source_text"] for p in june if "CNNIC" in p["legend"])
