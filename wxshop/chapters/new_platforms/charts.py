"""Charts and tables of section 4.3: the KOC vs KOL allocator.

The charts embed :func:`model.scenario_grid`'s rows; the controls (budget, case, objective) only
select rows and pick which precomputed column to show.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from wxshop import i18n, units
from wxshop.chapters.new_platforms import model
from wxshop.charts import BLUE, FONT, RED, WAN_LABEL, grid, table_html
from wxshop.charts.diagram import Place, diagram_chart
from wxshop.charts.render import control_meta
from wxshop.i18n import N_, _

# Each objective's unit noun (wxshop.units translates it: the chapter's catalogue has its English).
OBJECTIVE_UNITS = {"reach": "人", "engagements": "次", "conversions": "笔"}  # i18n: key


def budget_values(budget: float, points: int = 25) -> list[float]:
    """Every budget the slider offers: 2万元 steps up to 50万元 (coarser above), plus ``budget`` itself."""
    step = 20_000.0 if budget <= 20_000 * points else math.ceil(budget / points / 10_000) * 10_000.0
    low = min(step, float(budget))
    return grid.steps(low, low + step * (points - 1), step, include=[budget])


def _source(table: pd.DataFrame) -> pd.DataFrame:
    columns = ["budget", "case", "koc_share", "koc_posts", "kol_posts", "spent", "unspent"]
    source = table[columns].copy()
    # Rounded for the page's weight only: people and counts to whole numbers, marginals to 6 significant digits.
    for objective in model.OBJECTIVES:
        source[objective] = table[objective].round(0 if objective != "conversions" else 1)
        for side in ("koc", "kol"):
            column = f"{side}_marginal_{objective}"
            source[column] = table[column].map(lambda v: float(f"{v:.6g}"))
        source[f"best_{objective}"] = table[f"best_{objective}"]
    return source


def params(budgets: list[float], budget: float, case: str, objective: str) -> tuple[alt.Parameter, ...]:
    """The three controls: a budget slider, a case dropdown and an objective dropdown."""
    steps = sorted(set(budgets))
    step = min(b - a for a, b in zip(steps, steps[1:])) if len(steps) > 1 else steps[0]
    budget_param = alt.param(name="budget", value=float(budget),
                             bind=alt.binding_range(min=steps[0], max=steps[-1], step=step, name=_("总预算（元）")))
    case_param = alt.param(name="scenario", value=case,
                           bind=alt.binding_select(options=list(model.CASES),
                                                   labels=[_(model.CASE_LABELS[c]) for c in model.CASES], name=_("情形")))
    objective_param = alt.param(name="objective", value=objective,
                                bind=alt.binding_select(options=list(model.OBJECTIVES),
                                                        labels=[_(model.OBJECTIVE_LABELS[o]) for o in model.OBJECTIVES],
                                                        name=_("目标")))
    return budget_param, case_param, objective_param


def _number_label() -> str:
    """Axis labels of counts and budgets: 万 in Chinese, thousands separators and mn in English (wxshop.units)."""
    return units.vega_number("datum.value", ",.4~f") if i18n.is_english() else WAN_LABEL


def chart(table: pd.DataFrame, budget: float, case: str, objective: str) -> alt.VConcatChart:
    """Response against KOC share with the best share marked; the best share against budget; marginal returns.

    ``table`` is :func:`model.scenario_grid`'s output over :func:`budget_values`.
    """
    source = _source(table)
    budget_param, case_param, objective_param = params(list(source["budget"].unique()), budget, case, objective)
    picked = alt.Chart(source).transform_filter(alt.datum.case == case_param).transform_calculate(
        value="datum[objective]", is_best="datum['best_' + objective]",
        koc_marginal="datum['koc_marginal_' + objective]", kol_marginal="datum['kol_marginal_' + objective]")
    at_budget = picked.transform_filter(f"abs(datum.budget - budget) < 1e-6")
    x = alt.X("koc_share:Q", title=_("KOC 预算占比"), axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("value:Q", title=_("所选目标的总量"), axis=alt.Axis(labelExpr=_number_label()))
    tooltip = [alt.Tooltip("koc_share:Q", title=_("KOC 预算占比"), format=".0%"),
               alt.Tooltip("koc_posts:Q", title=_("KOC 篇数"), format=","),
               alt.Tooltip("kol_posts:Q", title=_("KOL 篇数"), format=","),
               alt.Tooltip("value:Q", title=_("所选目标的总量"), format=",.0f"),
               alt.Tooltip("unspent:Q", title=_("未花完的预算（元）"), format=",.0f")]
    curve = at_budget.mark_line(point=True, color=RED).encode(x=x, y=y, tooltip=tooltip).properties(name="curve")
    best = at_budget.transform_filter("datum.is_best").mark_point(
        shape="diamond", size=220, filled=True, color=BLUE).encode(x=x, y=y, tooltip=tooltip).properties(name="best_point")
    label = at_budget.transform_filter("datum.is_best").transform_calculate(
        text=_("'最佳：KOC ' + format(datum.koc_share, '.0%')")
    ).mark_text(dy=-16, fontSize=12, color=BLUE, font=FONT,
                align=alt.expr("datum.koc_share > 0.5 ? 'right' : 'left'")).encode(x=x, y=y, text="text:N")
    response = alt.layer(curve, best, label).properties(
        title=_("总量随 KOC 预算占比变化（菱形为最佳占比）"), width=520, height=260)

    bx = alt.X("budget:Q", title=_("总预算（元）"), axis=alt.Axis(labelExpr=_number_label()))
    by = alt.Y("koc_share:Q", title=_("最佳 KOC 占比"), axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1]))
    path_base = picked.transform_filter("datum.is_best")
    path = path_base.mark_line(point=True, color=BLUE).encode(
        x=bx, y=by, tooltip=[alt.Tooltip("budget:Q", title=_("总预算（元）"), format=",.0f"),
                             alt.Tooltip("koc_share:Q", title=_("最佳 KOC 占比"), format=".0%")]).properties(name="optimum_path")
    here = path_base.transform_filter("abs(datum.budget - budget) < 1e-6").mark_point(
        size=120, filled=True, color=RED).encode(x=bx, y=by).properties(name="optimum_here")
    moves = alt.layer(path, here).properties(title=_("最佳 KOC 占比随总预算变化"), width=520, height=180)

    one_koc, one_kol = _("再投一篇 KOC"), _("再投一篇 KOL")
    long = at_budget.transform_fold(["koc_marginal", "kol_marginal"], as_=["side", "marginal"]).transform_calculate(
        side_label=f"datum.side == 'koc_marginal' ? '{one_koc}' : '{one_kol}'")
    side_color = alt.Color("side_label:N", scale=alt.Scale(domain=[one_koc, one_kol], range=[RED, BLUE]),
                           legend=None)
    my = alt.Y("marginal:Q", title=_("每元边际收益"))
    lines = long.mark_line(interpolate="step-after").encode(
        x=x, y=my, color=side_color,
        tooltip=[alt.Tooltip("koc_share:Q", title=_("KOC 预算占比"), format=".0%"),
                 alt.Tooltip("side_label:N", title=_("投向")),
                 alt.Tooltip("marginal:Q", title=_("每元边际收益"), format=",.4~f")],
    ).properties(name="marginal")
    # Each line named where it starts (no legend far from the lines it explains).
    names = long.transform_filter("datum.koc_share == 0").mark_text(
        align="left", dx=4, dy=-8, fontSize=12, font=FONT).encode(x=x, y=my, color=side_color, text="side_label:N")
    marginal = alt.layer(lines, names).properties(
        title=_("每元边际收益：下一篇 KOC 与下一篇 KOL 各带来多少"), width=520, height=180)
    return alt.vconcat(response, moves, marginal).add_params(budget_param, case_param, objective_param).properties(
        usermeta={"controls": {**control_meta("budget", _("总预算"), "yuan"), **control_meta("scenario", _("情形")),
                               **control_meta("objective", _("目标"))}},
        description=_("三幅联动图：上图为所选目标（曝光、互动或转化）的总量随 KOC 预算占比的变化，菱形为最佳占比；"
                      "中图为最佳 KOC 占比随总预算的变化；下图为再投一篇 KOC 或 KOL 笔记每元带来的边际收益。"
                      "可用滑块调整总预算，用下拉框切换情形与目标。"))


def cases_table(cases: pd.DataFrame) -> str:
    """The model's case inputs with each value's provenance (report range end or assumption)."""
    names = {"cost_per_post": N_("单篇投放成本"), "followers": N_("粉丝量"), "engagement_rate": N_("互动率")}
    kinds = {"report": N_("报告（图表53）"), "assumption": N_("假设")}
    shown = pd.DataFrame({
        _("情形"): [_(model.CASE_LABELS[c]) for c in cases["case"]],
        _("博主"): cases["creator"],
        _("参数"): [_(names[n]) for n in cases["parameter"]],
        _("取值"): [_value_text(v, u) for v, u in zip(cases["value"], cases["unit"])],
        _("来源"): [_(kinds[k]) for k in cases["source_type"]],
        _("依据"): [i18n.translate(str(v)) for v in cases["quote"].fillna(cases["source"])],
    })
    return table_html(shown, {c: c for c in shown.columns}, _("KOC 与 KOL 模型的情形参数"))


def _value_text(value: float, unit: str) -> str:
    """A case value with its unit from koc_kol_cases (比率 as a percentage, 元/篇 as RMB per post)."""
    if unit == "比率":  # i18n: key
        return units.format_percent(value, 0)
    if unit == "元/篇":  # i18n: key
        return _("{value} 元/篇", value=f"{value:,.0f}")
    return f"{value:,.0f} {i18n.translate(unit)}"


# --------------------------------------------------------------------------- 图表52: the public/private loop

def loop_places() -> dict[str, Place]:
    """图表52's layout: the mechanism's name, the public channels above, the private domain below, an arrow
    down on the left (公域导私域) and up on the right (私域反哺公域), what the loop brings at the bottom."""
    return {
        "mechanism": Place(0.02, 0.98, 0, align="center"),
        "public": Place(0.02, 0.98, 2.4, "head"),
        "to_private": Place(0.08, 0.48, label_x=0.12),
        "to_public": Place(0.92, 0.9, label_x=0.54),
        "private": Place(0.02, 0.98, 11.2, "head"),
        "natural": Place(0.02, 0.48, 14.2, "result"),
        "multiplier": Place(0.52, 0.98, 14.2, "result"),
        "closed_loop": Place(0.02, 0.98, 17.6, "result"),
    }


def loop_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    """图表52: 公域导私域 and 私域反哺公域 as a loop between the public channels and the private domain."""
    return diagram_chart(
        frame, loop_places(), title,
        _("示意图：“公域导私域，私域反哺公域”的闭环。上为朋友圈广告、搜一搜等公域渠道，下为企业微信私域；"
          "左侧向下的箭头为公域导私域（通过包裹卡、客服导流等方式沉淀至企业微信私域），右侧向上的箭头为私域反哺公域"
          "（私域用户在小店的成交数据可提升店铺在搜一搜中的排名权重）；底部为报告所说的结果。文字取自报告1.2节、4.3节与基本结论。"),
        name="domain")
