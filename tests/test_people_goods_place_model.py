"""Chapter 二 (2.1–2.3): the growth helper, the eras, the explorer's cells and the chart points, by hand.

Expected numbers are worked from the report's text (data/report_text.txt) and the CSVs read with the
csv module, not from the code under test.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from wxshop.chapters.people_goods_place import growth, model, spec, wiring
from wxshop.chapters.people_goods_place.charts import REPORT_LEGEND, rate_text, year_ticks
from wxshop.chapters.people_goods_place.panels import growth_result
from wxshop.params import ParameterError
from wxshop.widgets import InputError

ROOT = Path(__file__).resolve().parent.parent
P = spec.SPEC.defaults()


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- the growth helper

def test_periods_are_placed_at_their_end():
    assert growth.period_position("2012") == 2013.0
    assert growth.period_position("1999-06") == 1999.5
    assert growth.years_between("1999-06", "2002-06") == pytest.approx(3.0)
    assert growth.years_between("1997-10", "2002-06") == pytest.approx(4 + 8 / 12)
    assert growth.years_between("2012", "2018-06") == pytest.approx(5.5)  # end-2012 to end-June 2018
    assert growth.years_between("2019", "2022") == 3.0


@pytest.mark.parametrize("bad", ["1999-13", "99", "1999/06", "", "2012-6"])
def test_a_malformed_period_is_refused(bad):
    with pytest.raises(ValueError, match="YYYY"):
        growth.period_position(bad)


def test_an_end_before_its_start_is_refused():
    with pytest.raises(ValueError, match="must come after"):
        growth.years_between("2002-06", "1999-06")


def test_cagr_of_known_cases():
    assert growth.cagr(1, 2, 1) == pytest.approx(1.0)  # doubling in a year
    assert growth.cagr(100, 121, 2) == pytest.approx(0.10)  # 1.1 squared
    assert growth.cagr(121, 100, 2) == pytest.approx(100 / 110 - 1)  # falling
    # 上网计算机 146万 -> 1613万 over three years: 1613/146 = 11.048, cube root 2.227
    assert growth.cagr(146, 1613, 3) == pytest.approx(1.227, abs=5e-4)
    # 直播电商 4338亿 -> 35000亿 over three years: 8.068, cube root 2.006
    assert growth.cagr(4338, 35000, 3) == pytest.approx(1.006, abs=5e-4)


def test_multiples_changes_and_percentage_points():
    assert growth.multiple(62, 4580) == pytest.approx(73.87, abs=0.005)
    assert growth.change(18.6, 12.4) == pytest.approx(-1 / 3)
    assert growth.pp_change(0.745, 0.983) == pytest.approx(23.8)
    assert growth.pp_change(0.983, 0.745) == pytest.approx(-23.8)
    assert growth.implied_base(-15, -0.11) == pytest.approx(136.36, abs=0.01)  # 安踏: 15 days are 11%


@pytest.mark.parametrize("call, message", [
    (lambda: growth.cagr(0, 10, 3), "start must be > 0"),
    (lambda: growth.cagr(10, 0, 3), "end must be > 0"),
    (lambda: growth.cagr(10, 20, 0), "years must be > 0"),
    (lambda: growth.multiple(-1, 10), "start must be > 0"),
    (lambda: growth.pp_change(1.2, 0.5), "between 0 and 1"),
    (lambda: growth.implied_base(15, -0.11), "same sign"),
    (lambda: growth.implied_base(15, 0), "must not be 0"),
])
def test_growth_inputs_out_of_range_are_refused_naming_the_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_non_number_is_a_type_error():
    with pytest.raises(TypeError):
        growth.multiple(True, 10)
    with pytest.raises(TypeError):
        growth.cagr("146", 1613, 3)


def test_growth_pairs_the_levels_with_their_periods():
    g = growth.Growth(400, 4580, "1999-06", "2002-06")
    assert g.years == pytest.approx(3)
    assert g.multiple == pytest.approx(11.45)
    assert g.cagr == pytest.approx(11.45 ** (1 / 3) - 1)


# --------------------------------------------------------------------------- the eras

@pytest.mark.parametrize("period, era", [
    ("1997-10", None), ("1998", "pc"), ("2012", "pc"), ("2012-12", "pc"), ("2013", "mobile"), ("2018-06", "mobile"),
    ("2018", "mobile"), ("2019", "live"), ("2024", "live"), ("2030", "live"),
])
def test_each_period_falls_in_the_era_the_reports_headings_date(period, era):
    assert model.era_of(period) == era


def test_the_eras_are_the_reports_headings():
    text = (ROOT / "data" / "report_text.txt").read_text(encoding="utf-8").replace(" ", "")
    for era in model.ERAS:
        assert era.label in text  # e.g. PC互联网时代（1998-2012）
    assert [e.key for e in model.ERAS] == list(spec.ERA_KEYS)


def test_places_on_the_time_axis():
    assert model.place("2012") == model.Place("2012-12-31", "2012年末", "pc")
    assert model.place("2019", flow=True) == model.Place("2019-07-01", "2019年", "live")
    assert model.place("1999-06") == model.Place("1999-06-30", "1999年6月末", "pc")
    assert model.place("2024-02").date == "2024-02-29"  # a leap year's February
    assert model.place("1997-10").era is None


def test_bands_are_clipped_to_the_chart_and_leave_out_eras_outside_it():
    bands = model.bands("1997-01-01", "2013-06-30")
    assert list(bands["era"]) == ["pc", "mobile"]
    assert list(bands["start"]) == ["1998-01-01", "2013-01-01"]
    assert list(bands["end"]) == ["2013-01-01", "2013-06-30"]
    live = model.bands("2018-07-01", "2025-06-30")
    assert list(live["era"]) == ["mobile", "live"] and live["end"].iloc[-1] == "2025-06-30"
    with pytest.raises(ValueError):
        model.bands("2013-01-01", "2000-01-01")


def test_chosen_era_follows_the_parameter_or_the_charts_section():
    assert model.chosen_era("auto", "2.1") == "pc"
    assert model.chosen_era("auto", "2.3") == "live"
    assert model.chosen_era("auto", None) == "all"
    assert model.chosen_era("mobile", "2.1") == "mobile"
    with pytest.raises(ValueError):
        model.chosen_era("1990s", None)
    with pytest.raises(ValueError):
        model.chosen_era("auto", "2.4")


def test_segments_break_a_line_where_years_are_missing():
    assert model.segments(["2010", "2012", "2013", "2014"]) == [0, 1, 1, 1]
    assert model.segments(["1999-06", "1999", "2000"]) == [0, 0, 0]
    with pytest.raises(ValueError, match="time order"):
        model.segments(["2013", "2012"])


def test_log_ticks_span_the_values():
    assert model.log_ticks([299_000, 564_000_000]) == [5, 6, 7, 8, 9]
    assert model.log_ticks([10, 100]) == [1, 2]
    with pytest.raises(ValueError):
        model.log_ticks([0, 10])


def test_year_ticks_sit_where_each_charts_yearly_points_do():
    ends = year_ticks("2018-07-01", "2025-06-30", "end")
    assert [(t["year"], t["month"], t["date"]) for t in (d.to_dict() for d in ends)][0] == (2018, 12, 31)
    mids = [d.to_dict() for d in year_ticks("2016-07-01", "2025-06-30", "mid")]
    assert all((t["month"], t["date"]) == (7, 1) for t in mids) and len(mids) <= 6


# --------------------------------------------------------------------------- the explorer's cells

TABLES = {"pc": "exhibit15_pc_era_people_goods_place", "mobile": "exhibit18_mobile_era_people_goods_place",
          "live": "exhibit21_livestream_era_people_goods_place"}


def test_the_cells_are_the_three_tables_verbatim_with_their_own_headers():
    cells = wiring.era_cells()
    assert len(cells) == 9
    for era, name in TABLES.items():
        table = rows(name)
        header = list(table[0])[2]
        mine = cells[cells["era"] == era]
        assert list(mine["dimension"]) == [r["对比维度"] for r in table] == ["人", "货", "场"]
        assert list(mine["text"]) == [r[header] for r in table]
        assert set(mine["header"]) == {header}
        assert all("".join(lines) == text for lines, text in zip(mine["lines"], mine["text"]))
    slips = cells.groupby("era")["header_slip"].first().to_dict()
    assert slips == {"pc": False, "mobile": True, "live": True}  # 用户粘性 where 图表15 prints 演进形式


def test_wrapped_lines_stay_within_the_width_and_lose_no_text():
    text = "新职业电商主播成为核心、用户交互需求升级、消费决策机制转变"
    lines = model.wrap(text, 6)
    assert "".join(lines) == text
    assert all(model.text_width(line.rstrip("、，")) <= 6 for line in lines)
    assert model.wrap("C2M模式萌芽", 6) == ["C2M模式萌芽"]  # Latin letters are narrow
    with pytest.raises(ValueError):
        model.wrap(text, 1)


@pytest.mark.parametrize("era, dimension, count", [("all", "all", 9), ("pc", "all", 3), ("all", "货", 3),
                                                   ("live", "场", 1)])
def test_a_readers_choice_selects_the_cells(era, dimension, count):
    picked = model.selected(wiring.era_cells(), era, dimension)
    assert len(picked) == count
    if era != "all":
        assert set(picked["era"]) == {era}
    if dimension != "all":
        assert set(picked["dimension"]) == {dimension}


def test_a_choice_outside_the_eras_or_dimensions_is_refused():
    with pytest.raises(ValueError):
        model.selected(wiring.era_cells(), "web3", "all")
    with pytest.raises(ValueError):
        model.selected(wiring.era_cells(), "all", "钱")


def test_era_cells_need_all_three_tables():
    tables = {era: wiring.data.load(name) for era, name in TABLES.items()}
    del tables["live"]
    with pytest.raises(ValueError, match="tables must be given"):
        model.era_cells(tables)


# --------------------------------------------------------------------------- chart points

def test_exhibit_12_sets_the_reports_62wan_beside_cnnics_400wan_in_june_1999():
    points = wiring.users_points()
    june = points[points["period"] == "1999-06"]
    users = {(r["legend"], r["value"]) for _, r in june.iterrows()}
    assert (REPORT_LEGEND, 620_000) in users and (wiring.USERS_LEGEND, 4_000_000) in users
    assert (REPORT_LEGEND, 1_460_000) in users  # the report's 146万 上网计算机
    assert max(points["date"]) <= "2012-12-31"
    assert (points["source_text"].str.len() > 0).all() and (points["grade"].str.len() > 0).all()
    assert set(points[points["kind"] == "report"]["legend"]) == {REPORT_LEGEND}


def test_every_public_row_of_the_resources_is_a_point():
    users = [r for r in rows("internet_users") if r["users"] and r["source_type"] == "public"
             and growth.period_position(r["date"]) <= 2013]
    drawn = wiring.users_points()
    assert len(drawn[(drawn["kind"] == "public") & (drawn["legend"] == wiring.USERS_LEGEND)]) == len(users)
    live = rows("livestream_market_size")
    points = wiring.livestream_points()
    assert len(points) == len(live)
    publishers = {r["publisher"] for r in live if r["source_type"] == "public"}
    assert set(points[points["kind"] == "public"]["legend"]) == publishers  # each point labelled by its publisher


def test_lines_break_at_missing_years_and_gaps_stay_gaps():
    volume, _parcel = wiring.express_points()
    ids = dict(zip(volume[volume["kind"] == "public"]["period"], volume[volume["kind"] == "public"]["line_id"]))
    assert ids["2010"] == ids["2011"] == ids["2012"]  # 2011 is published (《中国统计年鉴2012》): no break there
    stations = wiring.stations_points()
    assert "2020" not in set(stations["period"])
    assert stations[stations["period"] == "2019"]["shown"].iloc[0].startswith("超")  # a lower bound
    assert stations[stations["period"] == "2019"]["line_id"].iloc[0] != stations[stations["period"] == "2021"]["line_id"].iloc[0]


def test_log_positions_are_the_values_logarithms():
    for frame in (wiring.users_points(), wiring.stations_points(), wiring.livestream_points()):
        for _, row in frame.iterrows():
            assert row["ylog"] == pytest.approx(math.log10(row["value"]), abs=1e-6)


def test_exhibit_17s_share_panel_holds_the_reports_two_figures_and_both_2018_points():
    _levels, share = wiring.mobile_points()
    report = share[share["kind"] == "report"]
    assert sorted(report["value"]) == [0.745, 0.983]
    public = dict(zip(share[share["kind"] == "public"]["period"], share[share["kind"] == "public"]["value"]))
    assert public["2018-06"] == 0.983 and public["2018-12"] == 0.986


# --------------------------------------------------------------------------- headline figures

def test_headline_figures_are_the_hand_computed_ones():
    figures = {f.key: f for f in wiring.headlines(P)}
    assert figures["users_multiple_report_text"].text == "73.87倍"  # 4580 / 62
    assert figures["users_multiple_cnnic_text"].text == "11.45倍"  # 4580 / 400
    assert figures["users_1997_text"].text == "62万人" and figures["users_1999_06_text"].text == "400万人"
    assert figures["computers_multiple_text"].text == "11.05倍"  # 1613 / 146
    assert figures["logistics_multiple_text"].text == "18.75倍"  # 7499 / 400
    assert figures["share_pp_report_text"].text == "23.8"  # 98.3 - 74.5
    assert figures["share_pp_yearend_text"].text == "24.1"  # 98.6 - 74.5
    assert figures["price_change_text"].text == "-33.3%"  # 12.4 / 18.6 - 1
    assert figures["price_public_change_text"].text == "-33.3%"  # 12.37 / 18.55 - 1
    assert figures["anta_base_text"].text == "136天"  # 15 / 0.11
    assert figures["live_multiple_text"].text == "8.07倍"  # 35000 / 4338
    assert figures["live_cagr_text"].text == "+100.6%"
    assert figures["douyin_2018_text"].text == "1.5亿"
    for figure in figures.values():
        assert figure.provenance()


def test_the_growth_table_has_a_row_for_each_figure_the_text_quotes():
    table = wiring.growth_table().set_index("报告所引数字")
    assert len(table) == 9
    expected = {"上网计算机（2.1节）": ("146万", "1613万"), "网民（2.1节）": ("62万", "4580万"),
                "第三方物流市场规模（2.1节）": ("约400亿", "约7499亿"), "手机网民占网民比例（2.2节）": ("74.5%", "98.3%"),
                "全国快递平均单价（2.2节）": ("18.6元", "12.4元"), "直播电商GMV（2.3节）": ("4338亿元", "3.5万亿元")}
    for quantity, figures in expected.items():
        assert all(f in table.loc[quantity, "报告原文的水平或变化"] for f in figures), quantity
    assert "11.45倍" in table.loc["网民（2.1节）", "与公开数据核对"]  # CNNIC's 400万 -> 4580万, shown beside
    assert "98.6%" in table.loc["手机网民占网民比例（2.2节）", "与公开数据核对"]


def test_the_chapters_parameters_are_checked():
    with pytest.raises(ParameterError, match="'era'"):
        spec.SPEC.validate(era="1990s")
    with pytest.raises(ParameterError, match="'scale'"):
        spec.SPEC.validate(scale="sqrt")
    assert spec.SPEC.validate(era="live", scale="linear") == {"era": "live", "scale": "linear"}


# --------------------------------------------------------------------------- the analysts' panel and tables

def test_the_growth_panel_reports_the_helpers_figures_and_refuses_bad_periods():
    shown = growth_result(146, 1613, "1999-06", "2002-06")
    assert "11.05" in shown and "+122.7%" in shown and "3.00 年" in shown and "PC互联网时代" in shown
    with pytest.raises(InputError, match="时期"):
        growth_result(146, 1613, "2002-06", "1999-06")
    with pytest.raises(InputError, match="时期"):
        growth_result(146, 1613, "1999年", "2002-06")


def test_the_growth_panel_builds_and_redraws():
    from wxshop.chapters.people_goods_place.panels import growth_panel

    panel = growth_panel()
    assert "11.05" in panel.result.value
    panel.controls["end"].value = 292
    assert "+100%" in panel.result.value or "+100.0%" in panel.result.value  # 146 -> 292 is a doubling
    panel.controls["start"].value = 0
    assert "超出允许范围" in panel.result.value


def test_rates_read_as_engineers_write_them():
    assert rate_text(2_048_000) == "2.048 Mbit/s"
    assert rate_text(384_000) == "384 kbit/s"
    assert rate_text(20e9) == "20 Gbit/s"
