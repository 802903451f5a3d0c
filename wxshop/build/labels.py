"""Which words of the package reach a reader untranslated: a static check of the code (no kernel).

A Chinese string literal in the package is fine where it is a docstring, the message id of a ``_()`` /
``N_()`` / ``translate()`` call (which must then have an English entry in the catalogues), or a key that
only code reads (listed with ``# i18n: key`` on its line). Everything else is reported with file and line,
so the English edition cannot show a Chinese label by accident.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from wxshop import i18n

CJK = i18n.CJK
CALLS = {"_", "N_", "translate", "data_text"}
PRAGMA = re.compile(r"#\s*i18n:\s*key\b")
# A module whose Chinese literals are all the Chinese edition's formats, chosen by language at run time
# (wxshop/units.py) says so once on a line of its own.
FILE_PRAGMA = re.compile(r"^#\s*i18n:\s*formats\b", re.M)


@dataclass(frozen=True)
class Literal:
    path: Path
    line: int
    text: str
    marked: bool  # inside _() / N_() / translate()


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def literals(path: Path) -> list[Literal]:
    """Every Chinese string literal of a module (f-string parts included), marked or not."""
    source = path.read_text(encoding="utf-8")
    if FILE_PRAGMA.search(source):
        return []
    tree = ast.parse(source)
    lines = source.splitlines()
    docs = _docstrings(tree)
    marked: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in CALLS and isinstance(node.args[0], ast.Constant):
                marked.add(id(node.args[0]))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
            if id(node) in docs:
                continue
            if any(PRAGMA.search(lines[n - 1]) for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)):
                continue
            found.append(Literal(path, node.lineno, node.value, id(node) in marked))
    return sorted(found, key=lambda lit: lit.line)


def untranslated(paths: list[Path]) -> list[Literal]:
    """Chinese literals outside _() / N_() / translate() (and not docstrings or ``# i18n: key``)."""
    return [lit for path in paths for lit in literals(path) if not lit.marked]


def missing(paths: list[Path]) -> list[Literal]:
    """Marked literals with no English entry in the catalogues."""
    out = []
    for path in paths:
        for lit in literals(path):
            if lit.marked:
                try:
                    i18n.english(lit.text)
                except i18n.TranslationError:
                    out.append(lit)
    return out


def report(paths: list[Path], root: Path) -> str:
    rows = [f"{lit.path.relative_to(root)}:{lit.line}: untranslated {lit.text[:60]!r}" for lit in untranslated(paths)]
    rows += [f"{lit.path.relative_to(root)}:{lit.line}: no English entry for {lit.text[:60]!r}" for lit in missing(paths)]
    return "\n".join(rows)


if __name__ == "__main__":  # python -m wxshop.build.labels wxshop/chapters/douyin [...]
    import sys

    root = Path.cwd()
    files = [p for arg in sys.argv[1:] for p in (sorted(Path(arg).rglob("*.py")) if Path(arg).is_dir() else [Path(arg)])]
    text = report([f.resolve() for f in files], root.resolve())
    print(text or "every Chinese literal is translated")
    sys.exit(1 if text else 0)


# --------------------------------------------------------------------------- what an English run still shows in Chinese

_TITLE = re.compile(r"《[^《》]*》")  # a publication's original title, kept beside its English one
_ZH_ELEMENT = re.compile(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>.*?</\1>', re.S)  # the Chinese original, in place
_TAG = re.compile(r"<[^>]+>")


def chinese_runs(text: str) -> list[str]:
    """The runs of Chinese characters (and CJK punctuation) an English reader would see in ``text`` (HTML or
    plain): original titles in 《》 and elements marked lang="zh…" are allowed."""
    text = _ZH_ELEMENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _TITLE.sub(" ", text)
    return re.findall(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+", text)


def notebook_chinese(path: Path) -> list[tuple[int, str]]:
    """(cell index, Chinese run) in the outputs of an executed notebook (chart specs included: they are JSON
    inside the HTML); Markdown cells are the page catalogues' business, not this check's."""
    import json

    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            texts = []
            for key, value in (output.get("data") or {}).items():
                if key.startswith("text/") or key.endswith("json"):
                    texts.append("".join(value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False))
            if "text" in output:
                texts.append("".join(output["text"]) if isinstance(output["text"], list) else str(output["text"]))
            for text in texts:
                found += [(index, run) for run in chinese_runs(text)]
    return found
