"""Ninth round (issue #14): a javascript: or vbscript: link runs a script however it is written, so
html.script-url reports the Markdown link too (beside links.scheme); a data: image stays links'."""

from __future__ import annotations

import pytest
from helpers import check_text


def rules(site, text: str) -> set[str]:  # noqa: ANN001
    return {f.rule for f in check_text(site, text)}


@pytest.mark.parametrize("text", [
    "想了解更多，请[点击查看全文解读](javascript:window.location='https://example.cc/')。",
    "[报名表](  VBScript:msgbox(1) )",
    "<javascript:alert(1)>",
])
def test_a_script_link_in_markdown_is_html(msite, text: str) -> None:
    assert "html.script-url" in rules(msite, text)


def test_a_data_image_and_prose_about_scripts_are_not_html(msite) -> None:
    assert "html.script-url" not in rules(msite, "![二维码](data:image/png;base64,iVBORw0KGgo=)")
    assert "html.script-url" not in rules(msite, "不要点击以 javascript 开头的陌生链接。")


def test_an_escaped_bracket_closes_no_link_but_an_escaped_backslash_does(msite) -> None:
    """Word import escapes link syntax a drafter typed as text ([点我\\](javascript:…) shows as
    text); two backslashes are one shown backslash, and the ] after them closes a real link."""
    assert "html.script-url" not in rules(msite, "以及[点我\\](javascript:alert(1))式的钓鱼链接。")
    assert "html.script-url" in rules(msite, "以及[点我\\\\](javascript:alert(1))式的钓鱼链接。")
