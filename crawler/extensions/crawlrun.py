"""The crawl run's lifecycle on the engine's signals, like Scrapy's own core stats.

When the engine starts, the run records its politeness and capture context; when the spider
closes, the run is finished with its status (completed, failed, or interrupted by a signal),
its stats, failed searches and login walls. The runner opened the run and finishes it as
failed if the engine never got this far.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.scrapy_settings import politeness
from evidence.models import Authorisation
from evidence.runs import COMPLETED, FAILED, INTERRUPTED, finish_run, record_start
from pipelines.runtime import CrawlRuntime

# Scrapy's finish reasons that mean "stopped from outside" (Ctrl-C, SIGTERM).
INTERRUPTING = {"shutdown", "cancelled"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


class CrawlRunLifecycle:
    """Starts and finishes the crawl run's record."""

    def __init__(self, crawler: Crawler, runtime: CrawlRuntime, run_id: int) -> None:
        self.crawler = crawler
        self.runtime = runtime
        self.run_id = run_id

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunLifecycle:
        runtime = CrawlRuntime.of(crawler)
        if runtime.config.run_id is None:
            raise NotConfigured("no JASPER_RUN_ID: this crawl is not recorded")
        ext = cls(crawler, runtime, runtime.config.run_id)
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _authorisation(self) -> dict[str, Any] | None:
        found_id = self.runtime.config.authorisation_id
        if found_id is None:
            return None
        with self.runtime.db.session() as session:
            found = session.get_one(Authorisation, found_id)
            return {"id": found.id, "reference": found.reference,
                    "expires_at": found.expires_at.isoformat()}  # fmt: skip

    async def engine_started(self) -> None:
        """Record the start off the reactor thread: Playwright's driver, started on the same
        signal, comes up meanwhile (the engine waits for both before its first request)."""
        await asyncio.to_thread(self._record_start)

    def _record_start(self) -> None:
        record_start(
            self.runtime.db,
            self.run_id,
            politeness(self.crawler.settings),
            self._authorisation(),
            self.runtime.tsa,
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats: StatsCollector | None = self.crawler.stats
        values = {k: _jsonable(v) for k, v in (stats.get_stats() if stats else {}).items()}
        values.setdefault("finish_reason", reason)
        if reason == "finished":
            status, error = COMPLETED, None
        elif reason in INTERRUPTING:
            status, error = INTERRUPTED, f"stopped before the end ({reason})"
        else:
            status, error = FAILED, f"crawl closed early: {reason}"
        finish_run(
            self.runtime.db,
            self.run_id,
            status,
            error=error,
            stats=values,
            failed_searches=list(getattr(spider, "failed_searches", [])),
            login_walls=list(getattr(spider, "login_walls", [])),
            bot_walls=list(getattr(spider, "bot_walls", [])),
        )
