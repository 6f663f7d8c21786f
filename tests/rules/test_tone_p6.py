"""Issue #14, tone.emotional sixth round: classes found in a development corpus written blind
(tests/corpus4) — threats and defiance in the writer's voice, passive-aggressive notices to citizens
(the reminder repeated in vain, innuendo, 体面一点), blaming the victim, a group of citizens labelled
or stereotyped, hedged sarcasm, weariness in a title, what callers may not treat a service as. Each a
weak signal that needs another, or the writer's voice (a threat, blaming the victim, 我只想说); a warning, never an error. Official notices,
criticism, verdicts and support for victims of the same topics pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body, novel", [
    ("谁再往河里倒建筑垃圾，别怪我们不客气。", "建筑垃圾"),  # a threat
    ("电动车再停在消防通道上，大家走着瞧。", "消防通道"),
    ("停车的事已经说了好多次，偏偏还是有人我行我素。", "停车的事"),  # the reminder in vain
    ("这已经是今年第三次提醒了，有关商户心里应该有数。", "有关商户"),
    ("哪家公司报的数字有水分，我们不点名，相信各位心里清楚。", "报的数字"),  # innuendo
    ("都是成年人，排队的时候体面一点。", "排队的时候"),  # told to behave
    ("天天往高息平台里砸钱，最后血本无归也怪不了别人。", "高息平台"),  # blaming the victim
    ("为了那点利息把房子都抵押了，钱没了只能怪自己。", "抵押"),
    ("对这种法盲，讲再多的普法课也是白搭。", "普法课"),  # a labelled group
    ("说到底，城里人就爱较真，一点小事也要打官司。", "较真"),  # a stereotype
    ("这套说辞，大概也只有他们自己才会相信。", "这套说辞"),  # hedged sarcasm
    ("又是这些老问题，真的够了：物业服务投诉情况通报", "物业服务投诉"),  # weariness in a title
    ("请不要把法律援助窗口当成出气筒，工作人员也是人。", "法律援助窗口"),  # what a service is not
    ("对这些投诉我只想说，不想配合的可以走人，我们奉陪到底。", "不想配合"),  # defiance
    ("在我们看来，这类纠纷归根到底是当事人自己不懂法。", "这类纠纷"),  # the writer's opinion
])
def test_new_tone_classes_in_unlisted_wordings_warn(msite, body, novel):
    in_no_list(novel)
    found = tone(msite, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "逾期不整改的，执法部门将依法予以处罚，由此产生的后果由当事人承担。",
    "社区工作人员多次上门宣传，督促商户落实消防安全责任。",
    "对工作不力的三个单位予以不点名批评，并责令限期整改。",
    "请各位居民自觉遵守规定，不在楼道堆放杂物。",
    "被害人表示，自己一时轻信才上当，希望其他老人引以为戒。",
    "对被骗的老年人，调解员耐心疏导，帮助他们依法追回部分损失。",
    "统计显示，外来务工人员的劳动争议主要集中在工资支付和工伤认定方面。",
    "12348热线提供法律咨询服务，不受理投诉，投诉请拨打12345。",
    "我们把群众的事当成自己家的事来办，他们也是人民群众的一员。",
    "法院认为，被告人的辩解没有事实依据，不予采纳。",
    "局长在讲话中指出，要坚持把矛盾纠纷化解在基层。",
])
def test_official_notices_and_reports_of_the_same_topics_pass(msite, body):
    assert not tone(msite, body), body


def test_a_threat_counts_even_beside_official_wording(msite):
    # 依法 silences contempt and colloquial words, not a threat in the writer's voice
    body = "对乱贴小广告的依法处理，再被我们抓到，有你们好看的。"
    assert tone(msite, body)
