"""What every rendered page gets before its first byte, in real Chromium: the DOM tracker and
the cookie-consent script, on every page of a context even when they open at once, and a
consent script that stops looking once the page's banner question is settled."""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import Page, async_playwright
from scrapy import Request

from crawler.browser import chromium_launch_options
from crawler.navigation import PageSetup
from crawler.rendering import settle
from settings.config import load_config

PLAIN = "<html><body><div id=x>a listing</div></body></html>"
SCRIPTS = "() => [Boolean(window.__jasperDomChanged), Boolean(window.__jasperConsentLook)]"


async def _route(page: Page) -> None:
    await page.route("http://jasper.test/**", lambda route: route.fulfill(
        body=PLAIN, content_type="text/html"))  # fmt: skip


async def _pages_opened_at_once(count: int) -> list[list[bool]]:
    """Open ``count`` pages of a new context at once, each set up as the crawl sets up a page,
    and load a page in each: which of the two scripts each page's document has."""
    setup = PageSetup(load_config({"JASPER_EVIDENCE": False}, env={}))
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        context = await browser.new_context()

        async def one(i: int) -> list[bool]:
            page = await context.new_page()
            await setup(page, Request(f"http://jasper.test/{i}"))
            await _route(page)
            await page.goto(f"http://jasper.test/{i}")
            found: list[bool] = await page.evaluate(SCRIPTS)
            await page.goto(f"http://jasper.test/{i}/again")  # a kept page, reused
            return found + await page.evaluate(SCRIPTS)

        found = await asyncio.gather(*(one(i) for i in range(count)))
        await browser.close()
    return found


def test_every_page_opened_at_once_gets_the_tracker_and_the_consent_script() -> None:
    # Scripts registered with the context missed the pages still opening at that moment.
    assert asyncio.run(_pages_opened_at_once(8)) == [[True] * 4] * 8


async def _looks_after_settling() -> dict[str, Any]:
    """Settle a page without a banner, ask for its consent outcome, then change its DOM for
    two seconds: how many looks autoconsent made before and after, and what the page saw."""
    setup = PageSetup(load_config({"JASPER_EVIDENCE": False}, env={}))
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.on("pageerror", lambda error: console.append(str(error)))
        await setup(page, Request("http://jasper.test/"))
        await _route(page)
        await page.goto("http://jasper.test/", wait_until="commit")
        settled = await settle(page, timeout=10, quiet=0.3)
        assert setup.consent is not None
        outcome = await setup.consent.watchers[page].outcome(page, 5, quiet=settled)
        look = await page.evaluate("() => ({...window.__jasperConsentLook})")
        before = look["attempts"]
        await page.evaluate("""() => new Promise(resolve => {
          let n = 0;
          const tick = setInterval(() => {
            document.getElementById('x').textContent = 'tick ' + (++n);
            if (n === 20) { clearInterval(tick); resolve(); }
          }, 100);
        })""")
        await page.wait_for_timeout(700)
        after = await page.evaluate("() => window.__jasperConsentLook.attempts")
        await browser.close()
    return {"settled": settled, "popup": outcome.popup, "looked": outcome.looked, "look": look,
            "before": before, "after": after, "console": console}  # fmt: skip


def test_autoconsent_stops_looking_once_the_page_has_no_banner() -> None:
    seen = asyncio.run(_looks_after_settling())
    assert seen["settled"] and not seen["popup"] and seen["looked"]
    assert seen["before"] >= 1
    # the script itself said its look was over (LOOK_OVER), after the look began
    assert seen["look"]["over"] >= 1 and seen["look"]["done"] >= seen["look"]["at"], seen
    # Unstopped, it would look again every half second while the DOM changes; stopped, its
    # next look ends as it starts (counted once), and nothing of it reaches the page's console.
    assert seen["after"] <= seen["before"] + 1, seen
    assert seen["console"] == [], seen["console"]


# A banner no rule knows: only autoconsent's heuristics can find it (a fixed box with
# cookie wording and a "Reject all" button), on a page whose DOM is quiet once loaded.
UNKNOWN_BANNER = """<html><body><main><h1>A listing</h1></main>
<div style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em">
<p>We use cookies and similar technologies to personalise content and ads and to analyse our
traffic. By clicking Accept you consent to the use of cookies.</p>
<button onclick="window.choice='accept';this.parentNode.remove()">Accept all</button>
<button onclick="window.choice='reject';this.parentNode.remove()">Reject all</button>
</div></body></html>"""
# A site's own banner, known only to the site-specific rule for that site's URL.
SITE_BANNER = """<html><body><main><h1>Route planner</h1></main>
<div style="position:fixed;bottom:0;left:0;right:0;background:#eee;padding:1em">
<button data-testid="cookies_reject" onclick="window.choice='reject';this.parentNode.remove()">
No thanks</button></div></body></html>"""


async def _banner_outcome(url: str, html: str) -> tuple[Any, Any]:
    """Load ``html`` at ``url`` as the crawl would and settle it: the consent outcome, and
    which of the banner's buttons the page saw clicked."""
    setup = PageSetup(load_config({"JASPER_EVIDENCE": False}, env={}))
    async with async_playwright() as p:
        browser = await p.chromium.launch(**chromium_launch_options())
        page = await browser.new_page()
        await setup(page, Request(url))
        await page.route("**/*", lambda route: route.fulfill(body=html, content_type="text/html"))
        await page.goto(url, wait_until="commit")
        settled = await settle(page, timeout=10, quiet=0.3)
        assert setup.consent is not None
        outcome = await setup.consent.watchers[page].outcome(page, 5, quiet=settled)
        choice = await page.evaluate("() => window.choice")
        await browser.close()
    return outcome, choice


def test_a_banner_no_rule_knows_is_rejected_by_the_heuristics_on_a_quiet_page() -> None:
    # Autoconsent tried its heuristics from its second look only; a quiet page gets one.
    outcome, choice = asyncio.run(_banner_outcome("http://shop.example/item/1", UNKNOWN_BANNER))
    assert (outcome.popup, outcome.result, choice) == (True, True, "reject"), outcome
    assert outcome.cmp == "HEURISTIC-REJECT"


def test_a_site_specific_rule_is_asked_for_when_the_frame_url_matches() -> None:
    url = "https://www.abetterrouteplanner.com/"
    outcome, choice = asyncio.run(_banner_outcome(url, SITE_BANNER))
    assert (outcome.cmp, outcome.result, choice) == ("abetterrouteplanner", True, "reject")


# A consent platform's markup with its banner closed (Didomi's host, hidden and empty).
PLATFORM_NO_BANNER = """<html><body><main><h1>A listing</h1></main>
<div id="didomi-host" aria-hidden="true"></div></body></html>"""


def test_a_platform_named_without_a_banner_is_said_in_the_outcome() -> None:
    outcome, choice = asyncio.run(_banner_outcome("http://shop.example/item/2", PLATFORM_NO_BANNER))
    assert (outcome.cmp, outcome.popup, outcome.looked, choice) == ("didomi", False, True, None)
