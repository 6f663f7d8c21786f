from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class ChannelsRule(Rule):
    """发布平台未登记，或发布到公众号却没有封面图。

    ## 作用
    `channels` 只能取 `checks/registry/accounts.yml` 中登记的平台（website、wechat、
    nanfang 中已登记的）；含 wechat 时必须有 `cover`，且图片文件在文章旁边存在。

    ## 原因
    第二条规定“三大平台”，第三条规定不得另行开设新媒体账号：只向登记的账号发布。
    公众号接口要求每篇图文有封面图。

    ## 示例
    `channels: [website, weibo]`；`channels: [website, website]`（重复）；`channels: [wechat]` 但没有 `cover`。

    ## 修改方法
    删除未登记的平台；为公众号文章准备封面图（放在文章旁边），填写 `cover: 文件名`。
    """

    id = "meta.channels"
    title = "发布平台"
    article = "第二条、第三条"

    def check(self, doc: Document) -> Iterable[Hit]:
        channels = doc.article.meta.get("channels")
        if not isinstance(channels, list):
            return
        accounts = self.policy.accounts
        if not channels:
            yield doc.value_hit(self.id, "channels", "发布平台为空：至少填写 [website]")
        for i, ch in enumerate(channels):
            if ch in channels[:i]:  # a pasted duplicate: which one the reviewers meant is unclear
                yield doc.value_hit(self.id, ("channels", i),
                                    f"平台“{ch}”写了两次。处理办法：删去重复的一个，每个平台只写一次，如 [website, wechat]")
            elif ch not in accounts:
                known = "、".join(f"{k}（{a['name']}）" for k, a in accounts.items())
                yield doc.value_hit(self.id, ("channels", i),
                                    f"平台“{ch}”未登记：只能发布到已登记的平台：{known}")
        if channels.count("website") == 0 and channels:
            yield doc.value_hit(self.id, "channels", "所有信息都应在局官网发布：在 channels 中加上 website")
        if "wechat" not in channels:
            return
        cover = doc.meta_str("cover")
        if cover is None:
            yield doc.value_hit(self.id, "channels", "发布到微信公众号需要封面图：在文章旁边放一张图片并填写 cover: 文件名")
            return
        root = self.policy.root
        target = (root / doc.article.path).parent / cover
        if target.is_symlink() or not target.resolve().is_relative_to(root.resolve()):
            yield doc.value_hit(self.id, "cover", f"封面图“{cover}”必须是仓库内文章旁边的文件，不能是链接或仓库外的路径")
        elif not target.is_file():
            yield doc.value_hit(self.id, "cover", f"封面图“{cover}”不存在：把图片放在文章旁边，或改正文件名")
        elif target.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            yield doc.value_hit(self.id, "cover", f"封面图“{cover}”应为 JPG 或 PNG 图片")
