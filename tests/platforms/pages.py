"""Test pages in the markup styles of four platforms, for the shipped site profiles
(``crawler/profiles/sites/``): an Amazon-style marketplace, an eBay-style marketplace with
auctions, a Shopify shop and a social marketplace (Facebook Marketplace style). Each page
says in a comment what it imitates and what a profile must get right on it; the README
beside this file lists them. Shop, seller and person names are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from urllib.parse import quote


@dataclass(frozen=True)
class Item:
    """A listing on a test platform and what reading it must give."""

    path: str
    title: str
    price: Decimal
    currency: str
    seller: str
    seller_path: str
    brand: str | None = None
    condition: str | None = None  # schema.org name
    availability: str | None = None  # schema.org name
    price_kind: str | None = None
    extras: dict[str, str] = field(default_factory=dict)


def _doc(lang: str, title: str, head: str, body: str, body_attrs: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{head}</head><body{body_attrs}>{body}</body></html>\n"
    )


def _matches(item: Item, keyword: str) -> bool:
    words = [w for w in keyword.lower().split() if w]
    return not words or any(w in item.title.lower() for w in words)


# -- Amazon style ----------------------------------------------------------------------------
# No schema.org at all; the price split into symbol, whole and fraction with a screen-reader
# copy; a struck list price; the seller in the buy box, a link to the seller's page; the
# brand in the byline ("Visit the Casio Store"); "Customers also bought" with other prices.

AMAZON = (
    Item("/dp/B0TESTWAT1", "Casio G-Shock GA-2100-1A1ER Men's Analogue-Digital Watch, Black",
         Decimal("89.99"), "GBP", "TimeZone Traders UK", "/sp?seller=A2TZTRADERS",
         brand="Casio", availability="InStock"),
    Item("/dp/B0TESTBAG2", "Michael Kors Jet Set Travel Large Saffiano Leather Tote",
         Decimal("145.00"), "GBP", "Bag Outlet Direct", "/sp?seller=A9BAGOUTLET",
         brand="Michael Kors", availability="InStock"),
)  # fmt: skip


def _amazon_price(amount: Decimal, struck: bool = False) -> str:
    whole, _, cents = f"{amount:.2f}".partition(".")
    strike = ' data-a-strike="true"' if struck else ""
    classes = "a-price a-text-price" if struck else "a-price priceToPay"
    return (
        f'<span class="{classes}"{strike}><span class="a-offscreen">£{amount:.2f}</span>'
        f'<span aria-hidden="true"><span class="a-price-symbol">£</span>'
        f'<span class="a-price-whole">{whole}<span class="a-price-decimal">.</span></span>'
        f'<span class="a-price-fraction">{cents}</span></span></span>'
    )


AMAZON_HEADER = (
    '<header id="navbar-main"><a href="/" id="nav-logo-sprites">Amazon.co.uk</a>'
    '<form id="nav-search-bar-form" action="/s" method="get" role="search">'
    '<input type="text" name="k" id="twotabsearchtextbox"><input type="submit" value="Go"></form>'
    '<a href="/ap/signin?openid.return_to=%2F" id="nav-link-accountList">Hello, sign in</a>'
    '<a href="/gp/cart/view.html" id="nav-cart">Basket</a></header>'
)


def amazon_item(item: Item) -> str:
    """A product page in the style of amazon.co.uk."""
    asin = item.path.rsplit("/", 1)[-1]
    list_price = (item.price * Decimal("1.22")).quantize(Decimal("1"))
    body = f"""{AMAZON_HEADER}
<!-- Amazon-style product page: no JSON-LD, microdata or OpenGraph product tags. The profile
     must read the seller ({escape(item.seller)}) and the seller's page from the buy box. -->
<div id="dp"><div id="dp-container" class="a-container" role="main">
<div id="wayfinding-breadcrumbs_feature_div"><a href="/b?node=1">Fashion</a> › <a href="/b?node=2">Watches</a></div>
<div id="ppd"><div id="leftCol"><img id="landingImage" src="/images/I/{asin}.jpg"
 data-old-hires="/images/I/{asin}._AC_SL1500_.jpg" alt="{escape(item.title)}" width="500"></div>
