"""schema.org Product data in JSON-LD, microdata (schema.org and data-vocabulary.org) and
OpenGraph product tags, read with ``extruct`` and normalised.

Read robustly: keys in any case (``pricecurrency``), offers nested in offers (an
``AggregateOffer`` listing its ``Offer`` items), price specifications (a list price next to
the selling price), product groups with variants, and data-vocabulary's ``offerDetails``.
Products that are only listed, reviewed or related on the page (an ``ItemList`` of results,
a ``Review``'s ``itemReviewed``) are not the page's product. Which offer the page shows is
decided with the page's visible prices (:mod:`crawler.extract.reading`).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from types import ModuleType
from typing import Any
from urllib.parse import urljoin

import chompjs
from lxml.html import HtmlElement

from crawler.extract import prices
from crawler.extract.currency import normalise_code

log = logging.getLogger(__name__)

PRODUCT_TYPES = {"product", "productgroup", "individualproduct", "productmodel", "vehicle",
                 "car", "somerproducts", "book", "sneaker"}  # fmt: skip
OFFER_TYPES = {"offer", "aggregateoffer", "offerforpurchase"}
# Where a product sits when the page only lists, reviews or relates it.
NOT_THE_PAGES = {"itemlistelement", "itemreviewed", "isrelatedto", "issimilarto",
                 "isaccessoryorsparepartfor", "isconsumablefor", "hasoffercatalog",
                 "mentions", "about", "review", "reviews", "workexample",
                 "containsseason", "associatedmedia"}  # fmt: skip
LIST_TYPES = {"itemlist", "offercatalog", "collectionpage", "searchresultspage", "listitem",
              "review", "article", "newsarticle", "blogposting", "faqpage", "howto"}  # fmt: skip
LIST_PRICE_TYPES = {"listprice", "strikethroughprice", "msrp", "srp", "invoiceprice",
                    "minimumadvertisedprice"}  # fmt: skip
OG_PRODUCT_TYPES = {"product", "product.item", "og:product", "product.group", "og:product.item"}
PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:", "http://data-vocabulary.org/")
GTIN_KEYS = ("gtin13", "gtin12", "gtin14", "gtin8", "gtin", "isbn", "ean", "upc")


@dataclass
class Offer:
    """One offer of a product, as its structured data gives it."""

    price: Decimal | None
    low: Decimal | None
    high: Decimal | None
    currency: str | None
    currency_raw: str | None
    price_text: str | None
    path: str
    aggregate: bool = False
    list_price: bool = False  # a list / struck-through price specification
    availability: str | None = None
    condition: str | None = None
    seller: str | None = None
    seller_url: str | None = None

    @property
    def amount(self) -> Decimal | None:
        """The price, or the lowest of a range."""
        return self.price if self.price is not None else self.low


@dataclass
class Item:
    """A product described by structured data, with where each value was found."""

    syntax: str  # json-ld | microdata | opengraph
    path: str  # where in the syntax, e.g. "block 2 @graph[1]"
    node: dict[str, Any]
    name: str | None = None
    description: str | None = None
    brand: str | None = None
    sku: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    images: list[str] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    seller: str | None = None
    seller_url: str | None = None
    availability: str | None = None
    condition: str | None = None
    listed: bool = False  # only listed, reviewed or related on the page
    variant: bool = False


@dataclass
class Structured:
    """Everything structured the page says about products, and what could not be read."""

    items: list[Item]
    problems: list[str]
    syntaxes: list[str]  # syntaxes present on the page at all


def lower_keys(value: Any) -> Any:
    """A JSON value with every object key lower-cased and schema.org prefixes dropped."""
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key)
            for prefix in PREFIXES:
                if name.startswith(prefix):
                    name = name[len(prefix) :]
            name = name.lower()
            if name not in out or out[name] in (None, "", [], {}):
                out[name] = lower_keys(item)
        return out
    return value


def types_of(node: dict[str, Any]) -> set[str]:
    """The node's @type names, lower-case, without their vocabulary."""
    raw = node.get("@type") or node.get("type") or []
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for v in values}


def first(value: Any) -> Any:
    """The first of a list, or the value."""
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "")), None)
    return value


