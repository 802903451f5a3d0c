"""Chapter 二 (2.1–2.3) wired: data rows to chart points, the growth figures the prose quotes, the page's parts."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from wxshop import data, i18n, provenance, units
from wxshop.chapters.people_goods_place import charts, growth, model, notes
from wxshop.chapters.people_goods_place.spec import SPEC
from wxshop.charts import caption, described, exhibit_caption, exhibit_table
from wxshop.figures import Figure, citation, fact
from wxshop.i18n import N_, _

GROWTH = "wxshop.chapters.people_goods_place.growth"
TABLES = {"pc": "exhibit15_pc_era_people_goods_place", "mobile": "exhibit18_mobile_era_people_goods_place",
          "live": "exhibit21_livestream_era_people_goods_place"}
# Each chart's time range (ISO dates); the explorer's is the shared axis of every series.
RANGES = {12: ("1997-01-01", "2013-06-30"), 13: ("2003-01-01", "2024-06-30"), 14: ("2002-07-01", "2024-06-30"),
          17: ("2006-01-01", "2019-06-30"), "express": ("2006-07-01", "2025-06-30"),
          19: ("2018-07-01", "2025-06-30"), 20: ("2016-07-01", "2025-06-30"), "all": ("1997-01-01", "2025-12-31")}
# The public series' legend entries (translated where a chart draws them).
USERS_LEGEND, COMPUTERS_LEGEND, MOBILE_LEGEND = N_("网民（CNNIC、国家统计局）"), N_("上网计算机（CNNIC）"), N_("手机网民（CNNIC）")
SHARE_LEGEND = N_("手机网民占网民比例（CNNIC）")
VOLUME_LEGEND, PARCEL_LEGEND = N_("快递业务量（国家邮政局）"), N_("件均收入（国家邮政局数据推算）")
STATIONS_LEGEND = N_("5G基站（工业和信息化部、CNNIC）")
LOGISTICS_LEGEND = N_("社会物流总额（当年价格）")
PORTS_LEGEND = N_("互联网宽带接入端口（年末）")


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


# --------------------------------------------------------------------------- data rows to chart points

def points(frame: pd.DataFrame, period: str, value: str, legend: str | Callable[[pd.Series], str],
           fmt: Callable[[float], str], flow: bool = False) -> pd.DataFrame:
    """One chart point per row of ``frame`` that gives ``value``: its place on the time axis, era, source and grade.

    Report rows are labelled :data:`charts.REPORT_LEGEND`; public rows ``legend`` (text, or a function of the row).
    A public series' line id breaks where years are missing (:func:`model.segments`).
    """
    rows = []
    cited: dict[tuple, str] = {}  # provenance.text reads the sources list: once per distinct source
    for _index, row in frame.dropna(subset=[value]).iterrows():
        cite = tuple(str(row[c]) for c in ("source_type", "source", "quote", "confidence"))
        if cite not in cited:
            cited[cite] = provenance.text(row)
        when = str(row[period])
        where = model.place(when, flow=flow)
        report = row["source_type"] == "report"
        name = _(charts.REPORT_LEGEND) if report else (legend(row) if callable(legend) else _(legend))
        note = "" if pd.isna(row.get("note")) else str(row["note"])
        amount = float(row[value])
        shown = _("超{value}", value=fmt(amount)) if "lower bound" in note else fmt(amount)
        rows.append({"period": when, "date": where.date, "when": where.label, "era": where.era or "none",
                     "era_label": _(model.BY_KEY[where.era].label) if where.era else _("PC互联网时代之前"),
                     "value": amount, "ylog": round(math.log10(amount), 6) if amount > 0 else None,
                     "legend": name, "kind": "report" if report else "public", "shown": shown,
                     "grade": provenance.grade(row), "source_text": cited[cite],
                     "src_type": str(row["source_type"]), "src": str(row["source"]),
                     "quote": str(row["quote"]) if report else ""})
    out = pd.DataFrame(rows)
    out["position"] = [growth.period_position(p) for p in out["period"]]
    out = out.sort_values(["position", "kind"], kind="stable").reset_index(drop=True)
    out["line_id"] = ""
    for name, group in out[out["kind"] == "public"].groupby("legend", sort=False):
        for index, segment in zip(group.index, model.segments(list(group["period"]))):
            out.loc[index, "line_id"] = f"{name}#{segment}"
    return out.drop(columns="position")


def _people(v: float) -> str:
    return units.format_scaled(v, N_("人"), 2)


def _through(frame: pd.DataFrame, column: str, last: float) -> pd.DataFrame:
    return frame[[growth.period_position(str(p)) <= last for p in frame[column]]]


def users_points() -> pd.DataFrame:
    """图表12: internet users and internet computers up to the end of 2012, public and the report's."""
    users = _through(data.load("internet_users"), "date", 2013.0)
    computers = data.load("internet_computers")
    return pd.concat([points(users, "date", "users", USERS_LEGEND, _people),
                      points(computers, "date", "computers", COMPUTERS_LEGEND, lambda v: units.format_scaled(v, N_("台"), 2))],
                     ignore_index=True)


