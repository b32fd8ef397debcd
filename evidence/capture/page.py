"""A captured page: what any entry point hands the evidence core to record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from evidence.capture.product import Product
from evidence.clock import utcnow


@dataclass
class Exchange:
    """One HTTP request and response as the browser sent and received them."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes | None
    status: int
    status_text: str
    response_headers: list[tuple[str, str]]
    body: bytes | None  # as received (transfer/content coding removed by the browser)
    body_error: str | None
    resource_type: str
    requested_at: datetime
    received_at: datetime
    server_ip: str | None = None
    server_port: int | None = None
    security: dict[str, Any] | None = None
    is_navigation: bool = False


@dataclass
class StepError:
    """A capture step that failed."""

    step: str
    error: str
    at: datetime


@dataclass
class CaptureNote:
    """Something done to the page, or learnt about it, while capturing: not a failure, but
    what an investigator must be able to explain (a cookie banner dismissed, requests blocked,
    a screenshot hashed from a downscaled copy)."""

    step: str
    note: str
    at: datetime
    detail: dict[str, Any] | None = None


@dataclass
class StoredArtefact:
    """An artefact after hashing and storage (filled in by the pipelines)."""

    kind: str
    sha256: str
    size: int
    media_type: str | None
    source_url: str | None = None
    path: str | None = None
    phash: str | None = None
    dhash: str | None = None
    warc_record_id: str | None = None


@dataclass
class PageCapture:
    """A rendered page and everything acquired while rendering it."""

    uuid: str
    url: str
    started_at: datetime
    captured_at: datetime
    is_listing: bool
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    http_status: int | None = None
    keyword: str | None = None
    search_url: str | None = None
    rank: int | None = None
    kind: str = "listing"  # listing | page | profile | post | search | check (light re-visit)
    persona: str | None = None  # who was signed in (a name, never the session itself)
    signed_in: bool = False  # seen with a session: its credentials are redacted when recorded
    session_secrets: list[str] = field(default_factory=list)  # the session's, never recorded
    product: Product | None = None
    exchanges: list[Exchange] = field(default_factory=list)
    screenshot: bytes | None = None
    dom: str | None = None
    tls_chain: bytes | None = None  # PEM: the server certificate chain (HTTPS only)
    errors: list[StepError] = field(default_factory=list)
    notes: list[CaptureNote] = field(default_factory=list)
    # How the page was reached: {"proxy": {"scheme", "host", "port"} | None, ...}; never the
    # proxy's credentials. None when the entry point did not say.
    egress: dict[str, Any] | None = None
    # Filled in by the pipelines.
    artefacts: list[StoredArtefact] = field(default_factory=list)
    warc_record_id: str | None = None

    @property
    def main_exchange(self) -> Exchange | None:
        """The response of the page itself (after any redirects)."""
        navigations = [e for e in self.exchanges if e.is_navigation and not 300 <= e.status < 400]
        if navigations:
            return navigations[-1]
        target = self.final_url or self.url
        return next((e for e in self.exchanges if e.url == target), None)

    def note(self, step: str, note: str, detail: dict[str, Any] | None = None) -> None:
        """Record something done to the page, or learnt about it, while capturing it."""
        text = note.splitlines()[0][:2000] if note else step
        self.notes.append(CaptureNote(step, text, utcnow(), detail))

    def fail(self, step: str, error: BaseException | str) -> None:
        """Record a failed step against this capture."""
        text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        self.errors.append(StepError(step, text.splitlines()[0][:2000] if text else step, utcnow()))
