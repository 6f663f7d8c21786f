"""Site identity: the footer and meta-tag values a government website must show.

They live in mkdocs.yml under `extra.govpub` (configuration, not code) and are checked
here before anything is built: a missing value stops the build with a Chinese message
naming the key, because monitoring tools check exactly these items on every page
(reference/gov-site-rules.md §1, §2). This module has no MkDocs import, so the same check
can run in a pre-build step if the site ever moves off MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from govpub.site.sanitize import safe_url, url_scheme

# key path under extra.govpub -> what it is (shown in the error message)
REQUIRED: dict[str, str] = {
    "site_domain": "网站域名（SiteDomain），如 sfj.zhanjiang.gov.cn",
    "site_id_code": "政府网站标识码（SiteIDCode）",
    "sponsor": "网站主办单位",
    "contact": "联系方式（地址、电话）",
    "icp.number": "ICP备案编号",
    "icp.url": "ICP备案编号的链接（工业和信息化部备案管理系统）",
    "police.number": "公安机关备案号",
    "police.url": "公安机关备案号的链接",
    "dzjg.image": "党政机关网站标识图片（放在 overrides/ 下的本地文件）",
    "dzjg.url": "党政机关网站标识的链接（开办审核机构提供）",
    "zhaocuo": "“我为政府网站找错”的链接",
    "annual_report": "政府网站工作年度报表文章（content/ 下的路径，如 ghjh/2026/ndbb-2025.md）",
}


# Addresses the footer, header and 互动交流 links go to (http or https only: a javascript: link
# in mkdocs.yml would run on every page) and pictures they show (files of the site itself:
# a picture from another host tells it who reads which page)
LINKS = ("icp.url", "police.url", "dzjg.url", "zhaocuo")
PICTURES = ("dzjg.image", "police.image", "emblem", "banner")
# the footer's 政府网站 links (extra.govpub.gov_links): 中国政府网 is among them on every
# government website (inspectors look for it), with the province's and the city's portals
GOV_CN = "www.gov.cn"
DEFAULT_GOV_LINK = {"name": "中国政府网", "url": "https://www.gov.cn/"}


# What monitoring tools read and match (gov-site-rules §1, §2): the 政府网站标识码 is ten letters and
# digits (4408000001 for a local government's site, bm01000001 for a ministry's); the 找错 link names
# the site by it; the ICP and 公安 numbers are written as the registries issue them.
_ID_CODE = re.compile(r"[A-Za-z0-9]{10}")
_ICP = re.compile(r"ICP备\s*\d+号")
_POLICE = re.compile(r"公网安备\s*\d{14}\s*号")


class IdentityError(ValueError):
    pass


def lookup(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, Mapping):
            return None
        data = data.get(part)
    return data


def validate(extra: Any, site_name: str | None) -> Mapping[str, Any]:
    """The extra.govpub table, or IdentityError naming every missing key."""
    if not site_name or not str(site_name).strip():
        raise IdentityError("mkdocs.yml 缺少 site_name（网站名称，SiteName）：请填写，如 site_name: 湛江市司法局")
    table = extra.get("govpub") if isinstance(extra, Mapping) else None
    if not isinstance(table, Mapping):
        raise IdentityError("mkdocs.yml 缺少 extra.govpub（网站标识与页脚信息）：请按模板填写 "
                            + "、".join(f"extra.govpub.{k}" for k in REQUIRED))
    missing = []
    for key, what in REQUIRED.items():
        value = lookup(table, key)
        if value is None or not str(value).strip():
            missing.append(f"extra.govpub.{key}（{what}）")
    if missing:
        raise IdentityError("mkdocs.yml 缺少页脚或网页元数据必填项：" + "；".join(missing)
                            + "。这些项目每个页面都必须显示（《政府网站发展指引》），补齐后再构建")
    _numbers(table)
    if table.get("gov_links") is None and isinstance(table, dict):
        # a configuration written before the key existed still builds: the one link every
        # government website must carry is filled in (a written list is checked in full)
        table["gov_links"] = [dict(DEFAULT_GOV_LINK)]
    gov_links = _gov_links(table.get("gov_links"))
    channels = lookup(table, "consult.channels")
    links = [(f"extra.govpub.{k}", lookup(table, k)) for k in LINKS]
    links += [(f"extra.govpub.gov_links 第 {n} 项的 url", link["url"]) for n, link in enumerate(gov_links, 1)]
    links += [(f"extra.govpub.consult.channels 第 {n} 项的 url", ch.get("url"))
              for n, ch in enumerate(channels if isinstance(channels, list) else [], 1) if isinstance(ch, Mapping)]
    bad = [f"{key}（{value}）" for key, value in links if value and not safe_url(str(value).strip())]
    if bad:
        raise IdentityError("mkdocs.yml 中的链接只能是 http:// 或 https:// 开头的网址：" + "；".join(bad)
                            + "。处理办法：改成对应网站的完整网址")
    pictures = [(f"extra.govpub.{k}", lookup(table, k)) for k in PICTURES]
    bad = [f"{key}（{value}）" for key, value in pictures if value
           and (url_scheme(str(value)) or str(value).strip().startswith(("//", "\\")))]
    if bad:
        raise IdentityError("mkdocs.yml 中的图片必须是本站的文件（放在 overrides/ 下，写相对路径）：" + "；".join(bad)
                            + "。处理办法：把图片下载到 overrides/assets/govpub/，写成 assets/govpub/文件名")
    return table


def _numbers(table: Mapping[str, Any]) -> None:
    """The 标识码, the 找错 link's site code and the 备案 numbers in the forms they are issued in."""
    code = str(table["site_id_code"]).strip()
    bad = []
    if not _ID_CODE.fullmatch(code):
        bad.append(f"extra.govpub.site_id_code（{code}）不是 10 位字母和数字的政府网站标识码（如 4408000001、bm01000001）")
    try:
        named = parse_qs(urlsplit(str(table["zhaocuo"]).strip()).query).get("site_code", [])
    except ValueError:
        named = []
    if any(value.strip() != code for value in named):
        bad.append(f"extra.govpub.zhaocuo 的 site_code（{'、'.join(named)}）与网站标识码 {code} 不同："
                   "网民的纠错留言会记到另一个网站名下")
    if not _ICP.search(str(lookup(table, "icp.number"))):
        bad.append(f"extra.govpub.icp.number（{lookup(table, 'icp.number')}）不是“粤ICP备12345678号”的写法")
    if not _POLICE.search(str(lookup(table, "police.number"))):
        bad.append(f"extra.govpub.police.number（{lookup(table, 'police.number')}）不是“粤公网安备 44080000000000号”"
                   "（14 位数字）的写法")
    if bad:
        raise IdentityError("mkdocs.yml 中的网站标识有误：" + "；".join(bad)
                            + "。处理办法：照开办审核、备案时取得的编号原样填写（检查工具按这些编号识别网站）")


