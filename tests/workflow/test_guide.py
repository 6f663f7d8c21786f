"""The staff guide: a new user following only its commands goes from a .docx to a checked
article on a branch; and every rule id has its page in the built guide."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

from docx_builder import build
from helpers import GIT_ENV, REPO

GUIDE = REPO / "guide/docs"


# every screenshot guide/screenshots.py makes (make guide); the guide build below uses placeholders
SHOTS = ["site-home.png", "site-article.png", "audit-report.png", "site-search-1366.png", "web-comment.png",
         "web-article.png"]
SHOTS += [f"site-{p}-{w}.png" for p in ("home", "column", "article", "interact") for w in (1366, 390)]
SHOTS += [f"term-{c}.png" for c in ("new", "check", "fix", "import")]


def commands(page: str, section: str | None = None) -> list[str]:
    text = (GUIDE / page).read_text("utf-8")
    if section:
        text = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line:
                out.append(line)
    return out


def test_from_docx_to_a_checked_article_on_a_branch(site, tmp_path):
    root = site.root
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "初始"], cwd=root, check=True, env=env)
    build(root / "稿件.docx", big_image=False)
    # the guide's import command, then the guide's commit commands (the push needs a forge: left out)
    steps = commands("word.md") + [c for c in commands("review.md", "提交") if not c.startswith("git push")]
    assert steps[0].startswith(".venv/bin/govpub import 稿件.docx")
    ran = []
    for step in steps:
        argv = shlex.split(step)
        if argv[0] == ".venv/bin/govpub":
            argv = [sys.executable, "-m", "govpub", *argv[1:]]
        if argv[:2] == ["git", "add"]:
            argv = ["git", "add", "content/"]  # the guide's example folder is gzdt; this import went to ggflfw
        proc = subprocess.run(argv, cwd=root, env=env, capture_output=True, text=True)
        ran.append((step, proc.returncode, proc.stdout + proc.stderr))
    # the import reports the missing image descriptions; the drafter adds them as the guide says
    article = next((root / "content/ggflfw").rglob("*.md"))
    text = article.read_text("utf-8")
    assert "html.alt-text" in ran[0][2]
    text = re.sub(r"!\[\]\(", "![活动现场照片](", text)
    article.write_text(text, "utf-8")
    check = subprocess.run([sys.executable, "-m", "govpub", "check"], cwd=root, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    subprocess.run(["git", "commit", "-qam", "补充图片说明"], cwd=root, env=env, check=True)
    branch = subprocess.run(["git", "branch", "--show-current"], cwd=root, capture_output=True, text=True).stdout.strip()
    assert branch == "gzdt-tuijinhui"
    files = subprocess.run(["git", "ls-files", "content/"], cwd=root, capture_output=True, text=True).stdout.split()
    assert article.relative_to(root).as_posix() in files and len(files) == 3  # the article and its two images


def test_the_guide_builds_with_a_page_per_rule(tmp_path):
    from govpub.rules import all_rules

    work = tmp_path / "guide"
    subprocess.run(["cp", "-r", str(REPO / "guide"), str(work)], check=True)
    for name in ("site", "docs/rules"):
        subprocess.run(["rm", "-rf", str(work / name)], check=True)
    (work / "docs/img").mkdir(exist_ok=True)
    for img in SHOTS:  # screenshots are made by make guide
        (work / "docs/img" / img).write_bytes((REPO / "tests/workflow/pixel.png").read_bytes())
    subprocess.run([sys.executable, "-m", "govpub", "rules", "--pages", str(work / "docs/rules")], cwd=REPO,
                   check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(work / "mkdocs.yml")],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    for rule_id in all_rules():
        page = work / "site/rules" / rule_id / "index.html"
        assert page.is_file(), rule_id
        assert "修改方法" in page.read_text("utf-8")
    index = (work / "site/rules/index.html").read_text("utf-8")
    assert all(f'href="{rule_id}/"' in index for rule_id in all_rules())


def test_setup_page_name_becomes_the_drafter(site):
    """The setup page's git config commands (without --global, to leave this machine alone), then
    govpub new without --author: the 拟稿人 is the name the guide told the drafter to set."""
    text = (GUIDE / "setup.md").read_text("utf-8")
    for os_name in ("Windows", "统信UOS / 银河麒麟", "macOS / 其他 Linux"):
        assert f'=== "{os_name}"' in text
    configs = [shlex.split(line) for line in re.findall(r"^git config --global .+$", text, re.MULTILINE)]
    assert [argv[3] for argv in configs] == ["user.name", "user.email"]
    env = {k: v for k, v in {**os.environ, "NO_COLOR": "1"}.items() if not k.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    subprocess.run(["git", "init", "-q"], cwd=site.root, check=True, env=env)
    for argv in configs:
        subprocess.run([a for a in argv if a != "--global"], cwd=site.root, check=True, env=env)
    proc = subprocess.run([sys.executable, "-m", "govpub", "new", "--column", "gzdt", "--title", "召开会议",
                           "--date", "2026-11-21 10:00"], cwd=site.root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (article,) = (site.root / "content/gzdt/2026").glob("*.md")
    assert f"author: {configs[0][4]}\n" in article.read_text("utf-8")


def test_web_only_page_is_in_the_guide():
    nav = (REPO / "guide/mkdocs.yml").read_text("utf-8")
    assert "setup.md" in nav and "web.md" in nav
    web = (GUIDE / "web.md").read_text("utf-8")
    assert "Upload files" in web and "start a pull request" in web


def test_every_picture_in_the_guide_is_made_by_the_screenshot_script():
    """A page may show only a screenshot make guide produces (no hand-made picture), and the
    drafter's pages show the real commands' output."""
    used = {name for page in GUIDE.glob("*.md") for name in re.findall(r"\]\(img/([^)]+)\)", page.read_text("utf-8"))}
    assert used <= set(SHOTS), used - set(SHOTS)
    script = (REPO / "guide/screenshots.py").read_text("utf-8")
    for name in SHOTS:
        if not name.startswith("site-"):  # the site pages are named by tests/site/browser.mjs
            assert f'"{name}"' in script, name
    pages = {"drafting.md": "term-new.png", "setup.md": "term-new.png", "checking.md": "term-fix.png",
             "word.md": "term-import.png", "web.md": "web-article.png"}
    for page, name in pages.items():
        assert f"](img/{name})" in (GUIDE / page).read_text("utf-8"), page
    assert "](img/term-check.png)" in (GUIDE / "checking.md").read_text("utf-8")
    assert "](img/web-comment.png)" in (GUIDE / "web.md").read_text("utf-8")


def _screenshots():
    sys.path.insert(0, str(REPO / "guide"))
    import screenshots

    return screenshots


def test_the_web_comment_picture_is_the_comment_the_word_workflow_posts(tmp_path):
    """web-comment.png shows what the workflow's real steps posted to the forge, not a mock-up."""
    body = _screenshots().word_comment_body(tmp_path)
    assert body.startswith("<!-- govpub:word -->")
    assert "content/gzdt/2026/宪法宣传周.docx：已转换，检查通过" in body
    assert "content/gzdt/2026/IMG_2041.JPG：已处理" in body and "已缩小为 1920×1440 像素" in body
    assert "请在网页上对文章做任意一处修改" in body


