"""Section 4.3 wired: data to model, the headline figures the prose quotes, and the page's parts."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import pandas as pd

from wxshop import assumptions, data, i18n, units
from wxshop.chapters.new_platforms import charts, model
from wxshop.chapters.new_platforms.spec import SPEC
from wxshop.charts import caption, diagram, exhibit_caption, exhibit_table, exhibit_title, table_html
from wxshop.charts.tables import exhibit_columns
from wxshop.figures import Figure, model_name
from wxshop.i18n import N_, _

FUNCTION = "wxshop.chapters.new_platforms.model.allocation_curve"
YUAN, RATIO = "元", "比率"  # i18n: key (the data package's units)


def parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """The chapter's parameters as the notebook's parameters cell left them, checked."""
    return SPEC.validate_namespace(namespace)


@lru_cache(maxsize=64)
def _cases_from_data(koc_pool: float, kol_pool: float, conversion_rate: float, kol_trust: float,
                     version: tuple) -> dict[str, tuple[model.Creator, model.Creator]]:
    """The cases as the data package gives them (read once per data version: a sweep asks thousands of times)."""
    return model.cases_from_table(data.load("koc_kol_cases"), {"KOC": koc_pool, "KOL": kol_pool}, conversion_rate,
                                  kol_trust)


def cases(p: dict[str, Any]) -> dict[str, tuple[model.Creator, model.Creator]]:
    """Every case's (KOC, KOL) from the data package, the chosen case with the analyst's overrides."""
    found = dict(_cases_from_data(p["koc_pool"], p["kol_pool"], p["conversion_rate"], p["kol_trust"], data.version()))
    koc, kol = found[p["case"]]
    found[p["case"]] = tuple(
        model.with_overrides(profile, cost_per_post=p[f"{who}_cost_per_post"], followers=p[f"{who}_followers"],
                             engagement_rate=p[f"{who}_engagement_rate"])
        for who, profile in (("koc", koc), ("kol", kol)))
    return found


def chosen_curve(p: dict[str, Any]) -> pd.DataFrame:
    koc, kol = cases(p)[p["case"]]
    return model.allocation_curve(p["budget"], koc, kol, p["share_step"])


def _chosen_columns(p: dict[str, Any]) -> dict[str, Any]:
    koc, kol = cases(p)[p["case"]]
    return model.curve_columns(p["budget"], koc, kol, p["share_step"])


def headlines(p: dict[str, Any]) -> list[Figure]:
    """The figures the chapter's prose quotes (glued in the notebook, tabulated by sweeps)."""
    curve = _chosen_columns(p)
    objective = p["objective"]
    at = model.best_index(curve, objective)
    best = {column: values[at] for column, values in curve.items()}
    inputs = {_("总预算"): units.format_yuan(p["budget"]), _("情形"): _(model.CASE_LABELS[p["case"]]),
              _("目标"): _(model.OBJECTIVE_LABELS[objective])}
    unit = charts.OBJECTIVE_UNITS[objective]
    shares, totals = curve["koc_share"], curve[objective]
    ends = {share: totals[shares == share][0] for share in (0.0, 1.0)}

    def out(key: str, label: str, text: str, value: Any, unit: str = "") -> Figure:
        return Figure(key, label, text, value, "model", FUNCTION, inputs, unit=unit)

    return [
        Figure("budget_text", _("总预算"), units.format_yuan(p["budget"]), p["budget"], "assumption",
               assumptions.reason("new_platforms.budget"), unit=YUAN),
        out("case_text", _("情形"), _(model.CASE_LABELS[p["case"]]), p["case"]),
        out("objective_text", _("目标"), _(model.OBJECTIVE_LABELS[objective]), objective),
        out("best_share_text", _("最佳 KOC 预算占比"), units.format_percent(best["koc_share"], 0),
            float(best["koc_share"]), RATIO),
        out("best_total_text", _("最佳占比下的总量"), units.format_scaled(best[objective], unit, 1),
            float(best[objective]), unit),
        out("all_koc_text", _("全部投 KOC 的总量"), units.format_scaled(ends[1.0], unit, 1), float(ends[1.0]), unit),
        out("all_kol_text", _("全部投 KOL 的总量"), units.format_scaled(ends[0.0], unit, 1), float(ends[0.0]), unit),
    ]


