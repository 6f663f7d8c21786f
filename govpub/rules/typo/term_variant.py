from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.typo._pinyin import main_homophones, main_reading, sound_key
from govpub.rules.typo._words import everyday_word

_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_LENGTH = 4
# numerals and ordinals: 一审/二审, 第一/第二 differ on purpose
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两几")


def _term(gram: str) -> bool:
    """A four-character term: two everyday words (民生 + 实事, 依法 + 治国)."""
    return everyday_word(gram[:2]) and everyday_word(gram[2:])


@lru_cache(maxsize=8192)
def _sound(ch: str) -> str:
    """A character's main reading with the southern confusions folded, or the character itself."""
    reading = main_reading(ch)
    return sound_key(reading) if reading else ch


def _cut(text: str, at: int, i: int) -> bool:
    """The window's first (i 0) or last character at text[at:] makes an everyday word with the one outside."""
    pair = text[at - 1:at + 1] if i == 0 else text[at + _LENGTH - 1:at + _LENGTH + 1]
    return len(pair) == 2 and everyday_word(pair)


@rule
class TermVariantRule(Rule):
    """同一篇文章中同一个词语前后写法不一，只差一个同音字。

    ## 作用
    不依赖词表：文章（含标题）中两处四个字的写法只差一个字、这个字读音相同（“法律服物”与两处“法律服务”，
    “社区娇正”与“社区矫正”），其中一种只出现一次时，是同一个词写错了一处：提示出现次数少的写法
    （两种各出现一次的，提示前一处并写出后一处，请核对哪一处写错；两种都由常用词组成、各出现一次的，
    如“终身难忘、终生难忘”“律师执业、律师职业”，可能都对，不提示）。数字不同的（“一审判决”“二审判决”）不提示。

    ## 原因
    第五条：严禁出现错字。标题和正文、前文和后文写法不一，是只改了一处或输入法选错了字，读者一眼就能看出。

    ## 示例
    `推进法律服务进园区……法律服务惠及职工3000余人，法律服物覆盖全部园区。`

    ## 修改方法
    核对后全文统一为正确的写法。
    """

    id = "typo.term-variant"
    title = "词语前后写法不一"
    article = "第五条"
    severity = "warning"
    cited_examples = True  # 把“依法治国”写成“以法治国”: the wrong form quoted by a lesson

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.simplified
        text = view.text
        where: dict[str, list[int]] = defaultdict(list)
        # windows that sound the same (each character's main reading, southern confusions folded): a window
        # one sound-alike character off another is in its group (performance: no pairwise comparison)
        groups: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for run in _RUN.finditer(text):
            sounds = [_sound(c) for c in run.group()]
            for k in range(len(sounds) - _LENGTH + 1):
                at = run.start() + k
                gram = text[at:at + _LENGTH]
                where[gram].append(at)
                groups[tuple(sounds[k:k + _LENGTH])].add(gram)
        reported: set[str] = set()
        for grams in groups.values():
            if len(grams) < 2:
                continue
            for a in grams:
                for b in grams:
                    if a >= b or a in reported or b in reported:
                        continue
                    diffs = [k for k in range(_LENGTH) if a[k] != b[k]]
                    if len(diffs) != 1:
                        continue
                    i = diffs[0]
                    x, y = a[i], b[i]
                    if x in _NUMERALS or y in _NUMERALS or not main_homophones(x, y):
                        continue
                    na, nb = len(where[a]), len(where[b])
                    if min(na, nb) > 1:
                        continue
                    # the form written less often is the mistake; as often: the first is shown, the other named
                    wrong, right = (a, b) if (na, where[a][0]) < (nb, where[b][0]) else (b, a)
                    if not _term(right) and (na != nb or not _term(wrong)):
                        continue  # windows across words (司法局将建 / 将坚持)
                    if na == nb and _term(wrong) and _term(right):
                        continue  # two words written once each: both may be right (终身难忘、终生难忘; 律师执业、律师职业)
                    if i in (0, _LENGTH - 1) and (not _term(wrong) and len(where[right]) < 2 or any(_cut(text, at, i) for g in (a, b)
                                                                          for at in where[g])):
                        continue  # at an edge the window may straddle words (要做为人民服务, 城北乡司法所)
                    reported.add(wrong)
                    at = where[wrong][0]
                    if na == nb:
                        yield doc.hit(self.id, view, at, at + _LENGTH,
                                      f"“{wrong}”与后文的“{right}”只差一个同音字，应是同一个词：请核对哪一处写错，统一写法")
                    else:
                        yield doc.hit(self.id, view, at, at + _LENGTH,
                                      f"“{wrong}”与文中{len(where[right])}处的“{right}”只差一个同音字：请核对后统一写法")