<div id="centerCol">
<div id="bylineInfo_feature_div"><a id="bylineInfo" href="/stores/{escape(item.brand or "")}">Visit the {escape(item.brand or "")} Store</a></div>
<div id="title_feature_div"><h1 id="title"><span id="productTitle"> {escape(item.title)} </span></h1></div>
<div id="averageCustomerReviews"><span class="a-icon-alt">4.6 out of 5 stars</span> 12,408 ratings</div>
<div id="corePriceDisplay_desktop_feature_div"><span class="a-size-large savingsPercentage">-26%</span>
{_amazon_price(item.price)}
<div class="a-section"><span class="a-size-small a-color-secondary basisPrice">RRP: {_amazon_price(list_price, struck=True)}</span></div></div>
<div id="productOverview_feature_div"><table><tr><td>Brand</td><td>{escape(item.brand or "")}</td></tr>
<tr><td>Model name</td><td>{escape(asin)}</td></tr></table></div>
</div>
<div id="rightCol"><div id="buybox">
<div id="availability"><span class="a-color-success">In stock</span></div>
<input type="submit" id="add-to-cart-button" name="submit.add-to-cart" value="Add to Basket">
<input type="submit" id="buy-now-button" value="Buy Now">
<div id="merchantInfoFeature_feature_div"><div class="offer-display-feature-label">Dispatches from</div>
<div class="offer-display-feature-text">Amazon</div><div class="offer-display-feature-label">Sold by</div>
<div class="offer-display-feature-text"><a id="sellerProfileTriggerId" href="{escape(item.seller_path)}">{escape(item.seller)}</a></div></div>
</div></div></div>
<div id="sims-consolidated-1_feature_div" class="a-carousel-container"><h2 class="a-carousel-heading">Customers who bought this item also bought</h2>
<ol class="a-carousel">{"".join(f'<li class="a-carousel-card"><a href="/dp/B0OTHER00{n}">Other watch {n}</a>{_amazon_price(Decimal(20 + 7 * n))}</li>' for n in range(5))}</ol></div>
</div></div>
<footer id="navFooter"><a href="/gp/help/customer/display.html">Help</a></footer>"""
    return _doc("en-gb", f"{item.title} : Amazon.co.uk: Fashion", "", body)


def amazon_search(keyword: str) -> str:
    """Search results in the style of amazon.co.uk, with a sponsored result and a pager."""
    rows = []
    for item in [i for i in AMAZON if _matches(i, keyword)]:
        asin = item.path.rsplit("/", 1)[-1]
        rows.append(
            f'<div class="s-result-item s-asin" data-asin="{asin}" data-component-type="s-search-result">'
            f'<h2 class="a-size-mini"><a class="a-link-normal s-line-clamp-2" href="{item.path}?ref=sr_1">'
            f"<span>{escape(item.title)}</span></a></h2>{_amazon_price(item.price)}</div>"
        )
    body = f"""{AMAZON_HEADER}
<!-- Amazon-style search results: the profile's listing_links must take only the results'
     product links (not the header, the filters or the "related searches"). -->
<div class="s-main-slot s-result-list">{"".join(rows)}</div>
<div id="filters"><a href="/s?k={quote(keyword)}&rh=p_89%3ACasio">Casio</a></div>
<span class="s-pagination-strip"><span class="s-pagination-item s-pagination-selected">1</span></span>
<footer id="navFooter"><a href="/gp/help/customer/display.html">Help</a></footer>"""
    return _doc("en-gb", f"Amazon.co.uk : {keyword}", "", body)


# -- eBay style ------------------------------------------------------------------------------
# An auction (current bid, bid count, "Buy it now" at a higher price) and a fixed-price item;
# partial JSON-LD without a seller; the seller card with feedback; "Similar sponsored items".

EBAY = (
    Item("/itm/110000000001", "Nike Air Jordan 1 Retro High OG Chicago Lost & Found UK 9",
         Decimal("189.99"), "USD", "sneaker_vault_88", "/usr/sneaker_vault_88",
         brand="Nike", condition="NewCondition"),
    Item("/itm/110000000002", "Rolex Submariner Date 16610 Black Dial 40mm 1998 Box Papers",
         Decimal("4250.00"), "USD", "watch_exchange_nyc", "/usr/watch_exchange_nyc",
         brand="Rolex", condition="UsedCondition", price_kind="current-bid"),
)  # fmt: skip

EBAY_HEADER = (
    '<header class="gh-header"><a href="/" id="gh-logo">eBay</a>'
    '<form id="gh-f" action="/sch/i.html"><input name="_nkw"><input type="submit" value="Search"></form>'
    '<span id="gh-ug">Hi! <a href="https://signin.ebay.com/ws/eBayISAPI.dll?SignIn">Sign in</a></span></header>'
)


def ebay_item(item: Item) -> str:
    """An item page in the style of ebay.com (the "x-" layout)."""
    auction = item.price_kind == "current-bid"
    if auction:
        price = (
            f'<div class="x-bid-price" data-testid="x-bid-price"><span class="ux-textspans">'
            f'Current bid:</span> <span class="ux-textspans">US ${item.price:,.2f}</span></div>'
            f'<div class="x-bid-count"><span class="ux-textspans">17 bids</span> · Ends in 2d 4h</div>'
            f'<button id="bidBtn_btn" class="ux-call-to-action">Place bid</button>'
            f'<div class="x-bin-price"><span class="ux-textspans">Buy It Now:</span> '
            f'<span class="ux-textspans">US ${item.price * 2:,.2f}</span></div>'
        )
        jsonld = ""
    else:
        price = (
            f'<div class="x-price-primary" data-testid="x-price-primary"><span class="ux-textspans">'
            f"US ${item.price:,.2f}</span></div>"
            f'<a class="ux-call-to-action" href="/bin/{item.path}">Buy It Now</a>'
            f'<a class="ux-call-to-action" href="/cart/add">Add to cart</a>'
        )
        jsonld = (
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",'
            f'"name":"{escape(item.title)}","brand":{{"@type":"Brand","name":"{item.brand}"}},'
            f'"offers":{{"@type":"Offer","price":"{item.price}","priceCurrency":"USD",'
            '"itemCondition":"https://schema.org/NewCondition"}}</script>'
        )
    condition = "Pre-owned" if item.condition == "UsedCondition" else "New with box"
    body = f"""{EBAY_HEADER}
