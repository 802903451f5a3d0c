"""Editors' notes of section 2.4 shown in captions (the edition's words, not the report's)."""
from __future__ import annotations

EXHIBIT25 = ("“审核方式”“效率提升”为原表跨行的合并单元格，这里在每一行重复；文本定价原文无“元”字；"
             "人工审核70元/千次原表未注明出处，公开资料中也未找到。")
MODERATION_CHART = ("示意模型：审核量为假设；AI单价取报告区间内的同一位置，视频与文档按“图片单价+附加费”计；"
                    "人工按每张图片、每条文本、每帧、每页各一次计，音频每小时折合次数为假设；未计视频中的声音。")
AD_CHART = ("示意模型：花费、转化率、获客成本与客单价为假设；三项提升幅度来自不同平台的例子，"
            "本版分别计算、并列展示，不把它们相加。")
