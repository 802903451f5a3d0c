"""Sensitivity (tornado) and sweep charts: ranges from the chapter's own functions, drawn in the book's theme."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wxshop.chapters.new_platforms import model
from wxshop.chapters.new_platforms.spec import SPEC
from wxshop.sweep import chart, sensitivity, sweep, tornado
from wxshop.sweep.ranges import values_across

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ranges() -> pd.DataFrame:
    return sensitivity("new_platforms", jobs=1, progress=False)


def all_koc_total(case: str, p: dict) -> float:
    """Engagements when the whole budget buys KOC posts, from data/koc_kol_cases.csv and the model's response."""
    table = pd.read_csv(ROOT / "data" / "koc_kol_cases.csv")
    rows = table[(table["case"] == case) & (table["creator"] == "KOC")].set_index("parameter")["value"]
    koc = model.Creator(float(rows["cost_per_post"]), float(rows["followers"]), float(rows["engagement_rate"]),
                        p["koc_pool"], p["conversion_rate"])
    posts = int(p["budget"] // koc.cost_per_post)
    return model.response(posts, koc)["engagements"]


def test_each_parameter_moves_across_its_allowed_range():
    params = SPEC.by_name()
    budget = values_across(params["budget"], default=100_000)
    assert max(budget) == 1e9 and min(budget) == 1000  # log-spaced from a hundredth of the default up, too
    assert 1.25e8 in budget and 0 not in budget  # evenly spaced across the range, the excluded minimum left out
    assert values_across(params["case"]) == ["low", "mid", "high"]
    from wxshop.chapters.wechat_shop.spec import SPEC as WECHAT

    assert values_across(WECHAT.by_name()["months"]) == list(range(12, 25))
    assert values_across(WECHAT.by_name()["share"], 5) == [0.0, 0.25, 0.5, 0.75, 1.0]


def test_a_figures_range_is_the_least_and_greatest_the_chapters_functions_give(ranges):
    row = ranges[(ranges["parameter"] == "case") & (ranges["figure"] == "all_koc")].iloc[0]
    p = SPEC.defaults()
    totals = {case: all_koc_total(case, {**p, "case": case}) for case in ("low", "mid", "high")}
    assert row["low"] == pytest.approx(min(totals.values())) and row["high"] == pytest.approx(max(totals.values()))
    assert row["low_at"] == min(totals, key=totals.get) and row["high_at"] == max(totals, key=totals.get)
    assert row["at_base"] == pytest.approx(totals[p["case"]])
    assert row["parameter_label"] == "情形" and row["figure_label"] == "全部投 KOC 的总量"


def test_the_budget_moves_the_all_koc_total_as_the_model_says(ranges):
    row = ranges[(ranges["parameter"] == "budget") & (ranges["figure"] == "all_koc")].iloc[0]
    p = SPEC.defaults()
    tried = [p["budget"]] + values_across(SPEC.by_name()["budget"], default=p["budget"])
    totals = [all_koc_total(p["case"], {**p, "budget": b}) for b in tried]
    assert row["low"] == pytest.approx(min(totals)) and row["high"] == pytest.approx(max(totals))
    assert row["tried"] == len(set(tried) - {p["budget"]}) and row["failed"] == 0


def test_a_figure_that_only_repeats_its_parameter_is_not_a_sensitivity(ranges):
    assert ranges[(ranges["parameter"] == "budget") & (ranges["figure"] == "budget_yuan")].empty
    assert (ranges["high"] > ranges["low"]).all()


def test_the_tornado_chart_draws_each_figure_widest_first_in_chinese(ranges):
    spec = tornado(ranges).to_dict()
    assert spec["title"]["text"].startswith("敏感性：4.3") and "竖线为默认情景" in spec["title"]["subtitle"]
    titles = [panel["title"] for panel in spec["vconcat"]]
    assert titles == list(dict.fromkeys(ranges["figure_label"]))
    first = spec["vconcat"][0]
    order = first["layer"][0]["encoding"]["y"]["sort"]
    part = ranges[ranges["figure"] == ranges["figure"].iloc[0]].sort_values("width", ascending=False, kind="stable")
    assert order == list(part["parameter_label"])
    assert first["layer"][0]["encoding"]["x"]["title"] == "最佳 KOC 预算占比（%）"
    assert spec["config"]["font"].startswith("Noto Sans CJK SC")  # the book's theme


def test_a_sweep_chart_reads_with_chinese_titles_units_and_choice_names():
    df = sweep("new_platforms", budget=range(20_000, 200_001, 20_000), case=["low", "mid", "high"])
    spec = chart(df, x="budget", y="best_share_ratio", color="case").to_dict()
    assert spec["encoding"]["x"]["title"] == "总预算（万元）"
    assert spec["encoding"]["y"]["title"] == "最佳 KOC 预算占比（%）" and spec["encoding"]["y"]["axis"]["format"] == "%"
    assert "低值情形" in spec["encoding"]["color"]["legend"]["labelExpr"]
    values = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert values["best_share_ratio"].tolist() == df["best_share_ratio"].tolist()
    assert values["case__shown"].iloc[0] == "低值情形" and values["budget__shown"].iloc[0] == "2万元"
    with pytest.raises(ValueError, match="rows repeat an \\(budget\\) already drawn: the sweep also varies case"):
        chart(df, x="budget", y="best_share_ratio")
    with pytest.raises(ValueError, match="no column 'nosuch'"):
        chart(df, x="budget", y="nosuch", color="case")


@pytest.mark.slow
def test_the_command_line_saves_the_tornado_chart_and_its_table(tmp_path):
    out = tmp_path / "tornado.svg"
    done = subprocess.run([sys.executable, "-m", "wxshop.sweep", "new_platforms", "--tornado", str(out),
                           "--no-progress"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "最佳 KOC 预算占比" in svg
    table = pd.read_csv(out.with_suffix(".csv"))
    assert {"parameter", "figure", "low", "high", "at_base"} <= set(table) and len(table) > 10


def test_a_spread_moves_each_parameter_around_its_default_only():
    around = sensitivity("new_platforms", points=5, spread=0.5, jobs=1, progress=False)
    row = around[(around["parameter"] == "budget") & (around["figure"] == "all_koc")].iloc[0]
    p = SPEC.defaults()
    totals = [all_koc_total(p["case"], {**p, "budget": b}) for b in (50_000, 75_000, 100_000, 125_000, 150_000)]
    assert (row["low"], row["high"]) == (pytest.approx(min(totals)), pytest.approx(max(totals)))
    assert "koc_followers" not in set(around["parameter"])  # its default is the case's value: nothing to spread
    assert "在默认值的±50%内变动" in tornado(around).to_dict()["title"]["subtitle"]
