"""The words code produces, in the reader's language: chart titles, axes, legends, tooltips, captions,
control labels, panel messages, units.

The Chinese text is the message id; the English lives in gettext catalogues (one place per language):

- ``locale/en/LC_MESSAGES/wxshop/shared.po``: the shared modules (charts, figures, widgets, units ...);
- ``locale/en/LC_MESSAGES/wxshop/chapters/<stem>.po``: one chapter's home;
- ``locale/en/LC_MESSAGES/wxshop/data.po``: text fields of ``data/`` that charts and tables show.

All of them load as one table; a message id given two different translations is an error. Code marks its
words with :func:`_` (translate now) or :func:`N_` (a module constant: marked for the catalogue, translated
where it is used, with :func:`_`). A chapter's ``lang`` parameter ("zh" or "en", the same for papermill,
``make book`` and Lab) sets the language for the kernel with :func:`set_language`; the build's English
edition runs every notebook with ``lang="en"``.

In English a message with no translation raises :class:`TranslationError` naming the message and where to
add it: the English edition never shows a Chinese label by accident. Text with no Chinese in it passes
through unchanged in both languages.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "locale" / "en" / "LC_MESSAGES" / "wxshop"
LANGUAGES = ("zh", "en")
DEFAULT = "zh"
ENV = "WXSHOP_LANG"
# Han characters and the CJK punctuation and full-width forms (，、：（）) an English text must not keep.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

_language = os.environ.get(ENV, DEFAULT) if os.environ.get(ENV, DEFAULT) in LANGUAGES else DEFAULT


class TranslationError(LookupError):
    """A message has no English translation (or the catalogues contradict each other)."""


def set_language(lang: str) -> str:
    """Make ``lang`` ("zh" or "en") the language of every label from now on; returns it."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"lang = {lang!r} is not allowed; expected one of {', '.join(map(repr, LANGUAGES))}")
    _language = lang
    return lang


def language() -> str:
    return _language


def N_(text: str) -> str:
    """Mark a constant for the catalogues without translating it (translate it with ``_`` where it is used)."""
    return text


def catalogue_files(folder: Path = CATALOGUES) -> list[Path]:
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


def read_catalogue(path: Path) -> dict[str, str]:
    """{msgid: msgstr} of one catalogue (fuzzy and empty entries left out)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def _rank(where: str) -> int:
    """Which catalogue wins where two disagree: shared.po, then data/, then a chapter's (see :func:`clashes`)."""
    return 0 if where == "shared.po" else 1 if where.startswith("data/") else 2


@lru_cache(maxsize=None)
def _tables(folder: str) -> tuple[Mapping[str, tuple[str, str]], tuple[tuple[str, str, str, str, str], ...]]:
    table: dict[str, tuple[str, str]] = {}
    clashed: list[tuple[str, str, str, str, str]] = []
    for path in catalogue_files(Path(folder)):
        where = path.relative_to(Path(folder)).as_posix()
        for msgid, msgstr in read_catalogue(path).items():
            if msgid in table and table[msgid][0] != msgstr:
                clashed.append((msgid, table[msgid][0], table[msgid][1], msgstr, where))
                if _rank(where) >= _rank(table[msgid][1]):
                    continue
            table[msgid] = (msgstr, where)
    return table, tuple(clashed)


def _table(folder: str) -> Mapping[str, tuple[str, str]]:
    return _tables(folder)[0]


def clashes(folder: Path | None = None) -> list[str]:
    """Every message two catalogues translate differently (one translation per message: a test keeps this
    empty; until then shared.po wins over data/, and data/ over a chapter's catalogue)."""
    return [f"{msgid!r}: {a!r} in {wa}, {b!r} in {wb}"
            for msgid, a, wa, b, wb in _tables(str(folder or CATALOGUES))[1]]


AMOUNT_ROLE = re.compile(r"\{amount\}`([^`]+)`")


