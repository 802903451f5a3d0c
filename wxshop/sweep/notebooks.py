"""The notebook path: each scenario executed as the chapter's notebook, its glued figures checked.

Each scenario is one call of :func:`execute_scenario` on any ``concurrent.futures`` executor: local threads
(each execution runs in its own process under the build's wall-clock limit, :mod:`wxshop.build.execute`),
or a Dask worker. The worker executes its own checkout's notebook into a temporary folder and returns the
executed notebook; this process writes it to ``_build/sweeps/<chapter>/<scenario>.ipynb`` and checks that
every figure glued in it reads exactly as the direct computation's.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import tempfile
from pathlib import Path
from typing import Any

from wxshop.sweep import run
from wxshop.sweep.grid import LABEL_LIMIT, label

DAEMON_HINT = ("this Dask worker's process is daemonic and cannot start the notebook's execution process: "
               "start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")


def glued_texts(notebook: dict[str, Any]) -> dict[str, str]:
    """The text/plain of every figure glued in an executed notebook (myst-nb's scrapbook metadata)."""
    found = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            key = record.get("mime_prefix", "") + "text/plain"  # glue(display=False) prefixes the mime type
            if record.get("name") and key in output.get("data", {}):
                text = output["data"][key]
                found[record["name"]] = "".join(text) if isinstance(text, list) else text
    return found


def execute_scenario(chapter: str, given: dict[str, Any], timeout: float, digest: str | None = None) -> dict[str, Any]:
    """Execute the chapter's notebook with ``given`` (on whichever machine runs this); return the notebook's
    JSON and its glued figures. Raises the build's error (notebook, cell, error) when a cell fails."""
    from wxshop.build import toc
    from wxshop.build.execute import execute_notebook

    if digest is not None and digest != run.project_digest():
        raise RuntimeError("this worker's wxshop package or data/ differ from the submitting checkout's: "
                           "install the same commit on every worker")
    if multiprocessing.current_process().daemon:
        raise RuntimeError(DAEMON_HINT)
    source = toc.notebooks(run.ROOT)[chapter]
    with tempfile.TemporaryDirectory(prefix="wxshop-sweep-") as folder:
        executed = Path(folder) / source.name
        execute_notebook(chapter, source, executed, given, timeout, run.ROOT)
        text = executed.read_text(encoding="utf-8")
    return {"notebook": text, "texts": glued_texts(json.loads(text))}


def file_name(given: dict[str, Any]) -> str:
    """The executed notebook's file name: the scenario's label, or a digest of it when too long for one."""
    text = label(given)
    if len(text) > LABEL_LIMIT or "/" in text or text.startswith("."):
        text = "scenario-" + hashlib.sha256(text.encode()).hexdigest()[:16]
    return text + ".ipynb"


def differences(glued: dict[str, str], direct: dict[str, str]) -> dict[str, tuple[str | None, str]]:
    """Figures whose glued text differs from the direct computation's: key -> (notebook's, direct)."""
    return {key: (glued.get(key), text) for key, text in direct.items() if glued.get(key) != text}
