"""Browser-context recycling: a context is retired after a number of pages, then closed
once its last page is done, so a long crawl's memory does not grow without bound."""

from __future__ import annotations

import logging
from collections import Counter

from playwright.async_api import Page

log = logging.getLogger(__name__)


class ContextRecycler:
    """Hands out context names; closes retired contexts when they fall idle."""

    def __init__(self, prefix: str = "jasper", pages_per_context: int = 40) -> None:
        self.prefix = prefix
        self.pages_per_context = pages_per_context
        self.generation = 0
        self.issued = 0
        self.open_pages: Counter[str] = Counter()

    def next_context(self) -> str:
        """The context name for the next page request."""
        if self.issued >= self.pages_per_context:
            self.generation += 1
            self.issued = 0
        self.issued += 1
        name = f"{self.prefix}-{self.generation}"
        self.open_pages[name] += 1
        return name

    def forget(self, name: str) -> None:
        """A request for ``name`` finished without ever giving us its page."""
        self.open_pages[name] -= 1

    async def release(self, page: Page | None, name: str) -> None:
        """Close a page, and its context too when that context is retired and now idle."""
        self.open_pages[name] -= 1
        if page is None:
            return
        try:
            if not page.is_closed():
                await page.close()
            if self.open_pages[name] <= 0 and name != f"{self.prefix}-{self.generation}":
                del self.open_pages[name]
                await page.context.close()
        except Exception as exc:  # closing must never mask the capture's own outcome
            log.debug("closing %s: %s", name, exc)
