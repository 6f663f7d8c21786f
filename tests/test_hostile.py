"""A hostile drafter with push rights: what they write must not reach a reader unsafe.

Every payload below is an article a careless or hostile drafter could commit. For each,
either `govpub check` reports an error (and for personal data, credentials and files it
must), or the page the build makes of it has nothing that runs. The second half is shown
the hard way: ONE site is built from all payloads with the checks skipped (as if the
hooks were bypassed with --no-verify and a build ran anyway), and every payload page is
read twice: as HTML (no handler, script, frame or script URL left by the sanitizer) and
in headless Chromium (no script runs on load or on a visitor's move, no request leaves
127.0.0.1). Files (symlinks, .html/.svg/.js, GPS-tagged photos), the YAML alias bomb,
path traversal and the deploy key have their own tests at the end.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import REPO, Site, copy_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = REPO / "tests" / "node_modules"
BROWSER = REPO / "tests" / "site" / "hostile.mjs"

ID = "440881199001011233"  # a valid 18-digit ID number (region, date, checksum): test data
MOBILE = "13800138000"
APP_SECRET = secrets.token_hex(16)  # made at run time: no credential literal in the repository
LOGIN = "".join(["Zj", secrets.token_hex(5), "!"])  # a made-up server login, built at run time
PRIVATE_KEY = ("-----BEGIN " + "RSA PRIVATE" + " KEY-----\n" + base64.b64encode(secrets.token_bytes(96)).decode()
               + "\n-----END " + "RSA PRIVATE" + " KEY-----")
SVG_B64 = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').decode()


@dataclass(frozen=True)
class Payload:
    id: str
    body: str
    fields: dict[str, str] = field(default_factory=dict)
    must_block: str | None = None  # a rule id prefix check must report as an error


P = Payload
PAYLOADS = [
    # -- Markdown parsing: a lone or broken fence, attr_list -------------------------------------
    P("lone-backtick-fence", "会议要求如下。\n\n```\n\n<script>alert(1)</script>\n", must_block="html.embed"),
    P("lone-tilde-fence", "会议要求如下。\n\n~~~\n<img src=x alt=\"图\" onerror=alert(1)>\n", must_block="html.event"),
    P("mismatched-fence", "````\n<script>alert(1)</script>\n```\n", must_block="html.embed"),
    P("fence-bad-info", "```python extra words\n<script>alert(1)</script>\n```\n", must_block="html.embed"),
    P("indented-fence", "  ```\n<script>alert(1)</script>\n  ```\n", must_block="html.embed"),
    P("attr-list-paragraph", "市司法局召开会议。\n{: onclick=\"alert(1)\" onmouseover=\"alert(1)\" }\n",
      must_block="html.event"),
    P("attr-list-heading", "## 会议内容 {: onmouseover=alert(1) }\n\n正文。\n", must_block="html.event"),
    P("attr-list-image", "![会议现场](missing.png){: onerror=\"alert(1)\" }\n", must_block="html.event"),
    P("attr-list-link", "[政府网站](https://www.gov.cn){: onfocus=alert(1) autofocus }\n", must_block="html.event"),
    P("attr-list-style", "通知。\n{: style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red\" }\n",
      must_block="html.style"),
    P("attr-list-href", "[政府网站](https://www.gov.cn){: href=\"javascript:alert(1)\" }\n", must_block="links.scheme"),
    P("attr-list-src-entity", "![会议现场](a.png){: src=\"&#106;avascript:alert(1)\" }\n",
      must_block="html.script-url"),
    P("fence-attrs", "``` { .html onclick=\"alert(1)\" }\n示例\n```\n"),
    # -- raw HTML ---------------------------------------------------------------------------------
    P("script", "<script>alert(1)</script>\n", must_block="html.embed"),
    P("img-onerror", "<img src=x alt=\"图\" onerror=alert(1)>\n", must_block="html.event"),
    P("img-onerror-upper", "<IMG SRC=x ALT=\"图\" ONERROR=alert(1)>\n", must_block="html.event"),
    P("img-split-lines", "<img\nsrc=x\nalt=\"图\"\nonerror=alert(1)>\n", must_block="html.event"),
    P("svg-onload", "<svg onload=alert(1)></svg>\n", must_block="html.embed"),
    P("iframe-srcdoc", "<iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe>\n", must_block="html.embed"),
    P("details-ontoggle", "<details open ontoggle=alert(1)><summary>详情</summary>内容</details>\n",
      must_block="html.event"),
    P("object-data", "<object data=\"javascript:alert(1)\"></object>\n", must_block="html.embed"),
    P("embed-src", "<embed src=\"javascript:alert(1)\">\n", must_block="html.embed"),
    P("form-action", "<form action=\"javascript:alert(1)\"><button>提交</button></form>\n", must_block="html.embed"),
    P("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n", must_block="html.embed"),
    P("base-href", "<base href=\"http://evil.example/\">\n", must_block="html.embed"),
    P("style-import", "<style>@import 'http://evil.example/x.css';</style>\n", must_block="html.embed"),
    P("link-stylesheet", "<link rel=stylesheet href=\"http://evil.example/x.css\">\n", must_block="html.embed"),
    P("math-xlink", "<math><a xlink:href=\"javascript:alert(1)\">点击</a></math>\n", must_block="html.embed"),
    P("noscript-mxss", "<noscript><p title='</noscript><img src=x alt=\"图片\" onerror=alert(1)>'></noscript>\n",
      must_block="html.embed"),
    P("table-cell", "| 项目 | 说明 |\n|---|---|\n| 一 | <img src=x alt=\"图\" onerror=alert(1)> |\n", must_block="html.event"),
    P("comment-bang", "<!-- 说明 --!><img src=x alt=\"图\" onerror=alert(1)> -->\n", must_block="html.event"),
    P("img-external-tracker", "![会议现场](https://evil.example/t.gif)\n"),
    P("img-protocol-relative", "<img src=\"//evil.example/t.gif\" alt=\"现场\">\n"),
    P("style-hidden-link", "<span style=\"display:none\"><a href=\"https://evil.example/\">博彩</a></span>\n",
      must_block="html.style"),
    # -- URLs in every encoding -------------------------------------------------------------------
    P("md-link-javascript", "[办事指南](javascript:alert(1))\n", must_block="links.scheme"),
    P("md-link-entity", "[办事指南](&#106;avascript:alert(1))\n", must_block="html.script-url"),
    P("href-entity", "<a href=\"&#106;avascript:alert(1)\">办事指南</a>\n", must_block="html.script-url"),
    P("href-tab", "<a href=\"java&#x09;script:alert(1)\">办事指南</a>\n", must_block="html.script-url"),
    P("href-newline", "<a href=\"java\nscript:alert(1)\">办事指南</a>\n"),
    P("href-hex-colon", "<a href=\"javascript&#x3A;alert(1)\">办事指南</a>\n", must_block="html.script-url"),
    P("reference-link", "详见[办事指南][1]。\n\n[1]: javascript:alert(1)\n", must_block="html.script-url"),
    P("reference-link-angle", "详见[办事指南][g]。\n\n[g]: <javascript:alert(1)>\n", must_block="links.scheme"),
    P("autolink", "<javascript:alert(1)>\n", must_block="links.scheme"),
    P("vbscript", "<a href=\"vbscript:msgbox(1)\">办事指南</a>\n", must_block="links.scheme"),
    P("data-html", "<a href=\"data:text/html,<script>alert(1)</script>\">办事指南</a>\n", must_block="links.scheme"),
    P("data-svg-image", f"![图示](data:image/svg+xml;base64,{SVG_B64})\n", must_block="links.scheme"),
    # -- front matter, rendered by the templates --------------------------------------------------
    P("title-close-tag", "正文。\n", {"title": "\"</title><script>alert(1)</script>\""}, must_block="html.embed"),
    P("title-fence", "正文。\n", {"title": "\"```</title><script>alert(1)</script>\""}, must_block="html.embed"),
    P("author-attr-break", "正文。\n", {"author": "'\"><script>alert(1)</script>'"}, must_block="html.embed"),
    P("summary-img", "正文。\n", {"summary": "\"<img src=x onerror=alert(1)>\""}, must_block="html.event"),
    P("doc-number-script", "正文。\n", {"doc_number": "\"<script>alert(1)</script>\""}, must_block="html.embed"),
    P("repost-url-javascript", "正文。\n",
      {"repost": "{source_name: 广东省司法厅, source_url: \"java&#x09;script:alert(1)\", published: \"2026-11-18\"}"},
      must_block="repost."),
    P("template-redirect", "正文。\n", {"template": "redirect.html", "location": "\"javascript:alert(1)\""},
      must_block="meta."),
    # -- suppression comments hide nothing --------------------------------------------------------
    P("suppression-block-script", "<!-- govpub: allow html.* 理由：示例\n<script>alert(1)</script>\n-->\n正文。\n",
      must_block="html.embed"),
    P("suppression-block-id", f"<!-- govpub: allow html.* 理由：示例\n身份证号 {ID}\n-->\n正文。\n",
      must_block="privacy.id-number"),
    P("suppression-privacy", f"<!-- govpub: allow privacy.* 理由：当事人同意 -->\n手机 {MOBILE}\n",
      must_block="privacy.mobile"),
    # -- personal data wherever it hides ----------------------------------------------------------
    P("id-in-fence", f"```\n{ID}\n```\n", must_block="privacy.id-number"),
    P("id-after-lone-fence", f"```\n当事人身份证号{ID}\n", must_block="privacy.id-number"),
    P("mobile-in-comment", f"<!-- 联系人手机 {MOBILE} -->\n正文。\n", must_block="privacy.mobile"),
    P("mobile-in-author", "正文。\n", {"author": f"张三{MOBILE}"}, must_block="privacy.mobile"),
    P("id-in-title", "正文。\n", {"title": f"关于{ID}的公示"}, must_block="privacy.id-number"),
    P("id-as-entities", "身份证号" + "".join(f"&#{ord(c)};" for c in ID) + "。\n", must_block="privacy.id-number"),
    P("mobile-hex-entity", f"手机&#x31;{MOBILE[1:]}。\n", must_block="privacy.mobile"),
    P("id-yaml-escaped", "正文。\n", {"author": '"张三' + "".join(f"\\u{ord(c):04x}" for c in ID) + '"'},
      must_block="meta.front-matter"),
    P("id-in-inline-code", f"证件号 `{ID}`。\n", must_block="privacy.id-number"),
    # -- credentials ------------------------------------------------------------------------------
    P("app-secret", f"公众号开发者密码（AppSecret）：{APP_SECRET}\n", must_block="secret.credential"),
    P("app-secret-in-fence", f"```\nAPP_SECRET = \"{APP_SECRET}\"\n```\n", must_block="secret.credential"),
    P("appid-pair", f"AppID wx{secrets.token_hex(8)}，{APP_SECRET}\n", must_block="secret.credential"),
    P("private-key", f"```\n{PRIVATE_KEY}\n```\n", must_block="secret.credential"),
    P("password", f"服务器登录密码：{LOGIN}\n", must_block="secret.credential"),
    P("secret-in-summary", "正文。\n", {"summary": f"\"token={APP_SECRET}\""}, must_block="secret.credential"),
]

RAN_MARKERS = ("alert(1)", "msgbox(1)")


def page_of(p: Payload) -> str:
    return f"gzdt/2026/{p.id}/"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, set[str]]]:
    """The sample site with every payload as an article of 工作动态: the findings of
    `govpub check` per article, and the site built from all of them with checks skipped."""
    site = copy_site(tmp_path_factory.mktemp("hostile") / "repo")
    for p in PAYLOADS:
        fields = {"column": "gzdt", "department": "办公室", "title": f"工作动态测试{p.id}", **p.fields}
        site.article(f"content/gzdt/2026/{p.id}.md", p.body, **fields)
    errors: dict[str, set[str]] = {}
    for f in site.findings():
        if f["severity"] == "error":
            errors.setdefault(f["path"], set()).add(f["rule"])
    proc = subprocess.run(  # the build alone, no checks: the sanitizer is the last line
        [sys.executable, "-c", "import sys; from pathlib import Path; from govpub.commands.build import build_site; "
         "build_site(Path(sys.argv[1]), Path(sys.argv[2]), quiet=True)",
         str(site.root / "mkdocs.yml"), str(site.root / "site")],
        cwd=site.root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return site, errors


@pytest.fixture
def repo_copy(tmp_path: Path) -> Site:
    """A fresh copy of the site repository (checks, content, overrides, mkdocs.yml)."""
    return copy_site(tmp_path / "repo")


def test_the_corpus_is_big_and_varied() -> None:
    assert len(PAYLOADS) >= 40 and len({p.id for p in PAYLOADS}) == len(PAYLOADS)


def test_check_blocks_personal_data_credentials_and_scripts(hostile) -> None:
    _, errors = hostile
    missed = [(p.id, p.must_block, sorted(errors.get(f"content/gzdt/2026/{p.id}.md", ())))
              for p in PAYLOADS if p.must_block
              and not any(r.startswith(p.must_block) for r in errors.get(f"content/gzdt/2026/{p.id}.md", ()))]
    assert not missed


class _Scan(HTMLParser):
    """What could run in a page: handlers, scripts, frames, script URLs, inline styles."""

    def __init__(self, elements: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.elements = elements  # judge elements too (the article's part; the theme has svg icons)
        self.bad: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.elements and tag in ("iframe", "frame", "object", "embed", "base", "form", "svg", "math", "style"):
            self.bad.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.bad.append("<meta http-equiv>")
        if tag == "link" and any(k == "href" and v and "evil" in v for k, v in attrs):
            self.bad.append("<link> to another host")
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if value and name in ("href", "src", "action", "data", "xlink:href", "formaction") and re.match(
                    r"(?:javascript|vbscript|data):", re.sub(r"[\x00-\x20]", "", value), re.I):
                self.bad.append(f"<{tag} {name}={value[:40]}>")
            if name == "style" and not re.fullmatch(r"\s*text-align\s*:\s*\w+;?\s*", value or ""):
                if tag in ("p", "span", "div", "h2", "a", "img"):
                    self.bad.append(f"<{tag} style={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(re.sub(r"(?:\.\./)+|\./", "", data.strip()))

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _scan(path: Path) -> _Scan:
    """The whole page (handlers, URLs, scripts) and the article's elements."""
    text = path.read_text("utf-8")
    scan = _Scan(elements=False)
    scan.feed(text)
    start = text.index('<article class="md-content__inner')
    article = _Scan(elements=True)
    article.feed(text[start:text.index("</article>", start)])
    scan.bad += [b for b in article.bad if b not in scan.bad]
    return scan