<!-- eBay-style item page{" (an auction: the price is the current bid, not Buy It Now)" if auction else ""}.
     The profile must read the seller and the seller's page from the seller card. -->
<div id="mainContent"><div class="x-item-title"><h1 class="x-item-title__mainTitle"><span class="ux-textspans ux-textspans--BOLD">{escape(item.title)}</span></h1></div>
<div class="x-sellercard-atf" data-testid="x-sellercard-atf"><div class="x-sellercard-atf__info__about-seller">
<a href="{item.seller_path}?_trksid=p4429486"><span class="ux-textspans ux-textspans--BOLD">{escape(item.seller)}</span></a>
<span class="ux-textspans">(2413)</span></div><span class="ux-textspans">99.8% positive feedback</span>
<a href="/cnt/intermediatedFAQ?requested={item.seller}">Contact seller</a></div>
<div class="x-price-section">{price}</div>
<div class="x-item-condition"><span class="ux-textspans">Condition:</span> <span class="x-item-condition-text"><span class="ux-textspans">{condition}</span></span></div>
<div class="ux-layout-section-evo"><dl><dt>Brand</dt><dd>{escape(item.brand or "")}</dd></dl></div>
<div class="x-photos-min-view"><img src="https://i.ebayimg.com/images/g/{item.path[-4:]}/s-l1600.jpg" alt=""></div>
</div>
<div class="vim x-sims-atf"><h2>Similar sponsored items</h2><ul>{"".join(f'<li class="s-item"><a href="/itm/1200000{n}">Similar {n}</a><span class="s-item__price">US ${30 + n}.99</span></li>' for n in range(5))}</ul></div>
<footer id="glbfooter"><a href="/help/home">Help</a></footer>"""
    return _doc("en-US", f"{item.title} | eBay", jsonld, body)


def ebay_search(keyword: str) -> str:
    """Search results in the style of ebay.com, with a "Shop on eBay" placeholder result."""
    rows = ['<li class="s-item"><a class="s-item__link" href="/itm/123456"><span>Shop on eBay</span></a>'
            '<span class="s-item__price">$20.00</span></li>']  # fmt: skip
    for item in [i for i in EBAY if _matches(i, keyword)]:
        rows.append(
            f'<li class="s-item"><div class="s-item__info"><a class="s-item__link" href="{item.path}?hash=x">'
            f'<div class="s-item__title"><span>{escape(item.title)}</span></div></a>'
            f'<span class="s-item__price">US ${item.price:,.2f}</span></div></li>'
        )
    body = f"""{EBAY_HEADER}
<!-- eBay-style results: the first result is eBay's own "Shop on eBay" placeholder, which the
     profile's include pattern (/itm/ followed by digits of a real item) lets through; it is
     then read as a page without a product. -->
