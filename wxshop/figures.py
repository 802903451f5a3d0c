"""Numbers placed in the prose, with where each comes from.

Each chapter declares its headline outputs once, as a function of its parameters that returns
:class:`Figure` objects (``wiring.headlines``). The notebook glues them (:func:`glue`, myst-nb) and
its prose places each as ``{eval}`figures["key"]```: JupyterLab evaluates that in the kernel
(jupyterlab-myst), the site's Sphinx extension pastes the glued text; the scenario sweep (``python -m wxshop.sweep``) calls the same function
and tabulates each figure's ``value`` in its ``unit``. A figure carries its provenance: a report fact its
quote, a public value its source, an assumption its reason, a model output the model (named in words, from
its chapter's ``Spec.models``) and inputs. Each provenance also names where a reader checks it
(:meth:`Figure.link`): the source's entry in 参考文献, the model's entry on 数据与方法, the analysts'
parameter page. A :func:`citation` is a short source mark (publisher, year) that links to 参考文献.

Units are the data package's words (``data/CONVENTIONS.md``): values in base units, ``元``, ``人``, ``件``
..., ratios as fractions (``比率``), dates as ``日期`` (a YYYYMMDD number or the report's own date text).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from wxshop.i18n import _, data_text

KINDS = ("report", "public", "assumption", "model")
PROVENANCE_SUFFIX = "__provenance"  # each figure's provenance is glued beside it, for the site's popover
LINK_SUFFIX = "__link"  # where the provenance can be checked: "label|site-relative address"
MARK_SUFFIX = "__mark"  # present for a citation mark: the site shows the text as a link, without a popover


class GlueText:
    """A phrase for myst-nb ``glue``: its plain-text form is the phrase itself, without quotes."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


@dataclass(frozen=True, repr=False)
class Figure:
    """One number (or phrase built from numbers) as it reads in the prose.

    Its ``repr`` is the text itself: in JupyterLab (jupyterlab-myst) the prose's
    ``{eval}`figures["key"]``` shows the figure as the site does.
    """

    key: str  # the glue key
    label: str  # what it is, in Chinese
    text: str  # as the prose shows it
    value: Any  # the raw value (a number where there is one): what a sweep tabulates
    kind: str  # report | public | assumption | model
    origin: str  # the quote, the source, the reason, or the function that computed it
    inputs: Mapping[str, Any] = field(default_factory=dict)  # a model output's inputs
    source: str = ""  # a public figure's sources.csv id (default: found from ``origin``)
    mark: bool = False  # a citation mark (publisher, year) rather than a number
    unit: str = ""  # the unit of ``value`` in the data package's words: 元, 比率, 人, 日期 ...

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"figure {self.key!r}: kind must be one of {KINDS}, got {self.kind!r}")

    def __repr__(self) -> str:
        return self.text

    def provenance(self) -> str:
        """One line for readers: where this number comes from."""
        if self.kind == "report":
            return _("报告原文：“{quote}”", quote=self.origin)
        if self.kind == "public":
            return _("公开资料：{source}", source=self.origin)
        if self.kind == "assumption":
            return _("假设：{why}", why=data_text(self.origin))
        shown = _("，").join(f"{k}={v}" for k, v in self.inputs.items())
        name = model_name(self.origin)
        return _("模型计算：{name}（{inputs}）", name=name, inputs=shown) if shown else _("模型计算：{name}", name=name)

    def source_id(self) -> str:
        """The sources.csv id of a public figure: given, or the source whose citation ``origin`` starts with."""
        if self.kind != "public":
            return ""
        if self.source:
            return self.source
        from wxshop import provenance

        return provenance.cited_source(self.origin) or ""

    def link(self) -> tuple[str, str] | None:
        """(label, address relative to the site's root) where a reader checks this figure's provenance."""
        if self.kind == "public":
            found = self.source_id()  # one source: its entry; several, named in words: the list
            return (_("参考文献"), f"book/references.html#src-{found}" if found else "book/references.html")
        if self.kind == "model":
            from wxshop import chapters

            _stem, entry = chapters.model(self.origin)
            return (_("模型说明"), f"book/data_methods.html#{entry.anchor}")
        if self.kind == "assumption":
            return (_("参数与假设"), "book/parameters.html")
        return None


def model_name(function: str) -> str:
    """A model's name in words (its chapter's ``Spec.models``), for the function path it is recorded by."""
    from wxshop import chapters

    return _(chapters.model(function)[1].name)


def citation(key: str, source_id: str, origin: str = "") -> Figure:
    """A short source mark for editors' prose, 国家统计局，2015: the site links it to the source in 参考文献."""
    from wxshop import provenance

    return Figure(key, _("来源"), provenance.short_citation(source_id), None, "public",
                  origin or provenance.source_citation(source_id), source=source_id, mark=True)


def glue(figures: Iterable[Figure]) -> dict[str, Figure]:
    """Glue every figure's text under its key (myst-nb); return them by key."""
    from myst_nb import glue as myst_glue

    found = {}
    for figure in figures:
        if figure.key in found:
            raise ValueError(f"figure key {figure.key!r} is declared twice")
        myst_glue(figure.key, GlueText(figure.text), display=False)
        myst_glue(figure.key + PROVENANCE_SUFFIX, GlueText(figure.provenance()), display=False)
        link = figure.link()
        if link:
            myst_glue(figure.key + LINK_SUFFIX, GlueText("|".join(link)), display=False)
        if figure.mark:
            myst_glue(figure.key + MARK_SUFFIX, GlueText("mark"), display=False)
        found[figure.key] = figure
    return found


def fact(key: str, facts: Any, fact_id: str, text: str, label: str | None = None) -> Figure:
    """A report fact from ``report_facts`` (indexed by id) as a figure with its quote and its row's unit."""
    row = facts.loc[fact_id]
    return Figure(key, label or data_text(row["subject"]), text, float(row["value"]), "report", data_text(row["quote"]),
                  unit=str(row["unit"]))
