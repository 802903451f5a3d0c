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

ROOT = Path(__file__).resolve().parent.parent.parent
SCENARIOS = "scenarios"  # _build/scenarios/<name>/: a build with parameters, beside the default edition


class BuildError(RuntimeError):
    """The build stopped; the message names the step and the cause."""


@dataclass(frozen=True)
class Paths:
    """Where a build writes: the default edition in ``_build/``, a scenario build (``make book PARAMS=...``) in
    ``_build/scenarios/<scenario>/``, with its own stage, Sphinx tree and site."""

    root: Path
    scenario: str = ""

    @property
    def build(self) -> Path:
        return self.root / "_build" / SCENARIOS / self.scenario if self.scenario else self.root / "_build"

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
    def site_key(self) -> Path:
        """Digest of everything the published site was built from."""
        return self.build / "site-key.txt"

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
