"""The two models of section 2.4: AI vs human content moderation cost (图表25) and AI advertising (图表27).

Moderation. 图表25 prices each kind of content in its own unit: images per 1000 calls, text per 1000
items, audio per hour, live frames per 1000, live audio per hour; video is priced as "图片或视频+0.1
元/千次视频截帧费用" and documents as "图片+0.1 元/千页文档转图片费用". The model reads video as
frames moderated at the image price plus a 0.1元-per-1000 frame-capture fee, and documents as pages
moderated at the image price plus a 0.1元-per-1000 conversion fee. Where the table gives a range,
one ``position`` (0 = the low end, 1 = the high end) picks the point in every range at once. Human
review costs the table's 70元 per 1000 reviews; an image, a text, a frame or a page is one review,
an hour of audio is ``reviews_per_audio_hour`` reviews (an assumption: the table gives no
conversion). Cost = daily volume x unit price x days, so it is linear in every volume.

Advertising. 图表27 lists four uplifts, each with its own example: conversion rate +30% (Google
Performance Max), advertisers' average ROI +32% (Meta), cost per acquired user -30% (no example),
time to make ad material 24h -> 10min (Tencent 妙思). They come from different platforms and do not
describe one advertiser, so the model applies each on its own to the same baseline (spend, clicks,
order value held fixed) and shows the three readings side by side, each scaled by ``strength``
(0 = the baseline, 1 = the uplift as the table states it):

- conversion rate x (1 + 0.30 s): the same clicks convert more;
- cost per acquired user x (1 - 0.30 s): the same spend acquires spend / CAC users;
- ROI x (1 + 0.32 s): revenue = ROI x spend.

ROI here is revenue / spend (投产比, as Chinese e-commerce uses the word). Money in 元, rates as fractions.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from wxshop import checks
from wxshop.chapters.ai_efficiency import spec
from wxshop.checks import amount, fraction
from wxshop.i18n import N_

# --------------------------------------------------------------------------- moderation

MODALITIES = ("image", "text", "audio", "video", "live_frame", "live_audio", "document")
LABELS = {"image": N_("图片"), "text": N_("文本"), "audio": N_("音频"), "video": N_("视频（截帧）"), "live_frame": N_("直播画面"),
          "live_audio": N_("直播声音"), "document": N_("文档（按页）")}
UNITS = {"image": N_("次"), "text": N_("条"), "audio": N_("小时"), "video": N_("帧"), "live_frame": N_("张"), "live_audio": N_("小时"),
         "document": N_("页")}
AUDIO = ("audio", "live_audio")
# Modalities priced as an image plus a fee (图表25's composite prices).
ON_IMAGE_PRICE = ("video", "document")
PRESETS = spec.PRESETS
PRESET_LABELS = dict(zip(spec.PRESETS, spec.PRESET_LABELS))
COLUMNS = ("modality", "label", "unit", "volume", "ai_price", "human_price", "ai_cost", "human_cost", "saving",
           "ai_share")


@dataclass(frozen=True)
class PriceRange:
    """An AI unit price in 元 per unit: ``low`` to ``high`` (equal for a single price), plus a fixed ``surcharge``."""

    low: float
    high: float
    surcharge: float = 0.0

    def __post_init__(self) -> None:
        for name in ("low", "high", "surcharge"):
            amount(getattr(self, name), name)
        if self.high < self.low:
            raise ValueError(f"a price range needs low <= high, got {self.low!r} > {self.high!r}")

    def at(self, position: float) -> float:
        """The price at ``position`` in the range (0 = low end, 1 = high end), plus the surcharge."""
        p = fraction(position, "position")
        return self.low + p * (self.high - self.low) + self.surcharge


def ranges_from_table(table: pd.DataFrame) -> dict[str, PriceRange]:
    """Each modality's AI price range from the ``moderation_prices`` resource (its report rows).

    Video and documents take the image range plus their own surcharge (the table's composite prices).
    """
    rows = table[table["source_type"] == "report"]

    def value(modality: str, component: str) -> float:
        found = rows[(rows["modality"] == modality) & (rows["component"] == component)]
        if len(found) != 1:
            raise ValueError(f"moderation_prices needs one {component} row for {modality}, found {len(found)}")
        return float(found["value"].iloc[0])

    ranges = {m: PriceRange(value(m, "low"), value(m, "high")) for m in ("image", "text", "audio")}
    for m in ("live_frame", "live_audio"):
        ranges[m] = PriceRange(value(m, "fixed"), value(m, "fixed"))
    for m in ON_IMAGE_PRICE:
        ranges[m] = PriceRange(ranges["image"].low, ranges["image"].high, value(m, "surcharge"))
    return {m: ranges[m] for m in MODALITIES}


def human_price_from_table(table: pd.DataFrame) -> float:
    """The table's human review price in 元 per review (70元/千次 -> 0.07)."""
    found = table[(table["modality"] == "human") & (table["source_type"] == "report")]
    if len(found) != 1:
        raise ValueError("moderation_prices needs one human review row")
    return float(found["value"].iloc[0])


def human_reviews_per_unit(reviews_per_audio_hour: float) -> dict[str, float]:
    """Human reviews each unit counts as: 1 for an image, text, frame or page; the assumption for an audio hour."""
    hours = amount(reviews_per_audio_hour, "reviews_per_audio_hour")
    return {m: hours if m in AUDIO else 1.0 for m in MODALITIES}


def unit_prices(ranges: Mapping[str, PriceRange], position: float) -> dict[str, float]:
    """Every modality's AI price in 元 per unit at ``position`` in its range."""
    return {m: r.at(position) for m, r in ranges.items()}


def moderation_costs(volumes: Mapping[str, float], ai_prices: Mapping[str, float], human_price: float,
                     reviews_per_unit: Mapping[str, float], days: float = 30) -> pd.DataFrame:
    """Monthly AI and human cost by modality.

    ``volumes``: units per day; ``ai_prices``: 元 per unit; ``human_price``: 元 per human review;
    ``reviews_per_unit``: human reviews per unit; ``days``: days in the month. Every modality in
    ``volumes`` needs a price and a review count. Columns: modality, label, unit, volume, ai_price,
    human_price (元 per unit), ai_cost, human_cost, saving (human - AI) and ai_share (AI / human;
    NaN when the human cost is 0).
    """
    per_review = amount(human_price, "human_price")
    month = checks.number(days, "days")
    if month <= 0:
        raise ValueError(f"days must be > 0, got {days!r}")
    rows = []
    for modality, volume in volumes.items():
        if modality not in ai_prices or modality not in reviews_per_unit:
            raise ValueError(f"no AI price or human review count for {modality!r}")
        daily = amount(volume, f"volume of {modality}")
        ai_price = amount(ai_prices[modality], f"AI price of {modality}")
        human_unit = per_review * amount(reviews_per_unit[modality], f"reviews per unit of {modality}")
        ai_cost, human_cost = daily * ai_price * month, daily * human_unit * month
        rows.append({"modality": modality, "label": LABELS.get(modality, modality), "unit": UNITS.get(modality, ""),
                     "volume": daily, "ai_price": ai_price, "human_price": human_unit, "ai_cost": ai_cost,
                     "human_cost": human_cost, "saving": human_cost - ai_cost,
                     "ai_share": ai_cost / human_cost if human_cost > 0 else math.nan})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def totals(costs: pd.DataFrame) -> dict[str, float]:
    """Monthly totals: ai_cost, human_cost, saving, ai_share (AI / human) and multiple (human / AI); NaN where undefined."""
    ai, human = float(costs["ai_cost"].sum()), float(costs["human_cost"].sum())
    return {"ai_cost": ai, "human_cost": human, "saving": human - ai,
            "ai_share": ai / human if human > 0 else math.nan, "multiple": human / ai if ai > 0 else math.nan}


def moderation_grid(presets: Mapping[str, Mapping[str, float]], ranges: Mapping[str, PriceRange],
                    positions: Iterable[float], human_price: float, reviews_per_unit: Mapping[str, float],
                    days: float = 30) -> pd.DataFrame:
    """:func:`moderation_costs` for every volume preset and price position, with ``preset`` and ``position`` columns."""
    frames = []
    for preset, volumes in presets.items():
        for position in positions:
            frame = moderation_costs(volumes, unit_prices(ranges, position), human_price, reviews_per_unit, days)
            frame.insert(0, "position", float(position))
            frame.insert(0, "preset", preset)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def presets_from_table(table: pd.DataFrame) -> dict[str, dict[str, float]]:
    """``{preset: {modality: units per day}}`` from ``moderation_presets``, in PRESETS and MODALITIES order."""
    found: dict[str, dict[str, float]] = {}
    for preset in PRESETS:
        rows = table[table["preset"] == preset].set_index("modality")
        missing = [m for m in MODALITIES if m not in rows.index]
        if missing:
            raise ValueError(f"moderation_presets has no {preset} volume for {', '.join(missing)}")
        found[preset] = {m: float(rows.loc[m, "value"]) for m in MODALITIES}
    return found


def with_overrides(volumes: Mapping[str, float], overrides: Mapping[str, float | None]) -> dict[str, float]:
    """``volumes`` with every non-None override (keyed by modality) put in its place."""
    result = dict(volumes)
    for modality, value in overrides.items():
        if value is not None:
            if modality not in result:
                raise ValueError(f"unknown modality {modality!r}; modalities: {', '.join(result)}")
            result[modality] = float(value)
    return result


# --------------------------------------------------------------------------- advertising

READINGS = ("baseline", "conversion_rate", "cac", "roi")
READING_LABELS = {"baseline": N_("基线（不用AI）"), "conversion_rate": N_("按转化率↑30%"), "cac": N_("按获客成本↓30%"),
                  "roi": N_("按ROI↑32%")}
AD_COLUMNS = ("reading", "label", "strength", "conversion_rate", "clicks", "conversions", "cac", "revenue", "roi",
              "change")


@dataclass(frozen=True)
class Uplifts:
    """图表27's uplifts: fractions (conversion_rate 0.30, roi 0.32, cac -0.30) and material time in minutes."""

    conversion_rate: float
    roi: float
    cac: float
    minutes_before: float
    minutes_after: float

    def __post_init__(self) -> None:
        for name in ("conversion_rate", "roi", "cac", "minutes_before", "minutes_after"):
            checks.number(getattr(self, name), name)
        if self.cac <= -1:
            raise ValueError(f"a CAC change must leave a positive cost (> -100%), got {self.cac!r}")
        if self.conversion_rate <= -1 or self.roi <= -1:
            raise ValueError("a conversion-rate or ROI uplift must be > -100%")
        if self.minutes_before < 0 or self.minutes_after < 0:
            raise ValueError("material times must be >= 0 minutes")

    def scaled(self, strength: float) -> "Uplifts":
        """The uplifts at ``strength`` (0: none, the baseline; 1: as the table states them)."""
        s = fraction(strength, "strength")
        return Uplifts(self.conversion_rate * s, self.roi * s, self.cac * s, self.minutes_before,
                       self.minutes_before + s * (self.minutes_after - self.minutes_before))


def uplifts_from_table(table: pd.DataFrame) -> Uplifts:
    """图表27's four report rows of ``ai_ads_uplifts``."""
    rows = table[table["source_type"] == "report"].set_index("id")
    return Uplifts(float(rows.loc["conversion_rate_uplift", "value"]), float(rows.loc["roi_uplift", "value"]),
                   float(rows.loc["cac_change", "value"]), float(rows.loc["creative_minutes_before", "value"]),
                   float(rows.loc["creative_minutes_after", "value"]))


def _positive(value: object, name: str) -> float:
    number = checks.number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return number


def ad_outcomes(spend: float, conversion_rate: float, cac: float, order_value: float, strength: float,
                uplifts: Uplifts) -> pd.DataFrame:
    """The baseline and each uplift's reading at ``strength``, for one month's ``spend`` (元).

    Baseline: conversions = spend / cac, clicks = conversions / conversion_rate, revenue =
    conversions x order_value, ROI = revenue / spend. Each reading keeps spend, clicks and order
    value, changes one thing by its uplift x strength, and derives the rest: a higher conversion
    rate converts the same clicks into more conversions; a lower CAC buys spend / CAC conversions;
    a higher ROI gives revenue = ROI x spend (and conversions = revenue / order value). ``change``
    is each reading's conversions (equally revenue and ROI) relative to the baseline, minus 1.
    """
    spend = _positive(spend, "spend")
    rate = checks.number(conversion_rate, "conversion_rate")
    if not 0 < rate <= 1:
        raise ValueError(f"conversion_rate must be in (0, 1], got {conversion_rate!r}")
    cac = _positive(cac, "cac")
    value = _positive(order_value, "order_value")
    up = uplifts.scaled(strength)
    conversions = spend / cac
    clicks = conversions / rate
    lifted_rate = rate * (1 + up.conversion_rate)
    if lifted_rate > 1:
        raise ValueError(f"conversion_rate {rate!r} raised by {up.conversion_rate:.0%} exceeds 100%")
    by = {
        "baseline": conversions,
        "conversion_rate": clicks * lifted_rate,
        "cac": spend / (cac * (1 + up.cac)),
        # revenue = baseline ROI x (1 + uplift) x spend; at a fixed order value, conversions scale alike.
        "roi": conversions * (1 + up.roi),
    }
    rows = []
    for reading in READINGS:
        n = by[reading]
        revenue = n * value
        rows.append({"reading": reading, "label": READING_LABELS[reading], "strength": float(strength),
                     "conversion_rate": lifted_rate if reading == "conversion_rate" else rate,
                     "clicks": clicks, "conversions": n, "cac": spend / n, "revenue": revenue,
                     "roi": revenue / spend, "change": n / conversions - 1})
    return pd.DataFrame(rows, columns=list(AD_COLUMNS))


def material_minutes(uplifts: Uplifts, strength: float) -> float:
    """Minutes to make ad material at ``strength``: 24h (1440) at 0, the table's 10 at 1, linear between."""
    return uplifts.scaled(strength).minutes_after


def ad_grid(spend: float, conversion_rate: float, cac: float, order_value: float, strengths: Iterable[float],
            uplifts: Uplifts) -> pd.DataFrame:
    """:func:`ad_outcomes` for every strength, with the material time in ``minutes``."""
    frames = []
    for s in strengths:
        frame = ad_outcomes(spend, conversion_rate, cac, order_value, s, uplifts)
        frame["minutes"] = material_minutes(uplifts, s)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
