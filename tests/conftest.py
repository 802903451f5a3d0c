"""Shared fixtures: the repository, the built site, a local server and Debian's chromium.

Site and browser tests read ``_build/html`` as ``make book`` left it (``make test`` builds first).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `make book` (make test does) before the site tests")
    return SITE


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
    """A page whose non-local requests are aborted and recorded, with its errors."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.route("**/*", self._route)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", lambda msg: self.errors.append(f"console.{msg.type}: {msg.text}")
                if msg.type == "error" else None)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

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
    for name in ("wxshop", "data", "book", "notebooks"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "_fragments"))
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy2(ROOT / name, target / name)
    return target


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
