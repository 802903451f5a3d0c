"""Platform monetisation (report 3.3): platform revenue = GMV x take rate.

The take rate here is a fee rate charged on GMV. The report states three of them: Taobao's 0.6%
transaction service fee (small merchants under 12万 a year exempt), the 0.6-1% other platforms
charge, and WeChat Shop's technical service fee, mostly 5%. The report's wider 货币化率 (with
advertising, 图表38) has no recoverable numbers; an analyst can explore it with ``shift_pp``,
which adds the same number of percentage points to every platform's rate.

GMV and revenue are in 元; rates and shares are fractions (0.006 = 0.6%).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from wxshop import checks
from wxshop.chapters.omnichannel import spec
from wxshop.checks import amount, fraction
from wxshop.i18n import N_

CASES = spec.CASES
CASE_LABELS = dict(zip(spec.CASES, spec.CASE_LABELS))
# Platforms in the order the book shows them; names as in data/platform_gmv_2023.csv.
PLATFORMS = ("阿里巴巴", "拼多多", "抖音", "快手", "微信视频号")  # i18n: key
# The reader's names (translated where they are shown).
LABELS = dict(zip(PLATFORMS, (N_("淘天（阿里巴巴）"), N_("拼多多"), N_("抖音"), N_("快手"), N_("视频号（微信小店）"))))
# Parameter-name keys (ASCII) for each platform.
KEYS = {"taotian": "阿里巴巴", "pdd": "拼多多", "douyin": "抖音", "kuaishou": "快手", "channels": "微信视频号"}  # i18n: key
# Which of platform_gmv_2023's rows gives each platform's GMV level (the report's where it gives one).
GMV_VARIANTS = {"阿里巴巴": "report", "拼多多": "36Kr", "抖音": "report", "快手": "company",  # i18n: key
                "微信视频号": "LatePost via SCMP"}  # i18n: key
COLUMNS = ("platform", "label", "gmv", "base_rate", "take_rate", "exempt_share", "revenue", "base_revenue",
           "change", "per_pp")


def platform_revenue(gmv: float, take_rate: float, exempt_share: float = 0.0) -> float:
    """Fee revenue in 元: ``gmv`` x (1 - ``exempt_share``) x ``take_rate``.

    ``exempt_share`` is the part of GMV the fee is not charged on (Taobao's small merchants).
    """
    return (amount(gmv, "gmv") * (1 - fraction(exempt_share, "exempt_share"))
            * fraction(take_rate, "take_rate"))


def shifted(rate: float, shift_pp: float, platform: str = "") -> float:
    """``rate`` plus ``shift_pp`` percentage points; a ValueError if the result leaves [0, 1]."""
    base = fraction(rate, f"take rate of {platform}" if platform else "take_rate")
    result = base + checks.number(shift_pp, "shift_pp") / 100
    if not -1e-12 <= result <= 1 + 1e-12:
        raise ValueError(f"shift_pp = {shift_pp!r} moves the take rate of {platform or 'a platform'} "
                         f"from {base:.4%} to {result:.4%}; take rates must stay within 0%–100%")
    return min(max(result, 0.0), 1.0)


def revenue_table(gmv: Mapping[str, float], rates: Mapping[str, float], shift_pp: float = 0.0,
                  exempt: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Revenue by platform at ``rates`` shifted by ``shift_pp`` percentage points.

    Columns: platform, label, gmv, base_rate (before the shift), take_rate (after), exempt_share,
    revenue, base_revenue (at the unshifted rate), change (revenue - base_revenue) and per_pp (the
    revenue one more percentage point of take rate would add). Every platform in ``gmv`` needs a rate.
    """
    exempt = exempt or {}
    missing = [p for p in gmv if p not in rates]
    if missing:
        raise ValueError(f"no take rate for {', '.join(missing)}")
    rows = []
    for platform, value in gmv.items():
        share = exempt.get(platform, 0.0)
        rate = shifted(rates[platform], shift_pp, platform)
        revenue = platform_revenue(value, rate, share)
        base_revenue = platform_revenue(value, rates[platform], share)
        rows.append({"platform": platform, "label": LABELS.get(platform, platform), "gmv": float(value),
                     "base_rate": float(rates[platform]), "take_rate": rate, "exempt_share": float(share),
                     "revenue": revenue, "base_revenue": base_revenue, "change": revenue - base_revenue,
                     "per_pp": platform_revenue(value, 0.01, share)})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def scenario_grid(gmv: Mapping[str, float], rates_by_case: Mapping[str, Mapping[str, float]],
                  shifts: Iterable[float], exempt: Mapping[str, float] | None = None) -> pd.DataFrame:
    """:func:`revenue_table` for every case and shift, with ``case`` and ``shift_pp`` columns."""
    frames = []
    for case, rates in rates_by_case.items():
        for shift in shifts:
            frame = revenue_table(gmv, rates, shift, exempt)
            frame.insert(0, "shift_pp", float(shift))
            frame.insert(0, "case", case)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def rates_from_table(table: pd.DataFrame) -> dict[str, dict[str, float]]:
    """``{case: {platform: rate}}`` from the ``take_rate_cases`` resource, in CASES order."""
    rates: dict[str, dict[str, float]] = {}
    for case in CASES:
        rows = table[table["case"] == case]
        rates[case] = {str(p): float(r) for p, r in zip(rows["platform"], rows["take_rate"])}
    return rates


def gmv_from_table(table: pd.DataFrame, variants: Mapping[str, str] = GMV_VARIANTS) -> dict[str, float]:
    """``{platform: GMV in 元}`` from ``platform_gmv_2023``: one row per platform, as ``variants`` picks."""
    gmv = {}
    for platform, variant in variants.items():
        row = table[(table["platform"] == platform) & (table["variant"] == variant)]
        if row.empty or pd.isna(row["gmv"].iloc[0]):
            raise ValueError(f"platform_gmv_2023 has no GMV for {platform} ({variant})")
        gmv[platform] = float(row["gmv"].iloc[0])
    return gmv


def with_overrides(values: Mapping[str, float], overrides: Mapping[str, float | None],
                   scale: float = 1.0) -> dict[str, float]:
    """``values`` with each non-None override (keyed by platform) times ``scale`` put in its place."""
    result = dict(values)
    for platform, value in overrides.items():
        if value is not None:
            if platform not in result:
                raise ValueError(f"unknown platform {platform!r}; platforms: {', '.join(result)}")
            result[platform] = float(value) * scale
    return result
