"""Single values of the data package by id, read with the standard library only.

Parameter defaults are rows of ``data/`` (``assumptions`` for the edition's own assumptions,
``report_facts`` for figures the report states). Reading them must stay fast: the build checks
parameters before anything heavy is imported, so this module avoids pandas and frictionless.
The full loader (:mod:`wxshop.data`) validates the same files.
"""
from __future__ import annotations

import csv
from functools import lru_cache

from wxshop import checkout
from wxshop.checkout import DATA_ENV, data_dir  # noqa: F401  (DATA_ENV: tests point the package at a copy)

ROOT = checkout.ROOT
DEFAULT_RESOURCES = ("assumptions", "report_facts")


@lru_cache(maxsize=16)
def _rows(path: str, mtime: float) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def row(resource: str, key: str) -> dict[str, str]:
    """The row ``key`` (its ``id``) of ``resource``; a LookupError names both if it is missing."""
    if resource not in DEFAULT_RESOURCES:
        raise LookupError(f"defaults come from {' or '.join(DEFAULT_RESOURCES)}, not {resource!r}")
    path = data_dir() / f"{resource}.csv"
    if not path.is_file():
        raise LookupError(f"data/{resource}.csv is missing")
    rows = _rows(str(path), path.stat().st_mtime)
    if key not in rows:
        raise LookupError(f"data/{resource}.csv has no row with id {key!r}")
    return rows[key]


def default_value(source: str) -> float:
    """The number a parameter default names, ``"assumptions:<id>"`` or ``"report_facts:<id>"``."""
    resource, _, key = source.partition(":")
    found = row(resource, key)
    try:
        return float(found["value"])
    except (KeyError, ValueError):
        raise LookupError(f"data/{resource}.csv row {key!r} has no numeric value") from None
