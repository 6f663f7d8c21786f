from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class AssetRule(Rule):
    """content/ 下有网站不发布的文件类型。

    ## 作用
    content/ 下除文章（.md）外只能放图片（JPG、PNG、GIF、WebP）、PDF 和办公文档
    （Word、Excel、PowerPoint、WPS、OFD 等）。HTML 网页、JavaScript 脚本、SVG 图形和其他
    类型的文件会被提示，网站构建也会拒绝它们（清单在 govpub/content/assets.py）。
    扩展名不是 .md 的文章（记事本另存的 `tuijinhui.md.txt`、以 front matter 开头的 .txt，
    `.markdown`、`.mkd`，.md 后多了空格或点）也提示改名：否则它成为一个附件，文章本身不发布。

    ## 原因
    第四条、第十条：确保发布信息安全。HTML、脚本和 SVG 放到网站上会在读者的浏览器中
    运行，绕过了对文章的全部检查和网页净化。

    ## 示例
    `content/gzdt/2026/huodong.html`、`content/gzdt/2026/tubiao.svg`、`content/gzdt/2026/huodong.md.txt`。

    ## 修改方法
    网页内容写成 Markdown 文章；图示另存为 PNG 或 JPG；不需要的文件删除；扩展名不对的文章改名为 .md。
    """

    id = "meta.asset"
    title = "附件类型"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        return [h for h in doc.article.load_hits if h.rule == self.id]