def mobile_points() -> tuple[pd.DataFrame, pd.DataFrame]:
    """图表17: (mobile and all internet users, mobile share) up to the end of 2018."""
    rows = _through(data.load("internet_users"), "date", 2019.0)
    rows = rows[[growth.period_position(str(p)) >= 2007.0 for p in rows["date"]]]
    levels = pd.concat([points(rows, "date", "mobile_users", MOBILE_LEGEND, _people),
                        points(rows[rows["source_type"] == "public"], "date", "users", USERS_LEGEND, _people)],
                       ignore_index=True)
    share = points(rows, "date", "mobile_share", SHARE_LEGEND, lambda v: units.format_percent(v, 1))
    return levels, share


def _per_parcel(v: float) -> str:
    """A price per parcel: 18.60元/件, 12元/件 (RMB 18.60 per parcel)."""
    text = f"{v:.2f}"
    return _("{value}元/件", value=text[:-3] if text.endswith(".00") else text)


def express_points() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The express series 2.2 quotes: (parcel volume, revenue per parcel), public and the report's."""
    rows = data.load("express_delivery")
    rows["period"] = rows["year"].astype(str)
    volume = points(rows, "period", "volume", VOLUME_LEGEND, lambda v: units.format_scaled(v, N_("件"), 2), flow=True)
    parcel = points(rows, "period", "yuan_per_parcel", PARCEL_LEGEND, _per_parcel, flow=True)
    return volume, parcel


def stations_points() -> pd.DataFrame:
    rows = data.load("base_stations_5g")
    rows["period"] = rows["year"].astype(str)
    return points(rows, "period", "stations", STATIONS_LEGEND, lambda v: units.format_scaled(v, N_("个"), 5))


def logistics_points() -> pd.DataFrame:
    """图表13: the years of 全国社会物流总额 a publisher's figure was found for (the others stay gaps)."""
    rows = data.load("social_logistics_total")
    rows["period"] = rows["year"].astype(str)
    return points(rows, "period", "value", LOGISTICS_LEGEND, lambda v: units.format_scaled(v, N_("元"), 2), flow=True)


def ports_points() -> pd.DataFrame:
    """图表14: the year-end counts of internet broadband ports a publisher's figure was found for."""
    return points(data.load("broadband_ports"), "date", "ports", PORTS_LEGEND,
                  lambda v: units.format_scaled(v, N_("个"), 5))


def livestream_points() -> pd.DataFrame:
    """图表20: every row of livestream_market_size, each labelled by its publisher (not one series)."""
    rows = data.load("livestream_market_size")
    rows["period"] = rows["year"].astype(str)
    return points(rows, "period", "value", lambda row: i18n.data_text(str(row["publisher"])),
                  lambda v: units.format_yi(v, N_("元"), 1),
                  flow=True)


# One colour per series wherever it is drawn (dark enough to read as text on white).
COLORS = {USERS_LEGEND: "#1f4e79", COMPUTERS_LEGEND: "#a14a00", MOBILE_LEGEND: "#2e6b30", SHARE_LEGEND: "#2e6b30",
          VOLUME_LEGEND: "#5b3a8e", PARCEL_LEGEND: "#5b3a8e", STATIONS_LEGEND: "#0f6b6b", LOGISTICS_LEGEND: "#6b5500",
          PORTS_LEGEND: "#8a2d5b"}


def colors() -> dict[str, str]:
    """:data:`COLORS` keyed by the legend entries as the chart draws them (the reader's language)."""
    return {_(name): color for name, color in COLORS.items()}


def publisher_colors(live: pd.DataFrame) -> dict[str, str]:
    """A colour per publisher of the livestream points, in the order they first appear."""
    names = list(dict.fromkeys(live[live["kind"] == "public"]["legend"]))
    return {name: charts.SERIES_COLORS[i % len(charts.SERIES_COLORS)] for i, name in enumerate(names)}


def panels(chart: str) -> list[charts.Panel]:
    """The panels of one series chart: "12", "13", "14", "17", "express", "19" or "20"."""
    if chart == "12":
        return [charts.Panel("netizens", _("互联网上网人数与上网计算机"), _("人数、台数"), users_points(), colors())]
    if chart == "13":
        return [charts.Panel("logistics", _("全国社会物流总额"), _("总额（元）"), logistics_points(), colors(), lines=False)]
    if chart == "14":
        return [charts.Panel("ports", _("互联网宽带接入端口（年末）"), _("端口（个）"), ports_points(), colors(), lines=False)]
    if chart == "17":
        levels, share = mobile_points()
        return [charts.Panel("mobile", _("网民与手机网民"), _("人数"), levels, colors()),
                charts.Panel("share", _("手机网民占网民比例"), _("占比"), share, colors(), share=True)]
    if chart == "express":
        volume, parcel = express_points()
        return [charts.Panel("volume", _("快递业务量"), _("业务量（件）"), volume, colors()),
                charts.Panel("parcel", _("快递件均收入"), _("元/件"), parcel, colors())]
    if chart == "19":
        return [charts.Panel("stations", _("5G基站数量（年末累计）"), _("基站（个）"), stations_points(), colors())]
    if chart == "20":
        live = livestream_points()
        return [charts.Panel("livestream", _("直播电商市场规模"), _("规模（元）"), live, publisher_colors(live), lines=False)]
    raise ValueError(f"chart must be one of 12, 13, 14, 17, express, 19, 20; got {chart!r}")


