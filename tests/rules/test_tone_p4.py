"""Issue #14, tone.emotional fourth round: calm contempt scored from weak signals (an evaluative
opener in the writer's voice, sweeping generalizations about a group, disregard and greed,
the scare 所谓 of someone's claim, diminishing and name-calling classes), in wordings no list
holds; a party's quoted words, legal definitions, statistics and official stance pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body, novel", [
    ("讽刺的是，当初签字承诺的那位负责人如今一问三不知。", "一问三不知"),  # evaluative opener
    ("这类黑中介向来是收了定金就玩消失。", "玩消失"),  # sweeping generalization + target
    ("他们那点可怜的赔偿，连医药费都凑不齐。", "凑不齐"),  # diminishing
    ("某些平台眼里只有流量，用户的死活从来不在考虑之内。", "不在考虑之内"),  # greed + disregard
    ("物业公司的所谓维修，不外乎派人来看一眼。", "派人来看一眼"),  # scare 所谓 + dismissal
    ("这帮占道经营的商贩统统是只顾自己的胆小鬼。", "只顾自己"),  # absolute + name-calling
    ("坦白地讲，这份答复看了等于没看。", "看了等于没看"),  # the writer's voice
    ("我们反映了半年，相关科室始终没有把这件事放在心上。", "反映了半年"),  # disregard + absolute
])
def test_calm_contempt_in_unlisted_wordings_warns(msite, body, novel):
    in_no_list(novel)
    found = tone(msite, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "所谓“高利转贷”，是指以转贷牟利为目的，套取金融机构信贷资金高利转贷他人的行为。",  # a definition
    "本次培训的参训人员全部都是基层人民调解员。",  # a statistic, not a judgment
    "从来没有哪一部法律像民法典这样与群众生活息息相关。",  # praise of the law
    "可以看到的是，调解成功率较去年提高了五个百分点。",  # an ordinary opener
    "被告人当庭辩称：“那些人太可恶了，我只是一时冲动。”",  # the party's own words
    "对醉驾等危险驾驶行为，公安机关将依法从严查处，绝不姑息。",  # official stance
    "我局历来是依法行政示范单位，从未发生行政败诉案件。",  # the institution about itself
])
def test_official_and_quoted_wording_passes(msite, body):
    assert tone(msite, body) == [], body


def test_a_listed_phrase_warns_in_the_writer_s_words_and_not_in_a_quote(msite):
    assert tone(msite, "这种行为太可恶，必须整治。")
    assert tone(msite, "受害人说：“这种行为太可恶。”") == []
    # a quote does not hide the writer's own phrase after it
    assert tone(msite, "受害人说：“我被骗了。”这种行为太可恶。")


def test_an_exclamation_free_outburst_in_the_first_person_warns(msite):
    assert tone(msite, "看到这份判决，我只觉得荒谬。")
    assert tone(msite, "看到这份判决，当事人表示不服，将依法上诉。") == []
