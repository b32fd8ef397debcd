"""Cases, crawl runs, listings, captures, artefacts and the custody event log."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evidence.models.base import Base, hex_digest, intpk, json_doc, utc_time

if TYPE_CHECKING:
    from evidence.models.ledger import CaptureCorrection


class CaptureStatus(enum.StrEnum):
    """How complete a capture's evidence is."""

    COMPLETE = "complete"  # every step succeeded
    PARTIAL = "partial"  # some steps failed; see its errors
    FAILED = "failed"  # no usable evidence; see its errors


class Case(Base):
    """An investigation: everything captured belongs to exactly one case."""

    __tablename__ = "cases"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[utc_time]
    created_by: Mapped[str] = mapped_column(String(200))


class CrawlRun(Base):
    """One invocation of the crawler: who ran it, when, with which options and software."""

    __tablename__ = "crawl_runs"

    id: Mapped[intpk]
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(20))  # crawl | capture | watch
    started_at: Mapped[utc_time]
    finished_at: Mapped[datetime | None]
    # running | completed | failed | interrupted (the process stopped before finishing)
    status: Mapped[str] = mapped_column(String(20), default="running")
    error: Mapped[str | None] = mapped_column(Text)  # why it failed or was interrupted
    pid: Mapped[int | None]  # the process recording it, so a vanished one can be noticed
    # The watchlist run (jasper nightly) this crawl was made for, if any.
    watch_run_id: Mapped[int | None] = mapped_column(ForeignKey("watch_runs.id"), index=True)
    operator: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(255))
    options: Mapped[json_doc]  # the exact command-line options
    software: Mapped[json_doc]  # tool and dependency versions
    politeness: Mapped[json_doc]  # user agent, robots.txt, concurrency, throttling
    reason: Mapped[str | None] = mapped_column(Text)  # justification for overrides
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    case: Mapped[Case] = relationship()


class Listing(Base):
    """A page that carried product data, identified by its URL within a case."""

    __tablename__ = "listings"
    __table_args__ = (UniqueConstraint("case_id", "url"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[utc_time]
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    keyword: Mapped[str | None] = mapped_column(String(500))
    search_url: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[int | None]

    captures: Mapped[list[Capture]] = relationship(
        back_populates="listing", order_by="Capture.captured_at"
    )


class Capture(Base):
    """One visit to a page and the evidence it yielded (or failed to)."""

    __tablename__ = "captures"
    __table_args__ = (Index("ix_captures_case_captured", "case_id", "captured_at"),)

    id: Mapped[intpk]
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id"), index=True)
    status: Mapped[CaptureStatus] = mapped_column(
        Enum(
            CaptureStatus,
            native_enum=False,
            length=20,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    redirects: Mapped[list[str]] = mapped_column(JSON, default=list)
    started_at: Mapped[utc_time]
    captured_at: Mapped[utc_time]
    http_status: Mapped[int | None]
    server_ip: Mapped[str | None] = mapped_column(String(64))
    tls: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # How the page was found.
    keyword: Mapped[str | None] = mapped_column(String(500))
    search_url: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[int | None]
    # What the page said, as extracted at capture time.
    title: Mapped[str | None] = mapped_column(Text)
    price: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    seller: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    images: Mapped[list[str]] = mapped_column(JSON, default=list)
    product: Mapped[json_doc]  # the structured data as found, with its source syntax
    warc_record_id: Mapped[str | None] = mapped_column(String(100))
    # What was captured (listing | search: the search or feed page a listing was found on),
    # as whom (a persona name, never its session) and under which authorisation.
    kind: Mapped[str] = mapped_column(String(20), default="listing", server_default="listing")
    persona: Mapped[str | None] = mapped_column(String(200))
    authorisation_id: Mapped[int | None] = mapped_column(ForeignKey("authorisations.id"))
    # What was done to the page while capturing it (a cookie banner dismissed, requests
    # blocked...), and how it was reached (the proxy, never its credentials).
    notes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")
    egress: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    listing: Mapped[Listing | None] = relationship(back_populates="captures")
    artefacts: Mapped[list[Artefact]] = relationship(order_by="Artefact.id")
    errors: Mapped[list[CaptureError]] = relationship(order_by="CaptureError.id")
    # Later verdicts on the capture (the ledger's corrections), oldest first; read only here.
    corrections: Mapped[list[CaptureCorrection]] = relationship(
        order_by="CaptureCorrection.id", viewonly=True
    )

    def artefact(self, kind: str) -> Artefact | None:
        """The first artefact of a kind (``page``, ``screenshot``, ``dom``, ``warc``)."""
        return next((a for a in self.artefacts if a.kind == kind), None)


class Artefact(Base):
    """A file acquired during a capture, stored content-addressed, hashed at acquisition."""

    __tablename__ = "artefacts"
    __table_args__ = (CheckConstraint("digest_algorithm IN ('sha256')", name="digest_algorithm"),)

    id: Mapped[intpk]
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"), index=True)
    kind: Mapped[str] = mapped_column(
        String(20)
    )  # page | screenshot | dom | image | resource | warc
    source_url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)  # relative to the workdir
    media_type: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int]
    digest_algorithm: Mapped[str] = mapped_column(String(16), default="sha256")
    digest_hex: Mapped[hex_digest] = mapped_column(index=True)
    phash: Mapped[str | None] = mapped_column(String(64))
    dhash: Mapped[str | None] = mapped_column(String(64))
    acquired_at: Mapped[utc_time]
    warc_record_id: Mapped[str | None] = mapped_column(String(100))


class CaptureError(Base):
    """A step of a capture that failed, with its error: never a silent gap."""

    __tablename__ = "capture_errors"

    id: Mapped[intpk]
    capture_id: Mapped[int] = mapped_column(ForeignKey("captures.id"), index=True)
    step: Mapped[str] = mapped_column(String(40))
    error: Mapped[str] = mapped_column(Text)
    at: Mapped[utc_time]


class Event(Base):
    """The chain-of-custody log: every capture, view, export and verification."""

    __tablename__ = "events"

    id: Mapped[intpk]
    at: Mapped[utc_time]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    capture_id: Mapped[int | None] = mapped_column(ForeignKey("captures.id"))
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    detail: Mapped[json_doc]
