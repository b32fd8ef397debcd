"""A distributed capture job's page claims (:mod:`evidence.claims`), on the crawl's signals.

The spider asks :func:`claimed` which of its pages to request; each claim is let go once
the page's capture has gone through the item pipelines (recorded, or not), and all of them
when the spider closes. The counts go into the run's stats (``jasper/claims_*``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler

from evidence.capture.page import PageCapture
from evidence.claims import WAIT_SECONDS, PageClaims, open_claims
from evidence.db import connection_lost
from pipelines.runtime import CrawlRuntime

log = logging.getLogger(__name__)


class CrawlClaims:
    """The claims of one crawl: released as captures are recorded, closed with the spider."""

    def __init__(self, crawler: Crawler, claims: PageClaims) -> None:
        self.crawler = crawler
        self.claims = claims
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self._let_go, signal=signal)
        crawler.signals.connect(self._close, signal=signals.spider_closed)

    @classmethod
    def open(cls, crawler: Crawler, since: str | None) -> CrawlClaims | None:
        """Claims for a distributed capture job (``since``: when it was queued), else None."""
        if not since:
            return None
        runtime = CrawlRuntime.of(crawler)
        claims = open_claims(runtime.db, runtime.run_id, datetime.fromisoformat(since))
        return cls(crawler, claims) if claims is not None else None

    def _let_go(self, item: Any, **_: Any) -> None:
        if isinstance(item, PageCapture):
            try:
                self.claims.release(item.url)
            except Exception as exc:  # the session is gone, and its locks with it
                if not connection_lost(exc):
                    raise

    def lost(self, exc: BaseException) -> None:
        """The database went away while claiming: the crawl stops, to be run again."""
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        stats.set_value("jasper/database_lost", 1)
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
        log.error("database unreachable while claiming pages (%s): stopping the crawl", reason)
        self._closing = asyncio.ensure_future(
            self.crawler.engine.close_spider_async(reason="database-unreachable")
        )

    def _close(self, **_: Any) -> None:
        counts, stats = self.claims.counts, self.crawler.stats
        assert stats is not None
        stats.set_value("jasper/claims_taken", counts.taken)
        stats.set_value("jasper/claims_skipped", counts.skipped)
        stats.set_value("jasper/claims_waited", counts.waited)
        stats.set_value("jasper/claims_timed_out", len(counts.timed_out))
        for url in counts.timed_out:
            log.error("not captured: %s was held by another worker for over %.0f min",
                      url, WAIT_SECONDS / 60)  # fmt: skip
        try:
            self.claims.close()
        except Exception as exc:  # the database may be gone: the session, and its locks, too
            log.warning("closing the page claims: %s", str(exc).splitlines()[0])


async def claimed(
    claims: CrawlClaims | None, pages: Sequence[tuple[str, scrapy.Request]]
) -> AsyncIterator[scrapy.Request]:
    """The requests of ``pages`` (URL, request) to make: all of them without claims, else
    those this crawl claims, in order, then the ones another worker held as it lets go."""
    if claims is None:
        for _, request in pages:
            yield request
        return
    first: dict[str, list[scrapy.Request]] = {}
    for url, request in pages:
        first.setdefault(url, []).append(request)
    skipped = claims.claims.counts
    try:
        async for url in claims.claims.claimed(first):
            for request in first[url]:
                yield request
    except Exception as exc:
        if not connection_lost(exc):
            raise
        claims.lost(exc)
        return
    if skipped.skipped:
        log.warning("%d pages already captured by another delivery of this job: skipped",
                    skipped.skipped)  # fmt: skip
