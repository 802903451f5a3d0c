"""The English edition in Debian's chromium: every control of every English chapter changes its chart and
reads out in English, the page's own scripts speak English (read-outs, table filters, download names), and
nothing is fetched from another host. (axe, the 360 px checks and the navigation run on both editions in
test_quality; the Nu Html Checker reads every page of both.)"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from wxshop import i18n
from wxshop.build import toc
from wxshop.charts import render

pytestmark = [pytest.mark.browser, pytest.mark.site]

ROOT = Path(__file__).resolve().parent.parent
CHAPTER_PAGES = ["en/" + toc.page_of(ROOT, stem) for stem in toc.notebooks(ROOT)]
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")

CONTROLS_JS = """() => [...document.querySelectorAll('.wxshop-figure')].flatMap((fig, figure) =>
  [...fig.querySelectorAll('input[data-signal], select[data-signal]')].map((el) => ({
    figure, signal: el.dataset.signal, tag: el.tagName, value: el.value, min: el.min, max: el.max, step: el.step,
    format: el.dataset.format || null, options: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value) : null,
    label: (fig.querySelector('label[for="' + el.id + '"]') || {}).textContent || '' })))"""


def other_value(control: dict) -> str:
    """A value of the control other than the current one, as a reader would pick it."""
    if control["tag"] == "SELECT":
        return next(v for v in control["options"] if v != control["value"])
    return control["max"] if float(control["value"]) != float(control["max"]) else control["min"]


def english_readout(control: dict, value: str) -> str:
    previous = i18n.language()
    i18n.set_language("en")
    try:
        return render.format_value(control["format"], float(value))
    finally:
        i18n.set_language(previous)


@pytest.mark.parametrize("path", CHAPTER_PAGES)
def test_every_english_control_changes_its_chart_and_reads_out_in_english(watch, path):
    watch.open(path)
    count = watch.page.evaluate("window.wxshopCharts.drawAll().then(() => window.wxshopCharts.figures.length)")
    controls = watch.page.evaluate(CONTROLS_JS)
    assert count and controls, path
    unchanged = []
    for control in controls:
        assert control["label"].strip() and not HAN.search(control["label"]), control
        before = watch.page.evaluate(f"{watch.view(control['figure'])}.scenegraph().toJSON()")
        value = other_value(control)
        watch.set_control(control["figure"], control["signal"], value)
        after = watch.page.evaluate(f"{watch.view(control['figure'])}.scenegraph().toJSON()")
        if after == before:
            unchanged.append(f"figure {control['figure']} {control['signal']}={value}")
        if control["tag"] == "INPUT":
            shown = watch.control(control["figure"], control["signal"]).evaluate(
                "el => el.parentNode.querySelector('output').textContent")
            assert shown == english_readout(control, value), control
            assert not HAN.search(shown), shown
    assert unchanged == [], path
    assert watch.blocked == [] and watch.errors == [], path


def test_the_english_tables_and_chart_tools_speak_english(watch):
    """The filterable tables' status and the download names are the page's language, not the Chinese."""
    watch.open("en/book/data_methods.html")
    box = watch.page.locator(".wxshop-long-controls input").first
    box.fill("CNNIC")
    status = box.evaluate("el => { let b = el; while (b && !b.querySelector('.wxshop-long-status')) b = b.parentElement; "
                          "return b.querySelector('.wxshop-long-status').textContent; }")
    assert re.fullmatch(r"Found \d+ of \d+ rows", status), status
    watch.open("en/notebooks/omnichannel.html")
    table = watch.page.locator(".wxshop-filter-table").first
    table.locator("select.wxshop-filter").select_option(index=1)
    shown = table.locator("tbody tr:not([hidden])").count()
    status = table.locator(".wxshop-table-status").inner_text()
    assert re.fullmatch(rf"Showing {shown} of \d+ \([^)]+\)", status) and not HAN.search(status), status
    watch.page.evaluate("window.wxshopCharts.drawAll().then(() => true)")
    names = watch.page.evaluate("window.wxshopCharts.figures.map((f, i) => window.wxshopCharts.fileName(i))")
    assert names and all(not HAN.search(n) for n in names), names
    assert any(n.startswith("Exhibit") for n in names) and any(n.startswith("Edition_") for n in names), names
    assert watch.blocked == [] and watch.errors == []
