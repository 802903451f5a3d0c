"""The book's glossary (术语表): terms the chapters use, with the edition's definitions.

The definitions are the edition's words (shown on the glossary page in an editors' block, and on
hover or focus where a term first appears in a section). Terms are matched in the page text by the
browser (``wxshop/static/notes.js``); the report's text itself is never changed.

The English edition's terms live in one place, ``locale/glossary.csv`` (columns ``zh,en,accepted,note``;
``accepted`` lists the forms a translation may use, separated by ``|``), read by :func:`english_terms`.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from wxshop.checkout import ROOT

GLOSSARY_CSV = Path("locale") / "glossary.csv"

# term -> definition (Simplified Chinese). Longer terms first where one contains another.
TERMS: dict[str, str] = {
    "人货场": "零售分析的三要素：人（消费者及其需求与决策）、货（商品、供应链与履约）、场（交易发生的渠道与场景）。"
              "报告用它划分电商的三个时代。",
    "GMV": "商品交易总额（Gross Merchandise Volume）：一段时间内平台上成交的商品金额，通常含未付款、退货等订单，"
           "不等于平台收入。",
    "货币化率": "平台从其 GMV 中取得的收入（佣金、交易服务费、广告等）占 GMV 的比例，衡量平台把交易变现的能力。",
    "交易服务费": "平台按成交金额向商家收取的费用（报告第三章给出了淘宝、闲鱼和淘系之外平台的费率）。",
    "技术服务费": "微信小店按类目向商家收取的费用（费率见报告图表6）。",
    "KOC": "关键意见消费者（Key Opinion Consumer）：粉丝较少、以真实使用体验分享为主的普通用户型博主。",
    "KOL": "关键意见领袖（Key Opinion Leader）：粉丝众多、影响力大的头部博主或网红。",
    "公域": "平台按算法或付费分配给所有商家的公共流量（如推荐、搜索、广告），商家需要持续争取或购买。",
    "私域": "商家自己可以反复触达、无需再为每次触达付费的用户关系（如企业微信好友、社群、公众号关注者）。",
    "达播": "由达人（主播、网红）在自己的直播间为品牌带货的直播形式。",
    "店播": "由品牌或商家在自己的店铺直播间自行直播卖货的形式。",
    "C2M": "顾客对工厂（Customer-to-Manufacturer）：依据消费端的需求数据反向定制生产。",
    "货找人": "以算法推荐把商品推到可能感兴趣的用户面前，由内容激发需求（兴趣电商的逻辑）。",
    "人找货": "用户带着明确需求主动搜索、比价后购买（传统货架电商的逻辑）。",
    "全域电商": "平台打通内容、货架、搜索、私域等多种场景与流量入口，统一经营商品与用户的模式。",
    "小程序": "运行在微信内、无需下载安装的轻应用；小程序电商即商家在小程序里自建的商城。",
    "灰度测试": "新功能先向一部分用户开放试用、再逐步扩大范围的发布方式。",
    "非计划性消费": "用户原本没有购买计划、在浏览内容或社交互动中被激发的消费。",
    "冷启动": "新商品或新账号在没有历史数据和用户积累时获得最初的曝光与订单的过程。",
}


def as_json() -> str:
    """The terms and definitions for the browser, longest terms first (so a longer term wins)."""
    ordered = sorted(TERMS.items(), key=lambda item: -len(item[0]))
    return json.dumps([{"term": t, "definition": d} for t, d in ordered], ensure_ascii=False)


@dataclass(frozen=True)
class EnglishTerm:
    """A row of ``locale/glossary.csv``: the Chinese term, its English form and every accepted form."""

    zh: str
    en: str
    accepted: tuple[str, ...]
    note: str = ""


class GlossaryError(ValueError):
    """``locale/glossary.csv`` is malformed; the message names the file, the line and the problem."""


def english_terms(path: Path | None = None) -> tuple[EnglishTerm, ...]:
    """The bilingual glossary's rows, in file order, validated.

    Every ``zh`` is unique and non-empty, every ``en`` non-empty and one of its row's ``accepted`` forms
    (``|``-separated, none empty). ``path`` defaults to ``<checkout>/locale/glossary.csv``.
    """
    path = path if path is not None else ROOT / GLOSSARY_CSV
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"zh", "en", "accepted"} - set(reader.fieldnames or ())
        if missing:
            raise GlossaryError(f"{path}: missing column(s) {', '.join(sorted(missing))}; "
                                "the header must be zh,en,accepted,note")
        rows: list[EnglishTerm] = []
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            zh, en = (row.get("zh") or "").strip(), (row.get("en") or "").strip()
            accepted = tuple(form.strip() for form in (row.get("accepted") or "").split("|"))
            where = f"{path}, line {line}"
            if not zh:
                raise GlossaryError(f"{where}: empty zh")
            if zh in seen:
                raise GlossaryError(f"{where}: zh {zh!r} repeats line {seen[zh]}")
            if not en:
                raise GlossaryError(f"{where}: {zh!r} has an empty en")
            if any(not form for form in accepted):
                raise GlossaryError(f"{where}: {zh!r} has an empty accepted form ({row.get('accepted')!r})")
            if en not in accepted:
                raise GlossaryError(f"{where}: {zh!r}: en {en!r} is not among its accepted forms {list(accepted)}")
            seen[zh] = line
            rows.append(EnglishTerm(zh, en, accepted, (row.get("note") or "").strip()))
    return tuple(rows)
