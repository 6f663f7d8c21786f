"""Bad input on the drafters' path (fifth session, an outside tester's inputs): encodings the
earlier reader called binary or misread, YAML errors in English or on the wrong line, inputs
that crashed (a symlink loop, a 5000-digit number), Word files whose pictures are not pictures.
Each test asserts the clear Chinese message (file, line, what to do) and that nothing is lost
or half-written."""

from __future__ import annotations

import codecs
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers import article_text

ART = "content/pfyfz/2026/tuijinhui.md"
ID_BODY = "第一行。\n当事人身份证号440881199001011233。\n"  # privacy.id-number on the body's 2nd line
ID_LINE = 11  # article_text: 8 front-matter lines, a blank line, then the body


def _english(message: str) -> bool:
    """Three English words in a row: pyyaml's or Python's text reached a drafter."""
    return re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", message) is not None


# -- encodings -------------------------------------------------------------------------------
TRADITIONAL = article_text(
    body="湛江市司法局召開普法工作推進會，總結工作成效，部署下一階段任務。\n", author="王曉敏",
    title="湛江市司法局召開普法工作推進會")

ENCODED = {
    "utf-16le-no-bom": (lambda t: t.encode("utf-16-le"), "UTF-16"),
    "utf-16be-no-bom": (lambda t: t.encode("utf-16-be"), "UTF-16"),
    "utf-32-bom": (lambda t: t.encode("utf-32"), "UTF-32"),
    "cr-only-utf8": (lambda t: t.replace("\n", "\r").encode(), "换行符只有 CR"),
    "cr-only-gbk": (lambda t: t.replace("\n", "\r").encode("gbk"), "GBK/GB18030（换行符只有 CR"),
}


@pytest.mark.parametrize("kind", sorted(ENCODED))
def test_other_encodings_are_read_reported_and_fixed_without_loss(site, kind):
    """Once reported as binary (UTF-16 without BOM), read as garbage (UTF-32 as UTF-16) or as a
    file without front matter on one line (CR only): now decoded, named, checked at the right
    line, and `govpub fix` writes the same text as UTF-8 with LF."""
    encode, name = ENCODED[kind]
    text = article_text(body=ID_BODY)
    path = site.write(ART, encode(text))
    findings = site.findings()
    rules = [(f["rule"], f["line"]) for f in findings]
    assert rules == [("meta.encoding", 1), ("privacy.id-number", ID_LINE)], findings
    assert name in findings[0]["message"] and "govpub fix" in findings[0]["message"]
    proc = site.run_here("fix", ART)
    assert proc.returncode == 0 and "转换为 UTF-8" in proc.stdout, proc.stdout + proc.stderr
    assert path.read_bytes() == text.encode("utf-8")


def test_big5_is_not_misread_as_gbk(site):
    """Big5 bytes decode as GB18030 without an error, into rare characters: the department was
    reported as “炊猭蒓ㄌ...” and fix would have saved that garbage as UTF-8."""
    path = site.write(ART, TRADITIONAL.encode("big5"))
    findings = site.findings()
    enc = next(f for f in findings if f["rule"] == "meta.encoding")
    assert "Big5" in enc["message"]
    site.run_here("fix", ART)
    assert path.read_text(encoding="utf-8") == TRADITIONAL


def test_a_gbk_article_in_traditional_characters_stays_gbk(site):
    """GBK holds the traditional characters too (outside GB2312): such a file is not Big5."""
    text = TRADITIONAL.replace("總結", "香港、澳門、臺灣關於對話，總結")
    path = site.write(ART, text.encode("gbk"))
    site.findings()
    site.run_here("fix", ART)
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF16_LE + b"\x00\x00\x01\x00" * 8,  # a BOM before binary data
    b"\x00\x01\x02\x03" * 16,  # NULs that do not read as UTF-16 text
])
def test_binary_behind_a_bom_is_binary(site, data):
    path = site.write(ART, data)
    findings = site.findings()
    assert [f["rule"] for f in findings] == ["meta.file"] and "二进制" in findings[0]["message"]
    site.run_here("fix", ART)
    assert path.read_bytes() == data  # fix leaves what it cannot read alone


