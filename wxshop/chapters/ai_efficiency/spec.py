"""Section 2.4: the report's heading, its exhibits and the two models' parameters."""
from __future__ import annotations

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

PRESETS = ("mid", "large")
PRESET_LABELS = (N_("中型平台（假设）"), N_("大型平台（假设）"))
# Daily volumes by modality: parameter-name key -> (the model's modality key, the reader's name, unit).
VOLUME_KEYS = {
    "images_per_day": ("image", N_("图片"), N_("次/天")),
    "texts_per_day": ("text", N_("文本"), N_("条/天")),
    "audio_hours_per_day": ("audio", N_("音频"), N_("小时/天")),
    "video_frames_per_day": ("video", N_("视频截帧"), N_("帧/天")),
    "live_frames_per_day": ("live_frame", N_("直播画面"), N_("张/天")),
    "live_audio_hours_per_day": ("live_audio", N_("直播声音"), N_("小时/天")),
    "doc_pages_per_day": ("document", N_("文档页"), N_("页/天")),
}
DAILY_VOLUME = N_("日审核量")  # a label suffix: each "<modality>日审核量" has its own catalogue entry
MAX_VOLUME = 1e12  # far above any platform's daily volume


def _volume_params() -> list[Param]:
    return [Param(name, "number", f"{label} per day ({unit}); None: the chosen preset's value",
                  label=label + DAILY_VOLUME, unit=unit, minimum=0, maximum=MAX_VOLUME, optional=True)
            for name, (_key, label, unit) in VOLUME_KEYS.items()]



SPEC = Spec(
    stem="ai_efficiency",
    title=N_("2.4 未来已来，AI+将提升产业链运营效率"),
    exhibits=tuple(range(22, 33)),
    params=(
        Param("preset", "choice", "daily volume mix: mid (a mid-size platform) or large; both are assumptions",
              label=N_("审核量情形"), choice_default="mid", choices=PRESETS, choice_labels=PRESET_LABELS),
        *_volume_params(),
        Param("position", "number",
              "where each AI unit price sits in the report's low-high range: 0 = low end, 1 = high end",
              label=N_("AI单价在报告区间中的位置"), unit=N_("比率"), source="assumptions:ai_efficiency.position",
              minimum=0, maximum=1),
        Param("human_price", "number", "human review price in yuan per 1000 reviews (None: the report's 70 yuan per 1000)",
              label=N_("人工审核单价"), unit=N_("元/千次"), minimum=0, maximum=100_000, optional=True),
        Param("reviews_per_audio_hour", "number", "human reviews one hour of audio counts as (per-review price)",
              label=N_("每小时音频折合的人工审核次数"), unit=N_("次/小时"),
              source="assumptions:ai_efficiency.reviews_per_audio_hour", minimum=0, maximum=3600),
        Param("days_per_month", "number", "days in a month for the monthly cost", label=N_("每月天数"), unit=N_("天"),
              source="assumptions:ai_efficiency.days_per_month", minimum=1, maximum=31),
        Param("ad_spend", "number", "baseline monthly advertising spend, yuan", label=N_("每月广告花费"), unit=N_("元"),
              source="assumptions:ai_efficiency.ad_spend", minimum=0, maximum=1e12, exclusive_minimum=True),
        Param("conversion_rate", "number", "baseline conversions per click, as a fraction",
              label=N_("基线转化率"), unit=N_("比率"), source="assumptions:ai_efficiency.conversion_rate",
              minimum=0, maximum=1, exclusive_minimum=True),
        Param("cac", "number", "baseline cost of acquiring one customer (one conversion), yuan",
              label=N_("基线单用户获取成本"), unit=N_("元"), source="assumptions:ai_efficiency.cac",
              minimum=0, maximum=1e8, exclusive_minimum=True),
        Param("order_value", "number", "revenue per conversion, yuan", label=N_("每次转化带来的收入"), unit=N_("元"),
              source="assumptions:ai_efficiency.order_value", minimum=0, maximum=1e8,
              exclusive_minimum=True),
        Param("strength", "number", "share of the report's uplifts (Exhibit 27) applied: 0 = baseline, 1 = as stated",
              label=N_("AI提升幅度的计入比例"), unit=N_("比率"), source="assumptions:ai_efficiency.strength",
              minimum=0, maximum=1),
    ),
    question=N_("把内容审核交给AI，一个平台每月能比人工审核省多少钱？"),
    card_figure=0,
    models=(
        Model("wxshop.chapters.ai_efficiency.model.moderation_costs", N_("内容审核费用模型"),
              N_("按各类内容的日审核量与图表25的单价，计算AI审核与人工审核的每月费用。")),
        Model("wxshop.chapters.ai_efficiency.model.ad_outcomes", N_("AI广告效果模型"),
              N_("把图表27的各项提升幅度分别用到同一个广告基线上，计算转化、获客成本与收入的变化。")),
    ),
)
