from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.matching import Match, Matcher, Regexes, covered
from govpub.rules.normalize import View
from govpub.rules.secret.level import PATTERNS as _LEVEL_PATTERNS
from govpub.rules.sentences import Sentences, line_at

# before a marking at the head of a line or of a table cell (| 检查时间 | 内部掌握，请勿透露 |): spaces,
# Markdown marks, opening brackets
# or of an HTML element or attribute pasted from a converter (<p>内部资料</p>, <img alt="内部资料">)
_HTML_LEAD = r"(?:\s*<[^<>\n]{0,200}>)*(?:\s*<[A-Za-z][^<>\n]*?\s(?:alt|title)\s*=\s*[\"'])?"
_LEAD = re.compile(r"(?:[ \t]*\|[^\n]*\|)?" + _HTML_LEAD + r"[\s#>*_\-!★☆※◆■●▲（(【\[〔「『]*(?:附件\s*[0-9一二三四五六七八九十]*\s*[:：]\s*)?")
# or a note's label or a polite 请 (说明：……, 请阅后……) before a marking that restricts the paper; not before
# the care words a public notice also uses (温馨提示：请妥善保管，遗失不补)
_LEAD_NOTE = re.compile(r"[\s#>*_\-!★☆（(【\[〔「『]*(?:(?:注|说明|提示|温馨提示|备注|特别提示|特别说明)\s*[:：]\s*)?请?")
_CARE = re.compile(r"(?:请注意|注意|请妥善|妥善)保管|注意保存|妥善保存")
# after a marking at the end of a line: closing brackets, an issue number (……内部通报（第3期）),
# the compiler (局办公室编)
_TAIL = re.compile(r"[\s*_）)】\]〕」』（(※◆■●▲★☆]*(?:(?:\d{4}年)?第[0-9一二三四五六七八九十百]+(?:期|号)[\s*_）)】\]〕]*)?"
                   r"(?:[（(]\s*总第\s*[0-9一二三四五六七八九十百千]+\s*期\s*[）)][\s*_]*)?"  # （总第88期）
                   # （2026年）, （12月）, （2026年12月）
                   r"(?:[（(]\s*(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*[）)][\s*_]*)?"
                   r"(?:[\u4e00-\u9fff]{1,10}?编印?[\s*_]*)?$")
# what may follow a marking that stands alone as a label: a separator or the end of the line
_BOUNDARY = re.compile(r"(?:件)?(?:[（(]?(?:\d{4}年)?第[0-9一二三四五六七八九十百]+期[）)]?)?"
                       r"(?:$|[\s，,、；;：:。.·•|/\\\-—★☆）)】\]〕」』<\"'])"
                       # a header marking run on into the title: 内部文件关于……的通知
                       r"|(?:关于|湛江|广东|20\d{2}年)")
# talk about markings, not a marking: 严禁将内部文件上网, 加强内部资料管理, “1年”表示保密期限
# (有关 only right before the marking: 有关内部文件; 有关情况仅限……阅知 is a paper restricting itself)
_NARRATIVE = re.compile(r"(?:(?:将|把|处理|上传|防止|严防|杜绝|管理|存储|传递|执行|识别|落实|表示|是指|指的是|叫做|称为)[^，。；\n]{0,3}"
                        r"|有关)$")
# a marking quoted as a word and then explained: “内部资料”字样, “不得外传”是什么意思, “内部使用”表示……
# (several quoted in a row, then a clause about them: “内部资料”“工作秘密”虽不属于国家秘密，也……)
_QUOTED_TALK = re.compile(r"[”\"'’」](?:\s*[、，,和及与或]?\s*[“\"‘「][^”\"’」\n]{1,12}[”\"’」])*"
                          r"\s*(?:等?(?:字样|字眼|标注|标识|标志|标记|印章|戳记|一词|二字|四个字|几个字|这[几四两]?个字)"
                          r"|(?:虽然?|尽管|虽说)?(?:不属于|属于|不是|均属|都属|均不属于|都不属于)"
                          # “内部资料 注意保存”的材料虽不属于国家秘密: the marking names a kind of paper
                          r"|等?的[\u4e00-\u9fff]{0,4}?(?:材料|文件|资料|载体|公文|文稿|简报)"
                          r"|(?:是什么|什么|表示|意味着|的意思|的含义|是指|指的是|即|说明|代表))")