# -- front matter ----------------------------------------------------------------------------
YAML_CASES = {
    # name: (field replacements, line, words of the message)
    "tab-indent": ({"author": "王晓敏\n\tsummary: 摘要"}, 6, "Tab"),
    "colon-in-value": ({"title": "通知: 召开会议"}, 2, "加英文引号"),
    "unclosed-quote": ({"title": '"召开会议'}, 2, "引号"),  # the line of the quote, not the end
    "control-character": ({"author": "王\x1b[31m晓敏"}, 5, "U+001B"),
    "python-tag": ({"author": '!!python/object/apply:os.system ["id"]'}, 5, "!!python/object/apply:os.system"),
    "huge-number": ({"summary": "9" * 5000}, 8, "数字过长"),  # was a crash (ValueError)
    "leading-at": ({"author": "@王晓敏"}, 5, "加英文引号"),
    "line-separator": ({"title": "召开\u2028会议"}, 2, "U+2028"),  # YAML's own line break: was line 4, “缺少冒号”
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_front_matter_errors_are_chinese_on_their_line(site, case):
    fields, line, words = YAML_CASES[case]
    site.write(ART, article_text(**fields))
    findings = site.findings()
    fm = [f for f in findings if f["rule"] == "meta.front-matter"]
    assert [f["line"] for f in fm] == [line], findings
    assert words in fm[0]["message"] and not _english(fm[0]["message"]), fm[0]["message"]


def test_a_duplicate_key_is_not_told_to_check_colons(site):
    site.write(ART, article_text(author="王晓敏\nauthor: 李四"))
    (fm,) = [f for f in site.findings() if f["rule"] == "meta.front-matter"]
    assert fm["line"] == 6 and "删除其中一个" in fm["message"] and "冒号" not in fm["message"]


def test_a_broken_checks_file_names_file_line_and_the_specific_fix(site):
    rules = site.root / "checks/rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nbig: " + "9" * 5000 + "\n", encoding="utf-8")
    proc = site.run_here("check")
    assert proc.returncode == 2 and "意外错误" not in proc.stderr, proc.stderr
    assert "checks/rules.yml:" in proc.stderr and "数字过长" in proc.stderr and "加英文引号" in proc.stderr


# -- files that are not plain files ----------------------------------------------------------
def test_a_symlink_loop_is_reported_not_a_crash(site):
    folder = site.root / "content/pfyfz/2026"
    folder.mkdir(parents=True)
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    proc = site.run_here("check", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["findings"]
    assert sorted((f["path"], f["rule"]) for f in found) == [
        ("content/pfyfz/2026/a.md", "meta.file"), ("content/pfyfz/2026/b.md", "meta.file")]
    proc = site.run_here("fix")
    assert proc.returncode == 0 and "跳过" in proc.stdout, proc.stderr


def test_a_folder_named_like_an_article_is_named_in_chinese_by_fix(site):
    (site.root / "content/pfyfz/2026/x.md").mkdir(parents=True)
    proc = site.run_here("fix")  # all of content/: rglob("*.md") lists the folder too
    assert proc.returncode == 0 and "目录" in proc.stdout and "Is a directory" not in proc.stdout, proc.stdout


# -- Word files ------------------------------------------------------------------------------
def _docx(path: Path, picture: bytes | None = None, content_type: str = "image/png") -> Path:
    """A real .docx (python-docx) with one paragraph and one picture; the picture's bytes and
    type replaced afterwards, as a hostile or broken file would carry them."""
    import docx
    from PIL import Image

    doc = docx.Document()
    doc.core_properties.title = "湛江市司法局召开普法工作推进会"
    doc.add_paragraph("11月20日，湛江市司法局召开普法工作推进会。")
    png = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(png, "PNG")
    doc.add_picture(io.BytesIO(png.getvalue()))
    plain = io.BytesIO()
    doc.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if picture is not None and item.filename.startswith("word/media/"):
                data = picture
            if item.filename == "[Content_Types].xml":
                data = data.replace(b'ContentType="image/png"', f'ContentType="{content_type}"'.encode())
            out.writestr(item, data)
    return path


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height (a decompression bomb as PIL sees it)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 4)) + chunk(b"IEND", b""))


