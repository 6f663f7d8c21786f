"""govpub import: a real .docx with a table, two images and a nested list becomes a checked article.

Most tests run the real command; those about how a draft's title is recognised and a second
import of the same file run it in process (Site.run_here)."""

from __future__ import annotations

from docx_builder import build
from PIL import Image


def test_import_keeps_structure_images_and_punctuation(site, tmp_path):
    source = build(tmp_path / "稿件.docx")
    proc = site.run("import", str(source), "--column", "ggflfw", "--date", "2026-11-20 15:00")
    folder = site.root / "content/ggflfw/2026"
    articles = sorted(folder.glob("*.md"))
    assert len(articles) == 1, proc.stdout + proc.stderr
    text = articles[0].read_text(encoding="utf-8")
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert "title: 湛江市司法局开展法律援助进社区活动" in front
    assert "department: 公共法律服务管理科" in front and "author: 王晓敏" in front
    assert "date: 2026-11-20 15:00" in front
    assert "湛江市司法局开展法律援助进社区活动" not in body  # the title is not repeated in the body
    assert "## 活动内容" in body and "## 活动成效" in body
    assert "“法律援助进社区”活动，现场" in body  # Chinese punctuation kept as written
    lines = body.splitlines()
    top = lines.index("- 现场解答群众法律咨询，重点包括：")
    assert lines[top + 1].startswith(("  - 婚姻家庭纠纷", "    - 婚姻家庭纠纷"))  # nested list
    assert "| 项目 | 数量 |" in body and "| 发放宣传资料 | 300份 |" in body
    images = sorted(p.name for p in folder.iterdir() if p.suffix != ".md")
    stem = articles[0].stem
    assert len(images) == 2 and all(name.startswith(f"{stem}-") for name in images)
    assert f"]({images[0]})" in body and f"]({images[1]})" in body
    assert body.index(images[0]) < body.index(images[1])  # named in order
    with Image.open(folder / images[0]) as big:
        assert max(big.size) <= 1920  # the 2400-pixel image was reduced (checks/images.yml resize_side)
    # the checks ran on the result: images without alt text are reported
    assert "html.alt-text" in proc.stdout
    assert proc.returncode == 1


def test_import_refuses_doc_and_broken_files(site, tmp_path):
    old = tmp_path / "旧稿.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    proc = site.run("import", str(old), "--column", "gzdt")
    assert proc.returncode == 2 and "另存为" in proc.stderr
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    proc = site.run("import", str(broken), "--column", "gzdt")
    assert proc.returncode == 2 and "损坏" in proc.stderr
    assert not (site.root / "content/gzdt").exists()  # nothing half-written


def test_import_twice_does_not_overwrite(site, tmp_path):
    source = build(tmp_path / "a.docx", big_image=False)
    site.run_here("import", str(source), "--column", "ggflfw", "--date", "2026-11-20 15:00")
    twice = site.run_here("import", str(source), "--column", "ggflfw", "--date", "2026-11-20 15:00")
    assert twice.returncode == 2 and "已有同名文章" in twice.stderr  # the same draft twice on one day
    site.run_here("import", str(source), "--column", "ggflfw", "--date", "2026-11-27 15:00")
    folder = site.root / "content/ggflfw/2026"
    names = sorted(p.name for p in folder.glob("*.md"))
    first = next(n for n in names if not n.endswith("-2.md"))
    assert names == sorted([first, first.replace(".md", "-2.md")])
    assert len([p for p in folder.iterdir() if p.suffix != ".md"]) == 4  # each import has its own images


def test_import_refuses_an_unregistered_channel(site, tmp_path):
    source = build(tmp_path / "a.docx", big_image=False)
    proc = site.run("import", str(source), "--column", "ggflfw", "--channels", "website,weibo")
    assert proc.returncode == 2 and "weibo" in proc.stderr and "wechat" in proc.stderr
    assert not (site.root / "content/ggflfw").exists()


