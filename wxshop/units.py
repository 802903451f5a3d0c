"""Number formats for Chinese readers: 万, 亿, 万亿 and per cent.

Values in ``data/`` are stored in base units (元, 人, 件 ...) and ratios as fractions
(see ``data/CONVENTIONS.md``); these helpers only format them for display.
"""
from __future__ import annotations

import re
from decimal import Decimal

from wxshop import checks, i18n

# i18n: formats — the Chinese literals below are the Chinese edition's units and formats; every function
# picks the English ones when the chapter runs with lang="en" (wxshop.build.labels leaves this module out).

WAN = 10_000
YI = 100_000_000
WANYI = 1_000_000_000_000

# Largest scale first: the first scale whose size the value reaches is used.
_SCALES: tuple[tuple[str, int], ...] = (("万亿", WANYI), ("亿", YI), ("万", WAN))


def _check(value: object, name: str = "value") -> float:
    return checks.number(value, name)


def _trim(text: str) -> str:
    """Drop trailing zeros of a fixed-point string: '12.50' -> '12.5', '3.00' -> '3'."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_scaled(value: float, unit: str = "", digits: int = 2, scale: str | None = None) -> str:
    """Format a base-unit number with the Chinese magnitude words 万, 亿 or 万亿.

    ``format_scaled(46_410_000_000_000, "元")`` -> ``'46.41万亿元'``;
    ``format_scaled(5_000, "元")`` -> ``'5000元'`` (below 1万 no scale word is used).
    ``scale`` forces one of ``'万'``, ``'亿'``, ``'万亿'`` or ``''`` (no scaling), for axes
    and tables whose values must share one unit.
    """
    number = _check(value)
    if digits < 0:
        raise ValueError(f"digits must be >= 0, got {digits}")
    sizes = dict(_SCALES) | {"": 1}
    forced = scale is not None
    if scale is None:
        # The largest word under which the value, rounded for display, is at least 1:
        # 99_999_999 at two digits reads 1亿, not 10000万.
        scale = next((word for word, size in _SCALES if abs(round(number / size, digits)) >= 1), "")
    elif scale not in sizes:
        raise ValueError(f"scale must be one of 万, 亿, 万亿 or '', got {scale!r}")
    if i18n.is_english():
        return _english_scaled_float(number, unit, digits, scale, forced)
    return _plain(number / sizes[scale], digits) + scale + unit


# The English edition's scales for format_scaled (powers of ten): a forced Chinese scale maps to the English
# one its values read in (亿 axis -> bn, 万 -> million), with the digits that keep the same precision.
_EN_POWER = {"万亿": 12, "亿": 9, "万": 6, "": 0}
_ZH_POWER = {"万亿": 12, "亿": 8, "万": 4, "": 0}
_EN_SUFFIX = {True: {12: "tn", 9: "bn", 6: "mn", 0: ""}, False: {12: " trillion", 9: " billion", 6: " million", 0: ""}}


def _english_scaled_float(number: float, unit: str, digits: int, scale: str, forced: bool) -> str:
    """format_scaled in the English edition: ``RMB 12bn``, ``45.8 million people``, ``RMB 5,000``. A forced
    scale stays (an axis or a table column shares it); else the largest English scale the value reaches."""
    money = unit == "元"

    def places(power: int) -> int:  # the digits that keep the Chinese format's precision
        return max(digits + power - _ZH_POWER[scale], 0)

    if forced:
        power = _EN_POWER[scale]
    else:
        power = next((p for p in (12, 9, 6) if abs(round(number / 10 ** p, places(p))) >= 1), 0)
    value = number / 10 ** power
    text = _trim(f"{abs(value):,.{places(power)}f}") + _EN_SUFFIX[money][power]
    sign = "-" if value < 0 and text.strip("0.,RMBtnbmilo ") else ""
    if money:
        return f"{sign}RMB {text}"
    noun = i18n.translate(unit) if unit else ""
    return f"{sign}{text}" + (f" {noun}" if noun else "")


def _plain(number: float, digits: int) -> str:
    return _trim(f"{number:.{digits}f}")


def format_wan(value: float, unit: str = "", digits: int = 2) -> str:
    """Format in 万: ``format_wan(45_800_000, "人")`` -> ``'4580万人'``."""
    return format_scaled(value, unit, digits, scale="万")


def format_yi(value: float, unit: str = "", digits: int = 2) -> str:
    """Format in 亿: ``format_yi(433_800_000_000, "元")`` -> ``'4338亿元'``."""
    return format_scaled(value, unit, digits, scale="亿")


def format_wanyi(value: float, unit: str = "", digits: int = 2) -> str:
    """Format in 万亿: ``format_wanyi(3.5e12, "元")`` -> ``'3.5万亿元'``."""
    return format_scaled(value, unit, digits, scale="万亿")


def format_percent(value: float, digits: int = 1, signed: bool = False) -> str:
    """Format a fraction as per cent: ``format_percent(0.576, 2)`` -> ``'57.6%'``.

    ``signed=True`` puts a plus sign on growth rates: ``'+31.4%'``; negatives always
    carry a minus sign.
    """
    number = _check(value) * 100
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        raise ValueError(f"digits must be a whole number >= 0, got {digits!r}")
    text = _plain(number, digits)
    if signed and not text.startswith("-") and text != "0":
        text = "+" + text
    return text + "%"


def format_yuan(value: float, digits: int = 2) -> str:
    """Money for prose: scaled to 万/亿/万亿 and suffixed with 元."""
    return format_scaled(value, "元", digits)


# --- English conventions (the English edition) --------------------------------------------------------------
#
# The English catalogues keep every Chinese amount as written, inside the role {amount}`…` (see
# /work/wt/TR-RULES.md and ``wxshop.build.translations``); ``english_amount`` renders its content.

_AMOUNT = re.compile(
    r"(?P<number>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)?"  # optional number: 120, 1.2, 1,234
    r" ?"                                                # optional space, as written: 3 万
    r"(?P<unit>万亿|万|亿)"                               # the magnitude word
    r"(?P<yuan>元)?")                                    # optional 元: money
_UNIT_SIZE: dict[str, int] = {"万": 4, "亿": 8, "万亿": 12}  # powers of ten
# (power of ten, suffix), largest first: money reads RMB 12bn, other quantities 356 million.
_MONEY_SCALES: tuple[tuple[int, str], ...] = ((12, "tn"), (9, "bn"), (6, "mn"))
_COUNT_SCALES: tuple[tuple[int, str], ...] = ((12, " trillion"), (9, " billion"), (6, " million"))
# A unit alone is the amount of one unit; where that is a bare scale word, the word (see english_amount).
_UNIT_ALONE: dict[str, str] = {"万": "10,000", "亿": "100 million", "万亿": "trillion",
                               "万元": "RMB 10,000", "亿元": "RMB 100mn", "万亿元": "RMB tn"}
ALLOWED_AMOUNT = ("an optional number (digits 0-9, thousands separated by commas or not, optional decimals), "
                  "an optional space, then 万, 亿 or 万亿, then an optional 元 — e.g. 120亿元, 1.2万亿元, "
                  "3 万, 1,234亿元, 亿元")


def _english_number(value: Decimal) -> str:
    """An exact Decimal in plain notation with thousands commas and no trailing zeros: 1234.50 -> '1,234.5'."""
    text = format(value.normalize(), ",f")
    return _trim(text) if "." in text else text


def english_amount(text: str) -> str:
    """A Chinese amount as the English catalogues write it inside {amount}`…`, in English conventions.

    Exact (Decimal: no float, no rounding; trailing zeros after the point are dropped, so 57.60亿元 reads
    RMB 5.76bn). Money (with 元) is written RMB with mn, bn or tn, other quantities with million,
    billion or trillion; below a million the number is written out with thousands commas:

    - ``120亿元`` -> ``'RMB 12bn'``, ``7428亿元`` -> ``'RMB 742.8bn'``, ``1.2万亿元`` -> ``'RMB 1.2tn'``,
      ``5000万元`` -> ``'RMB 50mn'``, ``62万元`` -> ``'RMB 620,000'``;
    - ``3.56亿`` -> ``'356 million'``, ``4580万`` -> ``'45.8 million'``, ``62万`` -> ``'620,000'``,
      ``5,070,000万`` -> ``'50.7 billion'``.

    The largest scale the value reaches is used (10000亿元 -> RMB 1tn; 999.9万 -> 9.999 million).

    A unit alone (a column's or an axis's unit, as in a title's （亿元）) reads as the amount of one unit,
    with a leading "1" dropped where that is a bare scale word: ``万`` -> ``'10,000'``, ``亿`` ->
    ``'100 million'``, ``万亿`` -> ``'trillion'``, ``万元`` -> ``'RMB 10,000'``, ``亿元`` -> ``'RMB 100mn'``,
    ``万亿元`` -> ``'RMB tn'``.

    Anything else raises ValueError naming the text and what is allowed (see :data:`ALLOWED_AMOUNT`).
    """
    if not isinstance(text, str):
        raise ValueError(f"not an amount: {text!r} (a str is needed); allowed: {ALLOWED_AMOUNT}")
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise ValueError(f"not an amount: {text!r}; allowed: {ALLOWED_AMOUNT}")
    number, unit, money = match["number"], match["unit"], match["yuan"] is not None
    if number is None:
        return _UNIT_ALONE[unit + ("元" if money else "")]
    value = Decimal(number.replace(",", "")).scaleb(_UNIT_SIZE[unit])  # exact: a shift of the exponent
    english = _english_scaled(value, _MONEY_SCALES if money else _COUNT_SCALES)
    return f"RMB {english}" if money else english


def _english_scaled(value: Decimal, scales: tuple[tuple[int, str], ...]) -> str:
    for power, suffix in scales:
        if value >= Decimal(1).scaleb(power):
            return _english_number(value.scaleb(-power)) + suffix
    return _english_number(value)


# --- Both editions: what charts and tables use (the language is the chapter's lang, wxshop.i18n) --------------

_ZH_VEGA = ("(abs({x}) >= 1e12 ? format({x} / 1e12, '{f}') + '万亿' : abs({x}) >= 1e8 ? format({x} / 1e8, '{f}') + '亿'"
            " : abs({x}) >= 1e4 ? format({x} / 1e4, '{f}') + '万' : format({x}, '{f}'))")
_EN_VEGA = ("(abs({x}) >= 1e12 ? format({x} / 1e12, '{f}') + 'tn' : abs({x}) >= 1e9 ? format({x} / 1e9, '{f}') + 'bn'"
            " : abs({x}) >= 1e6 ? format({x} / 1e6, '{f}') + 'mn' : format({x}, '{f}'))")


def vega_number(x: str = "datum.value", fmt: str = ".3~r", money: bool = False) -> str:
    """A Vega expression writing the number ``x`` (base units) as the edition's readers write amounts: 万 / 亿 /
    万亿 (with 元 for money) in Chinese; mn / bn / tn (with RMB before money) in English. Only formats."""
    if i18n.is_english():
        text = _EN_VEGA.format(x=x, f=fmt)
        return f"'RMB ' + {text}" if money else text
    text = _ZH_VEGA.format(x=x, f=fmt)
    return f"{text} + '元'" if money else text


# (factor, suffix) per Chinese scale: values held in 亿 are shown in bn in English (x 0.1), 万 in mn (x 0.01).
_EN_DISPLAY = {"万亿": (1.0, "tn"), "亿": (0.1, "bn"), "万": (0.01, "mn"), "": (1.0, "")}


def display_scale(scale: str, unit: str = "") -> tuple[float, str]:
    """For a chart axis or a table column holding values in the Chinese ``scale`` (万, 亿, 万亿 or '') of
    ``unit`` (元, 件, 人 ...): the factor to multiply those values by, and the unit to print, in the current
    language. ``display_scale("亿", "元")`` is ``(1.0, "亿元")`` in Chinese, ``(0.1, "RMB bn")`` in English;
    ``display_scale("亿", "件")`` is ``(0.1, "bn items")`` when 件 is translated "items"."""
    if scale not in _EN_DISPLAY:
        raise ValueError(f"scale must be one of 万, 亿, 万亿 or '', got {scale!r}")
    if not i18n.is_english():
        return 1.0, scale + unit
    factor, suffix = _EN_DISPLAY[scale]
    if unit == "元":
        return factor, f"RMB {suffix}".strip() if suffix else "RMB"
    noun = i18n.translate(unit) if unit else ""
    return factor, " ".join(part for part in (suffix, noun) if part)


# d3 time formats per edition: a year, a month, a day.
_TIME_FORMATS = {"zh": {"year": "%Y年", "month": "%Y年%-m月", "day": "%Y年%-m月%-d日"},
                 "en": {"year": "%Y", "month": "%b %Y", "day": "%-d %b %Y"}}


def time_format(kind: str) -> str:
    """The d3 time format for ``kind`` ("year", "month" or "day") in the current language."""
    formats = _TIME_FORMATS[i18n.language()]
    if kind not in formats:
        raise ValueError(f"kind must be one of {', '.join(formats)}, got {kind!r}")
    return formats[kind]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def format_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """A date as the edition's readers write it: 2024年12月19日 / 19 December 2024; 2024年12月 / December 2024."""
    if month is None:
        return f"{year}" if i18n.is_english() else f"{year}年"
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, got {month}")
    if i18n.is_english():
        return f"{day} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"
    return f"{year}年{month}月{day}日" if day else f"{year}年{month}月"
