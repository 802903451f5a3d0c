"""The built site as files: pages, same-host assets only, search index, downloads, exhibits, hidden cells."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from wxshop import chapters, data, units
from wxshop.build import toc

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGES = toc.pages(ROOT)
NOTEBOOKS = toc.notebooks(ROOT)


class Loads(HTMLParser):
    """Every URL a page makes the browser fetch by itself (not links the reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.anchors: list[str] = []
        self.scripts: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "input") and a.get("src"):
            self.urls.append(a["src"])
            if tag == "script":
                self.scripts.append(a["src"])
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if tag == "a" and a.get("href"):
            self.anchors.append(a["href"])


def parse(page: Path) -> Loads:
    parser = Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    """The site's pages (the theme's _static/ holds template fragments, not pages)."""
    # the Chinese edition; the English one (en/) is tests/test_editions.py's
    return sorted(p for p in site.rglob("*.html")
                  if "_static" not in p.relative_to(site).parts and p.relative_to(site).parts[0] != "en")


def without_provenance(html: str) -> str:
    """The page as it reads: each number's provenance note (a popover, shown on demand) taken out."""
    out, pos, marker = [], 0, '<span class="wxshop-provenance">'
    while (start := html.find(marker, pos)) >= 0:
        out.append(html[pos:start])
        depth, cursor = 0, start
        for tag in re.finditer(r"<(/?)span\b[^>]*>", html[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                cursor = start + tag.end()
                break
        pos = cursor
    return "".join(out) + html[pos:]


def page_text(site: Path, page: str) -> str:
    """The page's text as a reader reads it (tags dropped, whitespace collapsed, provenance notes closed)."""
    html = without_provenance((site / page).read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def article(site: Path, page: str) -> str:
    """The page's main text (not its navigation or table of contents)."""
    html = (site / page).read_text(encoding="utf-8")
    return html[html.index('<main id="furo-main-content" role="main">'):html.index("</main>")]


def section(html: str, start: str, end: str | None = None) -> str:
    begin = html.index(start)
    return html[begin:html.index(end, begin)] if end else html[begin:]


@pytest.mark.parametrize("entry", PAGES)
def test_every_toc_entry_has_a_page(site, entry):
    assert (site / f"{entry}.html").is_file()


def test_no_page_loads_anything_from_another_host(site):
    remote = []
    for page in pages(site):
        for url in parse(page).urls:
            if urlparse(url).netloc or url.startswith("//"):
                remote.append(f"{page.relative_to(site)}: {url}")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if re.match(r"^(https?:)?//", url):
                remote.append(f"{css.relative_to(site)}: {url}")
    assert remote == []


def test_every_local_asset_a_page_loads_exists(site):
    missing = []
    for page in pages(site):
        base = "file://" + str(page)
        for url in parse(page).urls:
            if url.startswith(("data:", "#")):
                continue
            target = Path(urlparse(urljoin(base, url)).path)
            if not target.is_file():
                missing.append(f"{page.relative_to(site)}: {url}")
    assert missing == []


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    parsed = {page: parse(page) for page in pages(site)}
    for page, found in parsed.items():
        for href in found.anchors:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = page if not url.path else Path(urlparse(urljoin("file://" + str(page), url.path)).path)
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if url.fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert broken == []


def test_the_chart_runtime_is_served_once_as_files_only_on_chart_pages(site):
    chapter = site / "notebooks" / "new_platforms.html"
    scripts = parse(chapter).scripts
    assert sum("charts.js" in s for s in scripts) == 1
    # Text first: the page loads only the small runtime, deferred; it fetches Vega when a chart nears view.
    assert not any("vega-bundle" in s for s in scripts)
    assert not any("require" in s for s in scripts)
    html = chapter.read_text(encoding="utf-8")
    assert html.count('class="wxshop-figure"') >= 1
    assert "vega-lite" not in html.lower() and "cdn.jsdelivr" not in html  # compiled to Vega; no CDN
    assert re.search(r'<script defer="defer" src="[^"]*wxshop/charts\.js', html)
    for page in pages(site):
        if 'class="wxshop-figure"' not in page.read_text(encoding="utf-8"):
            assert not any("vega-bundle" in s or "charts.js" in s for s in parse(page).scripts), page
    bundle = (site / "_static" / "wxshop" / "vega-bundle.js").read_text(encoding="utf-8")
    assert "vegaLite" not in bundle and ".vega={}" in bundle  # Vega alone, one global


def test_the_vendored_vega_build_is_npms(site):
    """The Vega file the site serves is byte for byte the npm package's build (node_modules from package-lock)."""
    import hashlib

    npm = ROOT / "node_modules" / "vega" / "build" / "vega.min.js"
    if not npm.is_file():
        pytest.fail("node_modules/vega is missing: run `make test` (it runs npm ci from package-lock.json)")
    served = site / "_static" / "wxshop" / "vega-bundle.js"
    assert hashlib.sha256(served.read_bytes()).digest() == hashlib.sha256(npm.read_bytes()).digest()


def test_thebe_is_not_included_on_any_page(site):
    for page in pages(site):
        scripts = parse(page).scripts
        assert len(scripts) == len(set(scripts)), page
        assert not any("thebe" in s for s in scripts), page


def test_search_index_holds_the_books_chinese_terms(site):
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    terms = {t.lower() for t in index["terms"]}
    for term in ("微信小店", "koc", "kol", "人货场", "公域", "私域"):
        assert term in terms, term
    assert index["terms"]["微信小店"] not in (None, [])  # a page number or a list of them


def test_the_data_package_and_every_linked_csv_are_downloadable(site):
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert (site / "data" / resource["path"]).is_file(), resource["path"]
    for page in pages(site):
        for link in (a for a in parse(page).anchors if a.endswith(".csv")):
            assert (page.parent / link).resolve().is_file(), (page, link)


def test_every_chart_has_a_caption_with_the_reports_or_the_editions_sources_and_a_csv_link(site):
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        figures = html.count('class="wxshop-figure"')
        captions = re.findall(r'<p class="wxshop-caption">(.*?)</p>', html, flags=re.S)
        assert len(captions) >= figures, page
        for caption in captions:
            assert "来源：" in caption and ".csv" in caption, page


def test_download_links_name_the_data_not_the_file(site):
    for page in pages(site):
        for caption in re.findall(r'<p class="wxshop-caption">(.*?)</p>', page.read_text(encoding="utf-8"), flags=re.S):
            for text in re.findall(r"<a [^>]*download>(.*?)</a>", caption):
                assert text.endswith("（CSV）") and ".csv" not in text, (page, text)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_parameters_validation_and_widget_cells_are_not_on_the_site(site, stem):
    html = (site / toc.page_of(ROOT, stem)).read_text(encoding="utf-8")
    for hidden in ("injected-parameters", "parameters(globals())", "panel(p)", "glue(", "import "):
        assert hidden not in html, hidden
    assert "application/vnd.jupyter.widget" not in html and "jupyter-widgets" not in html
    for developer in ("控件面板已隐藏", ".ipynb", "public-series", "datapackage.json"):
        assert developer not in article(site, toc.page_of(ROOT, stem)), developer


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_no_parameter_names_in_a_chapters_reading_flow(site, stem):
    html = re.sub(r'<script type="application/json".*?</script>', "", article(site, toc.page_of(ROOT, stem)), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    for param in chapters.spec(stem).params:
        if "_" in param.name:
            assert not re.search(rf"(?<![\w]){re.escape(param.name)}(?![\w])", text), param.name


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_every_exhibit_of_a_chapter_has_its_anchor_and_a_caption_with_its_source_line(site, stem):
    register = data.load("exhibits").set_index("number")
    html = article(site, toc.page_of(ROOT, stem))
    ids = parse(site / toc.page_of(ROOT, stem)).ids
    numbers = chapters.spec(stem).exhibits
    for number in numbers:
        assert f"exhibit-{number}" in ids, number
        start = html.index(f'id="exhibit-{number}"')
        ends = [i for i in (html.find("<section", start + 1), html.find("</section>", start)) if i > 0]
        body = html[start:min(ends)]  # the exhibit's own section, up to the next heading
        assert register.loc[number, "source_line"] in body, number  # the report's 来源 line, verbatim
        assert "wxshop-caption" in body, number
        if register.loc[number, "status"] == "described":
            assert "wxshop-figure" not in body, number


def test_the_exhibit_register_links_each_published_exhibit_to_its_place(site):
    register = data.load("exhibits")
    html = (site / "book" / "exhibits.html").read_text(encoding="utf-8")
    published = {n: stem for stem in NOTEBOOKS for n in chapters.spec(stem).exhibits}
    for number in register["number"]:
        row = re.search(rf"<tr[^>]*>\s*<td[^>]*>\s*(?:<p>)?图表{number}(?:</p>)?\s*</td>(.*?)</tr>", html, flags=re.S)
        assert row, number
        if int(number) in published:
            assert f'{toc.page_of(ROOT, published[int(number)])}#exhibit-{number}"' in row.group(1), number
        else:
            assert "尚未发布" in row.group(1), number


def test_the_parameter_page_lists_every_parameter_with_its_default_and_range(site):
    text = page_text(site, "book/parameters.html")
    for stem in NOTEBOOKS:
        for param in chapters.spec(stem).params:
            assert param.name in text, (stem, param.name)
    assert "assumptions 的 new_platforms.budget" in text  # where the default comes from


# --------------------------------------------------------------------------- chapter 三

OMNI = "notebooks/omnichannel.html"


def test_chapter_three_keeps_the_reports_heading_with_its_double_hyphen(site):
    assert "三、电商平台经营策略演进--进入精细化运营的全域电商时代" in page_text(site, OMNI)


def test_chapter_three_describes_exhibits_38_to_43_without_drawing_them(site):
    html = article(site, OMNI)
    for headline in ("从单一服务到生态协同、从货架展示到内容驱动", "从极速配送到全链管控，从自营优势到全域联动",
                     "从低价裂变到生态深耕、从下沉流量到全域渗透、从货架电商到场景融合",
                     "以“信任+社交”为核心，推进全域电商生态", "从工具化到生态化、从流量驱动到全域协同"):
        assert headline in html, headline


def test_chapter_three_puts_the_syntun_window_note_beside_the_festival_charts(site):
    from wxshop.chapters.omnichannel import notes

    html = article(site, OMNI)
    for number, following in ((34, 35), (35, 36)):
        body = html[html.index(f'id="exhibit-{number}"'):html.index(f'id="exhibit-{following}"')]
        assert notes.SYNTUN in body, number


def test_the_table_script_is_served_only_where_a_table_is(site):
    assert (site / "_static" / "wxshop" / "table.js").is_file()
    for page in pages(site):
        main = re.search(r"<main.*?</main>", page.read_text(encoding="utf-8"), re.S)
        has_table = bool(main) and "<table" in main.group(0)
        loads = any(urlparse(s).path.endswith("wxshop/table.js") for s in parse(page).scripts)
        assert loads == has_table, page


def test_exhibit_36_has_only_the_reports_headers(site):
    html = article(site, OMNI)
    table = section(html, 'id="exhibit-36"', 'id="exhibit-37"')
    headers = re.findall(r'<button type="button" class="wxshop-sort">(.*?)</button>', table)
    assert headers == ["类别", "平台", "差异", "用户画像", "用户粘性", "优势", "劣势", "双向渗透"]


def test_exhibit_37_keeps_the_reports_source_line_as_the_originals_and_names_what_was_drawn(site):
    html = article(site, OMNI)
    body = section(html, 'id="exhibit-37"', 'id="exhibit-38"')
    caption = re.search(r'<p class="wxshop-caption">(.*?)</p>', body, flags=re.S).group(1)
    assert "原图来源：新茅榜，国金证券研究所" in caption
    drawn = re.search(r'<span class="wxshop-drawn">(.*?)</span>', caption).group(1)
    assert "新茅榜" not in drawn and "报告正文" in drawn and "快手" in drawn


def test_no_platform_shows_a_report_rate_that_the_report_gave_only_as_a_range(site):
    text = page_text(site, OMNI)
    for platform in ("拼多多", "抖音", "快手"):
        assert not re.search(rf"{platform}\s*[0-9.]+%\s*（报告）", text), platform
    assert "淘系之外" in text  # the range is named as the report states it
    rates = re.search(r"平台货币化模型的输入.*?</table>", (ROOT / "_build" / "html" / OMNI).read_text(encoding="utf-8"),
                      flags=re.S).group(0)
    assert "（报告）" not in rates and rates.count("（假设）") >= 15


def slip_note(html: str, name: str) -> str:
    """The text of the slip note ``name`` (an editors' admonition with the id the central list links to)."""
    found = re.search(rf'<div class="editors slip admonition" id="{name}">(.*?)</div>', html, flags=re.S)
    assert found, name
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", without_provenance(found.group(1))))


def test_chapter_three_flags_the_reports_slips_beside_the_text(site):
    html = article(site, OMNI)
    editors = " ".join(re.findall(r'<div class="editors[^"]*admonition"[^>]*>(.*?)</div>', html, flags=re.S))
    text = re.sub(r"<[^>]+>", "", editors)
    assert "57.60%" in text and "59.4%" in text  # 2014 growth: report vs NBS
    assert "33%" in text and "31.4%" in text and "11844亿元" in text  # Kuaishou 2023
    assert "相加超过 100%" in text  # 618 shares
    for name in ("slip-ecommerce-growth-2014", "slip-618-channel-shares-2024", "slip-kuaishou-gmv-growth-2023",
                 "slip-taobao-fee-dates-2024", "slip-double11-growth-2024", "slip-618-decline-2024"):
        slip_note(html, name)


def festival_row(festival: str, year: int, source_type: str, scope: str = "全网"):
    rows = data.load("shopping_festival_gmv")
    return rows[(rows["festival"] == festival) & (rows["year"] == year) & (rows["source_type"] == source_type)
                & (rows["scope"] == scope)].iloc[0]


def test_the_double11_note_sets_syntuns_own_growth_beside_the_reports_slowing(site):
    html = article(site, OMNI)
    note = slip_note(html, "slip-double11-growth-2024")
    report, y2024, y2023 = (festival_row("双十一", 2024, "report"), festival_row("双十一", 2024, "public"),
                            festival_row("双十一", 2023, "public"))
    assert "增速明显放缓" in note and units.format_yi(report["value"], "元", 0) in note  # the report's sentence
    assert f"2024 年增长 {units.format_percent(y2024['yoy'], 0)}" in note  # Syntun: +27%
    assert f"2023 年增长 {units.format_percent(y2023['yoy'], 2)}" in note  # Syntun: +2.08%
    assert y2024["yoy"] > y2023["yoy"] and "窗口" in note  # faster, not slower; windows differ
    sentence = html.index("但增速明显放缓")  # the note sits right after the report's paragraph
    assert sentence < html.index('id="slip-double11-growth-2024"') < html.index('id="exhibit-34"')


def test_the_618_note_names_the_channel_whose_decline_the_report_gives_for_the_total(site):
    note = slip_note(article(site, OMNI), "slip-618-decline-2024")
    channel, total, report = (festival_row("618", 2024, "public", "综合电商平台"), festival_row("618", 2024, "public"),
                              festival_row("618", 2024, "report"))
    assert f"同比下降 {units.format_percent(-channel['yoy'], 1)} 的是其中综合电商平台的销售额" in note
    assert units.format_yi(channel["value"], "元", 0) in note and units.format_yi(report["value"], "元", 0) in note
    assert f"给出的是 {units.format_percent(-total['yoy'], 0)}" in note
    assert report["yoy"] == channel["yoy"] != total["yoy"]


def test_the_central_list_links_to_each_slip_of_chapters_three_and_four(site):
    links = set(parse(site / "book" / "data_methods.html").anchors)
    for page, names in ((OMNI, ("slip-ecommerce-growth-2014", "slip-618-channel-shares-2024", "slip-double11-growth-2024",
                                "slip-618-decline-2024", "slip-kuaishou-gmv-growth-2023", "slip-taobao-fee-dates-2024")),
                        ("notebooks/douyin.html", ("slip-repeated-heading-4-1",))):
        for name in names:
            assert f"../{page}#{name}" in links, name
            assert name in parse(site / page).ids, name


def test_chapter_three_prose_figures_equal_the_model(site):
    from wxshop.chapters.omnichannel import wiring
    from wxshop.chapters.omnichannel.spec import SPEC

    p = SPEC.defaults()
    table = wiring.revenue(p)
    text = page_text(site, OMNI)
    assert f"合计 {units.format_yi(table['revenue'].sum(), '元', 1)}" in text
    assert f"合计增收 {units.format_yi(table['per_pp'].sum(), '元', 1)}" in text
    for _, row in table.iterrows():
        assert f"{row['label']} {units.format_yi(row['revenue'], '元', 1)}" in text, row["label"]
    assert "新增费用收入" not in text  # the WeChat Shop model moved to chapter 一 (tests/test_site_wechat_shop.py)
    assert "交易服务费为 0.6%" in text and "0.6%—1% 不等" in text and "大多数为 5%" in text


def test_assumptions_are_labelled_where_their_values_show(site):
    text = page_text(site, OMNI)
    assert "0%（假设）" in text  # the Taobao exemption share
    assert "10%（假设）" in page_text(site, "notebooks/wechat_shop.html")  # the share moved into WeChat Shop
    assert "10万元（假设）" in page_text(site, "notebooks/new_platforms.html")


# --------------------------------------------------------------------------- 4.3

PLATFORMS = "notebooks/new_platforms.html"


def test_section_4_3_shows_exhibit_53_with_its_source_line_and_draws_exhibit_52(site):
    html = article(site, PLATFORMS)
    for cell in ("1000-10000", "10W+", "高（5-15%）", "低（1%-5%）", "低（几十～几百元）", "高（上千～上万元）"):
        assert cell in html, cell
    assert "来源：电商运营课程君，国金证券研究所绘制" in html
    drawn = section(html, 'id="exhibit-52"', 'id="exhibit-53"')
    assert "公域导私域" in drawn and drawn.count('class="wxshop-figure"') == 1 and "wxshop-described" not in drawn
    assert "来源：国金证券研究所绘制" in drawn and "domain_loop.csv" in drawn


def test_section_4_3_prose_figures_equal_the_model(site):
    from wxshop.chapters.new_platforms import model, wiring
    from wxshop.chapters.new_platforms.spec import SPEC

    p = SPEC.defaults()
    best = model.best_share(wiring.chosen_curve(p), p["objective"])
    text = page_text(site, PLATFORMS)
    assert f"最佳的 KOC 预算占比为 {units.format_percent(best['koc_share'], 0)}" in text
    assert units.format_scaled(best[p["objective"]], "次", 1) in text


def test_the_data_page_lists_every_resource_of_the_package(site):
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    links = set(parse(site / "book" / "data_methods.html").anchors)
    for resource in descriptor["resources"]:
        assert f"../data/{resource['path']}" in links, resource["path"]


def test_the_data_page_no_longer_claims_the_alibaba_peak_was_not_found(site):
    text = page_text(site, "book/data_methods.html")
    assert "32.5万" in text and "公开来源未找到" not in text and "未找到这一数字" not in text


ASSET_LINK = re.compile(r'(?:src|href)="([^"?#]*_static/(?:wxshop/|mystnb\.)[^"?#]+)\?v=([0-9a-f]+)"')


def test_every_page_links_the_books_scripts_and_styles_by_their_current_checksum(site):
    """A page links each of the book's own scripts and styles as ``…?v=<checksum>``; a page left with an old
    checksum after a script changed would let a reader's browser keep the old script (seen once: table.js
    changed, the pages were not rewritten). Sphinx's checksum: CRC-32 of the file without carriage returns."""
    import zlib

    stale, seen = [], 0
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.parts:
            continue
        for ref, version in ASSET_LINK.findall(page.read_text(encoding="utf-8")):
            seen += 1
            body = (page.parent / ref).read_bytes().translate(None, b"\r")
            if f"{zlib.crc32(body):08x}" != version:
                stale.append(f"{page.relative_to(site).as_posix()}: {ref}?v={version}")
    assert seen >= 2 * len(PAGES)  # both editions, a script or style on every page
    assert stale == []


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")


def test_no_page_but_search_stops_its_parser_for_a_script(site):
    """Every script file a page loads (Sphinx's, the theme's, the book's) is deferred: the parser never stops
    for one, so a phone paints the text sooner (Lighthouse counts a script without ``defer`` as render-blocking),
    and they keep their order (translations.js calls doctools.js). The search page keeps its scripts as Sphinx
    writes them: its index calls searchtools.js the moment it loads."""
    blocking, deferred = [], 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if "_static" in page.parts or rel in ("search.html", "en/search.html"):
            continue
        for attributes in SCRIPT_TAG.findall(page.read_text(encoding="utf-8")):
            if " src=" not in attributes:
                continue  # inline: its data or a few lines that run where they stand
            if "defer" in attributes or "async" in attributes:
                deferred += 1
            else:
                blocking.append(f"{rel}: <script{attributes}>")
    assert blocking == []
    # On every page of both editions at least seven: Sphinx's three, the theme's, the translations, and the
    # book's editions.js and notes.js (charts.js and table.js where a page has charts or tables).
    assert deferred >= 7 * 2 * len(PAGES)
