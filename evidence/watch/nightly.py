"""What ``jasper nightly`` records: the workdir lock, which watchlists are due, and each
watchlist run from start to finish.

The crawls themselves run elsewhere (:mod:`crawler.nightly` starts them); a watchlist run's
lifecycle events are computed here afterwards and inserted in one transaction together with
the run's completion, so a crash leaves either the whole night of a watchlist recorded or
none of it (the captures themselves are evidence and stay either way).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from croniter import croniter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.authorisation import AuthorisationRequired, require_current
from evidence.clock import utcnow
from evidence.custody import record_event
from evidence.db import Database
from evidence.models import (
    Capture,
    Case,
    CrawlRun,
    Event,
    Listing,
    ListingEvent,
    Takedown,
    Watchlist,
    WatchRun,
)
from evidence.watch.lifecycle import NightSummary, known_removed, record_events

LOCK_NAME = "nightly.lock"


class LockHeld(RuntimeError):
    """Another ``jasper nightly`` holds the workdir's lock."""


class NightlyLock:
    """An exclusive ``flock`` on ``WORKDIR/nightly.lock``.

    The kernel drops the lock when the holder dies, so a crashed run never leaves it stuck; the
    file's content (pid, host, start time) is only there to say who holds it. Child crawls
    inherit the descriptor, so the lock stays held while any part of the night still runs.
    """

    def __init__(self, workdir: Path) -> None:
        self.path = workdir / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise :class:`LockHeld`."""
        handle = open(self.path, "a+", encoding="utf-8")  # held until release()
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown holder"
            handle.close()
            raise LockHeld(
                f"another jasper nightly is running on {self.path.parent} ({holder}); "
                "not starting a second one"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(
            f"pid {os.getpid()} on {socket.gethostname()}, since {utcnow():%Y-%m-%dT%H:%M:%SZ}"
        )
        handle.flush()
        self._file = handle

    @property
    def fileno(self) -> int:
        """The locked descriptor (passed to child crawls)."""
        assert self._file is not None
        return self._file.fileno()

    def release(self) -> None:
        """Drop the lock (the file stays; its content is stale once unlocked)."""
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> NightlyLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_due(schedule: str | None, last_started: datetime | None, now: datetime) -> bool:
    """Due when never run, unscheduled, or a scheduled time has passed since the last run."""
    if not schedule or last_started is None:
        return True
    previous: datetime = croniter(schedule, now).get_prev(datetime)
    return previous > last_started


def check_schedule(schedule: str) -> None:
    """Raise ``ValueError`` unless ``schedule`` is a valid cron expression."""
    if not croniter.is_valid(schedule):
        raise ValueError(f"{schedule!r} is not a cron expression (e.g. '0 3 * * *')")


@dataclass
class WatchResult:
    """How one watchlist's night went."""

    case: str
    watchlist: str
    status: str  # completed | failed | skipped
    error: str | None = None
    summary: NightSummary = field(default_factory=NightSummary)
    watch_run_id: int | None = None


@dataclass
class Night:
    """One ``jasper nightly`` invocation."""

    uuid: str
    started_at: datetime
    results: list[WatchResult] = field(default_factory=list)
    digests: list[dict[str, Any]] = field(default_factory=list)
    digest_files: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> list[WatchResult]:
        """The watchlists that failed."""
        return [r for r in self.results if r.status == "failed"]


@dataclass
class NightOptions:
    """What the caller asked for."""

    operator: str
    settings: dict[str, Any] = field(default_factory=dict)
    case: str | None = None
    force: bool = False  # run every active watchlist, due or not


Progress = Callable[[str], None]


def interrupt_stale_runs(session: Session, operator: str) -> int:
    """Mark runs left ``running`` by a crashed night as interrupted (we hold the lock)."""
    stale = session.scalars(select(WatchRun).where(WatchRun.status == "running")).all()
    for run in stale:
        run.status = "interrupted"
        run.finished_at = utcnow()
        run.error = "the nightly run stopped before recording this watchlist (crash or kill)"
        record_event(
            session,
            "watch-run-interrupted",
            operator,
            case_id=run.case_id,
            detail={"watch_run": run.uuid, "night": run.night},
        )
    return len(stale)


