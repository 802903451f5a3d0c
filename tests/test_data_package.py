"""The data package under ``data/``: valid, traceable to the report, and loud when broken.

Expected values come from the report's text (``data/report_text.txt``, read by hand for the
tables below) or from ``data/CONVENTIONS.md``; the CSVs are read with the ``csv`` module, not
through the loader under test, except where the loader itself is what is tested.
"""
from __future__ import annotations

import csv
import json
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from frictionless import validate

from wxshop.data import DataError, load, validate_package

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABULAR = [r for r in DESCRIPTOR["resources"] if "schema" in r]
RESOURCES = {r["name"]: r for r in TABULAR}
RAW_TEXT = (DATA / "report_text.txt").read_text(encoding="utf-8")
PROVENANCE = ["source_type", "source", "quote", "confidence"]
NOT_DATA = {"row", *PROVENANCE, "note"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


TEXT = squash(RAW_TEXT)


def read_rows(name: str, folder: Path = DATA) -> list[dict]:
    with (folder / RESOURCES[name]["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


EXHIBITS = read_rows("exhibits")
REGISTER = {int(r["number"]): r for r in EXHIBITS}
REGISTERS = ("exhibits", "sources", "public_audit")
WITH_PROVENANCE = [r["name"] for r in TABULAR if r["name"] not in REGISTERS]
SOURCES = {r["id"]: r for r in read_rows("sources")}
GRADE = {"L": 0, "M": 1, "H": 2}
# The 13 exhibits the extracted text prints as text tables (all others are images).
TEXT_TABLES = {2, 15, 18, 21, 24, 25, 27, 28, 29, 31, 36, 47, 53}


def verbatim_resource(number: int) -> dict:
    found = [RESOURCES[n] for n in REGISTER[number]["resources"].split() if RESOURCES[n].get("verbatim")]
    assert len(found) == 1, f"图表{number}: expected one verbatim resource, got {[r['name'] for r in found]}"
    return found[0]


# --------------------------------------------------------------------------- the package as a whole

@pytest.mark.slow
def test_frictionless_validates_the_package():
    report = validate(str(DATA / "datapackage.json"))
    if not report.valid:
        print(report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"]))
    assert report.valid


@pytest.mark.slow  # frictionless over the whole package (as make book does)
def test_validate_package_returns_every_tabular_resource_with_its_row_count():
    counts = validate_package()
    assert set(counts) == set(RESOURCES)
    assert counts == {name: len(read_rows(name)) for name in RESOURCES}


@pytest.mark.parametrize("name", list(RESOURCES))
def test_resource_layout_follows_conventions(name):
    res = RESOURCES[name]
    assert res["path"] == f"{name}.csv" and re.fullmatch(r"[a-z0-9_]+", name)
    with (DATA / res["path"]).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [f["name"] for f in res["schema"]["fields"]]
    if name not in REGISTERS:
        assert set(PROVENANCE) <= set(header)


# --------------------------------------------------------------------------- provenance

@pytest.mark.parametrize("name", WITH_PROVENANCE)
def test_report_quotes_are_found_in_the_report_text(name):
    missing = [(i + 2, r["quote"]) for i, r in enumerate(read_rows(name))
               if r["source_type"] == "report" and (not r["quote"] or squash(r["quote"]) not in TEXT)]
    assert not missing


@pytest.mark.parametrize("name", [n for n in WITH_PROVENANCE if RESOURCES[n].get("verbatim")])
def test_verbatim_table_cells_are_found_in_the_report_text(name):
    text_cols = [f["name"] for f in RESOURCES[name]["schema"]["fields"]
                 if f.get("type", "string") == "string" and f["name"] not in NOT_DATA]
    missing = [(i + 2, c, r[c]) for i, r in enumerate(read_rows(name)) for c in text_cols
               if r[c] and squash(r[c]) not in TEXT]
    assert not missing


@pytest.mark.parametrize("name", WITH_PROVENANCE)
def test_provenance_columns_by_source_type(name):
    for line, row in enumerate(read_rows(name), start=2):
        where = f"{name} line {line}"
        assert row["source_type"] in ("report", "public", "assumption"), where
        assert row["source"].strip(), where
        if row["source_type"] == "public":
            assert row["confidence"] in ("H", "M", "L"), where
            assert row["quote"] == "", where
            assert row["source"] in SOURCES, where  # a source a reader can find
            assert GRADE[row["confidence"]] <= GRADE[SOURCES[row["source"]]["grade"]], where
        else:
            assert row["confidence"] == "", where
            assert (row["quote"] != "") == (row["source_type"] == "report"), where
        if row["source_type"] == "report":
            assert re.fullmatch(r"图表\d+|[1-4]\.[1-4]|基本结论|投资建议|风险提示|评级说明|五", row["source"]), where


def test_disagreement_ecommerce_2014_growth_keeps_both_rows():
    rows = {r["source_type"]: r for r in read_rows("ecommerce_transaction_volume") if r["year"] == "2014"}
    assert set(rows) == {"public", "report"}
    assert float(rows["public"]["yoy"]) == pytest.approx(0.594)
    assert float(rows["report"]["yoy"]) == pytest.approx(0.576)
    assert "57.60%" in squash(rows["report"]["quote"])
    assert float(rows["public"]["value"]) == float(rows["report"]["value"]) == pytest.approx(163_900e8)


def test_disagreement_kuaishou_2023_growth_keeps_both_rows():
    rows = [r for r in read_rows("platform_gmv_2023") if r["platform"] == "快手"]
    by_type = {r["source_type"]: float(r["yoy"]) for r in rows}
    assert by_type == {"public": pytest.approx(0.314), "report": pytest.approx(0.33)}


def test_disagreement_62wan_netizens_keeps_report_and_cnnic_rows():
    rows = [r for r in read_rows("internet_users") if r["users"] and float(r["users"]) == 620_000]
    assert {(r["date"], r["source_type"]) for r in rows} == {("1999-06", "report"), ("1997-10", "public")}
    report_row = next(r for r in rows if r["source_type"] == "report")
    assert "62万增加到4580万" in squash(report_row["quote"])


# --------------------------------------------------------------------------- report_facts coverage

FACTS = read_rows("report_facts")


@pytest.mark.parametrize("value, unit, fragment", [
    (10_000, "元", "不得超过1万元"),
    (0.05, "比率", "技术服务费大多数为5%"),
    (16.22, "比率", "增长1622%"),
    (0.85, "比率", "送礼订单占比达到85%"),
    (7_000_000, "人", "拍拍网用户达到700万"),
    (1.639e13, "元", "163900亿元"),
    (0.576, "比率", "57.60%"),
    (-0.009, "比率", "下降0.90%"),
    (4.338e11, "元", "4338亿元"),
    (3.5e12, "元", "3.5万亿元"),
    (0.23, "比率", "占网络零售额比重达23%"),
    (0.006, "比率", "0.6—1%"),
    (0.01, "比率", "0.6—1%"),
    (0.006, "比率", "收取0.6%的交易服务费"),
    (120_000, "元", "低于12万可豁免"),
    (1.4418e12, "元", "14418亿元"),
    (7.428e11, "元", "7428亿元"),
    (45_800_000, "人", "4580万"),
    (0.33, "比率", "47%和33%"),
])
def test_report_facts_cover_the_report_numbers(value, unit, fragment):
    assert fragment in TEXT  # the fragment is the report's own wording
    hits = [r for r in FACTS if r["unit"] == unit and math.isclose(float(r["value"]), value, rel_tol=1e-9)
            and fragment in squash(r["quote"])]
    assert hits, f"no report_facts row with value {value} {unit} quoting {fragment!r}"


# Word-only statements: the number each stands for.
WORDS = {"破亿": [1e8], "百元级": [100], "万元级": [1e4], "三个能力": [3], "八大红线": [8], "7*24小时": [7, 24]}
_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万|%)?")
_MULT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "%": 0.01, "": 1}


@pytest.mark.parametrize("row", FACTS, ids=[r["id"] for r in FACTS])
def test_report_fact_value_matches_its_as_stated_text(row):
    """The stored base-unit value is what the report wrote, converted (sign aside: 下降/减少 are negative)."""
    stated, value = squash(row["as_stated"]), float(row["value"])
    assert squash(row["as_stated"]) in squash(row["quote"]) or stated in TEXT
    if row["unit"] == "日期":
        assert value == float("".join(f"{int(n):02d}" for n in re.findall(r"\d+", stated)))
        return
    if stated in WORDS:
        assert abs(value) in WORDS[stated]
        return
    numbers = _NUM.findall(stated)
    assert 1 <= len(numbers) <= 2, stated
    scale = _MULT[numbers[-1][1]]  # a range such as 0.6—1% or 5%－15% shares its last unit
    candidates = [float(n) * (_MULT[word] if word else scale) for n, word in numbers]
    assert any(math.isclose(abs(value), c, rel_tol=1e-9) for c in candidates), (value, stated)


def test_report_fact_exhibit_column_matches_source():
    for row in FACTS:
        if row["exhibit"]:
            assert row["source"] == row["exhibit"], row["id"]


# --------------------------------------------------------------------------- exhibit register

def _section_of_each_exhibit() -> dict[int, str]:
    """Read from the text: the last '1.1 ...'-style heading before the exhibit's first '图表N：'."""
    section, found = None, {}
    for line in RAW_TEXT.splitlines():
        heading = re.match(r"\s*([1-4]\.[1-4]) ", line)
        if heading:
            section = heading.group(1)
        for number in re.findall(r"图表(\d+)：", line):
            found.setdefault(int(number), section)
    return found


def test_register_numbers_are_exactly_1_to_53():
    assert [int(r["number"]) for r in EXHIBITS] == list(range(1, 54))


@pytest.mark.parametrize("number", range(1, 54))
def test_register_title_source_and_section_match_the_text(number):
    row = REGISTER[number]
    assert squash(f"图表{number}：{row['title']}") in TEXT
    assert squash(row["source_line"]) in TEXT and row["source_line"].startswith("来源：")
    assert row["section"] == _section_of_each_exhibit()[number]


STATUSES = ("rebuilt_from_report", "rebuilt_from_text", "rebuilt_from_public", "public_reference", "described")
SHOWN = STATUSES[:4]  # a table, a timeline, a diagram or a chart: more than words


def test_register_enums():
    assert {r["status"] for r in EXHIBITS} <= set(STATUSES)
    status = next(f for f in RESOURCES["exhibits"]["schema"]["fields"] if f["name"] == "status")
    assert tuple(status["constraints"]["enum"]) == STATUSES
    assert "chapter" not in EXHIBITS[0]  # which chapter shows an exhibit is declared by the chapter


def test_register_resources_exist_in_the_descriptor():
    used = {name for r in EXHIBITS for name in r["resources"].split()}
    assert used <= set(RESOURCES)


def test_register_status_agrees_with_resources():
    rebuilt_from_report = {n for n, r in REGISTER.items() if r["status"] == "rebuilt_from_report"}
    assert rebuilt_from_report == TEXT_TABLES
    for number, row in REGISTER.items():
        names = row["resources"].split()
        verbatim = [n for n in names if RESOURCES[n].get("verbatim")]
        if row["status"] == "rebuilt_from_report":
            assert len(verbatim) == 1, number
        elif row["status"] in ("rebuilt_from_public", "public_reference"):
            assert names and not verbatim, number
            assert all(f"图表{number}" in RESOURCES[n]["description"] for n in names), number
        elif row["status"] == "rebuilt_from_text":  # drawn from the report's sentences only
            assert names and not verbatim, number
            for name in names:
                assert {r["source_type"] for r in read_rows(name)} == {"report"}, (number, name)
        else:  # described: nothing rebuilt
            assert not verbatim, number  # may list partial data it is described with


def test_at_least_35_exhibits_are_shown_as_more_than_words():
    """Issue 20: 23 exhibits were drawn or tabled; the report's text or public data give 14 more."""
    shown = {n for n, r in REGISTER.items() if r["status"] in SHOWN}
    assert len(shown) == 37 and len(shown) >= 35
    assert {n for n, r in REGISTER.items() if r["status"] == "rebuilt_from_text"} == {1, 7, 39, 40, 41, 42, 43, 46, 52}
    assert {n for n, r in REGISTER.items() if r["status"] == "public_reference"} == {16, 30, 50}
    assert {13, 14} <= {n for n, r in REGISTER.items() if r["status"] == "rebuilt_from_public"}


WORDS_FROM_THE_REPORT = ["platform_strategy_events", "wechat_traffic_entrances", "search_vs_content_chains", "domain_loop"]


@pytest.mark.parametrize("name", WORDS_FROM_THE_REPORT)
def test_every_word_a_timeline_or_diagram_shows_is_a_stretch_of_its_rows_report_sentence(name):
    fields = RESOURCES[name]["report_words"]
    assert "text" in fields
    for line, row in enumerate(read_rows(name), start=2):
        assert row["source_type"] == "report" and squash(row["quote"]) in TEXT, (name, line)
        for field in fields:
            assert squash(row.get(field) or "") in squash(row["quote"]), (name, line, field)


# Read by hand from report_text.txt: each platform's dated moves (3.4 and the other sections), and 3.4's headlines.
PLATFORM_MOVES = {
    "阿里巴巴": ["2003", "2004", "2004", "2008", "2009年", "2010年", "2013", "2020", "2024年8月9日"],
    "京东": ["2004", "2007", "2010年", "2014年3月", "2019"],
    "拼多多": ["2015", "2022年2月"],
    "快手": ["2018"],
    "抖音": ["2018", "2018年", "2020年"],
}
HEADLINES = {"阿里巴巴": "从单一服务到生态协同、从货架展示到内容驱动", "京东": "从极速配送到全链管控，从自营优势到全域联动",
             "拼多多": "从低价裂变到生态深耕、从下沉流量到全域渗透、从货架电商到场景融合",
             "快手": "以“信任+社交”为核心，推进全域电商生态", "抖音": "从工具化到生态化、从流量驱动到全域协同"}


def test_each_platform_timeline_has_3_4s_headline_and_only_the_moves_the_report_dates():
    rows = read_rows("platform_strategy_events")
    start = TEXT.index("3.4国内电商平台不同时期的侧重点国内电商平台的发展")  # the section, not the contents page
    section_3_4 = TEXT[start:TEXT.index("四、抖音电商成功启示", start)]
    for number, platform in zip(range(39, 44), HEADLINES):
        mine = [r for r in rows if r["platform"] == platform]
        assert {r["exhibit"] for r in mine} == {f"图表{number}"}
        (head,) = [r for r in mine if r["kind"] == "headline"]
        assert head["quote"] == f"{platform}：{HEADLINES[platform]}。" and squash(head["quote"]) in section_3_4
        moves = [r for r in mine if r["kind"] == "move"]
        assert sorted(r["when"] for r in moves) == sorted(PLATFORM_MOVES[platform]), platform
        for move in moves:
            year = move["when"][:4]
            assert year in squash(move["quote"]), move["row"]  # the date is the sentence's own
    assert not any("Temu" in r["quote"] for r in rows)  # the report does not say whose Temu is
    assert not any("7月正式全量" in r["quote"] for r in rows)  # a month without a year


# Read by hand from the pages each source row names (its note quotes the figure as printed).
LOGISTICS = {2003: (29.5437e12, "295437亿元"), 2004: (38.4e12, "38.4万亿元"), 2008: (89.9e12, "89.9万亿元"),
             2010: (125.4e12, "125.4万亿元"), 2013: (197.8e12, "197.8万亿元"), 2022: (347.6e12, "347.6万亿元"),
             2023: (352.4e12, "352.4万亿元")}
PORTS = {"2003": (18.023e6, "1802.3万个"), "2012": (268.355e6, "26835.5万个"), "2018": (8.9e8, "8.9亿个"),
         "2023": (11.36e8, "11.36亿个")}


@pytest.mark.parametrize("name, key, expected", [("social_logistics_total", "year", LOGISTICS),
                                                 ("broadband_ports", "date", PORTS)])
def test_exhibits_13_and_14_hold_only_the_years_a_publication_gives(name, key, expected):
    rows = {r[key]: r for r in read_rows(name)}
    assert sorted(rows) == sorted(str(k) for k in expected)
    column = "value" if name == "social_logistics_total" else "ports"
    for period, (value, printed) in expected.items():
        row = rows[str(period)]
        assert float(row[column]) == pytest.approx(value, rel=1e-9), period
        source = SOURCES[row["source"]]
        assert printed in source["note"] and source["seen_url"].startswith("http"), period
        assert GRADE[row["confidence"]] <= GRADE[source["grade"]]
    audited = {(r["resource"], r["row_key"]) for r in read_rows("public_audit") if r["outcome"] == "confirmed"}
    assert {(name, str(k)) for k in expected} <= audited


def test_every_verbatim_resource_belongs_to_one_text_table():
    owners = {verbatim_resource(n)["name"]: n for n in TEXT_TABLES}
    assert set(owners) == {n for n, r in RESOURCES.items() if r.get("verbatim")}
    for name, number in owners.items():
        source = next(f for f in RESOURCES[name]["schema"]["fields"] if f["name"] == "source")
        assert source["constraints"]["enum"] == [f"图表{number}"]
        assert {r["source"] for r in read_rows(name)} == {f"图表{number}"}


def _references() -> list[tuple[int, str]]:
    """(exhibit, resource) pairs the data itself declares: '服务于图表N' in a description, or report_facts.exhibit."""
    pairs = set()
    for name, res in RESOURCES.items():
        if name in ("exhibits", "report_facts") or res.get("verbatim"):
            continue
        for clause in re.findall(r"服务于([^。；]*)", res.get("description", "")):
            pairs |= {(int(n), name) for n in re.findall(r"图表(\d+)", clause)}
    pairs |= {(int(r["exhibit"][2:]), "report_facts") for r in FACTS if r["exhibit"]}
    return sorted(pairs)


@pytest.mark.parametrize("number, name", _references())
def test_register_lists_resources_that_serve_the_exhibit(number, name):
    assert name in REGISTER[number]["resources"].split()


# --------------------------------------------------------------------------- verbatim tables vs the report

# Read by hand from report_text.txt. header: the report's header cells, one per CSV data column
# (图表36's 双向渗透 is two stacked cells, split in two columns); labels: the row labels in order
# (for transposed tables, the report's column items); cells: further columns checked in full.
TABLE_SPECS = {
    2: dict(header=None, labels=["2005年9月", "2006年3月", "2007年3月", "2008年Q2", "2008年10月", "2011年",
                                 "2012年5月", "2014年3月", "2016年4月"]),
    15: dict(header=["对比维度", "演进形式"], labels=["人", "货", "场"]),
    18: dict(header=["对比维度", "用户粘性"], labels=["人", "货", "场"]),
    21: dict(header=["对比维度", "用户粘性"], labels=["人", "货", "场"],
             cells={1: ["新职业电商主播成为核心、用户交互需求升级、消费决策机制转变",
                        "展现形式革新、数据驱动供应链智能化、物流履约效率提升",
                        "视频内容成为新交易入口，人货场关系发生本质重构"]}),
    24: dict(header=None, transposed=True,
             labels=["提升知识构建与运维效率", "降低人工投入", "增强回答质量与拟人化能力", "多模态与数字人商用突破"]),
    25: dict(header=["审核方式", "审核类型", "定价", "效率提升"], label_col=1,
             labels=["图片", "音频", "文本", "视频", "直播画面", "直播声音", "文档审核", ""],
             cells={0: ["AI智能化审核"] * 7 + ["人工审核"],
                    2: ["0.33-1.5元/千次", "0.18-0.9元/小时", "0.3-2.2/千条", "图片或视频+0.1元/千次视频截帧费用",
                        "3元/千张", "2元/小时", "图片+0.1元/千页文档转图片费用", "70元/千次"],
                    3: ["几十倍至百倍"] * 7 + [""]}),
    27: dict(header=["指标", "提升幅度"],
             labels=["素材生成耗时（以腾讯广告妙思为例）", "广告转化率（以谷歌Performance Max工具为例）",
                     "广告主平均ROI（以Meta为例）", "单用户获取成本"],
             cells={1: ["由平均24h提升至10min", "30%↑", "32%↑", "30%↓"]}),
    28: dict(header=["互联网公司", "AI赋能广告业务", "AI广告布局"], labels=["腾讯", "字节跳动", "快手"],
             cells={2: ["“混元AI大模型”、“广告大模型”、“妙思”AI创意工作台", "Marketing API",
                        "磁力智投—AI智能创意推荐工具、快手广告UAA全自动化投放"]}),
    29: dict(header=None, transposed=True,
             labels=["AI和云计算基础设施建设", "AI基础模型平台以及AI原生应用", "现有业务的AI转型升级"]),
    31: dict(header=None, transposed=True, labels=["预测", "采购", "仓储", "配送"]),
    36: dict(header=["类别", "平台", "差异", "用户画像", "用户粘性", "优势", "劣势", "双向渗透", "双向渗透"],
             label_col=1, labels=["淘天集团", "京东", "拼多多", "抖音", "快手", "小红书", "腾讯电商"],
             cells={0: ["综合电商平台"] * 3 + ["社交电商平台"] * 4,
                    2: ["全品类、生态", "自营、物流体系", "性价比、社交裂变", "短视频种草", "信任消费", "内容驱动种草",
                        "私域流量、社交裂变"],
                    3: ["全年龄段", "高净值", "价格敏感", "年轻潮流", "下沉市场", "女性", "中老年"],
                    4: ["中"] * 3 + ["高"] * 4,
                    7: ["用户主动搜索"] * 3 + ["内容激发兴趣"] * 4}),
    47: dict(header=["对比维度", "传统电商", "抖音电商", "核心差异"],
             labels=["核心目标", "需求出发方式", "算法侧重点", "数据驱动维度", "流量分配机制", "用户画像",
                     "内容与商品匹配", "冷启动处理", "实时性"]),
    53: dict(header=["对比维度", "KOC（素人博主）", "KOL（大V网红）"],
             labels=["粉丝量", "互动率", "信任感", "投放成本", "适合品牌"],
             cells={1: ["1000-10000", "高（5-15%）", "强，用户更容易相信", "低（几十～几百元）", "新品种草、低预算推广"],
                    2: ["10W+", "低（1%-5%）", "易被认为是广告", "高（上千～上万元）", "品牌曝光、大促推广"]}),
}


def test_table_specs_cover_every_text_table():
    assert set(TABLE_SPECS) == TEXT_TABLES


@pytest.mark.parametrize("number", sorted(TABLE_SPECS))
def test_verbatim_table_has_the_reports_rows_and_columns(number):
    spec, res = TABLE_SPECS[number], verbatim_resource(number)
    rows = read_rows(res["name"])
    columns = [f["name"] for f in res["schema"]["fields"] if f["name"] not in NOT_DATA]
    header = spec["header"]
    if header:
        assert squash("".join(dict.fromkeys(header))) in TEXT  # the header row as printed
        assert len(columns) == len(header)
        for column, head in zip(columns, header):
            assert squash(column).split("_")[0] in squash(head), (column, head)
    else:  # one label column and one text column (图表2 split at '：'; 24/29/31 transposed)
        assert len(columns) == 2
    if spec.get("transposed"):
        assert squash("".join(spec["labels"])) in TEXT  # the items are the report's header row
    assert [int(r["row"]) for r in rows] == list(range(1, len(rows) + 1))
    column_values = lambda i: [squash(r[columns[i]]) for r in rows]  # noqa: E731
    assert column_values(spec.get("label_col", 0)) == [squash(x) for x in spec["labels"]]
    for index, expected in spec.get("cells", {}).items():
        assert column_values(index) == [squash(x) for x in expected], columns[index]


def test_paipai_timeline_rows_are_the_reports_lines():
    rows = read_rows(verbatim_resource(2)["name"])
    assert all(squash(f"{r['时间']}：{r['事件']}") in TEXT for r in rows)


# --------------------------------------------------------------------------- corrupted copies

@pytest.fixture
def tmp_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def set_cell(folder: Path, file: str, match: dict, column: str, value: str) -> int:
    """Change one cell of the first row matching ``match``; return that row's line number in the file."""
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header, body, line = next(reader), [], None
        for cells in reader:
            record = dict(zip(header, cells))
            if line is None and all(record[k] == v for k, v in match.items()):
                line = reader.line_num
                cells[header.index(column)] = value
            body.append(cells)
    assert line is not None, f"no row {match} in {file}"
    assert not any("\n" in c for cells in body for c in cells)  # so line numbers survive rewriting
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])
    return line


