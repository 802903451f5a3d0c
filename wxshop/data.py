"""Load ``data/`` through its Frictionless descriptor, validating as it goes.

One validator: ``frictionless`` checks every table against its Table Schema (header, types,
constraints, primary keys); this module formats its errors so they name the file, the line and
the column, then adds the checks a schema cannot express:

- provenance (``data/CONVENTIONS.md``): ``source_type`` report | public | assumption; a report
  row's ``quote`` is found in the report's text and its ``source`` names an exhibit or section; a
  public row's ``source`` is the id of a row of ``sources`` (publisher, title, date, URL, grade)
  and its ``confidence`` is no higher than that source's grade; an assumption row says why;
- verbatim tables: every text cell is found in the report's text, and each row's ``quote`` is
  the stretch of the report's table that the row stands in (at least one value cell, not only
  the row's label);
- words drawn from the report (a resource's ``report_words``: the fields a timeline or diagram
  shows): every cell of those fields is a stretch of its own row's ``quote``;
- exhibit references name one of the 53 registered exhibits.

Nothing is coerced silently and no row is dropped. When ``WXSHOP_RESOURCE_LOG`` names a file,
every resource :func:`load` reads is appended to it: the build uses this to know which data a
chapter depends on.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wxshop import checkout, datavalues

if TYPE_CHECKING:
    import pandas as pd

ROOT = datavalues.ROOT
DESCRIPTOR = "datapackage.json"
REPORT_TEXT = "report_text.txt"  # verbatim copy of the report's extracted text
RESOURCE_LOG_ENV = "WXSHOP_RESOURCE_LOG"

PROVENANCE = ("source_type", "source", "quote", "confidence")
SOURCE_TYPES = ("report", "public", "assumption")
GRADES = ("L", "M", "H")  # low to high
REPORT_SECTIONS = {
    "基本结论", "投资建议", "风险提示", "评级说明", "五",
    "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3",
}
# Resources without per-row provenance: the register of the report's exhibits, the list of sources and
# the audit of the public rows.
REGISTERS = ("exhibits", "sources", "public_audit")
EXHIBIT_RE = re.compile(r"^图表(\d+)$")
EXHIBIT_COUNT = 53
_WS = re.compile(r"\s+")


class DataError(ValueError):
    """A data file is missing or breaks its schema; the message says where and why."""


@dataclass(frozen=True)
class Where:
    file: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f", line {self.line}"
        if self.column is not None:
            text += f", column '{self.column}'"
        return text


def _fail(where: Where, expected: str, got: Any = None, has_got: bool = True) -> DataError:
    tail = f"; got {got!r}" if has_got else ""
    return DataError(f"{where}: expected {expected}{tail}")


def squash(text: str) -> str:
    """Text with all whitespace removed: how quotes are matched against the report."""
    return _WS.sub("", text)


def _folder(folder: Path | str | None = None) -> Path:
    return Path(folder) if folder is not None else datavalues.data_dir()


# --------------------------------------------------------------------------- descriptor

def read_descriptor(folder: Path | str | None = None) -> dict:
    """The package descriptor as a dict, parsed once per version of the file (treat it as read-only)."""
    path = _folder(folder) / DESCRIPTOR
    if not path.is_file():
        raise DataError(f"data/{DESCRIPTOR}: file is missing (looked in {path.parent})")
    return _parsed_descriptor(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _parsed_descriptor(path: str, mtime: int) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"data/{DESCRIPTOR}, line {exc.lineno}: expected valid JSON ({exc.msg})") from None


def resource_names(folder: Path | str | None = None) -> list[str]:
    """Names of the package's tabular resources, in descriptor order."""
    return [r["name"] for r in read_descriptor(folder)["resources"] if "schema" in r]


def resource(name: str, folder: Path | str | None = None) -> dict:
    """One resource's descriptor; a DataError lists the known names if there is none."""
    descriptor = read_descriptor(folder)
    for res in descriptor["resources"]:
        if res.get("name") == name:
            return res
    known = ", ".join(r["name"] for r in descriptor["resources"] if "schema" in r)
    raise DataError(f"data/{DESCRIPTOR}: no resource named {name!r}; known resources: {known}")


