"""Section 4.3 (new_platforms) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese label of its own (chart titles, axes, legends, tooltips, controls, tables, panel text); (c) the English
headlines read the model's numbers, as the Chinese read them in 万.
"""
from __future__ import annotations

import re

import pytest

import english_outputs
from conftest import english_run

from wxshop import i18n

STEM = "new_platforms"


def test_the_labels_check_finds_nothing_in_the_chapters_home():
    english_outputs.labels_check(STEM)


def chapter_words() -> tuple[set[str], set[str]]:
    from wxshop.chapters.new_platforms import spec

    return english_outputs.chapter_words(STEM, spec)


@pytest.fixture(scope="module")
def english_notebook() -> dict:
    return english_run(STEM)


@pytest.mark.notebook
def test_the_english_chapter_shows_no_chinese_label_of_its_own(english_notebook):
    labels, texts, _specs = english_outputs.shown_texts(english_notebook)
    assert labels, "no chart spec found in the executed notebook"
    whole, inside = chapter_words()
    assert "每元边际收益：下一篇 KOC 与下一篇 KOL 各带来多少" in whole and any("对每个预算、情形与目标预先计算" in w for w in inside)
    leaks = english_outputs.leaks(labels, texts, whole, inside)
    assert not leaks, f"Chinese labels of the chapter in its English outputs: {leaks}"
    # The charts' titles, axes, legends, controls and tooltips: Chinese only where a shared module adds it
    # (wxshop.charts.diagram's tooltip).
    shared = ("图中文字", "报告原文", "出处", "说明")
    own = sorted({t for t in labels if i18n.CJK.search(t) and t not in shared})
    assert not own, f"chart labels with Chinese: {own}"


def test_the_english_headlines_read_the_models_numbers(english):
    from wxshop.chapters.new_platforms import model, wiring

    p = wiring.SPEC.validate()
    curve = wiring.chosen_curve(p)
    best = model.best_share(curve, p["objective"])
    english_figures = {f.key: f.text for f in wiring.headlines(p)}
    i18n.set_language("zh")
    chinese_figures = {f.key: f.text for f in wiring.headlines(p)}
    i18n.set_language("en")
    # The budget: RMB in English, 万元 in Chinese, the same number.
    budget = float(re.fullmatch(r"RMB ([\d,.]+)", english_figures["budget_text"]).group(1).replace(",", ""))
    assert budget == p["budget"] == float(re.fullmatch(r"([\d.]+)万元", chinese_figures["budget_text"]).group(1)) * 1e4
    # The best total (engagements by default): the English number is the model's, the Chinese its 万 rounding.
    found = re.fullmatch(r"([\d,.]+)( thousand| million)? engagements", english_figures["best_total_text"])
    scale = {None: 1, " thousand": 1e3, " million": 1e6}[found.group(2)]
    total = float(found.group(1).replace(",", "")) * scale
    assert total == pytest.approx(float(best[p["objective"]]), rel=0.01)
    wan = float(re.fullmatch(r"([\d.]+)万次", chinese_figures["best_total_text"]).group(1))
    assert total / 1e4 == pytest.approx(wan, abs=0.05)
    assert english_figures["best_share_text"] == chinese_figures["best_share_text"] == f"{best['koc_share']:.0%}"