def overview_panels(height: int = 100) -> list[charts.Panel]:
    """The explorer's small multiples: every series on the shared time axis, in the chapter's colours."""
    users = data.load("internet_users")
    people = pd.concat([points(users, "date", "users", USERS_LEGEND, _people),
                        points(users[users["source_type"] == "public"], "date", "mobile_users", MOBILE_LEGEND, _people),
                        points(data.load("internet_computers"), "date", "computers", COMPUTERS_LEGEND,
                               lambda v: units.format_scaled(v, N_("台"), 2))], ignore_index=True)
    share = points(users, "date", "mobile_share", SHARE_LEGEND, lambda v: units.format_percent(v, 1))
    _volume, parcel = express_points()
    live = livestream_points()
    return [charts.Panel("people", _("网民、手机网民与上网计算机"), _("人数、台数"), people, colors(), height=height),
            charts.Panel("share", _("手机网民占网民比例"), _("占比"), share, colors(), share=True, height=height),
            charts.Panel("parcel", _("快递件均收入"), _("元/件"), parcel, colors(), height=height),
            charts.Panel("stations", _("5G基站数量"), _("基站（个）"), stations_points(), colors(), height=height),
            charts.Panel("livestream", _("直播电商市场规模"), _("规模（元）"), live, publisher_colors(live), lines=False,
                         height=height)]


def era_for(p: dict[str, Any], section: str | None) -> str:
    return model.chosen_era(p["era"], section)


def era_cells() -> pd.DataFrame:
    return model.era_cells({era: data.load(name) for era, name in TABLES.items()})


# --------------------------------------------------------------------------- headline figures

def _traffic(frame: pd.DataFrame, metric: str, platform: str, date: str) -> pd.Series:
    """The one public row of ``platform_traffic`` for a metric, platform and date."""
    rows = frame[(frame["metric"] == metric) & (frame["platform"] == platform) & (frame["date"] == date)]
    if len(rows) != 1:
        raise LookupError(f"expected one platform_traffic row for {metric} {platform} {date}, got {len(rows)}")
    return rows.iloc[0]


def _level(frame: pd.DataFrame, period: str, column: str, kind: str = "public") -> pd.Series:
    rows = frame[(frame[frame.columns[0]].astype(str) == period) & (frame["source_type"] == kind)].dropna(subset=[column])
    if len(rows) != 1:
        raise LookupError(f"expected one {kind} row for {period} with {column} in {frame.attrs.get('resource')}, "
                          f"got {len(rows)}")
    return rows.iloc[0]


def _times(value: float) -> str:
    return _("{value}倍", value=f"{value:.2f}".rstrip("0").rstrip("."))


def _pct(value: float) -> str:
    return units.format_percent(value, 1, signed=True)


def _when(period: str) -> str:
    """'1999-06' -> '1999年6月' (June 1999), '2012' -> '2012年' (2012)."""
    year, _sep, month = str(period).partition("-")
    return units.format_date(int(year), int(month)) if month else units.format_date(int(year))


# The words before a figure as the report states it (约 400 亿, 近 11%, 破亿): in English before the English figure.
_STATED = re.compile(r"(?P<prefix>约|近|超|破)?(?P<body>.*)")  # i18n: key
_PREFIXES = "约近超破"  # i18n: key
_STATED_PREFIX = dict(zip(_PREFIXES, (N_("约{figure}"), N_("近{figure}"), N_("超{value}"), N_("破{figure}"))))


def stated_english(text: str, unit: str) -> str:
    """A figure as the report states it (whitespace removed: 62万, 约400亿, 18.6元, 14倍, 15天, 近11%, 破亿), written in
    English conventions (620,000, about RMB 40bn, RMB 18.6, 14 times, 15 days, nearly 11%, exceeded 100 million):
    amounts through :func:`units.english_amount`; an amount of money (``unit`` 元) reads RMB even where the report
    leaves 元 out. Raises ValueError for a form it does not know."""
    match = _STATED.fullmatch(text)
    prefix, body = match["prefix"], match["body"]
    number = r"[0-9]+(?:\.[0-9]+)?"
    if re.fullmatch(rf"(?:{number})?(?:万亿|万|亿)元?", body):  # i18n: key
        money = unit == "元" and not body.endswith("元")  # i18n: key
        english = units.english_amount(body + ("元" if money else ""))  # i18n: key
    elif re.fullmatch(rf"{number}元", body):  # i18n: key
        english = "RMB " + body[:-1]
    elif re.fullmatch(rf"{number}倍", body):  # i18n: key
        english = _("{value}倍", value=body[:-1])
    elif re.fullmatch(rf"{number}天", body):  # i18n: key
        english = _("{days}天", days=body[:-1])
    elif not i18n.CJK.search(body):
        english = body
    else:
        raise ValueError(f"no English form for the stated figure {text!r}")
    return _(_STATED_PREFIX[prefix], figure=english, value=english) if prefix else english


class Facts:
    """The report's figures by id: value, period, and as stated (whitespace removed)."""

    def __init__(self) -> None:
        self.table = data.load("report_facts").set_index("id")

    def value(self, key: str) -> float:
        return float(self.table.loc[key, "value"])

    def stated(self, key: str) -> str:
        """The figure as the report states it (whitespace removed); in English, in English conventions."""
        text = data.squash(str(self.table.loc[key, "as_stated"]))
        return stated_english(text, str(self.table.loc[key, "unit"])) if i18n.is_english() else text

    def period(self, key: str) -> str:
        return str(self.table.loc[key, "period"])

    def at(self, key: str) -> str:
        """'146万（1999年6月）': the figure as stated, with its period."""
        return _("{figure}（{period}）", figure=self.stated(key), period=_when(self.period(key)))

    def growth(self, start: str, end: str) -> growth.Growth:
        return growth.Growth(self.value(start), self.value(end), self.period(start), self.period(end))