def schema(name: str, folder: Path | str | None = None) -> dict:
    res = resource(name, folder)
    if "schema" not in res:
        raise DataError(f"data/{DESCRIPTOR}: resource {name!r} is not a table")
    return res["schema"]


def csv_href(name: str, page_depth: int = 1) -> str:
    """Site-relative link to a resource's CSV from a page ``page_depth`` folders deep."""
    return "../" * page_depth + "data/" + resource(name)["path"]


# --------------------------------------------------------------------------- frictionless

def _frictionless_errors(folder: Path, names: list[str] | None) -> list[str]:
    """Schema errors of the named resources (all if None), as 'data/FILE, line N, column C: ...'."""
    paths = {r["name"]: r["path"] for r in read_descriptor(folder)["resources"]}
    todo = []
    for entry in read_descriptor(folder)["resources"]:
        if (names is not None and entry["name"] not in names) or entry["name"] == "report_text":
            continue
        passed = _passed_mark(folder, entry)
        if passed is None or not passed.is_file():
            todo.append((entry, passed))
    if not todo:
        return []  # every resource asked for passed before, as it is: frictionless is not even imported
    from frictionless import Resource, system

    # Each resource on its own, from its entry in the descriptor: reading the whole Package for every table a
    # chapter loads cost 0.35 s a table (its 43 resources' metadata), a resource alone 0.01 s.
    problems = []
    with system.use_context(trusted=True):
        for entry, passed in todo:
            res = Resource(copy.deepcopy(entry), basepath=str(folder))
            report = res.validate()
            found = [_format_error(paths.get(res.name, res.name), error) for task in report.tasks for error in task.errors]
            found.extend(f"data/{paths.get(res.name, res.name)}: {e.message}" for e in report.errors)
            if not found and passed is not None:
                _mark(passed)
            problems.extend(found)
    return problems


def _passed_mark(folder: Path, entry: dict) -> Path | None:
    """Where a resource that passed frictionless is remembered: a file named by the hash of what the check
    reads (frictionless's version, the descriptor entry, the file's bytes), in
    :func:`wxshop.checkout.user_cache`. Every process (each chapter's kernel, each test worker) validated the
    same unchanged files again: 0.1 s a resource. Only passes are remembered; a changed byte is a new name,
    so it is checked."""
    try:
        content = (folder / entry["path"]).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256()
    digest.update(_frictionless_version().encode())
    digest.update(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode())
    digest.update(content)
    return checkout.user_cache() / "frictionless-passed" / digest.hexdigest()


@lru_cache(maxsize=1)
def _frictionless_version() -> str:
    from importlib.metadata import version

    return version("frictionless")


