"""Images under content/ made web-sized: the one image helper of check, fix and import.

The limits are data (checks/images.yml): a file larger than max_bytes or with a long side
over max_side is reported (meta.image-size); `govpub fix` and `govpub import` reduce it to
resize_side pixels at jpeg_quality. A reduced image keeps its file name and format, so the
article's links stay valid; it is turned upright first (EXIF orientation applied to the
pixels) and written without metadata (assets.strip_metadata: no GPS position, no device).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govpub.content import assets
from govpub.errors import GovpubError
from govpub.fsutil import write_atomic

if TYPE_CHECKING:
    from PIL import Image as PILImage

    from govpub.policy import Policy

LIMITS_FILE = "images.yml"
MIN_SIDE = 480  # pixels: below this a reduced image is no longer useful, fix gives up
_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 2 * 1024 * 1024
    max_side: int = 2560
    resize_side: int = 1920
    jpeg_quality: int = 85


def limits(policy: Policy) -> Limits:
    """checks/images.yml (the defaults above when a site has none)."""
    pf = policy.file(LIMITS_FILE, "images", required=False)
    if pf is None:
        return Limits()
    out = Limits(**pf.data)
    if out.resize_side > out.max_side:
        raise policy.fail(pf, ("resize_side",), f"resize_side（{out.resize_side}）大于 max_side（{out.max_side}）",
                          "resize_side 是缩小后的长边，应不大于 max_side")
    return out


class ImageProblem(GovpubError):
    """An image that cannot be read or reduced automatically."""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _open(data: bytes) -> PILImage.Image:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


class TooManyPixels(Exception):
    """More pixels than Pillow will decode (a decompression bomb, or a giant scan)."""


def dimensions(path: Path) -> tuple[int, int] | None:
    """(width, height) as shown (EXIF orientation applied), None when unreadable.
    Raises TooManyPixels past Pillow's decompression-bomb limit."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
                turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    except Image.DecompressionBombError:
        raise TooManyPixels(str(path)) from None
    except Exception:  # noqa: BLE001 - an unreadable image is not a size finding
        return None
    return (h, w) if turned else (w, h)


def too_large(path: Path, lim: Limits) -> str | None:
    """Why the image is too large for the website (Chinese), or None."""
    size = path.stat().st_size
    parts = []
    if size > lim.max_bytes:
        parts.append(f"{_mb(size)}，超过 {_mb(lim.max_bytes)}")
    try:
        dims = dimensions(path)
    except TooManyPixels:
        parts.append("像素数过多，无法打开")
        dims = None
    if dims and max(dims) > lim.max_side:
        parts.append(f"{dims[0]}×{dims[1]} 像素，长边超过 {lim.max_side} 像素")
    return "；".join(parts) or None


def web_bytes(im: PILImage.Image, fmt: str, lim: Limits) -> bytes:
    """The picture upright, with its long side at most resize_side, encoded as fmt (JPEG, PNG,
    WEBP or GIF) without metadata and, when possible, within max_bytes."""
    from PIL import Image, ImageOps

    out = ImageOps.exif_transpose(im) or im
    out.thumbnail((lim.resize_side, lim.resize_side), Image.Resampling.LANCZOS)
    quality = lim.jpeg_quality
    while True:
        data = _encode(out, fmt, quality)
        if len(data) <= lim.max_bytes or max(out.size) <= MIN_SIDE:
            return assets.strip_metadata(data)
        if fmt in ("JPEG", "WEBP") and quality > 60:
            quality -= 10
            continue
        if fmt in ("PNG", "GIF") and out.mode not in ("P", "1", "L"):
            out = out.quantize(256) if out.mode in ("RGB", "RGBA") else out.convert("RGBA").quantize(256)
            continue
        side = max(MIN_SIDE, int(max(out.size) * 0.8))
        out.thumbnail((side, side), Image.Resampling.LANCZOS)


