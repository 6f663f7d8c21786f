"""A red team against what leaves the build, seventh round: categories the sixth did not try.
Attachments of the kinds a bureau really posts (.zip packages, OFD, old binary Office files,
images whose content is TIFF or HEIC), titles and file names that are HTML or script in every
place a title is shown (listings, breadcrumbs, <title>, search index, sitemap, pages.json),
the withdrawn article's old address, and the search index and sitemap after an incremental
build in which an article was renamed. One MkDocs build serves most assertions (the content
checks skipped: the build's own defences only); the rest call the build's attachment cleaner."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers import Site, article_text, copy_site
from test_readers6 import _docx, _files, _holding, _photo

from govpub.content import documents
from govpub.errors import GovpubError
from govpub.publish.build import build_site

D = "content/gzdt/2026"
HOSTILE_TITLES = ["<img src=x onerror=alert(71)>", "</script><script>alert(72)</script>", "\"><svg onload=alert(73)>"]
GONE_BODY = "撤稿正文乙丙丁内部内容"
MARKUP_NAME = "q\"><img src=x onerror=alert(74)>"  # a file name (article and picture) that is markup


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.comment = b"ZIPARCHIVECOMMENT"
        info = zipfile.ZipInfo("photo.jpg", date_time=(2026, 11, 20, 9, 30, 0))
        info.comment = b"ZIPMEMBERCOMMENT"
        info.extra = b"\x75\x78\x0b\x00\x01\x04\xe8\x03\x00\x00\x04\xe8\x03\x00\x00"  # uid/gid 1000
        z.writestr(info, _photo("zip"))
        z.writestr("材料/attachment.docx", _docx())
        z.writestr("__MACOSX/材料/._attachment.docx", b"ZIPRESOURCEFORK")
        z.writestr(".DS_Store", b"ZIPDSSTORE")
        z.writestr("GBKNAME1.txt", "公开的说明".encode())
    # made on Chinese Windows: the name in GBK bytes, without the UTF-8 flag (both headers)
    return out.getvalue().replace(b"GBKNAME1.txt", "名单说明.txt".encode("gbk"))


def _ofd(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID><ofd:Author>OFDAUTHORNAME</ofd:Author>"
                   "<ofd:Creator>OFDCREATORTOOL</ofd:Creator><ofd:CreationDate>2026-11-20</ofd:CreationDate>"
                   "<ofd:CustomDatas><ofd:CustomData Name=\"审核\">OFDCUSTOMDATA</ofd:CustomData></ofd:CustomDatas>"
                   "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>")
        for name, body in (extra or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def hostile_site(root: Path) -> Site:
    site = copy_site(root)
    for n, title in enumerate(HOSTILE_TITLES):
        site.write(f"{D}/t{n}.md", article_text(body=f"正文{n}。\n", title=f"'{title}'", column="gzdt",
                                                department="办公室", summary=f"'{title}'"))
    site.write(f"{D}/{MARKUP_NAME}.md", article_text(body="正文。\n", title="文件名是标记的文章",
                                                    column="gzdt", department="办公室"))
    site.write(f"{D}/{MARKUP_NAME}.jpg", _photo("name"))
    body = "附件：[材料包](pack.zip)、[版式文件](doc.ofd)\n"
    site.write(f"{D}/att.md", article_text(body=body, title="附件文章", column="gzdt", department="办公室"))
    site.write(f"{D}/pack.zip", _zip())
    site.write(f"{D}/doc.ofd", _ofd())
    site.write(f"{D}/gone.md", article_text(
        body=f"{GONE_BODY}\n\n![证件](gone.jpg)\n\n[名单](gone.pdf)\n", title="已撤稿的七号文章", column="gzdt",
        department="办公室", status="withdrawn", withdrawn_reason="理由", withdrawn_at="2026-11-26 10:00"))
    site.write(f"{D}/gone.jpg", _photo("gone"))
    site.write(f"{D}/old-name.md", article_text(body="改名前后正文。\n", title="将要改名的文章", column="gzdt",
                                                department="办公室"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    site = hostile_site(tmp_path_factory.mktemp("readers7") / "repo")
    build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)
    return site, site.root / "site"


# -- titles that are HTML or script, wherever a title is shown ------------------------------------
def _html_files(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}


@pytest.mark.parametrize("n", range(len(HOSTILE_TITLES)))
def test_a_title_that_is_markup_stays_text_on_every_page(built, n):
    """Listings, breadcrumbs, <title>, <meta name=description>, the home page, the site map."""
    _, out = built
    pages = _html_files(out)
    hit = [name for name, text in pages.items() if f"alert(7{n + 1})" in text]
    assert f"gzdt/2026/t{n}/index.html" in hit and len(hit) >= 2  # shown: in the page and in a listing
    for name in hit:
        text = pages[name]
        raw = HOSTILE_TITLES[n].replace('"', "").replace(">", "")
        assert raw not in text.replace('"', "").replace(">", ""), name  # only the escaped form is there
        for m in re.finditer(r"<script\b[^>]*>(.*?)</script>", text, re.S):
            assert "alert(7" not in m.group(1), name  # no title inside an inline script


def test_a_title_that_is_markup_is_text_in_the_search_index_and_sitemap(built):
    """Material's search shows result titles as HTML: the index must hold them escaped."""
    _, out = built
    index = json.loads((out / "search/search_index.json").read_text("utf-8"))
    titles = [d["title"] for d in index["docs"] if "alert(7" in d["title"]]
    assert len(titles) >= len(HOSTILE_TITLES)
    for title in titles:
        assert "<" not in title, title
    assert "<img" not in (out / "sitemap.xml").read_text("utf-8")
    pages = json.loads((out / "assets/govpub/pages.json").read_text("utf-8"))
    assert all("<" not in json.dumps(v, ensure_ascii=False) for v in pages.values())


