"""What reaches readers, ninth round: text that changes meaning between the reviewed Markdown and
the page, and the portal against the national inspection. One MkDocs build of a hostile site (the
content checks skipped: the build's own defences only) serves most assertions.

Routes tried here and where they are stopped:
- bidi overrides and isolates (U+202E before 场赌上网 shows 网上赌场), bidi marks, zero-width
  characters, soft hyphens, fillers, tag characters and C0 controls, typed or written as entities (&#x202E;), in the title,
  the summary and the body: the content check meta.control-char reports them, but the build
  carried them into <title>, the h1, ArticleTitle, Description, listings and the search index;
  now the pages, titles and channel texts are built without them (sanitize.visible);
- tag characters (U+E0020–E007F), the combining grapheme joiner, Hangul and Khmer fillers, the Braille
  blank and variation selectors between two characters (网上\U000e0041赌场 shows 网上赌场) hid a
  prohibited word from the check: the normalized view drops them now (govpub/rules/normalize.py),
  typo.invisible-char reports all but the variation selectors (⚠️ keeps its selector);
- `dir="rtl"` on a span reorders the digits of a line (电话 123 456 shows as 456 123): the
  attribute was allowed; now dropped. <bdo> and the hidden attribute were dropped already;
- a link whose text is a web address, an e-mail address or a telephone number other than the one
  it leads to ([https://www.gov.cn/](https://other.example/)): now the page shows where it leads
  (sanitize.honest_links); one whose whole text is a site's name (sources.yml, gov_links) and that
  leads elsewhere shows the host after the name: 广东省司法厅（other.example）;
- a link with no text, or empty markup for text (暗链, as defaced sites carry): now shows its
  address; small, sub and sup nested many deep shrank and faded text out of sight: the theme
  now shrinks and fades them once;
- a picture one pixel (or 0 %) wide: on the site, seen by no reader; now such sizes are dropped;
- entities that decode to markup on a second pass (&amp;lt;img onerror&amp;gt;) in the body and the
  summary: already text everywhere (the page, the Description, the search index);
- a withdrawn article's old address repeated its title (often the reason it was withdrawn): now
  it says only that and when the article was withdrawn;
- listing pages 2+ had the column's title (and 当前位置) of page 1: now 工作动态（第 2 页）;
- a 网站标识码 that is not ten letters and digits, a 找错 link naming another site's code, ICP and
  公安 numbers not in their issued form were accepted: now the build stops naming them;
- a link to an article that is not on the site (publish time ahead, draft, wrong name) stayed the
  Markdown file's name: a broken link naming the held article's file; now only its text remains
  (and staff are warned) until the article is published;
- 政府信息公开 (指南, 制度, 法定主动公开内容, 年报) had no entrance: now extra.govpub.xxgk in
  mkdocs.yml, in the nav, on the home page and in the 网站地图; an entry naming an article that is
  held back shows 暂无信息 and nothing of the article.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import REPO, Site, article_text, check_text, copy_site, made_once
from test_readers6 import _pdf, _photo

from govpub.content import article as article_mod
from govpub.errors import GovpubError
from govpub.publish.build import build_site
from govpub.publish.render import render
from govpub.site import identity, model
from govpub.site.sanitize import HIDDEN_FORMAT, honest_links

D = "content/gzdt/2026"
RLO, PDF, LRI, PDI, ZWSP, SHY = "\u202e", "\u202c", "\u2066", "\u2069", "\u200b", "\u00ad"
HIDDEN_TITLE = f"关于{RLO}场赌上网{PDF}的{ZWSP}通{SHY}知"
SHOWN_TITLE = "关于场赌上网的通知"
TAG_A, CGJ, FILLER = "\U000e0041", "\u034f", "\u3164"
BODY = f"""正文第一段{LRI}倒{PDI}序{RLO}反&#x202E;字&#8203;间{TAG_A}隔{CGJ}开{FILLER}了。

正文&amp;lt;img src=x onerror=alert(92)&amp;gt;结束。

<span dir="rtl">电话 123 456</span>

