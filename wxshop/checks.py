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