# a sentence that explains what a marking means (它表示这份材料只在……使用; 意思是该文件不得……)
# (not a person's words: 他表示, 负责人表示)
_EXPLAINS = re.compile(r"(?<![他她我们人长任员者])表示|意味着|是指|指的是|意思是|的意思|含义是|也就是说|代表着?")
# a sentence that defines a kind of paper or tells what usually holds (内部资料是指……未经批准不得公开的资料;
# 保密期限为“长期”的，一般是绝密级事项): a lesson, its markings paired on one line mark nothing
_DEFINES = re.compile(r"是指|指的是|一般是|通常是|一般为|通常为|一般属于|通常属于|什么是|是什么")
# a copyright notice before a weak wording: 未经授权不得转载 (not a marking of an internal paper)
_COPYRIGHT = re.compile(r"未经[\u4e00-\u9fff]{0,4}?(?:授权|许可|同意)[，,]?\s*$")
# the thing spoken of is a rumour or a fraud, not the paper: 此为不实信息，请勿转发
_RUMOUR = re.compile(r"谣言|谣传|不实|虚假|假消息|假信息|诈骗|骗局|网传|传言")
# a sentence that states a rule (按照规定，……内部文件未经批准也不得随意转发): a marking word used as the
# subject of a clause speaks of a kind of paper, it does not mark this one (a label standing alone, 内部资料，
# and a paper that speaks of itself still count)
_RULE_STATED = re.compile(r"[\s“\"]*(?:按照|根据|依照|依据|按)[^，。；\n]{0,20}?(?:规定|要求|制度|办法|条例|规则)[，,：:]")
# a sentence that reports what a meeting, an inspection team or a leader asked (会议要求，涉密文件阅后要及时收回，
# 不得对外透露): the rule is told, no paper is marked
_RULE_REPORTED = re.compile(r"[\s“\"]*[^，。；\n]{0,8}?(?:会议|会上|检查组|督查组|督导组|工作组|考核组|专家|讲座|培训|领导|局长|书记"
                            r"|主任|负责人|通知|文件|制度|》)[^，。；\n]{0,6}?(?:要求|强调|指出|提出)[，,：:]")
# a rule stated about a kind of paper in general (涉密载体不得擅自复制、摘抄，使用完毕应及时清退): the clause's
# subject is the kind of paper and a modal verb follows it; a paper that speaks of itself (本文件为涉密载体，不得……)
# still counts
_KIND_RULE = re.compile(r"(?:涉密|秘密|机密|绝密|国家秘密|内部|标有密级|标注密级)[\u4e00-\u9fff]{0,4}?(?:载体|文件|材料|资料|信息|计算机|设备|介质|档案|公文|事项)"
                        r"[\u4e00-\u9fff]{0,4}?(?:不得|应当|应该|应|须|必须|一律|严禁|禁止|请勿|切勿|不要|不准|(?<![纪摘提概纲简])要)")
_SELF = re.compile(r"(?:本|此|该|这份|以上|上述)[\u4e00-\u9fff]{0,4}?(?:件|文件|文稿|材料|资料|通知|报告|通报|简报|内容|稿|页|期)")
# a care or secrecy wording as the predicate of a sentence after a modal verb (调解协议书要妥善保管, 出国人员要注意保密):
# advice to the reader, not a label at the end of the line
_MODAL = re.compile(r"(?:(?<![纪摘提概纲简])要|应|应当|应该|须|需|需要|必须|务必)$")  # (not 纪要, 摘要: a paper)
# a secrecy slogan (注意保密，从我做起; 保密工作，人人有责) or a secrecy column's tag (【保密】小知识……): the word names
# the topic, it does not mark the paper
_SLOGAN = re.compile(r"[，,、\s！!]*(?:从我做起|人人有责|警钟长鸣|常抓不懈|人人参与|你我同行)")
_COLUMN = re.compile(r"(?:小知识|知识|常识|小课堂|课堂|科普|问答|百科|讲堂|宣传|警示|提醒)")
# the reader's own papers kept with care or not lent (保存好工资条等证据，原件妥善保管、不要外借): advice to a citizen
# about their evidence, not a paper's label (本材料请妥善保管、不得外借 speaks of itself and still counts)
_CARE_OR_LEND = re.compile(r"保管|保存|外借|外送|带离|带出")
_OWN_PAPERS = re.compile(r"证据|原件|合同|协议书|票据|凭证|收据|发票|借条|欠条|工资条|考勤|聊天记录|转账记录|身份证|户口本|银行卡|存折"
                         r"|病历|判决书|调解书|裁决书|证件|房产证|不动产权证|结婚证|遗嘱|保单|车票|单据")
