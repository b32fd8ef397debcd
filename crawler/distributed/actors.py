"""The two kinds of job, as Dramatiq actors: search a keyword on a site; capture a batch.

A message carries only a job id; the job (its crawl as JSON) is read from the shared
database. Messages are acknowledged only when the actor returns (Dramatiq acks late), so a
worker that dies mid-job leaves its message unacknowledged and RabbitMQ delivers it to
another worker. A redelivered capture job skips the pages an earlier delivery already
captured; a redelivered search job re-sends the batches it had queued but not yet sent.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.middleware import CurrentMessage
from sqlalchemy import select

from crawler.distributed.child import ChildOutcome, run_child
from crawler.distributed.outage import DatabaseLost, DatabaseOutage
from crawler.runner import CrawlJob
from evidence.db import Database, connection_lost
from evidence.jobs import (
    FAILED,
    FINISHED,
    QUEUED,
    captured_since,
    claim,
    finish_job,
    queue_job,
    start_job,
)
from evidence.models import Job
from evidence.presence import interrupt_dead_job_runs

log = logging.getLogger(__name__)


class ClaimsTimedOut(RuntimeError):
    """Pages another delivery held for too long were not captured; the job is retried."""


MAX_RERUNS = 3  # a job whose crawl lost the database, run again in hand (it came back)
BATCH = 20  # candidate listings per capture job: minutes of work, well inside consumer_timeout
# Dramatiq's defaults (20 retries, a 10-minute limit) suit short tasks; a crawl job is long
# and its failures are recorded, so: few retries, for lost workers and outages, and a time
# limit below RabbitMQ's consumer_timeout (30 minutes by default), which must exceed it.
ACTOR_OPTIONS: dict[str, Any] = {
    "max_retries": 3,
    "min_backoff": 5_000,
    "max_backoff": 120_000,
    "time_limit": 25 * 60_000,
}


@dataclass
class WorkerContext:
    """What a worker's actors need: the shared database, evidence store and its name."""

    db: Database
    db_url: str
    workdir: Path
    name: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    batch: int = BATCH
    store_url: str = ""  # s3://...: the crawls' JASPER_STORE_URL (the workdir is scratch)
    stop: threading.Event = field(default_factory=threading.Event)
    outage: DatabaseOutage = field(init=False)

    def __post_init__(self) -> None:
        self.outage = DatabaseOutage(self.db, self.stop)


@dataclass
class Fleet:
    """The actors declared on one broker and queue namespace."""

    broker: RabbitmqBroker
    queue: str
    search: dramatiq.Actor[[int], None]
    capture: dramatiq.Actor[[int], None]
    context: WorkerContext | None = None

    def ctx(self) -> WorkerContext:
        if self.context is None:
            raise RuntimeError("this process is not a worker (no database or store)")
        return self.context


def declare(broker: RabbitmqBroker, queue: str) -> Fleet:
    """Declare Jasper's actors on ``broker`` in the queue namespace ``queue``."""
    holder: list[Fleet] = []

    def actor(name: str, fn: Callable[[Fleet, int], None]) -> dramatiq.Actor[[int], None]:
        def run(job_id: int) -> None:
            reruns = 0
            while True:
                try:
                    return fn(holder[0], job_id)
                except Exception as exc:
                    lost = isinstance(exc, DatabaseLost) or connection_lost(exc)
                    waited = holder[0].ctx().outage.wait_out(job_id)
                    if waited is None:  # stopping while the database is away
                        raise
                    if waited or (lost and reruns < MAX_RERUNS):
                        # The database was away: run the job again, in hand, without
                        # spending a retry; what it already captured is skipped.
                        reruns += 1
                        continue
                    _record_failure(holder[0], job_id, exc)
                    raise  # the broker retries it (Retries middleware), with backoff

        run.__name__ = name
        make = dramatiq.actor(actor_name=name, queue_name=queue, broker=broker, **ACTOR_OPTIONS)
        return make(run)

    fleet = Fleet(
        broker,
        queue,
        actor(f"{queue}_search", search_job),
        actor(f"{queue}_capture", capture_job),
    )
    holder.append(fleet)
    return fleet


def _record_failure(fleet: Fleet, job_id: int, exc: Exception) -> None:
    """A delivery that raised: queued again while retries remain, else failed."""
    message = CurrentMessage.get_current_message()
    retries = message.options.get("retries", 0) if message else ACTOR_OPTIONS["max_retries"]
    again = retries < ACTOR_OPTIONS["max_retries"]
    why = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
    log.error("job %s failed (%s)%s", job_id, why, "; it will be retried" if again else "")
    try:
        finish_job(fleet.ctx().db, job_id, QUEUED if again else FAILED, error=why)
    except Exception as db_exc:  # the database itself may be what failed
        log.error("job %s: cannot record the failure (%s)", job_id, db_exc)


def _log_file(ctx: WorkerContext, job_id: int) -> Path:
    logs = ctx.workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return logs / f"job-{job_id}.log"


def _run(ctx: WorkerContext, job_id: int, crawl: CrawlJob) -> ChildOutcome:
    return run_child(crawl, ctx.workdir, ctx.db_url, _log_file(ctx, job_id), ctx.store_url)


def _finish(ctx: WorkerContext, job_id: int, outcome: ChildOutcome, skipped: int = 0) -> None:
    if outcome.database_lost:  # not the job's failure: it runs again once the database is back
        raise DatabaseLost(outcome.error or "the database went away during the crawl")
    status = FINISHED if outcome.status == "completed" else FAILED
    finish_job(
        ctx.db,
        job_id,
        status,
        run_id=outcome.run_id,
        error=outcome.error,
        stats={k: v for k, v in outcome.stats.items() if isinstance(v, int | float)},
        skipped=skipped,
    )


