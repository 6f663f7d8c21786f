"""Bad input on the drafters' and the office's daily path (seventh session, an outside tester's
inputs): a path that names no file, a deploy target that is not there, attachments too large to
publish, unresolved merge conflicts, characters lost in a conversion, a stray NUL byte, pictures
linked by a place on the drafter's computer, YAML tags that crashed the reader, pyyaml's English,
the same news twice, titles with nothing to read, a full or read-only disk, a terminal without
Chinese. Each test asserts the Chinese message (file, line, what to do), the exit code, and that
nothing is lost or half-written."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys

import pytest
from helpers import GIT_ENV, article_text, copy_site

ART = "content/pfyfz/2026/tuijinhui.md"
BODY_LINE = 10  # article_text: 8 front-matter lines, a blank line, then the body


def _english(message: str) -> bool:
    """Three English words in a row: pyyaml's or Python's text reached a drafter."""
    return re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", message) is not None


def _by_rule(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]


# -- the office's commands: a path or a target that is not there ------------------------------
def test_approvals_form_of_a_path_that_names_no_file_says_so(site):
    """Was “没有找到文章 content/nope.md 的审批记录” with a hint to fetch the notes ref."""
    site.article()
    proc = site.run_here("approvals", "form", "content/pfyfz/2026/tuijinhiu.md")
    assert proc.returncode == 2
    assert "content/pfyfz/2026/tuijinhiu.md: 文件不存在" in proc.stderr
    assert "处理办法：检查路径拼写" in proc.stderr and "tuijinhui.md" in proc.stderr  # the folder's articles
    assert "refs/notes" not in proc.stderr
    real = site.run_here("approvals", "form", ART)  # a real article without a record: the record is missing
    assert real.returncode == 2 and "审批记录" in real.stderr and "文件不存在" not in real.stderr


def test_audit_with_a_deploy_folder_that_is_not_there_is_a_usage_error(site, tmp_path):
    """Was a silent skip: the audit compared the approval records with nothing and said nothing."""
    missing = tmp_path / "no-such-release-folder"
    proc = site.run_here("audit", "--deploy", str(missing), "--output", str(tmp_path / "report"))
    assert proc.returncode == 2
    assert f"{missing}: 部署位置不存在" in proc.stderr and "处理办法" in proc.stderr
    assert not (tmp_path / "report").exists()  # refused before anything is written
    empty = tmp_path / "empty-target"
    empty.mkdir()
    proc = site.run_here("audit", "--deploy", str(empty), "--output", str(tmp_path / "report"))
    assert f"部署位置 {empty} 没有 govpub publish 的发布记录：审批记录是否被改写没有核对" in proc.stdout


# -- attachments: size as policy data, audio and video ----------------------------------------
def _limit(site, max_bytes: int) -> None:
    site.write("checks/attachments.yml", f"documents_max_bytes: {max_bytes}\n")


def test_an_attachment_over_the_limit_is_an_error_with_the_size_and_what_to_do(site):
    _limit(site, 200 * 1024)
    site.article(body="附件：[通知全文](tongzhi.pdf)、[报名表](baomingbiao.docx)\n")
    site.write("content/pfyfz/2026/tongzhi.pdf", b"%PDF-1.4\n" + b"0" * 300 * 1024)
    site.write("content/pfyfz/2026/baomingbiao.docx", b"PK" + b"0" * 150 * 1024)  # under the limit
    found = _by_rule(site.findings(), "meta.attachment-size")
    assert [f["path"] for f in found] == ["content/pfyfz/2026/tongzhi.pdf"]
    assert found[0]["severity"] == "error"
    assert "附件太大（0.3 MB，上限 0.2 MB，见 checks/attachments.yml）" in found[0]["message"]
    assert "处理办法：用 WPS 或 Acrobat“压缩 PDF”" in found[0]["message"]


def test_the_attachment_limit_file_is_checked_like_any_policy_file(site):
    _limit(site, 10)  # below the schema's minimum: a typo that would refuse every attachment
    site.article()
    site.write("content/pfyfz/2026/tongzhi.pdf", b"%PDF-1.4\n")
    proc = site.run_here("check")
    assert proc.returncode == 2 and "checks/attachments.yml" in proc.stderr


@pytest.mark.parametrize("name", ["xianchang.mp4", "luyin.MP3", "shipin.mov"])
def test_audio_and_video_are_told_where_they_belong(site, name):
    site.article()
    site.write(f"content/pfyfz/2026/{name}", b"\x00\x00\x00\x18ftypmp42" + b"0" * 2048)
    found = _by_rule(site.findings(), "meta.asset")
    assert len(found) == 1 and "音频、视频文件" in found[0]["message"] and "处理办法" in found[0]["message"]


def test_the_build_refuses_an_attachment_over_the_limit(tmp_path):
    """The same limit at build time: govpub build runs the checks and switches nothing into place."""
    site = copy_site(tmp_path / "repo")
    site.write("checks/attachments.yml", f"documents_max_bytes: {200 * 1024}\n")
    site.write("content/gzdt/2026/saomiaojian.pdf", b"%PDF-1.4\n" + b"0" * 300 * 1024)
    proc = site.run("build", "--site-dir", str(tmp_path / "site"))
    assert proc.returncode == 1, proc.stderr
    assert "content/gzdt/2026/saomiaojian.pdf" in proc.stderr and "meta.attachment-size" in proc.stderr
    assert "网站没有构建" in proc.stderr and not (tmp_path / "site").exists()


# -- what a paste or a merge leaves in the text -----------------------------------------------
CONFLICT = "<<<<<<< HEAD\n11月20日召开推进会。\n=======\n11月21日召开推进会。\n>>>>>>> feature/tuijinhui\n"


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_an_unresolved_merge_conflict_is_an_error_naming_its_lines(site, eol):
    """Was no finding: the page showed both versions, and ======= made the line above a heading."""
    site.write(ART, article_text(body="第一段。\n\n" + CONFLICT).replace("\n", eol).encode())
    found = _by_rule(site.findings(), "meta.conflict")
    assert len(found) == 1 and found[0]["line"] == BODY_LINE + 2 and found[0]["severity"] == "error"
    assert f"第 {BODY_LINE + 2}～{BODY_LINE + 6} 行是 Git 合并时没有解决的冲突" in found[0]["message"]
    assert "处理办法：保留正确的版本" in found[0]["message"]


def test_a_conflict_in_the_front_matter_is_named_too(site):
    text = article_text().replace("author: 王晓敏\n", "<<<<<<< HEAD\nauthor: 王晓敏\n=======\nauthor: 李明\n"
                                  "||||||| base\nauthor: 王\n>>>>>>> 3f2a1b9\n")
    site.write(ART, text)
    rules = {f["rule"] for f in site.findings()}
    assert "meta.conflict" in rules


def test_a_setext_heading_or_a_quote_of_arrows_is_not_a_conflict(site):
    body = "会议议程\n=======\n\n正文。\n\n>>>>>>> 这一行是引用\n"
    site.article(body=body)
    assert not _by_rule(site.findings(), "meta.conflict")


def test_a_lost_character_is_named_on_its_line_and_not_offered_to_fix(site):
    """U+FFFD (a character a converter could not read) passed with no finding: the page showed �."""
    site.article(body="第一行。\n当事人王\ufffd敏参加。\n", author="王\ufffd敏")
    proc = site.run_here("check", ART)
    found = [f for f in site.findings() if f["rule"] == "meta.lost-char"]
    assert [f["line"] for f in found] == [5, BODY_LINE + 1]
    assert all("对照原稿" in f["message"] for f in found)
    assert "可以自动修正" not in proc.stdout  # fix cannot bring the character back


def test_a_stray_nul_byte_is_named_on_its_line_and_fixed(site):
    """Was “这是二进制文件”: one NUL pasted into a UTF-8 article hid the whole file from every rule."""
    path = site.write(ART, article_text(body="第一行。\n总结\x00全年工作成效。\n").encode())
    found = site.findings()
    assert [(f["rule"], f["line"]) for f in found] == [("meta.control-char", BODY_LINE + 1)]
    site.run_here("fix", ART)
    assert path.read_bytes() == article_text(body="第一行。\n总结全年工作成效。\n").encode()


# -- pictures linked by a place on the drafter's computer -------------------------------------
@pytest.mark.parametrize("target", ["C:\\Users\\wang\\Desktop\\xianchang.jpg", "D:/照片/xianchang.jpg",
                                    "file:///home/wang/xianchang.jpg", "\\\\fileserver\\share\\xianchang.jpg"])
def test_a_picture_on_the_drafters_computer_is_named_with_what_to_do(site, target):
    site.article(body=f"会议现场。\n\n![会议现场]({target})\n")
    found = _by_rule(site.findings(), "meta.local-link")
    assert len(found) == 1 and found[0]["line"] == BODY_LINE + 2
    assert "是你电脑上的文件位置，读者打不开" in found[0]["message"] and "复制到文章旁边" in found[0]["message"]


def test_an_absolute_picture_path_is_an_error_unless_the_site_has_the_file(site):
    """/Users/…, /home/… or /etc/… passed as a “site path”: a broken picture on the page."""
    site.write("content/pfyfz/2026/xianchang.png", b"")
    body = ("![现场](/Users/wang/xianchang.png)\n\n<img src=\"/home/wang/a.jpg\" alt=\"现场\">\n\n"
            "[附件](/home/wang/tongzhi.pdf)\n\n![现场](/pfyfz/2026/xianchang.png)\n\n[工作动态](/gzdt/)\n")
    site.article(body=body)
    found = _by_rule(site.findings(), "meta.local-link")
    assert [f["line"] for f in found] == [BODY_LINE, BODY_LINE + 2, BODY_LINE + 4]
    assert all("是绝对路径，网站上没有这个文件" in f["message"] for f in found)


# -- YAML the reader crashed on or answered in English ----------------------------------------
YAML_CASES = {
    # name: (front-matter line replacing `author: 王晓敏`, words of the message)
    "float-tag": ("author: !!float abc", "不支持的标签 !!float"),  # was ValueError, exit 3
    "timestamp-tag": ("author: !!timestamp x", "不支持的标签 !!timestamp"),  # was AttributeError, exit 3
    "binary-tag": ("author: !!binary 5L2g5aW9", "不支持的标签 !!binary"),
    "set-tag": ("author: !!set {a, b}", "不支持的标签 !!set"),
    "complex-key": ("author: 王晓敏\n? [a, b]\n: c", "键不能是列表"),
    "merge-key": ("<<: 1\nauthor: 王晓敏", "“<<”合并写法的值不对"),
    "bad-escape": ('author: "王晓敏\\q"', "双引号中的反斜杠"),
    "open-bracket": ("author: 王晓敏\nsummary: [a, b\nx: 1", "方括号 [ ] 没有配对"),
    "list-among-fields": ("- 王晓敏", "列表（以 - 开头的行）"),
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_front_matter_errors_are_chinese_and_never_a_crash(site, case):
    line, words = YAML_CASES[case]
    site.write(ART, article_text().replace("author: 王晓敏", line))
    proc = site.run_here("check", "--format", "json", ART)
    assert proc.returncode == 1, proc.stderr
    found = _by_rule(json.loads(proc.stdout)["findings"], "meta.front-matter")
    assert found and words in found[0]["message"], found
    assert not _english(found[0]["message"])


# -- govpub new: the same news twice, a title with nothing to read, two runs at once ----------
NEW = ("new", "--column", "gzdt", "--author", "李明")


def test_new_refuses_the_same_title_in_a_column_on_the_same_day(site):
    first = site.run_here(*NEW, "--title", "召开普法推进会", "--date", "2026-11-20 09:30")
    assert first.returncode == 0, first.stderr
    again = site.run_here(*NEW, "--title", " 召开普法推进会", "--date", "2026-11-20 15:00")
    assert again.returncode == 2
    assert "content/gzdt/2026/zkpftjh.md: 栏目 gzdt 在 2026-11-20 已有同名文章" in again.stderr
    assert "处理办法：同一篇稿件请直接编辑这个文件" in again.stderr
    assert sorted(p.name for p in (site.root / "content/gzdt/2026").iterdir()) == ["zkpftjh.md"]
    other_day = site.run_here(*NEW, "--title", "召开普法推进会", "--date", "2026-11-27 09:30")
    assert other_day.returncode == 0 and (site.root / "content/gzdt/2026/zkpftjh-2.md").is_file()


@pytest.mark.parametrize("title, words", [
    ("🎉🎉🎉", "中没有文字"), ("。。。！！", "中没有文字"), ("——", "中没有文字"),
    ("召开\u200b推进会", "U+200B"), ("召开\u2060推进会", "U+2060"), ("\ufeff召开推进会", "U+FEFF"),
])
def test_new_refuses_a_title_with_nothing_to_read_or_invisible_characters(site, title, words):
    proc = site.run_here(*NEW, "--title", title)
    assert proc.returncode == 2 and words in proc.stderr and "处理办法" in proc.stderr
    assert not (site.root / "content/gzdt").exists() or not any((site.root / "content/gzdt").rglob("*.md"))


def test_new_takes_the_next_name_when_another_run_took_it_at_the_same_moment(site, monkeypatch):
    """Two `govpub new` in the same second: both found zkhy.md free, the second open("x") raised
    FileExistsError (a traceback and exit 3)."""
    from govpub.content import scaffold

    real = scaffold.article_path
    raced: list[str] = []

    def other_run_first(root, column, date, slug):
        path = real(root, column, date, slug)
        if not raced:  # the other run writes this very name between the test and the write
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("另一个 govpub new 写的文章\n", encoding="utf-8")
            raced.append(path.name)
        return path

    monkeypatch.setattr(scaffold, "article_path", other_run_first)
    proc = site.run_here(*NEW, "--title", "召开会议", "--date", "2026-11-21 10:00")
    assert proc.returncode == 0, proc.stderr
    folder = site.root / "content/gzdt/2026"
    assert (folder / "zkhy.md").read_text(encoding="utf-8") == "另一个 govpub new 写的文章\n"  # not overwritten
    assert "title: 召开会议" in (folder / "zkhy-2.md").read_text(encoding="utf-8")


# -- a full or read-only disk -----------------------------------------------------------------
def _disk_full(monkeypatch) -> None:
    from govpub import fsutil

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", full)


def test_fix_on_a_full_disk_leaves_the_article_and_says_what_to_do(site, monkeypatch):
    """Was “意外错误（OSError: [Errno 28] …）” and a log for the maintainers."""
    path = site.write(ART, article_text().encode("gbk"))
    before = path.read_bytes()
    _disk_full(monkeypatch)
    proc = site.run_here("fix", ART)
    assert proc.returncode == 2, proc.stderr
    assert "磁盘空间已满，无法写入" in proc.stderr and "处理办法：删除不需要的文件" in proc.stderr
    assert "意外错误" not in proc.stderr and "日志" not in proc.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["tuijinhui.md"]  # no temporary file left


def test_new_on_a_full_disk_writes_nothing(site, monkeypatch):
    _disk_full(monkeypatch)
    proc = site.run_here(*NEW, "--title", "召开会议")
    assert proc.returncode == 2 and "磁盘空间已满" in proc.stderr
    assert not any((site.root / "content").rglob("*.md")) and not any((site.root / "content").rglob("*.tmp"))


def test_a_read_only_disk_names_the_article_not_the_temporary_file(site, monkeypatch):
    from govpub import fsutil

    path = site.write(ART, article_text().encode("gbk"))

    def read_only(src, dst):
        raise OSError(errno.EROFS, "Read-only file system", str(src))

    monkeypatch.setattr(fsutil.os, "replace", read_only)
    proc = site.run_here("fix", ART)
    assert proc.returncode == 2
    assert f"{path.parent}/tuijinhui.md：所在的磁盘是只读的" in proc.stderr and ".tmp" not in proc.stderr


# -- terminals and locales --------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_without_chinese_gets_utf8_not_a_crash(site, encoding):
    """PYTHONIOENCODING=ascii (or LANG=C with PYTHONUTF8=0): every message was a UnicodeEncodeError, exit 3."""
    site.article(body="当事人身份证号440881199001011233。\n")
    env = {**os.environ, **GIT_ENV, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0", "LANG": "C", "LC_ALL": "C"}
    proc = subprocess.run([sys.executable, "-m", "govpub", "check", ART], cwd=site.root, env=env,
                          capture_output=True)
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert "privacy.id-number 错误" in proc.stdout.decode("utf-8")


# -- big inputs -------------------------------------------------------------------------------
def test_a_one_megabyte_line_is_checked_and_reported(site):
    """One paragraph of 0.9 MB (a paste with every line break lost): check finishes and reports on it."""
    line = "普法工作推进会，总结成效。" * 23000 + "当事人身份证号440881199001011233。"
    site.article(body=line + "\n")
    found = _by_rule(site.findings(), "privacy.id-number")
    assert [f["line"] for f in found] == [BODY_LINE]


def test_retract_of_a_path_that_names_no_file_says_so(site):
    """Was “不是 content/ 下的文章” for a mistyped name of an article that is under content/."""
    site.article()
    proc = site.run_here("retract", "content/pfyfz/2026/tuijinhiu.md", "--reason", "测试")
    assert proc.returncode == 2
    assert "content/pfyfz/2026/tuijinhiu.md: 文件不存在" in proc.stderr and "这个目录下有：tuijinhui.md" in proc.stderr


def test_rollback_of_a_target_that_is_not_there_creates_nothing(site, tmp_path):
    """Was “目前还没有部署过网站” (and --list printed nothing, exit 0), after making the mistyped
    folder with a .deploy.lock in it."""
    missing = tmp_path / "www-typo"
    for args in ((), ("--list",)):
        proc = site.run_here("rollback", str(missing), *args)
        assert proc.returncode == 2 and f"{missing}: 部署目录不存在" in proc.stderr and "处理办法" in proc.stderr
    assert not missing.exists()


def test_a_column_folder_in_capitals_and_a_decomposed_accent_are_named(site):
    """content/Gzdt/ (Windows and macOS do not tell it from gzdt/) and café.md written with a
    combining accent (macOS file names): each is named with what to do."""
    site.write("content/Gzdt/2026/huiyi.md", article_text(column="gzdt", department="办公室"))
    site.write("content/pfyfz/2026/cafe\u0301.md", article_text())
    found = {(f["path"], f["rule"]) for f in site.findings()}
    assert ("content/Gzdt/2026/huiyi.md", "meta.column") in found
    assert ("content/pfyfz/2026/cafe\u0301.md", "meta.path") in found


def test_a_pasted_run_of_one_character_is_counted_not_listed_line_by_line(site):
    """A summary of 300,000 × 长 printed 37,000 identical lines: the drafter's terminal scrolled past
    every other finding. Every format lists 20 of a kind per file and counts the rest (eighth
    session: JSON and SARIF carried them all, tests/test_hostile8.py)."""
    site.article(body="哈" * 3000 + "\n当事人身份证号440881199001011233。\n")
    every = site.findings()
    counts: dict[str, int] = {}
    for f in every:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    flooded = [f for f in every if "同类问题未列出" in f["message"]]
    assert flooded  # the run of 哈 gives more than 20 findings of some rule
    assert "privacy.id-number" in counts  # not lost in the flood
    text = site.run_here("check", ART).stdout
    assert "privacy.id-number" in text
    for f in flooded:
        assert counts[f["rule"]] == 20
        assert sum(1 for line in text.splitlines() if f" {f['rule']} " in line) == 20

@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_a_number_split_over_a_crlf_or_lone_cr_line_break_is_still_found(site, eol):
    """The page joins the two lines (Markdown reads CRLF and a lone CR as a line break), but the
    privacy rules allowed only LF inside a number: an ID number, a mobile number and a bank card
    wrapped by a Windows editor, or split by a pasted CR, passed without a finding."""
    body = f"身份证4408811990{eol}01011233，电话138001{eol}38000，银行卡6222021{eol}234567890128。\n"
    site.write(ART, (article_text(body="第一行。\n") + body).encode())
    rules = sorted(f["rule"] for f in site.findings())
    assert rules == ["privacy.bank-card", "privacy.id-number", "privacy.mobile"]


@pytest.mark.parametrize("field, value, words", [
    ("title", "2026", '给整个值加英文引号，如 title: "2026"'),
    ("doc_number", "123", '如 doc_number: "123"'),
    ("department", "[普法与依法治理科]", "只写一个值，不用 [ ]"),
    ("summary", "", "在“summary:”后面写上内容，或删除这一行"),
])
def test_a_field_of_the_wrong_kind_is_told_what_to_write(site, field, value, words):
    """“字段 title（标题）应为一段文本” for `title: 2026`: the drafter saw text, YAML read a number."""
    site.article(**{field: value})
    found = [f for f in site.findings() if f["rule"] == "meta.front-matter"]
    assert len(found) == 1 and words in found[0]["message"], found


def test_a_five_megabyte_article_is_refused_with_its_size(site):
    """A whole year of news pasted into one file: check reads at most 1 MB of it and says so."""
    site.article(body="普法工作推进会，总结成效。\n" * 140000)
    found = site.findings()
    assert [(f["rule"], f["line"]) for f in found] == [("meta.file", 1)]
    assert "文件过大（5.3 MB，上限 1 MB）" in found[0]["message"]


@pytest.mark.parametrize("case", ["gbk-paragraph-appended", "bom-before-gbk"])
def test_a_file_mixing_utf8_and_gbk_lines_is_named_on_its_line_and_fixed_without_loss(site, case):
    """Was “无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）” with no line, and fix skipped it."""
    import codecs

    text = article_text(body="第一段。\n第二段从旧文件粘贴。\n")
    head, tail = text.split("第二段")
    data = (head.encode("utf-8") + ("第二段" + tail).encode("gbk") if case == "gbk-paragraph-appended"
            else codecs.BOM_UTF8 + text.encode("gbk"))
    path = site.write(ART, data)
    found = site.findings()
    line = BODY_LINE + 1 if case == "gbk-paragraph-appended" else 2
    assert [(f["rule"], f["line"]) for f in found] == [("meta.encoding", line)]
    assert f"第 {line} 行起有 GBK 编码的文字" in found[0]["message"] and "govpub fix" in found[0]["message"]
    site.run_here("fix", ART)
    assert path.read_bytes() == text.encode("utf-8")
