"""Bad input on the drafters' daily path (sixth session, an outside tester's inputs): usage errors
that were English, publish times that hold an article back without the drafter knowing until
publish time, attachments the build refuses or readers cannot open, links to files that are not
there, the leftovers of a killed fix. Each test asserts the Chinese message (file, line, what to
do) at CHECK time and that nothing is lost or half-written."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import article_text, check_text

from govpub import clock

ART = "content/pfyfz/2026/tuijinhui.md"
DATE_LINE = 6  # article_text: title, column, department, author, date


def _english(message: str) -> bool:
    """Three English words in a row: argparse's or Python's text reached a drafter."""
    return re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", message) is not None


# -- usage errors ----------------------------------------------------------------------------
USAGE = {
    "unknown-option": (["check", "--formt", "json"], "无法识别的参数：--formt", "govpub check --help"),
    "misspelt-command": (["chek"], "没有“chek”这个命令（是不是 check？）", "govpub --help"),
    "missing-value": (["new", "--column"], "--column 后面缺少一个值", "govpub new --help"),
    "bad-choice": (["check", "--format", "xml"], "“xml”不是 --format 可选的值：可选 text、json、sarif、github",
                   "govpub check --help"),
    "required": (["retract"], "缺少必需的参数：PATH, --reason", "govpub retract --help"),
    "sub-subcommand-option": (["approvals", "form", "--bogus", "1"], "无法识别的参数：--bogus",
                              "govpub approvals form --help"),
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_are_chinese_and_name_the_command_to_ask(site, case):
    """argparse's own messages were English ("unrecognized arguments", "invalid choice",
    "expected one argument") and an unknown option of a command sent the drafter to the top
    `govpub --help`, which does not list it."""
    argv, message, hint = USAGE[case]
    proc = site.run(*argv)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and f"处理办法：运行 {hint} 查看用法" in proc.stderr, proc.stderr
    error = next(line for line in proc.stderr.splitlines() if "参数错误" in line)
    assert not _english(error), proc.stderr
    assert "usage:" not in proc.stderr and "用法：" in proc.stderr


def test_help_headings_are_chinese(site):
    proc = site.run("check", "--help")
    assert proc.returncode == 0
    assert "显示本说明后退出" in proc.stdout and "选项" in proc.stdout and "用法：" in proc.stdout
    for english in ("show this help message", "positional arguments", "options:", "usage:"):
        assert english not in proc.stdout


# -- publish time and status, at check time --------------------------------------------------
DATES = {
    "day-only": ("2026-11-20", "缺少时刻：请写成 2026-11-20 09:30"),
    "tomorrow": ("明天", "不是具体的日期和时刻"),
    "slashes-one-digit-hour": ("2026/11/20 9:30", "请写成 2026-11-20 09:30"),
    "seconds": ("2026-11-20 09:30:00", "请写成 2026-11-20 09:30（不写秒"),
    "iso-beijing-zone": ("2026-11-20T09:30+08:00", "请写成 2026-11-20 09:30（不写时区"),
    "utc-zone": ("2026-11-20T01:30Z", "不是北京时间：请换算成北京时间"),
    "chinese-afternoon": ("2026年11月20日 下午3:30", "请写成 2026-11-20 15:30"),
    "no-such-day": ("2026-02-30 09:30", "不是一个存在的日期或时刻"),
}


@pytest.mark.parametrize("case", sorted(DATES))
def test_a_publish_time_in_another_form_is_told_what_to_write(site, case):
    """Each was “无效：请写成 YYYY-MM-DD HH:MM” whatever was wrong: a drafter who wrote seconds or a
    time zone did not see what to change; now the same time in the right form is in the message."""
    value, expected = DATES[case]
    found = [f for f in check_text(site, "正文。\n", date=f'"{value}"') if f.rule == "meta.date"]
    assert len(found) == 1 and found[0].line == DATE_LINE, found
    assert expected in found[0].message, found[0].message


def _later(days: int) -> str:
    return (clock.wall_now() + timedelta(days=days)).strftime(clock.MINUTE)


def test_a_future_publish_time_is_a_warning_at_check_time(site):
    """Held back by the build and every channel, but check (the pre-commit hook) said nothing:
    the drafter learnt it when the article did not appear. Now a warning on the date's line, exit 0
    (it may be meant), and the build leaves it out and says so."""
    when = _later(20)
    rel = f"content/pfyfz/{when[:4]}/dingshi.md"
    site.write(rel, article_text(date=when))
    proc = site.run_here("check", "--format", "json", rel)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = json.loads(proc.stdout)["findings"]
    assert [(f["rule"], f["severity"], f["line"]) for f in found] == [("meta.scheduled", "warning", DATE_LINE)]
    assert when in found[0]["message"] and "暂不发布" in found[0]["message"]


@pytest.mark.parametrize("date, status", [("2026-11-20 09:30", None), (None, None), ("FUTURE", "draft")])
def test_no_scheduled_warning_for_a_past_time_or_an_article_with_a_status(site, date, status):
    when = _later(20) if date == "FUTURE" else date
    rel = f"content/pfyfz/{(when or '2026')[:4]}/x.md"
    found = check_text(site, "正文。\n", rel=rel, date=when, status=status)
    assert not [f for f in found if f.rule == "meta.scheduled"]


@pytest.mark.parametrize("status", ["草稿", "draft", "published"])
def test_a_status_other_than_withdrawn_says_it_is_not_published_and_what_to_do(site, status):
    found = [f for f in check_text(site, "正文。\n", status=status) if f.rule == "meta.status"]
    assert len(found) == 1 and found[0].line == 8 and found[0].severity == "error"  # after channels
    assert "不会发布" in found[0].message and "删除 status" in found[0].message


# -- attachments -----------------------------------------------------------------------------
def _docx(extra_xml: str = "", parts: dict[str, str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("附件正文。")
    if extra_xml:
        from docx.oxml import parse_xml

        document.paragraphs[0]._p.append(parse_xml(extra_xml))
    out = io.BytesIO()
    document.save(out)
    if not parts:
        return out.getvalue()
    again = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(again, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for name, body in parts.items():
            dst.writestr(name, body)
    return again.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xlsx(hidden: bool) -> bytes:
    """The parts of a workbook that matter here, as Excel writes them (no openpyxl in the venv)."""
    state = ' state="hidden"' if hidden else ""
    return _zip({
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
                            '<sheet name="公开" sheetId="1"/>'
                            f'<sheet name="内部名单" sheetId="2"{state}/></sheets></workbook>'),
        "xl/worksheets/sheet1.xml": "<worksheet/>",
    })


def _pdf(password: str | None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ATTACHMENTS = {
    "docx-tracked-insert": ("fujian.docx", lambda: _docx(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'),
                            "接受所有修订"),
    "docx-tracked-delete": ("fujian.docx", lambda: _docx(f'<w:del {W} w:id="1" w:author="a"><w:r><w:delText>删去的批示</w:delText></w:r></w:del>'),
                            "批注、修订记录或隐藏文字"),
    "docx-hidden-text": ("fujian.docx", lambda: _docx(f'<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'),
                         "取消隐藏文字"),
    "docx-comments": ("fujian.docx", lambda: _docx(parts={"word/comments.xml": f"<w:comments {W}/>"}), "删除全部批注"),
    "xlsx-hidden-sheet": ("biao.xlsx", lambda: _xlsx(hidden=True), "隐藏的工作表（内部名单）"),
    "old-doc": ("fujian.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "另存为"),
    "old-wps": ("fujian.wps", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "旧版 .wps 格式"),
    "docx-with-password": ("fujian.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "取消密码"),
    "zip-renamed-docx": ("fujian.docx", lambda: _zip({"a.txt": "x"}), "不是有效的 Office 文件"),
    "text-renamed-docx": ("fujian.docx", lambda: "这是一个文本文件".encode(), "不是有效的 Office 文件"),
    "pdf-with-password": ("fujian.pdf", lambda: _pdf("a" * 12), "设了打开密码"),
    "pdf-cut-off": ("fujian.pdf", lambda: _pdf(None)[:60], "无法读取"),
    "html-renamed-pdf": ("fujian.pdf", lambda: b"<html></html>", "不是 PDF"),
}


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(ATTACHMENTS))
def test_an_attachment_the_build_refuses_or_readers_cannot_open_is_named_at_check_time(site, case):
    """Office files with comments, tracked changes or hidden text refused the BUILD only (after
    review); a password, an old binary format, a renamed file or hidden sheet passed check silently."""
    name, make, expected = ATTACHMENTS[case]
    rel = f"content/pfyfz/2026/{name}"
    site.write(rel, make())
    site.article(ART, body=f"正文。\n\n[附件]({name})\n")
    found = [f for f in site.findings() if f["path"] == rel]
    assert [(f["rule"], f["severity"]) for f in found] == [("meta.file", "error")], found
    assert expected in found[0]["message"] and "处理办法" in found[0]["message"], found[0]["message"]


@pytest.mark.parametrize("name, make", [("fujian.docx", _docx), ("biao.xlsx", lambda: _xlsx(hidden=False)),
                                        ("fujian.pdf", lambda: _pdf(None))])
def test_a_clean_attachment_passes(site, name, make):
    site.write(f"content/pfyfz/2026/{name}", make())
    site.article(ART, body=f"正文。\n\n[附件]({name})\n")
    assert site.findings() == []


# -- links to pictures and attachments -------------------------------------------------------
LINKS = {
    "missing-picture": ("![现场](xianchang.jpg)", None, "xianchang.jpg”不存在"),
    "missing-attachment": ("[附件1](fujian1.pdf)", None, "fujian1.pdf”不存在"),
    "other-case": ("[附件1](FuJian1.pdf)", "fujian1.pdf", "文件名是“fujian1.pdf”，大小写要与链接一致"),
    "hash-in-name": ("[附件1](<附件#1.pdf>)", "附件#1.pdf", "名字中有 #、? 或 %"),
    "space-in-target": ("[附件1](附件 1.pdf)", "附件 1.pdf", "中有空格，网页上不会成为链接"),
    "out-of-content": ('<img src="../../../mkdocs.yml" alt="图">', None, "指向 content/ 之外"),
}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_a_link_to_a_file_that_is_not_there_is_an_error_on_its_line(site, case):
    """check said nothing; the build printed MkDocs' English warning ("... is not found among
    documentation files") and published the page with a broken picture or link."""
    link, present, expected = LINKS[case]
    if present:
        site.write(f"content/pfyfz/2026/{present}", _pdf(None))
    found = [f for f in check_text(site, f"正文。\n\n{link}\n") if f.rule == "meta.local-link"]
    assert len(found) == 1 and found[0].line == 12, found
    assert expected in found[0].message, found[0].message


