"""Reader features: downloads, 来源与说明, permalinks, provenance behind every number, search by chart title,
the book's frame (cover cards, references, glossary, citation). The PDF edition: tests/test_pdf.py."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from wxshop import chapters, data
from wxshop.build import toc
from wxshop.glossary import TERMS

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = {stem: toc.page_of(ROOT, stem) for stem in toc.notebooks(ROOT)}
KOC = CHAPTERS["new_platforms"]
OMNI = CHAPTERS["omnichannel"]


def html_of(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- offline

@pytest.mark.browser
@pytest.mark.site
def test_the_watch_records_a_request_to_another_host_and_the_browser_never_reaches_it(watch):
    """What every browser test's ``blocked == []`` rests on: a script, an image or a fetch from another host
    is recorded, and fails (the test browser resolves no host but the loopback)."""
    watch.open("book/risks.html")
    assert watch.blocked == []
    reached = watch.page.evaluate("""async () => {
        const img = new Image(); img.src = 'https://cdn.example.com/logo.png';
        const script = document.createElement('script'); script.src = 'https://unpkg.com/vega@5/build/vega.js';
        document.head.append(script);
        try { await fetch('https://example.com/data.json'); return true; } catch (e) { return false; } }""")
    watch.page.wait_for_timeout(300)
    assert reached is False
    assert {"https://cdn.example.com/logo.png", "https://unpkg.com/vega@5/build/vega.js",
            "https://example.com/data.json"} <= set(watch.blocked)


# --------------------------------------------------------------------------- downloads

@pytest.mark.browser
@pytest.mark.site
def test_png_and_svg_downloads_are_well_formed_and_named_after_the_exhibit(watch):
    watch.open(OMNI)
    watch.page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
    figure = watch.page.locator(".wxshop-figure").first
    with watch.page.expect_download() as png:
        figure.locator("button[data-action=png]").click()
    assert png.value.suggested_filename == "图表33_电子商务交易额.png"
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with watch.page.expect_download() as svg:
        figure.locator("button[data-action=svg]").click()
    assert svg.value.suggested_filename == "图表33_电子商务交易额.svg"
    root = ElementTree.fromstring(Path(svg.value.path()).read_bytes())
    assert root.tag.endswith("svg") and "电子商务交易额" in ElementTree.tostring(root, encoding="unicode")
    assert watch.errors == [] and watch.blocked == []


def read_csv(download) -> list[dict[str, str]]:
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.browser
@pytest.mark.site
def test_the_displayed_data_csv_follows_the_controls(watch):
    watch.open(KOC, charts=2)  # 图表52's diagram, then the allocator (figure 1)
    tools = watch.page.locator(".wxshop-figure").nth(1).locator(".wxshop-figure-tools")
    with watch.page.expect_download() as first:
        tools.locator("button[data-action=csv]").click()
    before = read_csv(first.value)
    assert first.value.suggested_filename.endswith("_当前显示.csv")
    at = lambda rows, budget: sum(1 for row in rows if row.get("总预算（元）") == budget)  # noqa: E731  (the chart's own name)
    assert at(before, "100000") > at(before, "400000")  # the curve at the chosen budget, one point per other budget
    watch.set_control(1, "budget", 400000)
    with watch.page.expect_download() as second:
        tools.locator("button[data-action=csv]").click()
    after = read_csv(second.value)
    assert at(after, "400000") == at(before, "100000") and at(after, "100000") == at(before, "400000")


@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_every_chart_has_a_full_data_csv_and_a_sources_panel(site, stem):
    html = html_of(site, CHAPTERS[stem])
    figures = html.count('class="wxshop-figure"')
    panels = re.findall(r'<details class="wxshop-sources-panel"><summary>来源与说明</summary>(.*?)</details>', html, re.S)
    assert len(panels) >= figures
    for panel in panels:
        assert "本版做了什么" in panel
    captions = re.findall(r'<p class="wxshop-caption">(.*?)</p>', html, re.S)
    assert all(".csv" in c for c in captions)


@pytest.mark.site
def test_the_sources_panel_lists_each_public_source_with_publisher_title_date_grade_and_reference(site):
    html = html_of(site, OMNI)
    start = html.index('id="exhibit-33"')
    panel = re.search(r'<details class="wxshop-sources-panel">(.*?)</details>', html[start:], re.S).group(1)
    volume = data.load("ecommerce_transaction_volume")
    sources = data.sources()
    for key in set(volume.loc[volume["source_type"] == "public", "source"]):
        src = sources[key]
        assert src["publisher"] in panel and f"#src-{key}" in panel, key
        if src["published"]:
            assert src["published"] in panel
    assert "原报告的来源行：</b>来源：国家统计局，国金证券研究所" in panel


# --------------------------------------------------------------------------- permalinks

@pytest.mark.browser
@pytest.mark.site
def test_a_permalink_restores_the_controls_and_the_same_chart(browser, watch, base_url):
    watch.open(KOC, charts=2)  # 图表52's diagram, then the allocator (figure 1)
    watch.set_control(1, "budget", 300000)
    watch.set_control(1, "objective", "reach")
    watch.page.locator(".wxshop-figure").nth(1).locator("button[data-action=link]").click()
    link = watch.page.evaluate("window.wxshopCharts.permalink(1)")  # the link of the chart whose button was used
    assert "#wx:" in link and "budget=300000" in link and watch.page.url == link
    drawn = {name: watch.marks(name, 1) for name in ("curve", "best_point", "optimum_here")}
    other = browser.new_page()
    try:
        from conftest import PageWatch

        reopened = PageWatch(other, base_url)
        other.goto(link)
        other.wait_for_load_state("load")
        other.evaluate("window.wxshopCharts.drawAll().then(() => true)")
        assert other.locator("[data-signal=budget]").first.input_value() == "300000"
        assert other.locator("[data-signal=objective]").first.input_value() == "reach"
        assert {name: reopened.marks(name, 1) for name in drawn} == drawn  # the same chart, mark for mark
        assert reopened.errors == []
    finally:
        other.close()


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("fragment", ["#wx:f1.budget=abc&f9.zz=1&%%%", "#wx:f1.budget=123&f1.scenario=<script>",
                                      "#wx:", "#exhibit-53", "#wx:f1.budget=99999999999"])
def test_a_malformed_or_stale_fragment_is_ignored(watch, fragment):
    watch.page.goto(watch.base_url + KOC + fragment)
    watch.page.wait_for_load_state("load")
    watch.page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
    assert watch.page.locator("[data-signal=budget]").first.input_value() == "100000"  # the default
    assert watch.page.locator(".wxshop-chart svg path").count() > 0
    assert watch.errors == []


# --------------------------------------------------------------------------- provenance behind every number

@pytest.mark.site
@pytest.mark.parametrize("page", [p + ".html" for p in toc.pages(ROOT)])
def test_every_number_placed_from_the_data_has_its_provenance(site, page):
    html = html_of(site, page)
    numbers = re.findall(r'<span class="wxshop-number">(.*?)</span></span>', html, re.S)
    marks = html.count("wxshop-cite")  # citation marks: a link to 参考文献, no popover
    assert html.count('class="pasted-text"') == 2 * len(numbers) + marks  # each value and its provenance, paired
    models = tuple(m.name for stem in CHAPTERS for m in chapters.spec(stem).models)
    for number in numbers:
        provenance = re.search(r'<span class="wxshop-provenance">(.*)', number, re.S).group(1)
        text = re.sub(r"<[^>]+>", "", provenance)
        assert re.match(r"(报告原文：“|公开资料：|假设：|模型计算：)", text), text
        if text.startswith("模型计算："):
            assert text.removeprefix("模型计算：").startswith(models), text


@pytest.mark.browser
@pytest.mark.site
def test_a_numbers_provenance_opens_on_keyboard_focus_and_on_tap(watch):
    watch.open(OMNI)
    number = watch.page.locator(".wxshop-number").first
    note = number.locator(".wxshop-provenance")
    assert not note.is_visible()
    number.focus()
    assert note.is_visible() and "国家统计局" in note.inner_text()
    watch.page.locator("h1").first.click()  # focus elsewhere: closed
    assert not note.is_visible()
    number.dispatch_event("click")  # a tap: opens, and a second tap closes
    assert number.evaluate("el => el.classList.contains('wxshop-open')")
    number.dispatch_event("click")
    assert not number.evaluate("el => el.classList.contains('wxshop-open')")


# --------------------------------------------------------------------------- search by chart title

@pytest.mark.site
def test_chinese_search_finds_a_chart_by_a_word_of_its_title_only(site):
    html = html_of(site, KOC)
    visible = re.sub(r'<p class="wxshop-figure-text[^"]*">.*?</p>', "", html, flags=re.S)
    visible = re.sub(r"<script.*?</script>|<[^>]+>", "", visible, flags=re.S)
    assert "菱形" not in visible  # the word appears only in the chart's title (and description)
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    pages = index["terms"].get("菱形")
    pages = pages if isinstance(pages, list) else [pages]
    assert index["docnames"].index("notebooks/new_platforms") in pages


# --------------------------------------------------------------------------- the book's frame

@pytest.mark.site
def test_every_source_of_the_data_package_is_in_the_references(site):
    ids = set(re.findall(r'id="src-([\w]+)"', html_of(site, "book/references.html")))
    assert ids == set(data.sources())


@pytest.mark.site
def test_the_glossary_lists_every_term_and_chapter_pages_mark_terms_where_they_appear(site):
    page = re.sub(r"<[^>]+>", "", html_of(site, "book/glossary.html"))
    for term, definition in TERMS.items():
        assert term in page and definition in page


@pytest.mark.browser
@pytest.mark.site
def test_a_terms_definition_opens_on_focus(watch):
    watch.open(KOC)
    term = watch.page.locator(".wxshop-term", has_text="KOC").first
    term.focus()
    note = term.locator(".wxshop-definition")
    assert note.is_visible() and TERMS["KOC"] in note.inner_text()


@pytest.mark.site
def test_the_cover_has_a_card_per_chapter_with_a_thumbnail_and_its_question(site):
    html = html_of(site, "book/index.html")
    for stem, page in CHAPTERS.items():
        card = re.search(rf'<li class="wxshop-card"><a href="../{re.escape(page)}">(.*?)</li>', html, re.S)
        assert card, stem
        thumb = re.search(r'<img src="\.\./([^"]+)"', card.group(1)).group(1)
        assert (site / thumb).read_bytes()[:4] == b"\x89PNG"
        question = chapters.spec(stem).question
        assert question and question in card.group(1), stem  # every card asks its chapter's question


@pytest.mark.site
def test_the_data_page_says_how_to_cite_the_licence_and_the_corrections(site):
    text = re.sub(r"<[^>]+>", "", html_of(site, "book/data_methods.html"))
    assert "@misc{wxshop_interactive_edition_2026" in text and "[EB/OL]" in text
    assert "许可与版权" in text and "国金证券研究所" in text
    assert "更正记录" in text and "3974.4" in text
