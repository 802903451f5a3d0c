"""Shared fixtures: the repository, the built site, a local server and Debian's chromium.

The site is built once per test session and shared: the first test that asks for ``site`` runs the
book's pipeline on this checkout (a no-op taking seconds when ``make book`` already published it,
as ``make test`` does), under a file lock, so parallel workers (pytest-xdist) build it once and the
others wait for it. Site and browser tests then read ``_build/html``.

At the end of a run the terminal summary gives the suite's wall time and the time spent by marker.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
LOCK = ROOT / "_build" / ".tests.lock"
MARKERS = ("site", "browser", "pipeline", "notebook", "lab", "checker", "slow")
TIMES = ROOT / "_build" / "test-times.json"


@contextlib.contextmanager
def build_lock():
    """One builder at a time for this checkout's ``_build`` (across pytest-xdist workers)."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_build(*args: str, root: Path = ROOT, timeout: float = 1800, editions: str = "zh,en") -> subprocess.CompletedProcess:
    """``python -m wxshop.build <args> --root <root>``, output captured; ``editions`` as ``WXSHOP_EDITIONS``
    (both by default, as ``make book``)."""
    env = dict(os.environ, WXSHOP_EDITIONS=editions)
    return subprocess.run([sys.executable, "-m", "wxshop.build", *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=timeout, env=env)


_built: list[Path] = []


def ensure_site() -> Path:
    """The checkout's site, as the pipeline publishes it from the current sources (built if it is not;
    once per test process)."""
    if _built:
        return _built[0]
    with build_lock():
        result = run_build("book")
    if result.returncode != 0:
        pytest.fail(f"the book does not build:\n{result.stdout}\n{result.stderr}")
    _built.append(SITE)
    return SITE


@pytest.fixture
def english():
    """The code's labels in English for the test, then the language it had before."""
    from wxshop import i18n

    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def english_run(stem: str) -> dict:
    """Chapter ``stem`` as `make book` executed it in English (papermill with ``lang="en"``, the site's
    renderer): the English stage of the session's build, ``_build/stage-en/notebooks/<stem>.ipynb``. The
    English tests read it rather than running each chapter again (papermill's own command line in English is
    tested on one chapter, ``tests/test_english_ai_efficiency.py``)."""
    ensure_site()
    path = ROOT / "_build" / "stage-en" / "notebooks" / f"{stem}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    injected = [c for c in notebook["cells"] if "injected-parameters" in c.get("metadata", {}).get("tags", [])]
    source = "".join(injected[0]["source"]) if injected else ""
    assert 'lang = "en"' in source, f"{path} is not the chapter's English run"
    return notebook


@pytest.fixture(scope="session")
def site() -> Path:
    return ensure_site()


def ensure_pdf(edition: str = "zh") -> Path:
    """The PDF edition of the current site in ``edition``'s language (both printed if the published site lacks one)."""
    from wxshop.build.publish import PDF_NAMES

    ensure_site()
    pdf = SITE / "downloads" / PDF_NAMES[edition]
    with build_lock():
        if not pdf.is_file():
            result = run_build("pdf")
            if result.returncode != 0:
                pytest.fail(f"the PDF edition does not print:\n{result.stdout}\n{result.stderr}")
    return pdf
CHROMIUM = "/usr/bin/chromium"
# The browser resolves no host name but the loopback's: a page that asks another host for anything fails to
# reach it (PageWatch records the request; this machine has no network besides).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> str:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(playwright_driver, tmp_path_factory: pytest.TempPathFactory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
        viewport={"width": 1280, "height": 900})
    yield context
    context.close()


