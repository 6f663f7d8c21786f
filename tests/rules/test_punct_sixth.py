"""punct.enumeration, sixth round: 、 inside an estimate made of two neighbouring numerals
(GB/T 15834 4.5.3.6), found by structure, not from a list; lists of numerals pass."""

from __future__ import annotations

import pytest
from helpers import check_text


def estimates(site, text: str) -> list[str]:  # noqa: ANN001
    return [f.match for f in check_text(site, text) if f.rule == "punct.enumeration"]


@pytest.mark.parametrize(("text", "match"), [
    ("每逢周末，普法角总会吸引五、六十位市民驻足咨询。", "五、六"),
    ("当事人是一名二十七、八岁的外卖骑手。", "二十七、八"),
    ("调解员用了三、四天时间走访双方亲属。", "三、四"),
    ("这类纠纷一般二、三天就能调处完毕。", "二、三"),
    ("现场来了七、八个人，都是附近的村民。", "七、八"),
    ("全市每年新增八、九百名人民调解员。", "八、九"),
])
def test_an_estimate_with_a_dunhao_is_found(msite, text: str, match: str) -> None:
    found = [f for f in check_text(msite, text) if f.rule == "punct.enumeration"]
    assert [f.match for f in found] == [match]
    assert f"应为“{match.replace('、', '')}”" in found[0].message


@pytest.mark.parametrize("text", [
    "一、二审判决均已生效。",                        # first and second instance: a list
    "第三、四季度重点抓好案卷评查。",                # ordinals
    "三、五年内建成示范点。",                        # not neighbouring numbers
    "四、五年级学生参加了模拟法庭。",                # grades
    "三、四项措施的落实情况",                        # a heading's number at the line start
    "全市二、三产业从业人员参加培训。",              # sectors
    "今年三、四月份开展专项检查。",                  # months: a list as often as an estimate
    "共有三四十名调解员参加，十五六岁的学生。",      # written right
    "一、二、三个方面的问题都已整改。",              # a list of three
])
def test_lists_of_numerals_pass(msite, text: str) -> None:
    assert estimates(msite, text) == []


@pytest.mark.parametrize(("text", "mark"), [
    ("共评选出‘优秀“法律明白人”’20名。", "“"),
    ("学习〈关于《民法典》的解读〉。", "《"),
])
def test_nesting_turned_inside_out_is_found(msite, text: str, mark: str) -> None:
    found = [f for f in check_text(msite, text) if f.rule == "punct.pair"]
    assert [f.match for f in found] == [mark] and "颠倒" in found[0].message


def test_nesting_the_right_way_round_passes(msite) -> None:
    text = "他说：“要落实‘谁执法谁普法’的要求。”学习《关于〈民法典〉的解读》。"
    assert [f for f in check_text(msite, text) if f.rule == "punct.pair"] == []
