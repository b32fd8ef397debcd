"""A crawl run's record, from open to finish: who ran it, how, and how it ended.

A run is opened ``running`` (with the process that records it), started once the crawl
engine runs (politeness and capture context logged), and finished exactly once: completed,
failed with its reason, or interrupted. A run whose process vanished (``kill -9``, a lost
machine) is noticed by the next command on the workdir and recorded as interrupted.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psutil
from sqlalchemy import select

from evidence.authorisation import AuthorisationRequired, require_current
from evidence.cases import find_case
from evidence.clock import utcnow
from evidence.custody import record_event
from evidence.db import Database
from evidence.models import Capture, CrawlRun
from evidence.provenance import host_name, software_versions
from evidence.timestamps import TimestampConfig, clock_source

RUNNING, COMPLETED, FAILED, INTERRUPTED = "running", "completed", "failed", "interrupted"


class RunRefused(ValueError):
    """The run may not start (e.g. the case requires an authorisation it lacks)."""


@dataclass(frozen=True)
class OpenedRun:
    """A run just opened: its ids and the authorisation it runs under."""

    run_id: int
    case_id: int
    authorisation: dict[str, Any] | None


def open_run(
    db: Database,
    *,
    case: str,
    operator: str,
    kind: str,
    options: dict[str, Any],
    reason: str | None = None,
    watch_run_id: int | None = None,
    software: dict[str, str] | None = None,
) -> OpenedRun:
    """Create the case if new, check its authorisation, and record a running run."""
    with db.transaction() as session:
        found = find_case(session, case, operator, create=True)
        assert found is not None
        try:  # a case that requires authorisation captures nothing without a current one
            granted = require_current(session, found.id, utcnow())
        except AuthorisationRequired as exc:
            raise RunRefused(f"case {case!r}: {exc}") from None
        authorisation = (
            {"id": granted.id, "reference": granted.reference,
             "expires_at": granted.expires_at.isoformat()}
            if granted else None
        )  # fmt: skip
        run = CrawlRun(
            uuid=str(uuid.uuid4()),
            case_id=found.id,
            kind=kind,
            started_at=utcnow(),
            operator=operator,
            host=host_name(),
            pid=os.getpid(),
            options=options,
            software=software or software_versions(),
            politeness={},
            reason=reason,
            watch_run_id=watch_run_id,
        )
        session.add(run)
        session.flush()
        return OpenedRun(run.id, found.id, authorisation)


def record_start(
    db: Database,
    run_id: int,
    politeness: dict[str, Any],
    authorisation: dict[str, Any] | None,
    tsa: TimestampConfig,
) -> None:
    """The crawl is running: log its politeness, options and capture context."""
    with db.transaction() as session:
        run = session.get_one(CrawlRun, run_id)
        run.politeness = politeness
        record_event(
            session,
            "crawl-started",
            run.operator,
            case_id=run.case_id,
            run_id=run_id,
            detail={
                "options": run.options,
                "politeness": politeness,
                "reason": run.reason,
                "authorisation": authorisation,
            },
        )
        record_event(
            session,
            "capture-context",
            run.operator,
            run_id=run_id,
            detail={
                "operator": run.operator,
                "clock_source": clock_source(),
                "timestamping": {
                    "tsa_urls": list(tsa.urls),
                    "required": tsa.require,
                    "batch_size": tsa.batch_size,
                    "batch_seconds": tsa.batch_seconds,
                },
            },
        )


def finish_run(
    db: Database,
    run_id: int,
    status: str,
    *,
    error: str | None = None,
    stats: dict[str, Any] | None = None,
    failed_searches: Sequence[tuple[str, str]] = (),
    login_walls: Sequence[tuple[str, str]] = (),
    bot_walls: Sequence[tuple[str, str]] = (),
) -> bool:
    """Finish a running run (once: False when it had already finished)."""
    with db.transaction() as session:
        run = session.get_one(CrawlRun, run_id, with_for_update=True)
        if run.status != RUNNING:
            return False
        run.finished_at = utcnow()
        run.status = status
        run.error = error
        if stats is not None:
            run.stats = stats
        walls = [("login-wall", w) for w in login_walls] + [("bot-wall", w) for w in bot_walls]
        for event, (url, why) in walls:  # loud, and against the run: nothing was recorded
            record_event(
                session,
                event,
                run.operator,
                case_id=run.case_id,
                run_id=run_id,
                detail={"url": url, "reason": why},
            )
        record_event(
            session,
            "crawl-finished",
            run.operator,
            case_id=run.case_id,
            run_id=run_id,
            detail={
                "status": status,
                "error": error,
                "failed_searches": [list(f) for f in failed_searches],
                "login_walls": [list(w) for w in login_walls],
                "bot_walls": [list(w) for w in bot_walls],
            },
        )
        return True


def _gone(pid: int | None, since: float) -> bool:
    """Whether the process ``pid`` that started a run at ``since`` no longer runs."""
    if pid is None:
        return True
    try:
        process = psutil.Process(pid)
        # A process started after the run is another one that reused the pid.
        return process.status() == psutil.STATUS_ZOMBIE or process.create_time() > since + 1
    except psutil.NoSuchProcess:
        return True


def interrupt_vanished(db: Database, operator: str) -> list[int]:
    """Record as interrupted the runs left ``running`` by a process of this host now gone."""
    host = host_name()
    with db.session() as session:
        candidates = session.execute(
            select(CrawlRun.id, CrawlRun.pid, CrawlRun.started_at).where(
                CrawlRun.status == RUNNING, CrawlRun.host == host
            )
        ).all()
    reason = "the process recording this run stopped before finishing it (killed or crashed)"
    done = []
    for run_id, pid, started in candidates:
        if pid == os.getpid() or not _gone(pid, started.timestamp()):
            continue
        detail = {"pid": pid, "host": host, "noticed_by": os.getpid()}
        if record_interrupted(db, run_id, operator, reason, detail):
            done.append(run_id)
    return done


def record_interrupted(
    db: Database, run_id: int, operator: str, reason: str, detail: dict[str, Any]
) -> bool:
    """Finish a still-running run as interrupted (``reason``) with a ``run-interrupted``
    custody event carrying ``detail``; False if it had already finished."""
    if not finish_run(db, run_id, INTERRUPTED, error=reason):
        return False
    with db.transaction() as session:
        run = session.get_one(CrawlRun, run_id)
        record_event(
            session, "run-interrupted", operator, case_id=run.case_id, run_id=run_id, detail=detail
        )
    return True


def resumable(db: Database, case_id: int, run_id: int, kind: str) -> tuple[int | None, list[str]]:
    """When the case's run before ``run_id`` (of the same kind) was interrupted or failed:
    that run, and the URLs of the case's listings whose latest capture is complete, so a
    re-run completes the case without capturing them again. Otherwise (None, [])."""
    with db.session() as session:
        previous = session.scalars(
            select(CrawlRun)
            .where(CrawlRun.case_id == case_id, CrawlRun.id < run_id, CrawlRun.kind == kind)
            .order_by(CrawlRun.id.desc())
            .limit(1)
        ).first()
        if previous is None or previous.status not in (INTERRUPTED, FAILED):
            return None, []
        latest: dict[str, tuple[Any, int, str]] = {}
        rows = session.execute(
            select(Capture.url, Capture.captured_at, Capture.id, Capture.status).where(
                Capture.case_id == case_id, Capture.listing_id.is_not(None)
            )
        ).all()
        for url, at, capture_id, status in rows:
            if url not in latest or (at, capture_id) > latest[url][:2]:
                latest[url] = (at, capture_id, str(status))
        done = [url for url, (_, _, status) in latest.items() if status == "complete"]
        return previous.id, sorted(done)
