"""The one HTML allowlist (govpub/site/sanitize.py): what an article needs stays, what runs goes."""

from __future__ import annotations

import pytest

from govpub.site.sanitize import clean, safe_url, url_scheme


def test_what_an_article_needs_stays() -> None:
    html = ('<h2 id="huiyi">会议</h2><p>正文<strong>重点</strong><a href="../x/">站内</a>'
            '<a href="https://www.gov.cn/" title="中国政府网">外链</a><a href="mailto:a@b.cn">信箱</a></p>'
            '<p><img alt="现场" src="huiyi-1.jpg" width="600"></p>'
            '<table><thead><tr><th style="text-align: center">项目</th></tr></thead>'
            '<tbody><tr><td style="text-align: right">1</td></tr></tbody></table>'
            '<pre><code class="language-text">代码</code></pre><blockquote><p>引文</p></blockquote>')
    out = clean(html)
    for kept in ('<h2 id="huiyi">', 'href="../x/"', 'href="https://www.gov.cn/"', 'title="中国政府网"',
                 'href="mailto:a@b.cn"', 'src="huiyi-1.jpg"', 'alt="现场"', 'style="text-align:center"',
                 'style="text-align:right"', '<code class="language-text">', "<blockquote>", "<strong>"):
        assert kept in out, kept


@pytest.mark.parametrize("html, gone", [
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ("<script>alert(1)</script>", "alert"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "href"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "href"),
    ('<a href=" JAVASCRIPT:alert(1)">x</a>', "href"),
    ('<a href="vbscript:msgbox(1)">x</a>', "href"),
    ('<img alt="a" src="data:image/svg+xml;base64,AAAA">', "src"),
    ('<p style="background:url(https://evil.example/x)">x</p>', "style"),
    ('<td style="text-align:left;position:fixed">x</td>', "position"),
    ("<!-- 440881199001011233 -->x", "4408"),
    ('<iframe src="https://evil.example/"></iframe>', "iframe"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
    ('<a href="https://www.gov.cn/" target="_blank">x</a>', "target"),
    ('<form action="https://evil.example/"><input name="q"></form>', "form"),
    ('<img alt="统计" src="https://evil.example/t.gif">', "evil"),
    ('<img alt="统计" src="//evil.example/t.gif">', "evil"),
])
def test_what_can_run_goes(html: str, gone: str) -> None:
    assert gone not in clean(html)


def test_url_scheme_decodes_as_a_browser_does() -> None:
    assert url_scheme("&#106;ava\tscript:x") == "javascript"
    assert url_scheme("java&#x0A;script:x") == "javascript"
    assert url_scheme("\u200bjavascript:x") == "javascript"
    assert url_scheme("../a.pdf") == "" and url_scheme("HTTPS://www.gov.cn") == "https"
    assert safe_url("https://sft.gd.gov.cn/a") == "https://sft.gd.gov.cn/a"
    assert safe_url("javascript:alert(1)") == "" and safe_url("data:text/html,x") == ""
