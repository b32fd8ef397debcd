"""The keyword search spider: search pages -> candidate pages -> listings captured as evidence."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus, urlsplit

import scrapy
from parsel import Selector
from playwright.async_api import Page
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.config import JasperConfig
from crawler.contexts import ContextRecycler
from crawler.extraction import extract_product, seller_from_page
from crawler.items import PageCapture
from crawler.links import candidate_links, next_page
from crawler.netrecord import META_KEY, attach_recorder
from crawler.rendering import full_page_screenshot, settle
from evidence.models.base import utcnow

log = logging.getLogger(__name__)


def search_url(template: str, keyword: str) -> str:
    """The search URL for a keyword: ``{keyword}`` replaced by its URL-encoded form."""
    return template.replace("{keyword}", quote_plus(keyword))


@dataclass
class Search:
    """One keyword searched through one template, across its result pages."""

    keyword: str
    template: str
    first_url: str
    pages: int = 0
    rank: int = 0
    visited: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Found:
    """How a candidate page was found (empty for URLs captured directly)."""

    keyword: str | None = None
    search_url: str | None = None
    rank: int | None = None
    direct: bool = False


class SearchSpider(scrapy.Spider):
    """Searches each keyword through each template and captures every listing it finds."""

    name = "search"
    config: JasperConfig
    recycler: ContextRecycler
    context_options: dict[str, Any]

    def __init__(
        self,
        keywords: Iterable[str] = (),
        templates: Iterable[str] = (),
        urls: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.keywords = list(keywords)
        self.templates = list(templates)
        self.urls = list(urls)
        self.seen: set[str] = set()  # deduplicated here, so every request made is downloaded
        self.failed_searches: list[tuple[str, str]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SearchSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = JasperConfig.from_settings(crawler.settings)
        spider.recycler = ContextRecycler(pages_per_context=spider.config.pages_per_context)
        spider.context_options = crawler.settings.getdict("JASPER_CONTEXT_OPTIONS")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            self.seen.add(url)  # a re-visited listing also found by search is captured once
            yield self._capture_request(url, Found(direct=True))
        for template in self.templates:
            for keyword in self.keywords:
                url = search_url(template, keyword)
                yield self._search_request(url, Search(keyword, template, url))

    # Search pages -----------------------------------------------------------------------------

    def _page_meta(self) -> dict[str, Any]:
        return {
            "playwright": True,
            "playwright_include_page": True,
            "playwright_context": self.recycler.next_context(),
            "playwright_context_kwargs": self.context_options,
        }

    def _search_request(self, url: str, search: Search) -> scrapy.Request:
        search.visited.add(url)
        meta = self._page_meta() | {"jasper_search": search}
        return scrapy.Request(
            url, callback=self.parse_search, errback=self.search_failed, meta=meta, dont_filter=True
        )

    async def parse_search(self, response: Response) -> AsyncIterator[scrapy.Request]:
        """Queue every same-site link as a candidate, then the next results page."""
        search: Search = response.meta["jasper_search"]
        page: Page = response.meta["playwright_page"]
        context = response.meta["playwright_context"]
        try:
            await settle(page, self.config.settle_timeout, self.config.settle_quiet)
            html = await page.content()
        finally:
            await self.recycler.release(page, context)
        search.pages += 1
        self.crawler.stats.inc_value("jasper/search_pages")
        sel = Selector(text=html)
        search_path = urlsplit(search.first_url).path
        links = [
            link
            for link in candidate_links(sel, response.url, exclude=search.visited)
            if urlsplit(link).path != search_path
        ]
        limit = self.config.max_candidates
        for link in links:
            if limit and search.rank >= limit:
                break
            search.rank += 1
            if link in self.seen:
                continue
            self.seen.add(link)
            yield self._capture_request(link, Found(search.keyword, response.url, search.rank))
        following = next_page(sel, response.url)
        if following and following not in search.visited:
            if not self.config.max_pages or search.pages < self.config.max_pages:
                yield self._search_request(following, search)

    async def search_failed(self, failure: Failure) -> None:
        """A search page could not be loaded: say so, and carry on with the others."""
        request = failure.request  # type: ignore[attr-defined]
        await self._release(request.meta)
        reason = f"{type(failure.value).__name__}: {failure.getErrorMessage()}".splitlines()[0]
        self.failed_searches.append((request.url, reason))
        self.crawler.stats.inc_value("jasper/search_failed")
        log.error("search page failed: %s (%s)", request.url, reason)

    # Candidate pages and listings -------------------------------------------------------------

    def _capture_request(self, url: str, found: Found) -> scrapy.Request:
        meta = self._page_meta() | {"jasper_found": found}
        if self.config.evidence:
            meta["playwright_page_init_callback"] = attach_recorder
        if found.direct:  # a listing that is gone is evidence too: capture its 404/410 page
            meta["handle_httpstatus_list"] = [404, 410]
        return scrapy.Request(
            url,
            callback=self.parse_capture,
            errback=self.capture_failed,
            meta=meta,
            priority=10,  # finish listings before walking further result pages
            dont_filter=found.direct,
        )

    def _new_capture(self, meta: dict[str, Any], url: str) -> PageCapture:
        found: Found = meta["jasper_found"]
        recorder = meta.get(META_KEY)
        return PageCapture(
            uuid=str(uuid.uuid4()),
            url=url,
            started_at=recorder.started_at if recorder else utcnow(),
            captured_at=utcnow(),
            is_listing=found.direct,
            keyword=found.keyword,
            search_url=found.search_url,
            rank=found.rank,
        )

    async def parse_capture(self, response: Response) -> AsyncIterator[PageCapture]:
        """Render a candidate; if it carries product data, capture it as evidence."""
        meta = response.meta
        page, context = meta.get("playwright_page"), meta["playwright_context"]
        capture = self._new_capture(meta, (response.request or response).url)
        capture.final_url = response.url
        capture.http_status = response.status
        capture.redirects = list(meta.get("redirect_urls") or [])
        try:
            await self._render(page, capture)
            if not capture.is_listing:
                self.crawler.stats.inc_value("jasper/pages_without_product")
                return
            recorder = meta.get(META_KEY)
            if recorder is not None:
                capture.exchanges = await recorder.finish()
            capture.captured_at = utcnow()
        finally:
            await self.recycler.release(page, context)
        self.crawler.stats.inc_value("jasper/listings_captured")
        yield capture

    async def _render(self, page: Any, capture: PageCapture) -> None:
        """Settle, read the DOM and product data, and take the screenshot (listings only)."""
        try:
            if not await settle(page, self.config.settle_timeout, self.config.settle_quiet):
                capture.fail("settle", f"page still changing after {self.config.settle_timeout}s")
        except Exception as exc:
            capture.fail("settle", exc)
        try:
            capture.final_url = page.url
            capture.dom = await page.content()
        except Exception as exc:
            capture.fail("dom", exc)
        if capture.dom:
            capture.product = extract_product(capture.dom, capture.final_url or capture.url)
            if capture.product and not capture.product.seller:
                capture.product.seller = seller_from_page(capture.dom)
        capture.is_listing = capture.is_listing or capture.product is not None
        if not capture.is_listing:
            return
        try:
            shot, warning = await full_page_screenshot(page, self.config.screenshot_tile_height)
            capture.screenshot = shot
            if warning:
                capture.fail("screenshot", warning)
        except Exception as exc:
            capture.fail("screenshot", exc)

    async def capture_failed(self, failure: Failure) -> AsyncIterator[PageCapture]:
        """A candidate could not be loaded: record the failure against a capture."""
        request = failure.request  # type: ignore[attr-defined]
        await self._release(request.meta)
        if failure.check(IgnoreRequest):  # robots.txt said no: not ours to capture
            self.crawler.stats.inc_value("jasper/skipped_by_robots")
            log.warning("not captured (robots.txt forbids it): %s", request.url)
            return
        capture = self._new_capture(request.meta, request.url)
        capture.fail("navigate", failure.value or failure.getErrorMessage())
        recorder = request.meta.get(META_KEY)
        if recorder is not None:
            capture.exchanges = await recorder.finish()
        self.crawler.stats.inc_value("jasper/captures_failed")
        log.error("capture failed: %s (%s)", request.url, capture.errors[-1].error)
        yield capture

    async def _release(self, meta: dict[str, Any]) -> None:
        context = meta.get("playwright_context")
        if context is None:
            return
        page = meta.get("playwright_page")
        await self.recycler.release(page, context)
