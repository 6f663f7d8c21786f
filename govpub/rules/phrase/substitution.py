from __future__ import annotations

from govpub.rules import rule
from govpub.rules.phrase._substitution import SubstitutionRule, quoted


@rule
class PhraseSubstitutionRule(SubstitutionRule):
    """使用了规范表述之外的说法（“应使用 Y，不使用 X”）。

    ## 作用
    按 `checks/wordlists/phrases.yml` 的 `substitutions` 查找新华社禁用词一类的错误表述，
    如“台湾总统”应为“台湾地区领导人”、“北朝鲜”应为“朝鲜”、“维族”应为“维吾尔族”。
    书写形式的规范（“八五普法”应加引号、“市委市政府”之间加顿号）是 `phrase.caution` 的警告，不阻止提交。
    繁体和全角写法同样会被发现。

    ## 原因
    第五条（三）：审核是否存在政治性表述错误。严重表述错误是国家政府网站检查的单项否决项。

    ## 示例
    `台湾总统`、`残废人`。

    ## 修改方法
    改为提示的规范表述。
    """

    id = "phrase.substitution"
    title = "规范表述"
    article = "第五条（三）"
    level = "error"

    def message(self, wrong: str, right: str, note: str) -> str:
        return f"表述“{wrong}”不规范：应使用{quoted(right)}{note}"