def test_every_built_page_has_nothing_that_runs(hostile) -> None:
    site, _ = hostile
    out = site.root / "site"
    clean = next(p for p in out.glob("gzdt/2026/*/index.html") if p.parent.name not in {x.id for x in PAYLOADS})
    baseline = set(_scan(clean).inline_scripts)
    problems = {}
    for p in PAYLOADS:
        page = out / page_of(p) / "index.html"
        assert page.is_file(), p.id
        scan = _scan(page)
        extra = [s for s in scan.inline_scripts if s and s not in baseline]
        bad = scan.bad + [f"inline script {s[:60]}" for s in extra]
        text = page.read_text("utf-8")
        if "<script>alert(1)" in text or "</title><script>" in text:
            bad.append("script text in the page source")
        if bad:
            problems[p.id] = bad
    assert not problems


def test_front_matter_reaches_the_page_as_text(hostile) -> None:
    site, _ = hostile
    text = (site.root / "site" / "gzdt/2026/title-close-tag/index.html").read_text("utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    author = (site.root / "site" / "gzdt/2026/author-attr-break/index.html").read_text("utf-8")
    assert '<meta name="author" content="&#34;&gt;&lt;script&gt;' in author or \
        '<meta name="author" content="&quot;&gt;&lt;script&gt;' in author
    redirect = (site.root / "site" / "gzdt/2026/template-redirect/index.html").read_text("utf-8")
    assert "window.location.replace" not in redirect and "md-content" in redirect


def test_comments_and_their_contents_do_not_reach_the_page(hostile) -> None:
    site, _ = hostile
    for pid in ("mobile-in-comment", "suppression-block-id", "suppression-block-script"):
        text = (site.root / "site" / f"gzdt/2026/{pid}/index.html").read_text("utf-8")
        content = text[text.index('class="md-content'):]
        assert "<!--" not in content and MOBILE not in text and ID not in text and "alert(1)" not in content, pid


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"没有 {CHROMIUM}（apt-get install chromium）"
    if not shutil.which("node"):
        return "没有 node"
    if not (NODE_MODULES / "playwright-core").is_dir():
        return "没有 tests/node_modules/playwright-core（npm ci --prefix tests）"
    return None


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.mark.slow
def test_no_script_runs_in_chromium(hostile, tmp_path: Path) -> None:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"浏览器测试无法运行：{missing}")
        pytest.skip(missing)
    site, _ = hostile
    pages = [page_of(p) for p in PAYLOADS]
    listing = tmp_path / "pages.json"
    listing.write_text(json.dumps(pages), "utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.root / "site")))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        proc = subprocess.run(["node", str(BROWSER), f"http://127.0.0.1:{server.server_address[1]}", str(listing)],
                              cwd=REPO / "tests", capture_output=True, text=True, timeout=400,
                              env={**os.environ, "CHROMIUM": CHROMIUM})
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    assert set(result) == set(pages)
    bad = {p: {k: v for k, v in r.items() if k in ("external", "dialogs", "ran", "handlers", "urls", "frames") and v}
           for p, r in result.items()}
    assert all(r["status"] == 200 for r in result.values())
    assert not {p: v for p, v in bad.items() if v}


