"""Section 2.4 (ai_efficiency) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese of its own (chart specs: titles, axes, legends, tooltips, controls, mark texts, descriptions; the
chapter's tables; the panels' text); (c) English figures read the same numbers as the Chinese: the monthly AI
review cost in RMB million where the Chinese reads 万元, and the charts' axes hold the same amounts.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import english_outputs

from wxshop import i18n

ROOT = Path(__file__).resolve().parent.parent
STEM = "ai_efficiency"
SPEC = re.compile(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', re.S)
TABLE = re.compile(r"<table\b.*?</table>", re.S)
CHINESE = i18n.CJK
# The chapter's charts (their top-level descriptions) and tables (their captions), in English.
CHART_NAMES = ("mod_totals", "mod_summary", "mod_modalities", "ad_bars", "ad_minutes", "ad_lines", "ad_points")
TABLE_CAPTIONS = ("Inputs of the content review cost model", "Improvements used by the AI advertising model",
                  "Figures found for Exhibit 30")


# --------------------------------------------------------------------------- (a) the static check

def test_the_labels_check_finds_nothing_in_the_chapters_home():
    english_outputs.labels_check(STEM)


def test_the_chapters_english_keeps_no_chinese_and_the_same_placeholders():
    english_outputs.check_marked_english(STEM)


# --------------------------------------------------------------------------- (b) the executed chapter

@pytest.fixture(scope="module")
def english_notebook(tmp_path_factory) -> list[str]:
    """The text of every output of the chapter executed with lang="en" (charts rendered as the site's HTML)."""
    out = tmp_path_factory.mktemp("en") / f"{STEM}.ipynb"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WXSHOP_RENDER": "site"}
    subprocess.run([sys.executable, "-m", "papermill", str(ROOT / "notebooks" / f"{STEM}.ipynb"), str(out),
                    "-p", "lang", "en", "-k", "python3", "--cwd", str(ROOT / "notebooks")],
                   check=True, env=env, capture_output=True)
    texts = []
    for cell in json.loads(out.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                raise AssertionError(output.get("ename", "") + ": " + output.get("evalue", ""))
            for value in output.get("data", {}).values():
                texts.append("".join(value) if isinstance(value, list) else
                             value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
    return texts


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _specs(texts: list[str]) -> list[dict]:
    return [json.loads(html.unescape(m.group(1))) for t in texts for m in SPEC.finditer(t)]


@pytest.mark.notebook
def test_the_english_charts_carry_no_chinese(english_notebook):
    specs = [s for s in _specs(english_notebook) if any(name in json.dumps(s) for name in CHART_NAMES)]
    assert len(specs) >= 2, "the two model charts were not found in the outputs"
    for spec in specs:
        chinese = sorted({s for s in _strings(spec) if CHINESE.search(s)})
        assert not chinese, chinese[:10]


@pytest.mark.notebook
def test_the_chapters_english_tables_carry_no_chinese_but_their_sources(english_notebook):
    tables = [t for text in english_notebook for t in TABLE.findall(text)]
    found = 0
    for caption in TABLE_CAPTIONS:
        mine = [t for t in tables if caption in t]
        assert mine, caption
        found += 1
        for table in mine:
            if caption.startswith("Figures found for Exhibit 30"):
                # the 来源 column is the data's source titles (provenance), not the chapter's words
                table = re.sub(r"<td>[^<]*</td></tr>", "</tr>", table)
            assert not CHINESE.search(re.sub(r"<[^>]+>", " ", table)), CHINESE.findall(table)[:20]
    assert found == len(TABLE_CAPTIONS)


def test_the_english_glued_figures_carry_no_chinese_of_the_chapters(english):
    """The figures the prose quotes: labels, inputs and texts (citations quote their sources' own titles: data)."""
    from wxshop.chapters.ai_efficiency import wiring

    for figure in wiring.headlines(wiring.SPEC.defaults()):
        shown = [str(figure.label), *map(str, getattr(figure, "inputs", None) or {}),
                 *map(str, (getattr(figure, "inputs", None) or {}).values())]
        if not figure.key.endswith("_source_text") and figure.key != "survey_n_text":
            shown.append(str(figure.text))
        assert not any(CHINESE.search(t) for t in shown), (figure.key, shown)


def test_the_english_panels_read_english(english):
    from wxshop.chapters.ai_efficiency import wiring

    p = wiring.SPEC.defaults()
    for build in (wiring.moderation_panel, wiring.ad_panel):
        text = build(p).result.value
        assert "<table" in text
        assert not CHINESE.search(re.sub(r"<[^>]+>", " ", text)), CHINESE.findall(text)[:20]


# --------------------------------------------------------------------------- (c) the same numbers

def _headline(key: str, lang: str):
    from wxshop.chapters.ai_efficiency import wiring

    i18n.set_language(lang)
    try:
        return {f.key: f for f in wiring.headlines(wiring.SPEC.defaults())}[key]
    finally:
        i18n.set_language("zh")


def test_the_english_monthly_ai_cost_reads_the_models_amount_in_rmb():
    from wxshop.chapters.ai_efficiency import model, wiring
    from wxshop import units

    total = model.totals(wiring.moderation(wiring.SPEC.defaults()))["ai_cost"]
    zh, en = _headline("mod_ai_text", "zh"), _headline("mod_ai_text", "en")
    assert zh.value == en.value == total
    wan = float(re.search(r"([\d,.]+)万元", zh.text).group(1).replace(",", ""))
    english = re.fullmatch(r"RMB ([\d,.]+) ?(million|mn|thousand|k|bn)?", en.text.strip())
    assert english, en.text
    scale = {"million": 1e6, "mn": 1e6, "thousand": 1e3, "k": 1e3, "bn": 1e9, None: 1}[english.group(2)]
    amount = float(english.group(1).replace(",", "")) * scale
    assert amount == pytest.approx(wan * units.WAN, rel=1e-2)
    assert amount == pytest.approx(total, rel=1e-2)


def test_the_english_cost_axis_holds_the_same_amounts_in_rmb_million(english):
    from wxshop.chapters.ai_efficiency import charts, model, wiring

    p = wiring.SPEC.defaults()
    volumes, labels, chosen = wiring.presets(p)
    table = model.moderation_grid(volumes, wiring.price_ranges(), charts.position_values(p["position"]),
                                  wiring.human_price(p), model.human_reviews_per_unit(p["reviews_per_audio_hour"]),
                                  p["days_per_month"])
    per_modality, totals = charts.moderation_sources(table, labels)
    i18n.set_language("zh")
    zh_modality, zh_totals = charts.moderation_sources(table, labels)
    assert (per_modality["ai_wan"] * 100).tolist() == pytest.approx(zh_modality["ai_wan"].tolist(), abs=1e-3)
    assert (totals["cost_wan"] * 100).tolist() == pytest.approx(zh_totals["cost_wan"].tolist(), abs=1e-3)
