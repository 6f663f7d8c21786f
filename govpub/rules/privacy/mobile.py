from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import finditer_at

# 1[3-9] and nine more digits, optional +86/0086/86, spaces or dashes between digits.
MOBILE_RE = re.compile(r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ \-]?)?1[ \-]?[3-9](?:[ \-]?\d){9}(?![0-9A-Za-z])")
# Where a match can start: + 0 8 or 1 with ten more of its characters after it (performance only: the
# lookbehind MOBILE_RE opens with makes the regex engine try it at every character)
MOBILE_START = re.compile(r"[+081](?=[\d +\-]{10})")


@rule
class MobileRule(Rule):
    """公开了完整的手机号码。

    ## 作用
    找出 11 位手机号码（13x–19x），包括带 +86、中间（任意两位之间）有空格或连字符、全角数字和夹杂
    不可见字符的写法。已做去标识化处理的号码（138****5678）和 `checks/registry/phones.yml`
    登记的公开号码不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。个人手机号属于个人信息，
    行政执法公示、咨询答复中尤其常见。

    ## 示例
    `联系人：李某，电话 138 0013 8000`。

    ## 修改方法
    写成 `138****8000`；需要公开的工作电话，请局办公室登记到 phones.yml。
    """

    id = "privacy.mobile"
    title = "手机号码"
    article = "第五条（一）、第十二条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        public = self.policy.public_numbers
        for m in finditer_at(MOBILE_RE, MOBILE_START, view.text):
            digits = re.sub(r"\D", "", m.group())[-11:]
            if digits in public:
                continue
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"完整的手机号码 {digits[:3]}…{digits[-4:]}：请写成 {digits[:3]}****{digits[-4:]}")
