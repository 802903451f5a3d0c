"""WeChat Shop monetisation (report 1.1): fee revenue if mini-program GMV moved into WeChat Shop.

The report: mini-program e-commerce earns Tencent only a withdrawal technical service fee; if its
GMV turned into WeChat Shop GMV, that would be "可观的商业化增量". If a share ``share`` of the
mini-program GMV moves and WeChat Shop charges ``fee_rate`` on it, the increment is
GMV x share x fee_rate. The withdrawal fee the moved GMV paid before is not netted out (the report
gives no rate for it); the model states the gross increment.

GMV and revenue in 元; share and fee rate are fractions.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from wxshop.checks import amount, fraction

COLUMNS = ("series", "gmv", "share", "fee_rate", "moved_gmv", "revenue")


def incremental_fee_revenue(miniprogram_gmv: float, share: float, fee_rate: float) -> float:
    """元 of new fee revenue: ``miniprogram_gmv`` x ``share`` x ``fee_rate``."""
    return amount(miniprogram_gmv, "miniprogram_gmv") * fraction(share, "share") * fraction(fee_rate, "fee_rate")


def fee_grid(gmv: Mapping[str, float], shares: Iterable[float], fee_rates: Iterable[float]) -> pd.DataFrame:
    """:func:`incremental_fee_revenue` for every GMV series (label -> 元), share and fee rate."""
    shares, fee_rates = list(shares), list(fee_rates)
    rows = []
    for series, value in gmv.items():
        for fee in fee_rates:
            for share in shares:
                rows.append({"series": series, "gmv": float(value), "share": float(share), "fee_rate": float(fee),
                             "moved_gmv": amount(value, "miniprogram_gmv") * fraction(share, "share"),
                             "revenue": incremental_fee_revenue(value, share, fee)})
    return pd.DataFrame(rows, columns=list(COLUMNS))
