"""The book's build: table of contents, execution, cache keys, site checks, publishing, command line.

    python -m wxshop.build book [--params "new_platforms.budget=200000 new_platforms.case=high"]

Only light modules are imported at the top of each module so that parameter checks fail fast.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wxshop import checkout

ROOT = checkout.ROOT  # the book's checkout (see wxshop.checkout)


class BuildError(RuntimeError):
    """The build stopped; the message names the step and the cause."""


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def build(self) -> Path:
        return self.root / "_build"

    @property
    def stage(self) -> Path:
        return self.build / "stage"

    @property
    def sphinx(self) -> Path:
        return self.build / "sphinx"

    @property
    def site(self) -> Path:
        return self.build / "html"

    @property
    def built(self) -> Path:
        """Sphinx's output: the site before it is checked and published."""
        return self.sphinx / "_build" / "html"

    @property
    def manifest(self) -> Path:
        """What the pipeline last published: the site's key and a digest of every file of ``_build/html``."""
        return self.build / "site-manifest.json"

    @property
    def pdf(self) -> Path:
        """The last printed PDF edition, with the key of the site it was printed from."""
        return self.build / "pdf"

    @property
    def keys(self) -> Path:
        """Execution keys and the data each chapter read, by notebook."""
        return self.stage / ".execution-keys.json"
