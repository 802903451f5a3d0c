"""The English catalogues: each lint rule on hand-written entries, the glossary, the committed catalogues,
and (slow) catalogues complete and current against templates extracted from the sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from wxshop.build import toc
from wxshop.build import translations as tr
from wxshop.glossary import EnglishTerm, GlossaryError, english_terms

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / tr.LOCALE

TERMS = (
    EnglishTerm("兴趣电商", "interest e-commerce", ("interest e-commerce", "interest-based e-commerce")),
    EnglishTerm("全域兴趣电商", "omnichannel interest e-commerce", ("omnichannel interest e-commerce",)),
    EnglishTerm("抖音", "Douyin", ("Douyin",)),
    EnglishTerm("双十一", "Double 11", ("Double 11",)),
    EnglishTerm("图表", "Exhibit", ("Exhibit", "Exhibits")),
)


# --- one rule at a time: a passing and a failing entry each ---------------------------------------------------

def test_empty() -> None:
    assert tr.lint_empty("风险提示", "Risk warnings") == []
    assert tr.lint_empty("风险提示", "  ") == ["empty msgstr"]
    assert [p.rule for p in tr.lint_entry("风险提示", "", TERMS)] == ["empty"]


def test_digits() -> None:
    msgid = "2024年12月19日，图表22显示增速为57.60%。"
    assert tr.lint_digits(msgid, "On 19 December 2024, Exhibit 22 shows growth of 57.60%.") == []
    # a computed or mistyped number is not in the msgid
    assert tr.lint_digits(msgid, "On 19 December 2024, Exhibit 23 shows growth of 57.6%.") == [
        "digits not in the msgid: 23, 6"]


def test_digits_outside_amounts_only() -> None:
    msgid = "2018 年快递日均处理能力 1.4亿单"
    assert tr.lint_digits(msgid, "a daily capacity of {amount}`1.4亿` parcels in 2018") == []
    assert tr.lint_digits(msgid, "a daily capacity of 140 million parcels in 2018") == ["digits not in the msgid: 140"]


def test_digits_of_glossary_forms() -> None:
    # 双十一 is Double 11 by the glossary: its 11 is not computed
    assert tr.lint_digits("双十一的增速", "growth during Double 11", TERMS) == []
    assert tr.lint_digits("双十一的增速", "growth during Double 11", ()) == ["digits not in the msgid: 11"]
    assert tr.lint_digits("大促的增速", "growth during Double 11", TERMS) == ["digits not in the msgid: 11"]


def test_amounts() -> None:
    msgid = "2024年GMV达到120亿元，用户3 万人"
    assert tr.lint_amounts(msgid, "GMV reached {amount}`120亿元` in 2024, with {amount}`3 万` users") == []
    problems = tr.lint_amounts(msgid, "GMV reached {amount}`12000000000元` with {amount}`3万` users")
    assert len(problems) == 2
    assert "not an amount: '12000000000元'" in problems[0]       # not an amount english_amount reads
    assert problems[1] == "{amount}`3万` is not written so in the msgid"  # the space must be as written
    assert "not an amount" in tr.lint_amounts("1.4亿单", "{amount}`1.4亿单` parcels")[0]  # 单 stays outside


def test_cjk() -> None:
    msgid = "参见《中国统计年鉴2012》与{eval}`figures[\"规模\"]`，单位万件"
    ok = ("see the China Statistical Yearbook 2012 (《中国统计年鉴2012》) and {eval}`figures[\"规模\"]`, "
          "in {amount}`万` items")
    assert tr.lint_cjk(msgid, ok) == []
    problems = tr.lint_cjk(msgid, "see the Yearbook and {eval}`figures[\"规模\"]`，in 万 items")
    assert len(problems) == 1 and "'，万'" in problems[0]
    # a role not copied from the msgid is no excuse
    assert tr.lint_cjk("图表22", "{ref}`图表 <fig>` 22") != []


def test_cjk_link_targets_copied() -> None:
    msgid = "见[参考文献](references.md#微信)"
    assert tr.lint_cjk(msgid, "see [References](references.md#微信)") == []
    assert tr.lint_cjk(msgid, "see [参考文献](references.md#微信)") != []


def test_markup() -> None:
    msgid = ("报告称 {eval}`figures[\"capacity_text\"]`，见{ref}`图表44 <exhibit-44>`、`wxshop.units`、"
             "[国家邮政局](https://www.spb.gov.cn/)[^1]")
    ok = ("The report gives {eval}`figures[\"capacity_text\"]`; see {ref}`Exhibit 44 <exhibit-44>`, "
          "`wxshop.units` and [the State Post Bureau](https://www.spb.gov.cn/)[^1]")
    assert tr.lint_markup(msgid, ok) == []
    bad = ("The report gives {eval}`figures['capacity_text']`; see {ref}`Exhibit 44 <exhibit-45>`, wxshop.units "
           "and [the State Post Bureau](https://www.spb.gov.cn)")
    assert tr.lint_markup(msgid, bad) == [
        "markup missing: {eval}`figures[\"capacity_text\"]`",
        "markup missing: {ref}`图表44 <exhibit-44>`",
        "markup missing: `wxshop.units`",
        "link target missing: https://www.spb.gov.cn/",
        "footnote marker missing: [^1]",
    ]


def test_glossary() -> None:
    msgid = "抖音从兴趣电商走向全域兴趣电商"
    assert tr.lint_glossary(msgid, "Douyin moved from interest-based E-commerce to omnichannel interest "
                                   "e-commerce", TERMS) == []  # an accepted form, case-insensitive
    assert tr.lint_glossary(msgid, "Douyin moved from interest commerce to omnichannel interest e-commerce",
                            TERMS) == ["glossary: 兴趣电商 needs interest e-commerce | interest-based e-commerce"]
    assert tr.lint_glossary(msgid, "TikTok moved from interest e-commerce to omnichannel interest e-commerce",
                            TERMS) == ["glossary: 抖音 needs Douyin"]


def test_glossary_longer_term_covers_shorter() -> None:
    # 兴趣电商 occurs only inside 全域兴趣电商: the longer term's form satisfies both
    assert tr.lint_glossary("全域兴趣电商", "omnichannel interest e-commerce", TERMS) == []
    assert tr.lint_glossary("全域兴趣电商", "all-domain interest e-commerce", TERMS) == [
        "glossary: 全域兴趣电商 needs omnichannel interest e-commerce"]


def test_glossary_ignores_code() -> None:
    # a term inside a role's code is not prose; a titled role's title is
    assert tr.lint_glossary("见{eval}`figures[\"抖音\"]`", "see {eval}`figures[\"抖音\"]`", TERMS) == []
    assert tr.lint_glossary("见{ref}`图表 <x>`", "see {ref}`the chart <x>`", TERMS) == [
        "glossary: 图表 needs Exhibit | Exhibits"]


def test_stale_and_missing() -> None:
    report = tr.check_page("p", ["抖音", "图表"], {"抖音": "Douyin", "旧句子": "An old sentence"}, TERMS)
    assert (report.translated, report.empty, report.missing, report.stale) == (1, 0, 1, 1)
    assert sorted(p.rule for p in report.problems) == ["missing", "stale"]
    current = tr.check_page("p", ["抖音"], {"抖音": "Douyin"}, TERMS)
    assert (current.translated, current.stale, current.problems) == (1, 0, [])
    assert [p.rule for p in tr.check_page("p", ["抖音"], None, TERMS).problems] == ["catalogue"]


def test_problem_names_page_and_msgid_start() -> None:
    msgid = "抖音的" + "很长的句子" * 10
    [problem] = tr.lint_entry(msgid, "Douyin's sentence 7", TERMS, page="notebooks/douyin")
    text = str(problem)
    assert text.startswith("notebooks/douyin: '抖音的很长的句子") and "…'" in text and "[digits]" in text


# --- catalogues: writing, the translators' JSON route ---------------------------------------------------------

POT = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "抖音"
msgstr ""

msgid "图表"
msgstr ""
'''


def test_fill_catalogue(tmp_path: Path) -> None:
    pot, po = tmp_path / "p.pot", tmp_path / "p.po"
    pot.write_text(POT, encoding="utf-8")
    first = tr.fill_catalogue(pot, po, {"抖音": "Douyin", "不在模板": "x"})
    assert (first.translated, first.empty, first.added, first.dropped, first.unknown) == (1, 1, 2, 0, 1)
    assert tr.read_catalogue(po) == {"抖音": "Douyin", "图表": ""}
    pot.write_text(POT.replace('msgid "图表"', 'msgid "新句子"'), encoding="utf-8")
    second = tr.fill_catalogue(pot, po)  # the template changed: new msgid empty, vanished one dropped
    assert (second.translated, second.empty, second.added, second.dropped) == (1, 1, 1, 1)
    assert tr.read_catalogue(po) == {"抖音": "Douyin", "新句子": ""}
    before = po.read_bytes()
    tr.fill_catalogue(pot, po)
    assert po.read_bytes() == before  # stable: nothing changes but the translations


def test_po_fill_tool(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    pot, js, po = tmp_path / "p.pot", tmp_path / "p.json", tmp_path / "out" / "p.po"
    pot.write_text(POT, encoding="utf-8")
    js.write_text(json.dumps({"图表": "Exhibit"}, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "po_fill.py"), str(pot), str(js), str(po)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{po}: 1 translated, 1 empty, 0 JSON keys not in the template"
    assert tr.read_catalogue(po) == {"抖音": "", "图表": "Exhibit"}


# --- the glossary ---------------------------------------------------------------------------------------------

def test_glossary_csv_loads() -> None:
    terms = english_terms()
    zh = [t.zh for t in terms]
    assert len(zh) == len(set(zh)) and len(terms) > 10
    assert all(t.en and t.en in t.accepted for t in terms)


@pytest.mark.parametrize(("rows", "problem"), [
    ("抖音,Douyin,Douyin,\n抖音,TikTok,TikTok,\n", "repeats line 2"),
    ("抖音,,Douyin,\n", "empty en"),
    ("抖音,Douyin,TikTok,\n", "not among its accepted forms"),
    ("抖音,Douyin,Douyin||TikTok,\n", "empty accepted form"),
])
def test_glossary_validation(tmp_path: Path, rows: str, problem: str) -> None:
    csv = tmp_path / "glossary.csv"
    csv.write_text("zh,en,accepted,note\n" + rows, encoding="utf-8")
    with pytest.raises(GlossaryError, match=problem):
        english_terms(csv)


# --- the committed catalogues ---------------------------------------------------------------------------------

def _catalogues() -> list[Path]:
    return sorted(LOCALE.rglob("*.po")) if LOCALE.is_dir() else []


@pytest.mark.parametrize("po", _catalogues(), ids=lambda p: p.relative_to(LOCALE).with_suffix("").as_posix())
def test_catalogue_entries_pass_the_lint(po: Path) -> None:
    """Every entry of every catalogue present passes every rule (completeness: the slow test below)."""
    terms = english_terms()
    page = po.relative_to(LOCALE).with_suffix("").as_posix()
    problems = [str(p) for msgid, msgstr in tr.read_catalogue(po).items()
                for p in tr.lint_entry(msgid, msgstr, terms, page)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.slow
def test_catalogues_complete_and_current(tmp_path: Path) -> None:
    """Templates extracted from the current sources: every page of _toc.yml has a catalogue whose msgids are
    exactly its template's (none missing, none stale)."""
    templates = tr.extract(ROOT, tmp_path / "gettext")
    problems = []
    for page in toc.pages(ROOT):
        pot, po = templates / f"{page}.pot", LOCALE / f"{page}.po"
        if not pot.is_file():
            problems.append(f"{page}: no template extracted")
        elif not po.is_file():
            problems.append(f"{page}: no catalogue")
        else:
            template, catalogue = tr.read_template(pot), set(tr.read_catalogue(po))
            missing, stale = [m for m in template if m not in catalogue], catalogue - set(template)
            if missing or stale:
                problems.append(f"{page}: {len(missing)} msgids missing, {len(stale)} stale")
    assert not problems, "\n".join(problems)
