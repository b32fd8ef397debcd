"""Per-site request rate shared by every worker of a fleet (``limits`` on Valkey/Redis).

AutoThrottle and ``CONCURRENT_REQUESTS_PER_DOMAIN`` hold within one crawl; with many
workers each would add its own share. With ``JASPER_RATE_LIMIT_STORAGE`` set (for example
``async+valkey://127.0.0.1:6379``), every page request to a site first takes a slot in a
moving window kept in that server, keyed by the site's host, so fifty workers together
never exceed ``JASPER_SITE_RATE`` (e.g. ``2/second``) on one site. An unreachable server
pauses the crawl with an error in the log rather than letting requests through unlimited.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from pipelines.runtime import CrawlRuntime

log = logging.getLogger(__name__)
NAMESPACE = "jasper-site"
POLL = 0.05  # seconds between tries while a site's window is full
OUTAGE_PAUSE = 5.0


class GlobalRateMiddleware:
    """Downloader middleware: wait for the site's shared rate limit before each request."""

    def __init__(self, crawler: Crawler, storage_uri: str, rate: RateLimitItem) -> None:
        self.crawler = crawler
        self.rate = rate
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self.storage_uri = storage_uri

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GlobalRateMiddleware:
        config = CrawlRuntime.of(crawler).config
        if not config.rate_limit_storage:
            raise NotConfigured("JASPER_RATE_LIMIT_STORAGE is not set: per-crawl politeness only")
        return cls(crawler, config.rate_limit_storage, parse(config.site_rate))

    async def process_request(self, request: Request) -> None:
        site = urlsplit(request.url).netloc
        waited = 0.0
        failing = False
        while True:
            try:
                if await self.limiter.hit(self.rate, NAMESPACE, site):
                    break
                delay = POLL
            except Exception as exc:  # the shared limiter is down: pause, never run unlimited
                if not failing:
                    log.error(
                        "rate-limit server %s unreachable (%s); pausing requests to %s until "
                        "it is back",
                        self.storage_uri,
                        exc,
                        site,
                    )
                    failing = True
                delay = OUTAGE_PAUSE
            await asyncio.sleep(delay)
            waited += delay
        if failing:
            log.warning("rate-limit server %s is back; resuming", self.storage_uri)
        if waited and self.crawler.stats is not None:
            self.crawler.stats.inc_value("jasper/rate_limit_wait_ms", round(waited * 1000))
