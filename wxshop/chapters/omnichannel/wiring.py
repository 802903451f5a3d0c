"""Chapter 三 wired: data to the take-rate model, the headline figures the prose quotes, and the page's parts."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from wxshop import assumptions, data, i18n, provenance, units
from wxshop.chapters.omnichannel import charts, model, notes
from wxshop.chapters.omnichannel.spec import PLATFORM_KEYS, SPEC
from wxshop.charts import caption, described, exhibit_caption, timeline
from wxshop.figures import Figure, citation, fact, model_name
from wxshop.i18n import N_, _

TAKE_RATE_FUNCTION = "wxshop.chapters.omnichannel.model.revenue_table"
YUAN = "元"  # i18n: key (the unit wxshop.units writes as RMB in English)


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


# --------------------------------------------------------------------------- model inputs

def rate_overrides(p: dict[str, Any]) -> dict[str, float | None]:
    """The analyst's per-platform rates, by the model's platform names (None: the case's)."""
    return {model.KEYS[key]: p[f"rate_{key}"] for key in PLATFORM_KEYS}


def gmv_overrides(p: dict[str, Any]) -> dict[str, float | None]:
    """The analyst's per-platform GMV in 亿元, by the model's platform names (None: the data's)."""
    return {model.KEYS[key]: p[f"gmv_{key}"] for key in PLATFORM_KEYS}


def take_rate_inputs(p: dict[str, Any]) -> tuple[dict[str, float], dict[str, dict[str, float]], dict[str, float]]:
    """(GMV by platform in 元, rates by case and platform, exempt shares) for the chapter's parameters."""
    rates = model.rates_from_table(data.load("take_rate_cases"))
    rates = {case: model.with_overrides(values, rate_overrides(p)) for case, values in rates.items()}
    gmv = model.with_overrides(model.gmv_from_table(data.load("platform_gmv_2023")), gmv_overrides(p), scale=units.YI)
    return gmv, rates, {"阿里巴巴": p["taotian_exempt_share"]}  # i18n: key


def revenue(p: dict[str, Any]) -> pd.DataFrame:
    gmv, rates, exempt = take_rate_inputs(p)
    return model.revenue_table(gmv, rates[p["case"]], p["shift_pp"], exempt)


# --------------------------------------------------------------------------- headline figures

def revenue_sentence(table: pd.DataFrame) -> str:
    """Each platform's fee revenue, as the prose lists them."""
    return (", " if i18n.is_english() else "、").join(  # i18n: key
        _("{platform} {revenue}（费率 {rate}）", platform=_(row["label"]), revenue=units.format_yi(row["revenue"], YUAN, 1),
          rate=units.format_percent(row["take_rate"], 2))
        for _row, row in table.iterrows())


# The unit of each headline figure's value (the data package's words) that its Figure does not carry itself:
# the sweep's columns are named and labelled from it (wxshop.sweep.columns).
HEADLINE_UNITS = {
    "double11_2024_report_text": "元", "double11_2024_growth_text": "比率", "double11_2023_growth_text": "比率",  # i18n: key
    "m618_report_decline_text": "比率", "m618_report_total_text": "元", "m618_channel_text": "元",  # i18n: key
    "m618_channel_decline_text": "比率", "m618_total_decline_text": "比率",  # i18n: key
    "nbs_2014_growth_text": "比率", "kuaishou_gmv_text": "元", "kuaishou_growth_text": "比率",  # i18n: key
    "shift_text": "百分点",  # i18n: key
    "revenue_text": "元", "revenue_total_text": "元", "per_pp_total_text": "元",  # i18n: key
}


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    facts = data.load("report_facts").set_index("id")
    table = revenue(p)
    rate_inputs = {_("情形"): _(model.CASE_LABELS[p["case"]]),
                   _("统一调整"): _("{shift} 个百分点", shift=f"{p['shift_pp']:+g}")}

    def rate_out(key: str, label: str, text: str, value: Any) -> Figure:
        return Figure(key, label, text, value, "model", TAKE_RATE_FUNCTION, rate_inputs)

    low, high = facts.loc["take_rate_non_taobao_low", "value"], facts.loc["take_rate_non_taobao_high", "value"]
    return slip_figures() + festival_slip_figures() + [
        fact("taobao_rate_text", facts, "taobao_transaction_fee_2024_08_09",
             units.format_percent(facts.loc["taobao_transaction_fee_2024_08_09", "value"], 1)),
        fact("taobao_exemption_text", facts, "taobao_fee_exemption_threshold",
             units.format_wan(facts.loc["taobao_fee_exemption_threshold", "value"])),
        Figure("other_rate_text", _("淘系以外平台交易服务费率区间"),
               units.format_percent(low, 1) + "—" + units.format_percent(high, 1), None, "report",
               i18n.translate(str(facts.loc["take_rate_non_taobao_low", "quote"]))),
        fact("wechat_rate_text", facts, "wechat_shop_tech_service_fee",
             units.format_percent(facts.loc["wechat_shop_tech_service_fee", "value"], 0)),
        rate_out("rate_case_text", _("费率情形"), _(model.CASE_LABELS[p["case"]]), p["case"]),
        rate_out("shift_text", _("费率统一调整"),
                 _("{shift} 个百分点", shift=f"{p['shift_pp']:+.2f}".rstrip("0").rstrip(".")), p["shift_pp"]),
        rate_out("revenue_text", _("各平台费用收入"), revenue_sentence(table), float(table["revenue"].sum())),
        rate_out("revenue_total_text", _("五个平台费用收入合计"), units.format_yi(table["revenue"].sum(), YUAN, 1),
                 float(table["revenue"].sum())),
        rate_out("per_pp_total_text", _("费率每提高1个百分点的合计增收"), units.format_yi(table["per_pp"].sum(), YUAN, 1),
                 float(table["per_pp"].sum())),
    ]


def festival_totals() -> pd.DataFrame:
    """The rows of ``shopping_festival_gmv`` for the whole market (全网), the totals 图表34 and 35 draw."""
    rows = data.load("shopping_festival_gmv")
    return rows[rows["scope"] == "全网"]  # i18n: key


def _festival_row(festival: str, year: int, source_type: str, scope: str = "全网") -> pd.Series:  # i18n: key
    rows = data.load("shopping_festival_gmv")
    return rows[(rows["festival"] == festival) & (rows["year"] == year) & (rows["source_type"] == source_type)
                & (rows["scope"] == scope)].iloc[0]


def _public(key: str, label: str, text: str, row: pd.Series, value: Any) -> Figure:
    return Figure(key, label, text, value, "public", provenance.text(row))


def _source(key: str, row: pd.Series) -> Figure:
    return citation(key, str(row["source"]), provenance.text(row))


def festival_slip_figures() -> list[Figure]:
    """The figures of the notes beside 3.1's festival sentences: 双十一 2024's growth, 618 2024's decline."""
    d11, d11_2024, d11_2023 = (_festival_row("双十一", 2024, "report"),  # i18n: key
                               _festival_row("双十一", 2024, "public"),  # i18n: key
                               _festival_row("双十一", 2023, "public"))  # i18n: key
    m618, m618_total, m618_channel = (_festival_row("618", 2024, "report"), _festival_row("618", 2024, "public"),
                                      _festival_row("618", 2024, "public", "综合电商平台"))  # i18n: key
    return [
        Figure("double11_2024_report_text", _("2024年双十一销售额（报告）"), units.format_yi(d11["value"], YUAN, 0),
               float(d11["value"]), "report", i18n.translate(str(d11["quote"]))),
        _public("double11_2024_growth_text", _("2024年双十一销售额同比（星图数据）"), units.format_percent(d11_2024["yoy"], 0),
                d11_2024, float(d11_2024["yoy"])),
        _source("double11_2024_source_text", d11_2024),
        _public("double11_2023_growth_text", _("2023年双十一销售额同比（星图数据）"), units.format_percent(d11_2023["yoy"], 2),
                d11_2023, float(d11_2023["yoy"])),
        _source("double11_2023_source_text", d11_2023),
        Figure("m618_report_decline_text", _("2024年618销售额同比降幅（报告）"), units.format_percent(-m618["yoy"], 1),
               float(m618["yoy"]), "report", i18n.translate(str(m618["quote"]))),
        Figure("m618_report_total_text", _("2024年618全网销售总额（报告）"), units.format_yi(m618["value"], YUAN, 0),
               float(m618["value"]), "report", i18n.translate(str(m618["quote"]))),
        _public("m618_channel_text", _("2024年618综合电商平台销售额（星图数据）"), units.format_yi(m618_channel["value"], YUAN, 0),
                m618_channel, float(m618_channel["value"])),
        _public("m618_channel_decline_text", _("2024年618综合电商平台销售额同比降幅（星图数据）"),
                units.format_percent(-m618_channel["yoy"], 1), m618_channel, float(m618_channel["yoy"])),
        _source("m618_channel_source_text", m618_channel),
        _public("m618_total_decline_text", _("2024年618全网销售总额同比降幅（星图数据）"),
                units.format_percent(-m618_total["yoy"], 0), m618_total, float(m618_total["yoy"])),
        _source("m618_total_source_text", m618_total),
    ]


def slip_figures() -> list[Figure]:
    """The public figures the editors' notes set beside the report's slips (2014 growth, Kuaishou 2023)."""
    volume = data.load("ecommerce_transaction_volume")
    nbs = volume[(volume["year"] == 2014) & (volume["source_type"] == "public")].iloc[0]
    gmv = data.load("platform_gmv_2023")
    ks = gmv[(gmv["platform"] == "快手") & (gmv["source_type"] == "public")].iloc[0]  # i18n: key
    return [
        Figure("nbs_2014_growth_text", _("2014年电子商务交易额增速（国家统计局）"), units.format_percent(nbs["yoy"], 1),
               float(nbs["yoy"]), "public", provenance.text(nbs)),
        citation("nbs_2014_source_text", str(nbs["source"]), provenance.text(nbs)),
        Figure("kuaishou_gmv_text", _("快手2023年GMV（公司公告）"), units.format_yi(ks["gmv"], YUAN, 0), float(ks["gmv"]),
               "public", provenance.text(ks)),
        Figure("kuaishou_growth_text", _("快手2023年GMV同比（公司公告）"), units.format_percent(ks["yoy"], 1),
               float(ks["yoy"]), "public", provenance.text(ks)),
        citation("kuaishou_source_text", str(ks["source"]), provenance.text(ks)),
    ]


# --------------------------------------------------------------------------- the page's parts

def _sentences(*parts: str) -> str:
    """Notes one after another (a space between English sentences)."""
    return (" " if i18n.is_english() else "").join(p for p in parts if p)


def _years_with_levels(frame: pd.DataFrame, column: str = "value") -> list[int]:
    return [int(y) for y in frame.dropna(subset=[column])["year"]]


def exhibit_33() -> list[Any]:
    volume = data.load("ecommerce_transaction_volume")
    years = _years_with_levels(volume)
    note = _sentences(notes.gaps(years, min(years), max(years), notes.VOLUME_SEARCHED), _(notes.VOLUME),
                      _(notes.VOLUME_CAPTION))
    return [charts.volume_chart(volume), charts.volume_table(volume),
            exhibit_caption(33, ["ecommerce_transaction_volume"], note=note, drawn_from=volume)]


def exhibit_festival(number: int) -> list[Any]:
    _factor, unit = units.display_scale("亿", "元")  # i18n: key
    titles = {34: _("618购物节全网销售总额（{unit}）", unit=unit), 35: _("双十一大促期间全网销售总额（{unit}）", unit=unit)}
    festival, title = {34: "618", 35: "双十一"}[number], titles[number]  # i18n: key
    rows = festival_totals()
    drawn = rows[rows["festival"] == festival]
    years = _years_with_levels(drawn)
    note = _sentences(notes.gaps(years, min(years), max(years)), _(notes.SYNTUN) + (" " if i18n.is_english() else "")
                      + _(notes.FESTIVALS[festival]))
    return [charts.festival_chart(rows, festival, title), charts.festival_table(rows, festival, number),
            exhibit_caption(number, ["shopping_festival_gmv"], note=note, drawn_from=drawn)]


def exhibit_36() -> list[Any]:
    return [charts.exhibit36_table(data.load("exhibit36_platform_comparison")),
            exhibit_caption(36, ["exhibit36_platform_comparison"])]


def exhibit_37() -> list[Any]:
    table = data.load("platform_gmv_2023")
    points = charts.platform_gmv_points(table)
    drawn = table.dropna(subset=["gmv"])
    return [charts.platform_gmv_chart(points),
            exhibit_caption(37, ["platform_gmv_2023"], note=_(notes.PLATFORM_GMV), drawn_from=drawn)]


STRATEGY_EXHIBITS = {39: "阿里巴巴", 40: "京东", 41: "拼多多", 42: "快手", 43: "抖音"}  # 3.4's order  # i18n: key


def strategy_rows(number: int) -> tuple[str, pd.DataFrame]:
    """(3.4's headline of the exhibit's platform, the platform's dated moves laid out as a timeline)."""
    platform = STRATEGY_EXHIBITS[number]
    rows = data.load("platform_strategy_events")
    mine = rows[rows["platform"] == platform]
    headline = mine[mine["kind"] == "headline"]
    if len(headline) != 1:
        raise LookupError(f"expected one headline row for {platform} in platform_strategy_events, got {len(headline)}")
    moves = mine[mine["kind"] == "move"]
    if i18n.is_english():  # the report's words in the edition's English; dates are read (and laid out) as written
        moves = moves.assign(**{c: [v if pd.isna(v) else i18n.translate(str(v)) for v in moves[c]]
                                for c in ("text", "quote", "note")})
    laid = timeline.milestones(moves)
    if i18n.is_english():
        laid["when"] = [_english_when(str(w)) for w in laid["when"]]
    return i18n.translate(str(headline["text"].iloc[0])), laid


def _english_when(when: str) -> str:
    """A date of platform_strategy_events (2003, 2009年, 2014年3月, 2024年8月9日) as the English edition writes it."""
    found = re.fullmatch(r"(\d{4})年?(?:(\d{1,2})月)?(?:(\d{1,2})日)?", when.strip())  # i18n: key
    if not found:
        return i18n.translate(when)
    year, month, day = (int(g) if g else None for g in found.groups())
    return units.format_date(year, month, day)


def exhibit_strategy(number: int) -> list[Any]:
    """图表39–43: a platform's moves the report dates, as a timeline, with every node's sentence."""
    platform = STRATEGY_EXHIBITS[number]
    headline, laid = strategy_rows(number)
    rows = data.load("platform_strategy_events")
    drawn = rows[rows["platform"] == platform]
    return [charts.strategy_chart(laid, headline, platform),
            timeline.milestones_table(laid, _("图表{number} 时间线的节点与报告原文", number=number)),
            exhibit_caption(number, ["platform_strategy_events"], note=_(notes.STRATEGY), drawn_from=drawn)]


def described_exhibit(number: int) -> list[Any]:
    """An exhibit the edition describes in words: only the report's 来源 line under the description."""
    return [described(number)]


def take_rate_model_inputs(p: dict[str, Any]) -> list[Any]:
    gmv, _rates, _exempt = take_rate_inputs(p)
    facts = data.load("report_facts").set_index("id")
    return [charts.take_rate_inputs_table(data.load("take_rate_cases"), gmv, data.load("platform_gmv_2023"), facts),
            assumptions.table(["omnichannel.taotian_exempt_share", "omnichannel.shift_pp"], _("平台费用收入模型的假设")),
            caption(_("来源：报告3.3节、图表6（费率）；报告3.3节与公开资料（GMV）；把费率用于各平台全部GMV为本版假设"),
                    ["take_rate_cases", "platform_gmv_2023", "assumptions"],
                    rows=pd.concat([data.load("take_rate_cases"), data.load("platform_gmv_2023").dropna(subset=["gmv"]),
                                    assumptions.rows(["omnichannel.taotian_exempt_share", "omnichannel.shift_pp"])]),
                    method=_("模型的输入：费率所依据的报告数字、GMV 的来源与本版假设，逐项标明。"))]


def take_rate_model_chart(p: dict[str, Any]) -> list[Any]:
    gmv, rates, exempt = take_rate_inputs(p)
    grid = model.scenario_grid(gmv, rates, charts.shift_values(rates, p["shift_pp"]), exempt)
    gmv_rows = data.load("platform_gmv_2023")
    used = gmv_rows[[model.GMV_VARIANTS.get(p_) == v for p_, v in zip(gmv_rows["platform"], gmv_rows["variant"])]]
    return [charts.take_rate_chart(grid, p["case"], p["shift_pp"]),
            caption(_("来源：报告3.3节、图表6（费率）；报告3.3节、36氪、晚点LatePost、快手公司公告（GMV）；本版模型计算"),
                    ["take_rate_cases", "platform_gmv_2023"], note=_(notes.TAKE_RATE_CHART),
                    rows=pd.concat([data.load("take_rate_cases"), used]),
                    method=_("由本版的{model}对每个情形与调整幅度预先计算：2023年GMV × 费率。",
                             model=_(model_name(TAKE_RATE_FUNCTION))),
                    model=TAKE_RATE_FUNCTION)]


def take_rate_panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.omnichannel.panels import take_rate_panel as build

    gmv, rates, exempt = take_rate_inputs(p)
    return build(gmv, rates, p, exempt)

