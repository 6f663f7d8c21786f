from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.sentences import paragraphs

PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "【": "】", "〔": "〕", "〈": "〉"}
# GB/T 15834 4.1.3.3, 4.15.3: a quotation inside a quotation takes ‘’, a title inside a title 〈〉
NESTED = {"“": "‘", "《": "〈"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_INVERTED = {"“": "引号嵌套颠倒了：外层用双引号“”，里面一层用单引号‘’",
             "《": "书名号嵌套颠倒了：外层用《》，里面一层用〈〉"}
# "1）" "一）" at the start of a line: a sequence number, not half of a pair
_ORDINAL = re.compile(r"(?:^|\n)[ \t]*(?:[-*+][ \t]+)?[0-9０-９一二三四五六七八九十]{1,3}）")
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")  # the only characters the scan acts on
_GAP = re.compile(r"[ \t\n>*-]*")


@rule
class PairRule(Rule):
    """成对的标点不配对。

    ## 作用
    在每个段落内检查书名号《》〈〉、引号“”‘’、括号（）【】〔〕是否成对，包括引号方向写反
    （“……“）、交叉（“……（……”）），以及嵌套用错：书名号内的书名号应改用〈〉，
    引号内的引号应改用‘’，里外颠倒的（‘优秀“法律明白人”’、〈……《……》……〉）也提示。行首的“1）”一类序号不算；跨段引文按 GB/T 15834 每段开头用前引号、
    只在最后一段末尾用后引号，不提示。

    ## 原因
    第五条（四）：表述规范、无语病（GB/T 15834—2011）。缺半边的书名号会让文件名称
    表述不完整，是常见的校对差错。

    ## 示例
    `学习《中华人民共和国宪法〉和“八五”普法规划`。

    ## 修改方法
    补上缺少的另一半，或删除多余的一个。
    """

    id = "punct.pair"
    title = "标点配对"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        ordinals = {m.end() - 1 for m in _ORDINAL.finditer(text)}
        carried = False  # a quotation running on: GB/T 15834 opens every paragraph with “ and closes once
        for p_start, p_end in paragraphs(text):
            para = text[p_start:p_end]
            stack: list[tuple[int, str]] = []
            first = p_start + len(para) - len(para.lstrip(" \t>*-"))
            nested: set[int] = set()
            for mark in _MARKS.finditer(text, p_start, p_end):
                i = mark.start()
                ch = text[i]
                if ch in PAIRS:
                    if carried and i == first and ch == "“":
                        stack.append((-1, ch))  # continues the open quotation
                        continue
                    if ch in NESTED and any(c == NESTED[ch] for _, c in stack) and not any(c == ch for _, c in stack):
                        yield doc.hit(self.id, view, i, i + 1, _INVERTED[ch])
                    if ch in NESTED and any(c == ch for _, c in stack):
                        nested.add(i)
                        yield doc.hit(self.id, view, i, i + 1,
                                      f"“{ch}”写在另一对“{ch}{PAIRS[ch]}”之内：里面一层改用"
                                      f"“{NESTED[ch]}{PAIRS[NESTED[ch]]}”")
                    stack.append((i, ch))
                elif ch in CLOSERS:
                    if stack and stack[-1][1] == CLOSERS[ch]:
                        stack.pop()
                    elif i not in ordinals:
                        yield doc.hit(self.id, view, i, i + 1,
                                      f"“{ch}”没有对应的“{CLOSERS[ch]}”：补上前半个，或删除这个“{ch}”")
                        if any(c == CLOSERS[ch] for _, c in stack):  # resynchronise on a crossed pair
                            while stack and stack[-1][1] != CLOSERS[ch]:
                                stack.pop()
                            stack.pop()
            gap = _GAP.match(text, p_end)
            carried = [c for _, c in stack] == ["“"] and gap is not None and text.startswith("“", gap.end())
            if carried:
                continue
            for i, ch in stack:
                if i in nested:
                    continue  # reported as nested
                if i >= 0:
                    yield doc.hit(self.id, view, i, i + 1, f"“{ch}”没有对应的“{PAIRS[ch]}”：在本段内补上“{PAIRS[ch]}”")
                else:
                    yield doc.hit(self.id, view, first, first + 1, "跨段引文没有结束的“””：在引文最后一段末尾补上“”")
