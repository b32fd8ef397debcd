"""Scrolling a feed until no new content arrives, within a bound on scrolls and time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Request

from crawler.profiles.model import is_xpath
from crawler.scrollwatchers import scroll_watchers

log = logging.getLogger(__name__)

SIZE_JS = """() => [document.documentElement.scrollHeight,
  document.getElementsByTagName('*').length, window.innerHeight]"""
GREW_JS = """([height, nodes]) => document.documentElement.scrollHeight > height
  || document.getElementsByTagName('*').length > nodes"""
BOTTOM_JS = "() => window.scrollTo(0, document.documentElement.scrollHeight)"
UP_JS = "() => window.scrollBy(0, -window.innerHeight)"  # so that going down again scrolls
POLL = 0.1  # seconds between checks for new content
CLICK_ALL_JS = "els => { els.forEach(el => el.click()); return els.length; }"


@dataclass(frozen=True)
class ScrollOutcome:
    """How a feed was scrolled and why scrolling stopped."""

    scrolls: int  # scrolls that brought new content
    expanded: int  # "see more" truncations expanded
    stopped: str  # no-new-content | max-scrolls | time-limit

    @property
    def complete(self) -> bool:
        """True when the feed stopped loading by itself, within the bound."""
        return self.stopped == "no-new-content"


def playwright_selector(query: str) -> str:
    """A profile selector in Playwright's syntax (XPath gets its ``xpath=`` prefix)."""
    return f"xpath={query}" if is_xpath(query) else query


async def expand(page: Page, see_more: str | None, rounds: int = 5) -> int:
    """Click every "see more" control (in the page, so off-screen ones count); the number
    clicked. Expanding can reveal more controls, so repeat a few rounds."""
    if not see_more:
        return 0
    clicked = 0
    locator = page.locator(playwright_selector(see_more))
    for _ in range(rounds):
        try:
            count = await locator.evaluate_all(CLICK_ALL_JS)
        except PlaywrightError as exc:
            log.info("could not expand %r on %s: %s", see_more, page.url, exc)
            break
        if not count:
            break
        clicked += count
        await asyncio.sleep(0.05)  # let the page's handlers rewrite the posts
    return clicked


class _Traffic:
    """Requests the page has in flight, and when the network was last active."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.inflight: set[Request] = set()
        self.started = 0  # requests the page made while watched
        self.last = asyncio.get_running_loop().time()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, request: Request) -> None:
        self.started += 1
        self.inflight.add(request)
        self.last = asyncio.get_running_loop().time()

    def _ended(self, request: Request) -> None:
        self.inflight.discard(request)
        self.last = asyncio.get_running_loop().time()

    def close(self) -> None:
        self.page.remove_listener("request", self._started)
        self.page.remove_listener("requestfinished", self._ended)
        self.page.remove_listener("requestfailed", self._ended)


async def scroll_feed(
    page: Page, max_scrolls: int, timeout: float, quiet: float, see_more: str | None = None
) -> ScrollOutcome:
    """Scroll to the bottom until nothing new arrives (no growth, no request in flight, for
    ``quiet`` seconds, twice on a page that listens to scrolling: the second time after
    scrolling up a screen and down again), at most ``max_scrolls`` times and ``timeout``
    seconds; expand ``see_more`` truncations as we go. The second look is for a starved
    machine, where the page's scroll handler and its fetch can come after a whole quiet
    window: a feed cut there would be called complete."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    traffic = _Traffic(page)
    scrolls = expanded = 0
    stopped = "no-new-content"
    looked_again = False
    try:
        while True:
            expanded += await expand(page, see_more)
            if scrolls >= max_scrolls:
                stopped = "max-scrolls"
                break
            if loop.time() >= deadline:
                stopped = "time-limit"
                break
            height, nodes, viewport = await page.evaluate(SIZE_JS)
            if height <= viewport and not traffic.inflight:
                break  # nothing below the fold, nothing loading: a scroll cannot bring more
            size = [height, nodes]
            await page.evaluate(BOTTOM_JS)
            scrolled_at = loop.time()
            grew = False
            while loop.time() < deadline:
                await asyncio.sleep(POLL)
                if await page.evaluate(GREW_JS, size):
                    grew = True
                    break
                idle_since = max(scrolled_at, traffic.last)
                if not traffic.inflight and loop.time() - idle_since >= quiet:
                    break
            if not grew:
                if loop.time() >= deadline:
                    stopped = "time-limit"
                elif not looked_again and await _listens(page):
                    looked_again = True
                    await page.evaluate(UP_JS)
                    continue
                break  # quiet for two whole windows: the feed has no more to give
            looked_again = False
            scrolls += 1
        await page.evaluate("() => window.scrollTo(0, 0)")
    finally:
        traffic.close()
    return ScrollOutcome(scrolls, expanded, stopped)


async def _listens(page: Page) -> bool:
    """Whether anything on the page would notice a scroll (when that cannot be told: yes)."""
    watchers = await scroll_watchers(page)
    return watchers is None or watchers.any


# Images in the document that have a source but have not finished arriving.
PENDING_IMAGES_JS = """() => Array.from(document.images)
  .filter(img => (img.currentSrc || img.src) && !img.complete).length"""
