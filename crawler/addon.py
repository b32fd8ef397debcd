"""A Scrapy add-on that completes the browser settings for this machine at crawl time.

Settings modules hold plain defaults; which Chromium to drive, and whether it needs
``--no-sandbox`` (as root), is only known when a crawl starts.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.browser import chromium_launch_options


class BrowserAddon:
    """Fills in ``PLAYWRIGHT_LAUNCH_OPTIONS`` (executable, flags) unless given explicitly."""

    def update_settings(self, settings: BaseSettings) -> None:
        given = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
        options = chromium_launch_options(settings.get("JASPER_CHROMIUM") or None) | given
        # At the priority the options already have: the defaults module sets them (project).
        priority = settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") or "addon"
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority=priority)
