"""Score captured listings for triage as they arrive (after they are recorded).

Cross-listing signals (shared contacts, reused images) change as other listings arrive, so
the whole case is rescored, and only listings whose result changed get a new score row.
Rescoring costs time in the size of the case and competes with the crawl for the CPU, so by
default it runs once, when the crawl ends; ``JASPER_TRIAGE_INTERVAL`` > 0 also rescores at
most that often during the crawl. A signal file that cannot be read stops scoring, not the
crawl. The time it takes is kept in the run's stats (``jasper/seconds/triage``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from evidence.capture.page import PageCapture
from evidence.triage.rules import RulesError
from evidence.triage.score import CaseScorer
from pipelines.runtime import CrawlRuntime
from pipelines.timing import add_seconds

logger = logging.getLogger(__name__)


class ScoreListingPipeline:
    """Runs triage off the reactor thread after recorded listings, at most every ``interval``."""

    def __init__(self, scorer: CaseScorer, interval: float, stats: Any = None) -> None:
        self.scorer = scorer
        self.interval = interval  # 0: only when the crawl ends
        self.stats = stats
        self._lock = asyncio.Lock()
        self._last = float("-inf")
        self._pending = False
        self._prepared: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScoreListingPipeline:
        runtime = CrawlRuntime.of(crawler)
        config = runtime.config
        if not config.evidence:
            raise NotConfigured("JASPER_EVIDENCE is off (bare crawl)")
        scorer = CaseScorer(runtime.db, config.workdir, config.case)
        return cls(scorer, config.triage_interval, crawler.stats)

    def open_spider(self, spider: Any = None) -> None:
        # The rules' patterns are compiled while the browser starts, not after the last page.
        self._prepared = asyncio.ensure_future(asyncio.to_thread(self._prepare))

    def _prepare(self) -> None:
        try:
            self.scorer.prepare()
        except Exception as exc:  # reported by the rescoring, which reads the rules again
            logger.debug("triage rules not prepared: %s", exc)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, PageCapture) and item.is_listing and item.product is not None:
            self._pending = True
            due = self.interval > 0 and time.monotonic() - self._last >= self.interval
            if due and not self._lock.locked():
                async with self._lock:
                    await self._rescore()
        return item

    async def _rescore(self) -> None:
        self._pending = False
        if self._prepared is not None:
            await self._prepared
        started = time.perf_counter()
        try:
            await asyncio.to_thread(self.scorer.rescore)
        except RulesError as exc:
            # Evidence capture goes on; the listings are scored once the file is fixed
            # (``jasper listings`` rescores stale and unscored listings).
            logger.error("triage not scored: %s", exc)
        finally:
            add_seconds(self.stats, "triage", time.perf_counter() - started)
        self._last = time.monotonic()

    async def close_spider(self, spider: Any = None) -> None:
        async with self._lock:
            if self._pending:
                await self._rescore()
