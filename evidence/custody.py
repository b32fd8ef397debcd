"""The chain-of-custody log: one call records who did what to which evidence, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from evidence import ledger
from evidence.models import Event
from evidence.models.base import utcnow


def record_event(
    session: Session,
    kind: str,
    actor: str,
    *,
    case_id: int | None = None,
    run_id: int | None = None,
    capture_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> Event:
    """Append a custody event (capture, view, export, verification, ...) in ``session``.

    The event is also chained onto the provenance ledger in the same transaction.
    """
    event = Event(
        at=utcnow(),
        kind=kind,
        actor=actor,
        case_id=case_id,
        run_id=run_id,
        capture_id=capture_id,
        detail=detail or {},
    )
    session.add(event)
    session.flush()
    ledger.append(session, event)
    return event