def _mark(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        pass  # a read-only home: each process validates again, as before


_TYPE_NAMES = {"number": "a number", "integer": "an integer", "boolean": "true or false", "date": "a date (YYYY-MM-DD)",
               "year": "a year (YYYY)", "string": "text"}


def _constraint_text(note: str) -> str:
    """'constraint "maximum" is "53"' -> 'a value <= 53' (what the cell should have been)."""
    match = re.match(r'constraint "(\w+)" is "(.*)"', note or "")
    if not match:
        return note
    name, value = match.groups()
    return {"required": "a value (the field is required)", "maximum": f"a value <= {value}",
            "minimum": f"a value >= {value}", "enum": f"one of {value}", "pattern": f"text matching {value}",
            "maxLength": f"at most {value} characters", "minLength": f"at least {value} characters"}.get(name, note)


def _format_error(path: str, error: Any) -> str:
    line = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    if error.type in ("incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label"):
        return f"data/{path}, line 1: expected the schema's columns ({error.type}: {error.note or error.message})"
    where = Where(f"data/{path}", line, column)
    if error.type == "type-error":
        kind = (error.note or "").split('"')[1].split("/")[0] if '"' in (error.note or "") else ""
        return f"{where}: expected {_TYPE_NAMES.get(kind, kind or 'another type')}; got {cell!r}"
    if error.type == "constraint-error":
        return f"{where}: expected {_constraint_text(error.note)}; got {cell!r}"
    if error.type in ("primary-key", "unique-error"):
        return f"{where}: expected a unique key; {error.note}"
    if error.type in ("extra-cell", "missing-cell"):
        return f"{where}: expected as many cells as columns ({error.type})"
    return f"{where}: {error.title}: {error.note or error.message}"


# --------------------------------------------------------------------------- own checks

def _check_provenance(row: dict, rel: str, line: int, seed: str, grades: dict[str, str]) -> None:
    kind = row.get("source_type")

    def where(column: str) -> Where:
        return Where(rel, line, column)

    if kind not in SOURCE_TYPES:
        raise _fail(where("source_type"), f"one of {list(SOURCE_TYPES)}", kind)
    src = row.get("source") or ""
    if not src:
        raise _fail(where("source"), f"a source for a {kind} row (see data/CONVENTIONS.md)", "", has_got=False)
    quote, confidence = row.get("quote") or "", row.get("confidence") or ""
    if kind == "report":
        if not quote:
            raise _fail(where("quote"), "the verbatim report text this value stands in", "", has_got=False)
        if squash(quote) not in seed:
            raise _fail(where("quote"), "text found verbatim in the report (whitespace aside)", quote)
        if not (EXHIBIT_RE.match(src) or src in REPORT_SECTIONS):
            raise _fail(where("source"), "an exhibit (图表N) or a report section (e.g. 2.2, 基本结论)", src)
    elif quote:
        raise _fail(where("quote"), f"no quote on a {kind} row (quotes are for report rows)", quote)
    if kind == "public":
        if src not in grades:
            raise _fail(where("source"), "the id of a row of data/sources.csv (publisher, title, date, URL, grade)", src)
        if confidence not in GRADES:
            raise _fail(where("confidence"), "H, M or L on a public row", confidence)
        if GRADES.index(confidence) > GRADES.index(grades[src]):
            raise _fail(where("confidence"), f"a grade no higher than its source's ({grades[src]} for {src})",
                        confidence)
    elif confidence:
        raise _fail(where("confidence"), f"no confidence on a {kind} row", confidence)


def _check_exhibit_refs(row: dict, rel: str, line: int, exhibits: set[int]) -> None:
    for column in ("exhibit", "source"):
        text = row.get(column)
        if not text:
            continue
        match = EXHIBIT_RE.match(text)
        if column == "exhibit" and not match:
            raise _fail(Where(rel, line, column), "an exhibit reference such as 图表33", text)
        if match and int(match.group(1)) not in exhibits:
            raise _fail(Where(rel, line, column), f"a registered exhibit (图表1–图表{EXHIBIT_COUNT})", text)


def _check_verbatim(row: dict, rel: str, line: int, seed: str, text_fields: list[str]) -> None:
    for name in text_fields:
        if row.get(name) and squash(row[name]) not in seed:
            raise _fail(Where(rel, line, name), "a cell found verbatim in the report (whitespace aside)", row[name])
    quote = squash(row.get("quote") or "")
    values = [row[name] for name in text_fields[1:] if row.get(name)]
    if values and not any(squash(value) in quote for value in values):
        raise _fail(Where(rel, line, "quote"),
                    "the stretch of the report's table this row stands in (at least one of its value cells, "
                    "not only its label)", row.get("quote"))


def _check_report_words(row: dict, rel: str, line: int, fields: list[str]) -> None:
    quote = squash(row.get("quote") or "")
    for name in fields:
        if row.get(name) and squash(row[name]) not in quote:
            raise _fail(Where(rel, line, name), "words from this row's quote (a stretch of the report's sentence)",
                        row[name])


@lru_cache(maxsize=4)
def _seed_squashed(path: str, mtime: float) -> str:
    return squash(Path(path).read_text(encoding="utf-8"))


def report_text(folder: Path | str | None = None) -> str:
    """The report's text with whitespace removed, for quote look-ups."""
    path = _folder(folder) / REPORT_TEXT
    if not path.is_file():
        raise DataError(f"data/{REPORT_TEXT}: file is missing (the report's text, needed to check quotes)")
    return _seed_squashed(str(path), path.stat().st_mtime)


LINE = "__line__"  # each row remembers the file line it came from (not a column)


class Lines(tuple):
    """Each row's line in its file (``frame.attrs["lines"]``): immutable, so pandas, which deep-copies a
    frame's ``attrs`` into every frame, column and row derived from it, shares it instead of copying a
    list each time (measured: a quarter less time reading all tables row by row)."""

    def __deepcopy__(self, memo: dict) -> "Lines":
        return self


def _read_rows(res: dict, folder: Path) -> list[dict]:
    """Rows as text cells (empty cells None), each with its file line; the header must match."""
    path = folder / res["path"]
    rel = f"data/{res['path']}"
    if not path.is_file():
        raise DataError(f"{rel}: file is missing (resource {res['name']!r} in data/{DESCRIPTOR})")
    names = [f["name"] for f in res["schema"]["fields"]]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != names:
            raise DataError(f"{rel}, line 1: expected the columns {names}; got {header}")
        rows = []
        for cells in reader:
            if len(cells) != len(names):
                raise DataError(f"{rel}, line {reader.line_num}: expected {len(names)} cells, got {len(cells)}")
            row = {name: (cell if cell != "" else None) for name, cell in zip(names, cells)}
            row[LINE] = reader.line_num
            rows.append(row)
    return rows


def _source_grades(folder: Path) -> dict[str, str]:
    return {row["id"]: row["grade"] for row in _read_rows(resource("sources", folder), folder)}


def _exhibit_numbers(folder: Path) -> set[int]:
    return {int(row["number"]) for row in _read_rows(resource("exhibits", folder), folder)}


def _check_rows(res: dict, folder: Path, seed: str, exhibits: set[int], grades: dict[str, str]) -> list[dict]:
    rows = _read_rows(res, folder)
    rel = f"data/{res['path']}"
    names = [f["name"] for f in res["schema"]["fields"]]
    has_provenance = all(p in names for p in PROVENANCE)
    if not has_provenance and res["name"] not in REGISTERS:
        raise DataError(f"{rel}, line 1: expected the provenance columns {list(PROVENANCE)}")
    text_fields = [f["name"] for f in res["schema"]["fields"]
                   if f.get("type", "string") == "string" and f["name"] not in PROVENANCE + ("note",)]
    for row in rows:
        line = row[LINE]
        if has_provenance:
            _check_provenance(row, rel, line, seed, grades)
        _check_exhibit_refs(row, rel, line, exhibits)
        if res.get("verbatim"):
            _check_verbatim(row, rel, line, seed, text_fields)
        if res.get("report_words"):
            _check_report_words(row, rel, line, list(res["report_words"]))
    return rows


def _check_register(folder: Path) -> None:
    res = resource("exhibits", folder)
    rows = _read_rows(res, folder)
    numbers = sorted(int(r["number"]) for r in rows)
    if numbers != list(range(1, EXHIBIT_COUNT + 1)):
        missing = sorted(set(range(1, EXHIBIT_COUNT + 1)) - set(numbers))
        raise DataError(f"data/{res['path']}: expected one row for each of 图表1–图表{EXHIBIT_COUNT}; missing {missing}")
    names = set(resource_names(folder))
    for row in rows:
        for used in (row.get("resources") or "").split():
            if used not in names:
                raise _fail(Where(f"data/{res['path']}", row[LINE], "resources"),
                            "names of resources in data/datapackage.json", used)


def _stamp(folder: Path) -> tuple:
    """The names and modification times of the folder's files: what every cached read is keyed on."""
    return datavalues.once(f"stamp:{folder}", lambda: _file_stamp(folder))


def _file_stamp(folder: Path) -> tuple:
    return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file())