CORRUPTIONS = {
    "non-number": ("ecommerce_transaction_volume.csv", {"year": "2018"}, "value", "2.9万亿", "a number"),
    "non-number in report_facts": ("report_facts.csv", {"id": "paipai_users_2006_03_13"}, "value", "700万",
                                   "a number"),
    "non-integer year": ("base_stations_5g.csv", {"year": "2022"}, "year", "2022a", "an integer"),
    "exhibit number above 53": ("exhibits.csv", {"number": "5"}, "number", "99", "a value <= 53"),
    "negative count": ("base_stations_5g.csv", {"year": "2023"}, "stations", "-1", "a value >= 0"),
    "share above 1": ("internet_users.csv", {"date": "2015"}, "mobile_share", "1.5", "a value <= 1"),
    "empty source on a report row": ("report_facts.csv", {"id": "netizens_2002_06"}, "source", "", "a value"),
    "empty quote on a report row": ("livestream_market_size.csv", {"year": "2022"}, "quote", "",
                                    "the verbatim report text"),
    "empty confidence on a public row": ("ecommerce_transaction_volume.csv", {"year": "2018"}, "confidence", "",
                                         "H, M or L"),
    "a public source that is not in sources.csv": ("express_delivery.csv", {"year": "2016"}, "source",
                                                   "国家邮政局; 所见之处未记录（public-series.md §3）",
                                                   "the id of a row of data/sources.csv"),
    "a public row graded above its source": ("ecommerce_transaction_volume.csv", {"year": "2020"}, "confidence", "H",
                                             "a grade no higher than its source's"),
    "a verbatim row quoting only its label": ("exhibit15_pc_era_people_goods_place.csv", {"row": "1"}, "quote", "人",
                                              "the stretch of the report's table this row stands in"),
    "an assumption without a reason": ("assumptions.csv", {"id": "wechat_shop.share"}, "source", "", "a value"),
    "a source without the page it was read on": ("sources.csv", {"id": "spb_2016_bulletin"}, "seen_url", "", "a value"),
    "a source with a bad grade": ("sources.csv", {"id": "spb_2016_bulletin"}, "grade", "A", "one of"),
    "quote on a public row": ("base_stations_5g.csv", {"year": "2021"}, "quote", "5G基站数量", "no quote"),
    "quote not in the report": ("report_facts.csv", {"id": "paipai_users_2006_03_13"}, "quote",
                                "2006年 3月 13日，拍拍网用户达到 800万", "text found verbatim in the report"),
    "verbatim cell not in the report": ("exhibit53_koc_vs_kol.csv", {"row": "1"}, "KOC", "1000-20000",
                                        "a cell found verbatim"),
    "unknown exhibit in report_facts.exhibit": ("report_facts.csv", {"id": "wechat_shop_tech_service_fee"},
                                                "exhibit", "图表99", "a registered exhibit"),
    "unknown exhibit in a source column": ("report_facts.csv", {"id": "tmi_survey_sample_exhibit09"}, "source",
                                           "图表99", "a registered exhibit"),
    "unknown exhibit in a public series": ("ecommerce_transaction_volume.csv", {"year": "2024"}, "source",
                                           "图表54", "a registered exhibit"),
    "unknown resource in the register": ("exhibits.csv", {"number": "33"}, "resources",
                                         "ecommerce_transaction_volume no_such_resource", "names of resources"),
    "a status outside the register's enum": ("exhibits.csv", {"number": "39"}, "status", "drawn", "one of"),
    "a diagram word not in its row's sentence": ("domain_loop.csv", {"part": "public"}, "text", "朋友圈广告等私域渠道",
                                                 "words from this row's quote"),
    "an arrow's words not in its row's sentence": ("domain_loop.csv", {"part": "to_public"}, "detail",
                                                   "私域成交提升公域流量", "words from this row's quote"),
    "a timeline node not in its row's sentence": ("platform_strategy_events.csv", {"row": "9"}, "text",
                                                  "天猫（2009）从淘宝独立", "words from this row's quote"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CORRUPTIONS))
