"""Chinese text split into words, so a line never breaks inside one (chart titles, the era explorer's cells).

jieba (the search's word splitter, already a dependency) with the book's user dictionary
(``wxshop/static/search_userdict.txt``: 微信小店, 人货场, 短视频 ...); a run of Latin letters and digits
(2023, GMV, C2M, 18.6%) is one word, and so is a short bracketed group.

Loading jieba's dictionary takes 0.5-0.7 s, in every chapter's kernel and test process, for a few dozen short
texts. The splits are kept in :func:`wxshop.checkout.user_cache` in a file named by what they depend on
(jieba's version, the user dictionary's bytes, the rules below), so jieba is loaded only for a text not split
before.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from wxshop.checkout import user_cache

USER_DICT = Path(__file__).with_name("static") / "search_userdict.txt"
_KEEP = re.compile(r"（[^（）]{0,12}）|\([^()]{0,12}\)|《[^《》]{0,12}》|[A-Za-z0-9][A-Za-z0-9.,%+\-/~×·]*")


@lru_cache(maxsize=1)
def _splitter():  # noqa: ANN202
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def _split(text: str) -> tuple[str, ...]:
    out: list[str] = []
    at = 0
    for kept in _KEEP.finditer(text):
        if kept.start() > at:
            out.extend(_splitter().cut(text[at:kept.start()], HMM=True))
        out.append(kept.group(0))
        at = kept.end()
    if at < len(text):
        out.extend(_splitter().cut(text[at:], HMM=True))
    return tuple(w for w in out if w)


@lru_cache(maxsize=1)
def store_path() -> Path:
    """The file of kept splits for this jieba, user dictionary and these rules."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for part in (version("jieba").encode(), USER_DICT.read_bytes(), _KEEP.pattern.encode(), b"HMM=True"):
        digest.update(part + b"\0")
    return user_cache() / f"words-{digest.hexdigest()[:16]}.json"


@lru_cache(maxsize=1)
def _kept() -> dict[str, list[str]]:
    try:
        found = json.loads(store_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _keep(text: str, split: tuple[str, ...]) -> None:
    """Add a split to the file (merged with what other processes added; written whole, then renamed)."""
    kept = _kept()
    kept[text] = list(split)
    path = store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            kept.update({k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k not in kept})
        except (OSError, ValueError, AttributeError):
            pass
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False)
        os.replace(name, path)
    except OSError:
        pass  # a read-only home: the split is kept for this process only


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """``text`` as words, in order; joined they give ``text`` back."""
    kept = _kept().get(text)
    if isinstance(kept, list) and "".join(kept) == text:
        return tuple(kept)
    split = _split(text)
    _keep(text, split)
    return split