PICTURES = {
    "svg-with-script": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml", "无法读取"),
    "html-as-png": (b"<html><script>alert(1)</script></html>", "image/png", "无法读取"),
    "truncated-png": (None, "image/png", "无法读取"),
    "20000x20000": (_png_header(20000, 20000), "image/png", "尺寸过大"),
}


@pytest.mark.parametrize("case", sorted(PICTURES))
def test_import_refuses_a_picture_that_is_not_one_and_leaves_nothing(site, tmp_path, case):
    """Once written beside the article as-is (an SVG or HTML saved as .png, a bomb), reported
    only later by an unrelated rule with a Python class name."""
    raw, content_type, words = PICTURES[case]
    if raw is None:
        good = zipfile.ZipFile(_docx(tmp_path / "good.docx"))
        raw = next(good.read(n) for n in good.namelist() if n.startswith("word/media/"))[:60]
    source = _docx(tmp_path / "稿件.docx", raw, content_type)
    proc = site.run_here("import", str(source), "--column", "pfyfz", "--author", "王晓敏")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "第 1 张图片" in proc.stderr and words in proc.stderr and "处理办法" in proc.stderr
    assert str(source) in proc.stderr and "Error" not in proc.stderr
    assert not list((site.root / "content").rglob("*.*"))  # nothing half-written


def test_import_names_a_password_protected_file(site, tmp_path):
    source = tmp_path / "加密.docx"  # Word saves an encrypted .docx as an OLE compound file
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    proc = site.run_here("import", str(source), "--column", "pfyfz")
    assert proc.returncode == 2 and "密码" in proc.stderr and "处理办法" in proc.stderr, proc.stderr


def test_import_of_a_folder_or_a_zip_without_a_document(site, tmp_path):
    proc = site.run_here("import", str(tmp_path), "--column", "pfyfz")
    assert proc.returncode == 2 and "文件夹" in proc.stderr, proc.stderr
    empty = tmp_path / "空.docx"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("hello.txt", "hi")
    proc = site.run_here("import", str(empty), "--column", "pfyfz")
    assert proc.returncode == 2 and "word/document.xml" in proc.stderr and "OSError" not in proc.stderr, proc.stderr


def test_import_never_overwrites_a_picture_already_there(site, tmp_path):
    source = _docx(tmp_path / "稿件.docx")
    kept = site.write("content/pfyfz/2026/huiyi-1.png", b"another article's picture")
    proc = site.run_here("import", str(source), "--column", "pfyfz", "--author", "王晓敏",
                         "--slug", "huiyi", "--date", "2026-11-20 09:30")
    assert proc.returncode == 2 and "同名图片" in proc.stderr and "--slug" in proc.stderr, proc.stderr
    assert kept.read_bytes() == b"another article's picture"
    assert not (site.root / "content/pfyfz/2026/huiyi.md").exists()


# -- what the page shows is what the rules read -------------------------------------------
@pytest.mark.parametrize("hidden", [
    "网上赌\x07场",  # BEL: shows as nothing
    "网上赌\x1b场",  # ESC from a terminal paste
    "网上赌\x85场",  # NEL (C1)
    "\u202e场赌上网\u202c",  # right-to-left override: the page shows 网上赌场
    "网上赌\u2028场",  # line separator: not a line break for the rules, no separator either
])
def test_a_control_character_cannot_hide_a_prohibited_word(site, hidden):
    """Each once passed with no finding at all (the BEL, ESC, NEL) or a warning only (U+202E)."""
    path = site.article(ART, body=f"部署{hidden}整治工作。\n")
    found = site.findings()
    assert [(f["rule"], f["severity"], f["line"]) for f in found if f["rule"] == "meta.control-char"] == [
        ("meta.control-char", "error", ID_LINE - 1)], found
    site.run_here("fix", ART)
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2028]", text)
    assert not [f for f in site.findings() if f["rule"] == "meta.control-char"]