def test_corrupted_cell_is_reported_with_file_line_and_column(tmp_data, case):
    file, match, column, value, expected = CORRUPTIONS[case]
    line = set_cell(tmp_data, file, match, column, value)
    with pytest.raises(DataError) as caught:
        validate_package(tmp_data)
    message = str(caught.value)
    assert message.startswith(f"data/{file}, line {line}, column '{column}': expected {expected}"), message
    if file not in ("exhibits.csv", "sources.csv"):  # the resource's own loader reports the same fault
        with pytest.raises(DataError, match=re.escape(f"data/{file}, line {line}, column '{column}'")):
            load(Path(file).stem, data_dir=tmp_data)


def test_a_pass_is_remembered_by_content_and_a_changed_byte_is_checked_again(tmp_data, tmp_path, monkeypatch):
    monkeypatch.setenv("WXSHOP_CACHE_DIR", str(tmp_path / "cache"))
    marks = tmp_path / "cache" / "frictionless-passed"
    assert list(load("base_stations_5g", data_dir=tmp_data)["year"])[:1] == [2019]
    remembered = sorted(marks.iterdir())
    assert remembered  # the table and the registers it is checked with
    load("base_stations_5g", data_dir=tmp_data)
    assert sorted(marks.iterdir()) == remembered
    # one changed cell is new content: validated again, reported with file, line and column, not remembered
    line = set_cell(tmp_data, "base_stations_5g.csv", {"year": "2022"}, "year", "2022a")
    with pytest.raises(DataError, match=re.escape(f"data/base_stations_5g.csv, line {line}, column 'year'")):
        load("base_stations_5g", data_dir=tmp_data)
    assert sorted(marks.iterdir()) == remembered


