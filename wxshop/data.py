"""Load ``data/`` through its Frictionless descriptor, validating as it goes.

Every failure is one :class:`DataError` whose message names the file, the line, the column
and what was expected. Nothing is coerced silently and no row is dropped.

Checks, in order, for each resource: the file exists; the header matches the schema's fields;
each cell has the field's type and meets its constraints (required, enum, minimum, maximum,
pattern); primary keys are unique; provenance columns follow ``data/CONVENTIONS.md``; report
quotes (and every text cell of a verbatim table) are found in the report's text; exhibit
references name a registered exhibit.
"""
from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"
REPORT_TEXT = "report_text.txt"  # verbatim copy of the report's extracted text

PROVENANCE = ("source_type", "source", "quote", "confidence")
SOURCE_TYPES = ("report", "public", "assumption")
CONFIDENCE = ("H", "M", "L")
REPORT_SECTIONS = {
    "基本结论", "投资建议", "风险提示", "评级说明", "五",
    "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3",
}
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


def _data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


def _rel(path: Path, data_dir: Path) -> str:
    return f"data/{path.relative_to(data_dir).as_posix()}"


def read_descriptor(data_dir: Path | str | None = None) -> dict:
    """The package descriptor as a dict."""
    folder = _data_dir(data_dir)
    path = folder / DESCRIPTOR
    if not path.is_file():
        raise DataError(f"data/{DESCRIPTOR}: file is missing (looked in {folder})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"data/{DESCRIPTOR}, line {exc.lineno}: expected valid JSON ({exc.msg})") from None


def resource_names(data_dir: Path | str | None = None) -> list[str]:
    """Names of the package's tabular resources, in descriptor order."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"] if "schema" in r]


def _resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res.get("name") == name:
            return res
    known = ", ".join(r["name"] for r in descriptor["resources"] if "schema" in r)
    raise DataError(f"data/{DESCRIPTOR}: no resource named {name!r}; known resources: {known}")


# --------------------------------------------------------------------------- cells

def _parse_cell(raw: str, field: dict, where: Where) -> Any:
    """Parse one CSV cell by its field type; raise DataError on a mismatch."""
    kind = field.get("type", "string")
    if raw == "":
        return None
    if kind == "string":
        return raw
    if kind == "number":
        try:
            value = float(raw)
        except ValueError:
            raise _fail(where, "a number", raw) from None
        if not math.isfinite(value):
            raise _fail(where, "a finite number", raw)
        return value
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise _fail(where, "an integer", raw)
        return int(raw)
    if kind == "boolean":
        table = {"true": True, "false": False}
        if raw not in table:
            raise _fail(where, "true or false", raw)
        return table[raw]
    if kind in ("date", "year"):
        pattern = r"\d{4}-\d{2}-\d{2}" if kind == "date" else r"\d{4}"
        if not re.fullmatch(pattern, raw):
            raise _fail(where, f"a {kind} ({'YYYY-MM-DD' if kind == 'date' else 'YYYY'})", raw)
        return raw if kind == "date" else int(raw)
    raise DataError(f"{where}: field type {kind!r} is not supported by the loader")


def _check_constraints(value: Any, raw: str, field: dict, where: Where) -> None:
    cons = field.get("constraints", {})
    if value is None:
        if cons.get("required"):
            raise _fail(where, "a value (the field is required)", "", has_got=False)
        return
    if "enum" in cons and value not in cons["enum"]:
        raise _fail(where, f"one of {cons['enum']}", raw)
    if "minimum" in cons and value < cons["minimum"]:
        raise _fail(where, f"a value >= {cons['minimum']}", value)
    if "maximum" in cons and value > cons["maximum"]:
        raise _fail(where, f"a value <= {cons['maximum']}", value)
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        raise _fail(where, f"text matching {cons['pattern']}", raw)


# --------------------------------------------------------------------------- rows

def _check_provenance(row: dict, rel: str, line: int, seed: str) -> None:
    kind = row["source_type"]

    def where(column: str) -> Where:
        return Where(rel, line, column)

    if kind not in SOURCE_TYPES:
        raise _fail(where("source_type"), f"one of {list(SOURCE_TYPES)}", kind)
    if not row.get("source"):
        raise _fail(where("source"), f"a source for a {kind} row (see data/CONVENTIONS.md)", "", has_got=False)
    quote, confidence = row.get("quote"), row.get("confidence")
    if kind == "report":
        if not quote:
            raise _fail(where("quote"), "the verbatim report text this value stands in", "", has_got=False)
        if squash(quote) not in seed:
            raise _fail(where("quote"), "text found verbatim in the report (whitespace aside)", quote)
        src = row["source"]
        if not (EXHIBIT_RE.match(src) or src in REPORT_SECTIONS):
            raise _fail(where("source"), "an exhibit (图表N) or a report section (e.g. 2.2, 基本结论)", src)
    elif quote:
        raise _fail(where("quote"), f"no quote on a {kind} row (quotes are for report rows)", quote)
    if kind == "public":
        if confidence not in CONFIDENCE:
            raise _fail(where("confidence"), "H, M or L on a public row", confidence or "")
    elif confidence:
        raise _fail(where("confidence"), f"no confidence on a {kind} row", confidence)


def _check_exhibit_refs(row: dict, rel: str, line: int, exhibits: set[int] | None) -> None:
    for column in ("exhibit", "source"):
        text = row.get(column)
        if not text:
            continue
        match = EXHIBIT_RE.match(text)
        if column == "exhibit" and not match:
            raise _fail(Where(rel, line, column), "an exhibit reference such as 图表33", text)
        if match:
            number = int(match.group(1))
            known = exhibits if exhibits is not None else set(range(1, EXHIBIT_COUNT + 1))
            if number not in known:
                raise _fail(Where(rel, line, column), f"a registered exhibit (图表1–图表{EXHIBIT_COUNT})", text)


# --------------------------------------------------------------------------- resources

@lru_cache(maxsize=4)
def _seed_squashed(path: str, mtime: float) -> str:
    return squash(Path(path).read_text(encoding="utf-8"))


def report_text(data_dir: Path | str | None = None) -> str:
    """The report's text with whitespace removed, for quote look-ups."""
    path = _data_dir(data_dir) / REPORT_TEXT
    if not path.is_file():
        raise DataError(f"data/{REPORT_TEXT}: file is missing (the report's text, needed to check quotes)")
    return _seed_squashed(str(path), path.stat().st_mtime)


LINE = "__line__"  # each parsed row remembers the file line it came from (not a column)


def _read_rows(res: dict, folder: Path, seed: str, exhibits: set[int] | None) -> list[dict]:
    path = folder / res["path"]
    rel = _rel(path, folder)
    if not path.is_file():
        raise DataError(f"{rel}: file is missing (resource {res['name']!r} in data/{DESCRIPTOR})")
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(f"{rel}, line 1: expected a header row with {names}; the file is empty") from None
        if header != names:
            missing = [n for n in names if n not in header]
            extra = [h for h in header if h not in names]
            detail = (f"missing {missing}" if missing else "") + (f" unexpected {extra}" if extra else "")
            raise DataError(f"{rel}, line 1: expected the columns {names}; {detail.strip() or 'order differs'}")
        has_provenance = all(p in names for p in PROVENANCE)
        verbatim = bool(res.get("verbatim"))
        text_fields = [f["name"] for f in fields
                       if f.get("type", "string") == "string" and f["name"] not in PROVENANCE + ("note",)]
        rows, keys = [], {}
        pk = res["schema"].get("primaryKey") or []
        pk = [pk] if isinstance(pk, str) else pk
        for raw_row in reader:
            line = reader.line_num
            if len(raw_row) != len(names):
                raise DataError(f"{rel}, line {line}: expected {len(names)} cells, got {len(raw_row)}")
            row = {}
            for field, raw in zip(fields, raw_row):
                where = Where(rel, line, field["name"])
                value = _parse_cell(raw, field, where)
                _check_constraints(value, raw, field, where)
                row[field["name"]] = value
            if has_provenance:
                _check_provenance(row, rel, line, seed)
            _check_exhibit_refs(row, rel, line, exhibits)
            if verbatim:
                for name in text_fields:
                    if row[name] and squash(row[name]) not in seed:
                        raise _fail(Where(rel, line, name), "a cell found verbatim in the report (whitespace aside)",
                                    row[name])
            if pk:
                key = tuple(row[k] for k in pk)
                if key in keys:
                    raise DataError(f"{rel}, line {line}, column '{pk[0]}': expected a unique primary key "
                                    f"{pk}; {key!r} repeats line {keys[key]}")
                keys[key] = line
            row[LINE] = line
            rows.append(row)
    if not has_provenance and res["name"] != "exhibits":
        raise DataError(f"{rel}, line 1: expected the provenance columns {list(PROVENANCE)}")
    return rows


_DTYPES = {"integer": "Int64", "boolean": "boolean", "year": "Int64"}


def _frame(res: dict, rows: list[dict]) -> pd.DataFrame:
    fields = res["schema"]["fields"]
    columns = {}
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        values = [row[name] for row in rows]
        if kind == "number":
            columns[name] = pd.array([math.nan if v is None else v for v in values], dtype="float64")
        elif kind in _DTYPES:
            columns[name] = pd.array([pd.NA if v is None else v for v in values], dtype=_DTYPES[kind])
        elif kind == "date":
            columns[name] = pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")
        else:
            columns[name] = pd.array(values, dtype="string")
    frame = pd.DataFrame(columns)
    frame.attrs["resource"] = res["name"]
    frame.attrs["title"] = res.get("title", res["name"])
    frame.attrs["path"] = res["path"]
    return frame


def _exhibit_numbers(descriptor: dict, folder: Path, seed: str) -> set[int]:
    res = _resource(descriptor, "exhibits")
    rows = _read_rows(res, folder, seed, exhibits=None)
    return {row["number"] for row in rows}


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load one resource as a typed DataFrame, validating it first.

    Numbers are float64, integers nullable Int64, text pandas ``string``; an empty cell is
    missing (NaN / <NA>). ``frame.attrs`` carries the resource's name, title and file.
    """
    folder = _data_dir(data_dir)
    descriptor = read_descriptor(folder)
    res = _resource(descriptor, name)
    if "schema" not in res:
        raise DataError(f"data/{DESCRIPTOR}: resource {name!r} is not a table")
    seed = report_text(folder)
    exhibits = _exhibit_numbers(descriptor, folder, seed) if name != "exhibits" else None
    return _frame(res, _read_rows(res, folder, seed, exhibits))


def validate_package(data_dir: Path | str | None = None) -> dict[str, int]:
    """Validate every resource; return rows per resource. Raises DataError on the first fault."""
    folder = _data_dir(data_dir)
    descriptor = read_descriptor(folder)
    seed = report_text(folder)
    exhibits_res = _resource(descriptor, "exhibits")
    exhibit_rows = _read_rows(exhibits_res, folder, seed, exhibits=None)
    numbers = [row["number"] for row in exhibit_rows]
    if sorted(numbers) != list(range(1, EXHIBIT_COUNT + 1)):
        missing = sorted(set(range(1, EXHIBIT_COUNT + 1)) - set(numbers))
        raise DataError(f"data/{exhibits_res['path']}: expected one row for each of 图表1–图表{EXHIBIT_COUNT}; "
                        f"missing {missing}")
    names = set(resource_names(folder))
    for row in exhibit_rows:
        for used in (row.get("resources") or "").split():
            if used not in names:
                raise _fail(Where(f"data/{exhibits_res['path']}", row[LINE], "resources"),
                            "names of resources in data/datapackage.json", used)
    counts = {"exhibits": len(exhibit_rows)}
    for res in descriptor["resources"]:
        if "schema" in res and res["name"] != "exhibits":
            counts[res["name"]] = len(_read_rows(res, folder, seed, set(numbers)))
    return counts


def csv_href(name: str, page_depth: int = 1) -> str:
    """Site-relative link to a resource's CSV from a page ``page_depth`` folders deep."""
    res = _resource(read_descriptor(), name)
    return "../" * page_depth + "data/" + res["path"]
