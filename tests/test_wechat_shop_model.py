"""Chapter 一's models and data: the public/private-domain loop, the timeline's periods, the gift case, the panels.

Expected numbers are worked by hand from the model's stated rules or read from the report's text.
"""
from __future__ import annotations

import csv
import itertools
import math
import re
from datetime import date
from pathlib import Path

import pytest

from wxshop import units
from wxshop.chapters.wechat_shop import flywheel, timeline, wiring
from wxshop.chapters.wechat_shop.flywheel import Loop, simulate
from wxshop.chapters.wechat_shop.spec import SPEC

ROOT = Path(__file__).resolve().parent.parent
REPORT = re.sub(r"\s+", "", (ROOT / "data" / "report_text.txt").read_text(encoding="utf-8"))
P = SPEC.defaults()


def read(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- the loop

def test_hand_worked_months_without_boost_or_churn():
    # 100 a month bought; half its buyers join the pool; the pool re-orders 20% a month.
    run = simulate(Loop(100, 0.5, 0.2, 0, 0), 3)
    assert list(run["pool"]) == pytest.approx([50, 100, 150])
    assert list(run["private"]) == pytest.approx([0, 10, 20])
    assert list(run["gmv"]) == pytest.approx([100, 110, 120])
    assert list(run["cumulative"]) == pytest.approx([0, 10, 30])


def test_hand_worked_months_with_the_ranking_boost():
    # Each 元 of private GMV brings 1 元 of natural public GMV the next month, whose buyers can join too.
    run = simulate(Loop(100, 0.5, 0.2, 0, 1), 4)
    assert list(run["natural"]) == pytest.approx([0, 0, 10, 20])
    assert list(run["public"]) == pytest.approx([100, 100, 110, 120])
    assert list(run["private"]) == pytest.approx([0, 10, 20, 31])
    assert list(run["pool"]) == pytest.approx([50, 100, 155, 215])
    assert list(run["gmv"]) == pytest.approx([100, 110, 130, 151])


def test_hand_worked_months_with_churn():
    run = simulate(Loop(100, 0.5, 0.2, 0.1, 0), 3)
    assert list(run["pool"]) == pytest.approx([50, 95, 135.5])
    assert list(run["gmv"]) == pytest.approx([100, 110, 119])


CASES = [Loop(1e6, c, r, d, b) for c, r, d, b in itertools.product((0, 0.2, 1), (0, 0.1, 1), (0, 0.05, 1), (0, 0.5, 5))]


@pytest.mark.parametrize("loop", CASES[::3])
def test_with_the_loop_switched_off_the_result_is_the_baseline(loop):
    off = simulate(loop, 24, enabled=False)
    assert (off["gmv"] == off["baseline"]).all() and (off["baseline"] == loop.public_gmv).all()
    assert (off["difference"] == 0).all() and (off["cumulative"] == 0).all()
    assert (off["private"] == 0).all() and (off["natural"] == 0).all() and (off["pool"] == 0).all()
    nothing_captured = simulate(Loop(loop.public_gmv, 0, loop.repurchase, loop.churn, loop.boost), 24)
    assert list(nothing_captured["gmv"]) == list(off["gmv"])


@pytest.mark.parametrize("name", ["capture", "repurchase", "boost"])
def test_gmv_never_falls_when_capture_repurchase_or_boost_rises(name):
    levels = {"capture": [0, 0.05, 0.1, 0.3, 0.6, 1], "repurchase": [0, 0.05, 0.1, 0.3, 0.6, 1],
              "boost": [0, 0.25, 0.5, 1, 2, 5]}[name]
    for base in (Loop(1e6, 0.2, 0.1, 0.05, 0.5), Loop(1e6, 0.4, 0.3, 0, 1), Loop(1e6, 0.1, 0.05, 0.2, 0)):
        runs = [simulate(Loop(**{**base.__dict__, name: level}), 24) for level in levels]
        for lower, higher in zip(runs, runs[1:]):
            assert (higher["gmv"] >= lower["gmv"] - 1e-9).all()
            assert (higher["cumulative"] >= lower["cumulative"] - 1e-9).all()
        assert runs[-1]["cumulative"].iloc[-1] > runs[0]["cumulative"].iloc[-1] or name == "boost" and base.capture == 0


def test_gmv_never_rises_when_churn_rises():
    runs = [simulate(Loop(1e6, 0.2, 0.1, churn, 0.5), 24) for churn in (0, 0.05, 0.2, 0.5, 1)]
    for lower_churn, higher_churn in zip(runs, runs[1:]):
        assert (higher_churn["gmv"] <= lower_churn["gmv"] + 1e-9).all()


@pytest.mark.parametrize("loop", CASES)
def test_no_gmv_or_pool_is_ever_negative_and_the_loop_never_loses_gmv(loop):
    run = simulate(loop, 24)
    numbers = run.drop(columns="month")
    assert (numbers >= 0).all().all() and numbers.map(math.isfinite).all().all()
    assert (run["gmv"] >= run["baseline"]).all()


def test_everything_scales_with_the_bought_gmv():
    one, two = simulate(Loop(1e6, 0.2, 0.1, 0.05, 0.5), 12), simulate(Loop(2e6, 0.2, 0.1, 0.05, 0.5), 12)
    assert list(two["gmv"]) == pytest.approx([2 * v for v in one["gmv"]])
    assert list(two["cumulative"]) == pytest.approx([2 * v for v in one["cumulative"]])


@pytest.mark.parametrize("args, message", [
    ((1e6, 1.5, 0.1, 0.05, 0.5), "capture must be between 0 and 1"),
    ((1e6, 0.2, -0.1, 0.05, 0.5), "repurchase must be between 0 and 1"),
    ((1e6, 0.2, 0.1, 2, 0.5), "churn must be between 0 and 1"),
    ((1e6, 0.2, 0.1, 0.05, 6), "boost must be between 0 and 5"),
    ((-1, 0.2, 0.1, 0.05, 0.5), "public_gmv must be >= 0"),
    ((math.nan, 0.2, 0.1, 0.05, 0.5), "public_gmv must be finite"),
])
def test_out_of_range_loop_inputs_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        Loop(*args)


@pytest.mark.parametrize("months", [0, -3, 2.5, True, "24"])
def test_months_must_be_a_whole_positive_number(months):
    with pytest.raises(ValueError, match="months must be a whole number >= 1"):
        simulate(Loop(1e6, 0.2, 0.1, 0.05, 0.5), months)


def test_a_loop_is_required():
    with pytest.raises(TypeError, match="loop must be a Loop"):
        simulate({"public_gmv": 1e6}, 12)


def test_the_charts_path_is_the_simulation_and_the_summary_its_last_month():
    loop = Loop(1e6, 0.3, 0.15, 0.05, 0.75)
    run = simulate(loop, 18)
    found = flywheel.path(1e6, 0.3, 0.15, 0.05, 0.75, 18)
    assert found["month"] == list(range(1, 19))
    assert found["gmv"] == list(run["gmv"]) and found["cumulative"] == list(run["cumulative"])
    result = flywheel.summary(run)
    assert result["gmv"] == run["gmv"].iloc[-1] and result["cumulative"] == pytest.approx(run["difference"].sum())
    assert result["uplift"] == pytest.approx(run["difference"].sum() / (18 * 1e6))


def test_the_slider_grid_holds_every_position_and_the_parameters_own():
    rows = wiring.loop_grid(P)
    assert len(rows) == 5 * 7 * 5 * 5  # capture 0–40% by 10, repurchase 0–30% by 5, churn 0–20% by 5, boost 0–1 by 0.25
    chosen = rows[(rows["capture"] == P["capture"]) & (rows["repurchase"] == P["repurchase"])
                  & (rows["churn"] == P["churn"]) & (rows["boost"] == P["boost"])]
    assert len(chosen) == 1
    assert chosen["gmv"].iloc[0] == list(wiring.loop_run(P)["gmv"])
    odd = wiring.loop_grid(SPEC.validate(capture=0.23))
    assert 0.23 in set(odd["capture"])


# --------------------------------------------------------------------------- the timeline

@pytest.mark.parametrize("when, start, end, precision", [
    ("2005年9月12日", date(2005, 9, 12), date(2005, 9, 13), "day"),
    ("2005年 9月 12日", date(2005, 9, 12), date(2005, 9, 13), "day"),
    ("2005年9月", date(2005, 9, 1), date(2005, 10, 1), "month"),
    ("2008年2月", date(2008, 2, 1), date(2008, 3, 1), "month"),
    ("2007Q2", date(2007, 4, 1), date(2007, 7, 1), "quarter"),
    ("2008年Q4", date(2008, 10, 1), date(2009, 1, 1), "quarter"),
    ("2011年", date(2011, 1, 1), date(2012, 1, 1), "year"),
    ("2016", date(2016, 1, 1), date(2017, 1, 1), "year"),
])
def test_a_date_covers_exactly_the_period_the_report_names(when, start, end, precision):
    found = timeline.period(when)
    assert (found.start, found.end, found.precision) == (start, end, precision)


@pytest.mark.parametrize("when", ["2005年13月", "2005年2月30日", "2005-09", "二〇〇五年", "2005年Q5", ""])
def test_a_date_the_report_does_not_write_is_rejected(when):
    with pytest.raises(ValueError):
        timeline.period(when)


def test_the_timeline_has_one_event_per_sourced_row():
    """Every row of the events resource quotes the report, and the timeline draws each once."""
    rows = read("tencent_ecommerce_events")
    sourced = [r for r in rows if r["source_type"] == "report" and squash(r["quote"]) in REPORT
               and r["source"] in ("1.1", "图表2")]
    assert len(sourced) == len(rows)
    frame = wiring.events()
    assert len(frame) == len(sourced) and sorted(frame["row"]) == sorted(int(r["row"]) for r in rows)


def test_the_exhibit_2_events_are_the_verbatim_tables_rows():
    # 图表2 prints nine dated lines (report_text.txt, 2005年9月 … 2016年4月).
    table = read("exhibit02_paipai_timeline")
    events = [r for r in read("tencent_ecommerce_events") if r["source"] == "图表2"]
    assert len(table) == len(events) == 9
    assert [r["when"] for r in events] == [r["时间"] for r in table]
    assert [r["quote"] for r in events] == [r["quote"] for r in table]


def test_each_event_is_dated_as_its_quote_dates_it():
    for row in read("tencent_ecommerce_events"):
        when = squash(row["when"])
        assert when in squash(row["quote"]) or (when == "2016" and "2016和2017年" in squash(row["quote"])), row["row"]
        if "日" not in when:  # only a month, a quarter or a year: never drawn as one day
            span = timeline.period(when)
            assert span.precision != "day" and (span.end - span.start).days >= 28, row["row"]


def test_the_reports_conflicting_dates_point_at_each_other():
    rows = {int(r["row"]): r for r in read("tencent_ecommerce_events")}
    pairs = {(n, int(r["conflicts_with"])) for n, r in rows.items() if r["conflicts_with"]}
    assert pairs == {(a, b) for a, b in pairs} and all((b, a) in pairs for a, b in pairs)
    whens = {frozenset((rows[a]["when"], rows[b]["when"])) for a, b in pairs}
    assert whens == {frozenset(("2005年9月12日", "2006年3月")), frozenset(("2007Q2", "2007年3月")),
                     frozenset(("2024年12月19日", "2024年12月18日"))}


def test_events_are_listed_by_attempt_in_the_reports_order_then_by_date():
    frame = wiring.events()
    assert list(dict.fromkeys(frame["attempt"])) == ["尝试一", "尝试二", "尝试三"]
    for _, group in frame.groupby("attempt"):
        assert list(group["start"]) == sorted(group["start"])


def test_an_unknown_attempt_or_a_dangling_conflict_is_rejected():
    import pandas as pd

    good = {"row": 1, "attempt": "尝试一", "when": "2011年", "label": "x", "conflicts_with": None, "source": "1.1",
            "quote": "q", "note": None}
    with pytest.raises(ValueError, match="unknown attempt"):
        timeline.events(pd.DataFrame([{**good, "attempt": "尝试四"}]))
    with pytest.raises(ValueError, match="conflicts_with names rows that do not exist"):
        timeline.events(pd.DataFrame([{**good, "conflicts_with": 7}]))


# --------------------------------------------------------------------------- the gift case and the report's slips

def test_the_gift_case_figures_are_the_reports_sentence():
    facts = {r["id"]: r for r in read("report_facts")}
    sentence = "东方甄选正是通过私域社群运营，在元旦期间实现GMV单日相比前一日增长1622%，除夕夜一天GMV突破500万元，送礼订单占比达到85%"
    assert sentence in REPORT
    found = wiring.gift_facts()
    for key, fact_id in wiring.GIFT_FACTS.items():
        assert squash(facts[fact_id]["quote"]) in sentence
        assert float(found.loc[key, "value"]) == float(facts[fact_id]["value"])
    assert float(found.loc["growth", "value"]) == 16.22 and float(found.loc["eve", "value"]) == 5_000_000
    figures = {f.key: f for f in wiring.headlines(P)}
    assert figures["dfzx_multiple_text"].text == "17.22倍"  # 1 + 1622%
    assert figures["dfzx_growth_text"].text == "1622%" and figures["dfzx_eve_text"].text == "500万元"
    assert figures["dfzx_share_text"].text == "85%" and figures["dfzx_share_text"].kind == "report"


def test_the_slip_figures_are_the_reports_two_dates():
    figures = {f.key: f for f in wiring.headlines(P)}
    assert (figures["grey_19_text"].text, figures["grey_18_text"].text) == ("2024年12月19日", "2024年12月18日")
    assert (figures["paipai_launch_text"].text, figures["paipai_table_launch_text"].text) == ("2005年9月12日", "2006年3月")
    for key in ("grey_19_text", "grey_18_text", "paipai_launch_text", "paipai_table_launch_text"):
        assert figures[key].kind == "report" and squash(figures[key].origin) in REPORT
    assert figures["ecommerce_share_text"].text == "6.7%" and figures["wechat_fee_text"].text == "5%"


def test_the_fee_model_figures_follow_the_parameters():
    figures = {f.key: f for f in wiring.headlines(SPEC.validate(miniprogram_gmv=20000, share=0.5, fee_rate=0.02))}
    assert figures["mp_increment_text"].value == pytest.approx(200e8)  # 2万亿 x 50% x 2%
    assert figures["mp_chosen_text"].text == "分析者设定（2万亿元）"


# --------------------------------------------------------------------------- the analysts' loop panel

def test_the_loop_panel_shows_the_models_cumulative_difference_and_follows_its_fields():
    panel = wiring.loop_panel(P)
    result = flywheel.summary(wiring.loop_run(P))
    assert f"<b>{units.format_yuan(result['cumulative'], 1)}</b>" in panel.result.value
    assert panel.controls["public_gmv"].description == "每月购买的公域流量带来的GMV（万元）"
    assert panel.controls["public_gmv"].value == pytest.approx(100)  # 100万元, typed in 万元
    assert panel.controls["capture"].value == pytest.approx(20)  # per cent
    panel.controls["capture"].value = 0
    assert "累计多出 <b>0元</b>" in panel.result.value  # nothing captured: the baseline


def test_the_loop_panel_refuses_a_rate_above_100_per_cent_without_clamping():
    panel = wiring.loop_panel(P)
    panel.controls["repurchase"].value = 150
    assert "输入有误" in panel.result.value and "「私域成员每月复购率」= 150%" in panel.result.value
    assert panel.controls["repurchase"].value == 150 and "<table" not in panel.result.value
    panel.controls["repurchase"].value = 10
    panel.controls["months"].value = 12.5
    assert "模型无法计算这组输入" in panel.result.value


def test_a_days_multiple_of_the_day_before_follows_its_growth_and_refuses_a_fall_of_100_percent():
    from wxshop.chapters.wechat_shop.gift_case import multiple_of_previous_day

    assert multiple_of_previous_day(0) == 1
    assert multiple_of_previous_day(-0.5) == 0.5  # halved
    assert multiple_of_previous_day(2) == 3  # +200%: three times
    for bad in (-1, -2):
        with pytest.raises(ValueError, match="growth must be above -1"):
            multiple_of_previous_day(bad)
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="growth must be finite"):
            multiple_of_previous_day(bad)
    for bad in ("16.22", True):
        with pytest.raises(TypeError, match="growth must be a number"):
            multiple_of_previous_day(bad)