def test_corruption_line_numbers_are_data_index_plus_two(tmp_data):
    # exhibits row of 图表5 is the 5th data row: line 6 of the file
    assert set_cell(tmp_data, "exhibits.csv", {"number": "5"}, "number", "99") == 6


@pytest.mark.slow
@pytest.mark.parametrize("name", ["report_facts", "koc_kol_cases", "exhibit53_koc_vs_kol", "exhibits"])
def test_missing_file_is_named(tmp_data, name):
    (tmp_data / f"{name}.csv").unlink()
    with pytest.raises(DataError, match=re.escape(f"data/{name}.csv: file is missing")):
        validate_package(tmp_data)


def test_unknown_resource_name_in_load():
    with pytest.raises(DataError, match="no_such_table"):
        load("no_such_table")


def test_load_koc_kol_cases_types(tmp_data):
    frame = load("koc_kol_cases", data_dir=tmp_data)
    rows = read_rows("koc_kol_cases", tmp_data)
    assert len(frame) == len(rows) == 18
    assert frame["value"].dtype == "float64"
    assert frame["value"].tolist() == [float(r["value"]) for r in rows]
    for column in ("case", "creator", "parameter", "unit", "source_type", "source", "quote", "confidence", "note"):
        assert isinstance(frame[column].dtype, pd.StringDtype), column
    assert frame["quote"].isna().sum() == sum(r["quote"] == "" for r in rows)
    assert frame.attrs["resource"] == "koc_kol_cases"


