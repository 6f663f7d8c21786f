from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# a pause or stop mark doubled, or after ？ ！ (？！ and ！？ together are allowed: GB/T 15834 4.3.3)
REPEAT = re.compile(r"[，。、；：？！](?:[ \t\u3000]*[，。、；：])+|[，。、；：][ \t\u3000]*[？！]")
# an ellipsis and 等 (等等) together: both say the list goes on (GB/T 15834 4.11.3 note)
ELLIPSIS_ETC = re.compile(r"(?:……|…)等(?!待|候|一下|一会|会儿|着|了|到|你|我|他|她|人家)|等等(?:……|…)")


@rule
class RepeatRule(Rule):
    """标点重复或叠用。

    ## 作用
    找出连写的点号：“，，”“。。”“、、”，以及“，。”“。，”“？。”“，？”一类叠用，中间隔着空格也算（“， ，”）。省略号“……”和
    破折号“——”本来就是两个字符，不提示；连续的叹号、问号由 tone.emotional 提示。
    省略号和“等”“等等”同时使用（“……等。”“等等……”）也提示。

    ## 原因
    第五条（四）：表述规范（GB/T 15834—2011）。

    ## 示例
    `会议强调，，要抓好落实。。`

    ## 修改方法
    保留一个正确的标点。
    """

    id = "punct.repeat"
    title = "标点叠用"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        raw = doc.raw.text  # the same positions: the prose view only blanks code, tags and links
        for m in REPEAT.finditer(view.text):
            if raw[m.start():m.end()] != m.group():
                continue  # code or markup between the marks (，`onclick`、), not a doubled mark
            yield doc.hit(self.id, view, m.start(), m.end(), f"标点“{m.group()}”重复或叠用：只保留一个")
        if "…" in view.text:
            for m in ELLIPSIS_ETC.finditer(view.text):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"“{m.group()}”：省略号和“等”不同时使用，删去其中一个")
