"""Listings of a case read back as typed records (:mod:`evidence.records`): the schema of
``jasper listings --format json``."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import QueryableAttribute, Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from evidence.clock import rfc3339
from evidence.models import Capture, Case, Listing
from evidence.records import (
    CaptureNoteInfo,
    CaptureRecord,
    FieldSourceInfo,
    ListingRecord,
    ProductDetails,
)
from evidence.triage.rules import CONCERNS
from evidence.triage.score import (
    ALGORITHM,
    latest_captures,
    latest_scores,
    references_digest,
    stale,
)
from evidence.trust import CaptureTrust, capture_trust

DETAIL_KEYS = ("brand", "sku", "gtin", "mpn", "availability", "condition", "seller_url",
               "price_kind")  # fmt: skip


def product_details(capture: Capture | None) -> ProductDetails:
    """The product fields beyond the capture's columns, and how each field was read, from
    the product as recorded at capture time (captures made before these were read have
    none)."""
    product = capture.product if capture is not None and isinstance(capture.product, dict) else {}

    def text(key: str) -> str | None:
        value = product.get(key)
        return str(value) if value not in (None, "") else None

    raw = product.get("extraction")
    extraction: dict[str, FieldSourceInfo] = {}
    if isinstance(raw, dict):
        for name, how in raw.items():
            if isinstance(how, dict):
                extraction[str(name)] = {
                    "source": str(how.get("source") or ""),
                    "how": str(how.get("how") or ""),
                    "selector": how.get("selector"),
                    "text": how.get("text"),
                }
    return {
        "brand": text("brand"),
        "sku": text("sku"),
        "gtin": text("gtin"),
        "mpn": text("mpn"),
        "availability": text("availability"),
        "condition": text("condition"),
        "seller_url": text("seller_url"),
        "price_kind": text("price_kind"),
        "extraction": extraction,
    }


def capture_loads(via: QueryableAttribute[Any] | None = None) -> list[LoaderOption]:
    """Query options loading, in a few queries, what :func:`capture_record` reads of each
    capture (its artefacts, errors and corrections); ``via`` is the relationship that leads
    to the captures (``Listing.captures``), if the query selects something else."""
    parts = (Capture.artefacts, Capture.errors, Capture.corrections)
    if via is None:
        return [selectinload(part) for part in parts]
    return [selectinload(via).selectinload(part) for part in parts]


def capture_record(capture: Capture) -> CaptureRecord:
    """One capture's evidence: paths relative to the workdir, SHA-256 of each artefact
    (query the captures with :func:`capture_loads`, or each relationship is a query)."""
    screenshot = capture.artefact("screenshot")
    page = capture.artefact("page")
    dom = capture.artefact("dom")
    warc = capture.artefact("warc")
    chain = capture.artefact("tls-chain")
    return {
        "id": capture.id,
        "uuid": capture.uuid,
        "kind": capture.kind,
        # the latest correction's verdict, if the ledger has corrected the capture
        "status": capture.corrections[-1].status if capture.corrections else capture.status.value,
        "captured_at": rfc3339(capture.captured_at),
        "started_at": rfc3339(capture.started_at),
        "url": capture.url,
        "final_url": capture.final_url,
        "redirects": capture.redirects,
        "http_status": capture.http_status,
        "server_ip": capture.server_ip,
        "screenshot": screenshot.path if screenshot else None,
        "screenshot_sha256": screenshot.digest_hex if screenshot else None,
        "page": page.path if page else None,
        "page_sha256": page.digest_hex if page else None,
        "dom": dom.path if dom else None,
        "dom_sha256": dom.digest_hex if dom else None,
        "warc": warc.path if warc else None,
        "warc_sha256": warc.digest_hex if warc else None,
        "warc_record_id": capture.warc_record_id,
        "tls": capture.tls,
        "tls_chain": chain.path if chain else None,
        "tls_chain_sha256": chain.digest_hex if chain else None,
        "keyword": capture.keyword,
        "search_page": capture.search_url,
        "rank": capture.rank,
        "title": capture.title,
        "price": float(capture.price) if capture.price is not None else None,
        "currency": capture.currency,
        "seller": capture.seller,
        "images": capture.images,
        **product_details(capture),
        "run_id": capture.run_id,
        "errors": [{"step": e.step, "error": e.error, "at": rfc3339(e.at)} for e in capture.errors],
        "notes": [note_info(n) for n in capture.notes or []],
        "egress": capture.egress,
    }


def note_info(note: dict[str, Any]) -> CaptureNoteInfo:
    """A stored note as users read it (times in RFC 3339, Z)."""
    at = note.get("at")
    return {
        "step": str(note.get("step", "")),
        "note": str(note.get("note", "")),
        "at": rfc3339(datetime.fromisoformat(at)) if isinstance(at, str) else None,
        "detail": note.get("detail"),
    }


def add_trust(capture: CaptureRecord, trust: CaptureTrust | None) -> None:
    """Put a capture's time-stamp and corrections on its record (whose status is already the
    latest correction's: :func:`capture_record`)."""
    capture["timestamp"] = trust.timestamp if trust else None
    capture["corrections"] = trust.corrections if trust else []