def test_the_terminal_pictures_are_the_real_commands_with_their_colours(tmp_path):
    """What the drafter sees: the command typed at a shell prompt in a real terminal (tmux), the
    findings in colour (the error label red, the rule id bold), as govpub prints them on a tty."""
    screenshots = _screenshots()
    site = tmp_path / "website"
    site.mkdir(exist_ok=True)
    subprocess.run(["cp", "-r", str(REPO / "checks"), str(site)], check=True)
    (site / "content/gzdt/2026").mkdir(parents=True)
    (site / "content/gzdt/2026/huodong.md").write_text(screenshots.SAMPLE_DRAFT, "utf-8")
    from docx_builder import png

    (site / "content/gzdt/2026/huodong.png").write_bytes(png((40, 90, 180), (64, 48)).getvalue())  # as the guide does
    wrapper = site / "govpub"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m govpub "$@"\n')
    wrapper.chmod(0o755)
    text = screenshots.tmux(site, [("./govpub check content/gzdt/2026/huodong.md", None)])
    lines = text.splitlines()
    assert lines[0] == "$ ./govpub check content/gzdt/2026/huodong.md"
    assert "\x1b[31m错误" in text and "\x1b[1mprivacy.id-number" in text
    assert "检查了 1 篇文章：6 个错误" in text
    html = screenshots.Ansi2HTMLConverter(inline=False, dark_bg=True).convert(text, full=False)
    assert 'class="ansi31"' in html and ".ansi31{" in screenshots.TERM_CSS
