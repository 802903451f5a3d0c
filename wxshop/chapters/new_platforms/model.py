"""KOC vs KOL budget allocator with diminishing returns (report 4.3, 图表53).

A brand splits a budget between KOC posts (素人博主) and KOL posts (大V网红). Each post costs the
creator's price; posts are whole, and money that cannot buy another post stays unspent.

Response per creator type (the marketing-mix idea of Robyn, Meridian and PyMC-Marketing, kept
small): ``n`` posts of a creator with ``F`` followers each, drawn into an addressable audience
pool of ``A`` people, reach ``A * (1 - exp(-n * F / A))`` distinct people: the first posts reach
new people, later ones mostly people already reached (a KOC matrix in one niche overlaps). With
``A`` infinite (no saturation) reach is ``n * F``, the linear model. Engagements are reach times
the creator's engagement rate; conversions are engagements times a conversion rate, which for a
KOL is the KOC rate times a trust factor (the report: KOC "信任感强", KOL "易被认为是广告").

The report gives ranges for followers, engagement rate and cost per post (图表53); the pools, the
conversion rate and the trust factor are the edition's assumptions (``data/assumptions.csv``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from wxshop import checks
from wxshop.chapters.new_platforms import spec

CREATORS = ("KOC", "KOL")
CASES = spec.CASES
CASE_LABELS = dict(zip(spec.CASES, spec.CASE_LABELS))
OBJECTIVES = spec.OBJECTIVES
OBJECTIVE_LABELS = dict(zip(spec.OBJECTIVES, spec.OBJECTIVE_LABELS))
COLUMNS = ("koc_share", "koc_budget", "kol_budget", "koc_posts", "kol_posts", "spent", "unspent",
           "koc_reach", "kol_reach", "reach", "engagements", "conversions", "cost_per_engagement")


def _positive(value: object, name: str, upper: float | None = None) -> float:
    number = checks.number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    if upper is not None and number > upper:
        raise ValueError(f"{name} must be at most {upper:g}, got {value!r}")
    return number


@dataclass(frozen=True)
class Creator:
    """What one post by one kind of creator costs and brings, and the audience it draws on."""

    cost_per_post: float  # 元 per post
    followers: float  # 人 per creator
    engagement_rate: float  # engagements per person reached, as a fraction
    pool: float = math.inf  # addressable audience, 人 (inf: no saturation)
    conversion_rate: float = 0.0  # conversions per engagement, as a fraction

    def __post_init__(self) -> None:
        _positive(self.cost_per_post, "cost_per_post")
        _positive(self.followers, "followers")
        _positive(self.engagement_rate, "engagement_rate", upper=1)
        if not (isinstance(self.pool, Real) and not isinstance(self.pool, bool) and self.pool > 0):
            raise ValueError(f"pool must be a positive number of people (or inf), got {self.pool!r}")
        rate = checks.number(self.conversion_rate, "conversion_rate")
        if not 0 <= rate <= 1:
            raise ValueError(f"conversion_rate must be between 0 and 1, got {self.conversion_rate!r}")


def reach(posts: float, creator: Creator) -> float:
    """Distinct people reached by ``posts`` posts: saturating in the creator's pool."""
    nominal = posts * creator.followers
    if math.isinf(creator.pool):
        return nominal
    return creator.pool * -math.expm1(-nominal / creator.pool)


def response(posts: float, creator: Creator) -> dict[str, float]:
    """Reach, engagements and conversions of ``posts`` posts of one creator type."""
    people = reach(posts, creator)
    engagements = people * creator.engagement_rate
    return {"reach": people, "engagements": engagements, "conversions": engagements * creator.conversion_rate}


def cost_per_engagement(creator: Creator) -> float:
    """元 per engagement of a single post: cost / (followers x engagement rate)."""
    return creator.cost_per_post / (creator.followers * creator.engagement_rate)


