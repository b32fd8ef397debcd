# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""Walmart, Alibaba, AliExpress and Etsy pages: inline state, ranges, tiers, aggregate offers."""

from __future__ import annotations

import re
from decimal import Decimal as D
from typing import Any

from .kit import (
    Item,
    Page,
    consent,
    digits,
    esc,
    hexid,
    jdump,
    ld,
    num,
    rng,
)

# -- Walmart: Next.js, everything in __NEXT_DATA__ -----------------------------------------------


def walmart(
    slug: str,
    item: Item,
    *,
    item_id: str,
    seller_url: str,
    rating: float,
    features: tuple[str, ...] = (),
    unit_note: str = "",
) -> Page:
    """A walmart.com item page: no JSON-LD, ``itemprop`` without ``itemscope``, ``__NEXT_DATA__``."""
    assert item.price is not None
    r = rng(slug)
    now = f"${num(item.price)}"
    was_html = ""
    if item.was:
        was_html = (
            '<span class="mr2 f6 gray strike" data-seo-id="strike-through-price">'
            f"${num(item.was)}</span>"
            f'<div class="f7 green b">You save ${num(item.was - item.price)}</div>'
        )
    product: dict[str, Any] = {
        "__typename": "Product",
        "usItemId": item_id,
        "id": hexid(slug, 12).upper(),
        "name": item.title,
        "brand": item.brand,
        "type": "Toy Building Sets",
        "availabilityStatus": "IN_STOCK",
        "sellerName": item.seller,
        "sellerDisplayName": item.seller,
        "sellerId": hexid(item.seller or "", 32).upper(),
        "sellerType": "INTERNAL" if item.seller == "Walmart.com" else "EXTERNAL",
        "condition": None if item.condition == "NewCondition" else "Restored",
        "upc": item.gtin,
        "model": item.mpn,
        "priceInfo": {
            "currentPrice": {
                "price": float(item.price),
                "priceString": now,
                "variantPriceString": now,
                "currencyUnit": "USD",
            },
            "wasPrice": {
                "price": float(item.was),
                "priceString": f"${num(item.was)}",
                "currencyUnit": "USD",
            }
            if item.was
            else None,
            "unitPrice": None,
            "savingsAmount": None
            if not item.was
            else {
                "amount": float(item.was - item.price),
                "priceString": f"${num(item.was - item.price)}",
            },
            "priceDisplayCodes": {
                "clearance": None,
                "strikethrough": bool(item.was),
                "finalCostByWeight": None,
            },
        },
        "imageInfo": {
            "thumbnailUrl": f"https://i5.walmartimages.com/seo/{hexid(slug, 8)}.jpeg",
            "allImages": [
                {
                    "id": hexid(slug + str(i), 32).upper(),
                    "url": f"https://i5.walmartimages.com/asr/{hexid(slug + str(i), 32)}.jpeg",
                }
                for i in range(4)
            ],
        },
        "averageRating": rating,
        "numberOfReviews": r.randint(80, 9000),
        "shippingOption": {"slaTier": "TWO_DAY", "shipPrice": None},
    }
    next_data = {
        "props": {
            "pageProps": {
                "initialData": {
                    "data": {
                        "product": product,
                        "idml": {
                            "shortDescription": item.description,
                            "longDescription": "<ul>"
                            + "".join(f"<li>{b}</li>" for b in item.bullets)
                            + "</ul>",
                        },
                        "reviews": {
                            "averageOverallRating": rating,
                            "totalReviewCount": product["numberOfReviews"],
                            "customerReviews": [
                                {
                                    "rating": 5,
                                    "reviewText": "Great set, my son loves it!",
                                    "userNickname": "Mike",
                                }
                            ],
                        },
                    }
                },
                "isMobile": False,
            },
            "__N_SSP": True,
        },
        "page": "/ip/[...itemSeoUrl]",
        "query": {"itemSeoUrl": [item.title[:40].replace(" ", "-"), item_id]},
        "buildId": hexid(slug + "build", 21),
        "assetPrefix": "https://i5.walmartimages.com/dfw/63fd9f59-b3e1",
        "isFallback": False,
        "gssp": True,
        "customServer": True,
        "appGip": True,
        "scriptLoader": [],
    }
    sold_by = (
        '<div class="f6 mid-gray lh-title" data-testid="seller-info"><span>Sold and shipped by '
        f'</span><a class="mid-gray b underline" href="{seller_url}" data-testid='
        f'"product-seller-info-link">{esc(item.seller or "")}</a></div>'
    )
    carousel = "".join(
        f'<div class="mb1 ph1 pa0-xl bb b--near-white w-25" data-item-id="{digits(slug + str(i), 9)}">'
        f'<a link-identifier="{digits(slug + str(i), 9)}" href="/ip/{digits(slug + str(i), 9)}">'
        f'<img loading="lazy" src="https://i5.walmartimages.com/seo/{hexid(slug + str(i), 8)}.jpeg'
        f'?odnHeight=180" alt=""><span class="w_V_DM" style="-webkit-line-clamp:2">{n}</span></a>'
        f'<div data-automation-id="product-price" class="flex flex-wrap justify-start items-center'
        f' lh-title mb1"><div class="mr1 mr2-xl b black lh-copy f5 f4-l" aria-hidden="true">'
        f"${num(D(r.randint(9, 120)) + D('0.97'))}</div></div></div>"
        for i, n in enumerate(
            [
                "LEGO City Police Station",
                "Mega Bloks Big Building Bag",
                "Paw Patrol Lookout Tower",
                "Hot Wheels Track Builder",
                "Barbie Dreamhouse",
                "Melissa & Doug Wooden Blocks",
            ]
        )
    )
    body = f"""<!DOCTYPE html><html lang="en-US"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{esc(item.title)} - Walmart.com</title>
<meta name="description" content="{esc(item.description)}"/><link rel="canonical" href="https://www.walmart.com/ip/{esc(item.title[:40].replace(" ", "-"))}/{item_id}"/>
<meta property="og:title" content="{esc(item.title)}"/><meta property="og:type" content="website"/><meta property="og:site_name" content="Walmart.com"/>
<link rel="preload" as="script" href="https://i5.walmartimages.com/dfw/63fd9f59-b3e1/7a569e53/v1/_next/static/chunks/webpack-{hexid(slug, 16)}.js"/>
<link rel="stylesheet" href="https://i5.walmartimages.com/dfw/63fd9f59-b3e1/7a569e53/v1/_next/static/css/{hexid(slug, 16)}.css"/>
</head><body><div id="__next"><div class="flex flex-column h-100">
<header class="bg-blue flex items-center pv3 ph3" data-testid="global-header"><a link-identifier="Walmart" aria-label="Walmart. Save Money. Live Better. Home Page" class="flex items-center" href="/"><svg width="40" height="40"><title>Walmart logo</title></svg></a>
<form role="search" class="w-100 mh3" action="/search"><input aria-label="Search" name="q" placeholder="Search everything at Walmart online and in store" type="search" class="w-100 br-pill pa2" autocomplete="off"/><button type="submit" aria-label="Search icon">Search</button></form>
<a class="white no-underline" link-identifier="Account" href="/account/login?vid=oaoh"><div class="f7">Sign In</div><div class="b f6">Account</div></a>
<a class="white no-underline ml3" link-identifier="Cart" href="/cart" aria-label="Cart contains 0 items Total Amount $0.00"><div class="b f6">$0.00</div></a></header>
<main class="flex flex-column" id="maincontent"><div class="w-100 flex"><section class="w-60" data-testid="media-thumbnail"><img loading="eager" src="https://i5.walmartimages.com/seo/{hexid(slug, 8)}.jpeg?odnHeight=640&amp;odnWidth=640" alt="{esc(item.title)}" data-testid="hero-image"/></section>
<section class="w-40 ph3" data-testid="product-buy-box"><a class="f6 mid-gray underline" href="/brand/{esc((item.brand or "").lower())}/{digits(slug, 7)}" data-testid="brand-link">{esc(item.brand or "")}</a>
<h1 id="main-title" itemprop="name" class="lh-copy dark-gray mv1 f3 mh0-l mh3 b">{esc(item.title)}</h1>
<div class="flex items-center"><span class="f7 mr1">({rating})</span><span class="rating-number">{rating} stars</span> <a href="/reviews/product/{item_id}" class="f7 underline">{product["numberOfReviews"]} ratings</a></div>
<div data-testid="add-to-cart-section" class="flex flex-column"><div class="flex items-baseline" data-testid="price-wrap"><span itemprop="price" aria-hidden="false" data-seo-id="hero-price" class="inline-flex flex-column"><span class="f6 f5-l b dark-gray mr1">Now</span> <span>{now}</span></span>{was_html}</div>{unit_note}
<div class="f7 mid-gray">Price when purchased online</div>
<button class="w_hhLG w_8nsR w_jDfj" type="button" data-automation-id="atc" data-dca-name="ItemBuyBoxAddToCartButton">Add to cart</button>
{sold_by}<div class="f7 mt2" data-testid="fulfillment-shipping-text">Free shipping, arrives in 2 days</div></div></section></div>
<section class="mt4"><h2 class="f4 b">Similar items you might like</h2><div class="flex" data-testid="carousel-container">{carousel}</div></section>
<section class="mt4" data-testid="product-description"><h2 class="f4 b">About this item</h2><div class="dangerous-html mb3">{esc(item.description)}</div></section></main>
<footer class="bg-blue white pa4" data-testid="global-footer"><ul class="list flex flex-wrap"><li><a class="white" href="/help">All Departments</a></li><li><a class="white" href="/store/finder">Store Directory</a></li><li><a class="white" href="https://corporate.walmart.com/privacy-security/walmart-privacy-policy">Privacy Notice</a></li><li><a class="white" href="/help/article/walmart-com-terms-of-use/3b75080af40340d6bbd596f116fae5a0">Terms of Use</a></li></ul><p>© 2024 Walmart. All Rights Reserved.</p></footer>
</div></div>
<script id="__NEXT_DATA__" type="application/json" nonce="">{jdump(next_data)}</script>
<script>window.__WML_REDUX_INITIAL_STATE__ = {{}};window._wml={{"ccm":{{"ads":{{"enabled":true}}}}}};</script>
<script src="https://i5.walmartimages.com/dfw/63fd9f59-b3e1/7a569e53/v1/_next/static/chunks/main-{hexid(slug, 16)}.js" async=""></script>
</body></html>"""
    feats = [
        "inline-state",
        "next-data",
        "no-structured-data",
        "itemprop-without-itemscope",
        "header-signin-link",
        "several-prices",
        *features,
    ]
    if item.was:
        feats.append("struck-price")
    return Page(
        slug,
        f"https://www.walmart.com/ip/{item.title[:40].replace(' ', '-')}/{item_id}",
        "listing",
        "walmart",
        "en",
        body,
        feats,
        item=item,
    )


