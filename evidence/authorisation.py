"""Covert-monitoring authorisations: which one a capture runs under, and refusing without one.

In the UK, repeated covert viewing of a person's profile can amount to directed surveillance
(RIPA 2000, Part II). A case marked as requiring authorisation captures nothing without a
current one; every capture records the authorisation it ran under.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import Authorisation, AuthorisationRequirement


class AuthorisationRequired(RuntimeError):
    """The case requires a current authorisation and has none; the message says what to do."""


def is_required(session: Session, case_id: int) -> bool:
    """Whether the case requires a current authorisation (the latest setting wins)."""
    row = session.scalar(
        select(AuthorisationRequirement)
        .where(AuthorisationRequirement.case_id == case_id)
        .order_by(AuthorisationRequirement.id.desc())
        .limit(1)
    )
    return bool(row and row.required)


def current(session: Session, case_id: int, now: datetime) -> Authorisation | None:
    """The current authorisation of a case that lasts longest, or None."""
    return session.scalar(
        select(Authorisation)
        .where(
            Authorisation.case_id == case_id,
            Authorisation.valid_from <= now,
            Authorisation.expires_at > now,
        )
        .order_by(Authorisation.expires_at.desc(), Authorisation.id.desc())
        .limit(1)
    )


def require_current(session: Session, case_id: int, now: datetime) -> Authorisation | None:
    """The authorisation a capture at ``now`` runs under.

    None when the case has none current and does not require one; raises
    :class:`AuthorisationRequired` when it requires one and none is current.
    """
    found = current(session, case_id, now)
    if found is None and is_required(session, case_id):
        latest = session.scalar(
            select(Authorisation)
            .where(Authorisation.case_id == case_id)
            .order_by(Authorisation.expires_at.desc())
            .limit(1)
        )
        detail = (
            f"the latest, {latest.reference}, expired {latest.expires_at.isoformat()}"
            if latest is not None and latest.expires_at <= now
            else "none is current"
        )
        raise AuthorisationRequired(
            f"this case requires a current authorisation and {detail}; "
            "record one with `jasper case authorise`"
        )
    return found


def authorise(
    session: Session,
    case_id: int,
    reference: str,
    valid_from: datetime,
    expires_at: datetime,
    operator: str,
    note: str | None = None,
) -> Authorisation:
    """Record an authorisation on a case (and in the custody log)."""
    if expires_at <= valid_from:
        raise ValueError("an authorisation must expire after it starts")
    row = Authorisation(
        case_id=case_id,
        reference=reference,
        valid_from=valid_from,
        expires_at=expires_at,
        note=note,
        created_by=operator,
    )
    session.add(row)
    session.flush()
    record_event(
        session,
        "authorisation-recorded",
        operator,
        case_id=case_id,
        detail={
            "authorisation": row.id,
            "reference": reference,
            "valid_from": valid_from.isoformat(),
            "expires_at": expires_at.isoformat(),
        },
    )
    return row


def set_required(
    session: Session, case_id: int, required: bool, operator: str, reason: str | None = None
) -> None:
    """Mark whether the case requires a current authorisation (and log the change)."""
    session.add(
        AuthorisationRequirement(case_id=case_id, required=required, reason=reason, set_by=operator)
    )
    record_event(
        session,
        "authorisation-requirement",
        operator,
        case_id=case_id,
        detail={"required": required, "reason": reason},
    )