def _start(ctx: WorkerContext, job_id: int) -> tuple[Job, CrawlJob]:
    """Take a delivery of the job; on a redelivery, record the runs its earlier takers left
    ``running`` as interrupted where their process is gone (evidence.presence)."""
    job = start_job(ctx.db, job_id, ctx.name)
    crawl = CrawlJob.from_json(job.payload)
    if job.attempts > 1:
        for run_id in interrupt_dead_job_runs(ctx.db, job_id, crawl.operator):
            log.warning("job %s: run %s of a dead worker recorded as interrupted", job_id, run_id)
    crawl.options = crawl.options | {"job": job_id}  # its runs name it
    return job, crawl


def search_job(fleet: Fleet, job_id: int) -> None:
    """Search one keyword on one site; queue its candidates as capture jobs in batches, each
    batch as soon as the search has found it, so capture starts while the search goes on."""
    ctx = fleet.ctx()
    job, crawl = _start(ctx, job_id)
    resend = _unsent_batches(ctx.db, job)
    batches = _Batcher(fleet, ctx, job, crawl)
    outcome = run_child(
        crawl, ctx.workdir, ctx.db_url, _log_file(ctx, job_id), ctx.store_url, batches.found
    )
    if outcome.database_lost:
        raise DatabaseLost(outcome.error or "the database went away during the crawl")
    batches.found(outcome.candidates)  # any the stream had not handed on
    batches.flush()  # the last, part-full batch (the search's pages found so far, if it failed)
    for child_id in resend:
        fleet.capture.send(child_id)
    _finish(ctx, job_id, outcome)


class _Batcher:
    """A search job's candidates, claimed as they are found and queued in full batches."""

    def __init__(self, fleet: Fleet, ctx: WorkerContext, job: Job, crawl: CrawlJob) -> None:
        self.fleet, self.ctx, self.job, self.crawl = fleet, ctx, job, crawl
        self.seen: set[str] = set()
        self.pending: list[dict[str, Any]] = []  # claimed by this job, not yet in a batch

    def found(self, candidates: list[dict[str, Any]]) -> None:
        """Claim the new ones (those no other job of the submission holds) and queue every
        full batch."""
        new = [c for c in candidates if c["url"] not in self.seen]
        self.seen.update(c["url"] for c in new)
        if new:
            fresh = set(claim(self.ctx.db, self.job.submission, self.job.id,
                              [c["url"] for c in new]))  # fmt: skip
            self.pending += [c for c in new if c["url"] in fresh]
        while len(self.pending) >= self.ctx.batch:
            self._queue(self.pending[: self.ctx.batch])
            self.pending = self.pending[self.ctx.batch :]

    def flush(self) -> None:
        """Queue what is left."""
        if self.pending:
            self._queue(self.pending)
            self.pending = []

    def _queue(self, part: list[dict[str, Any]]) -> None:
        crawl, job = self.crawl, self.job
        child = CrawlJob(
            case=crawl.case,
            operator=crawl.operator,
            kind=crawl.kind,
            watch_run_id=crawl.watch_run_id,  # a nightly's batch belongs to its watch run
            candidates=part,
            profiles=crawl.profiles,
            settings=crawl.settings,
            options={k: v for k, v in crawl.options.items() if k != "job"}
            | {"distributed": "capture", "submission": job.submission},
            reason=crawl.reason,
            storage_state=crawl.storage_state,
        )
        child_id = queue_job(
            self.ctx.db,
            submission=job.submission,
            case_id=job.case_id,
            kind="capture",
            label=f"{len(part)} pages from {job.label}",
            payload=child.to_json(),
            parent_id=job.id,
            pages=len(part),
        )
        self.fleet.capture.send(child_id)


def _unsent_batches(db: Database, job: Job) -> list[int]:
    """Capture jobs an earlier delivery of this search queued; they may not have been sent."""
    if job.attempts <= 1:
        return []
    with db.session() as session:
        query = select(Job.id).where(Job.parent_id == job.id, Job.status == QUEUED)
        return list(session.scalars(query))


def capture_job(fleet: Fleet, job_id: int) -> None:
    """Capture a batch of candidate listings, skipping those already captured for it."""
    ctx = fleet.ctx()
    job, crawl = _start(ctx, job_id)
    urls = [c["url"] for c in crawl.candidates] + crawl.urls + list(crawl.checks)
    done = captured_since(ctx.db, job.case_id, urls, job.queued_at)
    crawl.candidates = [c for c in crawl.candidates if c["url"] not in done]
    crawl.urls = [u for u in crawl.urls if u not in done]
    crawl.checks = {u: h for u, h in crawl.checks.items() if u not in done}
    if done:
        log.warning("job %s: %d pages already captured by an earlier delivery", job_id, len(done))
    if not (crawl.candidates or crawl.urls or crawl.checks):
        finish_job(ctx.db, job_id, FINISHED, skipped=len(done))
        return
    # Another delivery may be running at this moment: the crawl claims each page before it
    # captures it, and skips those captured since the job was queued (evidence.claims).
    crawl.options = crawl.options | {"claims_since": job.queued_at.isoformat()}
    outcome = _run(ctx, job_id, crawl)
    skipped = len(done) + int(outcome.stats.get("jasper/claims_skipped", 0))
    _finish(ctx, job_id, outcome, skipped=skipped)
    timed_out = int(outcome.stats.get("jasper/claims_timed_out", 0))
    if timed_out:  # held by a delivery that neither captured them nor let go: try again
        raise ClaimsTimedOut(f"{timed_out} pages were held by another worker too long")
