"""Input checks shared by the models and the number formats: one message for one mistake."""
from __future__ import annotations

import math
from numbers import Real


def number(value: object, name: str = "value") -> float:
    """``value`` as a finite float; a TypeError for a non-number (bools included), a ValueError for nan/inf."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    result = float(value)
    if math.isnan(result) or math.isinf(result):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def fraction(value: object, name: str) -> float:
    """``value`` as a float in [0, 1], or a ValueError naming ``name``, the value and the range."""
    result = number(value, name)
    if not 0 <= result <= 1:
        raise ValueError(f"{name} must be between 0 and 1 (0%–100%), got {value!r}")
    return result


def amount(value: object, name: str) -> float:
    """``value`` as a float >= 0 (a GMV or revenue in 元)."""
    result = number(value, name)
    if result < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return result
