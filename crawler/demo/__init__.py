"""Bundled demo marketplace ("Bazaar demo") served with the standard library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.demo.catalogue import (
    DEMO_KEYWORDS,
    MARKUP_KINDS,
    DemoListing,
    default_catalogue,
    generated_catalogue,
)

if TYPE_CHECKING:
    from crawler.demo.server import DemoSite

__all__ = [
    "DEMO_KEYWORDS",
    "MARKUP_KINDS",
    "DemoListing",
    "DemoSite",
    "default_catalogue",
    "generated_catalogue",
]


def __getattr__(name: str) -> Any:
    # Lazy so that ``python -m crawler.demo.server`` does not pre-import the module.
    if name == "DemoSite":
        from crawler.demo.server import DemoSite

        return DemoSite
    raise AttributeError(name)
