"""MyST's documents made with docutils' default settings worked out once per parser, not once per document.

myst-parser's renderer asks for ``options.get("document", make_document())`` at the start of every render,
and Python works out the default first even when the document is given; ``make_document`` builds docutils'
default settings from scratch each time (an optparse parser with every component's options). The English
edition renders each of its 2,300 translated messages on its own (Sphinx's i18n transform), so that was
about 5 s of each English Sphinx run. Here the defaults are worked out once per parser class and each
document gets its own deep copy of them: the same settings, the same pages.
"""
from __future__ import annotations

import copy
from typing import Any

_DEFAULTS: dict[Any, Any] = {}


def make_document(source_path: str = "notset", parser_cls: Any = None) -> Any:
    """``myst_parser.mdit_to_docutils.base.make_document``, with the parser's default settings kept."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser as RSTParser
    from docutils.utils import new_document

    parser_cls = parser_cls or RSTParser
    if parser_cls not in _DEFAULTS:
        _DEFAULTS[parser_cls] = get_default_settings(parser_cls)
    return new_document(source_path, settings=copy.deepcopy(_DEFAULTS[parser_cls]))


def install() -> None:
    """Make myst-parser's renderer use :func:`make_document`."""
    from myst_parser.mdit_to_docutils import base

    base.make_document = make_document
