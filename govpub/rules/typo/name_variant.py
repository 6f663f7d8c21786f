from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.typo._pinyin import common_word, near_homophones
from govpub.rules.typo._words import everyday_word
from govpub.rules.typo.leader import FUNCTION_CHARS, NAME_BEFORE, SURNAMES

# what follows a person's name in news: speech, acts and forms of address (陈思远指出, 陈思远一行)
_ACTS = ("指出", "强调", "要求", "表示", "介绍", "认为", "提出", "希望", "说", "称", "出席", "主持", "讲话", "一行",
         "同志", "带队", "率队", "带领", "宣读", "作了", "作出", "参加", "代表", "告诉", "回忆", "坦言", "感慨",
         "提醒", "建议", "解释", "透露", "坦承", "补充", "总结", "强调说", "分析",
         "先生", "女士", "律师", "法官", "老师", "主任", "局长", "书记", "所长", "科长", "对此", "在会上", "向记者")
# the last character of a title, a role or a body right before a name (局长陈思远, 调解员林国华, 市司法局陈思远)
_TITLE_END = "长记任员官席理授师局所处科委组"
_ANCHORS = tuple(_ACTS) + tuple(_TITLE_END)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


# titles a deputy holds as 副X (局长 / 副局长): the same person called both is a mistake
_TITLES = "局长|处长|科长|所长|主任|书记|院长|检察长|庭长|厅长|部长|市长|县长|区长|镇长|主席|秘书长|会长|队长"
# a party body's member or secretary among the titles before a name (局党组成员、副局长黄海涛; 局党组书记黄海涛)
_SURNAME_CLASS = "".join(sorted(SURNAMES))
# a party body's member or secretary, other titles, then a name (局党组成员、副局长黄海涛; 局党组书记黄海涛)
_PARTY_ROLE = re.compile(rf"(?P<body>党组|党委|党总支|党支部)(?P<role>成员|委员|副书记|书记)"
                         rf"(?:、[\u4e00-\u9fff]{{0,6}}?(?:{_TITLES}))*(?P<name>[{_SURNAME_CLASS}][\u4e00-\u9fff]{{2}})")
# a name with a title after it, as a person already introduced is addressed (陈建平书记强调)
_ADDRESSED = re.compile(rf"(?P<name>[{_SURNAME_CLASS}][\u4e00-\u9fff]{{2}})(?P<title>{_TITLES})(?!助理)")
# a surname and two characters, then a verb of speech or an act, or punctuation; the character class
# first lets the regex engine skip ahead to the surnames (a lookbehind first is tried at every character)
_NAME = re.compile(rf"(?P<name>[{_SURNAME_CLASS}][\u4e00-\u9fff]{{2}})(?:(?P<act>{'|'.join(_ACTS)})|(?=[，。、；：（(\n]))")


