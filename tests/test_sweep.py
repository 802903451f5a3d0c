"""Scenario sweeps: a DataFrame of the chapters' headline figures, checked first, the same on a Dask cluster."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wxshop import chapters, data, units
from wxshop.chapters.new_platforms import model
from wxshop.chapters.new_platforms.spec import SPEC
from wxshop.params import ParameterError
from wxshop.sweep import SweepError, columns, describe, grid, notebooks, run, sweep

ROOT = Path(__file__).resolve().parent.parent


def creators(case: str, p: dict) -> tuple[model.Creator, model.Creator]:
    """The case's KOC and KOL read straight from data/koc_kol_cases.csv (not through the chapter's wiring)."""
    table = pd.read_csv(ROOT / "data" / "koc_kol_cases.csv")
    pair = []
    for who, pool, rate in (("KOC", p["koc_pool"], p["conversion_rate"]),
                            ("KOL", p["kol_pool"], p["conversion_rate"] * p["kol_trust"])):
        rows = table[(table["case"] == case) & (table["creator"] == who)].set_index("parameter")["value"]
        pair.append(model.Creator(float(rows["cost_per_post"]), float(rows["followers"]),
                                  float(rows["engagement_rate"]), pool, rate))
    return pair[0], pair[1]


# --------------------------------------------------------------------------- the DataFrame

def test_a_sweep_is_a_dataframe_of_the_chapters_figures_in_their_units():
    df = sweep("new_platforms", budget=[50_000, 480_000], case=["low", "high"], objective=["reach", "conversions"])
    assert isinstance(df, pd.DataFrame) and len(df) == 8
    assert list(df[["budget", "case", "objective"]].itertuples(index=False, name=None))[:3] == [
        (50_000.0, "low", "reach"), (50_000.0, "low", "conversions"), (50_000.0, "high", "reach")]
    assert df["budget"].dtype == "float64" and df["best_share_ratio"].dtype == "float64"
    assert list(df["case"].cat.categories) == ["low", "mid", "high"]
    for row in df.itertuples():
        p = SPEC.validate(budget=row.budget, case=row.case, objective=row.objective)
        koc, kol = creators(row.case, p)
        shares = [i / 20 for i in range(21)]
        totals = [model.allocate(row.budget, s, koc, kol)[row.objective] for s in shares]
        best = max(range(21), key=lambda i: (totals[i], -i))  # most; the lower share on a tie
        assert row.best_share_ratio == pytest.approx(shares[best])
        assert row.best_total == pytest.approx(totals[best])
        assert row.all_koc == pytest.approx(totals[-1]) and row.all_kol == pytest.approx(totals[0])
        assert row.budget_yuan == row.budget
    meta = df.attrs["columns"]
    assert meta["best_share_ratio"] == {"kind": "figure", "key": "best_share_text", "label": "最佳 KOC 预算占比",
                                        "unit": "比率"}
    assert meta["best_total"]["unit"] == "人|笔"  # reach counts people, conversions orders: the unit follows the row
    assert meta["budget"]["kind"] == "parameter" and meta["budget"]["unit"] == "元"
    assert "case_text" not in df and "objective_figure" not in df  # the prose's echo of a parameter is not repeated
    assert set(describe(df)["column"]) == set(df.columns)


def test_wechat_fee_income_is_gmv_times_share_times_fee_and_dates_are_dates():
    df = sweep("wechat_shop", share=np.array([0.1, 0.5]), fee_rate=(0.03, 0.05), miniprogram_year=range(2019, 2021))
    gmv = pd.read_csv(ROOT / "data" / "wechat_miniprogram_gmv.csv").set_index("year")["value"]
    assert len(df) == 8
    for row in df.itertuples():
        assert row.mp_increment_yuan == pytest.approx(gmv[row.miniprogram_year] * row.share * row.fee_rate)
        assert row.mp_moved_yuan == pytest.approx(gmv[row.miniprogram_year] * row.share)
    assert df["miniprogram_year"].dtype == "Int64"
    assert df["grey_19"].iloc[0] == pd.Timestamp(2024, 12, 19)  # the report's date, not 20241219.0
    assert pd.api.types.is_datetime64_any_dtype(df["grey_19"]) and df["paipai_launch"].iloc[0] == pd.Timestamp(2005, 9, 12)
    assert df["paipai_prep"].iloc[0] == pd.Period("2005-09", freq="M")
    assert df["users_when"].iloc[0] == pd.Period("2007Q2", freq="Q")
    assert df["mp_series"].dtype == "string" and "万亿元" in df["mp_series"].iloc[0]  # a phrase the prose needs
    assert not [c for c in df if c.endswith("_text")]


def test_texts_are_added_only_when_asked_and_read_as_the_prose_does():
    df = sweep("new_platforms", budget=[200_000], texts=True)
    assert df["budget_yuan_text"].iloc[0] == units.format_yuan(200_000) == "20万元"
    assert df["best_share_ratio_text"].iloc[0] == units.format_percent(df["best_share_ratio"].iloc[0], 0)


@pytest.mark.parametrize("stem", chapters.names())
def test_every_numeric_figure_of_every_chapter_has_a_unit_with_a_column_name(stem):
    wiring = importlib.import_module(f"wxshop.chapters.{stem}.wiring")
    units_of = getattr(wiring, "HEADLINE_UNITS", {})
    figures = wiring.headlines(chapters.spec(stem).defaults())
    keys = {f.key for f in figures}
    assert set(units_of) <= keys, f"HEADLINE_UNITS names figures that {stem} does not declare"
    for figure in figures:
        unit = figure.unit or units_of.get(figure.key, "")
        if figure.value is None or (isinstance(figure.value, str) and unit != columns.DATE):
            continue
        assert unit, f"{stem}: figure {figure.key!r} ({figure.text}) has a value but no unit"
        columns.unit_suffix(unit)  # KeyError: a unit the column names cannot spell
    df = sweep(stem)
    names = [c for c, m in df.attrs["columns"].items() if m["kind"] == "figure"]
    assert len(names) == len(set(names)) and len(df) == 1


def test_sweep_keywords_do_not_shadow_any_chapters_parameter():
    keywords = {"scenarios", "jobs", "scheduler", "notebooks", "timeout", "texts", "errors", "progress",
                "notebook_dir"}
    for stem in chapters.names():
        assert not keywords & set(chapters.spec(stem).by_name()), stem


# --------------------------------------------------------------------------- checked before anything runs

@pytest.mark.parametrize("axes, piece", [
    ({"budget": [50_000, -1]}, "scenario budget=-1 is not allowed: notebook 'new_platforms': parameter 'budget' = -1"),
    ({"case": ["low", "extreme"]}, "'case' = 'extreme' is not allowed; expected one of 'low', 'mid', 'high'"),
    ({"nosuch": 1}, "unknown parameter 'nosuch'"),
    ({"budget": []}, "parameter 'budget' has no values to sweep"),
    ({"share_step": [0.05, 0.3]}, "expected a step that divides 1 evenly"),
])
def test_a_bad_scenario_is_named_with_the_builds_message_before_anything_runs(monkeypatch, axes, piece):
    monkeypatch.setattr(run, "figures_of", lambda *_: pytest.fail("a scenario ran before the grid was checked"))
    with pytest.raises(ParameterError) as caught:
        sweep("new_platforms", **axes)
    assert piece in str(caught.value)


def test_the_message_is_the_builds_own():
    from wxshop.params import parse_overrides

    with pytest.raises(ParameterError) as built:
        parse_overrides("new_platforms.budget=-1", {"new_platforms": SPEC})
    with pytest.raises(ParameterError) as swept:
        sweep("new_platforms", budget=[-1])
    assert str(built.value) in str(swept.value)


def test_numpy_values_are_checked_as_python_values():
    df = sweep("wechat_shop", months=np.arange(12, 25, 6), share=np.float64(0.2))
    assert list(df["months"]) == [12, 18, 24] and set(df["share"]) == {0.2}
    with pytest.raises(ParameterError, match="'months' = 25"):
        sweep("wechat_shop", months=np.array([24, 25]))


def test_a_count_of_bad_scenarios_is_given():
    with pytest.raises(ParameterError, match=r"^scenario budget=2000000000,case=low is not allowed: .*"
                                             r"\(3 of 6 scenarios are not allowed\)$"):
        sweep("new_platforms", budget=[1, 2e9], case=["low", "mid", "high"])


def test_command_line_axes():
    assert grid.parse_axes(["budget=20000:100000:5", "case=low,high"]) == {
        "budget": [20000, 40000, 60000, 80000, 100000], "case": ["low", "high"]}
    assert grid.parse_axes(["share=0:1:3"])["share"] == [0, 0.5, 1]
    for bad, piece in (("budget", "not of the form"), ("budget=1:2:x", "two numbers and a whole count")):
        with pytest.raises(ParameterError, match=piece):
            grid.parse_axes([bad])
    with pytest.raises(ParameterError, match="given twice"):
        grid.parse_axes(["budget=1", "budget=2"])


# --------------------------------------------------------------------------- failures and parallel runs

def test_a_failing_scenario_is_reported_with_its_parameters_and_the_others_are_kept():
    # The spec allows a conversion rate up to 100%, the model refuses one that a 30% uplift would push past it.
    with pytest.raises(SweepError) as caught:
        sweep("ai_efficiency", conversion_rate=[0.02, 0.9, 0.05], jobs=1)
    error = caught.value
    assert "1 of 3 scenarios of ai_efficiency failed" in str(error)
    assert "conversion_rate=0.9: ValueError: conversion_rate 0.9 raised by 30% exceeds 100%" in str(error)
    assert error.failures == [({"conversion_rate": 0.9}, "ValueError: conversion_rate 0.9 raised by 30% exceeds 100%")]
    kept = error.frame
    assert kept["mod_ai_yuan"].notna().tolist() == [True, False, True]
    assert kept["error"].isna().tolist() == [True, False, True]
    alone = sweep("ai_efficiency", conversion_rate=[0.02, 0.05], jobs=1)
    pd.testing.assert_frame_equal(kept.drop(index=1, columns="error").reset_index(drop=True), alone,
                                  check_like=False)
    keep = sweep("ai_efficiency", conversion_rate=[0.02, 0.9], errors="keep", jobs=1)
    assert keep["error"].notna().tolist() == [False, True]


@pytest.mark.slow  # a pool of processes
def test_local_processes_give_exactly_the_frame_of_one_process():
    axes = dict(budget=range(20_000, 200_001, 20_000), case=["low", "mid", "high"], objective=["reach", "engagements"])
    pd.testing.assert_frame_equal(sweep("new_platforms", jobs=2, **axes), sweep("new_platforms", jobs=1, **axes))


def test_chunks_cover_every_scenario_once():
    for count, workers in ((1, 2), (10, 2), (10_000, 2), (7, 100)):
        ranges = run.chunks(count, workers)
        assert [i for lo, hi in ranges for i in range(lo, hi)] == list(range(count))


def test_data_is_looked_at_once_while_a_sweep_runs(monkeypatch):
    calls = []
    original = data._file_stamp
    monkeypatch.setattr(data, "_file_stamp", lambda folder: calls.append(folder) or original(folder))
    with data.frozen():
        for _ in range(5):
            data.load("koc_kol_cases")
    assert len(calls) == 1
    data.load("koc_kol_cases")
    assert len(calls) == 2  # outside a sweep every load looks again (an edit in a live session is seen)


# --------------------------------------------------------------------------- the command line

@pytest.mark.slow
def test_the_command_line_writes_csv_or_parquet_and_exits_2_on_a_bad_scenario(tmp_path):
    csv_out, parquet_out = tmp_path / "sweep.csv", tmp_path / "sweep.parquet"
    for out in (csv_out, parquet_out):
        done = subprocess.run([sys.executable, "-m", "wxshop.sweep", "wechat_shop", "share=0.1,0.5", "capture=0.1,0.3",
                               "--out", str(out), "--no-progress"], capture_output=True, text=True, cwd=ROOT,
                              timeout=180)
        assert done.returncode == 0, done.stderr
        assert "4 scenarios" in done.stdout
    rows = pd.read_csv(csv_out)
    assert len(rows) == 4 and {"share", "capture", "mp_increment_yuan", "fw_cumulative_yuan"} <= set(rows)
    # 1.6万亿 x 50% x 5% = 400亿 (the 2020 figure, by hand)
    assert rows.loc[rows["share"] == 0.5, "mp_increment_yuan"].tolist() == [pytest.approx(400e8)] * 2
    assert rows["grey_19"].iloc[0] == "2024-12-19"
    back = pd.read_parquet(parquet_out)
    assert back.attrs["columns"]["mp_increment_yuan"]["label"] == "新增费用收入"
    assert back["grey_19"].iloc[0] == pd.Timestamp(2024, 12, 19)
    bad = subprocess.run([sys.executable, "-m", "wxshop.sweep", "wechat_shop", "share=0.1,1.5"],
                         capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert bad.returncode == 2 and "share=1.5" in bad.stderr and "'share' = 1.5" in bad.stderr


@pytest.mark.slow
def test_the_command_line_keeps_the_other_scenarios_when_one_fails(tmp_path):
    out = tmp_path / "sweep.csv"
    done = subprocess.run([sys.executable, "-m", "wxshop.sweep", "ai_efficiency", "conversion_rate=0.02,0.9",
                           "--out", str(out), "--no-progress"], capture_output=True, text=True, cwd=ROOT, timeout=180)
    assert done.returncode == 1 and "conversion_rate=0.9: ValueError" in done.stderr
    rows = pd.read_csv(out)
    assert rows["mod_ai_yuan"].notna().tolist() == [True, False] and rows["error"].notna().tolist() == [False, True]


# --------------------------------------------------------------------------- Dask

@pytest.fixture(scope="module")
def cluster():
    """A Dask LocalCluster: two worker processes on loopback only, no dashboard."""
    distributed = pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.worker.daemon": False}):  # notebook runs start their own processes
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      dashboard_address=None) as found:
            yield found


@pytest.mark.slow
def test_a_sweep_on_a_dask_cluster_gives_exactly_the_local_frame(cluster, monkeypatch):
    axes = dict(budget=[50_000, 200_000, 480_000], case=["low", "mid", "high"], objective=["reach", "conversions"])
    local = sweep("new_platforms", jobs=1, **axes)
    remote = sweep("new_platforms", scheduler=cluster.scheduler_address, progress=False, **axes)
    assert _chunks_run(cluster) > 0
    pd.testing.assert_frame_equal(remote, local)
    assert remote.attrs == local.attrs
    ran = _chunks_run(cluster)
    monkeypatch.setenv(run.SCHEDULER_ENV, cluster.scheduler_address)  # the environment names the scheduler too
    from_env = sweep("wechat_shop", share=[0.1, 0.3], churn=[0.02, 0.1], progress=False)
    assert _chunks_run(cluster) > ran
    monkeypatch.delenv(run.SCHEDULER_ENV)
    pd.testing.assert_frame_equal(from_env, sweep("wechat_shop", share=[0.1, 0.3], churn=[0.02, 0.1], jobs=1))


def _chunks_run(cluster) -> int:
    """How many chunks the cluster's scheduler has seen (it runs in this process)."""
    prefix = cluster.scheduler.task_prefixes.get("evaluate_chunk")
    return 0 if prefix is None else sum(prefix.state_counts.values())


