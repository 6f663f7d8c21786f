"""The text a reader sees from a Jinja/HTML template of the theme (overrides/), for the content checks.

The same string, of the same length and lines, with everything a reader does not see blanked
(spaces; line breaks kept, so that a finding's line and column are the template's):

- Jinja comments `{# … #}`: blanked; Jinja statements and expressions (`{% … %}`, `{{ … }}`): blanked
  but their string literals, which is what they print (`{{ "内部资料" }}`, a `{% set %}` caption,
  the translation tables of partials/languages/);
- HTML tags: blanked but the values of the attributes a reader is shown (title, alt, aria-label,
  placeholder, content: a tooltip, a picture's text, a screen reader's label, a page description);
- `<script>` blocks: code, blanked (what they load is the publish gate's: gate.resources_problem);
  `<style>` blocks and stylesheets (.css): blanked but the strings of `content:` declarations, which
  the browser draws as text (`a::after { content: "…" }`);
- HTML comments: kept (they are in every page's source).
"""

from __future__ import annotations

import re
from pathlib import Path

_JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.S)
_LITERAL = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b.*?</style\s*>", re.S | re.I)
_CSS_CONTENT = re.compile(r"""\bcontent\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>", re.S)
_SHOWN_ATTR = re.compile(r"""\b(?:title|alt|aria-label|placeholder|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""",
                         re.I)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _keep_groups(chars: list[str], source: str, span: tuple[int, int], pattern: re.Pattern[str]) -> None:
    """Blank `span` in `chars` but what `pattern`'s groups find inside it (taken from `source`)."""
    _blank(chars, *span)
    for inner in pattern.finditer(source, *span):
        for g in range(1, pattern.groups + 1):
            if inner.start(g) >= 0:
                chars[inner.start(g):inner.end(g)] = source[inner.start(g):inner.end(g)]


def shown_text(template: str, stylesheet: bool = False) -> str:
    """`template` (a stylesheet's text when `stylesheet`) with only the text a reader sees left
    (module doc); same length and lines."""
    chars = list(template)
    if stylesheet:
        _keep_groups(chars, template, (0, len(template)), _CSS_CONTENT)
        return "".join(chars)
    for match in _JINJA.finditer(template):
        if match.group().startswith("{#"):
            _blank(chars, match.start(), match.end())
        else:
            _keep_groups(chars, template, match.span(), _LITERAL)
    text = "".join(chars)
    comments = [(m.start(), m.end()) for m in _COMMENT.finditer(text)]
    for match in _SCRIPT.finditer(text):
        _blank(chars, match.start(), match.end())
    for match in _STYLE.finditer(text):
        _keep_groups(chars, text, match.span(), _CSS_CONTENT)
    styles = [(m.start(), m.end()) for m in _STYLE.finditer(text)]
    for match in _TAG.finditer(text):
        if not any(a <= match.start() < b for a, b in comments + styles):
            _keep_groups(chars, text, match.span(), _SHOWN_ATTR)
    for a, b in comments:  # the markers themselves are not text
        _blank(chars, a, a + 4)
        _blank(chars, b - 3, b)
    return "".join(chars)


def template_dir(root: Path) -> str:
    """The theme folder mkdocs.yml names (theme.custom_dir), as "folder/" from the root; overrides/
    when it names none or cannot be read (the build and the gate report that)."""
    from govpub.errors import GovpubError
    from govpub.site.config import read_mkdocs

    try:
        theme = read_mkdocs(root / "mkdocs.yml").get("theme")
    except GovpubError:
        theme = None
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = custom.strip().strip("/") if isinstance(custom, str) and custom.strip().strip("/") else "overrides"
    return folder.removeprefix("./") + "/"


def is_template(root: Path, rel: str) -> bool:
    """Whether `rel` (from the root) is a template or a drawn picture of the theme whose text is shown."""
    from govpub.policy import TEMPLATE_SUFFIXES

    return rel.lower().endswith(TEMPLATE_SUFFIXES) and rel.startswith(template_dir(root))
