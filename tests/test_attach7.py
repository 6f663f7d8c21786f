"""One judge for attachments, at commit time and at build time (govpub.content.documents).

The build refused old binary Office files, PDF with comments, embedded files or scripts, OFD
with annotations, .zip members one by one and TIFF/HEIC content under an image name, while
`govpub check` (the commit hook) passed them: the drafter learnt it at publish time, after the
three reviews. Every refusal now carries a reason from documents.REASONS; for each reason this
file holds a sample the build refuses for exactly that reason, and `govpub check` must name it
as an error with what to do. A reason added to the code without a sample fails here."""

from __future__ import annotations

import ast
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from govpub.content import assets, documents

FOLDER = "content/pfyfz/2026"
ART = f"{FOLDER}/tuijinhui.md"


def _zip(members: dict[str, bytes], symlink: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            info = zipfile.ZipInfo(name)
            if name == symlink:
                info.external_attr = 0o120777 << 16
            z.writestr(info, body)
    return out.getvalue()


def _central(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """The zip with a field of its (only) central directory entry set: what another packer wrote."""
    at = data.index(b"PK\x01\x02") + offset
    return data[:at] + struct.pack(fmt, value) + data[at + struct.calcsize(fmt):]


def _encrypted() -> bytes:
    """A member marked encrypted (general purpose flag bit 0), as a password-protected archive."""
    data = _central(_zip({"mingdan.txt": b"x"}), 8, "<H", 1)
    at = data.index(b"PK\x03\x04") + 6
    return data[:at] + struct.pack("<H", 1) + data[at + 2:]


def _pdf(embedded: bool = False) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if embedded:
        writer.add_attachment("neibu.txt", "内部名单".encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _ooxml(parts: dict[str, bytes]) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", **parts})


# reason -> (file name, its bytes, what the message must name: the member where there is one)
SAMPLES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "binary-office": ("fujian.et", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), ".et"),
    "image-format": ("xianchang.jpg", lambda: b"II*\0" + bytes(60), "TIFF"),
    "unpacked-size": ("dabao.zip", lambda: _central(_zip({"a.txt": b"x"}), 24, "<I", 0x7FFFFFF0), "256 MB"),
    "office-review": ("fujian.docx", lambda: _ooxml({"word/comments.xml": b"<w:comments/>"}), "批注"),
    "ofd-marked": ("wenjian.ofd", lambda: _zip({"OFD.xml": b"<ofd:OFD/>",
                                                 "Doc_0/Annots/Page_0/Annotation.xml": b"<Annot/>"}), "Annots"),
    "pdf-extras": ("fujian.pdf", lambda: _pdf(embedded=True), "嵌入的附件"),
    "zip-broken": ("sunhuai.zip", lambda: b"PK\x03\x04" + bytes(40), "不是有效的压缩包"),
    "zip-path": ("lujing.zip", lambda: _zip({"../../mkdocs.yml": b"x"}), "mkdocs.yml"),
    "zip-symlink": ("lianjie.zip", lambda: _zip({"env": b"/proc/self/environ"}, symlink="env"), "“env”"),
    "zip-encrypted": ("mima.zip", _encrypted, "mingdan.txt"),
    "zip-nested": ("taowa.zip", lambda: _zip({"inner.zip": _zip({"a.txt": b"x"})}), "inner.zip"),
    "zip-type": ("wangye.zip", lambda: _zip({"index.html": b"<script>alert(1)</script>"}), "index.html"),
}


def _build_refusal(path: Path) -> documents.DocumentError | None:
    """What the build (govpub/site/plugin.py on_files and _post_build) does with the file, in its
    order: refused by type, an image's content, an attachment's cleaning."""
    if (refused := documents.refusal(path.name)) is not None:
        return refused
    if path.suffix.lower() in assets.IMAGE_SUFFIXES:
        return documents.image_refusal(path.read_bytes()[:65536])
    try:
        documents.strip(path)
    except documents.DocumentError as exc:
        return exc
    return None


def test_every_reason_the_code_raises_is_listed_and_has_a_sample():
    """The reasons are read from the code: a new refusal without a sample here fails."""
    tree = ast.parse(Path(documents.__file__).read_text("utf-8"))
    raised = {node.args[0].value for node in ast.walk(tree)
              if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DocumentError"
              and node.args and isinstance(node.args[0], ast.Constant)}
    assert raised == set(documents.REASONS)
    assert set(SAMPLES) == set(documents.REASONS)


@pytest.mark.parametrize("reason", sorted(SAMPLES))
def test_the_build_refuses_each_sample_for_its_reason(tmp_path, reason):
    name, make, _ = SAMPLES[reason]
    path = tmp_path / name
    path.write_bytes(make())
    refused = _build_refusal(path)
    assert refused is not None and refused.reason == reason, refused
    assert "处理办法" in str(refused)


def test_check_names_every_file_the_build_refuses_with_what_to_do(site):
    """All samples in one check run (the commit hook gets the article and its attachments)."""
    links = []
    for name, make, _ in SAMPLES.values():
        site.write(f"{FOLDER}/{name}", make())
        links.append(f"[{name}]({name})")
    site.article(ART, body="正文。\n\n" + "、".join(links) + "。\n")
    found = {f["path"]: f for f in site.findings() if f["severity"] == "error"}
    for reason, (name, _, named) in SAMPLES.items():
        finding = found.get(f"{FOLDER}/{name}")
        assert finding is not None, (reason, sorted(found))
        assert finding["rule"] == "meta.file" and "处理办法" in finding["message"], finding
        assert named in finding["message"], (reason, finding["message"])


def test_attachments_the_build_publishes_pass_check(site):
    """No false alarm: a clean PDF, a zip of a PDF, a text and a picture, a clean OFD."""
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(picture, "PNG")
    site.write(f"{FOLDER}/fujian.pdf", _pdf())
    site.write(f"{FOLDER}/dabao.zip", _zip({"附件1.pdf": _pdf(), "说明.txt": "说明".encode(),
                                            "图/示意.png": picture.getvalue(), "__MACOSX/._a": b"x"}))
    site.write(f"{FOLDER}/wenjian.ofd", _zip({"OFD.xml": b"<ofd:OFD><ofd:Author>a</ofd:Author></ofd:OFD>"}))
    site.article(ART, body="正文。\n\n[附件](fujian.pdf)、[打包](dabao.zip)、[OFD](wenjian.ofd)。\n")
    assert site.findings() == []


def test_a_refused_member_deep_in_a_zip_is_named_with_its_folder(site):
    """A PDF with an embedded file inside a folder of the archive: the member is named, not just the zip."""
    site.write(f"{FOLDER}/dabao.zip", _zip({"材料/附件2.pdf": _pdf(embedded=True)}))
    site.article(ART, body="正文。\n\n[打包](dabao.zip)\n")
    found = [f for f in site.findings() if f["path"] == f"{FOLDER}/dabao.zip"]
    assert len(found) == 1 and "“材料/附件2.pdf”" in found[0]["message"] and "嵌入的附件" in found[0]["message"]


_PROBE = ("import sys, json\nfrom govpub import cli\ncode = cli.main(['check', *sys.argv[1:]])\n"
          "print(json.dumps([code, sorted(sys.modules)]))\n")
_HEAVY = ("zipfile", "pypdf", "pypdfium2", "govpub.content.documents")


def _modules(site, *paths: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GOVPUB_NO_CACHE")}
    proc = subprocess.run([sys.executable, "-c", _PROBE, *paths], cwd=site.root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])[1]


def test_the_judge_is_loaded_only_when_an_attachment_is_checked(site):
    """The commit of an article alone stays as fast as before: no zipfile, pypdf or pypdfium2."""
    site.article(ART)
    site.write(f"{FOLDER}/fujian.pdf", _pdf(embedded=True))
    _modules(site, ART)  # a cold user cache validates checks/ with jsonschema, which imports zipfile
    alone = _modules(site, ART)  # a drafter's every later commit
    assert not [m for m in alone if m in _HEAVY], [m for m in alone if m in _HEAVY]
    both = _modules(site, ART, f"{FOLDER}/fujian.pdf")
    assert {"pypdf", "govpub.content.documents"} <= set(both)


def test_an_article_linking_a_refused_attachment_is_told_on_the_link_line(site):
    """The attachment was committed before (or unchanged): the article's own check names it."""
    site.write(f"{FOLDER}/wangye.zip", _zip({"index.html": b"<script>alert(1)</script>"}))
    site.article(ART, body="正文。\n\n[打包下载](wangye.zip)\n")
    found = [f for f in site.findings(ART) if f["rule"] == "meta.local-link"]
    assert len(found) == 1 and found[0]["severity"] == "error", found
    assert "网站构建会拒绝" in found[0]["message"] and "index.html" in found[0]["message"]
    assert found[0]["line"] == 12 and "处理办法" in found[0]["message"]


# -- small leftovers of hostile7 -------------------------------------------------------------
@pytest.mark.parametrize("channels, line_of", [("[website, website]", "channels:"),
                                               ("\n  - website\n  - wechat\n  - website", "  - website")])
def test_a_channel_written_twice_is_an_error_naming_its_line(site, channels, line_of):
    """`channels: [website, website]` passed silently (a careless paste)."""
    path = site.article(ART, channels=channels)
    lines = path.read_text("utf-8").splitlines()
    expected = max(i for i, text in enumerate(lines, 1) if text.startswith(line_of))  # the second one
    found = [f for f in site.findings(ART) if f["rule"] == "meta.channels" and "写了两次" in f["message"]]
    assert [(f["line"], f["severity"]) for f in found] == [(expected, "error")], found
    assert "处理办法" in found[0]["message"]


def _waiting_flocks() -> int:
    """Processes waiting for a flock (the “->” lines of /proc/locks)."""
    return sum("->" in line and "FLOCK" in line for line in Path("/proc/locks").read_text().splitlines())


def test_two_new_runs_of_the_same_title_at_once_make_one_article(site):
    """The twin test and the write were two steps: a run that tested while the other had not yet
    written passed too. Here the other run holds the folder, writes its article, then lets go."""
    import fcntl
    import time

    folder = site.root / "content/gzdt/2026"
    folder.mkdir(parents=True)
    title = "湛江市司法局开展普法活动"
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        before = _waiting_flocks()
        proc = subprocess.Popen([sys.executable, "-m", "govpub", "new", "--column", "gzdt", "--title", title,
                                 "--author", "王晓敏", "--department", "办公室", "--channels", "website",
                                 "--date", "2026-11-20 09:30"], cwd=site.root, text=True,
                                env={**os.environ, "NO_COLOR": "1"}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while _waiting_flocks() <= before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()  # it waits for the folder, it did not write
        site.article("content/gzdt/2026/first.md", title=title, column="gzdt", department="办公室",
                     date="2026-11-20 09:30")
    finally:
        os.close(fd)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "已有同名文章" in err and "first.md" in err, (out, err)
    assert sorted(p.name for p in folder.glob("*.md")) == ["first.md"]


def test_a_suffix_in_capitals_is_judged_the_same(site):
    """WANGYE.ZIP and FUJIAN.PDF (a Windows export) are the same files to the build."""
    site.write(f"{FOLDER}/WANGYE.ZIP", _zip({"index.html": b"<script>alert(1)</script>"}))
    site.write(f"{FOLDER}/FUJIAN.PDF", _pdf(embedded=True))
    site.article(ART, body="正文。\n\n[打包](WANGYE.ZIP)、[附件](FUJIAN.PDF)\n")
    found = {f["path"].rsplit("/", 1)[1]: f["message"] for f in site.findings() if f["rule"] == "meta.file"}
    assert "index.html" in found["WANGYE.ZIP"] and "嵌入的附件" in found["FUJIAN.PDF"], found
