"""Record each captured page as evidence: a thin adapter over the evidence core.

The work (hashing, storage, WARC, database, ledger, time-stamp queue) is
:meth:`evidence.capture.recorder.EvidenceRecorder.record`, run off the reactor thread.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from evidence import ledger
from evidence.capture import hashing
from evidence.capture.page import PageCapture
from evidence.capture.recorder import EvidenceRecorder
from evidence.db import connection_lost
from pipelines.runtime import CrawlRuntime

log = logging.getLogger(__name__)


class RecordEvidencePipeline:
    """Hands each :class:`PageCapture` to the evidence recorder; stamps the rest at close."""

    def __init__(
        self, recorder: EvidenceRecorder, stats: StatsCollector, crawler: Crawler | None = None
    ) -> None:
        self.recorder = recorder
        self.stats = stats
        self.crawler = crawler
        self.closing: asyncio.Future[None] | None = None
        self.started = time.perf_counter()
        self.prepared: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordEvidencePipeline:
        runtime = CrawlRuntime.of(crawler)
        if not runtime.config.evidence:
            raise NotConfigured("JASPER_EVIDENCE is off (bare crawl)")
        assert crawler.stats is not None
        return cls(runtime.recorder, crawler.stats, crawler)

    def open_spider(self, spider: Any = None) -> None:
        self.started = time.perf_counter()
        # Off the reactor thread, while the browser starts: a first page does not wait on it.
        self.prepared = asyncio.ensure_future(asyncio.to_thread(hashing.prepare))

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, PageCapture):
            try:
                await asyncio.to_thread(self.recorder.record, item)
            except Exception as exc:
                if not connection_lost(exc):
                    raise
                self._database_lost(item, exc)
        return item

    def _database_lost(self, item: PageCapture, exc: BaseException) -> None:
        """The database went away: nothing more can be recorded, so the crawl stops (failed,
        once the database is back); its pages are captured again by the next run or job."""
        self.stats.inc_value("jasper/captures_unrecorded")
        first = not self.stats.get_value("jasper/database_lost")
        self.stats.set_value("jasper/database_lost", 1)
        if first and self.crawler is not None and self.crawler.engine is not None:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
            log.error("database unreachable (%s): stopping the crawl; %s not recorded",
                      reason, item.url)  # fmt: skip
            # Not awaited here: closing waits for the items in hand, this one included.
            self.closing = asyncio.ensure_future(
                self.crawler.engine.close_spider_async(reason="database-unreachable")
            )
        raise DropItem(f"not recorded (database unreachable): {item.url}", log_level="DEBUG")

    async def close_spider(self, spider: Any = None) -> None:
        if self.prepared is not None:
            await asyncio.gather(self.prepared, return_exceptions=True)  # its failure: not ours
        try:
            await asyncio.to_thread(self.recorder.close)
        finally:
            self._stats()

    def _stats(self) -> None:
        """Where recording time went, and what trusted time cost, for the run's record."""
        recorder, set_value = self.recorder, self.stats.set_value
        for phase, seconds in recorder.phase_seconds().items():
            set_value(f"jasper/seconds/{phase}", round(seconds, 3))
        if recorder.stamper is not None:
            set_value("jasper/timestamp_requests", recorder.timestamp_requests)
            set_value("jasper/captures_unstamped", recorder.unstamped)
        seconds, elapsed = ledger.append_seconds(), time.perf_counter() - self.started
        set_value("jasper/ledger_seconds", round(seconds, 4))
        set_value("jasper/ledger_share", round(seconds / elapsed, 4) if elapsed else 0)
        set_value("jasper/ledger_entries", ledger.TIMER.entries)
