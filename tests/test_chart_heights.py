"""The room a page keeps for a chart before it draws: the chart's height as rendered at a column's width, kept
in the user cache so a run renders only the charts that changed."""
from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from wxshop.charts import render


def vega(height: int) -> dict:
    chart = alt.Chart(pd.DataFrame({"year": [2019, 2020, 2021], "value": [1.0, 2.0, 4.0]})).mark_bar().encode(
        x="year:O", y="value:Q").properties(width=300, height=height)
    return vlc.vegalite_to_vega(chart.to_dict())


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WXSHOP_CACHE_DIR", str(tmp_path))
    return tmp_path


def refuse(*_args):
    raise AssertionError("rendered again")


def test_a_kept_height_is_the_rendered_one_and_is_not_rendered_again(cache, monkeypatch):
    spec = vega(200)
    rendered = render._rendered_height(spec, render.PHONE_COLUMN)
    assert 200 < rendered < 300  # the plot's 200 px and the axis below it
    assert render.drawn_height(spec, render.PHONE_COLUMN) == rendered
    assert len(list((cache / "heights").iterdir())) == 1
    monkeypatch.setattr(render, "_rendered_height", refuse)
    assert render.drawn_height(spec, render.PHONE_COLUMN) == rendered


def test_another_chart_or_column_is_rendered(cache, monkeypatch):
    render.drawn_height(vega(200), render.PHONE_COLUMN)
    assert render.drawn_height(vega(320), render.PHONE_COLUMN) > render.drawn_height(vega(200), render.PHONE_COLUMN)
    monkeypatch.setattr(render, "_rendered_height", refuse)
    with pytest.raises(AssertionError, match="rendered again"):
        render.drawn_height(vega(200), render.WIDE_COLUMN)
    with pytest.raises(AssertionError, match="rendered again"):
        render.drawn_height(vega(201), render.PHONE_COLUMN)


def test_a_spoiled_kept_height_is_rendered_again(cache):
    spec = vega(200)
    height = render.drawn_height(spec, render.PHONE_COLUMN)
    [kept] = (cache / "heights").iterdir()
    kept.write_text("not a number", encoding="ascii")
    assert render.drawn_height(spec, render.PHONE_COLUMN) == height
    assert kept.read_text(encoding="ascii") == str(height)
