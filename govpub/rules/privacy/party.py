from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.privacy.identifiable import PLACE, QUASI, _named
from govpub.rules.privacy.person import AGE, STAFF, PrivateNames
from govpub.rules.sentences import Sentences

# what makes the person a party to a case or a dispute the bureau handled
CASE = re.compile(r"纠纷|仲裁|诉讼|起诉|上诉|调解|案件|案中|申请执行|被执行|强制执行|欠薪|讨薪|拖欠|赔偿|维权|法律援助|受援|判决|裁决|离婚|继承")
# facts that point at the one person among those of the name: an age, a birth year, a home town, an employer
_FACTS = (AGE, QUASI[0], QUASI[1], QUASI[3])
# a family matter is private by itself: the parties' names need no other fact
FAMILY = re.compile(r"离婚|婚姻|家事|抚养权|抚养费|探望权|赡养|分家|遗产|继承|家暴|分居|婚外")


@rule
class PartyRule(Rule):
    """案件、纠纷当事人的全名，连同年龄、村名、籍贯或工作单位一起公开。

    ## 作用
    调解、仲裁、诉讼、法律援助等案件中称呼私人的全名（“村民陈建国”“申请人莫志强”，`checks/wordlists/personal.yml`
    的 `roles`），同一句又写明其年龄（“56岁”）、具体的村或社区（“东岸村”）、籍贯到镇（“太平镇人”）或写出名称的工作单位
    （“在金海物流公司当司机”）时，或案件本身是离婚、抚养、赡养、继承一类家事时提示：全名加这些事实，熟人一看就知道是谁，纠纷的细节也就公开了。
    病情、犯罪记录一类敏感信息由 privacy.person 报错；本局工作人员（“调解员陈丽华”）、去标识化的姓名（“陈某”）不提示。
    当事人同意公开的（如表彰、新闻发布会上本人出镜）由审核人决定，所以只作提醒（warning）。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。案件当事人的姓名、住址、工作单位属于个人信息，
    对外宣传的案例应当去标识化。

    ## 示例
    `东岸村村民陈建国（56岁）与邻居因宅基地边界发生纠纷，经调解达成协议。`

    ## 修改方法
    姓名写成“陈某”，或删去年龄、村名和工作单位。
    """

    id = "privacy.party"
    title = "案件当事人的全名和身份细节"
    article = "第五条（一）、第十二条"
    severity = "warning"

    @cached_property
    def _names(self) -> PrivateNames:
        return PrivateNames.load(self.policy)

    @cached_property
    def _sensitive(self) -> list[re.Pattern[str]]:
        """personal.yml's categories: a sentence holding one is privacy.person's (an error), not this warning's."""
        return [re.compile(c["terms"]) for c in self.policy.wordlist("personal", "personal").data["categories"]
                if not c.get("minor")]

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        if not CASE.search(text, doc.body_vstart):
            return
        sentences = Sentences(text)
        reported: set[str] = set()
        for m in self._names.find(text, doc.body_vstart, len(text)):
            full = m.group("n")
            if len(full) != 3 or full in reported or STAFF.search(text, max(0, m.start("n") - 8), m.start("n")):
                continue
            start, end = sentences.at(m.start("n"))
            if not CASE.search(text, start, end) or any(t.search(text, start, end) for t in self._sensitive) \
                    or any(int(a.group(1)) < 18 for a in AGE.finditer(text, start, end)):
                continue  # a sensitive fact, or a minor: privacy.person's error
            fact = next((f for f in (*(p.search(text, start, end) for p in _FACTS),
                                     next((p for p in PLACE.finditer(text, start, end) if _named(p)), None),
                                     FAMILY.search(text, start, end))
                         if f is not None), None)
            if fact is None:
                continue
            reported.add(full)
            yield doc.hit(self.id, view, m.start("n"), m.end("n"),
                          f"案件当事人的全名“{full}”和“{fact.group()}”写在一起，熟人能认出是谁：姓名写成“{full[0]}某”，"
                          "或删去年龄、村名、籍贯和工作单位")
