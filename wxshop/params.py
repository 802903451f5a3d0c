"""Chapter parameters: what a parameter is, how values are checked, and how overrides are parsed.

Each chapter declares its own parameters in ``wxshop/chapters/<stem>/spec.py`` (a :class:`Spec`);
this module holds only the machinery. It imports nothing heavy, so the build can check book-wide
overrides in well under a second, before any kernel starts. A chapter notebook checks its
parameters right after its parameters cell, so a direct papermill run fails with the same message.

Numeric defaults are never written here or in a spec: each names the row of ``data/`` it comes
from (an ``assumptions`` row, or a ``report_facts`` row for a figure the report states).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wxshop import datavalues, i18n


class ParameterError(ValueError):
    """A parameter's name, type or value is not allowed; the message says which and why."""


@dataclass(frozen=True)
class Param:
    """One papermill parameter of a chapter.

    ``kind`` is ``"number"``, ``"integer"`` or ``"choice"``. A number's default is read from the
    data package row named by ``source`` (``"assumptions:<id>"`` or ``"report_facts:<id>"``);
    a choice's default is one of its ``choices``; an ``optional`` parameter defaults to None,
    which means "take the value from the data or the chosen case".
    """

    name: str
    kind: str
    help: str
    label: str = ""  # the reader's name for it, in Chinese (the analysts' page and the panels)
    unit: str = ""  # 元, 亿元, 比率 (a fraction), 百分点 ...
    source: str | None = None
    choice_default: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()
    optional: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("number", "integer", "choice"):
            raise ValueError(f"parameter {self.name!r}: kind must be number, integer or choice, got {self.kind!r}")
        if self.kind == "choice":
            if self.choice_default not in self.choices:
                raise ValueError(f"parameter {self.name!r}: default {self.choice_default!r} is not a choice")
        elif self.optional == (self.source is not None):
            raise ValueError(f"parameter {self.name!r}: a number has either a data source for its default "
                             "or is optional (default None), not both or neither")

    @property
    def default(self) -> Any:
        if self.kind == "choice":
            return self.choice_default
        if self.source is None:
            return None
        value = datavalues.default_value(self.source)
        return int(value) if self.kind == "integer" else value

    def allowed(self) -> str:
        if self.kind == "choice":
            text = "one of " + ", ".join(repr(c) for c in self.choices)
        else:
            low = f"> {self.minimum:g}" if self.exclusive_minimum else f">= {self.minimum:g}"
            text = f"a {self.kind} {low} and <= {self.maximum:g}"
        return text + (" (or None for the default)" if self.optional else "")

    def check(self, value: Any, chapter: str) -> Any:
        def fail() -> ParameterError:
            return ParameterError(f"notebook {chapter!r}: parameter {self.name!r} = {value!r} is not allowed; "
                                  f"expected {self.allowed()}")

        if value is None:
            if self.optional:
                return None
            raise fail()
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise fail()
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail()
        if self.kind == "integer" and not float(value).is_integer():
            raise fail()
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            raise fail()
        too_low = number <= self.minimum if self.exclusive_minimum else number < self.minimum
        if too_low or number > self.maximum:
            raise fail()
        return int(number) if self.kind == "integer" else value


# Every chapter's language parameter (not a model input, so not in any Spec's ``params``): the same for
# papermill (``-p lang en``), ``make book`` (the English edition runs each notebook with lang="en") and Lab.
LANG = Param(name="lang", kind="choice", label="语言", choices=i18n.LANGUAGES, choice_default=i18n.DEFAULT,
             help="the language of the chapter's charts, panels and messages: 'zh' (the original) or 'en'")

Rule = Callable[[dict[str, Any]], "str | None"]


@dataclass(frozen=True)
class Model:
    """A chapter's model as readers know it: the function (its import path), its name in words and what it
    computes. A number the model computes names it by ``name`` and links its entry on 数据与方法."""

    function: str  # e.g. "wxshop.chapters.omnichannel.model.revenue_table"
    name: str  # e.g. "平台货币化模型"
    summary: str  # one sentence: what it computes from what

    @property
    def anchor(self) -> str:
        """The id of its entry on 数据与方法: ``model-<chapter>-<function>``."""
        parts = self.function.split(".")
        return "model-" + "-".join(parts[2:3] + parts[-1:]).replace("_", "-")


