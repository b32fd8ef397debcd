"""A night's captures compared with each listing's last recorded state: lifecycle events.

Rules (one event per listing per watchlist run, from its latest capture in the run):

- the capture failed, or the server answered with an error other than 404/410: ``failed``
  (the listing's state is unchanged; the digest reports it);
- HTTP 404/410, or a page that no longer carries product data: ``removed`` (once; the
  capture of the missing page is the evidence);
- product data, and the listing has no earlier event in the case: ``new``;
- product data after a ``removed``: ``returned`` (with any fields that differ);
- product data that differs from the last live capture (title, price, currency, seller,
  description, images): ``changed`` with ``{field: [old, new]}``;
- otherwise ``unchanged``: a still-present check, evidenced by the capture's HTTP status and
  WARC; ``detail.page_changed`` says whether the page bytes differ from last time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from evidence.models import Capture, CaptureStatus, ListingEvent, WatchRun

TRACKED_FIELDS = ("title", "price", "currency", "seller", "description", "images")
STATE_EVENTS = ("new", "changed", "unchanged", "removed", "returned")
LIVE_EVENTS = ("new", "changed", "unchanged", "returned")
GONE_STATUSES = (404, 410)


@dataclass
class NightSummary:
    """What one watchlist run recorded."""

    counts: dict[str, int] = field(default_factory=dict)
    unchecked: list[str] = field(default_factory=list)  # re-visits that yielded no capture

    def add(self, event: str) -> None:
        self.counts[event] = self.counts.get(event, 0) + 1


def _value(capture: Capture, name: str) -> Any:
    value = getattr(capture, name)
    if isinstance(value, Decimal):
        return float(value)
    return list(value) if isinstance(value, list | tuple) else value


def changed_fields(old: Capture, new: Capture) -> dict[str, list[Any]]:
    """The tracked fields that differ between two captures, as ``{name: [old, new]}``."""
    return {
        name: [_value(old, name), _value(new, name)]
        for name in TRACKED_FIELDS
        if _value(old, name) != _value(new, name)
    }


def condition(capture: Capture) -> tuple[str, str]:
    """``live``, ``gone`` or ``failed``, and why."""
    status = capture.http_status
    if capture.kind == "check":  # the body is byte-identical to the last capture's
        return "live", f"HTTP {status}: page unchanged since the last capture"
    if status in GONE_STATUSES:
        return "gone", f"HTTP {status}"
    if capture.status == CaptureStatus.FAILED:
        reasons = "; ".join(f"{e.step}: {e.error}" for e in capture.errors) or "no evidence"
        return "failed", f"capture failed ({reasons})"
    if status is not None and status >= 400:
        return "failed", f"HTTP {status}"
    if capture.title is None and not capture.product:
        return "gone", f"HTTP {status}: the page no longer carries product data"
    return "live", f"HTTP {status}"


def last_event(session: Session, listing_id: int, kinds: Iterable[str]) -> ListingEvent | None:
    """The listing's latest event of the given kinds, across every watchlist of its case."""
    return session.scalars(
        select(ListingEvent)
        .where(ListingEvent.listing_id == listing_id, ListingEvent.event.in_(list(kinds)))
        .order_by(ListingEvent.at.desc(), ListingEvent.id.desc())
        .limit(1)
    ).first()


def known_removed(session: Session, listing_id: int) -> bool:
    """True when the listing's latest state event is ``removed``."""
    latest = last_event(session, listing_id, STATE_EVENTS)
    return latest is not None and latest.event == "removed"


def record_events(
    session: Session,
    watch_run: WatchRun,
    run_ids: list[int],
    revisits: dict[str, int],
) -> NightSummary:
    """Insert the lifecycle events of ``run_ids`` for ``watch_run`` (in the caller's transaction).

    ``revisits`` maps each re-visited URL to its listing id; re-visits with no capture at all are
    reported as unchecked rather than guessed at.
    """
    summary = NightSummary()
    captures = session.scalars(
        select(Capture)
        .where(Capture.run_id.in_(run_ids), Capture.listing_id.is_not(None))
        .order_by(Capture.captured_at, Capture.id)
        .options(selectinload(Capture.errors), selectinload(Capture.artefacts))
    ).all()
    latest: dict[int, Capture] = {}
    for capture in captures:
        assert capture.listing_id is not None
        latest[capture.listing_id] = capture
    for listing_id, capture in latest.items():
        event = _event_for(session, watch_run, listing_id, capture)
        if event is not None:
            session.add(event)
            summary.add(event.event)
    summary.unchecked = sorted(url for url, lid in revisits.items() if lid not in latest)
    session.flush()
    return summary


def _event_for(
    session: Session, watch_run: WatchRun, listing_id: int, capture: Capture
) -> ListingEvent | None:
    state, why = condition(capture)
    previous = last_event(session, listing_id, STATE_EVENTS)
    last_live = last_event(session, listing_id, LIVE_EVENTS)
    before = (
        session.get(Capture, last_live.capture_id) if last_live and last_live.capture_id else None
    )
    if (
        before is not None
        and before.kind == "check"
        and last_live
        and last_live.previous_capture_id
    ):
        # a light check carries no product data: compare with the full capture it vouched for
        before = session.get(Capture, last_live.previous_capture_id)
    fields: dict[str, list[Any]] = {}
    detail: dict[str, Any] = {"why": why, "http_status": capture.http_status}
    if state == "failed":
        kind = "failed"
    elif state == "gone":
        if previous is not None and previous.event == "removed":
            return None  # already known removed; nothing new to say
        kind = "removed"
    elif previous is None:
        kind = "new"
    elif capture.kind == "check":
        kind = "unchanged"  # identical bytes: identical fields
        detail["light_check"] = True
    else:
        fields = changed_fields(before, capture) if before is not None else {}
        if previous.event == "removed":
            kind = "returned"
        else:
            kind = "changed" if fields else "unchanged"
    if before is not None and state == "live":
        old_page, new_page = before.artefact("page"), capture.artefact("page")
        detail["page_changed"] = (old_page.digest_hex if old_page else None) != (
            new_page.digest_hex if new_page else None
        )
    return ListingEvent(
        case_id=watch_run.case_id,
        watchlist_id=watch_run.watchlist_id,
        watch_run_id=watch_run.id,
        listing_id=listing_id,
        url=capture.url,
        event=kind,
        at=capture.captured_at,  # when it was observed
        capture_id=capture.id,
        previous_capture_id=before.id if before is not None else None,
        fields=fields,
        detail=detail,
    )
