"""Chapter 一 (wechat_shop) in English: every label its code produces has an English entry, the chapter run
with lang="en" shows no Chinese in what the chapter itself produces, and English figures are the model's.

What shared modules (captions, sources panels, diagrams, tables, widgets) and data/ show is their business
(tests of their own); here a Chinese string counts against the chapter when the chapter wrote it: a chart the
chapter builds, a table or panel it builds, a glued figure's text, or a fragment carrying one of the chapter's
own Chinese literals or catalogue messages.
"""
from __future__ import annotations

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import conftest

from wxshop import i18n, units
from wxshop.build import labels

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / "wxshop" / "chapters" / "wechat_shop"
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "wxshop" / "chapters" / "wechat_shop.po"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# What the chapter writes itself must not keep Chinese punctuation either (，；：（）) once wxshop.i18n counts it
# as Chinese (then a message such as "GMV（{unit}）" is looked up in the catalogue; before, it passes through).
PUNCTUATION = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
CHINESE = PUNCTUATION if i18n.CJK.search("（；") else CJK
SPEC = re.compile(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', re.S)
DIAGRAM_MARK = '"name":"entrances_'  # 图表7's diagram: the shared diagram module draws data/'s words
DEFAULTS = dict(attempt="all", miniprogram_year=2020, miniprogram_gmv=None, share=0.1, fee_rate=0.05,
                public_gmv=1000000, capture=0.2, repurchase=0.1, churn=0.05, boost=0.5, months=24)


def _params(lang: str, **changes) -> dict:
    from wxshop.chapters.wechat_shop import wiring

    return wiring.parameters({**DEFAULTS, **changes, "lang": lang})


# ----------------------------------------------------------------------------------------------- (a) static

def test_every_chinese_literal_of_the_chapter_is_translated_or_a_key():
    files = sorted(HOME.rglob("*.py"))
    assert labels.report([f.resolve() for f in files], ROOT) == ""


def test_the_catalogue_holds_no_chinese_in_its_english():
    entries = i18n.read_catalogue(CATALOGUE)
    assert entries
    shown = {k: i18n.AMOUNT_ROLE.sub("", v) for k, v in entries.items()}  # an {amount} role holds the Chinese amount
    assert [k for k, v in shown.items() if PUNCTUATION.search(v)] == []
    for msgid, msgstr in shown.items():  # the same placeholders in both languages
        assert sorted(re.findall(r"\{\w*\}", msgid)) == sorted(re.findall(r"\{\w*\}", msgstr)), msgid


# ------------------------------------------------------------------------------------ (c) figures in English

def _amount(text: str) -> float:
    return float(re.search(r"[\d,]+(?:\.\d+)?", text)[0].replace(",", ""))


def test_the_fee_increment_reads_the_models_value_in_rmb_bn_as_in_yi_yuan(english):
    from wxshop.chapters.wechat_shop import fee_model, wiring

    i18n.set_language("zh")
    p = _params("zh")
    zh = {f.key: f for f in wiring.headlines(p)}
    p_en = _params("en")
    en = {f.key: f for f in wiring.headlines(p_en)}
    assert i18n.is_english()
    series, chosen = wiring.miniprogram_choices(p_en)
    model = fee_model.incremental_fee_revenue(series[chosen], p_en["share"], p_en["fee_rate"])
    assert en["mp_increment_text"].value == zh["mp_increment_text"].value == model
    assert zh["mp_increment_text"].text.endswith("亿元")
    assert re.fullmatch(r"RMB [\d.,]+(bn|mn)", en["mp_increment_text"].text)
    in_bn = _amount(en["mp_increment_text"].text) / (1000 if en["mp_increment_text"].text.endswith("mn") else 1)
    assert in_bn * 10 == pytest.approx(_amount(zh["mp_increment_text"].text))
    assert in_bn == pytest.approx(model / 1e9, abs=0.05)
    # the loop's cumulative difference and the gift case's amount, likewise
    assert en["fw_cumulative_text"].value == zh["fw_cumulative_text"].value
    assert en["dfzx_eve_text"].text == "RMB 5mn" and zh["dfzx_eve_text"].text == "500万元"
    assert [f.text for f in en.values() if CHINESE.search(f.text) or CHINESE.search(f.label)] == []


def test_the_fee_chart_holds_rmb_bn_in_english_and_yi_yuan_in_chinese(english):
    from wxshop.chapters.wechat_shop import charts, fee_model

    rows = fee_model.fee_grid({"x": 1.6e12}, [0.1], [0.05])
    chart = charts.wechat_fee_chart(rows, "x", 0.1, 0.05).to_dict()
    values = next(iter(chart["datasets"].values()))
    assert values[0]["revenue_yi"] == pytest.approx(8.0)  # RMB 8bn = 80亿元
    assert "(RMB bn)" in chart["title"]
    i18n.set_language("zh")
    chart = charts.wechat_fee_chart(rows, "x", 0.1, 0.05).to_dict()
    assert next(iter(chart["datasets"].values()))[0]["revenue_yi"] == pytest.approx(80.0)
    assert chart["title"].endswith("（亿元）")


def test_the_panels_speak_english(english):
    from wxshop.chapters.wechat_shop import wiring

    p = _params("en")
    for panel in (wiring.fee_panel(p), wiring.loop_panel(p)):
        assert panel.result.value and not CHINESE.search(panel.result.value), panel.result.value[:300]
    assert "RMB" in wiring.fee_panel(p).result.value


# ------------------------------------------------------------------------------- (b) the notebook in English

def _chapter_words() -> set[str]:
    """The chapter's own Chinese: its literals and its catalogue's messages, split at placeholders, without the
    pieces shared modules or other data files also hold (those may show on an English page from there)."""
    pieces = set()
    texts = [lit.text for f in HOME.rglob("*.py") for lit in labels.literals(f.resolve())]
    texts += list(i18n.read_catalogue(CATALOGUE))
    for text in texts:
        for piece in re.split(r"\{\w*\}", text):
            if len(CJK.findall(piece)) >= 2:
                pieces.add(piece)
    shared = [lit.text for f in (ROOT / "wxshop").rglob("*.py") if "chapters" not in f.parts
              for lit in labels.literals(f)]
    cells = []
    for path in (ROOT / "data").glob("*.csv"):
        if path.stem in ("tencent_ecommerce_events",):
            continue
        with path.open(encoding="utf-8") as f:
            cells += [cell for row in csv.reader(f) for cell in row if CJK.search(cell)]
    cells += [str(v) for v in _strings(json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")))
              if CJK.search(str(v))]  # resource titles (the download links' words)
    # The models' names and summaries reach the page through wxshop.figures and the captions (shared modules).
    from wxshop.chapters.wechat_shop.spec import SPEC as CHAPTER

    shared += [m.name for m in CHAPTER.models] + [m.summary for m in CHAPTER.models]
    return {p for p in pieces if not any(p in s for s in shared) and not any(p in c for c in cells)}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts += [v for _k, v in attrs if v]

    def handle_data(self, data):
        self.parts.append(data)


def _strings(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


@pytest.fixture(scope="module")
def english_run():
    import nbformat

    return nbformat.reads(json.dumps(conftest.english_run("wechat_shop")), as_version=4)  # joins multi-line text


def _outputs(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            yield from cell.outputs


@pytest.mark.notebook
def test_the_chapters_charts_in_english_have_no_chinese(english_run):
    specs = [SPEC.findall(o["data"]["text/html"]) for o in _outputs(english_run) if "text/html" in o.get("data", {})]
    specs = [s for found in specs for s in found]
    own = [s for s in specs if DIAGRAM_MARK not in s]
    assert len(own) == 4  # timeline, fee model, gift case, loop
    for text in own:
        spec = json.loads(html.unescape(text)) if text.lstrip().startswith("&") else json.loads(text)
        found = sorted({s[:80] for s in _strings(spec) if CHINESE.search(s)})
        assert found == [], f"{spec.get('title')}: Chinese in the chart: {found}"


@pytest.mark.notebook
def test_the_chapters_glued_figures_in_english_have_no_chinese(english_run):
    glued = {o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"]
             for o in _outputs(english_run) if "scrapbook" in o.get("metadata", {})}
    texts = {k: v for k, v in glued.items() if "__" not in k}
    assert len(texts) > 20
    assert {k: v for k, v in texts.items() if CHINESE.search(v)} == {}


@pytest.mark.notebook
def test_no_chinese_of_the_chapters_own_reaches_the_english_page(english_run):
    words = _chapter_words()
    assert "腾讯电商的三次尝试：时间线" in words and "逐月数值（本章参数）" in words
    offenders = set()
    for output in _outputs(english_run):
        data = output.get("data", {})
        texts = []
        if "text/html" in data:
            parser = _Text()
            parser.feed(SPEC.sub("", data["text/html"]))
            texts = parser.parts
        texts += [v for k, v in data.items() if k.startswith("text/plain") or k.endswith("text/plain")]
        for text in texts:
            if CJK.search(text):
                offenders |= {w for w in words if w in text}
    assert offenders == set()