def allocate(budget: float, koc_share: float, koc: Creator, kol: Creator) -> dict[str, float]:
    """Spend ``koc_share`` of ``budget`` on KOC posts and the rest on KOL posts.

    Returns posts bought, money spent and left, reach (per type and total), engagements,
    conversions and cost per engagement (``nan`` when nothing is bought).
    """
    budget = _positive(budget, "budget")
    if isinstance(koc_share, bool) or not isinstance(koc_share, Real) or not 0 <= float(koc_share) <= 1:
        raise ValueError(f"koc_share must be a number from 0 to 1, got {koc_share!r}")
    # Rounded to the fen so that 0.29 x 100000 buys the posts 29000 buys.
    koc_budget = round(budget * float(koc_share), 2)
    kol_budget = round(budget - koc_budget, 2)
    koc_posts = math.floor(koc_budget / koc.cost_per_post)
    kol_posts = math.floor(kol_budget / kol.cost_per_post)
    spent = koc_posts * koc.cost_per_post + kol_posts * kol.cost_per_post
    a, b = response(koc_posts, koc), response(kol_posts, kol)
    engagements = a["engagements"] + b["engagements"]
    return {
        "koc_share": float(koc_share),
        "koc_budget": koc_budget,
        "kol_budget": kol_budget,
        "koc_posts": koc_posts,
        "kol_posts": kol_posts,
        "spent": spent,
        "unspent": budget - spent,
        "koc_reach": a["reach"],
        "kol_reach": b["reach"],
        "reach": a["reach"] + b["reach"],
        "engagements": engagements,
        "conversions": a["conversions"] + b["conversions"],
        "cost_per_engagement": spent / engagements if engagements > 0 else math.nan,
    }


def marginal_per_yuan(spend: float, creator: Creator, objective: str) -> float:
    """What the next post adds to ``objective`` per 元 spent on it, after spending ``spend`` on this type.

    It is the same response function evaluated one whole post further: (response(n+1) - response(n)) / cost.
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}, got {objective!r}")
    return marginals_per_yuan(spend, creator)[objective]


def marginals_per_yuan(spend: float, creator: Creator) -> dict[str, float]:
    """:func:`marginal_per_yuan` for every objective at once (one evaluation of the next post)."""
    posts = math.floor(round(checks.amount(spend, "spend"), 2) / creator.cost_per_post)
    now, more = response(posts, creator), response(posts + 1, creator)
    return {objective: (more[objective] - now[objective]) / creator.cost_per_post for objective in OBJECTIVES}


def share_grid(step: float = 0.05) -> list[float]:
    """KOC shares from 0 to 1 inclusive, ``step`` apart (``1/step`` must be whole)."""
    _positive(step, "step", upper=1)
    count = round(1 / step)
    if abs(count * step - 1) > 1e-9:
        raise ValueError(f"step must divide 1 evenly, got {step!r}")
    return [i / count for i in range(count + 1)]


def curve_columns(budget: float, koc: Creator, kol: Creator, step: float = 0.05) -> dict[str, np.ndarray]:
    """:func:`allocation_curve`'s columns (a sweep reads thousands of curves and needs no frame around them)."""
    rows = []
    for share in share_grid(step):
        row = allocate(budget, share, koc, kol)
        koc_next, kol_next = marginals_per_yuan(row["koc_budget"], koc), marginals_per_yuan(row["kol_budget"], kol)
        for objective in OBJECTIVES:
            row[f"koc_marginal_{objective}"] = koc_next[objective]
            row[f"kol_marginal_{objective}"] = kol_next[objective]
        rows.append(row)
    return {column: np.array([row[column] for row in rows]) for column in rows[0]}


def allocation_curve(budget: float, koc: Creator, kol: Creator, step: float = 0.05) -> pd.DataFrame:
    """:func:`allocate` for every KOC share from 0% to 100%, with each side's marginal return per 元."""
    return pd.DataFrame(curve_columns(budget, koc, kol, step), copy=False)


