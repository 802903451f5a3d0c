"""The analysts' ipywidgets panel for 4.3: every allocator input as a free field, same model."""
from __future__ import annotations

from typing import Any

from wxshop import units
from wxshop.chapters.new_platforms import model
from wxshop.chapters.new_platforms.charts import OBJECTIVE_UNITS
from wxshop.chapters.new_platforms.spec import SPEC
from wxshop.i18n import _
from wxshop.widgets import Panel, field, result_table

CREATOR_FIELDS = ("cost_per_post", "followers", "engagement_rate")


def allocator_panel(cases: dict[str, tuple[model.Creator, model.Creator]], p: dict[str, Any]) -> Panel:
    """Budget, case, objective, the chosen case's creator inputs and the saturation assumptions."""
    spec = SPEC.by_name()
    names = ["budget", "case", "objective", *(f"{who}_{f}" for who in ("koc", "kol") for f in CREATOR_FIELDS),
             "koc_pool", "kol_pool", "conversion_rate", "kol_trust"]
    fields = [field(spec[n]) for n in names]
    koc, kol = cases[p["case"]]
    values = dict(p)
    for who, creator in (("koc", koc), ("kol", kol)):
        for name in CREATOR_FIELDS:
            values[f"{who}_{name}"] = getattr(creator, name)

    def compute(v: dict[str, Any]) -> str:
        pair = tuple(
            model.Creator(v[f"{who}_cost_per_post"], v[f"{who}_followers"], v[f"{who}_engagement_rate"],
                          v[f"{who}_pool"], v["conversion_rate"] * (v["kol_trust"] if who == "kol" else 1.0))
            for who in ("koc", "kol"))
        curve = model.allocation_curve(v["budget"], *pair, p["share_step"])
        objective = v["objective"]
        best = model.best_share(curve, objective)
        unit = OBJECTIVE_UNITS[objective]
        table = result_table(curve, {
            "koc_share": (_("KOC 预算占比"), lambda x: units.format_percent(x, 0)),
            "koc_posts": (_("KOC 篇数"), lambda x: f"{x:,.0f}"),
            "kol_posts": (_("KOL 篇数"), lambda x: f"{x:,.0f}"),
            "reach": (_("曝光（人）"), lambda x: units.format_scaled(x, "", 1)),
            "engagements": (_("互动（次）"), lambda x: units.format_scaled(x, "", 1)),
            "conversions": (_("转化（笔）"), lambda x: units.format_scaled(x, "", 1)),
            "unspent": (_("未花完（元）"), lambda x: f"{x:,.0f}"),
        })
        goal = _(model.OBJECTIVE_LABELS[objective])
        return _("<p>{goal}最大的 KOC 预算占比：<b>{share}</b>，此时{goal} {total}</p>", goal=goal,
                 share=units.format_percent(best["koc_share"], 0),
                 total=units.format_scaled(best[objective], unit, 1)) + table

    def on_choice(panel: Panel, name: str) -> None:
        if name == "case":
            chosen = panel.controls["case"].value
            koc_c, kol_c = cases[chosen]
            panel.set_values({f"{who}_{f}": getattr(c, f) for who, c in (("koc", koc_c), ("kol", kol_c))
                              for f in CREATOR_FIELDS})
        else:
            panel.redraw()

    return Panel(fields, {n: values[n] for n in names}, compute, on_choice)