# -- Alibaba: tiered prices, MOQ, ranges ---------------------------------------------------------


def alibaba(
    slug: str,
    item: Item,
    *,
    tiers: list[tuple[str, D]] | None,
    price_range: tuple[D, D] | None,
    moq: str,
    supplier_url: str,
    pid: str,
    features: tuple[str, ...] = (),
) -> Page:
    """An alibaba.com product page: ladder prices or a range, minimum order, supplier card."""
    if tiers:
        price_html = (
            '<div class="price-list">'
            + "".join(
                f'<div class="price-item"><div class="quality">{esc(q)}</div><div class="price">'
                f"<span>${num(p)}</span></div></div>"
                for q, p in tiers
            )
            + "</div>"
        )
        ladder = [
            {"min": int(re.findall(r"\d+", q)[0]), "price": float(p), "formatPrice": f"${num(p)}"}
            for q, p in tiers
        ]
        feats = ["tiered-price"]
    else:
        assert price_range
        lo, hi = price_range
        price_html = (
            '<div class="price-range"><div class="price"><span>$'
            f"{num(lo)} - ${num(hi)}</span></div></div>"
        )
        ladder = [{"min": 1, "price": float(lo), "formatPrice": f"${num(lo)} - ${num(hi)}"}]
        feats = ["price-range"]
    detail = {
        "globalData": {
            "product": {
                "productId": int(pid),
                "subject": item.title,
                "moq": moq,
                "price": {
                    "productLadderPrices": ladder,
                    "currencyRule": {"currencyCode": "USD", "currencySymbol": "$"},
                },
                "mediaItems": [
                    {
                        "type": "image",
                        "imageUrl": {
                            "big": f"//s.alicdn.com/@sc04/kf/{hexid(slug + str(i), 33)}.jpg"
                        },
                    }
                    for i in range(4)
                ],
            },
            "seller": {
                "companyName": item.seller,
                "companyId": int(digits(slug, 9)),
                "homeUrl": supplier_url,
                "verified": True,
            },
            "trade": {"shippingTemplate": {"fee": "$12.50"}, "samplePrice": "$15.00"},
        }
    }
    body = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{esc(item.title)} - Buy {esc(item.title.split(" ")[0])} Product on Alibaba.com</title>
