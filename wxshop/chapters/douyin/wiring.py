"""Chapter 四 (4.1–4.2) wired: data to exhibits and models, the headline figures the prose quotes, the page's parts."""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from wxshop import assumptions, data, i18n, provenance, units
from wxshop.chapters.douyin import charts, model, notes
from wxshop.chapters.douyin.spec import SPEC
from wxshop.charts import caption, described, diagram, exhibit_caption, exhibit_table, exhibit_title
from wxshop.figures import Figure, citation, fact, model_name
from wxshop.i18n import N_, _, translate

FUNNEL_FUNCTION = "wxshop.chapters.douyin.model.funnels"
COLD_FUNCTION = "wxshop.chapters.douyin.model.cold_start"
FUNNEL_PARAMS = ("intent", "search_reach", "search_conversion", "exposure", "interest", "content_conversion")
COLD_PARAMS = ("potential_buyers", "target_orders", "ad_daily_orders", "seed_daily_orders", "spread_rate")
ANCHOR_FACT = "emotional_resonance_order_share"


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


# --------------------------------------------------------------------------- models

def funnel_table(p: dict[str, Any]) -> pd.DataFrame:
    return model.funnels(*(p[name] for name in FUNNEL_PARAMS))


def break_even(p: dict[str, Any]) -> float:
    return model.break_even_exposure(p["intent"], p["search_reach"], p["search_conversion"], p["interest"],
                                     p["content_conversion"])


def cold_start(p: dict[str, Any]) -> dict[str, float]:
    return model.cold_start(*(p[name] for name in COLD_PARAMS))


def anchor() -> float:
    return float(data.load("report_facts").set_index("id").loc[ANCHOR_FACT, "value"])


