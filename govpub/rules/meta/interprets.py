from __future__ import annotations

import posixpath
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class InterpretsRule(Rule):
    """政策解读指向的原文不存在。

    ## 作用
    `interprets` 写的是所解读政策文件的相对路径（如 `../../zcwj/2026/banfa.md`），
    该文件必须存在于 content/ 下。网站据此在解读和原文之间互相链接。

    ## 原因
    国家检查通报“解读稿未与政策原文做好双向关联”；第四条要求政策发布解读准确权威。

    ## 示例
    `interprets: ../../zcwj/2026/banfa.md`，但原文文件名是 `bf.md`。

    ## 修改方法
    改正路径（相对于解读文章本身）；原文尚未发布时，先发布原文。
    """

    id = "meta.interprets"
    title = "解读关联"
    article = "第一条、第四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        target = doc.meta_str("interprets")
        if target is None:
            return
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(doc.article.path), target))
        path = self.policy.root / joined
        if not joined.startswith("content/") or not joined.endswith(".md"):
            yield doc.value_hit(self.id, "interprets",
                                f"“{target}”不是 content/ 下的文章：写所解读文章相对于本文的路径")
        elif path.is_symlink() or not path.is_file():
            yield doc.value_hit(self.id, "interprets", f"所解读的原文“{joined}”不存在：检查路径，或先发布原文")
