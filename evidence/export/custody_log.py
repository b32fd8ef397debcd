"""The case's chain-of-custody log as JSON lines, streamed from the database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.clock import rfc3339
from evidence.models import Event


def write_custody_log(session: Session, case_id: int, out: Path) -> int:
    """Write every custody event of the case, oldest first; return how many."""
    count = 0
    query = (
        select(Event)
        .where(Event.case_id == case_id)
        .order_by(Event.id)
        .execution_options(yield_per=500)
    )
    with out.open("w", encoding="utf-8") as fh:
        for event in session.scalars(query):
            entry = {
                "id": event.id,
                "at": rfc3339(event.at),
                "kind": event.kind,
                "actor": event.actor,
                "case_id": event.case_id,
                "run_id": event.run_id,
                "capture_id": event.capture_id,
                "detail": event.detail,
            }
            fh.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