def test_credentials_in_data_files_are_found(repo_copy: Site) -> None:
    registry = repo_copy.root / "checks/registry/phones.yml"
    registry.write_text(registry.read_text("utf-8") + f"# 公众号 AppSecret: {APP_SECRET}\n", "utf-8")
    record = repo_copy.root / "records/consultations/2026-x.yml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(f"question: 服务器登录密码：{LOGIN}\n", "utf-8")
    found = {(f["path"], f["rule"]) for f in repo_copy.findings() if f["severity"] == "error"}
    assert found == {("checks/registry/phones.yml", "secret.credential"),
                     ("records/consultations/2026-x.yml", "secret.credential")}
    articles = len(list((repo_copy.root / "content").rglob("*.md")))
    assert f"检查了 {articles} 篇文章" in repo_copy.run("check").stdout  # data files are not articles


# -- files -------------------------------------------------------------------------------------
def _build(site: Site) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from govpub.commands.build import build_site; "
         "from govpub.errors import GovpubError\ntry:\n build_site(Path(sys.argv[1]), Path(sys.argv[2]), quiet=True)\n"
         "except GovpubError as e:\n print(e, file=sys.stderr); sys.exit(2)",
         str(site.root / "mkdocs.yml"), str(site.root / "site")],
        cwd=site.root, capture_output=True, text=True, timeout=300)