def _gov_links(value: Any) -> list[Mapping[str, Any]]:
    """The footer's 政府网站 links: a list of {name, url}, one of them 中国政府网."""
    example = ("如：gov_links: [{name: 中国政府网, url: https://www.gov.cn/}, "
               "{name: 广东省人民政府, url: https://www.gd.gov.cn/}]")
    if not isinstance(value, list) or not value:
        raise IdentityError("mkdocs.yml 缺少 extra.govpub.gov_links（页脚的政府网站链接：中国政府网、省政府门户网站、"
                            f"本市政府门户网站）。处理办法：按模板填写，{example}")
    bad = [str(n) for n, item in enumerate(value, 1) if not isinstance(item, Mapping)
           or not str(item.get("name") or "").strip() or not str(item.get("url") or "").strip()]
    if bad:
        raise IdentityError(f"mkdocs.yml 的 extra.govpub.gov_links 第 {'、'.join(bad)} 项缺少 name 或 url。"
                            f"处理办法：每项写网站名称和网址，{example}")
    if not any(_host(str(item["url"])) == GOV_CN for item in value):
        raise IdentityError("mkdocs.yml 的 extra.govpub.gov_links 中没有中国政府网（https://www.gov.cn/）。"
                            "政府网站的页脚要链接中国政府网。处理办法：加上 {name: 中国政府网, url: https://www.gov.cn/}")
    return value


def _host(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:  # an address that is no address ("http://[")
        return None
