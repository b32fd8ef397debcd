"""Distributed work: the jobs a submission was split into, and the pages each one claimed.

Not evidence (rows change as a job moves from queued to finished): the record of who did
which part of a distributed crawl, read by ``jasper runs`` and ``--wait``. The evidence a
job makes is in its crawl run, as for any crawl.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evidence.models.base import Base, intpk, utc_time


class Job(Base):
    """One message on the queue: a search of one keyword on one site, or a capture batch."""

    __tablename__ = "jobs"

    id: Mapped[intpk]
    submission: Mapped[str] = mapped_column(String(36), index=True)  # one `--distributed` call
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    kind: Mapped[str] = mapped_column(String(20))  # search | capture
    label: Mapped[str] = mapped_column(Text)  # what a person reads: keyword @ site, N pages
    payload: Mapped[str] = mapped_column(Text)  # the CrawlJob as JSON
    # queued | running | finished | failed (a delivery that raised, retried by the broker)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    worker: Mapped[str | None] = mapped_column(String(255))  # host:pid of the last taker
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[utc_time]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    run_ids: Mapped[list[int]] = mapped_column(JSON, default=list)  # crawl runs, one per try
    pages: Mapped[int] = mapped_column(Integer, default=0)  # pages to capture (capture jobs)
    skipped: Mapped[int] = mapped_column(Integer, default=0)  # already captured: redelivered
    error: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class JobClaim(Base):
    """A candidate page claimed by one job of a submission, so that it is captured once."""

    __tablename__ = "job_claims"
    __table_args__ = (UniqueConstraint("submission", "url"),)

    id: Mapped[intpk]
    submission: Mapped[str] = mapped_column(String(36))
    url: Mapped[str] = mapped_column(Text)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