def test_the_vendored_report_text_is_the_shared_seed():
    """data/report_text.txt is a verbatim copy of the seed (checked where the seed is beside the repo)."""
    seed = ROOT.parent / "shared" / "seed" / "000_7f3efb5ca6904325.txt"
    if not seed.is_file():
        pytest.skip(f"{seed} is not beside this checkout")
    assert (ROOT / "data" / "report_text.txt").read_bytes() == seed.read_bytes()


# --------------------------------------------------------------------------- take-rate cases (chapter 三)

def test_take_rate_cases_are_assumptions_anchored_on_the_reports_figures():
    """Applying a rate the report states for a group (淘系之外 0.6—1%) or for part of a platform (淘宝、闲鱼)
    to one platform's whole GMV is the edition's assumption: every row says so and names the report figure."""
    rows = read_rows("take_rate_cases")
    facts = {r["id"]: r for r in FACTS}
    assert {(r["case"], r["platform"]) for r in rows} == {
        (c, p) for c in ("low", "mid", "high") for p in ("阿里巴巴", "拼多多", "抖音", "快手", "微信视频号")}
    for row in rows:
        rate = float(row["take_rate"])
        assert row["source_type"] == "assumption" and row["quote"] == "" and "假设" in row["source"], row
        if row["anchor"]:
            assert float(facts[row["anchor"]]["value"]) == rate, row  # the report's own figure
        else:
            assert row["case"] == "mid" and 0.006 < rate < 0.01, row  # the midpoint of the report's range
    others = [r for r in rows if r["platform"] in ("拼多多", "抖音", "快手")]
    assert all("淘系之外" in r["source"] and "未点名" in r["source"] for r in others if r["case"] != "mid")


