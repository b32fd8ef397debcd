"""Exhibit references: a capture keeps its number under a prefix; new captures get the next."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from evidence.models import Exhibit

PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]{0,15}$")


class ExhibitError(ValueError):
    """An exhibit prefix that cannot be used; the message says why."""


def check_prefix(prefix: str) -> str:
    """``prefix`` upper-cased; letters and digits, starting with a letter."""
    prefix = prefix.strip().upper()
    if not PREFIX_RE.match(prefix):
        raise ExhibitError(
            f"exhibit prefix {prefix!r} must be 1-16 letters or digits, starting with a letter"
        )
    return prefix


def default_prefix(operator: str) -> str:
    """The operator's initials (``jane.doe`` gives ``JD``), or ``EX`` when there are none."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", operator) if w and w[0].isalpha()]
    initials = "".join(w[0] for w in words).upper()[:16]
    return initials or "EX"


def assign_exhibits(
    session: Session, case_id: int, prefix: str, capture_ids: Iterable[int], export_id: str
) -> dict[int, str]:
    """Exhibit references for ``capture_ids`` (in that order), creating the missing ones."""
    rows = session.execute(
        select(Exhibit.capture_id, Exhibit.number).where(
            Exhibit.case_id == case_id, Exhibit.prefix == prefix
        )
    )
    existing: dict[int, int] = {capture_id: number for capture_id, number in rows}
    highest = session.scalar(
        select(func.max(Exhibit.number)).where(Exhibit.case_id == case_id, Exhibit.prefix == prefix)
    )
    number = highest or 0
    refs: dict[int, str] = {}
    for capture_id in capture_ids:
        if capture_id not in existing:
            number += 1
            existing[capture_id] = number
            session.add(
                Exhibit(
                    case_id=case_id,
                    prefix=prefix,
                    number=number,
                    capture_id=capture_id,
                    export_id=export_id,
                )
            )
        refs[capture_id] = f"{prefix}/{existing[capture_id]}"
    session.flush()
    return refs


def exhibit_folder(reference: str) -> str:
    """The folder an exhibit's files go in: ``AB/12`` gives ``AB-12``."""
    return reference.replace("/", "-")
