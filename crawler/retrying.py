"""Asking again after a refusal: which HTTP answers are worth a retry, and how long to wait.

Marketplaces throttle with 429 and 503 and often say when to come back (``Retry-After``,
in seconds or as an HTTP date); Jasper waits that long, within a bound, and otherwise backs
off exponentially. The answers given before the last one are kept as notes on the capture.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from http import HTTPStatus

from evidence.clock import utcnow

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE = 2.0  # seconds before the first retry when the server names no time


def retry_delay(retry_after: bytes | str | None, attempt: int, max_wait: float) -> float:
    """Seconds to wait before retry number ``attempt + 1``: the server's ``Retry-After`` when
    it gives one, else exponential backoff; never more than ``max_wait``."""
    backoff = BACKOFF_BASE * 2**attempt
    value = retry_after.decode("latin-1") if isinstance(retry_after, bytes) else retry_after
    wait = backoff
    if value:
        value = value.strip()
        if value.isdigit():
            wait = float(value)
        else:
            try:
                when = parsedate_to_datetime(value)
                wait = (when - utcnow()).total_seconds()
            except (TypeError, ValueError, OverflowError):
                wait = backoff
    return min(max(wait, 0.0), max_wait)


def describe_status(status: int) -> str:
    """``HTTP 429 Too Many Requests``: a status as people read it."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"
