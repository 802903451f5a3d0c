"""Number formats for Chinese readers: 万, 亿, 万亿 and per cent.

Values in ``data/`` are stored in base units (元, 人, 件 ...) and ratios as fractions
(see ``data/CONVENTIONS.md``); these helpers only format them for display.
"""
from __future__ import annotations

import re
from decimal import Decimal

from wxshop import checks

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
    if scale is None:
        # The largest word under which the value, rounded for display, is at least 1:
        # 99_999_999 at two digits reads 1亿, not 10000万.
        scale = next((word for word, size in _SCALES if abs(round(number / size, digits)) >= 1), "")
    elif scale not in sizes:
        raise ValueError(f"scale must be one of 万, 亿, 万亿 or '', got {scale!r}")
    return _plain(number / sizes[scale], digits) + scale + unit


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