<h1 class="srp-controls__count-heading">{len(rows) - 1} results for {escape(keyword)}</h1>
<ul class="srp-results srp-list">{"".join(rows)}</ul>
<nav class="pagination"><a class="pagination__next" aria-disabled="true">Next</a></nav>"""
    return _doc("en-US", f"{keyword} | eBay", "", body)


# -- Shopify style ---------------------------------------------------------------------------
# A Dawn-theme product page: JSON-LD Product with one offer per variant, the selected variant's
# price shown, a sale price with the compare-at price struck, ShopifyAnalytics meta.

SHOPIFY = (
    Item("/products/amber-oud-soy-candle", "Amber & Oud Luxury Soy Candle", Decimal("32.00"), "GBP",
         "Wick & Wax", "/", brand="Wick & Wax", availability="InStock"),
    Item("/products/fig-cassis-diffuser", "Fig & Cassis Reed Diffuser 200ml", Decimal("24.00"), "GBP",
         "Wick & Wax", "/", brand="Wick & Wax", availability="InStock"),
)  # fmt: skip


def shopify_item(item: Item) -> str:
    """A product page of a Shopify shop (Dawn theme)."""
    handle = item.path.rsplit("/", 1)[-1]
    large = item.price + Decimal("16.00")
    jsonld = (
        '<script type="application/ld+json">{"@context":"http://schema.org/","@type":"Product",'
        f'"name":"{escape(item.title)}","url":"https://www.wickandwax.test{item.path}",'
        f'"brand":{{"@type":"Brand","name":"{escape(item.brand or "")}"}},"sku":"WW-{handle[:6].upper()}",'
        '"offers":[{"@type":"Offer","price":"' + str(large) + '","priceCurrency":"GBP",'
        '"availability":"http://schema.org/InStock","sku":"large"},'
        '{"@type":"Offer","price":"' + str(item.price) + '","priceCurrency":"GBP",'
        '"availability":"http://schema.org/InStock","sku":"standard"}]}</script>'
        "<script>window.ShopifyAnalytics = window.ShopifyAnalytics || {}; "
        'window.ShopifyAnalytics.meta = {"page":{"pageType":"product"},"product":{"vendor":"'
        + escape(item.brand or "")
        + f'","variants":[{{"price":{int(item.price * 100)},"name":"standard"}}]}}}};</script>'
        f'<meta property="og:type" content="product"><meta property="og:title" content="{escape(item.title)}">'
        '<meta property="og:site_name" content="Wick &amp; Wax">'
    )
    body = f"""<header class="header"><a href="/" class="header__heading-link">Wick &amp; Wax</a>
<a href="/search">Search</a><a href="/account/login">Log in</a><a href="/cart">Cart</a></header>
<!-- Shopify (Dawn) product page: two offers in the JSON-LD (large first); the page shows the
     standard size, on sale, with the compare-at price struck. -->
<main id="MainContent"><section class="product">
<div class="product__info-container"><p class="product__text caption-with-letter-spacing">{escape(item.brand or "")}</p>
<h1 class="product__title">{escape(item.title)}</h1>
<div class="price price--on-sale"><div class="price__sale"><span class="visually-hidden">Regular price</span>
<s class="price-item price-item--regular">£{item.price + 8:.2f} GBP</s>
<span class="visually-hidden">Sale price</span><span class="price-item price-item--sale price-item--last">£{item.price:.2f} GBP</span></div></div>
<form method="post" action="/cart/add" class="product-form"><select name="id"><option value="1" selected>Standard</option><option value="2">Large</option></select>
<button type="submit" name="add" class="product-form__submit">Add to cart</button></form></div>
<div class="product__media"><img src="//cdn.shopify.test/files/{handle}.jpg?width=1946" alt=""></div>
</section>
<div class="related-products"><h2>You may also like</h2>{"".join(f'<div class="card"><a href="/products/other-{n}">Other {n}</a><span class="price-item">£{10 + n}.00 GBP</span></div>' for n in range(4))}</div></main>
<footer class="footer">© Wick &amp; Wax · Powered by Shopify</footer>"""
    return _doc("en", f"{item.title} – Wick & Wax", jsonld, body, ' class="template-product"')


def shopify_search(keyword: str) -> str:
    """Search results of a Shopify shop (``/search?q=...&type=product``)."""
    cards = "".join(
        f'<li class="grid__item"><div class="card-wrapper product-card-wrapper"><h3 class="card__heading">'
        f'<a href="{item.path}?_pos=1&_sid=x&_ss=r" class="full-unstyled-link">{escape(item.title)}</a></h3>'
        f'<span class="price-item price-item--regular">£{item.price:.2f} GBP</span>'
        f'<button type="submit" name="add">Add to cart</button></div></li>'
        for item in SHOPIFY
        if _matches(item, keyword)
    )
    body = f"""<header class="header"><a href="/">Wick &amp; Wax</a><a href="/cart">Cart</a></header>
<!-- Shopify search results: product cards with their own Add to cart buttons; the profile
     takes the product links and leaves the page itself alone. -->
