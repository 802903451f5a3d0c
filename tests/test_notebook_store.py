"""Notebooks as git stores them: outputs stay in the analyst's working copy, git and the build see the source."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wxshop import notebook_store
from wxshop.build import cache, toc

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = list(toc.notebooks(ROOT).values())


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def committed(path: Path) -> str:
    """The notebook as committed (the working copy may hold an analyst's outputs)."""
    rel = path.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else path.read_text(encoding="utf-8")


def as_run_in_lab(text: str) -> str:
    """What JupyterLab saves after a run: outputs, counts, the kernel's names, widget state, cell UI state."""
    nb = json.loads(text)
    nb["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    nb["metadata"]["language_info"] = {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                                       "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                                       "pygments_lexer": "ipython3", "version": "3.11.7"}
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    for number, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            cell["execution_count"] = number
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["run\n"]}]
            cell["metadata"]["scrolled"] = True
        else:
            cell["metadata"]["jp-MarkdownHeadingCollapsed"] = True
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_committed_notebook_is_in_its_stored_form(path):
    text = committed(path)
    assert notebook_store.clean_text(text) == text
    assert not any(c.get("outputs") for c in json.loads(text)["cells"])


def test_a_run_saved_from_lab_cleans_to_the_committed_notebook():
    text = committed(NOTEBOOKS[0])
    assert notebook_store.clean_text(as_run_in_lab(text)) == text


@pytest.mark.slow  # git processes and a repository
def test_the_git_filter_keeps_outputs_in_the_working_copy_and_git_clean(tmp_path):
    root = tmp_path / "repo"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy2(ROOT / ".gitattributes", root / ".gitattributes")
    source = root / "notebooks" / NOTEBOOKS[0].name
    source.write_text(committed(NOTEBOOKS[0]), encoding="utf-8")
    git(root, "init", "-q")
    notebook_store.install_filter(root, sys.executable)
    assert notebook_store.filter_installed(root)
    git(root, "add", "-A")
    git(root, "-c", "user.email=t@example.invalid", "-c", "user.name=test", "commit", "-q", "-m", "source")
    source.write_text(as_run_in_lab(source.read_text(encoding="utf-8")), encoding="utf-8")
    assert git(root, "diff") == ""  # through the filter nothing changed
    assert notebook_store.refresh_index(source)  # what Lab's post-save hook does
    assert git(root, "status", "--porcelain") == "" and git(root, "diff", "--cached") == ""
    assert any(c.get("outputs") for c in json.loads(source.read_text(encoding="utf-8"))["cells"])  # the run is kept
    stored = json.loads(git(root, "show", f":notebooks/{source.name}"))
    assert not any(c.get("outputs") for c in stored["cells"]) and "widgets" not in stored["metadata"]
    # A real edit still shows as one, and the hook does not stage it.
    nb = json.loads(source.read_text(encoding="utf-8"))
    nb["cells"][0]["source"].append("\nedited")
    source.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    assert not notebook_store.refresh_index(source)
    assert git(root, "status", "--porcelain") == f" M notebooks/{source.name}\n"


def test_outputs_in_a_working_copy_do_not_change_a_chapters_execution_key(tmp_path):
    (tmp_path / "notebooks").mkdir()
    clean, run = tmp_path / "notebooks" / "clean.ipynb", tmp_path / "notebooks" / "run.ipynb"
    clean.write_text(committed(NOTEBOOKS[0]), encoding="utf-8")
    run.write_text(as_run_in_lab(clean.read_text(encoding="utf-8")), encoding="utf-8")
    assert notebook_store.stored_bytes(run) == clean.read_bytes()
    stem = NOTEBOOKS[0].stem
    assert (cache.execution_key(ROOT, stem, run, {}, []) == cache.execution_key(ROOT, stem, clean, {}, []))
