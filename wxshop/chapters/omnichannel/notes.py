"""Editors' notes of chapter 三, shown beside its exhibits and models (the edition's words, not the report's).

The constants are message ids (:func:`wxshop.i18n.N_`): translate them with ``_()`` where they are used.
"""
from __future__ import annotations

from wxshop import i18n
from wxshop.i18n import N_, _

SYNTUN = N_("星图数据各年的统计周期与覆盖范围并不相同（例如2024年双十一自10月14日起统计），"
            "各年总额不能严格比较。")
VOLUME = N_("2014年同比国家统计局公布为59.4%，报告写作57.60%，两者并列。")


def gaps(years: list[int], first: int, last: int, searched: str = "") -> str:
    """'2015、2017年的数值未找到可核对的公开来源，该年留空。' for the years between first and last without a point.

    ``searched`` says what was searched for them (shown in brackets after 公开来源); a message id, translated here.
    """
    missing = [str(y) for y in range(first, last + 1) if y not in set(years)]
    if not missing:
        return ""
    listed = (", " if i18n.is_english() else "、").join(missing)  # i18n: key
    if searched:
        return _("{years}年的数值未找到可核对的公开来源（{searched}），该年留空，不插值。", years=listed,
                 searched=_(searched))
    return _("{years}年的数值未找到可核对的公开来源，该年留空，不插值。", years=listed)


VOLUME_SEARCHED = N_("检索了国家统计局统计公报与商务部《中国电子商务报告》的中英文报道")
VOLUME_CAPTION = N_("同比为官方可比口径增速，不由相邻年份的水平值推算；2024年为报告数字（报告称出自国家统计局，"
                    "该年的国家统计局发布本版未找到）。")
# Each festival's note, after SYNTUN: ``_(SYNTUN) + _(FESTIVALS[festival])``.
FESTIVALS = {
    "618": N_("2024年：报告称综合电商平台5717亿元（占比约77%）、直播电商平台2068亿元（占比约28%），"
              "两项占比相加超过100%（渠道有重叠），照录。"),
    "双十一":  # i18n: key
        N_("2024年14418亿元为报告数字，媒体多约为14400亿元。"),
}
PLATFORM_GMV = N_("原图数值未能找回；本图各条取自报告正文与公开报道并逐条标注来源。视频号约1000亿元为预计值，"
                  "不是实际值；抖音两种公开口径并列（36氪含商品卡）；快手公司公告同比+31.4%，报告写作33%。"
                  "京东只有增速、小红书的GMV未找到（检索了晚点、36氪与中英文报道），均不画。")
TAKE_RATE_CHART = N_("只计交易服务费或技术服务费，不含广告等其他变现，因此不是报告所说的货币化率；"
                     "抖音GMV取报告的2.2万亿元（36氪含商品卡口径为2.7万亿元）；视频号约1000亿元为预计值。")
STRATEGY = N_("节点只取报告写明时间的该平台举措，文字为报告原句的片段；原图的其他内容（如未写时间的举措）无法复原，"
              "不补画。")