<meta name="description" content="{esc(item.title)}, Find Complete Details about {esc(item.title)} from Supplier or Manufacturer-{esc(item.seller or "")}">
<meta property="og:title" content="{esc(item.title)}"><meta property="og:type" content="website"><meta property="og:image" content="https://s.alicdn.com/@sc04/kf/{hexid(slug, 33)}.jpg">
<link rel="canonical" href="https://www.alibaba.com/product-detail/{esc(item.title[:50].replace(" ", "-"))}_{pid}.html">
{ld({"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://www.alibaba.com"}, {"@type": "ListItem", "position": 2, "name": "Apparel & Accessories", "item": "https://www.alibaba.com/Apparel_p3"}]})}
<script>window._PAGE_SCHEMA_ = {{"pageType":"detail"}};</script>
</head><body data-spm="a2700.details"><div id="root">
<div class="header-content"><div class="tnh-logo"><a href="//www.alibaba.com" title="Alibaba.com"></a></div><div class="tnh-search"><form action="https://www.alibaba.com/trade/search" method="get"><input name="SearchText" placeholder="What are you looking for..." type="text"><button type="submit">Search</button></form></div>
<div class="tnh-sign-in"><a href="https://login.alibaba.com/newlogin/icbuLogin.htm?return_url=https%3A%2F%2Fwww.alibaba.com%2F" rel="nofollow">Sign in</a><a href="https://accounts.alibaba.com/register/register.htm" class="tnh-join">Join free</a></div><div class="tnh-message">Messages</div><div class="tnh-order">Orders</div><div class="tnh-cart">Cart</div></div>
<div class="layout-detail"><div class="detail-main-layout"><div class="main-image"><img src="//s.alicdn.com/@sc04/kf/{hexid(slug, 33)}.jpg_720x720q50.jpg" alt="{esc(item.title)}"></div>
<div class="layout-right"><div class="product-title"><h1 title="{esc(item.title)}">{esc(item.title)}</h1></div>
<div class="product-price">{price_html}</div>
<div class="product-moq"><span class="moq-label">Min. order:</span> <span class="moq-value">{esc(moq)}</span></div>
<div class="product-sample"><span>Sample price: $15.00</span></div><div class="product-shipping"><span>Shipping: $12.50/piece via Alibaba.com Logistics</span></div>
<div class="action-buttons"><a class="detail-next-btn" href="https://message.alibaba.com/msgsend/contact.htm?action=contact_action&amp;domain=1&amp;id={pid}">Contact supplier</a><button class="detail-next-btn start-order">Start order</button><button class="add-cart">Add to cart</button></div>
<div class="company-info"><a class="company-name" href="{supplier_url}" target="_blank">{esc(item.seller or "")}</a><div class="company-tags"><span class="verified">Verified Supplier</span><span>{rng(slug).randint(2, 15)} yrs</span><span>CN</span></div><div class="supplier-rating">4.8/5.0 (312 reviews) · On-time delivery rate 97.6%</div></div>
</div></div>
<div class="module-productSpecification"><h3>Key attributes</h3><table>{"".join(f"<tr><td class='attr-name'>{k}</td><td class='attr-value'>{esc(v)}</td></tr>" for k, v in [("Place of Origin", "Guangdong, China"), ("Brand Name", item.brand or "OEM"), ("Model Number", item.mpn or "")] if v)}</table></div>
<div class="module-recommend"><h3>Other recommendations for your business</h3><ul>{"".join(f"<li><a href='//www.alibaba.com/product-detail/x_{digits(slug + str(i), 13)}.html'>Wholesale item {i}</a><span class='price'>${num(D(i) + D('0.85'))} - ${num(D(i * 2) + D('1.20'))}</span><span class='moq'>Min. order: {i * 50} pieces</span></li>" for i in range(1, 7))}</ul></div>
</div></div>
<script>window.detailData = {jdump(detail)};</script>
<script src="//s.alicdn.com/@g/icbu-detail/pc/2.1.26/detail.js" crossorigin="anonymous"></script>
</body></html>"""
    url = f"https://www.alibaba.com/product-detail/{item.title[:50].replace(' ', '-')}_{pid}.html"
    return Page(
        slug,
        url,
        "listing",
        "alibaba",
        "en",
        body,
        [
            *feats,
            "inline-state",
            "no-structured-data",
            "several-prices",
            "header-signin-link",
            *features,
        ],
        item=item,
        note="Label price is the lowest price the page shows (range or tier)",
    )


# -- AliExpress: window.runParams ----------------------------------------------------------------


def aliexpress(
    slug: str,
    item: Item,
    *,
    host: str,
    lang: str,
    pid: str,
    fmt: str,
    store_id: str,
    features: tuple[str, ...] = (),
) -> Page:
    """An AliExpress item page: hashed class names, ``window.runParams`` state."""
    assert item.price is not None and item.was is not None

    def money(a: D) -> str:
        return fmt.format(n=num(a, "en" if "US $" in fmt else "de"))

    run: dict[str, Any] = {
        "data": {
            "priceComponent": {
                "origPrice": {
                    "minAmount": {
                        "currency": item.currency,
                        "value": float(item.was),
                        "formatedAmount": money(item.was),
                    }
                },
                "discountPrice": {
                    "minActivityAmount": {
                        "currency": item.currency,
                        "value": float(item.price),
                        "formatedAmount": money(item.price),
                    }
                },
                "discount": round((1 - item.price / item.was) * 100),
            },
            "productInfoComponent": {
                "subject": item.title,
                "id": int(pid),
                "categoryId": 200000345,
            },
            "sellerComponent": {
                "storeName": item.seller,
                "storeNum": int(store_id),
                "storeURL": f"//www.aliexpress.com/store/{store_id}",
            },
            "currencyComponent": {"currencyCode": item.currency, "symbol": fmt.split("{")[0]},
            "feedbackComponent": {"evarageStar": "4.7", "totalValidNum": 1532},
        },
        "csrfToken": hexid(slug, 12),
        "abVersion": "ae-pc-" + hexid(slug + "ab", 6),
    }
    body = f"""<!DOCTYPE html><html lang="{lang}" dir="ltr"><head><meta charset="utf-8">
