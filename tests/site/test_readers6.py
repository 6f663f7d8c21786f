"""A red team against what leaves the build: a site built from hostile or careless content,
skipping the content checks (the build's own defences only), and every file of it read back.
One MkDocs build serves most assertions; a release deployed from it serves the rest."""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from helpers import Site, article_text, copy_site
from PIL import Image, PngImagePlugin

from govpub.errors import GovpubError
from govpub.publish import deploy
from govpub.publish.build import build_site
from govpub.site import incremental

D = "content/gzdt/2026"
SECRETS = {  # text that must reach no reader, wherever it hides
    "reviewer_note": "审核意见甲乙丙：内部掌握",
    "comment": "领导批示丁戊己勿外传",
    "withdrawn_reason": "公开了当事人身份证号庚辛",
    "draft_title": "草稿状态的壬癸文章",
    "future_title": "尚未到发布时间的子丑文章",
    "typo_status_title": "状态写错的寅卯文章",
}


def _photo(tag: str) -> bytes:
    image = Image.new("RGB", (40, 30), (1, 2, 3))
    exif = image.getexif()
    exif[0x013B] = f"EXIFARTIST-{tag}"  # Artist
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 16.0, 0.0), 3: "E", 4: (110.0, 21.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PNGTEXTAUTHOR")
    info.add_itxt("Comment", "PNGITXTCOMMENT")
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (9, 9, 9)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _webp() -> bytes:
    image = Image.new("RGB", (20, 20), (9, 9, 9))
    exif = image.getexif()
    exif[0x013B] = "WEBPEXIFARTIST"
    out = io.BytesIO()
    image.save(out, "WEBP", exif=exif.tobytes(), xmp=b"<x:xmpmeta>WEBPXMPNOTE</x:xmpmeta>")
    return out.getvalue()


def _gif() -> bytes:
    frames = [Image.new("RGB", (10, 10), (k * 80, 0, 0)) for k in range(2)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"GIFCOMMENTNOTE")
    return out.getvalue()


def _docx() -> bytes:
    import docx

    doc = docx.Document()
    doc.core_properties.author = "DOCXAUTHORNAME"
    doc.core_properties.last_modified_by = "DOCXEDITORNAME"
    doc.core_properties.comments = "DOCXCOREREMARK"
    doc.add_paragraph("附件正文")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
            b"<< /Author (PDFAUTHORNAME) /Creator (PDFCREATORTOOL) /Producer (PDFPRODUCER) >>"]
    out, offsets = b"%PDF-1.4\n", []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


