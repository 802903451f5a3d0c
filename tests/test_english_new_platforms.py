"""Section 4.3 (new_platforms) in English: every word its code produces is the English edition's.

(a) the static labels check finds nothing in the chapter's home; (b) the chapter executed with lang="en" shows
no Chinese label of its own (chart titles, axes, legends, tooltips, controls, tables, panel text); (c) the English
headlines read the model's numbers, as the Chinese read them in 万.
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

from conftest import english_run

from wxshop import i18n

ROOT = Path(__file__).resolve().parent.parent
STEM = "new_platforms"
HOME = ROOT / "wxshop" / "chapters" / STEM
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "wxshop" / "chapters" / f"{STEM}.po"
SPEC = re.compile(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', re.S)


def test_the_labels_check_finds_nothing_in_the_chapters_home():
    result = subprocess.run([sys.executable, "-m", "wxshop.build.labels", str(HOME)], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "untranslated" not in result.stdout and "no English" not in result.stdout, result.stdout


# The chapter's words that shared code shows (parameter labels on the analysts' panel and in the assumptions
# table, the chapter's title, question and model names): shared modules translate them, not the chapter.
SHOWN_BY_SHARED = ("spec.py",)
PUNCTUATION = "（）：；，、。“”《》 "


def shared_words() -> list[str]:
    """Chinese that shared modules or the data can show in their own right (their literals, the data package's
    text, the parameter labels shared code displays): a chapter word equal to or inside one of these cannot be
    told apart from it in the outputs, so it is left out of the check."""
    from wxshop.build import labels
    from wxshop.chapters.new_platforms import spec

    package = ROOT / "wxshop"
    words = {lit.text for path in package.rglob("*.py") if "chapters" not in path.relative_to(package).parts
             for lit in labels.literals(path)}
    for table in (ROOT / "data").glob("*.csv"):
        words |= {cell for line in table.read_text(encoding="utf-8").splitlines() for cell in line.split(",")}
    words |= set(re.findall(r'"([^"]*)"', (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")))
    words |= {p.label for p in spec.SPEC.params} | {spec.SPEC.title, spec.SPEC.question}
    words |= {m.name for m in spec.SPEC.models}
    return [w for w in words if i18n.CJK.search(w)]


def chapter_words() -> tuple[set[str], set[str]]:
    """The Chinese labels the chapter's own code shows (its marked literals, and the spec's case labels its
    charts show), less those a shared module or the data also shows: (whole labels, matched as a whole text;
    fragments of labels with placeholders, matched inside a text)."""
    from wxshop.build import labels
    from wxshop.chapters.new_platforms import spec

    texts = {lit.text for path in sorted(HOME.glob("*.py")) if path.name not in SHOWN_BY_SHARED
             for lit in labels.literals(path) if lit.marked}
    texts |= set(spec.CASE_LABELS)
    shared = shared_words()
    whole, inside = set(), set()
    for text in texts:
        parts = [part.strip(PUNCTUATION) for part in re.split(r"\{[a-z_]+\}", text)]
        if len(parts) == 1 and text not in shared:
            whole.add(text)
        if len(parts) > 1:
            inside |= {part for part in parts if len(part) >= 4 and i18n.CJK.search(part)
                       and not any(part in s for s in shared)}
    return whole, inside


def spec_labels(node):
    """Titles, axis and legend titles, control names and labels, tooltip field names of a compiled Vega spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "title":
                text = value.get("text") if isinstance(value, dict) else value
                yield text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
            elif key == "bind" and isinstance(value, dict):
                yield str(value.get("name", ""))
                yield from (str(v) for v in value.get("labels", []))
            elif key == "tooltip" and isinstance(value, dict) and "signal" in value:
                yield from re.findall(r'"([^"]+)": ', value["signal"])
            yield from spec_labels(value)
    elif isinstance(node, list):
        for value in node:
            yield from spec_labels(value)


def shown_texts(notebook: dict) -> tuple[list[str], list[str]]:
    """(every chart label of the outputs, every text node and attribute of their HTML outside the specs)."""
    labels, texts = [], []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime not in ("text/html", "text/plain", "text/markdown"):
                    continue
                markup = "".join(value) if isinstance(value, list) else str(value)
                for found in SPEC.finditer(markup):
                    labels.extend(spec_labels(json.loads(found.group(1))))
                rest = SPEC.sub("", markup)
                texts.extend(html.unescape(t) for t in re.split(r"<[^>]*>", rest) if t.strip())
                texts.extend(html.unescape(a) for a in re.findall(r'="([^"]*)"', rest))
    return labels, texts


@pytest.fixture(scope="module")
def english_notebook() -> dict:
    return english_run(STEM)


@pytest.mark.notebook
def test_the_english_chapter_shows_no_chinese_label_of_its_own(english_notebook):
    labels, texts = shown_texts(english_notebook)
    assert labels, "no chart spec found in the executed notebook"
    whole, inside = chapter_words()
    assert "每元边际收益：下一篇 KOC 与下一篇 KOL 各带来多少" in whole and any("对每个预算、情形与目标预先计算" in w for w in inside)
    shown = [t.strip() for t in labels + texts]
    leaks = sorted({t for t in shown if t in whole} | {w for t in shown for w in inside if w in t})
    assert not leaks, f"Chinese labels of the chapter in its English outputs: {leaks}"
    # The charts' titles, axes, legends, controls and tooltips: Chinese only where a shared module adds it
    # (wxshop.charts.diagram's tooltip).
    shared = ("图中文字", "报告原文", "出处", "说明")
    own = sorted({t for t in labels if i18n.CJK.search(t) and t not in shared})
    assert not own, f"chart labels with Chinese: {own}"


@pytest.fixture()
def english():
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


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
