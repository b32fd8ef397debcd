"""Raw HTTP exchanges of a page, taken from Playwright's response events.

scrapy-playwright's response body is the rendered DOM; the bytes the server sent come from
each response's ``body()``, read while the page is open.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import ssl
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import CDPSession, Page, Request, Response

from evidence.capture.page import Exchange, PageCapture

log = logging.getLogger(__name__)
META_KEY = "jasper_recorder"


class NetworkRecorder:
    """Collects every response a page receives, with its request and raw body."""

    def __init__(self, page: Page) -> None:
        self.started_at = datetime.now(UTC)
        self._cdp: CDPSession | None = None
        self.exchanges: list[Exchange] = []
        self.unreadable: list[tuple[str, str]] = []  # (url, why): exchanges that could not be read
        self._pending: set[asyncio.Task[None]] = set()
        self._document: asyncio.Task[None] | None = None  # the main frame's latest document
        self._page = page
        self._watching: Any = None  # the request listener waiting for an HTTPS navigation
        page.on("response", self._on_response)

    async def detach(self) -> None:
        """Stop recording (the page is to be reused for another capture)."""
        self._page.remove_listener("response", self._on_response)
        if self._watching is not None:
            self._page.remove_listener("request", self._watching)
            self._watching = None
        if self._cdp is not None:
            await self._cdp.detach()
            self._cdp = None

    def _on_response(self, response: Response) -> None:
        task = asyncio.ensure_future(self._record(response))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)
        request = response.request
        if request.is_navigation_request() and request.frame == self._page.main_frame:
            self._document = task

    async def served_document(self, timeout: float = 10.0) -> Exchange | None:
        """The exchange that brought the page's current document, once its body is in (None
        when it is not to be had): the HTML as served, before any script ran."""
        task = self._document
        if task is None:
            return None
        await asyncio.wait({task}, timeout=timeout)
        if not task.done():
            return None
        url = self._page.url
        found = [e for e in self.exchanges if e.is_navigation and e.body is not None]
        return next((e for e in reversed(found) if e.url == url), found[-1] if found else None)

    async def _record(self, response: Response) -> None:
        request = response.request
        received = datetime.now(UTC)
        body: bytes | None = None
        body_error: str | None = None
        try:
            if 300 <= response.status < 400:
                body = b""
            else:
                body = await response.body()
        except Exception as exc:  # the page may have navigated away or closed
            body_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        try:
            exchange = Exchange(
                url=response.url,
                method=request.method,
                request_headers=await _headers(request),
                request_body=request.post_data_buffer,
                status=response.status,
                status_text=response.status_text,
                response_headers=await _headers(response),
                body=body,
                body_error=body_error,
                resource_type=request.resource_type,
                requested_at=_request_time(request, received),
                received_at=received,
                is_navigation=request.is_navigation_request()
                and request.frame == request.frame.page.main_frame,
            )
            await _network_details(response, exchange)
        except Exception as exc:  # recorded against the capture (report_unreadable), not dropped
            why = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("could not record response %s: %s", response.url, why)
            self.unreadable.append((response.url, why))
            return
        self.exchanges.append(exchange)

    async def watch_certificates(self, page: Page, url: str) -> None:
        """Ask Chromium (DevTools protocol) to keep the certificates of this page's connections.

        Playwright's API gives only a TLS summary; the chain itself comes from the same browser
        and the same connections, never from a second connection of our own. The DevTools
        session costs the browser work on every response, so a page asked for over plain HTTP
        gets one only once it navigates to HTTPS (a redirect).
        """
        if urlsplit(url).scheme == "https":
            await self._open_certificate_session(page)
            return

        def on_request(request: Request) -> None:
            if (
                self._cdp is None
                and request.is_navigation_request()
                and request.url.startswith("https:")
            ):
                page.remove_listener("request", on_request)
                self._watching = None
                task = asyncio.ensure_future(self._open_certificate_session(page))
                self._pending.add(task)
                task.add_done_callback(self._pending.discard)

        self._watching = on_request
        page.on("request", on_request)

    async def _open_certificate_session(self, page: Page) -> None:
        if self._cdp is not None:
            return
        try:
            self._cdp = await page.context.new_cdp_session(page)
            await self._cdp.send("Network.enable")
        except Exception as exc:  # not Chromium, or the page is gone: no chain to offer
            log.debug("no DevTools session for certificates: %s", exc)
            self._cdp = None

    async def certificate_chain(self, url: str) -> bytes | None:
        """The server certificate chain Chromium received for ``url``'s origin, as PEM."""
        parts = urlsplit(url)
        if self._cdp is None or parts.scheme != "https":
            return None
        result = await self._cdp.send(
            "Network.getCertificate", {"origin": f"{parts.scheme}://{parts.netloc}"}
        )
        ders = [base64.b64decode(item) for item in result.get("tableNames") or []]
        return "".join(ssl.DER_cert_to_PEM_cert(der) for der in ders).encode() or None

    async def finish(self, timeout: float = 10.0) -> list[Exchange]:
        """Wait for bodies still being read, then return the exchanges in arrival order."""
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=timeout)
        return sorted(self.exchanges, key=lambda e: e.received_at)

    async def collect(self, capture: PageCapture, timeout: float = 10.0) -> None:
        """Give ``capture`` the page's exchanges, each unreadable one recorded as a failed step."""
        capture.exchanges = await self.finish(timeout)
        for url, why in self.unreadable:
            capture.fail("exchange", f"{url}: response not recorded ({why})")
        if self._pending:
            capture.fail("exchange", f"{len(self._pending)} response(s) still being read")


async def attach_recorder(page: Page, request: Any) -> None:
    """scrapy-playwright page-init callback: record the page's traffic from the first byte."""
    recorder = NetworkRecorder(page)
    request.meta[META_KEY] = recorder
    await recorder.watch_certificates(page, request.url)


async def _headers(message: Request | Response) -> list[tuple[str, str]]:
    return [(h["name"], h["value"]) for h in await message.headers_array()]


def _request_time(request: Request, fallback: datetime) -> datetime:
    start = request.timing.get("startTime") if request.timing else None
    if start and start > 0:
        return datetime.fromtimestamp(start / 1000, UTC)
    return fallback


async def _network_details(response: Response, exchange: Exchange) -> None:
    """Server address and TLS details of the connection that carried this response."""
    try:
        addr = await response.server_addr()
        if addr:
            exchange.server_ip = addr.get("ipAddress")
            exchange.server_port = addr.get("port")
        if response.url.startswith("https:"):
            details = await response.security_details()
            exchange.security = dict(details) if details else None
    except Exception as exc:
        log.debug("no network details for %s: %s", response.url, exc)