def funnel_grids(p: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both funnels evaluated at every position of the chart's six sliders (rates in per cent there)."""
    spots = {name: [v / 100 for v in values] for name, values in charts.funnel_positions(p).items()}
    search = model.search_grid(spots["intent"], spots["reach"], spots["sconv"])
    content = model.content_grid(spots["intent"], spots["exposure"], spots["interest"], spots["cconv"])
    return search, content


def _until_clipped(curve: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    """A curve's days up to the first above ``ceiling`` (the chart clips there; later days add only weight)."""
    above = curve.index[curve["orders"] > ceiling]
    return curve if above.empty else curve.loc[:above[0]]


def days_text(days: float) -> str:
    return _("永远达不到") if math.isinf(days) else _("{days}天", days=f"{days:.1f}")


def cold_start_grids(p: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(curves, days) for every position of the two sliders: search ads by orders a day, the video by spread rate."""
    spreads, ads = charts.cold_start_positions(p)
    m, target, seed = p["potential_buyers"], p["target_orders"], p["seed_daily_orders"]
    days = range(charts.HORIZON + 1)
    curves, hits = [], []
    for channel, keys in (("search_ads", ads), ("viral_video", spreads)):
        for key in keys:
            ad, spread = (key, p["spread_rate"]) if channel == "search_ads" else (p["ad_daily_orders"], key / 100)
            curve = model.cold_start_curves(m, ad, seed, spread, days)
            curve = curve[curve["channel"] == channel].reset_index(drop=True)
            curves.append(_until_clipped(curve, 2 * target).assign(key=key))
            reached = model.cold_start(m, target, ad, seed, spread)[f"days_{channel}"]
            hits.append({"channel": channel, "label": _(model.CHANNEL_LABELS[channel]), "key": key,
                         "days": None if math.isinf(reached) else round(reached, 2), "orders": float(target)})
    frame = pd.concat(curves, ignore_index=True)
    frame["orders"] = frame["orders"].round(1)
    frame["label"] = frame["label"].map(translate)
    return frame[["channel", "label", "key", "day", "orders"]], pd.DataFrame(hits)


# --------------------------------------------------------------------------- headline figures

def _dau(table: pd.DataFrame, date: str) -> pd.Series:
    return table[(table["metric"] == "dau") & (table["platform"] == "抖音") & (table["date"] == date)].iloc[0]  # i18n: key


def public_figures() -> list[Figure]:
    """The public numbers the editors' notes quote: express 2018, Douyin's DAU, registrations, anchors."""
    express = data.load("express_delivery")
    y2018 = express[(express["year"] == 2018) & (express["source_type"] == "public")].iloc[0]
    y2019 = express[(express["year"] == 2019) & (express["source_type"] == "public")].iloc[0]
    traffic = data.load("platform_traffic")
    points = charts.dau_points(traffic).set_index("date")
    figures = [
        Figure("express_2018_text", _("2018年快递业务量（国家邮政局）"), units.format_yi(y2018["volume"], ITEMS, 1),
               float(y2018["volume"]), "public", provenance.text(y2018)),
        Figure("express_2018_daily_text", _("2018年日均快递业务量（业务量÷365，推算）"),
               units.format_scaled(y2018["volume"] / 365, ITEMS, 2), float(y2018["volume"] / 365), "public",
               provenance.text(y2018) + _("；除以365天为本版推算")),
        citation("express_2018_source_text", str(y2018["source"]), provenance.text(y2018)),
        Figure("express_2019_text", _("2019年快递业务量（国家邮政局，初值）"), units.format_yi(y2019["volume"], ITEMS, 1),
               float(y2019["volume"]), "public", provenance.text(y2019)),
        citation("express_2019_source_text", str(y2019["source"]), provenance.text(y2019)),
    ]
    for date, key in (("2019-01", "dau_2019_01_text"), ("2019-07", "dau_2019_07_text"),
                      ("2020-01", "dau_2020_01_text"), ("2020-08", "dau_2020_08_text")):
        row, point = _dau(traffic, date), points.loc[date]
        text = point["label"].replace(">", "more than ") if i18n.is_english() else point["label"].replace("＞", "超过")  # i18n: key
        figures.append(Figure(key, _("抖音日活（{date}）", date=date),
                              _("{value}（可信度{grade}）", value=text, grade=row["confidence"]), float(row["value"]),
                              "public", provenance.text(row)))
    regs = traffic[traffic["metric"].isin(["new_company_registrations", "cumulative_company_registrations"])]
    for metric, key in (("new_company_registrations", "reg_new_text"),
                        ("cumulative_company_registrations", "reg_total_text")):
        row = regs[regs["metric"] == metric].iloc[0]
        figures.append(Figure(key, _("直播电商相关企业注册数（2020）"), _("{count}家", count=f"{row['value']:.0f}"),
                              float(row["value"]),
                              "public", provenance.text(row)))
    source = regs.iloc[0]
    figures.append(citation("reg_source_text", str(source["source"]), provenance.text(source)))
    anchors = traffic[traffic["metric"] == "active_ecommerce_anchors"].iloc[0]
    figures.append(Figure("anchors_text", _("2020年上半年活跃电商主播数"),
                          _("超过{number}", number=units.format_scaled(anchors["value"], PEOPLE, 0)),
                          float(anchors["value"]), "public", provenance.text(anchors)))
    figures.append(Figure("anchors_grade_text", _("可信度"), provenance.grade(anchors), None, "public",
                          provenance.text(anchors)))
    return figures


# The unit of each headline figure's value (the data package's words) that its Figure does not carry itself:
# the sweep's columns are named and labelled from it (wxshop.sweep.columns).
HEADLINE_UNITS = {  # i18n: key (the sweep's column names)
    "express_2019_text": "件",  # i18n: key
    "express_2018_text": "件", "express_2018_daily_text": "件/天", "dau_2019_01_text": "人", "dau_2019_07_text": "人",  # i18n: key
    "dau_2020_01_text": "人", "dau_2020_08_text": "人", "reg_new_text": "家", "reg_total_text": "家",  # i18n: key
    "anchors_text": "人", "search_orders_text": "单", "content_orders_text": "单", "content_planned_text": "单",  # i18n: key
    "content_unplanned_text": "单", "unplanned_share_text": "比率", "break_even_text": "比率", "target_text": "单",  # i18n: key
    "spread_text": "比率", "days_ads_text": "天", "days_video_text": "天",  # i18n: key
}
ITEMS, PEOPLE, ORDERS = N_("件"), N_("人"), N_("单")  # unit nouns wxshop.units translates


def orders_text(orders: float) -> str:
    """Orders per 1万 users as the prose quotes them: 96.0单 / 96.0 orders."""
    return _("{number}单", number=f"{orders:,.1f}")


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    facts = data.load("report_facts").set_index("id")
    table = funnel_table(p).set_index("funnel")
    search, content = table.loc["search"], table.loc["content"]
    even = break_even(p)
    days = cold_start(p)
    funnel_inputs = {key: units.format_percent(p[key], 1) for key in FUNNEL_PARAMS}
    labels = {param.name: _(param.label) for param in SPEC.params}
    shown_funnel = {labels[key]: value for key, value in funnel_inputs.items()}  # readers see labels, not names
    cold_inputs = {labels[key]: f"{p[key]:,g}" for key in COLD_PARAMS}

    def funnel_out(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", FUNNEL_FUNCTION, shown_funnel)

    def cold_out(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", COLD_FUNCTION, cold_inputs)

    share = content["unplanned_share"]
    return public_figures() + [
        fact("capacity_text", facts, "express_daily_capacity_2018",
             units.format_scaled(float(facts.loc["express_daily_capacity_2018", "value"]), ORDERS, 1)),
        fact("anchor_text", facts, ANCHOR_FACT, units.format_percent(facts.loc[ANCHOR_FACT, "value"], 1)),
        Figure("anchor_quote_text", _("报告2.3节原文"), charts.data_text(facts.loc[ANCHOR_FACT, "quote"]), None, "report",
               charts.data_text(facts.loc[ANCHOR_FACT, "quote"])),
        funnel_out("funnel_inputs_text", _("漏斗各环节比率"),
                   _("有购买意向的用户 {intent}，搜索触达率 {search_reach}、搜索转化率 {search_conversion}；"
                     "内容曝光率 {exposure}、兴趣激发率 {interest}、内容转化率 {content_conversion}", **funnel_inputs),
                   None),
        funnel_out("search_orders_text", _("人找货：每万名用户的订单"), orders_text(search["orders"]),
                   float(search["orders"])),
        funnel_out("content_orders_text", _("货找人：每万名用户的订单"), orders_text(content["orders"]),
                   float(content["orders"])),
        funnel_out("content_planned_text", _("货找人：计划内订单"), orders_text(content["planned"]),
                   float(content["planned"])),
        funnel_out("content_unplanned_text", _("货找人：计划外订单"), orders_text(content["unplanned"]),
                   float(content["unplanned"])),
        funnel_out("unplanned_share_text", _("货找人：计划外订单占比"),
                   _("无订单") if math.isnan(share) else units.format_percent(share, 1), float(share)),
        funnel_out("break_even_text", _("货找人追上人找货所需的内容曝光率"),
                   _("无法追上") if math.isinf(even) else units.format_percent(even, 1), float(even)),
        cold_out("target_text", _("冷启动目标订单数"), _("{number}单", number=f"{p['target_orders']:.0f}"),
                 p["target_orders"]),
        cold_out("spread_text", _("爆款视频传播率（每天）"), units.format_percent(p["spread_rate"], 0), p["spread_rate"]),
        cold_out("days_ads_text", _("搜索广告达到目标的天数"), days_text(days["days_search_ads"]),
                 days["days_search_ads"]),
        cold_out("days_video_text", _("爆款视频达到目标的天数"), days_text(days["days_viral_video"]),
                 days["days_viral_video"]),
    ]


# --------------------------------------------------------------------------- the page's parts

def exhibit_44() -> list[Any]:
    table = data.load("express_delivery")
    points = charts.express_points(table)
    drawn = table[(table["source_type"] == "public") & table["volume"].notna()]
    return [charts.express_chart(points), charts.express_table(points),
            exhibit_caption(44, ["express_delivery"], note=_(notes.EXPRESS_CAPTION), drawn_from=drawn)]


def exhibit_45() -> list[Any]:
    table = data.load("platform_traffic")
    points = charts.dau_points(table)
    drawn = table[(table["metric"] == "dau") & (table["platform"] == "抖音")]  # i18n: key
    return [charts.dau_chart(points), charts.dau_table(points),
            exhibit_caption(45, ["platform_traffic"], note=_(notes.DAU_CAPTION), drawn_from=drawn)]


def exhibit_47() -> list[Any]:
    table = data.load("exhibit47_algorithm_comparison")
    return [charts.comparison_chart(table), exhibit_table(table, _("图表47：传统电商与抖音电商算法侧差异")),
            exhibit_caption(47, ["exhibit47_algorithm_comparison"], note=_(notes.COMPARISON_CAPTION))]


def exhibit_46() -> list[Any]:
    """图表46 as a diagram of the two chains 4.1 writes, every word from the report."""
    frame = data.load("search_vs_content_chains")
    return [charts.chains_chart(frame, exhibit_title(46)),
            diagram.parts_table(frame, _("图表46 示意图的部件与报告原文")),
            exhibit_caption(46, ["search_vs_content_chains"], note=_(notes.CHAINS_CAPTION), drawn_from=frame)]


def exhibit_50_numbers() -> list[Any]:
    """图表50: the two public figures found, listed for reference (the original's series was not found)."""
    table = data.load("platform_traffic")
    shown = table[table["metric"].str.contains("registrations")]
    return [charts.registrations_table(table),
            exhibit_caption(50, ["platform_traffic"], note=_(notes.REGISTRATIONS_CAPTION), drawn_from=shown)]


def described_exhibit(number: int) -> list[Any]:
    """An exhibit the edition describes in words: only the report's 来源 line under the description."""
    return [described(number)]


def funnel_inputs() -> list[Any]:
    return [assumptions.table([f"douyin.{name}" for name in FUNNEL_PARAMS], _("人找货与货找人漏斗的假设"))]


def funnel_chart(p: dict[str, Any]) -> list[Any]:
    search, content = funnel_grids(p)
    return [charts.funnel_chart(search, content, p, anchor()),
            caption(_("来源：本版示意模型（各比率为假设）；71.2%为报告2.3节的说法"), ["assumptions", "report_facts"],
                    note=_(notes.FUNNEL_CHART),
                    rows=assumptions.rows([f"douyin.{name}" for name in FUNNEL_PARAMS]),
                    method=_("由本版的{model}对每个滑块位置预先计算；示意，不是估计。",
                             model=translate(model_name(FUNNEL_FUNCTION))),
                    model=FUNNEL_FUNCTION)]


def cold_start_inputs() -> list[Any]:
    return [assumptions.table([f"douyin.{name}" for name in COLD_PARAMS], _("冷启动示意模型的假设"))]


def cold_start_chart(p: dict[str, Any]) -> list[Any]:
    curves, days = cold_start_grids(p)
    return [charts.cold_start_chart(curves, days, p),
            caption(_("来源：本版示意模型（Bass扩散模型，参数为假设）"), ["assumptions"], note=_(notes.COLD_START_CHART),
                    rows=assumptions.rows([f"douyin.{name}" for name in COLD_PARAMS]),
                    method=_("由本版的{model}（Bass 扩散）对每个滑块位置预先计算；示意，不是估计。",
                             model=translate(model_name(COLD_FUNCTION))),
                    model=COLD_FUNCTION)]


def funnel_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.douyin.panels import funnel_panel as build

    return build(p)


def cold_start_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.douyin.panels import cold_start_panel as build

    return build(p)