def test_new_refuses_a_line_break_or_control_character_and_writes_nothing(site):
    for title in ("第一行\n第二行", "召开\u202e会议"):
        proc = site.run_here("new", "--column", "pfyfz", "--title", title, "--author", "王晓敏")
        assert proc.returncode == 2 and "标题中有" in proc.stderr and "处理办法" in proc.stderr, proc.stderr
    proc = site.run_here("new", "--column", "pfyfz", "--title", "召开会议", "--author", "王\x1b[31m晓敏")
    assert proc.returncode == 2 and "拟稿人中有看不见的控制字符 U+001B" in proc.stderr, proc.stderr
    assert not list((site.root / "content").rglob("*.md"))


def test_a_fifo_under_content_does_not_block_check_or_fix(site):
    """check and fix (and build, through its check) read every file under content/: a named pipe
    blocked them for good."""
    import os
    import subprocess
    import sys

    from helpers import GIT_ENV

    site.article(ART)
    folder = site.root / "content/pfyfz/2026"
    os.mkfifo(folder / "pipe.md")
    os.mkfifo(folder / "pipe.png")
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    for command in (["check"], ["fix"]):
        proc = subprocess.run([sys.executable, "-m", "govpub", *command], cwd=site.root, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == (1 if command == ["check"] else 0), proc.stderr
        assert "content/pfyfz/2026/pipe.md" in proc.stdout and "不是普通文件" in proc.stdout, proc.stdout
        if command == ["check"]:
            assert "content/pfyfz/2026/pipe.png" in proc.stdout


# -- retract ---------------------------------------------------------------------------------
def test_retract_of_a_gbk_article_is_a_clear_message_not_a_crash(site):
    """Was UnicodeDecodeError (exit 3, a log file) after the publish lock was taken."""
    data = article_text().encode("gbk")
    path = site.write(ART, data)
    proc = site.run_here("retract", ART, "--reason", "公开了当事人身份证号")
    assert proc.returncode == 2 and "GBK" in proc.stderr and f"govpub fix {ART}" in proc.stderr, proc.stderr
    assert path.read_bytes() == data


@pytest.mark.parametrize("reason", ["公开了\n当事人信息", "公开了\x1b[31m当事人信息"])
def test_retract_refuses_a_reason_that_would_break_the_front_matter(site, reason):
    """A control character was written as a YAML escape (\\e): the retracted article then failed
    its own check (meta.front-matter) and the withdrawal could not be merged."""
    path = site.article(ART)
    before = path.read_bytes()
    proc = site.run_here("retract", ART, "--reason", reason)
    assert proc.returncode == 2 and "撤稿理由中有" in proc.stderr and "处理办法" in proc.stderr, proc.stderr
    assert path.read_bytes() == before


# -- comment and approvals: arguments that reached the forge's API --------------------------
def test_comment_refuses_a_repository_path_that_leaves_the_api_and_a_bad_pr_number(site, tmp_path):
    """--repo ../.. passed the OWNER/NAME test and made the URL /repos/../../issues/N/comments
    (another API path, called with the token); --pr -1 or 0 was sent as it was."""
    import os
    import secrets

    body = tmp_path / "评论.md"
    body.write_text("转换结果", encoding="utf-8")
    env = {**os.environ, "GOVPUB_FORGE_TOKEN": secrets.token_hex(16)}
    base = ["comment", "--key", "word", "--body-file", str(body), "--api-url", "http://127.0.0.1:9"]
    proc = site.run_here(*base, "--repo", "../..", "--pr", "1", env=env)
    assert proc.returncode == 2 and "仓库“../..”格式不对" in proc.stderr, proc.stderr
    proc = site.run(*base, "--repo", "zjsfj/website", "--pr", "-1")  # argparse exits: a real process
    assert proc.returncode == 2 and "运行 govpub comment --help" in proc.stderr, proc.stderr
    proc = site.run("approvals", "verify", "--repo", "zjsfj/website", "--pr", "0")
    assert proc.returncode == 2 and "运行 govpub approvals verify --help" in proc.stderr, proc.stderr


def test_comment_names_a_missing_folder_or_gbk_body_in_chinese(site, tmp_path):
    gbk = tmp_path / "gbk.md"
    gbk.write_bytes("转换结果".encode("gbk"))
    for path, words in ((tmp_path / "无.md", "文件不存在"), (tmp_path, "这是一个文件夹"), (gbk, "不是 UTF-8 编码")):
        proc = site.run_here("comment", "--repo", "zjsfj/website", "--pr", "1", "--key", "word",
                             "--body-file", str(path))
        assert proc.returncode == 2 and words in proc.stderr and "处理办法" in proc.stderr, proc.stderr
        assert "Errno" not in proc.stderr and "codec" not in proc.stderr


# -- images beside the articles --------------------------------------------------------------
def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (30, 90, 160)).save(buf, fmt)
    return buf.getvalue()


