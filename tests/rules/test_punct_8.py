"""Eighth round (issue #14): punct categories behind corpus6's misses.

A law's, a regulation's or a 关于… document's title written in quotation marks (punct.title), found
by what the title ends with; 、 between two titles in 《》 (punct.title-pause, with a fix).
"""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list


def puncts(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("punct.")]


@pytest.mark.parametrize(("text", "title"), [
    ("组织学习“湛江市城市绿化管理实施细则”。", "“湛江市城市绿化管理实施细则”"),   # a local title in no list
    ("对照“行政执法全过程记录暂行办法”逐项整改。", "“行政执法全过程记录暂行办法”"),
    ("印发“市司法局关于加强人民调解员队伍建设的意见”。", "“市司法局关于加强人民调解员队伍建设的意见”"),
    ("学习“中华人民共和国海岛保护法”。", "“中华人民共和国海岛保护法”"),
])
def test_a_title_in_quotation_marks_is_caught(msite, text: str, title: str) -> None:
    in_no_list(title.strip("“”"))
    assert ("punct.title", title) in puncts(msite, text)


@pytest.mark.parametrize("text", [
    "严格落实中央“八项规定”精神，落实“谁执法谁普法”责任制，开展“以案说法”。",
    "网传所谓的“关于发放防疫补贴的通知”系伪造。",           # a so-called document
    "请在信封上注明“征求意见”字样。",                          # a marking
    "开展“民法典”进社区和“宪法”宣传周活动。",                # short names, not titles in full
])
def test_slogans_so_called_documents_and_markings_pass(msite, text: str) -> None:
    assert [m for r, m in puncts(msite, text) if r == "punct.title"] == []


def test_a_pause_between_titles_is_caught_and_fixed(msite) -> None:  # noqa: ANN001
    from govpub.content import article as article_mod
    from govpub.rules.fixes import fixed_text

    text = "学习《法律援助法》、《社区矫正法》和《民法典》（2020年）、《刑法》。"
    assert puncts(msite, text) == [("punct.title-pause", "》、《")]
    path = msite.article("content/pfyfz/2026/tuijinhui.md", text)
    assert "《法律援助法》《社区矫正法》和《民法典》（2020年）、《刑法》" in fixed_text(
        msite.rules(), article_mod.load(msite.root, path))


@pytest.mark.parametrize(("text", "wrong"), [
    ("邀请人大代表、政协委员、和群众代表参加评议。", "、和"),
    ("材料可以邮寄、传真、或者当面提交。", "、或者"),
    ("律师、公证员、以及仲裁员参加座谈。", "、以及"),
])
def test_a_pause_before_the_last_items_conjunction_is_caught(msite, text: str, wrong: str) -> None:
    assert ("punct.enumeration", wrong) in puncts(msite, text)


@pytest.mark.parametrize("text", [
    "倡导富强、民主、文明、和谐。",                         # 和谐 is a word
    "对群众诉求要认真、及时、妥善处理。",                   # 及时 is a word
    "做到与业务工作同谋划、同部署、同落实。",               # 同 is a prefix here
    "提交身份证件、与申请事项有关的材料。",                 # 与 introduces the item
])
def test_conjunction_like_words_after_a_pause_pass(msite, text: str) -> None:
    assert [m for r, m in puncts(msite, text) if r == "punct.enumeration"] == []


def test_quoted_speech_ending_with_a_regulation_word_is_no_title(msite) -> None:
    assert [m for r, m in puncts(msite, "他说：“这是法律的规定”，大家要遵守“我们的办法”。") if r == "punct.title"] == []
