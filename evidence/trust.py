"""What later rows say about each capture: its trusted time-stamp, and any corrections."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.models import Capture, CaptureCorrection, Timestamp, TimestampCapture
from evidence.records import CorrectionInfo, TimestampInfo


@dataclass
class CaptureTrust:
    """A capture's time-stamp (granted, failed, or None) and its corrections, oldest first
    (the latest correction's status is the capture's: see evidence.listings.capture_record)."""

    timestamp: TimestampInfo | None = None
    corrections: list[CorrectionInfo] = field(default_factory=list)


def _utc_text(value: str | None) -> str | None:
    """A stored ISO time in the one UTC spelling users read."""
    if not value:
        return value
    try:
        return rfc3339(datetime.fromisoformat(value))
    except ValueError:
        return value


def capture_trust(session: Session, case_id: int) -> dict[int, CaptureTrust]:
    """Per capture id: its time-stamp and corrections.

    Tables are append-only, so a capture that failed a required time-stamp is corrected by a
    new row, not an edit; its latest correction's status is the one its record shows.
    """
    found: dict[int, CaptureTrust] = {}
    stamps = session.execute(
        select(TimestampCapture.capture_id, Timestamp)
        .join(Timestamp, Timestamp.id == TimestampCapture.timestamp_id)
        .join(Capture, Capture.id == TimestampCapture.capture_id)
        .where(Capture.case_id == case_id)
        .order_by(Timestamp.id)
    )
    for capture_id, stamp in stamps:
        entry = found.setdefault(capture_id, CaptureTrust())
        if entry.timestamp is None or entry.timestamp["status"] != "granted":
            entry.timestamp = {
                "status": stamp.status,
                "tsa": stamp.tsa_url,
                "gen_time": _utc_text(stamp.gen_time),
                "manifest": stamp.manifest_path,
                "token": stamp.token_path,
                "error": stamp.error,
            }
    corrections = session.scalars(
        select(CaptureCorrection)
        .join(Capture, Capture.id == CaptureCorrection.capture_id)
        .where(Capture.case_id == case_id)
        .order_by(CaptureCorrection.id)
    )
    for correction in corrections:
        entry = found.setdefault(correction.capture_id, CaptureTrust())
        entry.corrections.append(
            {"status": correction.status, "reason": correction.reason, "at": rfc3339(correction.at)}
        )
    return found


def failed_stamps(session: Session, capture_ids: list[int]) -> int:
    """How many of these captures have a failed trusted time-stamp and no granted one."""
    statuses: dict[int, set[str]] = {}
    for start in range(0, len(capture_ids), 500):  # bounded IN lists
        rows = session.execute(
            select(TimestampCapture.capture_id, Timestamp.status)
            .join(Timestamp, Timestamp.id == TimestampCapture.timestamp_id)
            .where(TimestampCapture.capture_id.in_(capture_ids[start : start + 500]))
        )
        for capture_id, status in rows:
            statuses.setdefault(capture_id, set()).add(status)
    return sum("granted" not in found for found in statuses.values())
