"""The one HTML allowlist of govpub: what an article may contain once it is a web page.

Every page the site build emits passes clean() (govpub.site.plugin, on_page_content),
so nothing a drafter writes can run in a reader's browser, whatever got past the
content rules: raw HTML after a lone ``` fence, attributes added with attr_list
(`{: onerror=… }`), `&#106;avascript:` links, HTML comments. The sanitizer is nh3
(the Python binding of the Rust crate ammonia): it parses the HTML as a browser does,
so entity-encoded and whitespace-split URL schemes are judged after decoding.

The allowlist is data a government article needs (headings, paragraphs, lists,
tables, links, images, quotations, code) and the markup govpub's own generated pages
use. Anything else is dropped (its text kept); script, style and similar elements are
dropped with their content. Channels that render articles elsewhere (WeChat) share it.
"""

from __future__ import annotations

import functools
import html as _html
import re
from collections.abc import Mapping
from typing import Any

TAGS: frozenset[str] = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre",
    "q", "s", "section", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
# Not <details>/<summary>: a folded <details> shows a reader one word (展开) and keeps the rest out
# of sight and out of print, while the reviewers read it all in the Markdown and the copies print
# it in full; unwrapped, its text is on the page like any other.

# Removed together with their content (not just the tags).
DROP_WITH_CONTENT: frozenset[str] = frozenset({
    "script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg", "math",
    "textarea", "select", "frame", "frameset", "noembed", "noframes", "title", "xmp",
})

ATTRIBUTES: dict[str, set[str]] = {
    # no `dir`: dir="rtl" reorders the digits and spaces of a line (电话 123 456 shows as 456 123)
    "*": {"class", "title", "lang"},
    "a": {"href", "name", "rel"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    # footnotes ([^1]): the marker <sup id="fnref:1"> and the note <li id="fn:1"> link to each other
    "li": {"value", "id"},
    "sup": {"id"},
    "time": {"datetime"},
    "nav": {"aria-label"}, "aside": {"aria-label"}, "section": {"aria-label"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}

# Inline styles: only what Markdown tables write for column alignment.
STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]")
# Characters that change what a reader sees without being seen themselves: bidi embeddings,
# overrides and isolates reorder a line (U+202E before 场赌上网 shows 网上赌场), bidi marks,
# zero-width characters, the soft hyphen, fillers and tag characters split a word for a word-by-word
# reading, C0 controls show as nothing. (Variation selectors stay: they choose a glyph of a name.) The content checks read the text without them (meta.control-char, normalize);
# the pages, titles and channel texts are built without them, so readers see what was checked.
HIDDEN_FORMAT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u034f\u115f\u1160\u17b4\u17b5\u200b-\u200f"
                           r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0\U000e0000-\U000e007f]")


def clean(html: str, *, site_images_only: bool = True) -> str:
    """The HTML with only allowlisted tags, attributes, styles and URL schemes left.

    site_images_only=False is for a channel renderer (WeChat, 南方号): an image's src is left
    as written, because the renderer itself refuses an external image with a message to the
    drafter and replaces a local one by the uploaded copy."""
    cleaned: str = _cleaner(site_images_only).clean(html)
    return visible(cleaned)


_HEADING = re.compile(r"<(/?)h([1-6])\b", re.I)


def outline(html: str) -> str:
    """The headings of a sanitized article body as an outline under the page's title (the page's
    one h1): the first is h2 and none is more than one level below the heading before it. A reader
    of a screen reader moves by heading levels, and a skipped level (the title, then `#### 一、`)
    reads as a missing section (axe heading-order, WCAG 1.3.1); a `# 标题` in the body made a second
    h1, which the search index took for the page's title. Levels are as written otherwise: an h3
    under an h2 stays h3."""
    written: list[int] = []  # the written levels of the headings enclosing the current one
    shown: list[int] = []  # the level of the heading open now

    def level(m: re.Match[str]) -> str:
        if m.group(1):
            return f"</h{shown.pop() if shown else m.group(2)}"
        n = int(m.group(2))
        while written and written[-1] >= n:
            written.pop()
        written.append(n)
        shown.append(min(len(written) + 1, 6))
        return f"<h{shown[-1]}"

    return _HEADING.sub(level, html)


def visible(text: str) -> str:
    """text without the characters that reorder or split it unseen (HIDDEN_FORMAT)."""
    return HIDDEN_FORMAT.sub("", text)


