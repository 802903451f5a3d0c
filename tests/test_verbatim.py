"""The report's words and ours never mix: outside ``.editors`` blocks, every paragraph is the report's."""
from __future__ import annotations

from pathlib import Path

import pytest

from wxshop import data
from wxshop.build import toc, verbatim

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
REPORT = data.report_text(ROOT / "data")
REPORT_PAGES = [p for p in toc.pages(ROOT) if p not in toc.EDITION_PAGES]


@pytest.mark.parametrize("page", REPORT_PAGES)
def test_every_paragraph_outside_editors_blocks_is_the_reports(site, page):
    html = (site / f"{page}.html").read_text(encoding="utf-8")
    found = verbatim.blocks(html)
    assert len(found) >= 3, page  # the check sees the page's text
    assert verbatim.problems(html, REPORT) == []


@pytest.mark.parametrize("page", REPORT_PAGES)
def test_a_planted_sentence_outside_editors_fails_and_inside_passes(site, page):
    html = (site / f"{page}.html").read_text(encoding="utf-8")
    main = verbatim.main_html(html)
    planted = "<p>本段是编者写的话，并不在报告里。</p>"
    outside = html.replace(main, main.replace("</h1>", "</h1>" + planted, 1))
    assert verbatim.problems(outside, REPORT) == ["<p> 本段是编者写的话，并不在报告里。"]
    inside = html.replace(main, main.replace(
        "</h1>", f'</h1><div class="admonition editors"><p class="admonition-title">编者注</p>{planted}</div>', 1))
    assert verbatim.problems(inside, REPORT) == []


def test_a_heading_in_the_reports_numbering_style_that_the_report_lacks_fails():
    html = '<main id="furo-main-content"><h1>四（续）、新入平台：微信小店与小红书</h1></main>'
    assert verbatim.problems(html, REPORT)


def test_edition_pages_are_the_editions_own():
    assert set(toc.EDITION_PAGES) <= set(toc.pages(ROOT))
