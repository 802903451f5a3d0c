"""Section 2.4 on the built site: its headings, exhibits, tables, notes and prose figures."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from wxshop import data, units

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "notebooks/ai_efficiency.html"
SUBHEADINGS = ("内部降本：AI切入低技术门槛工作，优化运营成本。", "内部提效：AI助力互联网公司研发效率提升。",
               "赋能广告智能化：加速素材生成、优化投放效果、提升广告消耗。", "新增长曲线：大模型本地化部署带动云算力需求提升。",
               "优化供应链管理：AI技术贯穿零售供应链“预测-采购-仓储-配送”全流程。",
               "产品细节体验优化，提升用户体验：智能客服、沉浸式购物、精准推送等将在细节上助力公司提升用户体验。")
DESCRIBED = (22, 23, 26, 32)
TABLES = {24: "exhibit24_ai_customer_service", 25: "exhibit25_ai_vs_human_moderation_cost",
          27: "exhibit27_ai_ads_vs_traditional", 28: "exhibit28_ai_ads_by_company", 29: "exhibit29_alibaba_ai_plan",
          31: "exhibit31_ai_supply_chain"}


def article(site: Path) -> str:
    html = (site / PAGE).read_text(encoding="utf-8")
    return html[html.index('<main id="furo-main-content" role="main">'):html.index("</main>")]


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def exhibit(html: str, number: int) -> str:
    """The exhibit's own section: from its anchor to the next heading."""
    start = html.index(f'id="exhibit-{number}"')
    ends = [i for i in (html.find("<section", start + 1), html.find("</section>", start)) if i > 0]
    return html[start:min(ends)]


def headings(html: str) -> list[tuple[int, str]]:
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, flags=re.S)
    bare = [re.sub(r'<a class="headerlink".*?</a>', "", text, flags=re.S) for _, text in found]
    return [(int(level), re.sub(r"<[^>]+>", "", text).strip()) for (level, _), text in zip(found, bare)]


def test_the_page_opens_with_the_reports_section_heading_and_keeps_its_sub_headings_unnumbered(site):
    found = headings(article(site))
    assert found[0] == (1, "2.4 未来已来，AI+将提升产业链运营效率")
    subheads = [text for level, text in found if level == 2 and not text.startswith("图表")]
    assert [re.sub(r"\s+", "", t) for t in subheads] == [re.sub(r"\s+", "", t) for t in SUBHEADINGS]


def test_exhibits_sit_one_level_below_their_heading_in_report_order(site):
    found = headings(article(site))
    numbers = [(level, int(re.match(r"图表(\d+)：", text).group(1))) for level, text in found if text.startswith("图表")]
    assert [n for _, n in numbers] == list(range(22, 33))
    assert [level for level, _ in numbers] == [2, 2] + [3] * 9  # 22, 23 under the section; the rest under sub-headings
    levels = [level for level, _ in found]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # no level skipped


@pytest.mark.parametrize("number", DESCRIBED)
def test_described_exhibits_have_an_editors_description_and_the_reports_source_line_but_no_chart(site, number):
    body = exhibit(article(site), number)
    assert 'class="editors admonition"' in body and "wxshop-described" in body
    assert "wxshop-figure" not in body and "<svg" not in body


def test_exhibit_30_lists_the_cloud_figures_found_for_reference_without_a_chart(site):
    body = exhibit(article(site), 30)
    assert "wxshop-figure" not in body and "wxshop-described" not in body
    rows = data.load("public_cloud")
    table = re.search(r"<table.*?</table>", body, flags=re.S).group(0)
    assert table.count("<tr><td>") == len(rows)
    text = plain(table)
    for _, row in rows.iterrows():
        assert units.format_yi(row["value"], "元", 1) in text, row["segment"]
    assert "不是原图数据" in text and "推算" in text
    assert "原图来源：中国信息通信研究院，国金证券研究所" in plain(body) and data.csv_href("public_cloud") in body


@pytest.mark.parametrize("number, resource", TABLES.items())
def test_text_tables_hold_every_cell_of_the_report_under_its_headers(site, number, resource):
    body = exhibit(article(site), number)
    frame = data.load(resource)
    text = re.sub(r"\s+", "", plain(body))
    for column in [c for c in frame.columns if c not in ("row", "source_type", "source", "quote", "confidence", "note")]:
        assert f">{column}<" in body.replace("</button>", "<"), column  # the report's header
        for cell in frame[column].dropna():
            assert re.sub(r"\s+", "", str(cell)) in text, cell
    assert "wxshop-caption" in body and data.csv_href(resource) in body


