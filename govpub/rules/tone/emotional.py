from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Matcher


@rule
class EmotionalRule(Rule):
    """带有情绪化的个人观点。

    ## 作用
    按 `checks/wordlists/tone.yml` 提示带个人情绪的说法（“我认为”“太可恶了”），以及连续
    三个以上的叹号或问号（“！！！”）。只提示，不阻止，由审核人判断。

    ## 原因
    第六条（十）：不得发布包含情绪化的个人观点或看法的信息；第四条要求信息严肃。

    ## 示例
    `我认为这种行为太可恶了！！！`

    ## 修改方法
    改为客观陈述，如“该行为违反……规定，依法予以处理。”
    """

    id = "tone.emotional"
    title = "情绪化表达"
    article = "第六条（十）"
    severity = "warning"

    @cached_property
    def _data(self) -> tuple[Matcher, re.Pattern[str]]:
        data = self.policy.wordlist("tone", "tone").data
        n = int(data.get("repeated_marks") or 3)
        return Matcher(data["phrases"]), re.compile(f"[！!？?]{{{n},}}")

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, marks = self._data
        view = doc.simplified
        for m in matcher.find(view.text):
            yield doc.hit(self.id, view, m.start, m.end,
                          f"“{view.text[m.start:m.end]}”带有个人情绪：政务信息应客观陈述")
        for m in marks.finditer(view.text):
            yield doc.hit(self.id, view, m.start(), m.end(), f"连续的“{m.group()}”带有情绪：只保留一个标点")
