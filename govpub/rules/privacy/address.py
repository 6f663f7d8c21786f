from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at
from govpub.rules.privacy._table import row_at
from govpub.rules.privacy.plate import MASKED, NAME
from govpub.rules.sentences import sentence_at

NUM = r"(?:[0-9]+|[一二三四五六七八九十百零〇]+|[A-Za-z]{1,2}[0-9]{0,3})"
UNIT = r"(?:号楼|号院|栋|幢|座|楼|号|单元|门|层|室|房|户|巷|弄|组|队|坊|排)"
# A run of numbered address units after a place name: 48号3栋2单元502房, B座1503室, 3巷5号,
# 二组41号, 7幢2单元301 (a room number without 室 after a building or unit).
RUN = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?:{NUM}\s*(?:之\s*{NUM}\s*)?[-－]?\s*{UNIT}\s*)+"
    rf"(?:[-－]?[0-9]{{3,4}}(?![0-9A-Za-z号楼栋幢座层室房户元门]))?"
    # 幸福小区3-2-501: building, unit and room written with hyphens after the estate's name
    rf"|(?<=[小区花园家园公寓大厦新村苑城府庭湾阁轩居])[0-9]{{1,3}}[-－][0-9]{{1,2}}[-－][0-9]{{3,4}}(?![0-9])"
)
# Where a RUN match can start: a number, numeral or letter right after a Chinese character (performance
# only: RUN opens with a lookbehind, which makes the regex engine try it at every character)
RUN_START = re.compile(r"[0-9一二三四五六七八九十百零〇A-Za-z](?<=[\u4e00-\u9fff].)")
_ROOM_UNITS = ("室", "房", "户")
_BLOCK_UNITS = ("栋", "幢", "座", "号楼", "单元", "门", "层", "楼")
# the place word right before the house number: a road, lane or village (not a building: 3号楼)
_STREET_END = re.compile(r"(?:路|街|道|巷|弄|里|胡同|村|组|队|坊|社区|屯|寨|庄)[东南西北中段]{0,2}$")
# where a person lives: the address that follows is a home address. 住所地 is an organisation's
# registered seat (public registration data); 记住, 抓住 are not residence.
RESIDENT = re.compile(
    r"住址|住所(?!地)|家住|家中(?=[：:])|现居(?!民)|居于|定居|家在|家位于|(?:其|的)家(?=[，,\s]|位于|在)|家(?=[（(：:])|(?:其|的)住宅|居所|寓所|送达地址|居住(?!证|区|小区|环境|条件)|现住|暂住|户籍|(?<![记抓握挡保止守顶拦站忍靠入])住(?![房宿院建所宅])"
    r"|[男女][，,、]|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?出?生"
    # a person's own house: 将其位于……的房屋, 名下位于……, 房产位于……
    r"|其位于|名下(?:位于|的房屋|房产)|(?:房屋|房产|住房)(?:位于|坐落于|地址)"
)
# a natural person's 住所地 in an agreement or a judgment: 甲方林秋菊，住所地：…… (a person's name has two
# or three characters; an organisation's is longer and its seat is public)
PERSON_SEAT = re.compile(r"(?:甲方|乙方|丙方|申请人|被申请人|当事人|原告|被告|第三人|上诉人|被上诉人|委托人)\s*[:：]?\s*"
                         r"[\u4e00-\u9fff]{2,3}\s*[，,、]\s*(?:[男女][，,、]\s*)?住所地")
_NEAR = 40  # the residence word is at most this far before the address
# or the address is named as a home right after it: ……1503的家中, ……号住处
HOME_AFTER = re.compile(r"\s*的?(?:家中|家里|住处|住所|住宅|寓所|居所|出租屋|家(?=[，,。；;、\s]|$))")


