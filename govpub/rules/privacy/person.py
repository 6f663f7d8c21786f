from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from govpub.content.dates import parse_datetime
from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Regexes
from govpub.rules.normalize import View
from govpub.rules.privacy.plate import MASKED, NAME, SURNAMES
from govpub.rules.sentences import Sentences

if TYPE_CHECKING:
    from govpub.policy import Policy

# an age under 18 said of a person: 14岁, 今年15岁, （15周岁）
AGE = re.compile(r"(?<![0-9.])([0-9]{1,2})\s*周?岁")
# or a birth year that makes the person a minor in the article's year: 2011年出生, 2010年3月生
BIRTH_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年(?:\s*[0-9]{1,2}\s*月)?(?:\s*[0-9]{1,2}\s*日)?\s*出?生")
# a name right before the sex in brackets or after a comma: 林国栋，男，/ 梁小燕（女，
SEXED = re.compile(rf"(?P<n>{NAME})(?![{MASKED}])\s*[（(，,、]\s*[男女](?:[，,、）)]|性)")
# a name followed at once by its full birth date, as in a case summary: 典型人员：周立新，1985年4月12日出生
# (a leader's profile gives the year and month only: 1982年6月生)
BORN = re.compile(rf"(?P<n>{NAME})(?![{MASKED}])\s*[，,（(]\s*(?:19|20)[0-9]{{2}}\s*年\s*[0-9]{{1,2}}\s*月\s*[0-9]{{1,2}}\s*日\s*出?生(?![效产活长])")
# the person named right after the harm or the status: 遭受家庭暴力的刘美玲, 被强制隔离戒毒的冯家辉
# (假释期间的周建伟, 正在戒毒中的……)
AFTER_HARM = re.compile(rf"(?:家庭暴力|家暴|性侵|侵害|猥亵|虐待|遗弃|戒毒|矫正|服刑|刑满释放|假释|缓刑|监外执行|取保候审|吸毒"
                        rf"|致残|残疾|患病|[癌病症])(?:期间|中|[0-9一二三四五六七八九十两半]+(?:年|个月|天))?的"
                        rf"(?P<n>{NAME})(?![{MASKED}])(?=[，,（(在向于因经被与和到曾已出回现遵按每仍还也都说称]"
                        rf"|积极|主动|表示|坦言|多次|一直|先后|长期|今年|目前)")

# a full name opening a clause, its status or record right after it: 谭国强刑满释放后……,
# 陈志鹏因盗窃罪被判处……, 卢婷婷患有抑郁症, 王强目前正在接受社区矫正 (a name of two characters only where
# a sentence or clause opens: TWO_CHAR_WORDS and personal.yml's not_names hold the words that look like one)
BEFORE_STATUS = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<n>{NAME})(?![{MASKED}])"
    # (a courtesy word may stand between: 杨秀珍老人双目失明; or the relative whose status it is: 邓国强的妻子……)
    r"(?=(?:老人|阿姨|大爷|大妈|老伯|奶奶|爷爷|婆婆|女士|先生)?"
    r"(?:的(?:妻子|丈夫|儿子|女儿|父亲|母亲|孩子|配偶|老伴|前妻|前夫|家人|家属|亲属)|家(?:中|里)有|"
    r"(?:目前|现在|现|此前|之前|早年|多年前|去年|曾经?|已经?|于|一直|仍)?(?:(?:是|系)(?:一名|一位|一个)?)?(?:正在|仍在|正|在)?"
    r"(?:因[\u4e00-\u9fff]{1,6}?)?(?:刑满释放|被判|入矫|接受社区矫正|社区矫正期间|被强制隔离戒毒|被(?:行政|刑事)拘留|被逮捕"
    r"|被取保候审|服刑|假释出狱|缓刑期间|假释期间|监外执行|出狱|出监|戒毒|双目失明|失明|瘫痪|卧病|卧床|身患|查出|得了|患了|病重|重病|聋哑"
    r"|强制隔离戒毒|戒毒期间|吸毒|服刑期间|患有|长期患|罹患|确诊|HIV|艾滋|患(?=[\u4e00-\u9fff]{1,6}?(?:癌|病|症|瘤))|系(?:社区矫正|刑满释放|戒毒|吸毒|低保|特困|残疾|精神)"
    r"|的(?:病历|病史|病情|诊断|体检报告|检查报告|化验单|精神鉴定|鉴定意见))))")

