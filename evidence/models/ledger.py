"""The provenance ledger, trusted time-stamps and corrections: all append-only."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, hex_digest, intpk, utc_time

# Tables whose rows are evidence: the migration installs triggers refusing UPDATE and DELETE.
APPEND_ONLY_TABLES = (
    "listings",
    "captures",
    "artefacts",
    "capture_errors",
    "events",
    "ledger_entries",
    "timestamps",
    "timestamp_captures",
    "capture_corrections",
    # from 0007: exhibits, triage scores, reference images, lifecycle events
    "exhibits",
    "listing_scores",
    "reference_images",
    "listing_events",
    # from 0011: review decisions
    "review_events",
)


class LedgerEntry(Base):
    """One link of the hash chain: the canonical content of a custody event and its hash."""

    __tablename__ = "ledger_entries"

    id: Mapped[intpk]
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # 1, 2, 3, ... without gaps
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), unique=True)
    content: Mapped[str] = mapped_column(Text)  # canonical (sorted-key) JSON
    prev_hash: Mapped[hex_digest]
    entry_hash: Mapped[hex_digest]


class Timestamp(Base):
    """An RFC 3161 time-stamp request over a manifest file, granted or failed."""

    __tablename__ = "timestamps"

    id: Mapped[intpk]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    requested_at: Mapped[utc_time]
    status: Mapped[str] = mapped_column(String(20))  # granted | failed
    tsa_url: Mapped[str | None] = mapped_column(Text)
    manifest_path: Mapped[str] = mapped_column(Text)  # relative to the workdir
    manifest_sha256: Mapped[hex_digest]
    token_path: Mapped[str | None] = mapped_column(Text)  # manifest_path + ".tsr"
    token_sha256: Mapped[str | None] = mapped_column(String(128))
    chain_path: Mapped[str | None] = mapped_column(Text)  # the TSA's certificates, PEM
    gen_time: Mapped[str | None] = mapped_column(String(40))  # as the TSA stated it, RFC 3339
    error: Mapped[str | None] = mapped_column(Text)


class TimestampCapture(Base):
    """A capture whose hash manifest a time-stamp covers."""

    __tablename__ = "timestamp_captures"

    id: Mapped[intpk]
    timestamp_id: Mapped[int] = mapped_column(ForeignKey("timestamps.id"), index=True)
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"), index=True)
    capture_manifest_sha256: Mapped[hex_digest]


class CaptureCorrection(Base):
    """A later verdict on a capture (e.g. failed for want of a required time-stamp)."""

    __tablename__ = "capture_corrections"

    id: Mapped[intpk]
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"), index=True)
    at: Mapped[utc_time]
    status: Mapped[str] = mapped_column(String(20))  # the capture's status from now on
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
