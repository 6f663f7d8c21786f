"""Ninth round (issue #14): punct.range, a range of dates, times or numbers joined by a mark that is no
connecting mark (the ASCII tilde, the two-em dash, a hyphen after a date in Chinese); GB/T 15834 joins them
with — or ～ (or 至). Found by the shape of the range, not a list of dates."""

from __future__ import annotations

import pytest
from helpers import check_text


def ranges(site, text: str) -> list[str]:  # noqa: ANN001
    return [f.match for f in check_text(site, text) if f.rule == "punct.range"]


@pytest.mark.parametrize(("text", "mark"), [
    ("报名截止时间：11月20日——11月25日。", "——"),
    ("受理时限为7~15个工作日。", "~"),
    ("讲座安排在3月4日-6日。", "-"),
    ("上午8时——12时开放。", "——"),
])
def test_a_range_joined_by_a_wrong_mark_is_caught(msite, text: str, mark: str) -> None:
    assert ranges(msite, text) == [mark]


@pytest.mark.parametrize("text", [
    "发布日期：2026-12-05。办公时间8:30-12:00。",
    "本次培训——12月举办的第三期——共有80人参加。",
    "编号GB-2011，电话0759-2222333，范围3～5人、5—10人。",
])
def test_dates_in_figures_times_and_parentheticals_pass(msite, text: str) -> None:
    assert ranges(msite, text) == []