# a full name with the record or the status in brackets right after it: 陈志强（因危险驾驶罪被判处……）,
# 黄某某的邻居林秀兰（系低保户，……）
BRACKETED = re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=[的对向给让把将与和及同跟由了]))(?P<n>{NAME})(?![{MASKED}])")
BRACKET_STATUS = re.compile(r"\s*[（(][^）)]{0,16}?(?:罪|被判|判处|刑满|矫正|戒毒|吸毒|服刑|假释|缓刑|拘留|患|确诊|残疾|低保|特困)")
# ILL_ABSENT counts only with a diagnosis in the sentence (确诊肺癌, 正在化疗): 老干部因病住院治疗，局领导前往看望 is a visit
DIAGNOSIS = re.compile(r"确诊|诊断为|化疗|放疗|透析|[癌瘤]|尿毒症|白血病|病情|病危|手术|抑郁|精神")
# a named person's absence put down to an illness (许文辉律师因病住院（确诊……）): their title may follow the name
ILL_ABSENT = re.compile(rf"(?P<n>{NAME})(?![{MASKED}])(?=(?:律师|同志|老师|医生|法官|检察官|调解员|民警|警官|主任|科长|局长|所长|站长|书记)?"
                        r"(?:因病|因患|因[\u4e00-\u9fff]{1,4}?(?:住院|手术)|住院|病休))")

# a full name with a courtesy word after it names a private person (看望许桂英阿姨，她早年双目失明)
COURTESY = re.compile(rf"(?P<n>{NAME})(?![{MASKED}])(?=阿姨|大爷|大妈|老人|老伯|奶奶|爷爷|大叔|大姐|大哥|伯伯|婶婶|阿婆|阿公|老太"
                      r"|同学|小朋友)")
# a list of names after its head (名单：吴某某、黄伟强、李某): every unmasked item
LIST_HEAD = re.compile(r"(?:名单|分别(?:是|为)|包括|有)(?:如下)?\s*[:：]")
LIST_ITEM = re.compile(rf"(?<=[:：、，,])\s*(?P<n>{NAME})(?![{MASKED}])(?=\s*(?:[、，,。；;（(]|$))")
# a list of names run on after a verb and closed by its head count (对象有蔡永福、莫海生、邓秋燕三人,
# 包括林某某、黄伟强等4名): every unmasked item (the count shows the items are persons)
_NAME_NOMASK = rf"{NAME}(?![{MASKED}])"
LIST_VERB = re.compile(rf"(?:有|包括|包含|分别是|是|为)\s*(?P<n>{_NAME_NOMASK})(?=(?:、\s*{NAME}){{1,12}}\s*(?:等)?\s*"
                       r"[0-9一二三四五六七八九十两]+\s*(?:人|名|位))")
LIST_VERB_ITEM = re.compile(rf"、\s*(?P<n>{_NAME_NOMASK})(?=\s*(?:、|等|[0-9一二三四五六七八九十两]+\s*(?:人|名|位)))")
# a real name given beside a made-up one: 小芳（真名李芳芳）
REAL_NAME = re.compile(rf"(?:真名|本名|原名|真实姓名)(?:为|是|叫)?\s*[:：]?\s*(?P<n>{NAME})(?![{MASKED}])")

# a masked name with the full one in brackets after it: 张某（张建华）, 李某某(即李国强)
UNMASKED = re.compile(rf"(?P<s>[{SURNAMES}])[{MASKED}]{{1,2}}\s*[（(]\s*(?:真名|本名|原名|即|实名)?\s*[:：]?\s*(?P<n>{NAME})(?![{MASKED}])\s*[）)]")
# a list of names, one an item per line (1. 陈建国 / - 林志华，男): the lines under a heading
LIST_LINE = re.compile(rf"^[ \t]*(?:\d{{1,3}}\s*[.、．)）]|[-*+•·]|[（(][0-9一二三四五六七八九十]{{1,3}}[）)])[ \t]*(?P<n>{NAME})(?![{MASKED}])"
                       r"[ \t]*(?=[，,、（(：:；;。]|$)", re.MULTILINE)

