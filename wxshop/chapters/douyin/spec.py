"""Chapter 四 (4.1–4.2): the report's heading, its exhibits and the two models' parameters."""
from __future__ import annotations

from typing import Any

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

MAX_PEOPLE = 2_000_000_000  # more than China's population: any audience an analyst may try


def _rate(name: str, help_text: str, label: str) -> Param:
    return Param(name, "number", help_text, label=label, unit="比率", source=f"assumptions:douyin.{name}",  # i18n: key
                 minimum=0, maximum=1)


def _target_below_potential(values: dict[str, Any]) -> str | None:
    if values["target_orders"] >= values["potential_buyers"]:
        return (f"parameter 'target_orders' = {values['target_orders']!r} is not allowed with potential_buyers = "
                f"{values['potential_buyers']!r}; expected target_orders < potential_buyers")
    return None


def _daily_orders_within_potential(values: dict[str, Any]) -> str | None:
    for name in ("ad_daily_orders", "seed_daily_orders"):
        if values[name] > values["potential_buyers"]:
            return (f"parameter {name!r} = {values[name]!r} is not allowed with potential_buyers = "
                    f"{values['potential_buyers']!r}; expected {name} <= potential_buyers")
    return None


SPEC = Spec(
    stem="douyin",
    title=N_("四、抖音电商成功启示：技术驱动行业变革，流量特点打造生态"),
    exhibits=tuple(range(44, 52)),
    params=(
        _rate("intent", "share of users with a purchase intent for the category in the period, 0-1",
              N_("有购买意向的用户占比")),
        _rate("search_reach", "share of intent users whose search reaches the product, 0-1", N_("搜索触达率")),
        _rate("search_conversion", "share of users reached by search who order, 0-1", N_("搜索转化率")),
        _rate("exposure", "share of all users the feed shows the product to, 0-1", N_("内容曝光率")),
        _rate("interest", "share of exposed users without a prior intent whose interest the content sparks, 0-1",
              N_("兴趣激发率")),
        _rate("content_conversion", "share of interested users who order, 0-1", N_("内容转化率")),
        Param("potential_buyers", "number", "people who would buy the new product at some point (Bass market size)",
              label=N_("潜在买家数"), unit=N_("人"), source="assumptions:douyin.potential_buyers",
              minimum=0, maximum=MAX_PEOPLE, exclusive_minimum=True),
        Param("target_orders", "number", "orders the cold start should reach", label=N_("冷启动目标订单数"), unit=N_("单"),
              source="assumptions:douyin.target_orders", minimum=0, maximum=MAX_PEOPLE, exclusive_minimum=True),
        Param("ad_daily_orders", "number", "orders a day search ads bring at the start (Bass p x market size)",
              label=N_("搜索广告起步日订单"), unit=N_("单/天"), source="assumptions:douyin.ad_daily_orders",
              minimum=0, maximum=MAX_PEOPLE),
        Param("seed_daily_orders", "number",
              "orders a day a new video's first traffic pool brings before it spreads (Bass p x market size)",
              label=N_("短视频起步日订单"), unit=N_("单/天"), source="assumptions:douyin.seed_daily_orders",
              minimum=0, maximum=MAX_PEOPLE),
        Param("spread_rate", "number", "spread (imitation) rate of a viral video per day, Bass q; 0.3 = 30% a day",
              label=N_("爆款视频传播率（每天）"), unit="比率", source="assumptions:douyin.spread_rate",  # i18n: key
              minimum=0, maximum=5),
    ),
    rules=(_target_below_potential, _daily_orders_within_potential),
    question=N_("用户带着需求去搜，还是由内容把商品推到眼前，哪一种带来更多订单、更多非计划消费？"),
    models=(
        Model("wxshop.chapters.douyin.model.funnels", N_("人找货与货找人漏斗模型"),
              N_("同样的用户分别经过搜索式（人找货）与内容推荐式（货找人）漏斗，比较订单数与计划外订单的占比。")),
        Model("wxshop.chapters.douyin.model.cold_start", N_("新品冷启动模型"),
              N_("比较新品靠搜索广告与靠爆款视频达到目标订单数所需的天数。")),
    ),
)
