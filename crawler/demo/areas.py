"""Demo areas beyond the marketplace: a social feed, a members-only area and a plain shop.

Each area answers its own paths with a :class:`Reply`; the server asks :func:`route` first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from crawler.demo.server import DemoSite

HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"


@dataclass
class Reply:
    """A response from a demo area, with any extra headers (Location, Set-Cookie)."""

    status: int
    body: str
    content_type: str = HTML
    headers: list[tuple[str, str]] = field(default_factory=list)


def cookies(header: str | None) -> dict[str, str]:
    """The cookies of a ``Cookie`` request header."""
    jar: dict[str, str] = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            jar[name] = value
    return jar


def route(site: DemoSite, raw_path: str, cookie_header: str | None) -> Reply | None:
    """The reply of the area owning ``raw_path``, or None for the marketplace's own paths."""
    from crawler.demo import feed, members, plainshop

    parts = urlsplit(raw_path)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    path = parts.path
    if path == "/feed" or path.startswith("/feed/"):
        return feed.route(site, path, query)
    if path == "/members" or path.startswith("/members/"):
        return members.route(site, path, query, cookies(cookie_header))
    if path.startswith("/plain/"):
        return plainshop.route(site, path, query)
    return None
