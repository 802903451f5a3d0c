"""Single values of the data package by id, read with the standard library only.

Parameter defaults are rows of ``data/`` (``assumptions`` for the edition's own assumptions,
``report_facts`` for figures the report states). Reading them must stay fast: the build checks
parameters before anything heavy is imported, so this module avoids pandas and frictionless.
The full loader (:mod:`wxshop.data`) validates the same files.
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from wxshop import checkout
from wxshop.checkout import DATA_ENV, data_dir  # noqa: F401  (DATA_ENV: tests point the package at a copy)

T = TypeVar("T")

ROOT = checkout.ROOT
DEFAULT_RESOURCES = ("assumptions", "report_facts")


@lru_cache(maxsize=16)
def _rows(path: str, mtime: float) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


_FROZEN: dict[str, object] | None = None  # what was looked at once while frozen() holds (see below)


@contextmanager
def frozen() -> Iterator[None]:
    """Within the block, each data file is looked at once, not at every read.

    A scenario sweep calls the chapters' functions thousands of times on files that do not change while it
    runs: a read then costs a lookup in what was already read and checked (here and in :mod:`wxshop.data`).
    Outside the block every read checks the files again, so an edit to ``data/`` in a live session is seen.
    """
    global _FROZEN
    if _FROZEN is not None:  # nested: the outer block decides
        yield
        return
    _FROZEN = {}
    try:
        yield
    finally:
        _FROZEN = None


def once(key: str, look: Callable[[], T]) -> T:
    """``look()``, or while :func:`frozen` holds, the first answer it gave for ``key``."""
    if _FROZEN is None:
        return look()
    if key not in _FROZEN:
        _FROZEN[key] = look()
    return _FROZEN[key]  # type: ignore[return-value]


def _mtime(path: Path) -> float | None:
    return path.stat().st_mtime if path.is_file() else None


def row(resource: str, key: str) -> dict[str, str]:
    """The row ``key`` (its ``id``) of ``resource``; a LookupError names both if it is missing."""
    if resource not in DEFAULT_RESOURCES:
        raise LookupError(f"defaults come from {' or '.join(DEFAULT_RESOURCES)}, not {resource!r}")
    path = data_dir() / f"{resource}.csv"
    mtime = once(f"mtime:{path}", lambda: _mtime(path))
    if mtime is None:
        raise LookupError(f"data/{resource}.csv is missing")
    rows = _rows(str(path), mtime)
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
