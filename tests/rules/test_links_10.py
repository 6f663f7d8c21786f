"""links.disguised, tenth round (issue #14): an address spelled one character at a time with spaces between."""

from __future__ import annotations

import pytest
from helpers import check_text


def links(findings) -> set[str]:
    return {f.rule for f in findings if f.rule.startswith("links.")}


@pytest.mark.parametrize("body", [
    "报名请登录 h t t p : / / z j - f a l v . n e t 填写信息。",
    "咨询网站：w w w . l v s h i 8 8 . c n",
])
def test_a_spaced_out_address_is_found(site, body):
    assert links(check_text(site, body + "\n")) == {"links.disguised"}


@pytest.mark.parametrize("body", [
    "请按 A B C D E F G H 的顺序排列座位。",
    "政府网站 w w w . g o v . c n 可查询政策文件。",
    "型号 X 1 2 3 4 5 6 7 8 已停产。",
])
def test_spaced_letters_that_are_no_foreign_address_pass(site, body):
    assert not links(check_text(site, body + "\n"))
