"""What the workspace shows about cases: counts per case, and a case's dashboard (recent
runs and their failures, the score distribution, watchlist changes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.models import Capture, CaptureError, Case, CrawlRun, Listing, ListingEvent
from evidence.review import decisions

BUCKETS = 10  # score histogram: 0.0-0.1, ..., 0.9-1.0
# Run statistics worth a reviewer's eye: what was found, and what stood in the way.
NOTABLE = ("search_pages", "listings_captured", "pages_without_product")
TROUBLE = ("wall", "fail", "error", "blocked", "captcha", "login")


def highlights(stats: dict[str, Any] | None) -> list[tuple[str, Any, bool]]:
    """A run's notable statistics: (name, value, whether it is trouble), trouble first."""
    found = []
    for key, value in (stats or {}).items():
        name = key.removeprefix("jasper/")
        trouble = key.startswith("jasper/") and any(t in name for t in TROUBLE)
        if (trouble and value) or (key.startswith("jasper/") and name in NOTABLE):
            found.append((name.replace("_", " ").replace("/", " "), value, trouble))
    return sorted(found, key=lambda h: (not h[2], h[0]))


@dataclass
class CaseSummary:
    """A case and its counts, for the list of cases."""

    id: int
    name: str
    created_at: datetime
    listings: int = 0
    captures: int = 0
    confirmed: int = 0  # listings whose disposition is the first configured one
    undecided: int = 0
    failed_steps: int = 0
    new_since: int = 0  # listings first seen since the given time (the last visit)


@dataclass
class RunSummary:
    """A crawl run and what went wrong in it."""

    id: int
    kind: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    operator: str
    error: str | None
    captures: int
    failed_steps: dict[str, int]  # step -> captures where it failed
    stats: dict[str, Any] | None

    @property
    def highlights(self) -> list[tuple[str, Any, bool]]:
        """Notable statistics of the run (see :func:`highlights`)."""
        return highlights(self.stats)


@dataclass
class Dashboard:
    """A case at a glance."""

    case: CaseSummary
    runs: list[RunSummary]
    histogram: list[int]  # listings per score bucket
    unscored: int
    dispositions: dict[str, int]
    changes: list[tuple[str, int]] = field(default_factory=list)  # lifecycle event -> count
    recent_changes: list[ListingEvent] = field(default_factory=list)  # newest first


def _counts(session: Session, query: Any) -> dict[int, int]:
    return {key: int(n) for key, n in session.execute(query)}


def case_summaries(
    session: Session, confirmed: str, since: dict[int, datetime] | None = None
) -> list[CaseSummary]:
    """Every case with its counts, newest first; ``since`` maps case id -> the last visit."""
    cases = session.scalars(select(Case).order_by(Case.created_at.desc(), Case.id.desc())).all()
    listings = _counts(session, select(Listing.case_id, func.count()).group_by(Listing.case_id))
    captures = _counts(session, select(Capture.case_id, func.count()).group_by(Capture.case_id))
    failed = _counts(
        session,
        select(Capture.case_id, func.count(CaptureError.id))
        .join(CaptureError, CaptureError.capture_id == Capture.id)
        .group_by(Capture.case_id),
    )
    found = []
    for case in cases:
        current = decisions.current_dispositions(case.id)
        decided = _counts(
            session,
            select(current.c.disposition, func.count()).group_by(current.c.disposition),
        )
        summary = CaseSummary(
            case.id,
            case.name,
            case.created_at,
            listings=listings.get(case.id, 0),
            captures=captures.get(case.id, 0),
            confirmed=int(decided.get(confirmed, 0)),  # type: ignore[call-overload]
            failed_steps=failed.get(case.id, 0),
        )
        summary.undecided = summary.listings - sum(decided.values())
        visited = (since or {}).get(case.id)
        if visited is not None:
            summary.new_since = (
                session.scalar(
                    select(func.count()).where(
                        Listing.case_id == case.id, Listing.first_seen > visited
                    )
                )
                or 0
            )
        found.append(summary)
    return found


def dashboard(session: Session, case_id: int, confirmed: str, runs: int = 10) -> Dashboard:
    """A case's dashboard: its counts, latest ``runs`` runs, scores, decisions and changes."""
    summary = next(s for s in case_summaries(session, confirmed) if s.id == case_id)
    recent = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.case_id == case_id)
        .order_by(CrawlRun.started_at.desc())
        .limit(runs)
    ).all()
    run_ids = [r.id for r in recent]
    per_run: dict[int, dict[str, int]] = {}
    failures = session.execute(
        select(Capture.run_id, CaptureError.step, func.count(func.distinct(Capture.id)))
        .join(CaptureError, CaptureError.capture_id == Capture.id)
        .where(Capture.run_id.in_(run_ids))
        .group_by(Capture.run_id, CaptureError.step)
    )
    for run_id, step, n in failures:
        per_run.setdefault(run_id, {})[step] = int(n)
    captured = _counts(
        session,
        select(Capture.run_id, func.count())
        .where(Capture.run_id.in_(run_ids))
        .group_by(Capture.run_id),
    )
    run_rows = [
        RunSummary(
            r.id,
            r.kind,
            r.status,
            r.started_at,
            r.finished_at,
            r.operator,
            r.error,
            captured.get(r.id, 0),
            per_run.get(r.id, {}),
            r.stats,
        )
        for r in recent
    ]
    scores = decisions.latest_scores(case_id)
    histogram = [0] * BUCKETS
    for score in session.scalars(select(scores.c.score)):
        histogram[min(BUCKETS - 1, max(0, int(score * BUCKETS)))] += 1
    current = decisions.current_dispositions(case_id)
    decided = {
        str(k): int(n)
        for k, n in session.execute(
            select(current.c.disposition, func.count()).group_by(current.c.disposition)
        )
    }
    changes = [
        (str(kind), int(n))
        for kind, n in session.execute(
            select(ListingEvent.event, func.count())
            .where(ListingEvent.case_id == case_id)
            .group_by(ListingEvent.event)
            .order_by(ListingEvent.event)
        )
    ]
    latest_changes = session.scalars(
        select(ListingEvent)
        .where(ListingEvent.case_id == case_id, ListingEvent.event != "unchanged")
        .order_by(ListingEvent.id.desc())
        .limit(10)
    ).all()
    unscored = max(0, summary.listings - sum(histogram))
    return Dashboard(summary, run_rows, histogram, unscored, decided, changes, list(latest_changes))
