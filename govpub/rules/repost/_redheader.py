"""Recognising a red-header (红头) original: a white page with a large red title band
and a red rule across it near the top (GB/T 9704-2012 版头).

A photo with a red banner in it is not a page: its background is not mostly white.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

WIDTH = 240  # analysis width in pixels; enough for bands and rules, fast on large scans


def first_page(path: Path) -> PILImage:
    """The image, or the first page of a PDF, as an RGB Pillow image."""
    from PIL import Image

    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium  # type: ignore[import-untyped]

        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[0]
            scale = 600 / max(page.get_width(), 1)
            image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    else:
        image = Image.open(path)
        image.draft("RGB", (WIDTH * 4, WIDTH * 8))  # JPEG: decode at reduced size
    rgb: PILImage = image.convert("RGB")
    return rgb


def is_red_header(image: PILImage) -> bool:
    w, h = image.size
    if w < 50 or h < 50:
        return False
    small = image.resize((WIDTH, max(1, round(h * WIDTH / w))))
    sw, sh = small.size
    data = small.tobytes()  # RGB: three bytes per pixel, row after row
    white_total = 0
    red_rows: list[float] = []
    for y in range(sh):
        red = 0
        row = y * sw * 3
        for x in range(row, row + sw * 3, 3):
            r, g, b = data[x], data[x + 1], data[x + 2]
            if r > 200 and g > 200 and b > 200:
                white_total += 1
            elif r > 150 and g < 110 and b < 110 and r - max(g, b) > 80:
                red += 1
        red_rows.append(red / sw)
    if white_total / (sw * sh) < 0.6:  # a photo, not a page
        return False
    # runs of consecutive rows that carry red: the title band is a tall run, the rule a thin one
    runs: list[tuple[int, int, float]] = []  # (first row, height, max red fraction)
    y = 0
    while y < sh // 2:
        if red_rows[y] >= 0.08:
            first = y
            while y < sh and red_rows[y] >= 0.08:
                y += 1
            runs.append((first, y - first, max(red_rows[first:y])))
        y += 1
    thin = max(2, round(sh * 0.015))
    for i, (_, height, peak) in enumerate(runs):
        if height <= thin and peak >= 0.5:  # the red rule across the page
            if any(h >= max(3, round(sh * 0.02)) for _, h, _ in runs[:i]):  # a title band above it
                return True
    return False
