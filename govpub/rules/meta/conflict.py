from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# Git's conflict markers (diff3's ||||||| too), each at the start of a line
_START = re.compile(r"^<{7}(?:[ \t].*)?\r?$", re.MULTILINE)
_REST = re.compile(r"^(?:={7}|\|{7}(?:[ \t].*)?|>{7}(?:[ \t].*)?)\r?$", re.MULTILINE)
_END = re.compile(r"^>{7}(?:[ \t].*)?\r?$", re.MULTILINE)


@rule
class ConflictRule(Rule):
    """文中留有没有解决的合并冲突。

    ## 作用
    找出 Git 合并时留下的冲突标记：以 `<<<<<<<` 开头的一行，之后的 `=======` 和以 `>>>>>>>`
    开头的一行。两段标记之间是同一处文字的两个版本。

    ## 原因
    第八条：信息内容准确完整。没有解决的冲突发布出去，网页上会同时出现两个版本的文字和
    一串 `<<<<<<<`、`=======`（`=======` 还会把上一行变成标题）；front matter 中的冲突会让整篇
    文章无法读取。

    ## 示例
    两位同事改了同一段，`git merge` 或 `git pull` 报告冲突，编辑器里出现
    `<<<<<<< HEAD`……`=======`……`>>>>>>> 分支名`，没有处理就提交了。

    ## 修改方法
    对照两个版本保留正确的文字，删除另一个版本和 `<<<<<<<`、`=======`、`>>>>>>>` 三行标记，
    保存后 `git add`，再提交（合并中的用 `git commit` 完成合并）。不确定保留哪一个时，问另一位改稿的同事。
    """

    id = "meta.conflict"
    title = "合并冲突标记"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if not art.readable or art.data:
            return
        text = art.text
        pos = 0
        while (start := _START.search(text, pos)) is not None:
            rest = _REST.search(text, start.end())
            if rest is None:
                return
            end = _END.search(text, start.end())
            last = end.start() if end is not None else rest.start()
            first_line, last_line = art.line_col(start.start())[0], art.line_col(last)[0]
            yield Hit(self.id, start.start(), art.line_end(start.start()),
                      f"第 {first_line}～{last_line} 行是 Git 合并时没有解决的冲突（<<<<<<< 与 >>>>>>> 之间是"
                      "同一处文字的两个版本）。处理办法：保留正确的版本，删除另一个版本和 <<<<<<<、=======、>>>>>>> "
                      "三行标记，保存后 git add 再提交")
            pos = end.end() if end is not None else rest.end()
