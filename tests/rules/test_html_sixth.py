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