@pytest.mark.slow
def test_a_failure_on_the_cluster_is_reported_with_its_parameters_and_loses_nothing(cluster):
    with pytest.raises(SweepError) as caught:
        sweep("ai_efficiency", conversion_rate=[0.02, 0.9, 0.05], scheduler=cluster.scheduler_address, progress=False)
    assert caught.value.failures == [({"conversion_rate": 0.9},
                                      "ValueError: conversion_rate 0.9 raised by 30% exceeds 100%")]
    local = sweep("ai_efficiency", conversion_rate=[0.02, 0.9, 0.05], jobs=1, errors="keep")
    pd.testing.assert_frame_equal(caught.value.frame, local)


@pytest.mark.slow
def test_a_worker_with_another_checkout_refuses_the_chunk(cluster):
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:
        future = client.submit(run.evaluate_chunk, "new_platforms", 0, [SPEC.defaults()], False, "0" * 64)
        with pytest.raises(RuntimeError, match="differ from the submitting checkout"):
            future.result()


NOTEBOOK_AXES = {"budget": [50_000, 300_000]}


@pytest.fixture(scope="module")
def notebook_sweep(tmp_path_factory):
    """The chapter's notebook run for each scenario on this machine (papermill, a kernel per scenario): its
    frame and the folder of the executed notebooks. Shared by the two tests below (each run costs a kernel)."""
    folder = tmp_path_factory.mktemp("notebook-sweep")
    df = sweep("new_platforms", notebooks=True, timeout=300, progress=False, notebook_dir=folder, **NOTEBOOK_AXES)
    return df, folder


