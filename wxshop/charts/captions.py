"""Captions under charts and tables: the report's 来源 line, what the edition drew, CSV downloads."""
from __future__ import annotations

import html

import pandas as pd

from wxshop import data

CAPTION = "wxshop-caption"


def _links(resources: list[str]) -> str:
    links = []
    for name in resources:
        res = data.resource(name)
        links.append(f'<a href="../data/{html.escape(res["path"])}" download>'
                     f'{html.escape(res.get("title", name))}（CSV）</a>')
    return "、".join(links)


def caption(sources: str, resources: list[str], note: str | None = None, drawn: str | None = None) -> str:
    """HTML caption: ``sources`` in the report's style (来源：…), what was drawn, a note, CSV links."""
    parts = [f"<span class=\"wxshop-sources\">{html.escape(sources)}</span>"]
    if drawn:
        parts.append(f"<span class=\"wxshop-drawn\">本版数据：{html.escape(drawn)}</span>")
    if note:
        parts.append(f"<span class=\"wxshop-note\">{html.escape(note)}</span>")
    parts.append(f"<span class=\"wxshop-download\">数据下载：{_links(resources)}</span>")
    return f"<p class=\"{CAPTION}\">" + "<br/>".join(parts) + "</p>"


def source_line(number: int) -> str:
    """The report's own 来源 line of an exhibit, verbatim from the register."""
    register = data.load("exhibits")
    row = register[register["number"] == number]
    if row.empty:
        raise ValueError(f"exhibit {number} is not in data/exhibits.csv")
    return str(row["source_line"].iloc[0])


def exhibit_caption(number: int, resources: list[str], note: str | None = None,
                    drawn_from: pd.DataFrame | None = None) -> str:
    """Caption of a report exhibit: its 来源 line as the report prints it, and CSV links.

    When the edition redrew the exhibit from other sources (``drawn_from``: the rows drawn), the
    report's line is labelled as the original's and the sources actually drawn follow it.
    """
    line = source_line(number)
    if drawn_from is None:
        return caption(line, resources, note)
    return caption(f"原图{line}", resources, note, drawn=drawn_sources(drawn_from))


def drawn_sources(frame: pd.DataFrame) -> str:
    """The distinct sources of the rows drawn: the report's sections and each public source's publisher and grade."""
    sources = data.sources()
    seen: list[str] = []
    for _, row in frame.iterrows():
        if row["source_type"] == "report":
            text = f"报告正文（{row['source']}）" if not str(row["source"]).startswith("图表") else f"报告{row['source']}"
        elif row["source_type"] == "public":
            src = sources[str(row["source"])]
            text = f"{src['publisher']}（{src['grade']}）"
        else:
            text = "本版假设"
        if text not in seen:
            seen.append(text)
    return "；".join(seen)


def described(number: int) -> str:
    """Caption of an exhibit the edition describes in words: the report's 来源 line, and that it is not drawn."""
    return (f"<p class=\"{CAPTION} wxshop-described\"><span class=\"wxshop-sources\">原图{html.escape(source_line(number))}</span>"
            f"<br/><span class=\"wxshop-note\">原图缺失，数据无法复原；本版以文字描述，不重绘。</span></p>")
