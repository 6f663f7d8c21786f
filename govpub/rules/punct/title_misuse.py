from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document

# 《…》 around the name of an activity, a meeting, a course or an organisation: what the name ends
# with says what it is. A document's title ends otherwise (…方案, …通知, …办法, …条例), so 《民法典》宣传活动
# and 《关于开展“民法典进乡村”活动的通知》 pass.
KINDS = ("专项行动", "主题活动", "活动", "行动", "工程", "比赛", "竞赛", "大赛", "宣传周", "宣传月", "宣传日",
         "培训班", "座谈会", "研讨会", "论坛", "讲座", "发布会", "大会", "工作会议", "中心", "委员会", "工作室")
MISUSED = re.compile(r"《((?:(?!关于)[^《》〈〉\n]){2,30}?(?:" + "|".join(KINDS) + r"))》")


@rule
class TitleMisuseRule(Rule):
    """书名号用在了活动、会议或机构名称上。

    ## 作用
    找出书名号内是活动、会议、培训、比赛或机构名称的情形：书名号里的名称以“活动”“行动”“工程”
    “竞赛”“宣传周”“培训班”“座谈会”“论坛”“大会”“中心”“委员会”等结尾（“开展《民法典进乡村》主题活动”
    不算，“开展《民法典进乡村活动》”算）。文件、法律和书刊的名称（以“方案”“通知”“办法”“条例”等结尾，
    或以“关于”开头）不提示。

    ## 原因
    第五条（四）：表述规范。GB/T 15834—2011 4.15.4：不能视为作品的课程、课题、奖品奖状、商标、
    证照、组织机构、会议、活动等名称，不应用书名号。

    ## 示例
    `我局开展《宪法进万家宣传周》活动。`、`群众可到《湛江市公共法律服务中心》咨询。`

    ## 修改方法
    活动、会议名称改用引号或不加标点：`开展“宪法进万家”宣传周活动`；机构名称不加书名号。
    """

    id = "punct.title-misuse"
    title = "书名号误用"
    article = "第五条（四）"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.prose
        text = view.text
        if "《" not in text:
            return
        for m in MISUSED.finditer(text):
            name = m.group(1)
            yield doc.hit(self.id, view, m.start(), m.end(),
                          f"“{name}”是活动、会议或机构的名称，不用书名号：改用引号“{name}”或去掉书名号")
