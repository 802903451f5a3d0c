"""The book's command line: check parameters and data, execute notebooks, build, check, publish.

    python -m wxshop.build book [--params "new_platforms.budget=200000 new_platforms.case=high"]

1. Overrides are checked against each chapter's parameter spec (no kernel, well under a second).
2. ``data/`` is validated; a bad file stops the build naming file, line and column.
3. Each chapter notebook in ``_toc.yml`` is executed by papermill into ``_build/stage`` (never
   over the source), two at a time, each under a wall-clock limit enforced from outside the
   kernel (killed, retried once, then reported). A notebook is re-executed only when its source,
   its parameters, the package's code, ``data/`` or ``requirements.txt`` changed.
4. Jupyter Book builds the staged tree (execution off, warnings as errors).
5. The built site is checked (pages, no other hosts, captions, Chinese search).
6. Only then is ``_build/html`` replaced. A failure exits non-zero and leaves it untouched.

Only light modules are imported at the top so that step 1 fails fast.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wxshop import params as chapter_params

ROOT = Path(__file__).resolve().parent.parent
PARALLEL = 2
DEFAULT_TIMEOUT = float(os.environ.get("WXSHOP_NOTEBOOK_TIMEOUT", "300"))
SEARCH_TERMS = ("微信小店", "KOC", "人货场", "公域", "私域")


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
    def site_key(self) -> Path:
        """Digest of everything the published site was built from."""
        return self.build / "site-key.txt"

    @property
    def keys(self) -> Path:
        return self.stage / ".execution-keys.json"


# --------------------------------------------------------------------------- table of contents

def toc_files(root: Path) -> list[str]:
    """Every ``file`` entry of ``_toc.yml`` (root first), as written there (no suffix)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))
            for part in entry.get("parts", []):
                walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return files


def toc_notebooks(root: Path) -> dict[str, Path]:
    """Chapter notebooks in ``_toc.yml``, by name (the file stem)."""
    found = {}
    for entry in toc_files(root):
        path = root / (entry if entry.endswith(".ipynb") else entry + ".ipynb")
        if path.is_file():
            found[path.stem] = path
    return found


# --------------------------------------------------------------------------- cache keys

def _hash_files(digest: "hashlib._Hash", paths: list[Path], root: Path) -> None:
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())