# a lent book or periodical returned after reading (借阅的图书阅后请按时归还): a library's notice, not a paper's
_LENDING = re.compile(r"借阅|图书|书刊|报刊|杂志|图书馆|图书室|阅览室|读者")
# a marking word followed by what is done with such papers: 传真电报收发, 密码电报管理
_NARRATIVE_AFTER = re.compile(r"(?:收发|管理|工作|制度|规定|培训|检查|办理|处理|传递|保管|流转|登记|台账)")
# two Chinese characters with spaces or symbols used as separators between them, or (in the
# body, where Markdown joins the lines) a single line break
# (each opens with the separator, not a Chinese character: a fast scan. They find one where the plain
# forms [一-鿿][seps]+[一-鿿] and, searched from pos + 1, [一-鿿]\n[一-鿿] from pos do; tests/test_engine.py)
_SEPS = r"[ \t\u3000/\\\-_.*~^#=·•・‧]"
_SPLIT = re.compile(rf"{_SEPS}(?<=[\u4e00-\u9fff]{_SEPS}){_SEPS}*(?=[\u4e00-\u9fff])")
# CRLF (Windows) and a lone CR count as a line break too
_SOFT_BREAK = re.compile(r"\r\n(?<=[\u4e00-\u9fff]\r\n)(?=[\u4e00-\u9fff])|[\r\n](?<=[\u4e00-\u9fff][\r\n])(?=[\u4e00-\u9fff])")
# a separator inside a marking as written: what only the compact view can join (内 部 资 料, 内·部·资·料)
_JOINED = re.compile(_SEPS[:-1] + "\r\n]")
_OPEN = "（(【[〔「『"
_CLOSE = "）)】]〕」』"
_BRACKET_MAX = 30  # a bracketed label is short: （内部资料，不得翻印）


@dataclass(frozen=True)
class _Data:
    markings: Matcher  # fixed wordings (markings:)
    strong: list[re.Pattern[str]]  # marking_patterns: count at the head or end of a line
    weak: list[re.Pattern[str]]  # weak_marking_patterns: count only with a strong one or a self-reference
    evident: list[re.Pattern[str]]  # evident_marking_patterns: wordings only internal papers use, anywhere
    subject: re.Pattern[str] | None  # a document that speaks of itself: 本件、此材料、以上情况……
    series: list[re.Pattern[str]]  # document numbers of internal series, alone on a line
    allow: Matcher
    gate: Regexes  # strong, weak and series in one list: which of them can match a text


