"""Browser-context recycling: a context is retired after a number of pages, then closed once
its last page is done, so a long crawl's memory does not grow without bound.

A request gets its context when it reaches the downloader (:class:`ContextMiddleware`), not
when it is created: a request that waits in the scheduler, or is dropped before download,
holds no context open. A new context is opened only while fewer than ``max_contexts`` are
open; otherwise the current one keeps taking pages. Nothing ever waits for a context slot,
so a crawl cannot deadlock on scrapy-playwright's context limit (which is therefore unset).
"""

from __future__ import annotations

import logging
from collections import Counter

from playwright.async_api import Page
from scrapy import Request

log = logging.getLogger(__name__)
CONTEXT_KEY = "playwright_context"
RECYCLER_KEY = "jasper_recycler"  # the spider's recycler for this request's session


class ContextRecycler:
    """Hands out context names; closes retired contexts when they fall idle."""

    def __init__(
        self, prefix: str = "jasper", pages_per_context: int = 40, max_contexts: int = 3
    ) -> None:
        self.prefix = prefix
        self.pages_per_context = pages_per_context
        self.max_contexts = max_contexts
        self.generation = 0
        self.issued = 0
        self.open_pages: Counter[str] = Counter()

    @property
    def current(self) -> str:
        """The context new pages go to."""
        return f"{self.prefix}-{self.generation}"

    def next_context(self) -> str:
        """The context for a request about to be downloaded."""
        busy = sum(1 for name, count in self.open_pages.items() if count > 0)
        if self.issued >= self.pages_per_context and busy < self.max_contexts:
            self.generation += 1
            self.issued = 0
        self.issued += 1
        self.open_pages[self.current] += 1
        return self.current

    async def release(self, page: Page | None, name: str) -> None:
        """Close a page, and its context too when that context is retired and now idle."""
        self.open_pages[name] -= 1
        if page is None:
            return
        try:
            if not page.is_closed():
                await page.close()
            if self.open_pages[name] <= 0 and name != self.current:
                del self.open_pages[name]
                await page.context.close()
        except Exception as exc:  # closing must never mask the capture's own outcome
            log.debug("closing %s: %s", name, exc)


class ContextMiddleware:
    """Downloader middleware: gives each rendered request its browser context."""

    def process_request(self, request: Request) -> None:
        recycler: ContextRecycler | None = request.meta.get(RECYCLER_KEY)
        if recycler is None or not request.meta.get("playwright"):
            return
        previous = request.meta.get(CONTEXT_KEY)
        if previous is not None:  # a retry of a download that never reached our callbacks
            recycler.open_pages[previous] -= 1
        request.meta[CONTEXT_KEY] = recycler.next_context()
