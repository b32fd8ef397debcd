"""Blocking requests to ad and tracking hosts, by maintained filter lists (off by default).

The lists are EasyList and EasyPrivacy as Debian ships them in its uBlock Origin package
(``make setup`` copies them to ``.venv/share/jasper/blocklists/`` with their package version),
matched with Brave's adblock engine (the ``adblock`` package), the same rules an ad blocker
applies. The page itself is never blocked. Off by default: a capture should show the page as
any visitor saw it; when on, the run records which lists (file, SHA-256, rules) and every
capture records what was blocked and by which rule.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import adblock
from playwright.async_api import Page, Request, Route

log = logging.getLogger(__name__)
LIST_NAMES = ("easylist.txt", "easyprivacy.txt")
# Playwright's resource types -> the request types filter lists are written for.
REQUEST_TYPES = {
    "document": "sub_frame", "stylesheet": "stylesheet", "image": "image", "media": "media",
    "font": "font", "script": "script", "xhr": "xmlhttprequest", "fetch": "xmlhttprequest",
    "websocket": "websocket", "manifest": "web_manifest", "ping": "ping", "beacon": "ping",
}  # fmt: skip
MAX_LISTED = 500  # blocked requests listed per capture (all are counted)


class BlocklistError(RuntimeError):
    """Blocking was asked for, but its lists cannot be read."""


def installed_lists_dir() -> Path:
    """Where ``make setup`` puts the lists: ``<venv>/share/jasper/blocklists``."""
    return Path(sys.prefix) / "share" / "jasper" / "blocklists"


def default_lists() -> tuple[Path, ...]:
    """The lists ``make setup`` installed."""
    return tuple(installed_lists_dir() / name for name in LIST_NAMES)


@dataclass(frozen=True)
class FilterList:
    """One filter-list file, identified by its SHA-256."""

    path: Path
    sha256: str
    rules: int


@dataclass
class Blocklist:
    """The engine built from the lists, and what the run records about them."""

    lists: tuple[FilterList, ...]
    source: str
    engine: Any = field(repr=False)

    def describe(self) -> dict[str, Any]:
        """What the run and each capture record: the lists, their hashes and source."""
        return {
            "engine": f"adblock {getattr(adblock, '__version__', '')}".strip(),
            "source": self.source,
            "lists": [
                {"file": f.path.name, "sha256": f.sha256, "rules": f.rules} for f in self.lists
            ],
        }

    def match(self, url: str, source_url: str, resource_type: str) -> str | None:
        """The rule blocking ``url`` (requested by ``source_url``), or None."""
        request_type = REQUEST_TYPES.get(resource_type, "other")
        result = self.engine.check_network_urls(url, source_url or url, request_type)
        if result.matched and not result.exception:
            return str(result.filter or "matched")
        return None


def _source(directory: Path) -> str:
    version = directory / "VERSION"
    if version.is_file():
        return version.read_text(encoding="utf-8").strip()
    return f"filter lists in {directory}"


def list_paths(given: Any) -> tuple[Path, ...]:
    """The filter lists a setting names (comma-separated or a list), else those installed."""
    if isinstance(given, str):
        given = [v.strip() for v in given.split(",") if v.strip()]
    return tuple(Path(str(p)).expanduser() for p in given or ()) or default_lists()


def _read_list(path: Path) -> bytes:
    """A filter list's bytes, or a one-line error saying how to get it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BlocklistError(
            f"filter list {path} cannot be read ({exc.strerror or exc}); run `make setup` "
            "or set JASPER_BLOCKLISTS"
        ) from None


def describe_lists(given: Any) -> dict[str, Any]:
    """The lists' identity (file, SHA-256, source) without building the engine: for the run."""
    paths = list_paths(given)
    found = []
    for path in paths:
        data = _read_list(path)
        found.append({"file": path.name, "sha256": hashlib.sha256(data).hexdigest()})
    return {"source": _source(paths[0].parent), "lists": found}


@cache
def load_blocklist(paths: tuple[Path, ...]) -> Blocklist:
    """Build the engine once per process (a second or two for EasyList and EasyPrivacy)."""
    paths = list_paths(paths)
    filters = adblock.FilterSet(debug=True)  # debug: keep each rule's text, to record it
    lists = []
    for path in paths:
        data = _read_list(path)
        text = data.decode("utf-8", errors="replace")
        rules = sum(1 for line in text.splitlines() if line and not line.startswith(("!", "[")))
        filters.add_filter_list(text)
        lists.append(FilterList(path, hashlib.sha256(data).hexdigest(), rules))
    engine = adblock.Engine(filters, optimize=False)
    return Blocklist(tuple(lists), _source(paths[0].parent), engine)


class RequestBlocker:
    """Aborts a page's requests that the lists block, keeping a record of each."""

    def __init__(self, blocklist: Blocklist) -> None:
        self.blocklist = blocklist
        self.blocked: list[dict[str, str]] = []
        self.count = 0

    async def attach(self, page: Page) -> None:
        """Route the page's requests through the lists (ahead of scrapy-playwright's route)."""
        await page.route("**/*", self._route)

    async def detach(self, page: Page) -> None:
        """Stop routing the page's requests (it is to be reused for another capture)."""
        await page.unroute("**/*", self._route)

    async def _route(self, route: Route, request: Request) -> None:
        rule = None
        if not (request.is_navigation_request() and request.frame.parent_frame is None):
            try:
                rule = self.blocklist.match(request.url, request.frame.url, request.resource_type)
            except Exception as exc:  # an odd URL must not stall the page
                log.debug("blocklist could not judge %s: %s", request.url, exc)
        if rule is None:
            await route.fallback()
            return
        self.count += 1
        if len(self.blocked) < MAX_LISTED:
            self.blocked.append({"url": request.url, "type": request.resource_type, "rule": rule})
        await route.abort("blockedbyclient")

    def summary(self) -> tuple[str, dict[str, Any]]:
        """The capture's note: how many requests were blocked, by which lists, and which."""
        hosts: dict[str, int] = {}
        for item in self.blocked:
            host = item["url"].split("/")[2] if "://" in item["url"] else item["url"]
            hosts[host] = hosts.get(host, 0) + 1
        top = ", ".join(f"{h} ({n})" for h, n in sorted(hosts.items(), key=lambda x: -x[1])[:5])
        names = " + ".join(f.path.name for f in self.blocklist.lists)
        text = f"{self.count} request(s) to ad and tracking hosts blocked ({names})"
        if top:
            text += f": {top}"
        detail = self.blocklist.describe() | {
            "blocked": self.count,
            "requests": self.blocked,
            "listed": len(self.blocked),
        }
        return text, detail
