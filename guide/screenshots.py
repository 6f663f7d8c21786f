"""Screenshots of the real pages for the guide: the sample site and the audit report,
rendered by headless Chromium (Debian's chromium package) into guide/docs/img/.

The website's pages (home, column, article, 互动交流, and search results) are taken at 1366
and 390 px by the browser test's script (tests/site/browser.mjs, playwright-core: it can
type a search), so node and tests/node_modules are needed (npm ci --prefix tests).

The drafter's terminal (term-*.png): the real govpub commands run in tmux on a temporary copy of
the sample site's checks/, captured with their colours and drawn as a terminal page. The web
path's pull-request comment (web-comment.png): the real steps of .github/workflows/word.yml run
against the loopback forge double (tests/approvals/forge_double.py), and the comment it received.

Run from the repository root after `make demo`: python guide/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import markdown
import yaml
from ansi2html import Ansi2HTMLConverter
from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "guide/docs/img"
BROWSER = ROOT / "tests/site/browser.mjs"
TERM_COLS = 90  # the guide's text column shows about 740 px without scaling the picture down
TERM_CSS = """body{margin:0;background:#1e1e1e;font:15px/1.45 "Noto Sans Mono CJK SC",monospace;color:#ddd}
.bar{background:#3a3a3a;color:#bbb;padding:6px 16px;font-size:13px}
pre{margin:0;padding:14px 16px;white-space:pre-wrap;word-break:break-all;font:inherit}
.ansi1{font-weight:bold;color:#fff}.ansi31{color:#ff6b6b}.ansi32{color:#8fd18f}.ansi33{color:#f0c05a}
.ansi34{color:#7fb4ff}.ansi35{color:#e58fe5}.ansi36{color:#6fd6d6}"""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def shoot(url: str, out: Path, size: str = "1280,900") -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["chromium", *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                        f"--screenshot={out}", url], check=True, capture_output=True, timeout=120)
    print(f"已截图：{out.relative_to(ROOT)}")


def site_pages(base: str) -> None:
    """site-<page>-<width>.png, and site-home.png / site-article.png for the other guide pages."""
    if not shutil.which("node") or not (ROOT / "tests/node_modules/playwright-core").is_dir():
        raise SystemExit("网站截图需要 node 和 playwright-core：apt-get install -y nodejs npm，再运行 npm ci --prefix tests")
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run(["node", str(BROWSER), base, out, "值班律师"], cwd=ROOT / "tests",
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "CHROMIUM": shutil.which("chromium") or "chromium"})
        if proc.returncode != 0:
            raise SystemExit(f"网站截图失败：{proc.stderr[-2000:]}")
        for shot in json.loads(proc.stdout)["screenshots"]:
            if Path(shot).name.startswith("site-"):
                shutil.copy2(shot, IMG / Path(shot).name)
                print(f"已截图：guide/docs/img/{Path(shot).name}")
    shutil.copy2(IMG / "site-home-1366.png", IMG / "site-home.png")
    shutil.copy2(IMG / "site-article-1366.png", IMG / "site-article.png")


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)


def tmux(cwd: Path, keys: list[tuple[str, str | None]]) -> str:
    """Type each line into bash in a tmux pane (a real terminal: colours on, prompts shown), each
    after the text it answers is on screen, and return the pane with its ANSI colours once the
    shell prompt is back."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    t = ["tmux", "-L", f"guide-{os.getpid()}", "-f", "/dev/null"]

    def pane() -> list[str]:
        return subprocess.run([*t, "capture-pane", "-p", "-e", "-J", "-t", "0"], capture_output=True,
                              text=True, check=True).stdout.rstrip().splitlines()

    def wait_until(done: Callable[[list[str]], bool]) -> list[str]:
        deadline = time.monotonic() + 120
        while not done(lines := pane()):
            if time.monotonic() > deadline:
                raise SystemExit("终端截图超时，终端上的内容：\n" + "\n".join(lines))
            time.sleep(0.2)
        return lines

    def prompt(lines: list[str]) -> bool:
        return bool(lines) and lines[-1].strip() == "$"

    subprocess.run([*t, "new-session", "-d", "-x", str(TERM_COLS), "-y", "100", "-c", str(cwd),
                    "bash --norc --noprofile"], env=env, check=True)
    try:
        for line, answers in [("PS1='$ '; clear", None), *keys]:
            if answers:
                wait_until(lambda lines, text=answers: text in "\n".join(lines))
            subprocess.run([*t, "send-keys", "-l", line], check=True)
            subprocess.run([*t, "send-keys", "Enter"], check=True)
            if line.startswith("PS1="):
                wait_until(lambda lines: [x.strip() for x in lines] == ["$"])
        lines = wait_until(lambda lines: prompt(lines) and len(lines) > 1)
    finally:
        subprocess.run([*t, "kill-server"], capture_output=True)
    return "\n".join(lines[:-1])


def terminal_shot(text: str, out: Path, title: str) -> None:
    """The captured pane as a dark terminal page (ANSI colours to HTML by ansi2html), screenshot."""
    body = Ansi2HTMLConverter(inline=False, dark_bg=True).convert(text, full=False)
    rows = sum(max(1, -(-_width(line) // TERM_COLS)) for line in text.splitlines())
    page = out.with_suffix(".html")
    page.write_text(f'<!doctype html><meta charset="utf-8"><style>{TERM_CSS}</style>'
                    f'<div class="bar">{title}</div><pre>{body}</pre>', "utf-8")
    shoot(page.as_uri(), out, f"{TERM_COLS * 8 + 20},{rows * 22 + 90}")
    page.unlink()
    crop_bottom(out)


def crop_bottom(out: Path) -> None:
    """Cut the empty background below the content (the window is sized generously), keep a margin."""
    with Image.open(out) as shot:
        rgb = shot.convert("RGB")
    box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, rgb.getpixel((5, rgb.height - 5)))).getbbox()
    if box and box[3] + 16 < rgb.height:
        rgb.crop((0, 0, rgb.width, box[3] + 16)).save(out)


SAMPLE_DRAFT = """---
title: 湛江市司法局开展法律援助进社区活动
column: gzdt
department: 办公室
author: 王晓敏
date: 2026-11-20 09:30
channels: [website]
---

11月20日,湛江市司法局在赤坎区开展"法律援助进社区"活动,现场为群众提供法律咨询。
受援人张某（身份证号440802199001010024）对服务表示满意。

![](huodong.png)
"""


def drafter_terminal(tmp: Path) -> None:
    """term-new / term-check / term-fix / term-import: what the drafter sees for each command."""
    sys.path.insert(0, str(ROOT / "tests/workflow"))
    from docx_builder import build, png

    site = tmp / "website"
    shutil.copytree(ROOT / "checks", site / "checks")
    (site / ".venv/bin").mkdir(parents=True)
    wrapper = site / ".venv/bin/govpub"  # the command the guide shows, running this tree's govpub
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m govpub "$@"\n')
    wrapper.chmod(0o755)
    for argv in (["init", "-q", "-b", "main"], ["config", "user.name", "王晓敏"],
                 ["config", "user.email", "wangxiaomin@example.gov.cn"]):
        subprocess.run(["git", *argv], cwd=site, check=True)
    (site / "content").mkdir()
    title = "湛江市司法局召开2026年度普法工作推进会"
    shots: list[tuple[str, list[tuple[str, str | None]]]] = [
        ("term-new.png", [(".venv/bin/govpub new", None), ("gzdt", "选择栏目"), (title, "标题："), ("", "拟稿部门（"),
                          ("", "拟稿人（")]),
        ("term-check.png", [(".venv/bin/govpub check content/gzdt/2026/huodong.md", None)]),
        ("term-fix.png", [(".venv/bin/govpub fix content/gzdt/2026/huodong.md", None)]),
        ("term-import.png", [(".venv/bin/govpub import 稿件.docx --column ggflfw", None)]),
    ]
    folder = site / "content/gzdt/2026"
    folder.mkdir(parents=True)
    (folder / "huodong.md").write_text(SAMPLE_DRAFT, "utf-8")
    (folder / "huodong.png").write_bytes(png((40, 90, 180), (640, 480)).getvalue())
    build(site / "稿件.docx")
    for name, keys in shots:
        terminal_shot(tmux(site, keys), IMG / name, "终端 — website")


def word_comment_body(tmp: Path) -> str:
    """The comment the Word workflow posts on a pull request that uploads a Word draft and a phone
    photo: its real steps run with bash, the comment posted to the loopback forge double."""
    sys.path.insert(0, str(ROOT / "tests/approvals"))
    sys.path.insert(0, str(ROOT / "tests/workflow"))
    from docx_builder import build_draft
    from forge_double import TOKEN, ForgeDouble

    steps = yaml.safe_load((ROOT / ".github/workflows/word.yml").read_text("utf-8"))["jobs"]["convert"]["steps"]
    script = {s["name"]: s["run"] for s in steps if "name" in s and "run" in s}
    site = tmp / "web"
    shutil.copytree(ROOT / "checks", site / "checks")
    shutil.copytree(ROOT / "overrides", site / "overrides")  # the website's build, for web-article.png
    shutil.copy2(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(ROOT / "content", site / "content")
    bin_dir = tmp / "web-bin"
    bin_dir.mkdir()
    (bin_dir / "govpub").write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m govpub "$@"\n')
    (bin_dir / "govpub").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "GITEA_", "GOVPUB_FORGE"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", DRAFTER="wangxm", REPORT=str(tmp / "report.md"),
               GITHUB_OUTPUT=str(tmp / "output"), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1",
               GIT_AUTHOR_NAME="wangxm", GIT_AUTHOR_EMAIL="wangxm@example.gov.cn",
               GIT_COMMITTER_NAME="wangxm", GIT_COMMITTER_EMAIL="wangxm@example.gov.cn")

    def git(*argv: str) -> str:
        return subprocess.run(["git", *argv], cwd=site, env=env, check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "网站仓库")
    git("remote", "add", "origin", str(site))
    base = git("rev-parse", "HEAD").strip()
    git("switch", "-q", "-c", "gzdt-xcz")  # the drafter's upload on the web page
    build_draft(site / "content/gzdt/2026/宪法宣传周.docx")
    Image.effect_noise((4032, 3024), 60).convert("RGB").save(site / "content/gzdt/2026/IMG_2041.JPG", quality=90)
    git("add", "-A")
    git("commit", "-qm", "上传文件")
    converted = subprocess.run(["bash", "-e", "-c", script["转换 Word 稿件"]], cwd=site, capture_output=True,
                               text=True, env={**env, "BASE_SHA": base})
    if converted.returncode != 0:
        raise SystemExit(f"Word 稿件转换步骤失败：{converted.stderr[-2000:]}")
    forge = ForgeDouble().start()
    try:
        head = git("rev-parse", "HEAD").strip()
        forge.add_pull({"number": 7, "title": "宪法宣传周", "head": {"sha": head, "ref": "gzdt-xcz"},
                        "base": {"sha": base, "ref": "main"}, "user": {"login": "wangxm", "id": 7}}, [], [], [])
        commented = subprocess.run(["bash", "-e", "-c", script["在合并请求中评论结果"]], cwd=tmp, capture_output=True,
                                   text=True, env={**env, "GOVPUB_FORGE_TOKEN": TOKEN, "GITHUB_API_URL": forge.api_url,
                                                   "GITHUB_REPOSITORY": forge.repo, "PR_NUMBER": "7"})
        if commented.returncode != 0:
            raise SystemExit(f"评论步骤失败：{commented.stdout}{commented.stderr[-2000:]}")
        (comment,) = forge.comments[7]
    finally:
        forge.stop()
    (tmp / "web-article").write_text(git("diff", "--name-only", base, "HEAD", "--", "*.md").strip(), "utf-8")
    return str(comment["body"])


def word_comment(tmp: Path) -> None:
    """web-comment.png: that comment, as Markdown rendered in a neutral card."""
    body = markdown.markdown(word_comment_body(tmp), extensions=["fenced_code"])
    page = tmp / "comment.html"
    page.write_text(f"""<!doctype html><meta charset="utf-8"><style>
body{{margin:0;padding:16px;background:#f3f4f6;font:15px/1.6 "Noto Sans CJK SC",sans-serif;color:#222}}
.card{{background:#fff;border:1px solid #ccc;border-radius:6px;max-width:900px}}
.head{{padding:10px 16px;border-bottom:1px solid #ddd;background:#fafafa;color:#555}}
.head b{{color:#222}} .body{{padding:4px 16px 8px}} h3{{font-size:16px;margin:14px 0 6px}}
pre{{background:#f6f8fa;padding:10px;white-space:pre-wrap;font:13px/1.5 "Noto Sans Mono CJK SC",monospace}}
</style><div class="card"><div class="head"><b>github-actions[bot]（Word 稿件转换）</b> 在合并请求 #7 中的评论
（由“Word 稿件转换”的真实步骤生成，原样显示评论内容）</div><div class="body">{body}</div></div>""", "utf-8")
    shoot(page.as_uri(), IMG / "web-comment.png", "760,1000")
    crop_bottom(IMG / "web-comment.png")
    # web-article.png: the converted article on the website built from the pull request's branch
    site_dir = tmp / "web-site"
    subprocess.run([sys.executable, "-m", "govpub", "build", "--quiet", "--site-dir", str(site_dir)], cwd=tmp / "web",
                   check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    article = Path((tmp / "web-article").read_text("utf-8")).relative_to("content").with_suffix("")
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{article.as_posix()}/"
        shoot(url, IMG / "web-article.png", "1366,1850")
    finally:
        server.shutdown()


def main() -> int:
    if not shutil.which("chromium") or not shutil.which("tmux"):
        sys.stderr.write("需要 Debian 的 chromium 和 tmux 软件包：apt-get install -y chromium tmux\n")
        return 2
    IMG.mkdir(parents=True, exist_ok=True)
    govpub = [sys.executable, "-m", "govpub"]
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        subprocess.run([*govpub, "build", "--quiet", "--site-dir", str(site_dir)], cwd=ROOT, check=True)
        handler = functools.partial(_Quiet, directory=str(site_dir))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            base = f"http://127.0.0.1:{server.server_port}"
            site_pages(base)
        finally:
            server.shutdown()
        report = Path(tmp) / "audit"
        subprocess.run([*govpub, "audit", "--site", str(site_dir), "--output", str(report)], cwd=ROOT,
                       capture_output=True)
        shoot((report / "report.html").as_uri(), IMG / "audit-report.png", "1200,1400")
        drafter_terminal(Path(tmp))
        word_comment(Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
