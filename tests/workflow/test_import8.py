"""govpub import as a hurried drafter meets it (eighth session): a job killed half way, Word files
with tracked changes and comments, pictures pasted as EMF, a .doc renamed .docx, a zip bomb.
Each test asserts what the drafter is told and that nothing is lost or half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from docx_builder import build, png
from helpers import GIT_ENV

DATE = ("--date", "2026-11-20 09:30")

# `govpub import` in a real process that SIGKILLs itself right after the first file appears in the
# article's folder (a hard link outside the hidden staging folder): the first picture is in place,
# the second picture and the article are not.
KILLED = """
import os, signal, sys
real = os.link
def link(src, dst, *a, **k):
    real(src, dst, *a, **k)
    if not os.path.basename(os.path.dirname(dst)).startswith("."):
        os.kill(os.getpid(), signal.SIGKILL)
os.link = link
from govpub import cli
sys.exit(cli.main(sys.argv[1:]))
"""


def _files(site) -> list[str]:
    content = site.root / "content"
    return sorted(p.relative_to(content).as_posix() for p in content.rglob("*")) if content.exists() else []


def test_a_killed_import_leaves_nothing_and_the_rerun_completes(site, tmp_path):
    """Was: pictures written one by one, the article last; a SIGKILL in between left gzdt/2026/
    xxx-1.png without an article, and the rerun refused (“文章旁边已有同名图片”)."""
    source = build(tmp_path / "稿件.docx", big_image=False)
    before = _files(site)
    proc = subprocess.run([sys.executable, "-c", KILLED, "import", str(source), "--column", "gzdt", *DATE],
                          cwd=site.root, env={**os.environ, **GIT_ENV, "NO_COLOR": "1"}, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    folder = site.root / "content/gzdt/2026"
    visible = [p.name for p in folder.iterdir() if not p.name.startswith(".")]
    assert len(visible) == 1 and visible[0].endswith("-1.png")  # the state the kill left
    [staging] = [p for p in folder.iterdir() if p.name.startswith(".")]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", f"content/gzdt/2026/{staging.name}/{visible[0]}"],
                             cwd=Path(__file__).parents[2])
    assert ignored.returncode == 0  # a `git add -A` after the kill does not commit the staging folder

    rerun = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert rerun.returncode == 1 and "已导入" in rerun.stdout, rerun.stderr  # 1: the pictures have no alt text
    assert f"删除了上次被中断的导入留下的 1 个文件（{visible[0]}）" in rerun.stdout
    [article] = sorted(folder.glob("*.md"))
    pictures = sorted(p.name for p in folder.iterdir() if p.suffix == ".png")
    assert pictures == [f"{article.stem}-1.png", f"{article.stem}-2.png"]
    assert all(f"]({name})" in article.read_text("utf-8") for name in pictures)
    assert sorted(p.name for p in folder.iterdir()) == sorted([article.name, *pictures])  # no staging left
    assert len(_files(site)) == len(before) + 5  # gzdt/, 2026/, the article and its two pictures


def test_fix_cleans_up_after_a_killed_import_but_never_a_drafters_own_picture(site, tmp_path):
    """`govpub fix` (run before a commit) also undoes a killed import; the clean-up removes only
    the staged files themselves (same inode): a drafter's own picture with the staged name stays."""
    source = build(tmp_path / "稿件.docx", big_image=False)
    proc = subprocess.run([sys.executable, "-c", KILLED, "import", str(source), "--column", "gzdt", *DATE],
                          cwd=site.root, env={**os.environ, **GIT_ENV, "NO_COLOR": "1"}, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    folder = site.root / "content/gzdt/2026"
    [picture] = [p for p in folder.iterdir() if not p.name.startswith(".")]
    picture.unlink()
    picture.write_bytes(png((1, 2, 3), (20, 20)).getvalue())  # the drafter's own file, same name
    mine = picture.read_bytes()
    fixed = site.run_here("fix")
    assert fixed.returncode == 0, fixed.stderr
    assert "content/gzdt/2026/: 删除了上次被中断的 govpub import 留下的临时目录\n" in fixed.stdout
    assert picture.read_bytes() == mine
    assert not list(folder.glob(".*"))


def test_a_refused_picture_leaves_no_file_and_no_staging_folder(site, tmp_path):
    """An EMF pasted from Visio as the second picture: refused by number, nothing of the first stays."""
    document = docx.Document()
    document.core_properties.title = "湛江市司法局召开普法工作会议"
    document.add_paragraph("11月20日，市司法局召开会议。")
    document.add_picture(png((200, 40, 40), (64, 48)), width=Inches(2))
    document.add_picture(png((40, 40, 200), (64, 48)), width=Inches(2))
    source = tmp_path / "会议.docx"
    document.save(source)
    with zipfile.ZipFile(source) as zin:  # the second picture becomes an EMF
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    media = sorted(n for n in parts if n.startswith("word/media/"))
    parts[media[1]] = b"\x01\x00\x00\x00" + bytes(80) + b" EMF" + bytes(40)
    emf = media[1].rsplit(".", 1)[0] + ".emf"
    parts[emf] = parts.pop(media[1])
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(media[1].removeprefix("word/").encode(), emf.removeprefix("word/").encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="emf" ContentType="image/x-emf"/></Types>')
    with zipfile.ZipFile(source, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    before = _files(site)
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert proc.returncode == 2
    assert f"{source}: Word 文件中第 2 张图片是 Windows 图元文件（EMF/WMF" in proc.stderr
    assert "处理办法：在 Word 中右键点击这张图片，选“另存为图片”，保存类型选“PNG" in proc.stderr
    folder = site.root / "content/gzdt/2026"
    assert not folder.exists() or list(folder.iterdir()) == []
    assert [f for f in _files(site) if f not in before and not f.startswith("gzdt")] == []


TRACKED = (b'<w:p><w:r><w:t xml:space="preserve">\xe7\x8e\xb0\xe5\x9c\xba\xe8\xa7\xa3\xe7\xad\x94</w:t></w:r>'
           b'<w:del w:id="91" w:author="\xe6\x9d\x8e\xe5\x9b\x9b" w:date="2026-11-19T10:00:00Z"><w:r><w:delText>'
           b'\xe5\x86\x85\xe9\x83\xa8\xe8\xae\xa8\xe8\xae\xba\xe7\xa8\xbf</w:delText></w:r></w:del>'
           b'<w:ins w:id="92" w:author="\xe6\x9d\x8e\xe5\x9b\x9b" w:date="2026-11-19T10:00:00Z"><w:r><w:t>'
           b'\xe7\xbe\xa4\xe4\xbc\x97\xe5\x92\xa8\xe8\xaf\xa2</w:t></w:r></w:ins>'
           b'<w:commentRangeStart w:id="7"/><w:r><w:t>45\xe4\xba\xba\xe6\xac\xa1</w:t></w:r><w:commentRangeEnd w:id="7"/>'
           b'<w:r><w:commentReference w:id="7"/></w:r></w:p>')
COMMENTS = ('<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="7" '
            'w:author="李四" w:initials="LS"><w:p><w:r><w:t>数字请核实，张科长说不宜公开</w:t></w:r></w:p></w:comment>'
            '</w:comments>').encode()


def test_deleted_words_and_colleagues_comments_are_not_published(site, tmp_path):
    """A draft with a tracked deletion (内部讨论稿), an insertion and a comment by 李四: the deleted
    words and the comment (with a colleague's name) must not reach the article; the drafter is told."""
    plain = tmp_path / "plain.docx"
    document = docx.Document()
    document.core_properties.title = "湛江市司法局开展法律咨询活动"
    document.add_paragraph("11月20日，市司法局开展法律咨询活动。")
    document.save(plain)
    source = tmp_path / "修订稿.docx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", TRACKED + b"<w:sectPr", 1)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/comments.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                                    b"</Relationships>")
            zout.writestr(item, data)
        zout.writestr("word/comments.xml", COMMENTS)
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert proc.returncode == 0, proc.stderr
    assert "Word 文件中还有修订记录或批注" in proc.stdout
    [article] = (site.root / "content/gzdt/2026").glob("*.md")
    text = article.read_text("utf-8")
    assert "现场解答群众咨询45人次" in text
    assert "内部讨论稿" not in text and "李四" not in text and "不宜公开" not in text and "张科长" not in text


def test_a_zip_bomb_named_docx_is_refused_before_it_is_read(site, tmp_path):
    source = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (320 * 1024 * 1024))
    assert source.stat().st_size < 2 * 1024 * 1024
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert proc.returncode == 2
    assert f"{source}: 文件解压后有 320 MB，超过 300 MB 的上限" in proc.stderr
    assert not (site.root / "content/gzdt/2026").exists()


