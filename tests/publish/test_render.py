"""WeChat rendering: what a drafter writes for the website must still make sense in the app."""

from __future__ import annotations

import pytest
from helpers import article_text
from PIL import Image

from govpub.content import article as article_mod
from govpub.errors import GovpubError
from govpub.publish.render import render
from govpub.publish.wechat import ValidationError, prepare

BASE = "https://www.zhanjiang.gov.cn/sfj/"


def wechat_html(site, body: str) -> str:
    folder = site.root / "content/gzdt/2026"
    folder.mkdir(parents=True, exist_ok=True)
    site.write("mkdocs.yml", f"site_name: 测试\nsite_url: {BASE}\n")
    Image.new("RGB", (900, 383), (30, 30, 90)).save(folder / "c.jpg", "JPEG")
    site.write("content/tzgg/2026/other.md", article_text(title="另一篇通知", column="tzgg"))
    path = site.write("content/gzdt/2026/a.md", article_text(body=body, title="测试", column="gzdt",
                                                             channels="[website, wechat]", cover="c.jpg"))
    fields, _, _ = prepare(article_mod.load(site.root, path), site.root, BASE + "gzdt/2026/a/", base=BASE)
    return fields["content"]


def test_a_link_to_another_article_becomes_its_website_url(site):
    html = wechat_html(site, "详见[另一篇通知](../../tzgg/2026/other.md)。\n")
    assert "另一篇通知<sup" in html and "[1]</sup>" in html
    assert f"[1] {BASE}tzgg/2026/other/" in html and "other.md" not in html


def test_an_anchor_is_dropped_and_its_text_kept(site):
    html = wechat_html(site, "## 办理流程\n\n见[办理流程](#办理流程)。\n")
    assert "见办理流程。" in html and "[1]" not in html and "#办理流程" not in html


def test_mailto_shows_the_address_as_text(site):
    html = wechat_html(site, "来信请寄[局办公室](mailto:sfj@example.gov.cn)，或[sfj@example.gov.cn](mailto:sfj@example.gov.cn)。\n")
    assert "局办公室（sfj@example.gov.cn）" in html and "[1]" not in html and "mailto" not in html
    assert html.count("sfj@example.gov.cn") == 2  # not repeated after a link that already shows it


def test_fenced_code_keeps_its_lines(site):
    html = wechat_html(site, "步骤：\n\n```\n第一步  登录\n第二步  提交\n```\n")
    assert "第一步&nbsp;&nbsp;登录<br>第二步&nbsp;&nbsp;提交" in html and "<pre" in html


@pytest.mark.parametrize("src, words", [("missing.jpg", "找不到的图片 missing.jpg"),
                                        ("https://example.com/x.jpg", "外部图片 https://example.com/x.jpg")])
def test_a_missing_or_external_image_is_an_error_that_names_the_file(site, src, words):
    with pytest.raises(ValidationError, match=words):
        wechat_html(site, f"正文。\n\n![现场]({src})\n")


def test_render_error_names_the_article(site):
    path = site.write("content/gzdt/2026/b.md", article_text(body="![图](nope.png)\n", column="gzdt"))
    with pytest.raises(GovpubError) as exc:
        render(article_mod.load(site.root, path), site.root, image_src=lambda n, p: "x")
    assert "content/gzdt/2026/b.md" in str(exc.value) and "处理办法" in str(exc.value)


def test_an_embed_inside_a_paragraph_keeps_the_text_around_it_and_the_html_balanced(site):
    html = wechat_html(site, '<p>x<embed src="a.swf">y</p><p>z</p>\n')
    assert "embed" not in html and "a.swf" not in html
    assert "x" in html and "y" in html and "z" in html
    assert html.count("<p") == html.count("</p>")


def test_script_and_iframe_are_dropped_with_their_content(site):
    html = wechat_html(site, '前文<script>alert("窃取")</script>\n\n<iframe src="https://evil.example/">框内</iframe>后文\n')
    assert "前文" in html and "后文" in html
    assert "alert" not in html and "窃取" not in html and "evil.example" not in html and "框内" not in html


def test_the_renderer_and_the_html_rule_agree_on_embedding_tags():
    from govpub.publish.render import ALLOWED
    from govpub.rules.html.embed import EMBEDDING
    from govpub.site.sanitize import DROP_WITH_CONTENT, TAGS

    assert set(ALLOWED) <= TAGS  # the channel's list only narrows the one allowlist
    assert EMBEDDING.isdisjoint(TAGS)  # what the rule refuses never reaches a page or a channel
    text_only = {"title", "xmp", "noembed", "noframes"}  # hold text, run nothing
    assert DROP_WITH_CONTENT - text_only <= EMBEDDING  # what the renderer drops, the rule reports


def test_wechat_comments_follow_the_account_entry(site):
    """Art. 12: whether readers may comment is the bureau's choice in accounts.yml, not code."""
    folder = site.root / "content/gzdt/2026"
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 383), (30, 30, 90)).save(folder / "c.jpg", "JPEG")
    path = site.write("content/gzdt/2026/a.md", article_text(title="测试", column="gzdt",
                                                             channels="[website, wechat]", cover="c.jpg"))
    art = article_mod.load(site.root, path)
    closed, _, _ = prepare(art, site.root, BASE)
    assert closed["need_open_comment"] == 0 and closed["only_fans_can_comment"] == 0
    opened, _, _ = prepare(art, site.root, BASE, comments={"open": True, "fans_only": True})
    assert opened["need_open_comment"] == 1 and opened["only_fans_can_comment"] == 1


def test_text_that_looks_like_an_attribute_is_kept_and_no_class_is_left(site):
    """The finished HTML is not pattern-matched: a sentence quoting HTML (class="…") keeps its
    words, and govpub's own wrapper and footnotes carry styles, not classes."""
    html = wechat_html(site, '网页代码示例：class="notice" 表示通知样式，见[说明](https://example.org/a)。\n\n'
                             '<p class="q">原文段落</p>\n')
    assert 'class="notice" 表示通知样式' in html
    assert "<p class" not in html and "<section class" not in html and 'class="q"' not in html
    assert html.startswith("<section style=") and "[1] https://example.org/a</p>" in html
