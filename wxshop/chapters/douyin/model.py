"""人找货 vs 货找人 (report 4.1, 图表46–47): a search-led and a content-led funnel, and a cold start.

**The funnels.** Of ``users`` people, a share ``intent`` have a purchase intent for the category.

- 人找货 (search-led): an intent user searches; a share ``search_reach`` of them reach the product,
  and a share ``search_conversion`` of those order. Orders = users x intent x reach x conversion.
  Every search order is planned: the user came with the need.
- 货找人 (content-led): the feed shows the product to a share ``exposure`` of all users, whatever
  their intent. An exposed user who already had the intent is taken to be interested (the feed
  matched a need she had); an exposed user without it becomes interested with probability
  ``interest`` (the content creates the need, "无意间被激发购物兴趣"). A share
  ``content_conversion`` of the interested order. Orders from users without a prior intent are the
  unplanned purchases (非计划性消费)::

      planned   = users x exposure x intent x conversion
      unplanned = users x exposure x (1 - intent) x interest x conversion

  The unplanned share is unplanned / (planned + unplanned); it is undefined (nan) with no orders.

**The cold start** (图表47's 冷启动处理 row). A new product with ``potential`` possible buyers
reaches them by the Bass diffusion model (Bass 1969): cumulative buyers
``F(t) = m (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})``, where ``p`` is the share of the remaining
buyers a channel converts each day by itself and ``q`` the spread from buyers already reached.
Search ads convert at a steady paid rate and do not spread (q = 0: the curve is
``m (1 - e^{-pt})``); a viral video starts from a small traffic pool (small ``p``) and spreads
(``q`` > 0). The days to reach ``n`` orders have a closed form,
``t = ln((1 + (q/p) x) / (1 - x)) / (p + q)`` with ``x = n / m``, which falls as ``q`` or ``p`` rises.

Rates are fractions (0.1 = 10%); ``p`` and ``q`` are per day. Every number is illustrative: the
report gives none of them (the defaults are ``data/assumptions.csv`` rows).
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from wxshop import checks
from wxshop.checks import fraction
from wxshop.i18n import N_

USERS = 10_000  # the funnels count orders per 1万 users (a unit, not an assumption)
FUNNELS = ("search", "content")
FUNNEL_LABELS = {"search": N_("人找货（搜索）"), "content": N_("货找人（内容）")}  # translated where shown
CHANNELS = ("search_ads", "viral_video")
CHANNEL_LABELS = {"search_ads": N_("搜索广告"), "viral_video": N_("爆款视频")}  # translated where shown


def _people(value: object, name: str) -> float:
    number = checks.number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be a positive number of people, got {value!r}")
    return number


def _rate_per_day(value: object, name: str) -> float:
    number = checks.number(value, name)
    if number < 0:
        raise ValueError(f"{name} must be >= 0 (a rate per day), got {value!r}")
    return number


# --------------------------------------------------------------------------- the funnels

def search_funnel(intent: float, reach: float, conversion: float, users: float = USERS) -> dict[str, float]:
    """人找货: intent users who search, reach the product and order. All of its orders are planned."""
    users = _people(users, "users")
    searchers = users * fraction(intent, "intent")
    reached = searchers * fraction(reach, "search_reach")
    orders = reached * fraction(conversion, "search_conversion")
    return {"reached": reached, "planned": orders, "unplanned": 0.0, "orders": orders,
            "unplanned_share": 0.0 if orders > 0 else math.nan}


def content_funnel(intent: float, exposure: float, interest: float, conversion: float,
                   users: float = USERS) -> dict[str, float]:
    """货找人: exposed users with an intent (interested) plus exposed users whose interest is sparked, who order."""
    users = _people(users, "users")
    intent = fraction(intent, "intent")
    exposed = users * fraction(exposure, "exposure")
    interest = fraction(interest, "interest")
    conversion = fraction(conversion, "content_conversion")
    interested_planned = exposed * intent
    interested_unplanned = exposed * (1 - intent) * interest
    planned = interested_planned * conversion
    unplanned = interested_unplanned * conversion
    orders = planned + unplanned
    return {"reached": interested_planned + interested_unplanned, "planned": planned, "unplanned": unplanned,
            "orders": orders, "unplanned_share": unplanned / orders if orders > 0 else math.nan}


def funnels(intent: float, search_reach: float, search_conversion: float, exposure: float, interest: float,
            content_conversion: float, users: float = USERS) -> pd.DataFrame:
    """Both funnels side by side: one row each (funnel, label, reached, planned, unplanned, orders, unplanned_share)."""
    rows = [
        {"funnel": "search", **search_funnel(intent, search_reach, search_conversion, users)},
        {"funnel": "content", **content_funnel(intent, exposure, interest, content_conversion, users)},
    ]
    frame = pd.DataFrame(rows)
    frame.insert(1, "label", frame["funnel"].map(FUNNEL_LABELS))
    return frame


def break_even_exposure(intent: float, search_reach: float, search_conversion: float, interest: float,
                        content_conversion: float) -> float:
    """The exposure at which 货找人 brings as many orders as 人找货 (both funnels are linear in it).

    ``inf`` when content brings no orders at any exposure; may exceed 1 (even full exposure falls short).
    """
    search = search_funnel(intent, search_reach, search_conversion)["orders"]
    per_exposure = content_funnel(intent, 1.0, interest, content_conversion)["orders"]
    if per_exposure == 0:
        return 0.0 if search == 0 else math.inf
    return search / per_exposure


def search_grid(intents: Iterable[float], reaches: Iterable[float], conversions: Iterable[float],
                users: float = USERS) -> pd.DataFrame:
    """:func:`search_funnel` for every combination (columns intent, reach, conversion and the outputs)."""
    rows = [{"intent": i, "reach": r, "conversion": c, **search_funnel(i, r, c, users)}
            for i in intents for r in reaches for c in conversions]
    return pd.DataFrame(rows)


def content_grid(intents: Iterable[float], exposures: Iterable[float], interests: Iterable[float],
                 conversions: Iterable[float], users: float = USERS) -> pd.DataFrame:
    """:func:`content_funnel` for every combination (columns intent, exposure, interest, conversion, outputs)."""
    exposures, interests, conversions = list(exposures), list(interests), list(conversions)
    rows = [{"intent": i, "exposure": e, "interest": k, "conversion": c, **content_funnel(i, e, k, c, users)}
            for i in intents for e in exposures for k in interests for c in conversions]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the cold start

def bass_cumulative(days: float, p: float, q: float, potential: float) -> float:
    """Cumulative buyers after ``days`` (Bass): ``potential (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})``.

    With ``p = 0`` nobody starts buying (0 for every day).
    """
    t = checks.number(days, "days")
    if t < 0:
        raise ValueError(f"days must be >= 0, got {days!r}")
    p, q, m = _rate_per_day(p, "p"), _rate_per_day(q, "q"), _people(potential, "potential")
    if p == 0:
        return 0.0
    decay = math.exp(-(p + q) * t)
    return m * (1 - decay) / (1 + (q / p) * decay)


def days_to_reach(orders: float, p: float, q: float, potential: float) -> float:
    """Days until the Bass curve reaches ``orders`` buyers: ``ln((1 + (q/p)x) / (1 - x)) / (p + q)``, ``x = orders/potential``.

    ``inf`` when it never does (``p = 0``, or ``orders`` at or above ``potential``); 0 for 0 orders.
    """
    n = checks.number(orders, "orders")
    if n < 0:
        raise ValueError(f"orders must be >= 0, got {orders!r}")
    p, q, m = _rate_per_day(p, "p"), _rate_per_day(q, "q"), _people(potential, "potential")
    if n == 0:
        return 0.0
    if p == 0 or n >= m:
        return math.inf
    x = n / m
    return (math.log1p((q / p) * x) - math.log1p(-x)) / (p + q)


def channel_rates(potential: float, ad_daily_orders: float, seed_daily_orders: float,
                  spread_rate: float) -> dict[str, tuple[float, float]]:
    """Each channel's Bass (p, q): p = orders a day at the start / potential buyers; q = 0 for search ads."""
    m = _people(potential, "potential_buyers")
    ads = checks.amount(ad_daily_orders, "ad_daily_orders")
    seed = checks.amount(seed_daily_orders, "seed_daily_orders")
    if ads > m or seed > m:
        raise ValueError(f"orders a day at the start cannot exceed the potential buyers ({m:g}): "
                         f"ad_daily_orders = {ad_daily_orders!r}, seed_daily_orders = {seed_daily_orders!r}")
    return {"search_ads": (ads / m, 0.0), "viral_video": (seed / m, _rate_per_day(spread_rate, "spread_rate"))}


def cold_start(potential: float, target: float, ad_daily_orders: float, seed_daily_orders: float,
               spread_rate: float) -> dict[str, float]:
    """Days for a new product to reach ``target`` orders through search ads and through a viral video."""
    rates = channel_rates(potential, ad_daily_orders, seed_daily_orders, spread_rate)
    return {f"days_{channel}": days_to_reach(target, p, q, potential) for channel, (p, q) in rates.items()}


def cold_start_curves(potential: float, ad_daily_orders: float, seed_daily_orders: float, spread_rate: float,
                      days: Iterable[float]) -> pd.DataFrame:
    """Cumulative orders of both channels on each of ``days`` (columns channel, label, day, orders)."""
    rates = channel_rates(potential, ad_daily_orders, seed_daily_orders, spread_rate)
    rows = [{"channel": channel, "label": CHANNEL_LABELS[channel], "day": float(t),
             "orders": bass_cumulative(t, p, q, potential)}
            for channel, (p, q) in rates.items() for t in days]
    return pd.DataFrame(rows)
