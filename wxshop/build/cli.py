"""The command line: check parameters and data, execute notebooks, build, check, publish.

    python -m wxshop.build book [--params "new_platforms.budget=200000 new_platforms.case=high"]
    python -m wxshop.build translations [--check]   # the English catalogues (wxshop.build.translations)

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
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from wxshop import chapters
from wxshop.build import ROOT, BuildError, Paths, scenario_name, toc
from wxshop.build.direct import STAGED_ENV
from wxshop.params import ParameterError, parse_overrides

PARALLEL = 2
# Which editions a default build publishes: "zh,en" (both, the default) or "zh" (the Chinese only: the test
# suite's builds of copied repositories, which test the pipeline, not the translation).
EDITIONS_ENV = "WXSHOP_EDITIONS"
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
    """The Sphinx extension's code (with the search language and MyST's documents it installs), the page
    templates and the scripts and styles every page links (with the file's checksum, ``?v=…``; notes.js carries
    the glossary): a change to them rewrites every page (a page not rewritten would keep the old checksum, and a
    reader's browser the old script under it)."""
    package = root / "wxshop"
    return [package / "sphinx_ext.py", package / "edition_pages.py", package / "glossary.py",
            package / "search_zh.py", package / "myst_documents.py",
            *sorted(p for p in (package / "templates").rglob("*") if p.is_file()),
            *sorted(p for p in (package / "static").rglob("*") if p.is_file())]


def declares_lang(notebook: Path) -> bool:
    """Whether the notebook's parameters cell declares ``lang`` (then the English edition passes ``lang="en"``)."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            return bool(re.search(r"^\s*lang\s*(:[^=]*)?=", cell.source, re.M))
    return False


def edition_parameters(paths: Paths, notebooks: dict[str, Path]) -> dict[str, dict]:
    """The parameters each notebook is executed with for the edition besides the overrides: ``lang``."""
    if paths.edition == "zh":
        return {name: {} for name in notebooks}
    return {name: ({"lang": paths.edition} if declares_lang(src) else {}) for name, src in notebooks.items()}


def code_catalogues(root: Path, edition: str) -> list[Path]:
    """The catalogues of the labels code draws (``locale/<lang>/LC_MESSAGES/wxshop/``): part of every English
    execution key (a changed chart label re-executes the English chapters), of no Chinese one."""
    if edition == "zh":
        return []
    folder = root / "locale" / edition / "LC_MESSAGES" / "wxshop"
    return sorted(p for p in folder.rglob("*.po")) if folder.is_dir() else []


def page_catalogues(root: Path, edition: str) -> list[Path]:
    """The catalogues of the pages' words (``locale/<lang>/LC_MESSAGES/{book,notebooks}/*.po``): read by the
    edition's Sphinx build only (they re-execute nothing)."""
    if edition == "zh":
        return []
    folder = root / "locale" / edition / "LC_MESSAGES"
    return sorted(p for sub in ("book", "notebooks") for p in (folder / sub).rglob("*.po"))


def _key(root: Path, paths: Paths, name: str, src: Path, values: dict, resources: list[str]) -> str:
    from wxshop.build import cache

    key = cache.execution_key(root, name, src, values, resources)
    extra = code_catalogues(root, paths.edition)
    return key if not extra else key + "+" + cache.hash_files(extra, root)[:32]


def stale(paths: Paths, notebooks: dict[str, Path], values: dict[str, dict]) -> list[str]:
    """The notebooks that must (re-)execute with these parameter values, in order.

    A notebook runs when it has no staged copy or its execution key (:mod:`wxshop.build.cache`, computed
    with the data resources it read on its last run) differs from the key recorded then.
    """
    root = paths.root
    state = json.loads(paths.keys.read_text()) if paths.keys.is_file() else {}
    names = []
    for name, src in notebooks.items():
        last = state.get(name) if isinstance(state.get(name), dict) else {}
        key = _key(root, paths, name, src, values.get(name, {}), last.get("resources", []))
        if last.get("key") != key or not (paths.stage / src.relative_to(root)).is_file():
            names.append(name)
    return names


def execution_plan(paths: Paths, notebooks: dict[str, Path], overrides: dict) -> dict[str, tuple]:
    """The notebooks to execute: name -> (source, staged copy, overrides given, parameter values)."""
    extra = edition_parameters(paths, notebooks)
    values = {name: {**chapters.spec(name).validate(**overrides.get(name, {})), **extra[name]} for name in notebooks}
    return {name: (notebooks[name], paths.stage / notebooks[name].relative_to(paths.root),
                   {**overrides.get(name, {}), **extra[name]}, values[name])
            for name in stale(paths, notebooks, values)}


def execute_changed(paths: Paths | list[Paths], notebooks: dict[str, Path], overrides: dict, timeout: float) -> int:
    """Execute every notebook whose key changed, in every edition given (one pool, :data:`PARALLEL` at a
    time); return how many ran. Raises BuildError on failure."""
    from wxshop.build.execute import execute_notebook

    editions = paths if isinstance(paths, list) else [paths]
    states, todos = {}, {}
    for p in editions:
        p.stage.mkdir(parents=True, exist_ok=True)
        states[p] = json.loads(p.keys.read_text()) if p.keys.is_file() else {}
        todos[p] = execution_plan(p, notebooks, overrides)
    failures = []
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = {(p, name): pool.submit(execute_notebook, name if p.edition == "zh" else f"{name} ({p.edition})",
                                          src, dst, given, timeout, p.root)
                   for p, todo in todos.items() for name, (src, dst, given, _values) in todo.items()}
        for (p, name), future in futures.items():
            state = states[p]
            try:
                seconds, resources = future.result()
            except BuildError as exc:
                state.pop(name, None)
                failures.append(str(exc))
                continue
            src, _dst, _given, values = todos[p][name]
            state[name] = {"key": _key(p.root, p, name, src, values, resources), "resources": resources}
            label = name if p.edition == "zh" else f"{name} [{p.edition}]"
            print(f"  executed {label} in {seconds:.1f} s", flush=True)
    for p in editions:
        p.keys.write_text(json.dumps(states[p], indent=1, sort_keys=True))
    if failures:
        raise BuildError("\n".join(failures))
    return sum(len(todo) for todo in todos.values())


DRAFT_ENV = "WXSHOP_TRANSLATION_DRAFT"  # 1: an untranslated paragraph on an English page is not an error


def draft() -> bool:
    return os.environ.get(DRAFT_ENV, "") not in ("", "0")


def site_key(paths: Paths) -> str:
    """Digest of everything the edition's site is built from: the staged tree and :func:`site_inputs` (and, for
    the English edition, its page catalogues and whether drafts are allowed)."""
    from wxshop.build.cache import hash_files

    staged = [p for p in paths.stage.rglob("*") if p.is_file() and p != paths.keys]
    key = hash_files(staged, paths.stage) + hash_files(site_inputs(paths.root), paths.root)
    if paths.edition != "zh":
        key += hash_files(page_catalogues(paths.root, paths.edition), paths.root) + ("draft" if draft() else "")
    return key


def editions_of(paths: Paths, scenario: bool = False) -> list[Paths]:
    """The editions a build of ``paths`` publishes: the Chinese, and the English beside it unless this is a
    scenario build (Chinese only) or :data:`EDITIONS_ENV` says ``zh``."""
    english = "en" in os.environ.get(EDITIONS_ENV, "zh,en").replace(",", " ").split()
    return [paths] if scenario or not english else [paths, Paths(paths.root, edition="en")]


def published_key(editions: list[Paths]) -> str:
    """The key of the published site: every edition's :func:`site_key` together (staged pages as they are)."""
    return "+".join(site_key(p) for p in editions)


def sphinx_needed(paths: Paths, key: str) -> str | None:
    """Why Sphinx must run (a sentence), or None when the published site is this pipeline's, from ``key``."""
    from wxshop.build.publish import untrusted

    return untrusted(paths.site, paths.manifest, key)


def extension_key(paths: Paths) -> str:
    from wxshop.build.cache import hash_files

    key = hash_files(extension_inputs(paths.root), paths.root)
    return key if paths.edition == "zh" else key + ("draft" if draft() else "")


def extension_changed(paths: Paths) -> bool:
    """Whether the extension or templates changed since Sphinx last ran (then every page is rewritten); for
    the English edition also whether drafts were allowed then and are not now (or the reverse): Sphinx does
    not repeat the warnings of pages it does not read again."""
    stamp = paths.sphinx / "extension-key.txt"
    return not stamp.is_file() or stamp.read_text() != extension_key(paths)


_NUMBERED = re.compile(r'^(msgstr "|")(\d{1,2})\) ', re.M)


def paragraph_safe(po_text: str) -> str:
    """A catalogue as Sphinx should read it: a msgstr that starts "1) " (the report's 1）) would parse as a
    numbered list, which Sphinx drops (it keeps only a translation that parses to a paragraph) and the page
    would show the Chinese: it is written "1\\) " (an escaped parenthesis, shown as "1) ")."""
    out, in_msgstr = [], False
    for line in po_text.splitlines(keepends=True):
        if line.startswith("msgstr "):
            in_msgstr, first = True, line != 'msgstr ""\n'
            line = _NUMBERED.sub(lambda m: f"{m[1]}{m[2]}\\\\) ", line) if first else line
            started = first
        elif in_msgstr and line.startswith('"'):
            if not started:
                line = _NUMBERED.sub(lambda m: f"{m[1]}{m[2]}\\\\) ", line)
                started = True
        else:
            in_msgstr = False
        out.append(line)
    return "".join(out)


def edition_config(paths: Paths) -> Path:
    """The English edition's configuration: ``_config.yml`` with the language, English search, the catalogues
    (a copy of ``locale/``, where Sphinx writes its ``.mo`` files) and the English title."""
    import yaml

    root = paths.root
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    from wxshop.sphinx_ext import EDITION_META

    meta = EDITION_META[paths.edition]
    config["title"], config["author"] = meta["title"], meta["author"]
    sphinx = config["sphinx"]["config"]
    sphinx.update(language=paths.edition, html_search_language=paths.edition,
                  locale_dirs=[str(paths.locale.resolve())])
    sphinx.pop("html_search_options", None)
    for src in page_catalogues(root, paths.edition):
        dst = paths.locale / src.relative_to(root / "locale")
        text = paragraph_safe(src.read_text(encoding="utf-8"))
        if not (dst.is_file() and dst.read_text(encoding="utf-8") == text):
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_text(text, encoding="utf-8")  # a fresh mtime: Sphinx compiles the .mo again
    wanted = {src.relative_to(root / "locale") for src in page_catalogues(root, paths.edition)}
    for old in paths.locale.rglob("*.po") if paths.locale.is_dir() else []:
        if old.relative_to(paths.locale) not in wanted:
            old.unlink()
            old.with_suffix(".mo").unlink(missing_ok=True)
    text = "# Generated by python -m wxshop.build from _config.yml: the English edition.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False)
    paths.sphinx.mkdir(parents=True, exist_ok=True)
    if not paths.config.is_file() or paths.config.read_text(encoding="utf-8") != text:
        paths.config.write_text(text, encoding="utf-8")
    return paths.config


def run_sphinx(paths: Paths) -> None:
    """Jupyter Book on the edition's staged tree (execution off, warnings as errors), then the site's
    finishing touches (redirect, pruning). Raises BuildError."""
    root = paths.root
    config = edition_config(paths) if paths.edition != "zh" else paths.config
    cmd = [sys.executable, "-m", "wxshop.build.jupyter_book", "build", str(paths.stage),  # jupyter-book, lighter
           "--config", str(config), "--toc", str(root / "_toc.yml"),
           "--path-output", str(paths.sphinx), "-W", "--keep-going"]
    # Sphinx re-reads a page when the page or a file it noted changed, not when the extension that writes
    # its generated parts (or a template) did: then every page is written afresh.
    if extension_changed(paths):
        cmd.append("--all")
    env = dict(os.environ, PYTHONPATH=str(root), WXSHOP_DATA_DIR=str(root / "data"), WXSHOP_BOOK_ROOT=str(root),
               WXSHOP_LANG=paths.edition,  # the words the extension generates, in the edition's language
               **{STAGED_ENV: "1"})  # Sphinx on the staged tree: no hand-over (see wxshop.build.direct)
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [ln for ln in (result.stdout + result.stderr).splitlines()
                 if "WARNING" in ln or "ERROR" in ln or "Error" in ln]
        where = "" if paths.edition == "zh" else f" ({paths.edition} edition)"
        raise BuildError(f"jupyter-book build failed{where}:\n"
                         + "\n".join(lines[-20:] or result.stderr.splitlines()[-20:]))
    paths.sphinx.mkdir(parents=True, exist_ok=True)
    (paths.sphinx / "extension-key.txt").write_text(extension_key(paths))
    built = paths.built
    write_redirect(built, toc.pages(root)[0] + ".html", paths.edition)
    prune_stale(built, toc.pages(root))
    prune_search_index(built)


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


SPHINX_PAGES = ("index", "search")


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


def prune_search_index(built: Path) -> int:
    """Drop the terms an incremental Sphinx build keeps in ``searchindex.js`` for pages that no longer hold
    them (they map to no page), so an incremental build's index equals a clean build's; how many were dropped."""
    index = built / "searchindex.js"
    if not index.is_file():
        return 0
    prefix, suffix = "Search.setIndex(", ")"
    text = index.read_text(encoding="utf-8")
    data = json.loads(text[len(prefix):-len(suffix)])
    dropped = 0
    for key in ("terms", "titleterms"):
        empty = [term for term, pages in data.get(key, {}).items() if pages == [] or pages == {}]
        for term in empty:
            del data[key][term]
        dropped += len(empty)
    if dropped:
        index.write_text(prefix + json.dumps(data, sort_keys=True) + suffix, encoding="utf-8")  # Sphinx's own form
    return dropped


REDIRECT_EN = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="The entrance to the English edition of the interactive report.">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body>
<p><a href="{target}">Enter the book</a></p>
</body>
</html>
"""


def write_redirect(built: Path, target: str, edition: str = "zh") -> None:
    """Replace Jupyter Book's bare redirect stub (no doctype, no title) with a valid page that redirects."""
    if edition == "zh":
        text = REDIRECT.format(target=target)
    else:
        from wxshop.sphinx_ext import EDITION_META

        text = REDIRECT_EN.replace("{title}", EDITION_META[edition]["title"]).replace("{target}", target)
    (built / "index.html").write_text(text, encoding="utf-8")


def build_book(root: Path = ROOT, overrides_text: str = "", timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Build the book, both editions (Chinese at ``_build/html``, English at ``_build/html/en``), published
    together; with overrides, a scenario build of the Chinese edition into its own folder (the default
    editions stay)."""
    clock = time.perf_counter()
    notebooks = toc.notebooks(root)
    specs = chapters.specs(list(notebooks))
    overrides = parse_overrides(overrides_text, specs)
    paths = Paths(root, scenario_name(overrides)) if overrides else Paths(root)
    editions = editions_of(paths, bool(overrides))
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

    executed = execute_changed(editions, notebooks, overrides, timeout)
    total = len(notebooks) * len(editions)
    print(f"[3/5] notebooks: {executed} executed, {total - executed} unchanged "
          f"({len(editions)} edition{'s' if len(editions) > 1 else ''})", flush=True)

    for p in editions:
        stage_pages(p, notebooks)
    keys = {p.edition: site_key(p) for p in editions}
    key = published_key(editions)
    reason = sphinx_needed(paths, key)
    if reason is None:
        from wxshop.build.publish import sync_pdf

        sync_pdf(paths, key)
        print("[4/5] nothing changed since the published site; Sphinx not run", flush=True)
        print(f"[5/5] site unchanged ({time.perf_counter() - clock:.1f} s)", flush=True)
        return paths.site
    if paths.manifest.is_file() or paths.site.exists():
        print(f"  rebuilding: {reason}", flush=True)
    from wxshop.build.publish import built_key, note_built

    todo = [p for p in editions if built_key(p) != keys[p.edition] or extension_changed(p)]
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = [pool.submit(run_sphinx, p) for p in todo]
        errors = []
        for p, future in zip(todo, futures):
            try:
                future.result()
                note_built(p, keys[p.edition])
            except BuildError as exc:
                errors.append(str(exc))
        if errors:
            raise BuildError("\n".join(errors))
    names = ", ".join(p.edition for p in todo) or "none (both unchanged: published again)"
    print(f"[4/5] site built by Jupyter Book: {names} ({time.perf_counter() - clock:.1f} s so far)", flush=True)

    from wxshop.build.checks import check_site
    from wxshop.build.publish import publish

    problems = []
    for p in editions:
        found = check_site(p.built, root, p.edition)
        problems += found if p.edition == "zh" else [f"en/: {problem}" for problem in found]
    if problems:
        raise BuildError("site check failed:\n  " + "\n  ".join(problems))
    publish(paths, key, [p for p in editions if p.edition != "zh"])
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
    tr = sub.add_parser("translations", help="the English catalogues: extract templates, update locale/en (or --check)")
    tr.add_argument("--check", action="store_true",
                    help="write nothing: print each page's translated/empty/stale counts and every lint problem; "
                         "exit 1 on any")
    tr.add_argument("--templates", type=Path, default=None,
                    help="use these templates (<docname>.pot) instead of extracting them into _build/gettext")
    tr.add_argument("--root", type=Path, default=ROOT, help="the book's repository (default: this checkout)")
    args = parser.parse_args(argv)
    if args.command == "translations":
        from wxshop.build.translations import main as translations_main

        return translations_main(args.root.resolve(), args.check, args.templates)
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
