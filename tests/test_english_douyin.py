"""Chapter 四 (douyin) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese label of its own (chart titles, axes, legends, tooltips, controls, mark texts, tables, panel text);
(c) English figures read the same numbers as the Chinese: 图表44's headline and bars in bn items where the
Chinese reads 亿件, 图表45's points in million people where the Chinese reads 亿人, the funnel's orders.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import english_outputs
from conftest import english_run

from wxshop import i18n

ROOT = Path(__file__).resolve().parent.parent
STEM = "douyin"
HOME = ROOT / "wxshop" / "chapters" / STEM
# Han characters and the full-width punctuation an English label must not keep (，、：（）＞).
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
PUNCTUATION = "（）：；，、。“”《》＞ "


# --------------------------------------------------------------------------- (a) the static check

def test_the_labels_check_finds_nothing_in_the_chapters_home():
    english_outputs.labels_check(STEM)


def test_the_chapters_english_keeps_no_chinese_and_the_same_placeholders():
    english_outputs.check_marked_english(STEM)


# --------------------------------------------------------------------------- (b) the executed chapter

# The chapter's words that shared code shows (parameter labels on the analysts' panels and in the assumptions
# tables, the chapter's title, question and model names): shared modules translate them, not the chapter.
SHOWN_BY_SHARED = ("spec.py",)
# Chart labels shared modules add (wxshop.charts.diagram's tooltip on 图表46).
SHARED_CHART_LABELS = ("图中文字", "报告原文", "出处", "说明")


def shared_chart_labels() -> set[str]:
    """The labels above and the exhibits' own titles (wxshop.charts.exhibit_title: the register's words, data)."""
    from wxshop.charts import exhibit_title

    return set(SHARED_CHART_LABELS) | {exhibit_title(n) for n in range(44, 52)}


def shared_words() -> set[str]:
    """Chinese that shared modules or the data show in their own right: a chapter word equal to or inside one of
    these cannot be told apart from it in the outputs, so it is left out of the check."""
    from wxshop.build import labels
    from wxshop.chapters.douyin import spec

    package = ROOT / "wxshop"
    words = {lit.text for path in package.rglob("*.py") if "chapters" not in path.relative_to(package).parts
             for lit in labels.literals(path)}
    for table in (ROOT / "data").glob("*.csv"):
        text = table.read_text(encoding="utf-8")
        words |= {cell.strip('"') for line in text.splitlines() for cell in re.split(r"[,\s]", line)}
    words |= set(re.findall(r'"([^"]*)"', (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")))
    words |= {p.label for p in spec.SPEC.params} | {spec.SPEC.title, spec.SPEC.question}
    words |= {m.name for m in spec.SPEC.models}
    return {w for w in words if CHINESE.search(w)}


def chapter_words() -> tuple[set[str], set[str]]:
    """The Chinese labels the chapter's own code shows, less those shared modules or the data also show:
    (whole labels, matched as a whole text; fragments of labels with placeholders, matched inside a text)."""
    from wxshop.build import labels

    texts = {lit.text for path in sorted(HOME.glob("*.py")) if path.name not in SHOWN_BY_SHARED
             for lit in labels.literals(path) if lit.marked}
    shared = shared_words()
    whole, inside = set(), set()
    for text in texts:
        parts = [part.strip(PUNCTUATION) for part in re.split(r"\{\w+\}", text)]
        if len(parts) == 1 and text not in shared:
            whole.add(text)
        if len(parts) > 1:
            inside |= {part for part in parts if len(part) >= 3 and CHINESE.search(part)
                       and not any(part in s for s in shared)}
    return whole, inside


@pytest.fixture(scope="module")
def english_notebook() -> dict:
    return english_run(STEM)


@pytest.mark.notebook
def test_the_english_chapter_shows_no_chinese_label_of_its_own(english_notebook):
    labels, texts, specs = english_outputs.shown_texts(english_notebook)
    assert len(specs) >= 6, "the chapter's chart specs were not found in the executed notebook"
    # The English is there (the scan below is not vacuous): axes, controls, mark texts, panels' tables.
    for expected in ("Express delivery volume (bn items)", "Daily active users (mn people)", "Dimension",
                     "Orders (per ten thousand users)", "Viral video spread rate (% per day)", "Days after launch",
                     "Unplanned ", " orders (unplanned "):
        assert any(expected in t for t in labels), expected
    assert any("Livestream e-commerce-related companies newly registered in the year" in t for t in texts)
    whole, inside = chapter_words()
    assert "中国快递业务量（{unit}）" not in whole and "计划外订单占比" in whole and "订单（每万名用户）" in whole
    leaks = english_outputs.leaks(labels, texts, whole, inside)
    assert not leaks, f"Chinese labels of the chapter in its English outputs: {leaks}"
    own = sorted({t for t in labels if CHINESE.search(t) and t not in shared_chart_labels()})
    assert not own, f"chart labels with Chinese: {own}"


@pytest.mark.notebook
def test_the_english_charts_marks_and_legends_read_english(english_notebook):
    """Data values the chapter's code writes (the DAU labels, scopes, bounds, the funnels' and channels' names,
    the stacked parts, the goal line) carry no Chinese; the 图表47 cells, 图表46's words (rows with the report's
    quote: wxshop.charts.diagram) and the grades are data and shared."""
    _labels, _texts, specs = english_outputs.shown_texts(english_notebook)
    fields = ("label", "bound", "scope", "text", "part", "wan_text", "basis")
    values = {str(row[f]) for spec in specs for rows in spec.get("data", []) if isinstance(rows, dict)
              for row in rows.get("values", []) if isinstance(row, dict) and "quote" not in row
              for f in fields if f in row}
    assert values, "no data values found in the specs"
    chapter_values = {v for v in values if not v.startswith("Dimension: ")}  # 图表47: the dimension is data
    table47_cells = {str(row.get("text")) for spec in specs for rows in spec.get("data", []) if isinstance(rows, dict)
                     for row in rows.get("values", []) if isinstance(row, dict) and row.get("head") is False}
    leaks = sorted(v for v in chapter_values - table47_cells if CHINESE.search(v))
    assert not leaks, f"Chinese in the chapter's own data values: {leaks[:20]}"
    assert {">250 million", "about 320 million"} <= values and "Planned (existing need)" in json.dumps(specs)


# --------------------------------------------------------------------------- (c) the same numbers

def _english_number(text: str) -> float:
    match = re.fullmatch(r"(?:more than |about |>)?([\d,.]+)( billion| million)?(?: \w+)*", text)
    assert match, text
    return float(match[1].replace(",", "")) * {" billion": 1e9, " million": 1e6, None: 1}[match[2]]


def _chinese_number(text: str) -> float:
    match = re.fullmatch(r"(?:超过|约|＞)?([\d,.]+)(亿|万)?\D*", text)
    assert match, text
    return float(match[1].replace(",", "")) * {"亿": 1e8, "万": 1e4, None: 1}[match[2]]


def _headlines(lang: str) -> dict[str, str]:
    from wxshop.chapters.douyin import wiring

    i18n.set_language(lang)
    try:
        return {f.key: f.text for f in wiring.headlines(wiring.parameters({"lang": lang}))}
    finally:
        i18n.set_language("zh")


def test_english_headlines_read_the_same_numbers_as_the_chinese():
    from wxshop import data

    zh, en = _headlines("zh"), _headlines("en")
    volume = float(data.load("express_delivery").query("year == 2018 and source_type == 'public'")["volume"].iloc[0])
    assert zh["express_2018_text"].endswith("亿件") and en["express_2018_text"].endswith("billion items")
    assert _english_number(en["express_2018_text"]) == pytest.approx(_chinese_number(zh["express_2018_text"]))
    assert _english_number(en["express_2018_text"]) == pytest.approx(round(volume / 1e8, 1) * 1e8)
    for key in ("express_2018_daily_text", "express_2019_text", "capacity_text", "anchors_text", "search_orders_text",
                "content_orders_text", "target_text"):
        assert _english_number(en[key]) == pytest.approx(_chinese_number(zh[key])), key
    for key in ("dau_2019_01_text", "dau_2019_07_text", "dau_2020_01_text", "dau_2020_08_text"):
        number = en[key].split(" (reliability")[0]
        assert _english_number(number) == pytest.approx(_chinese_number(zh[key].split("（")[0])), key
    assert en["dau_2019_01_text"] == "more than 250 million (reliability M)"
    assert en["days_ads_text"].endswith(" days") and en["days_ads_text"][:-5] == zh["days_ads_text"][:-1]
    assert not any(CHINESE.search(en[k]) for k in en if k not in ("anchor_quote_text", "anchors_grade_text")
                   and not k.endswith("source_text"))


def test_english_axes_hold_the_same_volumes_and_users_in_their_own_units(english):
    from wxshop import data
    from wxshop.chapters.douyin import charts

    express, traffic = data.load("express_delivery"), data.load("platform_traffic")
    en44, en45 = charts.express_points(express), charts.dau_points(traffic)
    i18n.set_language("zh")
    zh44, zh45 = charts.express_points(express), charts.dau_points(traffic)
    assert list(en44["yi"] * 1e9) == pytest.approx(list(zh44["yi"] * 1e8), abs=1e7)  # bn items vs 亿件
    assert list(en45["yi"] * 1e6) == pytest.approx(list(zh45["yi"] * 1e8))  # million people vs 亿人
    assert list(en45["label"]) == [">150 million", ">250 million", "about 320 million", ">400 million",
                                   ">600 million"]
    assert list(zh45["label"]) == ["＞1.5亿", "＞2.5亿", "约3.2亿", "＞4亿", "＞6亿"]