def _site_text(site_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in site_dir.rglob("*") if p.is_file()) if site_dir.exists() else b""


@pytest.mark.parametrize("kind", ["file-to-environ", "dir-outside", "file-inside"])
def test_symlinks_are_refused_by_check_and_build(repo_copy: Site, tmp_path: Path, kind: str) -> None:
    marker = "GOVPUB_TEST_APPSECRET=" + APP_SECRET
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "environ").write_text(marker + "\n", "utf-8")
    (outside / "a.md").write_text("---\ntitle: 外部文章\n---\n" + marker + "\n", "utf-8")
    folder = repo_copy.root / "content/gzdt/2026"
    if kind == "file-to-environ":
        os.symlink(outside / "environ", folder / "huiyi-1.jpg")
        expect = "content/gzdt/2026/huiyi-1.jpg"
    elif kind == "dir-outside":
        os.symlink(outside, folder / "fujian")
        expect = "content/gzdt/2026/fujian"
    else:
        target = next(folder.glob("*.md"))
        os.symlink(target, folder / "copy.md")
        expect = "content/gzdt/2026/copy.md"
    found = {(f["path"], f["rule"], f["severity"]) for f in repo_copy.findings()}
    assert (expect, "meta.file", "error") in found
    assert repo_copy.run("build", "--quiet").returncode == 1
    proc = _build(repo_copy)
    assert proc.returncode == 2 and "符号链接" in proc.stderr and expect.split("/")[-1] in proc.stderr
    assert marker.encode() not in _site_text(repo_copy.root / "site")


