"""Chapter 三: the report's heading, its exhibits and the take-rate model's parameters."""
from __future__ import annotations

from typing import Any

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

CASES = ("low", "mid", "high")
CASE_LABELS = (N_("低费率（报告区间下端）"), N_("中间费率（区间中点，假设）"), N_("高费率（报告区间上端）"))
# Parameter-name keys (ASCII) of the platforms, with the reader's names.
PLATFORM_KEYS = {"taotian": N_("淘天（阿里巴巴）"), "pdd": N_("拼多多"), "douyin": N_("抖音"), "kuaishou": N_("快手"),
                 "channels": N_("视频号（微信小店）")}
# The controls' labels of each platform's rate and GMV (message ids: the shared code translates them where shown).
RATE_LABELS = {"taotian": N_("淘天（阿里巴巴）费率"), "pdd": N_("拼多多费率"), "douyin": N_("抖音费率"),
               "kuaishou": N_("快手费率"), "channels": N_("视频号（微信小店）费率")}
GMV_LABELS = {"taotian": N_("淘天（阿里巴巴） 2023年GMV"), "pdd": N_("拼多多 2023年GMV"), "douyin": N_("抖音 2023年GMV"),
              "kuaishou": N_("快手 2023年GMV"), "channels": N_("视频号（微信小店） 2023年GMV")}
MAX_GMV_YI = 10_000_000  # 1000万亿元: far above any platform's GMV


def _platform_params() -> list[Param]:
    rates = [Param(f"rate_{key}", "number", f"{label} take rate as a fraction, 0.008 = 0.8% (None: the case's value)",
                   label=RATE_LABELS[key], unit="比率", minimum=0, maximum=1, optional=True)  # i18n: key
             for key, label in PLATFORM_KEYS.items()]
    gmv = [Param(f"gmv_{key}", "number", f"{label} 2023 GMV in 亿元 (None: the data package's value)",  # i18n: key
                 label=GMV_LABELS[key], unit="亿元", minimum=0, maximum=MAX_GMV_YI, optional=True)  # i18n: key
           for key, label in PLATFORM_KEYS.items()]
    return rates + gmv


def _shift_keeps_rates_in_range(values: dict[str, Any]) -> str | None:
    shift = values["shift_pp"]
    for key in PLATFORM_KEYS:
        rate = values[f"rate_{key}"]
        if rate is not None and not 0 <= rate + shift / 100 <= 1:
            return (f"parameter 'shift_pp' = {shift!r} is not allowed with rate_{key} = {rate!r}; "
                    f"expected rate_{key} + shift_pp/100 within 0–1 (0%–100%)")
    return None


SPEC = Spec(
    stem="omnichannel",
    title=N_("三、电商平台经营策略演进--进入精细化运营的全域电商时代"),
    exhibits=tuple(range(33, 44)),
    params=(
        Param("case", "choice",
              "take-rate case: low (the report's range ends), mid (range midpoints, an assumption) or high",
              label=N_("费率情形"), choice_default="mid", choices=CASES, choice_labels=CASE_LABELS),
        Param("shift_pp", "number", "percentage points added to every platform's take rate",
              label=N_("各平台费率统一调整"),
              unit="百分点", source="assumptions:omnichannel.shift_pp",  # i18n: key
              minimum=-0.5, maximum=10),
        *_platform_params(),
        Param("taotian_exempt_share", "number", "share of Taobao GMV exempt from the 0.6% fee, 0-1",
              label=N_("淘宝GMV中豁免交易服务费的比例"),
              unit="比率",  # i18n: key
              source="assumptions:omnichannel.taotian_exempt_share", minimum=0, maximum=1),
    ),
    rules=(_shift_keeps_rates_in_range,),
    question=N_("如果各平台的费率统一上调或下调，它们的费用收入会怎样变化？"),
    models=(
        Model("wxshop.chapters.omnichannel.model.revenue_table", N_("平台货币化模型"),
              N_("平台收入＝交易额（GMV）×费率，按平台逐一计算。")),
    ),
)
