"""Lifecycle events of a case as plain records: the schema of ``jasper changes --format json``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.listings import add_trust, capture_loads, capture_record
from evidence.models import Capture, ListingEvent, Watchlist
from evidence.trust import capture_trust

CHANGE_EVENTS = ("new", "changed", "removed", "returned")


def event_record(event: ListingEvent, capture: Capture | None, watchlist: str) -> dict[str, Any]:
    """One event with the capture that evidences it (keys as in ``jasper listings``)."""
    return {
        "url": event.url,
        "event": event.event,
        "at": rfc3339(event.at),
        "fields": event.fields,
        "capture": capture_record(capture) if capture is not None else None,
        "previous_capture_id": event.previous_capture_id,
        "watchlist": watchlist,
        "listing_id": event.listing_id,
        "detail": event.detail,
    }


def case_events(
    session: Session,
    case_id: int,
    *,
    since: datetime | None = None,
    kinds: Iterable[str] = CHANGE_EVENTS,
    watch_run_ids: Iterable[int] | None = None,
) -> list[dict[str, Any]]:
    """The case's lifecycle events of ``kinds``, oldest first."""
    query = select(ListingEvent).where(
        ListingEvent.case_id == case_id, ListingEvent.event.in_(list(kinds))
    )
    if since is not None:
        query = query.where(ListingEvent.at >= since)
    if watch_run_ids is not None:
        query = query.where(ListingEvent.watch_run_id.in_(list(watch_run_ids)))
    events = session.scalars(query.order_by(ListingEvent.at, ListingEvent.id)).all()
    capture_ids = {e.capture_id for e in events if e.capture_id is not None}
    captures = {
        c.id: c
        for c in session.scalars(
            select(Capture).where(Capture.id.in_(capture_ids)).options(*capture_loads())
        )
    }
    names = {wid: name for wid, name in session.execute(select(Watchlist.id, Watchlist.name))}
    trust = capture_trust(session, case_id)
    records = []
    for event in events:
        record = event_record(event, captures.get(event.capture_id or 0), names[event.watchlist_id])
        if record["capture"] is not None:
            add_trust(record["capture"], trust.get(record["capture"]["id"]))
        records.append(record)
    return records
