"""repost.*, sixth round (issue #14): a distributed notice's tail written as a sentence (此件抄送至……,
不再另行下发) and a medium credited with what the article retells (正如……所报道的那样)."""

from __future__ import annotations

import pytest
from helpers import check_text


def repost(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("repost.")}


@pytest.mark.parametrize("body", [
    "各有关单位：\n\n现将市委政法委《关于开展平安建设宣传月活动的方案》转发给你们，请结合实际抓好落实。\n\n"
    "本通知抄报市委政法委，不另行文。",
    "各司法所：\n\n请于12月20日前报送年度工作总结。\n\n抄送至各县（市、区）司法局办公室。",
])
def test_a_notice_tail_in_sentences_is_found(site, body):
    assert repost(check_text(site, body + "\n")) == {"repost.document-text"}


@pytest.mark.parametrize("body", [
    # a public notice: the addressees and a forwarding note are in the portal's text too
    "各县（市、区）司法局、局机关各科室：\n\n根据国务院办公厅通知，元旦放假1天。请做好值班安排，不再另行发文。",
    # narration about a copy being sent
    "会议纪要抄送至各成员单位后，各单位要认真抓好落实。",
])
def test_notices_and_narration_pass(site, body):
    assert "repost.document-text" not in repost(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "法治日报报道称，我国已建成覆盖城乡的公共法律服务体系。",
    "正如湛江晚报此前所报道的那样，全市调解组织实现村居全覆盖。",
])
def test_a_medium_credited_with_the_report_is_found(site, body):
    assert repost(check_text(site, body + "\n")) == {"repost.source"}


@pytest.mark.parametrize("body", [
    "我局法律援助工作获南方日报专题报道。",  # coverage of the bureau's own work
    "本网报道称，全市法律援助案件同比增长12%。",  # the bureau's own site
])
def test_coverage_of_own_work_passes(site, body):
    assert not repost(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "近日，司法部官网刊发了一组公证工作典型案例，现节选如下。",  # announced, then excerpted
    "本文配图来自中国新闻网。",  # pictures from a medium are reposted too
    "该文由中国长安网授权。",
])
def test_sources_named_in_new_words_are_found(site, body):
    assert repost(check_text(site, body + "\n")) == {"repost.source"}


@pytest.mark.parametrize("key", ["source_link", "original_url", "via", "原文", "出处"])
def test_a_front_matter_key_that_names_a_source_needs_the_repost_block(site, key):
    found = check_text(site, "全省公证工作会议召开。\n", **{key: "https://sft.gd.gov.cn/a.html"})
    assert "repost.source" in repost(found)


@pytest.mark.parametrize("body", [
    "照片由赤坎区司法所提供。",
    "（图片来自网络）",
    "会议现场照片由本局办公室提供。",
])
def test_own_and_vague_picture_credits_pass(site, body):
    assert not repost(check_text(site, "全市普法骨干培训班开班。\n\n" + body + "\n"))
