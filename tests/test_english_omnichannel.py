"""Chapter 三 (omnichannel) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese label of its own (chart titles, axes, legends, tooltips, controls, tables, panel text); (c) an English
headline reads the model's number in RMB bn, as the Chinese reads it in 亿元.
"""
from __future__ import annotations

import json
import re

import pytest

import english_outputs
from conftest import english_run

from wxshop import i18n

STEM = "omnichannel"


def test_the_labels_check_finds_nothing_in_the_chapters_home():
    english_outputs.labels_check(STEM)


def chapter_words() -> tuple[set[str], set[str]]:
    from wxshop.chapters.omnichannel import spec

    return english_outputs.chapter_words(STEM, spec, set(spec.CASE_LABELS))


@pytest.fixture(scope="module")
def english_notebook() -> dict:
    return english_run(STEM)


@pytest.mark.notebook
def test_the_english_chapter_shows_no_chinese_label_of_its_own(english_notebook):
    labels, texts, _specs = english_outputs.shown_texts(english_notebook)
    assert labels, "no chart spec found in the executed notebook"
    whole, inside = chapter_words()
    assert "敏感性：费率统一上调或下调时各平台费用收入的变化" in whole and any("GMV × 费率" in w for w in inside)
    leaks = english_outputs.leaks(labels, texts, whole, inside)
    assert not leaks, f"Chinese labels of the chapter in its English outputs: {leaks}"
    # The charts' titles, axes, legends, controls and tooltips: Chinese only where a shared module adds it
    # (wxshop.charts.series' grade legend and tooltip, wxshop.charts.timeline's tooltip and report places).
    shared = ("数据依据", "同比", "来源", "时间（报告所写）", "日期精度", "报告原文", "出处", "说明")
    own = sorted({t for t in labels if i18n.CJK.search(t) and t not in shared})
    assert not own, f"chart labels with Chinese: {own}"


def test_an_english_headline_reads_the_models_revenue_in_rmb_bn(english):
    from wxshop.chapters.omnichannel import wiring

    p = wiring.SPEC.validate()
    table = wiring.revenue(p)
    figures = {f.key: f for f in wiring.headlines(p)}
    total = float(table["revenue"].sum())
    english_text = figures["revenue_total_text"].text
    i18n.set_language("zh")
    chinese_text = {f.key: f for f in wiring.headlines(p)}["revenue_total_text"].text
    i18n.set_language("en")
    bn = float(re.fullmatch(r"RMB ([\d,.]+)bn", english_text).group(1).replace(",", ""))
    yi = float(re.fullmatch(r"([\d,.]+)亿元", chinese_text).group(1).replace(",", ""))
    assert bn == pytest.approx(total / 1e9, abs=0.05)
    assert bn == pytest.approx(yi / 10, abs=0.05)
    # The chart's bars carry the same revenue in bn (亿 x 0.1).
    from wxshop.chapters.omnichannel import charts, model

    gmv, rates, exempt = wiring.take_rate_inputs(p)
    grid = model.scenario_grid(gmv, rates, charts.shift_values(rates, p["shift_pp"]), exempt)
    spec = charts.take_rate_chart(grid, p["case"], p["shift_pp"]).to_dict()
    rows = [r for d in spec["datasets"].values() for r in d
            if r.get("case") == p["case"] and abs(r.get("shift_pp", 1) - p["shift_pp"]) < 1e-9]
    assert sum(r["revenue_yi"] for r in rows) == pytest.approx(total / 1e9, abs=1e-3)
    assert "RMB bn" in json.dumps(spec, ensure_ascii=False)
