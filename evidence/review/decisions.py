"""Review decisions: dispositions, notes and tags, each an append-only event in the custody log.

A listing's current state is folded from its events in order: the latest disposition wins, a
tag holds until an ``untag`` of it, notes accumulate. Nothing is ever edited: a changed
decision is a new event, so who decided what, and when, stays on the record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Select, Subquery, func, select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import Capture, Event, Listing, ListingScore, ReviewEvent
from evidence.models.base import utcnow
from settings import default
from settings.config import load_config

DISPOSITIONS_DEFAULT: tuple[str, ...] = tuple(default.JASPER_DISPOSITIONS)
KINDS = ("disposition", "note", "tag", "untag")
MAX_TAG = 100
MAX_NOTE = 20_000
CHUNK = 500  # ids per IN (...) clause: well inside SQLite's bound-parameter limit


class ReviewError(ValueError):
    """A decision that cannot be recorded; the message says why."""


class Note(NamedTuple):
    """A reviewer's note on a listing."""

    actor: str
    at: datetime
    text: str


@dataclass
class ReviewState:
    """Where the review of one listing stands now."""

    disposition: str | None = None
    tags: frozenset[str] = frozenset()
    notes: list[Note] = field(default_factory=list)
    decided_by: str | None = None  # who gave the current disposition
    decided_at: datetime | None = None


def configured_dispositions() -> tuple[str, ...]:
    """The dispositions this installation allows (``JASPER_DISPOSITIONS``)."""
    return load_config().dispositions


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _checked_value(kind: str, value: str, dispositions: Sequence[str]) -> str:
    if kind not in KINDS:
        raise ReviewError(f"unknown review kind {kind!r} (use one of {', '.join(KINDS)})")
    value = value.strip()
    if kind == "disposition" and value not in dispositions:
        raise ReviewError(f"unknown disposition {value!r} (use one of {', '.join(dispositions)})")
    if not value:
        raise ReviewError(f"an empty {kind} cannot be recorded")
    if kind in ("tag", "untag") and (len(value) > MAX_TAG or "," in value):
        raise ReviewError(f"a tag is at most {MAX_TAG} characters, without commas")
    if kind == "note" and len(value) > MAX_NOTE:
        raise ReviewError(f"a note is at most {MAX_NOTE} characters")
    return value


def record(
    session: Session,
    listing_ids: Sequence[int],
    *,
    kind: str,
    value: str,
    actor: str,
    dispositions: Sequence[str] | None = None,
) -> list[ReviewEvent]:
    """Record one decision on every listing in ``listing_ids`` (in the caller's transaction).

    Each case touched gets one custody event, chained onto the ledger, whose hash covers the
    new rows. ``dispositions`` defaults to the configured list (``JASPER_DISPOSITIONS``).
    """
    allowed = configured_dispositions() if dispositions is None else tuple(dispositions)
    value = _checked_value(kind, value, allowed)
    if not actor.strip():
        raise ReviewError("a decision needs the name of who made it")
    ids = list(dict.fromkeys(listing_ids))
    if not ids:
        raise ReviewError("no listings given")
    cases: dict[int, int] = {}
    for chunk in _chunks(ids):
        found = session.execute(select(Listing.id, Listing.case_id).where(Listing.id.in_(chunk)))
        cases.update({listing_id: case_id for listing_id, case_id in found})
    missing = [i for i in ids if i not in cases]
    if missing:
        raise ReviewError(f"no listing {missing[0]}")
    at = utcnow()
    rows = [
        ReviewEvent(case_id=cases[i], listing_id=i, kind=kind, value=value, actor=actor, at=at)
        for i in ids
    ]
    session.add_all(rows)
    session.flush()
    for case_id in dict.fromkeys(cases[i] for i in ids):
        mine = [r for r in rows if r.case_id == case_id]
        record_event(
            session,
            "review",
            actor,
            case_id=case_id,
            detail={
                "kind": kind,
                "value": value,
                "listings": [r.listing_id for r in mine],
                "rows": {"review_events": [r.id for r in mine]},
            },
        )
    return rows


def fold(events: Sequence[ReviewEvent]) -> ReviewState:
    """The state a listing's events (oldest first) leave it in."""
    state = ReviewState()
    tags: set[str] = set()
    for event in events:
        if event.kind == "disposition":
            state.disposition, state.decided_by, state.decided_at = (
                event.value,
                event.actor,
                event.at,
            )
        elif event.kind == "tag":
            tags.add(event.value)
        elif event.kind == "untag":
            tags.discard(event.value)
        elif event.kind == "note":
            state.notes.append(Note(event.actor, event.at, event.value))
    state.tags = frozenset(tags)
    return state


