"""A live progress line for interactive crawls (rich), fed by Scrapy signals."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class CrawlProgress:
    """Shows search pages, candidates, listings and failures as the crawl runs."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("starting browser…", total=None)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        if not crawler.settings.getbool("JASPER_PROGRESS"):
            raise NotConfigured("JASPER_PROGRESS is off")
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.update, signal=signals.response_received)
        crawler.signals.connect(ext.update, signal=signals.item_scraped)
        crawler.signals.connect(ext.update, signal=signals.item_error)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.progress.start()

    def update(self, *args: Any, **kwargs: Any) -> None:
        get = self.stats.get_value
        self.progress.update(
            self.task,
            description=(
                f"search pages {get('jasper/search_pages', 0)} · "
                f"pages visited {get('response_received_count', 0)} · "
                f"listings {get('jasper/listings_captured', 0)} · "
                f"failed {get('jasper/captures_failed', 0) + get('jasper/search_failed', 0)}"
            ),
        )

    def closed(self, spider: Any) -> None:
        self.progress.stop()
