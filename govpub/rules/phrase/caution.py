from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import rule
from govpub.rules.document import Document
from govpub.rules.phrase._substitution import SubstitutionRule, quoted
from govpub.rules.phrase.sovereignty import SovereigntyRule
from govpub.rules.phrase.substitution import PhraseSubstitutionRule


@rule
class PhraseCautionRule(SubstitutionRule):
    """慎用的说法，需要人工判断。

    ## 作用
    按 `checks/wordlists/xinhua.yml` 中 `level: warning` 的条目提示需要结合语境判断的用词，如判决前
    称“罪犯”（应称“犯罪嫌疑人”或“被告人”）、“嫌疑犯”、与残疾人对照时的“正常人”、“检察院院长”；
    以及书写形式的规范：并列机关名称之间加顿号（“市委、市政府”）、数字概括语和缩略语加中文引号
    （“‘八五’普法”“‘一带一路’”）。只提示，不阻止。哪些条目是警告、哪些是错误，见 `phrase.substitution`。

    ## 原因
    第五条（三）、（四）：表述规范；新华社慎用词。

    ## 示例
    `罪犯张某被公安机关抓获`（判决前）。

    ## 修改方法
    结合语境核对；确实无误的可以保留。
    """

    id = "phrase.caution"
    title = "慎用词"
    article = "第五条（三）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson
    severity = "warning"
    level = "warning"

    @cached_property
    def _substitutions(self) -> PhraseSubstitutionRule:
        return PhraseSubstitutionRule(self.policy)

    @cached_property
    def _sovereignty(self) -> SovereigntyRule:
        return SovereigntyRule(self.policy)

    def check(self, doc: Document) -> Iterable[Hit]:
        """A caution inside a substitution's or a sovereignty framing's match adds nothing: the
        error already says it (中华民国总统府: phrase.sovereignty)."""
        found = list(self.matches(doc))
        if not found:
            return  # the usual case: the errors below are looked for only when a caution fired
        errors = [(s, e) for s, e, _ in self._substitutions.matches(doc)]
        errors += [(h.start, h.end) for h in self._sovereignty.check(doc)]
        for start, end, entry in found:
            if any(s <= start and end <= e for s, e in errors):
                continue
            note = f"（{entry['note']}）" if entry.get("note") else ""
            yield Hit(self.id, start, end, self.message(entry["wrong"], entry["right"], note))

    def message(self, wrong: str, right: str, note: str) -> str:
        return f"慎用“{wrong}”：请核对语境，通常应为{quoted(right)}{note}"
