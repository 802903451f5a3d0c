"""How charts reach the page: the static site's renderer, and Altair's offline renderer in live Jupyter.

On the site (``WXSHOP_RENDER=site``, set by the build) a chart becomes a ``<figure>`` holding

- the reader's controls as plain, labelled HTML (``<input type=range>`` with a formatted ``<output>``,
  ``<select>`` with Chinese labels): they work with keyboard and touch and read well without script;
- the chart's Vega spec, compiled from Vega-Lite here at build time (the page ships Vega alone, not
  the Vega-Lite compiler), in a ``<script type="application/json">``;
- an empty container the runtime (``wxshop/static/charts.js``) draws into, as SVG, when it scrolls
  into view, fitting the chart to the column's width.

The runtime wires each control to the Vega signal of the same name: a control only selects rows of
the table the model computed in Python. In live Jupyter, Altair's ``jupyter`` renderer draws offline
from vl-convert's bundled libraries (no CDN).
"""
from __future__ import annotations

import copy
import functools
import hashlib
import html
import json
import os
import re
from typing import Any

import altair as alt

from wxshop.i18n import _, html_lang

SITE_ENV = "WXSHOP_RENDER"
FIGURE = "wxshop-figure"
CHART = "wxshop-chart"

# How a control's value reads (the runtime has the same formats in charts.js).
FORMATS = ("yuan", "percent", "fraction_percent", "pp", "plain")


def format_value(kind: str, value: Any) -> str:
    """A control's value as readers read it: 50万元, 5%, +1.25 个百分点."""
    from wxshop import units

    if kind == "yuan":
        return units.format_yuan(float(value))
    if kind == "percent":
        return f"{float(value):g}%"
    if kind == "fraction_percent":
        return units.format_percent(float(value), 1)
    if kind == "pp":
        number = f"{float(value):+.2f}".rstrip("0").rstrip(".")
        return _("{number} 个百分点", number="0" if number in ("+0", "-0") else number)
    return f"{value}"


def control_meta(name: str, label: str, fmt: str = "plain", unit: str = "") -> dict[str, Any]:
    """The reader-facing label and value format of a bound parameter (``usermeta.controls``)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    return {name: {"label": label, "format": fmt, "unit": unit}}


TITLE_LINE = 15  # characters per title line: a 15-character line at 15 px fits a 360 px phone
_CLOSING = set("，。；：、！？）》”’%")  # i18n: key
_BREAK_AFTER = set("，；：、）》")  # i18n: key


def _width(text: str) -> float:
    """Width in full-width characters (a Latin letter or digit is about half of one)."""
    return sum(0.55 if ord(c) < 0x2E80 else 1.0 for c in text)


def wrap_title(text: str, width: int = TITLE_LINE) -> list[str]:
    """Split a Chinese title into lines of at most ``width`` characters, only between words
    (:func:`wxshop.words.words`: never inside a word, a number or a short bracketed group), never before
    closing punctuation, and after punctuation where that leaves a line at least 60% full."""
    from wxshop.words import words

    tokens: list[str] = []
    for token in words(text):
        if tokens and token[0] in _CLOSING:
            tokens[-1] += token  # a closing mark stays with what it closes
        else:
            tokens.append(token)
    lines: list[str] = []
    line: list[str] = []
    for token in tokens:
        if line and _width("".join(line) + token) > width:
            cut = max((i + 1 for i, t in enumerate(line) if t[-1] in _BREAK_AFTER), default=0)
            if 0 < cut < len(line) and _width("".join(line[:cut])) >= width * 0.6:
                lines.append("".join(line[:cut]))
                line = line[cut:]
            else:
                lines.append("".join(line))
                line = []
        line.append(token)
    if line:
        lines.append("".join(line))
    return lines


def _wrap_titles(node: Any) -> None:
    """Every chart and view title in the spec, split into short lines (in place)."""
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str) and len(title) > TITLE_LINE and ("mark" in node or "layer" in node
                                                                   or "vconcat" in node or "data" in node):
            node["title"] = wrap_title(title)
        elif isinstance(title, dict) and isinstance(title.get("text"), str) and len(title["text"]) > TITLE_LINE:
            title["text"] = wrap_title(title["text"])
        for key, value in node.items():
            if key not in ("encoding", "title"):
                _wrap_titles(value)
    elif isinstance(node, list):
        for item in node:
            _wrap_titles(item)


LEGEND_LINE = 32  # characters per line of an English legend label: a label at 12 px fits beside its symbol at 360 px
_LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "size", "opacity", "strokeDash")


def _values_of(spec: dict, field: str) -> list[str]:
    """Every text value of ``field`` in the spec's inline data (its datasets and ``data.values``), in order."""
    found: list[str] = []

    def take(table: Any) -> None:
        if isinstance(table, list):
            found.extend(r[field] for r in table if isinstance(r, dict) and isinstance(r.get(field), str))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "datasets" and isinstance(value, dict):
                    for table in value.values():
                        take(table)
                elif key == "data" and isinstance(value, dict):
                    take(value.get("values"))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return list(dict.fromkeys(found))