def _names(text: str) -> set[str]:
    """Three-character names where a name stands: after a title, or at a clause's start, before a verb of
    speech or an act (陈思远指出) or punctuation. A given name that is a word (建国, 标准) counts only after
    a title or before such a verb: 。高标准、 is no name."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        name, start = m.group("name"), m.start()
        before = text[start - 1:start]
        titled = before != "" and before in _TITLE_END
        if not titled and before and _CJK_CHAR.match(before):
            continue
        if any(c in FUNCTION_CHARS for c in name[1:]) or common_word(name) or everyday_word(name[:2]):
            continue
        if not (m.group("act") or titled) and everyday_word(name[1:]):
            continue
        out.add(name)
    return out


def _written(text: str, name: str) -> list[int]:
    """Where name is written where a name can begin (after punctuation, a title or a word that leads a
    name: 律师林佳欣, 由林佳欣) and does not run into a word (陈晓冬季: 冬季)."""
    out: list[int] = []
    at = text.find(name)
    while at >= 0:
        before = text[at - 1:at]
        after = text[at + 2:at + 4]
        if not (before and _CJK_CHAR.match(before) and before not in NAME_BEFORE and before not in _TITLE_END) \
                and not (len(after) == 2 and (everyday_word(after) or common_word(after))):
            out.append(at)
        at = text.find(name, at + 1)
    return out


def _variants(text: str, name: str) -> set[str]:
    """The three-character windows of text one sound-alike character off name (no function character, no
    three-character word)."""
    out: set[str] = set()
    for j in range(3):
        keep = [(k, name[k]) for k in range(3) if k != j]
        k0, c0 = keep[0]
        at = text.find(c0)
        while at >= 0:
            start = at - k0
            at = text.find(c0, at + 1)
            window = text[start:start + 3] if start >= 0 else ""
            if len(window) < 3 or window == name or any(window[k] != c for k, c in keep):
                continue
            wrote = window[j]
            if wrote in FUNCTION_CHARS or not _CJK_CHAR.match(wrote) or not near_homophones(wrote, name[j]) \
                    or common_word(window):
                continue
            out.add(window)
    return out


@rule
class NameVariantRule(Rule):
    """同一篇文章中同一个人的姓名前后写法不一。

    ## 作用
    不依赖登记表：收集文章中站在人名位置上的三字姓名（职务之后，或句首、标点之后，后接“指出”“强调”“要求”“表示”
    “一行”“同志”等或标点），文中另有一处可以是人名开头的位置（标点、职务或“由”“向”一类词之后）写着与它只差一个字、
    且这个字读音相同或相近（南方口音的平翘舌、前后鼻音）的三个字时，是同一个人的姓名写错了一处：
    “局长陈思远出席会议……陈思源要求”“律师林嘉欣……林佳欣指出”。提示出现次数少的写法（次数相同时提示后出现的）。
    读音不同的两个姓名（陈建国、陈建华）是两个人，不提示；两个字是常用词的不算姓名。

    同一个人在文中既称“局长”又称“副局长”（“副局长陈思远出席……局长陈思远强调”），或既称“党组成员”又称“党组书记”
    （“局党组成员、副局长黄海涛出席……局党组书记黄海涛要求”）也提示，核对职务。
    文中没有介绍过、只以“姓名＋职务”称呼的人（“陈建平书记强调”），与前文介绍过的担任这一职务的人（“政法委书记陈建华”）
    姓名只差一个字的，不论读音是否相同，也提示：是同一个人的姓名写错了一处。

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
        reported: set[str] = set()
        for name in sorted(names, key=text.find):
            if name in reported:
                continue
            here = _written(text, name)
            for other in sorted(_variants(text, name), key=text.find):
                there = _written(text, other)
                if not here or not there or other in reported:
                    continue
                # the form written less often is the mistake; as often: the one written later
                if (len(there), -there[0]) < (len(here), -here[0]):
                    wrong, right, where = other, name, there
                else:
                    wrong, right, where = name, other, here
                reported.add(wrong)
                for at in where:
                    yield doc.hit(self.id, view, at, at + 3,
                                  f"姓名“{wrong}”与文中的“{right}”只差一个同音字，应是同一个人：请核对后统一写法")
                if wrong == name:
                    break
        yield from self._titles(doc, names)
        yield from self._party_roles(doc)
        yield from self._addressed(doc)

    def _titles(self, doc: Document, names: set[str]) -> Iterable[Hit]:
        """One name with a title and the same title as a deputy (局长陈思远 … 副局长陈思远): one of them is wrong."""
        view = doc.simplified
        text = view.text
        if "副" not in text:
            return
        for name in names:
            titles: dict[str, list[int]] = {}
            for m in re.finditer(rf"(?P<title>副?(?:{_TITLES}))(?:、|，)?{re.escape(name)}", text):
                titles.setdefault(m.group("title"), []).append(m.start("title"))
            for title, where in titles.items():
                if title.startswith("副") and title[1:] in titles:
                    at, length = max((where[0], len(title)), (titles[title[1:]][0], len(title) - 1))  # the later
                    yield doc.hit(self.id, view, at, at + length + len(name),
                                  f"“{name}”在文中既称“{title[1:]}”又称“{title}”：请核对职务，全文统一")

    def _addressed(self, doc: Document) -> Iterable[Hit]:
        """A name with a title after it (陈建平书记强调) that the article never introduces, one character off the
        name of someone it introduced with that title (市委常委、政法委书记陈建华): the same person's name
        mistyped, whatever the character sounds like."""
        view = doc.simplified
        text = view.text
        for m in _ADDRESSED.finditer(text):
            name, title = m.group("name"), m.group("title")
            before = text[m.start() - 1:m.start()]
            if before and _CJK_CHAR.match(before) and before not in NAME_BEFORE:
                continue
            if any(c in FUNCTION_CHARS for c in name[1:]) or common_word(name):
                continue
            if len(_written(text, name)) > len(re.findall(re.escape(name + title), text)):
                continue  # written elsewhere too: introduced
            for intro in re.finditer(rf"{title}(?P<name>{name[0]}[\u4e00-\u9fff]{{2}})", text[:m.start()]):
                other = intro.group("name")
                if other == name or sum(a != b for a, b in zip(other, name, strict=True)) != 1:
                    continue
                if common_word(other) or any(c in FUNCTION_CHARS for c in other[1:]):
                    continue
                yield doc.hit(self.id, view, m.start(), m.start() + 3,
                              f"“{name}{title}”：前文的{title}是“{other}”，两个姓名只差一个字，应是同一个人：请核对后统一写法")
                break

    def _party_roles(self, doc: Document) -> Iterable[Hit]:
        """One name called a member of a party body (党组成员) and its secretary (党组书记) in the titles
        written right before it."""
        view = doc.simplified
        text = view.text
        if "党" not in text:
            return
        roles: dict[tuple[str, str], dict[str, int]] = {}  # (name, body) -> role -> where
        for m in _PARTY_ROLE.finditer(text):
            roles.setdefault((m.group("name"), m.group("body")), {}).setdefault(m.group("role"), m.start("body"))
        for (name, body), held in roles.items():
            member = next((r for r in ("成员", "委员") if r in held), None)
            if member is not None and "书记" in held:
                at = max(held[member], held["书记"])
                yield doc.hit(self.id, view, at, at + len(body) + 2,
                              f"“{name}”在文中既称“{body}{member}”又称“{body}书记”：请核对职务，全文统一")
