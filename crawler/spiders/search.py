"""The keyword search spider: search pages -> candidate pages -> listings captured as evidence."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import uuid
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit

import scrapy
from parsel import Selector
from playwright.async_api import Page
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.claiming import CrawlClaims, claimed
from crawler.contexts import RECYCLER_KEY, ContextRecycler
from crawler.deadline import PageDeadline, within
from crawler.egress import EgressPlan, Proxy
from crawler.extract import extract_product
from crawler.extract import prepare as prepare_reading
from crawler.loginwall import Wall, page_wall
from crawler.navigation import PageSetup, goto_options
from crawler.netrecord import META_KEY
from crawler.profiles.apply import (
    listing_links,
    next_page_link,
    prepare,
    read_listing,
    scroll,
    scroll_plan,
)
from crawler.profiles.model import SiteProfile
from crawler.rendering import changed_again
from crawler.retrying import RETRY_STATUSES, describe_status, retry_delay
from evidence.capture.page import Exchange, PageCapture
from evidence.capture.redaction import storage_state_secrets
from evidence.clock import utcnow
from pipelines.runtime import CrawlRuntime
from pipelines.timing import timed
from settings.config import JasperConfig

log = logging.getLogger(__name__)
GONE_STATUSES = (404, 410)  # a listing asked for directly that is gone is evidence too
# A candidate with no product once settled is looked at again after up to this many seconds
# for a DOM change (then until it is quiet again) before it is passed over.
SECOND_LOOK = 2.0


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
    profile: SiteProfile | None = None


@dataclass(frozen=True)
class Found:
    """How a candidate page was found (empty for URLs captured directly)."""

    keyword: str | None = None
    search_url: str | None = None
    rank: int | None = None
    direct: bool = False
    profile: SiteProfile | None = None


class SearchSpider(scrapy.Spider):
    """Searches each keyword through each template and captures every listing it finds."""

    name = "search"
    config: JasperConfig
    recycler: ContextRecycler
    context_options: dict[str, Any]
    pages: PageSetup  # what each rendered page gets before its first byte, and after it settles
    egress: EgressPlan  # which proxy each request leaves through

    def __init__(
        self,
        keywords: Iterable[str] = (),
        templates: Iterable[str] = (),
        urls: Iterable[str] = (),
        checks: Mapping[str, str] | None = None,
        profiles: Iterable[SiteProfile] = (),
        storage_state: str | None = None,
        done: Iterable[str] = (),
        candidates: Iterable[Mapping[str, Any]] = (),
        search_only: bool = False,
        claims_since: str | None = None,
        candidates_file: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.keywords = list(keywords)
        self.templates = list(templates)
        self.urls = list(urls)
        self.checks = dict(checks or {})
        self.profiles = list(profiles)
        self.storage_state = storage_state  # Playwright storage state for every page
        self.login_walls: list[tuple[str, str]] = []
        self.bot_walls: list[tuple[str, str]] = []  # CAPTCHAs and anti-bot challenges
        self.recyclers: dict[str, ContextRecycler] = {}  # one per signed-in session
        self.state_secrets: dict[str, list[str]] = {}  # storage state file -> its values
        self.seen: set[str] = set()  # deduplicated here, so every request made is downloaded
        self.failed_searches: list[tuple[str, str]] = []
        self.done = set(done)  # complete already (an interrupted run's): not captured again
        # Distributed work: a search job only lists its candidates (captured by other jobs);
        # a capture job is given them, each with how it was found.
        self.given = [dict(c) for c in candidates]
        self.search_only = search_only
        self.candidates: list[dict[str, Any]] = []
        # ...and, given a file, appends each to it as a JSON line the moment it is found, so
        # its worker can queue capture batches while the search goes on.
        self.candidates_file = Path(candidates_file) if candidates_file else None
        self.claims_since = claims_since  # a distributed capture job's: claim each page first
        self.claims: CrawlClaims | None = None
        self._reading_prepared: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SearchSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.config = CrawlRuntime.of(crawler).config
        spider.recycler = ContextRecycler(
            pages_per_context=spider.config.pages_per_context,
            max_contexts=spider.config.max_contexts,
            reuse_pages=spider.config.reuse_pages,
            page_cap=spider.page_cap(),
        )
        spider.context_options = dict(spider.config.context_options)
        spider.pages = PageSetup(spider.config)
        spider.egress = EgressPlan.build(spider.config, spider.profiles)
        spider.claims = CrawlClaims.open(crawler, spider.claims_since)
        crawler.signals.connect(spider._prepare_reading, signal=scrapy.signals.spider_opened)
        return spider

    def _prepare_reading(self) -> None:
        # Off the reactor thread, while Playwright and the browser start: the first listing's
        # reading does not wait for its imports.
        self._reading_prepared = asyncio.ensure_future(asyncio.to_thread(prepare_reading))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.pages.stats = self.crawler.stats  # set once the crawl has started
        self.crawler.stats.set_value("jasper/rendering", json.dumps(self.pages.describe()))
        pages: list[tuple[str, scrapy.Request]] = []
        for url, digest in self.checks.items():
            self.seen.add(url)
            pages.append((url, self._check_request(url, digest)))
        for url in self.urls:
            self.seen.add(url)  # a re-visited listing also found by search is captured once
            pages.append((url, self._capture_request(url, Found(direct=True))))
        for candidate in self.given:
            self.seen.add(candidate["url"])
            request = self._capture_request(candidate["url"], self._found(candidate))
            pages.append((candidate["url"], request))
        async for request in claimed(self.claims, pages):  # one worker at a time per page
            yield request
        for template in self.templates:
            for keyword in self.keywords:
                url = search_url(template, keyword)
                yield self._search_request(url, Search(keyword, template, url))
        for profile in self.profiles:
            for keyword in self.keywords:
                url = search_url(profile.search_url, keyword)
                search = Search(keyword, profile.search_url, url, profile=profile)
                yield self._search_request(url, search)

    def _found(self, candidate: Mapping[str, Any]) -> Found:
        """How a candidate listed by a search job was found, with its site's profile."""
        template = candidate.get("template")
        profile = next((p for p in self.profiles if p.search_url == template), None)
        return Found(candidate["keyword"], candidate["search_url"], candidate["rank"],
                     profile=profile)  # fmt: skip

    # Sessions, personas and crawl controls ----------------------------------------------------

    def page_cap(self) -> int:
        """scrapy-playwright's pages per context (its default: CONCURRENT_REQUESTS)."""
        settings = self.crawler.settings
        return settings.getint("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT") or settings.getint(
            "CONCURRENT_REQUESTS"
        )

    def _state(self, profile: SiteProfile | None) -> str | None:
        if profile is not None and profile.storage_state is not None:
            return str(profile.storage_state)
        return self.storage_state

    def _recycler(self, state: str | None, proxy: Proxy | None = None) -> ContextRecycler:
        """Contexts are shared by pages with the same session and the same proxy."""
        if not state and proxy is None:
            return self.recycler
        key = f"{state or ''}|{proxy.key if proxy else ''}"
        if key not in self.recyclers:
            prefix = f"jasper-session{len(self.recyclers) + 1}"
            self.recyclers[key] = ContextRecycler(
                prefix, self.config.pages_per_context, self.config.max_contexts,
                self.config.reuse_pages, self.page_cap(),
            )  # fmt: skip
        return self.recyclers[key]

    def _persona(self, profile: SiteProfile | None) -> str | None:
        """Who the page is seen as: a name, never the session itself."""
        if profile is not None and profile.persona:
            return profile.persona
        state = self._state(profile)
        return self.config.persona or (urlsplit(state).path.rsplit("/", 1)[-1] if state else None)

    def _session_secrets(self, meta: dict[str, Any]) -> list[str]:
        """The values of the storage state a page was seen with, to keep out of the evidence."""
        state = meta.get("jasper_state")
        if not state:
            return []
        if state not in self.state_secrets:
            self.state_secrets[state] = storage_state_secrets(state)
        return self.state_secrets[state]

    @staticmethod
    def _signed_in(meta: dict[str, Any]) -> bool:
        """Whether the page was seen with a session (whose secrets the evidence never keeps)."""
        return bool(meta.get("jasper_state"))

    def _allowed(self, url: str, profile: SiteProfile | None) -> bool:
        """Whether a candidate passes the include and exclude URL patterns."""
        include = [*self.config.include, *(profile.include if profile else [])]
        exclude = [*self.config.exclude, *(profile.exclude if profile else [])]
        if include and not any(re.search(p, url) for p in include):
            return False
        return not any(re.search(p, url) for p in exclude)

    def _report_wall(self, url: str, wall: Wall) -> None:
        if wall.kind == "bot":
            self.bot_walls.append((url, wall.reason))
            self.crawler.stats.inc_value("jasper/bot_walls")
            log.error("BOT WALL at %s: %s; nothing recorded from it", url, wall.reason)
            return
        self.login_walls.append((url, wall.reason))
        self.crawler.stats.inc_value("jasper/login_walls")
        log.error(
            "LOGIN WALL at %s: %s; nothing recorded from it (session expired?)", url, wall.reason
        )

    # Search pages -----------------------------------------------------------------------------

    def _page_meta(self, url: str, profile: SiteProfile | None = None) -> dict[str, Any]:
        state = self._state(profile)
        proxy = self.egress.route(url, profile)
        options = self.context_options | ({"storage_state": state} if state else {})
        if proxy is not None:
            options["proxy"] = proxy.for_browser()
        return {
            "playwright": True,
            "playwright_include_page": True,
            RECYCLER_KEY: self._recycler(state, proxy),  # the context is chosen at download
            "playwright_context_kwargs": options,
            "playwright_page_goto_kwargs": goto_options(),
            "playwright_page_init_callback": self.pages,
            "jasper_state": state,
            "jasper_egress": proxy,
        }

    def _plain_meta(self, url: str, profile: SiteProfile | None = None) -> dict[str, Any]:
        """A plain-HTTP request's meta: the proxy it leaves through, if any."""
        proxy = self.egress.route(url, profile)
        return {"jasper_egress": proxy} | ({"proxy": proxy.for_scrapy()} if proxy else {})

    def _search_request(
        self, url: str, search: Search, rendered_because: str | None = None
    ) -> scrapy.Request:
        """A search page's request: over plain HTTP when its profile says so, or first when
        the crawl reads search pages as served (unless it is a feed to scroll, or that was
        tried: ``rendered_because`` says why it is rendered now); else rendered."""
        search.visited.add(url)
        profile = search.profile
        if profile is not None and not profile.render:
            meta = self._plain_meta(url, profile)  # plain HTTP: the profile says so
        elif rendered_because is None and self._served_first(profile):
            meta = self._plain_meta(url, profile) | {"jasper_served_first": True}
            meta["handle_httpstatus_list"] = list(range(400, 600))  # rendered instead
        else:
            meta = self._page_meta(url, profile) | {"jasper_rendered_because": rendered_because}
        meta["jasper_search"] = search
        return scrapy.Request(
            url, callback=self.parse_search, errback=self.search_failed, meta=meta, dont_filter=True
        )

    def _served_first(self, profile: SiteProfile | None) -> bool:
        """Whether search pages are read as served first. A profile's feed is always
        rendered (its listings come as it is scrolled), and so is a signed-in search (its
        session lives in the browser: plain HTTP would see another page)."""
        if self.config.search_pages != "served" or self._state(profile):
            return False
        return not (profile is not None and profile.scroll)

    async def parse_search(self, response: Response) -> AsyncIterator[scrapy.Request | PageCapture]:
        """Capture the search (or feed) page, queue its listing links, then the next page."""
        search: Search = response.meta["jasper_search"]
        profile = search.profile
        requested = (response.meta.get("redirect_urls") or [response.url])[0]
        page: Page | None = response.meta.get("playwright_page")
        capture: PageCapture | None = None
        queued: set[str] = set()  # listing links already followed from this page
        checked: list[str] | None = None  # links read, and the page checked, as served
        try:
            deadline = self.config.page_deadline
            if page is None:
                html = response.text if isinstance(response, TextResponse) else ""
                final_url = response.url
                if response.meta.get("jasper_served_first"):
                    checked, why = self._as_served(response.status, html, response.url, search,
                                                   requested, first=search.pages == 0)  # fmt: skip
                    if why is not None:  # read it rendered instead
                        self.crawler.stats.inc_value("jasper/search_pages_rendered_after_served")
                        log.info(
                            "search page %s, over plain HTTP, %s: rendering it", requested, why
                        )
                        yield self._search_request(requested, search, rendered_because=why)
                        return
            else:
                served = await self._served_links(response.meta, search, requested)
                if served is not None:  # follow them now; the page is rendered for the record
                    for request in self._follow(response, search, *served, queued):
                        yield request
                html, final_url = await within(self._read(page, profile), deadline,
                                               "reading the search page", page)  # fmt: skip
            if checked is not None:  # its links read and no wall found, by _as_served
                links = checked
            else:
                links = self._search_links(Selector(text=html), final_url, search)
                wall = page_wall(requested, final_url, html,
                                 profile.login_wall if profile else None, bool(links))  # fmt: skip
                if wall:
                    self._report_wall(requested, wall)
                    return
            if page is not None:
                with timed(self.crawler.stats, "search"):
                    capture = await within(
                        self._capture_search(response, page, search, requested),
                        deadline + self.config.scroll_timeout,
                        "capturing the search page",
                        page,
                    )  # scrolling a feed has its own bound on top
                if capture.dom:
                    html, final_url = capture.dom, capture.final_url or final_url
                    links = self._search_links(Selector(text=html), final_url, search)
            elif self.config.evidence:
                capture = self._plain_capture(response, search, requested)
        except PageDeadline as exc:  # the search page is lost; the crawl goes on
            self.failed_searches.append((requested, str(exc)))
            self.crawler.stats.inc_value("jasper/search_failed")
            log.error("search page failed: %s (%s)", requested, exc)
            return
        finally:
            if page is not None or "playwright_context" in response.meta:
                clean = capture is not None and not capture.errors
                await self._release(response.meta, reusable=clean)
        search.pages += 1
        self.crawler.stats.inc_value("jasper/search_pages")
        if page is None:
            self.crawler.stats.inc_value("jasper/search_pages_not_rendered")
            if links:
                self.crawler.stats.inc_value("jasper/search_pages_served_links")
        if capture is not None:
            _note_reading(capture, page is not None, len(queued), len(set(links) - queued))
            because = response.meta.get("jasper_rendered_because")
            if because:
                capture.note(
                    "served-first", f"rendered: fetched over plain HTTP first, it {because}"
                )
        if capture is not None and self.config.evidence:
            yield capture
        for request in self._follow(response, search, links, html, final_url, queued):
            yield request

    def _as_served(
        self, status: int, html: str, url: str, search: Search, requested: str, first: bool = False
    ) -> tuple[list[str], str | None]:
        """The listing links of a search page as the server sent it, and why they are not
        to be read from it (an error answer, no listing links, a wall), None when they are.

        ``first``: a search's first page must also link to a next page. Without one, more
        results may come only as the page is scrolled, so it is rendered; the pages after
        it, reached through such links, are paged results."""
        if not 200 <= status < 300:
            return [], f"answered {describe_status(status)}"
        sel = Selector(text=html)
        links = self._search_links(sel, url, search)
        if not links:
            return [], "had no listing links in the HTML as served"
        profile = search.profile
        if first and next_page_link(sel, url, profile) is None:
            return links, "had no link to a next page (more results may come as it is scrolled)"
        wall = page_wall(requested, url, html,
                         profile.login_wall if profile else None, True)  # fmt: skip
        if wall is not None:
            return links, f"showed a wall ({wall.reason})"
        return links, None

    async def _served_links(
        self, meta: dict[str, Any], search: Search, requested: str
    ) -> tuple[list[str], str, str] | None:
        """The listing links of a rendered search page as the server sent it, before any
        script ran, with that HTML and its URL; None when it has none (or is a wall), so
        that the links are read once the page is rendered."""
        recorder = meta.get(META_KEY)
        document = await recorder.served_document() if recorder is not None else None
        if document is None or document.body is None:
            return None
        served = HtmlResponse(document.url, body=document.body,
                              headers=document.response_headers)  # fmt: skip
        links, why = self._as_served(document.status, served.text, document.url, search,
                                     requested)  # fmt: skip
        if why is not None:
            return None
        self.crawler.stats.inc_value("jasper/search_pages_served_links")
        return links, served.text, document.url

    def _follow(
        self,
        response: Response,
        search: Search,
        links: list[str],
        html: str,
        final_url: str,
        queued: set[str],
    ) -> Iterable[scrapy.Request]:
        """Requests for a search page's listing links not yet followed from it, then for
        its next page (once), within the crawl's depth, candidate and page limits."""
        profile = search.profile
        depth = response.meta.get("depth", 0) + 1
        max_depth = self.config.max_depth
        if profile is not None and profile.max_depth is not None:
            max_depth = profile.max_depth
        if max_depth and depth > max_depth:
            return
        limit = self.config.max_candidates
        for link in links:
            if link in queued:
                continue
            if limit and search.rank >= limit:
                break
            search.rank += 1
            queued.add(link)
            if link in self.seen:
                continue
            if link in self.done:
                self.seen.add(link)
                self.crawler.stats.inc_value("jasper/already_complete")
                continue
            self.seen.add(link)
            if self.search_only:
                self._candidate(
                    {"url": link, "keyword": search.keyword, "search_url": final_url,
                     "rank": search.rank, "template": search.template}
                )  # fmt: skip
                continue
            found = Found(search.keyword, final_url, search.rank, profile=profile)
            yield self._capture_request(link, found)
        following = next_page_link(Selector(text=html), final_url, profile)
        max_pages = self.config.max_pages
        if profile is not None and profile.max_pages is not None:
            max_pages = profile.max_pages
        if following and following not in search.visited:
            if not max_pages or len(search.visited) < max_pages:  # pages asked for so far
                yield self._search_request(following, search)

    async def _read(self, page: Page, profile: SiteProfile | None) -> tuple[str, str]:
        """Bring the page to rest as its profile says, and read its DOM."""
        await prepare(page, profile, self.config)
        return await page.content(), page.url

    def _candidate(self, candidate: dict[str, Any]) -> None:
        """A search-only crawl's candidate listing: kept, and streamed to its file if any."""
        self.candidates.append(candidate)
        if self.candidates_file is not None:
            with self.candidates_file.open("a", encoding="utf-8") as out:
                out.write(json.dumps(candidate) + "\n")

    def _search_links(self, sel: Selector, base: str, search: Search) -> list[str]:
        """Listing links of a results page that pass the crawl's URL patterns."""
        search_path = urlsplit(search.first_url).path
        found = listing_links(sel, base, search.profile, search.visited, search_path)
        return [u for u in found if self._allowed(u, search.profile)]

    def _search_capture(self, meta: dict[str, Any], url: str, search: Search) -> PageCapture:
        recorder = meta.get(META_KEY)
        return PageCapture(
            uuid=str(uuid.uuid4()),
            url=url,
            started_at=recorder.started_at if recorder else utcnow(),
            captured_at=utcnow(),
            is_listing=False,
            kind="search",
            keyword=search.keyword,
            persona=self._persona(search.profile),
            egress=EgressPlan.record(meta.get("jasper_egress")),
        )

    async def _capture_search(
        self, response: Response, page: Page, search: Search, requested: str
    ) -> PageCapture:
        """Scroll the page until no new content arrives (bounded), expand truncated posts,
        then take it as evidence: DOM, full-page screenshot and every response that filled it."""
        capture = self._search_capture(response.meta, requested, search)
        capture.http_status = response.status
        capture.redirects = list(response.meta.get("redirect_urls") or [])
        plan = scroll_plan(search.profile, self.config)
        await self.pages.after_settle(page, capture)
        try:
            outcome = await scroll(page, plan)
            self.crawler.stats.inc_value("jasper/feed_scrolls", outcome.scrolls)
            self.crawler.stats.inc_value("jasper/see_more_expanded", outcome.expanded)
            if plan.enabled and not outcome.complete:
                self.crawler.stats.inc_value("jasper/feeds_cut_short")
                capture.fail(
                    "scroll",
                    f"still loading after {outcome.scrolls} scrolls ({outcome.stopped}); "
                    "captured as far as the bound",
                )
        except Exception as exc:
            capture.fail("scroll", exc)
        await self._read_dom(page, capture)
        if self.config.evidence:
            await self.pages.photograph(page, capture, lazy=not plan.enabled)
            await self._collect_network(response.meta, capture)
        capture.captured_at = utcnow()
        return capture

    def _plain_capture(self, response: Response, search: Search, requested: str) -> PageCapture:
        """A search page fetched over plain HTTP, as evidence: the exchange Scrapy made."""
        capture = self._search_capture(response.meta, requested, search)
        capture.final_url = response.url
        capture.http_status = response.status
        capture.redirects = list(response.meta.get("redirect_urls") or [])
        capture.exchanges = [_plain_exchange(response, capture.started_at, capture.captured_at)]
        return capture

    # Light re-visits -------------------------------------------------------------------------

    def _check_request(self, url: str, digest: str) -> scrapy.Request:
        meta = self._plain_meta(url) | {"jasper_found": Found(direct=True),
                "jasper_check": digest, "handle_httpstatus_all": True}  # fmt: skip
        return scrapy.Request(
            url, callback=self.parse_check, errback=self.check_failed, meta=meta,
            dont_filter=True, priority=10,
        )  # fmt: skip

    async def parse_check(self, response: Response) -> AsyncIterator[PageCapture | scrapy.Request]:
        """The same page body as last time: a light capture; otherwise capture it in full.

        Only when the served HTML itself carries the product data: where JavaScript fills the
        page in, identical HTML says nothing about the data, so the page is rendered again.
        """
        url = (response.meta.get("redirect_urls") or [response.url])[0]
        unchanged = (
            response.status == 200
            and hashlib.sha256(response.body).hexdigest() == response.meta["jasper_check"]
            and extract_product(response.text, response.url) is not None
        )
        if not unchanged or not self.config.evidence:
            self.crawler.stats.inc_value("jasper/checks_changed")
            yield self._capture_request(url, Found(direct=True))
            return
        capture = self._new_capture(response.meta, url)
        capture.kind = "check"
        capture.final_url = response.url
        capture.http_status = response.status
        capture.redirects = list(response.meta.get("redirect_urls") or [])
        capture.captured_at = utcnow()
        capture.exchanges = [_plain_exchange(response, capture.started_at, capture.captured_at)]
        self.crawler.stats.inc_value("jasper/checks_unchanged")
        yield capture

    async def check_failed(self, failure: Failure) -> AsyncIterator[scrapy.Request]:
        """A light check could not be made: capture the page in full (which records why)."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(IgnoreRequest):  # robots.txt forbids it (every HTTP status is ours)
            return
        yield self._capture_request(request.url, Found(direct=True))

    async def search_failed(self, failure: Failure) -> None:
        """A search page could not be loaded: say so, and carry on with the others."""
        request = failure.request  # type: ignore[attr-defined]
        if "playwright_context" in request.meta:
            await self._release(request.meta)
        reason = f"{type(failure.value).__name__}: {failure.getErrorMessage()}".splitlines()[0]
        self.failed_searches.append((request.url, reason))
        self.crawler.stats.inc_value("jasper/search_failed")
        log.error("search page failed: %s (%s)", request.url, reason)

    # Candidate pages and listings -------------------------------------------------------------

    def _capture_request(
        self, url: str, found: Found, tried: tuple[str, ...] = ()
    ) -> scrapy.Request:
        meta = self._page_meta(url, found.profile) | {"jasper_found": found}
        # Every answer reaches parse_capture: a bot wall (403, 429, 503) is read to report it
        # (crawler.loginwall), a gone listing (404, 410) is evidence, any other error answer
        # is recorded as a failed capture with its status. 429 and 5xx are asked again there
        # (crawler.retrying), on a fresh page, honouring Retry-After: never by Scrapy's retry,
        # which would reuse the page of the refused answer.
        meta["handle_httpstatus_all"] = True
        meta["dont_retry"] = True
        meta["jasper_tried"] = tried  # the earlier answers to this page, as notes
        return scrapy.Request(
            url,
            callback=self.parse_capture,
            errback=self.capture_failed,
            meta=meta,
            priority=10,  # finish listings before walking further result pages
            dont_filter=found.direct or bool(tried),
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
            persona=self._persona(found.profile),
            egress=EgressPlan.record(meta.get("jasper_egress")),
        )

    @staticmethod
    async def _read_dom(page: Page, capture: PageCapture) -> None:
        """The page's final URL and rendered DOM, or the failed step."""
        try:
            capture.final_url = page.url
            capture.dom = await page.content()
        except Exception as exc:
            capture.fail("dom", exc)

    async def _collect_network(self, meta: dict[str, Any], capture: PageCapture) -> None:
        """The page's raw exchanges and, over HTTPS, the server's certificate chain."""
        self.pages.note_blocked(meta, capture)
        recorder = meta.get(META_KEY)
        if recorder is None:
            return
        await recorder.collect(capture)
        capture.signed_in = self._signed_in(meta)
        capture.session_secrets = self._session_secrets(meta)
        final = capture.final_url or capture.url
        if urlsplit(final).scheme == "https":
            try:
                capture.tls_chain = await recorder.certificate_chain(final)
                if capture.tls_chain is None:
                    capture.fail("tls-chain", "the browser reported no certificate chain")
            except Exception as exc:
                capture.fail("tls-chain", exc)

    async def parse_capture(
        self, response: Response
    ) -> AsyncIterator[PageCapture | scrapy.Request]:
        """Render a candidate; if it carries product data, capture it as evidence. An error
        answer is retried (429, 5xx) or recorded as a failed capture with its status."""
        meta = response.meta
        page = meta.get("playwright_page")
        url = (response.request or response).url
        found: Found = meta["jasper_found"]
        status = response.status
        tried: tuple[str, ...] = meta.get("jasper_tried") or ()
        retry = status in RETRY_STATUSES and len(tried) < self.config.retry_status_times
        if retry and not self._stopping():
            await self._release(meta)
            delay = retry_delay(
                response.headers.get("Retry-After"), len(tried), self.config.retry_max_wait
            )
            self.crawler.stats.inc_value("jasper/status_retries")
            log.info("%s answered %s; asking again in %.1fs", url, status, delay)
            await asyncio.sleep(delay)
            answer = f"{describe_status(status)} (asked again after {delay:g}s)"
            yield self._capture_request(url, found, (*tried, answer))
            return
        capture = self._new_capture(meta, url)
        capture.final_url = response.url
        capture.http_status = status
        capture.redirects = list(meta.get("redirect_urls") or [])
        for answer in tried:
            capture.note("retry", f"earlier answer: {answer}")
        refused = status >= 400 and not (found.direct and status in GONE_STATUSES)
        deadline = self.config.page_deadline
        try:
            try:
                await within(self._render(page, capture, found.profile), deadline,
                             "reading the page", page)  # fmt: skip
            except PageDeadline as exc:
                capture.fail("deadline", exc)
                capture.is_listing = True
            if found.direct:  # jasper capture: what the page is, as asked or as found
                capture.kind = self.pages.direct_kind(capture)
            if not capture.is_listing:
                wall = page_wall(
                    capture.url,
                    capture.final_url or capture.url,
                    capture.dom,
                    found.profile.login_wall if found.profile else None,
                    False,
                )
                if wall:
                    self._report_wall(capture.url, wall)
                    return
                if not (refused or self._stopping() or self._navigated(response, capture)):
                    log.info("not a listing (no product data), not kept: %s", url)
                    self.crawler.stats.inc_value("jasper/pages_without_product")
                    return
                capture.is_listing = True  # set out to capture: it ends as a visible capture
            if refused:
                capture.fail("http", f"the server answered {describe_status(status)}"
                             + (f" after {len(tried) + 1} tries" if tried else ""))  # fmt: skip
            self._note_interrupted(capture)
            try:
                with timed(self.crawler.stats, "network"):
                    await within(self._collect_network(meta, capture), deadline,
                                 "collecting the page's traffic")  # fmt: skip
            except PageDeadline as exc:
                capture.fail("deadline", exc)
            capture.captured_at = utcnow()
        finally:
            await self._release(meta, reusable=not capture.errors)
        self.crawler.stats.inc_value("jasper/listings_captured")
        yield capture

    def _stopping(self) -> bool:
        """Whether the crawl is being stopped (Ctrl-C, SIGTERM) rather than running out."""
        return not getattr(self.crawler, "crawling", True)

    def _note_interrupted(self, capture: PageCapture) -> None:
        """A page still being captured when the crawl was stopped: recorded as interrupted."""
        if self._stopping() and (capture.errors or capture.product is None):
            capture.fail("interrupted", "the crawl was stopped while this page was being captured")

    @staticmethod
    def _navigated(response: Response, capture: PageCapture) -> bool:
        """A page that took itself elsewhere after it loaded (script, meta refresh): recorded
        as a failed capture naming where it went, never silently dropped."""
        loaded, now = response.url, capture.final_url or response.url
        if urlsplit(loaded)._replace(fragment="") == urlsplit(now)._replace(fragment=""):
            return False
        capture.fail("navigation", f"the page took itself from {loaded} to {now} after it "
                     "loaded; the DOM and screenshot are of where it went")  # fmt: skip
        return True

    async def _render(
        self, page: Any, capture: PageCapture, profile: SiteProfile | None = None
    ) -> None:
        """Settle, read the DOM and product data, and take the screenshot (listings only)."""
        settled = False
        with timed(self.crawler.stats, "settle"):
            try:
                settled = await prepare(page, None, self.config)  # wait_for: search pages only
                if not settled:
                    capture.fail(
                        "settle", f"page still changing after {self.config.settle_timeout}s"
                    )
            except Exception as exc:
                capture.fail("settle", exc)
        await self.pages.after_settle(page, capture, settled)
        await self._read_listing(page, capture, profile)
        if not capture.is_listing and settled and capture.dom:
            # No product yet: a script on a timer, or its fetch, may still bring it (the
            # settle window is short, and a busy machine delays both). One more look.
            quiet = self.config.settle_quiet
            with timed(self.crawler.stats, "settle"):
                again = await changed_again(page, max(SECOND_LOOK, quiet), quiet,
                                            self.config.settle_timeout)  # fmt: skip
            if again:
                await self._read_listing(page, capture, profile)
        if capture.dom is None:  # could not be read: kept as a capture that says why
            capture.is_listing = True
        if not capture.is_listing:
            return
        await self.pages.photograph(page, capture)

    async def _read_listing(
        self, page: Page, capture: PageCapture, profile: SiteProfile | None
    ) -> None:
        """Read the DOM and the product it offers; a page with either is a listing."""
        with timed(self.crawler.stats, "read"):
            await self._read_dom(page, capture)
            if capture.dom:
                read = read_listing(capture.dom, capture.final_url or capture.url, profile)
                capture.product = read.product
                if read.problems:  # kept for review, never dropped as "not a listing"
                    capture.is_listing = True
                    capture.fail("structured-data", "; ".join(read.problems))
        capture.is_listing = capture.is_listing or capture.product is not None

    async def capture_failed(self, failure: Failure) -> AsyncIterator[PageCapture]:
        """A candidate could not be loaded: record the failure against a capture."""
        request = failure.request  # type: ignore[attr-defined]
        await self._release(request.meta)
        # Only RobotsTxtMiddleware drops a candidate with a bare IgnoreRequest; HttpError (a
        # subclass) cannot reach here, every status going to parse_capture.
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            self.crawler.stats.inc_value("jasper/skipped_by_robots")
            log.warning("not captured (robots.txt forbids it): %s", request.url)
            return
        capture = self._new_capture(request.meta, request.url)
        capture.is_listing = True  # set out to capture: it ends as a visible capture
        step = "deadline" if failure.check(PageDeadline) else "navigate"
        if self._stopping():
            step = "interrupted"
        capture.fail(step, failure.value or failure.getErrorMessage())
        for answer in request.meta.get("jasper_tried") or ():
            capture.note("retry", f"earlier answer: {answer}")
        if request.meta["jasper_found"].direct:
            capture.kind = self.pages.direct_kind(capture)
        self.pages.note_blocked(request.meta, capture)
        recorder = request.meta.get(META_KEY)
        if recorder is not None:
            try:
                await within(recorder.collect(capture), self.config.page_deadline,
                             "collecting the page's traffic")  # fmt: skip
            except PageDeadline as exc:
                capture.fail("deadline", exc)
            capture.signed_in = self._signed_in(request.meta)
            capture.session_secrets = self._session_secrets(request.meta)
            main = capture.main_exchange
            if main is not None and main.status:  # the server did answer, too slowly
                capture.http_status = main.status
            if not capture.redirects:  # a redirect loop: the chain the browser followed
                capture.redirects = [e.url for e in capture.exchanges
                                     if e.is_navigation and 300 <= e.status < 400][:50]  # fmt: skip
        self.crawler.stats.inc_value("jasper/captures_failed")
        log.error("capture failed: %s (%s)", request.url, capture.errors[-1].error)
        yield capture

    async def _release(self, meta: dict[str, Any], reusable: bool = False) -> None:
        """Done with the request's page: kept for the next request to its context when
        ``reusable`` (its capture went cleanly), else closed."""
        context = meta.get("playwright_context")
        if context is None:
            return
        page = meta.get("playwright_page")
        if reusable and page is not None:
            try:
                await self.pages.detach(page, meta)
            except Exception as exc:  # a page that cannot be cleaned up is closed instead
                log.debug("could not detach %s: %s", page.url, exc)
                reusable = False
        recycler = self._recycler(meta.get("jasper_state"), meta.get("jasper_egress"))
        await recycler.release(page, context, reusable)


