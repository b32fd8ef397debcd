"""Deterministic PNG product images generated with Pillow."""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from PIL import Image, ImageDraw

WIDTH = 400
HEIGHT = 300


def _colour(digest: bytes, offset: int) -> tuple[int, int, int]:
    return (digest[offset], digest[offset + 1], digest[offset + 2])


@lru_cache(maxsize=4096)
def render_png(name: str) -> bytes:
    """Return PNG bytes for ``name``; identical names always give identical bytes."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    image = Image.new("RGB", (WIDTH, HEIGHT), _colour(digest, 0))
    draw = ImageDraw.Draw(image)
    for i in range(4):
        base = 3 + i * 6
        x0 = digest[base] * (WIDTH - 60) // 255
        y0 = digest[base + 1] * (HEIGHT - 60) // 255
        size = 40 + digest[base + 2] % 120
        box = (x0, y0, min(WIDTH - 1, x0 + size), min(HEIGHT - 1, y0 + size))
        fill = _colour(digest, base + 3)
        if digest[base] % 2:
            draw.ellipse(box, fill=fill, outline=(0, 0, 0))
        else:
            draw.rectangle(box, fill=fill, outline=(0, 0, 0))
    draw.rectangle((0, HEIGHT - 28, WIDTH, HEIGHT), fill=(255, 255, 255))
    draw.text((8, HEIGHT - 22), name[:60], fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
