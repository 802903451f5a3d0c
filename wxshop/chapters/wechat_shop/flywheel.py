"""The public/private-domain loop of report 1.2 (公域导私域，私域反哺公域), as an illustrative model.

The report describes the mechanism and gives no numbers for it: 公域导私域 (users drawn in through
朋友圈广告 and 搜一搜 are kept in the WeChat Work private pool through 包裹卡 and 客服导流) and 私域反哺公域
(private-pool sales raise the shop's ranking weight in 搜一搜, which brings more natural traffic).
Every rate here is the edition's assumption.

A merchant buys public-domain traffic worth ``public_gmv`` 元 of GMV every month. Month by month
(t = 1, 2, ...), with the pool empty before month 1:

- natural_t = boost x private_{t-1}: the 搜一搜 ranking boost that last month's private GMV earned;
- public_t = public_gmv + natural_t;
- private_t = repurchase x pool_{t-1}: the pool's members order again;
- pool_t = (1 - churn) x pool_{t-1} + capture x public_t: part of this month's public buyers join the
  pool, part of the pool leaves;
- gmv_t = public_t + private_t.

The pool is measured in 元 of its members' first orders (members x their order value): a member who
orders again spends what they spent the first time, so no member count or order value is needed.
Without the loop (``loop=False``, or nothing captured) the merchant's GMV is ``public_gmv`` every
month: that is the baseline. Everything is linear in ``public_gmv``.

GMV in 元; rates are fractions; ``boost`` is 元 of natural GMV per 元 of private GMV.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wxshop import checks

COLUMNS = ("month", "bought", "natural", "public", "private", "pool", "gmv", "baseline", "difference", "cumulative")
MAX_BOOST = 5.0


@dataclass(frozen=True)
class Loop:
    """The loop's inputs: the bought public GMV a month and the four rates."""

    public_gmv: float  # 元 a month
    capture: float  # share of public GMV whose buyers join the pool
    repurchase: float  # share of the pool ordering again each month
    churn: float  # share of the pool lost each month
    boost: float  # 元 of natural public GMV next month per 元 of private GMV

    def __post_init__(self) -> None:
        checks.amount(self.public_gmv, "public_gmv")
        for name in ("capture", "repurchase", "churn"):
            checks.fraction(getattr(self, name), name)
        boost = checks.number(self.boost, "boost")
        if not 0 <= boost <= MAX_BOOST:
            raise ValueError(f"boost must be between 0 and {MAX_BOOST:g}, got {self.boost!r}")


def _months(months: object) -> int:
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"months must be a whole number >= 1, got {months!r}")
    return months


def _run(loop: Loop, months: int, enabled: bool) -> dict[str, list[float]]:
    """The month-by-month recurrence of the module's docstring, as one list per column."""
    if not isinstance(loop, Loop):
        raise TypeError(f"loop must be a Loop, got {type(loop).__name__}")
    count = _months(months)
    capture = loop.capture if enabled else 0.0
    pool = private = cumulative = 0.0
    out: dict[str, list[float]] = {name: [] for name in COLUMNS}
    for month in range(1, count + 1):
        natural = loop.boost * private  # last month's private GMV
        public = loop.public_gmv + natural
        private = loop.repurchase * pool  # last month's pool
        pool = (1 - loop.churn) * pool + capture * public
        gmv = public + private
        difference = gmv - loop.public_gmv
        cumulative += difference
        for name, value in (("month", month), ("bought", loop.public_gmv), ("natural", natural), ("public", public),
                            ("private", private), ("pool", pool), ("gmv", gmv), ("baseline", loop.public_gmv),
                            ("difference", difference), ("cumulative", cumulative)):
            out[name].append(value)
    return out


def simulate(loop: Loop, months: int, enabled: bool = True) -> pd.DataFrame:
    """Month-by-month GMV with the loop (``enabled``) and the baseline without it.

    Columns: month (1..``months``), bought, natural, public, private, pool (end of month), gmv,
    baseline (``public_gmv``), difference (gmv - baseline) and cumulative (its running total).
    With ``enabled=False`` nothing is captured, so gmv equals the baseline every month.
    """
    return pd.DataFrame(_run(loop, months, enabled), columns=list(COLUMNS))


def path(public_gmv: float, capture: float, repurchase: float, churn: float, boost: float,
         months: int) -> dict[str, list[float]]:
    """:func:`simulate` as lists (month, gmv, cumulative): one row of the chart's grid per combination."""
    run = _run(Loop(public_gmv, capture, repurchase, churn, boost), months, True)
    return {"month": run["month"], "gmv": run["gmv"], "cumulative": run["cumulative"]}


def summary(frame: pd.DataFrame) -> dict[str, float]:
    """The last month's GMV with and without the loop, the cumulative difference and its share of the
    baseline's cumulative GMV."""
    if frame.empty:
        raise ValueError("no months to summarise")
    last = frame.iloc[-1]
    base_total = float(frame["baseline"].sum())
    return {"months": int(last["month"]), "gmv": float(last["gmv"]), "baseline": float(last["baseline"]),
            "cumulative": float(last["cumulative"]),
            "uplift": float(last["cumulative"]) / base_total if base_total > 0 else 0.0}