def test_exhibit_25_can_be_filtered_by_review_method_and_sorted(site):
    body = exhibit(article(site), 25)
    assert 'data-filter-column="审核方式"' in body
    headers = re.findall(r'<button type="button" class="wxshop-sort">(.*?)</button>', body)
    assert headers == ["审核方式", "审核类型", "定价", "效率提升"]


def test_exhibit_25_notes_the_audio_check_and_the_unsourced_human_price(site):
    notes = plain(exhibit(article(site), 25))
    assert "0.9至0.5元/小时" in notes and "0.27至0.15元/小时" in notes
    assert 'references.html#src-tencent_cloud_audio_moderation_pricing"' in exhibit(article(site), 25)  # a citation mark
    assert "70 元/千次" in notes and "未找到" in notes
    assert "图片或视频+0.1 元/千次视频截帧费用" in notes  # the composite price, explained


def test_the_google_figure_is_flagged_beside_exhibit_27_with_its_source(site):
    notes = plain(exhibit(article(site), 27))
    assert "30%↑" in notes and "18%" in notes
    assert 'references.html#src-google_ads_help_pmax"' in exhibit(article(site), 27)  # a citation mark


def test_the_misprint_in_the_moderation_paragraph_is_flagged_beside_it(site):
    html = article(site)
    paragraph = html.index("在文字、突破、视频等多模态场景中")
    note = html.index("“突破”疑为“图片”之误")
    assert paragraph < note < html.index("3）IT运维")


def test_exhibit_30_explains_why_no_public_cloud_series_is_drawn(site):
    notes = plain(exhibit(article(site), 30))
    assert "962.8亿元" in notes and "3229亿元" in notes and "推算" in notes
    assert "不重绘" in notes


def test_the_moderation_prose_figures_equal_the_model(site):
    from wxshop.chapters.ai_efficiency import model, wiring
    from wxshop.chapters.ai_efficiency.spec import SPEC

    total = model.totals(wiring.moderation(SPEC.defaults()))
    text = plain(article(site))
    assert f"AI 审核每月约 {units.format_yuan(total['ai_cost'], 2)}" in text
    assert f"全部由人工审核每月约 {units.format_yuan(total['human_cost'], 2)}" in text
    assert f"AI 费用为人工的 {units.format_percent(total['ai_share'], 1)}" in text


def test_the_advertising_prose_gives_the_three_readings_at_the_tables_uplifts(site):
    text = plain(article(site))
    # Defaults (assumptions): 100万元 a month, CAC 50元, 150元 per conversion: 2万 conversions, 300万元, ROI 3.
    assert "即转化 2万次、收入 300万元、ROI 3.00" in text
    assert "ROI 3.90（+30%）" in text and "ROI 3.96（+32%）" in text and "ROI 4.29（+42.9%）" in text
    assert "素材生成耗时 10分钟" in text


def test_model_assumptions_are_labelled_where_their_values_show(site):
    text = plain(article(site))
    for shown in ("50%（假设）", "240 次/小时（假设）", "30 天（假设）", "100万元（假设）", "2%（假设）",
                  "50元（假设）", "150元（假设）", "100%（假设）", "中型平台（假设）日审核量"):
        assert shown in text, shown


def test_exhibit_30_gives_the_one_public_cloud_figure_a_publisher_states(site):
    """中国互联网协会《中国互联网发展报告(2021)》: 2020年公有云市场规模990.6亿元，私有云791.2亿元."""
    notes = plain(exhibit(article(site), 30))
    assert "990.6亿元" in notes and "791.2亿元" in notes and "1781.8亿元" in notes
    assert "中国互联网发展报告(2021)" in notes and "不重绘" in notes


def test_exhibit_25_checks_the_live_prices_against_tencent_clouds_list(site):
    """腾讯云云直播: 直播画面审核1.3元/千张, 直播音频审核0.012元/分钟 (0.72元/小时), below the report's 3元/千张, 2元/小时."""
    notes = plain(exhibit(article(site), 25))
    assert "直播画面审核 1.3元/千张" in notes and "直播音频审核 0.72元/小时" in notes and "0.012元" in notes
    assert 'references.html#src-tencent_cloud_live_moderation_pricing"' in exhibit(article(site), 25)  # a citation mark
