"""The typed site profile and its validation (pydantic); errors name the offending key."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from settings.config import check_proxy

_PROBE = Selector(text="<html><body><a href='x'>x</a></body></html>")
XPATH_START = ("/", "./", "(")


def is_xpath(query: str) -> bool:
    """XPath when it starts like a path expression (``//``, ``./``, ``(``); CSS otherwise."""
    return query.lstrip().startswith(XPATH_START)


def check_selector(query: str) -> str:
    """A CSS (with ``::text``/``::attr()``) or XPath selector that parsel can compile."""
    query = query.strip()
    if not query:
        raise ValueError("selector is empty")
    try:
        _PROBE.xpath(query) if is_xpath(query) else _PROBE.css(query)
    except Exception as exc:
        kind = "XPath" if is_xpath(query) else "CSS selector"
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"invalid {kind} {query!r}: {detail}") from None
    return query


def check_pattern(pattern: str) -> str:
    """A regular expression for URLs."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    return pattern


SelectorText = Annotated[str, AfterValidator(check_selector)]
Pattern = Annotated[str, AfterValidator(check_pattern)]


class FieldSelectors(BaseModel):
    """Selectors for listing fields, used where structured data is missing or wrong."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: SelectorText | None = None
    price: SelectorText | None = None
    currency: SelectorText | None = None
    seller: SelectorText | None = None
    seller_url: SelectorText | None = None
    description: SelectorText | None = None
    images: SelectorText | None = None
    brand: SelectorText | None = None
    sku: SelectorText | None = None
    gtin: SelectorText | None = None
    mpn: SelectorText | None = None
    availability: SelectorText | None = None
    condition: SelectorText | None = None

    def named(self) -> dict[str, str]:
        """The fields that have a selector."""
        return {k: v for k, v in self.model_dump().items() if v}


class SiteProfile(BaseModel):
    """How to search one site and read its listings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100)
    search_url: str
    listing_links: SelectorText | None = None
    next_page: SelectorText | None = None
    fields: FieldSelectors = FieldSelectors()
    render: bool = True
    scroll: bool = False
    max_scrolls: int | None = Field(default=None, ge=0, le=1000)
    scroll_timeout: float | None = Field(default=None, gt=0, le=3600)
    see_more: SelectorText | None = None
    wait_for: SelectorText | None = None
    login_wall: SelectorText | None = None
    storage_state: Path | None = None
    persona: str | None = Field(default=None, max_length=200)
    include: list[Pattern] = []
    exclude: list[Pattern] = []
    max_pages: int | None = Field(default=None, ge=0)
    max_depth: int | None = Field(default=None, ge=0)
    concurrency: int | None = Field(default=None, ge=1, le=64)
    delay: float | None = Field(default=None, ge=0, le=600)
    # Egress for this site (http://, https:// or socks5:// URL), over the crawl's --proxy.
    proxy: Annotated[str, AfterValidator(check_proxy)] | None = None

    @field_validator("search_url")
    @classmethod
    def _search_url(cls, value: str) -> str:
        if "{keyword}" not in value:
            raise ValueError("must contain the {keyword} placeholder")
        if value.startswith("/"):
            return value  # site-relative: the crawl supplies the site with --base-url
        parts = urlsplit(value.replace("{keyword}", "x"))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http(s) URL or a path starting with '/'")
        return value

    @property
    def relative(self) -> bool:
        """True when ``search_url`` is a path needing a base URL."""
        return self.search_url.startswith("/")

    def with_base(self, base_url: str) -> SiteProfile:
        """This profile with a site-relative ``search_url`` resolved against ``base_url``."""
        if not self.relative:
            return self
        return self.model_copy(update={"search_url": urljoin(base_url, self.search_url)})

    @property
    def host(self) -> str | None:
        """The host the profile searches (None while relative)."""
        return None if self.relative else urlsplit(self.search_url).hostname
