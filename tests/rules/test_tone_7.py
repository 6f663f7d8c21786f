"""Issue #14, tone.emotional seventh round: ways of talking down to citizens found in a development
corpus written blind (tests/corpus5) — an ultimatum or a threat (再说最后一遍, 别怪我们……不讲情面,
哭都没地方哭), condescension about what any literate person can do, a group summed up by a flaw
(……人……就是差), a citizen waved away (懒得, 没有义务回应, 拦不住, 反正不是我们), self-praise beyond
measure (全国最好的, 无人能比), contempt written in English, internet slang of exasperation (离了大谱, 真的会谢). Each a weak signal that needs another
(an English insult counts two); a warning, never an error. Formal demands, awards, praise from the
public, anti-fraud slogans and legal duties pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body, novel", [
    ("垃圾乱倒的问题我再强调最后一遍，是个人都看得懂告示牌。", "告示牌"),  # ultimatum + condescension
    ("月底前还不交材料的，别怪我们审批时不讲情面。", "审批时"),  # a threat
    ("城中村的人卫生意识就是差，说多少次都没用。", "卫生意识"),  # a group summed up by a flaw
    ("这些重复来电我们懒得理会，反正耽误的也不是我们。", "重复来电"),  # waved away
    ("本所的公证服务是全国最好的，别的公证处都比不上。", "公证服务"),  # self-praise
    ("The staff are frankly sick of these stupid questions.", "questions"),  # contempt in English
    ("报名表又填错了一大半，离了大谱，我真服了。", "报名表"),  # internet slang of exasperation
])
def test_seventh_round_classes_in_unlisted_wordings_warn(site, body, novel):
    in_no_list(novel)
    found = tone(site, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "本通知为最后一次催告，逾期不履行的，将依法申请人民法院强制执行。",
    "我市公共法律服务工作获评全省第一，群众满意度位居全省前列。",
    "当事人对调解结果赞不绝口，专门送来锦旗表示感谢。",
    "民警提醒，所有刷单都是诈骗，所有先交钱的兼职都是陷阱。",
    "当事人没有义务证明自己无罪，举证责任由公诉机关承担。",
    "Staff at the legal aid window answer questions in English and Chinese on weekdays.",
    "网上预约可以减少排队等候，避免浪费时间。",
])
def test_seventh_round_official_wording_passes(site, body):
    assert tone(site, body) == []
