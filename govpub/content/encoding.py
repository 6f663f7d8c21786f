"""Reading article files: size, binary, encoding (UTF-8, BOM, GBK/GB18030, Big5, UTF-16),
and old Mac line ends (CR only)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

MAX_BYTES = 1024 * 1024  # an article's Markdown; images live beside it

# C0 controls other than tab, LF, CR (and NUL): never in a text a person typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Decoded:
    text: str  # CR-only line ends already turned into LF (one character for one: offsets kept)
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-32", "mixed"; "+cr": CR-only line ends
    first_other: int = 0  # "mixed": the offset of the first line that is not UTF-8

    @property
    def is_canonical(self) -> bool:
        return self.encoding == "utf-8"


class Unreadable(Exception):
    """The bytes cannot be treated as an article at all."""


_BINARY = "这是二进制文件，不是 Markdown 文章：请确认文件类型，Word 文件用 govpub import 导入"


def _text(text: str, encoding: str, nul_ok: bool = False) -> Decoded:
    if "\x00" in text and not nul_ok:
        raise Unreadable(_BINARY)
    if "\r" in text and "\n" not in text:  # classic Mac OS line ends: one line for every rule
        return Decoded(text.replace("\r", "\n"), encoding + "+cr")
    return Decoded(text, encoding)


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes saved without a BOM (Windows "Unicode" from some tools), or None
    when the bytes do not read as a plain text that way."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and not _CONTROL.search(text) and _mostly_text(text):
            return text
    return None


def _stray_nuls(data: bytes) -> str | None:
    """A UTF-8 article with a few NUL bytes in it (a careless paste, a broken editor plugin), or
    None: it was called binary, with no line and no way to fix it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    rest = text.replace("\x00", "")
    if text.count("\x00") > max(16, len(text) // 1000) or not rest or _CONTROL.search(rest) or not _mostly_text(rest):
        return None
    return text


def _mostly_text(text: str) -> bool:
    """ASCII, CJK and full-width punctuation make up nearly all of it (a real article)."""
    usual = sum(1 for ch in text if ch < "\x7f" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return usual >= 0.95 * len(text)


def _looks_big5(data: bytes, gb_text: str) -> bool:
    """Bytes that read as GB18030 only by accident: Big5 (traditional Chinese, Taiwan and Hong
    Kong editors) read that way gives rare characters outside GB2312 in a good part of the text,
    where a real GBK article has almost none."""
    han = _HAN.findall(gb_text)
    if len(han) < 4:
        return False
    rare = 0
    for ch in han:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    if rare < 0.2 * len(han):
        return False
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def _common_han(text: str, least: int) -> bool:
    """At least `least` Chinese characters, all of them common ones (GB2312): text a person wrote,
    not bytes of another encoding read by accident (which gives rare characters)."""
    han = _HAN.findall(text)
    if len(han) < least:
        return False
    try:
        "".join(han).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _mixed(data: bytes, bom: bool) -> Decoded | None:
    """A UTF-8 article with lines in GBK (a paragraph pasted or appended from a GBK file, or a
    UTF-8 BOM before a GBK text), each line read in its own encoding; None unless some lines are
    surely UTF-8 Chinese (or a BOM says UTF-8) and the others surely GBK. Was “无法识别文件编码” with no line, and
    nothing fix could do."""
    parts: list[str] = []
    first_other = -1
    utf8_chinese = False
    offset = 0
    for line in data.splitlines(keepends=True):
        try:
            text = line.decode("utf-8")
            utf8_chinese = utf8_chinese or _common_han(text, 2)
        except UnicodeDecodeError:
            try:
                text = line.decode("gb18030")
            except UnicodeDecodeError:
                return None
            if not _common_han(text, 1):
                return None
            if first_other < 0:
                first_other = offset
        parts.append(text)
        offset += len(text)
    if first_other < 0 or not (utf8_chinese or bom):
        return None
    decoded = _text("".join(parts), "mixed")
    decoded.first_other = first_other
    return decoded


def too_large(size: int) -> str:
    return f"文件过大（{size / 1048576:.1f} MB，上限 1 MB）：正文请精简，图片和附件放在文章旁边另存"


def decode(data: bytes) -> Decoded:
    """Decode article bytes. UTF-8 is canonical; other encodings are decoded and reported."""
    if len(data) > MAX_BYTES:
        raise Unreadable(too_large(len(data)))
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        try:
            return _text(data.decode("utf-32"), "utf-32")
        except UnicodeDecodeError:
            raise Unreadable(_BINARY) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _text(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise Unreadable(_BINARY) from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _text(text, "utf-16")
        text = _stray_nuls(data)
        if text is None:
            raise Unreadable(_BINARY)
        return _text(text, "utf-8", nul_ok=True)  # meta.control-char names the line, fix removes them
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _text(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return _text(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    bom = data.startswith(codecs.BOM_UTF8)
    mixed = _mixed(data[3:] if bom else data, bom)
    if mixed is not None:
        return mixed
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = _first_unreadable_line(data)
        raise Unreadable(f"第 {line} 行起无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030，可能是从其他软件粘贴的文字）："
                         "在编辑器中核对这一行，删除乱码后重新输入，再另存为 UTF-8（记事本：另存为→编码选 UTF-8）") from None
    if _looks_big5(data, text):
        return _text(data.decode("big5"), "big5")
    return _text(text, "gb18030")


def _first_unreadable_line(data: bytes) -> int:
    """The first line (1-based) that is neither UTF-8 nor GB18030 (a Latin-1 or Windows-1252 paste)."""
    for n, line in enumerate(data.split(b"\n"), 1):
        for codec in ("utf-8", "gb18030"):
            try:
                line.decode(codec)
                break
            except UnicodeDecodeError:
                continue
        else:
            return n
    return 1


ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "带 BOM 的 UTF-8",
    "gb18030": "GBK/GB18030",
    "big5": "Big5（繁体）",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "mixed": "UTF-8 与 GBK 混合（有的行是从 GBK 文件粘贴或追加来的）",
}


def describe(encoding: str) -> str:
    """How staff read an encoding of Decoded: "GBK/GB18030", "UTF-8（换行符只有 CR…）"."""
    base = encoding.removesuffix("+cr")
    name = ENCODING_NAMES.get(base, base)
    return name + ("（换行符只有 CR，旧式 Mac 格式）" if base != encoding else "")
