"""secret.*, seventh round (issue #14): the categories behind corpus5's misses, in wordings of their own,
and the clean texts beside each (secrecy lessons, explainers, news with document numbers)."""

from __future__ import annotations

import pytest
from helpers import check_text


def secret(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("secret.")}


# a level whose characters any separator splits, with its star, anywhere in a sentence: no word list
# holds these spellings, the structure finds them
@pytest.mark.parametrize("body", [
    "会议审阅了《夜间巡查方案》（绝 | 密 ★ 八年），并部署了值守工作。",
    "附：重点部位分布图（机_密✭长期）",
    "秘—密★6个月\n\n关于戒毒所扩建工程安保方案的说明",
    "JIMI★1nian\n\n关于监所警力调整的报告",
])
def test_a_split_or_romanised_starred_level_is_found(site, body):
    assert "secret.level" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "本次测评共收到五星（★★★★★）好评312条。",
    "星级评定：公共法律服务站点达到★★★标准。",
    "讲座中，老师解释了“秘密★1年”的含义：星号前是密级，后面是保密期限。",
])
def test_stars_that_mark_no_level_pass(site, body):
    assert not secret(check_text(site, body + "\n"))


# English markings inside English prose (a bilingual page)
@pytest.mark.parametrize("body", [
    "The figures below are FOR OFFICIAL USE ONLY and must not be quoted.",
    "Draft agenda attached; for internal circulation only, do not forward outside the office.",
    "Classification: restricted. The meeting discussed staffing of the detention centre.",
])
def test_english_markings_are_found(site, body):
    assert "secret.marking" in secret(check_text(site, "涉外法律服务交流会召开。\n\n" + body + "\n"))


@pytest.mark.parametrize("body", [
    "Lawyers must keep their clients' information confidential, as the Lawyers Law requires.",
    "Our notary office handles your documents in confidence; the fee is set by the price bureau.",
    "The law on guarding state secrets was revised in 2024; training sessions are open to the public.",
])
def test_english_prose_about_confidentiality_passes(site, body):
    assert not secret(check_text(site, "涉外公证服务指南。\n\n" + body + "\n"))


# a secrecy period on a line of its own marks the paper; a lesson on the statutory periods does not
@pytest.mark.parametrize("body", [
    "关于监所安全隐患整改情况的报告\n\n保密期限　三年",
    "关于重点人员管控情况的通报\n\n（保密期限至2029年1月1日）",
])
def test_a_period_line_is_found(site, body):
    assert "secret.marking" in secret(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "保密期限届满的，自行解密；机密级事项的保密期限一般不超过二十年。",
    "定密责任人应当在确定密级的同时确定保密期限，保密期限可以是具体日期，也可以是事件。",
])
def test_a_lesson_on_periods_passes(site, body):
    assert not secret(check_text(site, body + "\n"))


# a statement that a particular figure or list is classified
def test_this_figure_is_classified_is_found(site):
    body = "记者追问具体人数，他表示，这项统计属于机密级事项，不便透露。"
    assert "secret.marking" in secret(check_text(site, body + "\n"))


def test_an_enumeration_of_levels_passes(site):
    body = "国家秘密的密级应当依法定为绝密、机密或者秘密级，并同时确定保密期限和知悉范围。"
    assert not secret(check_text(site, body + "\n"))


# a header line: an internal or telegram number with the signer or the urgency after it
def test_an_internal_number_with_signer_is_found(site):
    body = "湛司机要〔2026〕3号　　签发人：×××　　加急\n\n关于做好节日期间值班工作的通知"
    assert "secret.marking" in secret(check_text(site, body + "\n"))


# a series of 【】 headings in an explainer: a sensitive word names the topic; a single label before a
# title still marks the paper, and so does a marking among the headings
def test_headings_of_an_explainer_pass(site):
    body = ("【办理条件】符合经济困难标准的当事人。\n\n【敏感信息】申请材料中的个人信息依法保护。\n\n"
            "【办理地点】各县（市、区）公共法律服务中心。\n")
    assert not secret(check_text(site, body))


def test_a_marking_among_headings_still_counts(site):
    body = "【内部资料】重点人员名单如下。\n\n【敏感信息】请勿外传。\n\n【说明】由局办公室整理。\n"
    assert "secret.marking" in secret(check_text(site, body))
