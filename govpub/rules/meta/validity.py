from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from govpub import clock
from govpub.content import validity
from govpub.content.article import Article, load
from govpub.content.dates import parse_datetime, parse_day
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class ValidityRule(Rule):
    """政策文件的效力状态（已废止、已失效、已修改）写得不完整，或与替代它的文件没有互相关联。

    ## 作用
    被废止、失效或修改的政策文件在 front matter 中写 `validity`：`state`（已废止、已失效、已修改之一）、
    `date`（自哪一天起，YYYY-MM-DD）和可选的 `by`（废止或修改它的文件，相对路径）。
    废止或修改它的文件写 `replaces` 指回原文件。检查：状态是三者之一、日期齐全、
    两边的路径指向存在的文章，并且互相指向对方。

    ## 原因
    国家政府网站规范要求失效的政策文件标注“已废止”“已失效”“已修改”；文件仍要保留全文供查阅
    （不同于撤稿 `status: withdrawn`）。新旧文件只写一边，读者从旧文件找不到新文件，或从新文件找不到旧文件。

    ## 示例
    ```yaml
    validity:
      state: 作废                  # 应为 已废止、已失效、已修改 之一
      by: ../2026/xin-banfa.md     # 缺少 date；新文件没有写 replaces 指回本文
    ```

    ## 修改方法
    补齐 `state` 和 `date`；在新文件中写 `replaces: <旧文件的相对路径>`，在旧文件的 `validity` 中写
    `by: <新文件的相对路径>`。文件仍然有效时，删除整个 `validity`。
    """

    id = "meta.validity"
    title = "效力状态"
    article = "第四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        here = art.path
        value = art.meta.get("validity")
        if isinstance(value, dict):
            for key in value:
                if key not in validity.KEYS:
                    yield doc.value_hit(self.id, ("validity", key),
                                        f"validity 下不认识的字段“{key}”：可用字段为 {'、'.join(validity.KEYS)}")
            v = validity.of(art.meta) or {}
            if v["state"] not in validity.STATES:
                what = f"“{v['state']}”不是可用的效力状态" if v["state"] else "缺少 state（效力状态）"
                yield doc.value_hit(self.id, ("validity", "state") if "state" in value else "validity",
                                    f"{what}：写 {'、'.join(validity.STATES)} 之一")
            day = parse_day(v["date"])
            published = parse_datetime(doc.meta_str("date") or "")
            if day is None:
                what = f"日期“{v['date']}”不是 YYYY-MM-DD" if v["date"] else "缺少 date（自哪一天起废止、失效或修改）"
                yield doc.value_hit(self.id, ("validity", "date") if "date" in value else "validity",
                                    f"{what}：如 date: 2026-12-01")
            elif day.date() > clock.today():
                yield doc.value_hit(self.id, ("validity", "date"),
                                    f"日期 {v['date']} 还没有到：网站会说本文件“已于 {v['date']}”{v['state'][1:]}，读者会以为它现在已经无效。"
                                    "到那一天再提交这项改动")
            elif published is not None and day.date() < published.date():
                yield doc.value_hit(self.id, ("validity", "date"),
                                    f"日期 {v['date']} 早于本文的发布时间 {published:%Y-%m-%d}：写实际废止、失效或修改的日期")
            if v["by"]:
                other, problem = self._other(here, v["by"])
                if problem:
                    yield doc.value_hit(self.id, ("validity", "by"), f"by：{problem}")
                elif other is not None and not _names(other.meta.get("replaces"), other.path, here):
                    yield doc.value_hit(self.id, ("validity", "by"),
                                        f"{other.path} 没有用 replaces 指回本文：在它的 front matter 中写 "
                                        f"replaces: {_relative(other.path, here)}（读者从新文件也能找到旧文件）")
        link = doc.meta_str("replaces")
        if link is not None:
            other, problem = self._other(here, link)
            if problem:
                yield doc.value_hit(self.id, "replaces", f"replaces：{problem}")
            elif other is not None:
                old = validity.of(other.meta)
                if old is None:
                    yield doc.value_hit(self.id, "replaces",
                                        f"{other.path} 没有标注效力状态：在它的 front matter 中写 validity"
                                        f"（state、date，by: {_relative(other.path, here)}），网站才显示“已废止”等标签")
                elif old["by"] and validity.target(other.path, old["by"]) != here:
                    yield doc.value_hit(self.id, "replaces",
                                        f"{other.path} 的 validity.by 指向 {old['by']}，不是本文：两边应互相指向")
                elif not old["by"]:
                    yield doc.value_hit(self.id, "replaces",
                                        f"{other.path} 的 validity 没有写 by：写 by: {_relative(other.path, here)}")

    def _other(self, here: str, link: str) -> tuple[Article | None, str]:
        """The article a link names, or why it cannot be (a message)."""
        path = validity.target(here, link)
        if path == here:
            return None, "指向了本文自己：写另一篇文章的相对路径"
        if not path.startswith("content/") or not path.endswith(".md"):
            return None, f"“{link}”不是 content/ 下的文章：写那篇文章相对于本文的路径"
        full = self.policy.root / path
        if full.is_symlink() or not full.is_file():
            return None, f"文章“{path}”不存在：检查路径（相对于本文）"
        return load(self.policy.root, Path(full)), ""


def _names(link: object, at: str, path: str) -> bool:
    return isinstance(link, str) and bool(link.strip()) and validity.target(at, link) == path


def _relative(src: str, dest: str) -> str:
    """dest written relative to the article at src."""
    return posixpath.relpath(dest, posixpath.dirname(src))
