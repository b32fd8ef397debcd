"""Image matching: exact (same SHA-256) and near (pHash and dHash within a Hamming distance).

A near match needs both hashes within their thresholds (``triage.yaml`` ``images``): re-encoding,
resizing, light crops and brightness changes stay within 8 bits of 64, different pictures
differ by 14 or more.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import imagehash
from PIL import Image

MatchKind = Literal["exact", "near"]


@dataclass(frozen=True)
class ImageHashes:
    """An image's identity (SHA-256) and perceptual hashes, with who it belongs to."""

    owner: str  # "listing:<id>" or "reference:<id>"
    sha256: str
    phash: str | None
    dhash: str | None
    path: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class ImageMatch:
    """Two images that are the same (exact) or nearly the same picture."""

    kind: MatchKind
    a: ImageHashes
    b: ImageHashes
    phash_distance: int
    dhash_distance: int

    def as_json(self, side: ImageHashes) -> dict[str, object]:
        """The match as seen from ``side``: the other image and the distances."""
        other = self.b if side is self.a else self.a
        return {
            "kind": self.kind,
            "image": side.sha256,
            "other": other.owner,
            "other_sha256": other.sha256,
            "phash_distance": self.phash_distance,
            "dhash_distance": self.dhash_distance,
        }


def hash_image(data: bytes, owner: str, path: str | None = None) -> ImageHashes:
    """SHA-256, pHash and dHash of image bytes; raises ``ValueError`` when it is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            phash, dhash = str(imagehash.phash(img)), str(imagehash.dhash(img))
    except Exception as exc:
        raise ValueError(f"not a readable image: {exc}") from exc
    return ImageHashes(owner, hashlib.sha256(data).hexdigest(), phash, dhash, path)


def distance(a: str, b: str) -> int:
    """Hamming distance between two imagehash hex strings of equal length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def compare(a: ImageHashes, b: ImageHashes, thresholds: tuple[int, int]) -> ImageMatch | None:
    """An exact or near match between two images, or None."""
    if a.sha256 == b.sha256:
        return ImageMatch("exact", a, b, 0, 0)
    if not (a.phash and b.phash and a.dhash and b.dhash):
        return None
    if len(a.phash) != len(b.phash) or len(a.dhash) != len(b.dhash):
        return None
    p, d = distance(a.phash, b.phash), distance(a.dhash, b.dhash)
    if p <= thresholds[0] and d <= thresholds[1]:
        return ImageMatch("near", a, b, p, d)
    return None


def find_matches(
    images: Iterable[ImageHashes], thresholds: tuple[int, int]
) -> Iterator[ImageMatch]:
    """Every matching pair of images with different owners."""
    unique = list({(i.owner, i.sha256): i for i in images}.values())
    for a, b in combinations(unique, 2):
        if a.owner != b.owner and (match := compare(a, b, thresholds)) is not None:
            yield match
