"""The book's chart theme: Chinese fonts, sizes and colours shared by every chart."""
from __future__ import annotations

import altair as alt

FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# Axis labels in 万 for large counts: formatting only (the Chinese edition's; wxshop.units.vega_number is
# the one that follows the chapter's language).
WAN_LABEL = "datum.value >= 10000 ? format(datum.value / 10000, ',.4~f') + '万' : format(datum.value, ',')"  # i18n: key
RED = "#c0392b"
BLUE = "#1f4e79"
MUTED = "#555555"


@alt.theme.register("wxshop", enable=True)
def theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "title": {"font": FONT, "fontSize": 15, "anchor": "start"},
            "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12},
            "text": {"fontSize": 12},
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
        }
    }