def shared_inputs(root: Path) -> list[Path]:
    """Files whose change re-executes every notebook: the package, data/ and requirements.txt."""
    package = [p for p in (root / "wxshop").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    data = [p for p in (root / "data").rglob("*") if p.is_file() and "_fragments" not in p.parts]
    return package + data + [root / "requirements.txt"]


def execution_key(notebook: Path, parameters: dict[str, Any], shared: str) -> str:
    digest = hashlib.sha256()
    digest.update(notebook.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    digest.update(shared.encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- execution

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


def _run_once(src: Path, dst: Path, parameters: dict[str, Any], timeout: float, root: Path) -> tuple[str, str]:
    """Execute one notebook in a child process; return (status, detail)."""
    error_file = dst.with_suffix(".error.json")
    error_file.unlink(missing_ok=True)
    env = dict(os.environ, WXSHOP_RENDER="site", PYTHONPATH=str(root))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    cmd = [sys.executable, "-m", "wxshop.build", "_execute", str(src), str(dst), json.dumps(parameters),
           str(error_file)]
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc.pid)
        proc.communicate()
        return "timeout", f"no result within {timeout:g} s; the kernel was killed"
    if proc.returncode == 0:
        return "ok", ""
    if error_file.is_file():
        info = json.loads(error_file.read_text(encoding="utf-8"))
        error_file.unlink()
        return "error", f"cell {info['cell']} raised {info['ename']}: {info['evalue']}"
    tail = output.decode(errors="replace").strip().splitlines()[-15:]
    return "error", "execution failed:\n" + "\n".join(tail)


def execute_notebook(name: str, src: Path, dst: Path, parameters: dict[str, Any], timeout: float,
                     root: Path) -> float:
    """Execute with one retry after a timeout; return seconds taken. Raises BuildError."""
    start = time.perf_counter()
    dst.parent.mkdir(parents=True, exist_ok=True)
    status, detail = _run_once(src, dst, parameters, timeout, root)
    if status == "timeout":
        print(f"  {name}: {detail}; retrying once", flush=True)
        status, detail = _run_once(src, dst, parameters, timeout, root)
        if status == "timeout":
            detail += " (after one retry)"
    if status != "ok":
        raise BuildError(f"notebook {name} ({src.relative_to(root)}): {detail}")
    return time.perf_counter() - start


def _execute_child(src: str, dst: str, parameters_json: str, error_file: str) -> int:
    """Child-process side of :func:`_run_once`: papermill into a temporary file, then tidy and rename."""
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    part = Path(dst).with_suffix(".part.ipynb")
    try:
        pm.execute_notebook(src, str(part), parameters=json.loads(parameters_json), kernel_name="python3",
                            cwd=str(Path(src).parent), progress_bar=False, log_output=False,
                            request_save_on_cell_execute=False)
    except PapermillExecutionError as exc:
        Path(error_file).write_text(json.dumps({"cell": exc.exec_count if exc.exec_count is not None else exc.cell_index,
                                                "ename": exc.ename, "evalue": exc.evalue}), encoding="utf-8")
        part.unlink(missing_ok=True)
        return 3
    nb = nbformat.read(part, as_version=4)
    nb.metadata.pop("widgets", None)  # widget state would pull require.js and CDN scripts onto the page
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = tags + ["remove-cell"]
    nbformat.write(nb, part)
    part.replace(dst)
    return 0


# --------------------------------------------------------------------------- staging

def _sync_file(src: Path, dst: Path) -> None:
    """Copy only when the bytes differ, so Sphinx sees unchanged files as unchanged."""
    if dst.is_file() and dst.read_bytes() == src.read_bytes():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def stage_pages(paths: Paths, notebooks: dict[str, Path]) -> None:
    notebook_files = {p.resolve() for p in notebooks.values()}
    for entry in toc_files(paths.root):
        for suffix in (".md", ".ipynb"):
            src = paths.root / (entry + suffix)
            if src.is_file() and src.resolve() not in notebook_files:
                _sync_file(src, paths.stage / (entry + suffix))


# --------------------------------------------------------------------------- site checks

_LOAD_ATTRS = re.compile(
    r"<(script|img|iframe|source|audio|video|embed)\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)", re.I)


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def check_site(site: Path, root: Path) -> list[str]:
    """Problems with a built site (empty list: fine)."""
    problems = []
    for entry in toc_files(root):
        if not (site / (entry + ".html")).is_file():
            problems.append(f"no page for _toc.yml entry {entry!r}")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        rel = page.relative_to(site)
        for match in _LOAD_ATTRS.finditer(text):
            url = match.group(2) or match.group(3)
            if url and _is_remote(url):
                problems.append(f"{rel}: loads {url} from another host")
        charts = text.count('class="wxshop-chart"')
        if charts:
            if text.count('class="wxshop-caption"') < charts:
                problems.append(f"{rel}: {charts} chart(s) but fewer captions with sources")
            if "require.js" in text or "require.min.js" in text:
                problems.append(f"{rel}: require.js on a chart page")
            if "vega-bundle.js" not in text:
                problems.append(f"{rel}: chart page without the local Vega bundle")
        elif "vega-bundle.js" in text:
            problems.append(f"{rel}: Vega bundle on a page without charts")
    for css in site.rglob("*.css"):
        for match in _CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if url and _is_remote(url):
                problems.append(f"{css.relative_to(site)}: loads {url} from another host")
    terms = search_terms(site)
    for term in SEARCH_TERMS:
        if term.lower() not in terms:
            problems.append(f"searchindex.js has no entry for {term!r}")
    return problems


def search_terms(site: Path) -> set[str]:
    """The terms of the site's search index (lower case), as the browser's search sees them."""
    index = site / "searchindex.js"
    if not index.is_file():
        return set()
    text = index.read_text(encoding="utf-8")
    payload = json.loads(text[text.index("(") + 1: text.rindex(")")])
    return {term.lower() for term in payload["terms"]} | {term.lower() for term in payload.get("titleterms", {})}


def publish(built: Path, site: Path) -> None:
    """Replace ``site`` with a copy of ``built``; the old site stays until the copy is complete."""
    fresh = site.with_name(site.name + ".new")
    old = site.with_name(site.name + ".old")
    for leftover in (fresh, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    shutil.copytree(built, fresh)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    if old.exists():
        shutil.rmtree(old)


# --------------------------------------------------------------------------- the whole build

def build_book(root: Path = ROOT, overrides_text: str = "", timeout: float = DEFAULT_TIMEOUT) -> Path:
    paths = Paths(root)
    clock = time.perf_counter()
    notebooks = toc_notebooks(root)
    overrides = chapter_params.parse_overrides(overrides_text, sorted(notebooks))
    print(f"[1/5] parameters checked ({time.perf_counter() - clock:.2f} s)", flush=True)

    from wxshop import data  # pandas: only after the fast checks

    counts = data.validate_package(root / "data")
    print(f"[2/5] data/ valid: {len(counts)} resources, {sum(counts.values())} rows", flush=True)

    paths.stage.mkdir(parents=True, exist_ok=True)
    keys = json.loads(paths.keys.read_text()) if paths.keys.is_file() else {}
    shared = hashlib.sha256()
    _hash_files(shared, shared_inputs(root), root)
    todo = {}
    for name, src in notebooks.items():
        values = chapter_params.validate(name, **overrides.get(name, {})) if name in chapter_params.CHAPTERS \
            else overrides.get(name, {})
        key = execution_key(src, values, shared.hexdigest())
        dst = paths.stage / src.relative_to(root)
        if keys.get(name) == key and dst.is_file():
            continue
        todo[name] = (src, dst, overrides.get(name, {}), key)
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {name: pool.submit(execute_notebook, name, src, dst, values, timeout, root)
                   for name, (src, dst, values, _key) in todo.items()}
        failures = []
        for name, future in futures.items():
            try:
                seconds = future.result()
                keys[name] = todo[name][3]
                print(f"  executed {name} in {seconds:.1f} s", flush=True)
            except BuildError as exc:
                keys.pop(name, None)
                failures.append(str(exc))
    paths.keys.write_text(json.dumps(keys, indent=1))
    if failures:
        raise BuildError("\n".join(failures))
    print(f"[3/5] notebooks: {len(todo)} executed, {len(notebooks) - len(todo)} unchanged", flush=True)

    stage_pages(paths, notebooks)
    site_key = hashlib.sha256()
    staged = [p for p in paths.stage.rglob("*") if p.is_file() and p != paths.keys]
    _hash_files(site_key, staged, paths.stage)
    _hash_files(site_key, [root / "_config.yml", root / "_toc.yml"] + shared_inputs(root), root)
    if paths.site_key.is_file() and paths.site_key.read_text() == site_key.hexdigest() \
            and (paths.site / "index.html").is_file():
        print("[4/5] nothing changed since the published site; Sphinx not run", flush=True)
        print(f"[5/5] site unchanged ({time.perf_counter() - clock:.1f} s)", flush=True)
        return paths.site
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(paths.stage),
           "--config", str(root / "_config.yml"), "--toc", str(root / "_toc.yml"),
           "--path-output", str(paths.sphinx), "-W", "--keep-going"]
    env = dict(os.environ, PYTHONPATH=str(root))
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [ln for ln in (result.stdout + result.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        raise BuildError("jupyter-book build failed:\n" + "\n".join(lines[-20:] or result.stderr.splitlines()[-20:]))
    built = paths.sphinx / "_build" / "html"
    print(f"[4/5] site built by Jupyter Book ({time.perf_counter() - clock:.1f} s so far)", flush=True)

    problems = check_site(built, root)
    if problems:
        raise BuildError("site check failed:\n  " + "\n  ".join(problems))
    paths.site_key.unlink(missing_ok=True)
    publish(built, paths.site)
    paths.site_key.write_text(site_key.hexdigest())
    print(f"[5/5] site checked and published in {time.perf_counter() - clock:.1f} s", flush=True)
    return paths.site


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_execute":
        return _execute_child(*argv[1:5])
    parser = argparse.ArgumentParser(prog="python -m wxshop.build", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    book = sub.add_parser("book", help="execute the notebooks, build, check and publish the site")
    book.add_argument("--params", default="", help='overrides: "notebook.param=value notebook.param=value"')
    book.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per notebook (default %(default)s)")
    book.add_argument("--root", type=Path, default=ROOT, help="the book's repository (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        site = build_book(args.root.resolve(), args.params, args.timeout)
    except chapter_params.ParameterError as exc:
        print(f"error: bad parameter: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"error: build failed: {exc}\nThe previous site (if any) is unchanged.", file=sys.stderr)
        return 1
    except Exception as exc:  # a DataError and the like: say what, keep the old site
        print(f"error: build failed: {type(exc).__name__}: {exc}\nThe previous site (if any) is unchanged.",
              file=sys.stderr)
        return 1
    print(f"Site: {site / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
