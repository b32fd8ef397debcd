"""Hash every artefact at acquisition: SHA-256 for identity, pHash/dHash for image matching."""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

import imagehash
import pyvips
from PIL import Image

from evidence.capture.page import PageCapture, StoredArtefact

log = logging.getLogger(__name__)
# libvips reports through pyvips's logger at INFO ("threadpool completed with 2 workers", a
# line for every screenshot hashed): a crawl log keeps its warnings only.
logging.getLogger("pyvips").setLevel(logging.WARNING)
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")
# Images up to this many pixels are decoded whole to hash (Pillow's bomb guard starts warning
# at 89 million); larger ones are hashed from a copy of this size, made in bounded memory.
HASH_MAX_PIXELS = 50_000_000
DOWNSCALED = (512, 2048)
# A screenshot past this (a page over some 6,000 px tall at 1,280 px wide) is hashed from the
# downscaled copy too: decoding it whole and resizing it twice for the two hashes cost more CPU
# than the rest of its capture (0.9 s against 0.15 s for a 1280x21383 page). The copy's hashes
# are within a few bits of the whole image's, and the capture's note says which was hashed.
SCREENSHOT_HASH_MAX_PIXELS = 8_000_000
# Past this, not even a copy is made (decoding takes tens of seconds): an image bomb.
DOWNSCALE_MAX_PIXELS = 500_000_000
# PNGs from this size up are decoded by libvips (a screenshot: a fifth faster); smaller ones
# (product pictures) by Pillow, for which libvips's start-up costs more than it saves (a
# 400x300 picture: 2.6 ms against 4.1 of CPU).
VIPS_DECODE_MIN_PIXELS = 500_000


@dataclass(frozen=True)
class ImageHashes:
    """pHash and dHash of an image (None when it cannot be decoded), and how they were made."""

    phash: str | None
    dhash: str | None
    note: str | None = None  # set when hashed from a downscaled copy, or not hashed at all


def image_hashes(data: bytes, whole_max: int = HASH_MAX_PIXELS) -> ImageHashes:
    """pHash and dHash of an image. One of more than ``whole_max`` pixels (one too large to
    decode whole in bounded memory, an image bomb, or a screenshot of a tall page) is hashed
    from a downscaled copy that libvips makes row by row, and the note says so."""
    header = _header(data) if _libvips_needed(data, whole_max) else None
    if header is not None and header.width * header.height > whole_max:
        return _downscaled_hashes(data, header.width, header.height, whole_max)
    try:
        with Image.open(io.BytesIO(data)) as img:
            return _hashes(_png_pixels(header, img) or img)
    except Exception as exc:  # SVGs, icons, truncated images: no perceptual hash
        log.debug("no perceptual hash: %s", exc)
        return ImageHashes(None, None)


def prepare() -> None:
    """Load what the first pHash needs: imagehash imports SciPy's DCT on first use, half a
    second of imports that a crawl can do while its browser starts, not on its first page."""
    imagehash.phash(Image.new("L", (32, 32)))


def _hashes(img: Image.Image) -> ImageHashes:
    """pHash and dHash of a decoded image. Both start by converting it to greyscale, which
    costs more than the hashes themselves: it is done once here (the hashes are the same)."""
    img.load()
    grey = img if img.mode == "L" else img.convert("L")
    return ImageHashes(str(imagehash.phash(grey)), str(imagehash.dhash(grey)))


# Hashes by SHA-256; the least recently used is dropped first.
_KNOWN: OrderedDict[str, ImageHashes] = OrderedDict()
_KNOWN_LOCK = threading.Lock()
KNOWN_MAX = 4096


def known_image_hashes(digest: str, data: bytes) -> ImageHashes:
    """:func:`image_hashes` of ``data`` whose SHA-256 is ``digest``, remembered by digest: the
    logo, sprite and icons a site repeats on every page are decoded once per crawl."""
    with _KNOWN_LOCK:
        known = _KNOWN.get(digest)
        if known is not None:
            _KNOWN.move_to_end(digest)
            return known
    hashes = image_hashes(data)
    with _KNOWN_LOCK:
        _KNOWN[digest] = hashes
        while len(_KNOWN) > KNOWN_MAX:
            _KNOWN.popitem(last=False)
    return hashes


def perceptual_hashes(data: bytes) -> tuple[str | None, str | None]:
    """pHash and dHash of an image, or (None, None) when it cannot be decoded."""
    hashes = image_hashes(data)
    return hashes.phash, hashes.dhash


