"""KOC vs KOL budget allocator (report 4.3, 图表53).

A brand splits a budget between KOC posts (素人博主) and KOL posts (大V网红). Each post costs the
creator's price, reaches the creator's followers once, and earns engagements at the creator's
engagement rate. Posts are whole: money that cannot buy another post stays unspent.

These are the report's four comparison dimensions made into a model; the reach and engagement
arithmetic (reach = posts x followers, engagements = reach x rate) is the model's assumption.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import pandas as pd

from wxshop import checks

CREATORS = ("KOC", "KOL")
CASES = ("low", "mid", "high")
CASE_LABELS = {"low": "低值情形", "mid": "中值情形", "high": "高值情形"}
COLUMNS = ("koc_share", "koc_budget", "kol_budget", "koc_posts", "kol_posts", "spent", "unspent",
           "reach", "engagements", "cost_per_engagement")


def _positive(value: object, name: str, upper: float | None = None) -> float:
    number = checks.number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    if upper is not None and number > upper:
        raise ValueError(f"{name} must be at most {upper:g}, got {value!r}")
    return number


@dataclass(frozen=True)
class Creator:
    """What one post by one kind of creator costs and brings."""

    cost_per_post: float  # 元 per post
    followers: float  # 人 per creator
    engagement_rate: float  # engagements per follower reached, as a fraction

    def __post_init__(self) -> None:
        _positive(self.cost_per_post, "cost_per_post")
        _positive(self.followers, "followers")
        _positive(self.engagement_rate, "engagement_rate", upper=1)


def cost_per_engagement(creator: Creator) -> float:
    """元 per engagement when the whole post is bought: cost / (followers x engagement rate)."""
    return creator.cost_per_post / (creator.followers * creator.engagement_rate)


def allocate(budget: float, koc_share: float, koc: Creator, kol: Creator) -> dict[str, float]:
    """Spend ``koc_share`` of ``budget`` on KOC posts and the rest on KOL posts.

    Returns posts bought, money spent and left, reach, engagements and cost per engagement
    (``nan`` when nothing is bought).
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
    reach = koc_posts * koc.followers + kol_posts * kol.followers
    engagements = koc_posts * koc.followers * koc.engagement_rate + kol_posts * kol.followers * kol.engagement_rate
    return {
        "koc_share": float(koc_share),
        "koc_budget": koc_budget,
        "kol_budget": kol_budget,
        "koc_posts": koc_posts,
        "kol_posts": kol_posts,
        "spent": spent,
        "unspent": budget - spent,
        "reach": reach,
        "engagements": engagements,
        "cost_per_engagement": spent / engagements if engagements > 0 else math.nan,
    }


def share_grid(step: float = 0.05) -> list[float]:
    """KOC shares from 0 to 1 inclusive, ``step`` apart (``1/step`` must be whole)."""
    _positive(step, "step", upper=1)
    count = round(1 / step)
    if abs(count * step - 1) > 1e-9:
        raise ValueError(f"step must divide 1 evenly, got {step!r}")
    return [i / count for i in range(count + 1)]


def allocation_curve(budget: float, koc: Creator, kol: Creator, step: float = 0.05) -> pd.DataFrame:
    """:func:`allocate` for every KOC share from 0% to 100%."""
    return pd.DataFrame([allocate(budget, share, koc, kol) for share in share_grid(step)], columns=list(COLUMNS))


def best_share(curve: pd.DataFrame) -> pd.Series:
    """The row with the most engagements; ties go to the lower cost per engagement, then the lower share."""
    if curve.empty:
        raise ValueError("curve has no rows")
    ranked = curve.assign(_cpe=curve["cost_per_engagement"].fillna(math.inf))
    ranked = ranked.sort_values(["engagements", "_cpe", "koc_share"], ascending=[False, True, True], kind="stable")
    return curve.loc[ranked.index[0]]


def scenario_grid(budgets: list[float], cases: dict[str, tuple[Creator, Creator]], step: float = 0.05) -> pd.DataFrame:
    """Curves for every budget and case, with ``is_best`` marking each curve's best share.

    This table is what the reader's chart filters with its slider and dropdown.
    """
    frames = []
    for case, (koc, kol) in cases.items():
        for budget in budgets:
            curve = allocation_curve(budget, koc, kol, step)
            curve.insert(0, "case", case)
            curve.insert(0, "budget", float(budget))
            curve["is_best"] = curve.index == best_share(curve).name
            frames.append(curve)
    return pd.concat(frames, ignore_index=True)


def cases_from_table(table: pd.DataFrame) -> dict[str, tuple[Creator, Creator]]:
    """Build each case's (KOC, KOL) pair from the long table ``data/koc_kol_cases.csv``."""
    cases = {}
    for case in CASES:
        pair = []
        for creator in CREATORS:
            rows = table[(table["case"] == case) & (table["creator"] == creator)]
            values = dict(zip(rows["parameter"], rows["value"]))
            missing = {"cost_per_post", "followers", "engagement_rate"} - set(values)
            if missing:
                raise ValueError(f"koc_kol_cases has no {sorted(missing)} for case {case!r}, creator {creator}")
            pair.append(Creator(float(values["cost_per_post"]), float(values["followers"]),
                                float(values["engagement_rate"])))
        cases[case] = (pair[0], pair[1])
    return cases


def with_overrides(creator: Creator, cost_per_post: float | None = None, followers: float | None = None,
                   engagement_rate: float | None = None) -> Creator:
    """A copy of ``creator`` with any given values replaced (an analyst's own assumptions)."""
    return Creator(
        creator.cost_per_post if cost_per_post is None else cost_per_post,
        creator.followers if followers is None else followers,
        creator.engagement_rate if engagement_rate is None else engagement_rate,
    )
