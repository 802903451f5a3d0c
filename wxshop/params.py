"""Each chapter's parameters: defaults, types and allowed ranges.

This module imports nothing heavy, so the build can check book-wide overrides in well under a
second, before any kernel starts. A chapter notebook calls :func:`validate` right after its
parameters cell, so a direct papermill run fails with the same message.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


class ParameterError(ValueError):
    """A parameter's name, type or value is not allowed; the message says which and why."""


@dataclass(frozen=True)
class Param:
    """One papermill parameter of a chapter."""

    name: str
    kind: str  # "number", "integer" or "choice"
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    choices: tuple[str, ...] = ()
    optional: bool = False  # None allowed (means: take the value from the chosen case)

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


def _creator_params(prefix: str, label: str) -> list[Param]:
    return [
        Param(f"{prefix}_cost_per_post", "number", None, f"{label} cost per post, 元 (None: the case's value)",
              0, 10_000_000, exclusive_minimum=True, optional=True),
        Param(f"{prefix}_followers", "number", None, f"{label} followers per creator, 人 (None: the case's value)",
              0, 1_000_000_000, exclusive_minimum=True, optional=True),
        Param(f"{prefix}_engagement_rate", "number", None,
              f"{label} engagement rate as a fraction, 0.05 = 5% (None: the case's value)",
              0, 1, exclusive_minimum=True, optional=True),
    ]


# Platform keys of the take-rate chapter (see wxshop.models.take_rate.KEYS; kept here as text so this
# module stays light).
PLATFORM_KEYS = {"taotian": "淘天（阿里巴巴）", "pdd": "拼多多", "douyin": "抖音", "kuaishou": "快手",
                 "channels": "视频号（微信小店）"}
MAX_GMV_YI = 10_000_000  # 1000万亿元: far above any platform's GMV


def _platform_params() -> list[Param]:
    rates = [Param(f"rate_{key}", "number", None,
                   f"{label} take rate as a fraction, 0.008 = 0.8% (None: the case's value)", 0, 1, optional=True)
             for key, label in PLATFORM_KEYS.items()]
    gmv = [Param(f"gmv_{key}", "number", None, f"{label} 2023 GMV in 亿元 (None: the data package's value)",
                 0, MAX_GMV_YI, optional=True)
           for key, label in PLATFORM_KEYS.items()]
    return rates + gmv


CHAPTERS: dict[str, tuple[Param, ...]] = {
    "omnichannel": (
        Param("case", "choice", "mid",
              "take-rate case: low (the report's range ends), mid (range midpoints, an assumption) or high",
              choices=("low", "mid", "high")),
        Param("shift_pp", "number", 0.0, "percentage points added to every platform's take rate",
              -0.5, 10),
        *_platform_params(),
        Param("taotian_exempt_share", "number", 0.0,
              "share of Taobao GMV exempt from the 0.6% fee (an assumption: not found; 0 = no exemption)", 0, 1),
        Param("miniprogram_year", "integer", 2020, "which year's mini-program GMV in the data package: 2019 or 2020",
              2019, 2020),
        Param("miniprogram_gmv", "number", None, "mini-program GMV in 亿元 (None: the chosen year's public value)",
              0, MAX_GMV_YI, optional=True),
        Param("share", "number", 0.1,
              "share of mini-program GMV that moves into WeChat Shop, 0-1 (an assumption: 0.1 is illustrative)",
              0, 1),
        Param("fee_rate", "number", 0.05, "WeChat Shop fee rate on the moved GMV, 0-1 (the report: mostly 5%)",
              0, 1),
    ),
    "new_platforms": (
        Param("budget", "number", 100_000,
              "total budget, 元 (an assumption: an illustrative campaign of 10万元)",
              0, 1_000_000_000, exclusive_minimum=True),
        Param("case", "choice", "mid", "which case of the report's ranges: low, mid or high",
              choices=("low", "mid", "high")),
        *_creator_params("koc", "KOC"),
        *_creator_params("kol", "KOL"),
        Param("share_step", "number", 0.05, "step of the KOC share grid, as a fraction (1 must be a multiple)",
              0, 0.5, exclusive_minimum=True),
    ),
}


def spec(chapter: str) -> dict[str, Param]:
    """The parameters of a chapter, by name."""
    if chapter not in CHAPTERS:
        raise ParameterError(f"unknown notebook {chapter!r}; notebooks with parameters: {', '.join(sorted(CHAPTERS))}")
    return {p.name: p for p in CHAPTERS[chapter]}


def defaults(chapter: str) -> dict[str, Any]:
    return {name: p.default for name, p in spec(chapter).items()}


def validate(chapter: str, **values: Any) -> dict[str, Any]:
    """Check a chapter's parameter values; return them completed with defaults.

    Unknown names, wrong types and out-of-range values raise :class:`ParameterError` naming the
    notebook, the parameter, the value and what is allowed.
    """
    params = spec(chapter)
    for name in values:
        if name not in params:
            raise ParameterError(f"notebook {chapter!r}: unknown parameter {name!r}; "
                                 f"parameters: {', '.join(params)}")
    checked = {name: p.check(values.get(name, p.default), chapter) for name, p in params.items()}
    shift = checked.get("shift_pp")
    if shift is not None:
        for key in PLATFORM_KEYS:
            rate = checked.get(f"rate_{key}")
            if rate is not None and not 0 <= rate + shift / 100 <= 1:
                raise ParameterError(
                    f"notebook {chapter!r}: parameter 'shift_pp' = {shift!r} is not allowed with "
                    f"rate_{key} = {rate!r}; expected rate_{key} + shift_pp/100 within 0–1 (0%–100%)")
    step = checked.get("share_step")
    if step is not None and abs(round(1 / step) * step - 1) > 1e-9:
        raise ParameterError(f"notebook {chapter!r}: parameter 'share_step' = {step!r} is not allowed; "
                             "expected a step that divides 1 evenly (e.g. 0.05, 0.1, 0.25)")
    return checked


def validate_namespace(chapter: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """:func:`validate` the chapter's parameters as a notebook's parameters cell left them."""
    return validate(chapter, **{name: namespace[name] for name in spec(chapter) if name in namespace})


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


def parse_overrides(text: str, notebooks: list[str]) -> dict[str, dict[str, Any]]:
    """Parse ``"chapter.param=value chapter.param=value"`` (spaces or commas between items).

    Every override is validated against the chapter's spec; the first problem raises
    :class:`ParameterError`.
    """
    overrides: dict[str, dict[str, Any]] = {}
    for item in text.replace(",", " ").split():
        key, sep, raw = item.partition("=")
        chapter, dot, name = key.partition(".")
        if not sep or not dot or not chapter or not name:
            raise ParameterError(f"override {item!r} is not of the form notebook.parameter=value "
                                 f"(e.g. new_platforms.budget=200000)")
        if chapter not in notebooks:
            raise ParameterError(f"unknown notebook {chapter!r} in override {item!r}; "
                                 f"notebooks in _toc.yml: {', '.join(notebooks)}")
        overrides.setdefault(chapter, {})[name] = parse_value(raw)
    for chapter, values in overrides.items():
        validate(chapter, **values)
    return overrides