def text(value: Any) -> str | None:
    """A text value: strings as they are, objects by their name or value."""
    value = first(value)
    if isinstance(value, dict):
        value = (
            value.get("name") or value.get("@value") or value.get("value") or value.get("legalname")
        )
        value = first(value)
    if value is None or isinstance(value, dict | list):
        return None
    result = " ".join(str(value).split())
    if "&" in result and ";" in result:  # HTML entities left in JSON by some shop systems
        result = html.unescape(result)
    return result or None


def enum_name(value: Any) -> str | None:
    """A schema.org enumeration member's name (``http://schema.org/InStock`` is InStock)."""
    found = text(value)
    if not found:
        return None
    return found.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] or None


def _images(value: Any, base_url: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    urls: list[str] = []
    for item in values:
        if isinstance(item, dict):
            item = first(item.get("url") or item.get("contenturl") or item.get("@id"))
        if isinstance(item, str) and item.strip() and not item.strip().startswith("data:"):
            url = urljoin(base_url, item.strip())
            if url not in urls:
                urls.append(url)
    return urls


def _walk(
    node: Any, path: str, context: str | None
) -> Iterator[tuple[dict[str, Any], str, str | None]]:
    """Every object with its path and the key (or list type) it was found under."""
    if isinstance(node, list):
        for n, item in enumerate(node):
            yield from _walk(item, f"{path}[{n}]", context)
    elif isinstance(node, dict):
        yield node, path, context
        here = types_of(node)
        for key, value in node.items():
            if isinstance(value, dict | list):
                inner = key if key not in ("@graph", "mainentity", "mainentityofpage") else context
                if here & LIST_TYPES and key not in ("@graph", "mainentity"):
                    inner = "itemlistelement"
                yield from _walk(value, f"{path}.{key}" if path else key, inner)


def _offers(node: dict[str, Any], path: str) -> Iterator[Offer]:
    """Every offer of a product, descending into aggregate offers and price specifications."""
    raw = node.get("offers", node.get("offerdetails"))
    if raw is None:
        return
    key = "offers" if "offers" in node else "offerdetails"
    items = raw if isinstance(raw, list) else [raw]
    for n, offer in enumerate(items):
        here = f"{path}.{key}" + (f"[{n}]" if isinstance(raw, list) else "")
        if isinstance(offer, dict):
            yield from _offer(offer, here)
        elif isinstance(offer, str | int | float):  # "offers": "19.99" (seen, invalid)
            parsed = prices.parse(offer)
            if parsed:
                yield Offer(parsed.amount, None, None, None, None, str(offer), here)


def _offer(offer: dict[str, Any], path: str) -> Iterator[Offer]:
    nested = offer.get("offers")
    aggregate = "aggregateoffer" in types_of(offer) or "lowprice" in offer
    currency_raw = text(offer.get("pricecurrency") or offer.get("currency"))
    seller = offer.get("seller") or offer.get("offeredby")
    seller_name = text(seller)
    seller_url = text(first(seller).get("url")) if isinstance(first(seller), dict) else None
    common: dict[str, Any] = {
        "availability": enum_name(offer.get("availability")),
        "condition": enum_name(offer.get("itemcondition") or offer.get("condition")),
        "seller": seller_name,
        "seller_url": seller_url,
    }
    price_raw = first(offer.get("price"))
    specs = offer.get("pricespecification")
    spec_list = specs if isinstance(specs, list) else [specs] if isinstance(specs, dict) else []
    if price_raw is not None or "lowprice" in offer:
        parsed = prices.parse(price_raw)
        low = prices.amount(first(offer.get("lowprice")))
        high = prices.amount(first(offer.get("highprice")))
        symbol = parsed.symbol if parsed else None
        yield Offer(
            parsed.amount if parsed else None, low, high,
            normalise_code(currency_raw) or normalise_code(symbol), currency_raw or symbol,
            None if price_raw is None else str(price_raw),
            f"{path}.price" if parsed else f"{path}.lowprice",
            aggregate=aggregate, **common,
        )  # fmt: skip
    for n, spec in enumerate(spec_list):
        if not isinstance(spec, dict) or first(spec.get("price")) is None:
            continue
        parsed = prices.parse(first(spec.get("price")))
        if parsed is None:
            continue
        spec_currency = text(spec.get("pricecurrency")) or currency_raw
        kind = (enum_name(spec.get("pricetype")) or "").lower()
        yield Offer(
            parsed.amount, None, None,
            normalise_code(spec_currency) or normalise_code(parsed.symbol), spec_currency,
            str(first(spec.get("price"))),
            f"{path}.priceSpecification" + (f"[{n}]" if isinstance(specs, list) else "") + ".price",
            list_price=kind in LIST_PRICE_TYPES, **common,
        )  # fmt: skip
    if nested is not None:
        inner = nested if isinstance(nested, list) else [nested]
        for n, item in enumerate(inner):
            if isinstance(item, dict):
                for found in _offer(
                    item, f"{path}.offers" + (f"[{n}]" if isinstance(nested, list) else "")
                ):
                    if found.currency is None and currency_raw:
                        found.currency, found.currency_raw = (
                            normalise_code(currency_raw),
                            currency_raw,
                        )
                    yield found


def _identifier(node: dict[str, Any], kind: str) -> str | None:
    """``identifier`` as data-vocabulary writes it (``mpn:CS-M8100``)."""
    for value in (
        node.get("identifier", [])
        if isinstance(node.get("identifier"), list)
        else [node.get("identifier")]
    ):
        if isinstance(value, str) and value.lower().startswith(f"{kind}:"):
            return value.split(":", 1)[1].strip() or None
        if isinstance(value, dict) and (text(value.get("propertyid")) or "").lower() == kind:
            return text(value.get("value"))
    return None


def item_from_node(node: dict[str, Any], syntax: str, path: str, base_url: str) -> Item:
    """An :class:`Item` from a (lower-cased) schema.org Product node."""
    item = Item(syntax, path, node)
    item.name = text(node.get("name")) or text(node.get("title"))
    item.description = text(node.get("description"))
    item.brand = text(node.get("brand")) or text(node.get("manufacturer"))
    item.sku = text(node.get("sku")) or text(node.get("productid")) or _identifier(node, "sku")
    item.gtin = next(
        (text(node.get(k)) for k in GTIN_KEYS if text(node.get(k))), None
    ) or _identifier(node, "upc")
    item.mpn = text(node.get("mpn")) or _identifier(node, "mpn")
    item.images = _images(node.get("image"), base_url)
    item.offers = list(_offers(node, ""))
    seller = node.get("seller")
    item.seller = text(seller)
    item.condition = enum_name(node.get("itemcondition") or node.get("condition"))
    for variant in (
        node.get("hasvariant", [])
        if isinstance(node.get("hasvariant"), list)
        else [node.get("hasvariant")]
    ):
        if isinstance(variant, dict):
            n = len([o for o in item.offers if o.path.startswith(".hasVariant")])
            for offer in _offers(variant, f".hasVariant[{n}]"):
                item.offers.append(offer)
            if not item.images:
                item.images = _images(variant.get("image"), base_url)
    return item


def _og_item(props: dict[str, Any], base_url: str) -> Item | None:
    """A product from OpenGraph product tags (``og:type`` product, ``product:price:*``)."""
    props = {k.lower(): v for k, v in props.items()}
    og_type = str(first(props.get("og:type") or props.get("@type")) or "").lower()
    has_price = any(k in props for k in ("product:price:amount", "og:price:amount",
                                         "product:sale_price:amount"))  # fmt: skip
    if og_type not in OG_PRODUCT_TYPES and not (has_price and og_type in ("", "website")):
        return None
    item = Item("opengraph", "og", props)
    item.name = text(props.get("og:title"))
    item.description = text(props.get("og:description"))
    item.brand = text(props.get("product:brand") or props.get("og:brand"))
    item.sku = text(props.get("product:retailer_item_id"))
    item.availability = text(props.get("product:availability") or props.get("og:availability"))
    item.condition = text(props.get("product:condition"))
    item.images = _images(props.get("og:image") or props.get("og:image:url"), base_url)
    for key, list_price in (("product:sale_price", False), ("product:price", False),
                            ("og:price", False), ("product:original_price", True)):  # fmt: skip
        raw = first(props.get(f"{key}:amount"))
        if raw is None:
            continue
        parsed = prices.parse(raw)
        if parsed is None:
            continue
        currency_raw = text(props.get(f"{key}:currency"))
        item.offers.append(Offer(parsed.amount, None, None,
                                 normalise_code(currency_raw) or normalise_code(parsed.symbol),
                                 currency_raw or parsed.symbol, str(raw), f"{key}:amount",
                                 list_price=list_price))  # fmt: skip
    return item


@cache
def _extruct() -> tuple[ModuleType, Any]:
    """extruct and its JSON-LD reader, imported on first use: the package brings its RDFa and
    microformat readers (rdflib, mf2py, BeautifulSoup; 0.2 s of imports), unused here, which a
    crawl imports ahead of its first listing (:func:`prepare`), while its browser starts."""
    import extruct
    from extruct.jsonld import JsonLdExtractor

    return extruct, JsonLdExtractor()


def prepare() -> None:
    """Import what reading structured data needs, ahead of the first page (which, if this
    fails, fails again with the reason)."""
    try:
        _extruct()
    except ImportError as exc:
        log.debug("reading not prepared ahead of the first page: %s", exc)


def _reason(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _jsonld_blocks(tree: HtmlElement, problems: list[str]) -> list[tuple[int, Any]]:
    """Every JSON-LD block, each parsed on its own: a broken block costs only itself.
    A broken block is a problem only where it might have described a product."""
    blocks: list[tuple[int, Any]] = []
    jsonld = _extruct()[1]
    for n, node in enumerate(jsonld._xp_jsonld(tree), 1):
        try:
            parsed = list(jsonld._extract_items(node))
        except Exception as exc:
            script = node if isinstance(node, str) else " ".join(node.itertext())
            lenient = _lenient(script)
            if lenient is not None:
                blocks.append((n, lenient))
            elif "product" in script.lower() or "offer" in script.lower():
                problems.append(f"JSON-LD block {n} is not valid JSON ({_reason(exc)})")
            continue
        blocks.extend((n, item) for item in parsed if item)
    return blocks


def _lenient(script: str) -> Any:
    """A broken JSON-LD block read as a JavaScript object literal (trailing commas, single
    quotes, unquoted keys), where ``chompjs`` can; None otherwise."""
    try:
        value: Any = chompjs.parse_js_object(script.strip().strip(";"))
    except Exception:
        return None
    return value if isinstance(value, dict | list) and value else None


def read(tree: HtmlElement, base_url: str) -> Structured:
    """Every product the page's structured data describes, in the order found."""
    problems: list[str] = []
    items: list[Item] = []
    syntaxes: list[str] = []
    blocks = _jsonld_blocks(tree, problems)
    if blocks:
        syntaxes.append("json-ld")
    for n, block in blocks:
        lowered = lower_keys(block)
        for node, path, context in _walk(lowered, "", None):
            here = types_of(node)
            if not here & PRODUCT_TYPES:
                continue
            if context == "hasvariant":
                continue  # read with its group
            item = item_from_node(
                node, "json-ld", f"block {n}" + (f" {path}" if path else ""), base_url
            )
            item.listed = context in NOT_THE_PAGES
            items.append(item)
    extruct = _extruct()[0]
    for syntax in ("microdata", "opengraph"):
        try:
            found = extruct.extract(tree, base_url=base_url, syntaxes=[syntax], uniform=True).get(
                syntax, []
            )
        except Exception as exc:
            problems.append(f"{syntax} unreadable ({_reason(exc)})")
            continue
        if syntax == "opengraph":
            for props in found:
                if isinstance(props, dict) and (og := _og_item(props, base_url)):
                    items.append(og)
                    syntaxes.append("opengraph")
            continue
        if found:
            syntaxes.append("microdata")
        for top, document in enumerate(found):
            for node, path, context in _walk(lower_keys(document), f"item {top + 1}", None):
                if not types_of(node) & PRODUCT_TYPES or context == "hasvariant":
                    continue
                item = item_from_node(node, "microdata", path, base_url)
                if "data-vocabulary" in str(document.get("@context", "")):
                    item.syntax = "microdata"
                    item.path = f"data-vocabulary.org {path}"
                item.listed = context in NOT_THE_PAGES
                items.append(item)
    return Structured(items, problems, syntaxes)
