"""The triage queue: a case's listings filtered, searched, sorted and cut into pages in SQL.

Every filter and the sort run in the database, so a page of a case with 100,000 listings
costs one query for the rows and one for the count, whatever the filters.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Subquery,
    and_,
    cast,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from evidence.models import Artefact, Capture, Listing, ListingEvent
from evidence.review import decisions

UNDECIDED = "undecided"  # the disposition filter's name for listings nobody has decided yet
SORTS = ("score", "title", "price", "seller", "first_seen", "last_seen", "id")
CHANGES = ("new", "changed", "returned")  # lifecycle events that count as a change


@dataclass(frozen=True)
class QueueFilter:
    """What a reviewer narrowed the queue to; every field is optional."""

    min_score: float | None = None
    max_score: float | None = None
    site: str | None = None
    seller: str | None = None
    keyword: str | None = None
    disposition: str | None = None  # a disposition, or UNDECIDED
    tag: str | None = None
    has_contacts: bool = False
    changed_since: datetime | None = None
    search: str | None = None  # words over title, description, seller and contacts
    listing_ids: tuple[int, ...] = ()  # only these listings (the exhibit basket)


@dataclass
class QueueRow:
    """One listing as the queue shows it."""

    listing_id: int
    url: str
    site: str
    keyword: str | None
    first_seen: datetime
    last_seen: datetime | None
    capture_id: int | None
    title: str | None
    price: Decimal | None
    currency: str | None
    seller: str | None
    score: float | None
    reasons: list[str]
    contacts: int
    disposition: str | None
    tags: frozenset[str] = frozenset()
    screenshot_sha256: str | None = None


@dataclass
class QueuePage:
    """A page of the queue and how many listings match in all."""

    rows: list[QueueRow]
    total: int
    offset: int
    limit: int
    sort: str
    descending: bool
    timings: dict[str, float] = field(default_factory=dict)


def site_of(url: str) -> str:
    """The host a listing is on, without ``www.``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(column).like(_like(text.lower()), escape="\\")


def _latest_capture(case_id: int, ids: Sequence[int] | None = None) -> Subquery:
    """Per listing: its latest capture with product data (what the queue shows)."""
    query = select(
        Capture.listing_id.label("listing_id"), func.max(Capture.id).label("capture_id")
    ).where(Capture.title.is_not(None))
    # Given ids (of this case), the listing index is the way in, not the case's captures.
    query = query.where(Capture.case_id == case_id if ids is None else Capture.listing_id.in_(ids))
    return query.group_by(Capture.listing_id).subquery("latest_capture")


def _last_seen(case_id: int, ids: Sequence[int] | None = None) -> Subquery:
    query = select(
        Capture.listing_id.label("listing_id"), func.max(Capture.captured_at).label("at")
    ).where(Capture.case_id == case_id if ids is None else Capture.listing_id.in_(ids))
    return query.group_by(Capture.listing_id).subquery("last_seen")


class _Joins:
    """The per-listing subqueries a query needs, joined only when first asked for: the
    default page (by score, unfiltered) then touches listings and scores alone."""

    def __init__(self, case_id: int) -> None:
        self.case_id = case_id
        self.query: Select[Any] = select(Listing.id).where(Listing.case_id == case_id)
        self._done: dict[str, Subquery] = {}

    def _join(self, name: str, make: Callable[[], Subquery]) -> Subquery:
        if name not in self._done:
            sub = make()
            self.query = self.query.outerjoin(sub, sub.c.listing_id == Listing.id)
            self._done[name] = sub
        return self._done[name]

    def scores(self) -> Subquery:
        return self._join("scores", lambda: decisions.latest_scores(self.case_id))

    def capture(self) -> type[Capture]:
        if "capture" not in self._done:
            latest = self._join("latest", lambda: _latest_capture(self.case_id))
            self.query = self.query.outerjoin(Capture, Capture.id == latest.c.capture_id)
            self._done["capture"] = latest
        return Capture

    def seen(self) -> Subquery:
        return self._join("seen", lambda: _last_seen(self.case_id))

    def disposition(self) -> Subquery:
        return self._join("current", lambda: decisions.current_dispositions(self.case_id))

    def where(self, *conditions: ColumnElement[bool]) -> None:
        self.query = self.query.where(*conditions)


def _filtered(case_id: int, flt: QueueFilter) -> _Joins:
    """The ids of the listings ``flt`` keeps, joined to what its tests need."""
    q = _Joins(case_id)
    if flt.listing_ids:
        q.where(Listing.id.in_(flt.listing_ids))
    if flt.min_score is not None:
        q.where(q.scores().c.score >= flt.min_score)
    if flt.max_score is not None:
        q.where(q.scores().c.score <= flt.max_score)
    if flt.site:
        site = flt.site.strip().lower().removeprefix("www.")
        hosts = (site, f"www.{site}")
        q.where(or_(*(Listing.url.like(f"%://{h}{end}%") for h in hosts for end in ("/", ":"))))
    if flt.seller:
        q.where(_contains(q.capture().seller, flt.seller))
    if flt.keyword:
        q.where(Listing.keyword == flt.keyword)
    if flt.disposition == UNDECIDED:
        q.where(q.disposition().c.disposition.is_(None))
    elif flt.disposition:
        q.where(q.disposition().c.disposition == flt.disposition)
    if flt.tag:
        carried = decisions.current_tags(case_id)
        q.where(Listing.id.in_(select(carried.c.listing_id).where(carried.c.tag == flt.tag)))
    if flt.has_contacts:
        contacts = cast(q.scores().c.contacts, String)
        q.where(contacts.is_not(None), contacts.not_in(["[]", "null"]))
    if flt.changed_since is not None:
        changed = select(ListingEvent.listing_id).where(
            ListingEvent.case_id == case_id,
            ListingEvent.at >= flt.changed_since,
            ListingEvent.event.in_(CHANGES),
        )
        q.where(or_(Listing.first_seen >= flt.changed_since, Listing.id.in_(changed)))
    for word in (flt.search or "").split()[:8]:
        capture = q.capture()
        q.where(
            or_(
                _contains(capture.title, word),
                _contains(capture.description, word),
                _contains(capture.seller, word),
                _contains(cast(q.scores().c.contacts, String), word),
                _contains(Listing.url, word) if word.startswith("http") else false(),
            )
        )
    return q


