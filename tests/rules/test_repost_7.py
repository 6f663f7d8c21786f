"""repost.source, seventh round (issue #14): WeChat chrome with any date form, caption credits for the
words, titles ending in a repost mark, English credits inside a paragraph."""

from __future__ import annotations

import pytest
from helpers import check_text


def source(findings) -> list[str]:
    return [f.match for f in findings if f.rule == "repost.source"]


@pytest.mark.parametrize("body", [
    "原创　湛江普法在线　2026.11.02 20:10\n\n劳动合同到期不续签，有没有经济补偿？",
    "戳上方“法润港城”关注我们\n\n劳动合同到期不续签，有没有经济补偿？",
])
def test_wechat_chrome_is_found(site, body):
    assert source(check_text(site, body + "\n"))


def test_a_wechat_prompt_inside_a_sentence_passes(site):
    body = "市民可以关注“湛江司法”微信公众号，点击菜单栏预约法律援助。\n"
    assert not source(check_text(site, body))


@pytest.mark.parametrize("body", [
    "（图为调解现场。照片及文字来源：雷州日报）",
    "宣讲会现场座无虚席。稿件来源：广东法治网",
])
def test_a_caption_credit_for_the_words_is_found(site, body):
    assert source(check_text(site, body + "\n"))


@pytest.mark.parametrize("title", ["全国法律援助工作会议召开（转）", "法治政府建设年度报告发布（转自司法部网站）"])
def test_a_title_ending_in_a_repost_mark_is_found(site, title):
    assert source(check_text(site, "会议总结了今年工作。\n", title=title))


def test_a_title_about_forwarding_passes(site):
    assert not source(check_text(site, "现将文件转发给你们。\n", title="关于转发省厅通知的通知"))


# an English credit: no word list holds the medium's name, the structure finds it
@pytest.mark.parametrize("body", [
    "Free legal aid is available to migrant workers. Republished from Shenzhen Daily on 3 December.",
    "This explainer was originally published in Global Times.",
])
def test_an_english_credit_is_found(site, body):
    assert source(check_text(site, "外籍人士法律服务。\n\n" + body + "\n"))


def test_an_english_translation_note_passes(site):
    body = "This English version is for reference; it is translated from the Chinese text published by the bureau.\n"
    assert not source(check_text(site, body))
