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
    ("http://sft.gd.gov.cn/sfw/1.html", False),  # many official sites still serve http
    ("ftp://sft.gd.gov.cn/sfw/1.html", True),
    ("sft.gd.gov.cn/sfw/1.html", True),
    ("https://mp.weixin.qq.com/s/abc", True),
    ("https://sft.gd.gov.cn.evil.example/x", True),
])
def test_repost_url_must_be_a_web_address_on_a_trusted_domain(site, url, fires):
    found = check_text(site, "正文。\n", repost=REPOST.format(url=url))
    assert [f.rule for f in found] == (["repost.untrusted"] if fires else [])


# -- issue #14: reposts and red-header documents in any wording ------------------------------
@pytest.mark.parametrize("body", [
    # a version head written with spaces, a letter-form head (organisation above its number)
    "广 东 省 司 法 厅 文 件\n\n粤司〔2026〕88号\n\n关于做好安全稳定工作的通知\n",
    "湛江市人民政府办公室\n\n湛府办函〔2026〕45号\n\n关于某事项的函\n",
    # number and signer on one line, a distribution list and a publication note
    "湛司发〔2026〕8号　　　　签发人：王某\n\n关于追加经费的请示\n",
    "关于开展案卷评查的通知\n\n主送：各县（市、区）司法局\n\n抄报：司法部办公厅。\n",
    "粤司办〔2026〕77号\n\n请按要求开展评查。\n\n（此件主动公开）\n",
])
def test_red_header_text_in_any_layout(site, body):
    assert {f.rule for f in check_text(site, body) if f.rule.startswith("repost.")} == {"repost.document-text"}


@pytest.mark.parametrize("body", [
    "根据《关于做好安全工作的通知》（湛司发〔2026〕8号）要求，局机关开展检查，抄送市委政法委。\n",
    "各县（市、区）司法局：\n\n现将有关事项通知如下。\n\n（此件主动公开）\n",  # a salutation and a note only
    "会议时间：2026年12月1日　　会议地点：市司法局\n\n参会人员：各科室负责人\n",
])
def test_citations_and_ordinary_notices_pass(site, body):
    assert not [f for f in check_text(site, body) if f.rule.startswith("repost.")]


def test_own_document_under_its_own_number_passes(site):
    body = "湛司发〔2026〕8号\n\n关于做好冬季安全工作的通知\n\n抄送：市委政法委。\n"
    assert not [f for f in check_text(site, body, doc_number="湛司发〔2026〕8号") if f.rule.startswith("repost.")]
    assert [f.rule for f in check_text(site, body) if f.rule.startswith("repost.")] == ["repost.document-text"]


@pytest.mark.parametrize("body", [
    "新华社北京12月3日电 全国法院系统召开工作会议。\n",  # a news agency's dateline
    "本报讯（记者 陈某）12月1日，全市法律援助工作会议召开。\n",
    "据“湛江发布”微信公众号消息，我市新增3个公共法律服务工作站。\n",
    "本文转自“中国普法”微信公众号。\n",
    "综合新华社、人民日报报道，修订后的法律援助法通过。\n",
    "作者：陈某　来源：湛江日报\n",
    "来源丨南方日报\n",
])
def test_source_named_only_in_the_body(site, body):
    assert [f.rule for f in check_text(site, body) if f.rule.startswith("repost.")] == ["repost.source"]


@pytest.mark.parametrize("body", [
    "记者从市司法局获悉，全市已建成公共法律服务工作室1600余个。\n",
    "据统计，今年以来全市共办理法律援助案件3200件。据当事人介绍，纠纷起因于宅基地界线不清。\n",
    "项目资金来源于上级转移支付，来自市财政局的补助资金已到位。\n",
    "（湛江市司法局供稿）\n",
])
def test_own_reporting_is_not_a_repost(site, body):
    assert not [f for f in check_text(site, body) if f.rule.startswith("repost.")]


@pytest.mark.parametrize("fields, fires", [
    ({"repost": "新华网"}, "repost.source"),  # a repost marked in one word, no time
    ({"source": "新华网"}, "repost.source"),  # marked outside the repost block
    ({"repost": "\n  source_name: 新华网\n  published: 2026-11-18"}, "repost.source"),  # no link
    ({"repost": "\n  source_name: 新华网\n  source_url: https://www.news.cn/a.html\n  published: 2026-12-30"},
     "repost.date-order"),
    ({"repost": "\n  source_name: 新华网\n  source_url: https://www.news.cn/a.html\n  published: 2026-11-18"}, None),
])
def test_repost_metadata_names_source_link_and_an_earlier_time(site, fields, fires):
    """The article's own date is 2026-11-20: the original cannot be published after it — one of
    the two dates is wrong, and the source is named, so a warning (repost.date-order) asks which."""
    found = [f for f in check_text(site, "全国会议召开。\n", **fields) if f.rule.startswith("repost.")]
    assert [f.rule for f in found] == ([fires] if fires else [])
    assert all(f.severity == ("warning" if f.rule == "repost.date-order" else "error") for f in found)


def test_a_title_ending_in_tongbao_is_not_a_version_head(site):
    """关于……的通报 is a title (in the front matter or as a heading), not 某某机关文件/简报."""
    body = "## 湛江市司法局关于2026年法治督察情况的通报\n\n正文。\n\n抄送：市委政法委。\n"
    found = check_text(site, body, title="关于2026年法治督察情况的通报")
    assert not [f for f in found if f.rule.startswith("repost.")]
    head = "湛江市司法局简报\n\n正文。\n\n抄送：市委政法委。\n"
    assert [f.rule for f in check_text(site, head) if f.rule.startswith("repost.")] == ["repost.document-text"]
