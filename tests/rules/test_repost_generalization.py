"""repost.*: reposts recognised by structure (issue #14, fourth round).

A repost shows itself by a vague original time, another body's signature, a colophon in a table,
document numbers in any bracket, an outside paper's byline, or a report credited in the body;
the bureau's own notices, quoted document numbers and complete repost metadata pass.
"""

from __future__ import annotations

import pytest
from helpers import check_text

REPOST = "\n  source_name: 广东省司法厅\n  source_url: https://sft.gd.gov.cn/a.html\n  published: "


def repost(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("repost.")}


@pytest.mark.parametrize("published", ["近日", "2026年11月"])
def test_original_time_must_be_a_day(site, published):
    assert repost(check_text(site, "全省律师工作会议召开。\n", repost=REPOST + published)) == {"repost.source"}
    assert not repost(check_text(site, "全省律师工作会议召开。\n", repost=REPOST + "2026-11-18"))


@pytest.mark.parametrize(("body", "rule"), [
    ("广东省司法厅办公室\n\n粤司办﹝2026﹞118号\n\n关于做好排查工作的通知\n\n各地级以上市司法局：\n", "repost.document-text"),
    ("湛府办【2026】45号\n\n签发人：某某\n\n关于印发工作要点的通知\n", "repost.document-text"),
    ("| 抄送 | 市委办，市政府办 |\n|---|---|\n| 印发 | 广东省司法厅办公室 2026年11月18日印发 |\n", "repost.document-text"),
    ("主题词：人民调解　意见\n\n湛江市委政法委办公室　　2026年11月20日印发\n", "repost.document-text"),
    ("各县（市、区）司法局：\n\n现将有关事项通知如下。\n\n湛江市应急管理局\n\n2026年11月18日\n", "repost.source"),
    ("文/图：湛江日报记者 陈某 通讯员 李某\n\n赤坎区开展法治宣传活动。\n", "repost.source"),
    ("据了解，这则消息最早由《南方日报》披露。\n", "repost.source"),
    ("编者按：此文曾在《人民调解》杂志刊登，现予转发。\n", "repost.source"),
    ("以下为《广东省司法厅关于加强律师行业管理的通知》全文：\n", "repost.source"),
    ("索引号：006939748/2026-00123\n\n发布机构：广东省司法厅\n", "repost.source"),
])
def test_reposts_by_structure(site, body, rule):
    assert repost(check_text(site, body)) == {rule}


@pytest.mark.parametrize(("body", "fields"), [
    ("根据《关于做好排查工作的通知》（粤司办﹝2026﹞118号）要求，我局立即部署。\n", {}),
    ("湛司办【2026】45号\n\n关于值班工作的通知\n\n各科室：请认真落实。\n\n抄送：市委政法委。\n",
     {"doc_number": "湛司办【2026】45号"}),
    ("各科室：\n\n现将有关事项通知如下。\n\n湛江市司法局\n\n2026年12月20日\n", {}),  # the bureau's own signature
    ("湛江日报记者走进赤坎区公共法律服务中心，体验一站式服务。\n", {}),  # a reporter in the narration
    ("摘自《中华人民共和国民法典》第一千零三十二条：自然人享有隐私权。\n", {}),  # a law quoted
    ("以上数据来源于市统计局公开发布的统计公报。\n", {}),  # 数据 is no 据
    ("各地级以上市司法局：\n\n现将有关事项通知如下。\n\n广东省司法厅\n\n2026年11月18日\n",
     {"repost": REPOST + "2026-11-18"}),  # a portal text reposted with its metadata
])
def test_own_and_quoted_documents_pass(site, body, fields):
    assert not repost(check_text(site, body, **fields))


# ---- fifth round: an outside text announced and passed on, red-header parts in new combinations ----

@pytest.mark.parametrize(("body", "rule"), [
    ("市委政法委网站近日发布《关于做好冬季矛盾纠纷排查的通知》，正文如下：\n\n各县（市、区）……\n", "repost.source"),
    ("《检察日报》11月30日刊登了一篇关于公益诉讼的评论，特转载如下，供干部学习。\n", "repost.source"),
    ("※稿源：南方农村报\n\n遂溪县开展“法律明白人”培训。\n", "repost.source"),
    ("资料来源于广东省法学会官网。\n", "repost.source"),
    ("关于报送统计数据的通知\n\n签发人：李某某\n\n各县（市、区）司法局：请于月底前报送。\n", "repost.document-text"),
    ("中共湛江市委政法委员会文件\n\n关于加强平安建设的意见\n\n现将意见印发给你们。\n", "repost.document-text"),  # a head alone
])
def test_fifth_round_reposts(site, body, rule):
    assert repost(check_text(site, body)) == {rule}


@pytest.mark.parametrize("body", [
    "我局近日印发《湛江市人民调解工作规范》，全文如下：\n\n第一条……\n",  # the bureau's own text
    "湛江市司法局办公室印发通知，原文如下：\n\n各科室：……\n",
    "会上，大家观看了央视新闻播出的专题片，并交流了学习体会。\n",
    "霞山区司法局开展宪法宣传周活动。\n\n信息提供：霞山区司法局\n",  # a county bureau of the system contributes
    "图片来源：湛江市司法局\n",
    "## 政策文件\n\n一、《中华人民共和国法律援助法》\n",  # a section heading is no version head
    "湛江市司法局文件\n\n关于开展普法的通知\n",  # the bureau's own head: meta and doc_number are its business
])
def test_fifth_round_traps_pass(site, body):
    assert not repost(check_text(site, body))


@pytest.mark.parametrize("body", [
    "全省法律援助工作会议召开。（中新社）\n",  # a closing credit in brackets
    "全省法律援助工作会议召开。\n\n（南方日报记者　黄某）\n",
    "央广网记者从省司法厅了解到，全省已建成村（居）法律顾问全覆盖。\n",  # a medium's reporter learned it
    "全省律师工作会议召开。\n\n图文：羊城晚报\n",  # a credit line naming a medium
])
def test_fifth_round_credits(site, body):
    assert repost(check_text(site, body)) == {"repost.source"}


def test_author_field_naming_a_medium(site):
    assert repost(check_text(site, "全国人民调解工作会议召开。\n", author="人民日报")) == {"repost.source"}
    assert not repost(check_text(site, "全市人民调解工作会议召开。\n", author="王晓敏"))
    assert not repost(check_text(site, "全市人民调解工作会议召开。\n\n（赤坎区司法局供稿）\n"))  # the county bureau