@rule
class MarkingRule(Rule):
    """文中出现“内部资料”“不得外传”等内部标注。

    ## 作用
    找出内部材料的标注，不论具体措辞。`checks/wordlists/classified.yml` 按类别描述它们：
    `markings`（内部资料、注意保存、不得外传……固定写法）和 `marking_patterns`
    （“内部 + 材料名称”如内部情况反映、内部工作资料，“仅供/仅送 + 领导或本单位 + 参阅、审阅”，
    “阅后/会后 + 收回、销毁”，“此件涉密”“机要件”……）出现在标注的位置时提示：

    - 在一行开头，后面是分隔符号或行尾（“内部文件 请勿上传”“【内部参阅·请勿外传】关于……”）；
    - 在一行末尾（“湛江市司法局内部情况反映”“……内部动态（2026年第9期）”一类版头）；
    - 在一行开头或末尾的括号中（“（内部资料，不得翻印）”）；
    - 与另一个标注同在一行；
    - 同一句中前面是“本件、此材料、该文稿、本文、文中、附件内容、以上统计数据、以下为……”（材料自称，如“此材料系内部工作资料”）。

    行首的标注后面直接接标题或期号（“内部文件关于……的通知”“内部情况通报第5期 关于……”）、附件标题中的标注
    （“附件1：秘密级 ……”）、公文的公开属性（“公开属性：不予公开”“【暂缓公开】”）、口语化的送阅说明
    （“大家看完就删掉，不要发到群里”“知悉即可，勿扩散”“不要上传网盘”）、公文的份号
    （“第7份 共30份”“份号：000123”）、发送范围（“发送范围：局领导”）、明传电报、行首单独的“保密”“工作秘密”后接标题、
    版头末尾的编印单位（“……内部情况交流（第22期）局办公室编”）、留在稿中的“发布时应删去”和英文标注（INTERNAL USE ONLY、CONFIDENTIAL）同样提示。
    英文段落中的全大写标注（CONFIDENTIAL、RESTRICTED、FOR OFFICIAL USE ONLY）和分发限制（Classification: Secret、
    internal distribution only、not for public release）在任何位置提示；只写保密期限的一行（“保密期限至2028年12月31日”）、
    文号后还有签发人和紧急程度的内部文号版头（“湛司密电〔2026〕5号　签发人：×××　特急”）、
    说某项数据本身的密级（“这个数字属于秘密级事项”）也提示。
    密级词在行中作标签（前面是标点、括号、书名号或空格，后面是标点或“级”；字间夹符号或写成拼音也算：
    “《监控点位图》，机-密，请勿翻拍外传”“所附名单为 MIMI 级材料”），与另一个标注同在一行或在材料自称之后时提示；
    “本件为涉密传真”一类“涉密 + 任何材料名称”、括号中限定的读者（“（仅限参会人员）”）、明电版头也提示。
    讲保密的文章不提示：一行中列举两个不同的密级、会议报道中转述的要求（“会议强调，涉密文件阅后要及时收回”）、
    编号列出的保密规定（“一、不准……；二、内部资料不得带出……”）、带选项的测验题、加引号的口号、标注项后紧跟解释（“知悉范围：本条是指……”）。讲解性的标注项（“保密期限：确定密级时一并确定”）、
    列举各密级（“定为绝密、机密或者秘密级”）、引号中看到的标注（照片中可见“内部文件 注意保存”字样）、
    一组【】小标题中的一个（“【适用范围】……【敏感信息】……【审核程序】……”）不提示。

    标注写在图片的替代文字、图注、表格单元格、HTML 注释或 front matter 的标题中，或用“★内部资料★”框起，
    或在“说明：”“请”之后（“请阅后将本材料交机要室统一销毁”）同样提示；“涉密，请勿……”“涉密材料，请勿上网”
    这样以“涉密”开头的一行，“附件涉密”“以下为涉密内容”一类材料自称，“此为内部材料，转发请慎重”
    “本期简报只发局领导”“请勿将本文件内容透露给无关人员”一类送阅说明，“保密期限：”“传真电报”一行也提示。
    通知里的普通提醒（“温馨提示：请妥善保管，遗失不补”）、提醒群众保管自己的证据（“工资条等证据原件妥善保管、不要外借”）、辟谣提示（“该信息系谣言，请勿转发”）、
    版权声明（“未经授权不得转载”）和讲保密工作的叙述（“讲解传真电报收发和密码电报管理要求”）不提示；
    讲一类材料的规定（“涉密载体不得擅自复制、摘抄，使用完毕应及时清退”）、“要”“应当”之后的提醒
    （“调解协议书要妥善保管”“出国（境）人员要注意保密”）、保密口号和栏目名（“注意保密，从我做起”“【保密】小知识”）
    以及“……的秘密级文件”一类说明也不提示，材料自称的（“本文件为涉密载体，不得擅自复制”）仍提示。

    字间插入空格或符号（“内 部 资 料”“内·部·资·料”）、繁体字、全角字符和零宽字符都按原词检查。

    `weak_marking_patterns`（“不得对外提供”“涉及工作秘密”“请勿上网”等也常见于普法提示和
    制度介绍的说法）只在材料自称之后、或与一个上述标注同在一行时提示。
    第八轮：引号中的标注后接“的材料”“的文件”（“标注‘内部资料 注意保存’的材料虽不属于国家秘密”）是说一类材料，
    “标有密级的纸质文件不得带回家中”是讲一类材料的规定，三行以上“中文术语 + 英文译名”的对照表（“工作秘密 Work Secrets”）
    是术语表，都不提示；全大写的英文标注（“内部资料 INTERNAL USE ONLY”）仍提示。
    `internal_series`：单独一行、编号带“内”“密”的内部文号（湛司内〔2026〕5号）。
    在普通叙述中提到这些词（“严禁将内部文件上网”“加强内部文件管理”“内部文件的收发”）不提示。

    ## 原因
    第四条不得发布敏感信息，第十条“上网信息不涉密”，第六条（九）不得发布不宜对外公开的信息。
    带内部标注的材料未经审查不得公开。

    ## 示例
    `（内部资料，注意保存）`、`本材料仅供内部参考，不得外传。`、`湛江市司法局内部情况反映`。

    ## 修改方法
    确认材料可以公开并经审核同意后，删除内部标注；否则不要发布。
    """

    id = "secret.marking"
    title = "内部标注"
    article = "第六条（九）、第十条"

    @cached_property
    def _data(self) -> _Data:
        data = self.policy.wordlist("classified", "classified").data
        subject = data.get("self_reference")
        # one regex each: Python scans several small patterns faster than one alternation
        return _Data(
            markings=Matcher(list(data["markings"])),
            strong=[re.compile(p) for p in data.get("marking_patterns") or []],
            weak=[re.compile(p) for p in data.get("weak_marking_patterns") or []],
            evident=[re.compile(p) for p in data.get("evident_marking_patterns") or []],
            subject=re.compile(subject) if subject else None,
            series=[re.compile(p, re.MULTILINE) for p in data.get("internal_series") or []],
            allow=Matcher(list(data.get("allow") or [])),
            gate=Regexes([re.compile(p) for p in data.get("marking_patterns") or []]
                         + [re.compile(p) for p in data.get("weak_marking_patterns") or []]
                         + [re.compile(p, re.MULTILINE) for p in data.get("internal_series") or []]
                         + [re.compile(p) for p in data.get("evident_marking_patterns") or []]),
        )

    def check(self, doc: Document) -> Iterable[Hit]:
        # as written, then with the spaces and symbols between characters dropped (内 部 资 料,
        # 内·部·资·料): one finding per line of the article
        lines: set[int] = set()
        views = [doc.simplified]
        if _SPLIT.search(views[0].text) or _SOFT_BREAK.search(doc.raw.text, doc.body_vstart + 1):
            # only then can the compact view hold another marking
            views.append(doc.compact)
        for view in views:
            for hit in self._check_view(doc, view):
                if view is not views[0] and not _JOINED.search(doc.article.text, hit.start, hit.end):
                    continue  # written whole: the plain view judged it (with the quotes the compact view drops)
                line = doc.article.text.count("\n", 0, hit.start)
                if line not in lines:
                    lines.add(line)
                    yield hit

    def _check_view(self, doc: Document, view: View) -> Iterator[Hit]:
        data = self._data
        text = view.text
        allowed = data.allow.find(text)
        # Match.index: 2 evident, 1 strong (a fixed marking or marking_patterns), 0 weak
        found = [Match(1, m.start, m.end) for m in data.markings.find(text)]
        maybe = data.gate.candidates(text)
        weak_at, series_at = len(data.strong), len(data.strong) + len(data.weak)
        found += [Match(1, m.start(), m.end()) for i, p in enumerate(data.strong) if i in maybe
                  for m in p.finditer(text)]
        found += [Match(0, m.start(), m.end()) for i, p in enumerate(data.weak) if weak_at + i in maybe
                  for m in p.finditer(text)]
        evident_at = series_at + len(data.series)
        found += [Match(2, m.start(), m.end()) for i, p in enumerate(data.evident) if evident_at + i in maybe
                  for m in p.finditer(text)]
        found = [m for m in found if not covered(m, allowed) and not _narrative(text, m)
                 and not (m.index == 0 and _COPYRIGHT.search(text, max(0, m.start - 12), m.start))]
        found = _without_lesson_headings(text, found)
        if found and len(_GLOSSARY_LINE.findall(text)) >= 3:
            # a bilingual glossary (工作秘密 Work Secrets / 绝密、机密、秘密 Top Secret, Secret, Confidential):
            # each line names a term and its translation, it marks no paper
            found = [m for m in found if not _GLOSSARY_LINE.fullmatch(text, *line_at(text, m.start, m.end))]
        found = [m for m in found if not (_LEVEL_LABEL.match(text, m.start, m.end) and _level_marking(text, m))]
        found.sort(key=lambda m: (m.start, -m.end))
        sentences = Sentences(text if found else "")  # built only when there is a candidate
        reported: list[tuple[int, int]] = []  # lines already reported: one finding per marking line
        for m in found:
            line = line_at(text, m.start, m.end)
            if any(a <= m.start < b for a, b in reported):
                continue
            if self._is_marking(text, m, line, found, sentences, data.subject) and not _series_heading(text, m, found):
                reported.append(line)
                yield self._hit(doc, view, m.start, m.end)
        for i, pattern in enumerate(data.series):
            for s in pattern.finditer(text) if series_at + i in maybe else ():
                if not any(a <= s.start() < b for a, b in reported):
                    start = s.start() + len(s.group()) - len(s.group().lstrip(" \t#>*_"))
                    yield doc.hit(self.id, view, start, s.end(),
                                  f"内部文号“{text[start:s.end()].strip()}”：内部编号的文件不得上网，"
                                  "确认可以公开的，改用公开发布的文本")

    @staticmethod
    def _is_marking(text: str, m: Match, line: tuple[int, int], found: list[Match],
                    sentences: Sentences, subject: re.Pattern[str] | None) -> bool:
        line_start, line_end = line
        before, after = text[line_start:m.start], text[m.end:line_end]
        if m.index == 2:
            s_start, s_end = sentences.at(m.start)
            # 请将原件退回机要室 / 不上网、不外传: only an internal paper says so (a lent book aside)
            return not _LENDING.search(text, s_start, s_end)
        if m.index != 2 and _CARE_OR_LEND.search(text, m.start, m.end):
            s_start = sentences.at(m.start)[0]
            if _OWN_PAPERS.search(text, s_start, m.start) and not _SELF.search(text, s_start, m.start):
                return False  # 原件妥善保管、不要外借: a citizen's own evidence
        if _SLOGAN.match(after) or ("保密" in text[m.start:m.end] and text[m.end - 1] in _CLOSE
                                    and _COLUMN.match(text, m.end)):
            return False  # 注意保密，从我做起 / 【保密】小知识
        if m.index:
            lead = _LEAD.fullmatch(before) or (_LEAD_NOTE.fullmatch(before)
                                               and not _CARE.fullmatch(text, m.start, m.end))
            if lead and (_BOUNDARY.match(after) or text[m.end - 1] in _CLOSE + "：:" or text[m.end - 1].isspace()):
                return True  # 内部文件 请勿上传…… / 【工作秘密】关于…… / 发放范围：……
            if _TAIL.fullmatch(after) and not _MODAL.search(before):
                return True  # ……内部情况反映 / ……（内部资料，不得翻印）
            if _in_edge_brackets(text, m, line):
                return True  # 【内部参阅·请勿外传】关于……
        pair = [o for o in found if o is not m and (o.index or m.index) and line_start <= o.start < line_end
                and not (o.start < m.end and m.start < o.end) and abs(o.start - m.start) <= 24]
        if pair and not _rule_list(text, line) and not _QUIZ.search(text, *line) and not _all_quoted(text, [m, *pair]) \
                and not _DEFINES.search(text, *sentences.at(m.start)) and not (_RULE_STATED.match(text, sentences.at(m.start)[0])
                         and not any(_label(text, m, o) for o in pair)) and not _reported(
                text, sentences.at(m.start)[0], m) and not _kind_rule(text, sentences.at(m.start), m):
            return True  # two markings on one line: 内部资料 请勿转发
        if subject is not None and (m.index or not text.startswith(("：", ":"), m.end)
                                    or text.startswith(("请勿", "切勿", "请不要"), m.start)):
            # (a weak wording that opens a list is a rule quoted: 以下信息不予公开：……; an order to the
            # reader is not: 以下内容请勿对外发布：……)
            s_start, s_end = sentences.at(m.start)
            if not m.index and _RUMOUR.search(text, s_start, s_end):
                return False  # 该信息系谣言，请勿转发: a warning about a rumour, not a paper's marking
            if _EXPLAINS.search(text, s_start, m.start):
                return False  # 它表示这份材料只在一定范围内使用: what a marking means, explained
            head = text[max(s_start, m.start - 20):m.start]
            if subject.search(head):
                return True  # 此材料系内部工作资料 / 本件涉及工作秘密
        return False

    def _hit(self, doc: Document, view: View, start: int, end: int) -> Hit:
        return doc.hit(self.id, view, start, end,
                       f"内部标注“{view.text[start:end]}”：标有内部标注的材料不得上网，确认可以公开的请删除标注")