<title>{esc(item.title)} - AliExpress 34</title>
<meta name="keywords" content="{esc(item.title)}"><meta property="og:title" content="{esc(item.title)} - {money(item.price)}">
<meta property="og:type" content="product"><meta property="og:image" content="https://ae01.alicdn.com/kf/{hexid(slug, 33)}.jpg">
<link rel="canonical" href="https://{host}/item/{pid}.html">
<script>window._dida_config_ = {{"pageVersion":"{hexid(slug, 32)}","pageConfig":{{"pc":true}}}};</script>
</head><body><div id="root"><div class="pdp-wrap">
<div class="esm--upper--1sUZ7kO"><div id="_full_container_header_23_"><div class="pc-header--logo--1U8vJ0t"><a href="//www.aliexpress.com/"><img src="//ae01.alicdn.com/kf/S1b0e7bd4b4f446c4b0a93ea6f95b8a5aG/97x32.png" alt="AliExpress"></a></div><div class="pc-header--account--2T1Rw2r"><a href="https://login.aliexpress.com/" class="my-account--signin--RiPQVPB">Sign in</a><a href="https://login.aliexpress.com/?flag=1" class="my-account--register--2pe7V3f">Register</a></div></div></div>
<div class="pdp-body pdp-wrap"><div class="pdp-body-top-left"><div class="image-view--wrap--ewraVkn"><img class="magnifier--image--EYYoSlr" src="//ae01.alicdn.com/kf/{hexid(slug, 33)}.jpg_960x960q75.jpg_.avif" alt=""></div></div>
<div class="pdp-info"><div class="pdp-info-right">
<div class="price--wrap--Z6eCA4V product-price"><div class="price--current--I3Zeidd product-price-current"><span class="price--currentPriceText--V8_y_b5 pdp-comp-price-current product-price-value">{money(item.price)}</span></div><div class="price--original--wEueRiZ"><span class="price--originalText--gxVO5_d">{money(item.was)}</span><span class="price--discount--Y9uG2LK">-{run["data"]["priceComponent"]["discount"]}%</span></div></div>
<div class="price--promo--3Y0pE4F"><span>Extra 5% off with coins</span></div>
<div class="title--wrap--UUHae_g"><h1 data-pl="product-title">{esc(item.title)}</h1></div>
<div class="reviewer--wrap--vGS7G6P"><strong>4.7</strong><a href="#nav-review">1,532 Reviews</a> | <span>5,000+ sold</span></div>
<div class="sku--wrap--xgoW06M"><div class="sku-item--title--Z0HLO87">Color: Black</div></div>
<div class="quantity--wrap--CY8DhlT"><div class="quantity--title--ZJFbzkN">Quantity</div><div class="quantity--info--jnoo_pD">{esc("Max. 10 pcs/shopper")}</div></div>
<div class="action--wrap--Ko3gT7I"><button class="comet-v2-btn comet-v2-btn-primary comet-v2-btn-large buy-now--buynow--OH44OI8"><span>Buy now</span></button><button class="comet-v2-btn comet-v2-btn-large add-to-cart--addtocart--RXmuNXk"><span>Add to cart</span></button></div>
<div class="shipping--wrap--Dhb61O7"><span>Free shipping</span> <span>Delivery: Jun 18 - 25</span></div>
<div class="store-info--wrap--TFSMgIM"><a class="store-info--name--Ci3fzHN" href="//www.aliexpress.com/store/{store_id}" data-pl="store-name">{esc(item.seller or "")}</a><span class="store-info--rating">94.6% Positive Feedback</span></div>
</div></div></div>
<div class="pdp-body-bottom"><div id="nav-description"><h2>Description</h2><div class="description--product-description--Mjtql28">{esc(item.description)}</div></div>
<div class="recommend--wrap"><h2>More to love</h2>{"".join(f'<a class="recommend-card" href="//{host}/item/{digits(slug + str(i), 16)}.html"><div class="multi--price-sale--U-S0jtj">{money(D(i * 3) + D("0.99"))}</div></a>' for i in range(1, 9))}</div></div>
</div></div>
<script>window.runParams = {jdump(run)};</script>
</body></html>"""
    return Page(
        slug,
        f"https://{host}/item/{pid}.html",
        "listing",
        "aliexpress",
        lang,
        body,
        [
            "inline-state",
            "opengraph-product-no-price",
            "struck-price",
            "several-prices",
            "header-signin-link",
            *features,
        ],
        item=item,
    )


# -- Etsy ----------------------------------------------------------------------------------------


def etsy(
    slug: str,
    item: Item,
    *,
    host: str,
    listing_id: str,
    offers: dict[str, Any],
    sale: D | None,
    features: tuple[str, ...] = (),
    cmp: str | None = None,
) -> Page:
    """An Etsy listing: JSON-LD Product whose brand is the shop, visible sale prices."""
    assert item.price is not None
    sym = "£" if item.currency == "GBP" else "$"
    plus = "+" if offers.get("@type") == "AggregateOffer" else ""
    if sale is not None:
        price_html = (
            '<p class="wt-text-title-larger wt-mr-xs-1 wt-text-slime"><span class="wt-screen-'
            f'reader-only">Sale Price:</span>{sym}{num(item.price)}{plus}</p><p class="wt-text-'
            f'strikethrough wt-text-caption"><span class="wt-screen-reader-only">Original Price:'
            f"</span>{sym}{num(sale)}{plus}</p><p class='wt-text-caption wt-text-slime'>"
            f"({round((1 - item.price / sale) * 100)}% off)</p>"
            '<p class="wt-text-caption wt-text-slime">Sale ends in 23:59:12</p>'
        )
    else:
        price_html = (
            f'<p class="wt-text-title-larger wt-mr-xs-1"><span class="wt-screen-reader-only">'
            f"Price:</span>{sym}{num(item.price)}{plus}</p>"
        )
    product = {
        "@type": "Product",
        "@context": "https://schema.org",
        "url": f"https://{host}/listing/{listing_id}/{slug}",
        "name": item.title,
        "sku": listing_id,
        "gtin": "n/a",
        "description": item.description,
        "image": [
            {
                "@type": "ImageObject",
                "@context": "https://schema.org",
                "author": item.seller,
                "contentURL": f"https://i.etsystatic.com/{digits(slug, 8)}/r/il/"
                f"{hexid(slug, 6)}/{digits(slug + 'i', 10)}/il_fullxfull.jpg",
            }
        ],
        "category": "Bags & Purses < Wallets & Money Clips",
        "brand": {"@type": "Brand", "name": item.seller},
        "logo": f"https://i.etsystatic.com/isla/{hexid(slug, 6)}/{digits(slug, 8)}/isla_fullxfull.jpg",
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.9", "reviewCount": 2114},
        "offers": offers,
        "material": "Leather",
    }
    cookie = consent(cmp, "en", slug) if cmp else ""
    body = f"""<!DOCTYPE html><html lang="en-{"GB" if sym == "£" else "US"}" class="no-js en-{"GB" if sym == "£" else "US"} logged-out"><head><meta charset="utf-8">