@rule
class AddressRule(Rule):
    """公开了个人的详细住址（到门牌号或房号）。

    ## 作用
    找出写到房号或门牌号的个人住址，不论地址怎样组织：一串带编号的地址单位（号、栋、幢、座、号楼、
    单元、门、层、室、房、户、巷、组、队……，编号可以是数字、汉字数字或字母，如“B座1503室”“7幢2单元301”）
    写到房号，或在路、街、巷、村、组之后写到门牌号（“文化路3巷5号”“某村委会二组41号”），
    且同一句中前面有“住”“住址”“家住”“现居住于”“户籍地”或“男，1985年生，”这样的个人情况，
    或地址后面紧跟“的家中”“住处”（“来到梁某位于……1503的家中”），或地址写在表格“住址”“家庭住址”一栏时提示。
    协议或文书中自然人的“住所地”（“甲方林秋菊，住所地：……”）也是住址。
    单位的办公地址（前面写“地址”“位于”“设在”）、单位的“住所地”和律师事务所等机构的“住所”不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。行政处罚决定书、
    判决书公开时须删去自然人的家庭住址（《最高人民法院关于人民法院在互联网公布裁判文书的规定》）。

    ## 示例
    `当事人王某，住湛江市霞山区人民大道南48号3栋502房。`

    ## 修改方法
    只写到县（市、区），如“住湛江市霞山区”。
    """

    id = "privacy.address"
    title = "详细住址"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        for m in finditer_at(RUN, RUN_START, text):
            run = m.group()
            room = any(u in run for u in _ROOM_UNITS) or bool(re.fullmatch(r"[0-9]+[-－][0-9]+[-－][0-9]+", run)) or (
                bool(re.search(r"[0-9]{3,4}$", run)) and any(u in run for u in _BLOCK_UNITS))
            house = "号" in run.replace("号楼", "").replace("号院", "") and (
                bool(_STREET_END.search(text, max(0, m.start() - 4), m.start()))
                or bool(re.match(rf"{NUM}\s*(?:巷|弄|组|队|坊|排)", run)))
            if not (room or house):
                continue
            s_start, _ = sentence_at(text, m.start())
            head = text[max(s_start, m.start() - _NEAR):m.start()]
            if not (RESIDENT.search(head) and not ORG_SEAT.search(text, s_start, m.start())
                    and not (SEAT_LABEL.search(head) and ORG_RECORD.search(text, max(0, m.start() - _RECORD), m.end() + _RECORD))
                    or PERSON_SEAT.search(head)
                    or NAME_BRACKET.search(head)
                    or HOME_AFTER.match(text, m.end()) or _home_column(text, m.start())):
                continue
            start = _address_start(text, m.start(), s_start)
            yield doc.hit(self.id, view, start, m.end(),
                          f"详细住址“{text[start:m.end()].strip()}”：公开个人信息时只写到县（市、区），请删去门牌号和房号")


# a person's full name with the address in brackets right after it: 独居老人陈秀兰（霞山区……402房）
NAME_BRACKET = re.compile(rf"{NAME}(?![{MASKED}])[（(][^（()）\n]{{0,30}}$")
# a table column of home addresses: | 姓名 | 住址 |, 家庭住址, 现居住地, 户籍地址 (an organisation's 地址 is not)
# (住所 heads the seat of a law firm in a directory: not a home)
HOME_HEADER = re.compile(r"住址|家庭地址|居住地|现住|户籍|家住")
# an organisation's seat: 湛江某某律师事务所，住所：……
# an organisation's registration record written field by field, one a line (名称：……律师事务所 / 组织形式：普通合伙 /
# 住所：…… / 统一社会信用代码：……): its 住所 is the organisation's seat
SEAT_LABEL = re.compile(r"住所\s*[:：]")
ORG_RECORD = re.compile(r"(?:名称|机构名称|单位名称)\s*[:：][^\n]{0,30}?(?:事务所|公司|中心|协会|公证处|鉴定所|鉴定中心|服务所|合作社|商会|机构)"
                        r"|组织形式\s*[:：]|统一社会信用代码\s*[:：]|执业许可证")
_RECORD = 200  # characters either side of the address where the record's other fields stand
ORG_SEAT = re.compile(r"(?:事务所|公司|中心|协会|公证处|鉴定所|服务所|学校|医院|委员会|合作社|商会|机构)[^，。；\n]{0,2}[，,]?\s*住所"
                      # or an organisation's registration record listed in one sentence: 某律师事务所：组织形式为
                      # 普通合伙，负责人陈某某，住所为…… (the person named is its head, the seat is the firm's)
                      r"|(?:事务所|分所|公司|中心|协会|公证处|鉴定所|鉴定中心|服务所|合作社|商会|机构)[^。；\n]{0,60}?"
                      r"(?:负责人|法定代表人|组织形式|统一社会信用代码)[^。；\n]{0,30}?住所")


def _home_column(text: str, pos: int) -> bool:
    """pos is in a table cell under a home-address header."""
    for cell in row_at(text, pos):
        if cell.start <= pos <= cell.start + len(cell.text):
            return bool(HOME_HEADER.search(cell.header))
    return False


def _address_start(text: str, run_start: int, floor: int) -> int:
    """Where the written address begins: the Chinese characters right before the numbers,
    back to a residence word or a punctuation mark."""
    i = run_start
    while i > floor and i > run_start - 24 and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    words = list(RESIDENT.finditer(text, i, run_start))
    return words[-1].end() if words else i
