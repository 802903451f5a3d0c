"""Display formats of ``wxshop.units``: base-unit numbers -> 万 / 亿 / 万亿 / % as the report writes them.

Expected strings are the report's own spellings (46.41万亿元, 4338亿元, 4580万, 57.6%, −0.9% ...)
or follow from the scale sizes (1万 = 1e4, 1亿 = 1e8, 1万亿 = 1e12) by hand.
"""
import math
from decimal import Decimal

import numpy as np
import pytest

from wxshop.units import (format_percent, format_scaled, format_wan, format_wanyi, format_yi,
                          format_yuan)

HELPERS = [format_scaled, format_wan, format_yi, format_wanyi, format_percent, format_yuan]


@pytest.mark.parametrize("value, kwargs, expected", [
    # values as the report prints them
    (46_410_000_000_000, {"unit": "元"}, "46.41万亿元"),       # 2024 电子商务交易额 464100亿元
    (16_390_000_000_000, {"unit": "元"}, "16.39万亿元"),       # 2014: 163900亿元
    (433_800_000_000, {"unit": "元"}, "4338亿元"),            # 2019 直播电商 GMV
    (3_500_000_000_000, {"unit": "元"}, "3.5万亿元"),          # 2022 直播电商 GMV
    (45_800_000, {"unit": "人"}, "4580万人"),                 # 网民 4580万
    (620_000, {"unit": "人"}, "62万人"),
    (1_441_800_000_000, {"digits": 4}, "1.4418万亿"),         # 双十一 14418亿, all digits kept
    (1_441_800_000_000, {}, "1.44万亿"),                      # ... rounded to two places
    (120_000, {"unit": "元"}, "12万元"),                      # 豁免门槛 12万
    (10_000, {"unit": "元"}, "1万元"),                        # 1万元 cap: exactly at the 万 boundary
    (100_000_000, {}, "1亿"),
    (1_000_000_000_000, {}, "1万亿"),
    # below 1万 no scale word
    (5_000, {"unit": "元"}, "5000元"),
    (9_940, {}, "9940"),
    (18.6, {"unit": "元"}, "18.6元"),
    # just below a boundary: rounding at the display precision reaches the next word
    (9_999, {}, "1万"),
    (99_999_999, {}, "1亿"),
    (999_999_999_999, {}, "1万亿"),
    (99_499_999, {}, "9950万"),                               # rounds to 0.99亿 -> stays in 万
    (99_999_999, {"digits": 8}, "9999.9999万"),               # enough digits: no rounding up
    # zero, negatives, tiny fractions
    (0, {}, "0"),
    (0.0, {"unit": "元"}, "0元"),
    (-0.0, {}, "0"),
    (-46_410_000_000_000, {"unit": "元"}, "-46.41万亿元"),
    (-9_999, {}, "-1万"),
    (-5_000, {}, "-5000"),
    (0.004, {}, "0"),
    (-0.004, {}, "0"),                                        # never "-0"
    (1e-9, {"digits": 2}, "0"),
    (0.123, {"digits": 3}, "0.123"),
    # digits
    (46_410_000_000_000, {"digits": 0}, "46万亿"),
    (45_800_000, {"digits": 0, "unit": "人"}, "4580万人"),
    # numpy scalars are numbers too
    (np.int64(45_800_000), {"unit": "人"}, "4580万人"),
    (np.float64(433_800_000_000), {"unit": "元"}, "4338亿元"),
])
def test_format_scaled_auto(value, kwargs, expected):
    assert format_scaled(value, **kwargs) == expected


@pytest.mark.parametrize("value, scale, unit, expected", [
    (46_410_000_000_000, "亿", "元", "464100亿元"),             # the report's own spelling
    (16_390_000_000_000, "亿", "元", "163900亿元"),
    (433_800_000_000, "万亿", "元", "0.43万亿元"),
    (5_000, "万", "", "0.5万"),
    (1_000, "亿", "", "0亿"),                                   # too small for the forced scale
    (46_410_000_000_000, "", "元", "46410000000000元"),        # '' = no scaling
    (45_800_000, "万", "人", "4580万人"),
    (-9_000_000, "万", "", "-900万"),
])
def test_format_scaled_forced_scale(value, scale, unit, expected):
    assert format_scaled(value, unit, scale=scale) == expected


