"""Keeping a signed-in session's secrets out of the evidence: the persona is recorded, the
credentials are not.

Every secret is replaced by a marker holding its SHA-256, so a holder of the session can
still show which one was used and two requests with the same secret can still be matched:
request ``Cookie``, ``Authorization`` and API-key or token headers; the values of cookies the
server sets (``Set-Cookie``, rotated sessions included); and, wherever else they appear (a
URL's query, a request body, a page), every secret so learnt and every value of the storage
state the session came from (cookies, ``localStorage`` tokens).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

from evidence.capture.page import Exchange, PageCapture

SECRET_HEADERS = {"cookie", "authorization", "proxy-authorization"}
# Header names that carry a credential by their name: X-API-Key, X-Auth-Token, X-CSRF-Token...
SECRET_HEADER_NAME = re.compile(r"(api[-_]?key|token|secret|session|auth|csrf|xsrf|password)", re.I)
MIN_SECRET = 8  # shorter values ("1", "true") are not scrubbed from text: too common


def redacted(value: str) -> str:
    """The marker that replaces a credential."""
    return f"[redacted by Jasper; sha256={hashlib.sha256(value.encode()).hexdigest()}]"


def is_secret_header(name: str) -> bool:
    """Whether a request header carries a credential."""
    lower = name.lower()
    return lower in SECRET_HEADERS or bool(SECRET_HEADER_NAME.search(lower))


def _header_secrets(name: str, value: str) -> list[str]:
    """The secret values inside one credential header (cookie values, bearer tokens)."""
    lower = name.lower()
    if lower == "cookie":
        return [v for _, _, v in (p.strip().partition("=") for p in value.split(";")) if v]
    if lower in ("authorization", "proxy-authorization"):
        scheme, _, credential = value.partition(" ")
        return [credential or scheme]
    return [value]


def _redact_set_cookie(value: str) -> tuple[str, str]:
    """``name=value; attrs`` with the value replaced (attributes kept), and the value."""
    pair, sep, attributes = value.partition(";")
    name, eq, secret = pair.partition("=")
    if not eq:
        return redacted(value), value
    return f"{name}={redacted(secret.strip())}{sep}{attributes}", secret.strip()


def storage_state_secrets(path: str | Path | None) -> list[str]:
    """Every cookie and web-storage value of a Playwright storage state file."""
    if not path:
        return []
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    found = [str(c.get("value", "")) for c in state.get("cookies", []) if isinstance(c, dict)]
    for origin in state.get("origins", []):
        if isinstance(origin, dict):
            for item in origin.get("localStorage", []) + origin.get("sessionStorage", []):
                if isinstance(item, dict):
                    found.append(str(item.get("value", "")))
    return found


def redact_credentials(exchanges: list[Exchange], known: Iterable[str] = ()) -> set[str]:
    """Replace credential headers of ``exchanges`` in place, then every secret (those found
    in the headers and ``known`` ones) wherever it appears in their URLs and bodies.
    Returns the secrets."""
    secrets = {s for s in known if len(s) >= MIN_SECRET}
    for exchange in exchanges:
        headers = []
        for name, value in exchange.request_headers:
            if is_secret_header(name):
                secrets.update(s for s in _header_secrets(name, value) if len(s) >= MIN_SECRET)
                value = redacted(value)
            headers.append((name, value))
        exchange.request_headers = headers
        response = []
        for name, value in exchange.response_headers:
            if name.lower() == "set-cookie":
                value, secret = _redact_set_cookie(value)
                if len(secret) >= MIN_SECRET:
                    secrets.add(secret)
            response.append((name, value))
        exchange.response_headers = response
    if secrets:
        for exchange in exchanges:
            exchange.url = scrub(exchange.url, secrets)
            exchange.request_headers = [(n, scrub(v, secrets)) for n, v in exchange.request_headers]
            exchange.response_headers = [
                (n, scrub(v, secrets)) for n, v in exchange.response_headers
            ]
            if exchange.request_body:
                exchange.request_body = scrub_bytes(exchange.request_body, secrets)
            if exchange.body:
                exchange.body = scrub_bytes(exchange.body, secrets)
    return secrets


def redact_capture(capture: PageCapture, known: Iterable[str] = ()) -> None:
    """A signed-in capture with every session secret replaced, in its traffic, its URLs,
    redirects and DOM."""
    secrets = redact_credentials(capture.exchanges, known)
    if not secrets:
        return
    capture.url = scrub(capture.url, secrets)
    capture.final_url = scrub(capture.final_url, secrets) if capture.final_url else None
    capture.redirects = [scrub(u, secrets) for u in capture.redirects]
    if capture.dom:
        capture.dom = scrub(capture.dom, secrets)


def _forms(secret: str) -> list[str]:
    """A secret as it may appear in text: as is, percent-encoded, form-encoded."""
    return list(dict.fromkeys([secret, quote(secret, safe=""), quote_plus(secret)]))


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every form of every secret replaced by its marker (markers untouched)."""
    for secret in sorted(secrets, key=len, reverse=True):
        marker = redacted(secret)
        for form in _forms(secret):
            if form in text:
                text = text.replace(form, marker)
    return text


def scrub_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    """``data`` with every form of every secret replaced by its marker."""
    for secret in sorted(secrets, key=len, reverse=True):
        marker = redacted(secret).encode()
        for form in _forms(secret):
            raw = form.encode()
            if raw in data:
                data = data.replace(raw, marker)
    return data
