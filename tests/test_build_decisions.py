"""The build's decisions as unit tests on a small fixture book (no kernel, no Sphinx): which chapters
re-execute after a change, when Sphinx runs, when every page is rewritten, when ``_build/html`` is
trusted, how the PDF link follows the file, and what ``jupyter-book build`` on the sources does.

The same decisions on the real book (its chapters, its data, the resources each read on its last run)
are checked in ``tests/test_pipeline.py`` without rebuilding per change; a few end-to-end rebuilds
there run the whole pipeline."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from wxshop.build import Paths, cache, cli, direct, publish

DESCRIPTOR = {"name": "fixture", "resources": [
    {"name": "alpha_rows", "path": "alpha_rows.csv"},
    {"name": "beta_rows", "path": "beta_rows.csv"},
]}


def notebook(path: Path, code: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# title"), nbformat.v4.new_code_cell(code)])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture()
def book(tmp_path: Path) -> Paths:
    """Two chapters: alpha imports the shared ``units`` (and, through it, ``checks``) with a relative import
    in its home; beta imports only its own home. Each has executed once (keys recorded, stage written)."""
    root = tmp_path / "book"
    write(root, {
        "_toc.yml": "format: jb-book\nroot: book/index\nchapters:\n  - file: notebooks/alpha\n  - file: notebooks/beta\n",
        "_config.yml": "title: fixture\n",
        "requirements.txt": "pandas==3.1.1\n",
        "book/index.md": "# index\n",
        "wxshop/__init__.py": "",
        "wxshop/units.py": "from wxshop import checks\n",
        "wxshop/checks.py": "X = 1\n",
        "wxshop/unused.py": "Y = 2\n",
        "wxshop/sphinx_ext.py": "# the extension\n",
        "wxshop/edition_pages.py": "# generated pages\n",
        "wxshop/templates/page.html": "<html></html>\n",
        "wxshop/static/book.css": "body {}\n",
        "wxshop/chapters/__init__.py": "",
        "wxshop/chapters/alpha/__init__.py": "",
        "wxshop/chapters/alpha/wiring.py": "from . import charts\n",
        "wxshop/chapters/alpha/charts.py": "from ... import units\n",
        "wxshop/chapters/alpha/notes.md": "a note\n",
        "wxshop/chapters/beta/__init__.py": "",
        "wxshop/chapters/beta/wiring.py": "Z = 3\n",
        "data/datapackage.json": json.dumps(DESCRIPTOR),
        "data/alpha_rows.csv": "id,value\na,1\n",
        "data/beta_rows.csv": "id,value\nb,2\n",
        **{f"data/{name}": "x\n" for name in cache.DATA_ALWAYS if name != "datapackage.json"},
    })
    notebook(root / "notebooks" / "alpha.ipynb", "from wxshop.chapters.alpha import wiring")
    notebook(root / "notebooks" / "beta.ipynb", "import wxshop.chapters.beta.wiring")
    paths = Paths(root)
    record_execution(paths, {"alpha": ["alpha_rows"], "beta": ["beta_rows"]})
    return paths


NOTEBOOKS = ("alpha", "beta")


def notebooks(paths: Paths) -> dict[str, Path]:
    return {name: paths.root / "notebooks" / f"{name}.ipynb" for name in NOTEBOOKS}


def record_execution(paths: Paths, resources: dict[str, list[str]], values: dict | None = None) -> None:
    """What the pipeline records after executing every chapter: staged copies and keys."""
    state = {}
    for name, src in notebooks(paths).items():
        staged = paths.stage / "notebooks" / src.name
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, staged)
        state[name] = {"key": cache.execution_key(paths.root, name, src, (values or {}).get(name, {}), resources[name]),
                       "resources": resources[name]}
    paths.keys.write_text(json.dumps(state))


def stale(paths: Paths, values: dict | None = None) -> set[str]:
    return set(cli.stale(paths, notebooks(paths), values or {}))


def append(path: Path, text: str = "\n# edited\n") -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_nothing_changed_executes_nothing(book):
    assert stale(book) == set()


@pytest.mark.parametrize("changed, runs", [
    ("notebooks/alpha.ipynb", {"alpha"}),
    ("wxshop/chapters/alpha/wiring.py", {"alpha"}),
    ("wxshop/chapters/alpha/notes.md", {"alpha"}),          # any file of its home
    ("wxshop/chapters/alpha/charts.py", {"alpha"}),
    ("wxshop/units.py", {"alpha"}),                          # imported by its home (relative import)
    ("wxshop/checks.py", {"alpha"}),                         # imported by units: transitively
    ("wxshop/__init__.py", {"alpha", "beta"}),               # importing wxshop.x runs wxshop/__init__
    ("wxshop/chapters/beta/wiring.py", {"beta"}),
    ("data/alpha_rows.csv", {"alpha"}),                      # the data it read on its last run
    ("data/beta_rows.csv", {"beta"}),
    ("data/datapackage.json", {"alpha", "beta"}),            # read by every load
    ("data/report_text.txt", {"alpha", "beta"}),
    ("requirements.txt", {"alpha", "beta"}),
    ("wxshop/unused.py", set()),                             # imported by no chapter
    ("wxshop/static/book.css", set()),
    ("wxshop/sphinx_ext.py", set()),
    ("wxshop/templates/page.html", set()),
    ("_config.yml", set()),
    ("book/index.md", set()),
])
def test_a_chapter_re_executes_exactly_when_one_of_its_inputs_changed(book, changed, runs):
    path = book.root / changed
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("x = 1"))
        nbformat.write(nb, path)
    elif path.suffix == ".json":
        path.write_text(path.read_text(encoding="utf-8").replace('"fixture"', '"fixture2"'), encoding="utf-8")
    else:
        append(path)
    assert stale(book) == runs


def test_a_new_data_resource_read_on_the_last_run_becomes_an_input(book):
    record_execution(book, {"alpha": ["alpha_rows", "beta_rows"], "beta": ["beta_rows"]})
    append(book.root / "data" / "beta_rows.csv", "c,3\n")
    assert stale(book) == {"alpha", "beta"}


def test_changed_parameters_re_execute_that_chapter_only(book):
    assert stale(book, {"alpha": {"budget": 200000}}) == {"alpha"}
    record_execution(book, {"alpha": ["alpha_rows"], "beta": ["beta_rows"]}, {"alpha": {"budget": 200000}})
    assert stale(book, {"alpha": {"budget": 200000}}) == set()
    assert stale(book) == {"alpha"}  # back to the defaults: it runs again


def test_a_missing_staged_copy_or_record_re_executes(book):
    (book.stage / "notebooks" / "beta.ipynb").unlink()
    assert stale(book) == {"beta"}
    book.keys.unlink()
    assert stale(book) == {"alpha", "beta"}


def test_keys_do_not_depend_on_where_the_book_is(book, tmp_path):
    moved = Paths(tmp_path / "elsewhere")
    shutil.copytree(book.root, moved.root)
    assert stale(moved) == set()


def test_the_inputs_of_a_chapter_are_its_home_the_modules_reached_and_its_data(book):
    inputs = {p.relative_to(book.root).as_posix()
              for p in cache.chapter_inputs(book.root, "alpha", book.root / "notebooks" / "alpha.ipynb", ["alpha_rows"])}
    assert {"wxshop/chapters/alpha/charts.py", "wxshop/chapters/alpha/notes.md", "wxshop/units.py",
            "wxshop/checks.py", "wxshop/__init__.py", "data/alpha_rows.csv", "requirements.txt"} <= inputs
    assert not {"wxshop/unused.py", "wxshop/chapters/beta/wiring.py", "data/beta_rows.csv",
                "wxshop/sphinx_ext.py"} & inputs


# --------------------------------------------------------------------------- Sphinx and publishing

def publish_fixture_site(paths: Paths) -> str:
    """Sphinx output and a published site with its manifest, as the pipeline leaves them."""
    for name, text in {"index.html": "<html>redirect</html>", "book/index.html": "<p>index</p>",
                       "book/data_methods.html": '<p>PDF 版：<a href="../downloads/wxshop-edition.pdf" download>书.pdf</a>。</p>',
                       ".buildinfo": "sphinx"}.items():
        target = paths.built / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    key = cli.site_key(paths)
    publish.publish(paths, key)
    return key


def test_sphinx_runs_when_a_staged_page_or_a_site_input_changed_and_not_otherwise(book):
    key = publish_fixture_site(book)
    assert cli.sphinx_needed(book, cli.site_key(book)) is None
    append(book.root / "wxshop" / "static" / "book.css", "/* edited */")
    assert cli.site_key(book) != key and cli.sphinx_needed(book, cli.site_key(book)) == "the book's inputs changed"
    book.root.joinpath("wxshop/static/book.css").write_text("body {}\n", encoding="utf-8")
    assert cli.site_key(book) == key
    append(book.stage / "notebooks" / "alpha.ipynb", " ")
    assert cli.site_key(book) != key


@pytest.mark.parametrize("tamper, reason", [
    (lambda site: (site / "book" / "index.html").write_text("<p>half a site</p>", encoding="utf-8"), "differs"),
    (lambda site: (site / "extra.html").write_text("x", encoding="utf-8"), "differs"),
    (lambda site: (site / "book" / "index.html").unlink(), "differs"),
    (lambda site: shutil.rmtree(site), "no published site"),
])
def test_a_site_the_pipeline_did_not_publish_is_never_trusted(book, tamper, reason):
    key = publish_fixture_site(book)
    tamper(book.site)
    assert reason in cli.sphinx_needed(book, key)


def test_a_site_without_the_manifest_is_not_trusted(book):
    key = publish_fixture_site(book)
    book.manifest.unlink()
    assert "not published by this pipeline" in cli.sphinx_needed(book, key)


def test_the_extension_or_a_template_changing_rewrites_every_page(book):
    stamp = book.sphinx / "extension-key.txt"
    assert cli.extension_changed(book)  # never built
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(cache.hash_files(cli.extension_inputs(book.root), book.root))
    assert not cli.extension_changed(book)
    append(book.root / "wxshop" / "templates" / "page.html", "<!-- edited -->")
    assert cli.extension_changed(book)


@pytest.mark.parametrize("asset", ["static/table.js", "static/book.css", "glossary.py", "search_zh.py",
                                   "myst_documents.py"])
def test_a_changed_script_style_or_glossary_rewrites_every_page(book, asset):
    """Every page links the book's scripts and styles with their checksum (``?v=…``): a page Sphinx did not
    rewrite would keep the old checksum, and a reader's browser its cached copy of the old script. The search
    language writes every page's words into the index, and MyST's documents are every page's parse."""
    stamp = book.sphinx / "extension-key.txt"
    stamp.parent.mkdir(parents=True, exist_ok=True)
    path = book.root / "wxshop" / asset
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("/* the asset as built */\n", encoding="utf-8")
    stamp.write_text(cli.extension_key(book))
    assert not cli.extension_changed(book)
    append(path, "/* edited */")
    assert cli.extension_changed(book)


