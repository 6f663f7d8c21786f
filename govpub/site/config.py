"""The site's settings as other stages need them: mkdocs.yml read without MkDocs, article URLs."""

from __future__ import annotations

import copy
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from govpub.errors import GovpubError, UsageError
from govpub.policy import CONTENT_DIR


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving MkDocs' own tags (!ENV, !relative)."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def meta_text(value: Any) -> str:
    """A front-matter value as shown to people: dates as YYYY-MM-DD HH:MM, the rest stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_PARSED: dict[tuple[str, int, int, int], dict[str, Any]] = {}


def read_mkdocs(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data ({} when it is missing or not a mapping). Parsed once per
    version of the file (path, inode, size and modification time): publish asks for the site
    layout once per article. The caller gets its own copy."""
    try:
        st = os.stat(config_file)
    except FileNotFoundError:
        return {}
    key = (os.path.abspath(config_file), st.st_ino, st.st_size, st.st_mtime_ns)
    if key not in _PARSED:
        try:
            with open(config_file, encoding="utf-8") as fh:
                raw = yaml.load(fh, Loader=_IgnoreTags)
        except FileNotFoundError:
            return {}
        except yaml.YAMLError as exc:
            raise UsageError(f"mkdocs.yml 格式错误：{exc}", path=str(config_file)) from None
        _PARSED[key] = raw if isinstance(raw, dict) else {}
    return copy.deepcopy(_PARSED[key])


def site_url(root: Path) -> str:
    """The published site's address from mkdocs.yml, ending in /."""
    url = str(read_mkdocs(root / "mkdocs.yml").get("site_url") or "")
    if not url:
        raise UsageError("mkdocs.yml 没有 site_url", path="mkdocs.yml",
                         hint="填写网站的正式地址，如 https://www.zhanjiang.gov.cn/sfj/")
    return url if url.endswith("/") else url + "/"


def site_layout(root: Path) -> tuple[str, bool]:
    """(docs_dir, use_directory_urls) from mkdocs.yml; content/ and directory URLs (the govpub
    site template) where it says nothing."""
    raw = read_mkdocs(root / "mkdocs.yml")
    use_dirs = raw.get("use_directory_urls")
    return str(raw.get("docs_dir") or CONTENT_DIR).strip("/"), True if use_dirs is None else bool(use_dirs)


def article_url(root: Path, path: str, base: str | None = None) -> str:
    """The article's page on the website: the site address + the page path the site plugin uses."""
    from govpub.site.model import page_url

    docs, use_dirs = site_layout(root)
    if not path.startswith(docs + "/"):
        raise GovpubError(f"文章不在网站的文档目录 {docs}/ 下，算不出它在官网的地址", path=path,
                          hint=f"把文章放在 {docs}/<栏目>/<年份>/ 下")
    return (base or site_url(root)).rstrip("/") + "/" + page_url(path[len(docs) + 1:], use_dirs)
