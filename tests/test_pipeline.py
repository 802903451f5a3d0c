"""The build pipeline end to end, in a copy of the repository: execute, cache, override, fail safely."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from conftest import copy_repo

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "notebooks/new_platforms"


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wxshop.build", "book", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=root, timeout=900)


def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def chapter_text(root: Path) -> str:
    return (root / "_build" / "html" / f"{CHAPTER}.html").read_text(encoding="utf-8")


def chart_spec(html: str) -> dict:
    start = html.index("var spec = ") + len("var spec = ")
    return json.JSONDecoder().raw_decode(html[start:].replace("<\\/", "</"))[0]


def add_cell(root: Path, source: str) -> None:
    path = root / f"{CHAPTER}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(source))
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A repository copy with one good build, shared by the failure tests (each restores what it breaks)."""
    root = copy_repo(tmp_path_factory.mktemp("built") / "repo")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_the_chapter_executes_into_the_stage_and_never_over_the_source(built):
    source = nbformat.read(built / f"{CHAPTER}.ipynb", as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in source.cells if c.cell_type == "code")
    staged = nbformat.read(built / "_build" / "stage" / f"{CHAPTER}.ipynb", as_version=4)
    assert any(c.get("outputs") for c in staged.cells if c.cell_type == "code")
    assert "widgets" not in staged.metadata
    injected = [c for c in staged.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert all("remove-cell" in c.metadata["tags"] for c in injected)


def test_a_rebuild_with_nothing_changed_executes_nothing(built):
    result = build(built)
    assert result.returncode == 0, result.stderr
    assert "notebooks: 0 executed" in result.stdout and "executed new_platforms" not in result.stdout
    assert "Sphinx not run" in result.stdout


def test_a_changed_notebook_is_the_only_one_re_executed(built):
    other = built / "notebooks" / "exhibit_register.ipynb"
    original = other.read_bytes()
    try:
        nb = nbformat.read(other, as_version=4)
        nb.cells[0].source += "\n\n（测试）"
        nbformat.write(nb, other)
        result = build(built)
    finally:
        other.write_bytes(original)
    assert result.returncode == 0, result.stderr
    assert "executed exhibit_register" in result.stdout and "executed new_platforms" not in result.stdout
    assert "（测试）" in (built / "_build" / "html" / "notebooks" / "exhibit_register.html").read_text(encoding="utf-8")


def test_an_override_changes_the_published_chapter(built):
    before = chart_spec(chapter_text(built))
    result = build(built, "--params", "new_platforms.budget=200000 new_platforms.case=high")
    assert result.returncode == 0, result.stderr
    assert "executed new_platforms" in result.stdout
    after_html = chapter_text(built)
    after = chart_spec(after_html)
    assert before["params"] != after["params"]
    assert {p["name"]: p["value"] for p in after["params"]} == {"budget": 200000.0, "scenario": "high"}
    assert "20万元" in after_html and "高值情形" in after_html
    # Back to the defaults for the other tests.
    assert build(built).returncode == 0


def test_take_rate_overrides_change_chapter_three_and_nothing_else(built):
    import re

    from wxshop import data, units
    from wxshop.models import take_rate, wechat_fees

    result = build(built, "--params", "omnichannel.case=high omnichannel.shift_pp=1 omnichannel.rate_douyin=0.03 "
                                      "omnichannel.miniprogram_gmv=20000 omnichannel.share=0.5 omnichannel.fee_rate=0.02")
    assert result.returncode == 0, result.stderr
    assert "executed omnichannel" in result.stdout and "executed new_platforms" not in result.stdout
    page = (built / "_build" / "html" / "notebooks" / "omnichannel.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    rates = take_rate.rates_from_table(data.load("take_rate_cases"))["high"] | {"抖音": 0.03}
    table = take_rate.revenue_table(take_rate.gmv_from_table(data.load("platform_gmv_2023")), rates, 1)
    assert f"合计 {units.format_yi(table['revenue'].sum(), '元', 1)}" in text
    assert "抖音 880亿元（费率 4%）" in text  # 2.2万亿 x (3% + 1个百分点) = 880亿, by hand
    # 2万亿 x 50% x 2% = 200亿
    assert wechat_fees.incremental_fee_revenue(2e12, 0.5, 0.02) == 200e8 and "新增费用收入约 200亿元" in text
    assert "分析者设定（2万亿元）" in text
    assert build(built).returncode == 0


def test_a_data_change_re_executes_the_chapter(built):
    notes = built / "data" / "CONVENTIONS.md"
    original = notes.read_text(encoding="utf-8")
    try:
        notes.write_text(original + "\n<!-- edited -->\n", encoding="utf-8")
        result = build(built)
    finally:
        notes.write_text(original, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "executed new_platforms" in result.stdout and "notebooks: 0 executed" not in result.stdout


def test_a_raising_cell_fails_the_build_and_keeps_the_old_site(built):
    site = built / "_build" / "html"
    before = fingerprint(site)
    source = built / f"{CHAPTER}.ipynb"
    original = source.read_bytes()
    try:
        add_cell(built, "raise RuntimeError('deliberate failure for the test')")
        result = build(built)
    finally:
        source.write_bytes(original)
    assert result.returncode == 1
    assert "notebook new_platforms" in result.stderr
    assert "RuntimeError: deliberate failure for the test" in result.stderr
    assert "cell" in result.stderr
    assert fingerprint(site) == before


def test_a_bad_data_file_fails_the_build_naming_file_line_and_column(built):
    site = built / "_build" / "html"
    before = fingerprint(site)
    csv = built / "data" / "koc_kol_cases.csv"
    original = csv.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    lines[3] = lines[3].replace(",0.05,", ",five percent,", 1)
    try:
        csv.write_text("".join(lines), encoding="utf-8")
        result = build(built)
    finally:
        csv.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "data/koc_kol_cases.csv, line 4, column 'value': expected a number; got 'five percent'" in result.stderr
    assert fingerprint(site) == before


def test_a_hung_kernel_is_killed_retried_once_and_reported(built):
    site = built / "_build" / "html"
    before = fingerprint(site)
    source = built / f"{CHAPTER}.ipynb"
    original = source.read_bytes()
    started = time.time()
    try:
        add_cell(built, "import time\ntime.sleep(600)")
        result = build(built, "--timeout", "8")
    finally:
        source.write_bytes(original)
    assert result.returncode == 1
    assert "retrying once" in result.stdout
    assert "no result within 8 s" in result.stderr and "after one retry" in result.stderr
    assert fingerprint(site) == before
    kernels = [p for p in psutil.process_iter(["cmdline", "create_time"])
               if p.info["create_time"] >= started and "ipykernel_launcher" in " ".join(p.info["cmdline"] or [])]
    assert kernels == []
