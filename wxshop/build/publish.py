"""Publish the checked site: ``_build/html`` is replaced only when a new one is complete, and recorded.

The record (``_build/site-manifest.json``) holds the key of the inputs the site was built from and a
digest of every file published. A later build trusts ``_build/html`` only when both still match: a site
written by anything else (``sphinx-build`` or an old ``jupyter-book build`` on the sources, a hand
edit, a partial copy) is rebuilt, never kept because "nothing changed".

The PDF editions (``make pdf``: the Chinese and, when the site has it, the English) are printed from a
published site and kept in ``_build/pdf`` with that site's key. A site published from the same key carries
them at ``downloads/wxshop-edition.pdf`` and ``downloads/wxshop-edition-en.pdf``; otherwise the 数据与方法
page's link to one becomes plain text saying the file is not included (in the page's language), so the site
never links a file it does not have.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from wxshop.build import Paths

PDF_NAMES = {"zh": "wxshop-edition.pdf", "en": "wxshop-edition-en.pdf"}  # edition -> file in downloads/
PDF_NAME = PDF_NAMES["zh"]
PDF_PATH = "downloads/" + PDF_NAME
_LINK = re.compile(r'<a href="(?P<href>[^"]*downloads/(?P<name>wxshop-edition(?:-en)?\.pdf))" download>'
                   r'(?P<text>[^<]*)</a>')
_PDF_HREF = re.compile(r'((?:href|data-href)=")[^"]*downloads/(wxshop-edition(?:-en)?\.pdf)"')
MISSING_NOTES = {"zh": "（本次发布的网站未附此文件）", "en": " (not included in this build of the site)"}
MISSING_NOTE = MISSING_NOTES["zh"]
_MISSING = re.compile(r'<span class="wxshop-pdf-missing" data-href="(?P<href>[^"]*)">(?P<text>[^<]*?)(?:'
                      + "|".join(re.escape(note) for note in MISSING_NOTES.values()) + ")</span>")


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


def without_pdf_link(html: str, names: set[str] | None = None, note: str = MISSING_NOTE) -> str:
    """The page with its links to the PDF editions ``names`` (all by default) turned into text that says the
    file is not included (``note``, in the page's language)."""
    def replace(m: re.Match) -> str:
        if names is not None and m["name"] not in names:
            return m.group(0)
        return f'<span class="wxshop-pdf-missing" data-href="{m["href"]}">{m["text"]}{note}</span>'

    return _LINK.sub(replace, html)


def with_pdf_link(html: str, names: set[str] | None = None) -> str:
    """The inverse of :func:`without_pdf_link`."""
    def replace(m: re.Match) -> str:
        if names is not None and m["href"].rsplit("/", 1)[-1] not in names:
            return m.group(0)
        return f'<a href="{m["href"]}" download>{m["text"]}</a>'

    return _MISSING.sub(replace, html)


def site_key_file(paths: Paths, edition: str = "zh") -> Path:
    return paths.pdf / ("site-key.txt" if edition == "zh" else f"site-key-{edition}.txt")


def kept_pdf(paths: Paths, key: str, edition: str = "zh") -> Path | None:
    """The printed PDF edition (``edition``'s language) if it was printed from the site built from ``key``."""
    pdf, stamp = paths.pdf / PDF_NAMES[edition], site_key_file(paths, edition)
    if pdf.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return pdf
    return None


def kept_pdfs(paths: Paths, key: str) -> dict[str, Path | None]:
    """Each edition's PDF as :func:`kept_pdf` finds it (None where there is none for this site)."""
    return {edition: kept_pdf(paths, key, edition) for edition in PDF_NAMES}


def _set_pdf(site: Path, pdfs: dict[str, Path | None]) -> None:
    """Put each edition's PDF (or its absence) into ``site``: the files, and the pages' links to them (from an
    English page (``en/...``) too, the files are at the site's root)."""
    folder = site / "downloads"
    for edition, name in PDF_NAMES.items():
        pdf, target = pdfs.get(edition), folder / name
        if pdf is not None:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pdf, target)
        else:
            target.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    present = {PDF_NAMES[e] for e, pdf in pdfs.items() if pdf is not None}
    absent = set(PDF_NAMES.values()) - present
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        parts = page.relative_to(site).parts
        note = MISSING_NOTES["en" if parts[0] == "en" else "zh"]
        href = "../" * (len(parts) - 1) + "downloads/"
        changed = without_pdf_link(with_pdf_link(text, present), absent, note)
        changed = _PDF_HREF.sub(lambda m: m[1] + href + m[2] + '"', changed)
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


def replace_site(built: Path, site: Path, pdfs: dict[str, Path | None] | None = None,
                 parts: dict[str, Path] | None = None) -> None:
    """Replace ``site`` with a copy of ``built`` (plus the PDF editions or not) and of each of ``parts`` (folder name ->
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
    _set_pdf(fresh, pdfs or {})
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    if old.exists():
        shutil.rmtree(old)


def publish(paths: Paths, key: str, editions: list[Paths] | tuple = ()) -> None:
    """Publish the checked Sphinx output as ``_build/html`` with the other editions' at ``_build/html/<lang>``
    (and the PDF printed from this key, if any), and record it."""
    paths.manifest.unlink(missing_ok=True)
    replace_site(paths.built, paths.site, kept_pdfs(paths, key), {e.edition: e.built for e in editions})
    record(paths.site, paths.manifest, key)


def sync_pdf(paths: Paths, key: str) -> bool:
    """In a trusted published site, add or drop each PDF edition as :func:`kept_pdf` says; True if it changed."""
    pdfs = kept_pdfs(paths, key)
    same = True
    for edition, pdf in pdfs.items():
        published = paths.site / "downloads" / PDF_NAMES[edition]
        if pdf is None:
            same = same and not published.is_file()
        else:
            same = same and published.is_file() and published.read_bytes() == pdf.read_bytes()
    if same:
        return False
    paths.manifest.unlink(missing_ok=True)
    _set_pdf(paths.site, pdfs)
    record(paths.site, paths.manifest, key)
    return True
