from __future__ import annotations

from collections.abc import Iterable

from govpub.findings import Hit
from govpub.rules import Rule, rule
from govpub.rules.document import Document
from govpub.rules.links._urls import domain_in, is_ip

# characters and pairs that read alike in a browser's address bar (i/l/1/I, o/0, rn/m, vv/w, cl/d)
_FOLDS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("1", "l"), ("i", "l"), ("0", "o"))


def _fold(label: str) -> str:
    """A host with look-alike characters made one: zhanjlang and zhanjiang -> zhanjlang."""
    out = label.lower()
    for a, b in _FOLDS:
        out = out.replace(a, b)
    return out


def _specific(trusted: Iterable[str]) -> list[str]:
    """The registered domains a site's name is in (zhanjiang.gov.cn, moj.gov.cn): not a bare
    public suffix such as gov.cn, whose every subdomain is some other body's own."""
    return [d for d in trusted if d.count(".") >= 2 or not d.endswith(("gov.cn", "com.cn", "org.cn"))
            and d.count(".") >= 1]


@rule
class LookalikeRule(Rule):
    """仿冒可信网站的域名（形近字符替换）。

    ## 作用
    找出与 `checks/registry/sources.yml` 登记的可信域名只差形近字符的域名（整个域名或它的上级域名）：
    i、l、1 互换，o 与 0 互换，rn 冒充 m，vv 冒充 w，cl 冒充 d（`zhanjlang.gov.cn` 冒充 `zhanjiang.gov.cn`，
    `rnoj.gov.cn` 冒充 `moj.gov.cn`）。这类域名即使以 gov.cn 结尾、通过了可信来源检查，也是仿冒网站。
    不需要把仿冒域名列进名单：比较的是字符的形状。

    ## 原因
    第四条、第十条：确保发布信息的安全性。仿冒政府网站的链接是电信网络诈骗的常见手法，
    混在真链接旁边发布，等于替骗子背书。

    ## 示例
    `本局官方网站为 https://www.zhanjiang.gov.cn/sfj/ ，申请可通过 https://www.zhanjlang.gov.cn/sfj/flyz 提交。`

    ## 修改方法
    逐字核对域名，改为登记的官方网址；确是另一个正规网站的，由局办公室在 sources.yml 中登记。
    """

    id = "links.lookalike"
    title = "仿冒域名"
    article = "第四条、第十条"

    def check(self, doc: Document) -> Iterable[Hit]:
        hosts = [link for link in doc.links if link.host and not is_ip(link.host)]
        if not hosts:
            return
        trusted = list(self.policy.trusted_domains)
        specific = _specific(trusted)
        genuine = {_fold(d): d for d in trusted}
        for link in hosts:
            host = link.host.removeprefix("www.")
            if domain_in(host, specific):
                continue
            labels = host.split(".")
            for k in range(len(labels), 1, -1):  # the host, then its parent domains: a.zhanjlang.gov.cn
                tail = ".".join(labels[-k:])
                right = genuine.get(_fold(tail))
                if right is None:
                    continue
                if right != tail:
                    yield doc.hit(self.id, doc.markup, link.start, link.end,
                                  f"域名“{link.host}”与可信网站“{right}”只差形近字符，是仿冒网址：请逐字核对，改为官方网址")
                break  # the longest registered name it reads as decides (maoming.gov.cn is under gov.cn)
