"""The reference library: brands' official product images, stored like any artefact."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import ReferenceImage
from evidence.store import ArtefactStore
from evidence.stores import BlobStore
from evidence.triage.images import hash_image


def add_reference(
    session: Session,
    workdir: Path,
    brand: str,
    image: Path,
    operator: str,
    replica: BlobStore | None = None,
) -> ReferenceImage:
    """Store ``image`` as an official image of ``brand`` (once per brand and SHA-256), in the
    workdir and, when given, the ``replica`` store (OSError when that copy fails)."""
    data = image.read_bytes()
    hashes = hash_image(data, "reference")  # ValueError when it is not an image
    brand = brand.strip().casefold()
    existing = session.scalar(
        select(ReferenceImage).where(
            ReferenceImage.brand == brand, ReferenceImage.digest_hex == hashes.sha256
        )
    )
    if existing is not None:
        return existing
    suffix = image.suffix.lower() or ".img"
    stored = ArtefactStore(workdir, replica).put_bytes(data, suffix, hashes.sha256)
    row = ReferenceImage(
        brand=brand,
        source_name=str(image),
        path=stored.path,
        media_type=mimetypes.guess_type(image.name)[0],
        size=stored.size,
        digest_hex=stored.sha256,
        phash=hashes.phash,
        dhash=hashes.dhash,
        added_by=operator,
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        "reference-added",
        operator,
        detail={"brand": brand, "sha256": stored.sha256, "path": stored.path, "source": str(image)},
    )
    return row
