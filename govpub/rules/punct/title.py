from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher

# A full law name cited by article without its marks (中华人民共和国律师法第三十条): found by
# structure, so a law missing from the list is caught when it is cited with an article number.
_CITED = re.compile(r"中华人民共和国[\u4e00-\u9fff]{1,16}?(?:法典|法|条例)(?=第[一二三四五六七八九十百零〇\d]+条)")


_TAIL = re.compile(r"实施条例|实施细则|实施办法|若干规定")
# allegiance wordings written as in the statutes and oaths, without marks (拥护中华人民共和国宪法)
ALLEGIANCE = ("拥护", "忠于", "遵守", "维护", "捍卫", "效忠")


def _not_a_citation(text: str, start: int) -> bool:
    """True inside 《》 or 〈〉, inside a quotation “…” (statute text quoted as written: statutes
    name laws without marks), or after an allegiance verb (拥护中华人民共和国宪法, the wording
    of the oath and of the statutes' conditions)."""
    head = text[max(text.rfind("\n\n", 0, start), 0):start]
    if max(head.rfind("《"), head.rfind("〈")) > max(head.rfind("》"), head.rfind("〉")):
        return True
    return head.rfind("“") > head.rfind("”") or head.endswith(ALLEGIANCE)


@rule
class TitleRule(Rule):
    """法律法规的全称没有加书名号。

    ## 作用
    找出不在书名号内的法律全称：`checks/wordlists/phrases.yml` 的 `laws` 登记的法律
    （“中华人民共和国法律援助法”“中华人民共和国民法典”等），以及任何“中华人民共和国……法（条例）”
    后面紧接“第……条”的引用（未登记的法律按结构发现）。简称（“法律援助法实施以来”）不提示；
    引号内照录的法律条文和誓词、资格条件中的“拥护中华人民共和国宪法”（法律条文本身不加书名号）不提示；
    代码和原样输出的 HTML 不检查。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.15 规定书名、法律法规名称用书名号；
    引用法律不加书名号是公文校对中最常见的标点差错之一。

    ## 示例
    `根据中华人民共和国法律援助法第三十一条的规定`。

    ## 修改方法
    给法律名称加上书名号：`根据《中华人民共和国法律援助法》第三十一条的规定`。
    """

    id = "punct.title"
    title = "法律名称的书名号"
    article = "第五条（四）"

    @cached_property
    def _laws(self) -> Matcher:
        laws = self.policy.wordlist("phrases", "phrases").data.get("laws") or []
        return Matcher(sorted(laws, key=len, reverse=True))

    @staticmethod
    def _tail(text: str, end: int) -> int:
        """Length of an implementing regulation's ending after a law's name (……法实施条例)."""
        m = _TAIL.match(text, end)
        return m.end() - end if m else 0

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        if "中华人民共和国" not in text:
            return
        spans = [(m.start, m.end + self._tail(text, m.end)) for m in self._laws.find(text)]
        spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
        spans += [(m.start(), m.end()) for m in _CITED.finditer(text)
                  if not any(s < m.end() and m.start() < e for s, e in spans)]
        for start, end in sorted(set(spans)):
            if _not_a_citation(text, start):
                continue
            name = text[start:end]
            yield doc.hit(self.id, view, start, end, f"法律名称“{name}”没有加书名号：应为“《{name}》”")
