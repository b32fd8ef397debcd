"""Egress: which proxy each request of a crawl leaves through, and the record of it.

Investigators must not browse suspects from their office's own address, so one proxy
(``--proxy``, ``JASPER_PROXY``) or a site profile's ``proxy`` carries everything a crawl sends
to a site: Chromium's traffic (a browser context per proxy) and Scrapy's plain-HTTP requests
(robots.txt, light re-visits, unrendered search pages), SOCKS ones through httpx since
Scrapy's own client speaks only HTTP proxies. Every capture records the egress it used
(scheme, host and port of the proxy, and which setting chose it), never the credentials.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit
from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from crawler.deadline import PageDeadline, kill_page
from crawler.profiles.model import SiteProfile
from settings.config import JasperConfig

log = logging.getLogger(__name__)
DEFAULT_PORTS = {"http": 80, "https": 443, "socks5": 1080, "socks5h": 1080}


@dataclass(frozen=True)
class Proxy:
    """A proxy and the setting that chose it. ``url`` may hold credentials: never record it."""

    url: str
    source: str  # "--proxy" (or JASPER_PROXY) | "profile NAME"

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or DEFAULT_PORTS[self.scheme]

    @property
    def socks(self) -> bool:
        return self.scheme.startswith("socks")

    @property
    def authenticated(self) -> bool:
        return bool(urlsplit(self.url).username)

    @property
    def key(self) -> str:
        """A short name for browser contexts using this proxy (no secret in it)."""
        return hashlib.sha256(self.url.encode()).hexdigest()[:8]

    def describe(self) -> dict[str, Any]:
        """What the evidence records: scheme, host, port, whether credentials were sent."""
        return {
            "scheme": self.scheme,
            "host": self.host,
            "port": self.port,
            "authenticated": self.authenticated,
            "source": self.source,
        }

    def for_browser(self) -> dict[str, str]:
        """Playwright's ``proxy`` option (Chromium's socks5 already resolves names remotely)."""
        parts = urlsplit(self.url)
        scheme = "socks5" if self.socks else self.scheme
        options = {"server": f"{scheme}://{self.host}:{self.port}"}
        if parts.username:
            options["username"] = unquote(parts.username)
            options["password"] = unquote(parts.password or "")
        return options

    def for_scrapy(self) -> str:
        """``request.meta["proxy"]`` for a plain-HTTP request (credentials included)."""
        return self.url


def describe_proxy_url(url: str | None) -> str | None:
    """A proxy URL as it may be recorded or printed: without its credentials."""
    if not url:
        return None
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return f"{parts.scheme}://{netloc}"


def redact_setting(item: str) -> str:
    """A ``--set KEY=VALUE`` as it may be recorded: a proxy URL without its credentials."""
    key, sep, value = item.partition("=")
    if sep and key.strip().upper() == "JASPER_PROXY":
        return f"{key}={describe_proxy_url(value.strip()) or ''}"
    return item


@dataclass
class EgressPlan:
    """The crawl's proxies: its own, each profile's, and the host each request went to."""

    default: Proxy | None = None
    profiles: dict[str, Proxy] = field(default_factory=dict)
    hosts: dict[str, Proxy | None] = field(default_factory=dict)

    @classmethod
    def build(cls, config: JasperConfig, profiles: list[SiteProfile]) -> EgressPlan:
        default = Proxy(config.proxy, "--proxy") if config.proxy else None
        named = {p.name: Proxy(p.proxy, f"profile {p.name}") for p in profiles if p.proxy}
        return cls(default, named)

    @property
    def proxied(self) -> bool:
        """True when any request of the crawl goes through a proxy."""
        return self.default is not None or bool(self.profiles)

    def for_profile(self, profile: SiteProfile | None) -> Proxy | None:
        """The proxy for pages read with ``profile`` (its own, else the crawl's)."""
        if profile is not None and profile.name in self.profiles:
            return self.profiles[profile.name]
        return self.default

    def route(self, url: str, profile: SiteProfile | None) -> Proxy | None:
        """The proxy for a request the spider makes; its host keeps it for plain requests
        made on its behalf (robots.txt)."""
        proxy = self.for_profile(profile)
        self.hosts.setdefault(urlsplit(url).netloc.lower(), proxy)
        return proxy

    def for_url(self, url: str) -> Proxy | None:
        """The proxy for a plain request nobody routed (robots.txt): its host's, else default."""
        host = urlsplit(url).netloc.lower()
        return self.hosts[host] if host in self.hosts else self.default

    @staticmethod
    def record(proxy: Proxy | None) -> dict[str, Any]:
        """A capture's egress, as its provenance records it."""
        if proxy is None:
            return {"route": "direct", "proxy": None}
        return {"route": "proxy", "proxy": proxy.describe()}


class EgressMiddleware:
    """Downloader middleware: a plain-HTTP request the spider did not route (robots.txt)
    leaves through the proxy of its host, never directly when the crawl is proxied."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EgressMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.meta.get("playwright") or "proxy" in request.meta:
            return
        plan: EgressPlan | None = getattr(self.crawler.spider, "egress", None)
        proxy = plan.for_url(request.url) if plan is not None else None
        if proxy is not None:
            request.meta["proxy"] = proxy.for_scrapy()
            request.meta["jasper_egress"] = proxy


class EgressDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler; plain-HTTP requests through a SOCKS proxy go by httpx, and
    Chromium starts with the crawl rather than when the first page asks for it.

    Scrapy builds a handler for each scheme; http and https share this one, so a crawl runs
    one Playwright driver and one Chromium, with one set of contexts and limits, whichever
    scheme its pages use."""

    _per_crawler: ClassVar[WeakKeyDictionary[Crawler, EgressDownloadHandler]] = WeakKeyDictionary()

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._jasper_crawler = crawler
        self._socks: Any = None
        self._early_launch: asyncio.Future[None] | None = None
        self._closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EgressDownloadHandler:
        handler = cls._per_crawler.get(crawler)
        if handler is None:
            handler = cls._per_crawler[crawler] = cls(crawler)
        return handler

    async def _launch(self) -> None:
        """Start Playwright, then Chromium in the background: it comes up while robots.txt and
        the search pages are fetched over plain HTTP (some 0.7 s a crawl). A launch that fails
        here fails again, with its reason, for the first page that needs the browser."""
        await super()._launch()
        self._early_launch = asyncio.ensure_future(self._maybe_launch_browser())
        self._early_launch.add_done_callback(_launch_outcome)

    def _socks_handler(self) -> Any:
        if self._socks is None:
            from scrapy.core.downloader.handlers._httpx import HttpxDownloadHandler

            try:
                self._socks = HttpxDownloadHandler(self._jasper_crawler)
            except NotConfigured as exc:  # httpx or socksio missing
                raise RuntimeError(f"no SOCKS support for plain-HTTP requests: {exc}") from exc
            log.info("plain-HTTP requests through the SOCKS proxy are made with httpx")
        return self._socks

    async def download_request(self, request: Request) -> Response:
        proxy = request.meta.get("proxy")
        if not request.meta.get("playwright") and proxy and str(proxy).startswith("socks"):
            handler = self._socks_handler()
            response: Response = await handler.download_request(request)
            return response
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        # A page that never finishes loading (or whose script spins before its DOM can be
        # read) is closed at the hard deadline; the request fails with PageDeadline.
        deadline = self._jasper_crawler.settings.getfloat("JASPER_PAGE_DEADLINE") or 120.0
        download = super().download_request(request)
        try:
            return await asyncio.wait_for(download, deadline)
        except TimeoutError:
            await kill_page(request.meta.get("playwright_page"))
            raise PageDeadline(
                f"loading the page still running after {deadline:g}s (hard deadline); "
                "the page was closed"
            ) from None

    async def close(self) -> None:
        if self._closed:  # once for each scheme it serves
            return
        self._closed = True
        # The entry would outlive the crawl: its value (this handler) holds its key alive.
        self._per_crawler.pop(self._jasper_crawler, None)
        if self._early_launch is not None and not self._early_launch.done():
            await asyncio.wait({self._early_launch})  # not torn down half-launched
        if self._socks is not None:
            await self._socks.close()
        await super().close()


def _launch_outcome(launch: asyncio.Future[None]) -> None:
    if not launch.cancelled() and (exc := launch.exception()) is not None:
        log.debug("Chromium did not start ahead of the first page: %s", exc)
