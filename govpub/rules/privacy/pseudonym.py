from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.privacy.person import OFFICE_AFTER, STAFF, PrivateNames
from govpub.rules.privacy.plate import MASKED, NAME, SURNAMES

# a name the article marks as made up: 小林（化名）, 阿芳（化名）, 刘美玲（化名）, 林某（化名）
PSEUDONYM = re.compile(rf"(?P<p>(?:小|阿|老)[\u4e00-\u9fff]|[{SURNAMES}](?:[{MASKED}]{{1,2}}|[\u4e00-\u9fff]{{1,2}}?))"
                       r"\s*[（(]\s*(?:均?为|系|是)?化名\s*[）)]")
# a full name of three characters where a clause opens (……。林晓燕握着律师的手说), or after a word that names a party
# (受害人林晓燕): a person the story speaks of
FULL_NAME = re.compile(rf"(?:^|(?<=[。！？；;，,：:\n“\"])|(?<=被害人|受害人|当事人|申请人|受援人)|(?<=女孩|男孩|女子|男子|学生|妻子|丈夫))"
                       rf"\s*(?P<n>{NAME})(?![{MASKED}])", re.MULTILINE)


@rule
class PseudonymRule(Rule):
    """文中说某人用的是化名，别处又写出了同一个人的真实姓名。

    ## 作用
    文章先写“小林（化名）”“阿芳（化名）”“刘某（化名）”，后文（或前文）又出现与化名同姓或同字的另一个
    三字全名（“林晓燕握着律师的手说”），多半是改稿时漏改的真名：化名保护不了当事人。
    全名须是叙述中的人（在句子或分句开头，或紧跟“被害人”“受害人”“当事人”一类称呼）；前面是职务或职业
    （“律师林志强”）、后面是职务（“林志强律师”），或是本局领导的，不提示。
    这是经验判断，只作提醒（warning），由审核人决定。

    ## 原因
    第五条（一）审核是否涉及个人隐私。性侵害、家庭暴力、未成年人案件的当事人，法律要求保护其隐私
    （《未成年人保护法》《反家庭暴力法》《妇女权益保障法》）；化名与真名同时出现，等于公开了真名。

    ## 示例
    `小林（化名）今年22岁……庭审结束后，林晓燕握着律师的手说：……`

    ## 修改方法
    把真名改为同一个化名（“小林”），或写成“林某”。
    """

    id = "privacy.pseudonym"
    title = "化名与真名同时出现"
    article = "第五条（一）"
    severity = "warning"

    @cached_property
    def _names(self) -> PrivateNames:
        return PrivateNames.load(self.policy)

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        if "化名" not in text:
            return
        pseudonyms = list(PSEUDONYM.finditer(text, doc.body_vstart))
        if not pseudonyms:
            return
        names = self._names
        reported: set[str] = set()
        for m in FULL_NAME.finditer(text, doc.body_vstart):
            full = m.group("n")
            if len(full) != 3 or full in reported or full in names.officials or full.startswith(names.not_names):
                continue
            if STAFF.search(text, max(0, m.start("n") - 8), m.start("n")) or OFFICE_AFTER.match(text, m.end("n")) \
                    or PSEUDONYM.match(text, m.start("n")):
                continue  # a lawyer, a mediator, an official; or a made-up name itself
            made_up = next((p.group("p") for p in pseudonyms if _same_person(p.group("p"), full)), None)
            if made_up is None:
                continue
            reported.add(full)
            yield doc.hit(self.id, view, m.start("n"), m.end("n"),
                          f"文中说“{made_up}”是化名，这里又写出了“{full}”：若是同一个人的真名，改为“{made_up}”或“{full[0]}某”")


def _same_person(made_up: str, full: str) -> bool:
    """The full name shares the made-up name's surname or its one character (小林 and 林晓燕, 阿芳 and 陈芳芳),
    and is not the made-up name itself."""
    if full == made_up:
        return False
    if made_up[0] in "小阿老" and len(made_up) == 2:
        return full[0] == made_up[1] or made_up[1] in full[1:]
    return full[0] == made_up[0] and not full.startswith(made_up)