def test_a_doc_renamed_docx_is_named_for_what_it_is(site, tmp_path):
    source = tmp_path / "旧稿.docx"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert proc.returncode == 2
    assert "或是改了扩展名的旧版 .doc" in proc.stderr and "“另存为”.docx 后再导入" in proc.stderr


def test_two_imports_of_the_same_draft_at_once_give_one_article(site, tmp_path):
    """Two drafters (or a double click) import the same Word file at the same moment: the twin test
    ran before the write, outside any lock, so both passed; the second then failed on a picture
    name (“文章旁边已有同名图片”) or wrote a second article. Now one article, one clear refusal."""
    source = build(tmp_path / "稿件.docx", big_image=False)
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    args = [sys.executable, "-m", "govpub", "import", str(source), "--column", "gzdt", *DATE]
    procs = [subprocess.Popen(args, cwd=site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, encoding="utf-8") for _ in range(2)]
    results = [(p.wait(), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [1, 2], results  # 1: imported (the pictures have no alt text); 2: refused
    refusal = next(err for code, _, err in results if code == 2)
    assert "在 2026-11-20 已有同名文章" in refusal and "处理办法" in refusal
    folder = site.root / "content/gzdt/2026"
    [article] = folder.glob("*.md")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [article.name, f"{article.stem}-1.png", f"{article.stem}-2.png"])


def test_markup_typed_in_word_stays_text(site, tmp_path):
    """A draft about web safety, or a paste from a web page: <script>, <img onerror=…>, an HTML
    comment and [点我](javascript:…) typed as text in Word became raw HTML, a govpub suppression
    comment and a link in the article (html.embed, html.event errors the drafter could not place)."""
    document = docx.Document()
    document.core_properties.title = "湛江市司法局开展网络安全宣传"
    document.add_paragraph("讲解了<script>alert(1)</script>和<img src=x onerror=alert(1)>等攻击方式，"
                           "以及[点我](javascript:alert(1))式的钓鱼链接。")
    document.add_paragraph("<!-- govpub: allow typo.word 理由：无 -->请勿点击不明链接。")
    source = tmp_path / "网络安全.docx"
    document.save(source)
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE)
    assert "已导入" in proc.stdout, proc.stderr
    [article] = (site.root / "content/gzdt/2026").glob("*.md")
    text = article.read_text("utf-8")
    assert "&lt;script>alert(1)&lt;/script>" in text and "&lt;img src=x onerror" in text
    assert "[点我\\](javascript:alert(1))" in text and "&lt;!-- govpub: allow" in text
    rules = {f["rule"] for f in site.findings(article.relative_to(site.root).as_posix())}
    assert not {r for r in rules if r.startswith(("html.", "meta.suppression", "meta.unused"))}


@pytest.mark.parametrize("creator", ["Administrator", "微软用户"])
def test_a_default_computer_user_name_is_not_taken_for_the_drafter(site, tmp_path, creator):
    """Word fills in the author from the computer's user name: articles were imported with
    author: Administrator (or 微软用户), which the 审批表 then showed as the drafter."""
    source = build(tmp_path / "稿件.docx", author=creator, big_image=False)
    env = {**GIT_ENV, "NO_COLOR": "1", "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": str(tmp_path / "none")}
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE, env=env)
    assert proc.returncode == 2 and "没有拟稿人" in proc.stderr  # not imported as Administrator
    (tmp_path / "none").write_text("[user]\n\tname = 王晓敏\n", encoding="utf-8")
    proc = site.run_here("import", str(source), "--column", "gzdt", *DATE, env=env)
    assert f"Word 文件的作者是“{creator}”（电脑或软件的默认用户名，不是拟稿人），没有采用" in proc.stdout, proc.stderr
    [article] = (site.root / "content/gzdt/2026").glob("*.md")
    assert "author: 王晓敏\n" in article.read_text("utf-8")
