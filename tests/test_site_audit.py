"""数据与方法 in the built site: the audit of the public values, the central list of the report's slips, and no
pointer to files readers cannot open.

Slip notes follow one convention (SCOPES.md): an editors' admonition titled 编者注：… with the classes
``editors slip`` and an id ``slip-<ascii-id>``. The list under 原文说明 on 数据与方法 has one item per slip,
linking to it; items the edition confirms are not in that list.
"""
from __future__ import annotations

import csv
import html as html_module
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from wxshop.edition_pages import AUDIT_FIRST_ROWS

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
PAGE = "book/data_methods.html"
AUDIT_PAGE = "book/public_audit.html"
SLIP = re.compile(r'<div class="([^"]*)" id="(slip-[a-z0-9-]+)">')


def main(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index('<main id="furo-main-content" role="main">'):text.index("</main>")]


def plain(fragment: str) -> str:
    return re.sub(r"\s+", "", html_module.unescape(re.sub(r"<[^>]+>", "", fragment)))


def pages(site: Path) -> list[Path]:
    # the Chinese edition; the English one (en/) is tests/test_editions.py's
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and p.relative_to(site).parts[0] != "en")


def section(page: str, heading: str) -> str:
    """The page's section under the h2 ``heading``, up to the next h2."""
    start = page.index(f"<h2>{heading}")
    end = page.find("<h2>", start + 1)
    return page[start:end if end > 0 else len(page)]


def slip_notes(site: Path) -> dict[tuple[str, str], str]:
    """(page, id) -> the note's text, for every slip note on a built page."""
    found = {}
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        for match in SLIP.finditer(text):
            classes = match.group(1).split()
            assert "editors" in classes and "slip" in classes, (path, match.group(0))
            end = text.index("</div>", match.end())
            found[(path.relative_to(site).as_posix(), match.group(2))] = plain(text[match.end():end])
    return found


