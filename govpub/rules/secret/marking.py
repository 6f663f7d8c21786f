from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher

_FILLER = re.compile(r"[\s，,、；;：:。.·•*_#>|【】\[\]（）()《》“”\"'‘’—-]+")
# "本文件不得外传", "此件注意保存": a document that labels itself
_SELF = re.compile(r"(?:本|此)(?:件|文件|资料|材料|通知|报告|文)\s*$")


@rule
class MarkingRule(Rule):
    """文中出现“内部资料”“不得外传”等内部标注。

    ## 作用
    找出 `checks/wordlists/classified.yml` 中登记的内部标注（内部资料、注意保存、不得外传、
    内部文件、仅供内部参考等）出现在标注位置的情形：单独成行、在括号中、几个标注连写
    （“内部资料 注意保存”），或写成“本文件不得外传”。在普通叙述中提到这些词
    （如“严禁将内部文件上网”）不提示。

    ## 原因
    第四条不得发布敏感信息，第十条“上网信息不涉密”，第六条（九）不得发布不宜对外公开的信息。
    带内部标注的材料未经审查不得公开。

    ## 示例
    `（内部资料，注意保存）`、`本材料仅供内部参考，不得外传。`

    ## 修改方法
    确认材料可以公开并经审核同意后，删除内部标注；否则不要发布。
    """

    id = "secret.marking"
    title = "内部标注"
    article = "第六条（九）、第十条"

    @cached_property
    def _data(self) -> tuple[Matcher, list[str]]:
        data = self.policy.wordlist("classified", "classified").data
        return Matcher(data["markings"]), data["markings"] + data["levels"] + ["密级"]

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, words = self._data
        view = doc.simplified
        text = view.text
        for m in matcher.find(text):
            if self._in_marking_position(text, m.start, m.end, words):
                found = text[m.start:m.end]
                yield doc.hit(self.id, view, m.start, m.end,
                              f"内部标注“{found}”：标有内部标注的材料不得上网，确认可以公开的请删除标注")

    @staticmethod
    def _in_marking_position(text: str, start: int, end: int, words: list[str]) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end

        def only_markings(s: str) -> bool:
            for w in sorted(words, key=len, reverse=True):
                s = s.replace(w, "")
            return not _FILLER.sub("", s)

        if only_markings(text[line_start:line_end]):
            return True
        # inside brackets that hold nothing but markings
        opening = max(text.rfind(ch, line_start, start) for ch in "（(【[")
        closing = [i for i in (text.find(ch, end, line_end) for ch in "）)】]") if i >= 0]
        if opening >= 0 and closing and only_markings(text[opening + 1:min(closing)]):
            return True
        # two markings written together: 内部资料，注意保存
        around = text[max(line_start, start - 4):start] + text[end:min(line_end, end + 4)]
        if any(w in around for w in words if w not in text[start:end]):
            return True
        return bool(_SELF.search(text[max(line_start, start - 8):start]))
