"""The PDF editions a reader keeps, the Chinese and the English, each: small, text as text, vector charts,
an outline by page and exhibit, page numbers, links that work inside the file and never point at the
loopback server, and a print layout (no skip link, no controls, no blank pages, tables that fit, every
chart with its data table and 来源与说明 / Sources and notes; in English, no hidden Chinese originals).
``make test`` prints them (``make pdf``) before the suite; the fixture prints them when the published site
has none."""
from __future__ import annotations

import functools
import http.server
import re
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest
from conftest import ensure_pdf

from wxshop import chapters
from wxshop.build import pdf as edition
from wxshop.build import toc

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = {stem: toc.page_of(ROOT, stem) for stem in toc.notebooks(ROOT)}
EDITIONS = ["zh", "en"]
# What the print layout leaves out and keeps, in each edition's words (the site's own interface strings).
WORDS = {
    "zh": {"skip": "跳到正文", "tools": ("下载 PNG", "复制链接", "当前显示的数据（CSV）"), "sources": "来源与说明",
           "points": r"图表\d+ 逐点数据"},
    "en": {"skip": "Skip to the text", "tools": ("Download PNG", "Copy link", "Data as shown (CSV)"),
           "sources": "Sources and notes", "points": r"Exhibit \d+: data point by point"},
}
HAN = re.compile(r"[\u3400-\u9fff]")