def best_index(columns: dict[str, np.ndarray] | pd.DataFrame, objective: str = "engagements") -> int:
    """The position of :func:`best_share`'s row in a curve's columns (or frame)."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}, got {objective!r}")
    totals = np.asarray(columns[objective], dtype=float)
    if len(totals) == 0:
        raise ValueError("curve has no rows")
    costs = np.asarray(columns["cost_per_engagement"], dtype=float)
    shares = np.asarray(columns["koc_share"], dtype=float)

    def rank(i: int) -> tuple[float, float, float, int]:  # most first (missing last), then cheapest, then lowest
        total, cost = totals[i], costs[i]
        return (math.inf if math.isnan(total) else -total, math.inf if math.isnan(cost) else cost, shares[i], i)

    return min(range(len(totals)), key=rank)


def best_share(curve: pd.DataFrame, objective: str = "engagements") -> pd.Series:
    """The row with the most ``objective``; ties go to the lower cost per engagement, then the lower share."""
    return curve.iloc[best_index(curve, objective)]


def scenario_grid(budgets: list[float], cases: dict[str, tuple[Creator, Creator]], step: float = 0.05) -> pd.DataFrame:
    """Curves for every budget and case, with ``best_<objective>`` marking each curve's best share.

    This table is what the reader's chart filters with its controls.
    """
    frames = []
    for case, (koc, kol) in cases.items():
        for budget in budgets:
            curve = allocation_curve(budget, koc, kol, step)
            curve.insert(0, "case", case)
            curve.insert(0, "budget", float(budget))
            for objective in OBJECTIVES:
                curve[f"best_{objective}"] = curve.index == best_share(curve, objective).name
            frames.append(curve)
    return pd.concat(frames, ignore_index=True)


def cases_from_table(table: pd.DataFrame, saturation: dict[str, float] | None = None,
                     conversion_rate: float = 0.0, kol_trust: float = 1.0) -> dict[str, tuple[Creator, Creator]]:
    """Each case's (KOC, KOL) pair from the long table ``data/koc_kol_cases.csv``.

    ``saturation`` gives each type's pool (``{"KOC": people, "KOL": people}``; missing: no
    saturation); ``conversion_rate`` is the KOC conversion rate and ``kol_trust`` the KOL's
    conversion rate relative to it.
    """
    saturation = saturation or {}
    trust = checks.number(kol_trust, "kol_trust")
    if not 0 <= trust <= 1:
        raise ValueError(f"kol_trust must be between 0 and 1, got {kol_trust!r}")
    values = {(case, creator, name): float(value) for case, creator, name, value in
              zip(*(table[column].tolist() for column in ("case", "creator", "parameter", "value")))}
    cases = {}
    for case in CASES:
        pair = []
        for creator in CREATORS:
            fields = [values.get((case, creator, name)) for name in ("cost_per_post", "followers", "engagement_rate")]
            if None in fields:
                missing = [n for n, v in zip(("cost_per_post", "followers", "engagement_rate"), fields) if v is None]
                raise ValueError(f"koc_kol_cases has no {missing} for case {case!r}, creator {creator}")
            rate = conversion_rate * (trust if creator == "KOL" else 1.0)
            pair.append(Creator(*fields, saturation.get(creator, math.inf), rate))
        cases[case] = (pair[0], pair[1])
    return cases


def with_overrides(creator: Creator, **values: float | None) -> Creator:
    """A copy of ``creator`` with any given (non-None) values replaced (an analyst's own assumptions)."""
    fields = {name: getattr(creator, name) for name in
              ("cost_per_post", "followers", "engagement_rate", "pool", "conversion_rate")}
    unknown = set(values) - set(fields)
    if unknown:
        raise ValueError(f"unknown creator field(s): {', '.join(sorted(unknown))}")
    fields.update({k: v for k, v in values.items() if v is not None})
    return Creator(**fields)
