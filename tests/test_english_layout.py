"""English charts keep to a phone's column: legends one entry a line with long labels broken between words,
long category labels on a y axis and long x-axis titles on two lines (``wxshop.charts.render``). Measured on the
SVG vl-convert draws from the page's own Vega spec at the phone's chart width; the Chinese spec is left as it was."""
from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from wxshop.charts import render

pytestmark = pytest.mark.slow  # vl-convert draws each chart: about 2 s a test

LONG = "Internet users (CNNIC, National Bureau of Statistics of China)"
ROWS = pd.DataFrame({"year": [2001, 2002, 2003], "value": [1.0, 2.0, 3.0],
                     "series": [LONG, "Computers connected to the internet (CNNIC)", "The report's text"],
                     "platform": ["WeChat Channels (WeChat Shop)", "Taotian (Alibaba)", "Pinduoduo"]})


def legend_chart() -> alt.Chart:
    return alt.Chart(ROWS).mark_point().encode(
        x=alt.X("year:O", title="Uniform change in take rates (percentage points)"), y="value:Q",
        color=alt.Color("series:N", legend=alt.Legend(orient="top", columns=3)),
        shape=alt.Shape("platform:N", legend=alt.Legend(orient="top"))).properties(width=300)


def bar_chart(height: int = 120) -> alt.Chart:
    return alt.Chart(ROWS).mark_bar().encode(y=alt.Y("platform:N", title=None), x="value:Q").properties(
        width=300, height=height)


def vega_of(chart: alt.Chart) -> dict:
    markup = render.figure_html(chart.to_dict())
    found = re.search(r'<script type="application/json" class="wxshop-spec">(.*?)</script>', markup, re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


def drawn(vega: dict) -> tuple[float, list[str]]:
    """The SVG's width in the phone's column, and its lines of text: drawn as charts.js draws it, the plot the
    column's width less 80 px, then narrower by whatever still sticks out (never below 120 px)."""
    want = render.PHONE_COLUMN - 80
    svg = vlc.vega_to_svg(dict(vega, width=want))
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    if width > render.PHONE_COLUMN:
        svg = vlc.vega_to_svg(dict(vega, width=max(120, want - (width - render.PHONE_COLUMN) - 4)))
        width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg).group(1))
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg) + re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    return width, [line.replace("&apos;", "'") for line in lines]


def test_an_english_legend_is_one_entry_a_line_and_long_labels_break_between_words(english):
    width, lines = drawn(vega_of(legend_chart()))
    assert width <= render.PHONE_COLUMN
    parts = [line for line in lines if line and line in LONG]
    assert " ".join(parts) == LONG and len(parts) >= 2  # every word kept, on two lines or more
    assert all(len(part) <= render.LEGEND_LINE for part in parts)
    assert "Computers connected to the internet" in " ".join(lines)


def test_english_y_categories_and_a_long_x_title_break_onto_lines_and_fit(english):
    width, lines = drawn(vega_of(bar_chart()))
    assert width <= render.PHONE_COLUMN
    assert ["WeChat Channels", "(WeChat Shop)"] == [line for line in lines if line in ("WeChat Channels", "(WeChat Shop)")]
    _width, lines = drawn(vega_of(legend_chart()))
    assert "Uniform change in take rates" in lines and "(percentage points)" in lines


def test_english_y_categories_stay_on_one_line_where_their_bands_have_no_room_for_two(english):
    _width, lines = drawn(vega_of(bar_chart(height=3 * 20)))
    assert "(WeChat Shop)" not in lines  # one line, cut short by Vega, rather than lines written over each other


def test_the_same_chart_in_chinese_keeps_its_columns_and_labels():
    vega = vega_of(legend_chart())
    legends = [legend for legend in vega.get("legends", [])]
    assert legends and not any("labelExpr" in json.dumps(legend) and LONG in json.dumps(legend) for legend in legends)
    assert "layout" not in vega.get("config", {}).get("legend", {})
    width, _lines = drawn(vega)
    assert width > render.PHONE_COLUMN  # what the English rules avoid: three columns of long labels are too wide
