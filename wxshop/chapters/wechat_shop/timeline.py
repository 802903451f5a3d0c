"""The timeline of Tencent's e-commerce attempts (report 1.1 and 图表2): each event over the period the
report gives.

The report dates its events to different precisions (a day, a month, a quarter or only a year); an
event is drawn over that whole period (:func:`wxshop.charts.timeline.period`), never as an invented day.
"""
from __future__ import annotations

import pandas as pd

from wxshop.charts.timeline import PRECISION_LABELS, PRECISIONS, Period, period  # noqa: F401  (the shared dates)

ATTEMPTS = ("尝试一", "尝试二", "尝试三")  # i18n: key (the data's attempt names, in the report's order)
COLUMNS = ("row", "attempt", "when", "label", "precision", "precision_label", "start", "end", "mid",
           "conflicts_with", "source", "quote", "note")


def events(table: pd.DataFrame) -> pd.DataFrame:
    """One row per event of ``tencent_ecommerce_events`` with its period, in the order the chart lists them:
    by attempt, then by start (ties keep the file's order)."""
    rows = []
    for record in table.to_dict("records"):
        span = period(str(record["when"]))
        conflict = record.get("conflicts_with")
        rows.append({
            "row": int(record["row"]), "attempt": record["attempt"], "when": record["when"], "label": record["label"],
            "precision": span.precision, "precision_label": PRECISION_LABELS[span.precision],
            "start": span.start.isoformat(), "end": span.end.isoformat(), "mid": span.mid.isoformat(),
            "conflicts_with": None if conflict is None or pd.isna(conflict) else int(conflict),
            "source": record["source"], "quote": record["quote"],
            "note": "" if record.get("note") is None or pd.isna(record.get("note")) else str(record["note"]),
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    unknown = set(frame["attempt"]) - set(ATTEMPTS)
    if unknown:
        raise ValueError(f"unknown attempt(s) {sorted(unknown)}; the report's are {', '.join(ATTEMPTS)}")
    missing = set(frame["conflicts_with"].dropna()) - set(frame["row"])
    if missing:
        raise ValueError(f"conflicts_with names rows that do not exist: {sorted(missing)}")
    order = frame["attempt"].map(ATTEMPTS.index)
    return frame.assign(_order=order).sort_values(["_order", "start", "row"], kind="stable").drop(
        columns="_order").reset_index(drop=True)