# a glossary line: Chinese terms, then their English rendering in ordinary case (not an all-capitals marking)
_GLOSSARY_LINE = re.compile(r"^[ \t>*_\-]*[\u4e00-\u9fff][\u4e00-\u9fff、，·（）]*[ \t\u3000]+"
                            r"(?=[^\n]*[a-z])[A-Z][A-Za-z ,'’()\-]*$", re.MULTILINE)
_QUOTED_RUN = re.compile(r"[“\"「][^“”\"「」\n]{2,30}[”\"」]")
_LEVEL_HEADING = re.compile(r"(?:绝密|机密|秘密)级")
_LEVEL_LABEL = re.compile(r"[绝机秘]|(?i:juemi|jimi|mimi)")
# a level word in any spelling: 绝密, 机-密, JIMI (the first character tells the level: 绝/j(ue)…, 机/j(i)…)
_ANY_LEVEL = re.compile(r"绝[^\n\u4e00-\u9fff]{0,3}密|机[^\n\u4e00-\u9fff]{0,3}密|秘[^\n\u4e00-\u9fff]{0,3}密"
                        r"|(?<![A-Za-z])(?i:juemi|jimi|mimi)(?![A-Za-z])")
_ROMAN = {"ju": "绝", "ji": "机", "mi": "秘"}


