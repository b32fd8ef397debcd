"""Watchlists, their nightly runs, listing lifecycle events and takedown reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, hex_digest, intpk, json_doc, utc_time


class Watchlist(Base):
    """Keywords and sites searched on a schedule; the keyword text is copied in and hashed."""

    __tablename__ = "watchlists"
    __table_args__ = (UniqueConstraint("case_id", "name"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    keywords_text: Mapped[str] = mapped_column(Text)  # the file's content as added
    keywords_sha256: Mapped[hex_digest]
    keywords_source: Mapped[str] = mapped_column(Text)  # the file name as given
    templates: Mapped[list[str]] = mapped_column(JSON, default=list)
    sites: Mapped[list[str]] = mapped_column(JSON, default=list)
    schedule: Mapped[str | None] = mapped_column(String(100))  # cron expression; None = nightly
    paused: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[utc_time]
    created_by: Mapped[str] = mapped_column(String(200))
    removed_at: Mapped[datetime | None]


class WatchRun(Base):
    """One watchlist run within a night; lifecycle events land with its completion, atomically."""

    __tablename__ = "watch_runs"

    id: Mapped[intpk]
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    night: Mapped[str] = mapped_column(String(36), index=True)  # uuid of the `jasper nightly` run
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    started_at: Mapped[utc_time]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    # running | completed | failed | interrupted
    crawl_run_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[json_doc]


class ListingEvent(Base):
    """A listing's lifecycle step on one night; rows are inserted, never updated."""

    __tablename__ = "listing_events"
    __table_args__ = (Index("ix_listing_events_listing_at", "listing_id", "at"),)

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"), index=True)
    watch_run_id: Mapped[int] = mapped_column(ForeignKey("watch_runs.id"))
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    url: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(String(20))
    # new | changed | unchanged | removed | returned | failed
    at: Mapped[utc_time]
    capture_id: Mapped[int | None] = mapped_column(ForeignKey("captures.id"))
    previous_capture_id: Mapped[int | None] = mapped_column(ForeignKey("captures.id"))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # name -> [old, new]
    detail: Mapped[json_doc]


class Takedown(Base):
    """A listing reported to the platform; its outcome is read from later lifecycle events."""

    __tablename__ = "takedowns"

    id: Mapped[intpk]
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id"))
    url: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(Text)
    reported_at: Mapped[utc_time]
    reported_by: Mapped[str] = mapped_column(String(200))
