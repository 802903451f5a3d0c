"""The analysts' ipywidgets panel of chapter 二: the growth helper on any two levels, as the chapter uses it."""
from __future__ import annotations

from typing import Any

from wxshop import units
from wxshop.chapters.people_goods_place import growth, model
from wxshop.i18n import _
from wxshop.widgets import LABEL_STYLE, Field, InputError, Panel

def levels() -> tuple[Field, Field]:
    """The panel's two level fields, labelled in the chapter's language."""
    return (Field("start", _("起点水平"), minimum=0, exclusive_minimum=True),
            Field("end", _("终点水平"), minimum=0, exclusive_minimum=True))


def growth_result(start: float, end: float, start_period: str, end_period: str) -> str:
    """What the panel shows for two levels and their periods: the eras, the multiple, the change and the CAGR."""
    try:
        years = growth.years_between(start_period, end_period)
    except ValueError as exc:
        raise InputError(_("时期应写作 YYYY 或 YYYY-MM，且终点晚于起点：{error}", error=exc)) from None
    eras = [_(model.BY_KEY[e].label) if e else _("PC互联网时代之前")
            for e in (model.era_of(start_period), model.era_of(end_period))]
    return (_("<p>{start_period}（{start_era}）→ {end_period}（{end_era}），相隔 {years} 年：</p>",
              start_period=start_period, start_era=eras[0], end_period=end_period, end_era=eras[1],
              years=f"{years:.2f}")
            + _("<p>倍数 <b>{multiple}</b>，变化 <b>{change}</b>，年均复合增速 <b>{cagr}</b></p>",
                multiple=f"{growth.multiple(start, end):.2f}",
                change=units.format_percent(growth.change(start, end), 1, signed=True),
                cagr=units.format_percent(growth.cagr(start, end, years), 1, signed=True)))


def growth_panel(start: float = 146, end: float = 1613, start_period: str = "1999-06",
                 end_period: str = "2002-06") -> Panel:
    """Two levels (any unit) and their periods in; the growth helper's multiple, change and CAGR out."""
    import ipywidgets as w

    periods = {name: w.Text(value=value, description=label, style=LABEL_STYLE)
               for name, value, label in (("start_period", start_period, _("起点时期（YYYY 或 YYYY-MM）")),
                                          ("end_period", end_period, _("终点时期（YYYY 或 YYYY-MM）")))}

    def compute(v: dict[str, Any]) -> str:
        return growth_result(v["start"], v["end"], periods["start_period"].value.strip(),
                             periods["end_period"].value.strip())

    panel = Panel(list(levels()), {"start": start, "end": end}, compute)
    for control in periods.values():
        control.observe(lambda change: panel.redraw(), names="value")
    panel.children = (panel.children[0], w.HBox(list(periods.values())), panel.result)
    panel.redraw()
    return panel