def test_a_file_name_that_is_markup_is_escaped_in_links_listings_search_and_sitemap(built):
    _, out = built
    assert (out / f"gzdt/2026/{MARKUP_NAME}/index.html").is_file()
    served = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".xml")
              and p.name != ".govpub-build.json"]  # the manifest never reaches the document root (readers6)
    shown = [p for p in served if "alert(74)" in p.read_text("utf-8") or "alert%2874%29" in p.read_text("utf-8")]
    assert len(shown) >= 2  # the page itself and at least one listing or the search index
    for p in served:
        assert "<img src=x onerror=alert(74)>" not in p.read_text("utf-8"), p


# -- attachments --------------------------------------------------------------------------------------
def test_a_zip_attachment_leaves_without_comments_times_authors_or_packing_records(built):
    _, out = built
    data = (out / f"{D[8:]}/pack.zip").read_bytes()
    for marker in (b"ZIPARCHIVECOMMENT", b"ZIPMEMBERCOMMENT", b"ZIPRESOURCEFORK", b"ZIPDSSTORE"):
        assert marker not in data, marker
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert "名单说明.txt" in names and "photo.jpg" in names  # the GBK name as its author wrote it
        assert not [n for n in names if "__MACOSX" in n or n.endswith(".DS_Store")]
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) and not i.extra and not i.comment for i in z.infolist())
        assert b"EXIFARTIST" not in z.read("photo.jpg")
        with zipfile.ZipFile(io.BytesIO(z.read("材料/attachment.docx"))) as inner:
            text = b"".join(inner.read(n) for n in inner.namelist())
        assert b"DOCXAUTHORNAME" not in text and "附件正文".encode() in text


def test_an_ofd_attachment_leaves_without_its_document_info(built):
    _, out = built
    data = (out / f"{D[8:]}/doc.ofd").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = b"".join(z.read(n) for n in z.namelist())
    for marker in (b"OFDAUTHORNAME", b"OFDCREATORTOOL", b"OFDCUSTOMDATA", b"2026-11-20"):
        assert marker not in text, marker
    assert b"<ofd:DocID>x</ofd:DocID>" in text and b"Doc_0/Document.xml" in text


def _zip_with(name: str, body: bytes, **info: object) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        member = zipfile.ZipInfo(name)
        for k, v in info.items():
            setattr(member, k, v)
        z.writestr(member, body)
    return out.getvalue()