def html_of(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def folder(lang: str) -> str:
    return edition.EDITION_WORDS[lang]["prefix"]


@pytest.fixture(scope="module", params=EDITIONS)
def pdf(request):
    from pypdf import PdfReader

    path = ensure_pdf(request.param)
    reader = PdfReader(str(path))
    reader.edition = request.param
    # The text layer as a reader's tools see it (poppler's pdftotext, one page per form feed): read once.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    reader.texts = [unicodedata.normalize("NFKC", page) for page in text.split("\f")[:len(reader.pages)]]
    assert len(reader.texts) == len(reader.pages)
    return reader


def outline(reader) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(title, page index, [(child title, page index)]) of the top-level bookmarks."""
    items, out = reader.outline, []
    for item in items:
        if isinstance(item, list):
            out[-1][2].extend((child.title, reader.get_destination_page_number(child)) for child in item
                              if not isinstance(child, list))
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def nearly_in(title: str, text: str) -> bool:
    """``title`` is in ``text``, allowing a few characters that the PDF's text layer maps to a variant form
    (a CJK font shares one glyph between 户 and 戶, 风 and ⻛: the text layer names the first)."""
    size = len(title)
    first = [i for i in range(len(text) - size + 1) if text[i] == title[0] or text[i + size - 1] == title[-1]]
    return any(sum(a == b for a, b in zip(title, text[i:i + size])) >= size * 0.9 for i in first)


# --------------------------------------------------------------------------- what a reader keeps

@pytest.mark.site
def test_the_pdf_is_at_most_3_mb_with_its_fonts_embedded_as_truetype_subsets(pdf):
    assert ensure_pdf(pdf.edition).stat().st_size <= edition.MAX_BYTES
    fonts = {}
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0", name  # not /Type3 glyph drawings
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/Subtype"] == "/CIDFontType2", name  # TrueType outlines
        assert "/FontFile2" in descendant["/FontDescriptor"], name  # embedded
        assert "/ToUnicode" in font, name  # text maps back to Unicode: selectable, searchable
        assert re.match(r"^/[A-Z]{6}\+", name), name  # a subset


@pytest.mark.site
def test_text_is_text_and_every_chapter_title_is_found(pdf, site):
    text = flat("".join(pdf.texts))
    for stem, page in CHAPTERS.items():
        title = (chapters.spec(stem).title if pdf.edition == "zh" else
                 edition.page_title(edition._ARTICLE.search(html_of(site, folder("en") + page)).group(1), page))
        # (the text layer drops a hyphen where a line breaks after it: e-commerce may read ecommerce)
        assert nearly_in(flat(title).replace("-", ""), text.replace("-", "")), stem
    for text_page in pdf.texts:
        assert "\ufffd" not in text_page and "□" not in text_page
    assert pdf.metadata["/Title"] == edition.edition_title(pdf.edition)[0]


@pytest.mark.site
def test_the_english_pdf_leaves_out_the_chinese_originals_the_site_hides(site):
    """The English PDF prints the English text: each passage's Chinese original (a tap away on the site) is
    not printed, so Chinese is only what the English pages show (names, quoted titles): under 2% of the text."""
    from pypdf import PdfReader

    text = flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(ensure_pdf("en")), "-"], capture_output=True,
                               text=True, check=True).stdout)
    page = html_of(site, folder("en") + CHAPTERS["omnichannel"])
    originals = re.findall(r'<div class="wxshop-original" lang="zh-CN" hidden>(.*?)</div>', page, flags=re.S)
    assert len(originals) > 20
    long = [flat(re.sub(r"<[^>]+>", "", o)) for o in originals if len(o) > 60]
    assert long and not [o for o in long if o[:30] in text]
    assert len(HAN.findall(text)) / len(text) < 0.02
    assert PdfReader(str(ensure_pdf("en"))).trailer["/Root"]["/Lang"] == "en"


@pytest.mark.site
def test_the_outline_has_every_page_in_order_and_each_exhibit_under_its_page(pdf, site):
    found = outline(pdf)
    pages = toc.pages(ROOT)
    prefix = folder(pdf.edition)
    titles = [edition.page_title(edition._ARTICLE.search(html_of(site, f"{prefix}{entry}.html")).group(1), entry)
              for entry in pages]
    assert [title for title, _page, _children in found] == titles
    starts = [page for _title, page, _children in found]
    assert starts == sorted(starts) and starts[0] > 0  # after the contents page, in reading order
    for (title, start, children), entry in zip(found, pages):
        expected = [t for _anchor, t in edition.exhibits_of(edition._ARTICLE.search(
            html_of(site, f"{prefix}{entry}.html")).group(1))]
        assert [child for child, _page in children] == expected, entry
        assert all(page >= start for _child, page in children)
    assert sum(len(children) for *_rest, children in found) >= 40  # the exhibits the chapters show


@pytest.mark.site
def test_every_page_is_numbered_n_of_total_and_none_is_blank(pdf):
    total = len(pdf.pages)
    for number, text in enumerate(pdf.texts, start=1):
        # the footer, on its own (the text layer may also join it to the page's last line: 2016-0586 / 246)
        assert (re.search(rf"(^|\s){number}\s*/\s*{total}(\s|$)", text)
                or re.search(rf"{number}\s*/\s*{total}\s*$", text)), number
        body = re.sub(rf"{number}\s*/\s*{total}", "", text)
        assert len(flat(body)) >= 20, f"page {number} is blank"


@pytest.mark.site
def test_links_work_inside_the_file_and_none_points_at_a_loopback_server(pdf):
    names = {str(name).removeprefix("/") for name in pdf.named_destinations}
    internal = external = 0
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot["/Subtype"] != "/Widget"  # no form fields
            if annot["/Subtype"] != "/Link":
                continue
            if "/Dest" in annot:
                assert str(annot["/Dest"]).removeprefix("/") in names, annot["/Dest"]
                internal += 1
                continue
            uri = str(annot["/A"].get("/URI", ""))
            assert uri.startswith(("https://", "http://", "mailto:")), uri
            assert not re.match(r"^https?://(127\.|localhost|\[::1\]|0\.0\.0\.0)", uri), uri
            external += 1
    assert internal >= 100 and external > 0  # the contents, cross references; sources' own web pages
    assert "/AcroForm" not in pdf.trailer["/Root"]


@pytest.mark.site
def test_the_print_layout_has_no_skip_link_no_controls_and_each_charts_table_and_sources(pdf, site):
    text, words, prefix = "".join(pdf.texts), WORDS[pdf.edition], folder(pdf.edition)
    assert words["skip"] not in text
    for word in words["tools"]:
        assert word not in text
    pages = [html_of(site, prefix + page) for page in CHAPTERS.values()]
    figures = sum(page.count('class="wxshop-figure"') for page in pages)
    panels = sum(page.count('class="wxshop-sources-panel"') for page in pages)
    assert figures > 10 and text.count(words["sources"]) >= panels >= figures
    for page in pages:
        for caption in re.findall(f"<caption>({words['points']})</caption>", page):
            assert flat(caption) in flat(text), caption


@pytest.mark.site
def test_no_chart_is_a_raster_image(pdf):
    """Charts are printed as drawn (SVG): vector paths and text, never a bitmap (the print document's test
    below checks that every chart is drawn before printing)."""
    for number, page in enumerate(pdf.pages, start=1):
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            assert xobject.get_object().get("/Subtype") != "/Image", f"a raster image on page {number}"


@pytest.mark.site
@pytest.mark.parametrize("lang", EDITIONS)
def test_the_site_links_the_pdf_it_has(site, lang):
    """Each edition's 数据与方法 page links its own language's PDF, which the site holds (at its root)."""
    name = ensure_pdf(lang).name
    html = html_of(site, folder(lang) + "book/data_methods.html")
    href = ("../" * folder(lang).count("/")) + f"../downloads/{name}"
    assert f'href="{href}"' in html and (site / "downloads" / name).is_file()


# --------------------------------------------------------------------------- the print document (browser)

@pytest.mark.browser
@pytest.mark.site
@pytest.mark.parametrize("lang", EDITIONS)
def test_in_print_every_table_fits_the_page_and_no_control_is_visible(browser, site, lang):
    document, _text, _outline = edition.print_document(site, ROOT, edition=lang)
    extra = {edition.PRINT_PATH: ("text/html; charset=utf-8", document.encode("utf-8"))}
    handler = functools.partial(type("H", (edition._PrintHandler,), {"extra": extra}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    page = browser.new_page()
    page.set_viewport_size({"width": edition.CONTENT_WIDTH_PX, "height": 1000})
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/{edition.PRINT_PATH}")
        page.wait_for_load_state("load")
        page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.emulate_media(media="print")
        found = page.evaluate("""() => {
          const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
          const width = document.documentElement.clientWidth;
          return {
            controls: [...document.querySelectorAll('input, select, textarea, button, [role=slider]')]
                        .filter((el) => visible(el) && !el.classList.contains('wxshop-sort')).length,
            skip: [...document.querySelectorAll('a')].filter((a) => visible(a) && /跳到正文|Skip to/.test(a.textContent)).length,
            originals: [...document.querySelectorAll('.wxshop-original, .wxshop-original-toggle')].length,
            wide: [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > width + 1)
                    .map((t) => (t.caption || {}).textContent || t.className),
            hiddenSources: [...document.querySelectorAll('.wxshop-sources-panel, .wxshop-points, .wxshop-caption')]
                    .filter((el) => !visible(el)).length,
            figures: document.querySelectorAll('.wxshop-figure').length,
            // a long filter table (公开数据核对记录) shows its first rows on screen; on paper, every row
            shortTables: document.querySelectorAll('.wxshop-filter-table[data-first-rows]').length,
            unprintedRows: [...document.querySelectorAll('.wxshop-filter-table tbody tr')].filter((tr) => !visible(tr)).length,
            undrawn: [...document.querySelectorAll('.wxshop-figure')].filter((f) =>
                       !f.querySelector('svg') || f.querySelectorAll('svg path, svg rect, svg line, svg text').length < 5
                       || !visible(f.querySelector('svg'))).map((f) => f.dataset.title),
            loopback: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
                    .filter((h) => /^(https?:)?\\/\\/(127\\.|localhost)/.test(h) || /^\\/(?!\\/)/.test(h)),
          };
        }""")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert found["controls"] == 0 and found["skip"] == 0 and found["originals"] == 0
    assert found["wide"] == []
    assert found["hiddenSources"] == 0
    assert found["shortTables"] >= 1 and found["unprintedRows"] == 0
    assert found["figures"] >= 20 and found["undrawn"] == []
    assert found["loopback"] == []


# --------------------------------------------------------------------------- links in the print document

PAGES = {"book/index", "notebooks/omnichannel", "book/references"}


def test_links_between_pages_become_links_inside_the_file():
    fragment = ('<a href="../book/references.html#src-nbs">参考文献</a><a href="#exhibit-33">图表33</a>'
                '<a href="../book/index.html">封面</a><section id="exhibit-33"><label for="x">x</label></section>')
    out = edition.rewrite_fragment(fragment, "notebooks/omnichannel", PAGES, None)
    assert 'href="#p-book-references--src-nbs"' in out and 'href="#p-notebooks-omnichannel--exhibit-33"' in out
    assert 'href="#p-book-index"' in out
    assert 'id="p-notebooks-omnichannel--exhibit-33"' in out and 'for="p-notebooks-omnichannel--x"' in out


def test_links_to_other_files_of_the_site_use_the_public_address_or_none():
    fragment = ('<a href="../data/platform_gmv_2023.csv" download>CSV</a><a href="../search.html">搜索</a>'
                '<a href="http://127.0.0.1:8000/book/index.html">本地</a><a href="https://www.stats.gov.cn/x">统计局</a>'
                '<img src="../_static/wxshop/cards/douyin.png">')
    dropped = edition.rewrite_fragment(fragment, "notebooks/omnichannel", PAGES, None)
    assert "href" not in dropped.replace('href="https://www.stats.gov.cn/x"', "")
    assert 'src="/_static/wxshop/cards/douyin.png"' in dropped  # printed from the site: a root-relative image
    public = edition.rewrite_fragment(fragment, "notebooks/omnichannel", PAGES, "https://example.org/wxshop/")
    assert 'href="https://example.org/wxshop/data/platform_gmv_2023.csv"' in public
    assert 'href="https://example.org/wxshop/search.html"' in public and "127.0.0.1" not in public


def test_english_links_stay_inside_the_english_edition_or_go_public():
    fragment = ('<a href="../book/references.html#src-nbs">References</a><a href="../../notebooks/omnichannel.html">'
                '中文</a><a href="../data/platform_gmv_2023.csv">CSV</a><img src="../_static/x.png">')
    out = edition.rewrite_fragment(fragment, "notebooks/omnichannel", PAGES, "https://example.org/wxshop/", "en/")
    assert 'href="#p-book-references--src-nbs"' in out  # the English references page, inside the file
    assert 'href="https://example.org/wxshop/notebooks/omnichannel.html"' in out  # the Chinese page: the site's
    assert 'href="https://example.org/wxshop/en/data/platform_gmv_2023.csv"' in out and 'src="/en/_static/x.png"' in out


def test_the_public_address_is_read_from_config(tmp_path):
    (tmp_path / "_config.yml").write_text("title: x\nhtml:\n  baseurl: https://example.org/wxshop\n", encoding="utf-8")
    assert edition.public_address(tmp_path) == "https://example.org/wxshop/"
    (tmp_path / "_config.yml").write_text("title: x\n", encoding="utf-8")
    assert edition.public_address(tmp_path) is None
