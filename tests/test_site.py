"""The built site as files: pages, same-host assets only, search index, downloads, hidden cells."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def toc_entries() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p.get("chapters", [])]
    while stack:
        entry = stack.pop(0)
        entries.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return entries


class Loads(HTMLParser):
    """Every URL a page makes the browser fetch by itself (not links the reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.anchors: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
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
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


@pytest.mark.parametrize("entry", toc_entries())
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


def test_vega_is_served_once_as_a_file_only_on_chart_pages(site):
    chapter = site / "notebooks" / "new_platforms.html"
    scripts = parse(chapter).scripts
    assert sum("vega-bundle.js" in s for s in scripts) == 1
    assert not any("require" in s for s in scripts)
    html = chapter.read_text(encoding="utf-8")
    assert html.count('class="wxshop-chart"') >= 1
    assert "vega-lite@" not in html and "cdn.jsdelivr" not in html  # no CDN fallback, no inlined library
    for page in pages(site):
        if 'class="wxshop-chart"' not in page.read_text(encoding="utf-8"):
            assert not any("vega-bundle" in s for s in parse(page).scripts), page
    bundle = (site / "_static" / "wxshop" / "vega-bundle.js").read_text(encoding="utf-8")
    assert bundle.startswith("/*") and "(function () {" in bundle  # wrapped: no page globals clobbered


def test_thebe_is_not_included_twice_on_any_page(site):
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
    chapter = site / "notebooks" / "new_platforms.html"
    links = [a for a in parse(chapter).anchors if a.endswith(".csv")]
    assert "../data/exhibit53_koc_vs_kol.csv" in links and "../data/koc_kol_cases.csv" in links
    for link in links:
        assert (chapter.parent / link).resolve().is_file(), link


def test_every_chart_has_a_caption_with_sources_and_a_csv_link(site):
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        charts = html.count('class="wxshop-chart"')
        captions = re.findall(r'<p class="wxshop-caption">(.*?)</p>', html, flags=re.S)
        assert len(captions) >= charts, page
        for caption in captions:
            assert "来源：" in caption and ".csv" in caption, page


def test_parameters_validation_and_widget_cells_are_not_on_the_site(site):
    html = (site / "notebooks" / "new_platforms.html").read_text(encoding="utf-8")
    for hidden in ("injected-parameters", "validate_namespace", "koc_kol_panel", "share_step = 0.05"):
        assert hidden not in html, hidden
    assert "application/vnd.jupyter.widget" not in html and "jupyter-widgets" not in html
    assert "控件面板已隐藏" in html  # the note that points readers at the chart


def test_the_chapter_shows_exhibit_53_with_its_source_line_and_describes_exhibit_52(site):
    html = (site / "notebooks" / "new_platforms.html").read_text(encoding="utf-8")
    for cell in ("1000-10000", "10W+", "高（5-15%）", "低（1%-5%）", "低（几十～几百元）", "高（上千～上万元）"):
        assert cell in html, cell
    assert "来源：电商运营课程君，国金证券研究所绘制" in html
    assert "图表52：微信小店打通公私域流量" in html and "公域导私域" in html
    section = html[html.index("图表52"):html.index("图表53：小红书")]
    assert "<svg" not in section and "wxshop-chart" not in section  # described, not drawn


def test_prose_figures_equal_the_model(site):
    from wxshop import data, units
    from wxshop.models import koc_kol
    from wxshop.params import defaults

    p = defaults("new_platforms")
    koc, kol = koc_kol.cases_from_table(data.load("koc_kol_cases"))[p["case"]]
    best = koc_kol.best_share(koc_kol.allocation_curve(p["budget"], koc, kol, p["share_step"]))
    html = (site / "notebooks" / "new_platforms.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    assert f"互动量最大的 KOC 预算占比为 {units.format_percent(best['koc_share'], 0)}" in text
    assert units.format_scaled(best["engagements"], "次", 1) in text


# --------------------------------------------------------------------------- chapter 三 (omnichannel)

OMNI = Path("notebooks") / "omnichannel.html"


def page_text(site: Path, page: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (site / page).read_text(encoding="utf-8")))


def article(site: Path, page: Path) -> str:
    """The page's main text (not its navigation or table of contents)."""
    html = (site / page).read_text(encoding="utf-8")
    return html[html.index('<article class="bd-article">'):html.index("</article>")]


def section(html: str, start: str, end: str | None = None) -> str:
    begin = html.index(start)
    return html[begin:html.index(end, begin)] if end else html[begin:]


def test_chapter_three_registers_every_exhibit_as_the_register_says(site):
    from wxshop import data

    html = article(site, OMNI)
    register = data.load("exhibits")
    rows = register[register["chapter"] == "omnichannel"]
    assert list(rows["number"]) == list(range(33, 44))
    for _, row in rows.iterrows():
        assert f"图表{row['number']}" in html, row["number"]
        if row["status"] != "described":
            assert html.count(row["source_line"]) >= 1, row["source_line"]
    # 38–43 are described, not drawn: no chart between their heading and the next section.
    described = section(html, "图表38：2023年各电商平台货币化率", "模型一") + section(html, "图表39–43")
    assert "wxshop-chart" not in described and "<svg" not in described
    for headline in ("从单一服务到生态协同、从货架展示到内容驱动", "从极速配送到全链管控，从自营优势到全域联动",
                     "从低价裂变到生态深耕、从下沉流量到全域渗透、从货架电商到场景融合",
                     "以“信任+社交”为核心，推进全域电商生态", "从工具化到生态化、从流量驱动到全域协同"):
        assert headline in html, headline


def test_chapter_three_puts_the_syntun_window_note_beside_the_festival_charts(site):
    from wxshop.charts import omnichannel as chapter

    html = (site / OMNI).read_text(encoding="utf-8")
    specs = re.findall(r'var spec = (\{.*?\});\n', html)
    titles = [json.loads(s.replace("<\\/", "</")).get("title") for s in specs]
    festival = [t for t in titles if isinstance(t, dict) and ("购物节" in t["text"] or "双十一" in t["text"])]
    assert len(festival) == 2
    for title in festival:
        assert "".join(title["subtitle"]) == chapter.SYNTUN_NOTE


def test_the_platform_table_script_is_served_only_where_a_filterable_table_is(site):
    assert (site / "_static" / "wxshop" / "table.js").is_file()
    for page in pages(site):
        has_table = "wxshop-filter-table" in page.read_text(encoding="utf-8")
        loads = any(urlparse(s).path.endswith("wxshop/table.js") for s in parse(page).scripts)
        assert loads == has_table, page


def test_chapter_three_hides_parameters_validation_and_widget_cells(site):
    html = (site / OMNI).read_text(encoding="utf-8")
    for hidden in ("injected-parameters", "validate_namespace", "take_rate_panel", "wechat_fee_panel",
                   "taotian_exempt_share = 0.0"):
        assert hidden not in html, hidden
    assert html.count("控件面板已隐藏") == 2


def test_chapter_three_prose_figures_equal_the_models(site):
    from wxshop import data, units
    from wxshop.charts import omnichannel as chapter
    from wxshop.models import take_rate, wechat_fees
    from wxshop.params import defaults

    p = defaults("omnichannel")
    rates = take_rate.rates_from_table(data.load("take_rate_cases"))
    gmv = take_rate.gmv_from_table(data.load("platform_gmv_2023"))
    table = take_rate.revenue_table(gmv, rates[p["case"]], p["shift_pp"], {"阿里巴巴": p["taotian_exempt_share"]})
    text = page_text(site, OMNI)
    assert f"合计 {units.format_yi(table['revenue'].sum(), '元', 1)}" in text
    assert f"合计增收 {units.format_yi(table['per_pp'].sum(), '元', 1)}" in text
    for _, row in table.iterrows():
        assert f"{row['label']} {units.format_yi(row['revenue'], '元', 1)}" in text, row["label"]
    series = chapter.miniprogram_series(data.load("wechat_miniprogram_gmv"))
    chosen = next(v for k, v in series.items() if k.startswith(f"{p['miniprogram_year']}年"))
    increment = wechat_fees.incremental_fee_revenue(chosen, p["share"], p["fee_rate"])
    assert f"新增费用收入约 {units.format_yi(increment, '元', 1)}" in text
    # the report's stated rates, placed from the data package
    assert "交易服务费为 0.6%" in text and "0.6%—1% 不等" in text and "大多数为 5%" in text


def test_the_data_page_lists_every_resource_of_the_package(site):
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    links = set(parse(site / "book" / "data_methods.html").anchors)
    for resource in descriptor["resources"]:
        assert f"../data/{resource['path']}" in links, resource["path"]
