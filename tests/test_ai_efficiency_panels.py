"""Section 2.4's ipywidgets panels: full Chinese labels, per-cent inputs, no clamping, the same models."""
from __future__ import annotations

import re

import pytest

from wxshop import units
from wxshop.chapters.ai_efficiency import model, wiring
from wxshop.chapters.ai_efficiency.spec import SPEC
from wxshop.widgets import InputError, field

P = SPEC.defaults()


def text(panel) -> str:
    return re.sub(r"<[^>]+>", "", panel.result.value)


def test_the_moderation_panel_shows_the_models_totals_with_full_labels():
    panel = wiring.moderation_panel(P)
    labels = [c.description for c in panel.controls.values()]
    assert "图片日审核量（次/天）" in labels and "直播声音日审核量（小时/天）" in labels
    assert "AI单价在报告区间中的位置（%）" in labels and "人工审核单价（元/千次）" in labels
    total = model.totals(wiring.moderation(P))
    assert f"AI审核每月 {units.format_yuan(total['ai_cost'], 2)}" in text(panel)
    assert "AI每月费用（万元）" in panel.result.value and "ai_cost" not in panel.result.value


def test_the_human_price_is_typed_per_thousand_as_the_report_prints_it():
    panel = wiring.moderation_panel(P)
    assert panel.controls["human_price"].value == pytest.approx(70)


def test_choosing_the_large_preset_fills_in_its_volumes_and_redraws():
    panel = wiring.moderation_panel(P)
    before = text(panel)
    panel.controls["preset"].value = "large"
    volumes = model.presets_from_table(wiring.data.load("moderation_presets"))["large"]
    assert panel.controls["images_per_day"].value == volumes["image"]
    assert text(panel) != before
    total = model.totals(model.moderation_costs(volumes, model.unit_prices(wiring.price_ranges(), P["position"]),
                                                0.07, model.human_reviews_per_unit(P["reviews_per_audio_hour"]), 30))
    assert f"AI审核每月 {units.format_yuan(total['ai_cost'], 2)}" in text(panel)


def test_a_human_price_equal_to_the_ai_price_saves_nothing_in_the_panel():
    panel = wiring.moderation_panel(P)
    for name in ("images_per_day", "texts_per_day", "audio_hours_per_day", "video_frames_per_day",
                 "live_frames_per_day", "live_audio_hours_per_day", "doc_pages_per_day"):
        panel.controls[name].value = 0
    panel.controls["images_per_day"].value = 1000
    panel.controls["position"].value = 0
    panel.controls["human_price"].value = 0.33  # 元/千次: the report's low image price
    assert "节省 0元" in text(panel)


def test_a_position_out_of_range_is_refused_in_chinese_not_clamped():
    panel = wiring.moderation_panel(P)
    panel.controls["position"].value = 150
    assert "「AI单价在报告区间中的位置」= 150% 超出允许范围" in text(panel)
    position = field(SPEC.by_name()["position"])
    with pytest.raises(InputError):
        position.to_model(-5)


def test_the_ad_panel_at_strength_zero_shows_every_reading_at_the_baseline():
    panel = wiring.ad_panel(P)
    assert panel.controls["strength"].description == "AI提升幅度的计入比例（%）"
    panel.controls["strength"].value = 0
    shown = text(panel)
    # 1,000,000 元 / 50 元 = 20,000 conversions and 300万元 of revenue in every row.
    assert shown.count("20,000") == 4 and shown.count("300.00") == 4 and "+" not in shown
    assert "素材生成耗时 1,440 分钟" in shown


def test_the_ad_panel_at_full_strength_shows_the_tables_uplifts():
    panel = wiring.ad_panel(P)
    shown = text(panel)
    assert "+30%" in shown and "+32%" in shown and "素材生成耗时 10 分钟" in shown