def _sort_key(q: _Joins, sort: str) -> Any:
    if sort == "score":
        return q.scores().c.score
    if sort in ("title", "price", "seller"):
        return getattr(q.capture(), sort)
    if sort == "last_seen":
        return q.seen().c.at
    return Listing.first_seen if sort == "first_seen" else Listing.id


def _rows(session: Session, case_id: int, ids: list[int]) -> list[QueueRow]:
    """The queue's columns for the listings of one page, in the order of ``ids``."""
    latest, seen = _latest_capture(case_id, ids), _last_seen(case_id, ids)
    scores = decisions.latest_scores(case_id, ids)
    current = decisions.current_dispositions(case_id, ids)
    found = session.execute(
        select(
            Listing.id,
            Listing.url,
            Listing.keyword,
            Listing.first_seen,
            seen.c.at,
            Capture.id,
            Capture.title,
            Capture.price,
            Capture.currency,
            Capture.seller,
            scores.c.score,
            scores.c.reasons,
            scores.c.contacts,
            current.c.disposition,
        )
        .select_from(Listing)
        .outerjoin(latest, latest.c.listing_id == Listing.id)
        .outerjoin(Capture, Capture.id == latest.c.capture_id)
        .outerjoin(seen, seen.c.listing_id == Listing.id)
        .outerjoin(scores, scores.c.listing_id == Listing.id)
        .outerjoin(current, current.c.listing_id == Listing.id)
        .where(Listing.id.in_(ids))
    ).all()
    rows = {
        r[0]: QueueRow(
            listing_id=r[0],
            url=r[1],
            site=site_of(r[1]),
            keyword=r[2],
            first_seen=r[3],
            last_seen=r[4],
            capture_id=r[5],
            title=r[6],
            price=r[7],
            currency=r[8],
            seller=r[9],
            score=r[10],
            reasons=list(r[11] or [])[:3],
            contacts=len(r[12] or []),
            disposition=r[13],
        )
        for r in found
    }
    return [rows[i] for i in ids if i in rows]


def queue_page(
    session: Session,
    case_id: int,
    flt: QueueFilter | None = None,
    *,
    sort: str = "score",
    descending: bool = True,
    offset: int = 0,
    limit: int = 50,
) -> QueuePage:
    """One page of a case's listings, filtered and sorted (ties broken by listing id).

    Two steps: the ids of the page, from only the joins its filters and sort need; then
    everything the queue shows, for those ids alone.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (use one of {', '.join(SORTS)})")
    timings: dict[str, float] = {}
    began = time.perf_counter()
    q = _filtered(case_id, flt or QueueFilter())
    counted = q.query
    key = _sort_key(q, sort)
    order = key.desc().nulls_last() if descending else key.asc().nulls_last()
    tie = Listing.id.desc() if descending else Listing.id.asc()
    ids = list(
        session.scalars(q.query.order_by(order, tie).offset(max(0, offset)).limit(max(1, limit)))
    )
    timings["ids"] = time.perf_counter() - began
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    timings["count"] = time.perf_counter() - began - timings["ids"]
    rows = _rows(session, case_id, ids) if ids else []
    _decorate(session, rows)
    timings["rows"] = time.perf_counter() - began - timings["ids"] - timings["count"]
    return QueuePage(rows, total, offset, limit, sort, descending, timings)


def _decorate(session: Session, rows: Sequence[QueueRow]) -> None:
    """Tags and screenshot hashes for the rows of one page."""
    states = decisions.state(session, [r.listing_id for r in rows])
    captures = [r.capture_id for r in rows if r.capture_id is not None]
    found = session.execute(
        select(Artefact.capture_id, Artefact.digest_hex).where(
            and_(Artefact.capture_id.in_(captures), Artefact.kind == "screenshot")
        )
    )
    shots = {capture_id: digest for capture_id, digest in found}
    for row in rows:
        row.tags = states[row.listing_id].tags
        row.screenshot_sha256 = shots.get(row.capture_id) if row.capture_id else None


def keywords(session: Session, case_id: int) -> list[str]:
    """The keywords a case's listings were found with, for the queue's keyword filter."""
    found = session.scalars(
        select(Listing.keyword)
        .where(Listing.case_id == case_id, Listing.keyword.is_not(None))
        .distinct()
        .order_by(Listing.keyword)
    )
    return [k for k in found if k]


def tags(session: Session, case_id: int) -> list[str]:
    """Tags in use in a case now."""
    carried = decisions.current_tags(case_id)
    return list(session.scalars(select(carried.c.tag).distinct().order_by(carried.c.tag)))
