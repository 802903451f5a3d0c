"""Import-time costs the book's processes do not pay.

jsonschema, which Altair imports, imports ``rfc3987_syntax`` whenever it is installed (JupyterLab's
``jupyter-events`` brings it in through ``jsonschema[format-nongpl]``), and that package builds an Earley
parser of RFC 3987 when it is imported: 3.6 s on this machine, in every chapter's kernel, every papermill
run and every test worker. The parser serves only jsonschema's ``iri`` and ``iri-reference`` formats, which
Vega-Lite's schema never uses. So it is loaded when first used instead: jsonschema gets a stand-in module
whose ``is_valid_syntax`` imports the real package on its first call and then defers to it, so a check of
those formats gives the same answer as before.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

LAZY = "rfc3987_syntax"


def defer_rfc3987_syntax() -> None:
    """Put the stand-in in ``sys.modules`` unless the package is missing or already imported."""
    if LAZY in sys.modules or importlib.util.find_spec(LAZY) is None:
        return
    stand_in = types.ModuleType(LAZY, "Stand-in: imports rfc3987_syntax on the first check (wxshop._imports).")
    loaded: list[Any] = []

    def real() -> Any:
        if not loaded:
            if sys.modules.get(LAZY) is stand_in:
                del sys.modules[LAZY]
            loaded.append(importlib.import_module(LAZY))
        return loaded[0]

    def is_valid_syntax(term: str, value: str) -> bool:
        return real().is_valid_syntax(term, value)

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    sys.modules[LAZY] = stand_in
