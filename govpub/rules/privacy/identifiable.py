from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes
from govpub.rules.privacy.person import AGE
from govpub.rules.privacy.plate import MASKED, PLATE, SURNAMES
from govpub.rules.sentences import Sentences

# a masked name: 王某, 王某某, 王×, 陈XX; or a surname for the name: 李姓村民, 邝姓男子
MASKED_NAME = re.compile(rf"[{SURNAMES}](?:[{MASKED}]{{1,2}}|姓(?=村民|居民|男子|女子|老人|人家|一家|户主|青年|少年|妇女|市民))")
# facts that narrow the masked person down, none of them enough alone, any two of them together: a birth year
# (1986年生), a home town or street (太平镇人), the year something happened to them (2024年刑满释放, 2021年起享受低保),
# an employer named (在金海物流公司当司机), a town named beside them (在城月镇，……, 廉江市石城镇某中学), their age,
# their trade (开修理店)
QUASI = (
    re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?\s*出?生"),
    re.compile(r"[\u4e00-\u9fff]{2,6}?(?:镇|乡|街道)(?:[\u4e00-\u9fff]{2,4}村)?人(?![员民士口])"
               r"|户籍(?:地|所在地)?\s*(?:为|在|[:：])?\s*[\u4e00-\u9fff]{2,12}?(?:镇|乡|街道|村)"),
    re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:起|以来|开始|至今|被|因|刑满|出狱|释放|享受|患|确诊|离婚|入狱|解除"
               r"|入矫|解矫|判刑|获刑)"),
    # (an employer named: 在金海物流公司当司机; a masked one, 某物流公司, narrows nothing)
    re.compile(r"(?:在|于)(?:(?!某)[\u4e00-\u9fff]){2,12}?(?:公司|工厂|厂|超市|医院|酒店|饭店|餐馆|商场|工地)"
               r"(?:任|担任|当|做|工作|上班|务工|打工)"),
    re.compile(r"(?<![\u4e00-\u9fff])在[\u4e00-\u9fff]{2,4}(?:镇|乡|街道)[，,]|(?<=[，,。])[\u4e00-\u9fff]{2,4}(?:镇|乡|街道)(?=[\u4e00-\u9fff]{0,2}(?:某村|人))"
               # (any town of theirs: 在遂溪县城月镇新村开店, 廉江市石城镇某中学; not the town's offices)
               r"|(?:县|市|区|在)[\u4e00-\u9fff]{2,3}(?:镇|乡)(?!政府|人民|党委|人大|司法所|派出所|法庭|综治|政法|卫生院|中心|调解"
               r"|开展|召开|举办|举行|组织)"),
    # their age (34岁), with the other facts: in a town of a few thousand, a woman of 43 with a named employer is one person
    re.compile(r"(?<![0-9.])[0-9]{1,2}\s*周?岁"),
    # their trade or shop (开摩托车修理店, 在菜市场摆摊): a workplace as telling as an employer's name
    re.compile(r"开(?:了|着)?(?:一[间家个])?[\u4e00-\u9fff]{1,8}?(?:店|铺|档口|作坊|厂|诊所)|摆摊|开摩的|跑运输"),
)
_QUASI_MIN = 2
# a named place at the level of a community or a village (南亭社区, 东岸村, 金沙湾小区), not 某社区, 该村
# (its name of two or three characters opens after a town or a street, a bracket or a comma, 住 or 在)
PLACE = re.compile(r"(?:(?<=街道)|(?<=[镇乡区县市住在于的是系（(，,、：:\s])|^)(?P<p>[\u4e00-\u9fff]{2,3}?)"
                   r"(?:社区(?!矫正|戒毒|康复|服刑|服务|治理|工作|网格|医院|卫生)|居委会|村委会|小区|新村|村(?![民委干规务级集庄落镇组两]))",
                   re.MULTILINE)
# what stands before 社区 or 村 in a general word, not a place's name
GENERAL = re.compile(r"(?:某|该|本|各|全|每|其|所在|辖区|城乡|农村|城市|当地|居住|户籍|示范|法治|和谐|平安|文明|美丽|乡村|新农"
                     r"|进|入|驻|到|回|返|在|的|和|与|及|、|街道|镇|乡|区|县|市|省)$")

# other details that point at one person: a named school (赤坎区第九小学, 不写“某中学”), a nickname (绰号“黑仔”),
# a car's plate
_HAN = r"(?:(?![就读于在的到某该本其所各全一被因])[\u4e00-\u9fff])"
SCHOOL = re.compile(rf"(?:{_HAN}{{1,6}}?(?:区|县|市|镇|乡){_HAN}{{0,4}}?|{_HAN}{{0,6}}?第[一二三四五六七八九十\d]{{1,3}})(?:小学|中学|初级中学|高级中学|学校|幼儿园|技校|职校|中专|实验学校)"
                    r"(?:[一二三四五六初高][一二三年]?(?:年级|级)?[\d一二三四五六七八九十]*班?)?")
# (the school a minor's term names is no other detail: 第二小学 is both)
NICKNAME = re.compile(r"(?:绰号|外号|花名|诨号|小名|网名|人称)\s*(?:叫|为|是)?\s*[“\"「]?[\u4e00-\u9fffA-Za-z0-9]{1,8}[”\"」]?")
_GENERAL_SCHOOL = re.compile(r"^(?:某|该|本|各|全|其|所在|辖区|当地|一所|一家|中|小|各类|各级|大中|中小|在校|就读|全市|全区|全县)")


