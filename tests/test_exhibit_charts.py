"""The shared timeline and diagram charts behind the exhibits rebuilt from the report's text (图表1, 7, 39–43,
46, 52): line breaking keeps the report's words, layouts put every part where it belongs, bad input is refused."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from wxshop.charts import diagram, timeline, wrapping
from wxshop.charts.captions import report_place

ROOT = Path(__file__).resolve().parent.parent


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- line breaking

@pytest.mark.parametrize("text", [r["text"] for r in rows("platform_strategy_events")]
                         + [r["text"] for r in rows("domain_loop")] + [r["detail"] for r in rows("domain_loop")])
@pytest.mark.parametrize("width", [6, 8, 16])
def test_breaking_lines_keeps_every_character_in_order_and_within_the_width(text, width):
    lines = wrapping.lines(text, width)
    assert squash("".join(lines)) == squash(text)
    for line in lines:
        long_latin = max((len(t) for t in re.findall(r"[A-Za-z0-9.%+\-/&]+", line)), default=0)
        assert wrapping._width(line) <= width or long_latin * wrapping.HALF > width - 2, line


def test_numbers_stay_whole_and_closing_marks_never_start_a_line():
    assert wrapping.lines("阿里巴巴对淘宝、闲鱼商家收取 0.6%的交易服务费", 16) == ["阿里巴巴对淘宝、闲鱼商家收取", "0.6%的交易服务费"]
    assert wrapping.lines("用户主动搜索（“人找货”）", 8) == ["用户主动搜索", "（“人找货”）"]  # “（ go down with 人
    for text in (r["text"] for r in rows("platform_strategy_events")):
        for line in wrapping.lines(text, 16)[1:]:
            assert line[0] not in wrapping.NO_START, text
        assert not any(re.search(r"\d$", a) and re.match(r"\d", b)
                       for a, b in zip(wrapping.lines(text, 16), wrapping.lines(text, 16)[1:])), text


def test_a_width_below_two_characters_is_refused():
    with pytest.raises(ValueError, match="width must be at least 2"):
        wrapping.lines("淘宝", 1)


# --------------------------------------------------------------------------- the milestone timeline

def moves(platform: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows("platform_strategy_events"))
    frame["row"] = frame["row"].astype(int)
    return frame[(frame["platform"] == platform) & (frame["kind"] == "move")]


def test_milestones_run_top_to_bottom_in_date_order_without_overlapping():
    laid = timeline.milestones(moves("阿里巴巴"))
    assert list(laid["start"]) == sorted(laid["start"])
    # 2004 twice (支付宝, 旺旺): the file's order breaks the tie
    twins = laid[laid["when"] == "2004"]
    assert list(twins["row"]) == sorted(twins["row"])
    for (_, a), (_, b) in zip(laid.iterrows(), laid.iloc[1:].iterrows()):
        assert b["y"] >= a["y"] + 1 + a["lines"]  # the next node starts below this one's text
    assert all(squash(s) == squash(t) for s, t in zip(laid["shown"], laid["text"]))
    assert timeline.milestone_height(laid) >= (laid["y"].iloc[-1] + 1 + laid["lines"].iloc[-1]) * timeline.LINE


def test_a_milestone_keeps_the_precision_the_report_gives():
    laid = timeline.milestones(moves("阿里巴巴")).set_index("when")
    assert laid.loc["2024年8月9日", "precision"] == "day" and laid.loc["2003", "precision"] == "year"
    assert timeline.milestones(moves("拼多多")).set_index("when").loc["2022年2月", "precision"] == "month"


def test_the_milestone_chart_embeds_each_nodes_words_and_sentence():
    laid = timeline.milestones(moves("京东"))
    spec = timeline.milestone_chart(laid, "京东：从极速配送到全链管控，从自营优势到全域联动", "d").to_dict()
    (values,) = [d for d in spec["datasets"].values() if d and "quote" in d[0] and "when" in d[0]]
    assert [v["text"] for v in values] == list(laid["text"])
    assert {v["source_name"] for v in values} == {report_place(s) for s in laid["source"]}
    assert spec["title"] == "京东：从极速配送到全链管控，从自营优势到全域联动"


def test_a_timeline_without_dates_or_columns_is_refused():
    with pytest.raises(ValueError, match="milestones need the columns"):
        timeline.milestones(pd.DataFrame({"row": [1], "text": ["x"]}))
    with pytest.raises(ValueError, match="not a date the report writes"):
        timeline.milestones(pd.DataFrame({"row": [1], "when": ["二〇〇三"], "text": ["x"], "source": ["3.4"],
                                          "quote": ["x"]}))
    with pytest.raises(ValueError, match="at least one dated row"):
        timeline.milestone_chart(timeline.milestones(moves("快手")).iloc[0:0], "t", "d")


# --------------------------------------------------------------------------- diagrams

def frame(name: str) -> pd.DataFrame:
    return pd.DataFrame(rows(name)).replace("", pd.NA)


def test_a_diagrams_boxes_hold_their_words_and_its_arrows_join_facing_edges():
    from wxshop.chapters.douyin.charts import chains_places

    parts = diagram.layout(frame("search_vs_content_chains"), chains_places())
    boxes = parts["boxes"].set_index("part")
    assert set(boxes.index) == {r["part"] for r in rows("search_vs_content_chains") if r["kind"] == "node"}
    for part, box in boxes.iterrows():
        assert squash(box["shown"]) == squash(box["text"]), part
        width = diagram.chars(box["x0"], box["x1"])
        assert all(wrapping._width(line) <= width for line in box["shown"].split("\n")), part
    arrows = parts["arrows"].set_index("part")
    for part, arrow in arrows.iterrows():
        src, dst = part.split("_")
        assert arrow["y"] == pytest.approx(boxes.loc[src, "y1"]) and arrow["y2"] == pytest.approx(boxes.loc[dst, "y0"])
        assert arrow["shape"] == "triangle-down"
        assert boxes.loc[src, "x0"] <= arrow["x"] <= boxes.loc[src, "x1"]


def test_an_arrow_upwards_points_up_and_carries_its_words_beside_it():
    from wxshop.chapters.new_platforms.charts import loop_places

    parts = diagram.layout(frame("domain_loop"), loop_places())
    arrows = parts["arrows"].set_index("part")
    assert arrows.loc["to_private", "shape"] == "triangle-down" and arrows.loc["to_public", "shape"] == "triangle-up"
    boxes = parts["boxes"].set_index("part")
    assert arrows.loc["to_public", "y"] == pytest.approx(boxes.loc["private", "y0"])
    assert arrows.loc["to_public", "y2"] == pytest.approx(boxes.loc["public", "y1"])
    labels = parts["labels"]
    said = {squash(t) for t in labels["shown"]}
    assert {"公域导私域", "私域反哺公域", squash("私域用户在小店的成交数据可提升店铺在搜一搜中的排名权重")} <= said


def test_boxes_never_overlap():
    from wxshop.chapters.wechat_shop.charts import entrances_places

    boxes = diagram.layout(frame("wechat_traffic_entrances"), entrances_places())["boxes"]
    for i, a in boxes.iterrows():
        for j, b in boxes.iterrows():
            if i < j:
                apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
                assert apart, (a["part"], b["part"])


def test_a_part_without_a_place_or_a_place_without_a_part_is_refused():
    from wxshop.chapters.new_platforms.charts import loop_places

    places = loop_places()
    del places["public"]
    with pytest.raises(ValueError, match="part 'public' has no place"):
        diagram.layout(frame("domain_loop"), places)
    with pytest.raises(ValueError, match="not in the data"):
        diagram.layout(frame("domain_loop"), {**loop_places(), "ghost": diagram.Place(0, 1, 0)})
    broken = frame("domain_loop")
    broken.loc[broken["part"] == "to_public", "to"] = "nowhere"
    with pytest.raises(ValueError, match="joins parts that are not drawn"):
        diagram.layout(broken, loop_places())
