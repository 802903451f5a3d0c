"""The table of contents (``_toc.yml``), parsed by sphinx-external-toc as Jupyter Book does."""
from __future__ import annotations

from pathlib import Path

# The edition's own pages: every word on them is the edition's (not checked against the report).
EDITION_PAGES = ("book/data_methods", "book/public_audit", "book/parameters", "book/exhibits", "book/references",
                 "book/glossary")


def pages(root: Path) -> list[str]:
    """Every document of ``_toc.yml`` in reading order (root first), as written there (no suffix)."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(str(root / "_toc.yml"))
    ordered: list[str] = []

    def walk(name: str) -> None:
        ordered.append(name)
        for tree in site_map[name].subtrees:
            for item in tree.items:
                if isinstance(item, str):
                    walk(item)

    walk(site_map.root.docname)
    return ordered


def notebooks(root: Path) -> dict[str, Path]:
    """Chapter notebooks in ``_toc.yml``, by name (the file stem), in reading order."""
    found = {}
    for entry in pages(root):
        path = root / (entry if entry.endswith(".ipynb") else entry + ".ipynb")
        if path.is_file():
            found[path.stem] = path
    return found


def page_of(root: Path, stem: str) -> str | None:
    """The site path (``notebooks/x.html``) of chapter ``stem``, or None if it is not in the book."""
    for entry in pages(root):
        if Path(entry).name == stem and (root / (entry + ".ipynb")).is_file():
            return entry + ".html"
    return None