def wrap_words(text: str, width: int) -> list[str]:
    """English text in lines of at most ``width`` characters, broken only between words."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _english_legends(spec: dict) -> None:
    """An English chart's legends as a phone column holds them (in place): below or above the plot, one entry
    per line, and a label longer than :data:`LEGEND_LINE` characters on two or more lines. English labels run
    about twice as long as the Chinese ones: legends laid out for Chinese would be wider than a 360 px screen."""
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            encoding = node.get("encoding")
            if isinstance(encoding, dict):
                for channel in _LEGEND_CHANNELS:
                    definition = encoding.get(channel)
                    if not isinstance(definition, dict) or not isinstance(definition.get("field"), str):
                        continue
                    legend = definition.get("legend", {})
                    if legend is None:
                        continue
                    legend = dict(legend)
                    if legend.get("orient", "right") in ("right", "left"):
                        legend["orient"] = "bottom"  # beside the plot it would take the plot's width
                    if legend["orient"] in ("top", "bottom"):
                        legend["columns"] = 1  # else a row of entries (Vega-Lite's default) or the given columns
                    long = {v: wrap_words(v, LEGEND_LINE) for v in _values_of(spec, definition["field"])
                            if len(v) > LEGEND_LINE}
                    if long and "labelExpr" not in legend:
                        legend["labelExpr"] = f"({json.dumps(long, ensure_ascii=False)})[datum.label] || datum.label"
                        legend.setdefault("labelLimit", 0)
                    definition["legend"] = legend
            for key, value in node.items():
                if key not in ("datasets", "data"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)


AXIS_LINE = 18  # characters per line of an English category label on a y axis (the labels' column stays narrow)
AXIS_TITLE_LINE = 34  # characters per line of an English x-axis title (the plot is about 250 px wide on a phone)


LABEL_LINE_HEIGHT = 14  # px a line of a 12 px axis label takes


def _english_axes(spec: dict) -> None:
    """An English chart's axes as a phone column holds them (in place): category labels on a y axis longer than
    :data:`AXIS_LINE` characters on two or more lines where each band has room for them (else they stay cut
    short, as Vega cuts them), and an x-axis title longer than :data:`AXIS_TITLE_LINE` on two, so neither
    pushes the plot out of a 360 px screen."""
    def band_room(height: Any, values: list[str]) -> float:
        if isinstance(height, dict) and isinstance(height.get("step"), (int, float)):
            return float(height["step"])
        return float(height) / max(1, len(values)) if isinstance(height, (int, float)) else 0.0

    def walk(node: Any, height: Any) -> None:
        if isinstance(node, dict):
            height = node.get("height", height)
            encoding = node.get("encoding")
            if isinstance(encoding, dict):
                y, x = encoding.get("y"), encoding.get("x")
                if (isinstance(y, dict) and y.get("type") in ("nominal", "ordinal") and isinstance(y.get("field"), str)
                        and y.get("axis", {}) is not None and "labelExpr" not in (y.get("axis") or {})):
                    values = _values_of(spec, y["field"])
                    long = {v: wrap_words(v, AXIS_LINE) for v in values if len(v) > AXIS_LINE}
                    room = band_room(height, values)
                    if long and max(len(lines) for lines in long.values()) * LABEL_LINE_HEIGHT <= room:
                        axis = dict(y.get("axis") or {})
                        axis["labelExpr"] = f"({json.dumps(long, ensure_ascii=False)})[datum.label] || datum.label"
                        y["axis"] = axis
                if isinstance(x, dict) and isinstance(x.get("title"), str) and len(x["title"]) > AXIS_TITLE_LINE:
                    x["title"] = wrap_words(x["title"], AXIS_TITLE_LINE)
            for key, value in node.items():
                if key not in ("datasets", "data"):
                    walk(value, height)
        elif isinstance(node, list):
            for item in node:
                walk(item, height)

    walk(spec, None)


def _stack_legends(vega: dict) -> None:
    """Legends on the same side of a chart one below the other, not side by side (in place)."""
    layout = {"anchor": "start", "direction": "vertical"}
    vega.setdefault("config", {}).setdefault("legend", {})["layout"] = {"top": layout, "bottom": layout}


def _controls(spec: dict) -> tuple[dict, list[dict]]:
    """The spec without Vega-Lite input bindings, and the controls they described."""
    spec = copy.deepcopy(spec)
    meta = (spec.get("usermeta") or {}).get("controls", {})
    controls = []
    for param in spec.get("params", []):
        bind = param.get("bind")
        if not isinstance(bind, dict) or "input" not in bind:
            continue
        info = meta.get(param["name"], {})
        control = {"name": param["name"], "value": param.get("value"), "input": bind["input"],
                   "label": info.get("label") or bind.get("name") or param["name"],
                   "format": info.get("format", "plain"), "unit": info.get("unit", "")}
        if bind["input"] == "range":
            control.update(min=bind["min"], max=bind["max"], step=bind["step"])
        elif bind["input"] == "select":
            options = bind["options"]
            control["options"] = list(zip(options, bind.get("labels") or [str(o) for o in options]))
        else:
            raise ValueError(f"parameter {param['name']!r}: input {bind['input']!r} is not supported on the site")
        del param["bind"]
        controls.append(control)
    return spec, controls


MAX_READOUTS = 500  # a slider with more positions than this formats its read-out in the browser (charts.js)


def _js_number(value: float) -> str:
    """A number as JavaScript's String(Number(x)) writes it (100000, 0.25, -0.5): the read-outs' keys."""
    value = round(float(value), 10)
    return str(int(value)) if value == int(value) else repr(value)


def readouts(control: dict) -> dict[str, str] | None:
    """Each position of a slider and its read-out in the page's language (:func:`format_value`), so the
    browser shows exactly what the Python formatting gives (RMB 100,000; 50万元); None for a slider with more
    than :data:`MAX_READOUTS` positions."""
    low, high, step = float(control["min"]), float(control["max"]), float(control["step"])
    count = int(round((high - low) / step)) + 1 if step > 0 else 1
    if count > MAX_READOUTS:
        return None
    return {_js_number(low + i * step): format_value(control["format"], low + i * step) for i in range(count)}


def _control_html(figure_id: str, control: dict) -> str:
    cid = f"{figure_id}-{control['name']}"
    label = html.escape(control["label"])
    attrs = f'id="{cid}" data-signal="{html.escape(control["name"])}"'
    if control["input"] == "range":
        shown = html.escape(format_value(control["format"], control["value"]))
        table = readouts(control)
        if table is not None:
            attrs += f' data-readouts="{html.escape(json.dumps(table, ensure_ascii=False, separators=(",", ":")))}"'
        return (f'<div class="wxshop-control wxshop-control-range"><label for="{cid}">{label}</label>'
                f'<input type="range" {attrs} data-format="{control["format"]}" min="{control["min"]:g}" '
                f'max="{control["max"]:g}" step="{control["step"]:g}" value="{control["value"]:g}" '
                f'aria-valuetext="{shown}">'
                f'<output for="{cid}" aria-hidden="true">{shown}</output></div>')
    options = "".join(
        f'<option value="{html.escape(str(value))}"{" selected" if value == control["value"] else ""}>'
        f'{html.escape(str(text))}</option>' for value, text in control["options"])
    return (f'<div class="wxshop-control wxshop-control-select"><label for="{cid}">{label}</label>'
            f'<select {attrs} data-type="{"number" if isinstance(control["value"], (int, float)) else "string"}">'
            f'{options}</select></div>')


def chart_title(spec: dict) -> str:
    """The chart's title in words: its own, or its views' titles joined (for search and file names)."""
    def text(title: Any) -> str:
        if isinstance(title, dict):
            title = title.get("text", "")
        return "".join(title) if isinstance(title, list) else str(title or "")


    own = text(spec.get("title"))
    if own:
        return own
    parts = [text(view.get("title")) for key in ("vconcat", "hconcat", "concat", "layer") for view in spec.get(key, [])]
    return _("；").join(p for p in parts if p)


def tools() -> str:
    """The buttons under a chart (download, copy link), in the current language."""
    return (f"<div class=\"wxshop-figure-tools\" role=\"group\" aria-label=\"{_('下载与链接')}\" hidden>"
            f"<button type=\"button\" data-action=\"png\">{_('下载 PNG')}</button>"
            f"<button type=\"button\" data-action=\"svg\">{_('下载 SVG')}</button>"
            f"<button type=\"button\" data-action=\"csv\">{_('当前显示的数据（CSV）')}</button>"
            f"<button type=\"button\" data-action=\"link\">{_('复制链接')}</button>"
            "<span class=\"wxshop-tool-status\" role=\"status\" aria-live=\"polite\"></span></div>")


def column_names(spec: dict) -> dict[str, str]:
    """Each field the chart names (an axis, legend or tooltip title, with its unit) -> that name, in the
    order they appear: the header of the displayed data's CSV (fields the chart never names stay out)."""
    names: dict[str, str] = {}

    def channel(definition: Any) -> None:
        if isinstance(definition, list):
            for item in definition:
                channel(item)
        elif isinstance(definition, dict):
            field, title = definition.get("field"), definition.get("title")
            if isinstance(title, list):
                title = "".join(title)
            if isinstance(field, str) and isinstance(title, str) and title and field not in names:
                names[field] = title
            for key in ("condition",):
                if key in definition:
                    channel(definition[key])

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            encoding = node.get("encoding")
            if isinstance(encoding, dict):
                for key in ("x", "y", "x2", "y2", "color", "size", "shape", "theta", "text", "tooltip", "detail",
                            "row", "column", "facet", "opacity", "strokeDash"):
                    if key in encoding:
                        channel(encoding[key])
            for key, value in node.items():
                if key not in ("encoding", "data", "datasets"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return names


PHONE_COLUMN = 328  # px: the text column of a 360 px phone (Furo's page padding on each side)
WIDE_COLUMN = 720  # px: the widest a chart draws (charts.js MAX_WIDTH)


def drawn_height(vega: dict, column: int) -> int:
    """The height in px of the chart as charts.js draws it in a column ``column`` px wide (rendered here by
    vl-convert), so the page can keep that room before the chart draws: nothing below it moves.

    Kept in the user cache by the spec, the column, vl-convert's version and the fonts it can measure text
    with: rendering is most of a chart's cost in a run, and most charts are the same from one run to the next."""
    import vl_convert as vlc

    from wxshop.checkout import kept

    made_of = json.dumps([vega, column, vlc.__version__, _font_files()], sort_keys=True, ensure_ascii=False)
    name = f"heights/{hashlib.sha256(made_of.encode()).hexdigest()[:24]}.txt"
    return int(kept(name, lambda: str(_rendered_height(vega, column)), valid=str.isdigit))


@functools.lru_cache(maxsize=1)
def _font_files() -> list[str]:
    """The system's font files (names and sizes): vl-convert measures text with them, so a font installed or
    removed changes every height."""
    found = []
    for top in ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")):
        for folder, _dirs, files in os.walk(top):
            found += [f"{folder}/{name}:{os.path.getsize(os.path.join(folder, name))}" for name in files]
    return sorted(found)


def _rendered_height(vega: dict, column: int) -> int:
    import vl_convert as vlc

    width = max(160, min(WIDE_COLUMN, column) - vega.get("wxshopMargin", 80))
    sized = copy.deepcopy(vega)
    if isinstance(sized.get("width"), (int, float)):
        sized["width"] = width
    for signal in sized.get("signals", []):
        if re.search(r"(^|_)width$", signal.get("name", "")) and isinstance(signal.get("value"), (int, float)):
            signal["value"] = width
    svg = vlc.vega_to_svg(sized)
    found = re.search(r'<svg[^>]*\sheight="([\d.]+)"', svg)
    return int(float(found.group(1)) + 0.999) if found else 0


def figure_html(spec: dict) -> str:
    """The figure markup for a Vega-Lite spec (see the module's docstring)."""
    import vl_convert as vlc

    title = chart_title(spec)
    bare, controls = _controls(spec)
    _wrap_titles(bare)
    if html_lang() == "en":
        _english_legends(bare)
        _english_axes(bare)
    names = column_names(bare)
    vega = vlc.vegalite_to_vega(bare)
    if html_lang() == "en":
        _stack_legends(vega)
    payload = json.dumps(vega, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    figure_id = "wxshop-fig-" + hashlib.sha1(payload.encode()).hexdigest()[:10]
    description = spec.get("description") or _("图表")
    form = ""
    if controls:
        # The form's name: the chart's description, cut short (24 characters of Chinese; English words are
        # longer, so 64 characters cut at a word: two charts of a page must not share a name).
        short = description[:24] if html_lang() != "en" else (
            description if len(description) <= 64 else description[:64].rsplit(" ", 1)[0] + "…")
        name = html.escape(_("图表控件：{name}", name=short), quote=True)
        form = (f'<form class="wxshop-controls" aria-label="{name}" onsubmit="return false">'
                + "".join(_control_html(figure_id, c) for c in controls) + "</form>")
    safe = payload.replace("</", "<\\/")
    heights = f"--wxshop-h:{drawn_height(vega, PHONE_COLUMN)}px;--wxshop-h-wide:{drawn_height(vega, WIDE_COLUMN)}px"
    columns = html.escape(json.dumps(names, ensure_ascii=False, separators=(",", ":")), quote=True)
    return (f'<figure class="{FIGURE}" id="{figure_id}" lang="{html_lang()}" data-title="{html.escape(title, quote=True)}" '
            f'data-columns="{columns}">{form}'
            f'<div class="{CHART}" role="img" aria-label="{html.escape(description, quote=True)}" style="{heights}">'
            "<noscript>" + _("此图需要浏览器运行 JavaScript；图下的表格与来源说明不需要。") + f"</noscript></div>{tools()}"
            f'<script type="application/json" class="wxshop-spec">{safe}</script></figure>')


def _site_renderer(spec: dict, **_options: object) -> dict:
    """Mime bundle for the static site: no CDN, no inlined library."""
    markup = figure_html(spec)
    return {"text/html": markup, "text/plain": _("<图表>")}


alt.renderers.register("wxshop_site", _site_renderer)


# Where `make lab` (wxshop.lab.environment) tells its kernels the Jupyter server's root folder is.
LAB_ROOT_ENV = "WXSHOP_LAB_ROOT"
LAB_BUNDLE_DIR = ("_build", "lab")

# Altair's offline JupyterChart puts vl-convert's whole Vega bundle (megabytes) into every chart's widget
# model, and the browser parses it once per chart. anywidget gives each model 2 s to initialise
# ("[anywidget] Failed to initialize model."), which a chapter's dozen charts exceed on a busy machine.
# Under `make lab` each chart instead carries this loader: it fetches the bundle once per page from the file
# the kernel wrote under the server's root (Jupyter's own authenticated /files/ route; a same-origin fetch,
# as Jupyter refuses a module import made from a blob: module as coming from an unknown origin) and every
# chart on the page shares that one parsed module. Still offline: the server is the local Jupyter.
LAB_LOADER_ESM = """
const config = JSON.parse((document.getElementById("jupyter-config-data") || {}).textContent || "{}");
const url = new URL("files/__PATH__", new URL(config.baseUrl || "/", window.location.origin)).href;
const loaded = (globalThis.__wxshopAltairBundles ??= {});
loaded[url] ??= fetch(url, {credentials: "same-origin"})
  .then((response) => { if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`); return response.text(); })
  .then((source) => import(URL.createObjectURL(new Blob([source], {type: "text/javascript"}))));
export default { async render(context) { return (await loaded[url]).default.render(context); } };
"""


def offline_bundle() -> str:
    """vl-convert's offline bundle for Altair's JupyterChart, as ``JupyterChart.enable_offline`` builds it (about
    4 s of CPU in every kernel), kept in the user cache under the versions and source that make it."""
    from altair.jupyter import JupyterChart
    from altair.jupyter.jupyter_chart import load_js_src
    from altair.utils._importers import import_vl_convert, vl_version_for_vl_convert

    from wxshop.checkout import kept

    made_of = "\n".join([alt.__version__, import_vl_convert().__version__, vl_version_for_vl_convert(), load_js_src()])

    def build() -> str:
        JupyterChart.enable_offline(True)
        return JupyterChart._esm

    return kept(f"altair-offline-{hashlib.sha256(made_of.encode()).hexdigest()[:16]}.js", build)


def _share_lab_bundle(root: str) -> str | None:
    """Write the offline bundle once under ``root`` (named by its checksum) and make every JupyterChart
    load it from there; the file's path relative to ``root``, or None (then charts keep the inline bundle)."""
    from pathlib import Path

    from altair.jupyter import JupyterChart

    from wxshop.checkout import write_whole

    bundle = offline_bundle()  # vl-convert's bundle (what the renderer would build at the first chart)
    folder = Path(root).joinpath(*LAB_BUNDLE_DIR)
    target = folder / f"altair-jupyterchart-{hashlib.sha256(bundle.encode()).hexdigest()[:16]}.js"
    try:
        if not target.exists():
            write_whole(target, bundle)
    except OSError:
        return None
    relative = target.relative_to(Path(root)).as_posix()
    JupyterChart._esm = LAB_LOADER_ESM.replace("__PATH__", relative)
    JupyterChart._is_offline = True  # what enable_offline(True) sets: the renderer does not build the bundle again
    return relative


def jupyter_chart_bundle(chart: alt.TopLevelMixin) -> dict:
    """A chart's mime bundle in live Jupyter: Altair's offline JupyterChart widget made from the chart itself.

    What Altair's "jupyter" renderer shows, with the chart checked against the Vega-Lite schema once (by the
    widget's ``to_dict``). Through the renderer a chart is validated three times: ``_repr_mimebundle_``'s
    ``to_dict``, then ``Chart.from_dict`` on that dict (which, for a layered or concatenated chart, first fails
    validation as each other kind of chart), then the widget's ``to_dict``: about two thirds of a chapter's
    run in Lab (人、货、场: 23 s of 29 s)."""
    from altair.jupyter import JupyterChart

    JupyterChart.enable_offline(True)  # what the renderer calls before every chart (a no-op once offline)
    return JupyterChart(chart)._repr_mimebundle_()


def _show_charts_as_widgets() -> None:
    """In an IPython kernel, display every Altair chart through :func:`jupyter_chart_bundle` (outside one,
    nothing to do)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.mimebundle_formatter.for_type(alt.TopLevelMixin, jupyter_chart_bundle)


def _enable() -> str:
    """The site's renderer under the build; Altair's offline Jupyter widget in live Jupyter (JupyterLab
    with anywidget, ``make lab``, where the bundle is shared: see LAB_LOADER_ESM), each chart displayed by
    :func:`jupyter_chart_bundle`; else (a direct papermill run without the Lab set) the site's renderer, which
    needs no network and no widget library."""
    if os.environ.get(SITE_ENV) != "site":
        try:
            import anywidget  # noqa: F401

            alt.renderers.enable("jupyter", offline=True)  # a chart's _repr_mimebundle_, called directly
            if os.environ.get(LAB_ROOT_ENV):
                _share_lab_bundle(os.environ[LAB_ROOT_ENV])
            _show_charts_as_widgets()
            return "jupyter"
        except Exception:  # noqa: BLE001
            pass
    alt.renderers.enable("wxshop_site")
    return "wxshop_site"


RENDERER = _enable()
