"""Checks of a built site before it is published: pages, other hosts, captions, scripts, search."""
from __future__ import annotations

import json
import re
from pathlib import Path

from wxshop.build import toc

SEARCH_TERMS = ("微信小店", "KOC", "人货场", "公域", "私域")
# The English edition's index holds stems (Sphinx's English search: Porter stemmer, lower case).
SEARCH_TERMS_EN = ("wechat", "koc", "douyin", "tencent")
CHART = 'class="wxshop-figure"'
FILTER_TABLE = "wxshop-filter-table"

_LOAD_ATTRS = re.compile(
    r"<(script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)", re.I)


def is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def check_site(site: Path, root: Path, edition: str = "zh") -> list[str]:
    """Problems with a built site (empty list: fine). The English edition's words are the edition's own
    translation: they are not checked against the report's text; its search must find English terms."""
    problems = []
    for entry in toc.pages(root):
        if not (site / (entry + ".html")).is_file():
            problems.append(f"no page for _toc.yml entry {entry!r}")
    for page in site.rglob("*.html"):
        if "_static" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        rel = page.relative_to(site)
        for match in _LOAD_ATTRS.finditer(text):
            url = match.group(2) or match.group(3)
            if url and is_remote(url):
                problems.append(f"{rel}: loads {url} from another host")
        charts = text.count(CHART)
        if charts:
            if text.count('class="wxshop-caption') < charts:
                problems.append(f"{rel}: {charts} chart(s) but fewer captions with sources")
            if "require.js" in text or "require.min.js" in text:
                problems.append(f"{rel}: require.js on a chart page")
            if "wxshop/charts.js" not in text:
                problems.append(f"{rel}: chart page without the chart runtime")
        elif "vega-bundle.js" in text or "wxshop/charts.js" in text:
            problems.append(f"{rel}: chart runtime on a page without charts")
    if not (site / "_static" / "wxshop" / "vega-bundle.js").is_file():
        problems.append("_static/wxshop/vega-bundle.js is missing: charts.js loads it beside itself")
    for css in site.rglob("*.css"):
        for match in _CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if url and is_remote(url):
                problems.append(f"{css.relative_to(site)}: loads {url} from another host")
    from wxshop import data
    from wxshop.build import verbatim

    terms = search_terms(site)
    if edition != "zh":
        problems.extend(f"searchindex.js has no entry for {term!r}" for term in SEARCH_TERMS_EN if term not in terms)
        return problems
    report_pages = [p for p in toc.pages(root) if p not in toc.EDITION_PAGES]
    for page, issues in verbatim.check_pages(site, report_pages, data.report_text(root / "data")).items():
        problems.extend(f"{page}.html: text outside an editors' block that is not in the report: {issue}"
                        for issue in issues)
    for term in SEARCH_TERMS:
        if term.lower() not in terms:
            problems.append(f"searchindex.js has no entry for {term!r}")
    return problems


def search_terms(site: Path) -> set[str]:
    """The terms of the site's search index (lower case), as the browser's search sees them."""
    index = site / "searchindex.js"
    if not index.is_file():
        return set()
    text = index.read_text(encoding="utf-8")
    payload = json.loads(text[text.index("(") + 1: text.rindex(")")])
    return {term.lower() for term in payload["terms"]} | {term.lower() for term in payload.get("titleterms", {})}
