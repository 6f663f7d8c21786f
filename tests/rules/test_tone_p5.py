"""Issue #14, tone.emotional fifth round: classes of calm contempt as weak signals (a habit said as all
a group ever does, disgust caused in the reader, likened to a criminal, a belief mocked with a hedge,
mock honorifics, ironic praise, a clause that waves the matter away) and contempt spread over two
sentences of one paragraph; a warning, never an error. Official stance, Q&A, quotes and feature
stories with one such signal per sentence pass."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list


def tone(site: Site, body: str) -> list:
    return [f for f in check_text(site, body + "\n") if f.rule == "tone.emotional"]


@pytest.mark.parametrize("body, novel", [
    ("这些中介一向只认佣金，租客的难处从来不放在眼里。", "只认佣金"),  # a habit as all they do
    ("每回看到这类通报都叫人反胃。", "这类通报"),  # disgust caused in the reader
    ("这种收费办法与打劫无异。", "收费办法"),  # likened to a robbery
    ("那帮收保护费的，比旧社会的恶霸还横。", "收保护费的"),  # outdoing a villain
    ("贪官们恐怕以为群众什么都不知道。", "群众什么都不知道"),  # a hedged belief + plural wrongdoers
    ("这位顾问的高见，乍一听很有道理，细想全是漏洞。", "这位顾问"),  # mock honorific + contrast
    ("这些中介收完定金就玩消失，倒也潇洒。", "收完定金"),  # ironic praise + target
    ("其蛮横程度实在令人叹服。", "其蛮横程度"),  # admiration of a vice
    ("所谓专项检查，不过是走个形式。", "专项检查"),  # scare 所谓 and a clause waving it away
    ("说句掏心窝子话，这种处理结果难以服众。", "难以服众"),  # the writer's voice
])
def test_calm_contempt_classes_in_unlisted_wordings_warn(msite, body, novel):
    in_no_list(novel)
    found = tone(msite, body)
    assert found and all(f.severity == "warning" for f in found), body


@pytest.mark.parametrize("body", [
    "骗子的话术其实很拙劣。可偏偏就是有人信。",
    "这份整改报告写得很漂亮。可惜，问题一个也没解决。",
])
def test_contempt_spread_over_two_sentences_of_a_paragraph_warns_once(msite, body):
    found = tone(msite, body)
    assert len(found) == 1 and found[0].severity == "warning", body
    assert "两句" in found[0].message


@pytest.mark.parametrize("body", [
    # one weak signal per sentence is not enough when the sentences are apart
    "骗子的话术其实很拙劣。\n\n## 防范要点\n\n可偏偏就是有人信。",
    "骗子的话术其实很拙劣。近年来，我市持续开展反诈宣传。可偏偏就是有人信。",
    # 你 of a Q&A and real questions do not pair
    "问：遇到家暴怎么办？答：你可以拨打110报警，也可以向妇联求助。",
    "问：公司不签劳动合同合法吗？答：不合法，你可以要求支付双倍工资。",
    # official paragraphs with one such signal per sentence
    "案件教训深刻，令人警醒。王某理想信念动摇，根本原因在于放松了世界观的改造。",
    "个别企业只顾眼前利益，忽视安全生产。监管部门将依法予以查处。",
    "从来没有哪一项改革是一帆风顺的。我们必须保持定力，久久为功。",
    "可惜，由于证据不足，该笔款项未能追回。调解员建议当事人通过诉讼途径解决。",
    "被告人辩称其不知道货物来源，法院对该辩解不予采纳。",
    "调解员说：“这种人我见多了，讲道理根本没用，只能慢慢来。”",
    "所谓法律援助，其实就是国家为经济困难公民提供的免费法律服务。申请人可以拨打12348咨询。",
    "整改不能只停留在纸面上，要见行动、见实效，防止制度成为一纸空文。",
])
def test_official_q_and_a_and_separate_sentences_pass(msite, body):
    assert not tone(msite, body), body


def test_a_sentence_counts_in_one_pair_only(msite):
    body = "骗子的话术其实很拙劣。可偏偏就是有人信。受害人偏偏还不愿报警。"
    assert len(tone(msite, body)) == 1
