"""Reading a page: is it a listing, and what does it say about the product it offers?

Structured data first (:mod:`.structured`); failing that the page itself
(:mod:`.heuristics`), helped by the page's inline state (:mod:`.state`). Whatever the
source, the price is the one the page shows: an offer of the structured data that appears
among the page's visible prices, not a struck-through or list price. Every field records how
it was read (:class:`evidence.capture.product.FieldSource`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urljoin

from crawler.extract import currency, heuristics, state, structured
from crawler.extract.page import Heading, Mention, PageView, css_path, norm, similarity
from crawler.extract.structured import Item, Offer
from evidence.capture.product import FieldSource, Product

log = logging.getLogger(__name__)


@dataclass
class Reading:
    """What a page says: its product (None: not a listing), why, and what could not be read."""

    product: Product | None
    problems: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _similar(a: str | None, b: str | None) -> float:
    return max(similarity(a, b), similarity(b, a))


def _main_item(items: list[Item], heading: Heading | None, view: PageView) -> Item | None:
    """The product the page is about among those its structured data describes: the one
    named like the main heading (or the page's own titles), with offers preferred."""
    named = [i for i in items if i.name and not i.listed]
    if not named:
        return None
    references = [heading.text] if heading else view.references()
    distinct = {norm(i.name).casefold() for i in named if i.syntax != "opengraph"}

    def score(item: Item) -> tuple[float, int, int]:
        match = max((_similar(item.name, r) for r in references), default=0.0)
        return (match, 1 if item.offers else 0, 1 if item.syntax != "opengraph" else 0)

    best = max(named, key=score)
    if len(distinct) >= 3 and score(best)[0] < 0.5:
        return None  # several unrelated products, none the page's: a list
    return best


def _related(primary: Item, items: list[Item]) -> list[Item]:
    """Other descriptions of the same product (another syntax, another block)."""
    return [
        i for i in items
        if i is not primary and not i.listed and i.name and _similar(i.name, primary.name) >= 0.6
    ]  # fmt: skip


def _visible_match(
    view: PageView, heading: Heading | None, amount: Decimal | None
) -> tuple[tuple[int, int], Mention] | None:
    """The best-ranked visible price equal to ``amount`` (not struck, not another product's)."""
    if amount is None:
        return None
    for ranking, mention in heuristics.ranked(view, heading):
        if ranking[0] <= 3 and mention.amount == amount:
            return ranking, mention
    return None


def _struck_only(view: PageView, heading: Heading | None, amount: Decimal | None) -> bool:
    """Whether ``amount`` is shown only struck through (or as a list price)."""
    shown = [m for m in view.mentions if m.amount == amount and not m.chrome and not m.elsewhere]
    return bool(shown) and all(m.struck for m in shown)


@dataclass
class PriceChoice:
    """The price chosen, and how."""

    amount: Decimal | None
    how: FieldSource | None
    currency: str | None = None
    currency_how: FieldSource | None = None
    mention: Mention | None = None
    offer: Offer | None = None
    kind: str | None = None


def _mention_source(how: str, mention: Mention) -> FieldSource:
    return FieldSource("page", how, css_path(mention.element), mention.text)


def _choose_offer(
    view: PageView, heading: Heading | None, item: Item, offers: list[Offer]
) -> PriceChoice:
    """The offer the page shows (see the module docstring)."""
    main = heuristics.main_price(view, heading, scale=4)
    priced = [o for o in offers if o.amount is not None]
    matches = []
    for offer in priced:
        for amount in (offer.price, offer.low):
            found = _visible_match(view, heading, amount)
            if found:
                matches.append((found[0], 1 if offer.list_price else 0, offer, found[1]))
    if matches:
        matches.sort(key=lambda m: (m[1], m[0]))
        _, _, offer, mention = matches[0]
        how = f"{offer.path} of the {item.syntax} Product, the offer the page shows"
        if len(priced) > 1:
            how += f" (of {len(priced)} prices given)"
        return PriceChoice(
            mention.amount,
            FieldSource(item.syntax, how, f"{item.path} {offer.path}".strip(), offer.price_text),
            offer=offer,
            mention=mention,
            kind="from" if offer.aggregate and mention.amount == offer.low else mention.bid,
        )
    sellable = [o for o in priced if not o.list_price]
    first = sellable[0] if sellable else (priced[0] if priced else None)
    unseen = first is not None and not any(m.amount == first.amount for m in view.mentions)
    # A price the page does not show is overruled only by a clear one: marked as the
    # current price, or against OpenGraph tags (often stale).
    tier = heuristics.rank(view, heading, main)[0] if main is not None else 9
    clear = tier == 0 or (tier <= 1 and item.syntax == "opengraph")
    if main is not None and (
        first is None or _struck_only(view, heading, first.amount) or (unseen and clear)
    ):
        if first is None:
            why = "the structured data gives no price"
        elif unseen:
            why = f"the structured data's price {first.amount} is not shown on the page"
        else:
            why = "the structured data's price is shown struck through"
        return PriceChoice(
            main.amount,
            _mention_source(f"the current price near the main heading ({why})", main),
            mention=main,
            kind=main.bid,
        )
    if first is None:
        return PriceChoice(None, None)
    low = first.price is None and first.low is not None
    how = f"{first.path} of the {item.syntax} Product" + (
        " (the lowest price of the range)"
        if low
        else " (not found among the page's visible prices)"
    )
    return PriceChoice(
        first.amount,
        FieldSource(item.syntax, how, f"{item.path} {first.path}".strip(), first.price_text),
        offer=first,
        kind="from" if low else None,
    )


def _territory(view: PageView) -> str | None:
    return currency.territory_of(view.url) or currency.territory_of_language(view.lang)


def _state_currency(
    state_product: state.StateProduct | None,
) -> list[tuple[str | None, FieldSource]]:
    """The currency the page's inline state gives its product, as a candidate for ``_currency``
    (none when the state names no currency)."""
    if state_product is None or not state_product.currency:
        return []
    where = f"{state_product.script} {state_product.path}"
    how = FieldSource("state", "the currency of the product in the page's state", where,
                      state_product.currency)  # fmt: skip
    return [(state_product.currency, how)]


def _currency(
    view: PageView, choice: PriceChoice, extra: list[tuple[str | None, FieldSource]]
) -> None:
    """The choice's currency: the offer's code, the shown price's symbol, the other sources
    given in ``extra``, else inferred from the site's domain or the page's language."""
    if choice.offer is not None and choice.offer.currency:
        choice.currency = choice.offer.currency
        choice.currency_how = FieldSource(
            choice.how.source if choice.how else "structured",
            "the offer's priceCurrency"
            + (
                f" ({choice.offer.currency_raw} normalised)"
                if choice.offer.currency_raw
                and choice.offer.currency_raw.upper() != choice.offer.currency
                else ""
            ),
            choice.how.selector if choice.how else None,
            choice.offer.currency_raw,
        )
        return
    if choice.mention is not None and choice.mention.symbol:
        code = currency.from_symbol(choice.mention.symbol, _territory(view))
        if code:
            choice.currency = code
            choice.currency_how = FieldSource(
                "page",
                f"the symbol {choice.mention.symbol!r} printed with the price",
                css_path(choice.mention.element),
                choice.mention.text,
            )
            return
    for code, how in extra:
        if code:
            choice.currency, choice.currency_how = code, how
            return
    if choice.amount is None:
        return
    code, why = currency.infer(view.url, view.lang)
    if code:
        choice.currency = code
        choice.currency_how = FieldSource("inferred", f"not stated; inferred from {why}")


def _availability(view: PageView, heading: Heading | None) -> tuple[str, FieldSource] | None:
    for link in view.root.xpath("//*[@itemprop='availability']"):
        value = link.get("href") or link.get("content") or view.text_of(link)
        name = structured.enum_name(value)
        if name:
            return name, FieldSource(
                "page", "the itemprop=availability element", css_path(link), value
            )
    if heading is None:
        return None
    for el in view.visible():
        pos = view.order[el]
        if (
            pos < heading.position
            or pos > heading.position + heuristics.NEAR_AFTER
            or view.chrome(el)
        ):
            continue
        text = view.short_texts.get(el)
        if not text or len(text) > 40 or len(el):
            continue
        name = heuristics.availability_name(text)
        if name is not None:
            return name, FieldSource(
                "page", "availability stated near the main heading", css_path(el), text
            )
    return None


def read_page(html: str, url: str) -> Reading:
    """Whether the page is a listing and what it says about its product (see the module)."""
    view = PageView(html, url)
    found = structured.read(view.root, url)
    names = [i.name for i in found.items if i.name and not i.listed]
    heading = view.heading(names)
    documents = list(state.scripts(view.root))
    state_types = state.page_types(documents)
    primary = _main_item(found.items, heading, view)
    if primary is not None and heading is not None and _similar(heading.text, primary.name) < 0.3:
        better = view.heading([primary.name] if primary.name else None)
        heading = better or heading
    named = state.products(
        documents, heading.text if heading else (primary.name if primary else None)
    )
    state_product = named[0] if named else None
    reasons: list[str] = []
    if view.oversized:
        reasons.append(f"the page is too large ({len(html):,} characters) to read beyond its "
                       "structured data")  # fmt: skip
    if primary is not None:
        reasons.append(f"structured data ({primary.syntax}) describes a product: {primary.name!r}")
        product = _from_structured(view, heading, primary, found.items, state_product)
    else:
        structured_types = {
            t for i in found.items for t in structured.types_of(i.node)
        } | _page_level_types(view)
        verdict = heuristics.judge(
            view, heading, state_product is not None, state_types, structured_types
        )
        reasons.extend(verdict.reasons)
        if not verdict.listing:
            return Reading(None, found.problems, reasons)
        product = _from_page(view, verdict, state_product)
    _common_fields(view, heading, product, state_product)
    return Reading(product, found.problems, reasons)


def _page_level_types(view: PageView) -> set[str]:
    """schema.org types of the page's top-level JSON-LD nodes (Article, ItemList...)."""
    import json

    types: set[str] = set()
    for script in view.root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        nodes = (
            data
            if isinstance(data, list)
            else data.get("@graph", [data])
            if isinstance(data, dict)
            else []
        )
        for node in nodes if isinstance(nodes, list) else []:
            if isinstance(node, dict):
                types |= structured.types_of(structured.lower_keys(node))
    return types


def _title(view: PageView, heading: Heading | None, name: str | None) -> tuple[str | None, str]:
    """The product name: the structured name, or the heading where it shows that name with
    more words (``BILLY`` is shown as ``BILLY Bokhylla, vit, 80x28x202 cm``)."""
    if heading is not None and name:
        shown = heading.text
        if (
            len(shown) > len(name)
            and similarity(name, shown) >= 0.99
            and len(shown) <= 3 * len(name) + 40
        ):
            return shown, "heading"
    return name, "structured"


def _from_structured(
    view: PageView, heading: Heading | None, primary: Item, items: list[Item],
    state_product: state.StateProduct | None,
) -> Product:  # fmt: skip
    related = _related(primary, items)
    product = Product(
        title=None,
        price=None,
        currency=None,
        seller=None,
        description=None,
        source=primary.syntax,
        raw=primary.node,
    )
    title, how = _title(view, heading, primary.name)
    if how == "heading" and heading is not None:
        product.read(
            "title",
            title,
            FieldSource(
                "page",
                f"the main heading, which shows the {primary.syntax} Product name "
                f"{primary.name!r} in full",
                css_path(heading.element),
                heading.text,
            ),
        )
    else:
        product.read(
            "title",
            title,
            FieldSource(
                primary.syntax,
                f"name of the {primary.syntax} Product",
                f"{primary.path} name",
                primary.name,
            ),
        )
    offers = [*primary.offers]
    for other in related:
        offers.extend(o for o in other.offers if o not in offers)
    choice = _choose_offer(view, heading, primary, offers)
    og = next((i for i in related if i.syntax == "opengraph"), None)
    extra: list[tuple[str | None, FieldSource]] = []
    if og is not None:
        code = next((o.currency for o in og.offers if o.currency), None)
        extra.append((code, FieldSource("opengraph", "product:price:currency", "og", code)))
    extra.extend(_state_currency(state_product))
    _currency(view, choice, extra)
    if choice.amount is not None and choice.how is not None:
        product.read("price", choice.amount, choice.how)
        product.price_kind = choice.kind
        if choice.how.source == "page":
            product.source = f"{product.source}+page"
    if choice.currency and choice.currency_how:
        product.read("currency", choice.currency, choice.currency_how)
    for source in (primary, *related):
        where = f"{source.path}"
        for name in ("brand", "sku", "gtin", "mpn", "description"):
            if getattr(product, name) is None:
                value = getattr(source, name)
                product.read(
                    name,
                    value,
                    FieldSource(
                        source.syntax,
                        f"{name} of the {source.syntax} Product",
                        f"{where} {name}",
                        value,
                    ),
                )
        if not product.images and source.images:
            product.read(
                "images",
                source.images,
                FieldSource(
                    source.syntax, f"image of the {source.syntax} Product", f"{where} image"
                ),
            )
        if product.availability is None and source.availability:
            product.read(
                "availability",
                source.availability,
                FieldSource(
                    source.syntax,
                    "product availability",
                    f"{where} availability",
                    source.availability,
                ),
            )
        if product.condition is None and source.condition:
            product.read(
                "condition",
                heuristics.condition_name(source.condition) or source.condition,
                FieldSource(
                    source.syntax, "item condition", f"{where} itemCondition", source.condition
                ),
            )
        if product.seller is None and source.seller:
            product.read(
                "seller",
                source.seller,
                FieldSource(
                    source.syntax,
                    f"seller of the {source.syntax} Product",
                    f"{where} seller",
                    source.seller,
                ),
            )
    offer = choice.offer
    if offer is not None:
        at = choice.how.selector if choice.how else None
        if offer.availability:
            product.read(
                "availability",
                offer.availability,
                FieldSource(
                    primary.syntax, "availability of the offer shown", at, offer.availability
                ),
            )
        if offer.condition:
            product.read(
                "condition",
                heuristics.condition_name(offer.condition) or offer.condition,
                FieldSource(
                    primary.syntax, "itemCondition of the offer shown", at, offer.condition
                ),
            )
        if offer.seller:
            product.read(
                "seller",
                offer.seller,
                FieldSource(primary.syntax, "seller of the offer shown", at, offer.seller),
            )
        if offer.seller_url:
            product.read(
                "seller_url",
                urljoin(view.url, offer.seller_url),
                FieldSource(primary.syntax, "url of the offer's seller", at, offer.seller_url),
            )
    return product


def _from_page(
    view: PageView, verdict: heuristics.PageVerdict, state_product: state.StateProduct | None
) -> Product:
    """A product read from the visible page, with the page's state as a second source."""
    heading, mention = verdict.heading, verdict.price
    assert heading is not None
    product = Product(
        title=None,
        price=None,
        currency=None,
        seller=None,
        description=None,
        source="page",
        raw={"reasons": verdict.reasons},
    )
    product.read(
        "title",
        heading.text,
        FieldSource("page", heading.how, css_path(heading.element), heading.text),
    )
    choice = PriceChoice(None, None)
    if mention is not None:
        how = "the current price near the main heading"
        if mention.bid == "current-bid":
            how = "the current bid near the main heading"
        elif mention.bid == "starting-bid":
            how = "the starting price near the main heading (no bids yet)"
        elif mention.element is heading.element:
            how = "the price written in the main heading"
        choice = PriceChoice(
            mention.amount, _mention_source(how, mention), mention=mention, kind=mention.bid
        )
    if state_product is not None:
        product.source = "page+state"
    _currency(view, choice, _state_currency(state_product))
    if choice.amount is not None and choice.how is not None:
        product.read("price", choice.amount, choice.how)
        product.price_kind = choice.kind
    if choice.currency and choice.currency_how:
        product.read("currency", choice.currency, choice.currency_how)
    if state_product is not None:
        where = f"{state_product.script} {state_product.path}"
        for name in ("brand", "sku"):
            value = getattr(state_product, name)
            product.read(
                name,
                value,
                FieldSource("state", f"{name} of the product in the page's state", where, value),
            )
    description = view.meta("og:description", "description")
    product.read("description", description, FieldSource("page", "the page's description meta tag"))
    return product


def _common_fields(
    view: PageView,
    heading: Heading | None,
    product: Product,
    state_product: state.StateProduct | None,
) -> None:
    """Fields read from the page whatever the source: brand, identifiers, condition and
    seller under their labels, the seller's link, availability, images."""
    labelled = heuristics.labelled_values(view)
    for name in ("brand", "sku", "mpn", "gtin"):
        if getattr(product, name) is None and name in labelled:
            found = labelled[name]
            product.read(
                name,
                found.value,
                FieldSource(
                    "page",
                    f"the value labelled {found.label!r}",
                    css_path(found.element),
                    found.value,
                ),
            )
    if product.condition is None and "condition" in labelled:
        found = labelled["condition"]
        condition = heuristics.condition_name(found.value)
        product.read(
            "condition",
            condition,
            FieldSource(
                "page", f"the value labelled {found.label!r}", css_path(found.element), found.value
            ),
        )
    link = heuristics.seller_link(view, heading)
    if product.seller is None and "seller" in labelled:
        found = labelled["seller"]
        product.read(
            "seller",
            found.value,
            FieldSource(
                "page", f"the value labelled {found.label!r}", css_path(found.element), found.value
            ),
        )
    if link is not None:
        name, href, anchor = link
        if product.seller is None or product.seller == name:
            product.read(
                "seller",
                name,
                FieldSource("page", "the link to the seller's page", css_path(anchor), name),
            )
            product.read(
                "seller_url",
                urljoin(view.url, href),
                FieldSource("page", "the link to the seller's page", css_path(anchor), href),
            )
    if product.seller is None:
        marked = heuristics.seller_from_markup(view)
        if marked is not None:
            name, element, query = marked
            product.read(
                "seller",
                name,
                FieldSource(
                    "page",
                    f"the element the markup names the seller ({query})",
                    css_path(element),
                    name,
                ),
            )
    if product.seller is None and state_product is not None and state_product.seller:
        product.read(
            "seller",
            state_product.seller,
            FieldSource(
                "state",
                "seller of the product in the page's state",
                f"{state_product.script} {state_product.path}",
                state_product.seller,
            ),
        )
    if product.availability is None:
        found_availability = _availability(view, heading)
        if found_availability:
            product.read("availability", *found_availability)
    if not product.images:
        og_image = view.meta("og:image", "og:image:url", "twitter:image")
        if og_image:
            product.read(
                "images",
                [urljoin(view.url, og_image)],
                FieldSource("page", "the page's og:image", None, og_image),
            )
        else:
            images = heuristics.page_images(view, heading, None)
            if images:
                product.read(
                    "images",
                    [urljoin(view.url, src) for src, _ in images],
                    FieldSource(
                        "page",
                        "images of the product block around the main heading",
                        css_path(images[0][1]),
                    ),
                )


def extract_product(html: str, url: str) -> Product | None:
    """The product a page offers, or None when it is not a listing (see :func:`read_page`)."""
    return read_page(html, url).product


def describe(product: Product) -> dict[str, Any]:
    """How each field of a product was read, for people: ``{field: "source: how"}``."""
    return {name: f"{how.source}: {how.how}" for name, how in product.extraction.items()}