def test_import_of_a_typical_word_draft(site, tmp_path):
    """Centred bold title, captions under the pictures, right-aligned signature block."""
    from docx_builder import build_draft

    source = build_draft(tmp_path / "宪法宣传周.docx")
    proc = site.run("import", str(source), "--column", "gzdt", "--date", "2026-12-04 15:00")
    (article,) = sorted((site.root / "content/gzdt/2026").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert "title: 湛江市司法局开展宪法宣传周活动\n" in front  # no ** around it
    assert "*" not in body and "湛江市司法局开展宪法宣传周活动" not in body
    stem = article.stem
    assert f"![图为宪法宣传周活动现场]({stem}-1.png)" in body  # the caption is the alt text
    assert f"![工作人员为群众讲解宪法知识]({stem}-2.png)" in body
    assert body.rstrip().endswith("湛江市司法局\n{: .govpub-right }\n\n2026年12月4日\n{: .govpub-right }")
    assert "html.alt-text" not in proc.stdout
    assert proc.returncode == 0, proc.stdout  # the checks pass the imported draft as it is


def test_imported_draft_renders_right_on_the_site(tmp_path):
    """The real MkDocs build: a plain title in <title> and the heading, the signature right-aligned."""
    import re

    from docx_builder import build_draft
    from helpers import copy_site

    site = copy_site(tmp_path / "repo")
    source = build_draft(tmp_path / "宪法宣传周.docx")
    assert site.run("import", str(source), "--column", "gzdt", "--slug", "xfxcz",
                    "--author", "王晓敏", "--date", "2026-12-04 15:00").returncode == 0
    proc = site.run("build", "--quiet")
    assert proc.returncode == 0, proc.stderr
    (page,) = (site.root / "site").rglob("xfxcz/index.html")
    html = page.read_text(encoding="utf-8")
    assert "**" not in html
    assert re.search(r"<title>湛江市司法局开展宪法宣传周活动", html)
    assert '<p class="govpub-right">湛江市司法局</p>' in html
    assert '<p class="govpub-right">2026年12月4日</p>' in html
    assert 'alt="图为宪法宣传周活动现场"' in html
    css = (site.root / "site/assets/govpub/govpub.css").read_text(encoding="utf-8")
    assert re.search(r"p\.govpub-right\s*\{\s*text-align:\s*right", css)


def test_import_refuses_a_department_that_check_would_reject(site, tmp_path):
    source = build(tmp_path / "稿件.docx", big_image=False)
    proc = site.run("import", str(source), "--column", "zcwj", "--department", "社区矫正管理科")
    assert proc.returncode == 2 and "不负责栏目" in proc.stderr
    assert not (site.root / "content/zcwj").exists()


def test_docx_uploaded_into_content_is_converted_in_place(site, tmp_path):
    """The web-only path: a .docx uploaded to content/<column>/<year>/ on a branch; CI imports it
    without --column and removes the upload, so the pull request holds the article instead."""
    from docx_builder import build_draft

    (site.root / "content/gzdt/2026").mkdir(parents=True)
    upload = build_draft(site.root / "content/gzdt/2026/宪法宣传周.docx")
    proc = site.run("import", str(upload.relative_to(site.root)), "--remove-source", "--date", "2026-12-04 15:00")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not upload.exists()
    (article,) = (site.root / "content/gzdt/2026").glob("*.md")
    assert "column: gzdt" in article.read_text(encoding="utf-8")


def test_failed_import_keeps_the_upload(site):
    upload = site.write("content/gzdt/2026/坏稿.docx", b"not a zip file")
    proc = site.run("import", "content/gzdt/2026/坏稿.docx", "--remove-source")
    assert proc.returncode == 2 and upload.exists()


def test_import_outside_content_needs_a_column(site, tmp_path):
    source = build(tmp_path / "稿件.docx", big_image=False)
    proc = site.run("import", str(source))
    assert proc.returncode == 2 and "没有指定栏目" in proc.stderr


def test_title_over_two_centred_lines_is_joined_and_a_caption_above_is_found(site, tmp_path):
    from docx_builder import build_two_line_title

    source = build_two_line_title(tmp_path / "会议.docx")
    proc = site.run_here("import", str(source), "--column", "gzdt", "--date", "2026-12-04 15:00")
    (article,) = sorted((site.root / "content/gzdt/2026").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    assert "title: 湛江市司法局召开2026年全市司法行政工作会议\n" in front
    assert "司法行政工作会议" not in body.splitlines() and "*" not in body
    assert body.lstrip().startswith("12月4日")
    stem = article.stem
    assert f"![图为会议现场]({stem}-1.png)" in body  # caption above the picture
    assert f"![与会人员认真听取报告]({stem}-2.png)" in body  # caption under it
    assert "html.alt-text" not in proc.stdout
    assert proc.returncode == 0, proc.stdout


def test_a_subtitle_or_a_line_of_another_look_is_not_joined_to_the_title(site, tmp_path):
    from docx_builder import build_two_line_title

    for name, second, bold, day in (("a", "——记市法律援助中心", True, 4), ("b", "司法行政工作会议", False, 5)):
        source = build_two_line_title(tmp_path / f"{name}.docx", second=second, second_bold=bold)
        proc = site.run_here("import", str(source), "--column", "gzdt", "--slug", name, "--date", f"2026-12-0{day} 15:00")
        assert proc.returncode in (0, 1), proc.stderr
        text = (site.root / f"content/gzdt/2026/{name}.md").read_text(encoding="utf-8")
        front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
        assert "title: 湛江市司法局召开2026年全市\n" in front
        assert body.lstrip().splitlines()[0].strip("*") == second  # kept as the body's first line


def test_a_phone_photo_in_word_is_reduced_and_loses_its_location(site, tmp_path):
    """A full-size phone photo pasted into Word: imported upright within checks/images.yml, no EXIF
    (GPS position) left, and the article with its image passes check at once."""
    import io

    import docx
    from docx.shared import Inches

    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 16.0, 12.0), 3: "E", 4: (110.0, 21.0, 30.0)})
    photo = io.BytesIO()
    Image.effect_noise((4032, 3024), 60).convert("RGB").save(photo, "JPEG", quality=95, exif=exif.tobytes())
    assert len(photo.getvalue()) > 8 * 1024 * 1024
    photo.seek(0)
    document = docx.Document()
    document.core_properties.author = "王晓敏"
    document.add_paragraph("湛江市司法局开展宪法宣传周活动").alignment = 1
    document.add_paragraph("12月4日，湛江市司法局在霞山区开展宪法宣传周活动。")
    document.add_picture(photo, width=Inches(4))
    document.add_paragraph("图为活动现场").alignment = 1
    source = tmp_path / "照片.docx"
    document.save(source)
    proc = site.run("import", str(source), "--column", "gzdt", "--slug", "xcz", "--date", "2026-12-04 15:00")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (image,) = (site.root / "content/gzdt/2026").glob("xcz-*")
    with Image.open(image) as im:
        assert im.size == (1440, 1920)  # upright, long side at resize_side
        assert not im.getexif()  # no GPS position, no device
    assert image.stat().st_size <= 2 * 1024 * 1024
    assert site.run("check", "content/gzdt/2026").returncode == 0


def test_a_small_photo_in_word_is_copied_without_its_location(site, tmp_path):
    import io

    import docx
    from docx.shared import Inches

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 16.0, 12.0), 3: "E", 4: (110.0, 21.0, 30.0)})
    photo = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 120, 60)).save(photo, "JPEG", quality=90, exif=exif.tobytes())
    photo.seek(0)
    document = docx.Document()
    document.add_paragraph("湛江市司法局开展宪法宣传周活动").alignment = 1
    document.add_paragraph("12月4日，湛江市司法局在霞山区开展宪法宣传周活动。")
    document.add_picture(photo, width=Inches(4))
    document.add_paragraph("图为活动现场").alignment = 1
    source = tmp_path / "小照片.docx"
    document.save(source)
    proc = site.run("import", str(source), "--column", "gzdt", "--slug", "xcz", "--author", "王晓敏",
                    "--date", "2026-12-04 15:00")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (image,) = (site.root / "content/gzdt/2026").glob("xcz-*")
    with Image.open(image) as im:
        assert im.size == (800, 600) and not im.getexif().get_ifd(0x8825)
    assert "privacy.photo-location" not in proc.stdout
