"""Cases: found by name, created on first use (safely, when two commands race to create one)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from evidence.custody import record_event
from evidence.models import Case


def find_case(session: Session, name: str, operator: str, *, create: bool) -> Case | None:
    """The case called ``name``; created (and logged) when ``create`` is set and it is new.

    Two processes may create the same new case at once: the loser of the race finds the
    winner's row instead of failing on the unique name.
    """
    case = session.scalar(select(Case).where(Case.name == name))
    if case is not None or not create:
        return case
    try:
        with session.begin_nested():
            case = Case(name=name, created_by=operator)
            session.add(case)
            session.flush()
            record_event(session, "case-created", operator, case_id=case.id, detail={"name": name})
    except IntegrityError:
        return session.scalars(select(Case).where(Case.name == name)).one()
    return case
