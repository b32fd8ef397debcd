"""What on a page would notice being scrolled, asked of Chromium's DevTools so that nothing
runs in the page: scroll and wheel handlers on the window and the document (where lazy
loaders and endless feeds listen), and live intersection observers (the other way lazy
loaders learn what came into view)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from playwright.async_api import CDPSession, Page

log = logging.getLogger(__name__)

GROUP = "jasper-scroll-watchers"  # DevTools object group, released after each question
SCROLL_EVENTS = {"scroll", "wheel", "mousewheel", "touchmove"}


@dataclass(frozen=True)
class ScrollWatchers:
    """Handlers and observers that could load something when the page is scrolled."""

    handlers: int  # scroll-like event handlers on the window or the document
    observers: int  # intersection observers alive in the page's main frame

    @property
    def any(self) -> bool:
        """True when scrolling could change what the page shows."""
        return bool(self.handlers or self.observers)


async def scroll_watchers(page: Page) -> ScrollWatchers | None:
    """The page's scroll handlers and intersection observers (observers counted only when
    there is no handler); None when Chromium could not be asked."""
    try:
        cdp = await page.context.new_cdp_session(page)
    except Exception as exc:  # not Chromium, or the page is gone
        log.debug("no DevTools session to look for scroll handlers: %s", exc)
        return None
    try:
        handlers = 0
        for target in ("window", "document"):
            handle = await _evaluate(cdp, target)
            found = await cdp.send("DOMDebugger.getEventListeners", {"objectId": handle})
            handlers += sum(1 for item in found["listeners"] if item["type"] in SCROLL_EVENTS)
        if handlers:
            return ScrollWatchers(handlers, 0)
        # Walking the heap costs a garbage collection (tens of ms): asked only when needed.
        prototype = await _evaluate(cdp, "IntersectionObserver.prototype")
        live = await cdp.send(
            "Runtime.queryObjects", {"prototypeObjectId": prototype, "objectGroup": GROUP}
        )
        count = await cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": live["objects"]["objectId"],
                "functionDeclaration": "function () { return this.length; }",
                "returnByValue": True,
            },
        )
        return ScrollWatchers(0, int(count["result"]["value"]))
    except Exception as exc:  # navigated away, or a page that replaced the globals
        log.debug("could not look for scroll handlers on %s: %s", page.url, exc)
        return None
    finally:
        try:
            await cdp.send("Runtime.releaseObjectGroup", {"objectGroup": GROUP})
            await cdp.detach()
        except Exception as exc:  # the page closed meanwhile: nothing left to release
            log.debug("DevTools session on %s already gone: %s", page.url, exc)


async def _evaluate(cdp: CDPSession, expression: str) -> Any:
    """The DevTools object id of ``expression`` in the page's main world."""
    result = await cdp.send("Runtime.evaluate", {"expression": expression, "objectGroup": GROUP})
    if "exceptionDetails" in result or "objectId" not in result["result"]:
        raise ValueError(f"{expression} is not an object in this page")
    return result["result"]["objectId"]
