"""wxshop.units.english_amount: Chinese amounts (as the English catalogues write them in {amount}`…`) in
English conventions. Expected values are worked by hand: 万 = 10^4, 亿 = 10^8, 万亿 = 10^12; million = 10^6,
billion (bn) = 10^9, trillion (tn) = 10^12."""
from __future__ import annotations

import pytest

from wxshop.units import english_amount

CASES = [
    # money: 元 -> RMB with mn / bn / tn
    ("120亿元", "RMB 12bn"),          # 120 x 10^8 = 1.2 x 10^10 = 12 x 10^9
    ("7428亿元", "RMB 742.8bn"),      # 7428 x 10^8 = 742.8 x 10^9
    ("1.2万亿元", "RMB 1.2tn"),       # 1.2 x 10^12
    ("5000万元", "RMB 50mn"),         # 5000 x 10^4 = 5 x 10^7 = 50 x 10^6
    ("464100亿元", "RMB 46.41tn"),    # 464100 x 10^8 = 4.641 x 10^13 = 46.41 x 10^12
    ("1,234亿元", "RMB 123.4bn"),     # commas accepted: 1234 x 10^8 = 123.4 x 10^9
    ("10000亿元", "RMB 1tn"),         # exactly 10^12: the larger scale
    ("62万元", "RMB 620,000"),        # 62 x 10^4 = 620,000, below a million: written out
    ("2000 万元", "RMB 20mn"),        # the space as written; 2 x 10^7
    ("57.60亿元", "RMB 5.76bn"),      # 5.76 x 10^9; the trailing zero is not kept
    ("0.35亿元", "RMB 35mn"),         # 0.35 x 10^8 = 3.5 x 10^7
    # other quantities: million / billion / trillion
    ("3.56亿", "356 million"),        # 3.56 x 10^8
    ("62万", "620,000"),              # 62 x 10^4
    ("4580万", "45.8 million"),       # 4580 x 10^4 = 4.58 x 10^7
    ("1.4亿", "140 million"),         # 1.4 x 10^8
    ("3 万", "30,000"),               # 3 x 10^4
    ("5,070,000万", "50.7 billion"),  # 5,070,000 x 10^4 = 5.07 x 10^10
    ("7.2万亿", "7.2 trillion"),      # 7.2 x 10^12
    ("32.5万", "325,000"),            # 32.5 x 10^4
    ("0.123万", "1,230"),             # 0.123 x 10^4
    ("0.00005万", "0.5"),             # exact: no rounding
    ("99.99999万", "999,999.9"),      # just below a million: written out, exactly
    ("100万", "1 million"),           # exactly 10^6
    ("1.23456789亿", "123.456789 million"),  # every digit kept
    # a unit alone: one of that unit; a bare scale word where that is what one unit is
    ("万", "10,000"),
    ("亿", "100 million"),
    ("万亿", "trillion"),
    ("万元", "RMB 10,000"),
    ("亿元", "RMB 100mn"),
    ("万亿元", "RMB tn"),
]


@pytest.mark.parametrize(("text", "english"), CASES)
def test_english_amount(text: str, english: str) -> None:
    assert english_amount(text) == english


@pytest.mark.parametrize("text", [
    "", "120", "元", "120元", "120亿件", "亿万", "3万元元", " 3万", "3万 ", "3  万", "12,34万", "1,2345亿",
    "1.万", ".5万", "-3亿", "+3亿", "三万", "１２０亿元", "120亿元人民币", "3千万", "1e3万",
])
def test_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError) as err:
        english_amount(text)
    message = str(err.value)
    assert repr(text) in message  # names the text
    assert "万, 亿 or 万亿" in message and "元" in message  # and what is allowed


def test_not_a_string() -> None:
    with pytest.raises(ValueError, match="a str is needed"):
        english_amount(120)  # type: ignore[arg-type]
