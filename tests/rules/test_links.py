"""links.*: every way of writing a link that a drafter might use to get an untrusted or
commercial address past the check, and the ordinary text that must pass (issue #14)."""

from __future__ import annotations

import pytest
from helpers import Site, check_text


def links(site: Site, body: str) -> set[str]:
    return {f.rule for f in check_text(site, body + "\n") if f.rule.startswith(("links.", "ads."))}


@pytest.mark.parametrize("body", [
    "报名地址：ｗｗｗ．ｚｊｌｓ１２３．ｃｏｍ",  # full-width letters and dots
    "详情见 zjfw。top",  # an ideographic full stop
    "更多内容请搜索 zjlvshi 点 net 获取。",  # 点 with spaces
    "预约请访问 yuyue（点）zjfw（点）cn",  # a bracketed 点
    "线上课程入口为 lawclass DOT top，登录后即可观看。",  # dot in capitals
    "案例汇编可在 anli[.]zjlawyer[.]com 在线查阅。",  # a bracketed dot
    "详细办理流程见 www . zjls-help . net 的说明页面。",  # spaces around the dots
    "报名入口 t点cn/A6xyZ12 长期有效。",  # a short link in disguise
    "群众可打开 #小程序://法律服务通/Kx8mQ2 在线预约律师。",  # a mini-program path
    "打开支付宝或点击 alipays://platformapi/startapp?appId=2021 办理。",  # an app address
    "[点击进入预约页面](weixin://dl/business/?t=a1B2c3)",  # an app address in a Markdown link
    "详见 hxxps://zjlaw-help.com/a",  # a rewritten scheme
    "网址 https//zjlvshi.com/a 可直接打开",  # the colon left out
    "详见 zjls·com",  # a middle dot
    "学习资料已放在网盘，提取码：k3p9。",  # a cloud-drive share code
])
def test_disguised_addresses(msite, body):
    assert links(msite, body) == {"links.disguised"}, body


@pytest.mark.parametrize("body, message", [
    ("系统升级期间，请临时访问 47.106.12.8:8080 提交申请材料。", "IP 地址"),
    ("视频回放：http://139.9.20.77/live", "IP 地址"),
    ("登录 192.168.001.010 内网系统", "不在可信来源名单中"),  # leading zeros: no valid IP, still no trusted name
    ("活动照片已上传至 pan.baidu.com/s/1aBcDeFg，需要的同事自行下载。", "网盘"),
    ("课件已上传阿里云盘 www.alipan.com/s/abcd1234", "网盘"),
    ("活动报名请登录 zjfazhi.live 填写。", "不在可信来源名单中"),
    ("详情见 http://湛江法律服务.com/news 的公告。", "不在可信来源名单中"),
])
def test_untrusted_addresses_without_a_scheme_or_a_name(msite, body, message):
    found = [f for f in check_text(msite, body + "\n") if f.rule.startswith("links.")]
    assert [f.rule for f in found] == ["links.untrusted"], body
    assert message in found[0].message


def test_new_shorteners(msite):
    assert links(msite, "问卷入口：https://b23.tv/Ab3dEf9") == {"links.shortener"}


@pytest.mark.parametrize("body", [
    "政策原文可在中国政府网（www．gov．cn）查阅。",  # a trusted domain, however written
    "广东省司法厅官网（sft.gd.gov.cn）已公布名单。",
    "新版系统V2.0于9.30上线，满意度达到99.5%。",
    "附件：1.湛江市法律援助申请表.docx 2.证明材料清单.pdf",
    "按照实施方案第3.2.1项的要求，各司法所于12月底前完成自查。",
    "本规定自2026.1.1起施行，讲座于下午三点开始。",
    "“3·15”国际消费者权益日当天，市场监管部门开展宣传。",
    "电子邮箱：zjsfj@zhanjiang.gov.cn。",
    "也可关注“湛江市公共法律服务”微信公众号，在菜单栏点击“在线咨询”。",
    "[发送邮件](mailto:zjsfj@zhanjiang.gov.cn)或[拨打电话](tel:0759-3338120)",
])
def test_ordinary_text_passes(msite, body):
    assert not links(msite, body), body


def test_the_finding_points_at_the_written_address(msite):
    body = "报名地址：ｗｗｗ．ｚｊｌｓ１２３．ｃｏｍ"
    found = next(f for f in check_text(msite, body + "\n") if f.rule == "links.disguised")
    assert found.match == "ｗｗｗ．ｚｊｌｓ１２３．ｃｏｍ" and "www.zjls123.com" in found.message
