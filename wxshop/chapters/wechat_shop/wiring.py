"""Chapter 一 wired: data to the timeline and the two models, the headline figures the prose quotes, and
the page's parts."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from wxshop import assumptions, data, i18n, units
from wxshop.chapters.wechat_shop import charts, fee_model, flywheel, notes, timeline
from wxshop.chapters.wechat_shop.gift_case import multiple_of_previous_day
from wxshop.chapters.wechat_shop.spec import ATTEMPT_NAMES, SPEC
from wxshop.charts import caption, described, diagram, drawn_sources, exhibit_caption, exhibit_table, exhibit_title
from wxshop.charts.grid import evaluate
from wxshop.figures import Figure, fact
from wxshop.i18n import _, translate

MULTIPLE_FUNCTION = "wxshop.chapters.wechat_shop.gift_case.multiple_of_previous_day"
FEE_FUNCTION = "wxshop.chapters.wechat_shop.fee_model.incremental_fee_revenue"
LOOP_FUNCTION = "wxshop.chapters.wechat_shop.flywheel.simulate"
# The 东方甄选 sentence of 1.2, by report_facts id.
GIFT_FACTS = {"growth": "dfzx_gmv_day_growth_new_year", "eve": "dfzx_gmv_new_years_eve",
              "share": "dfzx_gift_order_share_new_years_eve"}
LOOP_ASSUMPTIONS = ["wechat_shop.public_gmv", "wechat_shop.capture", "wechat_shop.repurchase", "wechat_shop.churn",
                    "wechat_shop.boost", "wechat_shop.months"]


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- the timeline (图表1–2)

def events() -> pd.DataFrame:
    """Every event of the timeline with its period (see :func:`timeline.events`)."""
    return timeline.events(data.load("tencent_ecommerce_events"))


def attempt_shown(p: dict[str, Any]) -> str:
    """The dropdown's first value: 全部 or the report's name of the chosen attempt."""
    return charts.ALL if p["attempt"] == "all" else ATTEMPT_NAMES[p["attempt"]]


def exhibit_1(p: dict[str, Any]) -> list[Any]:
    """图表1 (腾讯电商布局时间) as the timeline of every event 1.1 and 图表2 date, with 图表1's 来源 line."""
    rows = data.load("tencent_ecommerce_events")
    frame = timeline.events(rows)
    return [charts.timeline_chart(frame, attempt_shown(p)), charts.events_table(frame),
            exhibit_caption(1, ["tencent_ecommerce_events", "exhibit02_paipai_timeline"], note=_(notes.TIMELINE),
                            drawn_from=rows)]


def exhibit_2() -> list[Any]:
    table = data.load("exhibit02_paipai_timeline")
    return [exhibit_table(table, _("图表2：拍拍网发展历程")),
            exhibit_caption(2, ["exhibit02_paipai_timeline", "tencent_ecommerce_events"])]


def exhibit_7() -> list[Any]:
    """图表7 as a diagram of the entrances 1.2 lists into one 全域流量池, every word from the report."""
    frame = data.load("wechat_traffic_entrances")
    return [charts.entrances_chart(frame, exhibit_title(7)), diagram.parts_table(frame, _("图表7 示意图的部件与报告原文")),
            exhibit_caption(7, ["wechat_traffic_entrances"], note=_(notes.ENTRANCES), drawn_from=frame)]


def described_exhibit(number: int) -> list[Any]:
    """An exhibit the edition describes in words: only the report's 来源 line under the description."""
    return [described(number)]


# --------------------------------------------------------------------------- WeChat Shop monetisation

def miniprogram_choices(p: dict[str, Any]) -> tuple[dict[str, float], str]:
    """(dropdown label -> mini-program GMV in 元, the chosen label) for the fee model."""
    series = charts.miniprogram_series(data.load("wechat_miniprogram_gmv"))
    chosen = next(label for label in series if label.startswith(_("{year}年", year=p["miniprogram_year"])))
    if p["miniprogram_gmv"] is not None:
        chosen = _("分析者设定（{amount}）", amount=units.format_yuan(p["miniprogram_gmv"] * units.YI, 1))
        series[chosen] = p["miniprogram_gmv"] * units.YI
    return series, chosen


def fee_model_inputs() -> list[Any]:
    return [assumptions.table(["wechat_shop.share", "wechat_shop.miniprogram_year"], _("微信小店货币化模型的假设"))]


