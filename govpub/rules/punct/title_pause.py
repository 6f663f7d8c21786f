from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

PAUSE = "》、《"


@rule
class TitlePauseRule(Rule):
    """并列的书名号之间用了顿号。

    ## 作用
    找出紧挨着的两个书名号之间的顿号（“《行政处罚法》、《行政许可法》”）。并列的书名号之间不用顿号；
    书名号后面另有括注等成分、再接下一个书名号的（“《民法典》（2020年）、《刑法》”）可以用顿号，不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.5.3.5：标有书名号的并列成分之间通常不用顿号。

    ## 示例
    `考试内容包括《中华人民共和国行政处罚法》、《中华人民共和国行政许可法》等。`

    ## 修改方法
    删去书名号之间的顿号：`《中华人民共和国行政处罚法》《中华人民共和国行政许可法》`。
    """

    id = "punct.title-pause"
    title = "书名号之间的顿号"
    article = "第五条（四）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        at = text.find(PAUSE)
        while at >= 0:
            yield doc.hit(self.id, view, at, at + len(PAUSE),
                          "并列的书名号之间不用顿号：删去“》”和“《”之间的“、”，可运行 govpub fix 删除")
            at = text.find(PAUSE, at + 1)

    def fixes(self, doc: Document) -> Iterable[tuple[int, int, str]]:
        view = doc.prose
        text = view.text
        at = text.find(PAUSE)
        while at >= 0:
            start, end = view.span(at + 1, at + 2)
            yield start, end, ""
            at = text.find(PAUSE, at + 1)
