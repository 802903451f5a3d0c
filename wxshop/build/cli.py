"""The command line: check parameters and data, execute notebooks, build, check, publish.

    python -m wxshop.build book [--params "new_platforms.budget=200000 new_platforms.case=high"]

With ``--params`` the build is a scenario build: it goes to ``_build/scenarios/<overrides>/html`` (its stage
seeded from the default edition's, so only the overridden chapters execute) and the default edition in
``_build/html`` is left as it is.

1. Overrides are checked against each chapter's spec (no kernel, well under a second).
2. ``data/`` is validated; a bad file stops the build naming file, line and column.
3. Each chapter notebook in ``_toc.yml`` is executed by papermill into ``_build/stage`` (never over
   the source), two at a time, when its execution key changed (see :mod:`wxshop.build.cache`).
4. Jupyter Book builds the staged tree (execution off, warnings as errors).
5. The built site is checked (pages, no other hosts, captions, Chinese search).
6. Only then is ``_build/html`` replaced. A failure exits non-zero and leaves it untouched.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wxshop import chapters
from wxshop.build import ROOT, BuildError, Paths, scenario_name, toc
from wxshop.params import ParameterError, parse_overrides

PARALLEL = 2
DEFAULT_TIMEOUT = float(os.environ.get("WXSHOP_NOTEBOOK_TIMEOUT", "300"))


def _sync_file(src: Path, dst: Path) -> None:
    """Copy only when the bytes differ, so Sphinx sees unchanged files as unchanged."""
    if dst.is_file() and dst.read_bytes() == src.read_bytes():
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)


def stage_pages(paths: Paths, notebooks: dict[str, Path]) -> None:
    notebook_files = {p.resolve() for p in notebooks.values()}
    for entry in toc.pages(paths.root):
        for suffix in (".md", ".ipynb"):
            src = paths.root / (entry + suffix)
            if src.is_file() and src.resolve() not in notebook_files:
                _sync_file(src, paths.stage / (entry + suffix))


def site_inputs(root: Path) -> list[Path]:
    """Everything the Sphinx stage reads besides the staged pages: config, the package, data/, pins."""
    package = [p for p in (root / "wxshop").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    data = [p for p in (root / "data").rglob("*") if p.is_file()]
    return [root / "_config.yml", root / "_toc.yml", root / "requirements.txt", *package, *data]


def extension_inputs(root: Path) -> list[Path]:
    """The Sphinx extension's code and the page templates: a change to them rewrites every page."""
    package = root / "wxshop"
    return [package / "sphinx_ext.py", package / "edition_pages.py",
            *sorted(p for p in (package / "templates").rglob("*") if p.is_file())]


def execute_changed(paths: Paths, notebooks: dict[str, Path], overrides: dict, timeout: float) -> int:
    """Execute every notebook whose key changed; return how many ran. Raises BuildError on failure."""
    from wxshop.build import cache
    from wxshop.build.execute import execute_notebook

    root = paths.root
    paths.stage.mkdir(parents=True, exist_ok=True)
    state = json.loads(paths.keys.read_text()) if paths.keys.is_file() else {}
    todo = {}
    for name, src in notebooks.items():
        values = chapters.spec(name).validate(**overrides.get(name, {}))
        dst = paths.stage / src.relative_to(root)
        last = state.get(name) if isinstance(state.get(name), dict) else {}
        key = cache.execution_key(root, name, src, values, last.get("resources", []))
        if last.get("key") == key and dst.is_file():
            continue
        todo[name] = (src, dst, overrides.get(name, {}), values)
    failures = []
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {name: pool.submit(execute_notebook, name, src, dst, given, timeout, root)
                   for name, (src, dst, given, _values) in todo.items()}
        for name, future in futures.items():
            try:
                seconds, resources = future.result()
            except BuildError as exc:
                state.pop(name, None)
                failures.append(str(exc))
                continue
            src, _dst, _given, values = todo[name]
            state[name] = {"key": cache.execution_key(root, name, src, values, resources), "resources": resources}
            print(f"  executed {name} in {seconds:.1f} s", flush=True)
    paths.keys.write_text(json.dumps(state, indent=1, sort_keys=True))
    if failures:
        raise BuildError("\n".join(failures))
    return len(todo)


REDIRECT = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>零售渠道变革系列二：从微信小店看电商变革路径与分析（交互版）</title>
<meta name="description" content="《零售渠道变革系列二：从微信小店看电商变革路径与分析》交互版的入口。">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body>
<p><a href="{target}">进入本书</a></p>
</body>
</html>
"""


SPHINX_PAGES = ("index", "search", "genindex")


def prune_stale(built: Path, pages: list[str]) -> list[str]:
    """Remove pages (and their sources) left in Sphinx's output by entries no longer in ``_toc.yml``."""
    keep = set(pages) | set(SPHINX_PAGES)
    removed = []
    for page in built.rglob("*.html"):
        rel = page.relative_to(built)
        if rel.parts[0] == "_static" or rel.with_suffix("").as_posix() in keep:
            continue
        page.unlink()
        removed.append(rel.as_posix())
    sources = built / "_sources"
    for source in sources.rglob("*") if sources.is_dir() else []:
        if source.is_file() and source.relative_to(sources).as_posix().split(".")[0] not in keep:
            source.unlink()
    return removed