# a chat record pasted: speakers' lines (陈国华：你借的钱什么时候还？) under a word that says what they are
CHAT_CUE = re.compile(r"聊天记录|聊天截图|微信记录|对话记录|短信记录|通话记录|群聊记录|聊天内容|对话内容")
SPEAKER_LINE = re.compile(rf"^[ \t>*_-]*(?P<n>{NAME})(?![{MASKED}])[ \t]*[:：](?=[ \t]*\S)", re.MULTILINE)
# names that stand for anyone in a lesson or a sketch (张三：……李四：……)
PLACEHOLDERS = frozenset({"张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十"})

# a staff title right before a name found by its structure: the bureau's own people and partners in a
# feature story (调解员陈丽华老人带病坚持工作), not a private person
# (or a public office: a convicted official named in a warning-education report, 原市交通局局长黄志明（因受贿罪……）)
STAFF = re.compile(r"(?:调解员|律师|法官|检察官|民警|警官|干警|干部|所长|科长|局长|主任|书记|站长|社工|志愿者|工作人员"
                   r"|网格员|公证员|法律顾问|讲解员|代表|委员|同志|老师|医生|辅警"
                   r"|市长|县长|区长|镇长|乡长|厅长|部长|处长|院长|检察长|主席|常委|董事长|总经理)[\s:：]*$")

# a Markdown table: its header line, the delimiter line, then its rows
TABLE = re.compile(r"^(?P<head>[ \t]*\|.*\|[ \t]*)\n[ \t]*\|?[ \t]*:?-{2,}.*\n(?P<rows>(?:[ \t]*\|.*(?:\n|$))+)", re.MULTILINE)
NAME_HEADER = re.compile(r"^(?:姓名|名字|人员姓名|当事人|对象姓名|人员|服务对象|帮扶对象|救助对象|受助人|受援人|户主|户主姓名|户名"
                         r"|家属|监护人|求助人|申请人|被帮扶人|走访对象|慰问对象|村民|居民)$")
# a full name filling a cell or written in brackets beside a masked one: | 陈志辉 |, | 陈X辉（陈志辉） |
NAME_IN_CELL = re.compile(rf"(?:^\s*|[（(]\s*)(?P<n>{NAME})(?![{MASKED}])\s*(?:$|[）)])")
# a list of the bureau's people, not of the persons it serves
STAFF_COLUMN = re.compile(r"单位|职务|职称|岗位|执业证|部门|科室|联系电话|办公电话")
STAFF_LIST = re.compile(r"先进|表彰|优秀|获奖|评选|推荐|工作人员|工作者|调解员|律师|干部|志愿者|专家|讲师|网格员|值班"
                        r"|嘉宾|主讲|评委|民警|警官|法官|检察官|医生|教师")
# a person's office or profession after the name on a list's line (陈建国，市强制隔离戒毒所所长): one of the bureau's people
# or a partner, not a person it serves
OFFICE_AFTER = re.compile(r"所长|主任|局长|科长|处长|院长|书记|律师|医生|民警|警官|法官|检察官|教师|老师|调解员|公证员|专家|教授"
                          r"|干部|工作人员|社工|委员|代表")
_TABLE_CONTEXT = 400  # characters before a table that can say what its list is
# a column of a person table that holds sensitive information itself: | 姓名 | 出生日期 | 罪名 |
SENSITIVE_HEADER = re.compile(r"出生日期|出生年月日|生日|病情|病症|疾病|病史|诊断|残疾|健康状况|罪名|刑期|判决|刑罚|矫正类别|矫正期限"
                              r"|戒毒|吸毒|违法事实|宗教|低保|救助类别|前科|困难情况|致困原因|保障类别|信访事项|上访")

# a role that is a status no official of the bureau holds: 戒毒人员梁振宇 is a private person even where a leader
# has the same name
STATUS_ROLE = re.compile(r"戒毒|吸毒|矫正|服刑|刑满|释放|帮教|罪犯|在押|嫌疑人|被告人|低保|特困|患者|病人|被害人|受害")
# a name marked as made up: 刘美玲（化名）; or every name in the article: 文中人物均为化名
PSEUDONYM = re.compile(r"\s*[（(]\s*(?:均?为|系)?化名\s*[）)]")
ALL_PSEUDONYMS = re.compile(r"(?:人物|当事人|人名|姓名|名字)[\u4e00-\u9fff]{0,2}(?:均|皆|都)(?:为|是|系)化名")


