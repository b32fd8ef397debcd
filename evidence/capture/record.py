"""Record each capture's provenance in the database: listing, capture, artefacts, errors."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.capture.archive import note_records
from evidence.capture.context import RunContext
from evidence.capture.page import PageCapture
from evidence.custody import record_event
from evidence.db import Database
from evidence.models import Artefact, Capture, CaptureError, CaptureStatus, Listing

# Steps whose failure means the page was never captured as it should be: the server refused
# it (``http``), it never loaded (``navigate``), went elsewhere by itself (``navigation``) or
# the crawl was stopped meanwhile (``interrupted``); and a hard ``deadline`` hit before its DOM
# was read (after it, the page is partial: its DOM and data are evidence).
FATAL_STEPS = frozenset({"http", "navigate", "navigation", "interrupted"})


def capture_status(capture: PageCapture) -> CaptureStatus:
    """Complete, partial (some steps failed) or failed (no usable evidence)."""
    kinds = {a.kind for a in capture.artefacts if a.path}
    fatal = FATAL_STEPS if "dom" in kinds else FATAL_STEPS | {"deadline"}
    if not kinds & {"page", "screenshot"} or any(e.step in fatal for e in capture.errors):
        return CaptureStatus.FAILED
    return CaptureStatus.PARTIAL if capture.errors else CaptureStatus.COMPLETE


class CaptureRecorder:
    """Writes captures into the database, one transaction each."""

    def __init__(self, run: RunContext, db: Database) -> None:
        self.run = run
        self.db = db

    def _listing(self, session: Session, capture: PageCapture, case_id: int) -> Listing:
        listing = session.scalar(
            select(Listing).where(Listing.case_id == case_id, Listing.url == capture.url)
        )
        if listing is None:
            listing = Listing(
                case_id=case_id,
                url=capture.url,
                first_seen=capture.captured_at,
                run_id=self.run.run_id,
                keyword=capture.keyword,
                search_url=capture.search_url,
                rank=capture.rank,
            )
            session.add(listing)
            session.flush()
        return listing

    def record(self, capture: PageCapture) -> int:
        """Insert the capture and everything acquired with it; returns the capture id."""
        with self.db.transaction() as session:
            case_id = self.run.case_id
            listing = self._listing(session, capture, case_id) if capture.is_listing else None
            main = capture.main_exchange
            product = capture.product
            row = Capture(
                uuid=capture.uuid,
                case_id=case_id,
                run_id=self.run.run_id,
                listing_id=listing.id if listing else None,
                status=capture_status(capture),
                url=capture.url,
                final_url=capture.final_url,
                redirects=capture.redirects,
                started_at=capture.started_at,
                captured_at=capture.captured_at,
                http_status=capture.http_status,
                server_ip=main.server_ip if main else None,
                tls=main.security if main else None,
                keyword=capture.keyword,
                search_url=capture.search_url,
                rank=capture.rank,
                title=product.title if product else None,
                price=product.price if product else None,
                currency=product.currency if product else None,
                seller=product.seller if product else None,
                description=product.description if product else None,
                images=product.images if product else [],
                product=product.as_json() if product else {},
                warc_record_id=capture.warc_record_id,
                kind=capture.kind,
                persona=capture.persona,
                authorisation_id=self.run.authorisation_id,
                notes=note_records(capture),
                egress=capture.egress,
            )
            session.add(row)
            session.flush()
            for artefact in capture.artefacts:
                if artefact.path is None:
                    continue
                session.add(
                    Artefact(
                        capture_id=row.id,
                        kind=artefact.kind,
                        source_url=artefact.source_url,
                        path=artefact.path,
                        media_type=artefact.media_type,
                        size=artefact.size,
                        digest_algorithm="sha256",
                        digest_hex=artefact.sha256,
                        phash=artefact.phash,
                        dhash=artefact.dhash,
                        acquired_at=capture.captured_at,
                        warc_record_id=artefact.warc_record_id,
                    )
                )
            for error in capture.errors:
                session.add(
                    CaptureError(capture_id=row.id, step=error.step, error=error.error, at=error.at)
                )
            record_event(
                session,
                "capture",
                self.run.operator,
                case_id=case_id,
                run_id=self.run.run_id,
                capture_id=row.id,
                detail={
                    "capture": capture.uuid,
                    "kind": capture.kind,
                    "url": capture.url,
                    "persona": capture.persona,
                    "authorisation": self.run.authorisation_id,
                    "status": row.status.value,
                    "sha256": {a.kind: a.sha256 for a in capture.artefacts if a.path},
                },
            )
            return row.id
