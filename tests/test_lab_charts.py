"""Charts in JupyterLab load Vega once per page: under `make lab` (its kernels know the server's root) every
chart's widget carries a small loader and the offline bundle is written once under the root, where the
local Jupyter server serves it; without that root a chart keeps Altair's inline offline bundle."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import json
from altair.jupyter import JupyterChart
from wxshop.charts import render
import altair as alt, pandas as pd
JupyterChart.enable_offline(True)  # what Altair's jupyter renderer calls before every chart
chart = JupyterChart(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x"))
print(json.dumps({"renderer": render.RENDERER, "esm": chart._esm}))
"""


# A kernel that must not build the bundle: vl-convert's bundler fails if called.
NO_BUNDLER = """
import vl_convert
def refused(*args, **kwargs):
    raise RuntimeError("the bundle was built again")
vl_convert.javascript_bundle = refused
"""


def probe(env_root: Path | None, cache: Path, build: bool = True) -> dict:
    pytest.importorskip("anywidget", reason="anywidget is installed with the Lab set (requirements-lab.txt)")
    env = {k: v for k, v in os.environ.items() if k not in ("WXSHOP_RENDER", "WXSHOP_LAB_ROOT")}
    if env_root is not None:
        env["WXSHOP_LAB_ROOT"] = str(env_root)
    env["PYTHONPATH"] = str(ROOT)
    env["WXSHOP_CACHE_DIR"] = str(cache)
    code = PROBE if build else NO_BUNDLER + PROBE
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_under_make_lab_each_chart_carries_a_loader_and_the_bundle_is_written_once(tmp_path):
    cache = tmp_path / "cache"
    inline = probe(None, cache)
    assert inline["renderer"] == "jupyter"
    assert "vega" in inline["esm"] and len(inline["esm"]) > 500_000  # Altair's offline bundle, in every chart
    shared = probe(tmp_path, cache)
    assert len(shared["esm"]) < 2_000
    files = list((tmp_path / "_build" / "lab").glob("altair-jupyterchart-*.js"))
    assert len(files) == 1
    assert f'"files/_build/lab/{files[0].name}"' in shared["esm"]  # Jupyter's /files/ route, under the root
    assert files[0].read_text(encoding="utf-8") == inline["esm"]  # the very bundle a chart would inline
    # The next kernel under `make lab` reuses both: the file under the root, and the bundle kept in the user
    # cache (vl-convert's bundler, seconds of CPU in every kernel, is not called again).
    assert probe(tmp_path, cache, build=False)["esm"] == shared["esm"]
    assert len(list(files[0].parent.iterdir())) == 1
    with pytest.raises(subprocess.CalledProcessError, match="returned non-zero"):  # the probe can tell
        probe(tmp_path, tmp_path / "empty cache", build=False)


def test_lab_kernels_are_told_the_servers_root(tmp_path):
    from wxshop import lab

    assert lab.environment(tmp_path)["WXSHOP_LAB_ROOT"] == str(tmp_path)


DISPLAY_PROBE = """
import json
import altair as alt, pandas as pd
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()  # a kernel's shell, before the chapter's imports (as in a notebook)
from wxshop.charts import render
def refused(*args, **kwargs):
    raise RuntimeError("the chart went through a dict round trip")
alt.Chart.from_dict = classmethod(refused)  # what Altair's jupyter renderer calls, validating again
base = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).encode(x="x:Q", y="y:Q")
chart = base.mark_line() + base.mark_point()  # a layered chart: the renderer's costliest case
data, _meta = shell.display_formatter.format(chart)
view = data["application/vnd.jupyter.widget-view+json"]
from ipywidgets import Widget
widget = Widget.widgets[view["model_id"]]
print(json.dumps({"renderer": render.RENDERER, "same": widget.spec == chart.to_dict(), "layers": len(widget.spec["layer"])}))
"""


def test_a_chart_shown_in_a_kernel_is_its_offline_widget_made_from_the_chart_itself(tmp_path):
    """In live Jupyter a chart displays as Altair's JupyterChart of that very chart (its spec the chart's own),
    without the renderer's dict round trip, which validates the chart twice more (two thirds of a chapter's run)."""
    pytest.importorskip("anywidget", reason="anywidget is installed with the Lab set (requirements-lab.txt)")
    env = {k: v for k, v in os.environ.items() if k not in ("WXSHOP_RENDER", "WXSHOP_LAB_ROOT")}
    env["PYTHONPATH"] = str(ROOT)
    env["WXSHOP_CACHE_DIR"] = str(tmp_path / "cache")
    out = subprocess.run([sys.executable, "-c", DISPLAY_PROBE], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"renderer": "jupyter", "same": True, "layers": 2}
