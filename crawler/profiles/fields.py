"""Applying a profile's selectors to a page: listing links, the next page, listing fields."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from parsel import Selector, SelectorList

from crawler.extract import normalise_currency, parse_price
from crawler.extract.heuristics import availability_name, condition_name
from crawler.profiles.model import FieldSelectors, is_xpath
from evidence.capture.product import FieldSource, Product

TEXT_FIELDS = ("seller", "description", "brand", "sku", "gtin", "mpn")


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


def _first(sel: Selector, query: str) -> str | None:
    return next(iter(select(sel, query)), None)


def _how(name: str, query: str, text: str | None) -> FieldSource:
    return FieldSource("profile", f"the profile's {name} selector", query, text)


def profile_product(html: str, base: str, fields: FieldSelectors) -> Product | None:
    """The fields the profile's selectors find (without a title when the profile names none
    or it matched nothing); None when they find nothing."""
    sel = Selector(text=html)
    product = Product(title=None, price=None, currency=None, seller=None, description=None,
                      source="profile")  # fmt: skip
    if fields.title:
        title = _joined(sel, fields.title)
        product.read("title", title, _how("title", fields.title, title))
    price_text = next(iter(select(sel, fields.price)), None) if fields.price else None
    currency_text = _joined(sel, fields.currency)
    amount, currency = parse_price(price_text, normalise_currency(currency_text))
    if fields.price and amount is not None:
        product.read("price", amount, _how("price", fields.price, price_text))
    if currency and fields.currency and currency_text:
        product.read("currency", currency, _how("currency", fields.currency, currency_text))
    elif currency and fields.price:
        product.read("currency", currency, FieldSource(
            "profile", "the symbol printed with the price the profile's price selector found",
            fields.price, price_text))  # fmt: skip
    for name in TEXT_FIELDS:
        query = getattr(fields, name)
        if query:  # the first match, except a description, whose paragraphs are joined
            value = _joined(sel, query) if name == "description" else _first(sel, query)
            product.read(name, value, _how(name, query, value))
    if fields.seller_url:
        found = links(sel, fields.seller_url, base)
        if found:
            product.read("seller_url", found[0], _how("seller_url", fields.seller_url, found[0]))
    if fields.images:
        images = links(sel, fields.images, base)
        product.read("images", images, _how("images", fields.images, None))
    if fields.availability:
        value = _joined(sel, fields.availability)
        product.read(
            "availability",
            availability_name(value) or value,
            _how("availability", fields.availability, value),
        )
    if fields.condition:
        value = _joined(sel, fields.condition)
        product.read(
            "condition", condition_name(value) or value, _how("condition", fields.condition, value)
        )
    product.raw = {"price": price_text, "currency": currency_text}
    return product if product.extraction else None


MERGED = ("title", "price", "currency", "seller", "seller_url", "description", "images", "brand",
          "sku", "gtin", "mpn", "availability", "condition")  # fmt: skip


def merge(
    structured: Product | None, profiled: Product | None, fields: FieldSelectors
) -> Product | None:
    """What the page's own reading found, with each field the profile names and finds taking
    precedence (a profile names a field because the site's own data is missing or wrong
    there); each field keeps the record of how it was read."""
    if profiled is None:
        return structured
    if structured is None:  # the profile's title selector alone makes a page a listing
        return profiled if profiled.title else None
    named = fields.named()
    taken: set[str] = set()
    for name in MERGED:
        if name in profiled.extraction and (
            name in named or getattr(structured, name) in (None, [])
        ):
            taken.add(name)
    if "price" in taken and "currency" in profiled.extraction:
        taken.add("currency")  # a price and the currency it was printed in go together
    for name in sorted(taken):
        setattr(structured, name, getattr(profiled, name))
        structured.extraction[name] = profiled.extraction[name]
    if "price" in taken:
        structured.price_kind = None
    structured.source = f"{structured.source}+profile"
    structured.raw = structured.raw | {"profile": profiled.raw}
    return structured
