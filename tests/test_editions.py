"""The two editions of one `make book`: the Chinese original at the site's root, the English edition at en/.

Every test reads the published site (the session's ``site`` fixture, built once); each parses a page at most
once (pages are cached), so the module costs a few seconds beyond the build.
"""
from __future__ import annotations

import ast
import json
import re
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from wxshop.build import toc

ROOT = Path(__file__).resolve().parent.parent
PAGES = toc.pages(ROOT)
CHAPTERS = [page for page in PAGES if (ROOT / (page + ".ipynb")).is_file()]
STAGE_EN = ROOT / "_build" / "stage-en"
_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")

pytestmark = pytest.mark.site


@lru_cache(maxsize=None)
def _glossary():
    from wxshop.glossary import english_terms

    return tuple(term for term in english_terms() if any(ch.isdigit() for form in term.accepted for ch in form))


class _Glossary:
    def __iter__(self):
        return iter(_glossary())


GLOSSARY = _Glossary()


def squash(text: str) -> str:
    return _WS.sub("", text)


@lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, entry: str, edition: str) -> BeautifulSoup:
    return soup((site / entry).with_suffix(".html") if edition == "zh" else (site / "en" / entry).with_suffix(".html"))


def resolve(from_page: Path, href: str) -> Path:
    return (from_page.parent / href.split("#")[0].split("?")[0]).resolve()


def test_every_toc_page_exists_in_english(site: Path) -> None:
    missing = [entry for entry in PAGES if not (site / "en" / (entry + ".html")).is_file()]
    assert not missing, f"no English page for {missing}"
    assert (site / "en" / "search.html").is_file() and (site / "en" / "searchindex.js").is_file()


def test_html_lang_and_hreflang_alternates(site: Path) -> None:
    for entry in PAGES:
        zh_file, en_file = site / (entry + ".html"), site / "en" / (entry + ".html")
        en = page(site, entry, "en")
        assert en.html.get("lang") == "en", entry
        for edition, path in (("zh", zh_file), ("en", en_file)):
            links = {link["hreflang"]: link["href"] for link in page(site, entry, edition).head.find_all(
                "link", rel="alternate", hreflang=True)}
            assert set(links) == {"zh-CN", "en"}, (edition, entry, links)
            assert resolve(path, links["zh-CN"]) == zh_file.resolve(), (edition, entry)
            assert resolve(path, links["en"]) == en_file.resolve(), (edition, entry)


def test_switcher_goes_both_ways(site: Path) -> None:
    for entry in PAGES:
        zh_file, en_file = site / (entry + ".html"), site / "en" / (entry + ".html")
        to_en = page(site, entry, "zh").select_one("a.wxshop-switch")
        to_zh = page(site, entry, "en").select_one("a.wxshop-switch")
        assert to_en is not None and to_zh is not None, entry
        assert resolve(zh_file, to_en["href"]) == en_file.resolve() and to_en["hreflang"] == "en", entry
        assert resolve(en_file, to_zh["href"]) == zh_file.resolve() and to_zh["hreflang"] == "zh-CN", entry
    script = (site / "_static" / "wxshop" / "editions.js").read_text(encoding="utf-8")
    assert "window.location.search + window.location.hash" in script  # chart permalinks survive the switch


def test_english_pages_note_the_original_once(site: Path) -> None:
    for entry in PAGES:
        notes = page(site, entry, "en").select(".editors.wxshop-translation-note")
        assert len(notes) == 1, entry
        assert not page(site, entry, "zh").select(".wxshop-translation-note"), entry


def originals(site: Path, entry: str) -> list:
    return page(site, entry, "en").select("main .wxshop-original-wrap")


def test_originals_are_hidden_chinese_and_outside_the_search(site: Path) -> None:
    index = (site / "en" / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1:index.rindex(")")])
    def docs_of(run: str) -> set[int]:
        found = set()
        for kind in ("terms", "titleterms"):
            hit = data[kind].get(run)
            found |= {hit} if isinstance(hit, int) else set(hit or [])
        return found

    indexed = []
    for entry in CHAPTERS:
        wraps = originals(site, entry)
        assert wraps, entry
        visible = BeautifulSoup(str(page(site, entry, "en").select_one("main")), "html.parser")
        for wrap in visible.select(".wxshop-original-wrap"):
            wrap.decompose()
        # runs also shown on the page (a chart's table, a label not yet translated) are indexed from there
        shown = visible.get_text()
        for wrap in wraps:
            original = wrap.select_one(".wxshop-original")
            assert original["lang"] == "zh-CN" and original.has_attr("hidden")
            assert wrap.select_one("button.wxshop-original-toggle")
            # the English search splits Chinese at punctuation: no run of the original may be a term
            number = data["docnames"].index(entry)
            indexed += [run for run in re.split(r"\W+", original.get_text())
                        if len(run) >= 6 and number in docs_of(run) and run not in shown]
    assert not indexed, f"the hidden Chinese originals are in the English search index: {indexed[:5]}"


