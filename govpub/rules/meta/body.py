from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


@rule
class BodyRule(Rule):
    """正文为空。

    ## 作用
    front matter 之后必须有正文：文字、图片或附件链接。只有空行或注释（如 `govpub new`
    生成的“在此下方撰写正文”提示）的文章不能提交。已撤稿的文章不检查。

    ## 原因
    第八条：信息内容准确完整。空白文章发布出去就是一个空页面，属于网站检查中的“空白栏目/空白页面”问题。

    ## 示例
    用 `govpub new` 新建文章后，没有写正文就提交。

    ## 修改方法
    在 front matter 结束的 `---` 之后写正文；还没写完的稿件先不要提交。
    """

    id = "meta.body"
    title = "正文为空"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        if not art.meta or art.meta.get("status") == "withdrawn":
            return  # no front matter is meta.front-matter's finding; a withdrawn article keeps its notice
        if _COMMENT.sub("", art.text[art.body_start:]).strip():
            return
        line = art.line_col(min(art.body_start, max(len(art.text) - 1, 0)))[0]
        yield art.hit_line(self.id, line, "正文为空：在 front matter 结束的 --- 之后写正文，写完再提交")
