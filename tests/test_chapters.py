"""One home per chapter: notebook, spec, defaults from data/, headline figures, exhibits, execution inputs."""
from __future__ import annotations

import csv
import importlib
import json
import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from wxshop import chapters, datavalues
from wxshop.build import cache, toc
from wxshop.params import LANG

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = toc.notebooks(ROOT)
STEMS = list(NOTEBOOKS)


def read_csv(name: str) -> dict[str, dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_every_chapter_notebook_has_a_home_and_every_home_a_notebook():
    assert set(STEMS) <= set(chapters.names())
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(chapters.names()) <= notebooks


@pytest.mark.parametrize("stem", STEMS)
def test_the_notebooks_parameters_cell_is_the_specs(stem):
    """papermill's inspection of the parameters cell gives exactly the spec's names and defaults."""
    found = pm.inspect_notebook(str(NOTEBOOKS[stem]))
    spec = chapters.spec(stem)
    assert list(found) == [p.name for p in spec.params] + [LANG.name]  # every chapter ends with its language
    assert found[LANG.name]["default"] == '"zh"'
    for p in spec.params:
        literal = found[p.name]["default"]
        value = None if literal == "None" else json.loads(literal.replace("_", "")) if literal[0] not in "\"'" else literal.strip("\"'")
        assert value == p.default, p.name


@pytest.mark.parametrize("stem", STEMS)
def test_every_numeric_default_is_a_row_of_data(stem):
    assumptions, facts = read_csv("assumptions"), read_csv("report_facts")
    for p in chapters.spec(stem).params:
        if p.kind == "choice" or p.optional:
            continue
        resource, _, key = p.source.partition(":")
        row = {"assumptions": assumptions, "report_facts": facts}[resource][key]
        assert float(row["value"]) == p.default, p.name
        if resource == "assumptions":
            assert row["source_type"] == "assumption" and row["source"], p.name


def test_every_assumption_row_is_some_parameters_default():
    used = {p.source.partition(":")[2] for s in STEMS for p in chapters.spec(s).params if p.source}
    assert set(read_csv("assumptions")) <= used


def test_a_default_pointing_at_a_missing_row_fails_naming_it(tmp_path, monkeypatch):
    from wxshop.params import Param

    (tmp_path / "assumptions.csv").write_text("id,value\nother.x,1\n", encoding="utf-8")
    monkeypatch.setenv(datavalues.DATA_ENV, str(tmp_path))
    param = Param("x", "number", "x", source="assumptions:demo.x", minimum=0, maximum=1)
    with pytest.raises(LookupError, match="data/assumptions.csv has no row with id 'demo.x'"):
        param.default


@pytest.mark.slow  # computes every headline figure of the chapter from data/
@pytest.mark.parametrize("stem", STEMS)
def test_every_glued_key_is_a_declared_headline_and_every_headline_is_glued(stem):
    wiring = importlib.import_module(f"wxshop.chapters.{stem}.wiring")
    declared = [f.key for f in wiring.headlines(chapters.spec(stem).defaults())]
    assert len(declared) == len(set(declared))
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    used = {key for cell in nb.cells if cell.cell_type == "markdown"
            for key in re.findall(r"\{eval\}`figures\[\"([^\"]+)\"\]`", cell.source)}
    assert "{glue" not in "".join(c.source for c in nb.cells)  # one form, read by Lab and the site alike
    assert used == set(declared)


def test_each_exhibit_belongs_to_at_most_one_chapter_in_report_order():
    owners: dict[int, str] = {}
    for stem in chapters.names():
        for number in chapters.spec(stem).exhibits:
            assert number not in owners, (number, owners.get(number), stem)
            owners[number] = stem
    assert set(owners) <= set(range(1, 54))


@pytest.mark.parametrize("stem", STEMS)
def test_a_chapters_notebook_has_a_heading_for_each_of_its_exhibits_with_the_reports_title(stem):
    with (ROOT / "data" / "exhibits.csv").open(encoding="utf-8", newline="") as handle:
        titles = {int(r["number"]): r["title"] for r in csv.DictReader(handle)}
    nb = nbformat.read(NOTEBOOKS[stem], as_version=4)
    headings = [re.sub(r"\s+", "", m) for c in nb.cells if c.cell_type == "markdown"
                for m in re.findall(r"^#+\s*(图表\d+：.*)$", c.source, flags=re.M)]
    expected = [re.sub(r"\s+", "", f"图表{n}：{titles[n]}") for n in chapters.spec(stem).exhibits]
    assert headings == expected


@pytest.mark.parametrize("stem", STEMS)
def test_a_chapters_execution_inputs_are_its_home_and_the_shared_core_it_imports(stem):
    inputs = {p.relative_to(ROOT).as_posix() for p in cache.chapter_inputs(ROOT, stem, NOTEBOOKS[stem], [])}
    assert f"wxshop/chapters/{stem}/spec.py" in inputs and "wxshop/data.py" in inputs
    others = [s for s in chapters.names() if s != stem]
    assert not any(i.startswith(f"wxshop/chapters/{o}/") for o in others for i in inputs)
    for unrelated in ("wxshop/sphinx_ext.py", "wxshop/static/book.css", "wxshop/static/table.js",
                      "wxshop/build/cli.py", "_config.yml"):
        assert unrelated not in inputs
