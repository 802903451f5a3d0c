"""WeChat Shop monetisation: fee revenue if a share of mini-program GMV moved into WeChat Shop."""
from __future__ import annotations

import pytest

from wxshop import data
from wxshop.chapters.wechat_shop.fee_model import fee_grid, incremental_fee_revenue

YI = 1e8


def test_nothing_moved_earns_nothing():
    assert incremental_fee_revenue(1.6e12, 0, 0.05) == 0
    assert incremental_fee_revenue(1.6e12, 0.3, 0) == 0
    assert incremental_fee_revenue(0, 0.3, 0.05) == 0


def test_hand_worked_increments():
    # 1.6万亿 x 10% x 5% = 80亿; 8000亿 x 100% x 5% = 400亿
    assert incremental_fee_revenue(1.6e12, 0.1, 0.05) == pytest.approx(80 * YI)
    assert incremental_fee_revenue(8000 * YI, 1, 0.05) == pytest.approx(400 * YI)


@pytest.mark.parametrize("factor", [0.5, 2])
def test_the_increment_is_linear_in_each_input(factor):
    base = incremental_fee_revenue(1e12, 0.2, 0.04)
    assert incremental_fee_revenue(1e12 * factor, 0.2, 0.04) == pytest.approx(base * factor)
    assert incremental_fee_revenue(1e12, 0.2 * factor, 0.04) == pytest.approx(base * factor)
    assert incremental_fee_revenue(1e12, 0.2, 0.04 * factor) == pytest.approx(base * factor)


@pytest.mark.parametrize("args, message", [
    ((1e12, 1.01, 0.05), "share must be between 0 and 1"),
    ((1e12, -0.1, 0.05), "share must be between 0 and 1"),
    ((1e12, 0.1, 5), "fee_rate must be between 0 and 1"),
    ((-1, 0.1, 0.05), "miniprogram_gmv must be >= 0"),
])
def test_out_of_range_inputs_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        incremental_fee_revenue(*args)


def test_the_grid_covers_every_combination_and_starts_at_zero():
    series = {"2019": 8000 * YI, "2020": 1.6e12}
    grid = fee_grid(series, [0, 0.5, 1], [0.01, 0.05])
    assert len(grid) == 2 * 3 * 2
    assert (grid[grid["share"] == 0]["revenue"] == 0).all()
    row = grid[(grid["series"] == "2020") & (grid["share"] == 0.5) & (grid["fee_rate"] == 0.05)].iloc[0]
    assert row["moved_gmv"] == pytest.approx(8000 * YI) and row["revenue"] == pytest.approx(400 * YI)


def test_the_public_series_gives_both_years():
    table = data.load("wechat_miniprogram_gmv").set_index("year")
    assert table.loc[2019, "value"] == 8000 * YI and table.loc[2020, "value"] == 1.6e12
    assert set(table["confidence"]) == {"M"}