<title>{esc(item.title)} - Etsy{" UK" if sym == "£" else ""}</title>
<meta name="description" content="{esc(item.description)}"><meta property="og:title" content="{esc(item.title)}"><meta property="og:type" content="product"><meta property="og:url" content="https://{host}/listing/{listing_id}/{slug}">
<meta property="etsymarketplace:price_value" content="{item.price}"><meta property="etsymarketplace:currency_code" content="{item.currency}">
<link rel="canonical" href="https://{host}/listing/{listing_id}/{slug}">
{ld(product)}
<script type="text/javascript">window.Etsy=window.Etsy||{{}};Etsy.Context={jdump({"data": {"is_mobile": False, "locale_settings": {"language": {"code": "en-" + ("GB" if sym == "£" else "US")}, "currency": {"currency_code": item.currency, "symbol": sym}}, "listing_id": int(listing_id)}})};</script>
</head><body class="transitional-wide ui-toolkit is-responsive no-touch en-US" data-language="en-US">
<header id="gnav-header" class="wt-display-flex-xs wt-align-items-center wt-justify-content-space-between"><a href="https://{host}/?ref=lgo" class="wt-display-inline-flex-xs" title="Etsy"><span class="wt-screen-reader-only">Etsy</span></a><form id="gnav-search" class="wt-input-btn-group" action="https://{host}/search" method="GET"><input id="global-enhancements-search-query" data-id="search-query" type="text" name="q" placeholder="Search for anything" class="wt-input wt-input-btn-group__input"><button type="submit" class="wt-input-btn-group__btn global-enhancements-search-input-btn-group__btn" value="Search" aria-label="Search">Search</button></form>
<nav><ul class="wt-display-flex-xs"><li><button class="wt-btn wt-btn--small wt-btn--transparent wt-mr-xs-1 select-signin" type="button" data-ge-nav-event-name="gnav_show_login_dialog">Sign in</button></li><li><a href="https://{host}/cart?ref=hdr-cart" title="Cart" class="wt-tooltip wt-tooltip--bottom-left">Cart</a></li></ul></nav></header>
<div id="content"><div class="listing-page-content-container"><div class="wt-grid wt-position-relative wt-pl-xs-0 wt-pr-xs-0"><div class="wt-grid__item-xs-12 wt-pr-lg-4 wt-pr-md-3 image-col"><div class="image-carousel-container"><ul class="wt-list-unstyled wt-overflow-hidden"><li data-carousel-pane><img data-src-zoom-image="https://i.etsystatic.com/{digits(slug, 8)}/r/il/{hexid(slug, 6)}/{digits(slug + "i", 10)}/il_fullxfull.jpg" src="https://i.etsystatic.com/{digits(slug, 8)}/r/il/{hexid(slug, 6)}/{digits(slug + "i", 10)}/il_794xN.jpg" class="wt-max-width-full wt-horizontal-center wt-vertical-center carousel-image wt-rounded" alt="{esc(item.title)}"></li></ul></div></div>
<div class="wt-grid__item-xs-12 wt-pl-lg-4 wt-pl-md-3 body-wrap"><div data-buy-box-region="price" class="wt-mb-xs-1"><div data-selector="price-only" class="wt-mb-xs-3">{price_html}</div></div>
<h1 class="wt-text-body-01 wt-line-height-tight wt-break-word wt-mt-xs-1" data-buy-box-listing-title="true">{esc(item.title)}</h1>
<div class="wt-display-flex-xs wt-align-items-center"><a href="https://{host}/shop/{esc(item.seller or "")}?ref=shopname" class="wt-text-link-no-underline"><span class="wt-text-title-small">{esc(item.seller or "")}</span></a> <span class="wt-badge wt-badge--small wt-badge--statusStarSeller">Star Seller</span></div>
<div data-selector="listing-page-variations"><label for="variation-selector-0">Personalisation</label><select id="variation-selector-0" class="wt-select__element" name="listing-variation-id"><option value="">Select an option</option><option value="1">Initials only ({sym}{num(item.price)})</option><option value="2">Initials + date ({sym}{num(item.price + D("6.00"))})</option><option value="3">Full name ({sym}{num(item.price + D("14.00"))})</option></select></div>
<div data-selector="add-to-cart-button"><button type="submit" class="wt-btn wt-btn--filled wt-width-full">Add to basket</button></div>
<div id="shipping-variant-div"><p>Arrives soon! Get it by 14-19 Jun if you order today</p><p>Returns &amp; exchanges accepted</p></div>
</div></div></div>
<div class="wt-mt-xs-6"><h2>Reviews for this item (2,114)</h2><div class="review-card"><p>Beautiful quality, exactly as pictured!</p></div></div>
<div class="wt-mt-xs-6"><h2>You may also like</h2><ul class="wt-grid wt-list-unstyled">{"".join(f'<li class="wt-list-unstyled wt-grid__item-xs-6"><a href="https://{host}/listing/{digits(slug + str(i), 10)}/x"><p class="wt-text-truncate">Handmade item {i}</p><span class="currency-symbol">{sym}</span><span class="currency-value">{num(D(i * 7) + D("0.50"))}</span></a></li>' for i in range(1, 9))}</ul></div></div>
<footer class="wt-bg-denim-light"><ul><li><a href="https://{host}/about">About Etsy</a></li><li><a href="https://{host}/legal/privacy">Privacy</a></li></ul><p>© 2024 Etsy, Inc.</p></footer>
{cookie}
</body></html>"""
    feats = ["json-ld", "several-prices", "header-signin-link", *features]
    if cmp:
        feats += ["cookie-banner", f"cookie-{cmp}"]
    if sale is not None:
        feats.append("struck-price")
    return Page(
        slug,
        f"https://{host}/listing/{listing_id}/{slug.removeprefix('etsy-')}",
        "listing",
        "etsy",
        "en",
        body,
        feats,
        item=item,
    )


# -- the pages -----------------------------------------------------------------------------------


def listings() -> list[Page]:
    """Walmart, Alibaba, AliExpress and Etsy listings."""
    return [
        walmart(
            "walmart-lego-falcon",
            Item(
                "LEGO Star Wars Millennium Falcon 75375 Building Set",
                D("84.99"),
                "USD",
                brand="LEGO",
                seller="Walmart.com",
                gtin="673419387243",
                mpn="75375",
                was=D("99.99"),
                description="Build and display a LEGO Star Wars Millennium "
                "Falcon with this 921-piece set.",
                bullets=("921 pieces", "Ages 18+"),
            ),
            item_id="5123908745",
            seller_url="/seller/0",
            rating=4.8,
        ),
        walmart(
            "walmart-galaxy-buds-restored",
            Item(
                "Restored Samsung Galaxy Buds2 Pro True Wireless Bluetooth Earbuds, Graphite",
                D("89.00"),
                "USD",
                brand="SAMSUNG",
                seller="TechDirect Outlet LLC",
                condition="RefurbishedCondition",
                gtin="887276654321",
                mpn="SM-R510NZAAXAR",
                was=D("229.99"),
                description="Restored: Professionally restored to work like new.",
            ),
            item_id="1498765432",
            seller_url="/seller/101123456",
            rating=4.1,
            features=("third-party-seller",),
        ),
        alibaba(
            "alibaba-earbuds-tiered",
            Item(
                "2024 New TWS Wireless Earbuds ANC Bluetooth 5.3 Earphones with Charging Case "
                "OEM Logo",
                D("2.50"),
                "USD",
                brand="OEM",
                seller="Shenzhen Yison Electronic Technology Co., Ltd.",
                mpn="A-P2PRO",
            ),
            tiers=[
                ("2 - 99 pieces", D("3.80")),
                ("100 - 499 pieces", D("3.10")),
                ("&gt;= 500 pieces", D("2.50")),
            ],
            price_range=None,
            moq="2 pieces",
            supplier_url="https://yison.en.alibaba.com",
            pid="1600987654321",
        ),
        alibaba(
            "alibaba-sneakers-range",
            Item(
                "Wholesale Retro Basketball Shoes Men Sneakers High Quality Custom Logo Casual "
                "Sports Shoes",
                D("12.50"),
                "USD",
                seller="Quanzhou Jinjiang Fuyi Shoes Co., Ltd.",
            ),
            tiers=None,
            price_range=(D("12.50"), D("18.00")),
            moq="50 pairs",
            supplier_url="https://fuyishoes.en.alibaba.com",
            pid="1601234509876",
            features=("wholesale",),
        ),
        aliexpress(
            "aliexpress-smartwatch-usd",
            Item(
                "Smart Watch Men Women 2.01 inch AMOLED Bluetooth Call Fitness Tracker Heart "
                "Rate Monitor Waterproof Smartwatch for Android iOS",
                D("12.34"),
                "USD",
                seller="ZW Official Store",
                was=D("41.13"),
                description="Bluetooth call, 100+ sport modes.",
            ),
            host="www.aliexpress.com",
            lang="en",
            pid="1005006123456789",
            fmt="US ${n}",
            store_id="1101234567",
        ),
        aliexpress(
            "aliexpress-bolso-eur",
            Item(
                "Bolso de mano de cuero PU para mujer, bolso de hombro de lujo, bandolera",
                D("18.76"),
                "EUR",
                seller="LuxBags Store",
                was=D("37.52"),
                description="Material: cuero PU.",
            ),
            host="es.aliexpress.com",
            lang="es",
            pid="1005005987654321",
            fmt="{n}€",
            store_id="1102345678",
            features=("symbol-after",),
        ),
        etsy(
            "etsy-leather-wallet",
            Item(
                "Personalized Leather Wallet for Men, Engraved Bifold Wallet, Custom Gift for Him",
                D("24.00"),
                "USD",
                brand="LeatherCraftStudio",
                seller="LeatherCraftStudio",
                sku="1234567890",
                description="Handmade full-grain leather wallet.",
            ),
            host="www.etsy.com",
            listing_id="1234567890",
            offers={
                "@type": "AggregateOffer",
                "offerCount": 52,
                "lowPrice": "24.00",
                "highPrice": "38.00",
                "priceCurrency": "USD",
                "availability": "https://schema.org/InStock",
            },
            sale=None,
            features=("aggregate-offer", "price-range"),
        ),
        etsy(
            "etsy-uk-silver-ring",
            Item(
                "Sterling Silver Signet Ring, Personalised Initial Ring, Handmade in Birmingham",
                D("14.80"),
                "GBP",
                brand="SilverSmithUK",
                seller="SilverSmithUK",
                sku="987654321",
                description="Solid 925 silver signet ring.",
            ),
            host="www.etsy.com",
            listing_id="987654321",
            offers={
                "@type": "Offer",
                "price": "18.50",
                "priceCurrency": "GBP",
                "availability": "https://schema.org/InStock",
            },
            sale=D("18.50"),
            cmp="onetrust",
            features=("structured-price-is-list-price",),
        ),
    ]


def nonlistings() -> list[Page]:
    """An Etsy search page whose JSON-LD lists products, and an AliExpress home page."""
    r = rng("etsy-search")
    products = []
    cards = []
    for i in range(12):
        price = D(r.randint(8, 90)) + D("0.00")
        name = f"Personalised {r.choice(['Necklace', 'Wallet', 'Ring', 'Mug', 'Print'])} {i + 1}"
        lid = digits("es" + str(i), 10)
        products.append(
            {
                "@type": "ListItem",
                "position": i + 1,
                "item": {
                    "@type": "Product",
                    "name": name,
                    "url": f"https://www.etsy.com/listing/{lid}/x",
                    "image": f"https://i.etsystatic.com/{lid}/il_340x270.jpg",
                    "offers": {"@type": "Offer", "price": f"{price:.2f}", "priceCurrency": "USD"},
                },
            }
        )
        cards.append(
            f'<li class="wt-list-unstyled wt-grid__item-xs-6 wt-grid__item-md-4"><a class='
            f'"listing-link" href="https://www.etsy.com/listing/{lid}/x"><h3 class="wt-text-'
            f'caption v2-listing-card__title">{name}</h3><p class="wt-text-title-01 lc-price">'
            f'<span class="currency-symbol">$</span><span class="currency-value">{num(price)}'
            "</span></p></a></li>"
        )
    search_body = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>Personalised gifts - Etsy</title>
{ld({"@context": "https://schema.org", "@type": "ItemList", "itemListElement": products, "numberOfItems": 12})}
</head><body><header id="gnav-header"><form action="https://www.etsy.com/search"><input name="q" value="personalised gifts"></form><button class="select-signin">Sign in</button></header>
<main><h1>Personalised gifts</h1><p>(1,000s of relevant results)</p><ol class="wt-grid wt-grid--block wt-pl-xs-0 tab-reorder-container">{"".join(cards)}</ol></main></body></html>"""
    search = Page(
        "etsy-search-personalised",
        "https://www.etsy.com/search?q=personalised+gifts",
        "search",
        "etsy",
        "en",
        search_body,
        ["json-ld-itemlist-products", "several-prices"],
    )
    deals = "".join(
        f'<a class="_3t7zg _2f4Ho" href="//www.aliexpress.com/item/{digits("aeh" + str(i), 16)}'
        f'.html"><div class="_1OUGS"><img src="//ae01.alicdn.com/kf/{hexid("aeh" + str(i), 33)}'
        f'.jpg_220x220.jpg"></div><div class="U-S0j"><span>US $</span><span>{i + 1}</span><span>'
        f'.</span><span>99</span></div><div class="_1zEQq">US ${num(D(i + 5) + D("0.49"))}</div>'
        f"</a>"
        for i in range(16)
    )
    home_body = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>AliExpress - Online Shopping for Popular Electronics, Fashion, Home &amp; Garden, Toys &amp; Sports, Automobiles and More products</title>
<meta property="og:type" content="website"></head><body><div id="root"><div class="pc-header--account"><a href="https://login.aliexpress.com/">Sign in</a></div>
<div class="superdeals"><h2>SuperDeals</h2><p>Top products. Incredible prices.</p><div class="_2SVP2">{deals}</div></div>
<div class="bigsave"><h2>Big Save</h2><p>Up to 70% off · Coupons from US $2.00</p></div></div>
<script>window.runParams = {jdump({"data": {"superDeals": [{"productId": digits("aeh" + str(i), 16), "minPrice": f"US ${i + 1}.99"} for i in range(16)]}})};</script></body></html>"""
    home = Page(
        "aliexpress-home",
        "https://www.aliexpress.com/",
        "home",
        "aliexpress",
        "en",
        home_body,
        ["several-prices", "promotions", "inline-state"],
    )
    return [search, home]
