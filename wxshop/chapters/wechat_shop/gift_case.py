"""The 东方甄选 gift case (1.2): the one number the edition derives from the report's sentences."""
from __future__ import annotations

from wxshop import checks


def multiple_of_previous_day(growth: float) -> float:
    """A day's GMV as a multiple of the day before, from its day-over-day growth (16.22 for +1622% -> 17.22)."""
    rate = checks.number(growth, "growth")
    if rate <= -1:
        raise ValueError(f"growth must be above -1 (a fall of 100% or more has no multiple), got {growth!r}")
    return 1 + rate
