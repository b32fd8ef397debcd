"""WACZ writing: the captures' WARCs, a CDXJ index, a page list and a hashed datapackage.

Written with ``wacz_version`` 1.1.1 (the only version ``wacz validate`` accepts) and the 1.2.0
layout (``home``, ``created``/``modified``, WARCs stored uncompressed in the ZIP). The output is
deterministic: entry dates and ``created`` come from the captures, not the clock, so exporting
the same captures twice gives a byte-identical WACZ.
"""

from __future__ import annotations

import hashlib
import json
import stat
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cdxj_indexer.main import CDXJIndexer

from evidence.store import CHUNK

WACZ_VERSION = "1.1.1"
INDEX_PATH = "indexes/index.cdx"
PAGES_PATH = "pages/pages.jsonl"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}


@dataclass(frozen=True)
class WaczPage:
    """One captured page: its id, URL, capture time and title."""

    id: str
    url: str
    ts: str  # RFC 3339, UTC
    title: str | None


@dataclass(frozen=True)
class WaczWarc:
    """A WARC to include, stored as ``archive/<sha256>.warc.gz``."""

    source: Path
    sha256: str

    @property
    def member(self) -> str:
        """Its path inside the WACZ (named by its hash, never by a URL)."""
        return f"archive/{self.sha256}.warc.gz"


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    when = max(when.astimezone(UTC), datetime(1980, 1, 1, tzinfo=UTC))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def _copy_hashed(src: Any, dst: Any) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := src.read(CHUNK):
        digest.update(chunk)
        dst.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def _build_index(warcs: Sequence[WaczWarc], out: Path) -> None:
    """Index every WARC into one sorted CDXJ file (cdxj-indexer spills to disk when large)."""
    # The indexer names each WARC by its basename: artefacts are stored as <sha256>.warc.gz,
    # which is exactly the member name inside the WACZ.
    inputs = [str(w.source) for w in warcs if w.source.name == Path(w.member).name]
    if len(inputs) != len(warcs):
        raise ValueError("WARC artefacts must be stored under their SHA-256 name")
    with out.open("wt", encoding="utf-8") as fh:
        CDXJIndexer(fh, inputs, sort=True, post_append=True).process_all()


def write_wacz(
    out: Path,
    warcs: Sequence[WaczWarc],
    pages: Sequence[WaczPage],
    *,
    title: str,
    created: datetime,
    software: str,
) -> None:
    """Write a WACZ to ``out`` from ``warcs``; each WARC's SHA-256 is checked while copying."""
    stamp = _zip_time(created)
    created_text = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    resources: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="wacz-") as tmp, zipfile.ZipFile(out, "w") as zf:
        scratch = Path(tmp)

        def add(member: str, source: Any, compress: int, expect: str | None = None) -> None:
            info = zipfile.ZipInfo(member, stamp)
            info.compress_type = compress
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            with zf.open(info, "w", force_zip64=True) as dst:
                size, digest = _copy_hashed(source, dst)
            if expect is not None and digest != expect:
                raise ValueError(f"{source.name}: SHA-256 {digest} differs from recorded {expect}")
            name = Path(member).name.lower()
            resources.append(
                {"name": name, "path": member, "hash": f"sha256:{digest}", "bytes": size}
            )

        unique = list({w.sha256: w for w in warcs}.values())
        for warc in unique:
            with warc.source.open("rb") as fh:
                add(warc.member, fh, zipfile.ZIP_STORED, warc.sha256)

        index = scratch / "index.cdx"
        _build_index(unique, index)
        with index.open("rb") as fh:
            add(INDEX_PATH, fh, zipfile.ZIP_DEFLATED)

        pages_file = scratch / "pages.jsonl"
        with pages_file.open("w", encoding="utf-8") as text:
            text.write(json.dumps(PAGES_HEADER) + "\n")
            for page in pages:
                entry = {"id": page.id, "url": page.url, "ts": page.ts, "title": page.title}
                text.write(json.dumps(entry, ensure_ascii=False) + "\n")
        with pages_file.open("rb") as pages_in:
            add(PAGES_PATH, pages_in, zipfile.ZIP_DEFLATED)

        package: dict[str, Any] = {
            "profile": "data-package",
            "resources": resources,
            "wacz_version": WACZ_VERSION,
            "title": title,
            "created": created_text,
            "modified": created_text,
            "software": software,
        }
        if pages:
            package["mainPageURL"] = pages[0].url
            package["mainPageDate"] = pages[0].ts
            package["home"] = {"url": pages[0].url, "ts": pages[0].ts}
        data = json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")
        _write_small(zf, "datapackage.json", data, stamp)
        digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
        _write_small(zf, "datapackage-digest.json", json.dumps(digest, indent=2).encode(), stamp)


def _write_small(zf: zipfile.ZipFile, member: str, data: bytes, stamp: Any) -> None:
    info = zipfile.ZipInfo(member, stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    zf.writestr(info, data)