def _public(frame: pd.DataFrame, period: str, column: str, fmt: Callable[[float], str]) -> tuple[float, str]:
    """(value, 'fmt(value)（period）') of the one public row for ``period``."""
    value = float(_level(frame, period, column)[column])
    return value, _("{figure}（{period}）", figure=fmt(value), period=_when(period))


def growth_rows() -> list[dict[str, Any]]:
    """Every growth figure 2.1–2.3 quotes: the report's levels, what they imply, and public levels where found.

    Each row: key, figures (the numbers, for the prose), inputs (what they were computed from, in words), quantity,
    report (the levels or change as the report states them), implied (from the report's levels), public (the same
    from public levels, or what was found), note.
    """
    facts = Facts()
    users, express = data.load("internet_users"), data.load("express_delivery")
    wan = lambda v: units.format_wan(v)  # noqa: E731
    rep_pc = facts.growth("pc_online_1999_06", "pc_online_2002_06")
    rep_users = facts.growth("netizens_1999_06", "netizens_2002_06")
    (u97, u97_at), (u99, u99_at), (u02, u02_at) = (_public(users, d, "users", wan) for d in ("1997-10", "1999-06", "2002-06"))
    cnnic_users = growth.Growth(u99, u02, "1999-06", "2002-06")
    true_start = growth.Growth(u97, u02, "1997-10", "2002-06")
    tpl = facts.growth("third_party_logistics_market_2001", "third_party_logistics_market_2012")
    rep_price = facts.growth("express_avg_price_2012", "express_avg_price_2017")
    yuan = lambda v: _("{value}元", value=f"{v:.2f}")  # noqa: E731
    (p12, p12_at), (p17, p17_at) = (_public(express, y, "yuan_per_parcel", yuan) for y in ("2012", "2017"))
    pub_price = growth.Growth(p12, p17, "2012", "2017")
    live = facts.growth("livestream_gmv_2019", "livestream_gmv_2022")
    share_12, share_18 = facts.value("mobile_netizen_share_2012"), facts.value("mobile_netizen_share_2018")
    pct = lambda v: units.format_percent(v, 1)  # noqa: E731
    (s06, s06_at), (s12e, s12e_at) = (_public(users, d, "mobile_share", pct) for d in ("2018-06", "2018-12"))
    anta_days, anta_pct = facts.value("anta_inventory_days_change"), facts.value("anta_inventory_days_change_pct")
    anta_base = growth.implied_base(anta_days, anta_pct)

    def span(g: growth.Growth) -> str:
        return _("{years}年", years=f"{g.years:.2f}".rstrip("0").rstrip("."))

    def implied(g: growth.Growth) -> str:
        return _("{multiple}；{years}年均{cagr}", multiple=_times(g.multiple), years=span(g), cagr=_pct(g.cagr))

    def said(key: str) -> str:
        return _("报告：{figure}", figure=facts.at(key))

    def levels(start: str, end: str) -> str:
        return _("{start}→{end}", start=facts.at(start), end=facts.at(end))

    return [
        {"key": "computers", "figures": {"multiple": rep_pc.multiple, "cagr": rep_pc.cagr},
         "inputs": {N_("起点"): said("pc_online_1999_06"), N_("终点"): said("pc_online_2002_06")},
         "quantity": _("上网计算机（2.1节）"),
         "report": levels("pc_online_1999_06", "pc_online_2002_06"),
         "implied": implied(rep_pc),
         "public": _("两端都与CNNIC相同（第4次报告的英译、第10次报告）"), "note": _("报告未给增速，复算由两端水平值得出")},
        {"key": "users", "figures": {"multiple": rep_users.multiple, "cagr": rep_users.cagr,
                                     "cnnic_multiple": cnnic_users.multiple, "cnnic_cagr": cnnic_users.cagr,
                                     "true_cagr": true_start.cagr},
         "inputs": {N_("起点"): said("netizens_1999_06"), N_("终点"): said("netizens_2002_06"),
                    N_("CNNIC起点"): _("CNNIC：{figure}", figure=u99_at),
                    N_("CNNIC终点"): _("CNNIC：{figure}", figure=u02_at),
                    N_("实际时点"): _("CNNIC：{figure}", figure=u97_at)},
         "quantity": _("网民（2.1节）"),
         "report": _("{start}→{end}（句中时点为{start_period}→{end_period}）", start=facts.stated("netizens_1999_06"),
                     end=facts.stated("netizens_2002_06"), start_period=_when(facts.period("netizens_1999_06")),
                     end_period=_when(facts.period("netizens_2002_06"))),
         "implied": _("{multiple}；按{years}计年均{cagr}", multiple=_times(rep_users.multiple), years=span(rep_users),
                      cagr=_pct(rep_users.cagr)),
         "public": _("CNNIC {start}→{end}：{multiple}，年均{cagr}；起点实为CNNIC {true_start}，至{end_period}（{years}）年均"
                     "{true_cagr}", start=u99_at, end=u02_at, multiple=_times(cnnic_users.multiple),
                     cagr=_pct(cnnic_users.cagr), true_start=u97_at, end_period=_when("2002-06"), years=span(true_start),
                     true_cagr=_pct(true_start.cagr)),
         "note": _("报告起点的时点有误，几种复算并列")},
        {"key": "logistics", "figures": {"multiple": tpl.multiple, "cagr": tpl.cagr},
         "inputs": {N_("起点"): said("third_party_logistics_market_2001"),
                    N_("终点"): said("third_party_logistics_market_2012")},
         "quantity": _("第三方物流市场规模（2.1节）"),
         "report": levels("third_party_logistics_market_2001", "third_party_logistics_market_2012"),
         "implied": implied(tpl),
         "public": _("再次检索未找到公开出处（检索“第三方物流市场规模 2001年 400亿 2012年 7499亿”）"),
         "note": _("只有报告自己的数字")},
        {"key": "share", "figures": {"report_pp": growth.pp_change(share_12, share_18),
                                     "yearend_pp": growth.pp_change(share_12, s12e)},
         "inputs": {N_("起点"): said("mobile_netizen_share_2012"),
                    N_("终点"): said("mobile_netizen_share_2018"),
                    N_("年末终点"): _("CNNIC：{figure}", figure=s12e_at)},
         "quantity": _("手机网民占网民比例（2.2节）"),
         "report": levels("mobile_netizen_share_2012", "mobile_netizen_share_2018"),
         "implied": _("{points}个百分点", points=f"{growth.pp_change(share_12, share_18):+.1f}"),
         "public": _("CNNIC：{june}，即报告的终点；{year_end}，按年末计{points}个百分点", june=s06_at, year_end=s12e_at,
                     points=f"{growth.pp_change(share_12, s12e):+.1f}"),
         "note": _("报告把6月的数字写作全年")},
        {"key": "flowers", "figures": {}, "inputs": {},
         "quantity": _("京东鲜花速递等线上服务销量（2.2节）"),
         "report": _("增长{figure}（{period}年）", figure=facts.stated("jd_flower_delivery_sales_growth"),
                     period=facts.period("jd_flower_delivery_sales_growth")),
         "implied": _("无法复算（未给基数）"),
         "public": _("未找到公开出处（检索“京东 2013年到2018年 鲜花速递 销量增长14倍”）"),
         "note": _("“增长N倍”是增至N倍还是增加N倍，原文未明")},
        {"key": "c2m", "figures": {}, "inputs": {},
         "quantity": _("京东C2M调研时间、新品上市周期（2.2节）"),
         "report": _("减少{research}、缩短{launch}", research=facts.stated("jd_c2m_research_time_change"),
                     launch=facts.stated("jd_c2m_launch_cycle_change")),
         "implied": _("无法复算（未给基数与时点）"),
         "public": _("未找到公开出处（检索“京东C2M 需求调研时间减少75% 新品上市周期缩短67%”）"), "note": ""},
        {"key": "anta", "figures": {"base": anta_base},
         "inputs": {N_("减少天数"): _("报告：{figure}", figure=facts.stated("anta_inventory_days_change")),
                    N_("降幅"): _("报告：{figure}", figure=facts.stated("anta_inventory_days_change_pct"))},
         "quantity": _("安踏库存周转天数（2.2节）"),
         "report": _("同比减少{days}，降幅{pct}", days=facts.stated("anta_inventory_days_change"),
                     pct=facts.stated("anta_inventory_days_change_pct")),
         "implied": _("隐含上年约{days}天（降幅略低于11%则上年略多）", days=f"{anta_base:.0f}"),
         "public": _("未找到可靠的公开出处（原文未写年份；检索“安踏 库存周转天数 同比减少15天”只见数字互相矛盾的无出处页面）"),
         "note": _("两数相互一致")},
        {"key": "price", "figures": {"change": rep_price.change, "cagr": rep_price.cagr,
                                     "public_change": pub_price.change, "public_cagr": pub_price.cagr},
         "inputs": {N_("起点"): said("express_avg_price_2012"), N_("终点"): said("express_avg_price_2017"),
                    N_("公开起点"): _("国家邮政局数据推算：{figure}", figure=p12_at),
                    N_("公开终点"): _("国家邮政局数据推算：{figure}", figure=p17_at)},
         "quantity": _("全国快递平均单价（2.2节）"),
         "report": levels("express_avg_price_2012", "express_avg_price_2017"),
         "implied": _("{change}；{years}年均{cagr}", change=_pct(rep_price.change), years=span(rep_price),
                      cagr=_pct(rep_price.cagr)),
         "public": _("国家邮政局业务收入÷业务量：{start}→{end}，{change}，年均{cagr}", start=p12_at, end=p17_at,
                     change=_pct(pub_price.change), cagr=_pct(pub_price.cagr)),
         "note": _("两者一致（件均收入为推算）")},
        {"key": "livestream", "figures": {"multiple": live.multiple, "cagr": live.cagr},
         "inputs": {N_("起点"): said("livestream_gmv_2019"), N_("终点"): said("livestream_gmv_2022")},
         "quantity": _("直播电商GMV（2.3节）"),
         "report": levels("livestream_gmv_2019", "livestream_gmv_2022"),
         "implied": implied(live),
         "public": _("起点与毕马威、阿里研究院的2019年数字相同；终点再次检索未找到公开出处"),
         "note": _("两端可能出自不同机构，增速仅按报告数字复算")},
    ]