# Whether scrolling could bring anything in, before any scrolling:
# -> [images marked lazy, frames, page height, viewport height, images still arriving]
MARKS_JS = (
    """() => [
  Array.from(document.images).filter(img =>
    img.loading === 'lazy' || img.hasAttribute('data-src') || img.hasAttribute('data-lazy-src')
    || img.hasAttribute('data-srcset') || /lazy/i.test(img.className)).length,
  window.frames.length,
  Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0),
  window.innerHeight,
  ("""
    + PENDING_IMAGES_JS
    + """)()]"""
)
# The lazy-image pass in one call: unless the page fits the viewport, scroll down a viewport
# at a time (at most `maxHeight` px and `limit` ms), holding each position for `pause` ms and
# for two rendered frames (at most 0.5 s), the two waits running together, so that lazy
# loaders' intersection observers and scroll handlers see every position, however busy the
# renderer; back to the top; then count the images still arriving.
# -> [bottom reached, page height, steps, moved, stopped, pending]
LAZY_SCROLL_JS = (
    """async ([maxHeight, limit, pause]) => {
  const started = performance.now();
  const height = () => Math.max(document.documentElement.scrollHeight,
                                document.body ? document.body.scrollHeight : 0);
  const frames = () => Promise.race([
    new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))),
    new Promise(done => setTimeout(done, 500)),
  ]);
  let bottom = window.scrollY + window.innerHeight, steps = 0, moved = false, stopped = 'bottom';
  while (bottom < height()) {
    window.scrollBy(0, window.innerHeight);
    const held = new Promise(done => setTimeout(done, pause));
    await frames();
    steps += 1;
    moved = moved || window.scrollY > 0;
    bottom = window.scrollY + window.innerHeight;
    if (bottom >= height()) break;
    if (bottom >= maxHeight) { stopped = 'max-height'; break; }
    if (performance.now() - started >= limit) { stopped = 'time-limit'; break; }
    await held;
  }
  if (moved) window.scrollTo(0, 0);
  const pending = ("""
    + PENDING_IMAGES_JS
    + """)();
  return [bottom, height(), steps, moved, stopped, pending];
}"""
)
STEP_PAUSE = 0.08  # seconds at each viewport: long enough for observers to fire
# A page up to this many screens tall is scrolled without asking DevTools whether anything
# watches: asking for intersection observers walks the page's heap, a garbage collection of
# its renderer that stalls every page it draws, and costs more than the few steps it would
# save (30 pictures on a page of two screens: 13 s of CPU over 120 pages asking, against
# none measurable scrolling). A taller page, where scrolling in vain costs seconds, is asked.
ASK_PAST_SCREENS = 4
IMAGE_WAIT = 3.0  # at most this long, back at the top, for the images asked for to arrive


@dataclass(frozen=True)
class LazyOutcome:
    """How far a page was scrolled to bring in its lazy images, and what was still missing."""

    scrolled: int  # pixels scrolled through
    height: int  # page height when scrolling stopped
    steps: int
    lazy: int  # images marked lazy in the page
    pending: int  # images still arriving when the screenshot was taken
    stopped: str  # bottom | max-height | time-limit | nothing-watches

    @property
    def note(self) -> str:
        """What the capture records."""
        if not self.steps:
            text = (
                "not scrolled: nothing on the page reacts to scrolling (no image marked"
                " lazy, no frame, no scroll handler, no intersection observer)"
                if self.stopped == "nothing-watches"
                else f"not scrolled: the page fits the viewport ({self.lazy} marked lazy)"
            )
            if self.pending:
                text += f"; {self.pending} image(s) still loading when the screenshot was taken"
            return text
        where = (
            "to the bottom"
            if self.stopped == "bottom"
            else f"through {self.scrolled:,} of {self.height:,}px ({self.stopped})"
        )
        text = f"scrolled {where} in {self.steps} step(s) to load lazy images"
        text += f" ({self.lazy} marked lazy)"
        if self.pending:
            text += f"; {self.pending} image(s) still loading when the screenshot was taken"
        return text


async def bring_in_lazy_images(
    page: Page, max_height: int, timeout: float, quiet: float
) -> LazyOutcome:
    """Scroll down a viewport at a time (at most ``max_height`` px and ``timeout`` seconds) so
    lazy loaders fetch their images, go back to the top, and wait a little (within
    ``timeout``) for the network to go quiet and the images to arrive. A page that fits the
    viewport is not scrolled: whatever it loads lazily is in view already; nor is one on
    which nothing would notice (no image marked lazy, no frame, no scroll handler, no
    intersection observer: see :mod:`crawler.scrollwatchers`); that is asked only of a page
    more than :data:`ASK_PAST_SCREENS` screens tall."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    lazy, frames, height, viewport, pending = await page.evaluate(MARKS_JS)
    fits = height <= viewport  # whatever it loads lazily is in view: nothing to scroll
    if fits and not pending:  # and every image in view has arrived
        return LazyOutcome(height, height, 0, lazy, 0, "bottom")
    traffic = _Traffic(page)
    try:
        if fits:
            scrolled, steps, moved, stopped = height, 0, False, "bottom"
        elif not (lazy or frames or height <= viewport * ASK_PAST_SCREENS or await _listens(page)):
            scrolled, steps, moved, stopped = viewport, 0, False, "nothing-watches"
        else:
            limit = int(timeout * 1000)
            scrolled, height, steps, moved, stopped, pending = await page.evaluate(
                LAZY_SCROLL_JS, [max_height, limit, int(STEP_PAUSE * 1000)]
            )
        until = min(deadline, loop.time() + IMAGE_WAIT)
        while loop.time() < until:
            # Scrolling that asked for nothing, on a page with no lazy loaders or one that was
            # not scrolled (nothing came into view): no need to wait for a quiet never broken.
            untouched = not traffic.started and (not lazy or not moved)
            idle = not traffic.inflight and (untouched or loop.time() - traffic.last >= quiet)
            if idle and not pending:
                break
            await asyncio.sleep(POLL)
            pending = int(await page.evaluate(PENDING_IMAGES_JS))
    finally:
        traffic.close()
    return LazyOutcome(min(scrolled, height), height, steps, lazy, pending, stopped)
