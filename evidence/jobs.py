"""The record of distributed work: jobs queued, taken, finished; pages claimed and captured.

The broker carries only a job's id; the job itself (its crawl, as JSON) and what became of
it live here, in the shared database, so that any machine can see the state of the fleet
(``jasper runs``) and a redelivered job can tell what an earlier delivery already captured.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from evidence.clock import utcnow
from evidence.db import Database
from evidence.models import Capture, Job, JobClaim

QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"
DONE = (FINISHED, FAILED)


def queue_job(
    db: Database,
    *,
    submission: str,
    case_id: int,
    kind: str,
    label: str,
    payload: str,
    parent_id: int | None = None,
    pages: int = 0,
) -> int:
    """Record a job as queued (before its message is sent) and return its id."""
    with db.transaction() as session:
        job = Job(
            submission=submission,
            case_id=case_id,
            parent_id=parent_id,
            kind=kind,
            label=label,
            payload=payload,
            status=QUEUED,
            attempts=0,
            run_ids=[],
            pages=pages,
            skipped=0,
        )
        session.add(job)
        session.flush()
        return job.id


def claim(db: Database, submission: str, job_id: int, urls: Iterable[str]) -> list[str]:
    """The URLs this job claims in its submission, in order, that none of its capture jobs
    holds yet (each page is captured once, however many keywords or sites found it; a
    redelivered search job gets back what an earlier delivery claimed but did not batch)."""
    wanted = list(dict.fromkeys(urls))
    with db.transaction() as session:
        for url in wanted:
            try:
                with session.begin_nested():
                    session.add(JobClaim(submission=submission, url=url, job_id=job_id))
            except IntegrityError:
                continue
        query = select(JobClaim.url).where(
            JobClaim.submission == submission, JobClaim.job_id == job_id
        )
        mine = set(session.scalars(query))
        for payload in session.scalars(select(Job.payload).where(Job.parent_id == job_id)):
            mine -= {c["url"] for c in json.loads(payload).get("candidates", [])}
    return [url for url in wanted if url in mine]


def get_job(db: Database, job_id: int) -> Job | None:
    """A job by id, detached."""
    with db.session() as session:
        return session.get(Job, job_id)


def start_job(db: Database, job_id: int, worker: str) -> Job:
    """Mark a delivery of the job as taken by ``worker``; counts the attempt."""
    with db.transaction() as session:
        job = session.get_one(Job, job_id, with_for_update=True)
        job.status = RUNNING
        job.worker = worker
        job.attempts += 1
        job.started_at = utcnow()
        job.finished_at = None
        job.error = None
        return job


def finish_job(
    db: Database,
    job_id: int,
    status: str,
    *,
    run_id: int | None = None,
    error: str | None = None,
    stats: dict[str, Any] | None = None,
    skipped: int | None = None,
) -> None:
    """Record how a delivery of the job ended; ``skipped`` (pages another delivery captured)
    adds up over deliveries, which may run at once."""
    with db.transaction() as session:
        job = session.get_one(Job, job_id, with_for_update=True)
        job.status = status
        job.finished_at = utcnow()
        job.error = error
        if run_id is not None:
            job.run_ids = [*job.run_ids, run_id]
        if stats is not None:
            job.stats = stats
        if skipped is not None:
            job.skipped += skipped


def captured_since(db: Database, case_id: int, urls: list[str], since: datetime) -> set[str]:
    """Which of ``urls`` already have a capture in the case made after ``since`` (by an
    earlier delivery of the same job, on a worker that then died)."""
    if not urls:
        return set()
    with db.session() as session:
        query = select(Capture.url).where(
            Capture.case_id == case_id, Capture.url.in_(urls), Capture.captured_at >= since
        )
        return set(session.scalars(query))


@dataclass
class SubmissionState:
    """Where one distributed submission stands."""

    submission: str
    jobs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, status) -> n
    pages: int = 0
    listings: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        """Every job finished or failed (children are queued before their parent finishes)."""
        total = sum(self.jobs.values())
        return total > 0 and all(status in DONE for (_, status) in self.jobs)

    @property
    def failed(self) -> int:
        return sum(n for (_, status), n in self.jobs.items() if status == FAILED)

    def line(self) -> str:
        """One line of progress."""
        parts = []
        for kind in ("search", "capture"):
            total = sum(n for (k, _), n in self.jobs.items() if k == kind)
            done = sum(n for (k, s), n in self.jobs.items() if k == kind and s in DONE)
            running = self.jobs[(kind, RUNNING)]
            parts.append(f"{kind} jobs {done}/{total} done, {running} running")
        return f"{'; '.join(parts)}; {self.listings} listings captured, {self.failed} failed"


def submission_state(db: Database, submission: str) -> SubmissionState:
    """Count a submission's jobs by kind and status, and the listings its runs captured."""
    state = SubmissionState(submission)
    with db.session() as session:
        jobs = session.scalars(select(Job).where(Job.submission == submission)).all()
        runs: list[int] = []
        for job in jobs:
            state.jobs[(job.kind, job.status)] += 1
            state.pages += job.pages
            runs += job.run_ids
            if job.status == FAILED and job.error:
                state.errors.append(f"{job.label}: {job.error}")
        if runs:
            query = select(func.count(Capture.id)).where(
                Capture.run_id.in_(runs), Capture.listing_id.is_not(None)
            )
            state.listings = session.scalar(query) or 0
    return state


@dataclass(frozen=True)
class WorkerRow:
    """What one worker did (``jasper runs``)."""

    worker: str
    queued: int
    running: int
    finished: int
    failed: int
    last_seen: datetime | None


def by_worker(db: Database, submission: str | None = None) -> list[WorkerRow]:
    """Jobs per worker and status; jobs nobody has taken yet are under ``(queued)``."""
    counts: dict[str, Counter[str]] = {}
    seen: dict[str, datetime | None] = {}
    with db.session() as session:
        query = select(Job.worker, Job.status, func.count(Job.id), func.max(Job.started_at))
        if submission:
            query = query.where(Job.submission == submission)
        for worker, status, n, last in session.execute(query.group_by(Job.worker, Job.status)):
            name = worker or "(not taken yet)"
            counts.setdefault(name, Counter())[status] += n
            seen[name] = max(filter(None, [seen.get(name), last]), default=None)
    return [
        WorkerRow(w, c[QUEUED], c[RUNNING], c[FINISHED], c[FAILED], seen[w])
        for w, c in sorted(counts.items())
    ]


def recent_submissions(db: Database, limit: int = 10) -> list[tuple[str, datetime, int]]:
    """The latest submissions: id, when first queued, number of jobs."""
    with db.session() as session:
        query = (
            select(Job.submission, func.min(Job.queued_at), func.count(Job.id))
            .group_by(Job.submission)
            .order_by(func.min(Job.queued_at).desc())
            .limit(limit)
        )
        return [(s, t, n) for s, t, n in session.execute(query)]
