"""Numbers placed in the prose, with where each comes from.

Each chapter declares its headline outputs once, as a function of its parameters that returns
:class:`Figure` objects (``wiring.headlines``). The notebook glues them (:func:`glue`, myst-nb) and
its prose places each as ``{eval}`figures["key"]```: JupyterLab evaluates that in the kernel
(jupyterlab-myst), the site's Sphinx extension pastes the glued text; the scenario sweep (``python -m wxshop.sweep``) calls the same function
and tabulates each figure's ``value`` in its ``unit``. A figure carries its provenance: a report fact its
quote, a public value its source, an assumption its reason, a model output the function and inputs.

Units are the data package's words (``data/CONVENTIONS.md``): values in base units, ``元``, ``人``, ``件``
..., ratios as fractions (``比率``), dates as ``日期`` (a YYYYMMDD number or the report's own date text).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("report", "public", "assumption", "model")
PROVENANCE_SUFFIX = "__provenance"  # each figure's provenance is glued beside it, for the site's popover


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
    unit: str = ""  # the unit of ``value`` in the data package's words: 元, 比率, 人, 日期 ...

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"figure {self.key!r}: kind must be one of {KINDS}, got {self.kind!r}")

    def __repr__(self) -> str:
        return self.text

    def provenance(self) -> str:
        """One line for readers: where this number comes from."""
        if self.kind == "report":
            return f"报告原文：“{self.origin}”"
        if self.kind == "public":
            return f"公开资料：{self.origin}"
        if self.kind == "assumption":
            return f"假设：{self.origin}"
        shown = "，".join(f"{k}={v}" for k, v in self.inputs.items())
        return f"模型计算：{self.origin}（{shown}）" if shown else f"模型计算：{self.origin}"


def glue(figures: Iterable[Figure]) -> dict[str, Figure]:
    """Glue every figure's text under its key (myst-nb); return them by key."""
    from myst_nb import glue as myst_glue

    found = {}
    for figure in figures:
        if figure.key in found:
            raise ValueError(f"figure key {figure.key!r} is declared twice")
        myst_glue(figure.key, GlueText(figure.text), display=False)
        myst_glue(figure.key + PROVENANCE_SUFFIX, GlueText(figure.provenance()), display=False)
        found[figure.key] = figure
    return found


def fact(key: str, facts: Any, fact_id: str, text: str, label: str | None = None) -> Figure:
    """A report fact from ``report_facts`` (indexed by id) as a figure with its quote and its row's unit."""
    row = facts.loc[fact_id]
    return Figure(key, label or str(row["subject"]), text, float(row["value"]), "report", str(row["quote"]),
                  unit=str(row["unit"]))
