"""What reaches readers, eighth round: HTML that Markdown itself writes (not pasted raw), the
files of articles that are not published yet, pages that are no article, and Markdown
extensions that pull other files into a page. One MkDocs build of a hostile site (the content
checks skipped: the build's own defences only) serves most assertions; the refusals are builds
that stop before rendering.

Routes tried here and where they are stopped:
- a heading whose id is one of the theme's (`## __config`, `{: #__config }`): it came before
  Material's <script id="__config">, whose text Material parses as its settings: the article's
  text would have been the site's configuration (sanitize.py drops such ids);
- attr_list on links and images (`{: href=javascript:… }`, `{: src=https://tracker… }`, `{: onclick }`,
  `{: style }`), reference-style links to javascript:/vbscript:/data:, entity-encoded schemes,
  images from other hosts or data: URIs, quotes in a link title: already stopped by the sanitizer;
- the images and attachments of a draft or of an article whose publish time is ahead were copied
  beside its (held) page, at an address anyone can guess: now they stay out until it is published;
- a Markdown file outside a column folder was rendered by the theme with its own front matter
  (the build crashed in a template): now refused with what to do;
- pymdownx.snippets (`--8<-- ".git/config"`) and the like in mkdocs.yml: refused.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import Site, article_text, check_text, copy_site, made_once
from test_readers6 import _pdf, _photo

from govpub.errors import GovpubError
from govpub.publish.build import build_site

D = "content/gzdt/2026"
CONFIG_JSON = '{"base": "https://evil.example/", "search": "https://evil.example/w.js", "features": []}'
MARKDOWN_ROUTES = f"""正文第一段，比较符号写作 a &lt; b。

## {CONFIG_JSON} {{: #__config }}

## __search

## 本节标题 {{: #benjie }}