def test_links_that_resolve_are_fine(site):
    site.write("content/pfyfz/2026/fujian1.pdf", _pdf(None))
    site.write("content/pfyfz/2026/附件一.pdf", _pdf(None))
    site.article("content/pfyfz/2026/other.md")
    body = ("正文。\n\n[附件1](fujian1.pdf#page=2)、[附件一](%E9%99%84%E4%BB%B6%E4%B8%80.pdf)、[附件](<附件一.pdf>)、"
            "[另一篇](other.md)、[本栏目](../)、[首页](/)、[章节](#yi)、[外链](https://www.gov.cn/)。\n"
            "<!-- 用 ![图片说明](文件名.jpg) 插入图片（govpub new 的模板：注释不上网页） -->\n")
    assert not [f for f in check_text(site, body) if f.rule == "meta.local-link"]


# -- a killed fix ----------------------------------------------------------------------------
def test_fix_removes_the_temporary_file_a_killed_fix_left(site):
    """The temporary file of write_atomic (git-ignored) stayed beside the article for ever."""
    path = site.article(ART)
    leftover = site.write("content/pfyfz/2026/.tuijinhui.md.k3x_9zq1.tmp", "---\ntitle: 半")
    unrelated = site.write("content/pfyfz/2026/.notes.abcd1234.tmp", "拟稿人自己的文件")
    before = path.read_bytes()
    proc = site.run_here("fix")
    assert proc.returncode == 0 and "删除了上次被中断的 govpub fix 留下的临时文件" in proc.stdout, proc.stdout
    assert not leftover.exists() and unrelated.exists() and path.read_bytes() == before
    assert site.run_here("fix").stdout.count("临时文件") == 0  # the second run has nothing to remove