@pytest.mark.parametrize("name, body, info, words", [
    ("index.html", b"<script>alert(1)</script>", {}, "文件类型不能发布"),
    ("logo.svg", b"<svg onload='alert(1)'/>", {}, "文件类型不能发布"),
    ("setup.exe", b"MZ", {}, "文件类型不能发布"),
    ("inner.zip", b"PK\x05\x06" + b"\0" * 18, {}, "压缩包中的压缩包"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", {}, "旧版 .doc"),
    ("../../outside.txt", b"x", {}, "之外"),
    ("link.txt", b"/etc/passwd", {"external_attr": 0o120777 << 16}, "符号链接"),
    ("photo.jpg", b"II*\0" + b"\0" * 16 + b"Exif\0\0GPS", {}, "TIFF"),
])
def test_a_zip_holding_what_may_not_be_published_is_refused_with_advice(name, body, info, words):
    with pytest.raises(documents.DocumentError) as err:
        documents._strip(".zip", _zip_with(name, body, **info))
    assert words in str(err.value) and "处理办法" in str(err.value)


def test_a_zip_member_with_comments_or_an_ofd_with_annotations_is_refused():
    import docx

    doc = docx.Document()
    doc.add_paragraph("正文")
    raw = io.BytesIO()
    doc.save(raw)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(buf, "w") as dst:
        for n in src.namelist():
            dst.writestr(n, src.read(n))
        dst.writestr("word/comments.xml", b"<w:comments/>")
    with pytest.raises(documents.DocumentError, match="批注"):
        documents._strip(".zip", _zip_with("a.docx", buf.getvalue()))
    with pytest.raises(documents.DocumentError, match="处理办法"):
        documents._strip(".ofd", _ofd({"Doc_0/Annots/Page_0/Annotation.xml": b"<Annot>remark</Annot>"}))
    signed = _ofd({"Doc_0/Signs/Signatures.xml": b"<Signatures/>"})
    assert documents._strip(".ofd", signed) == signed  # rewriting would break the seal


@pytest.mark.parametrize("name, body, words", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "旧版 .doc"),
    ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "旧版 .xls"),
    ("slides.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "旧版 .ppt"),
    ("scan.jpg", b"II*\0" + b"\0" * 64, "TIFF"),
    ("phone.png", b"\0\0\0\x18ftypheic" + b"\0" * 64, "HEIC"),
    ("song.mp3", b"ID3\x04\0\0\0\0\0\x10TIT2", "文件类型"),
    ("clip.mp4", b"\0\0\0\x18ftypmp42", "文件类型"),
    ("chart.svg", b"<svg onload='alert(1)'/>", "文件类型"),
    ("pack.rar", b"Rar!\x1a\x07\x00", "文件类型"),
    ("photo.heic", b"\0\0\0\x18ftypheic", "文件类型"),
    ("photo.tiff", b"II*\0", "文件类型"),
    ("photo.avif", b"\0\0\0\x1cftypavif", "文件类型"),
])
def test_the_build_refuses_an_attachment_it_cannot_clean_and_names_it(repo_copy: Site, caplog, name, body, words):
    repo_copy.write(f"{D}/a.md", article_text(body=f"[附件]({name})\n", title="附件", column="gzdt", department="办公室"))
    repo_copy.write(f"{D}/{name}", body)
    with pytest.raises(GovpubError):
        build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    text = caplog.text  # the build's own message (govpub build prints it before the refusal)
    assert f"content/gzdt/2026/{name}" in text and words in text and "处理办法" in text, text
    assert not (repo_copy.root / "site").exists()


# -- a withdrawn article's old address ------------------------------------------------------------
def test_a_withdrawn_articles_old_address_says_so_and_shows_nothing_of_it(built):
    _, out = built
    page = (out / "gzdt/2026/gone/index.html").read_text("utf-8")
    assert "撤" in page and "已撤稿的七号文章" not in page  # withdrawn often for its title (readers9)
    assert GONE_BODY not in page and "gone.jpg" not in page and "gone.pdf" not in page
    assert _holding(_files(out), GONE_BODY) == []


def test_the_404_page_shows_no_article(built):
    _, out = built
    page = (out / "404.html").read_text("utf-8")
    assert "alert(7" not in page and GONE_BODY not in page and "将要改名的文章" not in page