[属性链接](https://www.gov.cn/){{: href="javascript:alert(801)" }}

![属性图片](live.jpg){{: src="https://tracker.example/p801.gif" }}

可点的段落
{{: onclick="alert(802)" style="position:fixed;top:0" }}

[引用链接][r1] [引用二][r2] [引用三][r3] [编码](&#106;avascript:alert(803)) [空白](java&#x09;script:alert(804))

[r1]: javascript:alert(805)
[r2]: vbscript:msgbox(806)
[r3]: data:text/html;base64,PHNjcmlwdD5hbGVydCg4MDcpPC9zY3JpcHQ+

![追踪](https://tracker.example/p808.gif) ![追踪二](//tracker.example/p809.gif) ![内嵌](data:image/png;base64,iVBORw0KGgo=)

[带标题的链接](https://www.gov.cn/ "引号&quot; onmouseover=&quot;alert(810)")

<javascript:alert(811)>
"""


def hostile_site(root: Path) -> Site:
    site = copy_site(root)
    site.write(f"{D}/live.md", article_text(body=MARKDOWN_ROUTES, title="第八轮正常文章", column="gzdt",
                                            department="办公室"))
    site.write(f"{D}/live.jpg", _photo("live"))
    # held back: a later publish time, a draft; their pictures, cover and attachments
    site.write(f"{D}/later.md", article_text(
        body="任免名单。\n\n![合影](later.jpg)\n\n[名单](later-list.pdf)\n\n[共用](shared.pdf)\n", title="尚未到时间的任免",
        column="gzdt", department="办公室", date="2099-01-01 09:00", cover="later-cover.jpg"))
    site.write(f"{D}/odd-date.md", article_text(body="[安排](odd-date.pdf)\n", title="日期写法不对的预告", column="gzdt",
                                                department="办公室", date="'01/01/2099 09:00'"))
    site.write(f"{D}/draft.md", article_text(body="[材料](draft-notes.pdf)\n", title="草稿", column="gzdt",
                                             department="办公室", status="draft"))
    site.write(f"{D}/shared-user.md", article_text(body="[共用附件](shared.pdf)\n", title="已发布的文章也用同一附件",
                                                   column="gzdt", department="办公室"))
    for name in ("later.jpg", "later-cover.jpg"):
        site.write(f"{D}/{name}", _photo(name))
    for name in ("later-list.pdf", "draft-notes.pdf", "shared.pdf", "odd-date.pdf"):
        site.write(f"{D}/{name}", _pdf())
    # withdrawn, with files of common names; a published article in another column has its own of the same names
    site.write(f"{D}/pulled.md", article_text(body="![证件](1.jpg)\n\n[附件1](附件1.pdf)\n\n[名单](<附件 2 名单.pdf>)\n\n"
                                              '<a href="附件 3.pdf">附件3</a>\n', title="已撤稿", column="gzdt",
                                              department="办公室", status="withdrawn",
                                              withdrawn_at="'2026-11-26 因公开了张三丰的身份证号撤回'"))
    site.write("content/tzgg/2026/own.md", article_text(body="![现场](1.jpg)\n\n[附件1](附件1.pdf)\n", title="另一栏目的文章",
                                                       column="tzgg", department="办公室"))
    site.write(f"{D}/附件 2 名单.pdf", _pdf())
    site.write(f"{D}/附件 3.pdf", _pdf())
    for folder in (D, "content/tzgg/2026"):
        site.write(f"{folder}/1.jpg", _photo(folder))
        site.write(f"{folder}/附件1.pdf", _pdf())
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def make(folder: Path) -> None:
        site = hostile_site(folder / "repo")
        build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)

    return made_once(tmp_path_factory.getbasetemp(), "readers8", make) / "repo/site"


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _body(out: Path) -> str:
    page = (out / "gzdt/2026/live/index.html").read_text("utf-8")
    return page[page.index('<div class="govpub-body">'):page.index('<nav class="govpub-prevnext"')]


# -- ids: the article must not stand in for the theme's elements ----------------------------------
def test_the_first_element_with_a_theme_id_is_the_themes_own(built):
    """Material reads its settings with document.querySelector("#__config"): the first element of
    that id, in document order, must be its JSON script, not the article's heading."""
    tags = _elements((built / "gzdt/2026/live/index.html").read_text("utf-8"))
    first = {}
    for tag, attrs in tags:
        if "id" in attrs:
            first.setdefault(attrs["id"], (tag, attrs))
    assert first["__config"][0] == "script" and first["__config"][1].get("type") == "application/json"
    assert first["__search"][0] == "input"  # the theme's search toggle, not the heading `## __search`


def test_no_article_element_takes_a_theme_id_and_its_own_ids_stay(built):
    ids = [attrs["id"] for _, attrs in _elements(_body(built)) if "id" in attrs]
    assert "benjie" in ids  # an ordinary attr_list id (an anchor a link may name) is kept
    assert not [i for i in ids if i.startswith(("__", "govpub-"))], ids
    assert "evil.example" in _body(built)  # the heading's text is still shown, as text


# -- HTML that Markdown writes: attr_list, reference links, images ---------------------------------
def test_markdown_written_links_and_images_run_nothing_and_fetch_nothing(built):
    body = _body(built)
    for tag, attrs in _elements(body):
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", (tag, name, value)
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), (tag, value)
            if tag == "img" and name == "src":
                assert "://" not in value and not value.startswith("//"), value
    assert "tracker.example" not in body
    assert "alert(810)" in body and 'onmouseover="' not in body  # the title's quotes stay text
    # the attr_list link and picture keep their text; the address they were given is gone
    assert "<a>属性链接</a>" in body and '<img alt="属性图片">' in body


def test_the_description_is_the_text_a_reader_sees(built):
    """Taken from the rendered page, not the Markdown: reference definitions, link addresses and
    attr_list braces never show on the page, so they are not in <meta name=Description> either,
    and an entity is decoded once (the page shows a < b, not &lt;)."""
    page = (built / "gzdt/2026/live/index.html").read_text("utf-8")
    metas = {attrs.get("name"): attrs.get("content", "") for tag, attrs in _elements(page) if tag == "meta"}
    desc = metas["Description"]
    assert desc.startswith("正文第一段，比较符号写作 a < b。"), desc
    for hidden in ("alert(", "javascript", "vbscript", "data:", "[r1]", "{:", "tracker", "evil.example", "__search"):
        assert hidden not in desc, (hidden, desc)
    assert "属性链接" in desc  # a link's text is the reader's text


# -- files of articles not yet published -----------------------------------------------------------
def test_a_held_back_articles_pictures_and_attachments_are_not_on_the_site(built):
    held = ["later.jpg", "later-cover.jpg", "later-list.pdf", "draft-notes.pdf", "odd-date.pdf"]
    present = sorted(p.name for p in (built / "gzdt/2026").iterdir())
    assert not [name for name in held if name in present], present
    for page in ("later", "draft", "odd-date"):
        assert not (built / f"gzdt/2026/{page}").exists(), page
    assert "日期写法不对的预告" not in (built / "gzdt/index.html").read_text("utf-8")
    # a file a published article links to as well stays, and so does the published article's picture
    assert "shared.pdf" in present and "live.jpg" in present


@pytest.mark.parametrize("date, held", [("2026-11-20 09:30", False), ("2099-01-01 09:00", True),
                                        ("01/01/2099 09:00", True), ("1月1日 09:00", True), ("2026-11-20", True)])
def test_a_publish_time_that_cannot_be_read_holds_the_article(date, held):
    """Compared with the clock as text, '01/01/2099' sorts before today: it was published at once.
    meta.date refuses it at check time; the build and the channels hold it (fail closed)."""
    from govpub.site.model import held as why_held

    assert (why_held({"date": date}, "2026-12-01 08:00") is not None) is held


def test_a_withdrawn_articles_files_go_though_another_folder_has_files_of_the_same_name(built):
    """1.jpg and 附件1.pdf beside a published article elsewhere are other files: they kept the
    withdrawn article's own (its ID card photo, its list) on the site. A name with spaces was
    read only up to the first space, so that attachment stayed too."""
    assert not (built / "gzdt/2026/1.jpg").exists() and not (built / "gzdt/2026/附件1.pdf").exists()
    # names with spaces, written the way Markdown and HTML allow: <附件 2 名单.pdf>, href="附件 3.pdf"
    assert not (built / "gzdt/2026/附件 2 名单.pdf").exists() and not (built / "gzdt/2026/附件 3.pdf").exists()
    assert (built / "tzgg/2026/1.jpg").is_file() and (built / "tzgg/2026/附件1.pdf").is_file()


def test_a_withdrawal_time_that_is_no_time_is_not_shown(built):
    """The notice at the old address shows when the article was withdrawn, never why: a reason
    written into withdrawn_at is left out (meta.date names it at check time)."""
    notice = (built / "gzdt/2026/pulled/index.html").read_text("utf-8")
    assert "该信息已撤回" in notice and "近期" in notice
    assert "张三丰" not in notice and "身份证" not in notice


# -- pages that are no article, and extensions that include files -----------------------------------
def test_a_markdown_page_outside_a_column_folder_is_refused_with_advice(repo_copy: Site, caplog):
    repo_copy.write("content/about.md", "---\ntitle: '<img src=x onerror=alert(812)>'\nstatus: draft\n---\n\n关于\n")
    with pytest.raises(GovpubError):
        build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    assert not (repo_copy.root / "site").exists()
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert "content/about.md" in message and "处理办法" in message


def test_a_markdown_extension_that_includes_other_files_is_refused(repo_copy: Site, caplog):
    """With pymdownx.snippets, `--8<-- ".git/config"` in an article would put the checkout's
    credentials on the page at build time, unseen by the checks and the reviewers."""
    config = repo_copy.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - fenced_code\n", "  - fenced_code\n  - pymdownx.snippets\n"),
                      "utf-8")
    repo_copy.write(f"{D}/snip.md", article_text(body='--8<-- "mkdocs.yml"\n', title="引用文件", column="gzdt",
                                                 department="办公室"))
    with pytest.raises(GovpubError):
        build_site(config, repo_copy.root / "site", quiet=True)
    assert not (repo_copy.root / "site").exists()
    message = "\n".join(r.getMessage() for r in caplog.records)
    assert "pymdownx.snippets" in message and "处理办法" in message


# -- the WeChat and 南方号 body (govpub.publish.render, shared by both channels) ---------------------
def _render(tmp_path: Path, body: str) -> str:
    from govpub.content.article import parse
    from govpub.publish.render import render

    folder = tmp_path / "content/gzdt/2026"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "live.jpg").write_bytes(_photo("wechat"))
    art = parse("content/gzdt/2026/a.md", article_text(body=body, title="测试", column="gzdt", department="办公室"))
    return render(art, tmp_path, image_src=lambda n, p: f"uploaded-{n}",
                  link_ok=lambda href: href.startswith("https://mp.weixin.qq.com/")).html


def test_attr_list_reads_the_same_in_the_channels_and_adds_nothing(tmp_path: Path):
    """The site consumes `{: … }`; the channels' body did not, so the braces and their contents
    (a style, a script) were printed in the article on WeChat and in the 南方号 bundle."""
    html = _render(tmp_path, '藏起来的段落\n{: .md-toggle style="display:none" onclick="alert(820)" }\n\n'
                             "[公众号文章](https://mp.weixin.qq.com/s/abc)\n{: onclick=\"alert(821)\" target=_blank }\n\n"
                             '[链接](https://www.gov.cn/){: href="javascript:alert(822)" }\n')
    assert "{:" not in html and "alert(82" not in html and "display:none" not in html, html
    assert "藏起来的段落" in html and "链接" in html and '<a href="https://mp.weixin.qq.com/s/abc">公众号文章</a>' in html
    for tag, attrs in _elements(html):
        assert set(attrs) <= {"style", "href", "src", "alt"}, (tag, attrs)


def test_attr_list_cannot_point_a_channel_picture_elsewhere(tmp_path: Path):
    from govpub.publish.render import RenderError

    with pytest.raises(RenderError, match="外部图片"):
        _render(tmp_path, '![图](live.jpg){: src="https://tracker.example/p823.gif" }\n')
    assert '<img src="uploaded-1" alt="图"' in _render(tmp_path, "![图](live.jpg)\n")


# -- front-matter values shown as one line ----------------------------------------------------------
@pytest.mark.parametrize("field, value", [
    ("title", "|-\n  测试标题\n  发布时间：2020-01-01 09:00"),
    ("author", "|-\n  张三\n  封面：其他.jpg"),
    ("summary", '"普通摘要\\n原文链接：https://www.gov.cn/"'),
    ("doc_number", "|-\n  湛司发〔2026〕3号\n  发布时间：2020-01-01"),
])
def test_a_line_break_in_a_one_line_field_is_an_error_with_advice(site, field, value):
    """The 南方号 bundle's meta.txt is one entry a line: a value with a line break adds an entry of
    the drafter's choosing (a second 发布时间, 原文链接) that staff copy into the platform."""
    found = [f for f in check_text(site, "正文内容。\n", **{field: value}) if f.rule == "meta.front-matter"]
    assert any("换行" in f.message and "处理办法" in f.message for f in found), found


def test_a_folded_summary_is_one_line_and_passes(site):
    found = check_text(site, "正文内容。\n", summary=">-\n  第一行写不下的摘要\n  接着写在下一行。")
    assert not [f for f in found if f.rule == "meta.front-matter"], found


def test_a_withdrawal_written_with_a_space_is_published_nowhere():
    """`status: "withdrawn "` (it passes check) made the site's notice page, the site stripping the
    value, while the channels (status != "withdrawn", then held) counted it as one to publish."""
    from govpub.site.model import held

    meta = {"status": "withdrawn ", "date": "2026-11-20 09:30"}
    assert meta["status"] != "withdrawn" and held(meta, "2026-12-01 08:00") is not None
    assert held({"status": "withdrawn", "date": "2026-11-20 09:30"}, "2026-12-01 08:00") is None


# -- addresses and pictures of the site's own frame (mkdocs.yml extra.govpub) -----------------------
@pytest.mark.parametrize("path, value", [
    ("zhaocuo", "javascript:alert(830)"), ("icp.url", " JaVaScRiPt:alert(831)"), ("dzjg.url", "data:text/html,x"),
    ("consult.channels", [{"name": "留言", "value": "x", "url": "javascript:alert(832)"}]),
    ("dzjg.image", "https://tracker.example/p833.png"), ("emblem", "//tracker.example/p834.svg"),
])
def test_a_frame_link_that_runs_or_a_frame_picture_from_elsewhere_is_refused(path, value):
    """Every page shows the footer, header and 咨询 channels: a javascript: link there would run on
    every page, a picture from another host would tell it who reads which page."""
    import copy

    from helpers import REPO

    from govpub.site import identity
    from govpub.site.config import read_mkdocs

    raw = read_mkdocs(REPO / "mkdocs.yml")
    table = copy.deepcopy(raw["extra"])
    assert identity.validate(table, raw["site_name"])  # the repository's own values pass
    node = table["govpub"]
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    with pytest.raises(identity.IdentityError, match="处理办法"):
        identity.validate(table, raw["site_name"])
