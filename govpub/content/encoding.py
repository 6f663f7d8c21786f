"""Reading article files: size, binary, encoding (UTF-8, BOM, GBK/GB18030, UTF-16)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

MAX_BYTES = 1024 * 1024  # an article's Markdown; images live beside it


@dataclass
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16"

    @property
    def is_canonical(self) -> bool:
        return self.encoding == "utf-8"


class Unreadable(Exception):
    """The bytes cannot be treated as an article at all."""


def decode(data: bytes) -> Decoded:
    """Decode article bytes. UTF-8 is canonical; other encodings are decoded and reported."""
    if len(data) > MAX_BYTES:
        raise Unreadable(f"文件过大（{len(data) / 1048576:.1f} MB，上限 1 MB）：正文请精简，图片和附件放在文章旁边另存")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "utf-16")
    if b"\x00" in data:
        raise Unreadable("这是二进制文件，不是 Markdown 文章：请确认文件类型，Word 文件用 govpub import 导入")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        raise Unreadable("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）：请用编辑器另存为 UTF-8") from None


ENCODING_NAMES = {
    "utf-8-sig": "带 BOM 的 UTF-8",
    "gb18030": "GBK/GB18030",
    "utf-16": "UTF-16",
}
