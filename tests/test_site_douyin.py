"""Chapter 四 (4.1–4.2) as built: the report's headings and text, its exhibits with their captions, the editors'
notes beside them, the prose figures equal to the models, and 4.3 as this chapter's section."""
from __future__ import annotations

import html as html_lib
import math
import re
from pathlib import Path

import pytest

from wxshop import data, units
from wxshop.build import toc
from wxshop.chapters.douyin import model, wiring
from wxshop.chapters.douyin.spec import SPEC

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/douyin.html"
P = SPEC.defaults()
REPEATED = "内容生态：从“商品展示”到“需求创造”的价值重构。"


def article(site: Path) -> str:
    html = (site / PAGE).read_text(encoding="utf-8")
    return html[html.index('<main id="furo-main-content" role="main">'):html.index("</main>")]


def text(html: str) -> str:
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def between(html: str, start: str, end: str | None) -> str:
    begin = html.index(start)
    return html[begin:html.index(end, begin)] if end else html[begin:]


def headings(html: str) -> list[tuple[int, str]]:
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.S)
    return [(int(level), html_lib.unescape(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", body))).replace("#", ""))
            for level, body in found]


def test_the_page_opens_with_the_reports_chapter_heading_then_its_sections(site):
    found = headings(article(site))
    assert found[0] == (1, "四、抖音电商成功启示：技术驱动行业变革，流量特点打造生态")
    sections = [t for level, t in found if level == 2]
    assert sections == ["4.1从兴趣电商到全域兴趣电商，抖音做对了什么？", "4.2对产业链影响：推动产业链的数智化转型、效率提升和生态重构"]
    subheadings = [t for level, t in found if level == 3 and not t.startswith("图表")]
    assert subheadings == ["流量侧：建立在高用户量基础上从“人找货”到“货找人”的场景革命。",
                           '算法侧：从"交易漏斗"到"需求预测"的智能跃迁。', REPEATED]


def test_the_repeated_heading_is_kept_once_with_an_editors_note(site):
    html = article(site)
    assert text(html).count(REPEATED) == 1
    after = between(html, REPEATED, "达播先行")
    assert "editors" in after and "连写了两遍" in text(after)


def test_section_4_3_is_a_section_of_this_chapter_in_the_table_of_contents(site):
    pages = toc.pages(ROOT)
    assert pages.index("notebooks/omnichannel") < pages.index("notebooks/douyin") < pages.index("notebooks/new_platforms")
    html = (site / PAGE).read_text(encoding="utf-8")
    entry = re.search(r'<li class="toctree-l1[^"]*current-page"><a[^>]*>四、抖音电商成功启示[^<]*</a>(.*?)</li>\s*<li class="toctree-l1',
                      html, flags=re.S)
    assert entry and 'href="new_platforms.html">4.3 对新入电商平台启示' in entry.group(1)


@pytest.mark.parametrize("number", range(44, 52))
def test_each_exhibit_sits_under_its_heading_in_report_order(site, number):
    html = article(site)
    following = f'id="exhibit-{number + 1}"' if number < 51 else None
    body = between(html, f'id="exhibit-{number}"', following)
    register = data.load("exhibits").set_index("number")
    assert re.sub(r"\s+", "", register.loc[number, "title"]) in re.sub(r"\s+", "", text(body))
    assert register.loc[number, "source_line"] in body
    assert ("wxshop-figure" in body) == (number in (44, 45, 46, 47))


def test_exhibit_44_and_45_name_the_originals_source_line_and_what_was_drawn(site):
    html = article(site)
    for number, drawn in ((44, "国家邮政局"), (45, "字节跳动")):
        body = between(html, f'id="exhibit-{number}"', f'id="exhibit-{number + 1}"')
        caption = re.search(r'<p class="wxshop-caption">(.*?)</p>', body, flags=re.S).group(1)
        assert "原图来源：" in caption and drawn in re.search(r'<span class="wxshop-drawn">(.*?)</span>', caption).group(1)
    body45 = text(between(html, 'id="exhibit-45"', 'id="exhibit-46"'))
    assert "含抖音火山版" in body45 and "下限" in body45


def test_exhibit_44_note_gives_the_2019_figure_the_chart_plots_and_the_years_the_yearbook_gives(site):
    body = text(between(article(site), 'id="exhibit-44"', 'id="exhibit-45"'))
    express = data.load("express_delivery")
    public = express[express["source_type"] == "public"].set_index("year")
    assert f"初值 {units.format_yi(public.loc[2019, 'volume'], '件', 1)}" in body  # 630亿件, as plotted
    assert "635.2" not in body and "2011 年没有找到" not in body and "2011年未找到" not in body
    for year in range(2007, 2012):  # the table under the chart lists the yearbook's years
        row = public.loc[year, "volume"]
        assert f"{year} {row / 100_000_000:,.1f} {row / 10_000:,.0f}万件" in body, year  # 亿件, and the original's 万件
    assert "2007–2024年中国快递业务量" in body  # the chart's description spans the years drawn


def test_the_2018_express_note_quotes_the_release_tables_figure(site):
    body = text(between(article(site), "2018年的快递量", "流量+算法+内容"))
    y2018 = data.load("express_delivery").query("year == 2018 and source_type == 'public'").iloc[0]
    assert units.format_yi(y2018["volume"], "件", 1) in body and "507.1亿件" in body


def test_exhibit_47_shows_the_full_verbatim_table(site):
    body = between(article(site), 'id="exhibit-47"', REPEATED)
    table = data.load("exhibit47_algorithm_comparison")
    for _, row in table.iterrows():
        for column in ("对比维度", "传统电商", "抖音电商", "核心差异"):
            assert f"<td>{row[column]}</td>" in body, (row["row"], column)


def test_exhibit_50_lists_only_the_two_2020_numbers_as_what_they_are(site):
    body = text(between(article(site), 'id="exhibit-50"', 'id="exhibit-51"'))
    assert "6939家" in body and "8862家" in body and "企查查" in body
    assert "2018、2019 年的数值没有找到" in body


def test_exhibit_51_names_the_active_anchor_count_as_a_different_measure(site):
    body = text(between(article(site), 'id="exhibit-51"', None))
    assert "超过40万人" in body and "不是就业人数" in body


def test_the_emotion_figure_is_shown_as_the_reports_claim_with_its_quote_and_no_source(site):
    html = article(site)
    editors = text(" ".join(re.findall(r'<div class="editors[^"]*admonition"[^>]*>(.*?)</div>', html, flags=re.S)))
    assert "71.2%的用户因情绪共鸣下单" in editors and "没有找到原始来源" in editors


def test_the_model_prose_quotes_the_models_numbers(site):
    body = text(article(site))
    table = model.funnels(*(P[k] for k in wiring.FUNNEL_PARAMS)).set_index("funnel")
    assert f"人找货每万名用户带来 {table.loc['search', 'orders']:.1f}单" in body
    assert f"货找人带来 {table.loc['content', 'orders']:.1f}单" in body
    assert f"计划外占 {units.format_percent(table.loc['content', 'unplanned_share'], 1)}" in body
    days = model.cold_start(*(P[k] for k in wiring.COLD_PARAMS))
    assert not math.isinf(days["days_search_ads"])
    assert f"搜索广告需要 {days['days_search_ads']:.1f}天" in body
    assert f"爆款视频需要 {days['days_viral_video']:.1f}天" in body


def test_every_model_default_is_labelled_an_assumption_where_it_shows(site):
    body = text(article(site))
    for shown in ("10%（假设）", "40%（假设）", "20%（假设）", "4%（假设）", "10万人（假设）", "1000 单（假设）",
                  "100 单/天（假设）", "20 单/天（假设）", "30%（假设）"):
        assert shown in body, shown
