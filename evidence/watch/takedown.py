"""Takedowns: listings reported to a platform, and whether each is still live or removed.

The outcome is never stored as a mutable status: it is read from the lifecycle events the
nightly re-checks record after the report, each with the capture that evidences it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.custody import record_event
from evidence.listings import capture_loads, capture_record
from evidence.models import Capture, Case, Listing, ListingEvent, Takedown
from evidence.watch.lifecycle import STATE_EVENTS

REPORT_COLUMNS = (
    "url", "reference", "reported_at", "reported_by", "status", "checked_at", "http_status",
    "capture_id", "capture_uuid", "screenshot", "screenshot_sha256", "warc", "warc_sha256",
    "title", "seller",
)  # fmt: skip


class TakedownError(ValueError):
    """A takedown request that cannot be met; the message says why."""


def add_takedowns(
    session: Session, case: Case, urls: list[str], reference: str | None, operator: str
) -> list[Takedown]:
    """Mark listings of ``case`` as reported to the platform (URLs must be listings of the case)."""
    listings = {
        listing.url: listing
        for listing in session.scalars(
            select(Listing).where(Listing.case_id == case.id, Listing.url.in_(urls))
        )
    }
    unknown = [url for url in urls if url not in listings]
    if unknown:
        raise TakedownError(f"not a listing of case {case.name!r}: {', '.join(unknown)}")
    added = []
    for url in dict.fromkeys(urls):
        takedown = Takedown(
            case_id=case.id,
            listing_id=listings[url].id,
            url=url,
            reference=reference,
            reported_by=operator,
        )
        session.add(takedown)
        added.append(takedown)
    session.flush()
    record_event(
        session,
        "takedown-reported",
        operator,
        case_id=case.id,
        detail={"urls": list(dict.fromkeys(urls)), "reference": reference},
    )
    return added


def takedown_status(session: Session, takedown: Takedown) -> tuple[str, ListingEvent | None]:
    """``verified removed``, ``still live`` or ``not yet checked``, and the deciding event."""
    latest = session.scalars(
        select(ListingEvent)
        .where(
            ListingEvent.listing_id == takedown.listing_id,
            ListingEvent.event.in_(STATE_EVENTS),
            ListingEvent.at >= takedown.reported_at,
        )
        .order_by(ListingEvent.at.desc(), ListingEvent.id.desc())
        .limit(1)
    ).first()
    if latest is None:
        return "not yet checked", None
    return ("verified removed" if latest.event == "removed" else "still live"), latest


def takedown_report(session: Session, case: Case) -> list[dict[str, Any]]:
    """Every takedown of the case with its outcome and the capture that shows it."""
    rows = []
    for takedown in session.scalars(
        select(Takedown).where(Takedown.case_id == case.id).order_by(Takedown.id)
    ):
        status, event = takedown_status(session, takedown)
        capture = None
        if event is not None and event.capture_id is not None:
            capture = session.scalars(
                select(Capture).where(Capture.id == event.capture_id).options(*capture_loads())
            ).one()
        record: Mapping[str, Any] = capture_record(capture) if capture else {}
        rows.append(
            {
                "url": takedown.url,
                "reference": takedown.reference,
                "reported_at": rfc3339(takedown.reported_at),
                "reported_by": takedown.reported_by,
                "status": status,
                "checked_at": rfc3339(event.at) if event else None,
                "http_status": record.get("http_status"),
                "capture_id": record.get("id"),
                "capture_uuid": record.get("uuid"),
                "screenshot": record.get("screenshot"),
                "screenshot_sha256": record.get("screenshot_sha256"),
                "warc": record.get("warc"),
                "warc_sha256": record.get("warc_sha256"),
                "title": record.get("title"),
                "seller": record.get("seller"),
                "capture": record or None,
            }
        )
    return rows


def report_csv(rows: list[dict[str, Any]]) -> str:
    """The report as CSV (one row per takedown)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REPORT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def report_pdf(rows: list[dict[str, Any]], case: str, path: Path, generated_at: str) -> None:
    """The report as a PDF table for the platform or the brand."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8.5)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), title=f"Takedowns: {case}")
    header = ["Listing URL", "Reference", "Reported", "Status", "Checked", "HTTP", "Evidence"]
    data: list[list[Any]] = [[Paragraph(f"<b>{h}</b>", small) for h in header]]
    for row in rows:
        evidence = (
            f"capture {row['capture_uuid']}<br/>screenshot SHA-256 {row['screenshot_sha256']}"
            f"<br/>WARC SHA-256 {row['warc_sha256']}"
            if row["capture_id"]
            else "-"
        )
        cells = [
            _escape(row["url"]), _escape(row["reference"] or "-"), row["reported_at"],
            row["status"], row["checked_at"] or "-", str(row["http_status"] or "-"), evidence,
        ]  # fmt: skip
        data.append([Paragraph(str(cell), small) for cell in cells])
    table = Table(data, colWidths=[190, 70, 80, 65, 80, 35, 260], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph(f"Takedown report, case {_escape(case)}", styles["Title"]),
        Paragraph(
            f"Generated {generated_at} (UTC) by Jasper. Each status is evidenced by the capture "
            "named, whose files are identified by their SHA-256.",
            styles["BodyText"],
        ),
        Spacer(1, 8),
        table,
    ]
    doc.build(story)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
