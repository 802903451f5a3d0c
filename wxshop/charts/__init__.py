"""Shared chart parts: theme and renderer, captions, HTML tables, the slider-grid helper, and the timeline and
diagram charts of exhibits rebuilt from the report's text (``timeline``, ``diagram``).

A chart is a small function in a chapter's home that takes a DataFrame (a model's output or a
data resource) and returns a Chart. Chart expressions only select rows and format labels; they
never compute a model.
"""
from __future__ import annotations

from wxshop.charts import render, theme  # noqa: F401  (registers the theme and the site renderer)
from wxshop.charts.captions import (caption, described, drawn_sources, exhibit_caption, exhibit_title,  # noqa: F401
                                    source_line)
from wxshop.charts.tables import exhibit_table, filter_table, table_html  # noqa: F401
from wxshop.charts.theme import BLUE, FONT, MUTED, RED, WAN_LABEL  # noqa: F401