def _encode(im: PILImage.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    icc = im.info.get("icc_profile")
    extra = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        rgb = im if im.mode in ("RGB", "L", "CMYK") else _flatten(im)
        rgb.save(buf, "JPEG", quality=quality, optimize=True, progressive=True, **extra)
    elif fmt == "WEBP":
        im.save(buf, "WEBP", quality=quality, method=6, **extra)
    elif fmt == "PNG":
        im.save(buf, "PNG", optimize=True, **extra)
    else:
        im.save(buf, fmt)
    return buf.getvalue()


def _flatten(im: PILImage.Image) -> PILImage.Image:
    from PIL import Image

    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im.convert("RGB")


def shrink_file(path: Path, lim: Limits) -> str | None:
    """Reduce an image under content/ that is too large, in place (same name and format,
    written atomically); a Chinese description of what was done, or None when it was fine."""
    from PIL import Image

    if path.is_symlink() or not path.is_file() or path.suffix.lower() not in assets.IMAGE_SUFFIXES:
        return None
    why = too_large(path, lim)
    if why is None:
        return None
    hint = "用看图软件或手机相册的“编辑/调整大小”把长边缩到 1920 像素，另存为 JPG 后替换原文件"
    data = path.read_bytes()
    try:
        with _open(data) as im:
            fmt = _FORMATS.get(im.format or "")
            if fmt is None:
                raise ImageProblem(f"无法自动缩小 {im.format} 格式的图片", path=str(path), hint=hint)
            if getattr(im, "n_frames", 1) > 1:
                raise ImageProblem("无法自动缩小动图", path=str(path), hint="换成静态的 JPG 或 PNG 图片")
            before = (im.size[1], im.size[0]) if im.getexif().get(0x0112, 1) in (5, 6, 7, 8) else im.size
            reduced = web_bytes(im, fmt, lim)
    except Image.DecompressionBombError:
        raise ImageProblem("图片像素过多，无法自动缩小", path=str(path), hint=hint) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageProblem(f"图片无法读取（{exc}）", path=str(path), hint=hint) from None
    with _open(reduced) as im:
        after = im.size
    write_atomic(path, reduced)
    return (f"已缩小为 {after[0]}×{after[1]} 像素、{_mb(len(reduced))}"
            f"（原为 {before[0]}×{before[1]} 像素、{_mb(len(data))}），去掉了元数据，文件名不变")


# -- govpub fix ------------------------------------------------------------------------
_IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)


def _images_of(article: Path, content: Path) -> list[Path]:
    """The local images an article shows (relative links that stay inside content/)."""
    try:
        text = article.read_text("utf-8", errors="replace")
    except OSError:
        return []
    out = []
    for m in _IMAGE_LINK.finditer(text):
        link = (m.group(1) or m.group(2)).split("#")[0].split("?")[0]
        if ":" in link or link.startswith("/") or not link:
            continue
        path = article.parent / link
        if path.suffix.lower() in assets.IMAGE_SUFFIXES and path.is_file() and not path.is_symlink() \
                and path.resolve().is_relative_to(content):
            out.append(path)
    return out


def fix_images(policy: Policy, paths: list[str]) -> list[tuple[str, str, bool]]:
    """Reduce the images that are too large and strip every image's metadata: the images
    named by paths, those shown by the named articles (all of content/ if none). Returns
    (repository-relative path, what happened, whether the file changed) per image reported."""
    from govpub.content.paths import article_files, content_files

    root = policy.root
    content = (root / "content").resolve()
    files = [p for p in content_files(root, paths) if p.suffix.lower() in assets.IMAGE_SUFFIXES]
    if paths:
        files += [img for art in article_files(root, paths) for img in _images_of(art, content)]
    lim = limits(policy)
    out: list[tuple[str, str, bool]] = []
    for path in dict.fromkeys(p.absolute() for p in files):
        if path.is_symlink():
            continue
        rel = path.relative_to(root.absolute()).as_posix()
        try:
            reduced = shrink_file(path, lim)
        except ImageProblem as exc:
            out.append((rel, f"{exc.message}。处理办法：{exc.hint}", False))
            continue
        if reduced:
            out.append((rel, reduced, True))
        elif assets.strip_file(path):  # photos: EXIF with the GPS position...
            out.append((rel, "已去掉图片的元数据（拍摄地点、设备等），画面不变", True))
    return out
