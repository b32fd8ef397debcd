"""Time, always UTC, and its one spelling in what users read: RFC 3339 with ``Z``.

The ledger's canonical content spells UTC as ``+00:00`` with microseconds on purpose (it is
hashed, and must not change): see :func:`evidence.ledger.ledger_time`.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def rfc3339(when: datetime | None, *, seconds: bool = False) -> str | None:
    """UTC as RFC 3339 with ``Z`` (``seconds``: to the second, for documents people read)."""
    if when is None:
        return None
    spec = "seconds" if seconds else "auto"
    return when.astimezone(UTC).isoformat(timespec=spec).replace("+00:00", "Z")
