"""Scenario sweeps: every combination checked first, headline figures from the chapter's own declaration."""
from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wxshop import sweep, units
from wxshop.chapters.new_platforms import model, wiring
from wxshop.chapters.new_platforms.spec import SPEC
from wxshop.params import ParameterError

ROOT = Path(__file__).resolve().parent.parent


def test_combinations_are_the_product_of_the_values():
    combos = sweep.combinations("new_platforms", ["budget=50000,200000", "case=low,mid,high"])
    assert len(combos) == 6 and combos[0] == {"budget": 50000, "case": "low"}


@pytest.mark.parametrize("args, piece", [
    (["budget=50000,-1"], "combination budget=-1 is not allowed"),
    (["case=low,extreme"], "'case' = 'extreme'"),
    (["nosuch=1"], "unknown parameter 'nosuch'"),
    (["budget"], "not of the form parameter=v1,v2"),
    (["budget=1", "budget=2"], "given twice"),
])
def test_an_invalid_combination_is_named_before_anything_runs(args, piece):
    with pytest.raises(ParameterError, match=piece.replace("(", r"\(").replace(")", r"\)")):
        sweep.combinations("new_platforms", args)


def test_each_row_holds_the_chapters_declared_headline_values():
    rows = sweep.sweep("new_platforms", ["budget=20000,480000", "objective=reach,conversions"], progress=False)
    assert len(rows) == 4
    for row in rows:
        p = SPEC.validate(budget=row["budget"], objective=row["objective"])
        best = model.best_share(wiring.chosen_curve(p), p["objective"])
        assert row["best_share_text"] == best["koc_share"]
        assert row["best_total_text"] == pytest.approx(best[p["objective"]])
    assert {f.key for f in wiring.headlines(SPEC.defaults()) if f.value is not None} <= set(rows[0])


@pytest.mark.slow
def test_nine_hundred_combinations_run_directly_without_notebooks():
    started = time.perf_counter()
    budgets = ",".join(str(20_000 * k) for k in range(1, 26))
    rows = sweep.sweep("new_platforms", [f"budget={budgets}", "case=low,mid,high", "objective=reach,engagements,conversions",
                                         "kol_trust=0.3,0.5,0.7,0.9"], progress=False)
    assert len(rows) == 25 * 3 * 3 * 4
    print(f"{len(rows)} combinations in {time.perf_counter() - started:.1f} s")


@pytest.mark.slow
def test_the_command_line_writes_a_csv_and_exits_2_on_a_bad_combination(tmp_path):
    out = tmp_path / "sweep.csv"
    good = subprocess.run([sys.executable, "-m", "wxshop.sweep", "wechat_shop", "share=0.1,0.5", "capture=0.1,0.3",
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert good.returncode == 0, good.stderr
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and {"share", "capture", "mp_increment_text", "fw_cumulative_text"} <= set(rows[0])
    # 1.6万亿 x 50% x 5% = 400亿 (the 2020 figure, by hand)
    assert [float(r["mp_increment_text"]) for r in rows if r["share"] == "0.5"] == [pytest.approx(400e8)] * 2
    assert "4 combinations" in good.stdout
    bad = subprocess.run([sys.executable, "-m", "wxshop.sweep", "wechat_shop", "share=0.1,1.5"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and "share=1.5" in bad.stderr and "'share' = 1.5" in bad.stderr


@pytest.mark.notebook
def test_notebook_runs_give_the_same_figures_as_the_direct_computation(tmp_path):
    rows = sweep.sweep("new_platforms", ["budget=50000,300000"], notebooks=True, timeout=300, progress=False)
    assert len(rows) == 2
    for budget in (50000, 300000):
        executed = ROOT / "_build" / "sweeps" / "new_platforms" / f"budget={budget}.ipynb"
        glued = sweep.glued_texts(executed)
        p = SPEC.validate(budget=budget)
        best = model.best_share(wiring.chosen_curve(p), p["objective"])
        assert glued["best_share_text"] == units.format_percent(best["koc_share"], 0)
        assert glued["budget_text"] == units.format_yuan(budget)
