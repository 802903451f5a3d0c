"""Execute a chapter notebook with papermill into the staging tree, never over the source.

Each run is a plain function (:func:`run_papermill`) in a child process, under a wall-clock limit
enforced from outside the kernel: on timeout the child and its kernel are killed and the run is
retried once. The executed copy is tidied so that two builds give the same bytes: papermill's
timing metadata and widget state are dropped, and the injected-parameters cell is hidden.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wxshop.build import BuildError

RENDER_ENV = "WXSHOP_RENDER"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# How long papermill waits for a kernel to start (its default is 60 s, which a busy machine exceeds: a sweep's
# kernels beside a build's, on two cores). The run's own wall-clock limit, enforced from outside, still applies.
KERNEL_START_TIMEOUT = 300


def kernel_manager_class(folder: str) -> type:
    """A kernel manager whose kernel talks over Unix sockets in ``folder``, not loopback TCP ports.

    With TCP, jupyter_client picks five free ports, closes them and hands them to the kernel, which binds them
    a moment later; a kernel started meanwhile by another process (a parallel build, a test worker, Lab) can
    take one first, and the kernel dies with "Address already in use" before replying to kernel_info. IPC
    sockets in a folder only this run uses cannot be taken by anything else.
    """
    from jupyter_client.manager import AsyncKernelManager

    class PrivateSocketKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(transport="ipc", ip=os.path.join(folder, "k"), **kwargs)

    return PrivateSocketKernelManager


def tidy(nb: Any) -> Any:
    """Drop what differs between two runs of the same notebook, and what would load scripts from a CDN."""
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)  # widget state would pull require.js and CDN scripts onto the page
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":  # widget views (the analysts' panels) carry random model ids
            cell.outputs = [o for o in cell.outputs if WIDGET_VIEW not in o.get("data", {})]
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]
    return nb


def run_papermill(src: str, dst: str, parameters: dict[str, Any], result_file: str, resource_log: str,
                  root: str) -> None:
    """Child-process body: papermill ``src`` into a temporary file, tidy it, then rename to ``dst``.

    Writes ``{"ok": true}`` or the failing cell's number, error name and value to ``result_file``.
    """
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    os.environ[RENDER_ENV] = "site"
    os.environ["WXSHOP_RESOURCE_LOG"] = resource_log
    os.environ["PYTHONPATH"] = root + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    part = Path(dst).with_suffix(".part.ipynb")
    result: dict[str, Any] = {"ok": True}
    from wxshop.notebook_store import clean_text

    # The notebook as git stores it: outputs an analyst saved in the working copy are not carried along.
    stored = Path(dst).with_suffix(".source.ipynb")
    stored.write_text(clean_text(Path(src).read_text(encoding="utf-8")), encoding="utf-8")
    sockets = tempfile.mkdtemp(prefix="wxshop-kernel-")
    try:
        pm.execute_notebook(str(stored), str(part), parameters=parameters, kernel_name="python3",
                            cwd=str(Path(src).parent), progress_bar=False, log_output=False,
                            request_save_on_cell_execute=False, start_timeout=KERNEL_START_TIMEOUT,
                            kernel_manager_class=kernel_manager_class(sockets))
        nbformat.write(tidy(nbformat.read(part, as_version=4)), part)
        part.replace(dst)
    except PapermillExecutionError as exc:
        cell = exc.exec_count if exc.exec_count is not None else exc.cell_index
        result = {"ok": False, "detail": f"cell {cell} raised {exc.ename}: {exc.evalue}"}
    except Exception as exc:  # the kernel died, the notebook is unreadable ...
        result = {"ok": False, "detail": f"execution failed: {type(exc).__name__}: {exc}"}
    finally:
        part.unlink(missing_ok=True)
        stored.unlink(missing_ok=True)
        shutil.rmtree(sockets, ignore_errors=True)
    Path(result_file).write_text(json.dumps(result), encoding="utf-8")


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    procs = parent.children(recursive=True) + [parent]
    for proc in procs:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(procs, timeout=5)


def _run_once(src: Path, dst: Path, parameters: dict[str, Any], timeout: float, root: Path,
              resource_log: Path) -> tuple[str, str]:
    result_file = dst.with_suffix(".result.json")
    result_file.unlink(missing_ok=True)
    resource_log.unlink(missing_ok=True)
    context = multiprocessing.get_context("spawn")
    child = context.Process(target=run_papermill, daemon=False,
                            args=(str(src), str(dst), parameters, str(result_file), str(resource_log), str(root)))
    child.start()
    child.join(timeout)
    if child.is_alive():
        _kill_tree(child.pid)
        child.join(5)
        return "timeout", f"no result within {timeout:g} s; the kernel was killed"
    if not result_file.is_file():
        return "error", f"the execution process ended (exit code {child.exitcode}) without a result"
    result = json.loads(result_file.read_text(encoding="utf-8"))
    result_file.unlink()
    return ("ok", "") if result["ok"] else ("error", result["detail"])


def execute_notebook(name: str, src: Path, dst: Path, parameters: dict[str, Any], timeout: float,
                     root: Path) -> tuple[float, list[str]]:
    """Execute with one retry after a timeout; return (seconds, resources read). Raises BuildError."""
    start = time.perf_counter()
    dst.parent.mkdir(parents=True, exist_ok=True)
    log = dst.with_suffix(".resources.txt")
    status, detail = _run_once(src, dst, parameters, timeout, root, log)
    if status == "timeout":
        print(f"  {name}: {detail}; retrying once", flush=True)
        status, detail = _run_once(src, dst, parameters, timeout, root, log)
        if status == "timeout":
            detail += " (after one retry)"
    resources = sorted(set(log.read_text(encoding="utf-8").split())) if log.is_file() else []
    log.unlink(missing_ok=True)
    if status != "ok":
        raise BuildError(f"notebook {name} ({src.relative_to(root)}): {detail}")
    return time.perf_counter() - start, resources