@dataclass(frozen=True)
class Spec:
    """A chapter's declaration: its notebook stem, the report's heading, exhibits and parameters.

    ``rules`` are cross-parameter checks of this chapter only: each takes the checked values and
    returns None or the text of the problem (naming the parameters and what is allowed).
    """

    stem: str
    title: str
    exhibits: tuple[int, ...] = ()
    params: tuple[Param, ...] = ()
    rules: tuple[Rule, ...] = field(default=())
    question: str = ""  # the question the chapter's interactive figure answers (the cover's card; the edition's words)
    card_figure: int = 0  # which interactive figure of the chapter the card shows
    models: tuple[Model, ...] = ()  # the chapter's models, named for readers (数据与方法 lists them)

    def by_name(self) -> dict[str, Param]:
        return {p.name: p for p in self.params}

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def validate(self, **values: Any) -> dict[str, Any]:
        """Check values; return them completed with defaults (``lang`` is checked, not returned: it is no
        model's input). Raises :class:`ParameterError`."""
        values = dict(values)
        if LANG.name in values:
            LANG.check(values.pop(LANG.name), self.stem)
        params = self.by_name()
        for name in values:
            if name not in params:
                known = ", ".join(params) or "(none)"
                raise ParameterError(f"notebook {self.stem!r}: unknown parameter {name!r}; parameters: {known}")
        checked = {name: p.check(values.get(name, p.default), self.stem) for name, p in params.items()}
        for rule in self.rules:
            problem = rule(checked)
            if problem:
                raise ParameterError(f"notebook {self.stem!r}: {problem}")
        return checked

    def validate_namespace(self, namespace: dict[str, Any]) -> dict[str, Any]:
        """:meth:`validate` the parameters as a notebook's parameters cell left them, and make its ``lang``
        the language of everything the chapter draws and says (:mod:`wxshop.i18n`)."""
        lang = LANG.check(namespace.get(LANG.name, LANG.default), self.stem)
        values = self.validate(**{name: namespace[name] for name in self.by_name() if name in namespace})
        i18n.set_language(lang)
        return values


def parse_value(text: str) -> Any:
    """A command-line value: integer, float, None/null, true/false, or else the text itself."""
    lowered = text.strip().lower()
    if lowered in ("none", "null"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_assignments(items: Iterable[str], what: str = "override") -> list[tuple[str, str]]:
    """``["a.b=1", ...]`` -> ``[("a.b", "1"), ...]``; a malformed item raises ParameterError."""
    pairs = []
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise ParameterError(f"{what} {item!r} is not of the form name=value")
        pairs.append((key, raw))
    return pairs


def parse_overrides(text: str, specs: dict[str, Spec]) -> dict[str, dict[str, Any]]:
    """Parse ``"chapter.param=value chapter.param=value"`` (spaces or commas between items).

    ``specs`` are the chapters in the book (by notebook stem). Every override is validated against
    its chapter's spec; the first problem raises :class:`ParameterError`.
    """
    overrides: dict[str, dict[str, Any]] = {}
    for item in text.replace(",", " ").split():
        key, sep, raw = item.partition("=")
        chapter, dot, name = key.partition(".")
        if not sep or not dot or not chapter or not name:
            raise ParameterError(f"override {item!r} is not of the form notebook.parameter=value "
                                 f"(e.g. new_platforms.budget=200000)")
        if chapter not in specs:
            raise ParameterError(f"unknown notebook {chapter!r} in override {item!r}; "
                                 f"notebooks in _toc.yml: {', '.join(sorted(specs))}")
        overrides.setdefault(chapter, {})[name] = parse_value(raw)
    for chapter, values in overrides.items():
        specs[chapter].validate(**values)
    return overrides
