from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.typo._pinyin import common_word, near_homophones
from govpub.rules.typo._words import everyday_word
from govpub.rules.typo.leader import FUNCTION_CHARS, SURNAMES

# what follows a person's name in news: speech, acts and forms of address (陈思远指出, 陈思远一行)
_ACTS = ("指出", "强调", "要求", "表示", "介绍", "认为", "提出", "希望", "说", "称", "出席", "主持", "讲话", "一行",
         "同志", "带队", "率队", "带领", "宣读", "作了", "作出", "参加", "代表", "告诉", "回忆", "坦言", "感慨",
         "先生", "女士", "律师", "法官", "老师", "主任", "局长", "书记", "所长", "科长", "对此", "在会上", "向记者")
# the last character of a title, a role or a body right before a name (局长陈思远, 调解员林国华, 市司法局陈思远)
_TITLE_END = "长记任员官席理授师局所处科委组"
_SURNAME_CLASS = "".join(sorted(SURNAMES))
_NEXT = "|".join(_ACTS)
_NAME = re.compile(rf"(?<![\u4e00-\u9fff])(?P<name>[{_SURNAME_CLASS}][\u4e00-\u9fff]{{2}})(?={_NEXT}|[，。、；：（(\n])")
_AFTER_TITLE = re.compile(rf"(?<=[{_TITLE_END}])(?P<name>[{_SURNAME_CLASS}][\u4e00-\u9fff]{{2}})(?={_NEXT}|[，。、；：（(\n])")
_ANCHORS = tuple(_ACTS) + tuple(_TITLE_END)


def _names(text: str) -> dict[str, list[int]]:
    """Three-character names where a name stands (after a title or at a clause's start, before a verb
    of speech or an act, or punctuation), with where each is written."""
    out: dict[str, list[int]] = {}
    for pattern in (_NAME, _AFTER_TITLE):
        for m in pattern.finditer(text):
            name = m.group("name")
            if any(c in FUNCTION_CHARS for c in name[1:]) or common_word(name) or everyday_word(name[1:]) \
                    or everyday_word(name[:2]):
                continue
            where = out.setdefault(name, [])
            if m.start() not in where:
                where.append(m.start())
    return out


@rule
class NameVariantRule(Rule):
    """同一篇文章中同一个人的姓名前后写法不一。

    ## 作用
    不依赖登记表：收集文章中站在人名位置上的三字姓名（职务之后，或句首、标点之后，后接“指出”“强调”“要求”“表示”
    “一行”“同志”等或标点），两个姓名只差一个字、且这个字读音相同或相近（南方口音的平翘舌、前后鼻音）时，
    是同一个人的姓名写错了一处：“局长陈思远出席会议……陈思源要求”。提示出现次数少的写法（次数相同时提示后出现的）。
    读音不同的两个姓名（陈建国、陈建华）是两个人，不提示；两个字是常用词的不算姓名。

    ## 原因
    第五条：严禁出现错字，特别是领导姓名错误。登记表只收本局领导，讲话人、受表彰的人、当事人的姓名前后不一，
    同样是读者一眼就能看出的错误。

    ## 示例
    `局长陈思远出席会议并讲话。……陈思源要求，各单位要对照年度目标任务查漏补缺。`

    ## 修改方法
    核对此人的姓名，全文统一为正确写法。
    """

    id = "typo.name-variant"
    title = "姓名前后不一"
    article = "第五条"
    severity = "warning"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        if not any(a in text for a in _ANCHORS):
            return
        names = _names(text)
        if len(names) < 2:
            return
        reported: set[str] = set()
        listed = sorted(names, key=lambda n: (-len(names[n]), names[n][0]))  # the most written form first
        for i, right in enumerate(listed):
            for wrong in listed[i + 1:]:
                if wrong in reported or right in reported:
                    continue
                diffs = [k for k in range(3) if wrong[k] != right[k]]
                if len(diffs) != 1 or not near_homophones(wrong[diffs[0]], right[diffs[0]]):
                    continue
                reported.add(wrong)
                for at in names[wrong]:
                    yield doc.hit(self.id, view, at, at + 3,
                                  f"姓名“{wrong}”与文中的“{right}”只差一个同音字，应是同一个人：请核对后统一写法")
