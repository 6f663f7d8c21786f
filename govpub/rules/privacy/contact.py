from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.privacy.person import PrivateNames
from govpub.rules.privacy.plate import MASKED, NAME
from govpub.rules.sentences import sentence_at

# a landline with its area code: 0759-2287654, 0759 2287654, 07593156789, (0759)2287654
LANDLINE = re.compile(r"(?<![0-9A-Za-z*＊])[(（]?0\d{2,3}[)）]?[ \-－—]?[2-9]\d{6,7}(?![0-9A-Za-z*＊])")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# a WeChat or QQ account written as a person's, not as an advertisement: 微信号为zhong_zj1980, QQ是123456789
MESSENGER = re.compile(r"(?P<what>微信|QQ|qq)\s*(?:号码|号)?\s*(?:为|是|[:：])?\s*"
                       r"(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19}|[1-9]\d{4,10})(?![-_A-Za-z0-9])")
# a full name opening a clause that owns the account or number: 刘春梅的微信是……, 陈志坚本人的手机……
OWNED = re.compile(rf"(?<![\u4e00-\u9fff])(?P<n>{NAME})(?![{MASKED}])(?:本人)?的?(?:个人|私人)?"
                   r"(?:微信|QQ|qq|电话|手机|邮箱|座机|固话|联系方式)")
# an organisation's own mail domain: government, party, schools, courts
OFFICIAL_DOMAIN = re.compile(r"\.(?:gov|org|edu)\.cn$|\.gov$|(?:court|chinacourt|12348)\.", re.IGNORECASE)


@rule
class ContactRule(Rule):
    """公开了私人的座机号码、电子邮箱、微信号或 QQ 号。

    ## 作用
    同一句中有私人的全名（称呼私人的说法后紧跟的全名：“申请人陈建华”“群众邓永康”，见
    `checks/wordlists/personal.yml` 的 `roles`），或说明属于私人的说法（`contact_personal`：家中、
    个人邮箱、住宅电话……）时，找出带区号的座机号码（0759-2287654、07593156789）、电子邮箱和微信号、QQ 号
    （“信访人钟志坚的微信号为……”“刘春梅的微信是……”“当事人微信号：……”；属于私人的，即使 ads.contact 也提示，这里照样提示：
    这是个人信息，不只是广告联系方式）。
    `checks/registry/phones.yml` 登记的公开号码、政府和机构域名的邮箱（……@zhanjiang.gov.cn）、
    单位的联系人、“市民可拨打……咨询”和投稿邮箱不提示。手机号由 privacy.mobile 检查。

    ## 原因
    第五条（一）审核是否涉及个人隐私；第十二条定期排查个人隐私。个人的电话和邮箱属于个人信息，
    调解、信访、法律援助的报道中尤其常见。

    ## 示例
    `调解申请人陈建华（联系电话：0759-2287654）反映……`、`当事人通过个人邮箱huanglf1988@163.com提交材料。`

    ## 修改方法
    删除号码或邮箱，或写成 0759-228****、h***@163.com；需要公开的办公电话请局办公室登记到 phones.yml。
    """

    id = "privacy.contact"
    title = "私人座机和邮箱"
    article = "第五条（一）、第十二条"

    @cached_property
    def _personal(self) -> re.Pattern[str]:
        return re.compile(self.policy.wordlist("personal", "personal").data["contact_personal"])

    @cached_property
    def _names(self) -> PrivateNames:
        return PrivateNames.load(self.policy)

    def _private(self, text: str, start: int, end: int) -> bool:
        """The sentence says the number or address is a private person's."""
        return bool(self._personal.search(text, start, end) or self._named(text, start, end))

    def _named(self, text: str, start: int, end: int) -> bool:
        """A private person's full name in the sentence: after a role word (申请人陈建华), or owning the
        account (刘春梅的微信); not a registered leader, not a word that starts with a surname."""
        names = self._names
        return bool(names.find(text, start, end)) or any(
            m.group("n") not in names.officials and not m.group("n").startswith(names.not_names)
            for m in OWNED.finditer(text, start, end))

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.folded
        text = view.text
        public = {p.lstrip("0") for p in self.policy.public_numbers}
        for m in LANDLINE.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if digits.lstrip("0") in public:
                continue
            start, end = sentence_at(text, m.start(), m.end())
            if self._private(text, start, end):
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"私人的座机号码 {digits[:4]}…：请删除，或写成 {digits[:4]}-{digits[4:7]}****；"
                              "公开的办公电话请登记到 checks/registry/phones.yml")
        for m in MESSENGER.finditer(text):
            start, end = sentence_at(text, m.start(), m.end())
            if not (self._named(text, start, end) or self._personal.search(text, start, end)):
                continue  # no private person: an advertised account is ads.contact's
            yield doc.hit(self.id, view, m.start("id"), m.end("id"),
                          f"私人的{m.group('what')}号“{m.group('id')}”：请删除")
        for m in EMAIL.finditer(text) if "@" in text else ():
            domain = m.group().rsplit("@", 1)[1]
            if OFFICIAL_DOMAIN.search(domain):
                continue
            start, end = sentence_at(text, m.start(), m.end())
            if self._private(text, start, end):
                local = m.group().split("@", 1)[0]
                yield doc.hit(self.id, view, m.start(), m.end(),
                              f"私人的电子邮箱“{m.group()}”：请删除，或写成 {local[:1]}***@{domain}")