class PageWatch:
    """A page whose requests to anything but the site (or ``data:``/``blob:``) are recorded in ``blocked``, with
    its errors. The requests are watched, not intercepted: a route would pass every request through this
    process and switch the browser's cache off, so that each page fetched, parsed and compiled every script and
    font again; the browser itself resolves no other host (CHROMIUM_ARGS)."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}")
                if msg.type == "error" else None)

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.base_url) or url.startswith(("data:", "blob:"))):
            self.blocked.append(url)

    def open(self, path: str, charts: int = 0) -> None:
        """Go to ``path``; with ``charts``, draw every figure (as scrolling would) and check there are that many."""
        self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("load")
        if charts:
            count = self.page.evaluate("window.wxshopCharts.drawAll().then(() => window.wxshopCharts.figures.length)")
            assert count == charts, f"{path}: {count} figures, expected {charts}"

    def view(self, index: int = 0) -> str:
        """A JavaScript expression for the Vega view of the page's figure ``index`` (document order)."""
        return f"window.wxshopCharts.figures[{index}].wxshopView"

    def marks(self, name_prefix: str, view: int = 0) -> list[dict]:
        """Data rows behind the scene items of marks whose name starts with ``name_prefix``."""
        return self.page.evaluate(
            """([prefix, index]) => {
                 const out = [];
                 const walk = (node) => {
                   if (!node) return;
                   if (node.marktype && node.name && node.name.startsWith(prefix) && node.marktype !== "group") {
                     for (const item of node.items) if (item.datum) out.push({...item.datum});
                     return;
                   }
                   for (const child of node.items || []) walk(child);
                 };
                 walk(window.wxshopCharts.figures[index].wxshopView.scenegraph().root);
                 return out;
               }""", [name_prefix, view])

    def signal(self, name: str, view: int = 0):
        return self.page.evaluate(f"(n) => {self.view(view)}.signal(n)", name)

    def view_with(self, signal: str) -> int:
        """Index of the figure whose chart has ``signal``."""
        index = self.page.evaluate("""(name) => window.wxshopCharts.figures.findIndex((f) => {
            try { f.wxshopView.signal(name); return true; } catch (e) { return false; } })""", signal)
        assert index >= 0, f"no chart with a {signal!r} signal"
        return index

    def control(self, view: int, signal: str):
        return self.page.locator(".wxshop-figure").nth(view).locator(f"[data-signal='{signal}']")

    def set_control(self, view: int, signal: str, value) -> None:
        """Move the reader's control for ``signal`` as a reader would, and wait for the redraw."""
        control = self.control(view, signal)
        if control.evaluate("el => el.tagName") == "SELECT":
            control.select_option(str(value))
        else:
            control.fill(str(value))
        self.page.wait_for_function(f"(v) => String({self.view(view)}.signal('{signal}')) === String(v)", arg=str(value))
        self.page.evaluate(f"{self.view(view)}.runAsync().then(() => true)")


@pytest.fixture()
def watch(browser, base_url: str):
    page = browser.new_page()
    watched = PageWatch(page, base_url)
    yield watched
    page.close()


def copy_repo(target: Path) -> Path:
    """Copy the book's sources (no _build, no venv) to ``target``, to build or break in isolation."""
    target.mkdir(parents=True)
    for name in ("wxshop", "data", "book", "notebooks", "locale"):  # locale/: the English edition's catalogues
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "_fragments", "work"))
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy2(ROOT / name, target / name)
    return target


def copy_built_repo(target: Path, with_site: bool = True) -> Path:
    """A copy of the sources with this checkout's executed stage and published site: the pipeline there
    starts where the session's build left off (nothing to execute; Sphinx reads everything afresh the
    first time it runs, since its environment names the checkout's folders). ``with_site=False``: the
    stage only, a checkout whose chapters have run and whose pages have not been built."""
    root = copy_repo(target)
    ensure_site()
    with build_lock():
        build = ROOT / "_build"
        for name in ("stage", "stage-en"):  # both editions' executed chapters
            shutil.copytree(build / name, root / "_build" / name)
        if with_site:
            shutil.copytree(build / "html", root / "_build" / "html")
            shutil.copy2(build / "site-manifest.json", root / "_build" / "site-manifest.json")
    return root


