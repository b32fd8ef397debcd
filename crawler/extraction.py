"""Product data from a rendered page: schema.org JSON-LD, microdata and OpenGraph.

Structured data is read with ``extruct``; prices with ``price-parser``. A page is a listing only
when one of these syntaxes describes a product: help pages, search pages and promotions that
merely mention prices are not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urljoin

import extruct
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html
from price_parser import Price

from evidence.capture.product import Product

log = logging.getLogger(__name__)

SYNTAXES = ["json-ld", "microdata", "opengraph"]
PRODUCT_TYPES = {"product", "productgroup", "individualproduct", "productmodel", "vehicle"}
OG_PRODUCT_TYPES = {"product", "product.item", "og:product", "product.group"}
# price-parser reports the symbol it saw; map the unambiguous ones to ISO 4217.
SYMBOLS = {
    "£": "GBP", "€": "EUR", "$": "USD", "US$": "USD", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₽": "RUB", "zł": "PLN", "kr": "SEK", "CHF": "CHF", "R$": "BRL", "A$": "AUD", "C$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "₺": "TRY", "₫": "VND", "฿": "THB", "₱": "PHP",
}  # fmt: skip


def parse_price(value: Any, currency_hint: str | None = None) -> tuple[Decimal | None, str | None]:
    """Amount and ISO 4217 currency from a price such as ``35``, ``"£35.00"`` or ``"35,00 €"``."""
    if value is None or value == "":
        return None, normalise_currency(currency_hint)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return Decimal(str(value)), normalise_currency(currency_hint)
        except InvalidOperation:
            return None, normalise_currency(currency_hint)
    parsed = Price.fromstring(str(value), currency_hint=currency_hint)
    return parsed.amount, normalise_currency(currency_hint) or normalise_currency(parsed.currency)


def normalise_currency(value: str | None) -> str | None:
    """An ISO 4217 code from a code or an unambiguous symbol; None when unsure."""
    if not value:
        return None
    value = value.strip()
    if len(value) == 3 and value.isalpha():
        return value.upper()
    return SYMBOLS.get(value)


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type") or []
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD document, descending through @graph and nested values."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def _images(value: Any, base_url: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    urls: list[str] = []
    for item in values:
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        if isinstance(item, str) and item.strip():
            url = urljoin(base_url, item.strip())
            if url not in urls:
                urls.append(url)
    return urls


def _offer(offers: Any) -> dict[str, Any]:
    """The first offer that carries a price (offers may be one object or a list)."""
    candidates = offers if isinstance(offers, list) else [offers]
    for offer in candidates:
        if isinstance(offer, dict) and (
            offer.get("price") is not None or offer.get("lowPrice") is not None
        ):
            return offer
    return next((o for o in candidates if isinstance(o, dict)), {})


def _from_schema(node: dict[str, Any], source: str, base_url: str) -> Product:
    offer = _offer(node.get("offers"))
    amount_raw = offer.get("price", offer.get("lowPrice"))
    spec = offer.get("priceSpecification")
    if amount_raw is None and isinstance(spec, dict):
        amount_raw = spec.get("price")
    currency_raw = _text(offer.get("priceCurrency")) or (
        _text(spec.get("priceCurrency")) if isinstance(spec, dict) else None
    )
    amount, currency = parse_price(_first(amount_raw), currency_raw)
    seller = _text(offer.get("seller")) or _text(node.get("seller"))
    return Product(
        title=_text(node.get("name")),
        price=amount,
        currency=currency,
        seller=seller,
        description=_text(node.get("description")),
        images=_images(node.get("image"), base_url),
        source=source,
        raw=node,
    )


def _from_opengraph(props: dict[str, Any], base_url: str) -> Product | None:
    og_type = _first(props.get("og:type") or props.get("@type"))  # uniform mode moves it
    if str(og_type or "").lower() not in OG_PRODUCT_TYPES:
        return None
    amount_raw = _first(props.get("product:price:amount") or props.get("og:price:amount"))
    currency_raw = _first(props.get("product:price:currency") or props.get("og:price:currency"))
    amount, currency = parse_price(amount_raw, currency_raw)
    return Product(
        title=_text(props.get("og:title")),
        price=amount,
        currency=currency,
        seller=_text(
            props.get("product:retailer_title")
        ),  # og:site_name is the site, not the seller
        description=_text(props.get("og:description")),
        images=_images(props.get("og:image"), base_url),
        source="opengraph",
        raw=props,
    )


def _schema_products(documents: Iterable[Any], source: str, base_url: str) -> Iterator[Product]:
    for node in _walk(list(documents)):
        if _types(node) & PRODUCT_TYPES and _text(node.get("name")):
            yield _from_schema(node, source, base_url)


@dataclass
class Extraction:
    """The product a page describes (None: not a listing) and the structured data that could
    not be read (each a problem recorded against the capture, never a silent gap)."""

    product: Product | None
    problems: list[str] = field(default_factory=list)


_JSONLD = JsonLdExtractor()


def _jsonld_documents(tree: Any, problems: list[str]) -> list[Any]:
    """Every JSON-LD block, each parsed on its own: a broken block costs only itself."""
    documents: list[Any] = []
    for n, node in enumerate(_JSONLD._xp_jsonld(tree), 1):
        try:
            documents.extend(item for item in _JSONLD._extract_items(node) if item)
        except Exception as exc:
            problems.append(f"JSON-LD block {n} is not valid JSON ({_reason(exc)})")
    return documents


def _reason(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def read_structured(html: str, base_url: str) -> Extraction:
    """The product a page describes, preferring JSON-LD, then microdata, then OpenGraph."""
    problems: list[str] = []
    try:
        tree = parse_html(html, encoding="UTF-8")
    except Exception as exc:  # malformed markup must not abort a capture
        return Extraction(None, [f"page markup unreadable ({_reason(exc)})"])
    found: dict[str, list[Any]] = {"json-ld": _jsonld_documents(tree, problems)}
    for syntax in ("microdata", "opengraph"):
        try:
            found[syntax] = extruct.extract(
                tree, base_url=base_url, syntaxes=[syntax], uniform=True
            ).get(syntax, [])
        except Exception as exc:
            problems.append(f"{syntax} unreadable ({_reason(exc)})")
            found[syntax] = []
    for syntax in ("json-ld", "microdata"):
        product = next(_schema_products(found[syntax], syntax, base_url), None)
        if product is not None:
            return Extraction(product, problems)
    for props in found["opengraph"]:
        if isinstance(props, dict) and (product := _from_opengraph(props, base_url)):
            return Extraction(product, problems)
    return Extraction(None, problems)


def extract_product(html: str, base_url: str) -> Product | None:
    """The product a page describes, or None (see :func:`read_structured`)."""
    return read_structured(html, base_url).product


SELLER_SELECTORS = (
    "[itemprop=seller] [itemprop=name]::text",
    "[itemprop=seller]::text",
    "[data-seller]::attr(data-seller)",
    ".seller a::text",
    ".seller::text",
    "[class*=seller-name]::text",
    "a[href*='/seller/']::text",
    "a[href*='/user/']::text",
)


def seller_from_page(html: str) -> str | None:
    """A seller named in the visible page, for syntaxes (OpenGraph) that carry none."""
    from parsel import Selector

    sel = Selector(text=html)
    for query in SELLER_SELECTORS:
        for value in sel.css(query).getall():
            text = " ".join(value.split())
            if text:
                return text
    return None
