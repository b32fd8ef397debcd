"""Keeping a signed-in session's secrets out of the evidence: the persona is recorded, the
credentials are not. Request ``Cookie`` and ``Authorization`` values are replaced by their
SHA-256, so a holder of the session can still show which one was used."""

from __future__ import annotations

import hashlib

from evidence.capture.page import Exchange

SECRET_HEADERS = {"cookie", "authorization", "proxy-authorization"}


def redacted(value: str) -> str:
    """The marker that replaces a credential."""
    return f"[redacted by Jasper; sha256={hashlib.sha256(value.encode()).hexdigest()}]"


def redact_credentials(exchanges: list[Exchange]) -> None:
    """Replace credential request headers of ``exchanges`` in place."""
    for exchange in exchanges:
        exchange.request_headers = [
            (name, redacted(value) if name.lower() in SECRET_HEADERS else value)
            for name, value in exchange.request_headers
        ]