def _detail(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first detail in text[start:end] that points at one person: a named village or community, school,
    nickname or plate."""
    for p in PLACE.finditer(text, start, end):
        if _named(p):
            return p
    for s in SCHOOL.finditer(text, start, end):
        if not _GENERAL_SCHOOL.match(s.group()) and "某" not in s.group():
            return s
    return NICKNAME.search(text, start, end) or PLATE.search(text, start, end)


def _quasi(text: str, start: int, end: int) -> re.Match[str] | None:
    """Two or more kinds of QUASI facts in text[start:end]: the first of them, else None."""
    found = [m for m in (q.search(text, start, end) for q in QUASI) if m is not None]
    return min(found, key=lambda m: m.start()) if len(found) >= _QUASI_MIN else None


def _named(place: re.Match[str]) -> bool:
    """The place has a name of its own (南亭社区), not a general word before 社区 or 村 (所在社区)."""
    own = place.group("p")
    return len(own) >= 2 and not GENERAL.search(own) and "某" not in own


@rule
class IdentifiableRule(Rule):
    """已经去标识化的人，同一句又写明了所在的社区、村或学校等细节和敏感信息，仍然可以认出是谁。

    ## 作用
    同一句中有去标识化的姓名（王某、陈某某、李×），又有指向本人的细节：具体的社区、村或小区名称（“南亭社区”“东岸村”），
    学校名称和班级（“赤坎区第九小学五年级”），绰号（绰号“黑仔”）或车牌号，或者两种以上缩小范围的事实
    （出生年份“1986年生”、籍贯到镇或街道“太平镇人”、事情发生的年份“2024年刑满释放”、写出名称的工作单位“在金海物流公司当司机”、
    所在的镇（“在城月镇，”“廉江市石城镇某中学”）、年龄（“34岁”）、营生（“开摩托车修理店”）；“李姓村民”也算去标识化的姓名），
    还有 `checks/wordlists/personal.yml` 的 `categories` 所列的敏感信息（戒毒、社区矫正、犯罪记录、疾病、低保、
    案件中的未成年人……）时提示。
    在一个社区或村里，“姓王、戒过毒、得了某种病”足以让邻居认出本人。泛称（“某社区”“所在社区”“辖区各村”）不提示。
    这是经验判断，只作提醒（warning），由审核人决定。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。《个人信息保护法》第七十三条：
    匿名化是指个人信息经过处理无法识别特定自然人；姓氏加所在社区加病情或戒毒经历仍能识别本人。

    ## 示例
    `戒毒康复人员王某（南亭社区，曾被强制隔离戒毒两年）目前在社区康复。`

    ## 修改方法
    把社区、村或学校名写成“某社区”“某村”“某小学”，删去绰号、车牌，或删去敏感的细节（病情、戒毒经历、年份）。
    """

    id = "privacy.identifiable"
    title = "去标识化后仍可识别"
    article = "第五条（一）、第十二条"
    severity = "warning"

    @cached_property
    def _categories(self) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]]:
        """Each category: its name, terms, context, and (minors only) the terms that say minor by themselves."""
        data = self.policy.wordlist("personal", "personal").data
        return [(str(c["name"]), re.compile(c["terms"]), re.compile(c["context"]) if c.get("context") else None,
                 (re.compile(c["evident"]) if c.get("evident") else re.compile(r"(?!)")) if c.get("minor") else None)
                for c in data["categories"]]

    @cached_property
    def _gate(self) -> Regexes:
        return Regexes([terms for _, terms, _, _ in self._categories])

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        if not (any(c in text for c in MASKED) or "姓" in text) or not MASKED_NAME.search(text):
            return
        maybe = self._gate.candidates(text)
        if not maybe:
            return
        sentences = Sentences(text)
        seen: set[int] = set()
        for name in MASKED_NAME.finditer(text):
            start, end = sentences.at(name.start())
            if start in seen:
                continue
            seen.add(start)
            detail = _detail(text, start, end) or _quasi(text, start, end)
            if detail is None:
                continue
            found = self._sensitive(text, start, end, maybe, detail)
            if found is not None:
                category, term = found
                yield doc.hit(self.id, view, detail.start(), detail.end(),
                              f"“{name.group()}”已去标识化，但同一句写明了“{detail.group()}”和{category}（“{term}”），"
                              "仍可认出本人：把村、社区、学校、镇写成“某……”，删去绰号、车牌、年份等细节，或删去敏感的内容")

    def _sensitive(self, text: str, start: int, end: int, maybe: set[int],
                   detail: re.Match[str]) -> tuple[str, str] | None:
        """The first sensitive category in text[start:end] (a minor's with an age under 18 or a word that says minor,
        and the case context): its name and the term, not a term inside the detail (第二小学 names a school)."""
        for i, (category, terms, context, minor) in enumerate(self._categories):
            if i not in maybe or (context is not None and not context.search(text, start, end)):
                continue
            for term in terms.finditer(text, start, end):
                if detail.start() <= term.start() < detail.end():
                    continue
                if minor is not None and not minor.match(term.group()) and not any(
                        int(a.group(1)) < 18 for a in AGE.finditer(text, start, end)):
                    continue  # 学生 needs an age under 18; 未成年, 五年级 say it
                return category, term.group()
        return None
