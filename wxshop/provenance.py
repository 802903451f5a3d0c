"""Where a row of data comes from, in words for readers: the report's quote, a public source, an assumption."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wxshop import data
from wxshop.i18n import N_, _, data_text

GRADE_LABELS = {"H": N_("公开资料·高（H）"), "M": N_("公开资料·中（M）"), "L": N_("公开资料·低（L）"),
                "report": N_("报告原文"), "assumption": N_("本版假设")}
# By the Chinese label (translate it with _() where it is shown).
GRADE_COLORS = {"公开资料·高（H）": "#1f4e79", "公开资料·中（M）": "#5b8fc7", "公开资料·低（L）": "#b7cfe8",  # i18n: key
                "报告原文": "#c0392b", "本版假设": "#7f7f7f"}  # i18n: key


def grade(row: Mapping[str, Any]) -> str:
    """The row's grade label: 报告原文, 公开资料·高/中/低, or 本版假设."""
    kind = row["source_type"]
    return _(GRADE_LABELS[row["confidence"] if kind == "public" else kind])


def grade_colors() -> dict[str, str]:
    """{grade label in the current language: colour}, in GRADE_LABELS' order."""
    return {_(label): GRADE_COLORS[label] for label in GRADE_LABELS.values()}


def source_citation(source_id: str) -> str:
    """A public source in words: publisher《title》, date (its addresses are in 参考文献, not in the text)."""
    return _citation(data.sources()[source_id])


def _citation(src: Mapping[str, Any]) -> str:
    parts = [data_text(src["publisher"])]
    if src.get("title"):
        parts.append(plain_title(src["title"]))
    if src.get("published"):
        parts.append(src["published"])
    return _("，").join(parts)


def plain_title(title: str) -> str:
    """A source's title as prose shows it: the real title in 《》, a title it quotes inside in 〈〉 (never 《《》》),
    a description (stored with the prefix 〔描述〕) as plain words."""
    if title.startswith("〔描述〕"):  # i18n: key
        english = data_text(title)
        return english if english != title else title.removeprefix("〔描述〕")  # i18n: key
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:  # i18n: key
        return data_text(title)
    english = data_text(title)
    if english != title:  # an English title reads in italics-free plain words
        return english
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"  # i18n: key


def short_citation(source_id: str) -> str:
    """The short mark editors' prose cites a source by: publisher and year (国家统计局，2015)."""
    src = data.sources()[source_id]
    year = str(src.get("published") or "")[:4]
    publisher = data_text(src["publisher"])
    return _("{publisher}，{year}", publisher=publisher, year=year) if year.isdigit() else publisher


def cited_source(text: str) -> str | None:
    """The id of the source whose :func:`source_citation` ``text`` starts with (the longest such), if any."""
    citations = {key: _citation(src) for key, src in data.sources().items()}
    found = [key for key, citation in citations.items() if text.startswith(citation)]
    return max(found, key=lambda key: len(citations[key])) if found else None


def text(row: Mapping[str, Any]) -> str:
    """One line: where this row's value comes from."""
    kind = row["source_type"]
    if kind == "report":
        from wxshop.charts.captions import section_name

        return _("报告{where}：“{quote}”", where=section_name(row["source"]), quote=data_text(row["quote"]))
    if kind == "public":
        return _("{citation}（可信度 {grade}）", citation=source_citation(str(row["source"])), grade=row["confidence"])
    return _("本版假设：{why}", why=data_text(row["source"]))
