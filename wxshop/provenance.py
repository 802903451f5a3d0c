"""Where a row of data comes from, in words for readers: the report's quote, a public source, an assumption."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wxshop import data

GRADE_LABELS = {"H": "公开资料·高（H）", "M": "公开资料·中（M）", "L": "公开资料·低（L）", "report": "报告原文",
                "assumption": "本版假设"}
GRADE_COLORS = {"公开资料·高（H）": "#1f4e79", "公开资料·中（M）": "#5b8fc7", "公开资料·低（L）": "#b7cfe8",
                "报告原文": "#c0392b", "本版假设": "#7f7f7f"}


def grade(row: Mapping[str, Any]) -> str:
    """The row's grade label: 报告原文, 公开资料·高/中/低, or 本版假设."""
    kind = row["source_type"]
    return GRADE_LABELS[row["confidence"] if kind == "public" else kind]


def source_citation(source_id: str) -> str:
    """A public source in words: publisher《title》, date (its addresses are in 参考文献, not in the text)."""
    src = data.sources()[source_id]
    parts = [src["publisher"]]
    if src.get("title"):
        parts.append(plain_title(src["title"]))
    if src.get("published"):
        parts.append(src["published"])
    return "，".join(parts)


def plain_title(title: str) -> str:
    """A source's title as prose shows it: the real title in 《》, a title it quotes inside in 〈〉 (never 《《》》),
    a description (stored with the prefix 〔描述〕) as plain words."""
    if title.startswith("〔描述〕"):
        return title.removeprefix("〔描述〕")
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return title
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def short_citation(source_id: str) -> str:
    """The short mark editors' prose cites a source by: publisher and year (国家统计局，2015)."""
    src = data.sources()[source_id]
    year = str(src.get("published") or "")[:4]
    return f"{src['publisher']}，{year}" if year.isdigit() else str(src["publisher"])


def cited_source(text: str) -> str | None:
    """The id of the source whose :func:`source_citation` ``text`` starts with (the longest such), if any."""
    found = [key for key in data.sources() if text.startswith(source_citation(key))]
    return max(found, key=lambda key: len(source_citation(key))) if found else None


def text(row: Mapping[str, Any]) -> str:
    """One line: where this row's value comes from."""
    kind = row["source_type"]
    if kind == "report":
        where = row["source"] if str(row["source"]).startswith("图表") else f"{row['source']}节"
        return f"报告{where}：“{row['quote']}”"
    if kind == "public":
        return f"{source_citation(str(row['source']))}（可信度 {row['confidence']}）"
    return f"本版假设：{row['source']}"
