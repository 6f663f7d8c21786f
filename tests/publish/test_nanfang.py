"""The 南方号 hand-off bundle (govpub/publish/nanfang.py) of an article with two images, a
table, a cover and links, in a copy of this repository's site that is a Git repository."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from helpers import GIT_ENV, REPO, Site, article_text
from PIL import Image

from govpub.approvals.record import NOTES_REF, SCHEMA
from govpub.content.article import load
from govpub.errors import GovpubError
from govpub.publish import nanfang

SITE_URL = "https://sfj.zhanjiang.gov.cn/"
ARTICLE = "content/ggflfw/2026/nfh-jiaojie.md"
TITLE = "湛江市法律援助中心开展“法援进社区”活动"
SUMMARY = "市法律援助中心走进赤坎区社区，为群众提供法律咨询。"
BODY = """11月25日，湛江市法律援助中心走进赤坎区中华街道，为群众面对面解答法律问题。

![工作人员为群众解答法律咨询](huodong-1.png)

## 活动情况

活动现场共接待群众咨询80余人次，发放宣传资料500余份。详情可登录
[中国法律服务网](https://www.12348.gov.cn/)查询，申请流程见[法律援助申请指南](flyz-zhinan.md)。

| 项目 | 数量 |
|---|---|
| 接待咨询 | 80余人次 |
| 发放资料 | 500余份 |

![活动现场合影](huodong-2.jpg)

- 现场受理法律援助申请3件；
- 调解邻里纠纷1宗。

**咨询电话：12348**
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout.strip()


def write_article(site: Site, rel: str = ARTICLE, body: str = BODY, **fields: str | None) -> Path:
    values = {"title": TITLE, "column": "ggflfw", "department": "公共法律服务管理科", "author": "何嘉欣",
              "date": "2026-11-25 10:00", "channels": "[website, wechat, nanfang]", "summary": SUMMARY,
              "cover": "nfh-cover.png", **fields}
    return site.write(rel, article_text(body, **values))


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """This repository's site plus the article and its images, committed to Git."""
    root = tmp_path_factory.mktemp("nanfang") / "repo"
    for name in ("checks", "content", "overrides", "mkdocs.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, root / name)
    site = Site(root)
    folder = root / "content/ggflfw/2026"
    Image.new("RGB", (2400, 1600), (30, 90, 160)).save(folder / "huodong-1.png")  # too wide
    Image.new("RGB", (800, 600), (200, 60, 40)).save(folder / "huodong-2.jpg", "JPEG", quality=90)
    Image.new("RGBA", (900, 383), (160, 30, 30, 255)).save(folder / "nfh-cover.png")  # PNG cover
    write_article(site)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "示例站点")
    # the 三审 record `govpub approvals record` leaves on the merge commit (a git note)
    record = {"schema": SCHEMA, "approved": True, "merge_commit": git(root, "rev-parse", "HEAD"),
              "files": [ARTICLE], "pull": {"number": 12}}
    subprocess.run(["git", "notes", f"--ref={NOTES_REF}", "add", "-F", "-", "HEAD"], cwd=root, check=True,
                   input=json.dumps(record, ensure_ascii=False), text=True, env={**os.environ, **GIT_ENV})
    return site


@pytest.fixture(scope="module")
def made(repo: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundles")
    folder = nanfang.bundle(load(repo.root, repo.root / ARTICLE), repo.root, out, SITE_URL)
    assert folder == out / "nfh-jiaojie"
    return folder


def meta_fields(folder: Path) -> dict[str, str]:
    raw = (folder / "meta.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Windows editors read it as UTF-8
    return dict(line.split("：", 1) for line in raw.decode("utf-8-sig").splitlines() if line)


def test_files(made: Path) -> None:
    for name in ("body.html", "body-placeholders.html", "images/01.jpg", "images/02.jpg", "cover.jpg",
                 "meta.txt", "article.docx", "manifest.json", "使用说明.txt"):
        assert (made / name).is_file(), name
    assert sorted(p.name for p in (made / "images").iterdir()) == ["01.jpg", "02.jpg"]
    assert not [p for p in made.parent.iterdir() if p.name.startswith(".")]  # no temporary folder


def test_images_numbered_in_order_and_sized(repo: Site, made: Path) -> None:
    with Image.open(made / "images/01.jpg") as im:  # 2400 px PNG → 1280 px JPEG
        assert im.format == "JPEG" and im.size == (1280, 853)
    # a JPEG that fits is copied byte for byte
    assert (made / "images/02.jpg").read_bytes() == (repo.root / "content/ggflfw/2026/huodong-2.jpg").read_bytes()
    with Image.open(made / "cover.jpg") as im:  # the PNG cover becomes cover.jpg
        assert im.format == "JPEG" and im.size == (900, 383)


def test_body_html(made: Path) -> None:
    text = (made / "body.html").read_text("utf-8")
    assert '<meta charset="utf-8">' in text  # opened from disk in a browser: Chinese intact
    assert "<script" not in text and "class=" not in text
    srcs = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', text)
    assert srcs == ["images/01.jpg", "images/02.jpg"]
    assert 'alt="工作人员为群众解答法律咨询"' in text
    assert 'style="' in text  # inline styles, no stylesheet
    assert "<table" in text and "接待咨询" in text
    # links become numbered footnotes; the internal one points at the website page
    assert "中国法律服务网<sup" in text and ">[1]</sup>" in text and ">[2]</sup>" in text
    assert "[1] https://www.12348.gov.cn/" in text
    assert "[2] https://sfj.zhanjiang.gov.cn/ggflfw/2026/flyz-zhinan/" in text
    assert "<a " not in text


def test_placeholders(made: Path) -> None:
    text = (made / "body-placeholders.html").read_text("utf-8")
    assert "<img" not in text
    assert [int(n) for n in re.findall(r"【图片(\d+)】", text)] == [1, 2]
    assert text.index("【图片1】") < text.index("活动情况") < text.index("【图片2】")
    body = (made / "body.html").read_text("utf-8")
    assert re.sub(r"<img\b[^>]*>", "", body) == re.sub(r"【图片\d+】", "", text)  # otherwise the same


def test_meta_txt(made: Path) -> None:
    fields = meta_fields(made)
    assert fields["标题"] == TITLE
    assert fields["摘要"] == SUMMARY
    assert fields["作者/来源"] == "湛江市司法局公共法律服务管理科"
    assert fields["原文链接"] == "https://sfj.zhanjiang.gov.cn/ggflfw/2026/nfh-jiaojie/"
    assert fields["封面"] == "cover.jpg"
    assert fields["发布时间"] == "2026-11-25 10:00"


def test_the_link_is_the_page_the_website_build_makes(repo: Site, made: Path, tmp_path: Path) -> None:
    proc = repo.run("build", "--quiet", "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "site/ggflfw/2026/nfh-jiaojie/index.html").read_text("utf-8")
    metas = dict(re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', page))
    fields = meta_fields(made)
    assert fields["原文链接"] == html.unescape(metas["Url"])
    assert fields["作者/来源"] == html.unescape(metas["ContentSource"])


def test_docx(made: Path) -> None:
    doc = docx.Document(str(made / "article.docx"))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert paragraphs[0].text == TITLE and paragraphs[0].style.name == "Title"
    texts = [p.text for p in paragraphs]
    assert "11月25日，湛江市法律援助中心走进赤坎区中华街道，为群众面对面解答法律问题。" in texts
    # a soft line break between Chinese characters adds no space
    assert any("详情可登录中国法律服务网[1]查询" in t for t in texts)
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["活动情况"]
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["现场受理法律援助申请3件；", "调解邻里纠纷1宗。"]
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    assert "咨询电话：12348" in bold
    assert len(doc.tables) == 1
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells == [["项目", "数量"], ["接待咨询", "80余人次"], ["发放资料", "500余份"]]
    assert len(doc.inline_shapes) == 2
    assert "[1] https://www.12348.gov.cn/" in texts
    assert doc.core_properties.title == TITLE


def test_manifest(repo: Site, made: Path) -> None:
    m = json.loads((made / "manifest.json").read_text("utf-8"))
    assert m["article"] == ARTICLE
    assert m["source_commit"] == git(repo.root, "rev-parse", "HEAD")
    assert m["source_modified"] is False
    folder = repo.root / "content/ggflfw/2026"
    sources = [repo.root / ARTICLE, folder / "huodong-1.png", folder / "huodong-2.jpg", folder / "nfh-cover.png"]
    assert m["content_hash"] == hashlib.sha256(b"\0".join(p.read_bytes() for p in sources)).hexdigest()
    assert m["content_hash_of"] == [p.relative_to(repo.root).as_posix() for p in sources]
    assert m["website_url"] == "https://sfj.zhanjiang.gov.cn/ggflfw/2026/nfh-jiaojie/"
    assert [i["file"] for i in m["images"]] == ["images/01.jpg", "images/02.jpg"]
    assert [i["reencoded"] for i in m["images"]] == [True, False]
    assert m["approval"]["pull"]["number"] == 12 and m["approval"]["merge_commit"] == m["source_commit"]
    listed = {f["path"]: f for f in m["files"]}
    on_disk = {p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(listed) == on_disk
    for name, entry in listed.items():
        data = (made / name).read_bytes()
        assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_rebundle_replaces_whole_and_a_failure_leaves_the_old_bundle(repo: Site, tmp_path: Path, monkeypatch) -> None:
    art = load(repo.root, repo.root / ARTICLE)
    folder = nanfang.bundle(art, repo.root, tmp_path, SITE_URL)
    (folder / "stale.txt").write_text("from an older bundle", encoding="utf-8")
    before = (folder / "manifest.json").read_text("utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nanfang, "write_docx", broken)
    with pytest.raises(OSError):
        nanfang.bundle(art, repo.root, tmp_path, SITE_URL)
    assert (folder / "manifest.json").read_text("utf-8") == before  # the old bundle is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["nfh-jiaojie"]  # no half bundle beside it
    monkeypatch.undo()
    nanfang.bundle(art, repo.root, tmp_path, SITE_URL)
    assert not (folder / "stale.txt").exists() and (folder / "article.docx").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["nfh-jiaojie"]


def test_sanitised_body_and_repost_source(tmp_path: Path) -> None:
    site = Site(tmp_path / "repo")
    shutil.copytree(REPO / "checks", site.root / "checks")
    shutil.copy2(REPO / "mkdocs.yml", site.root / "mkdocs.yml")
    rel = "content/zcwj/2026/zhuanzai.md"
    body = ('转载说明。<span class="x" onclick="alert(1)">正文</span>\n\n<script>alert(1)</script>\n\n'
            '<iframe src="https://example.com/"></iframe>\n')
    site.write(rel, article_text(body, title="广东省司法厅印发通知", column="zcwj", department="法治调研科",
                                 channels="[website, nanfang]",
                                 repost="{source_name: 广东省司法厅, source_url: 'https://sft.gd.gov.cn/a.html', "
                                        "published: 2026-11-18}"))
    folder = nanfang.bundle(load(site.root, site.root / rel), site.root, tmp_path / "out", SITE_URL)
    text = (folder / "body.html").read_text("utf-8")
    assert "正文" in text
    for bad in ("<script", "alert", "onclick", "class=", "<iframe", "<span"):
        assert bad not in text, bad
    fields = meta_fields(folder)
    assert fields["作者/来源"] == "广东省司法厅"
    assert fields["封面"] == "（无）" and not (folder / "cover.jpg").exists()
    assert fields["转载原文"] == "https://sft.gd.gov.cn/a.html（2026-11-18）"
    assert not (folder / "images").exists()  # no images, no empty folder
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["source_commit"] is None and manifest["approval"] is None  # not a Git repository


def test_refusals(tmp_path: Path) -> None:
    site = Site(tmp_path / "repo")
    shutil.copytree(REPO / "checks", site.root / "checks")
    rel = "content/gzdt/2026/a.md"

    def attempt(**fields: str | None) -> str:
        path = write_article(site, rel, BODY.replace("huodong-", "missing-"), cover=None, column="gzdt", **fields)
        with pytest.raises(GovpubError) as err:
            nanfang.bundle(load(site.root, path), site.root, tmp_path / "out", SITE_URL)
        return str(err.value)

    assert "没有 nanfang" in attempt(channels="[website, wechat]")
    assert "已撤回" in attempt(status="withdrawn", withdrawn_reason="错误", withdrawn_at="2026-11-26")
    assert "找不到的图片" in attempt()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_page_url_matches_mkdocs() -> None:
    from govpub.site.plugin import page_url

    assert page_url("gzdt/2026/a.md") == "gzdt/2026/a/"
    assert page_url("gzdt/2026/a.md", use_directory_urls=False) == "gzdt/2026/a.html"
    assert page_url("gzdt/2026/index.md") == "gzdt/2026/"


def test_every_sample_article_for_nanfang_bundles(repo: Site, tmp_path: Path) -> None:
    from govpub.site.plugin import read_front_matter

    samples = [p for p in sorted((repo.root / "content").rglob("*.md"))
               if "nanfang" in (read_front_matter(str(p)).get("channels") or [])
               and read_front_matter(str(p)).get("status") != "withdrawn"]
    assert len(samples) >= 2
    for path in samples:
        folder = nanfang.bundle(load(repo.root, path), repo.root, tmp_path, SITE_URL)
        fields = meta_fields(folder)
        assert fields["标题"] and fields["原文链接"].startswith(SITE_URL), path
        assert docx.Document(str(folder / "article.docx")).paragraphs[0].text == fields["标题"]


def test_word_conversion_of_every_block_the_renderer_emits(tmp_path: Path) -> None:
    """write_docx step by step: numbered and nested lists, a <p> inside a list item, a quote,
    preformatted text with its line breaks, a table with a header row and a <br> in a cell,
    emphasis that ends where its tag ends."""
    from govpub.publish.nanfang import write_docx

    body = ("<h2>一、概况</h2><ol><li>第一项</li><li><p>第二项</p><ul><li>子项</li></ul></li></ol>"
            "<blockquote><p>引用的话</p></blockquote><p>正文<strong>加粗</strong>不加粗<br>下一行</p>"
            "<pre>第一行\n  第二行</pre>"
            "<table><tr><th>项目</th><th>数量</th></tr><tr><td>咨询<br>接待</td><td>80</td></tr></table>"
            "<p>表后</p>")
    out = tmp_path / "a.docx"
    write_docx(out, "标题", body, tmp_path)
    doc = docx.Document(str(out))
    rows = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    assert rows == [("Title", "标题"), ("Heading 1", "一、概况"), ("List Paragraph", "1. 第一项"),
                    ("List Paragraph", "2. 第二项"), ("List Bullet 2", "子项"), ("Quote", "引用的话"),
                    ("Normal", "正文加粗不加粗\n下一行"), ("Normal", "第一行\n  第二行"), ("Normal", "表后")]
    runs = {r.text: r.bold for p in doc.paragraphs for r in p.runs if r.text.strip()}
    assert runs["加粗"] is True and runs["不加粗"] is None
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells == [["项目", "数量"], ["咨询\n接待", "80"]]
    assert [r.bold for r in doc.tables[0].rows[0].cells[0].paragraphs[0].runs if r.text] == [True]


def test_placeholders_are_found_by_parsing_not_by_pattern(tmp_path: Path) -> None:
    """An alt text with > or & (escaped or not by the inliner) must not cut an image tag in
    half, and text that merely looks like an image tag stays text."""
    from PIL import Image

    from govpub.content import article as article_mod
    from govpub.publish.nanfang import _with_placeholders
    from govpub.publish.render import render

    folder = tmp_path / "content/gzdt/2026"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 30), (200, 90, 16)).save(folder / "p.jpg", "JPEG")
    body = '正文写着 <code>&lt;img src="images/09.jpg"&gt;</code>。\n\n![左>右 & 上下](p.jpg)\n\n结尾。\n'
    art = article_mod.parse("content/gzdt/2026/a.md", "---\ntitle: 测试\n---\n\n" + body)
    html = render(art, tmp_path, image_src=lambda n, p: f"images/{n:02d}.jpg").html
    out = _with_placeholders(html, {"images/01.jpg": 1})
    assert "<img" not in out and "右 &amp; 上下" not in out
    assert '">【图片1】</p>' in out  # the whole tag replaced, nothing of its attributes left over
    assert '&lt;img src="images/09.jpg"&gt;' in out  # text, not an image
    start, end = html.index("<img"), html.index("</p>", html.index("<img"))
    assert out == html[:start] + "【图片1】" + html[end:]