def exhibit_52() -> list[Any]:
    """图表52 as a diagram of the loop 1.2 writes (公域导私域, 私域反哺公域), every word from the report."""
    frame = data.load("domain_loop")
    shown = frame
    if i18n.is_english():  # the report's words in the edition's English
        shown = frame.assign(**{c: [v if pd.isna(v) else i18n.translate(str(v)) for v in frame[c]]
                                for c in ("text", "detail", "quote", "note")})
        shown.attrs = frame.attrs
    return [charts.loop_chart(shown, i18n.translate(exhibit_title(52))),
            diagram.parts_table(shown, _("图表52 示意图的部件与报告原文")),
            exhibit_caption(52, ["domain_loop"], note=_(LOOP_CAPTION), drawn_from=frame)]


LOOP_CAPTION = N_("两个方向与其渠道、结果是报告1.2节的原话，“闭环机制”一句取自基本结论，“打通公私域流量闭环”取自4.3节；"
                "原图的其他内容无法复原，本版不补画。")


def exhibit_53() -> list[Any]:
    table = data.load("exhibit53_koc_vs_kol")
    title = _("图表53：小红书 KOC推流优势")
    if not i18n.is_english():
        return [exhibit_table(table, title), exhibit_caption(53, ["exhibit53_koc_vs_kol"])]
    # English: the report's headers and cells in the edition's English (the same table otherwise).
    columns = {name: i18n.translate(header) for name, header in exhibit_columns("exhibit53_koc_vs_kol").items()}
    shown = table.assign(**{c: [i18n.translate(str(v)) for v in table[c]] for c in columns})
    return [table_html(shown, columns, title), exhibit_caption(53, ["exhibit53_koc_vs_kol"])]


ASSUMPTIONS = ["new_platforms.budget", "new_platforms.koc_pool", "new_platforms.kol_pool",
               "new_platforms.conversion_rate", "new_platforms.kol_trust"]


def model_inputs() -> list[Any]:
    rows = data.load("koc_kol_cases")
    return [charts.cases_table(rows),
            assumptions.table(ASSUMPTIONS, _("KOC 与 KOL 模型的假设")),
            caption(_("来源：电商运营课程君，国金证券研究所绘制（区间端点）；区间内取值与饱和、转化参数为本版假设"),
                    ["koc_kol_cases", "assumptions"], rows=pd.concat([rows, assumptions.rows(ASSUMPTIONS)]),
                    method=_("模型的输入：区间端点取自报告图表53，其余为本版假设，逐项标明。"))]


def model_chart(p: dict[str, Any]) -> list[Any]:
    table = model.scenario_grid(charts.budget_values(p["budget"]), cases(p), p["share_step"])
    used = pd.concat([data.load("koc_kol_cases"), assumptions.rows(ASSUMPTIONS)])
    return [charts.chart(table, p["budget"], p["case"], p["objective"]),
            caption(_("来源：电商运营课程君，国金证券研究所绘制（区间）；本版模型计算"), ["koc_kol_cases", "assumptions"],
                    note=_("示意模型：受众池、转化率与信任系数为假设；只买整篇笔记，余款不花。"), rows=used,
                    method=_("由本版的{model}对每个预算、情形与目标预先计算；示意，不是对投放效果的估计。",
                             model=_(model_name(FUNCTION))),
                    model=FUNCTION)]


def panel(p: dict[str, Any]) -> Any:
    from wxshop.chapters.new_platforms.panels import allocator_panel

    return allocator_panel(cases(p), p)
