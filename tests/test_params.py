"""Chapter parameters: book-wide overrides and direct papermill runs fail clearly on bad input."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wxshop import chapters, params
from wxshop.build import toc
from wxshop.params import ParameterError

ROOT = Path(__file__).resolve().parent.parent
SPECS = chapters.specs(list(toc.notebooks(ROOT)))


def validate(chapter: str, **values):
    return chapters.spec(chapter).validate(**values)


def test_defaults_are_valid():
    checked = validate("new_platforms")
    assert checked["budget"] == 100_000 and checked["case"] == "mid"


@pytest.mark.parametrize("chapter, values, pieces", [
    ("new_platforms", {"budget": -5}, ["'new_platforms'", "'budget'", "-5", "> 0"]),
    ("new_platforms", {"budget": 0}, ["'budget'", "= 0", "> 0"]),
    ("new_platforms", {"budget": "lots"}, ["'budget'", "'lots'", "a number"]),
    ("new_platforms", {"budget": 2e9}, ["'budget'", "2000000000.0", "<= 1e+09"]),
    ("new_platforms", {"case": "extreme"}, ["'case'", "'extreme'", "'low', 'mid', 'high'"]),
    ("new_platforms", {"koc_engagement_rate": 5}, ["'koc_engagement_rate'", "5", "<= 1"]),
    ("new_platforms", {"kol_followers": True}, ["'kol_followers'", "True"]),
    ("new_platforms", {"share_step": 0.3}, ["'share_step'", "0.3", "divides 1"]),
    ("new_platforms", {"budgett": 5}, ["unknown parameter 'budgett'", "budget, case"]),
    ("new_platforms", {"objective": "profit"}, ["'objective' = 'profit'", "'reach', 'engagements', 'conversions'"]),
    ("new_platforms", {"kol_trust": 1.5}, ["'kol_trust' = 1.5", "<= 1"]),
    ("new_platforms", {"koc_pool": 0}, ["'koc_pool' = 0", "> 0"]),
    ("omnichannel", {"rate_douyin": 1.5}, ["'omnichannel'", "'rate_douyin' = 1.5", ">= 0 and <= 1"]),
    ("omnichannel", {"rate_pdd": -0.01}, ["'rate_pdd' = -0.01", ">= 0 and <= 1"]),
    ("wechat_shop", {"share": 1.2}, ["'wechat_shop'", "'share' = 1.2", ">= 0 and <= 1"]),
    ("wechat_shop", {"fee_rate": -0.05}, ["'fee_rate' = -0.05", ">= 0 and <= 1"]),
    ("omnichannel", {"taotian_exempt_share": 2}, ["'taotian_exempt_share' = 2", "<= 1"]),
    ("omnichannel", {"gmv_kuaishou": -100}, ["'gmv_kuaishou' = -100", ">= 0"]),
    ("wechat_shop", {"miniprogram_gmv": -1}, ["'miniprogram_gmv' = -1", ">= 0"]),
    ("wechat_shop", {"miniprogram_year": 2021}, ["'miniprogram_year' = 2021", "<= 2020"]),
    ("wechat_shop", {"capture": 1.5}, ["'capture' = 1.5", ">= 0 and <= 1"]),
    ("wechat_shop", {"boost": 6}, ["'boost' = 6", "<= 5"]),
    ("wechat_shop", {"months": 36}, ["'months' = 36", "<= 24"]),
    ("wechat_shop", {"months": 12.5}, ["'months' = 12.5", "integer"]),
    ("wechat_shop", {"public_gmv": 0}, ["'public_gmv' = 0", "> 0"]),
    ("wechat_shop", {"attempt": "尝试一"}, ["'attempt' = '尝试一'", "'all', 'self', 'invest', 'wechat'"]),
    ("omnichannel", {"shift_pp": -3}, ["'shift_pp' = -3", ">= -0.5"]),
    ("omnichannel", {"rate_kuaishou": 0.002, "shift_pp": -0.4}, ["'shift_pp' = -0.4", "rate_kuaishou = 0.002", "within 0–1"]),
    ("omnichannel", {"case": "base"}, ["'case' = 'base'", "'low', 'mid', 'high'"]),
])
def test_bad_values_name_the_notebook_parameter_value_and_what_is_allowed(chapter, values, pieces):
    with pytest.raises(ParameterError) as caught:
        validate(chapter, **values)
    for piece in pieces:
        assert piece in str(caught.value)


def test_the_take_rate_chapters_defaults_are_valid():
    checked = validate("omnichannel")
    assert checked["case"] == "mid" and checked["shift_pp"] == 0 and checked["rate_douyin"] is None


def test_the_wechat_shop_chapters_defaults_are_valid():
    checked = validate("wechat_shop")
    assert checked["fee_rate"] == 0.05 and checked["miniprogram_year"] == 2020 and checked["share"] == 0.1
    assert checked["attempt"] == "all" and checked["months"] == 24 and checked["miniprogram_gmv"] is None


def test_overrides_are_parsed_and_typed():
    parsed = params.parse_overrides("new_platforms.budget=200000, new_platforms.case=high "
                                    "new_platforms.koc_followers=None", SPECS)
    assert parsed == {"new_platforms": {"budget": 200_000, "case": "high", "koc_followers": None}}


@pytest.mark.parametrize("text, piece", [
    ("koc_kol.budget=1", "unknown notebook 'koc_kol'"),
    ("new_platforms.budget", "notebook.parameter=value"),
    ("budget=5", "notebook.parameter=value"),
    ("new_platforms.budget=-1", "'budget' = -1"),
])
def test_bad_overrides_fail(text, piece):
    with pytest.raises(ParameterError) as caught:
        params.parse_overrides(text, SPECS)
    assert piece in str(caught.value)


def run_build(*args: str, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wxshop.build", "book", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.pipeline
@pytest.mark.parametrize("override, pieces", [
    ("new_platforms.budget=-5", ["notebook 'new_platforms'", "'budget' = -5", "> 0"]),
    ("new_platforms.case=extreme", ["'case' = 'extreme'", "'low', 'mid', 'high'"]),
    ("nosuch.budget=1", ["unknown notebook 'nosuch'", "new_platforms"]),
    ("new_platforms.bogus=1", ["unknown parameter 'bogus'"]),
    ("wechat_shop.share=1.5", ["notebook 'wechat_shop'", "'share' = 1.5", "<= 1"]),
    ("omnichannel.share=0.3", ["notebook 'omnichannel'", "unknown parameter 'share'"]),
    ("omnichannel.rate_douyin=2", ["'rate_douyin' = 2", "<= 1"]),
])
def test_make_book_rejects_a_bad_override_before_any_kernel_starts(repo_copy, override, pieces):
    result = run_build("--params", override, root=repo_copy)
    assert result.returncode == 2
    for piece in pieces:
        assert piece in result.stderr
    assert "[2/5]" not in result.stdout  # stopped before data, kernels and Sphinx
    assert not (repo_copy / "_build").exists()


@pytest.mark.notebook
@pytest.mark.parametrize("notebook, values, message", [
    ("new_platforms", {"budget": -5}, "notebook 'new_platforms': parameter 'budget' = -5 is not allowed"),
    ("wechat_shop", {"share": 1.5}, "notebook 'wechat_shop': parameter 'share' = 1.5 is not allowed"),
    ("omnichannel", {"rate_pdd": 2}, "notebook 'omnichannel': parameter 'rate_pdd' = 2 is not allowed"),
])
def test_a_direct_papermill_run_fails_with_the_same_message(tmp_path, notebook, values, message):
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as caught:
        pm.execute_notebook(str(ROOT / "notebooks" / f"{notebook}.ipynb"), str(tmp_path / "out.ipynb"),
                            parameters=values, kernel_name="python3", progress_bar=False,
                            cwd=str(ROOT / "notebooks"))
    assert caught.value.ename == "ParameterError"
    assert message in caught.value.evalue
    # The error comes from the validation cell right after the parameters cells, before any model cell.
    import nbformat

    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    code = [c for c in executed.cells if c.cell_type == "code"]
    failing = next(i for i, c in enumerate(code) if any(o.get("output_type") == "error" for o in c.outputs))
    assert "injected-parameters" in code[failing - 1].metadata.get("tags", [])
    assert "ch.parameters(globals())" in code[failing].source
