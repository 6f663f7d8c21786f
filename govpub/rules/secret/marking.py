from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Match, Matcher, covered

_FILLER = re.compile(r"[\s，,、；;：:。.·•*_#>|【】\[\]（）()《》“”\"'‘’—-]+")
# "本文件不得外传", "此件注意保存": a document that labels itself
_SELF = re.compile(r"(?:本|此)(?:件|文件|资料|材料|通知|报告|文|稿|页|表)\s*(?:属于?|为|系|是|已)?\s*$")
_NARRATIVE = re.compile(r"将|把|处理|上传|防止|严防|杜绝|管理|存储|传递")
_ISSUE = re.compile(r"(?:\d{4}年)?第[0-9一二三四五六七八九十百]+(?:期|号)")
# before a marking at the head of a line: spaces, Markdown marks, opening brackets
_LEAD = re.compile(r"[\s#>*_\-（(【\[〔）)】\]〕]+")


@rule
class MarkingRule(Rule):
    """文中出现“内部资料”“不得外传”等内部标注。

    ## 作用
    找出 `checks/wordlists/classified.yml` 中登记的内部标注（内部资料、注意保存、不得外传、
    内部文件、仅供内部参考等）出现在标注位置的情形：单独成行、在括号中、几个标注连写
    （“内部资料 注意保存”），或写成“本文件不得外传”。`marking_patterns` 描述同类标注的
    各种说法（“内部传阅”“请勿外传”“仅限本单位”“阅后收回”“此件涉密”……），
    出现在一行开头（后面还有其他文字也算）或一行末尾（“湛江市司法局内部文件”一类版头）、
    与另一个标注同在一行、或写成“本件……”时提示；`weak_marking_patterns`（“请勿转发”“涉及国家秘密”
    “不宜公开”等也常见于普法提示的说法）只在写成“本件……”或与一个上述标注同在一行时提示。
    在普通叙述中提到这些词（如“严禁将内部文件上网”）不提示。

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
    def _data(self) -> tuple[Matcher, list[str], list[tuple[re.Pattern[str], bool]], Matcher]:
        data = self.policy.wordlist("classified", "classified").data
        # one regex each: Python scans several small patterns faster than one alternation
        patterns = [(re.compile(p), True) for p in data.get("marking_patterns") or []]
        patterns += [(re.compile(p), False) for p in data.get("weak_marking_patterns") or []]
        return (Matcher(data["markings"]), data["markings"] + data["levels"] + ["密级"], patterns,
                Matcher(list(data.get("allow") or [])))

    def check(self, doc: Document) -> Iterable[Hit]:
        matcher, words, patterns, allow = self._data
        view = doc.simplified
        text = view.text
        allowed = allow.find(text)
        reported: list[tuple[int, int]] = []
        for m in matcher.find(text):
            if covered(m, allowed):
                continue
            if self._in_marking_position(text, m.start, m.end, words):
                reported.append((m.start, m.end))
                yield self._hit(doc, view, m.start, m.end)
        # Match.index: 1 for a marking that counts at the head or end of a line, 0 for a weak one
        found = sorted((Match(int(strong), p.start(), p.end()) for pattern, strong in patterns
                        for p in pattern.finditer(text)), key=lambda m: (m.start, -m.end))
        found = [p for p in found if not covered(p, allowed)]
        for p in found:
            line_start = text.rfind("\n", 0, p.start) + 1
            if any(s < p.end and p.start < e or line_start <= s < p.start for s, e in reported):
                continue  # one finding per marking line is enough
            line_end = text.find("\n", p.end)
            line_end = len(text) if line_end < 0 else line_end
            if _NARRATIVE.search(text[max(line_start, p.start - 6):p.start]):
                continue  # 严禁将内部文件上网: talk about markings, not a marking
            at_start = not _LEAD.sub("", text[line_start:p.start])
            at_end = not _LEAD.sub("", _ISSUE.sub("", text[p.end:line_end]))  # a header: ……内部通报（第3期）
            others = [q for q in found if q is not p and (q.index or p.index) and line_start <= q.start < line_end
                      and text[q.start:q.end] != text[p.start:p.end] and abs(q.start - p.start) <= 24]
            others += [m for m in matcher.find(text[line_start:line_end])
                       if not (m.start + line_start < p.end and p.start < m.end + line_start)]
            if (p.index and (at_start or at_end)) or others or _SELF.search(text[max(line_start, p.start - 10):p.start]):
                reported.append((p.start, p.end))
                yield self._hit(doc, view, p.start, p.end)

    def _hit(self, doc: Document, view, start: int, end: int) -> Hit:  # noqa: ANN001
        return doc.hit(self.id, view, start, end,
                       f"内部标注“{view.text[start:end]}”：标有内部标注的材料不得上网，确认可以公开的请删除标注")

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
