"""JupyterLab for analysts: ``make lab`` (``python -m wxshop.lab``).

Starts JupyterLab on the project's environment, bound to 127.0.0.1, in the repository's root, and
prints the address with its token. Saving a notebook from Lab keeps the tracked source clean: a
pre-save hook (:func:`pre_save_hook`) strips outputs, execution counts and the metadata that Lab,
ipywidgets and papermill add, so ``git status`` stays clean after opening, running and saving.
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from wxshop import checkout

ROOT = checkout.ROOT  # the book's checkout (see wxshop.checkout)
# The metadata a source notebook keeps (exactly what is committed).
NOTEBOOK_METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}}
CELL_METADATA = ("tags",)


def clean(nb: dict[str, Any]) -> dict[str, Any]:
    """A notebook model as the repository stores it: no outputs, no counts, no run metadata (in place)."""
    nb["metadata"] = dict(NOTEBOOK_METADATA)
    for cell in nb.get("cells", []):
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA}
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        if not cell.get("attachments"):
            cell.pop("attachments", None)
    return nb


def pre_save_hook(model: dict[str, Any], path: str = "", contents_manager: Any = None, **_: Any) -> None:
    """Jupyter Server's pre-save hook: chapter notebooks are saved clean (see :func:`clean`)."""
    if model.get("type") != "notebook" or not str(path).replace("\\", "/").startswith("notebooks/"):
        return
    clean(model["content"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(port: int, token: str, root: Path = ROOT, headless: bool = False) -> list[str]:
    """The ``jupyter lab`` command line: loopback only, the repo as root dir, the save hook installed."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
           "--FileContentsManager.pre_save_hook=wxshop.lab.pre_save_hook",
           "--ServerApp.open_browser=False" if headless else "--ServerApp.open_browser=True",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--ServerApp.disable_check_xsrf=False", f"--LabApp.workspaces_dir={root / '_build' / 'lab-workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def settings_dir(root: Path = ROOT) -> Path:
    """Lab's user settings for this project: no news check (there is no network), and every cell kept
    rendered (Lab's default windowing detaches cells away from the viewport, and a detached Markdown
    cell shows its MyST ``{eval}`` source instead of the chapter's figure when it comes back)."""
    folder = root / "_build" / "lab-settings"
    target = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"fetchNews": "false", "checkForUpdates": false}\n', encoding="utf-8")
    tracker = folder / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text('{"windowingMode": "none"}\n', encoding="utf-8")
    return folder


def environment(root: Path = ROOT) -> dict[str, str]:
    """The kernel's environment: the package importable, charts rendered offline (vl-convert's bundle)."""
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings_dir(root))
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("WXSHOP_RENDER", None)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wxshop.lab", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    port = args.port or free_port()
    token = secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/lab/tree/notebooks?token={token}"
    print(f"JupyterLab: {url}\n(stop it with Ctrl+C)", flush=True)
    return subprocess.call(command(port, token, headless=args.no_browser), cwd=ROOT, env=environment())


if __name__ == "__main__":
    sys.exit(main())
