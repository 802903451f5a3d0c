"""Altair builders, the book's theme, captions and the site renderer.

A chart is a small function that takes a DataFrame (a model's output or a data resource) and
returns a Chart. Chart expressions only select rows and format labels; they never compute a model.

On the site (``WXSHOP_RENDER=site``, set by the build), charts render through the ``wxshop_site``
renderer: a ``<div>`` plus a few lines calling the page's local vega-embed, which the book's Sphinx
extension serves once from ``_static/`` on chart pages. In live Jupyter Altair's own renderer is
used.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import os

import altair as alt
import pandas as pd

from wxshop import data, units

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
SITE_ENV = "WXSHOP_RENDER"
CASE_LABELS = {"low": "低值情形", "mid": "中值情形", "high": "高值情形"}
# Axis labels in 万 for large counts: formatting only.
WAN_LABEL = "datum.value >= 10000 ? format(datum.value / 10000, ',.4~f') + '万' : format(datum.value, ',')"


@alt.theme.register("wxshop", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "title": {"font": FONT, "fontSize": 15, "anchor": "start"},
            "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFont": FONT, "titleFont": FONT},
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
        }
    }


def _site_renderer(spec: dict, **_: object) -> dict:
    """Mime bundle for the static site: no CDN, no inlined library, SVG output."""
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True)
    chart_id = "wxshop-chart-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
    safe = payload.replace("</", "<\\/")
    label = html.escape(spec.get("description", "图表"), quote=True)
    markup = f"""<div class="wxshop-chart" id="{chart_id}" role="figure" aria-label="{label}"></div>
<script type="text/javascript">(function () {{
  var el = document.getElementById("{chart_id}");
  var spec = {safe};
  function draw() {{
    if (!window.vegaEmbed) {{ el.textContent = "图表脚本未加载"; return; }}
    window.vegaEmbed(el, spec, {{renderer: "svg", actions: false}}).catch(function (err) {{
      el.textContent = "图表加载失败：" + err; console.error(err);
    }});
  }}
  if (document.readyState === "loading") {{ document.addEventListener("DOMContentLoaded", draw); }} else {{ draw(); }}
}})();</script>"""
    return {"text/html": markup, "text/plain": f"<图表 {chart_id}>"}


alt.renderers.register("wxshop_site", _site_renderer)
alt.renderers.enable("wxshop_site" if os.environ.get(SITE_ENV) == "site" else "html")


def caption(sources: str, resources: list[str], note: str | None = None) -> str:
    """HTML caption under a chart or table: 来源 in the report's style and links to the CSVs."""
    descriptor = data.read_descriptor()
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    links = "、".join(
        f'<a href="../data/{html.escape(paths[name])}" download>{html.escape(paths[name])}</a>' for name in resources
    )
    parts = [f"<span class=\"wxshop-sources\">{html.escape(sources)}</span>"]
    if note:
        parts.append(f"<span class=\"wxshop-note\">{html.escape(note)}</span>")
    parts.append(f"<span class=\"wxshop-download\">数据下载：{links}</span>")
    return "<p class=\"wxshop-caption\">" + "<br/>".join(parts) + "</p>"


class GlueText:
    """A phrase for myst-nb ``glue``: its plain-text form is the phrase itself, without quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def exhibit_caption(number: int, resources: list[str], note: str | None = None) -> str:
    """Caption of a report exhibit: its 来源 line as the report prints it, and CSV links."""
    register = data.load("exhibits")
    row = register[register["number"] == number]
    if row.empty:
        raise ValueError(f"exhibit {number} is not in data/exhibits.csv")
    return caption(str(row["source_line"].iloc[0]), resources, note)


def exhibit_table(frame: pd.DataFrame, title: str) -> str:
    """A verbatim report table: its own columns (not row numbers or provenance) under the report's headers."""
    schema = next(r["schema"] for r in data.read_descriptor()["resources"] if r["name"] == frame.attrs["resource"])
    skip = {"row", "note", *data.PROVENANCE}
    columns = {f["name"]: f.get("title", f["name"]) for f in schema["fields"] if f["name"] not in skip}
    return table_html(frame, columns, title)


def table_html(frame: pd.DataFrame, columns: dict[str, str], title: str) -> str:
    """A plain, accessible HTML table of ``columns`` (name -> header) with a caption."""
    head = "".join(f"<th scope=\"col\">{html.escape(label)}</th>" for label in columns.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(row[name]) else str(row[name]))}</td>" for name in columns) + "</tr>"
        for _, row in frame.iterrows()
    )
    return (f"<table class=\"wxshop-table\"><caption>{html.escape(title)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def budget_slider(budget: float, points: int = 25) -> tuple[float, float, float]:
    """(min, max, step) of the budget slider: 2万元 steps up to 50万元, coarser for larger budgets."""
    step = 20_000.0 if budget <= 20_000 * points else math.ceil(budget / points / 10_000) * 10_000.0
    low = min(step, float(budget))
    return low, low + step * (points - 1), step


def budget_values(budget: float, points: int = 25) -> list[float]:
    """Every budget the slider can show (plus ``budget`` itself): the grid the chart embeds."""
    low, _high, step = budget_slider(budget, points)
    return sorted({low + step * k for k in range(points)} | {float(budget)})


def koc_kol_chart(grid: pd.DataFrame, budget: float, case: str) -> alt.LayerChart:
    """Engagements against the KOC share, with a budget slider, a case dropdown and a best-share marker.

    ``grid`` is :func:`wxshop.models.koc_kol.scenario_grid`'s output over :func:`budget_values`;
    the controls only select its rows.
    """
    low, high, step = budget_slider(budget)
    budget_param = alt.param(
        name="budget", value=float(budget),
        bind=alt.binding_range(min=low, max=max(high, float(budget)), step=step, name="总预算（元）"),
    )
    cases = [c for c in CASE_LABELS if c in set(grid["case"])]
    case_param = alt.param(
        name="scenario", value=case,
        bind=alt.binding_select(options=cases, labels=[CASE_LABELS[c] for c in cases], name="情形"),
    )
    columns = ["budget", "case", "koc_share", "koc_posts", "kol_posts", "reach", "engagements",
               "cost_per_engagement", "is_best"]
    source = grid[columns].copy()
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
    ).mark_text(dy=-16, fontSize=12, color="#1f4e79", font=FONT).encode(x=x, y=y, text="label:N")
    return alt.layer(curve, best, label).add_params(budget_param, case_param).properties(
        title="KOC 与 KOL 预算分配：互动量随 KOC 占比变化",
        description="折线图：横轴为 KOC 预算占比（0%–100%），纵轴为互动量；菱形标记互动量最大的占比。"
                    "可用滑块调整总预算，用下拉框切换低/中/高情形。",
        width=560, height=300,
    )


def koc_kol_cases_table(cases: pd.DataFrame) -> str:
    """The model's case inputs with each value's provenance (report range end or assumption)."""
    names = {"cost_per_post": "单篇投放成本", "followers": "粉丝量", "engagement_rate": "互动率"}
    kinds = {"report": "报告（图表53）", "assumption": "假设"}
    shown = pd.DataFrame({
        "情形": cases["case"].map(CASE_LABELS),
        "博主": cases["creator"],
        "参数": cases["parameter"].map(names),
        "取值": [units.format_percent(v, 0) if u == "比率" else f"{v:,.0f} {u}"
                 for v, u in zip(cases["value"], cases["unit"])],
        "来源": cases["source_type"].map(kinds),
        "依据": cases["quote"].fillna(cases["source"]),
    })
    return table_html(shown, {c: c for c in shown.columns}, "KOC 与 KOL 模型的情形参数")
