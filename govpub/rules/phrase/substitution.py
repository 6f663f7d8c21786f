from __future__ import annotations

from govpub.rules import rule
from govpub.rules.phrase._substitution import SubstitutionRule, quoted


@rule
class PhraseSubstitutionRule(SubstitutionRule):
    """使用了规范表述之外的说法（“应使用 Y，不使用 X”），属于政治性表述错误或歧视性称谓。

    ## 作用
    按 `checks/wordlists/xinhua.yml`（仿新华社《新闻报道中的禁用词》）中 `level: error` 的条目查找错误表述。
    该表按类别分列：国家主权和领土（“台湾总统”“香港主权移交”“回归大陆”“一带一路”称“战略”“工程”）、
    国家机构和职务称谓（“全国人大委员长”）、民族和宗教（“维族”“喇嘛教”）、对特定人群的歧视性称谓
    （“残废人”“独眼龙”）、法律用语、国际关系（“北朝鲜”“南韩”“满洲国”不加“伪”）。
    民族名称的随意简称不靠逐条登记：按 `ethnic_groups`（五十五个少数民族的全称）生成“首字 + 族”
    （“柯族”“塔族”），恰好是另一个民族正式名称的（“土族”）不生成。党和国家领导人的职务同样不靠逐条登记：
    按 `state_leaders`（现任领导人及其职务）生成“姓名 + 别人的职务”“职务 + 姓名”的错误写法
    （“李强总书记”“国家主席赵乐际”），写明“时任”“原”的历史叙述不提示；“主席”一词协会、工会也用，不参与比对。三个字姓名的领导人只写姓加本人职务的简称
    （“习总书记”“习主席”“赵委员长”）同样由 `state_leaders` 生成并提示，应写全名；“学习总书记讲话”和军队语境中的“习主席”不提示。
    字与字之间夹空格或符号的写法（“台 湾 总 统”）、繁体和全角写法同样会被发现；隔着引号的（“八五”普法）不算。
    每条可用 `followed_by`、`not_preceded_by`、`unless`、`when`（同一句须出现）、`except` 限定语境，
    所以“东北朝鲜族”“河南韩某”“印度支那”“参与‘一带一路’项目建设”不提示。

    ## 何为错误、何为警告
    改变了国家主权和领土、国家机构、民族宗教、国际关系的政治含义的，以及对群体的蔑称，是 `error`，
    由本规则报告并阻止提交；要看语境才能定的（判决前后称“罪犯”、“正常人”与残疾人对照）和书写形式的
    规范（数字概括语加引号、并列机关加顿号）是 `warning`，由 `phrase.caution` 提示，不阻止提交。

    ## 原因
    第五条（三）：审核是否存在政治性表述错误。严重表述错误是国家政府网站检查的单项否决项。

    ## 示例
    `台湾总统`、`残废人`、`1999年澳门政权移交后`、`服务“一带一路”战略`、`两名柯族牧民`。

    ## 修改方法
    改为提示的规范表述（提示中写明规范写法和依据）。
    """

    id = "phrase.substitution"
    title = "规范表述"
    article = "第五条（三）"
    cited_examples = True  # 错例：“……” / 把“X”写成“Y”: the wrong form quoted by a lesson
    level = "error"

    def message(self, wrong: str, right: str, note: str) -> str:
        return f"表述“{wrong}”不规范：应使用{quoted(right)}{note}"