# words of two characters that open with a surname and stand before a status (关于刑满释放人员……, 高龄患有……)
TWO_CHAR_WORDS = frozenset({"关于", "高龄", "易患", "江门", "常年", "曾经", "万一", "向来", "何况", "程序", "余生", "文中",
                            "方才", "武警", "毛病", "任其", "石化", "田间", "金融", "白天", "许多"})
# adverbs and measure words after a surname character (曾因吸毒……, 高危吸毒人员) are no given name
_NOT_GIVEN = "因被多经是已曾先两三次又也都还就仍均危发年期"
# what may stand before a name of two characters that opens a clause
_CLAUSE_OPEN = "。！？；;，,：:\n“\""


def _full_name_opening(text: str, m: re.Match[str]) -> bool:
    """BEFORE_STATUS's name is a full name: three characters, or two where a sentence or clause opens."""
    name = m.group("n")
    if len(name) == 3:
        return True
    return (name not in TWO_CHAR_WORDS and name[1] not in _NOT_GIVEN
            and (m.start() == 0 or text[m.start() - 1] in _CLAUSE_OPEN))


def _full_name(text: str, m: re.Match[str]) -> bool:
    """BRACKETED's name: three characters, or two not in TWO_CHAR_WORDS with a given name."""
    name = m.group("n")
    return len(name) == 3 or (name not in TWO_CHAR_WORDS and name[1] not in _NOT_GIVEN)


@dataclass(frozen=True)
class _Category:
    name: str
    terms: re.Pattern[str]
    minor: bool  # an age under 18 must stand in the sentence
    evident: re.Pattern[str] | None  # unless the term itself says minor: 未成年, 初二
    context: re.Pattern[str] | None  # and this (a case, a harm suffered)


