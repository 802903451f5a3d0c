"""Putting a chapter's parts on the page: HTML strings and charts, displayed in order."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def show(items: Iterable[Any]) -> None:
    """Display each item: an HTML string as HTML, anything else (a chart) as itself."""
    from IPython.display import HTML, display

    for item in items:
        display(HTML(item) if isinstance(item, str) else item)
