"""The 东方甄选 gift case (1.2): the one number the edition derives from the report's sentences."""
from __future__ import annotations

import math


def multiple_of_previous_day(growth: float) -> float:
    """A day's GMV as a multiple of the day before, from its day-over-day growth (16.22 for +1622% -> 17.22)."""
    if not isinstance(growth, (int, float)) or isinstance(growth, bool) or not math.isfinite(growth) or growth <= -1:
        raise ValueError(f"growth must be a finite number above -1 (a fall of 100% or more has no multiple), got {growth!r}")
    return 1 + float(growth)
