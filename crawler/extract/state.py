"""The JSON a page carries for its own scripts ("inline state"): ``__NEXT_DATA__``,
``window.__INITIAL_STATE__ = {...}``, AliExpress' ``runParams``, ``dataLayer.push(...)``,
``ShopifyAnalytics.meta``, ``JSON.parse("...")`` strings, URL-encoded state and Next.js
flight data. JavaScript object literals are read with ``chompjs``.

Shops name things in their state as they like, so only what is anchored to the page is
used: an object whose name matches the page's main heading is the product, and its price,
currency, brand and identifiers are read from the usual keys around it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import chompjs
from lxml.html import HtmlElement

from crawler.extract import prices
from crawler.extract.currency import normalise_code
from crawler.extract.page import similarity

MAX_SCRIPT = 2_000_000  # characters of one script read at most
NAME_KEYS = ("name", "title", "productname", "product_name", "itemname", "item_name", "subject",
             "goodsname", "goods_name", "product_title", "producttitle", "displayname",
             "itemtitle", "item_title", "headline")  # fmt: skip
PRICE_KEYS = ("saleprice", "sale_price", "currentprice", "current_price", "finalprice",
              "final_price", "sellingprice", "selling_price", "offerprice", "offer_price",
              "price", "priceamount", "price_amount", "current_retail", "now", "pricevalue",
              "displayprice", "formattedprice", "minprice", "min_price", "minonsaleprice",
              "rawprice", "amount", "value", "discountprice", "discount_price", "actprice",
              "p", "prices", "buybox", "pricing", "priceinfo", "price_info")  # fmt: skip
OLD_PRICE_KEYS = {"originalprice", "original_price", "listprice", "list_price", "was",
                  "oldprice", "old_price", "rawoldprice", "lineprice", "regularprice",
                  "regular_price", "reg_retail", "reg_retail_max", "msrp", "rrp", "m",
                  "strikethroughprice", "compareatprice", "compare_at_price", "maxprice",
                  "max_price", "couponprice", "memberprice", "plusprice"}  # fmt: skip
CURRENCY_KEYS = ("currency", "currencycode", "currency_code", "pricecurrency",
                 "price_currency", "currencyid", "currencysymbol")  # fmt: skip
BRAND_KEYS = ("brand", "brandname", "brand_name", "manufacturer", "vendor")
SELLER_KEYS = ("seller", "sellername", "seller_name", "storename", "store_name", "shopname",
               "shop_name", "merchant", "merchantname", "soldby", "sold_by", "user", "owner",
               "supplier", "companyname", "company_name")  # fmt: skip
SKU_KEYS = ("sku", "skuid", "sku_id", "itemid", "item_id", "productid", "product_id", "asin",
            "goodsid", "tcin", "usitemid")  # fmt: skip
_ASSIGN = re.compile(
    r"(?:window\.|var\s+|let\s+|const\s+|self\.)?([\w$.\[\]\"']+)\s*=\s*(?=[{\[\"'J])"
)
_JSON_PARSE = re.compile(r"JSON\.parse\(\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*\)", re.S)
_FLIGHT = re.compile(
    r"self\.__next_f\.push\(\s*\[\s*\d+\s*,\s*(\"(?:[^\"\\]|\\.)*\")\s*\]\s*\)", re.S
)


@dataclass
class StateProduct:
    """A product object found in the page's state, with where it was found."""

    script: str  # which script: its id, or the variable assigned
    path: str  # the key path to the object
    node: dict[str, Any]
    parent: dict[str, Any] | None
    name: str
    amounts: list[tuple[str, Decimal, str]] = field(default_factory=list)  # (path, amount, text)
    currency: str | None = None
    brand: str | None = None
    sku: str | None = None
    seller: str | None = None


def scripts(root: HtmlElement) -> Iterator[tuple[str, Any]]:
    """(label, parsed JSON) for every state document in the page's scripts."""
    for n, script in enumerate(root.iter("script"), 1):
        kind = (script.get("type") or "").lower()
        if "ld+json" in kind or script.get("src"):
            continue
        body = (script.text or "")[:MAX_SCRIPT]
        if not body.strip():
            continue
        label = script.get("id") or f"script {n}"
        if "json" in kind:
            try:
                yield label, _decoded(json.loads(body))
            except (ValueError, RecursionError):
                continue
            continue
        if kind and "javascript" not in kind and "module" not in kind:
            continue
        yield from _from_javascript(body, label)


def _from_javascript(body: str, label: str) -> Iterator[tuple[str, Any]]:
    for match in _JSON_PARSE.finditer(body):
        try:
            yield f"{label} JSON.parse", _decoded(json.loads(json.loads(_double(match.group(1)))))
        except ValueError:
            continue
    flight = list(_FLIGHT.finditer(body))
    for match in flight:
        try:
            chunk = json.loads(match.group(1))
        except ValueError:
            continue
        for line in str(chunk).splitlines():
            _, _, payload = line.partition(":")
            if payload[:1] in ("{", "["):
                try:
                    yield f"{label} flight data", json.loads(payload)
                except ValueError:
                    continue
    if flight:
        return
    names = [m.group(1) for m in _ASSIGN.finditer(body)]
    if "{" not in body and "[" not in body:
        return
    try:
        objects: list[Any] = list(chompjs.parse_js_objects(body, omitempty=True))
    except Exception:
        return
    for n, obj in enumerate(objects):
        name = names[n] if n < len(names) and len(objects) == len(names) else None
        yield (f"{label} {name}" if name else label), _decoded(obj)


