"""Record each captured page as evidence: a thin adapter over the evidence core.

The work (hashing, storage, WARC, database, ledger, time-stamp queue) is
:meth:`evidence.capture.recorder.EvidenceRecorder.record`, run off the reactor thread.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from evidence import ledger
from evidence.capture.page import PageCapture
from evidence.capture.recorder import EvidenceRecorder
from pipelines.runtime import CrawlRuntime


class RecordEvidencePipeline:
    """Hands each :class:`PageCapture` to the evidence recorder; stamps the rest at close."""

    def __init__(self, recorder: EvidenceRecorder, stats: StatsCollector) -> None:
        self.recorder = recorder
        self.stats = stats
        self.started = time.perf_counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordEvidencePipeline:
        runtime = CrawlRuntime.of(crawler)
        if not runtime.config.evidence:
            raise NotConfigured("JASPER_EVIDENCE is off (bare crawl)")
        assert crawler.stats is not None
        return cls(runtime.recorder, crawler.stats)

    def open_spider(self, spider: Any = None) -> None:
        self.started = time.perf_counter()

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, PageCapture):
            await asyncio.to_thread(self.recorder.record, item)
        return item

    async def close_spider(self, spider: Any = None) -> None:
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