def test_a_symlink_in_the_theme_is_refused_by_check_and_build(repo_copy: Site) -> None:
    os.symlink("/etc/passwd", repo_copy.root / "overrides/assets/govpub/logo.png")
    found = {(f["path"], f["rule"]) for f in repo_copy.findings()}
    assert ("overrides/assets/govpub/logo.png", "meta.file") in found
    proc = _build(repo_copy)
    assert proc.returncode == 2 and "logo.png" in proc.stderr and "符号链接" in proc.stderr
    assert b"root:x:0:0" not in _site_text(repo_copy.root / "site")


@pytest.mark.parametrize("name, data", [
    ("huodong.html", b"<script>alert(1)</script>"),
    ("tubiao.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("tongji.js", b"alert(1)"),
    ("shuju", b"no extension"),
])
def test_unlisted_file_types_are_refused(repo_copy: Site, name: str, data: bytes) -> None:
    repo_copy.write(f"content/gzdt/2026/{name}", data)
    found = {(f["path"], f["rule"]) for f in repo_copy.findings()}
    assert (f"content/gzdt/2026/{name}", "meta.asset") in found
    proc = _build(repo_copy)
    assert proc.returncode == 2 and name in proc.stderr
    assert not list((repo_copy.root / "site").rglob(name)) if (repo_copy.root / "site").exists() else True


def _gps_jpeg(orientation: int = 1) -> bytes:
    from PIL import Image

    im = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 16.0, 30.0), 3: "E", 4: (110.0, 21.0, 5.0)})
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def _exif(data: bytes) -> dict:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        im.load()
        exif = im.getexif()
        return {**dict(exif), "gps": dict(exif.get_ifd(0x8825))}


