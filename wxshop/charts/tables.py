"""HTML tables for report exhibits and model inputs: plain, accessible, and scrollable on phones.

Filterable tables follow one class contract with ``wxshop/static/table.js`` (named here once):
the box carries :data:`FILTER_TABLE`, its ``data-filter-column`` and ``data-noun``; the controls
paragraph :data:`CONTROLS` starts hidden and holds the select :data:`FILTER` and the status
:data:`STATUS`; each header holds a :data:`SORT` button and every cell names its ``data-column``.
Without script the whole table shows, except a table given ``first_rows``: its rows past the first ones are
``hidden`` in the markup (the box says how many in ``data-first-rows``), so a phone lays out only those before
table.js offers the rest (a button, or any filter); the page links the table's own data file.
"""
from __future__ import annotations

import html
import os
import re
from urllib.parse import urlparse
from pathlib import Path

import pandas as pd

from wxshop import data
from wxshop.i18n import _, data_text, html_lang

FILTER_TABLE = "wxshop-filter-table"
CONTROLS = "wxshop-table-controls"
FILTER = "wxshop-filter"
STATUS = "wxshop-table-status"
SORT = "wxshop-sort"
WRAP = "wxshop-table-wrap"
TABLE_JS = Path(__file__).resolve().parent.parent / "static" / "table.js"
SITE_ENV = "WXSHOP_RENDER"


ADDRESS = re.compile(r"https?://[^\s（）()，；、<>\"]+")  # i18n: key


def _cell(value: object) -> str:
    """A cell's text, escaped; an address in it reads as a link named by its host (no raw address in a table)."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else data_text(str(value))
    out, last = [], 0
    for match in ADDRESS.finditer(text):
        url = match.group(0).rstrip(".")
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(urlparse(url).netloc or url)}</a>')
        last = match.start() + len(url)
    out.append(html.escape(text[last:]))
    return "".join(out)


def wrap(table: str, title: str) -> str:
    """A table in a box that scrolls sideways on narrow screens (keyboard-focusable, labelled)."""
    return (f"<div class=\"{WRAP}\" role=\"region\" tabindex=\"0\" aria-label=\"{html.escape(title, quote=True)}\">"
            f"{table}</div>")


def table_html(frame: pd.DataFrame, columns: dict[str, str], title: str) -> str:
    """A plain, accessible HTML table of ``columns`` (name -> header) with a caption."""
    head = "".join(f"<th scope=\"col\">{html.escape(data_text(label))}</th>" for label in columns.values())
    body = "".join("<tr>" + "".join(f"<td>{_cell(row[name])}</td>" for name in columns) + "</tr>"
                   for _, row in frame.iterrows())
    title = data_text(title)
    return wrap(f"<table class=\"wxshop-table\"><caption>{html.escape(title)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", title)


def exhibit_columns(resource: str) -> dict[str, str]:
    """A verbatim table's own columns (not row numbers or provenance) with the report's headers."""
    schema = data.schema(resource)
    skip = {"row", "note", *data.PROVENANCE}
    return {f["name"]: f.get("title", f["name"]) for f in schema["fields"] if f["name"] not in skip}


def exhibit_table(frame: pd.DataFrame, title: str) -> str:
    """A verbatim report table under the report's headers."""
    return table_html(frame, exhibit_columns(frame.attrs["resource"]), title)


def _linked(row: pd.Series, name: str, links: dict[str, str]) -> str:
    """A cell's text, as a link when ``links`` names a column holding its address (and the row has one)."""
    href = row[links[name]] if name in links else None
    if href is None or (not isinstance(href, str) and pd.isna(href)) or not str(href):
        return _cell(row[name])
    return f"<a href=\"{html.escape(str(href), quote=True)}\">{_cell(row[name])}</a>"


def filter_table(frame: pd.DataFrame, columns: dict[str, str], filter_column: str | None, title: str,
                 noun: str = "", links: dict[str, str] | None = None, first_rows: int | None = None) -> str:
    """A table readers can filter by ``filter_column`` (None: sort only) and sort by any column.

    ``links`` maps a shown column to the column of ``frame`` holding the address its cells link to.
    ``first_rows``: a long table shows only its first rows until the reader asks for all or filters.
    """
    if first_rows is not None and first_rows < 1:
        raise ValueError(f"first_rows = {first_rows!r}: expected a positive number of rows, or None for all")
    links = links or {}
    noun = noun or _("行")
    options = "" if filter_column is None else "".join(
        f"<option value=\"{_cell(v)}\">{_cell(v)}</option>" for v in dict.fromkeys(frame[filter_column]))
    head = "".join(
        f"<th scope=\"col\" aria-sort=\"none\" data-column=\"{html.escape(name)}\">"
        f"<button type=\"button\" class=\"{SORT}\">{html.escape(data_text(text))}</button></th>"
        for name, text in columns.items())
    total = len(frame)
    shown = total if first_rows is None else min(first_rows, total)
    body = "".join(
        ("<tr>" if index < shown else "<tr hidden>")
        + "".join(f"<td data-column=\"{html.escape(name)}\">{_linked(row, name, links)}</td>" for name in columns)
        + "</tr>" for index, (_key, row) in enumerate(frame.iterrows()))
    select = "" if filter_column is None else (
        "<label>" + _("按{column}筛选：", column=html.escape(data_text(columns[filter_column])))
        + f"<select class=\"{FILTER}\"><option value=\"\">" + _("全部") + f"</option>{options}</select></label>")
    column_attr = "" if filter_column is None else f" data-filter-column=\"{html.escape(filter_column)}\""
    title = data_text(title)
    table = (f"<table class=\"wxshop-table\"><caption>{html.escape(title)}</caption>"
             f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    status = _("显示 {shown} / {total} 个{noun}", shown="{shown}", total="{total}", noun=html.escape(noun))
    first_attr = "" if shown == total else (
        f" data-first-rows=\"{shown}\" data-more=\""
        + html.escape(_("显示全部 {total} 个{noun}", total=total, noun=noun), quote=True) + "\"")
    markup = (f"<div class=\"{FILTER_TABLE}\"{column_attr}{first_attr} lang=\"{html_lang()}\" "
              f"data-noun=\"{html.escape(noun)}\" data-status=\"{html.escape(status, quote=True)}\">"
              f"<p class=\"{CONTROLS}\" hidden>{select}"
              f"<span class=\"{STATUS}\" aria-live=\"polite\">"
              + _("显示 {shown} / {total} 个{noun}", shown=shown, total=total, noun=html.escape(noun)) + "</span>"
              "<span class=\"wxshop-table-hint\">" + _("点击表头可排序") + "</span></p>"
              + f"{wrap(table, title)}</div>")
    if os.environ.get(SITE_ENV) != "site":  # live Jupyter: the script comes with the table (the site serves it once)
        markup += f"<script>{TABLE_JS.read_text(encoding='utf-8')}</script>"
    return markup
