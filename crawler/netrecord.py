"""Raw HTTP exchanges of a page, taken from Playwright's response events.

scrapy-playwright's response body is the rendered DOM; the bytes the server sent come from
each response's ``body()``, read while the page is open.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import Any

from playwright.async_api import Page, Request, Response

from crawler.items import Exchange

log = logging.getLogger(__name__)
META_KEY = "jasper_recorder"


class NetworkRecorder:
    """Collects every response a page receives, with its request and raw body."""

    def __init__(self, page: Page) -> None:
        self.started_at = datetime.now(UTC)
        self.exchanges: list[Exchange] = []
        self._pending: set[asyncio.Task[None]] = set()
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        task = asyncio.ensure_future(self._record(response))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

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
        except Exception as exc:
            log.warning("could not record response %s: %s", response.url, exc)
            return
        self.exchanges.append(exchange)

    async def finish(self, timeout: float = 10.0) -> list[Exchange]:
        """Wait for bodies still being read, then return the exchanges in arrival order."""
        if self._pending:
            await asyncio.wait(set(self._pending), timeout=timeout)
        return sorted(self.exchanges, key=lambda e: e.received_at)


async def attach_recorder(page: Page, request: Any) -> None:
    """scrapy-playwright page-init callback: record the page's traffic from the first byte."""
    request.meta[META_KEY] = NetworkRecorder(page)


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
