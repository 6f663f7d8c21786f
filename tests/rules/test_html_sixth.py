"""html.embed, sixth round: media and legacy tags that load or play something from elsewhere."""

from __future__ import annotations

import pytest
from helpers import check_text


def embeds(site, text: str) -> list[str]:  # noqa: ANN001
    return [f.match for f in check_text(site, text) if f.rule == "html.embed"]


@pytest.mark.parametrize(("text", "tag"), [
    ("现场回顾：\n\n<video controls src=\"huigu.mp4\"></video>\n", "<video"),
    ("<audio autoplay loop src=\"bgm.mp3\"></audio>\n\n全市开展宪法宣传。", "<audio"),
    ("<VIDEO><Source src=\"a.webm\" type=\"video/webm\"></VIDEO>", "<Source"),
    ("<bgsound src=\"a.mid\">欢迎访问。", "<bgsound"),
])
def test_media_tags_are_found(msite, text: str, tag: str) -> None:
    assert any(m.startswith(tag) for m in embeds(msite, text)), embeds(msite, text)


@pytest.mark.parametrize("text", [
    "活动现场播放了普法短视频和音频节目，相关视频可在本网站“视频”栏目观看。",
    "```html\n<video src=\"a.mp4\"></video>\n```\n",  # shown as code
    "讲解如何识别 `<audio>` 标签。",
])
def test_media_words_and_code_pass(msite, text: str) -> None:
    assert embeds(msite, text) == []


@pytest.mark.parametrize(("text", "match"), [
    ("欢迎访问<span hidden>关键词 关键词</span>本局网站。", "hidden"),
    ("<font color=\"#ffffff\">看不见的推广文字</font>正文如下。", "color=\"#ffffff\""),
    ("<marquee>热烈庆祝网站改版</marquee>", "<marquee>"),
    ("<BLINK>重要通知</BLINK>", "<BLINK>"),
])
def test_hidden_and_restyled_text_is_found(msite, text: str, match: str) -> None:
    assert ("html.style", match) in [(f.rule, f.match) for f in check_text(msite, text)]


@pytest.mark.parametrize("text", [
    "网站不得设置隐藏（hidden）文字，也不得用与背景同色的字体颜色（color）。",
    "| 项目 | 说明 |\n|:---|---:|\n| 颜色 | 红色 |\n",
    "<div class=\"notice\">通知</div>",
])
def test_prose_about_hiding_and_plain_markup_pass(msite, text: str) -> None:
    assert [f for f in check_text(msite, text) if f.rule == "html.style"] == []


def test_an_unsafe_url_in_an_html_attribute_is_html_too(msite) -> None:
    found = {f.rule for f in check_text(msite, "<a href=\"data:text/html,%3Ch1%3E1%3C%2Fh1%3E\">下载</a>")}
    assert {"html.script-url", "links.scheme"} <= found
    plain = {f.rule for f in check_text(msite, "[下载](javascript:alert(1))")}
    assert {"links.scheme", "html.script-url"} <= plain  # a script run from a Markdown link: both (ninth round)