def _without_lesson_headings(text: str, found: list[Match]) -> list[Match]:
    """A paper carries one level: two different levels each alone on a line (秘密级 / 机密级 as the headings
    of a lesson on the levels) mark no paper."""
    levels = [m for m in found if _LEVEL_HEADING.match(text, m.start, m.end)]
    alone = [m for m in levels if not text[text.rfind("\n", 0, m.start) + 1:m.start].strip(" \t#>*_【[（(|")
             and not text[m.end:line_at(text, m.start, m.end)[1]].strip(" \t*_】]）)：:|")]
    drop = alone if len({text[m.start] for m in alone}) >= 2 else []
    # or two different levels on one line (a table's header row, an enumeration: 绝密级 | 机密级 | 秘密级)
    by_line: dict[int, set[str]] = {}
    for m in levels:
        by_line.setdefault(text.rfind("\n", 0, m.start), set()).add(text[m.start])
    drop += [m for m in levels if len(by_line[text.rfind("\n", 0, m.start)]) >= 2]
    # a level standing as a label (《……》，机-密，请勿……) on a line that names two different levels: a lesson
    # (国家秘密分为绝密、机密、秘密三级), not a paper's label
    drop += [m for m in found if _LEVEL_LABEL.match(text, m.start, m.end) and len(
        {_ROMAN.get(w.group()[:2].lower(), w.group()[0]) for w in _ANY_LEVEL.finditer(text, *line_at(text, m.start, m.end))}) >= 2]
    return [m for m in found if m not in drop] if drop else found


