"""Adding, listing, pausing and removing watchlists (each change logged for custody)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.custody import record_event
from evidence.keywords import parse_keywords
from evidence.models import Case, Watchlist, WatchRun
from evidence.models.base import utcnow


class WatchlistError(ValueError):
    """A watchlist request that cannot be met; the message says why."""


def add_watchlist(
    session: Session,
    case: Case,
    operator: str,
    *,
    name: str,
    keywords_text: str,
    keywords_source: str,
    templates: list[str],
    sites: list[str],
    schedule: str | None,
) -> Watchlist:
    """Store a watchlist with a copy of its keyword file's text and that text's SHA-256."""
    if find_watchlist(session, case, name, include_removed=False) is not None:
        raise WatchlistError(f"case {case.name!r} already has a watchlist called {name!r}")
    keywords = parse_keywords(keywords_text)
    if not keywords:
        raise WatchlistError(f"keyword file {keywords_source} has no keywords (one per line)")
    watchlist = Watchlist(
        case_id=case.id,
        name=name,
        keywords=keywords,
        keywords_text=keywords_text,
        keywords_sha256=hashlib.sha256(keywords_text.encode("utf-8")).hexdigest(),
        keywords_source=keywords_source,
        templates=templates,
        sites=sites,
        schedule=schedule,
        created_by=operator,
    )
    session.add(watchlist)
    session.flush()
    record_event(session, "watch-added", operator, case_id=case.id, detail=describe(watchlist))
    return watchlist


def find_watchlist(
    session: Session, case: Case, name: str, *, include_removed: bool = False
) -> Watchlist | None:
    """The case's watchlist called ``name`` (the live one unless ``include_removed``)."""
    query = select(Watchlist).where(Watchlist.case_id == case.id, Watchlist.name == name)
    if not include_removed:
        query = query.where(Watchlist.removed_at.is_(None))
    return session.scalars(query.order_by(Watchlist.id.desc())).first()


def change_watchlist(
    session: Session, case: Case, name: str, operator: str, action: str
) -> Watchlist:
    """``pause``, ``resume`` or ``remove`` a watchlist (removal keeps it, and its history)."""
    watchlist = find_watchlist(session, case, name)
    if watchlist is None:
        raise WatchlistError(f"case {case.name!r} has no watchlist called {name!r}")
    if action == "remove":
        watchlist.removed_at = utcnow()
    else:
        watchlist.paused = action == "pause"
    record_event(session, f"watch-{action}d", operator, case_id=case.id, detail={"watchlist": name})
    return watchlist


def describe(watchlist: Watchlist) -> dict[str, Any]:
    """A watchlist as a plain record."""
    return {
        "name": watchlist.name,
        "keywords": watchlist.keywords,
        "keywords_file": watchlist.keywords_source,
        "keywords_sha256": watchlist.keywords_sha256,
        "search_urls": watchlist.templates,
        "sites": watchlist.sites,
        "schedule": watchlist.schedule,
        "paused": watchlist.paused,
        "created_at": rfc3339(watchlist.created_at),
        "created_by": watchlist.created_by,
    }


def case_watchlists(session: Session, case: Case) -> list[dict[str, Any]]:
    """The case's live watchlists with their last run."""
    records = []
    for watchlist in session.scalars(
        select(Watchlist)
        .where(Watchlist.case_id == case.id, Watchlist.removed_at.is_(None))
        .order_by(Watchlist.id)
    ):
        last = session.scalars(
            select(WatchRun)
            .where(WatchRun.watchlist_id == watchlist.id)
            .order_by(WatchRun.started_at.desc(), WatchRun.id.desc())
            .limit(1)
        ).first()
        runs = session.scalar(
            select(func.count(WatchRun.id)).where(WatchRun.watchlist_id == watchlist.id)
        )
        records.append(
            describe(watchlist)
            | {
                "runs": runs,
                "last_run": rfc3339(last.started_at) if last else None,
                "last_status": last.status if last else None,
            }
        )
    return records
