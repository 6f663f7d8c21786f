"""Files beside the articles: which may reach the website, and what they must not carry.

One allowlist of file types for check (meta.asset) and build (govpub.site.plugin):
images, PDF and office documents. HTML, JavaScript, SVG (which can hold scripts) and
anything else under content/ is refused, so no page or script reaches the site without
going through the Markdown pipeline and its sanitizer. Symlinks are refused everywhere
the build reads: a link named like an image once published /proc/self/environ.

Image metadata: photos from phones carry EXIF, often with the GPS position where they
were taken. check reports it (privacy.photo-location); the build writes every image
without its metadata (strip_metadata), losslessly: only the metadata segments of the
file are dropped, the picture data is copied as it is.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from govpub.content.article import Article
from govpub.findings import Hit
from govpub.fsutil import write_atomic

if TYPE_CHECKING:
    import zipfile

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
                               ".wps", ".et", ".dps", ".ofd", ".txt", ".csv", ".zip"})
ALLOWED_SUFFIXES = IMAGE_SUFFIXES | DOCUMENT_SUFFIXES | {".md"}
# never published from the repository (no metadata stripping, too large for Git): told apart
MEDIA_SUFFIXES = frozenset({".mp3", ".mp4", ".m4a", ".m4v", ".wav", ".wma", ".wmv", ".avi", ".mov", ".mkv",
                            ".flv", ".amr", ".aac", ".ogg", ".webm", ".3gp", ".mpg", ".mpeg"})

# An article saved under another name: Notepad's "另存为" adds .txt (tuijinhui.md.txt, published as a
# text attachment with its front matter showing, the article itself never), other editors write
# .markdown, a space or dot typed after .md. Told to rename, never taken for an attachment.
_ARTICLE_NAME = re.compile(r"(?i)\.(?:md|markdown|mdown|mkdn?|mdwn|mdtxt|mdtext)(?:[\s.]*|\.txt)$")

_FRONT_MATTER = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(?=(?:.*\n){0,30}?title\s*:)(?=(?:.*\n){0,30}?column\s*:)")


def _article_stem(file: Path) -> str | None:
    """The name without its extensions when the file is an article saved under another name
    (by its name, or a .txt that opens with an article's front matter), else None."""
    if (misnamed := _ARTICLE_NAME.search(file.name)) is not None:
        return file.name[:misnamed.start()]
    if file.suffix.lower() == ".txt" and file.is_file():
        with open(file, "rb") as fh:
            if _FRONT_MATTER.match(fh.read(4096)):
                return file.stem
    return None


_EXIF_ORIENTATION = 0x0112
_GPS_IFD = 0x8825


# Data files read for credentials (secret.credential) when the whole repository is checked.
DATA_DIRS = ("checks", "records")
DATA_SUFFIXES = frozenset({".yml", ".yaml", ".json", ".txt", ".md"})

# The rules that report on a file that is not an article (they read Article.load_hits).
FILE_RULES = ("meta.file", "meta.asset", "meta.image-size", "meta.attachment-size", "privacy.photo-location")


def load(root: Path, file: Path) -> Article:
    """A file under content/ that is not an article, as an Article with only load_hits:
    a symlink, a file type the site does not publish, a photo with its GPS position."""
    try:
        rel = file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        rel = file.as_posix()
    art = Article(path=rel, readable=False)
    if file.is_symlink():
        target = os.path.realpath(file)
        inside = Path(target).is_relative_to(root.resolve())
        art.load_hits.append(Hit("meta.file", 0, 0,
                                 "网站文件中不能有符号链接" + ("" if inside else f"（它指向仓库之外：{target}）")
                                 + "：网站构建会拒绝它。处理办法：删除链接，把文件本身放进仓库"))
        return art
    if not file.is_file():  # a FIFO or a device: reading it would block the check and the build
        art.load_hits.append(Hit("meta.file", 0, 0, "这不是普通文件（管道、设备等）：删除它，"
                                 "图片和附件是放在文章旁边的普通文件"))
        return art
    if file.suffix.lower() in MEDIA_SUFFIXES:
        art.load_hits.append(Hit("meta.asset", 0, 0,
                                 f"音频、视频文件（{file.suffix}，{file.stat().st_size / 1048576:.1f} MB）不放进网站仓库："
                                 "仓库保存每个版本，网站也无法去掉其中的拍摄地点等信息。处理办法：删除它，把音视频传到"
                                 "单位的政务新媒体或视频平台，在文章中写上链接或平台名称"))
    elif (stem := _article_stem(file)) is not None:
        notepad = "（记事本“另存为”时会加上 .txt）" if file.suffix.lower() == ".txt" else ""
        art.load_hits.append(Hit("meta.asset", 0, 0,
                                 f"“{file.name}”是一篇文章，但扩展名不是 .md{notepad}，网站不会把它当作文章发布"
                                 f"（文件会成为一个附件，文章本身不出现）。处理办法：改名为 {stem}.md"
                                 f"（git mv \"{rel}\" {posixpath.dirname(rel)}/{stem}.md），再运行 govpub check"))
    elif not suffix_allowed(file.name):
        art.load_hits.append(Hit("meta.asset", 0, 0,
                                 f"{file.suffix or '无扩展名的'}文件不能发布到网站（只允许图片、PDF 和办公文档）："
                                 "网页、脚本和 SVG 会在读者的浏览器中运行。处理办法：删除它，内容写成 Markdown 文章，"
                                 "图示存为 PNG 或 JPG"))
    elif (problem := judged(file)) is not None:  # first: it names a TIFF or HEIC under a .jpg name
        kind = "图片" if file.suffix.lower() in IMAGE_SUFFIXES else "附件"
        art.load_hits.append(Hit("meta.file", 0, 0, f"{kind}{problem}"))
    elif (broken := image_problem(file)) is not None:
        art.load_hits.append(Hit("meta.file", 0, 0, f"图片{broken}，网页上会显示为一个破图。处理办法："
                                 "重新导出或重新拍摄后替换这个文件（JPG 或 PNG）"))
    elif has_gps(file):
        art.load_hits.append(Hit("privacy.photo-location", 0, 0,
                                 "照片带有拍摄地点（GPS 坐标），会暴露拍摄者或当事人的位置："
                                 "运行 govpub fix 去掉照片的元数据（网站构建也会去掉）"))
    return art


def judged(path: Path) -> str | None:
    """What the build would refuse in an image or attachment, or readers could not open
    (govpub.content.documents.problem, the judge the build shares), imported only when a file of
    such a type is checked: an article's check loads no zipfile, pypdf or pypdfium2."""
    if path.suffix.lower() not in IMAGE_SUFFIXES | DOCUMENT_SUFFIXES:
        return None
    from govpub.content import documents

    stat = path.stat()
    key = (str(path.absolute()), stat.st_mtime_ns, stat.st_size)
    if key not in _JUDGED:  # a file checked and linked from a checked article is opened once
        _JUDGED[key] = documents.problem(path)
    return _JUDGED[key]


_JUDGED: dict[tuple[str, int, int], str | None] = {}


def suffix_allowed(name: str) -> bool:
    return Path(name).suffix.lower() in ALLOWED_SUFFIXES


def symlinks(*folders: Path) -> Iterator[Path]:
    """Every symlink (to a file or a folder) under the folders, without following any."""
    for folder in folders:
        if folder.is_symlink():
            yield folder
            continue
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            for name in (*dirnames, *filenames):
                p = Path(dirpath, name)
                if p.is_symlink():
                    yield p


def image_problem(path: Path) -> str | None:
    """Why an image under content/ cannot be shown (empty, not an image of its kind, cut off
    before its end marker), or None. Reads the header and the last bytes only, no pixels."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
            size = os.fstat(fh.fileno()).st_size
            fh.seek(max(size - 65536, 0))
            tail = fh.read()
    except OSError:
        return None  # meta.file reports unreadable files elsewhere
    if not head:
        return "是空文件（0 字节）"
    kinds = {b"\xff\xd8": (".jpg", ".jpeg"), b"\x89PNG\r\n\x1a\n": (".png",), b"GIF8": (".gif",),
             b"RIFF": (".webp",)}
    kind = next((k for k in kinds if head.startswith(k)), None)
    if kind is None:  # a JPEG named .png is shown all the same (browsers read the content)
        return "的内容不是 JPG、PNG、GIF 或 WebP 图片（可能是改了扩展名的其他文件）"
    tail = tail.rstrip(b"\0")  # some tools pad the end with zero bytes
    cut = {
        b"\xff\xd8": tail.rfind(b"\xff\xd9") < tail.rfind(b"\xff\xda"),  # scan data with no end marker after it
        b"\x89PNG\r\n\x1a\n": b"IEND" not in tail[-16:],
        b"GIF8": not tail.endswith(b";"),
        b"RIFF": len(head) >= 8 and struct.unpack("<I", head[4:8])[0] + 8 > size,
    }[kind]
    return "不完整（文件在中途被截断，可能没有下载或复制完）" if cut else None


# old binary Office and WPS formats: their author and revisions cannot be removed or checked
BINARY_OFFICE_SUFFIXES = frozenset({".doc", ".xls", ".ppt", ".wps", ".et", ".dps"})
# parts and marks that are the document's own content, which the build must not silently change
_REVIEW_PARTS = re.compile(r"^(word/comments\w*\.xml|xl/comments\w*\.xml|xl/threadedComments/.*|ppt/comments/.*"
                           r"|ppt/commentAuthors\.xml|word/people\.xml)$")
_REVIEW_MARKS = re.compile(rb"<w:(ins|del|moveFrom|moveTo)\b|<w:vanish\s*/>")
REVIEW_ADVICE = ("处理办法：在 Word/WPS 中“接受所有修订”、删除全部批注、取消隐藏文字后另存，替换这个文件")


def review_parts(source: zipfile.ZipFile) -> list[str]:
    """The parts of an Office package holding comments, tracked changes or hidden text (what a
    reader would see of the drafting if the file were published as it is)."""
    found = [n for n in source.namelist() if _REVIEW_PARTS.match(n)]
    for name in source.namelist():
        if name.startswith(("word/", "xl/", "ppt/")) and name.endswith(".xml") and _REVIEW_MARKS.search(source.read(name)):
            found.append(name)
    return sorted(set(found))


def has_gps(path: Path) -> bool:
    """True when the image's EXIF holds a GPS position (False when it cannot be read)."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return False
    try:
        from PIL import Image

        with Image.open(path) as im:
            gps = im.getexif().get_ifd(_GPS_IFD)
    except Exception:  # noqa: BLE001 - a broken image is not a GPS finding
        return False
    return any(k in gps for k in (1, 2, 3, 4))  # latitude/longitude and their references


def strip_file(path: Path) -> bool:
    """Rewrite an image under content/ without its metadata (atomically); True if it changed."""
    if path.suffix.lower() not in IMAGE_SUFFIXES or path.is_symlink() or not path.is_file():
        return False
    data = path.read_bytes()
    stripped = strip_metadata(data)
    if stripped == data:
        return False
    write_atomic(path, stripped)
    return True


def strip_metadata(data: bytes) -> bytes:
    """The image without EXIF, XMP, IPTC, comments or text chunks (JPEG, PNG, WebP, GIF);
    the picture data is not re-encoded. A JPEG keeps its orientation. Other data
    (unknown formats) comes back unchanged."""
    if data.startswith(b"\xff\xd8"):
        return _strip_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _strip_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _strip_webp(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _strip_gif(data)
    return data


def _strip_gif(data: bytes) -> bytes:
    """A GIF without its comment blocks and application blocks other than the loop count
    (XMP travels in one); the frames are copied as they are. Unchanged when it cannot be
    walked to its end."""
    def sub_blocks(i: int) -> int:  # the index after a run of data sub-blocks
        while i < len(data) and data[i]:
            i += data[i] + 1
        return i + 1

    out = bytearray()
    i = 13
    if data[10] & 0x80:
        i += 3 << ((data[10] & 7) + 1)
    out += data[:i]
    while i < len(data):
        kind = data[i]
        if kind == 0x3B:  # trailer
            return bytes(out) + b"\x3b"
        if kind == 0x21 and i + 1 < len(data):
            end = sub_blocks(i + 2)
            app = data[i + 3:i + 14] if data[i + 1] == 0xFF else b""
            if data[i + 1] != 0xFE and (data[i + 1] != 0xFF or app in (b"NETSCAPE2.0", b"ANIMEXTS1.0")):
                out += data[i:end]
            i = end
        elif kind == 0x2C and i + 10 <= len(data):
            start, i = i, i + 10
            if data[start + 9] & 0x80:
                i += 3 << ((data[start + 9] & 7) + 1)
            i = sub_blocks(i + 1)  # the LZW minimum code size, then the image data
            out += data[start:i]
        else:
            return data
    return data


def _jpeg_orientation(data: bytes) -> int:
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            return int(im.getexif().get(_EXIF_ORIENTATION, 1))
    except Exception:  # noqa: BLE001
        return 1


def _strip_jpeg(data: bytes) -> bytes:
    orientation = _jpeg_orientation(data)
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return data  # not a JPEG we understand: leave it to the caller's judgement
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is picture data
            break
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        segment = data[i:i + 2 + length]
        # APP1 (EXIF, XMP), APP2-APP15 except ICC colour profile (APP2 "ICC_PROFILE"),
        # COM comments. APP0 (JFIF) and APP14 (Adobe colour transform) are needed to decode.
        drop = marker == 0xFE or (0xE1 <= marker <= 0xEF and marker != 0xEE
                                  and not (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\0"))
        if not drop:
            out += segment
        i += 2 + length
    if orientation != 1:
        from PIL import Image

        exif = Image.Exif()
        exif[_EXIF_ORIENTATION] = orientation
        payload = b"Exif\x00\x00" + exif.tobytes()
        app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
        head = 2
        if data[2:4] == b"\xff\xe0":  # keep JFIF first
            head = 4 + struct.unpack(">H", data[4:6])[0]
            out = bytearray(out[:head]) + app1 + out[head:]
        else:
            out = bytearray(out[:2]) + app1 + out[2:]
    out += data[i:]
    return bytes(out)


_PNG_DROP = {b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"tIME"}


def _strip_png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i = 8
    while i + 12 <= len(data):
        length = struct.unpack(">I", data[i:i + 4])[0]
        kind = data[i + 4:i + 8]
        chunk = data[i:i + 12 + length]
        if kind not in _PNG_DROP:
            out += chunk
        i += 12 + length
        if kind == b"IEND":
            break
    return bytes(out)


def _strip_webp(data: bytes) -> bytes:
    chunks = bytearray()
    i = 12
    while i + 8 <= len(data):
        kind = data[i:i + 4]
        length = struct.unpack("<I", data[i + 4:i + 8])[0]
        chunk = data[i:i + 8 + length + (length & 1)]
        if kind == b"VP8X" and len(chunk) >= 9:  # clear the EXIF and XMP flags
            chunk = chunk[:8] + bytes([chunk[8] & ~0x0C]) + chunk[9:]
        if kind not in (b"EXIF", b"XMP "):
            chunks += chunk
        i += 8 + length + (length & 1)
    return b"RIFF" + struct.pack("<I", len(chunks) + 4) + b"WEBP" + bytes(chunks)