def growth_table() -> pd.DataFrame:
    rows = growth_rows()
    return pd.DataFrame({_("报告所引数字"): [r["quantity"] for r in rows], _("报告原文的水平或变化"): [r["report"] for r in rows],
                         _("按报告数字复算"): [r["implied"] for r in rows], _("与公开数据核对"): [r["public"] for r in rows],
                         _("说明"): [r["note"] for r in rows]})


# The unit of each headline figure's value (the data package's words) that its Figure does not carry itself:
# the sweep's columns are named and labelled from it (wxshop.sweep.columns).
HEADLINE_UNITS = {
    "computers_1999_06_text": "台", "kuaishou_2017_06_text": "人", "kuaishou_2017_text": "人", "kuaishou_2019h1_text": "人",  # i18n: key
    "users_1997_text": "人", "users_1999_06_text": "人", "users_2002_06_text": "人",  # i18n: key
    "users_multiple_report_text": "倍", "users_cagr_report_text": "比率", "users_multiple_cnnic_text": "倍",  # i18n: key
    "users_cagr_cnnic_text": "比率", "users_cagr_true_text": "比率", "computers_multiple_text": "倍",  # i18n: key
    "computers_cagr_text": "比率", "logistics_multiple_text": "倍", "logistics_cagr_text": "比率",  # i18n: key
    "share_2012_text": "比率", "share_2018_06_text": "比率", "share_2018_12_text": "比率",  # i18n: key
    "share_pp_report_text": "百分点", "share_pp_yearend_text": "百分点", "anta_base_text": "天",  # i18n: key
    "price_change_text": "比率", "price_cagr_text": "比率", "price_public_change_text": "比率",  # i18n: key
    "price_public_cagr_text": "比率", "douyin_2018_text": "人", "stations_2019_text": "个",  # i18n: key
    "live_multiple_text": "倍", "live_cagr_text": "比率",  # i18n: key
}


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    facts = Facts()
    table = facts.table
    users = data.load("internet_users")
    traffic = data.load("platform_traffic")
    rows = {row["key"]: row for row in growth_rows()}

    def calc(key: str, label: str, row: str, figure: str, text: Callable[[float], str],
             inputs: tuple[str, ...] = (N_("起点"), N_("终点"))) -> Figure:
        value = rows[row]["figures"][figure]
        return Figure(key, label, text(value), value, "model", GROWTH, {_(k): rows[row]["inputs"][k] for k in inputs})

    def public(key: str, label: str, row: pd.Series, column: str, text: str) -> list[Figure]:
        return [Figure(key + "_text", label, text, float(row[column]), "public", provenance.text(row)),
                citation(key + "_source", str(row["source"]), provenance.text(row))]

    def stated(key: str, fact_id: str) -> Figure:
        return fact(key, table, fact_id, facts.stated(fact_id))

    u97, u99, u02 = (_level(users, d, "users") for d in ("1997-10", "1999-06", "2002-06"))
    c99 = _level(data.load("internet_computers"), "1999-06", "computers")
    s12, s18a, s18b = (_level(users, d, "mobile_share") for d in ("2012", "2018-06", "2018-12"))
    stations = data.load("base_stations_5g")
    st19 = stations[(stations["year"] == 2019) & (stations["source_type"] == "public")].iloc[0]
    dau = _traffic(traffic, "dau", "抖音", "2018-06")  # i18n: key
    ks_2017_06, ks_2017, ks_2019 = (_traffic(traffic, m, "快手", d) for m, d in  # i18n: key
                                    (("dau", "2017-06"), ("dau", "2017"), ("dau_average", "2019-H1")))
    pp = lambda v: f"{v:.1f}"  # noqa: E731  (the prose says 上升)
    return [
        stated("report_users_start_text", "netizens_1999_06"),
        stated("report_users_end_text", "netizens_2002_06"),
        *public("users_1997", _("CNNIC 1997年10月网民数"), u97, "users", units.format_wan(u97["users"], N_("人"))),
        *public("users_1999_06", _("CNNIC 1999年6月网民数"), u99, "users", units.format_wan(u99["users"], N_("人"))),
        *public("users_2002_06", _("CNNIC 2002年6月网民数"), u02, "users", units.format_wan(u02["users"], N_("人"))),
        *public("computers_1999_06", _("CNNIC 1999年6月上网计算机数"), c99, "computers",
                units.format_wan(c99["computers"], N_("台"))),
        calc("users_multiple_report_text", _("网民增长倍数（按报告数字）"), "users", "multiple", _times),
        calc("users_cagr_report_text", _("网民年均增速（按报告数字，3年）"), "users", "cagr", _pct),
        calc("users_multiple_cnnic_text", _("网民增长倍数（CNNIC）"), "users", "cnnic_multiple", _times, (N_("CNNIC起点"), N_("CNNIC终点"))),
        calc("users_cagr_cnnic_text", _("网民年均增速（CNNIC）"), "users", "cnnic_cagr", _pct, (N_("CNNIC起点"), N_("CNNIC终点"))),
        calc("users_cagr_true_text", _("网民年均增速（1997年10月至2002年6月）"), "users", "true_cagr", _pct,
             (N_("实际时点"), N_("CNNIC终点"))),
        stated("computers_start_text", "pc_online_1999_06"),
        stated("computers_end_text", "pc_online_2002_06"),
        calc("computers_multiple_text", _("上网计算机增长倍数"), "computers", "multiple", _times),
        calc("computers_cagr_text", _("上网计算机年均增速"), "computers", "cagr", _pct),
        stated("logistics_start_text", "third_party_logistics_market_2001"),
        stated("logistics_end_text", "third_party_logistics_market_2012"),
        calc("logistics_multiple_text", _("第三方物流市场规模增长倍数"), "logistics", "multiple", _times),
        calc("logistics_cagr_text", _("第三方物流市场规模年均增速"), "logistics", "cagr", _pct),
        *public("share_2012", _("CNNIC 2012年末手机网民占比"), s12, "mobile_share", units.format_percent(s12["mobile_share"], 1)),
        *public("share_2018_06", _("CNNIC 2018年6月手机网民占比"), s18a, "mobile_share",
                units.format_percent(s18a["mobile_share"], 1)),
        *public("share_2018_12", _("CNNIC 2018年末手机网民占比"), s18b, "mobile_share",
                units.format_percent(s18b["mobile_share"], 1)),
        stated("share_report_start_text", "mobile_netizen_share_2012"),
        stated("share_report_end_text", "mobile_netizen_share_2018"),
        calc("share_pp_report_text", _("手机网民占比变化（报告数字）"), "share", "report_pp", pp),
        calc("share_pp_yearend_text", _("手机网民占比变化（年末口径）"), "share", "yearend_pp", pp, (N_("起点"), N_("年末终点"))),
        stated("flowers_text", "jd_flower_delivery_sales_growth"),
        stated("anta_days_text", "anta_inventory_days_change"),
        stated("anta_pct_text", "anta_inventory_days_change_pct"),
        calc("anta_base_text", _("安踏库存周转天数的隐含上年水平"), "anta", "base", lambda v: _("{days}天", days=f"{v:.0f}"), (N_("减少天数"), N_("降幅"))),
        stated("price_start_text", "express_avg_price_2012"),
        stated("price_end_text", "express_avg_price_2017"),
        calc("price_change_text", _("快递平均单价变化（报告数字）"), "price", "change", _pct),
        calc("price_cagr_text", _("快递平均单价年均变化（报告数字）"), "price", "cagr", _pct),
        calc("price_public_change_text", _("快递件均收入变化（国家邮政局数据推算）"), "price", "public_change", _pct,
             (N_("公开起点"), N_("公开终点"))),
        calc("price_public_cagr_text", _("快递件均收入年均变化（国家邮政局数据推算）"), "price", "public_cagr", _pct,
             (N_("公开起点"), N_("公开终点"))),
        stated("acquisition_cost_text", "taobao_acquisition_cost"),
        stated("douyin_report_text", "douyin_dau_2019"),
        Figure("douyin_2018_text", _("抖音2018年6月日活（公开资料）"), units.format_scaled(dau["value"], "", 1),
               float(dau["value"]), "public", provenance.text(dau)),
        citation("douyin_2018_source", str(dau["source"]), provenance.text(dau)),
        *public("kuaishou_2017_06", _("快手2017年6月日活（公开资料，下限）"), ks_2017_06, "value",
                units.format_scaled(ks_2017_06["value"], "", 1)),
        *public("kuaishou_2017", _("快手2017年日活（公开资料，下限）"), ks_2017, "value",
                units.format_scaled(ks_2017["value"], "", 1)),
        Figure("kuaishou_2017_grade", _("可信度"), i18n.data_text(str(ks_2017["confidence"])), None, "public", provenance.text(ks_2017)),
        *public("kuaishou_2019h1", _("快手App 2019年上半年平均日活（招股书）"), ks_2019, "value",
                units.format_scaled(ks_2019["value"], "", 3)),
        Figure("stations_2019_text", _("2019年末5G基站数（下限）"), _("超{value}", value=units.format_wan(st19["stations"], N_("个"))),
               float(st19["stations"]), "public", provenance.text(st19)),
        stated("live_share_text", "livestream_share_online_retail_2022"),
        stated("live_start_text", "livestream_gmv_2019"),
        stated("live_end_text", "livestream_gmv_2022"),
        calc("live_multiple_text", _("直播电商GMV增长倍数（报告数字）"), "livestream", "multiple", _times),
        calc("live_cagr_text", _("直播电商GMV年均增速（报告数字）"), "livestream", "cagr", _pct),
    ]


