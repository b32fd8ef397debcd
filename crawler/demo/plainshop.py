"""A marketplace without structured data: only a site profile can read its listings.

Prices are shown the local way (``£35.00``, ``35,00 €``); results continue through a
"Show more" link that the generic next-page finder does not recognise.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from crawler.demo.areas import Reply

if TYPE_CHECKING:
    from crawler.demo.catalogue import DemoListing
    from crawler.demo.server import DemoSite

PAGE_SIZE = 3


def local_price(item: DemoListing) -> str:
    """The price as a shop in the item's currency would show it."""
    if item.currency == "GBP":
        return f"£{item.price:.2f}"
    if item.currency == "EUR":
        return f"{item.price:.2f}".replace(".", ",") + " €"
    if item.currency == "USD":
        return f"${item.price:.2f}"
    return f"{item.price:.2f} {item.currency}"


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | PlainShop</title></head>
<body><div class="top"><a href="/plain/help">Help</a> <a href="/plain/sell">Sell</a></div>
{body}</body></html>
"""


def _search(site: DemoSite, query: str, page: int) -> str:
    results = site.search(query)
    shown = results[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    rows = "".join(
        f'<div class="tile"><a class="tile-link" href="/plain/item/{quote(x.slug)}">'
        f'{escape(x.title)}</a> <a href="/plain/help">Report</a></div>'
        for x in shown
    )
    more = ""
    if page * PAGE_SIZE < len(results):
        href = "/plain/search?" + urlencode({"q": query, "p": page + 1})
        more = f'<a class="show-more" href="{escape(href)}">Show more</a>'
    return _page(f"Search {query}", f"<h1>{escape(query)}</h1>{rows}{more}")


def _item(item: DemoListing) -> str:
    images = "".join(f'<img class="shot" src="/img/{quote(n)}.png" alt="">' for n in item.images)
    body = f"""<div class="item"><h2 class="name">{escape(item.title)}</h2>
<div class="cost">{escape(local_price(item))}</div>
<div class="by">Sold by <b class="who">{escape(item.seller)}</b></div>
<div class="about"><p>{escape(item.description)}</p></div>
<div class="pics">{images}</div></div>"""
    return _page(item.title, body)


def route(site: DemoSite, path: str, query: dict[str, str]) -> Reply | None:
    """``/plain/search?q=K&p=N`` and ``/plain/item/SLUG``."""
    if path == "/plain/search":
        try:
            page = max(1, int(query.get("p", "1")))
        except ValueError:
            page = 1
        return Reply(200, _search(site, query.get("q", "").strip(), page))
    if path.startswith("/plain/item/"):
        item = site.get(path.removeprefix("/plain/item/"))
        return Reply(200, _item(item)) if item else None
    if path in ("/plain/help", "/plain/sell"):
        return Reply(200, _page("Help", "<h1>Help</h1><p>Contact us.</p>"))
    return None
