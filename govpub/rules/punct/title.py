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
# A regulation's or a document's title put in quotation marks instead of 《》 (“重大行政决策程序暂行条例”):
# what it ends with says it is a title; a law (…法) only when registered or named in full, a notice or
# an opinion only as a 关于… title. Not a so-called document (所谓的“…通知”) nor a marking (注明“…”字样).
_QUOTED_TITLE = re.compile(r"“((?:中华人民共和国|[\u4e00-\u9fff]{0,12}关于)?[\u4e00-\u9fff（）]{2,30}?"
                           r"(?:条例|细则|办法|规定|规则|纲要|法典|法|通知|意见|决定|方案))”")
_REGULATION_ENDS = ("条例", "细则", "办法", "规定", "规则", "纲要")
_NOT_A_TITLE = re.compile(r"项|个|[一二三四五六七八九十两]规|[一二三四五六七八九十两]纲")  # 八项规定, 一规划两纲要
_SPEECH = re.compile(r"[的是了这那我你他她们吗呢吧要就都也]")
_SO_CALLED = ("所谓", "所谓的", "假冒", "伪造", "冒充", "自称", "号称", "名为", "假的", "虚假")
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
    法律、法规和文件的名称写在引号里的（“重大行政决策程序暂行条例”“《关于……的通知》”写成引号）也提示：
    以“条例”“细则”“办法”“规定”“规则”“纲要”结尾的六个字以上的名称、登记的法律名称和“中华人民共和国……法”、
    “关于……的通知（意见、决定、方案）”；“八项规定”“谁执法谁普法”“以案释法”一类口号、所谓的“……通知”（假文件）
    和“注明‘……’字样”不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.15 规定书名、法律法规名称用书名号；
    引用法律不加书名号是公文校对中最常见的标点差错之一。

    ## 示例
    `根据中华人民共和国法律援助法第三十一条的规定`、`推动“重大行政决策程序暂行条例”落地见效`。

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
        if "“" in text:
            for start, end, name in self._quoted_titles(text):
                yield doc.hit(self.id, view, start, end,
                              f"法规、文件名称“{name}”用了引号：法律、法规和文件的名称用书名号，应为“《{name}》”")
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

    def _quoted_titles(self, view_text: str) -> Iterable[tuple[int, int, str]]:
        """Titles of laws, regulations and 关于… documents written in “” (“重大行政决策程序暂行条例”)."""
        laws = self._law_names
        for m in _QUOTED_TITLE.finditer(view_text):
            name = m.group(1)
            if _NOT_A_TITLE.search(name) or view_text.startswith("字样", m.end()):
                continue
            if view_text[max(0, m.start() - 3):m.start()].endswith(_SO_CALLED):
                continue
            if name.endswith(_REGULATION_ENDS):
                if len(name) < 6 or "关于" not in name and _SPEECH.search(name):
                    continue  # 他说：“这是法律的规定”: words of speech, not a title
            elif name.endswith(("通知", "意见", "决定", "方案")):
                if "关于" not in name:
                    continue
            elif not (name.startswith("中华人民共和国") or name in laws):
                continue  # …法: 以案释法, 谁执法谁普法 are slogans
            yield m.start(), m.end(), name

    @cached_property
    def _law_names(self) -> frozenset[str]:
        """Registered laws, full and without 中华人民共和国 when four or more characters remain (法律援助法)."""
        laws = self.policy.wordlist("phrases", "phrases").data.get("laws") or []
        return frozenset([*laws, *(law.removeprefix("中华人民共和国") for law in laws
                                    if len(law.removeprefix("中华人民共和国")) >= 4)])
