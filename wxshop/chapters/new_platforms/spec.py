"""Section 4.3: the report's heading, its exhibits and the allocator's parameters."""
from __future__ import annotations

from typing import Any

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

CASES = ("low", "mid", "high")
CASE_LABELS = (N_("低值情形"), N_("中值情形"), N_("高值情形"))
OBJECTIVES = ("reach", "engagements", "conversions")
OBJECTIVE_LABELS = (N_("曝光（触达人数）"), N_("互动"), N_("转化"))
# The controls' labels of each creator's inputs (message ids: the shared code translates them where shown).
CREATOR_LABELS = {
    "KOC": (N_("KOC 单篇投放成本"), N_("KOC 粉丝量"), N_("KOC 互动率")),
    "KOL": (N_("KOL 单篇投放成本"), N_("KOL 粉丝量"), N_("KOL 互动率")),
}


def _creator_params(prefix: str, who: str) -> list[Param]:
    cost, followers, engagement = CREATOR_LABELS[who]
    return [
        Param(f"{prefix}_cost_per_post", "number", f"{who} cost per post, 元 (None: the case's value)",  # i18n: key
              label=cost, unit="元",  # i18n: key
              minimum=0, maximum=10_000_000, exclusive_minimum=True,
              optional=True),
        Param(f"{prefix}_followers", "number", f"{who} followers per creator, 人 (None: the case's value)",  # i18n: key
              label=followers, unit="人",  # i18n: key
              minimum=0, maximum=1_000_000_000, exclusive_minimum=True,
              optional=True),
        Param(f"{prefix}_engagement_rate", "number",
              f"{who} engagement rate as a fraction, 0.05 = 5% (None: the case's value)",
              label=engagement, unit="比率",  # i18n: key
              minimum=0, maximum=1, exclusive_minimum=True, optional=True),
    ]


def _step_divides_one(values: dict[str, Any]) -> str | None:
    step = values["share_step"]
    if abs(round(1 / step) * step - 1) > 1e-9:
        return (f"parameter 'share_step' = {step!r} is not allowed; "
                "expected a step that divides 1 evenly (e.g. 0.05, 0.1, 0.25)")
    return None


SPEC = Spec(
    stem="new_platforms",
    title=N_("4.3 对新入电商平台启示：技术驱动，依托自身流量特色与基因驱动用户需求"),
    exhibits=(52, 53),
    params=(
        Param("budget", "number", "total budget, 元",  # i18n: key
              label=N_("总预算"),
              unit="元",  # i18n: key
              source="assumptions:new_platforms.budget", minimum=0, maximum=1_000_000_000, exclusive_minimum=True),
        Param("case", "choice", "which case of the report's ranges: low, mid or high", label=N_("情形"),
              choice_default="mid", choices=CASES, choice_labels=CASE_LABELS),
        Param("objective", "choice", "what the budget should maximise: reach, engagements or conversions",
              label=N_("目标"), choice_default="engagements", choices=OBJECTIVES, choice_labels=OBJECTIVE_LABELS),
        *_creator_params("koc", "KOC"),
        *_creator_params("kol", "KOL"),
        Param("koc_pool", "number", "people a KOC matrix in the brand's niche can reach at most (saturation)",
              label=N_("KOC 可触达受众池"),
              unit="人",  # i18n: key
              source="assumptions:new_platforms.koc_pool",
              minimum=0, maximum=2_000_000_000, exclusive_minimum=True),
        Param("kol_pool", "number", "people KOL posts can reach at most (saturation)",
              label=N_("KOL 可触达受众池"),
              unit="人",  # i18n: key
              source="assumptions:new_platforms.kol_pool",
              minimum=0, maximum=2_000_000_000, exclusive_minimum=True),
        Param("conversion_rate", "number", "conversions per KOC engagement, as a fraction",
              label=N_("KOC 互动转化率"),
              unit="比率",  # i18n: key
              source="assumptions:new_platforms.conversion_rate",
              minimum=0, maximum=1),
        Param("kol_trust", "number", "KOL conversion rate relative to KOC's (trust), 0-1",
              label=N_("KOL 相对信任系数"),
              unit="比率",  # i18n: key
              source="assumptions:new_platforms.kol_trust",
              minimum=0, maximum=1),
        Param("share_step", "number", "step of the KOC share grid, as a fraction (1 must be a multiple)",
              label=N_("KOC 预算占比的网格步长"),
              unit="比率",  # i18n: key
              source="assumptions:new_platforms.share_step",
              minimum=0, maximum=0.5, exclusive_minimum=True),
    ),
    rules=(_step_divides_one,),
    question=N_("一笔推广预算，该分多少给 KOC、多少给 KOL？"),
    models=(
        Model("wxshop.chapters.new_platforms.model.allocation_curve", N_("KOC与KOL预算分配模型"),
              N_("把预算在KOC与KOL之间按不同比例分配，在收益递减下计算每种分配的效果。")),
    ),
)