@pytest.mark.parametrize("func, value, unit, expected", [
    (format_wan, 45_800_000, "人", "4580万人"),
    (format_wan, 16_130_000, "台", "1613万台"),
    (format_wan, 5_000, "", "0.5万"),
    (format_wan, 999_999_999, "", "100000万"),                  # forced: never switches to 亿
    (format_wan, 0, "", "0万"),
    (format_wan, -75_000, "", "-7.5万"),
    (format_yi, 433_800_000_000, "元", "4338亿元"),
    (format_yi, 742_800_000_000, "元", "7428亿元"),
    (format_yi, 1_441_800_000_000, "元", "14418亿元"),
    (format_yi, 3_500_000_000_000, "元", "35000亿元"),
    (format_yi, 40_000_000_000, "元", "400亿元"),
    (format_yi, 0, "元", "0亿元"),
    (format_wanyi, 3_500_000_000_000, "元", "3.5万亿元"),
    (format_wanyi, 7_200_000_000_000, "", "7.2万亿"),
    (format_wanyi, 46_410_000_000_000, "元", "46.41万亿元"),
    (format_wanyi, 433_800_000_000, "", "0.43万亿"),
    (format_wanyi, -1_000_000_000_000, "", "-1万亿"),
])
def test_fixed_scale_helpers(func, value, unit, expected):
    assert func(value, unit) == expected


def test_fixed_scale_helpers_digits():
    assert format_yi(1_441_800_000_000, "元", digits=0) == "14418亿元"
    assert format_wanyi(1_441_800_000_000, "元", digits=4) == "1.4418万亿元"
    assert format_wan(12_345, digits=1) == "1.2万"


@pytest.mark.parametrize("value, kwargs, expected", [
    (0.576, {}, "57.6%"),
    (0.576, {"digits": 2}, "57.6%"),             # 57.60 -> trailing zero dropped
    (0.576, {"digits": 0}, "58%"),
    (-0.009, {}, "-0.9%"),                       # 2024 交易额 同比下降0.90%
    (-0.009, {"digits": 2}, "-0.9%"),
    (0.745, {}, "74.5%"),
    (0.983, {}, "98.3%"),
    (0.05, {}, "5%"),
    (0.006, {}, "0.6%"),
    (16.22, {}, "1622%"),                        # 东方甄选 +1622%
    (1.6, {}, "160%"),
    (1, {}, "100%"),
    (0, {}, "0%"),
    (-0.0, {}, "0%"),
    (0.0004, {}, "0%"),                          # tiny: rounds to zero
    (-0.0004, {}, "0%"),                         # never "-0%"
    (0.0001, {"digits": 2}, "0.01%"),
    (np.float64(0.23), {}, "23%"),
    # signed: growth rates
    (0.314, {"signed": True}, "+31.4%"),
    (0.47, {"signed": True}, "+47%"),
    (-0.069, {"signed": True}, "-6.9%"),
    (-0.03, {"signed": True}, "-3%"),
    (0, {"signed": True}, "0%"),                 # zero carries no sign
    (0.0004, {"signed": True}, "0%"),            # rounds to zero: no "+0%"
    (-0.0004, {"signed": True}, "0%"),
])
def test_format_percent(value, kwargs, expected):
    assert format_percent(value, **kwargs) == expected


@pytest.mark.parametrize("value, kwargs, expected", [
    (46_410_000_000_000, {}, "46.41万亿元"),
    (742_800_000_000, {}, "7428亿元"),
    (1_441_800_000_000, {}, "1.44万亿元"),
    (1_441_800_000_000, {"digits": 4}, "1.4418万亿元"),
    (5_000_000, {}, "500万元"),                   # 除夕 GMV 500万元
    (120_000, {}, "12万元"),
    (10_000, {}, "1万元"),
    (9_999, {}, "1万元"),
    (5_000, {}, "5000元"),
    (18.6, {}, "18.6元"),
    (0, {}, "0元"),
    (-5_000, {}, "-5000元"),
    (-2_000_000_000, {}, "-20亿元"),
])
def test_format_yuan(value, kwargs, expected):
    assert format_yuan(value, **kwargs) == expected


@pytest.mark.parametrize("func", HELPERS)
@pytest.mark.parametrize("bad", [True, False, "1", "57.6%", None, Decimal("1"), [1], b"1"])
def test_non_numbers_raise_type_error(func, bad):
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", HELPERS)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, np.nan, np.float64("inf")])
def test_non_finite_raise_value_error(func, bad):
    with pytest.raises(ValueError):
        func(bad)


@pytest.mark.parametrize("scale", ["千", "百万", "亿元", "wan", "万 ", "WAN"])
def test_unknown_scale_raises(scale):
    with pytest.raises(ValueError, match="scale"):
        format_scaled(10_000, scale=scale)


@pytest.mark.parametrize("func", [format_scaled, format_wan, format_yi, format_wanyi, format_yuan])
def test_negative_digits_raise(func):
    with pytest.raises(ValueError, match="digits"):
        func(10_000, digits=-1)


def test_negative_digits_raise_for_percent():
    with pytest.raises(ValueError):
        format_percent(0.5, digits=-1)