def slip_items(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """The 原文说明 list: each item's text and the (page, id) of the slip notes it links to."""
    listing = section(main(site / PAGE), "原文说明")
    ordered = listing[listing.index("<ol"):listing.index("</ol>")]
    items = []
    for item in re.findall(r"<li>(.*?)</li>", ordered, flags=re.S):
        targets = []
        for href in re.findall(r'href="([^"]+)"', item):
            url = urlparse(href)
            if url.fragment.startswith("slip-"):
                page = urlparse(urljoin("file:///" + PAGE, url.path)).path.lstrip("/") if url.path else PAGE
                targets.append((page, url.fragment))
        items.append((plain(item), targets))
    return items


def test_every_slip_note_on_a_page_has_an_item_in_the_central_list(site):
    notes = slip_notes(site)
    linked = {target for _, targets in slip_items(site) for target in targets}
    assert len(notes) >= 16  # the slips flagged in the chapters and on the cover
    assert sorted(set(notes) - linked) == [], "slip notes that 数据与方法's 原文说明 does not list"


def test_every_item_of_the_central_list_links_to_one_slip_note(site):
    notes = slip_notes(site)
    for text, targets in slip_items(site):
        assert len(targets) == 1, f"an item of 原文说明 links to {len(targets)} slip notes: {text[:40]}"
        assert targets[0] in notes, f"{text[:40]} links to {targets[0]}, which is not a slip note"
        assert notes[targets[0]].startswith("编者注"), targets[0]


def test_an_item_the_edition_confirms_is_not_a_slip(site):
    items = " ".join(text for text, _ in slip_items(site))
    assert "32.5万笔" not in items  # Alibaba's published 2017 peak: confirmed, listed apart
    assert "32.5万笔" in plain(section(main(site / PAGE), "原文说明"))


def test_the_new_slips_are_flagged_beside_the_text(site):
    notes = slip_notes(site)
    dau = notes[("notebooks/people_goods_place.html", "slip-short-video-dau-2019")]
    assert "1.5亿" in dau and "4000万" in dau and "1亿" in dau and "1.554亿" in dau
    html = (site / "notebooks/people_goods_place.html").read_text(encoding="utf-8")
    note_html = html[html.index('id="slip-short-video-dau-2019"'):]
    note_html = note_html[:note_html.index("</div>")]
    for source in ("kuaishou_prospectus_protocol", "chinadaily_2017_06_kuaishou"):  # cited by their marks
        assert f"references.html#src-{source}" in note_html, source
    assert "可信度L" in dau  # the China Daily piece is seen only in an unattributed copy
    assert "图片" in notes[("notebooks/ai_efficiency.html", "slip-moderation-tupo")]
    pmax = notes[("notebooks/ai_efficiency.html", "slip-google-pmax")]
    assert "30%" in pmax and "18%" in pmax


def read_audit() -> list[dict]:
    with (ROOT / "data" / "public_audit.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_audit_table_shows_every_audit_row_filterable_by_resource(site):
    audit = read_audit()
    block = main(site / AUDIT_PAGE)  # a page of its own: on 数据与方法 it made that page too heavy (83.6 KB gzip)
    assert 'href="public_audit.html"' in section(main(site / PAGE), "公开数据核对记录")  # linked from there
    assert 'class="wxshop-filter-table" data-filter-column="resource"' in block
    body = block[block.index("<tbody>"):block.index("</tbody>")]
    assert body.count("<tr>") == AUDIT_FIRST_ROWS and body.count("<tr hidden>") == len(audit) - AUDIT_FIRST_ROWS
    assert f'data-first-rows="{AUDIT_FIRST_ROWS}"' in block and f"显示全部 {len(audit)} 个公开数值" in block
    options = set(re.findall(r'<option value="([^"]+)">', block))
    assert {a["resource"] for a in audit} == {re.search(r"（(\w+)）$", o).group(1) for o in options}
    assert f"共核对{len(audit)}个公开数值" in plain(block)
    (row,) = [r for r in re.findall(r"<tr(?: hidden)?>(.*?)</tr>", body, flags=re.S)
              if 'data-column="row_key">2011/public/cnnic_29_bjchenbao<' in r and 'data-column="field">mobile_users<' in r]
    assert ">356000000<" in row and "已更正" in row
    assert 'href="http://big5.cctv.com/gate/big5/news.cntv.cn/china/20120117/103191.shtml"' in row
    assert 'href="references.html#src-cnnic_29_bjchenbao"' in row
    assert "wxshop/table.js" in (site / AUDIT_PAGE).read_text(encoding="utf-8")  # filter and sort work


def shown_rows(watch) -> list[dict[str, str]]:
    return watch.page.evaluate("""() => [...document.querySelectorAll('.wxshop-filter-table tbody tr')]
        .filter((tr) => !tr.hidden).map((tr) => Object.fromEntries([...tr.cells].map((td) =>
            [td.getAttribute('data-column'), td.textContent.trim()])))""")


@pytest.mark.browser
def test_the_audit_table_shows_its_first_rows_then_all_or_a_resources_rows(watch):
    """A phone lays out only the first rows; 显示全部 shows every row, a resource's filter all of its rows, and a
    sort keeps the first rows of the new order."""
    audit = read_audit()
    watch.open(AUDIT_PAGE)
    box = watch.page.locator(".wxshop-filter-table")
    status = box.locator(".wxshop-table-status")
    more = box.locator(".wxshop-long-more")
    first = [(r["row_key"], r["field"]) for r in shown_rows(watch)]
    assert first == [(a["row_key"], a["field"]) for a in audit[:AUDIT_FIRST_ROWS]]
    assert status.inner_text() == f"显示 {AUDIT_FIRST_ROWS} / {len(audit)} 个公开数值"
    assert more.is_visible() and more.inner_text() == f"显示全部 {len(audit)} 个公开数值"

    box.locator("th[data-column='row_key'] button").click()  # sorted: still the first rows, of the new order
    keys = [r["row_key"] for r in shown_rows(watch)]
    assert len(keys) == AUDIT_FIRST_ROWS and keys != [k for k, _ in first]

    resource = audit[-1]["resource"]  # a resource whose rows are all past the first ones before sorting
    option = box.locator("select.wxshop-filter option").filter(has_text=f"（{resource}）").first
    box.locator("select.wxshop-filter").select_option(option.get_attribute("value"))
    rows = shown_rows(watch)
    assert len(rows) == sum(a["resource"] == resource for a in audit) and not more.is_visible()
    assert status.inner_text() == f"显示 {len(rows)} / {len(audit)} 个公开数值"

    box.locator("select.wxshop-filter").select_option("")
    assert len(shown_rows(watch)) == AUDIT_FIRST_ROWS and more.is_visible()
    more.click()
    assert len(shown_rows(watch)) == len(audit) and not more.is_visible()
    assert status.inner_text() == f"显示 {len(audit)} / {len(audit)} 个公开数值"
    assert watch.errors == []


def test_no_reader_facing_page_or_download_points_at_research_files(site):
    offenders = [p.relative_to(site).as_posix() for p in pages(site)
                 if "research/" in plain(p.read_text(encoding="utf-8"))]
    offenders += [p.relative_to(site).as_posix() for p in sorted((site / "data").glob("*"))
                  if p.suffix in (".csv", ".json") and "research/" in p.read_text(encoding="utf-8")]
    assert offenders == []
