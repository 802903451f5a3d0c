"""Chapter 二 (2.1–2.3): the report's heading, its exhibits and the reader controls' starting positions."""
from __future__ import annotations

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

# The report's three eras (section headings 2.1–2.3), in order; "all" reads them side by side.
ERA_KEYS = ("pc", "mobile", "live")
ERA_CHOICES = ("auto", "all", *ERA_KEYS)
ERA_CHOICE_LABELS = (N_("各图所在小节的时代"), N_("三个时代并列"), N_("PC互联网时代（1998-2012）"),
                     N_("移动互联网时代（2013-2018）"), N_("直播电商时代（2019-至今）"))
SCALES = ("log", "linear")
SCALE_LABELS = (N_("对数刻度"), N_("线性刻度"))

SPEC = Spec(
    stem="people_goods_place",
    title=N_("二、从人、货、场三要素看电商行业演进"),
    exhibits=tuple(range(12, 22)),
    params=(
        Param("era", "choice",
              "era the charts highlight when the page opens: auto (each chart its own section's era; the explorer "
              "all three), all, pc, mobile or live",
              label=N_("初始突出的时代"), choice_default="auto", choices=ERA_CHOICES, choice_labels=ERA_CHOICE_LABELS),
        Param("scale", "choice", "y scale of the series charts when the page opens: log or linear",
              label=N_("纵轴刻度"), choice_default="log", choices=SCALES, choice_labels=SCALE_LABELS),
    ),
    question=N_("网民、快递、5G基站与直播电商：人、货、场在三个时代各增长了多少？"),
    card_figure=5,
    models=(
        Model("wxshop.chapters.people_goods_place.growth", N_("增长数字复算"),
              N_("由报告给出的两个时点的数值复算倍数、增减、年均复合增长率与百分点变化。")),
    ),
)