def due_watchlists(session: Session, options: NightOptions, now: datetime) -> list[Watchlist]:
    """Active watchlists that are due, oldest first."""
    query = select(Watchlist).where(Watchlist.removed_at.is_(None), Watchlist.paused.is_(False))
    if options.case:
        query = query.join(Case, Case.id == Watchlist.case_id).where(Case.name == options.case)
    due = []
    for watchlist in session.scalars(query.order_by(Watchlist.id)):
        last = session.scalar(
            select(func.max(WatchRun.started_at)).where(WatchRun.watchlist_id == watchlist.id)
        )
        if options.force or is_due(watchlist.schedule, last, now):
            due.append(watchlist)
    return due


def last_page_hashes(session: Session, listing_ids: list[int]) -> dict[int, str]:
    """Per listing: the SHA-256 of the page body its latest successful capture recorded."""
    from evidence.models import Artefact, CaptureStatus

    rows = session.execute(
        select(Capture.listing_id, Artefact.digest_hex)
        .join(Artefact, (Artefact.capture_id == Capture.id) & (Artefact.kind == "page"))
        .where(
            Capture.listing_id.in_(listing_ids),
            Capture.http_status == 200,
            Capture.status != CaptureStatus.FAILED,
        )
        .order_by(Capture.captured_at, Capture.id)
    )
    return {listing_id: digest for listing_id, digest in rows if listing_id is not None}


def revisit_listings(session: Session, watchlist: Watchlist, skip: set[str]) -> dict[str, int]:
    """Listings to re-visit: seen by the watchlist (or reported for takedown), not known removed."""
    ids: set[int] = set(
        session.scalars(
            select(ListingEvent.listing_id).where(ListingEvent.watchlist_id == watchlist.id)
        )
    )
    ids |= {
        lid
        for lid in session.scalars(
            select(Capture.listing_id)
            .join(CrawlRun, CrawlRun.id == Capture.run_id)
            .join(WatchRun, WatchRun.id == CrawlRun.watch_run_id)
            .where(WatchRun.watchlist_id == watchlist.id)
        )
        if lid is not None
    }
    ids |= set(
        session.scalars(select(Takedown.listing_id).where(Takedown.case_id == watchlist.case_id))
    )
    revisits: dict[str, int] = {}
    for listing in session.scalars(select(Listing).where(Listing.id.in_(ids)).order_by(Listing.id)):
        if listing.url not in skip and not known_removed(session, listing.id):
            revisits[listing.url] = listing.id
    return revisits


@contextlib.contextmanager
def nightly_lock(workdir: Path) -> Iterator[NightlyLock]:
    """Hold the workdir's nightly lock for the duration of the block."""
    lock = NightlyLock(workdir)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


@dataclass
class WatchStart:
    """A watchlist run just opened, and what its crawl must do."""

    run_id: int
    run_uuid: str
    error: str | None  # why it cannot crawl (e.g. no current authorisation)
    revisits: dict[str, int]  # URL -> listing id, re-visited in full or checked
    checks: dict[str, str]  # URL -> SHA-256 of the page last captured (light checks)


def start_watch_run(
    db: Database, night: str, watchlist: Watchlist, operator: str, visited: set[str]
) -> WatchStart:
    """Record the run as started, check its authorisation, and list its re-visits.

    ``visited``: URLs already re-visited this night for the same case (not visited twice).
    """
    with db.transaction() as session:
        run = WatchRun(
            uuid=str(uuid.uuid4()),
            night=night,
            watchlist_id=watchlist.id,
            case_id=watchlist.case_id,
            started_at=utcnow(),
            status="running",
            summary={},
        )
        session.add(run)
        session.flush()
        record_event(
            session,
            "watch-run-started",
            operator,
            case_id=watchlist.case_id,
            detail={"watchlist": watchlist.name, "watch_run": run.uuid, "night": run.night},
        )
        error = None
        try:
            require_current(session, watchlist.case_id, run.started_at)
        except AuthorisationRequired as exc:
            error = f"authorisation: {exc}"
        revisits = revisit_listings(session, watchlist, visited) if error is None else {}
        hashes = last_page_hashes(session, list(revisits.values()))
        checks = {url: hashes[lid] for url, lid in revisits.items() if lid in hashes}
        return WatchStart(run.id, run.uuid, error, revisits, checks)