# --------------------------------------------------------------------------- sources and public rows

def test_every_source_is_cited_by_a_data_row_and_names_where_it_was_read():
    cited = {row["source"] for name in WITH_PROVENANCE for row in read_rows(name) if row["source_type"] == "public"}
    assert set(SOURCES) == cited
    for source in SOURCES.values():
        assert source["publisher"] and source["title"] and source["seen_url"].startswith("http"), source["id"]


def test_no_public_source_points_at_a_file_outside_the_repository():
    for name in WITH_PROVENANCE + ["sources"]:
        for row in read_rows(name):
            text = " ".join(row.values())
            assert "public-series" not in text and "shared/reference" not in text and "所见之处未记录" not in text, row


def test_h_means_the_publishers_own_document():
    for source in SOURCES.values():
        if source["grade"] == "H":
            assert source["note"] or source["url"], source["id"]  # says which document, or links it


def test_the_2016_express_figures_are_the_bulletins():
    """国家邮政局《2016年邮政行业发展统计公报》: 快递业务量 312.8亿件, 业务收入 3974.4亿元."""
    (row,) = [r for r in read_rows("express_delivery") if r["year"] == "2016" and r["source_type"] == "public"]
    assert float(row["volume"]) == 312.8e8 and float(row["revenue"]) == 3974.4e8
    assert float(row["yuan_per_parcel"]) == pytest.approx(3974.4 / 312.8, abs=0.005)
    assert "2016" in SOURCES[row["source"]]["title"] and SOURCES[row["source"]]["publisher"] == "国家邮政局"