def test_alignment_each_report_paragraph_has_one_english_counterpart(site: Path) -> None:
    """On each chapter page, the Chinese page's report paragraphs and headings (outside the editors' blocks,
    charts and tables, as the verbatim check reads them) are, in order, the originals the English page keeps."""
    from wxshop.build import verbatim

    for entry in CHAPTERS:
        chinese = [squash(text) for tag, text in verbatim.blocks((site / (entry + ".html")).read_text(encoding="utf-8"))
                   if squash(text)]
        english = [squash(wrap.select_one(".wxshop-original").get_text()) for wrap in originals(site, entry)
                   if not wrap.has_attr("data-wxshop-editors")]
        # a heading's text on the Chinese page ends with its permalink mark
        chinese = [text.rstrip("#") for text in chinese]
        assert english == chinese, f"{entry}: {len(chinese)} report blocks, {len(english)} English counterparts; " \
            f"first difference: {next(((c, e) for c, e in zip(chinese, english) if c != e), None)}"


def counterpart(wrap):
    return wrap.find_previous_sibling()


def test_numbers_come_from_the_original_or_a_glued_figure(site: Path) -> None:
    problems = []
    for entry in CHAPTERS:
        for wrap in originals(site, entry):
            english = counterpart(wrap)
            if english is None:
                continue
            english = BeautifulSoup(str(english), "html.parser")
            # glued figures, and amounts the catalogue wrote as {amount}`…` (the report's amount, read in English
            # conventions: 5000万 -> 50 million; the catalogue lint checks each is the msgid's own amount)
            for figure in english.select(".wxshop-number, .wxshop-amount, .headerlink, .wxshop-cite"):
                figure.decompose()
            chinese = wrap.select_one(".wxshop-original").get_text()
            allowed = set(_DIGITS.findall(chinese))
            text = english.get_text()
            for term in GLOSSARY:  # a glossary term's English form may carry digits (双十一 -> Double 11)
                if term.zh in chinese:
                    for form in term.accepted:
                        text = re.sub(re.escape(form), " ", text, flags=re.I)
            extra = set(_DIGITS.findall(text)) - allowed
            if extra:
                problems.append(f"{entry}: {sorted(extra)} in {english.get_text()[:80]!r}")
    assert not problems, "\n".join(problems)


def glue_values(notebook: Path) -> dict[str, str]:
    """The text each key is glued with in an executed notebook (as myst-nb pastes it)."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            name, prefix = record.get("name"), record.get("mime_prefix", "")
            text = output.get("data", {}).get(prefix + "text/plain", output.get("data", {}).get("text/plain"))
            if name and text is not None:
                try:
                    found[name] = str(ast.literal_eval(text))
                except (ValueError, SyntaxError):
                    found[name] = text
    return found


def test_glued_figures_render_in_translated_paragraphs(site: Path) -> None:
    """The glue pitfall: a figure inside a translated paragraph is pasted, with the English run's value."""
    checked = 0
    for entry in CHAPTERS:
        glued = set(glue_values(STAGE_EN / (entry + ".ipynb")).values())
        zh_count = len(page(site, entry, "zh").select("main .wxshop-number"))
        numbers = page(site, entry, "en").select("main .wxshop-number")
        assert len(numbers) == zh_count, f"{entry}: {len(numbers)} glued figures in English, {zh_count} in Chinese"
        for number in numbers:
            number = BeautifulSoup(str(number), "html.parser")
            for note in number.select(".wxshop-provenance"):
                note.decompose()
            value = number.get_text().strip()
            assert value, f"{entry}: an empty glued figure"
            assert value in glued, f"{entry}: {value!r} is not a value the English run glued"
            checked += 1
    assert checked > 0


def test_english_search_finds_english_terms(site: Path) -> None:
    index = (site / "en" / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("(") + 1:index.rindex(")")])
    names = data["docnames"]
    for term, page_name in (("wechat", "notebooks/wechat_shop"), ("omnichannel", "notebooks/omnichannel")):
        pages = []
        for kind in ("terms", "titleterms"):  # a word of a page's title is indexed among its title terms
            found = data[kind].get(term)
            pages += [found] if isinstance(found, int) else found or []
        assert names.index(page_name) in pages, f"{term!r} does not find {page_name}"
    from wxshop.build.checks import SEARCH_TERMS, search_terms

    assert {t.lower() for t in SEARCH_TERMS} <= search_terms(site)  # the Chinese search is unchanged
