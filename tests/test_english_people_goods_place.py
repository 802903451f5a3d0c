"""Chapter 二 (people_goods_place, 2.1–2.3) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese label of its own (chart titles, axes, legends, tooltips, controls, tables, panel text); (c) English
figures read the model's numbers (RMB bn where the Chinese reads 亿元, million where it reads 万).
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
STEM = "people_goods_place"
SPEC = re.compile(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', re.S)


def test_the_labels_check_finds_nothing_in_the_chapters_home():
    english_outputs.labels_check(STEM)


def chapter_words() -> tuple[set[str], set[str]]:
    from wxshop.chapters.people_goods_place import spec

    return english_outputs.chapter_words(STEM, spec, {label for label in spec.ERA_CHOICE_LABELS[1:]} | set(spec.SCALE_LABELS))


@pytest.fixture(scope="module")
def english_notebook() -> dict:
    return english_run(STEM)


@pytest.mark.notebook
def test_the_english_chapter_shows_no_chinese_label_of_its_own(english_notebook):
    labels, texts, _specs = english_outputs.shown_texts(english_notebook)
    assert labels, "no chart spec found in the executed notebook"
    whole, inside = chapter_words()
    assert "三个时代的人、货、场（报告原表）" in whole and any("个百分点" in w or "年均" in w for w in inside | whole)
    leaks = english_outputs.leaks(labels, texts, whole, inside)
    assert not leaks, f"Chinese labels of the chapter in its English outputs: {leaks}"
    # The charts' titles, axes, legends, controls and tooltips: no Chinese at all (the tooltip titles the chapter
    # shares with shared modules, 数据依据 and 来源, are translated by shared.po).
    own = sorted({t for t in labels if i18n.CJK.search(t)})
    assert not own, f"chart labels with Chinese: {own}"


@pytest.mark.notebook
def test_the_english_charts_data_name_eras_dimensions_and_series_in_english(english_notebook):
    """The values the charts show as text (era names, the explorer's cells and headings, legend entries, the
    points' dates and amounts) are English; only the source lines come from shared code and the data."""
    found = []
    for cell in english_notebook["cells"]:
        for output in cell.get("outputs", []):
            markup = "".join(output.get("data", {}).get("text/html", ""))
            for spec in SPEC.finditer(markup):
                for rows in json.loads(spec.group(1)).get("datasets", {}).values():
                    for row in rows:
                        for key in ("when", "era_label", "legend", "shown", "label", "short", "era_short",
                                    "dimension", "header", "text", "lines"):
                            value = row.get(key)
                            text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value or "")
                            if i18n.CJK.search(text):
                                found.append((key, text))
    assert not found, f"Chinese in the English charts' data: {sorted(set(found))[:20]}"


def _figures(lang: str) -> dict:
    from wxshop.chapters.people_goods_place import wiring

    i18n.set_language(lang)
    return {f.key: f for f in wiring.headlines(wiring.SPEC.validate())}


def test_english_figures_read_the_models_numbers(english):
    from wxshop import data
    from wxshop.chapters.people_goods_place import growth, wiring

    zh, en = _figures("zh"), _figures("en")
    i18n.set_language("en")
    facts = wiring.Facts()
    # The report's livestream GMV: RMB bn / tn in English, 亿元 / 万亿元 in Chinese, the same number.
    start, end = facts.value("livestream_gmv_2019"), facts.value("livestream_gmv_2022")
    assert en["live_start_text"].text == "RMB 433.8bn" and zh["live_start_text"].text == "4338亿元"
    assert float(re.fullmatch(r"RMB ([\d.]+)bn", en["live_start_text"].text).group(1)) * 1e9 == pytest.approx(start)
    assert float(re.fullmatch(r"RMB ([\d.]+)tn", en["live_end_text"].text).group(1)) * 1e12 == pytest.approx(end)
    # The model's multiple and CAGR: the same digits in both editions.
    live = growth.Growth(start, end, "2019", "2022")
    assert en["live_multiple_text"].text == f"{live.multiple:.2f} times"
    assert zh["live_multiple_text"].text == f"{live.multiple:.2f}倍"
    assert en["live_cagr_text"].text == zh["live_cagr_text"].text == f"+{live.cagr * 100:.1f}%"
    # CNNIC's June 2002 internet users: million in English where the Chinese reads 万.
    users = data.load("internet_users")
    u02 = float(users[(users["date"].astype(str) == "2002-06") & (users["source_type"] == "public")]["users"].iloc[0])
    million = float(re.fullmatch(r"([\d.]+) million people", en["users_2002_06_text"].text).group(1))
    wan = float(re.fullmatch(r"([\d.]+)万人", zh["users_2002_06_text"].text).group(1))
    assert million * 1e6 == pytest.approx(u02) and million == pytest.approx(wan / 100)
    # The third-party logistics market the report states as 约 400 亿 (元): about RMB 40bn.
    assert en["logistics_start_text"].text == "about RMB 40bn" and zh["logistics_start_text"].text == "约400亿"
    assert facts.value("third_party_logistics_market_2001") == pytest.approx(40e9)
    # The growth panel: the same numbers, English words.
    from wxshop.chapters.people_goods_place.panels import growth_result

    shown = growth_result(146, 1613, "1999-06", "2002-06")
    assert not i18n.CJK.search(shown) and "PC internet era (1998-2012)" in shown
    assert f"{growth.multiple(146, 1613):.2f}" in shown and "3.00 years" in shown


def test_the_stated_figures_read_in_english_conventions():
    from wxshop.chapters.people_goods_place.wiring import stated_english

    before = i18n.language()
    i18n.set_language("en")
    try:
        assert stated_english("62万", "人") == "620,000"
        assert stated_english("4580万", "人") == "45.8 million"
        assert stated_english("约7499亿", "元") == "about RMB 749.9bn"
        assert stated_english("3.5万亿元", "元") == "RMB 3.5tn"
        assert stated_english("18.6元", "元/件") == "RMB 18.6"
        assert stated_english("14倍", "倍") == "14 times"
        assert stated_english("15天", "天") == "15 days"
        assert stated_english("近11%", "比率") == "nearly 11%"
        assert stated_english("破亿", "人") == "exceeded 100 million"
        with pytest.raises(ValueError):
            stated_english("十四倍", "倍")
    finally:
        i18n.set_language(before)


def test_the_chinese_edition_is_unchanged_by_the_catalogue():
    """zh: the code's labels are the Chinese as written (a sample of the chapter's texts)."""
    from wxshop.chapters.people_goods_place import model, wiring

    before = i18n.language()
    i18n.set_language("zh")
    try:
        assert model.place("1999-06").label == "1999年6月末" and model.place("2012").label == "2012年末"
        assert model.place("2012", flow=True).label == "2012年"
        figures = {f.key: f for f in wiring.headlines(wiring.SPEC.validate())}
        assert figures["users_multiple_report_text"].label == "网民增长倍数（按报告数字）"
        assert wiring.growth_table().columns[0] == "报告所引数字"
    finally:
        i18n.set_language(before)
