"""Publish the checked site: ``_build/html`` is replaced only when a new one is complete, and recorded.

The record (``_build/site-manifest.json``) holds the key of the inputs the site was built from and a
digest of every file published. A later build trusts ``_build/html`` only when both still match: a site
written by anything else (``sphinx-build`` or an old ``jupyter-book build`` on the sources, a hand
edit, a partial copy) is rebuilt, never kept because "nothing changed".

The PDF edition (``make pdf``) is printed from a published site and kept in ``_build/pdf`` with that
site's key. A site published from the same key carries it at ``downloads/wxshop-edition.pdf``;
otherwise the 数据与方法 page's link to it becomes plain text saying the file is not included, so the
site never links a file it does not have.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from wxshop.build import Paths

PDF_NAME = "wxshop-edition.pdf"
PDF_PATH = "downloads/" + PDF_NAME
_LINK = re.compile(r'<a href="(?P<href>[^"]*downloads/wxshop-edition\.pdf)" download>(?P<text>[^<]*)</a>')
_PDF_HREF = re.compile(r'((?:href|data-href)=")[^"]*downloads/wxshop-edition\.pdf"')
MISSING_NOTE = "（本次发布的网站未附此文件）"
_MISSING = re.compile(r'<span class="wxshop-pdf-missing" data-href="(?P<href>[^"]*)">(?P<text>[^<]*?)'
                      + re.escape(MISSING_NOTE) + "</span>")


def digest_tree(site: Path) -> dict[str, str]:
    """sha256 of every file under ``site``, by path relative to it."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def record(site: Path, manifest: Path, key: str) -> None:
    manifest.write_text(json.dumps({"key": key, "files": digest_tree(site)}, indent=0, sort_keys=True),
                        encoding="utf-8")


def untrusted(site: Path, manifest: Path, key: str) -> str | None:
    """Why ``site`` is not the site this pipeline published from ``key`` (a sentence), or None if it is."""
    if not (site / "index.html").is_file():
        return "no published site"
    if not manifest.is_file():
        return f"{site} was not published by this pipeline (no {manifest.name})"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        files = dict(recorded["files"])
    except (ValueError, KeyError, TypeError):
        return f"{manifest.name} is unreadable"
    if recorded.get("key") != key:
        return "the book's inputs changed"
    found = digest_tree(site)
    changed = sorted(path for path in files.keys() | found.keys() if files.get(path) != found.get(path))
    if changed:
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        return f"{site} differs from what was published ({', '.join(changed[:3])}{more})"
    return None


def without_pdf_link(html: str) -> str:
    """The page with its link to the PDF edition turned into text that says the file is not included."""
    return _LINK.sub(lambda m: f'<span class="wxshop-pdf-missing" data-href="{m["href"]}">{m["text"]}'
                               f"{MISSING_NOTE}</span>", html)


def with_pdf_link(html: str) -> str:
    """The inverse of :func:`without_pdf_link`."""
    return _MISSING.sub(lambda m: f'<a href="{m["href"]}" download>{m["text"]}</a>', html)


def kept_pdf(paths: Paths, key: str) -> Path | None:
    """The printed PDF edition if it was printed from the site built from ``key``."""
    pdf, stamp = paths.pdf / PDF_NAME, paths.pdf / "site-key.txt"
    if pdf.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return pdf
    return None


def _set_pdf(site: Path, pdf: Path | None) -> None:
    """Put the PDF (or its absence) into ``site``: the file, and the pages' links to it."""
    target = site / PDF_PATH
    if pdf is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pdf, target)
    else:
        target.unlink(missing_ok=True)
        if target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()
    change = with_pdf_link if pdf is not None else without_pdf_link
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # the one PDF is at the site's root: from the English edition's pages (en/...) too
        href = "../" * (len(page.relative_to(site).parts) - 1) + PDF_PATH
        changed = _PDF_HREF.sub(lambda m: m[1] + href + '"', change(text))
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def built_key(paths: Paths) -> str | None:
    """The site key the edition's Sphinx output (``paths.built``) was last built from, if it is complete."""
    stamp = paths.sphinx / "built-key.txt"
    if not stamp.is_file() or not (paths.built / "index.html").is_file():
        return None
    return stamp.read_text(encoding="utf-8")


def note_built(paths: Paths, key: str) -> None:
    (paths.sphinx / "built-key.txt").write_text(key, encoding="utf-8")


def replace_site(built: Path, site: Path, pdf: Path | None = None, parts: dict[str, Path] | None = None) -> None:
    """Replace ``site`` with a copy of ``built`` (plus the PDF or not) and of each of ``parts`` (folder name ->
    Sphinx output: the English edition at ``en/``); the old site stays until the copy is complete, so both
    editions are replaced together or not at all."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(built, fresh, ignore=shutil.ignore_patterns(".buildinfo"))  # Sphinx's record, not for readers
    for name, part in (parts or {}).items():
        shutil.copytree(part, fresh / name, ignore=shutil.ignore_patterns(".buildinfo"))
    _set_pdf(fresh, pdf)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    if old.exists():
        shutil.rmtree(old)


def publish(paths: Paths, key: str, editions: list[Paths] | tuple = ()) -> None:
    """Publish the checked Sphinx output as ``_build/html`` with the other editions' at ``_build/html/<lang>``
    (and the PDF printed from this key, if any), and record it."""
    paths.manifest.unlink(missing_ok=True)
    replace_site(paths.built, paths.site, kept_pdf(paths, key), {e.edition: e.built for e in editions})
    record(paths.site, paths.manifest, key)


def sync_pdf(paths: Paths, key: str) -> bool:
    """In a trusted published site, add or drop the PDF edition as :func:`kept_pdf` says; True if it changed."""
    pdf, published = kept_pdf(paths, key), paths.site / PDF_PATH
    if pdf is None and not published.is_file():
        return False
    if pdf is not None and published.is_file() and published.read_bytes() == pdf.read_bytes():
        return False
    paths.manifest.unlink(missing_ok=True)
    _set_pdf(paths.site, pdf)
    record(paths.site, paths.manifest, key)
    return True
