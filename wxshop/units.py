"""Number formats for Chinese readers: 万, 亿, 万亿 and per cent.

Values in ``data/`` are stored in base units (元, 人, 件 ...) and ratios as fractions
(see ``data/CONVENTIONS.md``); these helpers only format them for display.
"""
from __future__ import annotations

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
