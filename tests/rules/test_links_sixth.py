"""links.*, sixth round: ftp:// written bare and magnet: download links."""

from __future__ import annotations

import pytest
from helpers import check_text


def links(site, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(f.rule, f.match) for f in check_text(site, text) if f.rule.startswith("links.")]


@pytest.mark.parametrize(("text", "rule", "match"), [
    ("往年的案例汇编可通过 ftp://docs.mediation-archive.net/2025/ 下载。",
     "links.untrusted", "ftp://docs.mediation-archive.net/2025/"),
    ("资料库地址：ftp://203.0.113.9/pub", "links.untrusted", "ftp://203.0.113.9/pub"),
    ("感兴趣的同志可打开magnet:?xt=urn:btih:5f2c7a9e0b1d3c4e6f8a9b0c1d2e3f4a5b6c7d8e获取。",
     "links.disguised", "magnet:?xt=urn:btih:5f2c7a9e0b1d3c4e6f8a9b0c1d2e3f4a5b6c7d8e"),
    ("合集：MAGNET:?XT=URN:BTIH:ABCDEF0123456789ABCDEF0123456789ABCDEF01", "links.disguised",
     "MAGNET:?XT=URN:BTIH:ABCDEF0123456789ABCDEF0123456789ABCDEF01"),
])
def test_ftp_and_magnet_links_are_found(msite, text: str, rule: str, match: str) -> None:
    assert (rule, match) in links(msite, text)


@pytest.mark.parametrize("text", [
    "本局已关闭 FTP 服务，内部文件一律通过电子公文系统流转。",
    "磁力、蓝牙等名词的解释见附件。",
    "下载地址：ftp://ftp.gov.cn/pub/guide.pdf",  # a registered domain
])
def test_words_and_trusted_ftp_pass(msite, text: str) -> None:
    assert links(msite, text) == []
