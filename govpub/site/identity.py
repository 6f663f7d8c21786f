"""Site identity: the footer and meta-tag values a government website must show.

They live in mkdocs.yml under `extra.govpub` (configuration, not code) and are checked
here before anything is built: a missing value stops the build with a Chinese message
naming the key, because monitoring tools check exactly these items on every page
(reference/gov-site-rules.md §1, §2). This module has no MkDocs import, so the same check
can run in a pre-build step if the site ever moves off MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

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