frozen = datavalues.frozen  # within the block, the data files are looked at once (a sweep's thousands of reads)


def version(data_dir: Path | str | None = None) -> tuple:
    """What the data package's cached reads are keyed on (its folder, file names and times): a cache of values
    derived from the data can be keyed on it too."""
    path = _folder(data_dir)
    return (str(path), _stamp(path))


@lru_cache(maxsize=64)
def _validated(folder: str, name: str | None, stamp: tuple) -> None:
    path = Path(folder)
    for res in read_descriptor(path)["resources"]:
        if (name is None or res["name"] in (name, "exhibits", "sources")) and not (path / res["path"]).is_file():
            raise DataError(f"data/{res['path']}: file is missing (resource {res['name']!r} in data/{DESCRIPTOR})")
    problems = _frictionless_errors(path, None if name is None else [name])
    if problems:
        raise DataError(problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    seed = report_text(path)
    _check_register(path)
    exhibits, grades = _exhibit_numbers(path), _source_grades(path)
    for res in read_descriptor(path)["resources"]:
        if "schema" in res and (name is None or res["name"] == name):
            _check_rows(res, path, seed, exhibits, grades)


def validate_package(data_dir: Path | str | None = None) -> dict[str, int]:
    """Validate every resource; return rows per resource. Raises DataError on the first fault."""
    path = _folder(data_dir)
    _validated(str(path), None, _stamp(path))
    return {res["name"]: len(_read_rows(res, path)) for res in read_descriptor(path)["resources"] if "schema" in res}


# --------------------------------------------------------------------------- frames

_DTYPES = {"integer": "Int64", "boolean": "boolean", "year": "Int64"}


def _frame(res: dict, rows: list[dict]) -> "pd.DataFrame":
    import pandas as pd

    columns = {}
    for field in res["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        values = [row[name] for row in rows]
        if kind == "number":
            columns[name] = pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
        elif kind in ("integer", "year"):
            columns[name] = pd.array([pd.NA if v is None else int(v) for v in values], dtype="Int64")
        elif kind == "boolean":
            columns[name] = pd.array([pd.NA if v is None else v == "true" for v in values], dtype="boolean")
        elif kind == "date":
            columns[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        else:
            columns[name] = pd.array(values, dtype="string")
    frame = pd.DataFrame(columns)
    frame.attrs["resource"] = res["name"]
    frame.attrs["title"] = res.get("title", res["name"])
    frame.attrs["path"] = res["path"]
    frame.attrs["lines"] = Lines(row[LINE] for row in rows)
    return frame


def _record(name: str) -> None:
    log = os.environ.get(RESOURCE_LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(name + "\n")


def load(name: str, data_dir: Path | str | None = None) -> "pd.DataFrame":
    """Load one resource as a typed DataFrame, validating it first.

    Numbers are float64, integers nullable Int64, text pandas ``string``; an empty cell is
    missing (NaN / <NA>). ``frame.attrs`` carries the resource's name, title, file and each
    row's line in the file.
    """
    path = _folder(data_dir)
    res = resource(name, path)
    if "schema" not in res:
        raise DataError(f"data/{DESCRIPTOR}: resource {name!r} is not a table")
    stamp = _stamp(path)
    _validated(str(path), name, stamp)
    _record(name)
    return _cached_frame(str(path), name, stamp).copy()


@lru_cache(maxsize=64)
def _cached_frame(folder: str, name: str, stamp: tuple) -> "pd.DataFrame":
    res = resource(name, folder)
    return _frame(res, _read_rows(res, Path(folder)))


def sources(data_dir: Path | str | None = None) -> dict[str, dict[str, str]]:
    """The public sources by id: publisher, title, published, url, seen_url, grade, note (a fresh copy)."""
    _record("sources")
    path = _folder(data_dir)
    stamp = _stamp(path)
    _validated(str(path), "sources", stamp)
    return {key: dict(src) for key, src in _cached_sources(str(path), stamp).items()}


@lru_cache(maxsize=8)
def _cached_sources(folder: str, stamp: tuple) -> dict[str, dict[str, str]]:
    """The sources table read once per version of the folder (captions and notes ask for it a thousand times
    in a chapter: reading the file each time was 5 s of a chapter's run)."""
    path = Path(folder)
    return {row["id"]: {k: v for k, v in row.items() if k != LINE}
            for row in _read_rows(resource("sources", path), path)}
