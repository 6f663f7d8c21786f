"""repost.*, tenth round (issue #14): bodies hosted by the bureau sign as the bureau; credits in captions, a
（原标题：……） note and an account's credit line; private channels as sources (repost.untrusted); and the repost
block checked against the body it describes (repost.mismatch, a warning)."""

from __future__ import annotations

import pytest
from helpers import check_text
from test_generalization import in_no_list

BLOCK = "\n  source_name: {name}\n  source_url: {url}\n  published: {day}"


def repost(findings) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        if f.rule.startswith("repost."):
            out.setdefault(f.rule, set()).add(str(getattr(f.severity, "value", f.severity)))
    return out


def block(name: str, url: str, day: str) -> str:
    return BLOCK.format(name=name, url=url, day=day)


def test_a_hosted_body_signs_as_the_bureau(site):
    body = "全市中小学生：\n\n请大家争做学法守法的好少年。\n\n湛江市普法办\n2026年12月1日\n"
    assert not repost(check_text(site, body))
    # another city's office of the same kind is another body
    other = "全市中小学生：\n\n请大家争做学法守法的好少年。\n\n茂名市普法办\n2026年12月1日\n"
    assert "repost.source" in repost(check_text(site, other))


@pytest.mark.parametrize("body", [
    "![漫画说法（图文来源：岭南法苑公众号，2026年10月3日）](mh.png)\n\n遗嘱要签名并注明日期。\n",
    "（原标题：多部门联合发布老年人防骗指南）\n\n指南列出了十种常见骗局。\n",
    "文/徐闻县人民法院　某某　　编辑/某某\n\n法官提醒：借钱要写借条。\n",
])
def test_credits_in_other_places_make_a_repost(site, body):
    assert "repost.source" in repost(check_text(site, body))


def test_a_county_bureaus_credit_line_is_its_own_news(site):
    assert not repost(check_text(site, "文/廉江市司法局　某某\n\n廉江市司法局近日开展送法下乡活动。\n"))


@pytest.mark.parametrize("body, channel", [
    ("下文摘自“湛江调解员之家”交流群，供参考。\n\n调解要耐心。\n", "交流群"),
    ("来源：某律师朋友圈\n\n离婚冷静期为三十日。\n", "朋友圈"),
])
def test_words_from_a_private_channel_are_untrusted(site, body, channel):
    in_no_list("湛江调解员之家", "某律师朋友圈")
    assert "repost.untrusted" in repost(check_text(site, body))


def test_a_warning_about_chat_groups_is_no_source(site):
    body = "反诈提醒：微信群里转发的“退税链接”多为诈骗，不要点击，不要转给别人。\n"
    assert not repost(check_text(site, body))


def test_a_source_name_that_names_no_publisher(site):
    found = repost(check_text(site, "冬季用电要注意安全。\n",
                              repost=block("网友分享", "https://www.gdzjdaily.com.cn/p/9.html", "2026-11-18")))
    assert found.get("repost.untrusted") == {"error"}


def test_the_lead_cannot_be_later_than_the_original(site):
    body = "11月19日，省律师协会召开理事会议，选举产生新一届会长。\n\n会议审议通过了工作报告。\n"
    found = repost(check_text(site, body, repost=block("广东省司法厅", "https://sft.gd.gov.cn/a.html", "2026-11-12")))
    assert found == {"repost.mismatch": {"warning"}}
    # a preview (将于), a deadline (截至) or the same day is no contradiction
    for lead in ("省律师协会将于11月19日召开理事会议。\n", "截至11月19日，全省共有律师事务所1200家。\n",
                 "11月12日，省律师协会召开理事会议。\n"):
        assert not repost(check_text(site, lead, repost=block("广东省司法厅", "https://sft.gd.gov.cn/a.html", "2026-11-12")))


def test_the_body_credits_another_publisher_or_day(site):
    in_no_list("岭南法治报")
    found = repost(check_text(site, "全省调解工作会议召开。\n\n（来源：岭南法治报，2026年11月12日）\n",
                              repost=block("广东省司法厅", "https://sft.gd.gov.cn/a.html", "2026-11-12")))
    assert found == {"repost.mismatch": {"warning"}}
    found = repost(check_text(site, "全省调解工作会议召开。\n\n（来源：广东省司法厅网站，2026年11月10日）\n",
                              repost=block("广东省司法厅", "https://sft.gd.gov.cn/a.html", "2026-11-12")))
    assert found == {"repost.mismatch": {"warning"}}


@pytest.mark.parametrize("body, name, url", [
    # one publisher named two ways, the portal that hosts a department's column, a wire carried by a paper's site
    ("司法部印发通知。\n\n（来源：司法部网站，2026年11月12日）\n", "中华人民共和国司法部", "https://www.moj.gov.cn/a.html"),
    ("市卫生健康局提醒防范登革热。\n\n（转载自湛江市人民政府门户网站）\n", "湛江市卫生健康局",
     "https://www.zhanjiang.gov.cn/zjswsjkj/a.html"),
    ("新华社北京11月12日电　律师法修订草案提请审议。（来源：新华社）\n", "人民网", "https://www.people.com.cn/a.html"),
    ("全省调解工作会议召开。（图片来源：南方日报）\n", "广东省司法厅", "https://sft.gd.gov.cn/a.html"),
])
def test_consistent_credits_are_quiet(site, body, name, url):
    assert not repost(check_text(site, body, repost=block(name, url, "2026-11-12")))
