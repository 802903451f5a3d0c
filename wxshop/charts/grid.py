"""The slider-grid helper: the values a reader's control can take, and a model evaluated over them.

A kernel-free control filters rows of a table that the model computed in Python for every
position of every control. :func:`steps` lists a slider's positions (always including the
chapter's own parameter value); :func:`evaluate` calls a model function once per combination.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd


def steps(start: float, stop: float, step: float, include: Iterable[float] = (), digits: int = 6) -> list[float]:
    """``start``, ``start + step`` ... up to ``stop`` (inclusive), plus every value of ``include``.

    Values are rounded to ``digits`` so that a browser's slider value and the table's value compare equal.
    """
    if step <= 0:
        raise ValueError(f"step must be > 0, got {step!r}")
    if stop < start:
        raise ValueError(f"stop ({stop!r}) must be >= start ({start!r})")
    count = int(round((stop - start) / step))
    values = {round(start + k * step, digits) for k in range(count + 1)}
    values |= {round(float(v), digits) for v in include}
    return sorted(values)


def evaluate(model: Callable[..., Mapping[str, Any]], axes: Mapping[str, Iterable[Any]],
             **fixed: Any) -> pd.DataFrame:
    """``model(**fixed, **combination)`` for every combination of ``axes``, one row each.

    Each row holds the combination's axis values and what the model returned (a mapping).
    """
    names = list(axes)
    rows = []
    for combination in itertools.product(*(list(axes[n]) for n in names)):
        point = dict(zip(names, combination))
        rows.append({**point, **model(**fixed, **point)})
    return pd.DataFrame(rows)
