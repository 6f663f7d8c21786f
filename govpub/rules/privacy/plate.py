from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.privacy._table import row_at
from govpub.rules.sentences import line_at, sentence_at

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
# (a space or a dot may also stand inside the serial: 粤G·5K 3H8, 粤G 12 345)
PLATE = re.compile(rf"[{PROVINCES}][ \t]?[A-HJ-NP-Z][\s·•.\-]?[A-HJ-NP-Z0-9](?:[ ·•]?[A-HJ-NP-Z0-9]){{4,5}}(?![A-Za-z0-9*＊×])"
                   r"|粤Z[\s·•.\-]?[A-HJ-NP-Z0-9]{4}[港澳]",  # a Hong Kong or Macao plate of Guangdong
                   re.IGNORECASE)  # 粤g12345 typed in lower case
# the commonest surnames (about 90% of the population) and those common in western Guangdong;
# a name is a surname and one or two more characters
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任卢"
            "姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"
            # common in Guangdong (Zhanjiang): 冼, 麦, 庞, 揭, 植...
            "冼麦庞揭植伍柯詹骆戚卓温符甘关"
            # and in Guangdong and Guangxi: 蒙, 邝, 岑, 阮...
            "蒙凌颜邝岑阮洪翁聂殷")
MASKED = "某×ХX*＊○〇"
# a surname with a form of address is no full name: 何女士, 陈先生, 李阿姨, 王律师
_NOT_GIVEN_NAME = (r"(?!女士|先生|小姐|老师|师傅|阿姨|大爷|大妈|大姐|大哥|大叔|警官|律师|法官|医生|同志|局长|所长|主任|书记|科长"
                   r"|老人|奶奶|爷爷|阿婆|伯伯|老伯|女儿|儿子|家人|某)")
# (白色, 黄色 are colours, not names; 凌晨, 洪水 are words that start with a surname added for Guangdong)
NAME = (rf"(?!凌晨|凌乱|蒙受|蒙骗|洪水|洪涝|洪峰|颜色|颜面|殷切|殷实|翁婿)"
        rf"[{SURNAMES}]{_NOT_GIVEN_NAME}(?:(?![{MASKED}的名驾车所在于和与等色])[\u4e00-\u9fff]){{1,2}}"
        # (a place or a body ends in 州, 市, 县, 镇……: 高州, 江门市 are no names)
        rf"(?<![州市县区镇乡村局院厅])")
# a full name tied to the vehicle: 车主李明华, 驾驶人：张伟, 李明华驾驶, 张伟名下的
# (a person's role word before the name: 市民邓海峰将其……, 违法行为人：张伟)
OWNER = re.compile(
    rf"(?:车主|驾驶人|驾驶员|司机|车辆所有人|所有人|当事人|市民|村民|居民|男子|女子|违法行为人|行为人"
    rf"|违法嫌疑人|犯罪嫌疑人|嫌疑人|被告人|被执行人|被申请人|申请人|受害人|被害人)\s*(?:[:：]|为|是|系)?\s*"
    # (the owner's village and role may stand between: 车主为乌石镇那毛村村民陈国栋)
    rf"(?:[\u4e00-\u9fff]{{2,14}}?(?:村民|居民|市民|男子|女子|司机))?(?P<a>{NAME})(?![{MASKED}])"
    rf"|(?P<b>{NAME})(?![{MASKED}])\s*(?:驾驶|驾车|名下|所有的|所有(?=[，,。；;\s]|$)|的车|的小车|的轿车|的货车|将其|把其|将自己的)"
)

# a name right before the plate: 张伟的粤G12345, 李明华名下车牌号为粤G12345, 黄志伟的白色粤G7K2M9
NAMED_PLATE = re.compile(
    rf"(?P<c>{NAME})(?![{MASKED}])\s*(?:的|名下的?|所有的|驾驶的)?\s*(?:[一那这][辆台部]\s*)?(?:[\u4e00-\u9fff]{{1,2}}色\s*)?"
    rf"(?:车辆|小车|轿车|汽车|车)?\s*"
    rf"(?:车牌号码|车牌号|号牌号码|车牌|号牌)?\s*(?:为|是|[:：])?\s*[（(]?\s*$"
)

_NEXT = 120  # characters after the plate's sentence where its owner may be named

# a table column that holds the person: | 车牌号 | 车主 | 违法行为 |
OWNER_HEADER = re.compile(r"车主|姓名|驾驶人|驾驶员|当事人|所有人|名字|违法行为人")
_NAME_CELL = re.compile(rf"{NAME}")


def _table_owner(text: str, line_start: int) -> str | None:
    """The full name in the owner column of the table row starting at line_start, if any
    (privacy._table reads the row with its headers)."""
    for cell in row_at(text, line_start):  # a short row has fewer cells
        if OWNER_HEADER.search(cell.header) and _NAME_CELL.fullmatch(cell.text) and not any(c in cell.text for c in MASKED):
            return cell.text
    return None


@rule
class PlateRule(Rule):
    """车牌号码与车主的姓名一起公开。

    ## 作用
    同一句（或同一段紧接着的下一句：“……粤G5K37Q的小货车……。经查，小货车车主为某村村民陈国栋”）中
    既有完整的车牌号（粤G12345、新能源车牌粤GD12345），又有车主或驾驶人的全名（“车主李明华”
    “张伟驾驶”“市民邓海峰将其……”“登记在陈志强名下”），或表格的同一行中车主、姓名一栏是全名时提示：两者合在一起就能识别到具体的人和车。姓名已隐去（“李某”）或车牌已打码
    （粤G1**45）的不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。

    ## 示例
    `车主李明华驾驶粤G12345小型轿车闯红灯。`

    ## 修改方法
    姓名写成“李某”，或车牌号隐去中间几位（粤G1**45）。
    """

    id = "privacy.plate"
    title = "车牌号与姓名"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        for m in PLATE.finditer(text):
            start, end = sentence_at(text, m.start(), m.end())
            sentence = text[start:end]
            owner = OWNER.search(sentence) or NAMED_PLATE.search(text, max(start, m.start() - 12), m.start())
            if owner is None:  # the car's owner named in the next sentence of the paragraph (经查，该车车主为……)
                para_end = text.find("\n\n", end)
                owner = OWNER.search(text, end, min(end + _NEXT, para_end if para_end >= 0 else len(text)))
            if owner is not None:
                name = owner.group("a") or owner.group("b") if owner.re is OWNER else owner.group("c")
            else:
                name = _table_owner(text, line_at(text, m.start())[0])
            if not name:
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"车牌号“{m.group()}”和姓名“{name}”同时公开：姓名写成“{name[0]}某”，或隐去车牌号中间几位")
