"""Finding the links of an article and judging their domains."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]"
_LABEL = r"(?:[A-Za-z0-9-]+|[\u4e00-\u9fff]+)"  # an ASCII or a Chinese domain label (湛江法律服务.com)
# Top-level domains a bare name may end in (without a scheme, "zjls.live" is still a link
# on many readers' screens). File extensions (.pdf, .docx, .md, .js) are no TLD here.
TLDS = ("com|cn|net|org|top|xyz|vip|cc|info|shop|club|site|online|wang|ink|io|me|tv|biz"
        "|live|app|link|fun|work|ltd|pro|asia|store|tech|space|icu|cyou|life|world|today|group"
        "|ren|xin|mobi|cloud|run|ws|fm|hk|tw|mo|sg|jp|kr|us|uk|ru|eu|tk|ml|ga|cf|gq|pw|su"
        "|ly|gd|co|gl|im|la|to|gg")  # the last row: short-link services' domains (bit.ly, is.gd, t.co)
IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"  # leading zeros too (192.168.001.010 opens the same host)
LINK_RE = re.compile(
    r"\]\(\s*<?(?P<md>(?:[^()\s>]|\([^()\s]*\))+)>?"  # Markdown link or image target
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>"  # autolink
    r"|\b(?:href|src|action|data)\s*=\s*[\"']?(?P<attr>[^\"'\s>]+)"  # HTML attribute
    rf"|(?P<bare>(?:(?:https?|ftp)://(?:{_LABEL}\.)+{_LABEL}|(?:https?|ftp)://|www\.){_URL_CHARS}*)"  # bare URL
    rf"|(?<![A-Za-z0-9@/.\-])(?P<domain>(?:[A-Za-z0-9-]+\.)+(?:{TLDS}))(?![A-Za-z0-9.\-])"  # bare domain
    rf"|(?<![\w.])(?P<ip>{IPV4}(?::\d{{1,5}})?(?:/{_URL_CHARS}*)?)(?![\w.])",  # bare IP address
    re.IGNORECASE,
)
UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
# Where a LINK_RE match can start (performance only: the regex engine tries all six branches at
# every character; an article is mostly Chinese). Every branch starts with ], <, -, an ASCII
# letter or digit, or a character IGNORECASE folds to one (İ ı ſ K; a test checks all code points).
# Inside a run of ASCII letters and digits only the bare URL can start (the other branches need
# a boundary before them), and it starts with h, f or w.
_TOKEN = re.compile(r"[A-Za-z0-9\]<\-\u0130\u0131\u017f\u212a][A-Za-z0-9]*")  # a mark or a run's first character, the run
_MARKS = frozenset("]<-\u0130\u0131\u017f\u212a")
_INNER_START = re.compile(r"[hHfFwW]")
# A run of ASCII letters and digits starts a match only when a link goes on after it (a dot, hyphen
# or colon: www., a domain label, an IP address, https:; or a letter IGNORECASE folds to ASCII) or
# when the run is an HTML attribute's name (src =): most runs in an article (years, numbers) are neither.
_GOES_ON = frozenset(".-:\u0130\u0131\u017f\u212a")
_ATTRS = frozenset({"href", "src", "action", "data"})


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str
    scheme: str  # lower-case; "" for relative links and bare domains
    host: str  # lower-case, no port; "" for relative links


def _places(text: str) -> Iterator[int]:
    """Where a LINK_RE match can start, in order: every mark, and in a run of ASCII letters and
    digits that a link can go on from, its start and every h or w inside it."""
    for token in _TOKEN.finditer(text):  # one leading character class: a fast scan over Chinese text
        start, end = token.span()
        if text[start] in _MARKS:
            yield start
            start += 1
            if start == end:
                continue
        if text[end:end + 1] not in _GOES_ON and text[start:end].lower() not in _ATTRS:
            continue
        yield start
        if end - start > 1:
            yield from (m.start() for m in _INNER_START.finditer(text, start + 1, end))


def _link_matches(text: str) -> Iterator[re.Match[str]]:
    """LINK_RE.finditer(text), trying only the places where a match can start."""
    pos = 0
    for at in _places(text):
        if at < pos:
            continue
        m = LINK_RE.match(text, at)
        if m:
            yield m
            pos = m.end()


def find_links(text: str) -> Iterator[Link]:
    for m in _link_matches(text):
        group = next(g for g in ("md", "auto", "attr", "bare", "domain", "ip") if m.group(g))
        url = m.group(group).rstrip(".,;:!?")
        start = m.start(group)
        scheme_m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
        scheme = scheme_m.group(1).lower() if scheme_m else ""
        if scheme in ("mailto", "tel"):
            continue
        host = ""
        if scheme in ("http", "https", "ftp") or url.startswith("//"):
            host = host_of(url)
        elif group in ("bare", "domain", "ip") or (not scheme and re.match(r"www\.", url, re.I)):
            host = host_of("http://" + url)
        yield Link(start, start + len(url), url, scheme, host)


def host_of(url: str) -> str:
    """The URL's host, lower-cased. A host Python refuses to parse (characters that change under
    NFKC, such as a full-width colon pasted into a link) is returned as written: it is no
    registered domain, so the link rules report it instead of the check failing."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        rest = url.split("//", 1)[-1]
        return re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].lower()


def domain_in(host: str, domains: Iterable[str]) -> str | None:
    """The registered domain that host is, or is a subdomain of."""
    for d in domains:
        if host == d or host.endswith("." + d):
            return d
    return None


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
