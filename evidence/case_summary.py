"""The cases of a workspace with what each holds, counted in the database (a few grouped
queries whatever the number of cases)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.models import Capture, CaptureError, Case, CrawlRun, Listing
from evidence.review.decisions import select_listings


@dataclass(frozen=True)
class CaseSummary:
    """One case and its counts; ``confirmed``: listings whose current disposition is the
    first configured one ("suspected counterfeit" by default)."""

    name: str
    id: int
    created_at: datetime
    listings: int
    captures: int
    failed_steps: int
    last_run: datetime | None
    last_run_status: str | None
    confirmed: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "case": self.name,
            "id": self.id,
            "created_at": rfc3339(self.created_at),
            "listings": self.listings,
            "captures": self.captures,
            "confirmed": self.confirmed,
            "failed_steps": self.failed_steps,
            "last_run": rfc3339(self.last_run),
            "last_run_status": self.last_run_status,
        }


def _counts(session: Session, column: Any, *where: Any) -> dict[int, int]:
    query = select(column, func.count()).where(*where).group_by(column)
    return {case_id: n for case_id, n in session.execute(query)}


def case_summaries(session: Session, confirmed: str | None = None) -> list[CaseSummary]:
    """Every case, by name, with its listings, captures, failed steps and latest run, and
    how many listings have the disposition ``confirmed`` now (when given)."""
    listings = _counts(session, Listing.case_id)
    captures = _counts(session, Capture.case_id)
    failed = {
        case_id: n
        for case_id, n in session.execute(
            select(Capture.case_id, func.count(CaptureError.id))
            .join(CaptureError, CaptureError.capture_id == Capture.id)
            .group_by(Capture.case_id)
        )
    }
    latest = (
        select(CrawlRun.case_id, func.max(CrawlRun.id).label("run_id"))
        .group_by(CrawlRun.case_id)
        .subquery()
    )
    runs = {
        case_id: (started, status)
        for case_id, started, status in session.execute(
            select(CrawlRun.case_id, CrawlRun.started_at, CrawlRun.status).join(
                latest, CrawlRun.id == latest.c.run_id
            )
        )
    }
    return [
        CaseSummary(
            name=case.name,
            id=case.id,
            created_at=case.created_at,
            listings=listings.get(case.id, 0),
            captures=captures.get(case.id, 0),
            failed_steps=failed.get(case.id, 0),
            last_run=runs.get(case.id, (None, None))[0],
            last_run_status=runs.get(case.id, (None, None))[1],
            confirmed=(
                None
                if confirmed is None
                else len(select_listings(session, case.id, dispositions=(confirmed,)))
            ),
        )
        for case in session.scalars(select(Case).order_by(Case.name))
    ]
