"""Browser-context recycling: a context is retired after a number of pages, then closed once
its last page is done, so a long crawl's memory does not grow without bound.

A request gets its context when it reaches the downloader (:class:`ContextMiddleware`), not
when it is created: a request that waits in the scheduler, or is dropped before download,
holds no context open. A new context is opened only while fewer than ``max_contexts`` are
open; otherwise the current one keeps taking pages. Nothing ever waits for a context slot,
so a crawl cannot deadlock on scrapy-playwright's context limit (which is therefore unset).

A page whose capture went cleanly is kept for the next request to its context (when pages
are reused, the default): its listeners are detached, it is taken to ``about:blank`` (so
nothing of the last page runs on, or arrives, in the next one's recording) and handed to the
next request. A new tab per page costs Chromium a renderer's start and teardown each time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from playwright.async_api import Page
from scrapy import Request

log = logging.getLogger(__name__)
CONTEXT_KEY = "playwright_context"
PAGE_KEY = "playwright_page"
OPENING_KEY = "jasper_page_opening"  # the request was given room for a new page
RECYCLER_KEY = "jasper_recycler"  # the spider's recycler for this request's session


class ContextRecycler:
    """Hands out context names; closes retired contexts when they fall idle."""

    def __init__(
        self,
        prefix: str = "jasper",
        pages_per_context: int = 500,
        max_contexts: int = 3,
        reuse_pages: bool = False,
        page_cap: int = 8,
    ) -> None:
        self.prefix = prefix
        self.pages_per_context = pages_per_context
        self.max_contexts = max_contexts
        self.reuse_pages = reuse_pages
        self.generation = 0
        self.issued = 0
        self.open_pages: Counter[str] = Counter()  # pages in use, by context
        self.idle: dict[str, list[Page]] = {}  # pages kept for reuse, by context
        # Reusing pages, a context's pages (in use, kept or being opened) are counted here and
        # held to scrapy-playwright's pages per context, so that no request ever waits in its
        # page limit while kept pages hold every place: it waits here for one of them.
        self.page_cap = page_cap
        self.live: Counter[str] = Counter()
        self._freed = asyncio.Event()
        self._closing: set[asyncio.Task[None]] = set()

    @property
    def current(self) -> str:
        """The context new pages go to."""
        return f"{self.prefix}-{self.generation}"

    def next_context(self) -> str:
        """The context for a request about to be downloaded."""
        busy = sum(1 for name, count in self.open_pages.items() if count > 0)
        if self.issued >= self.pages_per_context and busy < self.max_contexts:
            self._retire(self.current)
            self.generation += 1
            self.issued = 0
        self.issued += 1
        self.open_pages[self.current] += 1
        return self.current

    def idle_page(self, name: str) -> Page | None:
        """A page kept for reuse in this context, if any."""
        pages = self.idle.get(name) or []
        while pages:
            page = pages.pop()
            if not page.is_closed():
                return page
            self._gone(name)  # closed while kept (a crash)
        return None

    async def page_for(self, name: str, meta: dict[str, object]) -> Page | None:
        """A kept page of the context for this request, or None for a new one (once the
        context has room for it), waiting for a page to be kept or closed if need be."""
        while True:
            page = self.idle_page(name)
            if page is not None:
                return page
            if self.live[name] < self.page_cap:
                self.live[name] += 1
                meta[OPENING_KEY] = True
                return None
            self._freed.clear()
            await self._freed.wait()

    def discard(self, page: Page | None, name: str) -> None:
        """A page of a failed download (closed in the background), or the room it was given."""
        self._gone(name)
        if page is not None and not page.is_closed():
            task = asyncio.ensure_future(page.close())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    def _gone(self, name: str, pages: int = 1) -> None:
        """Pages of a context were closed (or never opened): room for others."""
        if self.reuse_pages:
            self.live[name] = max(self.live[name] - pages, 0)
            self._freed.set()

    def _retire(self, name: str) -> None:
        """A context takes no more pages: its kept pages are closed, and so is the context if
        none of its pages is in use (else the last one released closes it)."""
        kept = self.idle.pop(name, [])
        if not kept:
            return
        task = asyncio.ensure_future(self._close(kept, name))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _close(self, pages: list[Page], name: str) -> None:
        self._gone(name, len(pages))
        try:
            for page in pages:
                if not page.is_closed():
                    await page.close()
            if self.open_pages[name] <= 0:
                del self.open_pages[name]
                await pages[0].context.close()
        except Exception as exc:  # closing must never stop the crawl
            log.debug("closing %s: %s", name, exc)

    async def release(self, page: Page | None, name: str, reusable: bool = False) -> None:
        """Keep a page for reuse (``reusable``: its capture went cleanly, and pages are
        reused), else close it, and its context too when that context is retired and now
        has no page in use."""
        self.open_pages[name] -= 1
        if page is None:
            self._gone(name)  # the page was never opened
            return
        try:
            if reusable and self.reuse_pages and name == self.current and not page.is_closed():
                await page.goto("about:blank")
                if name == self.current:  # not retired meanwhile
                    self.idle.setdefault(name, []).append(page)
                    self._freed.set()
                    return
            self._gone(name)
            if not page.is_closed():
                await page.close()
            if self.open_pages[name] <= 0 and name != self.current:
                del self.open_pages[name]
                await page.context.close()
        except Exception as exc:  # closing must never mask the capture's own outcome
            log.debug("closing %s: %s", name, exc)


class ContextMiddleware:
    """Downloader middleware: gives each rendered request its browser context."""

    async def process_request(self, request: Request) -> None:
        recycler: ContextRecycler | None = request.meta.get(RECYCLER_KEY)
        if recycler is None or not request.meta.get("playwright"):
            return
        previous = request.meta.get(CONTEXT_KEY)
        if previous is not None:  # a retry of a download that never reached our callbacks
            recycler.open_pages[previous] -= 1
            stale = request.meta.pop(PAGE_KEY, None)
            if request.meta.pop(OPENING_KEY, False) or stale is not None:
                recycler.discard(stale, previous)
        name = request.meta[CONTEXT_KEY] = recycler.next_context()
        if recycler.reuse_pages:
            page = await recycler.page_for(name, request.meta)
            if page is not None:  # scrapy-playwright navigates this page, not a new one
                request.meta[PAGE_KEY] = page