@pytest.mark.notebook
def test_notebook_runs_give_the_same_figures_as_the_direct_computation(notebook_sweep):
    df, folder = notebook_sweep
    assert len(df) == 2
    direct = sweep("new_platforms", jobs=1, progress=False, **NOTEBOOK_AXES)
    pd.testing.assert_frame_equal(df, direct)  # the same figures, whether a kernel or the functions computed them
    for budget in NOTEBOOK_AXES["budget"]:
        glued = notebooks.glued_texts(json.loads((folder / f"budget={budget}.ipynb").read_text()))
        row = df[df["budget"] == budget].iloc[0]
        assert glued["best_share_text"] == units.format_percent(row["best_share_ratio"], 0)
        assert glued["budget_text"] == units.format_yuan(budget)


@pytest.mark.notebook
@pytest.mark.slow
def test_notebook_runs_on_the_cluster_match_the_local_ones(cluster, notebook_sweep, tmp_path):
    local, local_dir = notebook_sweep
    remote = sweep("new_platforms", notebooks=True, progress=False, scheduler=cluster.scheduler_address,
                   notebook_dir=tmp_path, **NOTEBOOK_AXES)
    pd.testing.assert_frame_equal(remote, local)
    for budget in NOTEBOOK_AXES["budget"]:
        name = f"budget={budget}.ipynb"
        texts = [notebooks.glued_texts(json.loads((side / name).read_text())) for side in (tmp_path, local_dir)]
        assert texts[0] == texts[1] and texts[0]


def test_a_long_label_gets_a_short_file_name():
    assert notebooks.file_name({"budget": 1}) == "budget=1.ipynb"
    long = notebooks.file_name({f"p{i}": 1.23456789 for i in range(20)})
    assert long.startswith("scenario-") and len(long) < 40
