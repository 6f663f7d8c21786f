from __future__ import annotations

import re
from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.normalize import INVISIBLE_RE

# A credential label in Chinese or English, optionally with a bracketed second name
# (开发者密码（AppSecret）), then a separator, then the value.
_LABEL = (r"(?:app[ _-]?secret|secret[ _-]?key|client[ _-]?secret|encoding[ _-]?aes[ _-]?key|"
          r"access[ _-]?key(?:[ _-]?(?:id|secret))?|api[ _-]?key|private[ _-]?key|"
          r"access[ _-]?token|auth[ _-]?token|token|password|passwd|pwd|secret|"
          r"开发者密码|开发者密钥|密钥|秘钥|私钥|密码|口令|令牌|授权码)")
LABELLED = re.compile(
    _LABEL + r"(?:\s*[（(][^）)\n]{1,30}[）)])?\s*(?:均|都|统一|默认|一律|暂|已|仍|已经)?\s*"
    r"(?:[:：=]|是|为|设为|设置为|改为|重置为)\s*[\"'“‘`]?"
    r"(?P<value>[A-Za-z0-9+/=_\-.!@#$%^&*~]{6,})",
    re.IGNORECASE,
)
# A password written after its label with nothing but a space, or nothing at all after a Chinese label
# (账号 zhangsan 密码 Zj2026abc, 邮箱密码Zj2026abc): the value
# must mix letters and digits, so that words after the label (密码 输入错误) are no value.
# (any credential's label: 接口密钥 sk…, 访问令牌 ab…, token 9f…)
SPACED = re.compile(r"(?:(?:密码|口令|密钥|秘钥|私钥|令牌|授权码)[ \t\u3000]*|(?:password|passwd|pwd|token|secret|api[ _-]?key)[ \t\u3000]+)(?P<value>(?=[^\s]*\d)(?=[^\s]*[A-Za-z])"
                    r"[A-Za-z0-9!@#$%^&*_\-.]{6,})(?![A-Za-z0-9])", re.IGNORECASE)
# An account and its password written as a pair with a slash (账号admin01/Zj2026abc, 用户名：wangxm | wxm@1985):
# the second value must mix letters and digits.
PAIR = re.compile(r"(?<![/.\-A-Za-z0-9])(?:账号|帐号|账户|用户名|登录名|登录账号|user(?:name)?|login)\s*(?:[:：=]|为|是)?\s*"
                  r"[A-Za-z0-9_.@\-]{3,32}\s*[/／|｜]\s*(?P<value>(?=[^\s]*\d)(?=[^\s]*[A-Za-z])[A-Za-z0-9!@#$%^&*_\-.]{6,})"
                  r"(?![A-Za-z0-9])", re.IGNORECASE)
# A system, then its account and password with a slash (法律援助管理系统 admin / ……; 调解平台数据库 sa / ……): a list of
# weak passwords found by an inspection, or a hand-over note. The password holds a digit.
# (case written out, not re.IGNORECASE: with it the regex engine tries the pattern at every character)
SYSTEM_PAIR = re.compile(r"(?:系统|平台|数据库|服务器|邮箱|后台|路由器|网站|VPN|vpn|Vpn|OA|oa|主机|终端|设备|账号|帐号)\s*[:：]?\s*"
                         r"(?P<acct>[A-Za-z][A-Za-z0-9_.@\-]{1,31})\s*[/／|｜]\s*(?P<value>(?=[^\s]*\d)[A-Za-z0-9!@#$%^&*_\-.]{6,})"
                         r"(?![A-Za-z0-9])")
# ... in a system of the bureau's own staff (用户名为本人工号; 各科室干部登录测评系统), not a public service telling
# citizens how their card's first password is made (初始密码为身份证号后六位，请首次登录后修改)
STAFF_SYSTEM = re.compile(r"工号|警号|内网|OA|办公(?:系统|平台)|测评|考核|干部|职工|工作人员|参评|参训|各科室|各单位|各处室|机关|本单位")
_DOMAIN = re.compile(r"\.(?:cn|com|net|org|gov|edu|io|info)(?![A-Za-z])|^www\.", re.IGNORECASE)
# The rule that makes everyone's first password from their own data (初始密码统一为身份证后六位加……, 默认口令为本人工号):
# whoever knows the rule logs in as anyone
PASSWORD_RULE = re.compile(r"(?:初始|默认|统一|原始|临时)(?:登录|登陆)?(?:密码|口令)[^。；\n]{0,6}?(?:为|是|[:：]|设为|设置为)\s*"
                           r"(?:本人|个人|各自|其|用户|考生|人员)?的?(?P<value>(?:身份证|公民身份号码|手机|电话|工号|学号|生日|出生日期"
                           r"|姓名|账号|帐号|用户名|警号|执业证|证件号)[^。；，,\n]{0,16})")
