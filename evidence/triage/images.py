"""Image matching: exact (same SHA-256) and near (pHash and dHash within a Hamming distance).

A near match needs both hashes within their thresholds (``triage.yaml`` ``images``): re-encoding,
resizing, light crops and brightness changes stay within 8 bits of 64, different pictures
differ by 14 or more.

Near matches are found through a multi-index hash (Norouzi et al., "Fast search in Hamming
space with multi-index hashing", 2012) instead of comparing all pairs: the 64-bit pHash is cut
into ``m`` chunks; two hashes within distance ``t`` agree within ``t // m`` bits on at least
one chunk (pigeonhole), so each image only looks up the chunk values within that radius of its
own, and only the candidates found there are compared in full (both hashes). Nothing within
the thresholds is missed.
"""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Literal

import imagehash
import numpy as np
from PIL import Image

MatchKind = Literal["exact", "near"]
CHUNKS = 4  # chunks of the 64-bit pHash: 16 bits each
BATCH = 4096  # images looked up at once (bounds memory: ~1k candidates each)


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


@lru_cache(maxsize=8)
def _flips(bits: int, radius: int) -> np.ndarray:
    """Every ``bits``-bit mask with at most ``radius`` bits set."""
    masks = [0]
    for r in range(1, radius + 1):
        masks += [sum(1 << i for i in c) for c in combinations(range(bits), r)]
    return np.array(masks, dtype=np.uint64)


def near_pairs(
    phashes: np.ndarray, dhashes: np.ndarray, thresholds: tuple[int, int]
) -> Iterator[tuple[int, int, int, int]]:
    """``(i, j, phash distance, dhash distance)`` for every i < j within both thresholds.

    ``phashes`` and ``dhashes`` are uint64 arrays (64-bit hashes). A multi-index hash over
    the pHash finds the candidates; both distances are then checked exactly.
    """
    n = len(phashes)
    if n < 2:
        return
    bits = 64 // CHUNKS
    radius = thresholds[0] // CHUNKS
    masks = _flips(bits, radius).astype(np.int64)
    full = np.uint64((1 << bits) - 1)
    chunks = [((phashes >> np.uint64(bits * c)) & full).astype(np.int64) for c in range(CHUNKS)]
    tables = []
    for values in chunks:  # per chunk: image indexes grouped by chunk value (CSR layout)
        order = np.argsort(values, kind="stable")
        counts = np.bincount(values, minlength=1 << bits)
        tables.append((order, np.cumsum(counts) - counts, counts))
    for lo in range(0, n, BATCH):
        queries = np.arange(lo, min(n, lo + BATCH), dtype=np.int64)
        found_i: list[np.ndarray] = []
        found_j: list[np.ndarray] = []
        for values, (order, starts, counts) in zip(chunks, tables, strict=True):
            probes = (values[queries][:, None] ^ masks[None, :]).ravel()
            hits = counts[probes]
            total = int(hits.sum())
            if not total:
                continue
            # Expand each probe's run of images into candidates: run start + offset in run.
            first = np.cumsum(hits) - hits
            found_j.append(order[np.repeat(starts[probes] - first, hits) + np.arange(total)])
            found_i.append(np.repeat(queries, hits.reshape(len(queries), -1).sum(axis=1)))
        if not found_i:
            continue
        i = np.concatenate(found_i)
        j = np.concatenate(found_j)
        keep = i < j
        i, j = i[keep], j[keep]
        p = np.bitwise_count(phashes[i] ^ phashes[j])
        d = np.bitwise_count(dhashes[i] ^ dhashes[j])
        ok = (p <= thresholds[0]) & (d <= thresholds[1])
        # A pair agreeing on several chunks was found several times: keep it once.
        seen: set[tuple[int, int]] = set()
        for a, b, pd, dd in zip(i[ok].tolist(), j[ok].tolist(), p[ok].tolist(), d[ok].tolist(),
                                strict=True):  # fmt: skip
            if (a, b) not in seen:
                seen.add((a, b))
                yield a, b, pd, dd


def find_matches(
    images: Iterable[ImageHashes], thresholds: tuple[int, int]
) -> Iterator[ImageMatch]:
    """Every matching pair of images with different owners (exact first, then near)."""
    unique = list({(i.owner, i.sha256): i for i in images}.values())
    by_digest: dict[str, list[ImageHashes]] = defaultdict(list)
    for image in unique:
        by_digest[image.sha256].append(image)
    for same in by_digest.values():
        for a, b in combinations(same, 2):
            if a.owner != b.owner:
                yield ImageMatch("exact", a, b, 0, 0)
    # One entry per distinct picture (SHA-256) with 64-bit hashes; near pairs between them.
    distinct = [
        group[0]
        for group in by_digest.values()
        if group[0].phash and group[0].dhash and len(group[0].phash) == len(group[0].dhash) == 16
    ]
    ph = np.array([int(x.phash or "0", 16) for x in distinct], dtype=np.uint64)
    dh = np.array([int(x.dhash or "0", 16) for x in distinct], dtype=np.uint64)
    for i, j, p, d in near_pairs(ph, dh, thresholds):
        for x in by_digest[distinct[i].sha256]:
            for y in by_digest[distinct[j].sha256]:
                if x.owner != y.owner:
                    yield ImageMatch("near", x, y, p, d)
    # Hashes of other sizes (not made by Jasper) are few: compare them pair by pair.
    odd = [x for x in unique if x.phash and x.dhash and not (len(x.phash) == len(x.dhash) == 16)]
    for first, second in combinations(odd, 2):
        if first.owner != second.owner and first.sha256 != second.sha256:
            match = compare(first, second, thresholds)
            if match is not None:
                yield match
