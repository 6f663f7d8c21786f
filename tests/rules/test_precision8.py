"""Precision, eighth session (issue #14): innocent categories the rules blocked on unseen text, and
the attempts to hide a real problem behind each new exclusion.

Each exclusion is a category, not a sentence: a wording a correction lesson quotes as wrong, a
marking quoted as the name of a kind of paper, a bilingual glossary, a time of day before 、, the
title 检察员, an insult quoted as someone's words, a sales pitch quoted to open a reported case,
gambling named as illegal. Every test of a pass has a twin that must still be reported.
"""

from __future__ import annotations

import pytest
from helpers import check_text

from govpub.rules.examples import cited_as_wrong


def rules(findings) -> set[str]:
    return {f.rule for f in findings if not f.rule.startswith("meta.")}


# -- a wrong wording quoted by a correction lesson ----------------------------------------------

@pytest.mark.parametrize(("text", "wrong", "cited"), [
    ("有的稿件把“一国两制”写成“一国两治”。", "一国两治", True),
    ("错例：“《民法典》、《刑法》等法律”（书名号之间不用顿号）", "》、《", True),
    ("如“中国、香港等国家”，应当写作“中国内地、中国香港”。", "中国、香港", True),
    ("我们要坚持“一国两治”方针。", "一国两治", False),  # quoted, but nothing corrects it
    ("开设涉外法律文书写作课程，服务“一带一路”战略。", "战略", False),  # 写作 is no correction verb here
    ("有人写成了一国两治，不加引号。", "一国两治", False),  # not quoted: the writer's own words
])
def test_cited_as_wrong(text, wrong, cited):
    at = text.rindex(wrong)
    assert cited_as_wrong(text, at, at + len(wrong)) is cited


def test_correction_lesson_passes_but_own_error_is_reported(site):
    lesson = "培训通报：有的稿件把“一国两制”写成“一国两治”，把“中国、台湾”并列的表述应改为“祖国大陆与台湾”。\n"
    assert not rules(check_text(site, lesson)) & {"phrase.canonical", "phrase.sovereignty"}
    # the same wrong forms written as the article's own words, beside a correction word elsewhere
    own = "我们坚持“一国两治”，促进中国、台湾两国交流。\n\n错例已在培训中通报。\n"
    assert {"phrase.canonical", "phrase.sovereignty"} <= rules(check_text(site, own))


def test_wrong_forms_in_a_wrong_column_or_marked_wrong_pass(site):
    table = "| 错误写法 | 正确写法 |\n|---|---|\n| 再接再励 | 再接再厉 |\n| 台湾政府 | 台湾当局 |\n"
    assert not rules(check_text(site, table)) & {"typo.word", "phrase.substitution"}
    assert not rules(check_text(site, "易错词语：再接再励（误）—再接再厉（正）；按装（误）—安装（正）。\n")) & {"typo.word"}
    # a table whose columns name no wrong form, and prose, still count
    other = "| 单位 | 做法 |\n|---|---|\n| 某局 | 台湾政府来访 |\n"
    assert "phrase.substitution" in rules(check_text(site, other))
    assert "typo.word" in rules(check_text(site, "我们要再接再励，按装设备。\n"))


def test_request_wording_in_a_report_still_blocks_outside_a_lesson(site):
    body = "关于调整值班安排的报告\n\n以上报告，妥否，请批示。\n"
    assert "secret.work" in rules(check_text(site, body))
    lesson = "错例：“以上报告，妥否，请批示。”（报告中夹带请示事项）\n"
    assert "secret.work" not in rules(check_text(site, lesson))


# -- secrecy education and glossaries ------------------------------------------------------------

def test_marking_quoted_as_a_kind_of_paper_passes_a_label_does_not(site):
    lesson = "标注“内部资料 注意保存”的材料虽不属于国家秘密，也不得擅自上网公开。\n"
    assert "secret.marking" not in rules(check_text(site, lesson))
    label = "（内部资料 注意保存）\n\n关于近期信访情况的通报\n"
    assert "secret.marking" in rules(check_text(site, label))


