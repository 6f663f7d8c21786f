"""meta.image-size and `govpub fix` on images: limits from checks/images.yml, reduced in place
(same name and format, upright, no metadata), the images an article shows, and what fix refuses."""

from __future__ import annotations

import io
import os

from helpers import article_text
from PIL import Image

FOLDER = "content/gzdt/2026"


def _jpeg(size: tuple[int, int], quality: int = 95, **exif: int) -> bytes:
    buf = io.BytesIO()
    tags = Image.Exif()
    for key, value in exif.items():
        tags[int(key.removeprefix("t"))] = value
    Image.effect_noise(size, 60).convert("RGB").save(buf, "JPEG", quality=quality, exif=tags.tobytes())
    return buf.getvalue()


def _png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def _rules(site, *paths: str) -> list[str]:
    return [f["rule"] for f in site.findings(*paths)]


def test_pixels_or_bytes_over_the_limits_are_reported(site):
    site.write(f"{FOLDER}/wide.png", _png((3000, 200)))  # small file, too many pixels
    site.write(f"{FOLDER}/ok.png", _png((2560, 200)))  # exactly at the limit
    site.write(f"{FOLDER}/junk.jpg", os.urandom(2 * 1024 * 1024 + 1))  # unreadable, but too many bytes
    found = {f["path"]: f for f in site.findings() if f["rule"] == "meta.image-size"}
    assert sorted(found) == [f"{FOLDER}/junk.jpg", f"{FOLDER}/wide.png"]
    assert "3000×200 像素" in found[f"{FOLDER}/wide.png"]["message"]
    assert found[f"{FOLDER}/wide.png"]["severity"] == "error"
    assert "govpub fix" in found[f"{FOLDER}/junk.jpg"]["message"]


def test_limits_are_data(site):
    site.write(f"{FOLDER}/a.png", _png((1200, 100)))
    assert "meta.image-size" not in _rules(site, f"{FOLDER}/a.png")
    limits = site.root / "checks/images.yml"
    limits.write_text(limits.read_text(encoding="utf-8").replace("max_side: 2560", "max_side: 1000")
                      .replace("resize_side: 1920", "resize_side: 800"), encoding="utf-8")
    assert "meta.image-size" in _rules(site, f"{FOLDER}/a.png")
    limits.write_text(limits.read_text(encoding="utf-8").replace("resize_side: 800", "resize_side: 1200"),
                      encoding="utf-8")
    proc = site.run("check", f"{FOLDER}/a.png")
    assert proc.returncode == 2 and "checks/images.yml" in proc.stderr and "resize_side" in proc.stderr


def test_fix_on_an_article_reduces_the_images_it_shows(site):
    shown = site.write(f"{FOLDER}/huiyi-1.jpg", _jpeg((3200, 2400), t274=3))  # upside down
    other = site.write(f"{FOLDER}/other.png", _png((3000, 200)))
    site.article(f"{FOLDER}/huiyi.md", body="会议现场。\n\n![会议现场](huiyi-1.jpg)\n", column="gzdt")
    proc = site.run("fix", f"{FOLDER}/huiyi.md")
    assert proc.returncode == 0, proc.stderr
    assert f"{FOLDER}/huiyi-1.jpg: 已缩小为 1920×1440 像素" in proc.stdout
    with Image.open(shown) as im:
        assert im.size == (1920, 1440) and im.format == "JPEG" and not im.getexif()
    with Image.open(other) as im:
        assert im.size == (3000, 200)  # not shown by the article: untouched
    again = site.run("fix", f"{FOLDER}/huiyi.md")
    assert "修正了 0 个文件" in again.stdout  # a second run changes nothing


def test_fix_keeps_png_transparency_and_the_file_name(site):
    logo = site.write(f"{FOLDER}/logo.png", _png((4000, 3000)))
    proc = site.run("fix", f"{FOLDER}/logo.png")
    assert proc.returncode == 0, proc.stderr
    with Image.open(logo) as im:
        assert im.format == "PNG" and max(im.size) == 1920 and im.mode == "RGBA"
    assert "meta.image-size" not in _rules(site, f"{FOLDER}/logo.png")


def test_fix_says_what_it_cannot_reduce(site):
    frames = [Image.new("RGB", (3000, 100), c) for c in ("red", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    anim = site.write(f"{FOLDER}/anim.gif", buf.getvalue())
    junk = site.write(f"{FOLDER}/junk.jpg", os.urandom(2 * 1024 * 1024 + 1))
    before = anim.read_bytes(), junk.read_bytes()
    proc = site.run("fix", FOLDER)
    assert proc.returncode == 0, proc.stderr
    assert f"{FOLDER}/anim.gif: 无法自动缩小动图" in proc.stdout
    assert f"{FOLDER}/junk.jpg: 图片无法读取" in proc.stdout and "处理办法" in proc.stdout
    assert (anim.read_bytes(), junk.read_bytes()) == before
    assert _rules(site, FOLDER).count("meta.image-size") == 2  # still reported


def test_fix_does_not_follow_a_symlinked_image(site, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(_png((3000, 3000)))
    link = site.root / FOLDER / "link.png"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    site.run("fix", FOLDER)
    with Image.open(outside) as im:
        assert im.size == (3000, 3000)
    assert "meta.file" in _rules(site, FOLDER)


def test_article_text_unchanged_by_image_fix(site):
    text = article_text(body="![现场](x.png)\n", column="gzdt")
    art = site.write(f"{FOLDER}/x.md", text)
    site.write(f"{FOLDER}/x.png", _png((3000, 100)))
    site.run("fix", f"{FOLDER}/x.md")
    assert art.read_text(encoding="utf-8") == text  # same name: the link stays valid


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width×height pixels (a decompression bomb needs no more than its header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_reported_and_left_alone(site):
    bomb = site.write(f"{FOLDER}/bomb.png", _png_header_only(20000, 20000))  # 400 million pixels, 60 bytes
    found = [f for f in site.findings(f"{FOLDER}/bomb.png") if f["rule"] == "meta.image-size"]
    assert len(found) == 1 and "像素数过多" in found[0]["message"]
    before = bomb.read_bytes()
    proc = site.run("fix", f"{FOLDER}/bomb.png")
    assert proc.returncode == 0 and "像素过多，无法自动缩小" in proc.stdout
    assert bomb.read_bytes() == before


def test_webp_and_still_gif_keep_their_format_and_no_temporary_file_is_left(site):
    buf = io.BytesIO()
    Image.effect_noise((3000, 2000), 60).convert("RGB").save(buf, "WEBP", quality=90)
    webp = site.write(f"{FOLDER}/a.webp", buf.getvalue())
    buf = io.BytesIO()
    Image.new("P", (3000, 100), 3).save(buf, "GIF")
    gif = site.write(f"{FOLDER}/b.gif", buf.getvalue())
    proc = site.run("fix", FOLDER)
    assert proc.returncode == 0, proc.stderr
    with Image.open(webp) as im:
        assert im.format == "WEBP" and im.size == (1920, 1280)
    with Image.open(gif) as im:
        assert im.format == "GIF" and im.size == (1920, 64)
    assert sorted(p.name for p in (site.root / FOLDER).iterdir()) == ["a.webp", "b.gif"]
    assert "meta.image-size" not in _rules(site, FOLDER)
