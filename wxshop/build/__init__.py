"""The book's build: table of contents, execution, cache keys, site checks, publishing, command line.

    python -m wxshop.build book [--params "new_platforms.budget=200000 new_platforms.case=high"]

Only light modules are imported at the top of each module so that parameter checks fail fast.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wxshop import checkout

ROOT = checkout.ROOT  # the book's checkout (see wxshop.checkout)
SCENARIOS = "scenarios"  # _build/scenarios/<name>/: a build with parameters, beside the default edition
EDITIONS = ("zh", "en")  # the Chinese original (the site's root) and the English edition (its en/ folder)


class BuildError(RuntimeError):
    """The build stopped; the message names the step and the cause."""


@dataclass(frozen=True)
class Paths:
    """Where a build writes: the default edition in ``_build/``, a scenario build (``make book PARAMS=...``) in
    ``_build/scenarios/<scenario>/``, with its own stage, Sphinx tree and site. The English edition
    (``edition="en"``) has its own stage (``_build/stage-en``), execution keys and Sphinx tree
    (``_build/sphinx-en``) and is published at ``_build/html/en`` together with the Chinese one."""

    root: Path
    scenario: str = ""
    edition: str = "zh"

    @property
    def suffix(self) -> str:
        return "" if self.edition == "zh" else "-" + self.edition

    @property
    def build(self) -> Path:
        return self.root / "_build" / SCENARIOS / self.scenario if self.scenario else self.root / "_build"

    @property
    def stage(self) -> Path:
        return self.build / ("stage" + self.suffix)

    @property
    def sphinx(self) -> Path:
        return self.build / ("sphinx" + self.suffix)

    @property
    def site(self) -> Path:
        """Where the edition is published: ``_build/html`` (Chinese), ``_build/html/en`` (English)."""
        return self.build / "html" if self.edition == "zh" else self.build / "html" / self.edition

    @property
    def locale(self) -> Path:
        """The English edition's page catalogues as Sphinx reads (and compiles) them: a copy of ``locale/``."""
        return self.sphinx / "locale"

    @property
    def config(self) -> Path:
        """The edition's Jupyter Book configuration (``_config.yml`` itself for the Chinese edition)."""
        return self.root / "_config.yml" if self.edition == "zh" else self.sphinx / "_config.yml"

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


def scenario_name(overrides: dict[str, dict[str, Any]]) -> str:
    """A scenario build's folder: its overrides sorted, ``new_platforms.budget=200000,new_platforms.case=high``
    (a digest when that is too long or not a plain file name)."""
    def plain(value: Any) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else str(value)

    text = ",".join(sorted(f"{chapter}.{name}={plain(value)}" for chapter, values in overrides.items()
                           for name, value in values.items()))
    if len(text) > 120 or not re.fullmatch(r"[A-Za-z0-9_.,=+-]+", text):
        text = text[:60].rstrip(",.=") + "-" + hashlib.sha256(text.encode()).hexdigest()[:12]
        text = re.sub(r"[^A-Za-z0-9_.,=+-]", "_", text)
    return text