def test_rule_about_papers_with_a_level_passes(site):
    body = "需要提醒的是：\n1. 标有密级的纸质文件不得带回家中，不得拍照传送；\n"
    assert "secret.marking" not in rules(check_text(site, body))
    own = "本文件不得带回家，阅后收回。\n"
    assert "secret.marking" in rules(check_text(site, own))


GLOSSARY = "人民调解 People's Mediation\n法律援助 Legal Aid\n公证 Notarization\n"


def test_glossary_lines_pass(site):
    body = GLOSSARY + "工作秘密 Work Secrets\n绝密、机密、秘密 Top Secret, Secret, Confidential\n"
    assert "secret.marking" not in rules(check_text(site, body))


@pytest.mark.parametrize("body", [
    GLOSSARY + "内部资料 INTERNAL USE ONLY\n",  # an all-capitals marking is no translation
    "法律援助 Legal Aid\n内部资料 Internal Use Only\n",  # two lines make no glossary
    GLOSSARY + "内部资料，不得外传\n",  # a marking line among glossary lines
])
def test_marking_beside_a_glossary_still_reported(site, body):
    assert "secret.marking" in rules(check_text(site, body))


# -- times of day, 检察员 -------------------------------------------------------------------------

def test_time_of_day_before_pause_is_no_ordinal(site):
    assert "punct.ordinal" not in rules(check_text(site, "服务时间：工作日8:30—12:00、下午14:00—17:30。\n"))
    assert "punct.ordinal" not in rules(check_text(site, "值班时间：上午9：00—12：00、下午14：30—17：30。\n"))
    assert "punct.ordinal" in rules(check_text(site, "主要措施：1、加强组织领导。\n"))


def test_procurator_title_passes_misspelt_procuratorate_does_not(site):
    typo = {"typo.term", "typo.word"}
    assert not rules(check_text(site, "许海波为湛江市人民检察院检察员、检察委员会委员。\n")) & typo
    assert rules(check_text(site, "案件已移送湛江市人民检查院审查起诉。\n")) & typo


# -- quoted insults, quoted pitches, gambling named illegal ----------------------------------------

def test_insult_quoted_as_someones_words_passes_own_insult_does_not(site):
    quoted = "刘某某在微信群中发布“全家都不得好死”等言论，被处以行政拘留。\n"
    assert "prohibited.insult" not in rules(check_text(site, quoted))
    own = "这种人全家都不得好死。\n"
    assert "prohibited.insult" in rules(check_text(site, own))


PITCH = "“深海鱼油胶囊，无效退款，扫码下单立减200元！”今年5月，邓阿婆听了宣传，花费9.6万元购买保健品。\n"


def test_quoted_pitch_opening_a_reported_case_passes(site):
    body = PITCH + "\n组织讲座的李某某等3人因涉嫌诈骗罪被依法刑事拘留。\n"
    assert "ads.offer" not in rules(check_text(site, body))


@pytest.mark.parametrize("body", [
    PITCH,  # no report of the case at all
    PITCH + "\n提醒：请认准正规渠道购买保健品。\n",  # a reminder next to it is no reported case
    PITCH + "\n欢迎广大市民到店咨询。\n\n另有报道：某公司涉嫌诈骗罪被立案。\n",  # the report is not next to it
    "深海鱼油胶囊，无效退款，扫码下单立减200元！\n\n李某某等3人因涉嫌诈骗罪被依法刑事拘留。\n",  # not quoted
])
def test_pitch_without_a_quoted_case_frame_still_reported(site, body):
    assert "ads.offer" in rules(check_text(site, body))


def test_gambling_named_illegal_passes_promotion_does_not(site):
    body = ("六合彩、网络赌球都是违法犯罪\n\n问：参与私彩“六合彩”有什么后果？\n\n"
            "除福利彩票、体育彩票外，任何形式的网络私彩、境外博彩均属非法。\n")
    assert not rules(check_text(site, body)) & {"prohibited.obscene", "ads.offer"}
    promo = "六合彩特码每期必中，充值就送，加群跟单稳赚！\n"
    assert "prohibited.obscene" in rules(check_text(site, promo))
