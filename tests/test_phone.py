"""A reader on a phone (Debian's chromium, 360x800, touch) can read everything: tables, pop-up notes, chart
tooltips, cover thumbnails, citations, shared links, downloads, chart labels, search; nothing moves while they
scroll. The probes are in tests/phone.py (benchmarks/phone_reader.py prints the same counts for any build)."""
from __future__ import annotations

import csv
import io
import json
import re
import struct
from pathlib import Path

import pytest

import phone as probe
from wxshop import chapters, data
from wxshop.build import toc

ROOT = Path(__file__).resolve().parent.parent
PAGES = [f"{p}.html" for p in toc.pages(ROOT)]
CHAPTERS = {stem: toc.page_of(ROOT, stem) for stem in toc.notebooks(ROOT)}
STAGE = ROOT / "_build" / "stage"


def open_drawn(watch, stem: str) -> None:
    """Open a chapter on the phone and draw every chart (as scrolling through it would)."""
    watch.open(CHAPTERS[stem])
    watch.page.evaluate("window.wxshopCharts.drawAll().then(() => true)")


def main_text(html: str) -> str:
    """The page's main part as a reader reads it: no scripts, no tags."""
    body = html[html.index('<main id="furo-main-content" role="main">'):html.index("</main>")]
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", "", body)


# --------------------------------------------------------------------------- tables

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("path", PAGES)
def test_every_table_fits_or_scrolls_in_its_box_with_a_cue_and_a_sticky_first_column(phone_watch, path):
    phone_watch.open(path)
    phone_watch.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    phone_watch.page.wait_for_timeout(200)
    found = probe.tables(phone_watch.page)
    for table in found:
        assert probe.readable(table), table
        assert not table["keep_all"], table  # keep-all left rows of blank space around Chinese cells
    assert phone_watch.page.evaluate("document.documentElement.scrollWidth") <= 360  # the page never scrolls sideways
    assert probe.outside(phone_watch.page) == []  # every control and the top bar's title inside the screen
    assert phone_watch.errors == [] and phone_watch.blocked == []


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("path", ["en/book/index.html", "en/book/public_audit.html"])
def test_on_an_english_page_the_title_stays_in_its_bar_and_the_controls_on_the_screen(phone_watch, path):
    """The English title runs to four lines at 360 px (the bar holds two) and the filter lists long names."""
    phone_watch.open(path)
    assert probe.outside(phone_watch.page) == []
    assert phone_watch.errors == [] and phone_watch.blocked == []


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("path, query, hit", [("book/exhibits.html", "图表33", "电子商务交易额"),
                                              ("book/data_methods.html", "快递", "express_delivery.csv")])
def test_a_long_reference_table_starts_short_and_finds_a_row_by_any_word(phone_watch, path, query, hit):
    phone_watch.open(path)
    box = phone_watch.page.locator(".wxshop-long-table")
    rows = box.locator("tbody tr")
    total = rows.count()
    shown = lambda: box.locator("tbody tr:not([hidden])")  # noqa: E731
    assert total > 20 and shown().count() == 10
    assert box.locator("table").evaluate("t => t.getBoundingClientRect().height") < 6 * 800
    box.locator("input[type=search]").fill(query)
    assert 1 <= shown().count() < total and all(query in t for t in shown().all_inner_texts())
    assert hit in shown().first.inner_text()
    box.locator("input[type=search]").fill("")
    box.locator("button.wxshop-long-more").tap()
    assert shown().count() == total


# --------------------------------------------------------------------------- pop-up notes

NOTE_PAGES = [p for p in PAGES if p != "book/glossary.html"]


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("path", NOTE_PAGES)
def test_every_note_opens_by_tap_inside_the_screen_and_closes_by_a_tap_elsewhere(phone_watch, path):
    phone_watch.open(path)
    probe.wait_for_terms(phone_watch.page)
    found = probe.notes(phone_watch.page)
    for note in found:
        assert note["shown"] and note["inside"], note
        assert note["closed"], note
        if "wxshop-provenance" in note["kind"] and not note["text"].startswith("报告原文"):
            assert note["links"], note  # where it can be checked: 参考文献, the model's entry, the parameters
    if path in CHAPTERS.values():
        assert any("wxshop-provenance" in n["kind"] for n in found)
    assert phone_watch.errors == []