def listing_record(listing: Listing) -> ListingRecord:
    """A listing with its latest extracted data and every capture, oldest first."""
    captures = sorted(listing.captures, key=lambda c: (c.captured_at, c.id))
    with_data = [c for c in captures if c.title is not None] or captures
    latest = with_data[-1] if with_data else None
    record: ListingRecord = {
        "id": listing.id,
        "url": listing.url,
        "title": latest.title if latest else None,
        "price": float(latest.price) if latest and latest.price is not None else None,
        "currency": latest.currency if latest else None,
        "seller": latest.seller if latest else None,
        "description": latest.description if latest else None,
        "images": latest.images if latest else [],
        **product_details(latest),
        "first_seen": rfc3339(listing.first_seen),
        "last_seen": rfc3339(captures[-1].captured_at) if captures else None,
        "keyword": listing.keyword,
        "search_page": listing.search_url,
        "rank": listing.rank,
        "captures": [capture_record(c) for c in captures],
    }
    last = record["captures"][-1] if record["captures"] else None
    record["status"] = last["status"] if last else None
    record["http_status"] = last["http_status"] if last else None
    record["errors"] = last["errors"] if last else []
    return record


def case_listings(
    session: Session,
    case: Case,
    signals: dict[str, str] | None = None,
    only: Collection[int] | None = None,
) -> list[ListingRecord]:
    """Every listing of a case (or those with ids in ``only``), in the order first seen.

    ``score_stale`` marks a score made before the listing's latest capture or with other
    signals: other reference images or scoring algorithm, or (when ``signals``, the version
    the case is scored with now, is given) other rules.
    """
    query = select(Listing).where(Listing.case_id == case.id)
    if only is not None:
        query = query.where(Listing.id.in_(list(only)))
    listings = session.scalars(
        query.order_by(Listing.first_seen, Listing.id).options(*capture_loads(Listing.captures))
    ).all()
    scores = latest_scores(session, case.id)
    captures = latest_captures(session, case.id)
    version = signals or {"references": references_digest(session), "algorithm": ALGORITHM}
    trust = capture_trust(session, case.id)  # time-stamps and corrections (evidence.trust)
    records = []
    for listing in listings:
        # Triage (evidence.triage): latest score row wins; None until the listing is scored.
        scored = scores.get(listing.id)
        record = listing_record(listing)
        record["score"] = scored.score if scored else None
        record["reasons"] = scored.reasons if scored else []
        record["concern"] = scored.concern if scored else None
        record["concerns"] = {
            c: (scored.concerns or {}).get(c, {"score": 0.0, "reasons": []}) if scored else
            {"score": 0.0, "reasons": []}
            for c in CONCERNS
        }  # fmt: skip
        record["contacts"] = scored.contacts if scored else []
        record["score_stale"] = stale(scored, captures.get(listing.id), version)
        for capture in record["captures"]:
            add_trust(capture, trust.get(capture["id"]))
        if record["captures"]:  # a correction or failed time-stamp may change it
            record["status"] = record["captures"][-1]["status"]
        records.append(record)
    return records


def listing_labels(
    session: Session, listing_ids: Collection[int]
) -> dict[int, tuple[str, str | None]]:
    """The latest title captured for each listing, with the seller it was captured with
    (listings never read have none)."""
    labels: dict[int, tuple[str, str | None]] = {}
    ids = sorted(set(listing_ids))
    for start in range(0, len(ids), 500):  # well inside SQLite's bound-parameter limit
        rows = session.execute(
            select(Capture.listing_id, Capture.title, Capture.seller)
            .where(Capture.listing_id.in_(ids[start : start + 500]), Capture.title.is_not(None))
            .order_by(Capture.captured_at, Capture.id)
        )
        for listing_id, title, seller in rows:
            if listing_id is not None and title:
                labels[listing_id] = (title, seller)  # later captures overwrite earlier ones
    return labels
