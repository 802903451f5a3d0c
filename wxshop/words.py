"""Chinese text split into words, so a line never breaks inside one (chart titles, the era explorer's cells).

jieba (the search's word splitter, already a dependency) with the book's user dictionary
(``wxshop/static/search_userdict.txt``: 微信小店, 人货场, 短视频 ...); a run of Latin letters and digits
(2023, GMV, C2M, 18.6%) is one word, and so is a short bracketed group.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

USER_DICT = Path(__file__).with_name("static") / "search_userdict.txt"
_KEEP = re.compile(r"（[^（）]{0,12}）|\([^()]{0,12}\)|《[^《》]{0,12}》|[A-Za-z0-9][A-Za-z0-9.,%+\-/~×·]*")


@lru_cache(maxsize=1)
def _splitter():  # noqa: ANN202
    import jieba

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """``text`` as words, in order; joined they give ``text`` back."""
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
