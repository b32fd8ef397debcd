"""The floor for ``make bench``: what a competent user would write instead of Jasper.

A plain Scrapy + scrapy-playwright crawl of the same marketplace, written as simply as it
gets: search pages fetched over plain HTTP, every listing link followed, each listing
rendered in Chromium until ``networkidle`` and photographed full-page as PNG, at a given
concurrency, recording nothing. Jasper's evidence crawl is measured against this.

``python -m crawler.bench_floor SEARCH_URL_TEMPLATE KEYWORD CONCURRENCY OUT.json``
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from crawler.browser import chromium_launch_options


class FloorSpider(scrapy.Spider):
    """Search, follow every item link, render and screenshot each listing."""

    name = "floor"

    def __init__(self, search_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.search_url = search_url
        self.listings = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.search_url, callback=self.parse_search)

    def parse_search(self, response: Response) -> Any:
        for href in response.css("a::attr(href)").getall():
            if "/item/" in href:
                yield response.follow(
                    href,
                    callback=self.parse_listing,
                    errback=self.closed_page,
                    meta={
                        "playwright": True,
                        "playwright_include_page": True,
                        "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
                    },
                )
        following = response.css("a[rel=next]::attr(href)").get()
        if following:
            yield response.follow(following, callback=self.parse_search)

    async def parse_listing(self, response: Response) -> Any:
        page = response.meta["playwright_page"]
        try:
            shot = await page.screenshot(full_page=True, type="png")
        finally:
            await page.close()
        self.listings += 1
        yield {"url": response.url, "screenshot_bytes": len(shot)}

    async def closed_page(self, failure: Any) -> None:
        page = failure.request.meta.get("playwright_page")
        if page is not None:
            await page.close()


def run(search_url: str, concurrency: int) -> dict[str, Any]:
    """Crawl and return how many listings and how long."""
    process = CrawlerProcess(
        {
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
            "DOWNLOAD_HANDLERS": {
                "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
                "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
            },
            "PLAYWRIGHT_LAUNCH_OPTIONS": chromium_launch_options(),
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": concurrency,
            "LOG_LEVEL": "ERROR",
            "TELNETCONSOLE_ENABLED": False,
            "REMOTE_CONTROL_ENABLED": False,
        }
    )
    crawler = process.create_crawler(FloorSpider)
    started = time.perf_counter()
    process.crawl(crawler, search_url=search_url)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, FloorSpider)
    return {"listings": spider.listings, "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    """Command-line entry point (run by the bench in a child process)."""
    template, keyword, concurrency, out = argv
    figures = run(template.replace("{keyword}", quote_plus(keyword)), int(concurrency))
    Path(out).write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
