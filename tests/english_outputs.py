"""What the English chapter tests share: the static labels check of a chapter's home, the Chinese words a
chapter's own code shows (less those shared code or the data show too), and the labels and texts of an executed
chapter's outputs (`tests/test_english_<stem>.py`)."""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from wxshop import i18n

ROOT = Path(__file__).resolve().parent.parent
SPEC = re.compile(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', re.S)
# The chapter's words that shared code shows (parameter labels on the analysts' panel and in the assumptions
# table, the chapter's title, question and model names): shared modules translate them, not the chapter.
SHOWN_BY_SHARED = ("spec.py",)
PUNCTUATION = "（）：；，、。“”《》 "
# Chinese characters, CJK punctuation and full-width forms: none belongs in an English label.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def home(stem: str) -> Path:
    return ROOT / "wxshop" / "chapters" / stem


def labels_check(stem: str) -> None:
    """The labels check (``python -m wxshop.build.labels``, run as a command in tests/test_i18n.py) on the
    chapter's home finds no untranslated literal and no literal without an English entry."""
    from wxshop.build import labels

    files = sorted(path.resolve() for path in home(stem).rglob("*.py"))
    assert files
    assert labels.report(files, ROOT) == ""


def shared_words(spec: ModuleType) -> list[str]:
    """Chinese that shared modules or the data can show in their own right (their literals, the data package's
    text, the parameter labels shared code displays): a chapter word equal to or inside one of these cannot be
    told apart from it in the outputs, so it is left out of the check."""
    from wxshop.build import labels

    package = ROOT / "wxshop"
    words = {lit.text for path in package.rglob("*.py") if "chapters" not in path.relative_to(package).parts
             for lit in labels.literals(path)}
    for table in (ROOT / "data").glob("*.csv"):
        words |= {cell for line in table.read_text(encoding="utf-8").splitlines() for cell in line.split(",")}
    words |= set(re.findall(r'"([^"]*)"', (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")))
    words |= {p.label for p in spec.SPEC.params} | {spec.SPEC.title, spec.SPEC.question}
    words |= {m.name for m in spec.SPEC.models}
    return [w for w in words if i18n.CJK.search(w)]


def chapter_words(stem: str, spec: ModuleType, shown: Iterable[str] = ()) -> tuple[set[str], set[str]]:
    """The Chinese labels the chapter's own code shows (its marked literals, and ``shown``: labels of the spec
    its charts show), less those a shared module or the data also shows: (whole labels, matched as a whole text;
    fragments of labels with placeholders, matched inside a text)."""
    from wxshop.build import labels

    texts = {lit.text for path in sorted(home(stem).glob("*.py")) if path.name not in SHOWN_BY_SHARED
             for lit in labels.literals(path) if lit.marked}
    texts |= set(shown)
    shared = shared_words(spec)
    whole, inside = set(), set()
    for text in texts:
        parts = [part.strip(PUNCTUATION) for part in re.split(r"\{[a-z_]+\}", text)]
        if len(parts) == 1 and text not in shared:
            whole.add(text)
        if len(parts) > 1:
            inside |= {part for part in parts if len(part) >= 4 and i18n.CJK.search(part)
                       and not any(part in s for s in shared)}
    return whole, inside


def check_marked_english(stem: str) -> None:
    """Every literal the chapter's code marks for translation has an English with no Chinese and the same
    placeholders."""
    from wxshop.build import labels

    marked = {lit.text for path in home(stem).glob("*.py") for lit in labels.literals(path) if lit.marked}
    assert marked
    for text in marked:
        english_text = i18n.english(text)
        assert not CHINESE.search(english_text), (text, english_text)
        assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", english_text)), text


def leaks(labels: list[str], texts: list[str], whole: set[str], inside: set[str]) -> list[str]:
    """The chapter's Chinese labels (whole, or fragments inside a text) found in its English outputs."""
    shown = [t.strip() for t in labels + texts]
    return sorted({t for t in shown if t in whole} | {w for t in shown for w in inside if w in t})


def spec_labels(node):
    """Titles, axis and legend titles, control names and labels, tooltip titles, mark texts and calculated texts
    of a compiled Vega spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "title":
                text = value.get("text") if isinstance(value, dict) else value
                if isinstance(text, list) and all(isinstance(line, str) for line in text):
                    text = " ".join(text)  # a title on several lines reads as one
                yield text if isinstance(text, str) else json.dumps(text, ensure_ascii=False)
            elif key == "bind" and isinstance(value, dict):
                yield str(value.get("name", ""))
                yield from (str(v) for v in value.get("labels", []))
            elif key == "tooltip" and isinstance(value, dict) and "signal" in value:
                yield from re.findall(r'"([^"]+)": ', value["signal"])
            elif key == "text" and isinstance(value, dict) and "value" in value:
                yield str(value["value"])
            elif key == "expr" and isinstance(value, str):
                yield from re.findall(r"'((?:[^'\\]|\\.)*)'", value)
            elif key == "usermeta":
                yield from (str(v) for v in re.findall(r'"label": "([^"]*)"', json.dumps(value, ensure_ascii=False)))
            yield from spec_labels(value)
    elif isinstance(node, list):
        for value in node:
            yield from spec_labels(value)


def shown_texts(notebook: dict) -> tuple[list[str], list[str], list[dict]]:
    """(every chart label of the outputs, every text node and attribute of their HTML outside the specs, the
    specs)."""
    labels, texts, specs = [], [], []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if mime not in ("text/html", "text/plain", "text/markdown"):
                    continue
                markup = "".join(value) if isinstance(value, list) else str(value)
                for found in SPEC.finditer(markup):
                    spec = json.loads(found.group(1))
                    specs.append(spec)
                    labels.extend(spec_labels(spec))
                rest = SPEC.sub("", markup)
                texts.extend(html.unescape(t) for t in re.split(r"<[^>]*>", rest) if t.strip())
                texts.extend(html.unescape(a) for a in re.findall(r'="([^"]*)"', rest))
    return labels, texts, specs
