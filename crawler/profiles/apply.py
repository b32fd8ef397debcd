"""Applying a site profile (or none) to a page: the one way the crawl and ``profile check``
read pages, so what a user checks is what the crawl does.

- :func:`prepare` brings a rendered page to the state it is read in: the profile's
  ``wait_for`` element, settled, and (for search and feed pages) scrolled and expanded
  within the bounds of the profile or the configuration.
- :func:`read_listing` reads the product a page offers (:func:`crawler.extract.read_page`:
  structured data, inline state, the visible page), with the profile's field selectors over
  it; a bot wall is never a listing.
- :func:`listing_links` and :func:`next_page_link` read a search page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from parsel import Selector
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from crawler.extract import Reading, read_page
from crawler.links import candidate_links, next_page
from crawler.loginwall import bot_wall
from crawler.profiles.fields import links, merge, profile_product
from crawler.profiles.model import SiteProfile
from crawler.rendering import settle
from crawler.scrolling import ScrollOutcome, expand, playwright_selector, scroll_feed
from settings.config import JasperConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScrollPlan:
    """Whether and how far a search or feed page is scrolled before it is read."""

    enabled: bool
    max_scrolls: int
    timeout: float
    quiet: float
    see_more: str | None


def scroll_plan(profile: SiteProfile | None, config: JasperConfig) -> ScrollPlan:
    """The profile's scroll keys, each falling back to the configuration's."""
    if profile is None:
        return ScrollPlan(
            config.scroll, config.scroll_max, config.scroll_timeout, config.scroll_quiet, None
        )
    return ScrollPlan(
        profile.scroll,
        profile.max_scrolls if profile.max_scrolls is not None else config.scroll_max,
        profile.scroll_timeout or config.scroll_timeout,
        config.scroll_quiet,
        profile.see_more,
    )


async def prepare(page: Page, profile: SiteProfile | None, config: JasperConfig) -> bool:
    """Wait for the profile's element and let the page settle; False if it never settled."""
    if profile is not None and profile.wait_for:
        try:
            selector = playwright_selector(profile.wait_for)
            await page.wait_for_selector(selector, timeout=config.settle_timeout * 1000)
        except PlaywrightError:
            log.warning("%r never appeared on %s", profile.wait_for, page.url)
    return await settle(page, config.settle_timeout, config.settle_quiet)


async def scroll(page: Page, plan: ScrollPlan) -> ScrollOutcome:
    """Scroll (and expand "see more") as the plan says; expand only when not scrolling."""
    if plan.enabled:
        return await scroll_feed(page, plan.max_scrolls, plan.timeout, plan.quiet, plan.see_more)
    expanded = await expand(page, plan.see_more) if plan.see_more else 0
    return ScrollOutcome(0, expanded, "not-scrolled")


def read_listing(html: str, base: str, profile: SiteProfile | None) -> Reading:
    """The product a page offers (None: not a listing), why, and what could not be read."""
    try:
        reading = read_page(html, base)
    except Exception as exc:  # a page that breaks the reader is kept, with why, not dropped
        log.exception("could not read %s", base)
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        return Reading(None, [f"page unreadable ({type(exc).__name__}: {reason})"])
    if reading.product is None:
        wall = bot_wall(html)
        if wall is not None:
            reading.reasons.append(f"a bot wall: {wall}")
    if profile is not None and profile.fields.named():
        found = profile_product(html, base, profile.fields)
        reading.product = merge(reading.product, found, profile.fields)
        if found is not None:
            reading.reasons.append(f"the profile {profile.name!r} read {sorted(found.extraction)}")
    return reading


def listing_links(
    sel: Selector, base: str, profile: SiteProfile | None, exclude: set[str], search_path: str
) -> list[str]:
    """Listing links of a search page: the profile's selector, or every same-site link
    (outside the site's header, navigation and footer) that is not the search itself
    (``search_path``) nor already visited (``exclude``)."""
    if profile is not None and profile.listing_links:
        found = links(sel, profile.listing_links, base)
    else:
        found = [
            link
            for link in candidate_links(sel, base, exclude=exclude)
            if urlsplit(link).path != search_path
        ]
    return [u for u in found if u not in exclude]


def next_page_link(sel: Selector, base: str, profile: SiteProfile | None) -> str | None:
    """The next results page: the profile's selector, or ``rel=next`` / a "next" link."""
    if profile is not None and profile.next_page:
        return next(iter(links(sel, profile.next_page, base)), None)
    return next_page(sel, base)