def test_yuan_per_parcel_is_revenue_over_volume_wherever_both_are_given():
    for row in read_rows("express_delivery"):
        if row["volume"] and row["revenue"]:
            assert float(row["yuan_per_parcel"]) == pytest.approx(float(row["revenue"]) / float(row["volume"]), abs=0.005)


def test_the_alibaba_peak_is_recorded_with_its_source_and_the_not_found_claim_is_gone():
    fact = next(r for r in FACTS if r["id"] == "double11_orders_per_second_2017")
    assert "未找到" not in fact["note"]
    public = next(r for r in read_rows("public_facts") if r["id"] == "double11_order_peak_2017")
    assert float(public["value"]) == float(fact["value"]) == 325_000
    assert SOURCES[public["source"]]["published"] and SOURCES[public["source"]]["seen_url"]


# --------------------------------------------------------------------------- the re-audit of chapters 三 and 四
# Expected values are the publications' own figures, as read on the page each source names (seen_url).

def public_row(name: str, **key: str) -> dict:
    (row,) = [r for r in read_rows(name) if r["source_type"] == "public" and all(r[k] == v for k, v in key.items())]
    return row


@pytest.mark.parametrize("year, wan_jian", [("2007", 120189.6), ("2008", 151329.3), ("2009", 185784.8),
                                            ("2011", 367311.1)])