@functools.cache
def _cleaner(site_images_only: bool) -> Any:
    """The allowlist as an nh3.Cleaner, made once (nh3.clean converted it for every page)."""
    import nh3  # the build's dependency; url_scheme() serves the content rules without it

    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
        attribute_filter=_local_media if site_images_only else _classes,
        strip_comments=True,
        link_rel=None,  # no target attribute is allowed, so no link opens a new window
    )


# The classes Markdown itself writes (fenced code: language-xxx) and the one govpub's Word import
# writes (govpub-right: a right-aligned signature line, overrides/assets/govpub/govpub.css). Any
# other class, added with attr_list ({: .md-toggle }), could borrow a theme rule that hides the
# text (display: none): a remark the page does not show but every reader can read in its source
# and the search index.
_CLASS_RE = re.compile(r"^(?:language-[A-Za-z0-9_+#.-]+|govpub-right)$")


def _classes(element: str, attribute: str, value: str) -> str | None:
    if attribute != "class":
        return value
    kept = [c for c in value.split() if _CLASS_RE.match(c)]
    return " ".join(kept) or None


# The ids the theme's own markup uses: Material's all begin with two underscores, govpub's
# templates' with govpub-. An article's heading (`## __config`, or `{: #__config }` with attr_list)
# comes before the theme's element of the same id, so a script that looks it up finds the
# article's instead: Material reads its settings (the search worker, the site base) as JSON from
# the text of #__config, which the drafter would then write.
_THEME_ID_RE = re.compile(r"^\s*(?:__|govpub-)", re.I)


def _local_media(element: str, attribute: str, value: str) -> str | None:
    """Images come from the site itself: a page never makes a reader's browser ask another
    host for anything (Material's privacy plugin would also fetch it at build time). No
    element takes an id (or name) of the theme's."""
    if attribute == "class":
        return _classes(element, attribute, value)
    if attribute in ("id", "name") and _THEME_ID_RE.match(value):
        return None
    if element == "img" and attribute == "src":
        bare = _INVISIBLE_RE.sub("", _html.unescape(value))
        if url_scheme(value) or bare.startswith(("//", "\\", "/\\")):
            return None
    if element == "img" and attribute in ("width", "height") and not _SEEN_SIZE.fullmatch(value.strip()):
        return None  # a picture one pixel wide (or 0 %) is on the page but no reader sees it
    return value


# A picture's width or height a reader can see: at least 16 pixels, or 10 % and more
_SEEN_SIZE = re.compile(r"(?:1[6-9]|[2-9]\d|[1-9]\d{2,})(?:\.\d+)?(?:px)?|[1-9]\d+(?:\.\d+)?%")


def url_scheme(url: str) -> str:
    """The scheme a browser would see in an attribute value: entities decoded, tabs,
    newlines, control and invisible characters removed, lower-case ("" when relative)."""
    decoded = _html.unescape(url)
    m = _SCHEME_RE.match(_INVISIBLE_RE.sub("", decoded).lower())
    return m.group(1) if m else ""


def safe_url(url: str) -> str:
    """url when a browser would open it as an http(s) page, else "" (for template values
    such as repost.source_url, which are rendered into href attributes)."""
    return url if url_scheme(url) in ("http", "https") else ""


# A link of the sanitized page (no link inside a link), and in its text a web address (with or
# without http://), an e-mail address or a telephone number.
LINK_RE = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_WEB_TEXT = re.compile(r"^(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})\.?(?::\d+)?(?:[/?#]\S*)?$", re.I)
_MAIL_TEXT = re.compile(r"^(?:mailto:)?([^\s@<>]+@[^\s@<>]+\.[a-z]{2,})$", re.I)
_FILE_TEXT = re.compile(r"^[^/\\<>]+\.(pdf|ofd|docx?|xlsx?|pptx?|wps|et|dps|zip|txt|csv|jpe?g|png|gif|webp)$", re.I)
_TEL_TEXT = re.compile(r"^(?:tel:)?\+?[\d\s()\-－—]{5,}$")


