"""JupyterLab for analysts: ``make lab`` (``python -m wxshop.lab``).

Starts JupyterLab on the project's environment, bound to 127.0.0.1, in the repository's root, and
prints the address with its token. Saving a notebook from Lab keeps the analyst's run: outputs stay in the
working copy, so a reopened chapter still shows them. Git sees the notebooks without outputs, execution
counts or run metadata through a clean filter that ``make lab`` sets up in the repository's git config
(:mod:`wxshop.notebook_store`), so ``git status`` stays clean after opening, running and saving.
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

from wxshop import checkout, notebook_store

ROOT = checkout.ROOT  # the book's checkout (see wxshop.checkout)


def setup_git(root: Path = ROOT) -> str:
    """Install the notebooks' clean filter in the repository at ``root``; what was done, for the terminal."""
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True).returncode != 0:
        return "not a git repository: no clean filter set up (saved outputs would be committed)"
    was = notebook_store.filter_installed(root)
    notebook_store.install_filter(root)
    return ("git: notebooks are stored without outputs (clean filter "
            f"{notebook_store.FILTER!r} {'checked' if was else 'set up'} in .git/config; .gitattributes names them)")


def post_save_hook(model: dict[str, Any] | None = None, os_path: str = "", contents_manager: Any = None,
                   **_: Any) -> None:
    """Jupyter Server's post-save hook: a saved notebook whose source is unchanged stays clean in ``git status``
    (its outputs stay in the file; see :func:`wxshop.notebook_store.refresh_index`), and the analyst's own save
    is trusted, so a reopened chapter draws its saved charts and panels (JupyterLab renders widget outputs of
    trusted notebooks only, and does not always mark every run cell trusted when it saves)."""
    if not os_path.endswith(".ipynb"):
        return
    if contents_manager is not None and getattr(contents_manager, "notary", None) is not None:
        import nbformat

        notebook = nbformat.read(os_path, as_version=4)
        if not contents_manager.notary.check_signature(notebook):
            contents_manager.notary.sign(notebook)
    notebook_store.refresh_index(Path(os_path))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(port: int, token: str, root: Path = ROOT, headless: bool = False) -> list[str]:
    """The ``jupyter lab`` command line: loopback only, the repo as root dir."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
           "--FileContentsManager.post_save_hook=wxshop.lab.post_save_hook",
           "--ServerApp.open_browser=False" if headless else "--ServerApp.open_browser=True",
           "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           "--ServerApp.disable_check_xsrf=False", f"--LabApp.workspaces_dir={root / '_build' / 'lab-workspaces'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def settings_dir(root: Path = ROOT) -> Path:
    """Lab's user settings for this project: no news check (there is no network), every cell kept
    rendered (Lab's default windowing detaches cells away from the viewport, and a detached Markdown
    cell shows its MyST ``{eval}`` source instead of the chapter's figure when it comes back), and the
    widgets' state saved with the notebook."""
    folder = root / "_build" / "lab-settings"
    target = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"fetchNews": "false", "checkForUpdates": false}\n', encoding="utf-8")
    tracker = folder / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text('{"windowingMode": "none"}\n', encoding="utf-8")
    # The widgets' state is saved with the run, so a chapter reopened without its kernel still shows its
    # charts and panels as they were (git never sees it: the clean filter drops it).
    widgets = folder / "@jupyter-widgets" / "jupyterlab-manager" / "plugin.jupyterlab-settings"
    widgets.parent.mkdir(parents=True, exist_ok=True)
    widgets.write_text('{"saveState": true}\n', encoding="utf-8")
    return folder


def environment(root: Path = ROOT) -> dict[str, str]:
    """The kernel's environment: the package importable, charts rendered offline (vl-convert's bundle)."""
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings_dir(root))
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("WXSHOP_RENDER", None)
    env["WXSHOP_LAB_ROOT"] = str(root)  # charts load one shared offline bundle from the server (charts/render.py)
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
    print(setup_git(), flush=True)
    print(f"JupyterLab: {url}\n(stop it with Ctrl+C)", flush=True)
    return subprocess.call(command(port, token, headless=args.no_browser), cwd=ROOT, env=environment())


if __name__ == "__main__":
    sys.exit(main())