def _double(literal: str) -> str:
    """A JavaScript string literal as a JSON one."""
    if literal.startswith("'"):
        return '"' + literal[1:-1].replace('\\"', '"').replace('"', '\\"').replace("\\'", "'") + '"'
    return literal


def _decoded(value: Any) -> Any:
    """State given as a JSON string, possibly URL-encoded, decoded."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("%7B") or text.startswith("%5B"):
            text = unquote(text)
        if text[:1] in ("{", "["):
            try:
                return json.loads(text)
            except ValueError:
                return value
    return value


def _walk(
    node: Any, path: str, parent: dict[str, Any] | None
) -> Iterator[tuple[dict[str, Any], str, dict[str, Any] | None]]:
    if isinstance(node, dict):
        yield node, path, parent
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from _walk(value, f"{path}.{key}" if path else str(key), node)
            elif isinstance(value, str) and value[:3] in ('{"', "%7B"):
                decoded = _decoded(value)
                if isinstance(decoded, dict):
                    yield from _walk(decoded, f"{path}.{key}" if path else str(key), node)
    elif isinstance(node, list):
        for n, item in enumerate(node[:500]):
            yield from _walk(item, f"{path}[{n}]", parent)


def _lower(node: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in node.items()}


def _amounts(node: dict[str, Any], path: str, depth: int = 0) -> Iterator[tuple[str, Decimal, str]]:
    """Prices under the usual keys of an object (and of its price sub-objects)."""
    lowered = _lower(node)
    for key in PRICE_KEYS:
        if key not in lowered or key in OLD_PRICE_KEYS:
            continue
        original = next(k for k in node if str(k).lower() == key)
        value = lowered[key]
        here = f"{path}.{original}"
        if isinstance(value, dict) and depth < 3:
            yield from _amounts(value, here, depth + 1)
        elif isinstance(value, list) and value and depth < 3:
            for n, item in enumerate(value[:5]):
                if isinstance(item, dict):
                    yield from _amounts(item, f"{here}[{n}]", depth + 1)
                else:
                    parsed = prices.parse(item)
                    if parsed and parsed.amount > 0:
                        yield f"{here}[{n}]", parsed.amount, str(item)
        elif not isinstance(value, bool):
            parsed = prices.parse(value)
            if parsed and parsed.amount > 0:
                yield here, parsed.amount, str(value)


def _text_key(node: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    lowered = _lower(node)
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, dict):
            value = _lower(value).get("name") or _lower(value).get("title")
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())[:200]
    return None


def products(
    documents: list[tuple[str, Any]], heading: str | None, limit: int = 5
) -> list[StateProduct]:
    """Objects in the page's state named like the page's main heading, best match first."""
    if not heading:
        return []
    found: list[tuple[float, StateProduct]] = []
    for label, document in documents:
        for node, path, parent in _walk(document, "", None):
            lowered = _lower(node)
            name = next(
                (
                    lowered[k]
                    for k in NAME_KEYS
                    if isinstance(lowered.get(k), str) and lowered[k].strip()
                ),
                None,
            )
            if name is None:
                continue
            score = max(similarity(name, heading), similarity(heading, name))
            if score < 0.6:
                continue
            product = StateProduct(label, path, node, parent, " ".join(name.split()))
            product.amounts = list(_amounts(node, path))
            if not product.amounts and parent is not None:
                product.amounts = list(
                    _amounts(parent, path.rsplit(".", 1)[0] if "." in path else "")
                )
            for source in (node, parent or {}):
                product.currency = product.currency or normalise_code(
                    _text_key(source, CURRENCY_KEYS)
                )
                product.brand = product.brand or _text_key(source, BRAND_KEYS)
                product.sku = product.sku or _text_key(source, SKU_KEYS)
                product.seller = product.seller or _text_key(source, SELLER_KEYS)
            if product.currency is None:
                for _, _, raw in product.amounts:
                    parsed = prices.parse(raw)
                    if parsed and parsed.symbol:
                        product.currency = normalise_code(parsed.symbol)
                        break
            found.append((score + (0.5 if product.amounts else 0), product))
    found.sort(key=lambda pair: -pair[0])
    return [p for _, p in found[:limit]]


PAGE_TYPE_KEYS = {"pagetype", "page_type", "pagetemplate", "page_template"}


def page_types(documents: list[tuple[str, Any]]) -> list[str]:
    """What the page's state says the page is (``"pageType": "product"``...)."""
    found: list[str] = []
    for _, document in documents:
        for node, _, _ in _walk(document, "", None):
            for key, value in node.items():
                if (
                    str(key).lower() in PAGE_TYPE_KEYS
                    and isinstance(value, str)
                    and len(value) < 40
                ):
                    if value not in found:
                        found.append(value)
    return found