def write_redirect(built: Path, target: str) -> None:
    """Replace Jupyter Book's bare redirect stub (no doctype, no title) with a valid page that redirects."""
    (built / "index.html").write_text(REDIRECT.format(target=target), encoding="utf-8")


def build_book(root: Path = ROOT, overrides_text: str = "", timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Build the book; with overrides, a scenario build into its own folder (the default edition stays)."""
    clock = time.perf_counter()
    notebooks = toc.notebooks(root)
    specs = chapters.specs(list(notebooks))
    overrides = parse_overrides(overrides_text, specs)
    paths = Paths(root, scenario_name(overrides)) if overrides else Paths(root)
    where = f"; scenario build into {paths.build.relative_to(root)}" if overrides else ""
    print(f"[1/5] parameters checked ({time.perf_counter() - clock:.2f} s{where})", flush=True)
    default = Paths(root)
    if overrides and not paths.stage.exists() and default.stage.is_dir():
        # Start from the default edition's executed chapters: only the overridden ones run again.
        shutil.copytree(default.stage, paths.stage)

    from wxshop import data  # frictionless: only after the fast checks

    os.environ.setdefault("WXSHOP_DATA_DIR", str(root / "data"))
    counts = data.validate_package(root / "data")
    print(f"[2/5] data/ valid: {len(counts)} resources, {sum(counts.values())} rows", flush=True)

    executed = execute_changed(paths, notebooks, overrides, timeout)
    print(f"[3/5] notebooks: {executed} executed, {len(notebooks) - executed} unchanged", flush=True)

    from wxshop.build.cache import hash_files

    stage_pages(paths, notebooks)
    staged = [p for p in paths.stage.rglob("*") if p.is_file() and p != paths.keys]
    site_key = hash_files(staged, paths.stage) + hash_files(site_inputs(root), root)
    if paths.site_key.is_file() and paths.site_key.read_text() == site_key and (paths.site / "index.html").is_file():
        print("[4/5] nothing changed since the published site; Sphinx not run", flush=True)
        print(f"[5/5] site unchanged ({time.perf_counter() - clock:.1f} s)", flush=True)
        return paths.site
    cmd = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(paths.stage),
           "--config", str(root / "_config.yml"), "--toc", str(root / "_toc.yml"),
           "--path-output", str(paths.sphinx), "-W", "--keep-going"]
    # Sphinx re-reads a page when the page or a file it noted changed, not when the extension that writes
    # its generated parts (or a template) did: then every page is written afresh.
    extension_key = hash_files(extension_inputs(root), root)
    extension_stamp = paths.sphinx / "extension-key.txt"
    if not extension_stamp.is_file() or extension_stamp.read_text() != extension_key:
        cmd.append("--all")
    env = dict(os.environ, PYTHONPATH=str(root), WXSHOP_DATA_DIR=str(root / "data"), WXSHOP_BOOK_ROOT=str(root))
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [ln for ln in (result.stdout + result.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        raise BuildError("jupyter-book build failed:\n" + "\n".join(lines[-20:] or result.stderr.splitlines()[-20:]))
    paths.sphinx.mkdir(parents=True, exist_ok=True)
    extension_stamp.write_text(extension_key)
    built = paths.sphinx / "_build" / "html"
    write_redirect(built, toc.pages(root)[0] + ".html")
    prune_stale(built, toc.pages(root))
    print(f"[4/5] site built by Jupyter Book ({time.perf_counter() - clock:.1f} s so far)", flush=True)

    from wxshop.build.checks import check_site
    from wxshop.build.publish import publish

    problems = check_site(built, root)
    if problems:
        raise BuildError("site check failed:\n  " + "\n  ".join(problems))
    paths.site_key.unlink(missing_ok=True)
    publish(built, paths.site)
    paths.site_key.write_text(site_key)
    from wxshop.build.pdf import restore_into

    restore_into(paths.site, root, site_key)
    print(f"[5/5] site checked and published in {time.perf_counter() - clock:.1f} s", flush=True)
    return paths.site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wxshop.build", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    book = sub.add_parser("book", help="execute the notebooks, build, check and publish the site")
    book.add_argument("--params", default="", help='overrides: "notebook.param=value notebook.param=value"')
    book.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per notebook (default %(default)s)")
    book.add_argument("--root", type=Path, default=ROOT, help="the book's repository (default: this checkout)")
    pdf = sub.add_parser("pdf", help="print the published site to the PDF edition (headless Chromium)")
    pdf.add_argument("--root", type=Path, default=ROOT, help="the book's repository (default: this checkout)")
    args = parser.parse_args(argv)
    if args.command == "pdf":
        from wxshop.build.pdf import main as pdf_main

        return pdf_main(args.root.resolve())
    try:
        site = build_book(args.root.resolve(), args.params, args.timeout)
    except ParameterError as exc:
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
    if site != Paths(args.root.resolve()).site:
        print(f"(a scenario build: the default edition in {Paths(args.root.resolve()).site} is untouched)")
    return 0
