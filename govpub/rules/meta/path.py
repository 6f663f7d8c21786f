from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*\.md$")


@rule
class PathRule(Rule):
    """文章文件的位置或文件名不规范。

    ## 作用
    文章应放在 `content/<栏目代号>/<年份>/<文件名>.md`，文件名只用小写英文字母、
    数字和连字符（如 `xianfa-xuanchuanzhou.md`），因为它就是文章网址的一部分。

    ## 原因
    文件路径是文章的身份：审批记录、发布台账和网址都以它为准。中文或空格文件名
    会产生难以辨认的网址，移动文件会让旧网址失效。

    ## 示例
    `content/gzdt/宪法宣传周.md`。

    ## 修改方法
    用 `git mv` 把文件移到 `content/<栏目>/<年份>/` 下并改为拼音或英文文件名。
    """

    id = "meta.path"
    title = "文件位置"
    article = "第八条"

    def check(self, doc: Document) -> Iterable[Hit]:
        parts = doc.article.path.split("/")
        if len(parts) != 4 or parts[0] != "content" or not re.fullmatch(r"\d{4}", parts[2]):
            yield doc.article.hit_line(self.id, 1,
                                       f"文章位置“{doc.article.path}”不规范：应为 content/<栏目代号>/<年份>/<文件名>.md")
        elif not SLUG_RE.match(parts[3]):
            yield doc.article.hit_line(self.id, 1,
                                       f"文件名“{parts[3]}”只能用小写英文字母、数字和连字符，如 xianfa-xuanchuanzhou.md："
                                       "它是文章网址的一部分")