@pytest.mark.slow
def test_gps_photo_is_flagged_and_the_site_copy_has_no_metadata(repo_copy: Site) -> None:
    folder = repo_copy.root / "content/gzdt/2026"
    repo_copy.write("content/gzdt/2026/xianchang.jpg", _gps_jpeg(orientation=6))
    assert _exif((folder / "xianchang.jpg").read_bytes())["gps"]
    found = {(f["path"], f["rule"], f["severity"]) for f in repo_copy.findings()}
    assert ("content/gzdt/2026/xianchang.jpg", "privacy.photo-location", "error") in found
    assert _build(repo_copy).returncode == 0
    built = (repo_copy.root / "site/gzdt/2026/xianchang.jpg").read_bytes()
    assert _exif(built) == {0x0112: 6, "gps": {}}  # the orientation only: the photo still shows upright
    assert b"PhoneMaker" not in built
    # govpub fix strips the original too, and check is then clean for it
    proc = repo_copy.run("fix", "content/gzdt/2026/xianchang.jpg")
    assert proc.returncode == 0 and "元数据" in proc.stdout
    assert not _exif((folder / "xianchang.jpg").read_bytes())["gps"]
    assert not [f for f in repo_copy.findings("content/gzdt/2026/xianchang.jpg")]


def test_the_audit_sweep_is_not_blinded_by_comments(site: Site) -> None:
    from datetime import datetime

    from govpub.audit.sweep import sweep_articles
    from govpub.content import article as article_mod

    body = (f"<!-- govpub: allow privacy.* 理由：当事人同意 -->\n身份证号 {ID}\n"
            f"<!-- govpub: allow html.* 理由：示例\n手机 {MOBILE}\n-->\n")
    path = site.article("content/pfyfz/2026/gs.md", body)
    found = sweep_articles(site.rules(), [article_mod.load(site.root, path)], datetime(2026, 12, 1))
    assert sorted(e.rule for e in found) == ["privacy.id-number", "privacy.mobile"]


