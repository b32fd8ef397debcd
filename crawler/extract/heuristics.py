"""Recognising a listing from the page itself, and reading its fields, when structured data
says nothing (or says it wrongly).

A page is a listing when it has a main heading with a current price near it, shown for
that product (not a tile of a result list, not struck through, not a member or instalment
price), and something that makes it a product page: a buy, bid or contact action, the price
written into the heading itself (a social post), or the page saying so (``og:type``
product, a product page type in its state, an object in its state named like the heading).
Pages that say they are something else (a cart, a search, an article) or that list many
priced products with their own buy buttons are not listings.

The rules, each small and named, are tested in ``tests/test_extract_heuristics.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from crawler.extract.page import Heading, Mention, PageView, norm
from crawler.extract.vocabulary import AVAILABILITY_WORDS, CONDITIONS, LABELLED

# Prices further than this from the heading (in elements, document order) are not "near".
NEAR_AFTER = 260
NEAR_BEFORE = 90
MANY_BUY_ACTIONS = 4  # a page with more buy buttons than this lists products
# URL paths of pages that are not listings (a last resort: a page may still prove itself).
NOT_LISTING_PATH = re.compile(
    r"/(cart|basket|bag|checkout|carrito|cesta|panier|warenkorb|carrello|winkelwagen|koszyk|"
    r"sepet|sepetim|login|log-in|signin|sign-in|register|account|accounts|help|faq|faqs|"
    r"support|search|s|sch|blog|blogs|news|article|articles|magazine|category|categories|"
    r"collections|c|b|kategorie|categorie|categoria|wishlist|compare)(/[^/]*)?/?$",
    re.I,
)
PRODUCT_PATH = re.compile(
    r"/(dp|gp/product|itm|item|items|product|products|produkt|produit|producto|produto|"
    r"prodotto|p|ip|listing|listings|offer|oferta|ad|anzeige|s-anzeige|vp|goods|detail|"
    r"product-detail|prod)(/|-|\.|$)|/p/|[-_/]p\d{5,}|-i\.\d+\.\d+",
    re.I,
)
NOT_LISTING_TYPES = {"article", "newsarticle", "blogposting", "itemlist", "collectionpage",
                     "searchresultspage", "faqpage", "checkoutpage", "profilepage",
                     "contactpage", "aboutpage"}  # fmt: skip
PRODUCT_PAGE_TYPES = re.compile(
    r"^(product|products|pdp|item|itempage|productdetail|product[-_ ]?detail|"
    r"product[-_ ]?page|detail|goods|vip|adview|ad)$",
    re.I,
)
OTHER_PAGE_TYPES = re.compile(
    r"^(category|collection|search|searchresults|search[-_ ]?results|cart|basket|checkout|"
    r"home|homepage|article|blog|cms|account|login|plp|srp|catalog)$",
    re.I,
)


@dataclass
class PageVerdict:
    """What the page itself says: its heading, the price it shows for it, and whether it is
    a listing, with the reasons."""

    heading: Heading | None
    price: Mention | None
    listing: bool
    reasons: list[str] = field(default_factory=list)


def rank(view: PageView, heading: Heading | None, mention: Mention) -> tuple[int, int]:
    """How likely a price is the one the page sells its product at (lower is likelier):
    first what the price is (shown for the product, struck, a side price, another product's),
    then how far it is from the main heading."""
    elsewhere = mention.elsewhere and (
        heading is None
        or any(heading.element not in n.iterdescendants() for n in mention.elsewhere_in)
    )
    if mention.chrome or elsewhere:
        tier = 6
    elif mention.struck:
        tier = 4
    elif mention.side or mention.option:
        tier = 3
    elif mention.linked:
        tier = 2
    elif not (mention.priceish or mention.current or mention.symbol):
        tier = 2
    else:
        tier = 0 if mention.current else 1
    if heading is None:
        return tier, mention.position
    if heading.element is mention.element or heading.element in view.ancestors(mention.element):
        return tier, 0
    if tier < 4 and view.in_repeated_item(
        mention.element, view.common_ancestor(heading.element, mention.element)
    ):
        tier = 5
    distance = mention.position - heading.position
    return tier, distance if distance >= 0 else -distance * 3


def near(heading: Heading, mention: Mention, scale: int = 1) -> bool:
    """Whether a price is close enough to the heading to be its price."""
    distance = mention.position - heading.position
    return -NEAR_BEFORE * scale <= distance <= NEAR_AFTER * scale


def ranked(view: PageView, heading: Heading | None) -> list[tuple[tuple[int, int], Mention]]:
    """The page's prices, likeliest first."""
    scored = [(rank(view, heading, m), m) for m in view.mentions]
    scored.sort(key=lambda pair: pair[0])
    return scored


def main_price(view: PageView, heading: Heading | None, scale: int = 1) -> Mention | None:
    """The price the page shows for its product: the likeliest price near the heading that
    is not another product's (tiers 0 to 3); for quantity tiers or a range, its lowest.
    ``scale`` widens "near" (where structured data already says the page is a product)."""
    if heading is None:
        return None
    for (tier, _), mention in ranked(view, heading):
        if tier >= 4 or not near(heading, mention, scale):
            continue
        return _lowest_of_group(view, mention)
    return None


def _lowest_of_group(view: PageView, mention: Mention) -> Mention:
    """Quantity tiers (``2-99 pieces $3.80 / >=500 pieces $2.50``) shown as sibling items
    alike in markup: the lowest of them is the price a listing is quoted at."""
    node: HtmlElement | None = mention.element
    for _ in range(3):
        if node is None:
            break
        parent = node.getparent()
        if parent is None:
            break
        alike = [s for s in parent if s.tag == node.tag and s.get("class") == node.get("class")]
        if len(alike) >= 2 and node.get("class"):
            group = [
                m for s in alike for m in view.mentions_in(s)
                if not m.secondary and not m.linked and m.symbol == mention.symbol
            ]  # fmt: skip
            if len(group) >= 2 and all(
                re.search(r"\d\s*(-|–|~|≥|>=|\+|or more|pieces|pcs|units|stück|件|個)", m.label)
                for m in group
            ):
                return min(group, key=lambda m: m.amount)
        node = parent
    return mention


def page_types(view: PageView, state_types: list[str]) -> tuple[set[str], set[str]]:
    """What the page says it is, as (product signs, other-page signs)."""
    product: set[str] = set()
    other: set[str] = set()
    og_type = (view.meta("og:type") or "").lower()
    if og_type in ("product", "product.item", "og:product", "product.group") or og_type.endswith(
        ":product"
    ):
        product.add(f"og:type {og_type}")
    elif og_type in ("article", "blog", "profile", "video.other"):
        other.add(f"og:type {og_type}")
    for value in state_types:
        if PRODUCT_PAGE_TYPES.match(value):
            product.add(f"page type {value!r} in its state")
        elif OTHER_PAGE_TYPES.match(value):
            other.add(f"page type {value!r} in its state")
    body = view.root.find(".//body")
    marks = " ".join((body.get("class") or "", body.get("id") or "")) if body is not None else ""
    if re.search(r"(catalog-product-view|single-product|product-template|template-product|"
                 r"page-product|product-page|\bproduct\b|pdp)", marks, re.I):  # fmt: skip
        product.add("the page body is marked as a product page")
    if re.search(r"(catalog-category-view|archive|woocommerce-cart|template-collection|"
                 r"template-search|page-category|category|search|cart|checkout)",
                 marks, re.I):  # fmt: skip
        other.add("the page body is marked as a list, cart or search page")
    return product, other


def judge(
    view: PageView,
    heading: Heading | None,
    state_named: bool,
    state_types: list[str],
    structured_types: set[str],
) -> PageVerdict:
    """Whether the page itself shows a listing (see the module's rules).

    Given a heading with a price near it, signs for a listing (a buy, bid or contact action;
    the price written into the heading; the page declaring itself a product page; a product
    in its state named like the heading; a product-like URL) are weighed against signs
    against (the page declaring itself a list, cart, search or article: 2 each when its
    structured data or markup says so, 1 for a URL path, 0.5 for an ``og:type``, which
    classifieds often set to "article"; many buy buttons: 1). A listing needs at least one
    sign for and more for than against.
    """
    if heading is None:
        return PageVerdict(None, None, False, ["no main heading"])
    price = main_price(view, heading)
    if price is None:
        return PageVerdict(heading, None, False, ["no current price near the main heading"])
    product_signs, other_signs = page_types(view, state_types)
    against: list[tuple[float, str]] = [
        (0.5 if s.startswith("og:type") else 2, s) for s in sorted(other_signs)
    ]
    if structured_types & NOT_LISTING_TYPES:
        kind = sorted(structured_types & NOT_LISTING_TYPES)[0]
        against.append((2, f"its structured data describes a {kind}"))
    actions = [a for a in view.actions if a.kind in ("buy", "bid", "contact")]
    buys = [a for a in actions if a.kind == "buy"]
    if len(buys) > MANY_BUY_ACTIONS:
        against.append((1, f"{len(buys)} buy buttons"))
    path = urlsplit(view.url).path or "/"
    if NOT_LISTING_PATH.search(path):
        against.append((1, f"the URL path {path!r} is a list's, cart's or help page's"))
    signs: list[str] = []
    if actions:
        kinds = sorted({a.kind for a in actions})
        signs.append(f"a {'/'.join(kinds)} action ({actions[0].text[:40]!r})")
    if price.element is heading.element or heading.element in view.ancestors(price.element):
        signs.append("the price is written into the heading (a post offering an item)")
    signs.extend(sorted(product_signs))
    if state_named:
        signs.append("its inline state holds a product named like the heading")
    if PRODUCT_PATH.search(path):
        signs.append(f"a product-like URL path ({path})")
    weight = sum(w for w, _ in against)
    found = f"main heading {heading.text[:60]!r} with the price {price.text!r} near it"
    if not signs or len(signs) <= weight:
        why = [s for _, s in against] or [
            "no buy or contact action, nor any sign of a product page"
        ]
        return PageVerdict(heading, price, False, [found, *why])
    return PageVerdict(heading, price, True, [found, *signs])


# -- other fields read from the page ---------------------------------------------------------

_LABEL_ALONE = {k: re.compile(rf"^\s*({v})\s*[:：]?\s*$", re.I) for k, v in LABELLED.items()}
_LABEL_INLINE = {
    k: re.compile(rf"^\s*({v})\s*[:：]\s*(.{{1,80}})$", re.I) for k, v in LABELLED.items()
}


def availability_name(text: str | None) -> str | None:
    """A schema.org availability name for availability as a page words it."""
    if not text:
        return None
    value = text.strip()
    if "schema.org" in value or value in ("InStock", "OutOfStock", "PreOrder", "SoldOut"):
        return value.rstrip("/").rsplit("/", 1)[-1]
    for name, pattern in AVAILABILITY_WORDS:
        if re.search(pattern, value, re.I):
            return name
    return None


def condition_name(text: str | None) -> str | None:
    """A schema.org condition name for a condition as a page words it."""
    if not text:
        return None
    for pattern, name in CONDITIONS:
        if pattern.search(text):
            return name
    return None


@dataclass
class Labelled:
    """A value the page gives under a label (``Brand: Nike``), and where."""

    value: str
    element: HtmlElement
    label: str


def labelled_values(view: PageView) -> dict[str, Labelled]:
    """Values under labels in specification tables, definition lists and ``Label: value``
    rows of the main content: brand, SKU, MPN, GTIN, condition, seller."""
    found: dict[str, Labelled] = {}
    patterns, inline = _LABEL_ALONE, _LABEL_INLINE
    for el in view.visible():
        if view.chrome(el) or el.tag in ("html", "body", "script"):
            continue
        text = view.short_texts.get(el)
        if not text or len(text) > 100:
            continue
        for name, pattern in patterns.items():
            if name in found:
                continue
            if pattern.match(text):
                value_el = _value_after(view, el)
                if value_el is not None:
                    value = view.short_texts.get(value_el) or ""
                    if value and len(value) <= 100 and not pattern.match(value):
                        found[name] = Labelled(value, value_el, text)
            elif el.tag not in ("div", "section", "ul", "table", "tbody") or len(el) <= 2:
                match = inline[name].match(text)
                if match:
                    found[name] = Labelled(norm(match.group(2)), el, match.group(1))
    return found


def _value_after(view: PageView, el: HtmlElement) -> HtmlElement | None:
    """The element holding the value of a label: its next visible sibling (a ``td``
    after a ``th``, a ``dd`` after a ``dt``), or its parent's."""
    node: HtmlElement | None = el
    for _ in range(2):
        if node is None:
            return None
        sibling = node.getnext()
        while sibling is not None and (not isinstance(sibling.tag, str) or view.hidden(sibling)):
            sibling = sibling.getnext()
        if sibling is not None:
            return sibling
        node = node.getparent()
        if node is not None and len(view.short_texts.get(node, "")) > 100:
            return None
    return None


SELLER_LINK = re.compile(
    r"/(usr|user|users|seller|sellers|shop|shops|store|stores|member|members|profile|"
    r"profil|people|vendor|vendors|merchant|supplier|company|str|u|s-bestandsliste)/",
    re.I,
)


SELLER_QUERY = re.compile(r"(^|&)(seller|sellerid|seller_id|shop_id|merchant|storeid)=", re.I)


def seller_link(view: PageView, heading: Heading | None) -> tuple[str, str, HtmlElement] | None:
    """A link to the seller's page in the main content near the heading: (name, URL, a)."""
    best: tuple[int, HtmlElement] | None = None
    for a in view.root.iter("a"):
        href = a.get("href") or ""
        parts = urlsplit(href)
        if view.hidden(a) or view.chrome(a):
            continue
        if not SELLER_LINK.search(parts.path + "/") and not SELLER_QUERY.search(parts.query):
            continue
        text = view.text_of(a)
        if (
            not text
            or len(text) > 80
            or re.search(r"\b(see|view|visit|all|more|other)\b", text, re.I)
        ):
            continue
        distance = abs(view.order[a] - heading.position) if heading else view.order[a]
        if best is None or distance < best[0]:
            best = (distance, a)
    if best is None:
        return None
    a = best[1]
    return view.text_of(a), a.get("href") or "", a


def page_images(
    view: PageView, heading: Heading | None, price: Mention | None
) -> list[tuple[str, HtmlElement]]:
    """Images of the product block (around the heading and its price), largest-looking first,
    left out: icons, tracking pixels, logos, and images of other products' tiles."""
    if heading is None:
        return []
    block = heading.element
    if price is not None:
        block = view.common_ancestor(heading.element, price.element)
    for _ in range(2):
        parent = block.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        block = parent
    found: list[tuple[str, HtmlElement]] = []
    for img in block.iter("img"):
        src = img.get("data-old-hires") or img.get("data-src") or img.get("src") or ""
        if not src or src.startswith("data:") or view.chrome(img):
            continue
        if re.search(
            r"logo|icon|sprite|pixel|spacer|badge|flag|avatar|rating|star",
            src + " " + (img.get("class") or ""),
            re.I,
        ):
            continue
        width = img.get("width") or ""
        if width.isdigit() and int(width) < 60:
            continue
        if view.in_repeated_item(img, block) and not _in_gallery(img):
            continue
        found.append((src, img))
    return found[:12]


def _in_gallery(img: HtmlElement) -> bool:
    node: HtmlElement | None = img
    for _ in range(6):
        if node is None:
            return False
        if re.search(
            r"gallery|thumb|image|media|photo|slide",
            (node.get("class") or "") + (node.get("id") or ""),
            re.I,
        ):
            return True
        node = node.getparent()
    return False


SELLER_SELECTORS = tuple(
    (query, CSSSelector(query))
    for query in (
        "[itemprop=seller] [itemprop=name]",
        "[itemprop=seller]",
        "[data-seller]",
        ".seller a",
        ".seller",
        "[class*=seller-name]",
        "a[href*='/seller/']",
        "a[href*='/user/']",
    )
)


def seller_from_markup(view: PageView) -> tuple[str, HtmlElement, str] | None:
    """A seller named by the page's markup (``itemprop=seller``, a ``seller`` class, a link
    to a seller's page): (name, element, the selector that found it)."""
    if view.oversized:
        return None
    for query, selector in SELLER_SELECTORS:
        for el in selector(view.root):
            if view.hidden(el) or view.chrome(el):
                continue
            text = el.get("data-seller") if query == "[data-seller]" else view.text_of(el)
            text = norm(text)
            if text and len(text) <= 80:
                return text, el, query
    return None
