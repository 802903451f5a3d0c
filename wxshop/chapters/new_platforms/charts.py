"""Charts and tables of the KOC vs KOL chapter (4.3)."""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from wxshop import units
from wxshop.charts import FONT, WAN_LABEL, table_html
from wxshop.models import koc_kol as model


def budget_slider(budget: float, points: int = 25) -> tuple[float, float, float]:
    """(min, max, step) of the budget slider: 2万元 steps up to 50万元, coarser for larger budgets."""
    step = 20_000.0 if budget <= 20_000 * points else math.ceil(budget / points / 10_000) * 10_000.0
    low = min(step, float(budget))
    return low, low + step * (points - 1), step


def budget_values(budget: float, points: int = 25) -> list[float]:
    """Every budget the slider can show (plus ``budget`` itself): the grid the chart embeds."""
    low, _high, step = budget_slider(budget, points)
    return sorted({low + step * k for k in range(points)} | {float(budget)})


def chart(grid: pd.DataFrame, budget: float, case: str) -> alt.LayerChart:
    """Engagements against the KOC share, with a budget slider, a case dropdown and a best-share marker.

    ``grid`` is :func:`wxshop.models.koc_kol.scenario_grid`'s output over :func:`budget_values`;
    the controls only select its rows.
    """
    low, high, step = budget_slider(budget)
    budget_param = alt.param(
        name="budget", value=float(budget),
        bind=alt.binding_range(min=low, max=max(high, float(budget)), step=step, name="总预算（元）"),
    )
    cases = [c for c in model.CASE_LABELS if c in set(grid["case"])]
    case_param = alt.param(
        name="scenario", value=case,
        bind=alt.binding_select(options=cases, labels=[model.CASE_LABELS[c] for c in cases], name="情形"),
    )
    columns = ["budget", "case", "koc_share", "koc_posts", "kol_posts", "reach", "engagements",
               "cost_per_engagement", "is_best"]
    source = grid[columns].copy()
    # Rounded for the page's weight only: reach and engagements to whole numbers, cost to 0.1 fen.
    source[["reach", "engagements"]] = source[["reach", "engagements"]].round(0)
    source["cost_per_engagement"] = source["cost_per_engagement"].round(4)
    base = alt.Chart(source).transform_filter(
        (alt.datum.budget == budget_param) & (alt.datum.case == case_param)
    )
    tooltip = [
        alt.Tooltip("koc_share:Q", title="KOC 预算占比", format=".0%"),
        alt.Tooltip("koc_posts:Q", title="KOC 篇数", format=","),
        alt.Tooltip("kol_posts:Q", title="KOL 篇数", format=","),
        alt.Tooltip("reach:Q", title="触达（人次）", format=",.0f"),
        alt.Tooltip("engagements:Q", title="互动量（次）", format=",.0f"),
        alt.Tooltip("cost_per_engagement:Q", title="单次互动成本（元）", format=",.2f"),
    ]
    x = alt.X("koc_share:Q", title="KOC 预算占比", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1]))
    y = alt.Y("engagements:Q", title="互动量（次）", axis=alt.Axis(labelExpr=WAN_LABEL))
    curve = base.mark_line(point=True, color="#c0392b").encode(x=x, y=y, tooltip=tooltip).properties(name="curve")
    best = base.transform_filter(alt.datum.is_best).mark_point(
        shape="diamond", size=220, filled=True, color="#1f4e79"
    ).encode(x=x, y=y, tooltip=tooltip).properties(name="best")
    label = base.transform_filter(alt.datum.is_best).transform_calculate(
        label="'互动量最大：KOC ' + format(datum.koc_share, '.0%')"
    ).mark_text(
        dy=-16, fontSize=12, color="#1f4e79", font=FONT,
        align=alt.expr("datum.koc_share > 0.5 ? 'right' : 'left'"),  # keep the label inside the plot
    ).encode(x=x, y=y, text="label:N")
    return alt.layer(curve, best, label).add_params(budget_param, case_param).properties(
        title="KOC 与 KOL 预算分配：互动量随 KOC 占比变化",
        description="折线图：横轴为 KOC 预算占比（0%–100%），纵轴为互动量；菱形标记互动量最大的占比。"
                    "可用滑块调整总预算，用下拉框切换低/中/高情形。",
        width=560, height=300,
    )


def cases_table(cases: pd.DataFrame) -> str:
    """The model's case inputs with each value's provenance (report range end or assumption)."""
    names = {"cost_per_post": "单篇投放成本", "followers": "粉丝量", "engagement_rate": "互动率"}
    kinds = {"report": "报告（图表53）", "assumption": "假设"}
    shown = pd.DataFrame({
        "情形": cases["case"].map(model.CASE_LABELS),
        "博主": cases["creator"],
        "参数": cases["parameter"].map(names),
        "取值": [units.format_percent(v, 0) if u == "比率" else f"{v:,.0f} {u}"
                 for v, u in zip(cases["value"], cases["unit"])],
        "来源": cases["source_type"].map(kinds),
        "依据": cases["quote"].fillna(cases["source"]),
    })
    return table_html(shown, {c: c for c in shown.columns}, "KOC 与 KOL 模型的情形参数")


def case_comparison(cases: dict[str, tuple[model.Creator, model.Creator]]) -> str:
    """One sentence per case: each side's cost per engagement and which is cheaper (prose for glue)."""
    parts = []
    for case, (koc, kol) in cases.items():
        koc_cost, kol_cost = model.cost_per_engagement(koc), model.cost_per_engagement(kol)
        cheaper = "KOC" if koc_cost < kol_cost else "KOL" if kol_cost < koc_cost else "两者相同"
        parts.append(f"{model.CASE_LABELS[case]}下 KOC 每次互动 {koc_cost:.2f} 元、KOL {kol_cost:.2f} 元，"
                     f"{'更便宜的是 ' + cheaper if cheaper != '两者相同' else '两者相同'}")
    return "；".join(parts) + "。"