<main id="MainContent"><h1 class="h2">Search results</h1><ul id="product-grid" class="grid">{cards}</ul></main>"""
    return _doc("en", f"Search: {keyword} – Wick & Wax", "", body, ' class="template-search"')


# -- social marketplace (Facebook Marketplace style) -----------------------------------------
# Obfuscated class names, no structured data, the price under the heading, a "Send seller a
# message" action, the seller's profile link, and a sign-in pop-up over the listing.

SOCIAL = (
    Item("/marketplace/item/100000000000001/", "Louis Vuitton Neverfull MM Monogram", Decimal("350"),
         "EUR", "Aoife Byrne", "/marketplace/profile/100000000000091/", condition="UsedCondition"),
    Item("/marketplace/item/100000000000002/", "Chanel Classic Flap Bag Black Caviar", Decimal("2900"),
         "EUR", "Ciara Walsh", "/marketplace/profile/100000000000092/", condition="UsedCondition"),
)  # fmt: skip

SOCIAL_DIALOG = (
    '<div role="dialog" aria-label="Log in to continue" class="x1n2onr6 x1vjfegm">'
    '<form id="login_popup_cta_form" action="/login/device-based/regular/login/" method="post">'
    '<input type="text" name="email" placeholder="Email or phone number">'
    '<input type="password" name="pass" placeholder="Password"><button type="submit">Log in</button>'
    "</form></div>"
)


def social_item(item: Item) -> str:
    """A marketplace item in the style of Facebook Marketplace."""
    body = f"""<div id="mount_0_0_x"><div class="x9f619 x1n2onr6"><div role="banner" class="x78zum5"><a href="/" aria-label="Facebook">f</a></div>
<!-- Facebook Marketplace-style item: no structured data; a sign-in pop-up covers the page
     but the listing is there (not a login wall). The profile reads the seller from the link
     to the seller's marketplace profile. -->
<div role="main" class="x1iyjqo2"><div class="x1n2onr6 xh8yej3"><img class="xz74otr" src="https://scontent.test/{item.path[-16:-1]}.jpg" alt="{escape(item.title)}"></div>
<div class="xyamay9 x1pi30zi"><h1 class="x1heor9g x1qlqyl8"><span class="x193iq5w xeuugli">{escape(item.title)}</span></h1>
<div class="x1xmf6yo"><span class="x193iq5w xeuugli x13faqbe">€{item.price:,.0f}</span></div>
<div class="x1yztbdb"><span class="x193iq5w">Listed a week ago in Dublin</span></div>
<div class="xod5an3"><span class="x193iq5w">Details</span><div><span>Condition</span> <span>Used - like new</span></div></div>
<div class="x1cy8zhl"><span class="x193iq5w">Seller information</span>
<a href="{item.seller_path}" role="link" class="x1i10hfl"><span class="x193iq5w">{escape(item.seller)}</span></a></div>
<div aria-label="Send seller a message" role="button" tabindex="0" class="x1i10hfl"><span>Send seller a message</span></div>
</div></div>{SOCIAL_DIALOG}</div></div>"""
    title = f"{item.title} - €{item.price:,.0f} | Facebook Marketplace"
    return _doc("en", title, '<meta property="og:type" content="website">', body)


def social_search(keyword: str) -> str:
    """Marketplace search results: a feed of tiles linking to items."""
    tiles = "".join(
        f'<div class="x9f619 x78zum5"><a href="{item.path}?ref=search" role="link" class="x1i10hfl xjbqb8w">'
        f'<img src="https://scontent.test/t{n}.jpg" alt=""><span class="x193iq5w">€{item.price:,.0f}</span>'
        f'<span class="x1lliihq">{escape(item.title)}</span></a></div>'
        for n, item in enumerate(SOCIAL) if _matches(item, keyword)
    )  # fmt: skip
    body = f"""<div role="banner"><a href="/">f</a><a href="/marketplace/">Marketplace</a></div>
<!-- Marketplace search feed: tiles linking to /marketplace/item/ID/; more tiles load as the
     page scrolls (the profile scrolls). -->
<div role="main"><h1>Search results for {escape(keyword)}</h1><div class="x8gbvx8 x1n2onr6">{tiles}</div></div>"""
    return _doc("en", f"Marketplace – {keyword} | Facebook", "", body)


PLATFORMS = {
    "amazon": (AMAZON, amazon_item, "/s", amazon_search, "k"),
    "ebay": (EBAY, ebay_item, "/sch/i.html", ebay_search, "_nkw"),
    "shopify": (SHOPIFY, shopify_item, "/search", shopify_search, "q"),
    "facebook-marketplace": (SOCIAL, social_item, "/marketplace/search/", social_search, "query"),
}
