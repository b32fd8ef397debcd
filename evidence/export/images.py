"""Screenshots in documents without decoding them whole: a very tall page's PNG can hold
hundreds of millions of pixels, more than Pillow (or memory) allows at once. libvips reads
such a file row by row, so sizes, bands and thumbnails come out in bounded memory."""

from __future__ import annotations

from pathlib import Path

import pyvips

# Up to this many pixels an image goes into a PDF whole (drawn once, clipped per band);
# past it, each band is cut out and embedded on its own.
WHOLE_MAX_PIXELS = 40_000_000
# A PDF shows at most this many rows of a screenshot (about 15 landscape pages at full
# width); the rest is in the bundle's file, and the sheet says so.
PDF_MAX_ROWS = 40_000


def image_size(path: Path) -> tuple[int, int]:
    """Width and height from the file's header."""
    image = pyvips.Image.new_from_file(str(path), access="sequential")
    return int(image.width), int(image.height)


def band_png(path: Path, top: int, bottom: int) -> bytes:
    """Rows ``top`` to ``bottom`` of an image, as PNG (read in order up to ``bottom`` only)."""
    image = pyvips.Image.new_from_file(str(path), access="sequential")
    height = max(1, min(bottom, image.height) - top)
    data: bytes = image.crop(0, top, image.width, height).write_to_buffer(".png")
    return data


def top_thumbnail(path: Path, target: Path, width: int) -> None:
    """A JPEG of the top of an image (a 4:3 window), ``width`` pixels wide."""
    image = pyvips.Image.new_from_file(str(path), access="sequential")
    window = image.crop(0, 0, image.width, min(image.height, image.width * 3 // 4))
    if window.hasalpha():
        window = window.flatten(background=[255, 255, 255])
    window.resize(width / window.width).jpegsave(str(target), Q=80)
