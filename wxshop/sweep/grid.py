"""Scenarios: the grid an analyst asks for, as Python values, checked before anything runs.

``budget=[50_000, 200_000], case=["low", "high"]`` is the product of its axes, in the order given.
An axis is a list, a tuple, a ``range``, a numpy array or a pandas Series (a single value is an axis of
one). Every scenario is checked by the chapter's spec, with the build's own messages
(:mod:`wxshop.params`), before the first one runs.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wxshop import chapters
from wxshop.params import ParameterError, Spec, parse_value

LABEL_LIMIT = 120  # a label longer than this is not used as a file name as it is


@dataclass(frozen=True)
class Scenario:
    """One scenario: the values the analyst gave (``given``) and all the chapter's parameters (``values``)."""

    index: int
    given: dict[str, Any]
    values: dict[str, Any]

    @property
    def label(self) -> str:
        return label(self.given)


def label(given: Mapping[str, Any]) -> str:
    """A scenario as text and as a file name: ``budget=200000,case=high`` (``defaults`` when none is given)."""
    return ",".join(f"{k}={_plain(v)}" for k, v in given.items()) or "defaults"


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def python_value(value: Any) -> Any:
    """A numpy or pandas scalar as the plain Python value the spec checks (``np.int64(5)`` -> ``5``)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    item = getattr(value, "item", None)  # numpy scalars (np.float64 is a float already; np.int64 is not an int)
    if callable(item):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def axis_values(name: str, values: Any) -> list[Any]:
    """The values of one axis as a list of plain Python values; a ParameterError if there are none."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        found = [values]
    else:
        tolist = getattr(values, "tolist", None)  # numpy arrays and pandas Series: plain Python values
        found = list(tolist()) if callable(tolist) else list(values)
    if not found:
        raise ParameterError(f"parameter {name!r} has no values to sweep")
    return [python_value(v) for v in found]


def scenarios(chapter: str, axes: Mapping[str, Any] | None = None,
              rows: Iterable[Mapping[str, Any]] | None = None) -> list[Scenario]:
    """Every scenario of the grid ``axes`` (their product), or the explicit ``rows``, each checked.

    Raises :class:`ParameterError` naming the first scenario that is not allowed, the parameter, the value
    and what is allowed (the build's message), and how many scenarios are not allowed.
    """
    spec = chapters.spec(chapter)
    if axes and rows is not None:
        raise ParameterError("give either a grid of parameter values or a list of scenarios, not both")
    if rows is not None:
        given = [{k: python_value(v) for k, v in row.items()} for row in rows]
        if not given:
            raise ParameterError("the list of scenarios is empty")
    else:
        grid = {name: axis_values(name, values) for name, values in (axes or {}).items()}
        given = [dict(zip(grid, combo)) for combo in itertools.product(*grid.values())]
        fast = _check_product(spec, grid, given)
        if fast is not None:
            return fast
    return check(spec, given)


def _check_product(spec: Spec, grid: dict[str, list[Any]], given: list[dict[str, Any]]) -> list[Scenario] | None:
    """The checks of :meth:`Spec.validate` for a product grid, each axis value checked once and only the
    chapter's cross-parameter rules per scenario; None when a value is not allowed (then :func:`check` names
    the first scenario with the build's message)."""
    params = spec.by_name()
    if any(name not in params for name in grid):
        return None
    defaults = spec.defaults()
    try:
        fixed = {name: p.check(defaults[name], spec.stem) for name, p in params.items() if name not in grid}
        checked = {name: [params[name].check(v, spec.stem) for v in values] for name, values in grid.items()}
    except ParameterError:
        return None
    found = []
    names = list(params)
    for index, combo in enumerate(itertools.product(*checked.values())):
        values = {**fixed, **dict(zip(grid, combo))}
        values = {name: values[name] for name in names}  # in the spec's order, as validate() returns them
        if any(rule(values) for rule in spec.rules):
            return None
        found.append(Scenario(index, given[index], values))
    return found


def check(spec: Spec, given: list[dict[str, Any]]) -> list[Scenario]:
    """Validate each scenario against ``spec``; the first problem is raised with a count of all problems."""
    known = spec.by_name()
    for row in given[:1]:
        for name in row:
            if name not in known:  # the same message as the build, once, not once per scenario
                spec.validate(**{name: row[name]})
    defaults = spec.defaults()
    found, first, bad = [], None, 0
    for index, row in enumerate(given):
        try:
            values = spec.validate(**{**defaults, **row})
        except ParameterError as exc:
            bad += 1
            first = first or (row, exc)
            continue
        found.append(Scenario(index, row, values))
    if first is not None:
        row, exc = first
        more = f" ({bad} of {len(given)} scenarios are not allowed)" if len(given) > 1 else ""
        raise ParameterError(f"scenario {label(row)} is not allowed: {exc}{more}") from None
    return found


def parse_axis(item: str) -> tuple[str, list[Any]]:
    """A command-line axis: ``name=v1,v2,...`` or ``name=low:high:count`` (count values, evenly spaced)."""
    name, sep, text = item.partition("=")
    if not sep or not name or not text:
        raise ParameterError(f"sweep argument {item!r} is not of the form parameter=v1,v2,... "
                             "or parameter=low:high:count")
    parts = text.split(":")
    if len(parts) == 3:
        low, high, count = (parse_value(p) for p in parts)
        if (isinstance(count, bool) or not isinstance(count, int) or count < 1
                or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (low, high))):
            raise ParameterError(f"sweep argument {item!r}: low:high:count needs two numbers and a whole count >= 1")
        if count == 1:
            return name, [low]
        step = (high - low) / (count - 1)
        values = [low + i * step for i in range(count - 1)] + [high]
        if all(isinstance(x, int) for x in (low, high)) and all(float(v).is_integer() for v in values):
            values = [int(v) for v in values]
        return name, values
    return name, [parse_value(v) for v in text.split(",")]


def parse_axes(items: Iterable[str]) -> dict[str, list[Any]]:
    """Command-line axes by parameter; a parameter given twice is a ParameterError."""
    axes: dict[str, list[Any]] = {}
    for item in items:
        name, values = parse_axis(item)
        if name in axes:
            raise ParameterError(f"parameter {name!r} is given twice")
        axes[name] = values
    return axes

