"""Chapter homes: one package per chapter notebook, named exactly like the notebook's stem.

``wxshop/chapters/<stem>/`` holds everything of one chapter: ``spec.py`` (the report's heading,
its exhibits, parameters and cross-parameter rules; light, read by the build before any kernel
starts), the model, chart builders, the wiring from data to models with the chapter's headline
outputs, editors' notes and the ipywidgets panels. Adding a chapter means one notebook, one
home and one ``_toc.yml`` line; everything else (parameter checks, the analysts' parameter page,
the exhibit register's chapter column, execution keys) is derived from them.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

from wxshop.params import ParameterError, Spec

HOME = Path(__file__).resolve().parent


def names() -> list[str]:
    """Every chapter home in the package (sub-packages with a ``spec`` module)."""
    return sorted(info.name for info in pkgutil.iter_modules([str(HOME)])
                  if info.ispkg and (HOME / info.name / "spec.py").is_file())


def spec(stem: str) -> Spec:
    """The :class:`Spec` of chapter ``stem``; a ParameterError if it has no home."""
    if stem not in names():
        raise ParameterError(f"notebook {stem!r} has no chapter home wxshop/chapters/{stem}/spec.py; "
                             f"chapter homes: {', '.join(names())}")
    module = importlib.import_module(f"wxshop.chapters.{stem}.spec")
    found = getattr(module, "SPEC", None)
    if not isinstance(found, Spec) or found.stem != stem:
        raise ParameterError(f"wxshop/chapters/{stem}/spec.py must define SPEC = Spec(stem={stem!r}, ...)")
    return found


def specs(stems: list[str] | None = None) -> dict[str, Spec]:
    """Specs by stem, for ``stems`` (default: every home), in the given order."""
    return {stem: spec(stem) for stem in (names() if stems is None else stems)}


def home_files(stem: str) -> list[Path]:
    """The files of a chapter's home (its execution key covers them)."""
    return sorted(p for p in (HOME / stem).rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def model(function: str) -> tuple[str, Any]:
    """(chapter stem, :class:`wxshop.params.Model`) of the model whose function is ``function``."""
    for stem in names():
        for entry in spec(stem).models:
            if entry.function == function:
                return stem, entry
    raise ValueError(f"no chapter declares the model {function!r} (Spec.models in wxshop/chapters/<stem>/spec.py)")
