"""Pages a reader on a phone would keep, in both editions: axe-core and the Nu Html Checker find nothing,
charts fit a 360 px column with readable labels, the navigation opens on phones, and the interface is in
Simplified Chinese on the Chinese pages and in English on the English ones (``en/``)."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from wxshop.build import toc

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = [f"{p}.html" for p in toc.pages(ROOT)] + ["search.html", "index.html"]
CHART_PAGES = [f"{toc.page_of(ROOT, stem)}" for stem in toc.notebooks(ROOT)]
EN_PAGES = ["en/" + p for p in PAGES]  # the English edition: the same pages under en/
EN_CHART_PAGES = ["en/" + p for p in CHART_PAGES]
# Chinese pages axe checks at a desktop's width as well as a phone's (see test_axe_finds_no_violations).
DESKTOP_AXE = CHART_PAGES + ["book/index.html", "book/references.html", "search.html"]


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make test` (npm ci from package-lock.json)")
    return path


def new_page(browser, width: int, scheme: str = "light"):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    return page


def draw_all(page) -> None:
    page.evaluate("window.wxshopCharts && window.wxshopCharts.drawAll ? "
                  "window.wxshopCharts.drawAll().then(() => true) : true")


# axe's default rules, and target-size (WCAG 2.2's 24 px touch targets, which Lighthouse also checks), off by
# default in axe 4. Then the rules whose result depends on colours (contrast, links told apart by colour alone).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Every painted element's colours, to find what a dark preference changes: the colour rules then run in the
# dark on those elements and what they hold (an element's contrast is read against the backgrounds behind it,
# so a changed background brings its whole subtree in). Today only Chromium's own form controls change (it
# paints them in the preferred scheme); the rest of the site has one light style. Hidden elements paint
# nothing, and axe's colour rules do not read them either.
COLOURS = """() => [...document.querySelectorAll('*')].map((el) => {
    const s = getComputedStyle(el);
    if (!el.getClientRects().length || s.visibility !== 'visible') return '';
    return [s.color, s.backgroundColor, s.borderTopColor, s.outlineColor, s.fill, s.stroke, s.opacity,
            s.backgroundImage, s.textDecorationColor, s.accentColor].join(' '); })"""
MARK_CHANGED = """(before) => { const all = [...document.querySelectorAll('*')], now = (%s)();
    let n = 0;
    all.forEach((el, i) => { if (now[i] !== before[i]) { el.setAttribute('data-wxshop-dark', ''); n++; } });
    return n; }""" % COLOURS
AXE_CHANGED = """(options) => axe.run({include: [['[data-wxshop-dark]']]}, options).then(r => r.violations.map(
    v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"""
AXE_RUN = """(options) => axe.run(document, options).then(r => r.violations.map(
    v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"""


@pytest.mark.browser
@pytest.mark.checker
@pytest.mark.parametrize("path", [p for p in PAGES + EN_PAGES if p not in ("index.html", "en/index.html")])  # redirects
def test_axe_finds_no_violations(browser, base_url, path):
    """At a phone's and a desktop's width, every axe rule in the light colour scheme; then, on the same page
    switched to a reader's dark preference, the rules a colour scheme can change (the page's structure, names
    and roles are the same in both). At the desktop's width too on the pages of DESKTOP_AXE: what the width
    changes is the theme's template (drawers, sidebars, the page's contents list) and the charts' size, the same
    on every prose page; so every chapter page is checked at both widths, and of the other pages the cover, the
    longest reference list and search. Tables, the one width-dependent part of a prose page, are a scroll box at
    the phone's width (where the check is stricter) and plain at the desktop's. An English page is checked at the
    phone's width only: what English changes (language, names, landmarks, text) does not depend on the width."""
    axe = need(AXE).read_text(encoding="utf-8")
    # (A dark preference that changes no painted colour leaves the light run's colour results standing.)
    for width in (390, 1366) if path in DESKTOP_AXE else (390,):
        page = new_page(browser, width, "light")
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        draw_all(page)
        page.add_script_tag(content=axe)
        light = page.evaluate(AXE_RUN, {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}})
        colours = page.evaluate(COLOURS)
        page.emulate_media(color_scheme="dark")
        dark = []
        if page.evaluate(MARK_CHANGED, colours):  # what the dark preference repaints gets the colour rules
            dark = page.evaluate(AXE_CHANGED, {"resultTypes": ["violations"],
                                               "runOnly": {"type": "rule", "values": COLOUR_RULES}})
        page.close()
        assert light == [], f"{path} at {width} px, light"
        assert dark == [], f"{path} at {width} px, dark"


@pytest.mark.browser
@pytest.mark.site
def test_the_dark_check_reads_what_a_dark_preference_repaints_and_finds_its_faults(browser, base_url):
    """What lets the axe test run its dark colour rules on the repainted part only: the probe finds a dark
    style's elements (and nothing on a page without one), and axe finds a fault in them."""
    axe = need(AXE).read_text(encoding="utf-8")
    page = new_page(browser, 390, "light")
    page.goto(base_url + "book/risks.html")
    page.wait_for_load_state("load")
    page.add_script_tag(content=axe)
    page.add_style_tag(content="@media (prefers-color-scheme: dark) { article p { color: #ddd; } }")
    light = page.evaluate(COLOURS)
    page.emulate_media(color_scheme="dark")
    assert page.evaluate(MARK_CHANGED, light) > 0  # light grey on the page's white: poor contrast
    assert page.locator("article p[data-wxshop-dark]").count() == page.locator("article p").count() > 0
    assert page.locator("header [data-wxshop-dark]").count() == 0  # what the style leaves alone
    found = page.evaluate(AXE_CHANGED, {"resultTypes": ["violations"],
                                        "runOnly": {"type": "rule", "values": COLOUR_RULES}})
    assert any(v.startswith("color-contrast") for v in found), found
    page.emulate_media(color_scheme="light")
    page.close()


@pytest.mark.checker
def test_the_nu_html_checker_finds_no_errors(site):
    pages = [str(p) for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts]
    result = subprocess.run(["java", "-jar", str(need(VNU)), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{m.get('url', '').split('/html/')[-1]}: {m['message']}" for m in messages] == []


@pytest.mark.browser
@pytest.mark.parametrize("path", CHART_PAGES + EN_CHART_PAGES)
def test_no_chart_is_wider_than_its_column_at_360_px_and_labels_stay_readable(browser, base_url, path):
    page = new_page(browser, 360)
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    draw_all(page)
    found = page.evaluate("""() => [...document.querySelectorAll('.wxshop-figure')].map((f) => {
        const chart = f.querySelector('.wxshop-chart'), svg = chart.querySelector('svg');
        const sizes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.width.baseVal.value));
        return {column: chart.clientWidth, svg: svg.getBoundingClientRect().width, smallest: Math.min(...sizes),
                page: document.documentElement.scrollWidth, viewport: window.innerWidth};
    })""")
    page.close()
    assert found
    for figure in found:
        assert figure["svg"] <= figure["column"] + 0.5, figure
        assert figure["smallest"] >= 11 - 0.01, figure
        assert figure["page"] <= figure["viewport"], figure  # nothing makes the page scroll sideways


@pytest.mark.browser
@pytest.mark.parametrize("path, data_page", [("book/index.html", "数据与方法"), ("notebooks/omnichannel.html", "数据与方法"),
                                             ("en/notebooks/omnichannel.html", "Data and methods")])
def test_the_navigation_buttons_open_and_close_the_menus_on_a_phone(browser, base_url, path, data_page):
    page = new_page(browser, 390)
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    drawer = page.locator(".sidebar-drawer")
    left = lambda: drawer.evaluate("el => el.getBoundingClientRect().left")  # noqa: E731
    assert left() < 0  # off screen
    page.locator("label.nav-overlay-icon").click()
    page.wait_for_timeout(400)
    assert left() >= 0 and page.locator(".sidebar-drawer a", has_text=data_page).first.is_visible()
    page.locator("label.sidebar-overlay").click(position={"x": 380, "y": 400})
    page.wait_for_timeout(400)
    assert left() < 0
    page.locator("label.toc-header-icon").click()
    page.wait_for_timeout(400)
    toc_drawer = page.locator(".toc-drawer")
    assert toc_drawer.evaluate("el => el.getBoundingClientRect().right") <= 390 + 0.5
    assert page.locator(".toc-drawer .toc-title").is_visible()
    page.close()


ENGLISH_UI = ("Search", "Skip to content", "Back to top", "On this page", "Next", "Previous", "Copyright",
              "Made with", "Toggle", "Link to this heading", "Light mode", "Dark mode", "Contents", "Menu",
              "Expand", "Error", "Please activate", "Last updated", "Home")


@pytest.mark.site
@pytest.mark.parametrize("path", PAGES)
def test_the_interface_is_in_simplified_chinese(site, path):
    html = (site / path).read_text(encoding="utf-8")
    chrome = re.sub(r'<main id="furo-main-content" role="main">.*?</main>', "", html, flags=re.S)  # the content aside
    chrome = re.sub(r"<script.*?</script>|<style.*?</style>", "", chrome, flags=re.S)
    shown = re.sub(r"<[^>]+>", " ", chrome)
    labels = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', html))
    for english in ENGLISH_UI:
        assert not re.search(rf"\b{english}\b", shown + " " + labels), english
    assert re.search(r'<html[^>]* lang="zh-CN"', html)
    assert "列印" not in html  # traditional-Chinese interface strings


@pytest.mark.site
@pytest.mark.parametrize("path", [p for p in EN_PAGES if p != "en/index.html"])  # a redirect
def test_the_english_interface_is_in_english(site, path):
    """Outside the content, an English page shows no Chinese but the switcher's 中文 (the other edition's name)."""
    html = (site / path).read_text(encoding="utf-8")
    chrome = re.sub(r'<main id="furo-main-content" role="main">.*?</main>', "", html, flags=re.S)
    chrome = re.sub(r"<script.*?</script>|<style.*?</style>", "", chrome, flags=re.S)
    chrome = re.sub(r'<nav class="wxshop-edition-switch".*?</nav>', "", chrome, flags=re.S)
    shown = re.sub(r"<[^>]+>", " ", chrome)
    labels = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', chrome))
    assert re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+", shown + " " + labels) == []
    assert re.search(r'<html[^>]* lang="en"', html)
    assert re.search(r'<nav class="wxshop-edition-switch"[^>]*>\s*<a [^>]*hreflang="zh-CN"[^>]*>中文</a>', html)


@pytest.mark.site
@pytest.mark.parametrize("path", PAGES + EN_PAGES)
def test_every_page_has_a_title_and_a_description(site, path):
    html = (site / path).read_text(encoding="utf-8")
    assert re.search(r"<title>[^<]+</title>", html)
    assert re.search(r'<meta name="description" content="[^"]{10,}"', html)


@pytest.mark.site
def test_the_favicon_is_served_locally(site):
    html = (site / "book" / "index.html").read_text(encoding="utf-8")
    icon = re.search(r'<link rel="(?:shortcut )?icon" href="([^"]+)"', html).group(1)
    assert not icon.startswith(("http", "//")) and (site / "book" / icon).resolve().is_file()


@pytest.mark.browser
def test_a_phone_reader_gets_the_text_without_the_chart_runtime_and_the_chart_when_they_scroll_to_it(browser, base_url):
    """Vega (the page's heaviest script) is neither fetched into the page nor run while the reader reads text
    above the first chart; scrolling the chart near the screen loads it and draws the chart."""
    page = new_page(browser, 390)
    page.goto(base_url + "notebooks/people_goods_place.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    first = page.locator(".wxshop-figure").first
    assert first.evaluate("f => f.getBoundingClientRect().top") > 844 + 300  # below the first screen
    assert page.evaluate("typeof window.vega") == "undefined"
    assert page.locator("script[src*='vega-bundle']").count() == 0
    assert first.locator("svg").count() == 0
    first.scroll_into_view_if_needed()
    page.wait_for_selector(".wxshop-figure.wxshop-drawn", timeout=20_000)
    assert page.evaluate("typeof window.vega") == "object"
    assert first.locator(".wxshop-chart svg").count() == 1
    assert first.locator(".wxshop-figure-tools").is_visible()
    page.close()


@pytest.mark.browser
def test_a_chart_whose_runtime_cannot_load_says_so(browser, base_url):
    page = new_page(browser, 390)
    page.route("**/vega-bundle.js*", lambda route: route.abort())
    page.goto(base_url + "notebooks/wechat_shop.html")
    page.wait_for_load_state("load")
    first = page.locator(".wxshop-figure").first
    first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.wxshop-figure .wxshop-chart').textContent.includes('图表脚本未加载')",
                           timeout=20_000)
    assert first.locator("svg").count() == 0
    page.close()
