"""Chapter 一 as built: the report's headings and text, its exhibits, the flagged slips, the models' prose."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from wxshop import units
from wxshop.build import toc, verbatim
from wxshop.chapters.wechat_shop import fee_model, flywheel, wiring
from wxshop.chapters.wechat_shop.spec import SPEC

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/wechat_shop.html"
P = SPEC.defaults()


def html(site: Path) -> str:
    text = (site / PAGE).read_text(encoding="utf-8")
    return text[text.index('<main id="furo-main-content" role="main">'):text.index("</main>")]


def plain(fragment: str) -> str:
    fragment = re.sub(r'<script type="application/json".*?</script>', "", fragment, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def between(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin:page.index(end, begin)]


def editors(fragment: str) -> str:
    return plain(" ".join(re.findall(r'<div class="editors (?:slip )?admonition"[^>]*>(.*?)</div>', fragment, flags=re.S)))


def test_the_chapter_opens_the_book_under_the_reports_headings(site):
    assert list(toc.notebooks(ROOT))[0] == "wechat_shop"
    index = (site / "book" / "index.html").read_text(encoding="utf-8")
    chapters = re.findall(r'href="(?:\.\./)?notebooks/(\w+)\.html"', index)
    assert chapters and chapters[0] == "wechat_shop"
    page = html(site)
    assert re.search(r"<h1>一、小店有望开拓“社交\+”电商新模式", page)
    assert re.search(r"<h2>1\.1 复盘腾讯电商发展，微信小店送礼物功能是腾讯社交\+电商的具体场景落地", page)
    assert re.search(r"<h2>1\.2 微信小店生态再拓圈，整合微信流量生态", page)
    numbers = [int(n) for n in re.findall(r'id="exhibit-(\d+)"', page)]
    assert numbers == list(range(1, 12))


def test_the_repeated_paragraph_of_1_2_is_kept_once_with_a_note(site):
    opening = "微信小店通过统一商品 ID 和店铺身份标识"
    page = (site / PAGE).read_text(encoding="utf-8")
    report_blocks = [text for _, text in verbatim.blocks(page) if opening.replace(" ", "") in re.sub(r"\s+", "", text)]
    assert len(report_blocks) == 1
    assert "微信小店春节初步建立起“礼物”功能心智。" in plain(html(site))
    note = editors(between(html(site), "微信小店春节初步建立起", 'id="exhibit-9"'))
    assert "重复" in note and "保留一次" in note


def test_the_grey_test_dates_are_flagged_beside_the_text(site):
    first = editors(between(html(site), "<h2>1.1", 'id="exhibit-1"'))
    assert "2024年12月19日" in first and "2024年12月18日" in first and "无法判断哪一天正确" in first
    later = editors(between(html(site), "近期，微信小店在", 'id="exhibit-6"'))
    assert "2024年12月18日" in later and "2024年12月19日" in later


def test_the_paipai_launch_dates_are_flagged_beside_the_text_and_the_table(site):
    text_note = editors(between(html(site), "2005年 9月 12日腾讯拍拍网上线", 'id="exhibit-2"'))
    assert "2005年9月12日" in text_note and "2006年3月" in text_note
    table_note = editors(between(html(site), 'id="exhibit-2"', 'id="exhibit-3"'))
    assert "2005年9月12日" in table_note and "2006年3月" in table_note


def test_exhibit_2_is_the_reports_table_row_for_row(site):
    body = between(html(site), 'id="exhibit-2"', 'id="exhibit-3"')
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", body)
    assert len(rows) == 9  # nine dated lines in the report's 图表2
    assert rows[0] == ("2005年9月", "腾讯开始筹备拍拍网") and rows[-1] == ("2016年4月", "拍拍网正式关闭")
    assert "来源：财会小贝，新乡日报，国金证券研究所" in body


def test_exhibit_1_is_the_timeline_with_its_source_line_and_every_event(site):
    body = between(html(site), 'id="exhibit-1"', 'id="exhibit-2"')
    assert body.count('class="wxshop-figure"') == 1 and "wxshop-described" not in body
    caption = re.search(r'<p class="wxshop-caption">(.*?)</p>', body, flags=re.S).group(1)
    assert "原图来源：wind，国金证券研究所" in caption and "本版数据：报告正文（1.1节）；报告图表2" in caption
    assert "tencent_ecommerce_events.csv" in caption and "exhibit02_paipai_timeline.csv" in caption
    table = re.search(r"<details class=\"wxshop-points\">(.*?)</details>", body, flags=re.S).group(1)
    assert table.count("<tr><td>") == len(wiring.events())
    assert "报告只写到季度" in table and "报告只写到年份" in table
    assert "依据报告正文" not in plain(between(html(site), "<h2>1.1", 'id="exhibit-1"'))  # no chart before its heading


def test_the_described_exhibits_say_what_the_report_gives(site):
    page = html(site)
    four = editors(between(page, 'id="exhibit-4"', 'id="exhibit-5"'))
    assert "6.7%" in four and "本地生活" in four
    six = editors(between(page, 'id="exhibit-6"', "<h2>1.2"))
    assert "大多数为 5%" in six and "不复制" in six
    for number, end in ((9, 'id="exhibit-10"'), (10, 'id="exhibit-11"'), (11, "</main>")):
        body = between((site / PAGE).read_text(encoding="utf-8"), f'id="exhibit-{number}"', end)
        assert "N=2793" in plain(body), number
    assert "没有找到这项调研的百分比数字" in editors(between(page, 'id="exhibit-9"', 'id="exhibit-10"'))


def test_the_fee_models_prose_equals_the_model(site):
    text = plain(html(site))
    series, chosen = wiring.miniprogram_choices(P)
    increment = fee_model.incremental_fee_revenue(series[chosen], P["share"], P["fee_rate"])
    assert increment == pytest.approx(80e8)  # 1.6万亿 x 10% x 5%, by hand
    assert f"新增费用收入约 {units.format_yi(increment, '元', 1)}" in text
    assert "10%（假设）" in text and "2020年（假设）" in text


def test_the_loop_is_called_illustrative_and_its_prose_equals_the_model(site):
    page = html(site)
    block = editors(between(page, "建立起公私域联动机制", "每一个入口的开通"))
    assert "没有给出任何数字" in block and "假设" in block
    result = flywheel.summary(wiring.loop_run(P))
    text = plain(page)
    assert f"累计多出 {units.format_yuan(result['cumulative'], 1)}" in text
    assert f"最后一个月的 GMV 为 {units.format_yuan(result['gmv'], 1)}" in text
    for shown in ("100万元（假设）", "20%（假设）", "10%（假设）", "5%（假设）", "0.5 元/元（假设）"):
        assert shown in text, shown


def test_the_gift_case_figure_sits_beside_its_sentence_with_the_report_as_source(site):
    body = between(html(site), "东方甄选正是通过私域社群运营", "本版模型：公域导私域")
    assert body.count('class="wxshop-figure"') == 1
    caption = re.search(r'<p class="wxshop-caption">(.*?)</p>', body, flags=re.S).group(1)
    assert "报告1.2节正文" in caption and "report_facts.csv" in caption and "下限" in caption
    note = editors(body)
    assert "1622%" in note and "17.22倍" in note and "500万元" in note and "85%" in note


def test_chapter_three_points_to_the_moved_model_and_no_longer_draws_it(site):
    page = (site / "notebooks" / "omnichannel.html").read_text(encoding="utf-8")
    assert "wechat_shop.html" in page and "新增费用收入" not in page
    assert 'data-signal="fee"' not in page and 'data-signal="fee"' in (site / PAGE).read_text(encoding="utf-8")


def test_the_page_stays_light(site):
    assert (site / PAGE).stat().st_size < 800_000  # the loop's grid is the bulk (about 0.35 MB before gzip)