def test_the_nbs_yearbook_gives_the_express_volumes_of_2007_to_2011(year, wan_jian):
    """《中国统计年鉴2012》表16-35, row 快递（万件）; 2011 is also 国家邮政局's own release (with its revenue)."""
    row = public_row("express_delivery", year=year)
    assert float(row["volume"]) == pytest.approx(wan_jian * 1e4)
    assert f"{wan_jian}" in SOURCES["nbs_yearbook_2012"]["note"]  # the yearbook's cell, as its source names it
    if year == "2011":
        assert row["source"] == "spb_2011_release" and float(row["revenue"]) == pytest.approx(758.0e8)
        assert "nbs_yearbook_2012" in row["note"]
    else:
        assert row["source"] == "nbs_yearbook_2012" and not row["revenue"]


def test_the_2010_express_row_is_the_release_and_the_yearbook_gives_the_same_figure_unrounded():
    row = public_row("express_delivery", year="2010")
    assert float(row["volume"]) == 23.4e8 and "233892.0" in SOURCES["nbs_yearbook_2012"]["note"]
    assert round(233892.0e4 / 1e8, 1) == float(row["volume"]) / 1e8  # the release rounds the yearbook's figure


def test_the_2018_express_volume_is_the_release_tables_unrounded_figure():
    row = public_row("express_delivery", year="2018")
    assert float(row["volume"]) == pytest.approx(5071042.8e4) and float(row["revenue"]) == pytest.approx(6038.4e8)
    assert "5071042.8" in SOURCES[row["source"]]["note"]


def test_the_2019_express_row_is_the_preliminary_figure_and_says_so():
    row = public_row("express_delivery", year="2019")
    assert float(row["volume"]) == 630e8 and float(row["revenue"]) == 7450e8  # 初值, January 2020
    assert "preliminary" in row["note"] and "初值" in SOURCES[row["source"]]["note"]


def test_the_2023_express_revenue_is_the_bulletins():
    row = public_row("express_delivery", year="2023")
    assert float(row["revenue"]) == pytest.approx(12074.0e8) and float(row["volume"]) == pytest.approx(1320.7e8)
    assert "统计公报" in SOURCES[row["source"]]["title"] and "12074.0" in SOURCES[row["source"]]["note"]


def test_syntun_gives_its_own_double11_growth_for_2023_and_2024():
    assert float(public_row("shopping_festival_gmv", festival="双十一", year="2023")["yoy"]) == pytest.approx(0.0208)
    row = public_row("shopping_festival_gmv", festival="双十一", year="2024")
    assert float(row["yoy"]) == pytest.approx(0.27) and not row["value"]  # the level is the report row's
    assert "10月14日" in SOURCES[row["source"]]["note"]  # the longer window travels with it


def test_the_618_decline_the_report_gives_for_the_total_is_syntuns_comprehensive_platform_figure():
    rows = [r for r in read_rows("shopping_festival_gmv") if r["festival"] == "618" and r["year"] == "2024"]
    by = {(r["scope"], r["source_type"]): r for r in rows}
    channel, total, report = by[("综合电商平台", "public")], by[("全网", "public")], by[("全网", "report")]
    assert float(channel["value"]) == 5717e8 and float(channel["yoy"]) == pytest.approx(-0.069)
    assert float(report["yoy"]) == float(channel["yoy"]) and float(total["yoy"]) == pytest.approx(-0.07)
    assert "5717亿元" in squash(report["quote"])  # the report names the channel's level beside the total


def test_the_reaudited_douyin_and_anchor_rows_cite_the_announcements():
    dau = public_row("platform_traffic", metric="dau", date="2019-01")
    assert dau["source"] == "douyin_2020_01_bbtnews" and dau["confidence"] == "M" and dau["note"].startswith("more than")
    anchors = public_row("platform_traffic", metric="active_ecommerce_anchors")
    assert SOURCES[anchors["source"]]["publisher"] == "商务部" and anchors["confidence"] == "M"


def test_the_pinduoduo_gmv_is_labelled_with_the_page_it_was_read_on_not_a_publisher_the_page_does_not_name():
    row = public_row("platform_gmv_2023", platform="拼多多")
    assert float(row["gmv"]) == 4.05e12 and row["variant"] == "36Kr"
    assert SOURCES[row["source"]]["publisher"].startswith("36氪")


def test_a_frame_remembers_each_rows_file_line_and_shares_it_with_derived_frames():
    frame = load("koc_kol_cases")
    lines = list(frame.attrs["lines"])
    assert len(lines) == len(frame) and lines[0] == 2 and lines == sorted(set(lines))  # the header is line 1
    assert frame.iloc[:2].attrs["lines"] is frame.attrs["lines"]  # not a copy per derived frame
    assert frame["value"].attrs["lines"] is frame.attrs["lines"]


def test_sources_are_read_once_per_version_of_the_file_and_each_caller_gets_its_own_copy(tmp_data):
    from wxshop import data

    first = data.sources(tmp_data)
    publisher = first["spb_2016_bulletin"]["publisher"]
    first["spb_2016_bulletin"]["publisher"] = "changed by a caller"
    assert data.sources(tmp_data)["spb_2016_bulletin"]["publisher"] == publisher  # not shared between callers
    set_cell(tmp_data, "sources.csv", {"id": "spb_2016_bulletin"}, "publisher", publisher + "（更正）")
    assert data.sources(tmp_data)["spb_2016_bulletin"]["publisher"] == publisher + "（更正）"  # the file read again