def honest_links(html: str, sites: Mapping[str, str] | None = None) -> str:
    """Links whose text names another address than they lead to show where they lead: the text
    of [https://www.gov.cn/](https://other.example/) becomes https://other.example/ (the same for
    an e-mail address before another mailto:, a telephone number before another tel:, and a file
    name before another file of the site: [通知.pdf](名单.xlsx) shows 名单.xlsx), and a link with no
    text at all shows its address (a hidden link leads nowhere a reader would choose). A reader trusts
    the address the link says; the content checks judge the address it has.

    sites maps the names of sites to their domains (checks/registry/sources.yml, the footer's
    gov_links): a link whose whole text is such a name and that leads elsewhere shows the host
    it leads to after the name: [广东省司法厅](https://other.example/) reads 广东省司法厅（other.example）."""
    return LINK_RE.sub(functools.partial(_honest, sites=sites or {}), html)


def _honest(m: re.Match[str], sites: Mapping[str, str]) -> str:
    href, rest, inner = m.group(1), m.group(2), m.group(3)
    if "<img" in inner:
        return m.group(0)  # a picture is what the link shows
    text = _html.unescape(_TAG_RE.sub("", inner)).strip()
    target = _html.unescape(href).strip()
    scheme = url_scheme(target)
    if not text and target and not target.startswith("#"):
        # a link with no visible text (暗链: a hidden link, as defaced sites carry) shows its target
        shown = target[7:].split("?")[0] if scheme == "mailto" else target[4:] if scheme == "tel" else target
        return f'<a href="{href}"{rest}>{_html.escape(shown, quote=False)}</a>'
    if not scheme:
        return _honest_file(m, text, target)
    if (where := elsewhere(text, target, sites)) is not None:
        return f'<a href="{href}"{rest}>{inner}（{_html.escape(where, quote=False)}）</a>'
    if text in sites:
        return m.group(0)
    if (web := _WEB_TEXT.match(text)) is not None:
        shown = web.group(1).lower().removeprefix("www.")
        host = _host(target) if scheme in ("http", "https") else None
        honest = host is not None and host.removeprefix("www.") == shown
    elif (mail := _MAIL_TEXT.match(text)) is not None:
        honest = scheme == "mailto" and target[7:].split("?")[0].strip().lower() == mail.group(1).lower()
    elif _TEL_TEXT.match(text) is not None:
        honest = scheme == "tel" and _phone(target[4:]) == _phone(text.removeprefix("tel:"))
    else:
        return m.group(0)
    if honest:
        return m.group(0)
    shown_target = target[7:].split("?")[0] if scheme == "mailto" else target[4:] if scheme == "tel" else target
    return f'<a href="{href}"{rest}>{_html.escape(shown_target, quote=False)}</a>'


def elsewhere(name: str, target: str, sites: Mapping[str, str]) -> str | None:
    """Where a link whose whole text is a registered site's name (sites: name -> domain) leads when
    that is not the site: its host (or the target itself when it has none), else None."""
    domain = sites.get(name)
    if domain is None:
        return None
    host = _host(target) if url_scheme(target) in ("http", "https") else None
    if host is not None and (host == domain or host.endswith("." + domain)):
        return None
    return host or target


def _honest_file(m: re.Match[str], text: str, target: str) -> str:
    """A link to a file of the site whose text names a file of another type ([通知.pdf](名单.zip))
    shows the name of the file it opens. Another name of the same type stays ([关于……的通知.pdf](tongzhi.pdf):
    drafters give files short names), and so do links to pages and texts that name no file."""
    from urllib.parse import unquote

    named = _FILE_TEXT.match(text)
    opened = unquote(target.split("#", 1)[0].split("?", 1)[0].rstrip().rsplit("/", 1)[-1])
    shown = _FILE_TEXT.match(opened)
    if named is None or shown is None or _kind(named.group(1)) == _kind(shown.group(1)):
        return m.group(0)
    return f'<a href="{m.group(1)}"{m.group(2)}>{_html.escape(opened, quote=False)}</a>'


def _kind(suffix: str) -> str:
    """A file type as readers know it: .jpg and .jpeg, .doc and .docx are one."""
    suffix = suffix.lower()
    return {"jpeg": "jpg", "doc": "docx", "xls": "xlsx", "ppt": "pptx"}.get(suffix, suffix)


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def _phone(text: str) -> str:
    """A telephone number's digits without the country code 86 and the trunk prefix 0."""
    digits = re.sub(r"\D", "", text)
    if text.strip().startswith("+") and digits.startswith("86"):
        digits = digits[2:]
    return digits.lstrip("0")