def crawl_outcomes(session: Session, watch_run_id: int) -> list[tuple[int, str, str | None]]:
    """The crawl runs made for a watchlist run: id, status and error."""
    rows = session.execute(
        select(CrawlRun.id, CrawlRun.status, CrawlRun.error)
        .where(CrawlRun.watch_run_id == watch_run_id)
        .order_by(CrawlRun.id)
    )
    return [(run_id, status, error) for run_id, status, error in rows]


def _superseded(session: Session, run_ids: list[int]) -> set[int]:
    """Runs of a distributed job (``options.job``) that a later run of the same job
    completed: a killed worker's, redone by the delivery that followed."""
    rows = session.execute(
        select(CrawlRun.id, CrawlRun.status, CrawlRun.options)
        .where(CrawlRun.id.in_(run_ids))
        .order_by(CrawlRun.id)
    ).all()
    completed: dict[object, int] = {}
    for run_id, status, options in rows:
        job = (options or {}).get("job")
        if job is not None and status == "completed":
            completed[job] = run_id
    return {
        run_id
        for run_id, status, options in rows
        if status != "completed" and completed.get((options or {}).get("job"), 0) > run_id
    }


def failed_searches(session: Session, crawl_run_id: int) -> list[str]:
    """Search pages a crawl run could not load (from its crawl-finished custody event)."""
    event = session.scalar(
        select(Event).where(Event.run_id == crawl_run_id, Event.kind == "crawl-finished")
    )
    found = (event.detail or {}).get("failed_searches") if event is not None else None
    return [str(item[0]) for item in found or []]


def finish_watch_run(
    db: Database,
    start: WatchStart,
    watchlist: Watchlist,
    operator: str,
    crawl_error: str | None,
) -> tuple[str, str | None, NightSummary]:
    """Record the run's outcome and, if its crawls ran to their end, its lifecycle events,
    in one transaction. Returns the status, the error and the summary."""
    summary = NightSummary()
    error = start.error or crawl_error
    with db.transaction() as session:
        run = session.get_one(WatchRun, start.run_id)
        outcomes = crawl_outcomes(session, start.run_id)
        crawl_runs = [run_id for run_id, _, _ in outcomes]
        done = _superseded(session, crawl_runs)  # redone by a redelivered job
        if error is None:
            broken = [(r, s, e) for r, s, e in outcomes if s != "completed" and r not in done]
            if not outcomes:
                error = "no crawl was recorded for this watchlist"
            elif broken:
                error = f"crawl run {broken[0][0]} {broken[0][1]}: {broken[0][2] or 'see its log'}"
            else:
                searches = [url for r in crawl_runs for url in failed_searches(session, r)]
                if searches:
                    error = f"search page(s) failed: {', '.join(searches)}"
        run.crawl_run_ids = crawl_runs
        complete = bool(outcomes) and all(s == "completed" or r in done for r, s, _ in outcomes)
        if complete and start.error is None:  # an unfinished crawl records no events
            summary = record_events(session, run, crawl_runs, start.revisits)
        if summary.unchecked and error is None:
            error = f"{len(summary.unchecked)} listing(s) could not be re-visited"
        run.status = "failed" if error else "completed"
        run.error = error
        run.finished_at = utcnow()
        run.summary = {"events": summary.counts, "unchecked": summary.unchecked}
        record_event(
            session,
            "watch-run-finished",
            operator,
            case_id=watchlist.case_id,
            detail={"watch_run": start.run_uuid, "status": run.status, "error": error}
            | run.summary,
        )
        return run.status, error, summary