def _note_reading(capture: PageCapture, rendered: bool, served: int, rendered_only: int) -> None:
    """How the search page's listing links were read: from the HTML as served, or rendered."""
    if not rendered:
        text = "listing links read from the HTML as served (not rendered)"
        capture.note("links", text, {"rendered": False})
    elif served:
        text = (
            f"{served} listing links read from the HTML as served and followed while the page "
            f"was rendered; {rendered_only} more only in the rendered page"
        )
        capture.note("links", text, {"served": served, "rendered_only": rendered_only})
    else:
        text = "listing links read from the rendered page (none in the HTML as served)"
        capture.note("links", text, {"served": 0, "rendered_only": rendered_only})


def _plain_exchange(response: Response, requested: datetime, received: datetime) -> Exchange:
    """The exchange Scrapy made over plain HTTP (no browser), as evidence."""
    request = response.request
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = ""
    return Exchange(
        url=response.url,
        method=request.method if request else "GET",
        request_headers=_header_pairs(request.headers) if request else [],
        request_body=(request.body or None) if request else None,
        status=response.status,
        status_text=phrase,
        response_headers=_header_pairs(response.headers),
        body=response.body,
        body_error=None,
        resource_type="document",
        requested_at=requested,
        received_at=received,
        server_ip=str(response.ip_address) if response.ip_address else None,
        is_navigation=True,
    )


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    """Scrapy headers as (name, value) pairs, one per value."""
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]