def hostile_site(root: Path) -> Site:
    site = copy_site(root)
    body = (f"<!-- 批注：甲->{SECRETS['comment']} -->\n\n正文第一段。<script>var 内部 = 1</script>\n\n"
            "![现场照片](photo.jpg)\n\n![共用图片](shared.jpg)\n\n![示意](chart.png) ![示意二](chart.webp)\n\n"
            "[附件](att.docx) [附件二](att.pdf) [配置](../../../checks/registry/accounts.yml)\n\n主题里隐藏的一段\n{: .md-toggle .md-skip }\n")
    site.write(f"{D}/live.md", article_text(body=body, title="正常发布的文章", column="gzdt", department="办公室",
                                            reviewer_note=SECRETS["reviewer_note"]))
    site.write(f"{D}/gone.md", article_text(
        body="已撤稿。\n\n![证件](idcard.jpg)\n\n![共用图片](shared.jpg)\n\n[名单](<names.pdf>)\n\n[表][t]\n\n[t]: roster.xlsx\n",
        title="已撤稿的文章", column="gzdt", department="办公室", status="withdrawn",
        withdrawn_reason=SECRETS["withdrawn_reason"], withdrawn_at="2026-11-26 10:00", cover="gone-cover.jpg"))
    site.write(f"{D}/draft.md", article_text(body="草稿。\n", title=SECRETS["draft_title"], column="gzdt",
                                             department="办公室", status="draft"))
    site.write(f"{D}/typo.md", article_text(body="状态。\n", title=SECRETS["typo_status_title"], column="gzdt",
                                            department="办公室", status="Withdrawn"))
    site.write(f"{D}/future.md", article_text(body="以后。\n", title=SECRETS["future_title"], column="gzdt",
                                              department="办公室", date="2099-01-01 09:00"))
    for name in ("photo.jpg", "shared.jpg", "idcard.jpg", "gone-cover.jpg"):
        site.write(f"{D}/{name}", _photo(name))
    site.write(f"{D}/chart.png", _png())
    site.write(f"{D}/chart.webp", _webp())
    site.write(f"{D}/moving.gif", _gif())
    site.write(f"{D}/att.docx", _docx())
    site.write(f"{D}/att.pdf", _pdf())
    site.write(f"{D}/names.pdf", _pdf())
    site.write(f"{D}/roster.xlsx", _docx())
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    site = hostile_site(tmp_path_factory.mktemp("readers6") / "repo")
    build_site(site.root / "mkdocs.yml", site.root / "site", quiet=True)  # no content checks: the build alone
    return site, site.root / "site"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _readable(name: str, data: bytes) -> str:
    """A file's text as a reader's tools see it: JSON decoded (the search index escapes every
    Chinese character), gzip and zip opened, the search's word joiners (U+200B) removed."""
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            data = b"".join(z.read(n) for n in z.namelist())
    text = data.decode("utf-8", "ignore")
    if name.endswith(".json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text).replace("\u200b", "")


def _holding(files: dict[str, bytes], text: str) -> list[str]:
    return [name for name, data in files.items() if text in _readable(name, data)
            or text.encode() in data or text.encode("utf-16-le") in data]


@pytest.mark.parametrize("key", sorted(SECRETS))
def test_nothing_held_back_or_internal_reaches_any_file_of_the_site(built, key):
    """Pages, listings, search index, sitemap, pages.json, 404 and the build's manifest."""
    _, out = built
    assert _holding(_files(out), SECRETS[key]) == []


def test_the_published_article_is_there(built):
    _, out = built
    page = (out / "gzdt/2026/live/index.html").read_text("utf-8")
    assert "正文第一段" in page
    assert _holding(_files(out), "正常发布的文章")  # the helper finds what is there (search index included)
    assert "search/search_index.json" in _holding(_files(out), "正常发布的文章")


def test_a_withdrawn_articles_own_files_leave_with_it(built):
    """Its image, cover and attachments (linked inline, in <…>, by reference) are gone; a
    picture a published article shows too stays."""
    _, out = built
    folder = out / "gzdt/2026"
    for name in ("idcard.jpg", "gone-cover.jpg", "names.pdf", "roster.xlsx"):
        assert not (folder / name).exists(), name
    assert (folder / "shared.jpg").is_file() and (folder / "photo.jpg").is_file()
    assert (folder / "gone/index.html").is_file()  # the withdrawal notice stays at the old address


def test_held_back_articles_have_no_page_and_no_link(built):
    _, out = built
    files = _files(out)
    for slug in ("draft", "typo", "future"):
        assert not (out / f"gzdt/2026/{slug}").exists(), slug
        assert _holding(files, f"gzdt/2026/{slug}/") == [] and _holding(files, f"../{slug}/") == [], slug


def test_no_class_from_the_article_can_hide_text(built):
    """attr_list may not borrow a theme class that hides a paragraph (display: none)."""
    _, out = built
    page = (out / "gzdt/2026/live/index.html").read_text("utf-8")
    assert "主题里隐藏的一段" in page and "md-toggle" not in page.split('class="govpub-body"')[1].split("</div>")[0]


@pytest.mark.parametrize("marker", ["EXIFARTIST", "PNGTEXTAUTHOR", "PNGITXTCOMMENT", "WEBPEXIFARTIST", "WEBPXMPNOTE",
                                    "GIFCOMMENTNOTE"])
def test_no_image_carries_its_metadata(built, marker):
    _, out = built
    assert _holding(_files(out), marker) == []


def test_attachments_leave_without_their_authors(built):
    _, out = built
    folder = out / "gzdt/2026"
    with zipfile.ZipFile(folder / "att.docx") as z:
        text = b"".join(z.read(n) for n in z.namelist())
    assert b"DOCXAUTHORNAME" not in text and b"DOCXEDITORNAME" not in text and b"DOCXCOREREMARK" not in text
    with zipfile.ZipFile(folder / "att.docx") as z:
        assert b"\xe9\x99\x84\xe4\xbb\xb6\xe6\xad\xa3\xe6\x96\x87" in z.read("word/document.xml")  # 附件正文 kept
    pdf = (folder / "att.pdf").read_bytes()
    assert b"PDFAUTHORNAME" not in pdf and b"PDFCREATORTOOL" not in pdf and pdf.startswith(b"%PDF")


def test_no_file_names_the_build_machine(built):
    site, out = built
    files = _files(out)
    for text in {str(site.root), str(site.root.parent), os.path.expanduser("~")} - {"/", ""}:
        assert _holding(files, text) == [], text


def test_no_source_or_dot_file_is_published(built):
    _, out = built
    names = list(_files(out))
    assert not [n for n in names if n.endswith((".md", ".yml", ".yaml", "~", ".swp", ".bak", ".py"))]
    assert [n for n in names if any(part.startswith(".") for part in n.split("/"))] == [incremental.MANIFEST]
    assert _holding(_files(out), "credentials_env") == []  # a link out of content/ copies nothing


def test_a_deployed_release_serves_no_manifest_and_the_next_build_still_reuses_it(built, tmp_path):
    site, out = built
    target = tmp_path / "www"
    build = tmp_path / "build"
    import shutil

    shutil.copytree(out, build, symlinks=True)
    deploy.deploy_local(build, target, "r1")
    served = target / "current"
    assert not (served / incremental.MANIFEST).exists()
    assert [p for p in served.rglob(".*")] == []
    assert (target / incremental.DEPLOYED_MANIFESTS / "r1.json").is_file()
    live = deploy.live_site(target)
    assert live is not None and incremental.load(live) is not None
    result = build_site(site.root / "mkdocs.yml", tmp_path / "next", quiet=True, previous=live)
    assert result.mode == "incremental"
    deploy.deploy_local(tmp_path / "next", target, "r2", keep=1)
    assert not (target / incremental.DEPLOYED_MANIFESTS / "r1.json").exists()  # pruned with its release


@pytest.mark.parametrize("name", ["notes.txt", "partials/footer.html~", "assets/govpub/govpub.css.bak", "config.yml"])
def test_a_stray_file_in_the_theme_folder_refuses_the_build(repo_copy: Site, name):
    repo_copy.write(f"overrides/{name}", "内部备注")
    proc = repo_copy.forked("build", "--quiet")  # the real command, MkDocs imported once per worker
    assert proc.returncode != 0 and f"overrides/{name}" in proc.stderr and "处理办法" in proc.stderr
    assert not (repo_copy.root / "site").exists()


@pytest.mark.parametrize("part, body", [("word/comments.xml", b"<w:comments/>"),
                                        ("word/document.xml", b"<w:body><w:del w:id='1'><w:r><w:delText>x</w:delText></w:r></w:del></w:body>"),
                                        ("word/document.xml", b"<w:body><w:r><w:rPr><w:vanish/></w:rPr></w:r></w:body>")])
def test_an_attachment_with_comments_or_tracked_changes_refuses_the_build(repo_copy: Site, part, body):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx())) as src, zipfile.ZipFile(out, "w") as dst:
        for n in src.namelist():
            dst.writestr(n, body if n == part else src.read(n))
        if part not in src.namelist():
            dst.writestr(part, body)
    repo_copy.write(f"{D}/draft-notes.docx", out.getvalue())
    repo_copy.article(f"{D}/with-att.md", body="见[附件](draft-notes.docx)。\n", title="带附件的文章", column="gzdt",
                      department="办公室")
    with pytest.raises(GovpubError):
        build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    assert not (repo_copy.root / "site").exists()


def test_a_publish_time_that_comes_lets_the_article_in(repo_copy: Site):
    """Held back only until its time: the same article with a past time is built."""
    repo_copy.article(f"{D}/soon.md", title="到时发布的文章", column="gzdt", department="办公室", date="2099-01-01 09:00")
    build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True)
    assert not (repo_copy.root / "site/gzdt/2026/soon").exists()
    repo_copy.article(f"{D}/soon.md", title="到时发布的文章", column="gzdt", department="办公室", date="2026-11-01 09:00")
    build_site(repo_copy.root / "mkdocs.yml", repo_copy.root / "site", quiet=True, previous=repo_copy.root / "site")
    assert (repo_copy.root / "site/gzdt/2026/soon/index.html").is_file()
    assert "到时发布的文章" in (repo_copy.root / "site/gzdt/index.html").read_text("utf-8")