def expand_amounts(text: str) -> str:
    """An English catalogue text with its {amount}`120亿元` roles written out (RMB 12bn: wxshop.units)."""
    from wxshop.units import english_amount

    return AMOUNT_ROLE.sub(lambda m: english_amount(m.group(1)), text)


def english(text: str) -> str:
    """The English of ``text`` (a message id); text without Chinese is its own translation."""
    if not CJK.search(text):
        return text
    found = _table(str(CATALOGUES)).get(text)
    if found is None:
        where = CATALOGUES.relative_to(ROOT) if CATALOGUES.is_relative_to(ROOT) else CATALOGUES
        raise TranslationError(f"no English for {text!r}: add it to a catalogue under {where}/ "
                               "(shared.po, chapters/<stem>.po or data.po)")
    return expand_amounts(found[0]) if "{amount}" in found[0] else found[0]


def translate(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the current language)."""
    return english(text) if (lang or _language) == "en" else text


_UNTRANSLATED_DATA: set[str] = set()


def data_text(text: Any) -> str:
    """A text field of ``data/`` (a publisher, a title, a quote, a note, a 来源 line) in the current language:
    its entry in the catalogues (``data.po``) or, where it has none yet, the Chinese original as written
    (recorded: :func:`untranslated_data`). Labels from code use :func:`_`, which is strict."""
    text = "" if text is None else str(text)
    if _language != "en" or not CJK.search(text):
        return text
    found = _table(str(CATALOGUES)).get(text)
    if found is None:
        _UNTRANSLATED_DATA.add(text)
        return text
    return expand_amounts(found[0]) if "{amount}" in found[0] else found[0]


def untranslated_data() -> list[str]:
    """The data texts shown in Chinese on an English page so far (this process)."""
    return sorted(_UNTRANSLATED_DATA)


def _(text: str, /, **values: Any) -> str:
    """``text`` in the current language, then ``str.format(**values)`` if values are given (placeholders
    such as ``{value}`` appear in both the Chinese and the English)."""
    result = translate(text)
    return result.format(**values) if values else result


def is_english() -> bool:
    return _language == "en"


def html_lang() -> str:
    """The language as HTML names it (``lang`` attributes): zh-CN or en. Output markup carries it, so the
    page's scripts speak the output's language wherever it is shown (JupyterLab's own page says en)."""
    return "en" if _language == "en" else "zh-CN"


def clear_cache() -> None:
    """Forget the loaded catalogues (after a catalogue is edited in a running kernel)."""
    _tables.cache_clear()


def write_catalogue(path: Path, entries: Mapping[str, str]) -> None:
    """Write {msgid: msgstr} as a catalogue, sorted by msgid, with fixed dates (a rewrite changes only what
    changed)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    stable = datetime(2026, 12, 2, tzinfo=timezone.utc)
    catalog = Catalog(locale="en", project="wxshop", version="1", charset="utf-8", fuzzy=False,
                      creation_date=stable, revision_date=stable)
    for msgid in sorted(entries):
        catalog.add(msgid, entries[msgid])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=0, no_location=True, omit_header=False, sort_output=False)


def merge_catalogue(path: Path, entries: Mapping[str, str]) -> int:
    """Add or replace entries of a catalogue (created if missing); returns how many it now holds."""
    current = read_catalogue(path) if path.exists() else {}
    current.update({k: v for k, v in entries.items() if v})
    write_catalogue(path, current)
    clear_cache()
    return len(current)


if __name__ == "__main__":  # python -m wxshop.i18n merge CATALOGUE.po ENTRIES.json
    import json
    import sys

    if len(sys.argv) != 4 or sys.argv[1] != "merge":
        sys.exit("usage: python -m wxshop.i18n merge CATALOGUE.po ENTRIES.json   (JSON: {msgid: msgstr})")
    count = merge_catalogue(Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
    print(f"{sys.argv[2]}: {count} entries")
