from __future__ import annotations

from govpub.rules import rule
from govpub.rules.prohibited._kinds import KindRule


@rule
class IncendiaryRule(KindRule):
    """传授用燃料和瓶罐做燃烧物、爆炸物，点着扔向人或物。

    ## 作用
    同一句中有**燃料或炸药**（汽油、柴油、化肥、火药）、**容器**（玻璃瓶、罐、钢管）、**点着**（点燃、引爆）和
    **扔出去**（扔、丢、投、砸）时提示，不论叫“鱼炮”“土办法”还是“经验”。说法在 `checks/wordlists/kinds.yml`
    的 `incendiary` 中。同一句有严禁、不要、危险、消防、判处、以危险方法等说法时是提醒或报道。

    ## 原因
    第六条（七）：不得发布暴力、恐怖或者教唆犯罪的内容。

    ## 示例
    `提前备好几个装了汽油的玻璃瓶，塞上布条，点着扔过去`；`用化肥加柴油装进玻璃瓶，点着丢进礁石区`。

    ## 修改方法
    删除这句话；普法文章写明这种做法触犯的罪名和后果。
    """

    id = "prohibited.incendiary"
    title = "传授燃烧物爆炸物"
    article = "第六条（七）"
    kind = "incendiary"
