"""Applying a profile's selectors to a page: listing links, the next page, listing fields."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from parsel import Selector, SelectorList

from crawler.extraction import normalise_currency, parse_price
from crawler.profiles.model import FieldSelectors, is_xpath
from evidence.capture.product import Product


def select(sel: Selector, query: str) -> list[str]:
    """Strings a selector yields: text and attribute values as they are, elements as their
    ``href`` (``src`` for images) or, failing that, their text."""
    found: SelectorList[Selector] = sel.xpath(query) if is_xpath(query) else sel.css(query)
    values: list[str] = []
    for node in found:
        if isinstance(node.root, str):
            value = node.root
        else:
            attrib = node.attrib
            value = attrib.get("href") or attrib.get("src") or " ".join(node.css("::text").getall())
        value = " ".join(value.split())
        if value:
            values.append(value)
    return values


def links(sel: Selector, query: str, base: str) -> list[str]:
    """Absolute URLs a link selector yields, in page order, without duplicates or fragments."""
    urls: list[str] = []
    for href in select(sel, query):
        url = urldefrag(urljoin(base, href))[0]
        if url.startswith(("http://", "https://")) and url not in urls:
            urls.append(url)
    return urls


def _joined(sel: Selector, query: str | None) -> str | None:
    if not query:
        return None
    return " ".join(select(sel, query)) or None


def profile_product(html: str, base: str, fields: FieldSelectors) -> Product | None:
    """The product the profile's field selectors find; None when they find no title."""
    sel = Selector(text=html)
    title = _joined(sel, fields.title)
    if title is None:
        return None
    price_text = next(iter(select(sel, fields.price)), None) if fields.price else None
    currency_text = _joined(sel, fields.currency)
    amount, currency = parse_price(price_text, normalise_currency(currency_text))
    images = links(sel, fields.images, base) if fields.images else []
    return Product(
        title=title,
        price=amount,
        currency=currency,
        seller=_joined(sel, fields.seller),
        description=_joined(sel, fields.description),
        images=images,
        source="profile",
        raw={"price": price_text, "currency": currency_text},
    )


def merge(
    structured: Product | None, profiled: Product | None, fields: FieldSelectors
) -> Product | None:
    """Structured data, with each field the profile names and finds taking precedence.

    A profile names a field because the site's structured data is missing or wrong there.
    """
    if profiled is None:
        return structured
    if structured is None:
        return profiled
    named = fields.named()
    merged = Product(
        title=profiled.title if "title" in named else structured.title,
        price=structured.price,
        currency=structured.currency,
        seller=profiled.seller if "seller" in named and profiled.seller else structured.seller,
        description=profiled.description
        if "description" in named and profiled.description
        else structured.description,
        images=profiled.images if "images" in named and profiled.images else structured.images,
        source=f"{structured.source}+profile",
        raw=structured.raw | {"profile": profiled.raw},
    )
    if "price" in named and profiled.price is not None:
        merged.price = profiled.price
        merged.currency = profiled.currency or structured.currency
    elif "currency" in named and profiled.currency:
        merged.currency = profiled.currency
    return merged
