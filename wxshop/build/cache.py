"""Execution keys: a chapter re-executes only when something it depends on changed.

A chapter's key covers its notebook, its parameters, its own home (``wxshop/chapters/<stem>/``),
the shared modules of the package it imports (found by reading the imports of the notebook's code
and of every module reached from it), the data resources it read on its last run (recorded by
:mod:`wxshop.data`) with the files every load checks against, and the pinned requirements.
Editing another chapter's home, the CSS, ``table.js`` or the Sphinx extension changes none of them.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import nbformat

PACKAGE = "wxshop"
# Files every data.load() reads besides the resource itself (the descriptor, the report, the registers).
DATA_ALWAYS = ("datapackage.json", "report_text.txt", "exhibits.csv", "sources.csv")


def hash_files(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _module_file(root: Path, dotted: str) -> Path | None:
    base = root.joinpath(*dotted.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(source: str, module: str | None = None, is_package: bool = False) -> set[str]:
    """Dotted names of the package's modules that ``source`` imports (relative imports resolved)."""
    return set(_parsed_imports(source, module, is_package))


@functools.lru_cache(maxsize=1024)  # a build asks for the same modules' imports once per chapter
def _parsed_imports(source: str, module: str | None, is_package: bool) -> frozenset[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level and module:
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if is_package else 0)
                base = ".".join(parts[:keep] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(name for name in found if name == PACKAGE or name.startswith(PACKAGE + "."))


def module_closure(root: Path, sources: Iterable[str]) -> set[Path]:
    """Files of every package module the sources import, directly or through other modules."""
    todo = set().union(*(_imports(s) for s in sources)) if sources else set()
    seen: set[str] = set()
    files: set[Path] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        for i in range(1, len(parts)):  # importing a.b.c runs a/__init__ and a/b/__init__
            todo.add(".".join(parts[:i]))
        path = _module_file(root, name)
        if path is None:
            continue
        files.add(path)
        todo |= _imports(path.read_text(encoding="utf-8"), name, path.name == "__init__.py") - seen
    return files


def notebook_code(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    return [cell.source for cell in nb.cells if cell.cell_type == "code"]


def chapter_inputs(root: Path, stem: str, notebook: Path, resources: Iterable[str]) -> list[Path]:
    """Every file chapter ``stem``'s execution depends on (its key hashes them)."""
    home = root / PACKAGE / "chapters" / stem
    home_files = [p for p in home.rglob("*") if p.is_file() and "__pycache__" not in p.parts] if home.is_dir() else []
    home_sources = [p.read_text(encoding="utf-8") for p in home_files if p.suffix == ".py"]
    modules = module_closure(root, notebook_code(notebook) + home_sources)
    data = root / "data"
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    used = [data / paths.get(name, name) for name in resources] + [data / name for name in DATA_ALWAYS]
    return sorted(set(home_files) | modules | set(used) | {root / "requirements.txt"})


def execution_key(root: Path, stem: str, notebook: Path, parameters: dict[str, Any], resources: Iterable[str]) -> str:
    from wxshop.notebook_store import stored_bytes

    digest = hashlib.sha256()
    digest.update(stored_bytes(notebook))  # as git stores it: outputs saved in a working copy change nothing
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update(hash_files(chapter_inputs(root, stem, notebook, resources), root).encode())
    return digest.hexdigest()