def _narrative(text: str, m: Match) -> bool:
    """The words talk about markings: 严禁将内部文件上网, 内部文件的收发, 涉及国家秘密的信息,
    公文上的“内部资料”字样是什么意思, 照片中可见“内部文件 注意保存”字样."""
    if text.startswith(("的", "等"), m.end) or _NARRATIVE_AFTER.match(text, m.end):
        return True
    quote = _QUOTED_RUN.search(text, max(0, m.start - 20), min(len(text), m.end + 20))
    if quote is not None and quote.start() < m.start and m.end < quote.end() and _QUOTED_TALK.match(text, quote.end() - 1):
        return True  # a quoted run of markings, then 字样: what was seen, not this paper's label
    if m.start > 0 and text[m.start - 1] == "的" and text.startswith(("绝密", "机密", "秘密"), m.start):
        return True  # 保密期限为五年的秘密级文件: a level describing a kind of paper
    if m.start > 0 and text[m.start - 1] in "“\"'‘「" and _QUOTED_TALK.match(text, m.end):
        return True
    line_start = text.rfind("\n", 0, m.start) + 1
    return bool(_NARRATIVE.search(text, max(line_start, m.start - 8), m.start))


# a short label in 【】 opening a line: one of an explainer's headings (【施行时间】……【敏感信息】……【维权途径】……)
_HEADING = re.compile(r"^[ \t>*_#]*【([^】\n]{1,8})】", re.MULTILINE)


def _series_heading(text: str, m: Match, found: list[Match]) -> bool:
    """The marking is the whole of a 【】 label opening its line, and two or more other lines open with
    【】 labels that hold no marking: a heading in a series of topics (一图读懂), not the paper's label."""
    start, end = (m.start + 1, m.end - 1) if text[m.start] == "【" and text[m.end - 1] == "】" else (m.start, m.end)
    if not (text.startswith("】", end) and start > 0 and text[start - 1] == "【"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start - 1].strip(" \t>*_#"):
        return False
    others = 0
    for h in _HEADING.finditer(text):
        if h.start(1) == start:
            continue
        if any(h.start(1) - 1 <= o.start < h.end(1) for o in found):
            return False  # another label is a marking too: 【内部资料】……【注意保密】
        others += 1
    return others >= 2


