from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

NUM = r"[0-9一二三四五六七八九十百零〇]+"
# road or village + number + building / unit / floor / room, e.g. 人民大道南48号3栋2单元502房
ADDRESS = re.compile(
    rf"[\u4e00-\u9fff]{{1,16}}?(?:路|街|大道|巷|弄|里|胡同|村|社区|小区|花园|新村|大院)[东南西北中段]{{0,2}}{NUM}(?:之{NUM})?号"
    rf"[^\n。；;，,]{{0,16}}?{NUM}\s*(?:室|房|户)"
    rf"|[\u4e00-\u9fff]{{1,16}}?(?:小区|花园|新村|公寓|大厦|家园|苑|城|府)[^\n。；;，,]{{0,6}}?{NUM}\s*(?:栋|幢|座|号楼)"
    rf"[^\n。；;，,]{{0,10}}?{NUM}\s*(?:室|房|户)"
    # a village house: 雷州市某镇北和村3队28号 (rural addresses have no room number)
    rf"|[\u4e00-\u9fff]{{1,16}}?村(?:[0-9\u4e00-\u9fff]{{0,4}}?(?:队|组|巷|坊|街))?{NUM}号(?![楼院线])"
)
ROOM = re.compile(rf"{NUM}\s*(?:室|房|户)")
HOUSE = re.compile(rf"村[^\n。；;，,]{{0,6}}?{NUM}号")
# where a person lives: the address that follows is a home address
RESIDENT_WORD = re.compile(r"住址|住所|家住|居住(?!证)|现住|暂住|户籍|住(?![房宿院建])|[男女][，,、]|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:出)?生")


@rule
class AddressRule(Rule):
    """公开了个人的详细住址（到门牌号和房号）。

    ## 作用
    找出“住址”“家住”“现住”“户籍地”等之后（或在“男，1985年生，”这样的个人情况之后）写到门牌号、楼栋和房号的地址，
    以及写到门牌号的农村住址（“住某镇北和村3队28号”）
    （“家住霞山区人民大道南48号3栋502房”）。单位的办公地址（前面写“地址”“办公地点”）不提示。

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
        if not ROOM.search(text) and not HOUSE.search(text):
            return  # no room number anywhere: the common case, decided in one fast scan
        for m in ADDRESS.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - 16):m.start()]
            # the residence word may sit inside the lazily matched head: 住湛江市霞山区……
            head = before + text[m.start():m.end()]
            if not RESIDENT_WORD.search(head):
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"详细住址“{m.group()}”：公开个人信息时只写到县（市、区），请删去门牌号和房号")