@pytest.mark.site
@pytest.mark.parametrize("path", PAGES)
def test_no_reader_facing_text_names_a_code_path(site, path):
    text = main_text((site / path).read_text(encoding="utf-8"))
    assert re.findall(r"wxshop\.[a-z_]+\.[a-z_.]+", text) == []


@pytest.mark.site
def test_a_model_number_names_its_model_and_links_its_entry_on_the_data_page(site):
    methods = (site / "book" / "data_methods.html").read_text(encoding="utf-8")
    models = {m.name: m for stem in CHAPTERS for m in chapters.spec(stem).models}
    seen = 0
    for page in CHAPTERS.values():
        html = (site / page).read_text(encoding="utf-8")
        for note in re.findall(r'<span class="wxshop-provenance">(.*?)</span></span>', html, re.S):
            text = re.sub(r"<[^>]+>", "", note)
            if not text.startswith("模型计算："):
                continue
            name = next((n for n in models if text.startswith(f"模型计算：{n}")), None)
            assert name, text
            anchor = models[name].anchor
            assert f'href="../book/data_methods.html#{anchor}"' in note and f'id="{anchor}"' in methods
            seen += 1
    assert seen >= len(CHAPTERS)


@pytest.mark.site
@pytest.mark.parametrize("path", [p for p in PAGES if p != "book/references.html"])
def test_prose_cites_sources_by_short_marks_and_shows_no_raw_address(site, path):
    html = (site / path).read_text(encoding="utf-8")
    text = main_text(html)
    assert not re.search(r"https?://", text)  # addresses live in 参考文献 (and behind links)
    assert "〔描述〕" not in text and "《《" not in text and "》》" not in text
    references = (site / "book" / "references.html").read_text(encoding="utf-8")
    for href, mark in re.findall(r'<a class="reference external wxshop-cite" href="([^"]+)">(.*?)</a>', html):
        assert re.fullmatch(r"[^，<]+(，\d{4})?", re.sub(r"<[^>]+>", "", mark)), mark  # publisher, year
        assert f'id="{href.split("#")[1]}"' in references


@pytest.mark.site
def test_chapter_prose_cites_public_sources_with_marks(site):
    marks = sum((site / page).read_text(encoding="utf-8").count("wxshop-cite") for page in CHAPTERS.values())
    assert marks >= 8


# --------------------------------------------------------------------------- chart tooltips by touch

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_a_tap_on_a_mark_shows_its_tooltip_and_a_tap_elsewhere_closes_it(phone_watch, stem):
    phone_watch.open(CHAPTERS[stem])
    taps = probe.chart_taps(phone_watch.page)
    assert taps, stem
    for tap in taps:
        assert tap["shown"] and tap["shown"]["text"] == tap["expected"] and tap["shown"]["inside"], tap
        assert tap["closed"], tap
        # Hovering it with a mouse shows the same rows (a chart whose hover follows the nearest point may pick a
        # neighbour of the tapped mark, so the rows' names are compared, not their values).
        assert tap["hovered"] == tap["shown"]["keys"], tap
    assert phone_watch.errors == []


# --------------------------------------------------------------------------- cover thumbnails

def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_a_cover_thumbnail_is_sharp_at_2x_and_draws_every_character_it_shows(site, stem):
    from wxshop import thumbnails

    width, _height = png_size(site / "_static" / "wxshop" / "cards" / f"{stem}.png")
    assert width >= 2 * thumbnails.CARD_WIDTH
    staged = STAGE / toc.notebooks(ROOT)[stem].relative_to(ROOT)
    spec = thumbnails.card_figure_spec(staged, chapters.spec(stem).card_figure)
    shown = thumbnails.texts(thumbnails.thumbnail_spec(spec))
    assert re.search(r"[\u4e00-\u9fff]", shown)  # the thumbnail has Chinese text to check
    assert thumbnails.missing_glyphs(shown) == []


@pytest.mark.site
def test_the_glyph_check_finds_a_character_the_font_cannot_draw():
    from wxshop import thumbnails

    assert thumbnails.missing_glyphs("微信小店\u0378 2023") == ["\u0378"]
    assert thumbnails.font_file().name.startswith("NotoSansCJK")