def test_the_published_site_leaves_out_sphinx_records_and_has_no_pdf_link_without_the_pdf(book):
    publish_fixture_site(book)
    assert not (book.site / ".buildinfo").exists()
    page = (book.site / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert "<a " not in page and "wxshop-edition.pdf" in page and publish.MISSING_NOTE in page
    assert not (book.site / publish.PDF_PATH).exists()


def test_a_pdf_printed_from_the_same_site_is_published_with_its_link_and_dropped_when_stale(book):
    key = publish_fixture_site(book)
    book.pdf.mkdir(parents=True)
    (book.pdf / publish.PDF_NAME).write_bytes(b"%PDF-1.7 fixture")
    (book.pdf / "site-key.txt").write_text(key, encoding="utf-8")
    assert publish.sync_pdf(book, key)
    page = (book.site / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert '<a href="../downloads/wxshop-edition.pdf" download>书.pdf</a>' in page
    assert (book.site / publish.PDF_PATH).read_bytes() == b"%PDF-1.7 fixture"
    assert cli.sphinx_needed(book, key) is None  # the manifest records the site with its PDF
    assert not publish.sync_pdf(book, key)  # nothing to do twice
    (book.pdf / "site-key.txt").write_text("another site", encoding="utf-8")
    assert publish.sync_pdf(book, key)
    assert not (book.site / publish.PDF_PATH).exists()
    assert "<a " not in (book.site / "book" / "data_methods.html").read_text(encoding="utf-8")


def test_the_pdf_link_round_trips():
    page = '<p>x <a href="../downloads/wxshop-edition.pdf" download>零售渠道变革系列二_交互版.pdf</a>。</p>'
    assert publish.with_pdf_link(publish.without_pdf_link(page)) == page
    assert publish.without_pdf_link(publish.without_pdf_link(page)) == publish.without_pdf_link(page)


# --------------------------------------------------------------------------- jupyter-book build on the sources

class FakeApp(SimpleNamespace):
    """What the hand-over reads from Sphinx's application object."""


def fake_app(root: Path, builder: str, outdir: Path | None = None, srcdir: Path | None = None) -> FakeApp:
    return FakeApp(srcdir=str(srcdir or root), outdir=str(outdir or root / "_build" / "html"),
                   builder=SimpleNamespace(name=builder))


@pytest.fixture()
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    write(root, {"_toc.yml": "root: book/index\n", "data/datapackage.json": "{}", "notebooks/a.ipynb": "{}"})
    return root


def test_the_html_builder_on_the_sources_runs_the_pipeline_and_exits_with_its_status(checkout, monkeypatch):
    calls = []
    monkeypatch.delenv(direct.STAGED_ENV, raising=False)
    monkeypatch.setattr(direct.subprocess, "call", lambda cmd, **kw: calls.append((cmd, kw)) or 0)
    with pytest.raises(SystemExit) as stopped:
        direct.take_over(fake_app(checkout, "html"))
    assert stopped.value.code == 0
    assert calls[0][0] == [sys.executable, "-m", "wxshop.build", "book", "--root", str(checkout)]
    assert direct.STAGED_ENV not in calls[0][1]["env"]
    monkeypatch.setattr(direct.subprocess, "call", lambda cmd, **kw: 1)
    with pytest.raises(SystemExit) as failed:
        direct.take_over(fake_app(checkout, "html"))
    assert failed.value.code == 1


def test_a_single_page_build_or_another_output_folder_gets_the_whole_site_copied(checkout, monkeypatch, tmp_path):
    site = checkout / "_build" / "html"
    write(site, {"index.html": "site", "notebooks/a.html": "page"})
    monkeypatch.setattr(direct.subprocess, "call", lambda cmd, **kw: 0)
    elsewhere = tmp_path / "out" / "_build" / "_page" / "a" / "html"
    with pytest.raises(SystemExit):
        direct.take_over(fake_app(checkout, "html", outdir=elsewhere, srcdir=checkout / "notebooks"))
    assert (elsewhere / "notebooks" / "a.html").read_text() == "page"


@pytest.mark.parametrize("builder", ["latex", "dirhtml", "singlehtml", "epub"])
def test_other_builders_stop_with_a_message_naming_make_book(checkout, builder, capsys, monkeypatch):
    monkeypatch.setattr(direct.subprocess, "call", lambda *a, **k: pytest.fail("must not build"))
    with pytest.raises(SystemExit) as stopped:
        direct.take_over(fake_app(checkout, builder))
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "make book" in err and "jupyter-book build ." in err and repr(builder) in err


@pytest.mark.parametrize("builder", ["gettext", "linkcheck"])
def test_text_and_link_builders_run_on_the_sources(checkout, builder, monkeypatch):
    monkeypatch.setattr(direct.subprocess, "call", lambda *a, **k: pytest.fail("must not build"))
    assert direct.take_over(fake_app(checkout, builder)) is None


def test_the_pipelines_own_sphinx_run_and_other_books_are_left_alone(checkout, tmp_path, monkeypatch):
    monkeypatch.setattr(direct.subprocess, "call", lambda *a, **k: pytest.fail("must not build"))
    monkeypatch.setenv(direct.STAGED_ENV, "1")
    assert direct.take_over(fake_app(checkout, "html")) is None
    monkeypatch.delenv(direct.STAGED_ENV)
    other = tmp_path / "another-book"
    other.mkdir()
    assert direct.take_over(fake_app(other, "html")) is None


def test_the_checkout_is_found_from_a_subfolder_and_a_clear_error_names_where_it_looked(checkout, tmp_path, monkeypatch):
    from wxshop import checkout as where

    monkeypatch.delenv(where.ROOT_ENV, raising=False)
    monkeypatch.delenv(where.DATA_ENV, raising=False)
    monkeypatch.setattr(where, "PACKAGE_PARENT", tmp_path / "site-packages")
    monkeypatch.chdir(checkout / "notebooks")
    assert where.root() == checkout.resolve() and where.data_dir() == checkout.resolve() / "data"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(where.CheckoutNotFound) as error:
        where.data_dir()
    message = str(error.value)
    assert str(tmp_path / "site-packages" / "data" / "datapackage.json") in message
    assert str(tmp_path / "data" / "datapackage.json") in message and "WXSHOP_DATA_DIR" in message
    monkeypatch.setenv(where.ROOT_ENV, str(checkout))
    assert where.root() == checkout.resolve()
    monkeypatch.setenv(where.DATA_ENV, str(tmp_path / "other-data"))
    assert where.data_dir() == tmp_path / "other-data"


def test_an_incremental_builds_stale_search_terms_are_dropped_and_the_rest_kept(tmp_path):
    """Sphinx keeps a term an edited page no longer holds, mapped to no page; a clean build has none."""
    import json

    from wxshop.build.cli import prune_search_index

    data = {"docnames": ["a", "b"], "terms": {"old": [], "kept": 0, "both": [0, 1]}, "titleterms": {"gone": []}}
    index = tmp_path / "searchindex.js"
    index.write_text("Search.setIndex(" + json.dumps(data, sort_keys=True) + ")", encoding="utf-8")
    assert prune_search_index(tmp_path) == 2
    text = index.read_text(encoding="utf-8")
    kept = json.loads(text[len("Search.setIndex("):-1])
    assert kept["terms"] == {"kept": 0, "both": [0, 1]} and kept["titleterms"] == {}
    assert prune_search_index(tmp_path) == 0 and index.read_text(encoding="utf-8") == text  # nothing more to drop


def test_each_editions_page_links_its_own_pdf_and_says_in_its_language_when_it_is_absent(tmp_path):
    built, english, site = tmp_path / "zh", tmp_path / "en", tmp_path / "html"
    for folder, name in ((built, "wxshop-edition.pdf"), (english, "wxshop-edition-en.pdf")):
        (folder / "book").mkdir(parents=True)
        (folder / "book" / "data_methods.html").write_text(
            f'<p>PDF: <a href="../downloads/{name}" download>book.pdf</a>.</p>', encoding="utf-8")
    chinese_pdf, english_pdf = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    chinese_pdf.write_bytes(b"%PDF-1.7 zh")
    english_pdf.write_bytes(b"%PDF-1.7 en")
    publish.replace_site(built, site, {"zh": chinese_pdf, "en": None}, {"en": english})
    zh_page = (site / "book" / "data_methods.html").read_text(encoding="utf-8")
    en_page = (site / "en" / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert '<a href="../downloads/wxshop-edition.pdf" download>book.pdf</a>' in zh_page
    assert "<a " not in en_page and publish.MISSING_NOTES["en"] in en_page and publish.MISSING_NOTE not in en_page
    assert 'data-href="../../downloads/wxshop-edition-en.pdf"' in en_page  # the files are at the site's root
    assert (site / "downloads" / "wxshop-edition.pdf").read_bytes() == b"%PDF-1.7 zh"
    assert not (site / "downloads" / "wxshop-edition-en.pdf").exists()
    publish._set_pdf(site, {"zh": None, "en": english_pdf})
    en_page = (site / "en" / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert '<a href="../../downloads/wxshop-edition-en.pdf" download>book.pdf</a>' in en_page
    assert publish.MISSING_NOTE in (site / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert (site / "downloads" / "wxshop-edition-en.pdf").read_bytes() == b"%PDF-1.7 en"
    assert not (site / "downloads" / "wxshop-edition.pdf").exists()