# --------------------------------------------------------------------------- the page's parts

def _chart_parts(number: int | str, p: dict[str, Any], section: str, title: str, description: str,
                 note: str, resources: list[str]) -> list[Any]:
    ticks = "mid" if number in ("express", 20) else "end"
    chosen = panels(str(number))
    start, end = RANGES[number if number == "express" else int(number)]
    chart = charts.series_chart(chosen, era_for(p, section), p["scale"], start, end, title, description, ticks)
    drawn = pd.concat([pd.DataFrame({"source_type": [], "source": []})] + [_provenance_rows(panel.points) for panel in chosen])
    table = charts.points_table(pd.concat([panel.points for panel in chosen], ignore_index=True), _("{title} 逐点数据", title=title))
    quotes = [q for q in dict.fromkeys(q for panel in chosen for q in panel.points["quote"]) if q]
    quotes = [q for q in quotes if not any(q != other and q in other for other in quotes)]  # the longest stretch
    said = "".join(_("报告原文：“{quote}”。", quote=i18n.data_text(q)) for q in quotes)
    full = said + _(notes.AXIS[ticks]) + _(note)
    if isinstance(number, int):
        return [chart, table, exhibit_caption(number, resources, note=full, drawn_from=drawn)]
    return [chart, table, caption(_("来源：国家邮政局（快递业务量与业务收入），国金证券研究所（报告正文）；件均收入为本版推算"),
                                  resources, note=full)]


