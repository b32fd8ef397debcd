"""Hash every artefact at acquisition: SHA-256 for identity, pHash/dHash for image matching."""

from __future__ import annotations

import hashlib
import io
import logging

import imagehash
from PIL import Image

from evidence.capture.page import PageCapture, StoredArtefact

log = logging.getLogger(__name__)
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp")


def perceptual_hashes(data: bytes) -> tuple[str | None, str | None]:
    """pHash and dHash of an image, or (None, None) when it cannot be decoded."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            return str(imagehash.phash(img)), str(imagehash.dhash(img))
    except Exception as exc:  # SVGs, icons, truncated images: no perceptual hash
        log.debug("no perceptual hash: %s", exc)
        return None, None


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
        phash, dhash = perceptual_hashes(capture.screenshot)
        artefacts.append(
            StoredArtefact(
                "screenshot",
                hashlib.sha256(capture.screenshot).hexdigest(),
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
            phash, dhash = perceptual_hashes(exchange.body)
            artefacts.append(
                StoredArtefact(
                    "image",
                    hashlib.sha256(exchange.body).hexdigest(),
                    len(exchange.body),
                    media or None,
                    exchange.url,
                    phash=phash,
                    dhash=dhash,
                )
            )
    return artefacts
