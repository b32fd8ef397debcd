"""Opening a page: what the browser does before the page is read, and when reading starts.

Navigation returns as soon as the page's response has arrived (``commit``), never waiting on
events that may never come: a ``load`` kept away for ever by an image whose ``onerror`` swaps
in another failing image, or a DOM never completed because a script it waits for never
arrives. The page then has the hard cap (:func:`crawler.rendering.settle`) to become ready,
fire ``load`` and settle; whatever had not happened by then is recorded as a failed ``load``
step, and the page is taken as it stood. Before the first byte,
:class:`PageSetup` attaches to each page what the crawl asked for: the recorder of its raw
traffic, the ad and tracker blocker, the cookie-consent handler.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from playwright.async_api import Page

from crawler.blocking import Blocklist, RequestBlocker, load_blocklist
from crawler.consent import Autoconsent, ConsentHub, ConsentUnavailable, load_autoconsent
from crawler.netrecord import META_KEY, attach_recorder
from crawler.rendering import DOM_QUIET_JS, full_page_screenshot, track_dom_changes
from crawler.scrolling import bring_in_lazy_images
from evidence.capture.page import PageCapture
from pipelines.timing import timed
from settings.config import JasperConfig

log = logging.getLogger(__name__)
BLOCKER_KEY = "jasper_blocker"
AFTER_CONSENT_CAP = 3.0  # seconds for the page to repaint once a banner is dealt with
WAIT_UNTIL = "commit"
READY_STATE_JS = "() => document.readyState"


def goto_options() -> dict[str, Any]:
    """scrapy-playwright's ``playwright_page_goto_kwargs``: return once the response is in."""
    return {"wait_until": WAIT_UNTIL}


async def record_load(page: Page, capture: PageCapture, cap: float) -> None:
    """A failed ``load`` step when the page's load event had not fired by the time it was
    taken (the DOM was ready; some resource never finished)."""
    try:
        state = await page.evaluate(READY_STATE_JS)
    except Exception as exc:
        capture.fail("load", f"could not tell whether the page loaded: {exc}")
        return
    if state == "loading":
        capture.fail(
            "load",
            f"the page's DOM was still incomplete {cap:g}s after its response arrived (a "
            "script or stylesheet it waits for never came); captured as far as it was parsed",
        )
    elif state != "complete":
        capture.fail(
            "load",
            f"the page's load event had not fired {cap:g}s after its response arrived "
            f"(readyState {state}: a resource never finished loading); captured as it stood",
        )


