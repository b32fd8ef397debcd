"""Hard deadlines on page steps: a page whose JavaScript spins, or that never finishes
loading, is closed by the browser (which kills its renderer) and its step fails with a
:class:`PageDeadline` naming what ran over, so one page never holds up a crawl."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
CLOSE_WAIT = 10.0  # seconds to let the browser close a page before closing its context


class PageDeadline(Exception):
    """A page step ran past its hard deadline; the page was closed."""


async def within(step: Awaitable[T], seconds: float, what: str, page: Any = None) -> T:
    """``step``, or :class:`PageDeadline` once ``seconds`` have passed (the page closed)."""
    try:
        return await asyncio.wait_for(step, seconds)
    except TimeoutError:
        await kill_page(page)
        raise PageDeadline(
            f"{what} still running after {seconds:g}s (hard deadline); the page was closed"
        ) from None


async def kill_page(page: Any) -> None:
    """Close a page whatever its renderer is doing; its context too if the page will not go.

    Closing a page is done by the browser process, which tears the renderer down, so a
    main thread stuck in a script loop does not stop it."""
    if page is None:
        return
    try:
        if not page.is_closed():
            await asyncio.wait_for(page.close(run_before_unload=False), CLOSE_WAIT)
        return
    except Exception as exc:  # a page that will not close: its whole context goes
        log.warning("page %s would not close (%s); closing its context", page.url, exc)
    try:
        await asyncio.wait_for(page.context.close(), CLOSE_WAIT)
    except Exception as exc:
        log.error("could not close the context of a page past its deadline: %s", exc)
