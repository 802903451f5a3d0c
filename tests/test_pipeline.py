"""The build pipeline on the real book: its rebuild decisions (without rebuilding per change), a few
end-to-end rebuilds in a copy that starts from the session's build, and failures that keep the last
good site. The decisions themselves are unit-tested on a small fixture book in
``tests/test_build_decisions.py``; the ecosystem's own doors (``jupyter-book build .``, ``jupyter
nbconvert``, ``pip install``) are in ``tests/test_doors.py``."""
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
from conftest import build_lock, copy_built_repo, run_build

from wxshop.build import Paths, cli, toc

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "notebooks/new_platforms"


def build(root: Path, *args: str, editions: str = "zh,en") -> subprocess.CompletedProcess:
    return run_build("book", *args, root=root, timeout=900, editions=editions)


def executed(result: subprocess.CompletedProcess) -> set[str]:
    return {line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("executed ")}


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



# --------------------------------------------------------------------------- on the session's own build

@pytest.mark.site
def test_the_chapter_executes_into_the_stage_and_never_over_the_source(site):
    """The source notebook keeps no outputs; the staged copy has them, without papermill's timings."""
    source = nbformat.read(ROOT / f"{CHAPTER}.ipynb", as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in source.cells if c.cell_type == "code")
    staged = nbformat.read(ROOT / "_build" / "stage" / f"{CHAPTER}.ipynb", as_version=4)
    assert any(c.get("outputs") for c in staged.cells if c.cell_type == "code")
    assert "widgets" not in staged.metadata and "papermill" not in staged.metadata
    assert all("papermill" not in c.metadata and "execution" not in c.metadata for c in staged.cells)
    injected = [c for c in staged.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert all("remove-cell" in c.metadata["tags"] for c in injected)


@pytest.mark.site
def test_a_rebuild_with_nothing_changed_executes_nothing(site):
    with build_lock():
        result = build(ROOT)
    assert result.returncode == 0, result.stderr
    assert "notebooks: 0 executed" in result.stdout and not executed(result)
    assert "Sphinx not run" in result.stdout


# --------------------------------------------------------------------------- the real book's rebuild decisions

@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> Path:
    """A copy of the sources with the session's stage: the execution keys and the data each chapter read."""
    return copy_built_repo(tmp_path_factory.mktemp("planned") / "repo")


def stale(root: Path, overrides: dict | None = None) -> set[str]:
    """What a build of ``root`` with these overrides would execute (the build's own plan)."""
    return set(cli.execution_plan(Paths(root), toc.notebooks(root), overrides or {}))


EVERY_CHAPTER = {"wechat_shop", "people_goods_place", "ai_efficiency", "omnichannel", "douyin", "new_platforms"}


def test_the_copy_starts_where_the_session_build_left_off(planned):
    assert stale(planned) == set()


@pytest.mark.parametrize("changed, runs", [
    ("wxshop/chapters/omnichannel/charts.py", {"omnichannel"}),
    ("wxshop/chapters/new_platforms/charts.py", {"new_platforms"}),
    ("wxshop/chapters/wechat_shop/charts.py", {"wechat_shop"}),
    ("wxshop/units.py", EVERY_CHAPTER),
    ("data/koc_kol_cases.csv", {"new_platforms"}),
    ("data/platform_gmv_2023.csv", {"omnichannel"}),
    ("data/wechat_miniprogram_gmv.csv", {"wechat_shop"}),
    ("data/report_text.txt", EVERY_CHAPTER),
    ("requirements.txt", EVERY_CHAPTER),
    ("wxshop/static/book.css", set()),
    ("wxshop/static/table.js", set()),
    ("wxshop/sphinx_ext.py", set()),
    ("wxshop/build/cli.py", set()),
    ("_config.yml", set()),
])
def test_only_the_chapters_that_depend_on_a_change_re_execute(planned, changed, runs):
    path = planned / changed
    text = "\n/* edited */\n" if path.suffix in (".css", ".js") else "\n# edited for a test\n"
    with edited(path, text):
        assert stale(planned) == runs


@pytest.mark.parametrize("overrides, runs", [
    ({"new_platforms": {"budget": 200000, "case": "high"}}, {"new_platforms"}),
    ({"omnichannel": {"case": "high", "shift_pp": 1, "rate_douyin": 0.03}}, {"omnichannel"}),
    ({"wechat_shop": {"miniprogram_gmv": 20000, "share": 0.5, "fee_rate": 0.02, "capture": 0}}, {"wechat_shop"}),
])
def test_an_override_re_executes_its_chapter_and_nothing_else(planned, overrides, runs):
    assert stale(planned, overrides) == runs


def test_site_inputs_change_the_site_key_but_execute_nothing(planned):
    paths = Paths(planned)
    editions = cli.editions_of(paths)
    key = cli.published_key(editions)
    assert [p.edition for p in editions] == ["zh", "en"]
    assert cli.sphinx_needed(paths, key) is None  # the copied site (both editions) is trusted in the copy too
    for changed in ("wxshop/static/book.css", "wxshop/static/table.js", "wxshop/sphinx_ext.py", "_config.yml",
                    "locale/en/LC_MESSAGES/book/risks.po"):
        with edited(planned / changed, "\n/* edited */\n" if changed.endswith((".css", ".js")) else "\n# edited\n"):
            assert cli.published_key(editions) != key, changed
    assert cli.published_key(editions) == key


# --------------------------------------------------------------------------- end to end, in a warm copy

@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A copy of the repository that starts from the session's build (stage, site, manifest)."""
    root = copy_built_repo(tmp_path_factory.mktemp("warm") / "repo")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not executed(result) and "Sphinx not run" in result.stdout  # keys and the manifest travel with it
    return root


def test_a_raising_cell_fails_the_build_and_keeps_the_old_site(warm):
    site = warm / "_build" / "html"
    before = fingerprint(site)
    source = warm / f"{CHAPTER}.ipynb"
    original = source.read_bytes()
    try:
        add_cell(warm, "raise RuntimeError('deliberate failure for the test')")
        result = build(warm)
    finally:
        source.write_bytes(original)
    assert result.returncode == 1
    assert "notebook new_platforms" in result.stderr
    assert "RuntimeError: deliberate failure for the test" in result.stderr
    assert "cell" in result.stderr
    assert fingerprint(site) == before


def test_a_bad_data_file_fails_the_build_naming_file_line_and_column(warm):
    site = warm / "_build" / "html"
    before = fingerprint(site)
    csv = warm / "data" / "koc_kol_cases.csv"
    original = csv.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    lines[3] = lines[3].replace(",0.05,", ",five percent,", 1)
    try:
        csv.write_text("".join(lines), encoding="utf-8")
        result = build(warm)
    finally:
        csv.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "data/koc_kol_cases.csv, line 4, column 'value': expected a number; got 'five percent'" in result.stderr
    assert fingerprint(site) == before


def kernels_started_in(root: Path, since: float) -> list:
    """Kernels still running that were started for ``root`` (papermill runs them in the notebook's folder;
    other work on a shared machine has kernels of its own)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "create_time"]):
        try:
            if (proc.info["create_time"] >= since and "ipykernel_launcher" in " ".join(proc.info["cmdline"] or [])
                    and proc.cwd().startswith(str(root))):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def test_a_hung_kernel_is_killed_retried_once_and_reported(warm):
    site = warm / "_build" / "html"
    before = fingerprint(site)
    source = warm / f"{CHAPTER}.ipynb"
    original = source.read_bytes()
    started = time.time()
    try:
        add_cell(warm, "import time\ntime.sleep(600)")
        result = build(warm, "--timeout", "4")
    finally:
        source.write_bytes(original)
    assert result.returncode == 1
    assert "retrying once" in result.stdout
    assert "no result within 4 s" in result.stderr and "after one retry" in result.stderr
    assert fingerprint(site) == before
    assert kernels_started_in(warm, started) == []




OVERRIDES = ("new_platforms.budget=200000 new_platforms.case=high "
             "omnichannel.case=high omnichannel.shift_pp=1 omnichannel.rate_douyin=0.03 "
             "wechat_shop.miniprogram_gmv=20000 wechat_shop.share=0.5 wechat_shop.fee_rate=0.02 wechat_shop.capture=0")


def page_text(site: Path, page: str) -> str:
    import re

    html = (site / page).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_overrides_change_their_chapters_pages_and_only_those_re_execute(warm):
    from wxshop import data, units
    from wxshop.chapters.omnichannel import model as take_rate
    from wxshop.chapters.wechat_shop import fee_model as wechat_fees

    default = fingerprint(warm / "_build" / "html")
    before = control_values(chapter_text(warm))
    result = build(warm, "--params", OVERRIDES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert executed(result) == {"new_platforms", "omnichannel", "wechat_shop"}
    site = scenario_site(warm, result)  # a scenario build has its own folder, named by its parameters
    assert fingerprint(warm / "_build" / "html") == default  # the published edition is untouched
    after_html = chapter_text(warm, site)
    after = control_values(after_html)
    assert before != after
    assert after == {"budget": "200000", "scenario": "high", "objective": "engagements"}
    assert "20万元" in after_html and "高值情形" in after_html
    # Chapter 三: the take-rate model with the high case, +1 pp and 3% for Douyin.
    text = page_text(site, "notebooks/omnichannel.html")
    rates = take_rate.rates_from_table(data.load("take_rate_cases"))["high"] | {"抖音": 0.03}
    table = take_rate.revenue_table(take_rate.gmv_from_table(data.load("platform_gmv_2023")), rates, 1)
    assert f"合计 {units.format_yi(table['revenue'].sum(), '元', 1)}" in text
    assert "抖音 880亿元（费率 4%）" in text  # 2.2万亿 x (3% + 1个百分点) = 880亿, by hand
    assert "新增费用收入" not in text  # the WeChat Shop model lives in chapter 一
    # Chapter 一: 2万亿 x 50% x 2% = 200亿, nothing captured.
    text = page_text(site, "notebooks/wechat_shop.html")
    assert wechat_fees.incremental_fee_revenue(2e12, 0.5, 0.02) == 200e8 and "新增费用收入约 200亿元" in text
    assert "分析者设定（2万亿元）" in text
    assert "累计多出 0元" in text  # nothing captured: no loop, the baseline


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


STALE_PROBE = """
import json, sys
from pathlib import Path
from wxshop.build import Paths, cli, toc
root = Path.cwd()
print(json.dumps(list(cli.execution_plan(Paths(root), toc.notebooks(root), json.loads(sys.argv[1])))))
"""


def stale_in_copy(root: Path, overrides: dict | None = None) -> set[str]:
    """What a build of the copy would execute, asked of the copy's own code (its chapters, not this checkout's)."""
    out = subprocess.run([sys.executable, "-c", STALE_PROBE, json.dumps(overrides or {})], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(json.loads(out.stdout))


def test_a_new_chapter_and_a_new_question_reach_the_site_in_one_build(warm):
    """A chapter added with one notebook, one home and one _toc.yml line, and another chapter's question
    changed: one build executes those two chapters only, and the cover, the new page and the derived
    parameters page show them. (The Chinese edition only: an English edition needs the new chapter's and the
    new question's translations, which a test does not write; the English build refuses untranslated text.)"""
    add_throwaway_chapter(warm)
    spec = warm / "wxshop" / "chapters" / "new_platforms" / "spec.py"
    question = 'question=N_("一笔推广预算，该分多少给 KOC、多少给 KOL？")'
    assert question in spec.read_text(encoding="utf-8")
    original = spec.read_bytes()
    try:
        spec.write_text(spec.read_text(encoding="utf-8").replace(question, 'question=N_("测试用的新问题？")'),
                        encoding="utf-8")
        result = build(warm, editions="zh")
        assert result.returncode == 0, result.stdout + result.stderr
        assert executed(result) == {"throwaway", "new_platforms"}
        site = warm / "_build" / "html"
        cover = (site / "book" / "index.html").read_text(encoding="utf-8")
        assert "测试用的新问题？" in cover and "该分多少给 KOC" not in cover
        assert (site / "notebooks" / "throwaway.html").is_file()
        assert "throwaway" in (site / "book" / "parameters.html").read_text(encoding="utf-8")  # derived page
        # The published edition keeps its defaults (the overrides above went to a scenario folder).
        assert control_values(chapter_text(warm))["budget"] == control_values(chapter_text(ROOT))["budget"]
        assert stale_in_copy(warm) == set()
        # Its own home changed: it alone would re-execute (the decision a build makes, asked without building).
        with edited(warm / "wxshop" / "chapters" / "throwaway" / "wiring.py"):
            assert stale_in_copy(warm) == {"throwaway"}
    finally:
        spec.write_bytes(original)
    assert stale_in_copy(warm) == {"new_platforms"}  # its home changed back
    bad = build(warm, "--params", "throwaway.scale=c", editions="zh")
    assert bad.returncode == 2 and "'scale' = 'c'" in bad.stderr
