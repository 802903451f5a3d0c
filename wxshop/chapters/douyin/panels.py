"""The analysts' ipywidgets panels of chapter 四 (4.1–4.2): any rate or cold-start input, the same models."""
from __future__ import annotations

import math
from typing import Any

from wxshop import units
from wxshop.chapters.douyin import model
from wxshop.chapters.douyin.spec import SPEC
from wxshop.i18n import _, translate
from wxshop.widgets import Panel, field, result_table

FUNNEL_FIELDS = ("intent", "search_reach", "search_conversion", "exposure", "interest", "content_conversion")
COLD_FIELDS = ("potential_buyers", "target_orders", "ad_daily_orders", "seed_daily_orders", "spread_rate")


def _share(value: float) -> str:
    return _("无订单") if math.isnan(value) else units.format_percent(value, 1)


def funnel_panel(p: dict[str, Any]) -> Panel:
    """The six funnel rates (in %); shows both funnels' orders per 1万 users and the unplanned share."""
    spec = SPEC.by_name()
    fields = [field(spec[name]) for name in FUNNEL_FIELDS]

    def compute(v: dict[str, Any]) -> str:
        table = model.funnels(*(v[name] for name in FUNNEL_FIELDS))
        even = model.break_even_exposure(v["intent"], v["search_reach"], v["search_conversion"], v["interest"],
                                         v["content_conversion"])
        body = result_table(table, {
            "label": (_("漏斗"), lambda x: translate(str(x))),
            "orders": (_("订单（每万名用户）"), lambda x: f"{x:,.2f}"),
            "planned": (_("计划内"), lambda x: f"{x:,.2f}"),
            "unplanned": (_("计划外"), lambda x: f"{x:,.2f}"),
            "unplanned_share": (_("计划外占比"), _share),
        })
        shown = _("无法追上") if math.isinf(even) else units.format_percent(even, 1)
        return body + "<p>" + _("货找人的订单追上人找货所需的内容曝光率：<b>{shown}</b>", shown=shown) + "</p>"

    return Panel(fields, {name: p[name] for name in FUNNEL_FIELDS}, compute)


def cold_start_panel(p: dict[str, Any]) -> Panel:
    """Potential buyers, target, start-up orders a day of each channel and the spread rate; shows the days."""
    spec = SPEC.by_name()
    fields = [field(spec[name]) for name in COLD_FIELDS]

    def compute(v: dict[str, Any]) -> str:
        if v["target_orders"] >= v["potential_buyers"]:
            raise ValueError(_("目标订单数须小于潜在买家数"))
        days = model.cold_start(*(v[name] for name in COLD_FIELDS))

        def reached(c: str) -> str:
            d = days[f"days_{c}"]
            return _("永远达不到") if math.isinf(d) else _("{days} 天", days=format(d, ".1f"))

        return "".join("<p>" + _("{channel}达到 {orders} 单：<b>{days}</b>", channel=_(model.CHANNEL_LABELS[c]),
                                  orders=f"{v['target_orders']:,.0f}", days=reached(c)) + "</p>"
                       for c in model.CHANNELS)

    return Panel(fields, {name: p[name] for name in COLD_FIELDS}, compute)