def _libvips_needed(data: bytes, whole_max: int) -> bool:
    """Whether libvips must look at the image: to decode a large PNG, to downscale a large
    image, or to size one Pillow cannot open. A product picture (Pillow reads its header, and
    it is small) is left to Pillow alone: libvips's look costs more than decoding it."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            pixels = img.width * img.height
    except Exception:  # a format Pillow does not read, or a bomb it refuses to open
        return True
    return pixels >= VIPS_DECODE_MIN_PIXELS or pixels > whole_max


def _header(data: bytes) -> pyvips.Image | None:
    """The image as libvips opens it: its header read, nothing decoded yet."""
    try:
        return pyvips.Image.new_from_buffer(data, "", access="sequential")
    except pyvips.Error:
        return None


def _png_pixels(header: pyvips.Image | None, img: Image.Image) -> Image.Image | None:
    """An 8-bit RGB(A) PNG of :data:`VIPS_DECODE_MIN_PIXELS` or more decoded by libvips,
    faster than Pillow and the same pixels (PNG is lossless); None for anything else, which
    Pillow decodes."""
    if header is None or img.format != "PNG" or img.mode not in ("RGB", "RGBA"):
        return None
    if header.width * header.height < VIPS_DECODE_MIN_PIXELS:
        return None
    if header.format != "uchar" or header.bands != len(img.mode):
        return None
    try:
        return Image.frombytes(img.mode, (header.width, header.height), header.write_to_memory())
    except (pyvips.Error, ValueError):
        return None


def _pillow(small: pyvips.Image) -> Image.Image:
    """A small libvips image as a Pillow one: its pixels handed over, not re-encoded."""
    mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}.get(small.bands)
    if small.format != "uchar" or mode is None:  # 16-bit or CMYK: Pillow reads the PNG
        return Image.open(io.BytesIO(small.write_to_buffer(".png")))
    return Image.frombytes(mode, (small.width, small.height), small.write_to_memory())


def _downscaled_hashes(data: bytes, width: int, height: int, whole_max: int) -> ImageHashes:
    size = f"{width}x{height}px ({width * height:,} pixels)"
    if width * height > DOWNSCALE_MAX_PIXELS:
        return ImageHashes(None, None, f"no pHash/dHash: the image is {size}, more than the "
                           f"{DOWNSCALE_MAX_PIXELS:,} hashed even from a copy")  # fmt: skip
    copy_w, copy_h = min(width, DOWNSCALED[0]), min(height, DOWNSCALED[1])
    try:
        small = pyvips.Image.thumbnail_buffer(
            data, copy_w, height=copy_h, size="force", option_string="access=sequential"
        )
        hashes = _hashes(_pillow(small))
        phash, dhash = hashes.phash, hashes.dhash
    except Exception as exc:
        why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ImageHashes(None, None, f"no pHash/dHash: the image is {size} and could not "
                           f"be downscaled to hash ({why[:200]})")  # fmt: skip
    note = (
        f"pHash/dHash computed on a {copy_w}x{copy_h}px downscaled copy: the image is {size}, "
        f"more than the {whole_max:,} decoded whole"
    )
    return ImageHashes(phash, dhash, note)


def _content_type(headers: list[tuple[str, str]]) -> str | None:
    for name, value in headers:
        if name.lower() == "content-type":
            return value.split(";")[0].strip().lower()
    return None


def hash_capture(capture: PageCapture) -> list[StoredArtefact]:
    """The page body, screenshot, DOM and images of a capture, hashed."""
    artefacts: list[StoredArtefact] = []
    main = capture.main_exchange
    if main is None:
        if capture.is_listing and not any(e.step == "navigate" for e in capture.errors):
            capture.fail("page", "no response body was recorded for the page itself")
    elif main.body is None:
        capture.fail("page", main.body_error or "the page body could not be read")
    else:
        artefacts.append(
            StoredArtefact(
                "page",
                hashlib.sha256(main.body).hexdigest(),
                len(main.body),
                _content_type(main.response_headers) or "text/html",
                main.url,
            )
        )
    if capture.screenshot is not None:
        digest = hashlib.sha256(capture.screenshot).hexdigest()
        hashes = image_hashes(capture.screenshot, SCREENSHOT_HASH_MAX_PIXELS)
        phash, dhash = hashes.phash, hashes.dhash
        if hashes.note:
            capture.note("hashing", f"screenshot: {hashes.note}")
        artefacts.append(
            StoredArtefact(
                "screenshot",
                digest,
                len(capture.screenshot),
                "image/png",
                phash=phash,
                dhash=dhash,
            )
        )
    if capture.tls_chain is not None:
        artefacts.append(
            StoredArtefact(
                "tls-chain",
                hashlib.sha256(capture.tls_chain).hexdigest(),
                len(capture.tls_chain),
                "application/pem-certificate-chain",
                capture.final_url or capture.url,
            )
        )
    if capture.dom is not None:
        dom = capture.dom.encode("utf-8")
        artefacts.append(
            StoredArtefact("dom", hashlib.sha256(dom).hexdigest(), len(dom), "text/html")
        )
    for exchange in capture.exchanges:
        media = _content_type(exchange.response_headers) or ""
        if exchange.body and (exchange.resource_type == "image" or media in IMAGE_TYPES):
            digest = hashlib.sha256(exchange.body).hexdigest()
            hashes = known_image_hashes(digest, exchange.body)
            phash, dhash = hashes.phash, hashes.dhash
            if hashes.note:
                capture.note("hashing", f"image {exchange.url}: {hashes.note}")
            artefacts.append(
                StoredArtefact(
                    "image",
                    digest,
                    len(exchange.body),
                    media or None,
                    exchange.url,
                    phash=phash,
                    dhash=dhash,
                )
            )
    return artefacts