# --------------------------------------------------------------------------- shared links

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_a_shared_link_opens_at_the_chart_that_was_shared(phone, phone_watch, stem):
    phone_watch.open(CHAPTERS[stem])
    with_controls = phone_watch.page.evaluate(
        "window.wxshopCharts.figures.map((f, i) => f.querySelector('[data-signal]') ? i : -1).filter(i => i >= 0)")
    assert with_controls
    for index in with_controls:
        link = phone_watch.page.evaluate("(i) => window.wxshopCharts.permalink(i)", index)
        opened = probe.opens_at_its_chart(phone, link, index)
        assert opened["nearest"] == index and abs(opened["top"]) < 80, (index, opened)


# --------------------------------------------------------------------------- layout shift

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("path", list(CHAPTERS.values()) + ["book/index.html", "book/data_methods.html"])
def test_scrolling_fast_moves_nothing_on_the_page(phone_watch, path):
    phone_watch.open(path)
    assert probe.fast_scroll_cls(phone_watch.page) <= 0.1


# --------------------------------------------------------------------------- search

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("query, first", [("人、货、场", "notebooks/people_goods_place.html"),
                                          ("人货场", "notebooks/people_goods_place.html"),
                                          ("图表33", "notebooks/omnichannel.html#exhibit-33"),
                                          ("图表3", "notebooks/wechat_shop.html#exhibit-3")])
def test_search_puts_the_page_titled_by_the_query_first_with_a_snippet_of_visible_text(phone_watch, query, first):
    found = probe.search_results(phone_watch.page, phone_watch.base_url, query)
    assert found and found[0]["href"] == first, found[:3]
    for result in found[:5]:
        assert "http" not in result["snippet"] and "wxshop" not in result["snippet"] and "{" not in result["snippet"]
    assert phone_watch.errors == []


# --------------------------------------------------------------------------- downloads

@pytest.mark.browser
@pytest.mark.site
def test_an_edition_chart_downloads_under_its_models_name_with_its_title_and_source_line(phone_watch):
    open_drawn(phone_watch, "ai_efficiency")
    figure = phone_watch.page.locator(".wxshop-figure").first
    figure.locator("button[data-action=svg]").scroll_into_view_if_needed()
    with phone_watch.page.expect_download() as svg:
        figure.locator("button[data-action=svg]").tap()
    assert svg.value.suggested_filename == "本版_内容审核费用模型.svg"
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert "每月审核费用" in text and "来源：腾讯云" in text
    with phone_watch.page.expect_download() as png:
        figure.locator("button[data-action=png]").tap()
    assert png.value.suggested_filename == "本版_内容审核费用模型.png"
    assert Path(png.value.path()).read_bytes()[:4] == b"\x89PNG"


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_every_charts_displayed_data_has_chinese_column_names(phone_watch, stem):
    open_drawn(phone_watch, stem)
    count = phone_watch.page.evaluate("window.wxshopCharts.figures.length")
    names = set()
    for index in range(count):
        text = phone_watch.page.evaluate("(i) => window.wxshopCharts.displayedCSV(i)", index)
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert not [h for h in header if re.fullmatch(r"[A-Za-z_0-9]+", h)], (index, header)
        names.add(phone_watch.page.evaluate("(i) => window.wxshopCharts.fileName(i)", index))
    assert len(names) == count  # each chart's files have a name of their own


# --------------------------------------------------------------------------- chart labels at 360 px

