"""What reaches readers, tenth round: what the reviewed Markdown says and a channel shows differently,
and what the 互动交流 page gave away. One MkDocs build of a hostile site (the content checks skipped:
the build's own defences only) serves the page assertions; the WeChat and 南方号 copies are rendered
from the same article.

Routes tried here and where they are stopped:
- a consultation record whose asker wrote the mobile number in groups (138 1234 5678, 138-1234-5678),
  with +86, in full-width digits or with a zero-width space inside, an ID number in groups: the
  互动交流 page's masking knew only unbroken runs of digits; now it masks what the content rules'
  own patterns (privacy.mobile, id-number, bank-card, contact) find;
- `# 一级标题` in an article's body: the page had two h1 (the title and the body's), and the search
  index took the body's heading for the page's title, the article's own title nowhere in it; a
  `#### 小标题` right under the title skipped two levels (axe heading-order). Now the body's headings
  are an outline under the title on the site and the copies (sanitize.outline): the first h2, no
  level skipped;
- a footnote ([^1] … [^1]: 说明): without the extension its text became a link address (a broken link
  on the site, nothing on WeChat); now a footnote on every channel;
- a list numbered from 3 (after a paragraph that interrupts it) read 1. 2. on the site and on the copies,
  and `1. 2. - 丙` numbered 丙 3 on the site only (the copies parsed with sane_lists, the site without):
  now one set of Markdown extensions (mkdocs.yml, publish/render.py EXTENSIONS), the number as written;
- a folded <details> showed readers one word and hid the rest (and from print), while the reviewers read
  it all and the copies printed it: now unwrapped, its text on the page;
- a reference-style link to an attachment that is not there ([附件名单][f], [f]: mingdan.pdf): the
  check meta.local-link read inline links only and the page kept a broken link (the build unlinked
  only missing .md pages); now the rule reads reference definitions and the build keeps the text of
  any link to a file MkDocs did not find;
- a repost whose source is a registered site's name (来源：广东省司法厅) and whose link leads elsewhere:
  the body's links said where they lead (readers9), the article's 来源 line did not; now it does;
- a picture whose alt is a zero-width space (typed or &#8203;), a reference-style ![][tu] or an
  attr_list `{: alt="" }`: passed html.alt-text and the build; the page had an empty alt. Now the rule
  reads the first two and the build refuses any picture whose rendered alt is blank;
- a title, author or summary with a bidi override or zero-width characters: the site showed them
  cleaned, the WeChat draft fields and the 南方号 meta.txt and Word title kept them.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import docx
import pytest
import yaml
from helpers import REPO, Site, article_text, check_text, copy_site, made_once, node_on_served_site
from test_readers6 import _pdf, _photo

from govpub.content import article as article_mod
from govpub.errors import GovpubError
from govpub.publish import nanfang
from govpub.publish.build import build_site
from govpub.publish.render import EXTENSIONS, render
from govpub.publish.wechat import prepare
from govpub.rules.html.alt_text import missing_alt

D = "content/gzdt/2026"
ARTICLE = f"{D}/readers10.md"
TITLE = "湛江市司法局关于规范法律服务的通知"
BODY = """# 正文里的一级标题

通知正文第一段。[^1]

#### 跳级写的小标题

一、第一项要求。

3. 第三项要求
4. 第四项要求

说明段落。

1. 甲项
2. 乙项

<details><summary>展开</summary>折叠起来的补充说明。</details>

![活动现场](scene.jpg)

见[附件名单][f]和[办法全文][g]。