@pytest.mark.parametrize("date, expected", [("2026-11-5 9:30", "请写成 2026-11-05 09:30"),
                                            ("2026-11-20", "缺少时刻"), ("明天", "不是具体的日期和时刻")])
def test_new_refuses_a_publish_time_check_would_refuse_and_writes_nothing(site, date, expected):
    """strptime took 2026-11-5 9:30: `govpub new` wrote an article that its own check refused."""
    proc = site.run_here("new", "--column", "gzdt", "--title", "湛江市司法局开展普法活动", "--author", "王晓敏",
                         "--department", "办公室", "--channels", "website", "--date", date)
    assert proc.returncode == 2 and expected in proc.stderr and "--date" in proc.stderr, proc.stderr
    assert not list((site.root / "content").rglob("*.md"))


def test_rules_finds_a_rule_id_typed_in_capitals_and_suggests_a_near_one(site):
    """`govpub rules META.DATE` (copied from a shouted chat message) was “没有编号为…的规则”."""
    assert site.run_here("rules", " META.DATE").stdout.startswith("# meta.date")
    proc = site.run_here("rules", "meta.dat")
    assert proc.returncode == 2 and "是不是 meta.date？" in proc.stderr, proc.stderr


def test_the_commit_hook_passes_attachments_and_images_to_check():
    """This repository's own hook took only `content/.*\\.md`: a .docx with tracked changes or a
    photo with its GPS position was committed without a word (the published hook took content/)."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    ours = yaml.safe_load((root / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = next(h for r in ours["repos"] for h in r["hooks"] if h["id"] == "govpub-check")
    published = next(h for h in yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text("utf-8"))
                     if h["id"] == "govpub-check")
    for files in (hook["files"], published["files"]):
        for name in ("content/gzdt/2026/fujian.docx", "content/gzdt/2026/photo.jpg", "content/gzdt/2026/a.md"):
            assert re.search(files, name), (files, name)
