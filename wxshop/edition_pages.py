"""Content of the edition's generated pages, as MyST Markdown: the exhibit register, the parameters, the data
resources and the audit of the public values.

The Sphinx extension parses this text in place of a directive (``{wxshop-exhibit-register}``,
``{wxshop-parameters}``), so the pages are indexed by the site's search like any other page. The
register's chapter column is derived from the chapter homes in the book (``SPEC.exhibits``); an
exhibit of a chapter that is not in ``_toc.yml`` yet reads 尚未发布.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from wxshop import chapters, data, datavalues
from wxshop.build import toc
from wxshop.i18n import _, data_text

STATUS = {"rebuilt_from_report": "依据报告原表逐字重建", "rebuilt_from_text": "依据报告正文重绘（时间线、示意图）",
          "rebuilt_from_public": "依据公开数据重建", "public_reference": "列出公开数字作参考（非原图数据）",
          "described": "文字描述"}
SHOWN = ("rebuilt_from_report", "rebuilt_from_text", "rebuilt_from_public", "public_reference")  # more than words


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def exhibit_places(root: Path) -> dict[int, tuple[str, str]]:
    """Exhibit number -> (chapter title, site path with anchor) for every chapter in the book."""
    places = {}
    for stem in toc.notebooks(root):
        spec = chapters.spec(stem)
        page = toc.page_of(root, stem)
        for number in spec.exhibits:
            places[number] = (spec.title, f"{page}#exhibit-{number}")
    return places


def register_markdown(root: Path, page_depth: int = 1) -> str:
    register = data.load("exhibits")
    places = exhibit_places(root)
    counts = register["status"].value_counts()
    unknown = set(counts.index) - set(STATUS)
    if unknown:
        raise ValueError(f"data/exhibits.csv: unknown status(es) {sorted(unknown)}; known: {', '.join(STATUS)}")
    published = sum(1 for n in register["number"] if int(n) in places)
    shown = sum(int(counts.get(s, 0)) for s in SHOWN)
    parts = "，".join(f"{STATUS[s]} {int(counts.get(s, 0))} 张" for s in STATUS)
    lines = [
        f"共 53 张图表，{shown} 张以图、表、时间线或示意图呈现：{parts}；其中 {published} 张所在的章节已发布，"
        f"其余 {53 - published} 张所在的章节尚未发布。",
        "",
        "| 图表 | 标题 | 小节 | 处理 | 本书位置 | 原图来源行 |",
        "|---|---|---|---|---|---|",
    ]
    for _, row in register.iterrows():
        number = int(row["number"])
        if number in places:
            title, href = places[number]
            where = f'<a href="{"../" * page_depth}{html.escape(href)}">{html.escape(title)}</a>'
        else:
            where = "尚未发布"
        lines.append(f"| 图表{number} | {_cell(row['title'])} | {row['section']} | {STATUS[row['status']]} | "
                     f"{where} | {_cell(row['source_line'])} |")
    return "\n".join(lines) + "\n"


def _default_text(param: object) -> str:
    p = param  # a wxshop.params.Param
    if p.kind == "choice":
        return f"`{p.choice_default}`"
    if p.source is None:
        return "`None`（取数据或情形中的值）"
    resource, _, key = p.source.partition(":")
    row = datavalues.row(resource, key)
    kind = "假设" if resource == "assumptions" else "报告数字"
    return f"`{p.default:g}`（{kind}：`{resource}` 的 `{key}`）"


def _allowed_text(p: object) -> str:
    if p.kind == "choice":
        labels = p.choice_labels or p.choices
        return "；".join(f"`{c}`（{label}）" for c, label in zip(p.choices, labels))
    low = f"> {p.minimum:g}" if p.exclusive_minimum else f"≥ {p.minimum:g}"
    text = f"{low}，≤ {p.maximum:g}"
    if p.kind == "integer":
        text += "，整数"
    return text + ("；或 `None`" if p.optional else "")


def parameters_markdown(root: Path) -> str:
    lines = []
    for stem in toc.notebooks(root):
        spec = chapters.spec(stem)
        lines += [f"## {stem}：{spec.title}", "", "| 参数 | 含义 | 单位 | 默认值 | 允许取值 |", "|---|---|---|---|---|"]
        for p in spec.params:
            lines.append(f"| `{p.name}` | {_cell(p.label or p.help)} | {p.unit or '—'} | {_cell(_default_text(p))} | "
                         f"{_cell(_allowed_text(p))} |")
        lines.append("")
    return "\n".join(lines)


def resources_markdown(root: Path) -> str:
    """The data package's tables: file (a download link), title and description."""
    lines = ["| 文件 | 内容 | 说明 |", "|---|---|---|"]
    for res in data.read_descriptor(root / "data")["resources"]:
        path = html.escape(res["path"])
        lines.append(f'| <a href="../data/{path}" download>{path}</a> | {_cell(res.get("title", res["name"]))} | '
                     f'{_cell(res.get("description", ""))} |')
    return "\n".join(lines) + "\n"


