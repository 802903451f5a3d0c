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

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "notebooks/new_platforms"


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wxshop.build", "book", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=root, timeout=900)


def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def chapter_text(root: Path, site: Path | None = None) -> str:
    return ((site or root / "_build" / "html") / f"{CHAPTER}.html").read_text(encoding="utf-8")


def scenario_site(root: Path, result: subprocess.CompletedProcess) -> Path:
    """Where a build with parameters published its site (it says so): its own folder under _build/scenarios/."""
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("Site: "))
    site = Path(line.removeprefix("Site: ")).parent
    assert site.parent.parent == root / "_build" / "scenarios", site
    return site


def chart_spec(html: str) -> dict:
    start = html.index('<script type="application/json" class="wxshop-spec">')
    start = html.index(">", start) + 1
    return json.loads(html[start:html.index("</script>", start)].replace("<\\/", "</"))


def control_values(html: str) -> dict[str, str]:
    """The reader's controls as the page first shows them: data-signal -> value (or the selected option)."""
    import re

    values = {m.group(1): m.group(2) for m in re.finditer(r'data-signal="(\w+)"[^>]*? value="([^"]*)"', html)}
    for name, options in re.findall(r'<select id="[^"]*" data-signal="(\w+)"[^>]*>(.*?)</select>', html):
        values[name] = re.search(r'<option value="([^"]*)" selected>', options).group(1)
    return values


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
    """The source notebook keeps no outputs; the staged copy has them, without papermill's timings."""
    source = nbformat.read(built / f"{CHAPTER}.ipynb", as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in source.cells if c.cell_type == "code")
    staged = nbformat.read(built / "_build" / "stage" / f"{CHAPTER}.ipynb", as_version=4)
    assert any(c.get("outputs") for c in staged.cells if c.cell_type == "code")
    assert "widgets" not in staged.metadata and "papermill" not in staged.metadata
    assert all("papermill" not in c.metadata and "execution" not in c.metadata for c in staged.cells)
    injected = [c for c in staged.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert all("remove-cell" in c.metadata["tags"] for c in injected)


def test_a_rebuild_with_nothing_changed_executes_nothing(built):
    result = build(built)
    assert result.returncode == 0, result.stderr
    assert "notebooks: 0 executed" in result.stdout and "executed new_platforms" not in result.stdout
    assert "Sphinx not run" in result.stdout


def edited(path: Path, text: str = "\n# edited for a test\n"):
    """A context manager: ``path`` changed (``text`` appended; for a CSV, appended to the last cell), then restored."""
    import contextlib

    @contextlib.contextmanager
    def manager():
        original = path.read_bytes()
        try:
            if path.suffix == ".csv":  # still a valid table: the last row's last cell (a note) gets longer
                body = original.rstrip(b"\n")
                quoted = body.endswith(b'"')
                changed = (body[:-1] + b"edited\"" if quoted else body + b"edited") + b"\n"
                path.write_bytes(changed)
            else:
                path.write_bytes(original + text.encode())
            yield
        finally:
            path.write_bytes(original)
    return manager()


@pytest.mark.parametrize("changed, runs", [
    ("wxshop/chapters/omnichannel/charts.py", {"omnichannel"}),
    ("wxshop/chapters/new_platforms/charts.py", {"new_platforms"}),
    ("wxshop/chapters/wechat_shop/charts.py", {"wechat_shop"}),
    ("wxshop/units.py", {"wechat_shop", "people_goods_place", "ai_efficiency", "omnichannel", "douyin", "new_platforms"}),
    ("data/koc_kol_cases.csv", {"new_platforms"}),
    ("data/platform_gmv_2023.csv", {"omnichannel"}),
    ("data/wechat_miniprogram_gmv.csv", {"wechat_shop"}),
    ("wxshop/static/book.css", set()),
    ("wxshop/static/table.js", set()),
    ("wxshop/sphinx_ext.py", set()),
])
def test_only_the_chapters_that_depend_on_a_change_re_execute(built, changed, runs):
    path = built / changed
    text = "\n/* edited */\n" if path.suffix in (".css", ".js") else "\n# edited for a test\n"
    with edited(path, text):
        result = build(built)
    assert result.returncode == 0, result.stderr
    executed = {line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("executed ")}
    assert executed == runs
    assert build(built).returncode == 0  # back to the unchanged state for the other tests


def test_an_override_builds_its_own_site_and_leaves_the_default_edition_in_place(built):
    default = fingerprint(built / "_build" / "html")
    before = control_values(chapter_text(built))
    result = build(built, "--params", "new_platforms.case=high new_platforms.budget=200000")
    assert result.returncode == 0, result.stderr
    assert "executed new_platforms" in result.stdout and "executed omnichannel" not in result.stdout
    site = scenario_site(built, result)
    assert site.parent.name == "new_platforms.budget=200000,new_platforms.case=high"  # named by its parameters
    after_html = chapter_text(built, site)
    after = control_values(after_html)
    assert before != after
    assert after == {"budget": "200000", "scenario": "high", "objective": "engagements"}
    assert "20万元" in after_html and "高值情形" in after_html
    assert fingerprint(built / "_build" / "html") == default  # the published edition is untouched
    assert "the default edition" in result.stdout


def test_take_rate_overrides_change_chapter_three_and_nothing_else(built):
    import re

    from wxshop import data, units
    from wxshop.chapters.omnichannel import model as take_rate

    result = build(built, "--params", "omnichannel.case=high omnichannel.shift_pp=1 omnichannel.rate_douyin=0.03")
    assert result.returncode == 0, result.stderr
    assert "executed omnichannel" in result.stdout
    assert "executed new_platforms" not in result.stdout and "executed wechat_shop" not in result.stdout
    page = (scenario_site(built, result) / "notebooks" / "omnichannel.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    rates = take_rate.rates_from_table(data.load("take_rate_cases"))["high"] | {"抖音": 0.03}  # noqa: F841
    table = take_rate.revenue_table(take_rate.gmv_from_table(data.load("platform_gmv_2023")), rates, 1)
    assert f"合计 {units.format_yi(table['revenue'].sum(), '元', 1)}" in text
    assert "抖音 880亿元（费率 4%）" in text  # 2.2万亿 x (3% + 1个百分点) = 880亿, by hand
    assert "新增费用收入" not in text  # the WeChat Shop model lives in chapter 一


def test_wechat_shop_overrides_change_chapter_one_and_nothing_else(built):
    import re

    from wxshop.chapters.wechat_shop import fee_model as wechat_fees

    result = build(built, "--params", "wechat_shop.miniprogram_gmv=20000 wechat_shop.share=0.5 "
                                      "wechat_shop.fee_rate=0.02 wechat_shop.capture=0")
    assert result.returncode == 0, result.stderr
    assert "executed wechat_shop" in result.stdout
    assert "executed omnichannel" not in result.stdout and "executed new_platforms" not in result.stdout
    page = (scenario_site(built, result) / "notebooks" / "wechat_shop.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # 2万亿 x 50% x 2% = 200亿
    assert wechat_fees.incremental_fee_revenue(2e12, 0.5, 0.02) == 200e8 and "新增费用收入约 200亿元" in text
    assert "分析者设定（2万亿元）" in text
    assert "累计多出 0元" in text  # nothing captured: no loop, the baseline


def test_a_change_to_the_report_text_re_executes_every_chapter(built):
    with edited(built / "data" / "report_text.txt", "\n"):
        result = build(built)
    assert result.returncode == 0, result.stderr
    assert "executed new_platforms" in result.stdout and "executed omnichannel" in result.stdout
    assert "executed wechat_shop" in result.stdout
    assert build(built).returncode == 0


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


# --------------------------------------------------------------------------- adding a chapter

THROWAWAY_SPEC = '''"""A throwaway chapter for a pipeline test."""
from wxshop.params import Param, Spec

SPEC = Spec(stem="throwaway", title="五、风险提示", exhibits=(),
            params=(Param("scale", "choice", "a setting", label="设置", choice_default="a", choices=("a", "b")),))
'''
THROWAWAY_WIRING = '''"""The throwaway chapter's parts."""
from wxshop.chapters.throwaway.spec import SPEC


def parameters(namespace):
    return SPEC.validate_namespace(namespace)


def headlines(p):
    return []
'''


def add_throwaway_chapter(root: Path) -> list[str]:
    """One notebook, one home, one _toc.yml line; returns the paths added or changed."""
    home = root / "wxshop" / "chapters" / "throwaway"
    home.mkdir()
    (home / "__init__.py").write_text('"""A throwaway chapter."""\n', encoding="utf-8")
    (home / "spec.py").write_text(THROWAWAY_SPEC, encoding="utf-8")
    (home / "wiring.py").write_text(THROWAWAY_WIRING, encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 五、风险提示\n\n竞争加剧与成本攀升风险。电商行业进入者增多，行业陷入同质化竞争。"),
        nbformat.v4.new_code_cell('scale = "a"', metadata={"tags": ["parameters", "remove-cell"]}),
        nbformat.v4.new_code_cell("from wxshop.chapters.throwaway import wiring as ch\np = ch.parameters(globals())",
                                  metadata={"tags": ["remove-cell"]}),
    ])
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    nbformat.write(nb, root / "notebooks" / "throwaway.ipynb")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace(
        "  - file: book/risks\n", "  - file: notebooks/throwaway\n  - file: book/risks\n"), encoding="utf-8")
    return ["notebooks/throwaway.ipynb", "wxshop/chapters/throwaway/", "_toc.yml"]


def test_a_new_chapter_needs_one_notebook_one_home_and_one_toc_line(tmp_path):
    root = copy_repo(tmp_path / "repo")
    assert build(root).returncode == 0
    add_throwaway_chapter(root)
    result = build(root, "--params", "throwaway.scale=b")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "executed throwaway" in result.stdout
    assert "executed omnichannel" not in result.stdout and "executed new_platforms" not in result.stdout
    site = scenario_site(root, result)
    assert (site / "notebooks" / "throwaway.html").is_file()
    assert "throwaway" in (site / "book" / "parameters.html").read_text(encoding="utf-8")  # derived page
    bad = build(root, "--params", "throwaway.scale=c")
    assert bad.returncode == 2 and "'scale' = 'c'" in bad.stderr
    # Its own home changed: it alone re-executes.
    with edited(root / "wxshop" / "chapters" / "throwaway" / "wiring.py"):
        again = build(root, "--params", "throwaway.scale=b")
    assert again.returncode == 0, again.stderr
    executed = {line.split()[1] for line in again.stdout.splitlines() if line.strip().startswith("executed ")}
    assert executed == {"throwaway"}


# --------------------------------------------------------------------------- reproducible builds

def test_two_clean_builds_are_byte_identical(tmp_path):
    first, second = copy_repo(tmp_path / "one"), copy_repo(tmp_path / "two")
    for root in (first, second):
        result = build(root)
        assert result.returncode == 0, result.stderr
    a, b = fingerprint(first / "_build" / "html"), fingerprint(second / "_build" / "html")
    assert set(a) == set(b)
    assert [path for path in a if a[path] != b[path]] == []


def test_a_chapters_new_question_reaches_the_cover_card_on_the_next_build(built):
    spec = built / "wxshop" / "chapters" / "new_platforms" / "spec.py"
    question = 'question="一笔推广预算，该分多少给 KOC、多少给 KOL？"'
    assert question in spec.read_text(encoding="utf-8")
    original = spec.read_bytes()
    try:
        spec.write_text(spec.read_text(encoding="utf-8").replace(question, 'question="测试用的新问题？"'),
                        encoding="utf-8")
        assert build(built).returncode == 0
        cover = (built / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")
        assert "测试用的新问题？" in cover and "该分多少给 KOC" not in cover
    finally:
        spec.write_bytes(original)
    assert build(built).returncode == 0
    assert "该分多少给 KOC" in (built / "_build" / "html" / "book" / "index.html").read_text(encoding="utf-8")
