"""Chinese text split into words (``wxshop.words``): the splits are jieba's, kept between processes in the
user cache, so a later process splits the same texts without loading jieba's dictionary."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wxshop import words

pytestmark = pytest.mark.slow  # each test loads jieba's dictionary once (about 0.7 s)

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ["从微信小店看电商变革路径与分析", "2023年GMV（万亿元）同比增长18.6%", "人货场的重构"]


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WXSHOP_CACHE_DIR", str(tmp_path))
    for cached in (words.words, words._kept, words.store_path):
        cached.cache_clear()
    yield tmp_path
    for cached in (words.words, words._kept, words.store_path):
        cached.cache_clear()


def test_a_kept_split_is_jiebas_split_and_a_later_process_reads_it_without_jieba(empty_cache):
    first = [words.words(text) for text in TEXTS]
    assert first == [words._split(text) for text in TEXTS]  # what jieba gives, with the book's rules
    assert ("微信小店",) == tuple(w for w in first[0] if w == "微信小店")  # the user dictionary's word is one
    assert all("".join(split) == text for split, text in zip(first, TEXTS))
    kept = json.loads(words.store_path().read_text(encoding="utf-8"))
    assert {k: tuple(v) for k, v in kept.items()} == dict(zip(TEXTS, first))
    script = ("import json, sys; from wxshop.words import words; "
              f"print(json.dumps([[list(words(t)) for t in {TEXTS!r}], 'jieba' in sys.modules]))")
    env = {"WXSHOP_CACHE_DIR": str(empty_cache), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    splits, loaded = json.loads(out.stdout)
    assert [tuple(s) for s in splits] == first and loaded is False


def test_a_kept_entry_that_does_not_give_its_text_back_is_split_again(empty_cache):
    path = words.store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"人货场": ["人货", "场"], TEXTS[0]: ["不是", "这段"]}, ensure_ascii=False),
                    encoding="utf-8")
    assert words.words("人货场") == ("人货", "场")  # a kept split is used as it is
    assert words.words(TEXTS[0]) == words._split(TEXTS[0])  # one that is not the text's is not