def test_the_audit_sweep_finds_a_published_photo_with_its_location(tmp_path: Path) -> None:
    from govpub.audit.sweep import sweep_images

    site_dir = tmp_path / "site"
    (site_dir / "gzdt/2026").mkdir(parents=True)
    (site_dir / "gzdt/2026/a.jpg").write_bytes(_gps_jpeg())
    from govpub.content.assets import strip_metadata

    (site_dir / "gzdt/2026/b.jpg").write_bytes(strip_metadata(_gps_jpeg()))
    found = sweep_images(site_dir)
    assert [(e.path, e.rule) for e in found] == [("site/gzdt/2026/a.jpg", "privacy.photo-location")]


def test_the_site_images_of_the_sample_keep_their_pixels(repo_copy: Site) -> None:
    from PIL import Image

    assert _build(repo_copy).returncode == 0
    for src in (repo_copy.root / "content").rglob("*.jpg"):
        dest = repo_copy.root / "site" / src.relative_to(repo_copy.root / "content")
        with Image.open(src) as a, Image.open(dest) as b:
            assert a.size == b.size and a.tobytes() == b.tobytes(), src


# -- YAML, paths, the deploy key ------------------------------------------------------------------
def _alias_bomb(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_front_matter_is_refused_at_once(site: Site) -> None:
    path = site.write("content/pfyfz/2026/bomb.md",
                      "---\ntitle: 测试\ncolumn: pfyfz\n" + _alias_bomb() + "---\n\n正文。\n")
    proc = subprocess.run([sys.executable, "-m", "govpub", "check", "--format", "json", str(path)],
                          cwd=site.root, capture_output=True, text=True, timeout=60)  # was minutes
    findings = json.loads(proc.stdout)["findings"]
    assert proc.returncode == 1
    hit = next(f for f in findings if f["rule"] == "meta.front-matter")
    assert hit["line"] == 4 and "锚点" in hit["message"]


def test_alias_in_checks_is_a_policy_error(site: Site) -> None:
    (site.root / "checks/rules.yml").write_text("defaults: &d {tone.*: warning}\ncolumns: {pfyfz: *d}\n", "utf-8")
    site.article()
    proc = site.run("check")
    assert proc.returncode == 2 and "checks/rules.yml" in proc.stderr and "锚点" in proc.stderr


def test_alias_in_front_matter_never_reaches_the_build() -> None:
    import tempfile

    from govpub.site.plugin import read_front_matter

    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write("---\n" + _alias_bomb() + "title: x\n---\n正文\n")
    try:
        assert read_front_matter(fh.name) == {}
    finally:
        os.unlink(fh.name)


@pytest.mark.parametrize("slug", ["../../../x", "../x", "a/b", "/tmp/x", "A B", ".hidden", "x..y/.."])
def test_new_refuses_a_path_forming_slug(repo_copy: Site, tmp_path: Path, slug: str) -> None:
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    proc = repo_copy.run("new", "--column", "gzdt", "--title", "关于开展普法宣传活动的通知", "--author", "张三",
                         "--slug", slug, "--date", "2026-11-20 09:30", "--channels", "website", "--department", "办公室")
    assert proc.returncode == 2 and "文件名" in proc.stderr and "处理办法" in proc.stderr
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == before


def test_import_refuses_a_path_forming_slug(repo_copy: Site, tmp_path: Path) -> None:
    from workflow.docx_builder import build

    source = build(tmp_path / "gao.docx")
    before = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    proc = repo_copy.run("import", str(source), "--column", "gzdt", "--slug", "../../../../x")
    assert proc.returncode == 2 and "文件名" in proc.stderr
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == before


def test_new_refuses_a_column_folder_that_leads_outside(repo_copy: Site, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, repo_copy.root / "content/gzdt/2027")
    proc = repo_copy.run("new", "--column", "gzdt", "--title", "关于开展普法宣传活动的通知", "--author", "张三",
                         "--date", "2027-01-05 09:30", "--channels", "website", "--department", "办公室")
    assert proc.returncode == 2 and "仓库之外" in proc.stderr
    assert not list(outside.iterdir())


def test_retract_refuses_a_file_reached_through_a_symlinked_folder(repo_copy: Site, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    original = "---\ntitle: 外部文件\ncolumn: gzdt\n---\n正文\n"
    (outside / "a.md").write_text(original, "utf-8")
    os.symlink(outside, repo_copy.root / "content/gzdt/ln")
    proc = repo_copy.run("retract", "content/gzdt/ln/a.md", "--reason", "测试撤稿")
    assert proc.returncode == 2 and "仓库之外" in proc.stderr
    assert (outside / "a.md").read_text("utf-8") == original


def test_deploy_key_material_never_appears_in_an_error() -> None:
    from govpub.errors import GovpubError
    from govpub.publish import deploy

    for value in (PRIVATE_KEY, PRIVATE_KEY.replace("\n", " "), "x" * 5000):
        with pytest.raises(GovpubError) as info:
            deploy.ssh_command({deploy.KEY_ENV: value})
        shown = str(info.value) + repr(info.value.__dict__)
        assert value not in shown and value[30:60] not in shown and deploy.KEY_ENV in shown


# -- the checker and the site parse Markdown the same way -------------------------------------------
def test_the_rules_fence_is_the_sites_fence() -> None:
    from markdown.extensions.fenced_code import FencedBlockPreprocessor

    from govpub.rules.document import FENCE_RE

    assert FENCE_RE.pattern == FencedBlockPreprocessor.FENCED_BLOCK_RE.pattern
    assert FENCE_RE.flags == FencedBlockPreprocessor.FENCED_BLOCK_RE.flags
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^  - fenced_code\s*$", config, re.M)


def test_a_link_whose_host_python_cannot_parse_is_reported_not_a_crash(site):
    """A full-width colon or Chinese text pasted into a link's host makes urlsplit raise; the
    check must report the link (it is no registered domain), never stop with an error."""
    site.article("content/pfyfz/2026/a.md",
                 body="详见[通知](http://sft.gd.gov.cn：8080/tzgg/1.html)。\n\n来源：http://联系人：李某.gd.gov.cn/x\n")
    site.article("content/pfyfz/2026/b.md", repost="{source_name: 广东省司法厅, "
                 "source_url: 'https://sft.gd.gov.cn：443/x', published: 2026-11-20}")
    proc = site.run("check", "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rules = {(f["path"].rsplit("/", 1)[-1], f["rule"].split(".")[0]) for f in json.loads(proc.stdout)["findings"]}
    assert ("a.md", "links") in rules and ("b.md", "repost") in rules
