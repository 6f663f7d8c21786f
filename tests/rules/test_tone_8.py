"""Issue #14, tone.emotional eighth round: ways of talking down to readers found in a development
corpus written blind (tests/corpus6) — advice that is a threat (奉劝, 对你没有好处, 耐心有限, 谁也别想),
the reader told what not to imagine (别以为, 不要以为自己), the state's own work terms and its people in
scare quotes (所谓“普法”, 那些……的“困难户”), a question asked back at the reader in the answer of a Q&A,
a plan called a daydream, the writer saying what is left to say (我们只能说), and one feeling in a
headline (the front-matter title or a heading). A warning, never an error. Official wording, quoted
programme names and plain answers pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str, **front: str) -> list:
    return [f for f in check_text(site, body + "\n", **front) if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body, novel", [
    ("对反复拨打热线辱骂接线员的人，我们奉劝一句：对你没有任何好处。", "辱骂接线员"),  # advice that threatens
    ("请各位矫正对象不要以为报到可以随便请假，我们的耐心是有限的。", "随便请假"),  # what not to imagine + threat
    ("有些单位所谓“创新”，就是把旧制度换个封面，根本不会有任何实效。", "换个封面"),  # scare-quoted work term
    ("问：为什么不能当天出证？\n答：你以为公证处是自动售货机吗？", "自动售货机"),  # asked back in an answer
    ("指望这些中介自觉退费，简直是天方夜谭。", "自觉退费"),  # a daydream
])
def test_eighth_round_classes_in_unlisted_wordings_warn(site, body, novel):
    in_no_list(novel)
    found = tone(site, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "对骗取法律援助的，法律援助机构依法终止援助，并追回已支付的费用。",
    "“谁执法谁普法”责任制落实情况纳入年度考核。",
    "问：为什么不能当天出证？\n答：公证机构需要审查申请材料，一般在十五个工作日内出具公证书。",
    "问：申请法律援助需要什么材料？\n答：身份证明、经济困难状况说明和案件相关材料。",
    "镇里为12户“困难户”送去米面油，并登记了他们的法律需求。",
    "禁毒民警提醒，吸毒对身体没有任何好处，不要以为偶尔尝试不会上瘾。",
])
def test_eighth_round_official_wording_passes(site, body):
    assert tone(site, body) == []


def test_one_feeling_in_a_headline_warns_but_not_in_the_body(site):
    body = "今年共收到律师执业投诉46件，经调查属实的12件，已依法作出行业处分。"
    assert tone(site, body, title="又来了：律师执业投诉情况通报")
    assert tone(site, "## 又来了：律师执业投诉情况\n\n" + body)
    assert tone(site, body, title="律师执业投诉情况通报") == []
    # the same single signal in a body sentence needs another one
    assert tone(site, "又是这些问题，今年共收到律师执业投诉46件。") == []


def test_a_question_asked_back_in_the_answer_counts_as_a_statement(site):
    # the same rhetorical question: asked by the citizen (one point), asked back by the writer (two)
    assert tone(site, "问：难道离婚后就不用付抚养费了吗？\n答：不是，抚养义务不因离婚而消除。") == []
    assert tone(site, "问：离婚后还要付抚养费吗？\n答：难道离婚后就不用付抚养费了吗？")
