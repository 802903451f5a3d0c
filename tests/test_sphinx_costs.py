"""What the book changes in Sphinx and MyST to build faster writes the same pages: the Chinese search language
splits and stems as Sphinx's own, and MyST's documents get docutils' default settings, each its own copy."""
from __future__ import annotations

import pytest

from wxshop import myst_documents
from wxshop.search_zh import BookSearchChinese

TEXTS = ["微信小店 2023年GMV达到1.2万亿元，KOC与KOL各有所长", "Taobao and Tmall: was it the GMV? ies", "人货场 PC互联网时代",
         "ies was GMV 淘天 拼多多 is"]


@pytest.mark.slow  # loads jieba's dictionary (1 s)
def test_the_chinese_search_splits_and_stems_as_sphinxs_own():
    from sphinx.search.zh import SearchChinese

    SearchChinese.latin_terms.clear()  # the parent keeps its Latin terms on the class: start both alike
    ours, theirs = BookSearchChinese({}), SearchChinese({})
    for text in TEXTS:
        theirs_words = theirs.split(text)
        assert ours.split(text) == theirs_words
        assert [ours.stem(w) for w in theirs_words] == [theirs.stem(w) for w in theirs_words]
    assert ours.stem("was") == theirs.stem("was") == "was"  # a Latin term stemming would cut below 3 stays whole
    assert ours.stem("Tmall") == theirs.stem("Tmall")


def settings(document) -> dict[str, str]:
    return {name: repr(value) for name, value in vars(document.settings).items()}


def test_a_myst_document_gets_docutils_default_settings_in_a_copy_of_its_own():
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    expected = settings(new_document("a.md", settings=get_default_settings(Parser)))
    first, second = myst_documents.make_document("a.md"), myst_documents.make_document("a.md")
    assert settings(first) == expected
    assert first.settings is not second.settings
    first.settings.report_level = 5
    first.settings.record_dependencies.add("changed.txt")
    assert settings(myst_documents.make_document("a.md")) == expected  # nothing one document changed leaks


def test_the_renderer_uses_it_once_installed():
    from myst_parser.mdit_to_docutils import base

    myst_documents.install()
    assert base.make_document is myst_documents.make_document

