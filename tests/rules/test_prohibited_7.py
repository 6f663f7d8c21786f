"""Issue #14, prohibited.* seventh round: categories found in a development corpus written blind
(tests/corpus5) — lottery tips in 六合彩 slang, laundering offered as a service (承兑, 走账 + 几个点),
burglary tools sold by what they open and how fast, personal data sold by the piece, regional
contempt by where people come from (……来的租客), an outbreak stated as fact in a notice (暴发 +
death toll + closure), a named professional accused of crimes in a printed letter. Each a
combination, caught in wordings no list holds; the crackdown news, verdicts, warnings, travel
advice, histories and disciplinary notices of the same topics pass, and so does a court report
quoting the insult it judged."""

from __future__ import annotations

import pytest
from helpers import Site, check_text
from test_generalization import in_no_list, rules


def prohibited(site: Site, body: str) -> set[str]:
    return rules(check_text(site, body + "\n"), "prohibited")


@pytest.mark.parametrize("body, rule, unlisted", [
    ("本周生肖码已出：杀三肖，这期必中，跟上的朋友今晚见分晓。", "prohibited.obscene", "今晚见分晓"),
    ("跨境货款走不了正规渠道的，泰达币承兑帮你落地，每笔抽一个点。", "prohibited.obscene", "每笔抽"),
    ("摩托车锁五秒解锁的工具现货，包教包会，老铁私聊。", "prohibited.obscene", "摩托车锁"),
    ("手里有本市二手房购房者名单，含姓名电话，两毛一条。", "prohibited.obscene", "二手房购房者"),
    ("工地上那边来的小工十个里有九个偷懒，老板们千万别要。", "prohibited.ethnic", "工地上"),
    ("麻章区某村突然暴发怪病，二十多人死亡，外地亲友近期勿前往探亲。", "prohibited.rumour", "外地亲友"),
    ("读者来信：调解员黄志明私吞了双方的调解押金，一向坑外地人的钱。", "prohibited.insult", "调解押金"),
])
def test_seventh_round_categories_catch_unlisted_wordings(site, body, rule, unlisted):
    in_no_list(unlisted)
    assert prohibited(site, body) == {rule}


@pytest.mark.parametrize("body", [
    # the crackdown news, verdicts and warnings of the very same things
    "警方打掉一个在微信群发布“杀三肖”“这期必中”等六合彩推荐的赌博团伙，抓获犯罪嫌疑人5名。",
    "法院审理查明，被告人以泰达币承兑方式为他人走账，每笔抽取一个点，以掩饰、隐瞒犯罪所得罪被判刑。",
    "派出所提醒，网上兜售的“五秒解锁”工具多为盗窃工具，购买使用将被依法查处。",
    "检察官提醒，按条出售购房者名单涉嫌侵犯公民个人信息罪，群众发现可举报。",
    "用人单位不得以劳动者从哪里来为由拒绝录用，外地来的务工人员同样受法律保护。",
    # an official travel notice and a history lesson on an outbreak
    "外交部提醒中国公民，该国暴发霍乱疫情，死亡超过百人，近期暂勿前往。",
    "1894年香港鼠疫暴发，死亡超过两千人，港英当局封锁疫区。",
    "关于切实做好强台风防御期间安全生产工作的紧急通知",
    # a letter answered with its result; a court report quoting the insult it judged
    "经查，来信反映调解员黄某私吞调解押金的问题属实，司法局已解除其聘任并责令退还。",
    "经审理查明，被告在业主群中称原告是“人渣”，法院判决被告赔礼道歉。",
])
def test_seventh_round_reports_and_notices_pass(site, body):
    assert prohibited(site, body) == set()