AUDIT_OUTCOMES = {"confirmed": "核对一致", "corrected": "已更正", "not_found": "未找到", "removed": "已删除"}


def _host(url: str) -> str:
    """A link's short text on a phone: the host of the page read."""
    return urlparse(url).netloc or url


# The audit register's rows a reader first sees (and a phone lays out before its script runs); the rest come
# with 显示全部 or a filter. 189 rows at once cost a phone about 0.6 s of layout (Lighthouse mobile TBT).
AUDIT_FIRST_ROWS = 20


def audit_html(root: Path) -> str:
    """数据与方法's audit register: one row per public value checked, filterable by resource (links to the page
    read and to the source's entry on 参考文献)."""
    from wxshop.charts.tables import SITE_ENV, filter_table

    audit = data.load("public_audit")
    titles = {r["name"]: r.get("title", r["name"]) for r in data.read_descriptor(root / "data")["resources"]}
    shown = pd.DataFrame({
        "resource": [_("{title}（{name}）", title=data_text(titles.get(r, r)), name=r) for r in audit["resource"]],
        "row_key": audit["row_key"], "field": audit["field"], "value": audit["value"].fillna(""),
        "source": audit["source"], "source_href": [f"references.html#src-{s}" for s in audit["source"]],
        "outcome": [_(AUDIT_OUTCOMES[o]) for o in audit["outcome"]],
        "checked_at": [_host(u) if isinstance(u, str) and u else "—" for u in audit["checked_at"]],
        "checked_href": [u if isinstance(u, str) else "" for u in audit["checked_at"]],
        "checked_on": audit["checked_on"], "note": audit["note"].fillna(""),
    })
    counts = audit["outcome"].value_counts()
    summary = _("，").join(_("{label} {count} 个", label=_(label), count=int(counts.get(key, 0)))
                          for key, label in AUDIT_OUTCOMES.items())
    # The resource is the filter, shown last: on a phone the first columns on screen are the row, value and outcome.
    columns = {"row_key": _("行"), "field": _("字段"), "value": _("数值（基本单位）"), "outcome": _("结果"),
               "source": _("来源"), "checked_at": _("核对的网页"), "checked_on": _("日期"), "note": _("说明"),
               "resource": _("资源")}
    previous = os.environ.get(SITE_ENV)
    os.environ[SITE_ENV] = "site"  # the page loads table.js once; no inline copy
    try:
        table = filter_table(shown, columns, "resource", _("公开数据核对记录"), noun=_("公开数值"),
                             links={"source": "source_href", "checked_at": "checked_href"}, first_rows=AUDIT_FIRST_ROWS)
    finally:
        if previous is None:
            os.environ.pop(SITE_ENV, None)
        else:
            os.environ[SITE_ENV] = previous
    return ("<p>" + _("共核对 {count} 个公开数值：{summary}。", count=len(audit), summary=summary) + "</p>\n\n"
            + table + "\n")
