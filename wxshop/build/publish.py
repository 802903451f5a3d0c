"""Replace the published site only when a new one is complete: the old one stays until then."""
from __future__ import annotations

import shutil
from pathlib import Path


def publish(built: Path, site: Path) -> None:
    """Replace ``site`` with a copy of ``built``; the old site stays until the copy is complete."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(built, fresh, ignore=shutil.ignore_patterns(".buildinfo"))  # Sphinx's record, not for readers
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    if old.exists():
        shutil.rmtree(old)