def fee_model_chart(p: dict[str, Any]) -> list[Any]:
    series, chosen = miniprogram_choices(p)
    rows = fee_model.fee_grid(series, charts.share_values(p["share"]), charts.fee_values(p["fee_rate"]))
    return [charts.wechat_fee_chart(rows, chosen, p["share"], p["fee_rate"]),
            caption(_(notes.FEE_SOURCES), ["wechat_miniprogram_gmv", "report_facts", "assumptions"],
                    note=_(notes.FEE_CHART),
                    model=FEE_FUNCTION)]


def fee_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.wechat_shop.panels import fee_panel as build

    series, chosen = miniprogram_choices(p)
    return build(series[chosen], p)


# --------------------------------------------------------------------------- the 东方甄选 gift case

def gift_facts() -> pd.DataFrame:
    """The three report_facts rows of the 东方甄选 sentence, indexed growth / eve / share."""
    facts = data.load("report_facts").set_index("id")
    return facts.loc[list(GIFT_FACTS.values())].set_axis(list(GIFT_FACTS), axis=0)


def gift_case() -> list[Any]:
    facts = data.load("report_facts")
    drawn = facts[facts["id"].isin(GIFT_FACTS.values())]
    return [charts.gift_case_chart(gift_facts()),
            caption(_(notes.GIFT_SOURCES), ["report_facts"], note=_(notes.GIFT_CHART), drawn=drawn_sources(drawn))]


# --------------------------------------------------------------------------- the public/private-domain loop

def loop(p: dict[str, Any]) -> flywheel.Loop:
    return flywheel.Loop(p["public_gmv"], p["capture"], p["repurchase"], p["churn"], p["boost"])


def loop_run(p: dict[str, Any], enabled: bool = True) -> pd.DataFrame:
    return flywheel.simulate(loop(p), p["months"], enabled)


def loop_grid(p: dict[str, Any]) -> pd.DataFrame:
    """:func:`flywheel.path` for every position of the chart's four sliders."""
    axes = {name: charts.loop_values(name, p[name]) for name in charts.LOOP_AXES}
    return evaluate(flywheel.path, axes, public_gmv=p["public_gmv"], months=p["months"])


def loop_inputs() -> list[Any]:
    return [assumptions.table(LOOP_ASSUMPTIONS, _("公私域联动示意模型的假设"))]


def loop_chart(p: dict[str, Any]) -> list[Any]:
    run = loop_run(p)
    return [charts.loop_chart(loop_grid(p), p, loop_run(p, enabled=False)), charts.loop_table(run, p["public_gmv"]),
            caption(_(notes.LOOP_SOURCES), ["assumptions"], note=_(notes.LOOP_CHART), model=LOOP_FUNCTION)]


def loop_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.wechat_shop.panels import loop_panel as build

    return build(p)


# --------------------------------------------------------------------------- headline figures

def _event(frame: pd.DataFrame, row: int) -> pd.Series:
    return frame.set_index("row").loc[row]


# The unit of each headline figure's value (the data package's words) that its Figure does not carry itself:
# the sweep's columns are named and labelled from it (wxshop.sweep.columns). The report's dates are its text.
HEADLINE_UNITS = {  # the data package's unit words (keys the sweep reads)
    "paipai_launch_text": "日期", "paipai_table_launch_text": "日期", "paipai_prep_text": "日期",  # i18n: key
    "users_text_when": "日期", "users_table_when": "日期", "mp_share_text": "比率", "mp_chosen_text": "元",  # i18n: key
    "mp_fee_text": "比率", "mp_moved_text": "元", "mp_increment_text": "元", "dfzx_multiple_text": "倍",  # i18n: key
    "fw_public_text": "元", "fw_capture_text": "比率", "fw_repurchase_text": "比率", "fw_churn_text": "比率",  # i18n: key
    "fw_boost_text": "元/元", "fw_months_text": "月", "fw_last_text": "元", "fw_cumulative_text": "元",  # i18n: key
    "fw_uplift_text": "比率",  # i18n: key
}