# The address of a back office (网站后台登录地址：https://…/admin): the door the credentials open
# (a public service's 登录地址 for citizens is no back office)
BACKEND = re.compile(r"(?:(?:网站|系统|平台|公众号|新媒体|政务)?后台(?:管理)?(?:登录)?|管理(?:后台|端)(?:登录)?|内网(?:登录)?|运维(?:登录)?)"
                     r"\s*(?:地址|入口|网址|链接|域名)\s*(?:为|是|[:：])?\s*(?P<value>(?:https?://)?[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z0-9.\-]+"
                     r"(?::\d+)?(?:/[^\s，。；）)】]*)?)", re.IGNORECASE)
# the platforms' own public login pages are no back office of the bureau
PUBLIC_CONSOLES = re.compile(r"(?:https?://)?(?:mp|work|open)\.weixin\.qq\.com(?:/|$)", re.IGNORECASE)
# A password inside an address (mysql://admin:……@10.1.2.3, ftp://user:……@host): the part between the
# user name's colon and the @ (a placeholder such as password or ****** is no value)
URL_USERINFO = re.compile(r"(?<![A-Za-z0-9+.\-])[A-Za-z][A-Za-z0-9+.\-]{1,15}://[^\s:/@]{1,64}:(?P<value>[^\s:/@]{3,128})@"
                          r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_PLACEHOLDER = re.compile(r"(?:pass(?:word|wd)?|pwd|密码|口令|[<{\[].*[>}\]]|x+|X+)", re.IGNORECASE)
# Values that are credentials whatever surrounds them.
SHAPES = re.compile(
    r"-----BEGIN[A-Z ]{0,30} PRIVATE KEY(?: BLOCK)?-----"  # PEM / OpenSSH / PGP private keys
    r"|\bgh[pousr]_[A-Za-z0-9]{36,}\b"  # GitHub tokens
    r"|\bglpat-[A-Za-z0-9_\-]{20,}\b"  # GitLab tokens
    r"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"  # AWS access key ids
    r"|\bLTAI[0-9A-Za-z]{12,20}\b"  # Aliyun AccessKey ids
    r"|\bxox[abpr]-[A-Za-z0-9\-]{10,}\b"  # Slack tokens
)
# A WeChat AppID (wx + 16 hex) with a 32-hex AppSecret close after it.
WECHAT_PAIR = re.compile(r"\bwx[0-9a-f]{16}\b[\s\S]{0,200}?(?<![0-9A-Fa-f])(?P<value>[0-9a-fA-F]{32})(?![0-9A-Fa-f])")
_WEAK = re.compile(r"^(?:\*+|x+|X+|…+|\.+|-+|_+)$")
# A Chinese label typed or pasted with spaces between its characters (用户名：……\n密　　码：……: a form's
# labels spread to one width) or in traditional characters (密碼、密鑰、授權碼): read as the label.
_LABEL_GAP = re.compile(r"(?<=[密口秘私令授权權])[ \t\u3000]{1,4}(?=[码碼令钥鑰牌权權])")
_TRADITIONAL = "碼鑰權"
# Performance only: literals without which a pattern cannot match, tested with `in` before
# the pattern runs. LABELLED is case-insensitive: its needles are tested on text.lower()
# with ſ read as s (the one character besides case pairs that re.IGNORECASE equates with
# a letter of these needles; ı and İ match i, which no needle contains).
_NEEDLES: dict[re.Pattern[str], tuple[str, ...]] = {
    SHAPES: ("-----BEGIN", "gh", "glpat-", "AKIA", "ASIA", "LTAI", "xox"),
    LABELLED: ("secret", "key", "token", "passw", "pwd",
               "密钥", "秘钥", "私钥", "密码", "口令", "令牌", "授权码"),
    WECHAT_PAIR: ("wx",),
    SPACED: ("密码", "口令", "passw", "pwd", "密钥", "秘钥", "私钥", "令牌", "授权码", "token", "secret", "key"),
    PAIR: ("账号", "帐号", "账户", "用户名", "登录名", "user", "login"),
    SYSTEM_PAIR: ("系统", "平台", "数据库", "服务器", "邮箱", "后台", "路由器", "网站", "vpn", "oa", "主机", "终端", "设备",
                  "账号", "帐号"),
    PASSWORD_RULE: ("密码", "口令"),
    BACKEND: ("后台", "管理端", "内网", "运维"),
    URL_USERINFO: ("://",),
}


@rule
class CredentialRule(Rule):
    """文中有密码、密钥、令牌等凭据。

    ## 作用
    找出写在文章（正文、代码块、注释和 front matter）中的凭据：“密码”“密钥”“口令”
    “AppSecret”“token”“password” 等字样后跟着的值（如“开发者密码（AppSecret）：”后的
    32 位十六进制字符），微信公众号 AppID 旁边的 32 位 AppSecret，私钥块（BEGIN … PRIVATE KEY），
    “初始密码均为”“Wi-Fi 密码是”一类写法后的值，
    用本人数据编出初始密码的规则（“初始密码统一为身份证后六位加……”“默认口令为本人工号”），
    系统名称后斜线隔开的账号和密码（检查发现的弱口令清单：“××管理系统 admin / ……”），只隔一个空格或紧接着写在“密码”“口令”“密钥”“令牌”后、字母和数字混合的值
    （“账号 zhangsan 密码 ……”），斜线隔开的“账号/密码”一对（“账号admin01/……”），GitHub、阿里云、AWS 等平台格式固定的访问令牌，地址中的密码（“mysql://用户名:密码@主机”），以及“网站后台登录地址：”“内网地址：”后的网址（凭据所用的入口）。打码的写法（`密码：******`）不提示。
    标签的字之间有空格（表格里对齐的“密　　码：”）或写成繁体（“密碼”“授權碼”）时照样认出。

    ## 原因
    第十四条：账号、密码和密钥由专人保管，不得泄露。凭据一旦发布，任何人都可以冒用
    公众号或服务器，修改密码之前无法补救。提交前检查可以被跳过，所以合并请求的检查
    （服务器端）也会运行这条规则。

    ## 示例
    `公众号开发者密码（AppSecret）：` 后面跟着 32 位十六进制字符；`服务器登录密码：` 后面跟着口令。

    ## 修改方法
    删除凭据本身；已经提交或推送的，立即请局办公室在平台上重置该密码或密钥
    （仓库历史中仍有旧值），新值只放在 CI 的保密变量中。
    """

    id = "secret.credential"
    title = "密码和密钥"
    article = "第十四条"

    def check(self, doc: Document) -> Iterable[Hit]:
        view = doc.raw
        if INVISIBLE_RE.search(view.text):
            view = doc.folded  # 密\u200b码：…… reads as the page shows it
        if _LABEL_GAP.search(view.text):
            view = view.derive(_LABEL_GAP, "")  # 密　　码：…… (a label spread to a form's width)
        if any(c in view.text for c in _TRADITIONAL):
            view = view.simplify()  # 密碼：……
        seen: set[int] = set()
        lowered = view.text.lower().replace("ſ", "s")
        for pattern in (SHAPES, LABELLED, SPACED, PAIR, SYSTEM_PAIR, PASSWORD_RULE, BACKEND, WECHAT_PAIR, URL_USERINFO):
            if not any(n in (lowered if pattern in (LABELLED, SPACED, PAIR, SYSTEM_PAIR) else view.text)
                       for n in _NEEDLES[pattern]):
                continue
            if pattern in (PAIR, SYSTEM_PAIR) and not any(c in view.text for c in "/／|｜"):
                continue
            for m in pattern.finditer(view.text):
                group = "value" if "value" in pattern.groupindex else 0
                value = m.group(group)
                if _WEAK.match(value) or m.start(group) in seen:
                    continue
                if pattern in (LABELLED, SPACED, PAIR, SYSTEM_PAIR) and not _looks_secret(value):
                    continue
                if pattern is SYSTEM_PAIR and _DOMAIN.search(m.group("acct")):
                    continue  # an address and its path (网站 zjsfj.gov.cn/art2026123), not an account
                if pattern is URL_USERINFO and ("@" not in view.text or _PLACEHOLDER.fullmatch(value)):
                    continue
                seen.add(m.start(group))
                if pattern is PASSWORD_RULE:
                    lo = view.text.rfind("\n\n", 0, m.start()) + 1
                    hi = view.text.find("\n\n", m.end())
                    if not STAFF_SYSTEM.search(view.text, lo, hi if hi >= 0 else len(view.text)):
                        continue
                    yield doc.hit(self.id, view, m.start(group), m.end(group),
                                  f"文中写出了初始密码的设置规则（“{value}”）：知道规则的人都能登录他人账号；删除规则，"
                                  "改为单独告知本人，并请局办公室要求已用此规则的账号修改密码")
                    continue
                if pattern is BACKEND:
                    if PUBLIC_CONSOLES.match(value):
                        continue
                    yield doc.hit(self.id, view, m.start(group), m.end(group),
                                  "文中有后台或内网的登录地址：删除它；地址已公开的，请局办公室评估是否更换或加设访问限制")
                    continue
                yield doc.hit(self.id, view, m.start(group), m.end(group),
                              "文中有密码或密钥：删除它，并立即请局办公室重置该凭据（旧值已进入仓库历史）")


def _looks_secret(value: str) -> bool:
    """A labelled value that is a credential rather than words: not a plain number of
    fewer than six digits, not a URL or a file name."""
    if re.fullmatch(r"\d{1,5}", value) or value.lower().startswith(("http", "www.")):
        return False
    return not re.fullmatch(r"[\w\-]+\.(?:jpg|png|pdf|docx?|xlsx?|html?)", value, re.IGNORECASE)
