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


@pytest.mark.parametrize("body", [
    "阅读原文 | 分享 | 在看",  # a WeChat footer left in the draft
    "原创　湛江普法在线　2026年11月30日 09:00　湛江",
    "羊城晚报讯（通讯员 李某）全省公证行业开展便民服务月活动。",
    "Source: China News Service",
    "資料來源：中國新聞網",  # traditional characters
    "以下为最高人民检察院近日公布的检察建议典型案例。",
    "法治日报报道称，全国已建成覆盖城乡的公共法律服务网络。",
])
def test_repost_traces_in_other_shapes(site, body):
    assert repost(check_text(site, "全市法律服务工作稳步推进。\n\n" + body + "\n")) == {"repost.source"}


def test_an_image_described_as_a_scan_is_a_red_header_original(site):
    found = check_text(site, "转发省厅通知如下。\n\n![省厅通知红头文件第2页](p2.png)\n")
    assert [f.rule for f in found if f.rule.startswith("repost.")] == ["repost.red-header"]


@pytest.mark.parametrize("body", [
    "据市统计局发布的统计公报，全市常住人口较上年增长0.8%。",  # figures cited
    "据省应急管理厅消息，台风已减弱为热带风暴。\n\n市司法局组织律师深入安置点提供法律服务。",  # background to own work
    "以下为市统计局发布的数据，供参考。",
    "![宣传海报](haibao.jpg)",
])
def test_citations_and_own_work_pass(site, body):
    assert not repost(check_text(site, body + "\n"))


def test_a_portal_text_reposted_keeps_its_number_and_copy_list(site):
    body = "粤司函〔2026〕301号\n\n各地级以上市司法局：\n\n现将有关事项通知如下。\n\n广东省司法厅\n2026年11月10日\n\n抄送：省财政厅。\n"
    repost_block = ("\n  source_name: 广东省司法厅\n  source_url: http://sft.gd.gov.cn/sfw/zwgk/post_3.html"
                    "\n  published: 2026-11-10")
    assert not repost(check_text(site, body, repost=repost_block))
    # without the repost block it is a pasted red-header document
    assert "repost.document-text" in repost(check_text(site, body))
    # with it, a paper-only part (the 印发 line) still counts
    printed = body + "\n广东省司法厅办公室　　2026年11月10日印发\n"
    assert "repost.document-text" in repost(check_text(site, printed, repost=repost_block))


def test_the_own_signature_mistyped_is_no_outside_signature(site):
    body = "请各科室按时报送材料。\n\n谌江市司法局\n2026年11月20日\n"
    assert not repost(check_text(site, body))


@pytest.mark.parametrize("body", [
    "现将省司法厅近日印发的通知转发给你们，请认真贯彻执行。",  # the bureau's own forwarding notice
    "人民日报报道称，我市“一村一法律顾问”经验在全国推广。",  # the bureau's own work as covered
])
def test_own_forwarding_and_own_coverage_pass(site, body):
    assert "repost.source" not in repost(check_text(site, body + "\n"))


@pytest.mark.parametrize("body", [
    "【来源】检察日报",  # a label in brackets, no colon
    "本文根据央视网相关报道整理。",  # a report rewritten
    "文/广东省司法厅",  # a higher body's byline
])
def test_labels_bylines_and_rewrites(site, body):
    assert repost(check_text(site, "全国普法工作会议召开。\n\n" + body + "\n")) == {"repost.source"}


@pytest.mark.parametrize("body", ["【来源】湛江市司法局", "根据《民法典》相关内容整理。", "文/湛江市司法局普法与依法治理科"])
def test_own_labels_and_law_notes_pass(site, body):
    assert not repost(check_text(site, "全市普法工作会议召开。\n\n" + body + "\n"))
