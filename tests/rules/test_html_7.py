"""Seventh round (issue #14): a data: URL whose payload is a page or a script is HTML, however it
is linked (html.script-url beside links.scheme); data: images stay links.scheme's alone."""

from __future__ import annotations

import pytest
from helpers import check_text


def rules(site, text: str) -> set[str]:  # noqa: ANN001
    return {f.rule for f in check_text(site, text)}


@pytest.mark.parametrize("text", [
    "答题完成后，[点击查看参考答案](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)。",
    "[查看办事流程图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[下载]( DATA:Text/HTML,%3Ch1%3E1%3C/h1%3E )",
])
def test_a_markdown_link_to_a_data_page_is_html(msite, text: str) -> None:
    assert {"html.script-url", "links.scheme"} <= rules(msite, text)


def test_a_data_image_stays_links_and_a_plain_javascript_link_is_both(msite) -> None:
    assert "html.script-url" not in rules(msite, "![二维码](data:image/png;base64,iVBORw0KGgo=)")
    assert {"html.script-url", "links.scheme"} <= rules(msite, "[下载](javascript:alert(1))")
    assert rules(msite, "数据格式为 data:text/html 的网页不得上传。") == set()