[f]: mingdan.pdf
[g]: banfa.pdf
[^1]: 依据《法律援助法》第十条。
"""
QUESTION = ("我的手机是138 1234 5678，也可以打+86 139-8765-4321或１３７１２３４５６７８，"
            "孩子的号码是136\u200b1234\u200b5678，身份证440801 19900101 123X，2026-11-20 09:30 来电。")


def _site(root: Path) -> Site:
    site = copy_site(root)
    site.write(f"{D}/scene.jpg", _photo("scene"))
    site.write(f"{D}/cover10.jpg", _photo("cover"))
    site.write(f"{D}/banfa.pdf", _pdf())
    site.write(ARTICLE, article_text(body=BODY, title=TITLE, column="gzdt", department="办公室",
                                     cover="cover10.jpg", channels="[website, wechat, nanfang]"))
    for name, url in (("repost-other", "https://sft.gd.gov.cn.other.example/a.html"), ("repost-real", "https://sft.gd.gov.cn/b.html")):
        site.write(f"{D}/{name}.md", article_text(
            body="转载正文。\n", title=f"转载{name}", column="gzdt", department="办公室",
            repost=f"{{source_name: 广东省司法厅, source_url: '{url}', published: '2026-11-19 10:00'}}"))
    site.write("records/consultations/2026/2026-0901.yml", yaml.safe_dump({
        "received": "2026-11-20 09:30", "channel": "网站留言", "department": "公共法律服务管理科",
        "question": QUESTION, "reply": "您好，已转公共法律服务管理科处理。", "replied": "2026-11-21 10:00"},
        allow_unicode=True))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        site = _site(folder / "repo")
        build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)

    return made_once(tmp_path_factory.getbasetemp(), "readers10", make) / "repo"


def _page(root: Path) -> str:
    return (root / "site/gzdt/2026/readers10/index.html").read_text("utf-8")


def _body(root: Path) -> str:
    page = _page(root)
    return page[page.index('<div class="govpub-body">'):page.index('<nav class="govpub-prevnext"')]


def _copy(root: Path) -> str:
    art = article_mod.load(root, root / ARTICLE)
    return render(art, root, image_src=lambda n, p: f"images/{n:02d}.jpg").html


# -- 互动交流: numbers in groups ---------------------------------------------------------------------
def test_consultation_numbers_written_in_groups_are_masked(built: Path) -> None:
    page = html.unescape((built / "site/hdjl/index.html").read_text("utf-8"))
    assert "我的手机是＊＊＊＊＊＊" in page, page  # the record is on the page, masked
    digits = re.sub(r"\D", "", re.sub(r"2026-11-2\d \d\d:\d\d", "", page.split("我的手机是", 1)[1].split("来电", 1)[0]))
    assert digits == "", digits  # no group of any of the five numbers is left
    assert "2026-11-20 09:30 来电" in page  # a time is not a number to hide
    assert "\u200b" not in page


# -- the body's headings ---------------------------------------------------------------------------
def test_the_page_has_one_h1_and_the_search_index_has_the_title(built: Path) -> None:
    page = _page(built)
    assert re.findall(r"<h1[ >]", page) == ["<h1>"]
    assert f"<h1>{TITLE}</h1>" in page and '<h2 id="_1">正文里的一级标题</h2>' in _body(built)
    assert '<h3 id="_2">跳级写的小标题</h3>' in _body(built)  # not h4: no level skipped
    assert re.search(r"<h2[^>]*>正文里的一级标题</h2>\s*<p[^>]*>.*?</p>\s*<h3[^>]*>跳级写的小标题</h3>", _copy(built), re.S)
    index = json.loads((built / "site/search/search_index.json").read_text("utf-8"))
    titles = {e["location"]: e["title"].replace("\u200b", "") for e in index["docs"]}
    assert titles["gzdt/2026/readers10/"] == TITLE
    assert titles["gzdt/2026/readers10/#_1"] == "正文里的一级标题"


# -- footnotes, list numbers, folded text: the same on the site and the copies -------------------
def test_a_footnote_is_a_footnote_on_the_site(built: Path) -> None:
    body = _body(built)
    assert '<sup id="fnref:1"><a href="#fn:1">1</a></sup>' in body
    assert '<li id="fn:1">' in body and "依据《法律援助法》第十条。" in body
    assert 'href="#fnref:1">↩</a>' in body and 'title="返回正文第 1 处"' in body
    assert "依据" not in re.sub(r'<li id="fn:1">.*?</li>', "", body, flags=re.S)  # not a link address


def test_the_description_leaves_out_the_footnotes(built: Path) -> None:
    described = re.search(r'<meta name="Description" content="([^"]*)">', _page(built)).group(1)
    assert described.startswith("通知正文第一段。 一、第一项要求。"), described  # no marker 1
    assert "依据" not in described and "↩" not in described and "办法全文" in described


def test_a_footnote_reaches_the_copies_without_a_dead_link(built: Path) -> None:
    copy = _copy(built)
    assert "依据《法律援助法》第十条。" in copy and "#fn" not in copy and "↩" not in copy
    assert re.search(r"通知正文第一段。<sup[^>]*>1</sup>", copy), copy


def test_a_list_keeps_its_first_number_on_the_site_and_the_copies(built: Path, tmp_path: Path) -> None:
    assert '<ol start="3">\n<li>第三项要求</li>' in _body(built)
    assert re.search(r'<ol start="3"[^>]*><li[^>]*>第三项要求', _copy(built).replace("\n", ""))
    folder = nanfang.bundle(article_mod.load(built, built / ARTICLE), built, tmp_path, "https://sfj.zhanjiang.gov.cn/")
    lines = [p.text for p in docx.Document(str(folder / "article.docx")).paragraphs]
    assert "3. 第三项要求" in lines and "4. 第四项要求" in lines and "1. 甲项" in lines, lines


def test_the_site_and_the_copies_parse_markdown_with_the_same_extensions() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))
    names = {next(iter(x)) if isinstance(x, dict) else x for x in config["markdown_extensions"]}
    assert names - {"toc"} == set(EXTENSIONS)


def test_folded_text_is_on_the_page(built: Path) -> None:
    body = _body(built)
    assert "<details" not in body and "<summary" not in body and "折叠起来的补充说明。" in body


# -- links to files that are not there ------------------------------------------------------------
def test_a_reference_link_to_a_missing_attachment_keeps_only_its_text(built: Path) -> None:
    body = _body(built)
    assert "见附件名单和" in body and "mingdan" not in body
    assert '<a href="../banfa.pdf">办法全文</a>' in body  # the attachment that is there stays a link


def test_the_local_link_rule_follows_a_reference_definition(site: Site) -> None:
    body = "见[附件名单][f]。\n\n[f]: mingdan.pdf\n"
    found = [f for f in check_text(site, body, rel=f"{D}/a.md", column="gzdt") if f.rule == "meta.local-link"]
    assert found and "mingdan.pdf" in found[0].message and "不存在" in found[0].message
    site.write(f"{D}/mingdan.pdf", _pdf())
    assert not [f for f in check_text(site, body, rel=f"{D}/a.md", column="gzdt") if f.rule == "meta.local-link"]
    assert not [f for f in check_text(site, "正文。[^1]\n\n[^1]: 依据第十条。\n", rel=f"{D}/a.md", column="gzdt")
                if f.rule == "meta.local-link"]  # a footnote is no link


def test_a_repost_source_named_as_a_registered_site_shows_where_its_link_leads(built: Path) -> None:
    other = (built / "site/gzdt/2026/repost-other/index.html").read_text("utf-8")
    real = (built / "site/gzdt/2026/repost-real/index.html").read_text("utf-8")
    assert 'rel="noopener">广东省司法厅（sft.gd.gov.cn.other.example）</a>' in other
    assert 'rel="noopener">广东省司法厅</a>' in real


# -- pictures without a text alternative ------------------------------------------------------------
@pytest.mark.parametrize("markdown", ["![\u200b](scene.jpg)\n", "![&#8203;](scene.jpg)\n", "![][tu]\n\n[tu]: scene.jpg\n",
                                      '<img src="scene.jpg" alt="&#32;">\n'])
def test_the_alt_text_rule_reads_a_blank_alt_however_written(markdown: str) -> None:
    assert list(missing_alt(markdown)), markdown


def test_the_build_refuses_a_picture_whose_rendered_alt_is_blank(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = copy_site(tmp_path / "repo")
    site.write(f"{D}/scene.jpg", _photo("scene"))
    site.write(f"{D}/blank-alt.md", article_text(body='正文。\n\n![活动现场](scene.jpg){: alt="" }\n', title="图片",
                                                 column="gzdt", department="办公室"))
    with pytest.raises(GovpubError):
        build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)
    assert not (site.root / "site").exists()
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert "content/gzdt/2026/blank-alt.md 正文中的图片 scene.jpg" in message and "处理办法" in message


# -- front-matter text on the copies ----------------------------------------------------------------
def test_the_copies_show_the_title_summary_and_author_as_the_site_does(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "repo")
    site.write(f"{D}/cover10.jpg", _photo("cover"))
    rel = f"{D}/bidi.md"
    site.write(rel, article_text(body="正文。\n", title="'关于\u202e场赌上网\u202c的\u200b通知'", column="gzdt",
                                 department="办公室", author="'王\u200b晓敏'", summary="'摘要\u2066反转\u2069'",
                                 cover="cover10.jpg", channels="[website, wechat, nanfang]"))
    art = article_mod.load(site.root, site.root / rel)
    fields, _images, _cover = prepare(art, site.root, "https://sfj.zhanjiang.gov.cn/gzdt/2026/bidi/")
    assert (fields["title"], fields["author"], fields["digest"]) == ("关于场赌上网的通知", "王晓敏", "摘要反转")
    folder = nanfang.bundle(art, site.root, tmp_path / "out", "https://sfj.zhanjiang.gov.cn/")
    meta = (folder / "meta.txt").read_text("utf-8-sig")
    assert "标题：关于场赌上网的通知\n" in meta and "摘要：摘要反转\n" in meta, meta
    assert docx.Document(str(folder / "article.docx")).paragraphs[0].text == "关于场赌上网的通知"


# -- in the browser ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser(built: Path) -> dict:
    """One Chromium run (tests/site/readers10.mjs) over the hostile site."""
    import os

    from test_site_browser import CHROMIUM, _missing, _Quiet

    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"浏览器测试无法运行：{missing}")
        pytest.skip(missing)
    return node_on_served_site(Path(__file__).with_name("readers10.mjs"), built / "site", _Quiet,
                               "/gzdt/2026/readers10/", timeout=240, env={"CHROMIUM": CHROMIUM})


def test_in_the_browser_one_h1_a_working_footnote_the_list_number_and_no_folded_text(browser: dict) -> None:
    assert [h for h in browser["headings"] if h.startswith("H1")] == [f"H1:{TITLE}"]
    assert browser["headings"][1:3] == ["H2:正文里的一级标题", "H3:跳级写的小标题"]
    assert browser["footnote"]["hash"] == "#fn:1" and browser["footnote"]["target"].startswith("依据《法律援助法》第十条。")
    assert browser["footnote"]["back"] == "#fnref:1"
    assert browser["list"] == 3
    assert "折叠起来的补充说明。" in browser["seen"] and "见附件名单和办法全文。" in browser["seen"]
    assert browser["external"] == []


def test_the_article_and_every_generated_page_are_axe_clean_at_both_widths(browser: dict) -> None:
    """Links in the 网站地图, the 政府信息公开 entries and on the 404 page were told from the text
    around them by colour alone (link-in-text-block, serious): now underlined."""
    pages = ("article", "interact", "home", "sitemap", "xxgk", "open", "service", "column", "404")
    assert set(browser["axe"]) == {f"{p}-{w}" for p in pages for w in (1366, 390)}
    bad = {page: found for page, found in browser["axe"].items() if found}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_links_in_the_text_are_underlined(built: Path) -> None:
    """Without Chromium the rule itself: a link in a paragraph is told by more than its colour."""
    css = (built / "site/assets/govpub/govpub.css").read_text("utf-8")
    rule = re.search(r"\.md-content \.md-typeset a \{([^}]*)\}", css)
    assert rule and "text-decoration: underline" in rule.group(1)
