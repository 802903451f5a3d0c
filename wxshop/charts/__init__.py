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
import os

import altair as alt
import pandas as pd

from wxshop import data

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
SITE_ENV = "WXSHOP_RENDER"
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
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
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


EXHIBIT_STATUS = {"rebuilt_from_report": "依据报告文字重建", "rebuilt_from_public": "依据公开数据重建",
                  "described": "文字描述"}
CHAPTER_TITLES = {
    "wechat_shop": "一、微信小店：“社交+”电商", "people_goods_place": "二、人货场三阶段",
    "ai_efficiency": "二（续）、AI+ 提升运营效率", "omnichannel": "三、全域电商与货币化率",
    "douyin": "四、抖音电商的启示", "new_platforms": "四（续）、新入平台：微信小店与小红书",
}


def register_table(register: pd.DataFrame) -> str:
    """The exhibit register for readers: number, title, section, status, chapter, source line, data."""
    shown = pd.DataFrame({
        "图表": "图表" + register["number"].astype(str),
        "标题": register["title"],
        "章节": register["section"],
        "处理": register["status"].map(EXHIBIT_STATUS),
        "本书章节": register["chapter"].map(CHAPTER_TITLES).fillna(register["chapter"]),
        "来源": register["source_line"],
        "数据": register["resources"].fillna(""),
    })
    return table_html(shown, {c: c for c in shown.columns}, "原报告图表索引（53 张）")


# Chapter chart modules (imported last: they use the helpers above).
from wxshop.charts import koc_kol, omnichannel  # noqa: E402
