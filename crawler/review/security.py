"""What keeps hostile captured pages and other sites away from the workspace: security
headers, CSRF tokens on every POST, sign-in and its rate limit, and who is acting."""

from __future__ import annotations

import hmac
import os
import secrets
import stat
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import Response

SECRET_FILE = "review-session.key"  # noqa: S105 (a file name)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Sign-in: at most this many failures per client address in the window, then 429.
MAX_FAILURES = 5
FAILURE_WINDOW = 300.0


def csp(replay_origin: str | None) -> str:
    """The workspace's Content-Security-Policy: only its own scripts and styles, nothing
    inline, and frames only from the separate replay origin."""
    frames = f"'self' {replay_origin}" if replay_origin else "'self'"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"frame-src {frames}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


# Captured bytes served back (/artefact/...): never a document that can run anything.
ARTEFACT_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'none'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the CSP and friends to every response that has not set its own."""

    def __init__(self, app: object, replay_origin: str | None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.policy = csp(replay_origin)

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cache-Control", "no-store")
        return response


def session_secret(workdir: Path) -> str:
    """The key signing session cookies: made once per workdir, readable by its owner only."""
    path = workdir / SECRET_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def checked_form(request: Request) -> FormData:
    """The POSTed form, once its CSRF token (field ``csrf`` or header ``X-CSRF-Token``) matches
    the session's; a cross-site POST has no such token and is refused with 403."""
    form = await request.form()
    given = request.headers.get("x-csrf-token") or str(form.get("csrf") or "")
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not hmac.compare_digest(given, expected):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return form


@dataclass
class SignInLimiter:
    """Failed sign-ins per client address, forgotten after :data:`FAILURE_WINDOW` seconds."""

    def __post_init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and now - failures[0] > FAILURE_WINDOW:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        """Whether ``client`` has failed too often lately."""
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= MAX_FAILURES

    def failed(self, client: str) -> None:
        """Count a failed sign-in."""
        with self._lock:
            self._recent(client, time.monotonic()).append(time.monotonic())

    def succeeded(self, client: str) -> None:
        """Forget a client's failures."""
        with self._lock:
            self._failures.pop(client, None)


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the workspace on this machine."""
    return host in LOOPBACK or host.startswith("127.")
