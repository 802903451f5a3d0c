"""The audit register ``data/public_audit.csv`` against the data package.

Every public value of the package (each non-empty numeric column of each ``source_type=public`` row, key
columns aside) has one audit row, and every audit row names a row that exists and the value it holds now.
A row is named by its resource, ``row_key`` (the resource's primary-key values joined by "/") and ``source``. The corrected values are pinned against the publications read
(the numbers below are the ones those pages print, not copied from the code).

Columns the edition computes from other columns of the same row (their schema description says 推算, e.g.
件均收入 = 业务收入 ÷ 业务量) are not read from a publication: test_data_package checks them by computation.

The register is filled by more than one audit; a resource passes once its rows are in.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"] if "schema" in r}
OUTCOMES = {"confirmed", "corrected", "not_found", "removed"}


def rows(name: str) -> list[dict]:
    with (DATA / RESOURCES[name]["path"]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


AUDIT = rows("public_audit")
SOURCES = {r["id"]: r for r in rows("sources")}
PUBLIC = [name for name in RESOURCES if name not in ("exhibits", "sources", "public_audit")
          and any(r.get("source_type") == "public" for r in rows(name))]


def row_key(name: str, row: dict) -> str:
    return "/".join(row[k] for k in RESOURCES[name]["schema"]["primaryKey"])


def public_values(name: str) -> dict[tuple[str, str, str], float]:
    """(row_key, source, field) -> value, for every non-empty numeric non-key column of the public rows."""
    schema = RESOURCES[name]["schema"]
    numeric = [f["name"] for f in schema["fields"] if f["type"] in ("number", "integer")
               and f["name"] not in schema["primaryKey"] and "推算" not in f.get("description", "")]
    values = {}
    for row in rows(name):
        if row["source_type"] != "public":
            continue
        for field in numeric:
            if row[field] != "":
                values[(row_key(name, row), row["source"], field)] = float(row[field])
    return values


def audited(name: str) -> list[dict]:
    return [a for a in AUDIT if a["resource"] == name]


def test_the_register_covers_resources_of_the_package_only():
    assert AUDIT, "data/public_audit.csv has no rows"
    assert {a["resource"] for a in AUDIT} <= set(PUBLIC)


@pytest.mark.parametrize("resource", PUBLIC)
def test_every_public_value_has_one_audit_row(resource):
    kept = [(a["row_key"], a["source"], a["field"]) for a in audited(resource) if a["outcome"] != "removed"]
    assert len(kept) == len(set(kept)), f"{resource}: a value is audited twice"
    missing = sorted(set(public_values(resource)) - set(kept))
    assert missing == [], f"{resource}: public values without an audit row in data/public_audit.csv: {missing}"


@pytest.mark.parametrize("resource", PUBLIC)
def test_every_audit_row_names_an_existing_row_and_its_current_value(resource):
    current = public_values(resource)
    for audit in audited(resource):
        key = (audit["row_key"], audit["source"], audit["field"])
        if audit["outcome"] == "removed":
            assert key not in current and audit["value"] == "", audit
        else:
            assert key in current, f"{resource}: the audit row names no public row of the data: {key}"
            assert float(audit["value"]) == current[key], (key, audit["value"], current[key])


@pytest.mark.parametrize("audit", AUDIT, ids=lambda a: f"{a['resource']}:{a['row_key']}:{a['field']}")
def test_each_audit_row_says_what_was_read_and_done(audit):
    assert audit["outcome"] in OUTCOMES
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", audit["checked_on"])
    assert audit["source"] in SOURCES or audit["outcome"] == "removed"
    if audit["outcome"] in ("confirmed", "corrected"):
        assert audit["checked_at"].startswith("http"), "a confirmed or corrected value names the page read"
        assert audit["note"], "and what that page says"
    if audit["outcome"] == "not_found":
        assert "检索" in audit["note"], "a value not found says what was searched"


# --------------------------------------------------------------------------- the corrections, pinned

def public_row(name: str, **where: str) -> dict:
    (row,) = [r for r in rows(name) if r["source_type"] == "public" and all(r[k] == v for k, v in where.items())]
    return row


def test_2011_mobile_users_are_cnnics_356_million_not_a_blogs_355():
    """CNNIC's 29th report (北京晨报 2012-01-17): 手机网民规模达到3.56亿, 占上网人口比重达69.3."""
    row = public_row("internet_users", date="2011", source="cnnic_29_bjchenbao")
    assert float(row["mobile_users"]) == 356_000_000 and float(row["mobile_share"]) == 0.693
    assert row["users"] == ""  # the year's users are the statistics bureau's own row
    assert "big5.cctv.com" in SOURCES[row["source"]]["seen_url"]
    assert not any(r["mobile_users"] and float(r["mobile_users"]) == 355_000_000 for r in rows("internet_users"))
    (audit,) = [a for a in AUDIT if a["resource"] == "internet_users" and a["row_key"] == "2011/public/cnnic_29_bjchenbao"
                and a["field"] == "mobile_users"]
    assert audit["outcome"] == "corrected" and "355000000" in audit["note"] and audit["value"] == "356000000"


def test_the_yearbook_rows_hold_only_the_yearbooks_users():
    """《中国统计年鉴2012》表16-35 gives 互联网上网人数 only: CNNIC's mobile figures are not attributed to it."""
    yearbook = [r for r in rows("internet_users") if r["source"] == "nbs_yearbook_2012"]
    assert [r["date"] for r in yearbook] == ["2007", "2008", "2009", "2010", "2011"]
    assert [float(r["users"]) for r in yearbook] == [21000e4, 29800e4, 38400e4, 45730e4, 51310e4]
    assert all(r["mobile_users"] == "" and r["mobile_share"] == "" and r["confidence"] == "H" for r in yearbook)


def test_the_june_1999_computers_have_cnnics_source():
    """CNNIC's 4th report (July 1999): Number of computers connected to the Internet in China: 1,460,000."""
    row = public_row("internet_computers", date="1999-06")
    assert float(row["computers"]) == 1_460_000 and row["source"] == "cnnic_04_virtualchina"


def test_the_4g_targets_cite_a_page_that_says_peak():
    for row in rows("imt_requirements"):
        if row["generation"].startswith("4G"):
            assert "峰值" in row["metric"] and "peak" in SOURCES[row["source"]]["note"], row
    assert "itu_imt_advanced_mwl" not in SOURCES  # the report that said "average downlink speeds"


def test_kuaishou_passed_100_million_daily_users_before_2019():
    assert float(public_row("platform_traffic", metric="dau", date="2017", platform="快手")["value"]) == 100_000_000
    assert float(public_row("platform_traffic", metric="dau_average", date="2019-H1", platform="快手")["value"]) == 155_400_000


def test_the_2020_public_cloud_figure_is_the_one_the_internet_society_states():
    """中国互联网协会《中国互联网发展报告(2021)》: 公有云市场规模……达到990.6亿元, 私有云……791.2亿元, 整体1781.8亿元."""
    cloud = {r["segment"]: float(r["value"]) for r in rows("public_cloud") if r["year"] == "2020"}
    assert cloud == {"total_cloud": 1781.8e8, "public_cloud": 990.6e8, "private_cloud": 791.2e8}
    assert public_row("public_cloud", year="2020", segment="public_cloud")["source"] == "isc_internet_report_2021"