[https://www.gov.cn/](https://other.example/a) [www.gd.gov.cn](https://gd.gov.cn.other.example/)
[sfj@zhanjiang.gov.cn](mailto:someone@other.example) [0759-3338120](tel:+86-759-1234567)
[https://www.gov.cn/](https://www.gov.cn/zhengce/) [12348](tel:12348) [中国政府网](https://other.example/b)
[ok@zhanjiang.gov.cn](mailto:ok@zhanjiang.gov.cn) [report.pdf](live.pdf) [司法部](https://www.moj.gov.cn/)
[广东省司法厅](https://sft.gd.gov.cn.other.example/)
[](https://hidden.example/a) [<span></span>](https://hidden.example/b) [<strong>www.gov.cn</strong>](https://hidden.example/c)

[政府信息公开工作制度](../../tzgg/2026/xxgk-zhidu.md) [同一制度第一节](../../tzgg/2026/xxgk-zhidu.md#一)
[没有这篇](nosuch-renmian.md)

![一像素的图片](scan.jpg){{: width="1" height="1" }} ![正常尺寸的图片](scan.jpg){{: width="300" }}
<img src="scan.jpg" alt="零宽的图片" width="0%">

<small><small><small><small><small><small>缩小十层的文字</small></small></small></small></small></small>
[公示名单.pdf](scan.jpg) [湛江市司法局关于印发办法的通知.pdf](live.pdf)
"""
HELD_XXGK_TITLE = "湛江市司法局政府信息公开工作制度"
PULLED_TITLE = "关于张三丰违法行为的处理通报"


def hostile_site(root: Path) -> Site:
    site = copy_site(root)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("per_page: 20", "per_page: 2"), "utf-8")
    site.write(f"{D}/hidden.md", article_text(
        body=BODY, title=f"'{HIDDEN_TITLE}'", column="gzdt", department="办公室",
        summary=f"'摘要{RLO}反转&lt;img src=x onerror=alert(91)&gt;'", author=f"'王{ZWSP}晓敏'"))
    site.write(f"{D}/live.pdf", _pdf())
    site.write(f"{D}/scan.jpg", _photo("scan"))
    site.write(f"{D}/pulled.md", article_text(body="撤稿正文。\n", title=PULLED_TITLE, column="gzdt", department="办公室",
                                              status="withdrawn", withdrawn_at="2026-11-26 10:00"))
    # the 政府信息公开制度 the configuration names is held back (a publish time ahead)
    zhidu = site.root / "content/tzgg/2026/xxgk-zhidu.md"
    zhidu.write_text(zhidu.read_text("utf-8").replace("date: 2026-01-10 09:30", "date: 2099-01-10 09:30"), "utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        site = hostile_site(folder / "repo")
        build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)

    return made_once(tmp_path_factory.getbasetemp(), "readers9", make) / "repo/site"


def _page(out: Path, rel: str) -> str:
    return (out / rel).read_text("utf-8")


def _body(out: Path) -> str:
    page = _page(out, "gzdt/2026/hidden/index.html")
    return page[page.index('<div class="govpub-body">'):page.index('<nav class="govpub-prevnext"')]


def _title(text: str) -> str:
    return html.unescape(re.search(r"<title>([^<]*)</title>", text).group(1))


# -- text that reorders or hides itself ----------------------------------------------------------
def test_no_character_that_reorders_or_splits_text_unseen_reaches_any_page(built: Path) -> None:
    checked = 0
    for path in built.rglob("*"):
        if path.suffix not in (".html", ".xml", ".json"):
            continue
        text = path.read_text("utf-8")
        if path.name == "search_index.json":
            text = text.replace(ZWSP, "")  # the search's own word separator (jieba segmentation)
            text = re.sub(r"\\u(?:200b)", "", text)
        found = HIDDEN_FORMAT.findall(text) + re.findall(
            r"\\u(?:202[a-e]|206[6-9]|200[c-f]|00ad|034f|3164|udb40\\udc[0-7][0-9a-f])", text, re.I)
        assert not found, (path, found[:3])
        checked += 1
    assert checked > 30


def test_the_title_summary_and_body_read_as_the_check_read_them(built: Path) -> None:
    page = _page(built, "gzdt/2026/hidden/index.html")
    assert _title(page) == f"{SHOWN_TITLE} - 湛江市司法局"
    assert f"<h1>{SHOWN_TITLE}</h1>" in page
    assert f'<meta name="ArticleTitle" content="{SHOWN_TITLE}">' in page
    assert '<meta name="Author" content="王晓敏">' in page
    assert '<meta name="Description" content="摘要反转&amp;lt;img src=x onerror=alert(91)&amp;gt;">' in page
    assert "正文第一段倒序反字间隔开了。" in _body(built)
    assert f'title="{SHOWN_TITLE}">{SHOWN_TITLE}</a>' in _page(built, "index.html")


def test_markup_written_as_entities_stays_text_everywhere(built: Path) -> None:
    assert "正文&amp;lt;img src=x onerror=alert(92)&amp;gt;结束" in _body(built)
    for path in (*built.rglob("*.html"), built / "search/search_index.json"):
        text = path.read_text("utf-8")
        assert "<img src=x" not in text and "&lt;img src=x onerror=alert(91)" not in text.replace("&amp;lt;", ""), path


def test_nested_small_text_shrinks_and_fades_only_once(built: Path) -> None:
    """Each <small> is 80 % as large and (Material) 75 % as opaque as its parent: six deep the
    text is a quarter of its size and a sixth as visible. The theme undoes the nesting."""
    assert "<small><small>" in _body(built)  # the markup stays (the sanitizer keeps small)
    page = _page(built, "gzdt/2026/hidden/index.html")
    assert 'href="../../../assets/govpub/govpub.css"' in page
    css = _page(built, "assets/govpub/govpub.css")
    rule = re.search(r"\.govpub-body :is\(small, sub, sup\) :is\(small, sub, sup\) \{([^}]*)\}", css)
    assert rule and "font-size: inherit" in rule.group(1) and "opacity: 1" in rule.group(1)


def test_no_picture_is_shrunk_out_of_sight(built: Path) -> None:
    body = _body(built)
    for alt in ("一像素的图片", "零宽的图片"):
        tag = re.search(rf'<img [^>]*alt="{alt}"[^>]*>', body).group(0)
        assert "width" not in tag and "height" not in tag, tag
    assert 'width="300"' in re.search(r'<img [^>]*alt="正常尺寸的图片"[^>]*>', body).group(0)


@pytest.mark.parametrize(("size", "kept"), [("1", False), ("0", False), ("15px", False), ("000", False), ("9%", False),
                                            ("auto", False), ("16", True), ("640px", True), ("10%", True), ("100%", True)])
def test_a_picture_size_is_kept_only_when_a_reader_sees_it(size: str, kept: bool) -> None:
    from govpub.site.sanitize import clean

    assert (f'width="{size}"' in clean(f'<img src="a.jpg" alt="图" width="{size}">')) is kept


def test_no_dir_attribute_reorders_a_line(built: Path) -> None:
    body = _body(built)
    assert "电话 123 456" in body and " dir=" not in body


def test_a_withdrawn_articles_title_stays_off_the_site(built: Path) -> None:
    """An article is often withdrawn for what its title says (a person's name, a misstated
    phrase): its old address says it was withdrawn and when, and repeats nothing of it."""
    notice = _page(built, "gzdt/2026/pulled/index.html")
    assert "已于 2026-11-26 10:00 撤回" in notice and _title(notice) == "该信息已撤回 - 湛江市司法局"
    for path in built.rglob("*"):  # the build manifest (.govpub-build.json) is never served
        if path.suffix in (".html", ".xml", ".json") and not path.name.startswith("."):
            assert "张三丰" not in path.read_text("utf-8"), path


# -- the check reads through every blank or invisible character the page hides ------------------
@pytest.mark.parametrize("mark", [TAG_A, "\U000e0001", CGJ, FILLER, "\u115f", "\u2800", "\u17b4", "\ufe0f", "\U000e0100"],
                         ids=["tag", "language-tag", "cgj", "hangul-filler", "hangul-choseong-filler", "braille-blank",
                              "khmer-vowel", "vs16", "ideographic-vs"])
def test_a_word_split_by_a_character_the_page_does_not_show_is_still_found(site: Site, mark: str) -> None:
    found = {f.rule for f in check_text(site, f"欢迎访问网上{mark}赌场。\n")}
    assert any(rule.startswith("prohibited.") for rule in found), found
    # the invisible ones are also reported to be removed; a variation selector chooses a glyph and is not
    assert ("typo.invisible-char" in found) is (mark not in ("\ufe0f", "\U000e0100"))


def test_an_emoji_with_its_variation_selector_is_no_stray_character(site: Site) -> None:
    assert not [f for f in check_text(site, "注意安全⚠️，出行平安❤️。\n") if f.rule == "typo.invisible-char"]


# -- links that say one address and lead to another ----------------------------------------------
def _anchors(body: str) -> dict[str, str]:
    return {html.unescape(re.sub(r"<[^>]*>", "", text)): html.unescape(href)
            for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', body)}


def test_a_link_naming_another_address_shows_where_it_leads(built: Path) -> None:
    links = _anchors(_body(built))
    assert links["https://other.example/a"] == "https://other.example/a"
    assert links["https://gd.gov.cn.other.example/"] == "https://gd.gov.cn.other.example/"
    assert links["someone@other.example"] == "mailto:someone@other.example"
    assert links["+86-759-1234567"] == "tel:+86-759-1234567"
    for hidden in "abc":  # a link with no text (暗链) or with a web address in markup shows its target
        assert links[f"https://hidden.example/{hidden}"] == f"https://hidden.example/{hidden}"
    assert links["scan.jpg"] == "../scan.jpg"  # the text said 公示名单.pdf: a picture opens
    # a site's name (checks/registry/sources.yml, the footer's gov_links) before another host: the host follows
    assert links["中国政府网（other.example）"] == "https://other.example/b"
    assert links["广东省司法厅（sft.gd.gov.cn.other.example）"] == "https://sft.gd.gov.cn.other.example/"
    for said in ("www.gd.gov.cn", "sfj@zhanjiang.gov.cn", "0759-3338120", "公示名单.pdf", "中国政府网", "广东省司法厅"):
        assert said not in links, said


def test_a_link_that_says_where_it_leads_keeps_its_text(built: Path) -> None:
    links = _anchors(_body(built))
    assert links["https://www.gov.cn/"] == "https://www.gov.cn/zhengce/"
    assert links["12348"] == "tel:12348"
    assert links["ok@zhanjiang.gov.cn"] == "mailto:ok@zhanjiang.gov.cn"
    assert links["司法部"] == "https://www.moj.gov.cn/"
    assert links["report.pdf"] == "../live.pdf"  # another name of the same type: drafters give files short names
    assert links["湛江市司法局关于印发办法的通知.pdf"] == "../live.pdf"


@pytest.mark.parametrize(("given", "shown"), [
    ('<a href="https://www.gov.cn/">gov.cn</a>', "gov.cn"),  # www. or not: the same site
    ('<a href="https://sft.gd.gov.cn/x">https://SFT.gd.gov.cn</a>', "https://SFT.gd.gov.cn"),
    ('<a href="https://evil.example/">https://www.gov.cn.</a>', "https://evil.example/"),
    ('<a href="https://www.gov.cn@evil.example/">https://www.gov.cn</a>', "https://www.gov.cn@evil.example/"),
    ('<a href="tel:0759-3338120">+86 759 3338120</a>', "+86 759 3338120"),
    ('<a href="javascript:alert(1)">https://www.gov.cn/</a>', "javascript:alert(1)"),
    ('<a href="../%E5%90%8D%E5%8D%95.zip">通知 全文.pdf</a>', "名单.zip"),
    ('<a href="../a.jpeg">现场.JPG</a>', "现场.JPG"),
    ('<a href="../other/">通知.pdf</a>', "通知.pdf"),
])
def test_honest_links_compares_the_host_a_browser_opens(given: str, shown: str) -> None:
    assert re.search(r">([^<]*)</a>", honest_links(given)).group(1) == html.escape(shown, quote=False)


# -- the channels: the same text as the site -------------------------------------------------------
def test_a_channel_body_has_no_character_that_reorders_text(site: Site) -> None:
    path = site.write(f"{D}/wx.md", article_text(body=f"正文{RLO}场赌上网{PDF}结束&#x202E;。\n", column="gzdt",
                                                 department="办公室"))
    rendered = render(article_mod.load(site.root, path), site.root, image_src=lambda n, p: f"images/{n}.jpg")
    assert "正文场赌上网结束。" in rendered.html and not HIDDEN_FORMAT.search(rendered.html)


# -- listing pages -------------------------------------------------------------------------------
def test_every_listing_page_has_its_own_title_and_place(built: Path) -> None:
    pages = sorted((built / "gzdt/page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    assert len(pages) >= 2
    titles = [_title(_page(built, "gzdt/index.html"))] + [_title(p.read_text("utf-8")) for p in pages]
    assert titles[0] == "工作动态 - 湛江市司法局"
    assert titles[1:] == [f"工作动态（第 {n} 页） - 湛江市司法局" for n in range(2, len(pages) + 2)]
    second = pages[0].read_text("utf-8")
    crumbs = second[second.index('<nav class="govpub-crumbs"'):]
    crumbs = crumbs[:crumbs.index("</nav>")]
    assert '<a href="../../">工作动态</a>' in crumbs and '<span aria-current="page">第 2 页</span>' in crumbs
    assert "<h1>工作动态</h1>" in second and "第 2 / " in second


# -- 政府信息公开 ----------------------------------------------------------------------------------
def test_the_open_government_information_entries_are_in_the_nav_home_and_sitemap(built: Path) -> None:
    home = _page(built, "index.html")
    tabs = home[home.index('<nav class="md-tabs"'):]
    assert re.search(r'<a href="xxgk/" class="md-tabs__link">\s*政府信息公开\s*</a>', tabs[:tabs.index("</nav>")])
    entry = home[home.index('<nav class="govpub-xxgk-entry"'):]
    entry = entry[:entry.index("</nav>")]
    for name in ("政府信息公开指南", "法定主动公开内容", "政府信息公开年报", "依申请公开"):
        assert f">{name}</a>" in entry, name
    assert '<a href="tzgg/2026/xxgk-zhinan/">政府信息公开指南</a>' in entry
    assert '<a href="xxgk/#xxgk-3">法定主动公开内容</a>' in entry
    assert "政府信息公开制度（暂无信息）" in entry
    sitemap = _page(built, "wzdt/index.html")
    assert '<a href="../xxgk/">政府信息公开</a>' in sitemap and '<a href="../ghjh/2026/xxgk-nb-2025/">政府信息公开年报</a>' in sitemap


def test_the_open_government_information_page(built: Path) -> None:
    page = _page(built, "xxgk/index.html")
    assert _title(page) == "政府信息公开 - 湛江市司法局" and "<h1>政府信息公开</h1>" in page
    assert '<meta name="ColumnType" content="信息公开目录">' in page
    assert '<span aria-current="page">政府信息公开</span>' in page
    statutory = page[page.index('id="xxgk-3"'):page.index('id="xxgk-4"')]
    for column in ("政策文件", "政策解读", "规划计划", "人事信息", "行政执法公示", "通知公告", "工作动态"):
        assert f">{column}</a></h3>" in statutory, column  # under the entry's own h2
    assert '<a href="https://www.gdzwfw.gov.cn/" rel="noopener">依申请公开</a>' in page


def test_a_link_to_an_article_not_on_the_site_keeps_its_text_only(built: Path) -> None:
    """MkDocs leaves a link to an unpublished page as the Markdown file's name: a broken link
    (inspections count each) that also names the held article's file."""
    body = _body(built)
    assert "政府信息公开工作制度 同一制度第一节" in body and "没有这篇" in body
    assert ".md" not in body and "nosuch-renmian" not in body
    for path in built.rglob("*"):
        if path.suffix in (".html", ".xml", ".json") and not path.name.startswith("."):
            assert "xxgk-zhidu" not in path.read_text("utf-8"), path


def test_the_link_comes_back_when_the_article_is_published(built: Path, tmp_path: Path) -> None:
    """The incremental build renders the linking page again once its target exists."""
    repo = tmp_path / "repo"
    shutil.copytree(built.parent, repo, ignore=shutil.ignore_patterns("site"))
    zhidu = repo / "content/tzgg/2026/xxgk-zhidu.md"
    zhidu.write_text(zhidu.read_text("utf-8").replace("date: 2099-01-10 09:30", "date: 2026-01-10 09:30"), "utf-8")
    result = build_site(repo / "mkdocs.yml", repo / "site", quiet=True, previous=built)
    assert result.mode == "incremental"
    body = _body(repo / "site")
    assert '<a href="../../../tzgg/2026/xxgk-zhidu/">政府信息公开工作制度</a>' in body
    assert '<a href="../../../tzgg/2026/xxgk-zhidu/#一">同一制度第一节</a>' in body and "没有这篇" in body


def test_an_entry_naming_a_held_article_shows_nothing_of_it(built: Path) -> None:
    page = _page(built, "xxgk/index.html")
    zhidu = page[page.index('id="xxgk-2"'):page.index('id="xxgk-3"')]
    assert "暂无信息" in zhidu and "<a " not in zhidu
    for path in built.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert HELD_XXGK_TITLE not in path.read_text("utf-8"), path
    assert not (built / "tzgg/2026/xxgk-zhidu").exists()


@pytest.mark.parametrize(("value", "said"), [
    ("not a list", "列表"),
    ([{"article": "tzgg/2026/x.md"}], "缺少 name"),
    ([{"name": "指南", "article": "tzgg/2026/x.md", "url": "https://www.gov.cn/"}], "只写"),
    ([{"name": "指南"}], "只写"),
    ([{"name": "目录", "columns": ["gzdt", "nosuch"]}], "nosuch"),
    ([{"name": "申请", "url": "javascript:alert(1)"}], "http"),
    ([{"name": "申请", "url": "&#106;avascript:alert(1)"}], "http"),
    ([{"name": "指南", "article": "tzgg/2026/x.pdf"}], "文章的路径"),
])
def test_a_wrong_open_government_entry_is_named(value: object, said: str) -> None:
    problems = model.xxgk_problems(value, {"gzdt": {"name": "工作动态"}})
    assert problems and said in "；".join(problems)


def test_the_four_required_entries_are_looked_for_by_name() -> None:
    assert model.xxgk_missing([{"name": "政府信息公开指南"}, {"name": "政府信息公开年度报告"}]) == \
        ["政府信息公开制度", "法定主动公开内容"]
    assert model.xxgk_missing(None) == list(model.XXGK_REQUIRED)


def test_a_wrong_open_government_entry_stops_the_build_with_advice(repo_copy: Site, caplog) -> None:
    config = repo_copy.root / "mkdocs.yml"
    text = config.read_text("utf-8").replace('url: "https://www.gdzwfw.gov.cn/"', 'url: "javascript:alert(1)"')
    config.write_text(text, "utf-8")
    with pytest.raises(GovpubError):
        build_site(config, repo_copy.root / "site", quiet=True)
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert "extra.govpub.xxgk" in message and "依申请公开" in message and "处理办法" in message
    assert not (repo_copy.root / "site").exists()


# -- the numbers monitoring tools read ------------------------------------------------------------
def _extra(**changes: object) -> dict:
    extra = yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8"))["extra"]
    for dotted, value in changes.items():
        table = extra["govpub"]
        *path, last = dotted.split("__")
        for part in path:
            table = table[part]
        table[last] = value
    return extra


@pytest.mark.parametrize(("changes", "said"), [
    ({"site_id_code": "44080000"}, "10 位"),
    ({"site_id_code": "4408000000<b>"}, "10 位"),
    ({"zhaocuo": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4400000001"}, "另一个网站"),
    ({"zhaocuo": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4408000000&site_code=x"}, "另一个网站"),
    ({"icp__number": "备案中"}, "ICP备"),
    ({"police__number": "粤公网安备 4408号"}, "14 位"),
])
def test_an_identity_number_in_the_wrong_form_stops_the_build(changes: dict, said: str) -> None:
    with pytest.raises(identity.IdentityError) as caught:
        identity.validate(_extra(**changes), "湛江市司法局")
    assert said in str(caught.value) and "处理办法" in str(caught.value)


@pytest.mark.parametrize("changes", [
    {}, {"site_id_code": "bm01000001", "zhaocuo": "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=bm01000001"},
    {"zhaocuo": "https://www.gov.cn/c125533/jbxxk.htm"},
    {"icp__number": "粤ICP备12345678号-1"}, {"police__number": "粤公网安备44080202000123号"},
])
def test_identity_numbers_as_issued_pass(changes: dict) -> None:
    identity.validate(_extra(**changes), "湛江市司法局")