def test_an_empty_cut_off_or_fake_image_is_reported_a_whole_one_is_not(site):
    """Each passed check silently and showed as a broken picture on the page."""
    folder = "content/pfyfz/2026"
    bad = {"empty.png": b"", "page.png": b"<html><script>alert(1)</script>"}
    for fmt, ext in (("JPEG", "jpg"), ("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")):
        data = _image(fmt)
        site.write(f"{folder}/whole.{ext}", data)
        bad[f"cut.{ext}"] = data[: len(data) * 2 // 3]
    site.write(f"{folder}/jpeg-named.png", _image("JPEG"))  # browsers show it: not reported
    for name, data in bad.items():
        site.write(f"{folder}/{name}", data)
    found = {f["path"].rsplit("/", 1)[1]: f["message"] for f in site.findings() if f["rule"] == "meta.file"}
    assert sorted(found) == sorted(bad), found
    assert "空文件" in found["empty.png"] and "不是 JPG、PNG" in found["page.png"]
    assert all("不完整" in found[n] for n in bad if n.startswith("cut."))


# -- a killed fix ----------------------------------------------------------------------------
def test_a_fix_killed_midway_leaves_every_article_whole(site):
    """SIGKILL while fix converts many GBK articles: each file is its old bytes or the whole
    new text, never a mix or a truncated file; a rerun finishes the rest."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from helpers import GIT_ENV

    texts = {}
    for i in range(150):
        rel = f"content/pfyfz/2026/a{i:03d}.md"
        texts[rel] = article_text(body=f"第{i}篇。" + "湛江市司法局召开普法工作推进会，部署下一阶段任务。" * 40 + "\n")
        site.write(rel, texts[rel].encode("gbk"))
    proc = subprocess.Popen([sys.executable, "-m", "govpub", "fix"], cwd=site.root,
                            env={**os.environ, **GIT_ENV}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any((site.root / rel).read_bytes() == t.encode() for rel, t in list(texts.items())[:5]):  # under way
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for rel, text in texts.items():
        data = (site.root / rel).read_bytes()
        assert data in (text.encode("gbk"), text.encode("utf-8")), rel
    assert site.run_here("fix").returncode == 0
    assert all((site.root / rel).read_bytes() == t.encode("utf-8") for rel, t in texts.items())


# -- audit records ---------------------------------------------------------------------------
def test_audit_reports_records_it_cannot_use_and_checks_the_rest(site):
    """A date that does not exist (2026-02-30) stopped the audit with ValueError (exit 3), and a
    folder named like a record with an OSError; schema errors were in English."""
    import os

    folder = site.root / "records/consultations/2026"
    good = "channel: 网站留言\ndepartment: 公共法律服务管理科\nquestion: 如何申请法律援助？\n"
    site.write("records/consultations/2026/good.yml", "received: 2026-11-26 09:00\n" + good)
    site.write("records/consultations/2026/feb30.yml", "received: 2026-02-30 09:00\n" + good)
    site.write("records/consultations/2026/chan.yml", "received: 2026-11-26 09:00\n"
               + good.replace("网站留言", "网站"))
    (folder / "folder.yml").mkdir()
    (folder / "loop.yml").symlink_to("loop.yml")
    os.mkfifo(folder / "pipe.yml")
    proc = site.run_here("audit", "--as-of", "2026-11-27 09:00")
    assert proc.returncode in (0, 1) and "意外错误" not in proc.stderr, proc.stderr
    shown = {line.split(":")[0].strip(): line for line in proc.stdout.splitlines() if "记录格式错误" in line}
    assert sorted(shown) == [f"records/consultations/2026/{n}.yml" for n in ("chan", "feb30", "folder", "loop", "pipe")]
    assert "“2026-02-30 09:00”不存在" in shown["records/consultations/2026/feb30.yml"]
    assert "取值“网站”无效" in shown["records/consultations/2026/chan.yml"]
    data = json.loads((site.root / "audit-report/report.json").read_text("utf-8"))
    assert [c["id"] for c in data["consultations"]["items"]] == ["good"]


# -- line ends from Windows editors ----------------------------------------------------------
@pytest.mark.parametrize("eol", ["\r\n", "\r"])
@pytest.mark.parametrize("body, rule", [
    ("部署网上赌{eol}场整治工作。", "prohibited.obscene"),
    ("本文件为内部{eol}资料。", "secret.marking"),
])
def test_a_word_split_over_a_crlf_or_cr_line_break_is_still_found(msite, eol, body, rule):
    """Markdown joins the two lines into one paragraph, so the page shows the word whole; the
    rules joined an LF break only, so every CRLF file (Notepad, WPS) let a split word through,
    and a lone CR in an LF file as well."""
    from helpers import check_text

    if eol == "\r\n":  # the whole file in CRLF, as a Windows editor saves it
        path = msite.article(ART, body=body.format(eol="\n") + "\n")
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
        from govpub.content import article as article_mod

        found, _ = msite.rules().check_article(article_mod.load(msite.root, path))
    else:
        found = check_text(msite, body.format(eol=eol) + "\n")
    assert rule in {f.rule for f in found}, found


def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(site):
    """A name copied from a GBK system (bytes that are not UTF-8) crashed --format sarif
    (UnicodeEncodeError, exit 3): the SARIF uri is percent-encoded from the name's own bytes."""
    import os

    folder = site.root / "content/pfyfz/2026"
    folder.mkdir(parents=True)
    (folder / os.fsdecode(b"\xd6\xd0\xce\xc4.md")).write_text(article_text(), encoding="gbk")
    for fmt in ("text", "json", "github", "sarif"):
        proc = site.run_here("check", "--format", fmt)
        assert proc.returncode == 1 and "意外错误" not in proc.stderr, (fmt, proc.stderr)
        assert "meta.path" in proc.stdout, fmt
    proc = site.run_here("check", "--format", "sarif")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(proc.stdout)["runs"][0]["results"]]
    assert "content/pfyfz/2026/%D6%D0%CE%C4.md" in uris
    json.loads(proc.stdout.encode("utf-8"))  # valid UTF-8 JSON: U+FFFD where the name's bytes were
    proc = site.run_here("fix")  # converts the GBK file and names it
    assert proc.returncode == 0 and "转换为 UTF-8" in proc.stdout, proc.stderr


def test_import_refuses_a_zip_bomb_before_reading_it(site, tmp_path):
    """A 1 MB .docx whose document.xml unpacks to 301 MB: mammoth read it whole into memory."""
    plain = _docx(tmp_path / "plain.docx")
    source = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item.filename))
        with out.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(301):
                fh.write(block)
    assert source.stat().st_size < 2 * 1024 * 1024
    proc = site.run_here("import", str(source), "--column", "pfyfz", "--author", "王晓敏")
    assert proc.returncode == 2 and "超过 300 MB 的上限" in proc.stderr and "处理办法" in proc.stderr, proc.stderr
    assert not list((site.root / "content").rglob("*.*"))


def test_fix_rewrites_an_article_with_a_250_byte_name(site):
    """write_atomic's temporary file took the whole name plus 15 characters: ENAMETOOLONG, exit 2."""
    rel = "content/pfyfz/2026/" + "a" * 247 + ".md"
    text = article_text()
    path = site.write(rel, text.encode("gbk"))
    proc = site.run_here("fix", rel)
    assert proc.returncode == 0 and "转换为 UTF-8" in proc.stdout, proc.stderr
    assert path.read_bytes() == text.encode("utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary file left
