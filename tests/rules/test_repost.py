"""repost.*: sources of reposts, trusted domains, red-header originals as images or PDFs."""

from __future__ import annotations

import random

import pytest
from helpers import check_text
from PIL import Image, ImageDraw

REPOST = "\n  source_name: 广东省司法厅\n  source_url: {url}\n  published: 2026-11-18"


def red_header_page(width: int = 620, height: int = 877) -> Image.Image:
    """A scanned 红头 notice: white A4 page, big red organ name, red rule, black body lines."""
    page = Image.new("RGB", (width, height), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    for i in range(10):  # ten large red "characters" of the issuing organ's name
        x = 80 + i * 46
        draw.rectangle([x, 90, x + 36, 150], fill=(214, 30, 36))
    draw.text((270, 175), "No. 3", fill=(0, 0, 0))
    draw.rectangle([70, 200, width - 70, 204], fill=(210, 25, 30))  # the red rule
    for y in range(250, height - 80, 28):  # body text lines
        draw.rectangle([80, y, width - 80, y + 10], fill=(40, 40, 40))
    return page


def banner_photo(width: int = 800, height: int = 533) -> Image.Image:
    """A meeting photo: busy colourful scene with a red banner across the top."""
    rng = random.Random(7)
    photo = Image.new("RGB", (width, height))
    px = photo.load()
    for y in range(height):
        for x in range(width):
            px[x, y] = (90 + rng.randrange(80), 70 + rng.randrange(60), 50 + rng.randrange(90))
    draw = ImageDraw.Draw(photo)
    draw.rectangle([40, 40, width - 40, 110], fill=(200, 20, 30))
    for i in range(12):
        draw.rectangle([80 + i * 55, 55, 110 + i * 55, 95], fill=(250, 230, 120))
    return photo


def plain_page(width: int = 620, height: int = 877) -> Image.Image:
    page = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    for y in range(100, height - 80, 28):
        draw.rectangle([80, y, width - 80, y + 10], fill=(30, 30, 30))
    return page


@pytest.mark.parametrize("make, name, fires", [
    (red_header_page, "yuanjian.jpg", True),
    (red_header_page, "yuanjian.png", True),
    (banner_photo, "huiyi.jpg", False),
    (plain_page, "scan.png", False),
])
def test_red_header_images(site, make, name, fires):
    folder = site.root / "content/pfyfz/2026"
    folder.mkdir(parents=True)
    make().save(folder / name)
    found = check_text(site, f"会议现场。\n\n![现场]({name})\n")
    assert [f.rule for f in found] == (["repost.red-header"] if fires else [])
    if fires:
        assert found[0].match == name and found[0].line == 12


def test_red_header_pdf_first_page(site):
    folder = site.root / "content/pfyfz/2026"
    folder.mkdir(parents=True)
    red_header_page().save(folder / "tongzhi.pdf")
    plain_page().save(folder / "fujian.pdf")
    found = check_text(site, "附件：[通知原文](tongzhi.pdf)、[报名表](fujian.pdf)\n")
    assert [(f.rule, f.match) for f in found] == [("repost.red-header", "tongzhi.pdf")]


def test_broken_image_is_reported_not_fatal(site):
    folder = site.root / "content/pfyfz/2026"
    folder.mkdir(parents=True)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    found = check_text(site, "![损坏的图片](broken.jpg)\n")
    assert [f.rule for f in found] == ["repost.red-header"] and "无法读取" in found[0].message


def test_body_source_line_needs_front_matter(site):
    found = check_text(site, "正文。\n\n来源：广东省司法厅\n")
    assert [(f.rule, f.match) for f in found] == [("repost.source", "广东省司法厅")]
    assert check_text(site, "正文。\n\n来源：湛江市司法局普法与依法治理科\n") == []
    ok = check_text(site, "正文。\n\n来源：广东省司法厅\n",
                    repost=REPOST.format(url="https://sft.gd.gov.cn/sfw/zwgk/content/post_1.html"))
    assert ok == []


@pytest.mark.parametrize("url, fires", [
    ("https://sft.gd.gov.cn/sfw/zwgk/content/post_1.html", False),
    ("https://www.moj.gov.cn/pub/sfbgw/zwgk/1.html", False),
    ("http://sft.gd.gov.cn/sfw/1.html", True),
    ("https://mp.weixin.qq.com/s/abc", True),
    ("https://sft.gd.gov.cn.evil.example/x", True),
])
def test_repost_url_must_be_https_on_a_trusted_domain(site, url, fires):
    found = check_text(site, "正文。\n", repost=REPOST.format(url=url))
    assert [f.rule for f in found] == (["repost.untrusted"] if fires else [])