@pytest.fixture()
def repo_copy(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


# --------------------------------------------------------------------------- a phone, by touch

PHONE = {"viewport": {"width": 360, "height": 800}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright for the session (a second one cannot start beside it): the desktop ``browser`` and the
    ``phone`` share it."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README; .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def phone(playwright_driver):
    """Debian's chromium as a 360x800 phone with a touch screen (2x pixels, mobile viewport)."""
    engine = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    context = engine.new_context(**PHONE)
    yield context
    context.close()
    engine.close()


@pytest.fixture()
def phone_watch(phone, base_url: str):
    """A :class:`PageWatch` on the phone: non-local requests aborted and recorded, errors kept."""
    page = phone.new_page()
    watched = PageWatch(page, base_url)
    yield watched
    page.close()


# --------------------------------------------------------------------------- the suite's time by marker

_durations: dict[str, float] = defaultdict(float)
_counts: dict[str, int] = defaultdict(int)
_modules: dict[str, float] = defaultdict(float)
_workers: dict[str, float] = defaultdict(float)
_started = time.time()


# --------------------------------------------------------------------------- how make test shares the work

# A module that defines a module-scoped fixture (a JupyterLab server, a built copy of the repository, a Dask
# cluster, an executed chapter, a printed PDF) keeps its tests on one worker, so the fixture is made once.
_MODULE_FIXTURE = re.compile(r"@pytest\.fixture\([^)]*scope=[\"']module[\"']")


def shared_fixture_modules(folder: Path = Path(__file__).parent) -> set[str]:
    """The test modules (paths as pytest names them, from the rootdir) that define a module-scoped fixture."""
    return {f"tests/{path.name}" for path in folder.glob("test_*.py")
            if _MODULE_FIXTURE.search(path.read_text(encoding="utf-8"))}


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown when a run goes without xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` (make test), refined: the tests of a module with a module-scoped fixture stay together
    on one worker; every other test is a work unit of its own, so the browser modules (minutes each) are shared
    by both workers instead of one taking a whole module. xdist hands out the largest units first (its
    ``loadscopereorder``), so the grouped modules start early and single tests fill the end.
    (``--dist loadgroup`` would do this from marks, but with pytest 9.2 xdist 3.8.0's group names are lost: it
    sets ``item._nodeid``, which pytest no longer reads.)"""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    shared = shared_fixture_modules()

    class ModuleFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in shared else nodeid

    return ModuleFixtureScheduling(config, log)


def pytest_runtest_logreport(report) -> None:
    """Add each test's time (setup, call, teardown) under each of its markers (``fast``: none of them)."""
    marks = [m for m in MARKERS if m in report.keywords] or ["fast"]
    _modules[report.nodeid.split("::")[0]] += report.duration
    node = getattr(report, "node", None)  # on the controller of an xdist run: the worker that ran it
    _workers[getattr(getattr(node, "gateway", None), "id", "main")] += report.duration
    for mark in marks + ["all"]:
        _durations[mark] += report.duration
        if report.when == "call":
            _counts[mark] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if getattr(terminalreporter.config, "workerinput", None) is not None or not _counts:
        return
    wall = time.time() - _started
    write = terminalreporter.write_line
    workers = os.environ.get("PYTEST_XDIST_WORKER_COUNT") or getattr(terminalreporter.config.option, "numprocesses", None)
    write("")
    write(f"suite: {wall:.0f} s wall ({wall / 60:.1f} min), {_counts['all']} tests"
          + (f", {workers} workers" if workers else ""))
    write("time in tests by marker (a test counts under each of its markers; workers add up):")
    for mark in ("fast", *MARKERS, "all"):
        if _counts.get(mark):
            write(f"  {mark:9} {_counts[mark]:5} tests  {_durations[mark]:8.1f} s")
    heaviest = sorted(_modules.items(), key=lambda item: -item[1])[:8]
    write("heaviest modules: " + ", ".join(f"{Path(name).stem} {seconds:.0f} s" for name, seconds in heaviest))
    if len(_workers) > 1:  # the wall time follows the busiest worker: how even the split was
        write("time in tests by worker: " + ", ".join(f"{w} {seconds:.0f} s" for w, seconds in sorted(_workers.items())))
    with contextlib.suppress(OSError):
        TIMES.parent.mkdir(parents=True, exist_ok=True)
        TIMES.write_text(json.dumps({"wall_s": round(wall, 1), "tests": dict(_counts),
                                     "seconds": {k: round(v, 1) for k, v in _durations.items()},
                                     "modules": {k: round(v, 1) for k, v in sorted(_modules.items())},
                                     "workers": {k: round(v, 1) for k, v in sorted(_workers.items())}}, indent=1))
