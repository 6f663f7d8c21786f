from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote

from govpub.content import assets
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# a link or image target in Markdown (<...> may hold spaces), an HTML src or href, a reference
# definition ([f]: fujian1.pdf, used as [附件1][f]; not a footnote's [^1]: text)
_TARGET = re.compile(r"\]\(\s*(?:<(?P<angle>[^<>\n]+)>|(?P<md>(?:[^()\s]|\([^()\s]*\))+))"
                     r"|\b(?:src|href)\s*=\s*(?:\"(?P<dq>[^\"\n]+)\"|'(?P<sq>[^'\n]+)')"
                     r"|^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:<(?P<rangle>[^<>\n]+)>|(?P<ref>\S+))",
                     re.IGNORECASE | re.MULTILINE)
# a target with a space in it: Markdown does not take it as a link, the page shows the text
_SPACED = re.compile(r"\]\((?P<t>[^()<>\n]*?[^\s()<>:/][ \u3000][^()<>\n]*\.[A-Za-z0-9]{2,5})\)")
_SPECIAL = re.compile(r"[#?%]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)  # not shown on the page (the template's example link)
# a place on the drafter's computer: C:\… or C:/…, \\server\share, file:…
_ON_A_PC = re.compile(r"(?:[A-Za-z]:[\\/]|\\\\|file:)", re.IGNORECASE)
_FILE_SUFFIXES = (assets.IMAGE_SUFFIXES | assets.DOCUMENT_SUFFIXES) - {".txt"}


@rule
class LocalLinkRule(Rule):
    """文章中的图片或附件链接指向不存在的文件。

    ## 作用
    正文中链接的图片和附件（`![说明](tupian.jpg)`、`[附件1](fujian1.pdf)`、引用式的 `[附件1][f]` 和
    `[f]: fujian1.pdf`、HTML 的 src/href）
    必须是 content/ 下真实存在的文件；文件名中有空格或 `#`、`?`、`%` 时，链接会断开或指向别处。
    链接的附件或图片是网站构建会拒绝的（带批注的 PDF、压缩包中的网页等，与 meta.file 同一判断），
    也在链接所在的行指出，即使这次提交没有改动那个文件。

    ## 原因
    第四条、第九条：网页上不能有打不开的图片和附件（国家检查把错链、断链列为扣分项）。
    网站构建时 MkDocs 只给出英文警告，照样发布带破图的页面。

    ## 示例
    `![现场](tupian.jpg)`，但文章旁边没有 tupian.jpg；`[附件](附件 1.docx)`（有空格）；
    文件名 `附件#1.docx`。

    ## 修改方法
    把图片、附件放在文章旁边，文件名与链接一字不差（区分大小写）；文件名只用汉字、字母、数字、
    `-` 和 `_`，不用空格和 `#`、`?`、`%`，改名后同时改正链接。
    """

    id = "meta.local-link"
    title = "图片和附件链接"
    article = "第四条、第九条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.markup
        start = doc.body_vstart
        text = view.text
        root = self.policy.root
        folder = posixpath.dirname(doc.article.path)
        spaced = [m.span() for m in _COMMENT.finditer(text, start)]
        for m in _SPACED.finditer(text, start):
            if any(a <= m.start() < b for a, b in spaced):
                continue
            spaced.append(m.span())
            yield doc.hit(self.id, view, m.start("t"), m.end("t"),
                          f"链接地址“{m.group('t')}”中有空格，网页上不会成为链接：把文件改名去掉空格（如 "
                          f"{re.sub(r'[ 　]+', '-', m.group('t'))}），再改正链接")
        for m in _TARGET.finditer(text, start):
            if any(a <= m.start() < b for a, b in spaced):
                continue
            group = next(g for g in ("angle", "md", "dq", "sq", "rangle", "ref") if m.group(g))
            target = m.group(group).strip()
            if _ON_A_PC.match(target):
                yield doc.hit(self.id, view, m.start(group), m.end(group),
                              f"链接“{target}”是你电脑上的文件位置，读者打不开（网页上是破图或打不开的链接）："
                              "把图片或附件复制到文章旁边，链接只写文件名，如 ![现场照片](xianchang.jpg)")
                continue
            if target.startswith("/") and not target.startswith("//") and self._lost_site_file(text, m, target):
                yield doc.hit(self.id, view, m.start(group), m.end(group),
                              f"图片或附件链接“{target}”是绝对路径，网站上没有这个文件：把文件放在文章旁边，"
                              "链接只写文件名（如 xianchang.jpg）")
                continue
            if not target or target.startswith(("#", "/", "\\")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
                continue  # a page anchor, a site path, a URL with a scheme: the links.* rules
            file = unquote(target.split("#", 1)[0].split("?", 1)[0])
            joined = posixpath.normpath(posixpath.join(folder, file))
            path = root / joined
            if not joined.startswith("content/"):
                message = f"链接“{target}”指向 content/ 之外：图片和附件放在文章旁边，链接只写文件名"
            elif path.is_file() and (refused := assets.judged(path)) is not None:
                message = f"链接的文件“{joined}”网站构建会拒绝：这个文件{refused}"
            elif path.is_file() or (path.is_dir() and not path.is_symlink()):
                continue
            else:
                message = f"链接的文件“{joined}”不存在，网页上会是破图或打不开的链接：" + _advice(path, target)
            yield doc.hit(self.id, view, m.start(group), m.end(group), message)


    def _lost_site_file(self, text: str, m: re.Match[str], target: str) -> bool:
        """A site-absolute picture (or a link to a file by its type) that is not under content/:
        a path on the drafter's computer (/Users/…, /home/…) or a guess at the site's layout."""
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if (self.policy.root / "content" / path.lstrip("/")).is_file():
            return False
        bracket = text.rfind("[", 0, m.start())
        image = m.group(0).lower().startswith("src") or (bracket > 0 and text[bracket - 1] == "!")
        return image or posixpath.splitext(path)[1].lower() in _FILE_SUFFIXES


def _advice(path: os.PathLike[str] | str, target: str) -> str:
    folder, name = os.path.split(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return "把文件放在文章旁边，或改正链接中的文件名"
    same_case = [n for n in names if n.lower() == name.lower()]
    if same_case:
        return f"文件名是“{same_case[0]}”，大小写要与链接一致（网站区分大小写）"
    raw = target.split("?", 1)[0] if "#" not in target else target
    special = [n for n in names if _SPECIAL.search(n) and (n.startswith(name) or n == unquote(raw))]
    if special:
        return (f"文件“{special[0]}”的名字中有 #、? 或 %，在网址中有特殊含义："
                "把文件改名，只用汉字、字母、数字、- 和 _，再改正链接")
    return "把文件放在文章旁边，或改正链接中的文件名（区分大小写）"