@dataclass(frozen=True)
class PrivateNames:
    """Full names of private persons in checks/wordlists/personal.yml's sense: a role word and
    the name right after it (申请人林国栋), a name with its sex (林国栋，男，), a victim named after
    the harm; not masked (张某), not a common word (矫正对象严格……), not a registered leader."""

    named: re.Pattern[str]
    not_names: tuple[str, ...]
    officials: frozenset[str]

    @classmethod
    def load(cls, policy: Policy) -> PrivateNames:
        data = policy.wordlist("personal", "personal").data
        leaders = policy.leaders.data.get("leaders") or []
        return cls(named=re.compile(rf"(?:{data['roles']})\s*[:：]?\s*(?P<n>{NAME})(?![{MASKED}])"),
                   not_names=tuple(data.get("not_names") or ()),
                   officials=frozenset(str(e["name"]) for e in leaders))

    def find(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        if ALL_PSEUDONYMS.search(text):
            return []  # 文中当事人均为化名
        staff = STAFF_LIST.search(text, start, end) is not None  # an honour roll, a list of staff
        listed = [item for head in LIST_HEAD.finditer(text, start, end) if not staff
                  for item in LIST_ITEM.finditer(text, head.end() - 1, end)]
        listed += [item for head in LIST_VERB.finditer(text, start, end) if not staff
                   for item in (head, *LIST_VERB_ITEM.finditer(text, head.end(), end))]
        found = [*(m for m in self.named.finditer(text, start, end)
                   if not (staff and m.group().startswith(("名单", "分别")))), *listed, *REAL_NAME.finditer(text, start, end),
                 *(m for m in UNMASKED.finditer(text, start, end) if m.group("n")[0] == m.group("s")), *(
            m for m in (*SEXED.finditer(text, start, end), *AFTER_HARM.finditer(text, start, end),
                        *(m for m in ILL_ABSENT.finditer(text, start, end) if DIAGNOSIS.search(text, start, end)),
                        *(m for m in BRACKETED.finditer(text, start, end)
                          if BRACKET_STATUS.match(text, m.end()) and _full_name(text, m)),
                        *COURTESY.finditer(text, start, end),
                        *(m for m in BEFORE_STATUS.finditer(text, start, end) if _full_name_opening(text, m)),
                        *(m for m in BORN.finditer(text, start, end) if _full_name_opening(text, m)))
            if not STAFF.search(text, max(start, m.start() - 8), m.start()))]
        return [m for m in found
                if not m.group("n").startswith(self.not_names)
                and (m.group("n") not in self.officials or m.re is self.named and STATUS_ROLE.search(m.group(), 0, m.start("n") - m.start()))
                and not PSEUDONYM.match(text, m.end("n"))]


@dataclass(frozen=True)
class _Data:
    names: PrivateNames
    categories: list[_Category]
    gate: Regexes  # which categories' terms can match a text


@rule
class PersonRule(Rule):
    """私人的全名与出生日期、健康状况、受害情况、矫正或戒毒等敏感信息一起公开。

    ## 作用
    同一句中既有私人的全名，又有 `checks/wordlists/personal.yml` 的 `categories` 所列的一类
    敏感信息时提示：完整的出生日期（“1979年3月12日出生”“出生于1986年11月3日”），未成年人及其年龄
    （“未成年人王晓东今年14岁”；写明“初二”“五年级”的不需要年龄），
    健康、疾病或残疾状况（“受援人黄秀英长期患有尿毒症”），低保、特困等救助身份（“申请人彭丽华系低保户”），
    家庭暴力或性侵害的受害人，违法犯罪记录、
    社区矫正或戒毒（“社区矫正对象吴海涛”）。全名是称呼私人的说法（`roles`：申请人、当事人、受援人、
    学生、社区矫正对象、村民……）后面紧跟的姓名，或后面标明性别的姓名（“林国栋，男，”），
    或紧跟在受害情况后的姓名（“遭受家庭暴力的刘美玲”“假释期间的周建伟”），或在分句开头、后面紧跟身份或记录的全名
    （“谭国强刑满释放后……”“陈志鹏因盗窃罪被判处……”“王强目前正在接受社区矫正”，两字的姓名须在句子或分句开头；
    也包括亲属的状况：“邓国强的妻子长年卧病在床”），或“名叫”后面的姓名，或后面带“阿姨”“大爷”“老人”一类称呼的姓名，或在分句开头、后面紧跟完整出生日期的全名（“典型人员：周立新，1985年4月12日出生”）。
    敏感信息也可以换一种说法：“查出患了……癌”“卧床不起”“出狱后”“被前夫殴打”“申请人身安全保护令”，
    出生日期也可以用汉字数字（“一九八八年四月二十三日出生”）。
    动词后列出、以人数收尾的名单（“社区矫正对象有蔡永福、莫海生、邓秋燕三人”）中的每个姓名，
    按职业称呼的私人（职工、员工、外卖员、租客……）也算；“因患乳腺癌”“患上尘肺病”、怀孕也是健康状况；
    未成年人被训诫、处分、逃学一类情节也算案件。
    个人的宗教信仰（“信奉伊斯兰教”“是基督教徒”）也是敏感信息。
    身份词紧跟在姓名前也算称呼和敏感信息（“解矫人员黄志坚”“低保户吴亚妹（……）”“重度残疾人梁伟明”“救助对象韦秀珍，”），
    “受害者”“某某之子”后面的姓名、“韦志勇的家属”一类亲属说法前的姓名也是私人全名。
    第九轮：姓名后括号中写着记录或状况（“陈志强（因危险驾驶罪被判处拘役……）”“林秀珍（系低保户）”），
    因病缺席并写明诊断（“许文辉律师因病住院（确诊肺癌……）”），打码姓名后括号中的全名（“张某（张建华）”），
    敏感标题下一行一个的名单（“吸毒人员名单如下：/ 1. 陈建国”），姓名列旁有“出生日期”“诊断”“罪名”一类栏目的表格，
    贴出的聊天记录中的发言人（“聊天记录显示：/ 陈国华：……/ 林秀梅：……”）也提示；前面是公职（“原市交通局局长”）的、
    情景剧的“张三”“李四”、“老干部因病住院治疗，局领导看望”（没有诊断）不提示。

    去标识化的写法（张某、李某某、王××）、注明化名的姓名（“刘美玲（化名）”“文中当事人均为化名”）、本局领导（registry/leaders.yml）、只有年月的干部简历
    （“1982年6月生”）和不点名的一般说法（“患有精神疾病的当事人可以申请法律援助”）不提示。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。《个人信息保护法》第二十八条：
    医疗健康、未成年人、违法犯罪记录等属于敏感个人信息；《未成年人保护法》《反家庭暴力法》
    都要求保护当事人的隐私。

    ## 示例
    `社区矫正对象吴海涛按时到司法所报到。`、`受援人黄秀英长期患有尿毒症。`

    ## 修改方法
    把姓名写成“吴某”“黄某某”，或删除敏感的内容（出生日期只保留年月或删除）。
    """

    id = "privacy.person"
    title = "姓名与敏感个人信息"
    article = "第五条（一）、第十二条"

    @cached_property
    def _data(self) -> _Data:
        data = self.policy.wordlist("personal", "personal").data
        return _Data(
            names=PrivateNames.load(self.policy),
            categories=[_Category(c["name"], re.compile(c["terms"]), bool(c.get("minor")),
                                  re.compile(c["evident"]) if c.get("evident") else None,
                                  re.compile(c["context"]) if c.get("context") else None)
                        for c in data["categories"]],
            gate=Regexes([re.compile(c["terms"]) for c in data["categories"]]),
        )

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        data = self._data
        sentences: Sentences | None = None
        reported: set[int] = set()
        maybe = data.gate.candidates(text)
        known: list[str] | None = None  # the private persons' full names the article establishes, found when needed
        written = parse_datetime(doc.meta_str("date") or "")
        year = written.year if written is not None else dt.date.today().year
        for i, category in enumerate(data.categories):
            for term in category.terms.finditer(text) if i in maybe else ():
                if sentences is None:
                    sentences = Sentences(text)
                start, end = sentences.at(term.start())
                if start in reported:
                    continue
                if (category.minor  # 学生 needs an age; 未成年人, 初二 say it
                        and not (category.evident is not None and category.evident.match(term.group()))
                        and not any(int(a.group(1)) < 18 for a in AGE.finditer(text, start, end))
                        and not any(int(b.group(1)) > year - 18 for b in BIRTH_YEAR.finditer(text, start, end))):
                    continue
                if category.context is not None and not category.context.search(text, start, end):
                    continue
                names = data.names.find(text, start, end)
                if not names:
                    if known is None:
                        known = self._private_names(text, doc.body_vstart)
                    names = self._mentions(text, start, end, known)
                if not names:
                    continue
                name = min(names, key=lambda m: abs(m.start() - term.start()))
                reported.add(start)
                full = name.group("n")
                yield doc.hit(self.id, view, name.start("n"), name.end("n"),
                              f"全名“{full}”与{category.name}（“{term.group()}”）一起公开：姓名写成“{full[0]}某”，"
                              "或删除敏感的内容")
        if "|" in text:
            yield from self._tables(doc, view, maybe)
        if CHAT_CUE.search(text):
            yield from self._chat(doc, view)
        if "\n" in text and any(i in maybe for i, c in enumerate(data.categories) if not c.minor):
            yield from self._list_lines(doc, view, maybe)

    def _private_names(self, text: str, body: int) -> list[str]:
        """The full names of three characters that the article establishes as private persons anywhere
        (低保户谢桂芬。……; 居民冯志强入职……): a later sentence may give the sensitive fact with the name alone."""
        names = self._data.names
        return list(dict.fromkeys(m.group("n") for m in names.find(text, body, len(text)) if len(m.group("n")) == 3))

    @staticmethod
    def _mentions(text: str, start: int, end: int, known: list[str]) -> list[re.Match[str]]:
        """The mentions in text[start:end] of a private person named earlier or later in the article
        (今年58岁的谢桂芬患有尿毒症), not after a staff title."""
        found = []
        for full in known:
            for m in re.finditer(rf"(?P<n>{full})(?![{MASKED}])", text[:end]):
                if m.start() >= start and not STAFF.search(text, max(start, m.start() - 8), m.start()) \
                        and not PSEUDONYM.match(text, m.end()):
                    found.append(m)
        return found

    def _chat(self, doc: Document, view: View) -> Iterator[Hit]:
        """A pasted chat record (微信聊天记录显示：/ 陈国华：…… / 林秀梅：……): two or more speakers' lines, each a
        private person's full name; a sketch's 张三、李四 and the bureau's people aside."""
        text = view.text
        names = self._data.names
        lines = [m for m in SPEAKER_LINE.finditer(text, doc.body_vstart)
                 if m.group("n") not in PLACEHOLDERS and m.group("n") not in names.officials
                 and not m.group("n").startswith(names.not_names)
                 and (len(m.group("n")) == 3 or m.group("n")[1] not in _NOT_GIVEN)]
        if len(lines) < 2 or ALL_PSEUDONYMS.search(text):
            return
        for full in dict.fromkeys(m.group("n") for m in lines):
            m = next(m for m in lines if m.group("n") == full)
            yield doc.hit(self.id, view, m.start("n"), m.end("n"),
                          f"贴出的聊天记录中有私人全名“{full}”：姓名写成“{full[0]}某”，或删去聊天记录")

    def _list_lines(self, doc: Document, view: View, maybe: set[int]) -> Iterator[Hit]:
        """A list of persons one a line (吸毒人员名单如下：/ 1. 陈建国 / 2. 林志华) under a heading or a paragraph that
        puts them in a sensitive category: every full name listed is reported."""
        text = view.text
        data = self._data
        names = data.names
        for m in LIST_LINE.finditer(text, doc.body_vstart):
            full = m.group("n")
            if full in names.officials or full.startswith(names.not_names) or PSEUDONYM.match(text, m.end("n")):
                continue
            if len(full) == 2 and (full in TWO_CHAR_WORDS or full[1] in _NOT_GIVEN):
                continue
            lo = max(doc.body_vstart, m.start() - _TABLE_CONTEXT)
            category = next((c for i, c in enumerate(data.categories)
                             if i in maybe and not c.minor and c.context is None and c.terms.search(text, lo, m.end())),
                            None)
            line_end = text.find("\n", m.end())
            if (category is None or STAFF_LIST.search(text, lo, m.start()) or ALL_PSEUDONYMS.search(text)
                    or OFFICE_AFTER.search(text, m.end(), line_end if line_end >= 0 else len(text))):
                continue
            yield doc.hit(self.id, view, m.start("n"), m.end("n"),
                          f"全名“{full}”列在{category.name}的名单中：姓名写成“{full[0]}某”，或删除名单")

    def _tables(self, doc: Document, view: View, maybe: set[int]) -> Iterator[Hit]:
        """A table of persons (a 姓名 column) that the paragraphs before it or its own rows put in a
        sensitive category (解除强制隔离戒毒人员帮扶名单): every full name in the column is reported."""
        text = view.text
        data = self._data
        names = data.names
        for table in TABLE.finditer(text, doc.body_vstart):
            header = [h.strip(" \t*_") for h in table.group("head").strip().strip("|").split("|")]
            columns = [i for i, h in enumerate(header) if NAME_HEADER.search(h)]
            if not columns or any(STAFF_COLUMN.search(h) for h in header):
                continue  # no person column, or a list of staff (单位, 职务)
            lo = text.rfind("\n\n", doc.body_vstart, max(doc.body_vstart, table.start() - 1))
            lo = text.rfind("\n\n", doc.body_vstart, lo) if lo > doc.body_vstart else doc.body_vstart
            lo = max(lo, doc.body_vstart, table.start() - _TABLE_CONTEXT)
            found = next((c.name for i, c in enumerate(data.categories)
                          if i in maybe and not c.minor and c.context is None and c.terms.search(text, lo, table.end())),
                         None)
            sensitive = next((h for h in header if SENSITIVE_HEADER.search(h)), None)
            category = found or (f"有“{sensitive}”一栏" if sensitive else None)
            if category is None or STAFF_LIST.search(text, lo, table.start()):
                continue  # an honour roll or a list of staff on a sensitive topic
            for row in re.finditer(r"^[ \t]*\|.*$", table.group("rows"), re.MULTILINE):
                cells = row.group().strip().strip("|").split("|")
                offset = table.start("rows") + row.start() + row.group().index("|") + 1
                for i, cell in enumerate(cells):
                    if i in columns:
                        for m in NAME_IN_CELL.finditer(cell):
                            full = m.group("n")
                            if full in names.officials or full.startswith(names.not_names):
                                continue
                            start = offset + m.start("n")
                            yield doc.hit(self.id, view, start, start + len(full),
                                          f"全名“{full}”列在{category}的名单中：姓名写成“{full[0]}某”，或删除名单")
                    offset += len(cell) + 1
