"""The analysts' ipywidgets panel of chapter 三: any rate and GMV, same model."""
from __future__ import annotations

from typing import Any

from wxshop import units
from wxshop.chapters.omnichannel import model
from wxshop.chapters.omnichannel.spec import PLATFORM_KEYS, SPEC
from wxshop.i18n import _
from wxshop.widgets import Panel, field, result_table

YUAN = "元"  # i18n: key (the unit wxshop.units writes as RMB in English)


def take_rate_panel(gmv: dict[str, float], rates_by_case: dict[str, dict[str, float]], p: dict[str, Any],
                    exempt: dict[str, float]) -> Panel:
    """Case, shift, and every platform's rate (in %) and 2023 GMV (in 亿元); shows the revenue table."""
    spec = SPEC.by_name()
    fields = [field(spec["case"]), field(spec["shift_pp"]),
              *(field(spec[f"rate_{k}"], minimum=0, maximum=1) for k in PLATFORM_KEYS),
              *(field(spec[f"gmv_{k}"], scale=units.YI) for k in PLATFORM_KEYS)]
    values: dict[str, Any] = {"case": p["case"], "shift_pp": p["shift_pp"]}
    for key, platform in model.KEYS.items():
        values[f"rate_{key}"] = rates_by_case[p["case"]][platform]
        values[f"gmv_{key}"] = gmv[platform]

    def compute(v: dict[str, Any]) -> str:
        table = model.revenue_table({model.KEYS[k]: v[f"gmv_{k}"] for k in PLATFORM_KEYS},
                                    {model.KEYS[k]: v[f"rate_{k}"] for k in PLATFORM_KEYS}, v["shift_pp"], exempt)
        factor, unit = units.display_scale("亿", YUAN)  # i18n: key
        digits = 1 if factor == 1 else 2  # 0.1亿 is 0.01bn
        body = result_table(table, {
            "label": (_("平台"), _),
            "take_rate": (_("费率"), lambda x: units.format_percent(x, 2)),
            "revenue": (_("费用收入（{unit}）", unit=unit), lambda x: f"{x / units.YI * factor:,.{digits}f}"),
            "change": (_("较未调整（{unit}）", unit=unit), lambda x: f"{x / units.YI * factor:+,.{digits}f}"),
            "per_pp": (_("费率每提高1个百分点增收（{unit}）", unit=unit), lambda x: f"{x / units.YI * factor:,.{digits}f}"),
        })
        return _("<p>合计费用收入：<b>{total}</b></p>", total=units.format_yi(table["revenue"].sum(), YUAN, 1)) + body

    def on_choice(panel: Panel, name: str) -> None:
        chosen = rates_by_case[panel.controls["case"].value]
        panel.set_values({f"rate_{k}": chosen[platform] for k, platform in model.KEYS.items()})

    return Panel(fields, values, compute, on_choice)

