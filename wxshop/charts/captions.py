"""Captions under charts and tables: the report's 来源 line, what the edition drew, CSV downloads."""
from __future__ import annotations

import html
import re

import pandas as pd

from wxshop import data
from wxshop.i18n import N_, _, data_text

CAPTION = "wxshop-caption"
METHODS = {"rebuilt_from_report": N_("依据报告原表逐字重建（只去除 PDF 提取产生的换行与空白）。"),
           "rebuilt_from_text": N_("原图缺失；本版只用报告正文写明的内容重绘为时间线或示意图：每个节点、方框和箭头旁的文字都取自报告原句"
                                "（逐句见数据文件的 quote 列），不补写报告没有写的节点或日期；原图的其他内容无法复原。"),
           "rebuilt_from_public": N_("原图数值未随报告文本保留；本版依据上列可核对、已分级的公开数据重画，并与报告正文中的数字并列。"),
           "public_reference": N_("原图数值未随报告文本保留，也没有找到原图口径的完整数据；本版只把找到的公开数字列表作参考，"
                               "不是原图的数据，不重画原图。"),
           "described": N_("原图缺失，数据无法复原；本版只以文字描述，不重绘。")}


def _links(resources: list[str]) -> str:
    links = []
    for name in resources:
        res = data.resource(name)
        links.append(f'<a href="../data/{html.escape(res["path"])}" download>'
                     f'{html.escape(data_text(res.get("title", name)))}' + _("（CSV）") + '</a>')
    return _("、").join(links)


def caption(sources: str, resources: list[str], note: str | None = None, drawn: str | None = None,
            method: str | None = None, rows: pd.DataFrame | None = None, original: str | None = None,
            exhibit: int | None = None, model: str | None = None) -> str:
    """HTML caption: ``sources`` in the report's style (来源：…), what was drawn, a note, CSV links, and a
    来源与说明 panel listing every source behind the data (``rows``, default: every row of ``resources``), what
    the edition did (``method``) and the report's original 来源 line (``original``).

    The chart above it is the report's exhibit ``exhibit``, or the edition's chart of the model ``model`` (its
    function's path): its downloads are named after it (图表33_…, 本版_<模型名>)."""
    attrs = f' data-exhibit="{int(exhibit)}"' if exhibit is not None else ""
    if model:
        from wxshop.figures import model_name

        attrs += f' data-name="{html.escape(model_name(model), quote=True)}"'
    parts = [f"<span class=\"wxshop-sources\"{attrs}>{html.escape(sources)}</span>"]
    if drawn:
        parts.append("<span class=\"wxshop-drawn\">" + _("本版数据：") + f"{html.escape(drawn)}</span>")
    if note:
        parts.append(f"<span class=\"wxshop-note\">{html.escape(note)}</span>")
    parts.append("<span class=\"wxshop-download\">" + _("数据下载：") + f"{_links(resources)}</span>")
    frames = [rows] if rows is not None else [data.load(name) for name in resources]
    panel = sources_panel(frames, method or _("见上方来源行与说明"), original)
    return f"<p class=\"{CAPTION}\">" + "<br/>".join(parts) + "</p>" + panel


def sources_panel(frames: list[pd.DataFrame], method: str, original: str | None) -> str:
    """来源与说明: each public source (publisher, title, date, URL, grade), the report's sections, the
    assumptions; what the edition did; the report's own 来源 line. A disclosure, never a pop-up."""
    from wxshop.provenance import GRADE_LABELS, plain_title

    sources = data.sources()
    public: list[str] = []
    sections: list[str] = []
    assumed = 0
    for frame in frames:
        if "source_type" not in frame:
            continue
        for _i, row in frame.iterrows():
            kind = row["source_type"]
            if kind == "public" and row["source"] not in public:
                public.append(str(row["source"]))
            elif kind == "report" and str(row["source"]) not in sections:
                sections.append(str(row["source"]))
            elif kind == "assumption":
                assumed += 1
    items = []
    for key in public:
        src = sources[key]
        title = plain_title(src["title"])
        url = src.get("url") or ""
        seen = src.get("seen_url") or ""
        links = []
        if url:
            links.append(f'<a href="{html.escape(url)}" rel="noopener">' + _("原始网址") + '</a>')
        if seen and seen != url:
            links.append(f'<a href="{html.escape(seen)}" rel="noopener">' + _("本版查阅的网页") + '</a>')
        comma, semi = _("，"), _("；")
        items.append(
            f'<li>{html.escape(data_text(src["publisher"]))}{comma}{html.escape(data_text(title))}'
            f'{comma + html.escape(src["published"]) if src.get("published") else ""}'
            + _("（{grade}）", grade=html.escape(_(GRADE_LABELS[src["grade"]])))
            + f'{semi + _("、").join(links) if links else ""}'
            f'{semi}<a href="../book/references.html#src-{html.escape(key)}">' + _("参考文献") + '</a></li>')
    if sections:
        shown = _("、").join(section_name(s) for s in sections)
        items.append("<li>" + _("报告原文：{where}（逐字引文见数据文件的 quote 列）", where=html.escape(shown)) + "</li>")
    if assumed:
        items.append("<li>" + _("本版假设：{count} 项（理由见数据文件与本页的假设表）", count=assumed) + "</li>")
    body = "<ul>" + "".join(items) + "</ul>" if items else "<p>" + _("无外部数据。") + "</p>"
    body += "<p><b>" + _("本版做了什么：") + f"</b>{html.escape(method)}</p>"
    if original:
        body += "<p><b>" + _("原报告的来源行：") + f"</b>{html.escape(data_text(original))}</p>"
    return '<details class="wxshop-sources-panel"><summary>' + _("来源与说明") + f"</summary>{body}</details>"


