from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govpub.content import assets, images
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document


@rule
class ImageSizeRule(Rule):
    """图片太大（文件大小或像素）。

    ## 作用
    找出 content/ 下文件超过 2 MB、或长边超过 2560 像素的图片（JPG、PNG、GIF、WebP）。
    限制写在 `checks/images.yml`（max_bytes、max_side），局办公室可以调整。

    ## 原因
    第四条：网站要稳定、便于访问。手机拍的照片通常 4000×3000 像素、3～12 MB，而网页正文最宽
    约 1000 像素：原图只会让手机读者久等、耗费流量，并且永远留在仓库历史里，每个人下载仓库都更慢。

    ## 示例
    把手机相册里的原图 `IMG_2041.jpg`（11.2 MB，4032×3024 像素）直接放进 `content/gzdt/2026/`。

    ## 修改方法
    运行 `govpub fix 图片路径`（或 `govpub fix 文章路径`，处理文章用到的图片）：图片缩小到长边
    1920 像素、摆正方向、去掉拍摄地点等元数据，文件名不变，文章里的图片链接不用改；
    然后 `git add` 图片再提交。只用网页提交的，合并请求中的“Word 稿件转换”会把上传的过大照片
    缩小后提交到同一个分支；也可以先在手机相册或看图软件中“调整大小”后再上传。
    """

    id = "meta.image-size"
    title = "图片大小"
    article = "第四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        art = doc.article
        path = self.policy.root / art.path
        if art.readable or Path(art.path).suffix.lower() not in assets.IMAGE_SUFFIXES \
                or path.is_symlink() or not path.is_file():
            return []
        why = images.too_large(path, images.limits(self.policy))
        if why is None:
            return []
        return [Hit(self.id, 0, 0, f"图片太大（{why}）：网页打开慢、耗流量，并永久留在仓库历史中。"
                                   f"处理办法：运行 govpub fix {art.path} 缩小图片（文件名不变），再 git add 后提交；"
                                   "只用网页提交的，合并请求中的“Word 稿件转换”会自动缩小，按它的评论操作")]
