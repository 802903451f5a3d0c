"""Chapter 一: the report's heading, its exhibits and the parameters of its three readers' tools.

The timeline of Tencent's e-commerce attempts (图表1–2), WeChat Shop monetisation (mini-program GMV
moved into WeChat Shop x its fee, 1.1) and the illustrative public/private-domain loop (1.2).
"""
from __future__ import annotations

from wxshop.i18n import N_
from wxshop.params import Model, Param, Spec

# The report's three attempts (1.1), keyed for parameters (ASCII), with the report's words.
ATTEMPTS = ("all", "self", "invest", "wechat")
ATTEMPT_NAMES = {"self": "尝试一", "invest": "尝试二", "wechat": "尝试三"}  # i18n: key (the data's attempt names)
ATTEMPT_LABELS = (N_("全部"), N_("尝试一：自建"), N_("尝试二：投资"), N_("尝试三：微信团队"))
MAX_GMV_YI = 10_000_000  # 1000万亿元: far above any GMV
MAX_MONTHLY_GMV = 1e12  # 1万亿元 a month: far above any merchant


def _rate(name: str, label: str, help_text: str) -> Param:
    return Param(name, "number", help_text, label=label, unit=N_("比率"), source=f"assumptions:wechat_shop.{name}",
                 minimum=0, maximum=1)


SPEC = Spec(
    stem="wechat_shop",
    title=N_("一、小店有望开拓“社交+”电商新模式"),
    exhibits=tuple(range(1, 12)),
    params=(
        Param("attempt", "choice", N_("which of the report's attempts the timeline shows first: all, self (尝试一), "
              "invest (尝试二) or wechat (尝试三)"), label=N_("时间线显示的阶段"), choice_default="all",
              choices=ATTEMPTS, choice_labels=ATTEMPT_LABELS),
        Param("miniprogram_year", "integer", "which year's mini-program GMV in the data package: 2019 or 2020",
              label=N_("小程序交易额的年份"), unit=N_("年"), source="assumptions:wechat_shop.miniprogram_year",
              minimum=2019, maximum=2020),
        Param("miniprogram_gmv", "number", N_("mini-program GMV in 亿元 (None: the chosen year's public value)"),
              label=N_("小程序交易额"), unit=N_("亿元"), minimum=0, maximum=MAX_GMV_YI, optional=True),
        Param("share", "number", "share of mini-program GMV that moves into WeChat Shop, 0-1",
              label=N_("转入微信小店的比例"), unit=N_("比率"), source="assumptions:wechat_shop.share", minimum=0, maximum=1),
        Param("fee_rate", "number", "WeChat Shop fee rate on the moved GMV, 0-1 (the report: mostly 5%)",
              label=N_("微信小店费率"), unit=N_("比率"), source="report_facts:wechat_shop_tech_service_fee",
              minimum=0, maximum=1),
        Param("public_gmv", "number", N_("GMV the bought public-domain traffic brings each month, 元"),
              label=N_("每月购买的公域流量带来的GMV"), unit=N_("元"), source="assumptions:wechat_shop.public_gmv",
              minimum=0, maximum=MAX_MONTHLY_GMV, exclusive_minimum=True),
        _rate("capture", N_("公域成交沉淀进私域的比例"), N_("share of each month's public-domain GMV whose buyers join "
              "the private pool (包裹卡, 客服导流), 0-1")),
        _rate("repurchase", N_("私域成员每月复购率"), "share of the private pool that orders again each month, 0-1"),
        _rate("churn", N_("私域成员每月流失率"), "share of the private pool lost each month, 0-1"),
        Param("boost", "number", N_("元 of natural public-domain GMV next month per 元 of private-pool GMV "
              "(the 搜一搜 ranking weight), 0-5"), label=N_("私域成交带来的次月自然流量GMV（每1元）"), unit=N_("元/元"),
              source="assumptions:wechat_shop.boost", minimum=0, maximum=5),
        Param("months", "integer", "months simulated, 12-24", label=N_("模拟月数"), unit=N_("月"),
              source="assumptions:wechat_shop.months", minimum=12, maximum=24),
    ),
    question=N_("买来的公域成交沉淀进私域、再带回自然流量，两年下来能多出多少GMV？"),
    card_figure=3,
    models=(
        Model("wxshop.chapters.wechat_shop.fee_model.incremental_fee_revenue", N_("微信小店费用收入模型"),
              N_("小程序交易额中转入微信小店的比例乘以技术服务费率，得到腾讯新增的费用收入。")),
        Model("wxshop.chapters.wechat_shop.flywheel.simulate", N_("公域—私域循环模型（示意）"),
              N_("按本版假设的各项比率逐月推算有无“公域导私域、私域反哺公域”循环时的交易额。")),
        Model("wxshop.chapters.wechat_shop.gift_case.multiple_of_previous_day", N_("日环比倍数换算"),
              N_("由报告给出的日环比增幅换算当天交易额是前一天的多少倍。")),
    ),
)
