"""A chapter notebook as the repository stores it: no outputs, no execution counts, no run metadata.

An analyst's working copy may hold outputs (JupyterLab saves what was run); git sees the stored form only,
through a clean filter (``make lab`` sets it up, :func:`install_filter`): ``.gitattributes`` gives the
notebooks the filter ``wxshop-notebook``, whose clean command is ``python -m wxshop.notebook_store``; after a
save JupyterLab refreshes git's record of the file (:func:`refresh_index`: git takes a file whose size
changed for modified without filtering it). So after running and saving a chapter the outputs are still there
when it is reopened and ``git status`` is clean. The build executes and keys the stored form too, so outputs
in a working copy change nothing.

The filter keeps what the repository commits and drops everything else (a whitelist), unlike nbstripout,
which drops a list of known keys: JupyterLab writes the kernel's display name and its language details into
the notebook on every save, and nbstripout would leave those as a change.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

FILTER = "wxshop-notebook"
# The metadata a source notebook keeps (exactly what is committed).
NOTEBOOK_METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}}
CELL_METADATA = ("tags",)


def clean(nb: dict[str, Any]) -> dict[str, Any]:
    """A notebook model as the repository stores it: no outputs, no counts, no run metadata (in place)."""
    nb["metadata"] = json.loads(json.dumps(NOTEBOOK_METADATA))
    for cell in nb.get("cells", []):
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA}
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        if not cell.get("attachments"):
            cell.pop("attachments", None)
    return nb


def clean_text(text: str) -> str:
    """The stored form of a notebook's JSON text (nbformat's layout: one-space indent, sorted keys)."""
    nb = clean(json.loads(text))
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def stored_bytes(path: Path) -> bytes:
    """The bytes git stores for the notebook at ``path`` (whatever its working copy holds)."""
    return clean_text(path.read_text(encoding="utf-8")).encode("utf-8")


def install_filter(root: Path, python: str | None = None) -> None:
    """Set up the clean filter in the repository at ``root`` (its local git config; ``.gitattributes``, which is
    committed, names the notebooks). ``required``: if the command ever fails, git stops instead of storing
    outputs."""
    command = f"\"{python or sys.executable}\" -m wxshop.notebook_store"
    for key, value in ((f"filter.{FILTER}.clean", command), (f"filter.{FILTER}.smudge", "cat"),
                       (f"filter.{FILTER}.required", "true")):
        subprocess.run(["git", "config", "--local", key, value], cwd=root, check=True, capture_output=True)


def filter_installed(root: Path) -> bool:
    found = subprocess.run(["git", "config", "--local", "--get", f"filter.{FILTER}.clean"], cwd=root,
                           capture_output=True, text=True)
    return found.returncode == 0 and "wxshop.notebook_store" in found.stdout


def refresh_index(path: Path) -> bool:
    """After a save: if the notebook's stored form is what git's index already holds, record the file's new size
    and time in the index (``git add`` of identical content: nothing is staged) so ``git status`` stays clean.

    Git reports a file whose size changed as modified without filtering it again; an analyst's saved outputs
    change the size. A real edit (a stored form that differs from the index) is left for the analyst to add.
    Returns whether the entry was refreshed.
    """
    path = Path(path).resolve()

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=path.parent, capture_output=True, text=True)

    staged = git("ls-files", "--stage", "--", path.name).stdout.split()
    if len(staged) < 2:
        return False  # not tracked
    stored = git("hash-object", "--", path.name)  # through the clean filter, as `git add` would store it
    if stored.returncode != 0 or stored.stdout.strip() != staged[1]:
        return False
    return git("add", "--", path.name).returncode == 0


def main() -> int:
    """The clean filter: a notebook on standard input, its stored form on standard output."""
    text = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(clean_text(text).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