def section_name(source: str) -> str:
    """A report row's ``source`` (图表12, 3.4, 基本结论) as readers name it: 图表12, 3.4节 / Exhibit 12, section 3.4."""
    text = str(source)
    match = re.fullmatch(r"图表(\d+)", text)  # i18n: key
    if match:
        return _("图表{number}", number=match[1])
    if text[:1].isdigit():
        return _("{number}节", number=text)
    return _(text)


def _register_row(number: int) -> pd.Series:
    register = data.load("exhibits")
    row = register[register["number"] == number]
    if row.empty:
        raise ValueError(f"exhibit {number} is not in data/exhibits.csv")
    return row.iloc[0]


def source_line(number: int) -> str:
    """The report's own 来源 line of an exhibit, verbatim from the register."""
    return str(_register_row(number)["source_line"])


def exhibit_title(number: int) -> str:
    """The report's own title of an exhibit, verbatim from the register."""
    return data_text(str(_register_row(number)["title"]))


def exhibit_caption(number: int, resources: list[str], note: str | None = None,
                    drawn_from: pd.DataFrame | None = None) -> str:
    """Caption of a report exhibit: its 来源 line as the report prints it, and CSV links.

    When the edition redrew the exhibit from other sources (``drawn_from``: the rows drawn), the
    report's line is labelled as the original's and the sources actually drawn follow it.
    """
    line = source_line(number)
    register = data.load("exhibits").set_index("number")
    method = _(METHODS[str(register.loc[number, "status"])])
    if drawn_from is None:
        return caption(data_text(line), resources, note, method=method, original=line, exhibit=number)
    return caption(_("原图{line}", line=data_text(line)), resources, note, drawn=drawn_sources(drawn_from), method=method, rows=drawn_from,
                   original=line, exhibit=number)


def report_place(source: str) -> str:
    """Where in the report a report row's ``source`` points, as readers read it: 报告3.4节, 报告图表2, 报告基本结论."""
    return _("报告{where}", where=section_name(source))


def drawn_sources(frame: pd.DataFrame) -> str:
    """The distinct sources of the rows drawn: the report's sections and each public source's publisher and grade."""
    sources = data.sources()
    seen: list[str] = []
    for _i, row in frame.iterrows():
        if row["source_type"] == "report":
            where = str(row["source"])
            text = (_("报告正文（{where}）", where=section_name(where)) if not where.startswith("图表")  # i18n: key
                    else _("报告{where}", where=section_name(where)))
        elif row["source_type"] == "public":
            src = sources[str(row["source"])]
            text = _("{publisher}（{grade}）", publisher=data_text(src["publisher"]), grade=src["grade"])
        else:
            text = _("本版假设")
        if text not in seen:
            seen.append(text)
    return _("；").join(seen)


def described(number: int) -> str:
    """Caption of an exhibit the edition describes in words: the report's 来源 line, and that it is not drawn."""
    line = _("原图{line}", line=data_text(source_line(number)))
    return (f"<p class=\"{CAPTION} wxshop-described\"><span class=\"wxshop-sources\">{html.escape(line)}</span>"
            "<br/><span class=\"wxshop-note\">" + _("原图缺失，数据无法复原；本版以文字描述，不重绘。") + "</span></p>")