def state(session: Session, listing_ids: Sequence[int]) -> dict[int, ReviewState]:
    """The review state of each listing asked for (an empty state when never reviewed)."""
    ids = list(dict.fromkeys(listing_ids))
    events: dict[int, list[ReviewEvent]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        query = (
            select(ReviewEvent).where(ReviewEvent.listing_id.in_(chunk)).order_by(ReviewEvent.id)
        )
        for event in session.scalars(query):
            events[event.listing_id].append(event)
    return {i: fold(evs) for i, evs in events.items()}


def current_dispositions(case_id: int, listing_ids: Sequence[int] | None = None) -> Subquery:
    """Per listing of a case (or of ``listing_ids`` only): its current disposition
    (``listing_id``, ``disposition``, ``decided_by``, ``decided_at``); listings never
    decided have no row."""
    latest = select(func.max(ReviewEvent.id)).where(
        ReviewEvent.case_id == case_id, ReviewEvent.kind == "disposition"
    )
    if listing_ids is not None:
        latest = latest.where(ReviewEvent.listing_id.in_(listing_ids))
    latest = latest.group_by(ReviewEvent.listing_id)
    return (
        select(
            ReviewEvent.listing_id,
            ReviewEvent.value.label("disposition"),
            ReviewEvent.actor.label("decided_by"),
            ReviewEvent.at.label("decided_at"),
        )
        .where(ReviewEvent.id.in_(latest))
        .subquery("current_disposition")
    )


def current_tags(case_id: int) -> Subquery:
    """Per listing of a case: each tag it carries now (``listing_id``, ``tag``)."""
    latest = (
        select(func.max(ReviewEvent.id))
        .where(ReviewEvent.case_id == case_id, ReviewEvent.kind.in_(("tag", "untag")))
        .group_by(ReviewEvent.listing_id, ReviewEvent.value)
    )
    return (
        select(ReviewEvent.listing_id, ReviewEvent.value.label("tag"))
        .where(ReviewEvent.id.in_(latest), ReviewEvent.kind == "tag")
        .subquery("current_tag")
    )


def latest_scores(case_id: int, listing_ids: Sequence[int] | None = None) -> Subquery:
    """Per scored listing of a case (or of ``listing_ids`` only): its latest score row
    (``listing_id``, ``score``, ``reasons``, ``contacts``)."""
    latest = select(func.max(ListingScore.id)).where(ListingScore.case_id == case_id)
    if listing_ids is not None:
        latest = latest.where(ListingScore.listing_id.in_(listing_ids))
    latest = latest.group_by(ListingScore.listing_id)
    return (
        select(
            ListingScore.listing_id,
            ListingScore.score,
            ListingScore.reasons,
            ListingScore.contacts,
        )
        .where(ListingScore.id.in_(latest))
        .subquery("latest_score")
    )


def selection(
    case_id: int,
    *,
    dispositions: Sequence[str] = (),
    tags: Sequence[str] = (),
    min_score: float | None = None,
) -> Select[int]:
    """The query behind :func:`select_listings`, for callers that refine it further."""
    query = select(Listing.id).where(Listing.case_id == case_id)
    if dispositions:
        current = current_dispositions(case_id)
        query = query.join(current, current.c.listing_id == Listing.id).where(
            current.c.disposition.in_(list(dispositions))
        )
    if tags:
        carried = current_tags(case_id)
        query = query.where(
            Listing.id.in_(select(carried.c.listing_id).where(carried.c.tag.in_(list(tags))))
        )
    if min_score is not None:
        scores = latest_scores(case_id)
        query = query.join(scores, scores.c.listing_id == Listing.id).where(
            scores.c.score >= min_score
        )
    return query.order_by(Listing.id)


def select_listings(
    session: Session,
    case_id: int,
    *,
    dispositions: Sequence[str] = (),
    tags: Sequence[str] = (),
    min_score: float | None = None,
) -> list[int]:
    """Ids of a case's listings whose current disposition is one of ``dispositions``, that
    carry any of ``tags`` and whose latest score is at least ``min_score`` (each test only
    when given), in id order."""
    query = selection(case_id, dispositions=dispositions, tags=tags, min_score=min_score)
    return list(session.scalars(query))


def record_view(
    session: Session, *, listing_id: int | None, capture_id: int | None, actor: str
) -> Event:
    """Log that ``actor`` viewed a capture (or a listing's page): who saw which evidence, when."""
    case_id: int | None = None
    if capture_id is not None:
        capture = session.get(Capture, capture_id)
        if capture is None:
            raise ReviewError(f"no capture {capture_id}")
        case_id = capture.case_id
        listing_id = listing_id if listing_id is not None else capture.listing_id
    if listing_id is not None:
        listing = session.get(Listing, listing_id)
        if listing is None:
            raise ReviewError(f"no listing {listing_id}")
        case_id = listing.case_id
    if case_id is None:
        raise ReviewError("a view names a listing or a capture")
    return record_event(
        session,
        "view",
        actor,
        case_id=case_id,
        capture_id=capture_id,
        detail={"listing_id": listing_id},
    )