def _kind_rule(text: str, sentence: tuple[int, int], m: Match) -> bool:
    """The sentence states a rule about a kind of paper (涉密载体不得擅自复制) and does not speak of itself."""
    start, end = sentence
    # (the kind of paper may be the marking itself, its modal verb right after it: 三、内部资料请勿上传网盘; not
    # where it heads its line, a label: 内部资料请勿外传)
    line_start = text.rfind("\n", 0, m.start) + 1
    stop = min(end, m.end + 6) if _cjk_before(text, line_start, m.start) else m.end
    return bool(_KIND_RULE.search(text, start, stop)) and not _SELF.search(text, start, end)


# an item of a numbered list (一、不准……；二、……不得……): the line lists rules, its markings mark no paper
_LIST_ITEM = re.compile(r"(?:^|(?<=[：:；;。\s]))(?:[一二三四五六七八九十]{1,2}、|\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[）)])"
                        r"[^；;。\n]{0,12}?(?:不准|不得|严禁|禁止|不要|切勿|应当|要|须)")


# a quiz on the line: a question and lettered options (下列哪一项属于国家秘密？A.机密级文件 B.内部资料)
_QUIZ = re.compile(r"[？?]\s*[（(]?[A-DＡ-Ｄ][.．、）)]")


def _all_quoted(text: str, marks: list[Match]) -> bool:
    """Each marking stands inside quotation marks on its line (涉密文件“阅后即清退”，“不上网、不外传”): slogans
    and rules quoted, not a paper's label."""
    for m in marks:
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        before, after = text[line_start:m.start], text[m.end:line_end if line_end >= 0 else len(text)]
        if before.count("“") <= before.count("”") or "”" not in after:
            return False
    return True


def _rule_list(text: str, line: tuple[int, int]) -> bool:
    """The line holds two or more numbered rules (一、不准……；二、内部资料不得带出……)."""
    return len(_LIST_ITEM.findall(text, *line)) >= 2


def _cjk_before(text: str, start: int, end: int) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text[start:end])


# a verb of reporting closing a clause (会议要求，……; 他强调：……), anywhere in the sentence before the marking
_REPORTING = re.compile(r"(?:会议|会上|检查组|督查组|督导组|工作组|考核组|专家|讲座|培训|领导|局长|书记|主任|负责人|通知|文件|制度|》)"
                        r"[^，。；\n]{0,6}?(?:要求|强调|指出|提出|提醒)[，,：:]")
# a modal verb inside the marking (阅后要及时收回, 用后应当清退): a rule told, a paper's own note says 请 or nothing
_MODAL_INSIDE = re.compile(r"(?:要|应当?|须|必须|需要)(?:及时|立即|按时|按规定|一律|全部|统一)?(?:收回|回收|收缴|退回|交回|清退|销毁|归还)")


def _level_marking(text: str, m: Match) -> bool:
    """secret.level reports this level word (【机密】关于……, 报告（秘密）, 保密级别：机密): one finding, not two."""
    start, end = line_at(text, m.start, m.end)
    return any(a.start() < m.end and m.start < a.end() for p in _LEVEL_PATTERNS for a in p.finditer(text, start, end))


def _reported(text: str, sentence_start: int, m: Match) -> bool:
    """The sentence reports a rule (市司法局召开会议，会议要求，涉密文件阅后要及时收回，不得对外透露): a reporting
    verb before the marking, or a modal verb inside it, and the sentence does not speak of itself."""
    if _RULE_REPORTED.match(text, sentence_start):
        return True
    if _SELF.search(text, sentence_start, m.start):
        return False
    return bool(_REPORTING.search(text, sentence_start, m.start) or _MODAL_INSIDE.search(text, m.start, m.end))


def _label(text: str, a: Match, b: Match) -> bool:
    """The first of two markings is followed by a separator: a label (内部资料，不得外传), not a clause's subject."""
    first = a if a.start <= b.start else b
    return bool(_BOUNDARY.match(text, first.end))


def _in_edge_brackets(text: str, m: Match, line: tuple[int, int]) -> bool:
    """The marking sits in brackets that open the line or close it: 【内部参阅】关于…… / ……（内部资料）."""
    line_start, line_end = line
    opening = max(text.rfind(ch, line_start, m.start) for ch in _OPEN)
    if opening < 0:
        return False
    closes = [i for i in (text.find(ch, m.end, line_end) for ch in _CLOSE) if i >= 0]
    if not closes or min(closes) - opening > _BRACKET_MAX:
        return False
    close = min(closes)
    return bool(_LEAD.fullmatch(text[line_start:opening]) or _TAIL.fullmatch(text[close + 1:line_end]))