class PageSetup:
    """The page-init callback of every rendered request: recorder, blocker, consent."""

    def __init__(self, config: JasperConfig, stats: Any = None) -> None:
        self.config = config
        self.stats = stats  # the crawl's stats, where each phase's seconds are summed
        self.blocklist: Blocklist | None = None
        self.autoconsent: Autoconsent | None = None
        self.consent_problem: str | None = None
        self.consent: ConsentHub | None = None
        self._prepared: weakref.WeakSet[Page] = weakref.WeakSet()
        if config.block_trackers:
            self.blocklist = load_blocklist(config.blocklists)  # BlocklistError: crawl refused
        if config.consent:
            try:
                self.autoconsent = load_autoconsent(config.autoconsent_dir)
                self.consent = ConsentHub(self.autoconsent)
            except ConsentUnavailable as exc:
                self.consent_problem = str(exc)
                log.error("cookie banners will not be handled: %s", exc)

    def describe(self) -> dict[str, Any]:
        """What the run records about how pages were opened."""
        return {
            "wait_until": WAIT_UNTIL,
            "settle_cap_seconds": self.config.settle_timeout,
            "consent": self.autoconsent.name if self.autoconsent else self.consent_problem,
            "blocking": self.blocklist.describe() if self.blocklist else None,
        }

    async def __call__(self, page: Page, request: Any) -> None:
        if page not in self._prepared:
            await self._prepare(page)
        if self.config.evidence:
            await attach_recorder(page, request)
        if self.blocklist is not None:
            blocker = RequestBlocker(self.blocklist)
            await blocker.attach(page)
            request.meta[BLOCKER_KEY] = blocker
        if self.consent is not None:
            self.consent.watch(page)

    async def _prepare(self, page: Page) -> None:
        """A new page's scripts, run before every document it loads: registered with the page
        once (a kept page keeps them), not with its context, because Playwright does not give
        a context's script to a page still opening when it is registered, as the first pages
        of a context are."""
        await track_dom_changes(page)
        if self.consent is not None:
            await self.consent.register(page)
        self._prepared.add(page)

    async def detach(self, page: Page, meta: dict[str, Any]) -> None:
        """Take off what :meth:`__call__` attached for one request, so the page can serve the
        next one (a new recorder, blocker and consent watcher come with it)."""
        recorder = meta.get(META_KEY)
        if recorder is not None:
            await recorder.detach()
        blocker: RequestBlocker | None = meta.get(BLOCKER_KEY)
        if blocker is not None:
            await blocker.detach(page)

    async def after_settle(self, page: Page, capture: PageCapture, settled: bool = False) -> None:
        """Once the page has settled (its DOM quiet, when ``settled``): its ``load`` step,
        then its cookie banner."""
        await record_load(page, capture, self.config.settle_timeout)
        with timed(self.stats, "consent"):
            try:
                if await self.handle_consent(page, capture, settled):
                    quiet = int(self.config.settle_quiet * 1000)
                    await page.evaluate(DOM_QUIET_JS, [quiet, int(AFTER_CONSENT_CAP * 1000)])
            except Exception as exc:
                capture.fail("consent", exc)

    async def handle_consent(self, page: Page, capture: PageCapture, settled: bool) -> bool:
        """Wait for a cookie banner to be dealt with and note how; True when one was."""
        if self.consent_problem is not None:
            capture.note("consent", f"cookie banners not handled: {self.consent_problem}")
            return False
        watcher = self.consent.watchers.get(page) if self.consent is not None else None
        if watcher is None:
            return False
        outcome = await watcher.outcome(page, self.config.consent_timeout, quiet=settled)
        note = watcher.note(outcome, self.config.consent_timeout)
        if note is not None:
            capture.note("consent", *note)
        return bool(outcome.popup)

    async def photograph(self, page: Page, capture: PageCapture, *, lazy: bool = True) -> None:
        """Bring in lazy images (bounded), then the full-page screenshot, streamed to disk.

        ``lazy=False`` for a page the feed scroller has already been through: scrolling it
        again would load more of an endless feed than the scroll bound allowed."""
        config = self.config
        if config.lazy_scroll and lazy:
            with timed(self.stats, "lazy-images"):
                try:
                    brought = await bring_in_lazy_images(
                        page, config.lazy_scroll_max_height, config.lazy_scroll_timeout,
                        config.settle_quiet,
                    )  # fmt: skip
                    capture.note("lazy-images", brought.note)
                except Exception as exc:
                    capture.fail("lazy-images", exc)
        with timed(self.stats, "screenshot"):
            try:
                shot, warning = await full_page_screenshot(
                    page, config.screenshot_tile_height, config.screenshot_max_pixels
                )
                capture.screenshot = shot
                if warning:
                    capture.fail("screenshot", warning)
            except Exception as exc:
                capture.fail("screenshot", exc)

    def direct_kind(self, capture: PageCapture) -> str:
        """What a page captured directly is recorded as: as asked, or (auto) a listing when
        it carries product data and a page otherwise."""
        kind = self.config.capture_kind
        if kind == "auto":
            return "listing" if capture.product is not None else "page"
        return kind

    @staticmethod
    def note_blocked(meta: dict[str, Any], capture: PageCapture) -> None:
        """The capture's note of the requests the blocker stopped (when blocking is on)."""
        blocker: RequestBlocker | None = meta.get(BLOCKER_KEY)
        if blocker is not None:
            capture.note("blocking", *blocker.summary())