def _provenance_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The (source_type, source) of every point drawn, for the caption's list of what was drawn."""
    return pd.DataFrame({"source_type": frame["src_type"], "source": frame["src"]})


def exhibit_12(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(12, p, "2.1", _("互联网上网人数在PC互联网时代快速增长"),
                        _("折线散点图：1997—2012年中国网民人数与上网计算机台数（CNNIC、国家统计局），红色菱形为报告正文的数字；"
                        "背景色带为三个时代，可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.USERS, ["internet_users", "internet_computers"])


def exhibit_13(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(13, p, "2.1", _("物流总额"),
                        _("散点图：找到出处的年份的全国社会物流总额（当年价格），2003—2023年中的7个年份，其余年份留空、不连线；"
                        "背景色带为三个时代，可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.LOGISTICS, ["social_logistics_total"])


def exhibit_14(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(14, p, "2.1", _("互联网宽带接入端口快速增长"),
                        _("散点图：找到出处的年份的全国互联网宽带接入端口年末数，2003—2023年中的4个年份，其余年份留空、不连线；"
                        "背景色带为三个时代，可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.PORTS, ["broadband_ports"])


def exhibit_17(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(17, p, "2.2", _("中国手机网民数量"),
                        _("两幅折线散点图：上为2007—2018年手机网民与网民人数，下为手机网民占网民比例，红色菱形为报告正文的占比；"
                        "背景色带为三个时代，可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.MOBILE, ["internet_users"])


def express_chart(p: dict[str, Any]) -> list[Any]:
    return _chart_parts("express", p, "2.2", _("快递业务量与件均收入"),
                        _("两幅散点折线图：上为2007—2024年全国快递业务量，下为2010—2024年件均收入（业务收入÷业务量），"
                        "红色菱形为报告正文的平均单价；背景色带为三个时代，可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.EXPRESS, ["express_delivery"])


def exhibit_19(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(19, p, "2.3", _("5G基站数量"),
                        _("散点折线图：2019—2024年全国5G基站年末累计数量，2020年缺数据；背景色带为三个时代，"
                        "可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.STATIONS, ["base_stations_5g"])


def exhibit_20(p: dict[str, Any]) -> list[Any]:
    return _chart_parts(20, p, "2.3", _("直播电商市场规模"),
                        _("散点图：2017—2024年直播电商市场规模，各点来自不同发布机构，颜色标明发布机构，不连线；"
                        "红色菱形为报告正文的数字；可选择突出某一时代并切换对数或线性纵轴。"),
                        notes.LIVESTREAM, ["livestream_market_size"])


def verbatim_table(number: int) -> list[Any]:
    era = next(key for key, n in model.EXHIBITS.items() if n == number)
    table = data.load(TABLES[era])
    title = data.load("exhibits").set_index("number").loc[number, "title"]
    return [exhibit_table(table, _("图表{number}：{title}", number=number, title=i18n.data_text(title))),
            exhibit_caption(number, [TABLES[era]])]


def explorer(p: dict[str, Any]) -> list[Any]:
    cells = era_cells()
    small = overview_panels()
    start, end = RANGES["all"]
    chart = charts.explorer_chart(cells, small, era_for(p, None), "all", p["scale"], start, end)
    resources = list(TABLES.values()) + ["internet_users", "internet_computers", "express_delivery", "base_stations_5g",
                                         "livestream_market_size"]
    return [chart, charts.cells_table(cells),
            caption(_("来源：国金证券研究所（图表15、18、21）；CNNIC，国家统计局，国家邮政局，工业和信息化部，各发布机构（序列，见本章各图）"),
                    resources, note=_(notes.EXPLORER) + _(notes.EXPLORER_AXIS))]


def described_exhibit(number: int) -> list[Any]:
    """An exhibit the edition describes in words: only the report's 来源 line under the description."""
    return [described(number)]


def exhibit_16() -> list[Any]:
    """图表16: ITU's requirements per generation, listed for reference (not the original's 理论网速)."""
    frame = data.load("imt_requirements")
    sources = {s: provenance.source_citation(s) for s in dict.fromkeys(frame["source"])}
    return [charts.requirements_table(frame, sources),
            exhibit_caption(16, ["imt_requirements"], note=_(notes.REQUIREMENTS), drawn_from=frame)]


def growth_parts() -> list[Any]:
    return [charts.growth_table(growth_table()),
            caption(_("来源：国金证券研究所（报告正文的数字）；CNNIC，国家邮政局（公开数据）；复算为本版计算"),
                    ["report_facts", "internet_users", "express_delivery"])]


def growth_panel() -> Any:
    from wxshop.chapters.people_goods_place.panels import growth_panel as build

    return build()