def stated_text(text: str) -> str:
    """A report fact as stated (squashed), in the reader's language: an amount through :mod:`wxshop.units`
    (500万元 -> RMB 5mn), a date or other words through the catalogues."""
    text = squash(text)
    if not i18n.is_english() or not i18n.CJK.search(text):
        return text
    try:
        return units.english_amount(text)
    except ValueError:
        return translate(text)


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    facts = data.load("report_facts").set_index("id")
    rows = data.load("tencent_ecommerce_events")

    def dated(key: str, row: int) -> Figure:
        event = _event(rows, row)
        return Figure(key, _("报告所写的时间（{label}）", label=translate(str(event["label"]))),
                      translate(str(event["when"])), str(event["when"]), "report", translate(str(event["quote"])))

    def stated(key: str, fact_id: str) -> Figure:
        return fact(key, facts, fact_id, stated_text(str(facts.loc[fact_id, "as_stated"])),
                    label=translate(str(facts.loc[fact_id, "subject"])))

    series, chosen = miniprogram_choices(p)
    increment = fee_model.incremental_fee_revenue(series[chosen], p["share"], p["fee_rate"])
    fee_inputs = {_("小程序交易额"): chosen, _("转入比例"): units.format_percent(p["share"], 0),
                  _("费率"): units.format_percent(p["fee_rate"], 1)}

    def fee_out(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", FEE_FUNCTION, fee_inputs)

    run = loop_run(p)
    result = flywheel.summary(run)
    loop_args = {_("公域GMV"): units.format_yuan(p["public_gmv"]), _("沉淀"): units.format_percent(p["capture"], 1),
                 _("复购"): units.format_percent(p["repurchase"], 1), _("流失"): units.format_percent(p["churn"], 1),
                 _("加权"): f"{p['boost']:g}", _("月数"): p["months"]}

    def loop_out(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", LOOP_FUNCTION, loop_args)

    def assumed(key: str, name: str, text: str) -> Figure:
        row = assumptions.rows([f"wechat_shop.{name}"]).iloc[0]
        return Figure(key, translate(str(row["label"])), text, p[name], "assumption",
                      assumptions.reason(f"wechat_shop.{name}"))

    growth = float(facts.loc[GIFT_FACTS["growth"], "value"])
    multiple = multiple_of_previous_day(growth)
    return [
        # 1.1: the report's slips and the exhibits described
        stated("grey_19_text", "gift_grey_test_start_2024_12_19"),
        stated("grey_18_text", "gift_grey_test_start_2024_12_18"),
        dated("paipai_launch_text", 1), dated("paipai_table_launch_text", 16),
        dated("paipai_prep_text", 15),
        dated("users_text_when", 4), dated("users_table_when", 17),
        stated("ecommerce_share_text", "tencent_invest_ecommerce_company_share"),
        stated("wechat_fee_text", "wechat_shop_tech_service_fee"),
        # WeChat Shop monetisation
        Figure("mp_series_text", _("小程序交易额（公开数字）"),
               _("；").join(s for s in series if p["miniprogram_gmv"] is None or s != chosen),
               None, "public", _("腾讯（微信公开课）；Campaign Asia")),
        Figure("mp_share_text", _("转入比例"), units.format_percent(p["share"], 0), p["share"], "assumption",
               assumptions.reason("wechat_shop.share")),
        fee_out("mp_chosen_text", _("所用小程序交易额"), chosen, series[chosen]),
        fee_out("mp_fee_text", _("微信小店费率"), units.format_percent(p["fee_rate"], 1), p["fee_rate"]),
        fee_out("mp_moved_text", _("转入微信小店的交易额"), units.format_yuan(series[chosen] * p["share"], 1),
                series[chosen] * p["share"]),
        fee_out("mp_increment_text", _("新增费用收入"),
                units.format_yi(increment, "元", 1), increment),  # i18n: key (units' unit word)
        # the 东方甄选 case
        stated("dfzx_growth_text", GIFT_FACTS["growth"]),
        Figure("dfzx_multiple_text", _("元旦当日GMV为前一日的倍数"), _("{multiple}倍", multiple=charts.trim(multiple)),
               multiple, "model", MULTIPLE_FUNCTION, {_("报告所写的单日增长率"): units.format_percent(growth, 0)}),
        stated("dfzx_eve_text", GIFT_FACTS["eve"]),
        stated("dfzx_share_text", GIFT_FACTS["share"]),
        # the loop
        assumed("fw_public_text", "public_gmv", units.format_yuan(p["public_gmv"])),
        assumed("fw_capture_text", "capture", units.format_percent(p["capture"], 1)),
        assumed("fw_repurchase_text", "repurchase", units.format_percent(p["repurchase"], 1)),
        assumed("fw_churn_text", "churn", units.format_percent(p["churn"], 1)),
        assumed("fw_boost_text", "boost", _("{amount}元", amount=f"{p['boost']:g}")),
        assumed("fw_months_text", "months", _("{months}个月", months=p["months"])),
        loop_out("fw_last_text", _("最后一个月的GMV（有联动）"), units.format_yuan(result["gmv"], 1), result["gmv"]),
        loop_out("fw_cumulative_text", _("联动累计多出的GMV"), units.format_yuan(result["cumulative"], 1),
                 result["cumulative"]),
        loop_out("fw_uplift_text", _("累计多出的GMV占无联动累计GMV的比例"), units.format_percent(result["uplift"], 0),
                 result["uplift"]),
    ]
