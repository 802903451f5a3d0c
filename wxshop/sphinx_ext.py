"""Sphinx extension of the book: local chart libraries, Chinese search dictionary, data downloads.

- Chart pages (those whose body holds a ``wxshop-chart``) get one ``<script>`` for a local bundle
  of Vega, Vega-Lite and vega-embed, written once to ``_static/wxshop/``; other pages get none.
  Pages with a filterable table get ``table.js`` the same way.
- The theme includes sphinx-thebe's script twice on every page (a console error); thebe needs a
  live kernel server the static site never has, so its scripts are dropped.
- Sphinx's Chinese search uses jieba with the book's user dictionary (微信小店, 人货场, ...).
- ``data/`` (the data package) is copied to ``<site>/data/`` so each chart can link its CSV.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from wxshop.data import DATA_DIR, ROOT

BUNDLE = "wxshop/vega-bundle.js"
TABLE_JS = Path(__file__).with_name("table.js")
STYLES = Path(__file__).with_name("book.css")
USER_DICT = Path(__file__).with_name("search_userdict.txt")
CACHE = ROOT / "_build" / "cache"


def vega_bundle() -> str:
    """Vega + Vega-Lite + vega-embed in one script that defines only ``window.vega*``."""
    import altair as alt
    import vl_convert as vlc

    vl_version = "v" + ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    key = hashlib.sha1(f"{vlc.__version__}-{vl_version}".encode()).hexdigest()[:12]
    cached = CACHE / f"vega-bundle-{key}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    body = vlc.javascript_bundle(vl_version=vl_version)
    versions = (f'{{vega_version: "{vlc.get_vega_version()}", vegalite_version: "{alt.SCHEMA_VERSION.lstrip("v")}", '
                f'vegaembed_version: "{vlc.get_vega_embed_version()}"}}')
    # Wrapped so the bundle's top-level names (one of them `_`) do not clobber the page's globals.
    text = f"/* Vega, Vega-Lite, vega-embed (bundled by vl-convert {vlc.__version__}) */\n" \
           f"(function () {{\n{body}\n}})();\nwindow.VEGA_DEBUG = {versions};\n"
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(cached)
    return text


def _config_inited(app: Sphinx, config: Any) -> None:
    options = dict(config.html_search_options or {})
    options["dict"] = str(USER_DICT)
    config.html_search_options = options


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    scripts = context.get("script_files")
    if scripts is not None:
        kept, seen = [], set()
        for script in scripts:
            # Inline scripts have no file name; they are told apart by their body.
            name = getattr(script, "filename", None) or script.attributes.get("body", "")
            if "thebe" in str(name).lower() or name in seen:
                continue
            seen.add(name)
            kept.append(script)
        scripts[:] = kept
    # An empty mode makes the theme log "Got invalid theme mode" as a console error on every page.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    body = context.get("body") or ""
    if "wxshop-chart" in body:
        app.add_js_file(BUNDLE)
    if "wxshop-filter-table" in body:
        app.add_js_file("wxshop/" + TABLE_JS.name)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    target = out / "_static" / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vega_bundle(), encoding="utf-8")
    shutil.copy2(STYLES, target.with_name(STYLES.name))
    shutil.copy2(TABLE_JS, target.with_name(TABLE_JS.name))
    downloads = out / "data"
    if downloads.exists():
        shutil.rmtree(downloads)
    shutil.copytree(DATA_DIR, downloads, ignore=shutil.ignore_patterns("_fragments", "*.md"))


def setup(app: Sphinx) -> dict:
    app.add_css_file("wxshop/" + STYLES.name)
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