@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_chart_titles_never_break_inside_a_bracket_or_a_number(site, stem):
    html = (site / CHAPTERS[stem]).read_text(encoding="utf-8")
    for payload in re.findall(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', html, re.S):
        spec = json.loads(payload.replace("<\\/", "</"))
        for lines in re.findall(r'"text":(\[[^\]]*\])', json.dumps(spec, ensure_ascii=False)):
            lines = json.loads(lines)
            if not all(isinstance(line, str) for line in lines):
                continue
            for before, after in zip(lines, lines[1:]):
                assert not re.match(r"[）)，。、：；%]", after), lines
                assert not (re.search(r"\d$", before) and re.match(r"\d", after)), lines
            for line in lines:
                assert line.count("（") <= line.count("）") + (1 if line is lines[-1] else 0) or len(line) > 12, lines


@pytest.mark.parametrize("title, lines", [
    ("618购物节全网销售总额（亿元/）", ["618购物节全网销售总额", "（亿元/）"]),
    ("小程序交易额转入微信小店后的新增费用收入（亿元）", ["小程序交易额转入微信小店后的", "新增费用收入（亿元）"]),
    ("2023年各电商平台GMV（万亿元）", ["2023年各电商平台GMV（万亿元）"]),
])
def test_a_title_breaks_between_words_never_inside_a_bracket_or_a_number(title, lines):
    from wxshop.charts.render import wrap_title

    assert wrap_title(title) == lines


def test_the_era_explorer_breaks_its_cells_between_words():
    from wxshop.chapters.people_goods_place import model

    assert model.wrap("新职业电商主播成为核心", 6) == ["新职业电商", "主播成为核心"]
    assert model.wrap("短视频种草、内容驱动种草", 6) == ["短视频种草、", "内容驱动种草"]


@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("stem", list(CHAPTERS))
def test_at_360_px_no_chart_label_is_cut_short_and_no_two_axis_labels_touch(phone_watch, stem):
    open_drawn(phone_watch, stem)
    found = phone_watch.page.evaluate("""() => window.wxshopCharts.figures.map((f) => {
        const svg = f.querySelector('svg');
        const cut = [...svg.querySelectorAll('text')].map(t => t.textContent).filter(t => t.endsWith('…'));
        let touching = [];
        svg.querySelectorAll('.role-axis-label').forEach((group) => {
          const labels = [...group.querySelectorAll('text')].filter(t => t.textContent.trim()).map((t) => {
            const m = t.getCTM(), scale = Math.hypot(m.a, m.b);
            return {text: t.textContent, box: t.getBoundingClientRect(), x: m.e, y: m.f, ux: m.a / scale, uy: m.b / scale,
                    size: parseFloat(getComputedStyle(t).fontSize) * scale};
          });
          for (let i = 0; i + 1 < labels.length; i++) {
            const a = labels[i], b = labels[i + 1];
            if (Math.abs(a.uy) > 0.05) {  // slanted labels: the gap between their parallel baselines
              const gap = Math.abs((b.x - a.x) * -a.uy + (b.y - a.y) * a.ux);
              if (gap < a.size * 0.9) touching.push(a.text + '/' + b.text);
            } else if (a.box.left < b.box.right - 1 && b.box.left < a.box.right - 1 &&
                       a.box.top < b.box.bottom - 1 && b.box.top < a.box.bottom - 1) {
              touching.push(a.text + '/' + b.text);
            }
          }
        });
        return {title: f.getAttribute('data-title'), cut, touching};
    })""")
    for figure in found:
        assert figure["cut"] == [] and figure["touching"] == [], figure


@pytest.mark.site
def test_exhibit_44s_axis_reads_yi_jian_as_its_note_does(site):
    html = (site / CHAPTERS["douyin"]).read_text(encoding="utf-8")
    part = html[html.index('id="exhibit-44"'):html.index('id="exhibit-45"')]
    assert "快递业务量（亿件）" in part and "以亿件为单位" in part and "单位与原图相同（万件）" not in part


# --------------------------------------------------------------------------- small things

@pytest.mark.site
def test_the_note_above_exhibit_47s_chart_points_down_to_it(site):
    html = (site / CHAPTERS["douyin"]).read_text(encoding="utf-8")
    part = html[html.index('id="exhibit-47"'):]
    note = part[:part.index('class="wxshop-figure"')]
    assert "下图" in note and "上图" not in note


@pytest.mark.site
def test_there_is_no_empty_index_page(site):
    assert not (site / "genindex.html").exists()
    for path in PAGES:
        assert "genindex" not in (site / path).read_text(encoding="utf-8"), path


def test_the_data_page_lists_every_model_once():
    anchors = [m.anchor for stem in chapters.names() for m in chapters.spec(stem).models]
    assert len(anchors) == len(set(anchors)) >= 8
    for stem in chapters.names():
        for model in chapters.spec(stem).models:
            assert chapters.model(model.function)[1] is model
    with pytest.raises(ValueError, match="no chapter declares"):
        chapters.model("wxshop.chapters.nowhere.model.f")


def test_a_citation_mark_is_publisher_and_year_and_points_at_the_reference():
    from wxshop.figures import citation

    key, src = next((k, s) for k, s in data.sources().items() if s.get("published"))
    mark = citation("x_source", key)
    assert mark.text == f"{src['publisher']}，{src['published'][:4]}" and mark.mark
    assert mark.link() == ("参考文献", f"book/references.html#src-{key}")