# -- incremental build with a rename -------------------------------------------------------------------
def test_after_a_rename_the_incremental_index_sitemap_and_listing_forget_the_old_address(built, tmp_path):
    site, out = built
    import shutil

    previous = tmp_path / "previous"
    shutil.copytree(out, previous, symlinks=True)
    root = shutil.copytree(site.root, tmp_path / "repo", symlinks=True, ignore=shutil.ignore_patterns("site"))
    (root / f"{D}/old-name.md").rename(root / f"{D}/new-name.md")
    (root / f"{D}/t0.md").unlink()  # and one article removed outright
    result = build_site(root / "mkdocs.yml", tmp_path / "next", quiet=True, previous=previous)
    assert result.mode == "incremental"
    nxt = tmp_path / "next"
    files = _files(nxt)
    assert _holding(files, "gzdt/2026/old-name/") == [] and _holding(files, "old-name") == []
    assert _holding(files, "alert(71)") == []
    index = json.loads((nxt / "search/search_index.json").read_text("utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("gzdt/2026/new-name/")]
    assert "gzdt/2026/new-name/" in (nxt / "sitemap.xml").read_text("utf-8")
    assert not (nxt / "gzdt/2026/old-name").exists() and not (nxt / "gzdt/2026/t0").exists()


def test_old_releases_are_outside_what_the_web_server_serves(built, tmp_path):
    """A withdrawn article stays in the older releases kept for rollback: none of them may be
    reachable from the document root (current/): no symlink in it, no path out of it."""
    _, out = built
    import shutil

    from govpub.publish import deploy

    target = tmp_path / "www"
    for rid in ("r1", "r2"):
        build = tmp_path / f"build-{rid}"
        shutil.copytree(out, build, symlinks=True)
        deploy.deploy_local(build, target, rid)
    served = (target / "current").resolve()
    assert served == (target / "releases/r2").resolve()
    assert [p for p in served.rglob("*") if p.is_symlink()] == []
    assert not (served / "releases").exists() and not (served / "release-info").exists()


@pytest.mark.parametrize("svg", ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
                                 '<svg xmlns="http://www.w3.org/2000/svg" inkscape:export-filename="/home/zhangsan/徽标.png"/>',
                                 '<svg xmlns="http://www.w3.org/2000/svg"><metadata><rdf:RDF>张三</rdf:RDF></metadata></svg>'])
def test_an_svg_in_the_theme_folder_that_runs_or_fetches_refuses_the_build(repo_copy: Site, caplog, svg):
    """content/ takes no SVG at all; the theme folder does (the emblem), and a reader can open
    it at its own address, where its scripts run: only a plain drawing is accepted."""
    repo_copy.write("overrides/assets/govpub/badge.svg", svg)
    with pytest.raises(GovpubError):
        build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    assert "badge.svg" in caplog.text and "处理办法" in caplog.text


def test_every_link_and_meta_address_in_a_page_head_leads_to_a_published_page(built):
    """<link rel=canonical|prev|next|alternate>, <meta name=Url> and any Open Graph or JSON-LD
    address: none may name a page that is held back, withdrawn-and-gone or never built."""
    _, out = built
    from urllib.parse import unquote, urlsplit

    site_url = "https://sfj.zhanjiang.gov.cn/"
    heads = {p: p.read_text("utf-8").split("</head>")[0] for p in out.rglob("*.html")}
    found = 0
    for page, head in heads.items():
        assert "application/ld+json" not in head or "alert(" not in head, page
        for m in re.finditer(r'<(?:link|meta)\b[^>]*?(?:href|content)="(https://sfj\.zhanjiang\.gov\.cn/[^"]*)"', head):
            rel = unquote(urlsplit(m.group(1)).path)[len(urlsplit(site_url).path):]
            target = out / rel / "index.html" if rel.endswith("/") or not rel else out / rel
            assert target.is_file(), (page, m.group(0))
            found += 1
    assert found > len(heads)  # canonical and Url on (nearly) every page were really read


def test_a_picture_in_the_theme_folder_is_published_without_its_metadata(repo_copy: Site):
    repo_copy.write("overrides/assets/govpub/banner.jpg", _photo("theme"))
    build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    data = (repo_copy.root / "site/assets/govpub/banner.jpg").read_bytes()
    assert data.startswith(b"\xff\xd8") and b"EXIFARTIST" not in data


def _pdf_with(kind: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.annotations import Link, Text
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if kind == "comment":
        note = Text(rect=(10, 10, 30, 30), text="PDFREVIEWERNOTE", open=False)
        note[NameObject("/T")] = TextStringObject("PDFREVIEWER")
        writer.add_annotation(0, note)
    elif kind == "attachment":
        writer.add_attachment("内部名单.xlsx", b"PDFEMBEDDEDFILE")
    elif kind == "script":
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('PDFSCRIPT');")})
    else:  # a link is part of the page: published
        writer.add_annotation(0, Link(rect=(10, 10, 30, 30), url="https://www.12348.gov.cn/"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("kind, words", [("comment", "注释或批注（Text）"), ("attachment", "嵌入的附件"),
                                         ("script", "脚本")])
def test_a_pdf_with_comments_embedded_files_or_scripts_is_refused(kind, words):
    with pytest.raises(documents.DocumentError) as err:
        documents._strip(".pdf", _pdf_with(kind))
    assert words in str(err.value) and "处理办法" in str(err.value)


def test_a_pdf_with_only_links_is_published_cleaned():
    out = documents._strip(".pdf", _pdf_with("link"))
    assert out.startswith(b"%PDF") and b"12348" in out
