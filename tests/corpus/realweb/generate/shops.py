# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""Shop systems: Shopify, WooCommerce, Magento, PrestaShop, BigCommerce, Shopware, OpenCart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D
from typing import Any

from .kit import (
    LAZY_JS,
    Item,
    Page,
    T,
    consent,
    digits,
    esc,
    fb_pixel,
    filler,
    footer_links,
    frame,
    gtm,
    hexid,
    jdump,
    lazy_img,
    ld,
    looping_img,
    num,
    rng,
)


@dataclass(frozen=True)
class Variant:
    """One purchasable variant of a product."""

    title: str
    price: D
    compare: D | None = None
    sku: str | None = None
    available: bool = True


def _cookie(cmp: str | None, lang: str, slug: str, feats: list[str]) -> str:
    if not cmp:
        return ""
    feats += ["cookie-banner", f"cookie-{cmp}"]
    return consent(cmp, lang, slug)


# -- Shopify (Dawn) ------------------------------------------------------------------------------


def shopify(
    slug: str,
    item: Item,
    *,
    host: str,
    shop: str,
    lang: str,
    handle: str,
    variants: list[Variant],
    selected: int = 0,
    ld_style: str = "offers",
    money: str = "${n} USD",
    loc: str = "en",
    cmp: str | None = None,
    lazy: bool = False,
    announcement: str = "Free shipping on orders over $75",
    features: tuple[str, ...] = (),
) -> Page:
    """A Shopify product page (Dawn theme): JSON-LD, ``ShopifyAnalytics.meta``, variant JSON."""
    feats = [*features, "shopify-analytics-cents", "header-signin-link"]
    cur = item.currency
    pid = digits(slug, 13)
    vids = [digits(slug + v.title, 14) for v in variants]
    base = f"https://{host}/products/{handle}"

    def fmt(a: D) -> str:
        return money.format(n=num(a, loc))

    def offer(v: Variant, vid: str) -> dict[str, Any]:
        return {
            "@type": "Offer",
            "availability": "http://schema.org/" + ("InStock" if v.available else "OutOfStock"),
            "price": f"{v.price:.2f}",
            "priceCurrency": cur,
            "url": f"{base}?variant={vid}",
            "sku": v.sku,
        }

    image = f"//{host}/cdn/shop/files/{hexid(slug, 12)}.jpg?v=1712345678&width=1946"
    if ld_style == "productgroup":
        data: dict[str, Any] = {
            "@context": "http://schema.org/",
            "@id": f"/products/{handle}#product",
            "@type": "ProductGroup",
            "brand": {"@type": "Brand", "name": item.brand},
            "description": item.description,
            "name": item.title.split(" - ")[0],
            "productGroupID": pid,
            "url": base,
            "hasVariant": [
                {
                    "@id": f"/products/{handle}?variant={vid}#variant",
                    "@type": "Product",
                    "image": "https:" + image,
                    "name": f"{item.title.split(' - ')[0]} - {v.title}",
                    "offers": {"@id": f"/products/{handle}?variant={vid}#offer", **offer(v, vid)},
                    "sku": v.sku,
                }
                for v, vid in zip(variants, vids, strict=True)
            ],
        }
        feats.append("product-group")
    else:
        data = {
            "@context": "http://schema.org/",
            "@type": "Product",
            "@id": f"{base}#product",
            "name": item.title,
            "url": base,
            "image": ["https:" + image],
            "description": item.description,
            "sku": variants[selected].sku,
            "brand": {"@type": "Brand", "name": item.brand},
        }
        if ld_style == "offers":
            data["offers"] = [offer(v, vid) for v, vid in zip(variants, vids, strict=True)]
            feats.append("offer-list")
        elif ld_style == "nested":
            data["offers"] = {
                "@type": "AggregateOffer",
                "offerCount": len(variants),
                "offers": [offer(v, vid) for v, vid in zip(variants, vids, strict=True)],
            }
            feats += ["nested-offers", "aggregate-offer"]
        else:
            data["offers"] = offer(variants[selected], vids[selected])
    if item.gtin:
        data["gtin13"] = item.gtin
    sel = variants[selected]
    if selected:
        feats.append("variant-selected")
    if sel.compare:
        price_box = (
            '<div class="price price--large price--on-sale price--show-badge"><div class="price__container">'
            f'<div class="price__regular"><span class="visually-hidden visually-hidden--inline">Regular price</span><span class="price-item price-item--regular">{fmt(sel.compare)}</span></div>'
            f'<div class="price__sale"><span class="visually-hidden visually-hidden--inline">Regular price</span><span><s class="price-item price-item--regular">{fmt(sel.compare)}</s></span>'
            f'<span class="visually-hidden visually-hidden--inline">Sale price</span><span class="price-item price-item--sale price-item--last">{fmt(sel.price)}</span></div></div>'
            '<span class="badge price__badge-sale color-scheme-4">Sale</span><span class="badge price__badge-sold-out color-scheme-3">Sold out</span></div>'
        )
        feats.append("struck-price")
    else:
        price_box = (
            '<div class="price price--large price--show-badge"><div class="price__container"><div class="price__regular">'
            f'<span class="visually-hidden visually-hidden--inline">Regular price</span><span class="price-item price-item--regular">{fmt(sel.price)}</span></div></div></div>'
        )
    meta = {
        "product": {
            "id": int(pid),
            "gid": f"gid://shopify/Product/{pid}",
            "vendor": item.brand,
            "type": "",
            "variants": [
                {
                    "id": int(vid),
                    "price": int(v.price * 100),
                    "name": f"{item.title} - {v.title}",
                    "public_title": v.title,
                    "sku": v.sku,
                }
                for v, vid in zip(variants, vids, strict=True)
            ],
            "remote": False,
        },
        "page": {"pageType": "product", "resourceType": "product", "resourceId": int(pid)},
    }
    variant_json = [
        {
            "id": int(vid),
            "title": v.title,
            "option1": v.title,
            "sku": v.sku,
            "available": v.available,
            "price": int(v.price * 100),
            "compare_at_price": int(v.compare * 100) if v.compare else None,
        }
        for v, vid in zip(variants, vids, strict=True)
    ]
    options = "".join(
        f'<input type="radio" id="template--{pid}__main-1-{i}" name="Size" value="{esc(v.title)}" form="product-form-template--{pid}__main"'
        f'{" checked" if i == selected else ""}{" class=disabled" if not v.available else ""}><label for="template--{pid}__main-1-{i}">{esc(v.title)}<span class="visually-hidden label-unavailable">Sold out</span></label>'
        for i, v in enumerate(variants)
    )
    imgs = "".join(
        f'<li class="product__media-item grid__item slider__slide" data-media-id="template--{pid}__main-{i}"><div class="product-media-container media-type-image media-fit-contain global-media-settings gradient constrain-height" style="--ratio: 1.0; --preview-ratio: 1.0;">'
        + (
            lazy_img(
                image.replace(".jpg", f"-{i}.jpg"), item.title, "image-magnify-none", 1946, 1946
            )
            if lazy and i
            else f'<img src="{image}" alt="{esc(item.title)}" width="1946" height="1946" loading="eager">'
        )
        + "</div></li>"
        for i in range(4)
    )
    if lazy:
        feats.append("lazy-images")
    cookie = _cookie(cmp, lang, slug, feats)
    r = rng(slug)
    recs = "".join(
        f'<li class="grid__item"><div class="card-wrapper product-card-wrapper"><div class="card__content"><h3 class="card__heading h5"><a href="/products/{hexid(slug + str(i), 6)}" class="full-unstyled-link">{esc(n)}</a></h3>'
        f'<div class="price"><span class="price-item price-item--regular">{fmt(D(r.randint(20, 200)) + D("0.00"))}</span></div></div></div></li>'
        for i, n in enumerate(["Classic Tee", "Canvas Tote", "Logo Cap", "Crew Socks 3-Pack"])
    )
    head = f"""<meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="theme-color" content=""><link rel="canonical" href="{base}">
<link rel="preconnect" href="https://cdn.shopify.com" crossorigin><link rel="icon" type="image/png" href="//{host}/cdn/shop/files/favicon.png?crop=center&amp;height=32&amp;v=1690000000&amp;width=32">
<meta property="og:site_name" content="{esc(shop)}"><meta property="og:url" content="{base}"><meta property="og:title" content="{esc(item.title)}"><meta property="og:type" content="product">
<meta property="og:description" content="{esc(item.description)}"><meta property="og:image" content="http:{image}"><meta property="og:image:secure_url" content="https:{image}">
<meta property="og:price:amount" content="{num(min(v.price for v in variants), "plain")}"><meta property="og:price:currency" content="{cur}">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{esc(item.title)}">
<script src="//{host}/cdn/shop/t/12/assets/constants.js?v=58251544750838685771712345678" defer="defer"></script>
<script>window.Shopify = window.Shopify || {{}};Shopify.shop = "{hexid(shop, 8)}.myshopify.com";Shopify.locale = "{lang}";Shopify.currency = {{"active":"{cur}","rate":"1.0"}};Shopify.country = "{host.rsplit(".", 1)[-1].upper().replace("COM", "US")}";Shopify.theme = {{"name":"Dawn","id":{digits(slug + "t", 12)},"schema_name":"Dawn","schema_version":"13.0.1","theme_store_id":887,"role":"main"}};Shopify.routes = Shopify.routes || {{}};Shopify.routes.root = "/";</script>
<script id="shop-js-analytics" type="application/json">{{"pageType":"product"}}</script>
<script>window.ShopifyAnalytics = window.ShopifyAnalytics || {{}};window.ShopifyAnalytics.meta = window.ShopifyAnalytics.meta || {{}};window.ShopifyAnalytics.meta.currency = '{cur}';
var meta = {jdump(meta)};
for (var attr in meta) {{ window.ShopifyAnalytics.meta[attr] = meta[attr]; }}</script>
{gtm("GTM-" + hexid(slug, 7).upper())}
{fb_pixel(digits(slug + "px", 15))}
<link href="//{host}/cdn/shop/t/12/assets/base.css?v=1234" rel="stylesheet" type="text/css" media="all">"""
    body = f"""<a class="skip-to-content-link button visually-hidden" href="#MainContent">Skip to content</a>
<div id="shopify-section-sections--{pid}__announcement-bar" class="shopify-section shopify-section-group-header-group announcement-bar-section"><div class="utility-bar color-scheme-1 gradient utility-bar--bottom-border"><div class="announcement-bar" role="region" aria-label="Announcement"><p class="announcement-bar__message h5"><span>{esc(announcement)}</span></p></div></div></div>
<div id="shopify-section-sections--{pid}__header" class="shopify-section shopify-section-group-header-group section-header"><sticky-header data-sticky-type="on-scroll-up" class="header-wrapper color-scheme-1 gradient header-wrapper--border-bottom"><header class="header header--middle-left header--mobile-center page-width header--has-menu header--has-social header--has-account">
<h1 class="header__heading"><a href="/" class="header__heading-link link link--text focus-inset"><span class="h2">{esc(shop)}</span></a></h1>
<nav class="header__inline-menu"><ul class="list-menu list-menu--inline" role="list"><li><a href="/" class="header__menu-item list-menu__item link link--text focus-inset"><span>Home</span></a></li><li><a href="/collections/all" class="header__menu-item list-menu__item link link--text focus-inset"><span>Catalog</span></a></li><li><a href="/pages/contact" class="header__menu-item list-menu__item link link--text focus-inset"><span>Contact</span></a></li></ul></nav>
<div class="header__icons"><details-modal class="header__search"><details><summary class="header__icon header__icon--search header__icon--summary link focus-inset modal__toggle" aria-haspopup="dialog" aria-label="Search"></summary><div class="search-modal modal__content gradient" role="dialog" aria-modal="true" aria-label="Search"><form action="/search" method="get" role="search" class="search search-modal__form"><input class="search__input field__input" id="Search-In-Modal" type="search" name="q" value="" placeholder="Search"><input type="hidden" name="options[prefix]" value="last"></form></div></details></details-modal>
<a href="https://shopify.com/{digits(shop, 11)}/account?locale={lang}&amp;region_country=US" class="header__icon header__icon--account link focus-inset small-hide"><span class="visually-hidden">Log in</span></a>
<a href="/cart" class="header__icon header__icon--cart link focus-inset" id="cart-icon-bubble"><span class="visually-hidden">Cart</span></a></div></header></sticky-header></div>
<main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1"><section id="shopify-section-template--{pid}__main" class="shopify-section section"><section id="MainProduct-template--{pid}__main" class="page-width section-template--{pid}__main-padding" data-section="template--{pid}__main">
<div class="product product--large product--left product--stacked product--mobile-hide grid grid--1-col grid--2-col-tablet"><div class="grid__item product__media-wrapper"><media-gallery id="MediaGallery-template--{pid}__main" role="region" class="product__column-sticky" aria-label="Gallery Viewer"><ul id="Slider-Gallery-template--{pid}__main" class="product__media-list contains-media grid grid--peek list-unstyled slider slider--mobile" role="list">{imgs}</ul></media-gallery></div>
<div class="product__info-wrapper grid__item"><section id="ProductInfo-template--{pid}__main" class="product__info-container product__column-sticky">
<p class="product__text inline-richtext caption-with-letter-spacing">{esc(item.brand or "")}</p>
<div class="product__title"><h1>{esc(item.title)}</h1><a href="{base}" class="product__title"><h2 class="h1">{esc(item.title)}</h2></a></div>
<div class="no-js-hidden" id="price-template--{pid}__main" role="status">{price_box}</div>
<div class="product__tax caption rte">Tax included. <a href="/policies/shipping-policy">Shipping</a> calculated at checkout.</div>
<variant-selects id="variant-selects-template--{pid}__main" data-section="template--{pid}__main"><fieldset class="js product-form__input product-form__input--pill"><legend class="form__label">Size</legend>{options}</fieldset><script type="application/json" data-selected-variant>{jdump(variant_json[selected])}</script><script type="application/json">{jdump(variant_json)}</script></variant-selects>
<div id="Product-form-installment-template--{pid}__main"><form method="post" action="/cart/add" id="product-form-installment-template--{pid}__main" accept-charset="UTF-8" class="installment caption-large" enctype="multipart/form-data"><input type="hidden" name="form_type" value="product"><input type="hidden" name="utf8" value="✓"><input type="hidden" name="id" value="{vids[selected]}"><shopify-payment-terms variant-id="{vids[selected]}" shopify-meta="{esc(jdump({"type": "product", "currency_code": cur, "country_code": "US", "variants": [{"id": int(vids[selected]), "price_per_term": fmt(sel.price / 4), "full_price": fmt(sel.price), "eligible": True, "available": True, "number_of_payment_terms": 4}], "min_price": "$35.00", "max_price": "$30,000.00"}))}"></shopify-payment-terms></form></div>
<product-form class="product-form" data-section-id="template--{pid}__main"><form method="post" action="/cart/add" id="product-form-template--{pid}__main" accept-charset="UTF-8" class="form" enctype="multipart/form-data" novalidate="novalidate" data-type="add-to-cart-form"><input type="hidden" name="form_type" value="product"><input type="hidden" name="id" value="{vids[selected]}" class="product-variant-id">
<div class="product-form__buttons"><button id="ProductSubmitButton-template--{pid}__main" type="submit" name="add" class="product-form__submit button button--full-width button--secondary"><span>Add to cart</span></button><div data-shopify="payment-button" class="shopify-payment-button"><button class="shopify-payment-button__button shopify-payment-button__button--unbranded">Buy it now</button></div></div></form></product-form>
<div class="product__description rte quick-add-hidden"><p>{esc(item.description)}</p>{"".join(f"<p>{esc(b)}</p>" for b in item.bullets)}</div>
<p class="product__sku">SKU: <span>{esc(sel.sku or "")}</span></p>
</section></div></div></section></section>
<section class="shopify-section section"><div class="related-products page-width"><h2 class="related-products__heading inline-richtext h2">You may also like</h2><ul class="grid product-grid grid--4-col-desktop grid--2-col-tablet-down" role="list">{recs}</ul></div></section></main>
<footer class="footer color-scheme-1 gradient section-sections--{pid}__footer-padding"><div class="footer__content-top page-width"><div class="footer-block__newsletter"><h2 class="footer-block__heading inline-richtext">Subscribe to our emails</h2><form method="post" action="/contact#contact_form" id="ContactFooter" accept-charset="UTF-8" class="footer__newsletter newsletter-form"><input type="hidden" name="form_type" value="customer"><input id="NewsletterForm--sections--{pid}__footer" type="email" name="contact[email]" class="field__input" placeholder="Email"><button type="submit" class="newsletter-form__button field__button" name="commit">Subscribe</button></form></div></div>
<div class="footer__content-bottom"><ul class="list list-payment" role="list"><li class="list-payment__item">Visa</li><li class="list-payment__item">Mastercard</li><li class="list-payment__item">PayPal</li><li class="list-payment__item">Shop Pay</li></ul><small class="copyright__content">&copy; 2024, <a href="/" title="">{esc(shop)}</a></small><small class="copyright__content"><a target="_blank" rel="nofollow" href="https://www.shopify.com?utm_campaign=poweredby&amp;utm_medium=shopify&amp;utm_source=onlinestore">Powered by Shopify</a></small></div></footer>
{cookie}{LAZY_JS if lazy else ""}
{ld(data)}
<script src="//{host}/cdn/shop/t/12/assets/product-info.js?v=1234" defer="defer"></script>"""
    html = frame(
        lang,
        f"{item.title} – {shop}",
        head,
        body,
        html_attrs='class="no-js"',
        body_attrs='class="gradient"',
    )
    url = base + (f"?variant={vids[selected]}" if selected else "")
    item.sku = sel.sku
    return Page(
        slug,
        url,
        "listing",
        "shopify",
        lang,
        html,
        ["json-ld", "opengraph-product", *feats],
        item=item,
    )


# -- WooCommerce ---------------------------------------------------------------------------------


def woo_amount(a: D, loc: str, sym: str, after: bool) -> str:
    """A WooCommerce price span."""
    cur = f'<span class="woocommerce-Price-currencySymbol">{sym}</span>'
    inner = f"{num(a, loc)}&nbsp;{cur}" if after else f"{cur}{num(a, loc)}"
    return f'<span class="woocommerce-Price-amount amount"><bdi>{inner}</bdi></span>'


def woocommerce(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    lang: str,
    shop: str,
    loc: str,
    sym: str,
    after: bool,
    offers: list[dict[str, Any]],
    range_hi: D | None = None,
    theme: str = "storefront",
    header_login: bool = False,
    cmp: str | None = None,
    graph_product: bool = False,
    never_load: bool = False,
    features: tuple[str, ...] = (),
) -> Page:
    """A WooCommerce product: Yoast ``@graph``, WooCommerce's own Product JSON-LD, del/ins prices."""
    assert item.price is not None
    s = T[lang]
    feats = [*features, "json-ld", "json-ld-graph"]
    url = f"https://{host}{path}"
    if range_hi is not None:
        price_html = (
            f'<p class="price">{woo_amount(item.price, loc, sym, after)} <span aria-hidden="true">&ndash;</span> '
            f"{woo_amount(range_hi, loc, sym, after)}</p>"
        )
        feats.append("price-range")
    elif item.was:
        price_html = (
            f'<p class="price"><del aria-hidden="true">{woo_amount(item.was, loc, sym, after)}</del> '
            f'<span class="screen-reader-text">Original price was: {num(item.was, loc)}&nbsp;{sym}.</span>'
            f'<ins aria-hidden="true">{woo_amount(item.price, loc, sym, after)}</ins>'
            f'<span class="screen-reader-text">Current price is: {num(item.price, loc)}&nbsp;{sym}.</span></p>'
        )
        feats += ["struck-price", "del-ins-price"]
    else:
        price_html = f'<p class="price">{woo_amount(item.price, loc, sym, after)}</p>'
    product = {
        "@type": "Product",
        "@id": f"{url}#product",
        "name": item.title,
        "url": url,
        "description": item.description,
        "image": f"https://{host}/wp-content/uploads/2024/03/{slug}-scaled.jpg",
        "sku": item.sku,
        "offers": offers,
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.67", "reviewCount": 3},
    }
    if item.brand:
        product["brand"] = {"@type": "Brand", "name": item.brand}
    if item.gtin:
        product["gtin13"] = item.gtin
    yoast: dict[str, Any] = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": ["WebPage", "ItemPage"],
                "@id": url,
                "url": url,
                "name": f"{item.title} - {shop}",
                "isPartOf": {"@id": f"https://{host}/#website"},
                "datePublished": "2024-03-02T10:11:12+00:00",
                "breadcrumb": {"@id": f"{url}#breadcrumb"},
                "inLanguage": lang,
            },
            {
                "@type": "BreadcrumbList",
                "@id": f"{url}#breadcrumb",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": 1,
                        "name": s["home"],
                        "item": f"https://{host}/",
                    },
                    {"@type": "ListItem", "position": 2, "name": item.title},
                ],
            },
            {
                "@type": "WebSite",
                "@id": f"https://{host}/#website",
                "url": f"https://{host}/",
                "name": shop,
                "potentialAction": [
                    {
                        "@type": "SearchAction",
                        "target": {
                            "@type": "EntryPoint",
                            "urlTemplate": f"https://{host}/?s={{search_term_string}}",
                        },
                        "query-input": "required name=search_term_string",
                    }
                ],
            },
            {
                "@type": "Organization",
                "@id": f"https://{host}/#organization",
                "name": shop,
                "url": f"https://{host}/",
            },
        ],
    }
    if graph_product:
        yoast["@graph"].append(product)  # Rank Math puts the Product into the page's graph
        wc_ld = ""
        feats.append("product-in-graph")
    else:
        wc_ld = ld(
            {
                "@context": "https://schema.org/",
                "@graph": [
                    {
                        "@context": "https://schema.org/",
                        "@type": "BreadcrumbList",
                        "itemListElement": [
                            {
                                "@type": "ListItem",
                                "position": 1,
                                "item": {"name": s["home"], "@id": f"https://{host}"},
                            },
                            {
                                "@type": "ListItem",
                                "position": 2,
                                "item": {"name": item.title, "@id": url},
                            },
                        ],
                    },
                    {"@context": "https://schema.org/", **product},
                ],
            },
            wp=True,
        )
    login = ""
    if header_login:
        login = (
            f'<li class="account-item has-icon has-dropdown"><a href="https://{host}/my-account/" class="nav-top-link nav-top-not-logged-in">'
            f'<span>{s["sign_in"]}</span></a><ul class="nav-dropdown nav-dropdown-default"><li class="account-login-form">'
            f'<form class="woocommerce-form woocommerce-form-login login" method="post"><p class="woocommerce-form-row form-row-wide">'
            f'<label for="username">{s["email"]}&nbsp;<span class="required">*</span></label><input type="text" class="woocommerce-Input woocommerce-Input--text input-text" name="username" id="username" autocomplete="username" value=""></p>'
            f'<p class="woocommerce-form-row form-row-wide"><label for="password">{s["password"]}&nbsp;<span class="required">*</span></label><input class="woocommerce-Input woocommerce-Input--text input-text" type="password" name="password" id="password" autocomplete="current-password"></p>'
            f'<p class="form-row"><input type="hidden" id="woocommerce-login-nonce" name="woocommerce-login-nonce" value="{hexid(slug, 10)}"><button type="submit" class="woocommerce-button button woocommerce-form-login__submit" name="login" value="Log in">{s["sign_in"]}</button></p>'
            f'<p class="woocommerce-LostPassword lost_password"><a href="https://{host}/my-account/lost-password/">?</a></p></form></li></ul></li>'
        )
        feats.append("header-signin-form")
    else:
        feats.append("header-signin-link")
    gallery_img = (
        looping_img(
            f"/wp-content/uploads/2024/03/{slug}-600x600.jpg",
            "/wp-content/plugins/woo-gallery/assets/img/placeholder.webp",
            item.title,
        )
        if never_load
        else f'<img width="600" height="600" src="https://{host}/wp-content/uploads/2024/03/{slug}-600x600.jpg" class="wp-post-image" alt="{esc(item.title)}" decoding="async" fetchpriority="high">'
    )
    serve = {}
    if never_load:
        feats.append("never-load")
        serve = {
            "slow_404": [
                f"/wp-content/uploads/2024/03/{slug}-600x600.jpg",
                "/wp-content/plugins/woo-gallery/assets/img/placeholder.webp",
            ]
        }
    cookie = _cookie(cmp, lang, slug, feats)
    r = rng(slug)
    related = "".join(
        f'<li class="product type-product status-publish instock product_cat-x has-post-thumbnail shipping-taxable purchasable product-type-simple">'
        f'<a href="https://{host}/produkt/{hexid(slug + str(i), 6)}/" class="woocommerce-LoopProduct-link woocommerce-loop-product__link"><h2 class="woocommerce-loop-product__title">{esc(n)}</h2>'
        f'<span class="price">{woo_amount(D(r.randint(15, 250)) + D("0.90"), loc, sym, after)}</span></a>'
        f'<a href="?add-to-cart={digits(slug + str(i), 4)}" data-quantity="1" class="button product_type_simple add_to_cart_button ajax_add_to_cart" data-product_id="{digits(slug + str(i), 4)}" rel="nofollow">{s["add_to_cart"]}</a></li>'
        for i, n in enumerate(RELATED.get(lang, RELATED["en"]))
    )
    head = f"""<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1' />
<link rel="canonical" href="{url}" /><meta property="og:locale" content="{lang}_{lang.upper()}" /><meta property="og:type" content="article" />
<meta property="og:title" content="{esc(item.title)} - {esc(shop)}" /><meta property="og:url" content="{url}" /><meta property="og:site_name" content="{esc(shop)}" />
<script type="application/ld+json" class="yoast-schema-graph">{jdump(yoast)}</script>
<link rel='stylesheet' id='woocommerce-general-css' href='https://{host}/wp-content/plugins/woocommerce/assets/css/woocommerce.css?ver=8.7.0' media='all' />
<script src="https://{host}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script id="wc-add-to-cart-js-extra">var wc_add_to_cart_params = {{"ajax_url":"\\/wp-admin\\/admin-ajax.php","wc_ajax_url":"\\/?wc-ajax=%%endpoint%%","i18n_view_cart":"{s["cart"]}","cart_url":"https:\\/\\/{host}\\/cart\\/","is_cart":"","cart_redirect_after_add":"no"}};</script>
{gtm("GTM-" + hexid(slug, 7).upper(), {"event": "view_item", "ecommerce": {"currency": item.currency, "value": float(item.price), "items": [{"item_id": item.sku, "item_name": item.title, "price": float(item.price)}]}})}"""
    body = f"""<div id="page" class="hfeed site">
<header id="masthead" class="site-header" role="banner"><div class="col-full"><div class="site-branding"><a href="https://{host}/" class="custom-logo-link" rel="home">{esc(shop)}</a></div>
<nav class="secondary-navigation" aria-label="Secondary"><ul class="menu">{login}<li><a href="https://{host}/{s["help"].lower()}/">{s["help"]}</a></li></ul></nav>
<div class="site-search"><div class="widget woocommerce widget_product_search"><form role="search" method="get" class="woocommerce-product-search" action="https://{host}/"><input type="search" class="search-field" placeholder="{s["search"]}&hellip;" value="" name="s"><button type="submit" value="{s["search"]}">{s["search"]}</button><input type="hidden" name="post_type" value="product"></form></div></div>
<ul id="site-header-cart" class="site-header-cart menu"><li><a class="cart-contents" href="https://{host}/cart/" title="{s["cart"]}">{woo_amount(D("0"), loc, sym, after)} <span class="count">0 items</span></a></li></ul></div>
<nav id="site-navigation" class="main-navigation" role="navigation"><div class="primary-navigation"><ul class="menu"><li><a href="https://{host}/">{s["home"]}</a></li><li><a href="https://{host}/shop/">Shop</a></li><li><a href="https://{host}/blog/">Blog</a></li></ul></div></nav></header>
<div id="content" class="site-content" tabindex="-1"><div class="col-full"><div class="woocommerce"></div>
<div id="primary" class="content-area"><main id="main" class="site-main" role="main">
<nav class="woocommerce-breadcrumb" aria-label="Breadcrumb"><a href="https://{host}">{s["home"]}</a>&nbsp;&#47;&nbsp;{esc(item.title)}</nav>
<div id="product-{digits(slug, 4)}" class="product type-product post-{digits(slug, 4)} status-publish first instock has-post-thumbnail {"sale " if item.was else ""}shipping-taxable purchasable product-type-{"variable" if range_hi else "simple"}">
{'<span class="onsale">Sale!</span>' if item.was else ""}
<div class="woocommerce-product-gallery woocommerce-product-gallery--with-images woocommerce-product-gallery--columns-4 images" data-columns="4"><div class="woocommerce-product-gallery__wrapper"><div data-thumb="https://{host}/wp-content/uploads/2024/03/{slug}-100x100.jpg" class="woocommerce-product-gallery__image">{gallery_img}</div></div></div>
<div class="summary entry-summary"><h1 class="product_title entry-title">{esc(item.title)}</h1>
{price_html}
<div class="woocommerce-product-details__short-description"><p>{esc(item.description)}</p></div>
<p class="stock in-stock">{s["in_stock"]}</p>
<form class="cart" action="{url}" method="post" enctype='multipart/form-data'><div class="quantity"><label class="screen-reader-text" for="quantity_{hexid(slug, 6)}">{s["quantity"]}</label><input type="number" id="quantity_{hexid(slug, 6)}" class="input-text qty text" name="quantity" value="1" min="1" step="1" inputmode="numeric" autocomplete="off"></div>
<button type="submit" name="add-to-cart" value="{digits(slug, 4)}" class="single_add_to_cart_button button alt">{s["add_to_cart"]}</button></form>
<div class="product_meta"><span class="sku_wrapper">{s["sku"]}: <span class="sku">{esc(item.sku or "")}</span></span>{f'<span class="posted_in">{s["brand"]}: <a href="https://{host}/marke/{esc((item.brand or "").lower())}/" rel="tag">{esc(item.brand or "")}</a></span>' if item.brand else ""}</div>
</div>
<div class="woocommerce-tabs wc-tabs-wrapper"><ul class="tabs wc-tabs" role="tablist"><li class="description_tab active" id="tab-title-description"><a href="#tab-description">{s["description"]}</a></li><li class="reviews_tab" id="tab-title-reviews"><a href="#tab-reviews">{s["reviews"]} (3)</a></li></ul>
<div class="woocommerce-Tabs-panel woocommerce-Tabs-panel--description panel entry-content wc-tab" id="tab-description" role="tabpanel"><h2>{s["description"]}</h2><p>{esc(item.description)}</p></div></div>
<section class="related products"><h2>{s["related"]}</h2><ul class="products columns-4">{related}</ul></section>
</div></main></div></div></div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="col-full"><div class="site-info">&copy; {esc(shop)} 2024 <br /><a href="https://woocommerce.com" target="_blank" title="WooCommerce - The Best eCommerce Platform for WordPress" rel="noreferrer nofollow">Built with WooCommerce</a>.</div></div></footer></div>
{cookie}
{wc_ld}
<script src="https://{host}/wp-content/plugins/woocommerce/assets/js/frontend/single-product.min.js?ver=8.7.0" id="wc-single-product-js" defer data-wp-strategy="defer"></script>"""
    html = frame(
        lang,
        f"{item.title} - {shop}",
        head,
        body,
        body_attrs=f'class="product-template-default single single-product postid-{digits(slug, 4)} theme-{theme} woocommerce woocommerce-page woocommerce-no-js"',
    )
    return Page(slug, url, "listing", "woocommerce", lang, html, feats, item=item, serve=serve)


RELATED = {
    "en": ["Leather Strap 20mm", "Watch Winder", "Travel Case"],
    "de": ["Lederarmband 20 mm", "Uhrenbeweger", "Reiseetui", "Pflegeset"],
    "es": ["Cartera de piel", "Cinturón clásico", "Llavero"],
    "pt": ["Carteira de couro", "Cinto clássico", "Chaveiro"],
    "th": ["เคสหนัง", "สายคล้องคอ", "ที่ชาร์จไร้สาย"],
    "it": ["Portafoglio in pelle", "Cintura classica", "Portachiavi"],
    "fr": ["Bracelet cuir", "Écrin de voyage", "Kit d'entretien"],
    "nl": ["Leren portemonnee", "Riem", "Sleutelhanger"],
    "pl": ["Krem do rąk", "Balsam do ust", "Serum"],
}


# -- Magento 2 (Luma / Porto) --------------------------------------------------------------------


def magento(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    lang: str,
    shop: str,
    loc: str,
    sym_after: bool = True,
    header_login: bool = False,
    never_load: bool = False,
    tall_px: int = 0,
    cmp: str | None = None,
    features: tuple[str, ...] = (),
) -> Page:
    """A Magento 2 product page: microdata on ``<body>``, ``data-price-amount``, x-magento-init."""
    assert item.price is not None
    s = T[lang]
    feats = [*features, "microdata", "data-price-amount"]
    pid = digits(slug, 4)
    sym = {"EUR": "€", "GBP": "£", "CHF": "CHF", "USD": "$"}[item.currency or "EUR"]

    def amount(a: D) -> str:
        return f"{num(a, loc)}&nbsp;{sym}" if sym_after else f"{sym}{num(a, loc)}"

    final = (
        f'<span class="price-container price-final_price tax weee" itemprop="offers" itemscope itemtype="http://schema.org/Offer">'
        f'<span class="price-label">{"Special Price" if item.was else ""}</span>'
        f'<span id="product-price-{pid}" data-price-amount="{num(item.price, "plain").rstrip("0").rstrip(".")}" data-price-type="finalPrice" class="price-wrapper "><span class="price">{amount(item.price)}</span></span>'
        f'<meta itemprop="price" content="{num(item.price, "plain").rstrip("0").rstrip(".")}" /><meta itemprop="priceCurrency" content="{item.currency}" /></span>'
    )
    if item.was:
        box = (
            f'<span class="special-price">{final}</span><span class="old-price"><span class="price-container price-final_price tax weee">'
            f'<span class="price-label">{s["price"]}</span><span id="old-price-{pid}" data-price-amount="{num(item.was, "plain").rstrip("0").rstrip(".")}" data-price-type="oldPrice" class="price-wrapper "><span class="price">{amount(item.was)}</span></span></span></span>'
        )
        feats.append("struck-price")
    else:
        box = final
    login = f'<li class="authorization-link" data-label="or"><a href="https://{host}/customer/account/login/referer/{hexid(slug, 24)}/">{s["sign_in"]}</a></li>'
    if header_login:
        login += (
            f'<li class="header-login-dropdown"><div class="block block-customer-login"><div class="block-content" aria-labelledby="block-customer-login-heading">'
            f'<form class="form form-login" action="https://{host}/customer/account/loginPost/" method="post" id="header-login-form" data-mage-init=\'{{"validation":{{}}}}\'>'
            f'<input name="form_key" type="hidden" value="{hexid(slug, 16)}" /><fieldset class="fieldset login"><div class="field email required"><label class="label" for="email"><span>{s["email"]}</span></label>'
            f'<div class="control"><input name="login[username]" value="" autocomplete="off" id="email" type="email" class="input-text" title="{s["email"]}" data-validate="{{required:true, \'validate-email\':true}}"></div></div>'
            f'<div class="field password required"><label for="pass" class="label"><span>{s["password"]}</span></label><div class="control"><input name="login[password]" type="password" autocomplete="off" class="input-text" id="pass" title="{s["password"]}" data-validate="{{required:true}}"></div></div>'
            f'<div class="actions-toolbar"><div class="primary"><button type="submit" class="action login primary" name="send" id="send2"><span>{s["sign_in"]}</span></button></div></div></fieldset></form></div></div></li>'
        )
        feats.append("header-signin-form")
    else:
        feats.append("header-signin-link")
    serve: dict[str, Any] = {}
    image_path = f"/media/catalog/product/cache/{hexid(slug, 32)}/{slug[0]}/{slug[1]}/{slug}.jpg"
    if never_load:
        gallery = looping_img(
            image_path,
            f"/static/version1712345678/frontend/Smartwave/porto/{lang}_{lang.upper()}/Magento_Catalog/images/product/placeholder/image.jpg",
            item.title,
        )
        serve["slow_404"] = [image_path, "/static/version1712345678/frontend/Smartwave/porto/"]
        feats.append("never-load")
    else:
        gallery = f'<img class="gallery-placeholder__image" alt="{esc(item.title)}" src="https://{host}{image_path}" />'
    tall = ""
    if tall_px:
        tall = filler(tall_px, lang)
        feats.append("tall-page")
    cookie = _cookie(cmp, lang, slug, feats)
    init = {
        f"[data-role=priceBox][data-price-box=product-id-{pid}]": {
            "priceBox": {
                "priceConfig": {
                    "productId": pid,
                    "priceFormat": {
                        "pattern": "%s\u00a0€" if sym_after else sym + "%s",
                        "precision": 2,
                        "requiredPrecision": 2,
                        "decimalSymbol": SEP[loc][1],
                        "groupSymbol": SEP[loc][0],
                        "groupLength": 3,
                        "integerRequired": False,
                    },
                    "prices": {
                        "oldPrice": {"amount": float(item.was or item.price), "adjustments": []},
                        "basePrice": {
                            "amount": round(float(item.price) / 1.22, 6),
                            "adjustments": [],
                        },
                        "finalPrice": {"amount": float(item.price), "adjustments": []},
                    },
                    "idSuffix": "_clone",
                    "tierPrices": [],
                    "calculationAlgorithm": "TOTAL_BASE_CALCULATION",
                }
            }
        }
    }
    r = rng(slug)
    related = "".join(
        f'<li class="item product product-item"><div class="product-item-info related-available"><a href="https://{host}/{hexid(slug + str(i), 8)}.html" class="product photo product-item-photo"><span class="product-image-container"><img class="product-image-photo" src="https://{host}/media/catalog/product/cache/x/{i}.jpg" alt=""></span></a>'
        f'<div class="product details product-item-details"><strong class="product name product-item-name"><a class="product-item-link" href="https://{host}/{hexid(slug + str(i), 8)}.html">{esc(n)}</a></strong>'
        f'<div class="price-box price-final_price" data-role="priceBox" data-product-id="{pid}{i}" data-price-box="product-id-{pid}{i}"><span class="price-container price-final_price tax weee"><span id="product-price-{pid}{i}" data-price-amount="{r.randint(20, 300)}" data-price-type="finalPrice" class="price-wrapper "><span class="price">{amount(D(r.randint(20, 300)))}</span></span></span></div></div></div></li>'
        for i, n in enumerate(RELATED.get(lang, RELATED["en"]))
    )
    head = f"""<meta name="title" content="{esc(item.title)}"/><meta name="description" content="{esc(item.description)}"/><meta name="robots" content="INDEX,FOLLOW"/>
<meta property="og:type" content="product" /><meta property="og:title" content="{esc(item.title)}" /><meta property="og:image" content="https://{host}{image_path}" /><meta property="og:url" content="https://{host}{path}" />
<meta property="product:price:amount" content="{item.price}"/><meta property="product:price:currency" content="{item.currency}"/>
<link rel="stylesheet" type="text/css" media="all" href="https://{host}/static/version1712345678/frontend/Smartwave/porto/{lang}_{lang.upper()}/mage/calendar.css" />
<script type="text/javascript" src="https://{host}/static/version1712345678/frontend/Smartwave/porto/{lang}_{lang.upper()}/requirejs/require.js"></script>
<link rel="canonical" href="https://{host}{path}" />"""
    body = f"""<div class="page-wrapper"><header class="page-header"><div class="panel wrapper"><div class="panel header"><a class="action skip contentarea" href="#contentarea"><span>Skip to Content</span></a>
<ul class="header links"><li class="greet welcome" data-bind="scope: 'customer'"><span class="not-logged-in" data-bind="html: 'Default welcome msg!'"></span></li>{login}<li><a href="https://{host}/customer/account/create/">{s["register"]}</a></li></ul></div></div>
<div class="header content"><a class="logo" href="https://{host}/" title="{esc(shop)}" aria-label="store logo"><img src="https://{host}/static/version1712345678/frontend/Smartwave/porto/{lang}_{lang.upper()}/images/logo.svg" title="{esc(shop)}" alt="{esc(shop)}" width="170" /></a>
<div data-block="minicart" class="minicart-wrapper"><a class="action showcart" href="https://{host}/checkout/cart/" data-bind="scope: 'minicart_content'"><span class="text">{s["cart"]}</span><span class="counter qty empty"><span class="counter-number">0</span></span></a></div>
<div class="block block-search"><div class="block block-content"><form class="form minisearch" id="search_mini_form" action="https://{host}/catalogsearch/result/" method="get"><input id="search" type="text" name="q" value="" placeholder="{s["search"]}..." class="input-text" maxlength="128" role="combobox" aria-haspopup="false" aria-autocomplete="both" autocomplete="off" aria-expanded="false"/><button type="submit" title="{s["search"]}" class="action search" aria-label="Search"><span>{s["search"]}</span></button></form></div></div></div></header>
<main id="maincontent" class="page-main"><a id="contentarea" tabindex="-1"></a><div class="page-title-wrapper product"><h1 class="page-title"><span class="base" data-ui-id="page-title-wrapper" itemprop="name">{esc(item.title)}</span></h1></div>
<div class="columns"><div class="column main"><div class="product-info-main"><div class="product-info-price"><div class="price-box price-final_price" data-role="priceBox" data-product-id="{pid}" data-price-box="product-id-{pid}">{box}</div></div>
<div class="product-info-stock-sku"><div class="stock available" title="{s["in_stock"]}"><span>{s["in_stock"]}</span></div><div class="product attribute sku"><strong class="type">{s["sku"]}</strong><div class="value" itemprop="sku">{esc(item.sku or "")}</div></div></div>
<div class="product-add-form"><form data-product-sku="{esc(item.sku or "")}" action="https://{host}/checkout/cart/add/uenc/{hexid(slug, 20)}/product/{pid}/" method="post" id="product_addtocart_form"><input type="hidden" name="product" value="{pid}" /><input name="form_key" type="hidden" value="{hexid(slug, 16)}" />
<div class="box-tocart"><div class="fieldset"><div class="field qty"><label class="label" for="qty"><span>{s["quantity"]}</span></label><div class="control"><input type="number" name="qty" id="qty" min="0" value="1" title="Qty" class="input-text qty" /></div></div><div class="actions"><button type="submit" title="{s["add_to_cart"]}" class="action primary tocart" id="product-addtocart-button" disabled><span>{s["add_to_cart"]}</span></button></div></div></div></form></div>
<script type="text/x-magento-init">{jdump(init)}</script>
{f'<div class="product attribute brand"><strong class="type">{s["brand"]}</strong> <span itemprop="brand">{esc(item.brand)}</span></div>' if item.brand else ""}
<div class="product attribute overview"><div class="value" itemprop="description">{esc(item.description)}</div></div></div>
<div class="product media"><a id="gallery-prev-area" tabindex="-1"></a><div class="action-skip-wrapper"></div><div class="gallery-placeholder _block-content-loading" data-gallery-role="gallery-placeholder">{gallery}</div></div>
<div class="product info detailed"><div class="product data items" data-mage-init='{{"tabs":{{"openedState":"active"}}}}'><div class="data item title" data-role="collapsible" id="tab-label-reviews"><a class="data switch" tabindex="-1" data-toggle="trigger" href="#reviews" id="tab-label-reviews-title">{s["reviews"]}</a></div><div class="data item content" aria-labelledby="tab-label-reviews-title" id="reviews" data-role="content"><div id="product-review-container" data-role="product-review">{tall}</div></div></div></div>
<div class="block related" data-mage-init='{{"relatedProducts":{{"relatedCheckbox":".related.checkbox"}}}}' data-limit="0" data-shuffle="0"><div class="block-title title"><strong id="block-related-heading" role="heading" aria-level="2">{s["related"]}</strong></div><div class="block-content content" aria-labelledby="block-related-heading"><div class="products wrapper grid products-grid products-related"><ol class="products list items product-items">{related}</ol></div></div></div>
</div></div></main>
<footer class="page-footer"><div class="footer content"><div class="block newsletter"><div class="title"><strong>Newsletter</strong></div><form class="form subscribe" novalidate action="https://{host}/newsletter/subscriber/new/" method="post" id="newsletter-validate-detail"><input name="email" type="email" id="newsletter" placeholder="{s["email"]}" /><button class="action subscribe primary" title="{s["newsletter"]}" type="submit"><span>{s["newsletter"]}</span></button></form></div>{footer_links(lang)}<small class="copyright"><span>Copyright © 2013-present Magento, Inc. All rights reserved.</span></small></div></footer></div>
{cookie}
<script type="text/x-magento-init">{{"*": {{"Magento_Ui/js/core/app": {{"components": {{"customer": {{"component": "Magento_Customer/js/view/customer"}}}}}}}}}}</script>"""
    html = frame(
        lang,
        item.title,
        head,
        body,
        body_attrs=f'data-container="body" data-mage-init=\'{{"loaderAjax": {{}}, "loader": {{ "icon": "https://{host}/static/version1712345678/frontend/Smartwave/porto/{lang}_{lang.upper()}/images/loader-2.gif"}}}}\' itemtype="http://schema.org/Product" itemscope="itemscope" class="catalog-product-view product-{slug} page-layout-1column"',
    )
    return Page(
        slug,
        f"https://{host}{path}",
        "listing",
        "magento",
        lang,
        html,
        [*feats, "opengraph-product"],
        item=item,
        serve=serve,
    )


SEP = {"de": (".", ","), "fr": ("\u202f", ","), "en": (",", "."), "it": (".", ",")}


# -- PrestaShop 1.7 / 8 (classic theme) ----------------------------------------------------------


def prestashop(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    lang: str,
    shop: str,
    loc: str,
    sym: str,
    microdata_currency: bool = True,
    jsonld: dict[str, Any] | None = None,
    never_load: bool = False,
    cmp: str | None = None,
    features: tuple[str, ...] = (),
) -> Page:
    """A PrestaShop product page: classic theme classes, ``var prestashop``, microdata or JSON-LD."""
    assert item.price is not None
    s = T[lang]
    feats = [*features, "header-signin-link"]
    pid = digits(slug, 2)
    iso = item.currency or ""
    scope = ""
    if jsonld is None:
        scope = ' itemscope itemtype="https://schema.org/Product"'
        feats.append("microdata")
        if not microdata_currency:
            feats += ["missing-currency", "currency-from-symbol"]
    else:
        feats.append("json-ld")
    cur_meta = (
        f'<meta itemprop="priceCurrency" content="{iso}">'
        if jsonld is None and microdata_currency
        else ""
    )
    offer_attrs = (
        ' itemprop="offers" itemscope itemtype="https://schema.org/Offer"' if jsonld is None else ""
    )
    price_attr = (
        f' itemprop="price" content="{num(item.price, "plain").rstrip("0").rstrip(".")}"'
        if jsonld is None
        else ""
    )
    regular = ""
    if item.was:
        regular = f'<div class="product-discount"><span class="regular-price">{num(item.was, loc)}&nbsp;{sym}</span></div>'
        feats.append("struck-price")
    image = f"https://{host}/{digits(slug + 'img', 2)}-large_default/{slug}.jpg"
    serve: dict[str, Any] = {}
    if never_load:
        img = looping_img(
            f"/{digits(slug + 'img', 2)}-large_default/{slug}.jpg",
            f"/img/p/{lang}-default-large_default.jpg",
            item.title,
        )
        serve["slow_404"] = [f"/{digits(slug + 'img', 2)}-large_default/", "/img/p/"]
        feats.append("never-load")
    else:
        img = f'<img class="js-qv-product-cover img-fluid" src="{image}" alt="{esc(item.title)}" title="{esc(item.title)}" loading="lazy" width="800" height="800">'
    cookie = _cookie(cmp, lang, slug, feats)
    state = {
        "cart": {
            "products": [],
            "totals": {
                "total": {
                    "type": "total",
                    "label": "Total",
                    "amount": 0,
                    "value": f"0,00\u00a0{sym}",
                }
            },
            "products_count": 0,
        },
        "currency": {
            "id": 1,
            "name": {"EUR": "Euro", "PLN": "Złoty polski"}.get(iso, iso),
            "iso_code": iso,
            "iso_code_num": {"EUR": "978", "PLN": "985"}.get(iso, "000"),
            "sign": sym,
        },
        "customer": {
            "lastname": None,
            "firstname": None,
            "email": None,
            "is_logged": False,
            "gender": {"type": None, "name": None},
            "addresses": [],
        },
        "language": {
            "name": lang,
            "iso_code": lang,
            "locale": f"{lang}-{lang.upper()}",
            "language_code": f"{lang}-{lang}",
            "is_rtl": "0",
        },
        "page": {
            "title": "",
            "canonical": None,
            "meta": {"title": item.title},
            "page_name": "product",
            "body_classes": {"lang-" + lang: True},
        },
        "shop": {"name": shop, "logo": f"https://{host}/img/logo.jpg"},
        "urls": {"base_url": f"https://{host}/", "current_url": f"https://{host}{path}"},
    }
    head = f"""<meta http-equiv="x-ua-compatible" content="ie=edge"><meta name="description" content="{esc(item.description)}"><link rel="canonical" href="https://{host}{path}">
<meta property="og:type" content="product"><meta property="og:url" content="https://{host}{path}"><meta property="og:title" content="{esc(item.title)}"><meta property="og:site_name" content="{esc(shop)}"><meta property="og:image" content="{image}">
<link rel="stylesheet" href="https://{host}/themes/classic/assets/cache/theme-{hexid(slug, 6)}.css" type="text/css" media="all">
<script type="text/javascript">var prestashop = {jdump(state)};var prestashopFacebookAjaxController = "https:\\/\\/{host}\\/module\\/ps_facebook\\/Ajax";</script>
{ld(jsonld) if jsonld else ""}"""
    body = f"""<main><header id="header"><nav class="header-nav"><div class="container"><div class="row"><div class="hidden-sm-down"><div class="col-md-5 col-xs-12"><div id="_desktop_contact_link"><div id="contact-link"><a href="https://{host}/{lang}/contact">{s["contact"]}</a></div></div></div>
<div class="col-md-7 right-nav"><div id="_desktop_user_info"><div class="user-info"><a href="https://{host}/{lang}/connexion?back=my-account" title="{s["sign_in"]}" rel="nofollow"><i class="material-icons">&#xE7FF;</i><span class="hidden-sm-down">{s["sign_in"]}</span></a></div></div>
<div id="_desktop_cart"><div class="blockcart cart-preview inactive" data-refresh-url="//{host}/{lang}/module/ps_shoppingcart/ajax"><div class="header"><i class="material-icons shopping-cart" aria-hidden="true">shopping_cart</i><span class="hidden-sm-down">{s["cart"]}</span><span class="cart-products-count">(0)</span></div></div></div></div></div></div></div></nav>
<div class="header-top"><div class="container"><div class="row"><div class="col-md-2 hidden-sm-down" id="_desktop_logo"><a href="https://{host}/"><img class="logo img-fluid" src="https://{host}/img/logo.jpg" alt="{esc(shop)}" width="175" height="49"></a></div>
<div class="header-top-right col-md-10 col-sm-12 position-static"><div id="search_widget" class="search-widgets" data-search-controller-url="//{host}/{lang}/recherche"><form method="get" action="//{host}/{lang}/recherche"><input type="hidden" name="controller" value="search"><i class="material-icons search" aria-hidden="true">search</i><input type="text" name="s" value="" placeholder="{s["search"]}" aria-label="{s["search"]}"></form></div></div></div></div></div></header>
<section id="wrapper"><div class="container"><nav data-depth="2" class="breadcrumb hidden-sm-down"><ol><li><a href="https://{host}/"><span>{s["home"]}</span></a></li><li><span>{esc(item.title)}</span></li></ol></nav>
<div id="content-wrapper" class="js-content-wrapper"><section id="main"{scope}><meta itemprop="url" content="https://{host}{path}"><div class="row product-container js-product-container">
<div class="col-md-6"><section class="page-content" id="content"><div class="images-container js-images-container"><div class="product-cover">{img}</div></div></section></div>
<div class="col-md-6"><h1 class="h1"{' itemprop="name"' if jsonld is None else ""}>{esc(item.title)}</h1>
<div class="product-prices js-product-prices">{regular}<div class="product-price h5{" has-discount" if item.was else ""}"{offer_attrs}><link itemprop="availability" href="https://schema.org/InStock"/>{cur_meta}<div class="current-price"><span class="current-price-value"{price_attr}>{num(item.price, loc)}&nbsp;{sym}</span>{f'<span class="discount discount-percentage">-{round((1 - item.price / item.was) * 100)}%</span>' if item.was else ""}</div></div>
<div class="tax-shipping-delivery-label">TTC</div></div>
<div class="product-information"><div id="product-description-short-{pid}" class="product-description"{' itemprop="description"' if jsonld is None else ""}><p>{esc(item.description)}</p></div>
<div class="product-actions js-product-actions"><form action="https://{host}/{lang}/panier" method="post" id="add-to-cart-or-refresh"><input type="hidden" name="token" value="{hexid(slug, 32)}"><input type="hidden" name="id_product" value="{pid}" id="product_page_product_id">
<div class="product-add-to-cart js-product-add-to-cart"><span class="control-label">{s["quantity"]}</span><div class="product-quantity clearfix"><div class="qty"><input type="number" name="qty" id="quantity_wanted" inputmode="numeric" pattern="[0-9]*" value="1" min="1" class="input-group" aria-label="{s["quantity"]}"></div>
<div class="add"><button class="btn btn-primary add-to-cart" data-button-action="add-to-cart" type="submit"><i class="material-icons shopping-cart">&#xE547;</i>{s["add_to_cart"]}</button></div></div>
<span id="product-availability" class="js-product-availability"><i class="material-icons rtl-no-flip product-available">&#xE5CA;</i>{s["in_stock"]}</span></div></form></div>
<div class="product-reference"><label class="label">{s["sku"]} </label><span{' itemprop="sku"' if jsonld is None else ""}>{esc(item.sku or "")}</span></div>
{f'<div class="product-manufacturer"><label class="label">{s["brand"]}</label> <span{" itemprop=brand" if jsonld is None else ""}><a href="https://{host}/{lang}/brand/{pid}-{esc((item.brand or "").lower())}">{esc(item.brand)}</a></span></div>' if item.brand else ""}
</div></div></div></section></div></div></section>
<footer id="footer" class="js-footer"><div class="footer-container"><div class="container"><div class="row"><div class="col-md-6 links">{footer_links(lang)}</div><div class="block_newsletter col-lg-8 col-md-12 col-sm-12"><p id="block-newsletter-label">{s["newsletter"]}</p><form action="https://{host}/{lang}/#footer" method="post"><input name="email" type="email" value="" placeholder="{s["email"]}"><input class="btn btn-primary" name="submitNewsletter" type="submit" value="OK"></form></div></div>
<p class="text-sm-center"><a href="https://www.prestashop-project.org/" target="_blank" rel="noopener noreferrer nofollow">© 2024 - Ecommerce software by PrestaShop™</a></p></div></div></footer></main>
{cookie}"""
    html = frame(
        lang,
        item.title,
        head,
        body,
        body_attrs=f'id="product" class="lang-{lang} country-{host.rsplit(".", 1)[-1]} currency-{iso.lower()} layout-full-width page-product tax-display-enabled product-id-{pid} product-available-for-order"',
    )
    return Page(
        slug,
        f"https://{host}{path}",
        "listing",
        "prestashop",
        lang,
        html,
        [*feats, "inline-state"],
        item=item,
        serve=serve,
    )


# -- BigCommerce (Cornerstone) -------------------------------------------------------------------


def bigcommerce(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    shop: str,
    sym: str,
    jsonld: dict[str, Any],
    lazy: bool = False,
    features: tuple[str, ...] = (),
) -> Page:
    """A BigCommerce Cornerstone product page: ``data-product-price-*``, ``BCData``, JSON-LD."""
    assert item.price is not None
    feats = [*features, "json-ld", "header-signin-link", "inline-state"]
    eid = digits(slug, 3)
    was = ""
    if item.was:
        was = f'<div class="price-section price-section--withoutTax non-sale-price--withoutTax">Was: <span data-product-non-sale-price-without-tax class="price price--non-sale">{sym}{num(item.was)}</span></div>'
        feats.append("struck-price")
    bcdata = {
        "product_attributes": {
            "sku": item.sku,
            "upc": item.gtin,
            "mpn": item.mpn,
            "gtin": None,
            "weight": None,
            "base": True,
            "image": None,
            "price": {
                "without_tax": {
                    "formatted": f"{sym}{num(item.price)}",
                    "value": float(item.price),
                    "currency": item.currency,
                },
                "tax_label": "Tax",
                "non_sale_price_without_tax": {
                    "formatted": f"{sym}{num(item.was)}",
                    "value": float(item.was),
                    "currency": item.currency,
                }
                if item.was
                else None,
            },
            "stock": None,
            "instock": True,
            "stock_message": None,
            "purchasable": True,
            "purchasing_message": None,
        }
    }
    imgs = "".join(
        f'<li class="productView-thumbnail">{lazy_img(f"/images/stencil/100x100/products/{eid}/{i}/{slug}__{digits(slug + str(i), 5)}.jpg", item.title, "productView-thumbnail-img", 100, 100) if lazy else f"""<img src="https://cdn11.bigcommerce.com/s-{hexid(shop, 10)}/images/stencil/100x100/products/{eid}/{i}/{slug}.jpg" alt="">"""}</li>'
        for i in range(5)
    )
    if lazy:
        feats.append("lazy-images")
    r = rng(slug)
    related = "".join(
        f'<li class="productCarousel-slide"><article class="card"><h3 class="card-title"><a href="/{hexid(slug + str(i), 6)}/">{esc(n)}</a></h3><div class="card-text" data-test-info-type="price"><div class="price-section price-section--withoutTax"><span data-product-price-without-tax class="price price--withoutTax">{sym}{num(D(r.randint(15, 150)) + D("0.95"))}</span></div></div></article></li>'
        for i, n in enumerate(["Honing Rod", "Magnetic Knife Strip", "Cutting Board", "Knife Roll"])
    )
    head = f"""<link rel="canonical" href="https://{host}{path}"><meta property="og:type" content="product" /><meta property="og:title" content="{esc(item.title)}" /><meta property="og:site_name" content="{esc(shop)}" />
<meta property="product:price:amount" content="{item.price}" /><meta property="product:price:currency" content="{item.currency}" /><meta property="og:availability" content="instock" />
<link data-stencil-stylesheet href="https://cdn11.bigcommerce.com/s-{hexid(shop, 10)}/stencil/{hexid(slug, 32)}/css/theme-{hexid(slug + "c", 32)}.css" rel="stylesheet">
<script>var BCData = {jdump(bcdata)};</script>
{ld(jsonld)}"""
    body = f"""<header class="header" role="banner"><a href="#" class="mobileMenu-toggle" data-mobile-menu-toggle="menu"><span class="mobileMenu-toggleIcon">Toggle menu</span></a>
<nav class="navUser"><ul class="navUser-section navUser-section--alt"><li class="navUser-item"><a class="navUser-action navUser-item--compare" href="/compare" data-compare-nav>Compare</a></li><li class="navUser-item"><a class="navUser-action navUser-action--quickSearch" href="#" data-search="quickSearch" aria-controls="quickSearch" aria-expanded="false">Search</a></li>
<li class="navUser-item navUser-item--account"><a class="navUser-action" href="/login.php">Sign in</a> <span class="navUser-or">or</span> <a class="navUser-action" href="/login.php?action=create_account">Register</a></li>
<li class="navUser-item navUser-item--cart"><a class="navUser-action" data-cart-preview data-dropdown="cart-preview-dropdown" data-options="align:right" href="/cart.php" aria-label="Cart with 0 items"><span class="navUser-item-cartLabel">Cart</span> <span class="countPill cart-quantity"></span></a></li></ul></nav>
<div class="header-logo header-logo--center"><a href="https://{host}/" class="header-logo__link" data-header-logo-link><span class="header-logo-text">{esc(shop)}</span></a></div>
<div class="navPages-container" id="menu" data-menu><nav class="navPages"><ul class="navPages-list"><li class="navPages-item"><a class="navPages-action" href="https://{host}/shop-all/">Shop All</a></li><li class="navPages-item"><a class="navPages-action" href="https://{host}/sale/">Sale</a></li></ul></nav></div></header>
<main class="body" id="main-content" role="main" data-currency-code="{item.currency}"><div class="container"><nav aria-label="Breadcrumb"><ol class="breadcrumbs"><li class="breadcrumb "><a class="breadcrumb-label" href="https://{host}/"><span>Home</span></a></li><li class="breadcrumb is-active"><span class="breadcrumb-label">{esc(item.title)}</span></li></ol></nav>
<div class="productView" data-event-type="product" data-entity-id="{eid}" data-name="{esc(item.title)}" data-product-category="Kitchen" data-product-brand="{esc(item.brand or "")}" data-product-price="{item.price}" data-product-variant="single-product-option">
<section class="productView-images" data-image-gallery><figure class="productView-image" data-image-gallery-main><div class="productView-img-container"><img src="https://cdn11.bigcommerce.com/s-{hexid(shop, 10)}/images/stencil/500x659/products/{eid}/0/{slug}.jpg" alt="{esc(item.title)}" title="{esc(item.title)}" data-sizes="auto" class="productView-image--default" data-main-image></div></figure><ul class="productView-thumbnails">{imgs}</ul></section>
<section class="productView-details product-data"><div class="productView-product"><h1 class="productView-title">{esc(item.title)}</h1><h2 class="productView-brand"><a href="https://{host}/brands/{esc(item.brand or "")}.html"><span>{esc(item.brand or "")}</span></a></h2>
<div class="productView-price"><div class="price-section price-section--withTax rrp-price--withTax" style="display: none;">MSRP: <span data-product-rrp-with-tax class="price price--rrp"></span></div>{was}
<div class="price-section price-section--withoutTax"><span class="price-label">{"Now:" if item.was else ""}</span><span data-product-price-without-tax class="price price--withoutTax">{sym}{num(item.price)}</span></div></div>
<div data-content-region="product_below_price"></div><div class="productView-rating"><span class="productView-reviewLink">(12 reviews)</span></div>
<dl class="productView-info"><dt class="productView-info-name sku-label">SKU:</dt><dd class="productView-info-value" data-product-sku>{esc(item.sku or "")}</dd>{f'<dt class="productView-info-name upc-label">UPC:</dt><dd class="productView-info-value" data-product-upc>{item.gtin}</dd>' if item.gtin else ""}</dl></div>
<div class="productView-options"><form class="form" method="post" action="https://{host}/cart.php" enctype="multipart/form-data" data-cart-item-add><input type="hidden" name="action" value="add"><input type="hidden" name="product_id" value="{eid}"/><div class="form-field form-field--increments"><label class="form-label form-label--alternate" for="qty[]">Quantity:</label><input class="form-input form-input--incrementTotal" id="qty[]" name="qty[]" type="tel" value="1" data-quantity-min="0" data-quantity-max="0" min="1" pattern="[0-9]*" aria-live="polite"></div>
<div class="add-to-cart-wrapper"><div class="add-to-cart-buttons"><div class="form-action"><input id="form-action-addToCart" data-wait-message="Adding to cart…" class="button button--primary" type="submit" value="Add to Cart"></div></div></div></form></div></section>
<article class="productView-description" data-product-description><p>{esc(item.description)}</p></article></div>
<section class="productCarousel"><h2 class="page-heading">Related Products</h2><ul>{related}</ul></section></div></main>
<footer class="footer" role="contentinfo"><section class="footer-info"><article class="footer-info-col footer-info-col--small"><h3 class="footer-info-heading">Navigate</h3><ul class="footer-info-list"><li><a href="https://{host}/shipping-returns/">Shipping &amp; Returns</a></li><li><a href="https://{host}/contact-us/">Contact Us</a></li></ul></article></section>
<div class="footer-copyright"><p class="powered-by">&copy; 2024 {esc(shop)}</p></div><div class="footer-copyright"><p class="powered-by">Powered by <a href="https://www.bigcommerce.com?utm_source=merchant&amp;utm_medium=poweredbyBC" rel="nofollow">BigCommerce</a></p></div></footer>
{LAZY_JS if lazy else ""}"""
    html = frame("en", f"{shop} - {item.title}", head, body, body_attrs='class="page-type-product"')
    return Page(
        slug, f"https://{host}{path}", "listing", "bigcommerce", "en", html, feats, item=item
    )


# -- Shopware 6, OpenCart / Magento 1 with data-vocabulary.org ----------------------------------


def shopware(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    shop: str,
    cmp: str | None = None,
    features: tuple[str, ...] = (),
) -> Page:
    """A Shopware 6 product page: microdata with ``meta`` prices, "inkl. MwSt." notices."""
    assert item.price is not None
    feats = [*features, "microdata", "header-signin-link"]
    cookie = _cookie(cmp, "de", slug, feats)
    was = ""
    if item.was:
        was = f'<span class="product-detail-list-price-wrapper"><span class="list-price-price">{num(item.was, "de")}&nbsp;€*</span><span class="list-price-percentage">(-{round((1 - item.price / item.was) * 100)}%)</span></span>'
        feats.append("struck-price")
    head = f"""<meta name="author" content="" /><meta name="robots" content="index,follow" /><meta name="revisit-after" content="15 days" /><meta name="keywords" content="" /><meta name="description" content="{esc(item.description)}" />
<meta property="og:type" content="product"/><meta property="og:site_name" content="{esc(shop)}"/><meta property="og:url" content="https://{host}{path}"/><meta property="og:title" content="{esc(item.title)} | {esc(item.sku or "")}"/>
<meta property="product:brand" content="{esc(item.brand or "")}"/><meta property="product:price:amount" content="{item.price}"/><meta property="product:price:currency" content="EUR"/><meta property="product:product_link" content="https://{host}{path}"/>
<link rel="canonical" href="https://{host}{path}" /><link rel="stylesheet" href="https://{host}/theme/{hexid(slug, 32)}/css/all.css?1712345678">
<script>window.accessibilityReminderLinkLabel = "...";window.router = {{"frontend.cart.offcanvas": "/checkout/offcanvas","frontend.account.login.page": "/account/login"}};window.salesChannelId = "{hexid(shop, 32)}";</script>"""
    body = f"""<div class="skip-to-content bg-primary-subtle text-primary-emphasis visually-hidden-focusable overflow-hidden"><div class="container d-flex justify-content-center"><a href="#content-main" class="skip-to-content-link d-inline-flex text-decoration-underline m-1 p-2 fw-bold gap-2">Zum Hauptinhalt springen</a></div></div>
<header class="header-main"><div class="container"><div class="top-bar d-none d-lg-block"><nav class="top-bar-nav"><div class="top-bar-nav-item top-bar-language"><form method="post" action="/checkout/language" class="language-form"><button class="btn dropdown-toggle top-bar-nav-btn" type="button">Deutsch</button></form></div></nav></div>
<div class="row align-items-center header-row"><div class="col-12 col-lg-auto header-logo-col"><div class="header-logo-main"><a class="header-logo-main-link" href="/" title="Zur Startseite gehen"><picture class="header-logo-picture"><img src="https://{host}/media/logo.svg" alt="Zur Startseite gehen" class="img-fluid header-logo-main-img"/></picture></a></div></div>
<div class="col-12 order-2 col-sm order-sm-1 header-search-col"><div class="collapse" id="searchCollapse"><div class="header-search"><form action="/search" method="get" data-search-widget="true" class="header-search-form"><div class="input-group"><input type="search" name="search" class="form-control header-search-input" autocomplete="off" autocapitalize="off" placeholder="Suchbegriff eingeben ..." aria-label="Suchbegriff eingeben ..." value=""></div></form></div></div></div>
<div class="col-12 order-1 col-sm-auto order-sm-2 header-actions-col"><div class="row g-0"><div class="col-auto"><div class="account-menu"><div class="dropdown"><button class="btn account-menu-btn header-actions-btn" type="button" id="accountWidget" data-account-menu="true" data-bs-toggle="dropdown" aria-haspopup="true" aria-expanded="false" aria-label="Ihr Konto" title="Ihr Konto"><span class="icon icon-avatar"></span></button>
<div class="dropdown-menu dropdown-menu-end account-menu-dropdown js-account-menu-dropdown" aria-labelledby="accountWidget"><div class="offcanvas-header"><button class="btn btn-light offcanvas-close js-offcanvas-close">Menü schließen</button></div><div class="offcanvas-body"><div class="account-menu"><div class="dropdown-header account-menu-header">Ihr Konto</div><div class="account-menu-login"><a href="/account/login" title="Anmelden" class="btn btn-primary account-menu-login-button">Anmelden</a><div class="account-menu-register">oder <a href="/account/login" title="Registrieren">registrieren</a></div></div></div></div></div></div></div></div>
<div class="col-auto"><div class="header-cart" data-off-canvas-cart="true"><a class="btn header-cart-btn header-actions-btn" href="/checkout/cart" data-cart-widget="true" title="Warenkorb" aria-label="Warenkorb"><span class="header-cart-icon"><span class="icon icon-bag"></span></span><span class="header-cart-total">0,00&nbsp;€*</span></a></div></div></div></div></div></div></header>
<main class="content-main" id="content-main"><div class="cms-page" itemscope itemtype="https://schema.org/Product"><div class="cms-section pos-0 cms-section-default"><div class="cms-section-default boxed"><div class="cms-block pos-0 cms-block-product-heading"><div class="cms-block-container"><div class="cms-block-container-row row cms-row "><div class="col product-heading-name-container"><div class="cms-element-product-name"><h1 class="product-detail-name" itemprop="name">{esc(item.title)}</h1></div></div>
<div class="col-md-auto product-heading-manufacturer-logo-container"><div class="cms-element-image cms-element-image-logo"><a href="https://{host}/marken/{esc((item.brand or "").lower())}/" class="cms-image-link product-detail-manufacturer-link" title="{esc(item.brand or "")}"><img src="https://{host}/media/brand/{hexid(slug, 8)}.png" alt="{esc(item.brand or "")}"></a></div><meta itemprop="brand" content="{esc(item.brand or "")}"></div></div></div></div>
<div class="cms-block pos-1 cms-block-gallery-buybox"><div class="row"><div class="col-lg-7 product-detail-media"><div class="gallery-slider-item"><img src="https://{host}/media/{hexid(slug, 2)}/{hexid(slug, 32)}/{slug}.jpg" class="img-fluid gallery-slider-image" alt="{esc(item.title)}" itemprop="image" loading="eager"></div></div>
<div class="col-lg-5 product-detail-buy"><div class="cms-element-buy-box"><div class="product-detail-price-container"><meta itemprop="productID" content="{hexid(slug, 32)}"/><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="url" content="https://{host}{path}"/><meta itemprop="priceCurrency" content="EUR"/>
<p class="product-detail-price with-list-price">{num(item.price, "de")}&nbsp;€*</p>{was}<meta itemprop="price" content="{item.price}"/><link itemprop="availability" href="http://schema.org/InStock"/></div></div>
<div class="product-detail-tax-container"><p class="product-detail-tax"><a class="product-detail-tax-link" href="/widgets/cms/{hexid(slug, 32)}" title="Versandkosten">Preise inkl. MwSt. zzgl. Versandkosten</a></p></div>
<div class="product-delivery-information"><p class="delivery-information delivery-available"><span class="delivery-status-indicator bg-success"></span>Sofort verfügbar, Lieferzeit 1-3 Werktage</p></div>
<div class="product-detail-form-container"><form action="/checkout/line-item/add" method="post" class="buy-widget" data-add-to-cart="true"><div class="row g-2 buy-widget-container"><div class="col-4 d-flex justify-content-end"><select name="lineItems[{hexid(slug, 32)}][quantity]" class="form-select product-detail-quantity-select"><option value="1" selected="selected">1</option><option value="2">2</option></select></div><div class="col-8"><button class="btn btn-primary btn-buy" title="In den Warenkorb" aria-label="In den Warenkorb">In den Warenkorb</button></div></div></form></div>
<div class="product-detail-ordernumber-container"><span class="product-detail-ordernumber-label">Produktnummer:</span><meta itemprop="sku" content="{esc(item.sku or "")}"/><span class="product-detail-ordernumber" itemprop="sku">{esc(item.sku or "")}</span></div>
{f'<meta itemprop="gtin13" content="{item.gtin}"/>' if item.gtin else ""}</div></div></div></div>
<div class="cms-block pos-2 cms-block-product-description-reviews"><div class="product-detail-description tab-pane-container"><div class="product-detail-description-text" itemprop="description">{esc(item.description)}</div></div></div></div></div></div></main>
<footer class="footer-main"><div class="container"><div id="footerColumns" class="row footer-columns"><div class="col-md-4 footer-column"><div class="footer-column-headline footer-headline">Service-Hotline</div><div class="footer-contact-hotline">Unterstützung und Beratung unter:<br><a href="tel:+49180000000">0180 - 000000</a> Mo-Fr, 09:00 - 17:00 Uhr</div></div></div>
<div class="footer-bottom"><div class="container"><div class="footer-vat"><p>* Alle Preise inkl. MwSt. zzgl. Versandkosten</p></div><div class="footer-copyright">Realisiert mit Shopware</div></div></div></div></footer>
{cookie}"""
    html = frame(
        "de",
        f"{item.title} | {item.sku}",
        head,
        body,
        body_attrs='class="is-ctl-product is-act-index"',
    )
    return Page(
        slug,
        f"https://{host}{path}",
        "listing",
        "shopware",
        "de",
        html,
        [*feats, "opengraph-product"],
        item=item,
    )


def data_vocabulary(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    lang: str,
    shop: str,
    price_text: str,
    currency_code: str,
    platform: str,
    features: tuple[str, ...] = (),
) -> Page:
    """An old OpenCart / Magento 1 page marked up with data-vocabulary.org (pre-2020 markup)."""
    s = T[lang]
    cur_meta = f'<meta itemprop="currency" content="{currency_code}" />' if currency_code else ""
    body = f"""<div id="container"><div id="header"><div id="logo"><a href="https://{host}/"><img src="https://{host}/image/data/logo.png" title="{esc(shop)}" alt="{esc(shop)}" /></a></div>
<div id="search"><div class="button-search"></div><input type="text" name="filter_name" value="{s["search"]}" onclick="this.value = '';" /></div>
<div id="welcome"><a href="https://{host}/index.php?route=account/login">{s["sign_in"]}</a> | <a href="https://{host}/index.php?route=account/register">{s["register"]}</a></div>
<div class="links"><a href="https://{host}/">{s["home"]}</a><a href="https://{host}/index.php?route=account/account">{s["account"]}</a><a href="https://{host}/index.php?route=checkout/cart">{s["cart"]}</a></div>
<div id="cart"><div class="heading"><h4>{s["cart"]}</h4><a><span id="cart-total">0 - 0</span></a></div></div></div>
<div id="menu"><ul><li><a href="https://{host}/index.php?route=product/category&amp;path=20">Catalog</a></li></ul></div>
<div id="content"><div class="breadcrumb"><a href="https://{host}/">{s["home"]}</a> &raquo; <a href="{path}">{esc(item.title)}</a></div>
<div class="product-info" itemscope itemtype="http://data-vocabulary.org/Product"><h1 itemprop="name">{esc(item.title)}</h1>
<div class="left"><div class="image"><a href="https://{host}/image/cache/data/{slug}-500x500.jpg" title="{esc(item.title)}" class="colorbox"><img src="https://{host}/image/cache/data/{slug}-228x228.jpg" title="{esc(item.title)}" alt="{esc(item.title)}" id="image" itemprop="image" /></a></div></div>
<div class="right"><div class="description"><span>{s["brand"]}:</span> <a href="https://{host}/index.php?route=product/manufacturer/info&amp;manufacturer_id=8"><span itemprop="brand">{esc(item.brand or "")}</span></a><br />
<span>{s["sku"]}:</span> <span itemprop="identifier" content="mpn:{esc(item.mpn or "")}">{esc(item.mpn or "")}</span><br /><span>{s["in_stock"]}</span></div>
<div class="price" itemprop="offerDetails" itemscope itemtype="http://data-vocabulary.org/Offer">{s["price"]}: {cur_meta}<span itemprop="price">{price_text}</span><meta itemprop="availability" content="in_stock" /><br /></div>
<div class="cart"><div>{s["quantity"]}: <input type="text" name="quantity" size="2" value="1" /><input type="hidden" name="product_id" size="2" value="{digits(slug, 2)}" />&nbsp;<input type="button" value="{s["add_to_cart"]}" id="button-cart" class="button" /></div></div>
<div class="review"><div><img src="catalog/view/theme/default/image/stars-5.png" alt="5" />&nbsp;&nbsp;<a onclick="$('a[href=\\'#tab-review\\']').trigger('click');">3 {s["reviews"]}</a></div></div></div></div>
<div id="tab-description" class="tab-content" itemprop="description">{esc(item.description)}</div></div>
<div id="footer"><div class="column"><h3>{s["help"]}</h3>{footer_links(lang)}</div><div id="powered">Powered By <a href="http://www.opencart.com">OpenCart</a> {esc(shop)} &copy; 2016</div></div></div>"""
    head = (
        f'<base href="https://{host}/" /><meta name="description" content="{esc(item.description)}" />'
        f'<link href="https://{host}{path}" rel="canonical" /><link rel="stylesheet" type="text/css" href="catalog/view/theme/default/stylesheet/stylesheet.css" />'
        '<script type="text/javascript" src="catalog/view/javascript/jquery/jquery-1.7.1.min.js"></script>'
    )
    html = frame(lang, item.title, head, body)
    feats = [*features, "data-vocabulary", "header-signin-link"]
    if not currency_code:
        feats += ["missing-currency", "currency-from-symbol"]
    return Page(slug, f"https://{host}{path}", "listing", platform, lang, html, feats, item=item)


# -- Zalando, Wix, Squarespace -------------------------------------------------------------------


def zalando(
    slug: str,
    item: Item,
    *,
    host: str,
    lang: str,
    path: str,
    sizes: list[str],
    offers: list[dict[str, Any]],
    cmp: str | None = "onetrust",
    features: tuple[str, ...] = (),
) -> Page:
    """A Zalando article page: hashed class names, JSON-LD Product with one offer per size."""
    assert item.price is not None
    s = T[lang]
    feats = [*features, "json-ld", "offer-list", "header-signin-link"]
    loc = {"de": "de", "fr": "fr"}[lang]
    price = f"{num(item.price, loc)}\u00a0€"
    was = ""
    if item.was:
        was = f'<p class="dOpElR _0xLoFW vSgP6A _7ckuOK mt1kvu"><span class="sDq_FX _4sa1cA dgII7d Km7l2y HlZ_Tf" style="text-decoration:line-through">{num(item.was, loc)}\u00a0€</span></p>'
        feats.append("struck-price")
    data: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "Product",
        "name": item.title,
        "sku": item.sku,
        "manufacturer": item.brand,
        "brand": {"@type": "Brand", "name": item.brand},
        "image": [
            f"https://img01.ztat.net/article/spp-media-p1/{hexid(slug + str(i), 32)}/{hexid(slug, 22)}.jpg"
            for i in range(3)
        ],
        "color": "white/black",
        "offers": offers,
        "aggregateRating": {"@type": "AggregateRating", "ratingValue": 4.6, "reviewCount": 312},
    }
    hydrate = {
        "graphqlCache": {
            f"Product:ern:product::{item.sku}": {
                "__typename": "Product",
                "sku": item.sku,
                "name": data["name"],
                "displayPrice": {
                    "__typename": "DisplayPrice",
                    "trackingCurrentAmount": float(item.price),
                    "trackingDiscountAmount": float((item.was or item.price) - item.price),
                    "current": {
                        "__typename": "Money",
                        "formatted": price,
                        "amount": int(item.price * 100),
                    },
                    "original": {
                        "formatted": f"{num(item.was, loc)}\u00a0€",
                        "amount": int(item.was * 100),
                    }
                    if item.was
                    else None,
                },
                "brand": {"__typename": "Brand", "name": item.brand},
            }
        }
    }
    size_buttons = "".join(
        f'<div role="radio" aria-checked="false" class="_0xLoFW JT3_zV mo6ZnF"><span class="sDq_FX lystZ1 dgII7d HlZ_Tf">{sz}</span></div>'
        for sz in sizes
    )
    cookie = _cookie(cmp, lang, slug, feats)
    related = "".join(
        f'<li><a href="/x-{i}.html"><h3>Sneaker {i}</h3><p><span>{num(D(60 + i * 10) + D("0.95"), loc)}\u00a0€</span></p></a></li>'
        for i in range(6)
    )
    head = f"""<meta name="description" content="{esc(item.title)} für {item.price} € (2024-06-12) versandkostenfrei auf Zalando bestellen.">
<meta property="og:type" content="product"/><meta property="og:title" content="{esc(item.title)}"/><meta property="og:url" content="https://{host}{path}"/><meta property="og:site_name" content="Zalando"/>
<link rel="canonical" href="https://{host}{path}"/><link rel="stylesheet" href="https://www.zalando.de/static/{hexid(slug, 20)}.css"/>
{ld(data)}"""
    body = f"""<div id="z-navicat-header-root"><header class="z-navicat-header"><div class="z-navicat-header_bottomRow"><a href="/" class="z-navicat-header_logo" title="Zalando">Zalando</a>
<div class="z-navicat-header_searchContainer"><form action="/katalog/" role="search"><input class="z-navicat-header_searchInput" type="search" name="q" placeholder="{s["search"]}" aria-label="{s["search"]}" autocomplete="off"></form></div>
<div class="z-navicat-header_userAccount"><a href="/myaccount/" class="z-navicat-header_navToolItemLink" aria-label="{s["account"]}"><span>{s["sign_in"]}</span></a></div><div class="z-navicat-header_wishlist"><a href="/wardrobe/" aria-label="Wunschzettel">♡</a></div><div class="z-navicat-header_cart"><a href="/cart/" aria-label="{s["cart"]}">🛍</a></div></div></header></div>
<main id="main-content" class="_0xLoFW u9KIT8 vSgP6A"><x-wrapper-re-1-2><div class="I7OI1O"><div class="_0xLoFW FCIprz"><div class="_0xLoFW _78xIQ- EJ4MLB JT3_zV"><img src="https://img01.ztat.net/article/spp-media-p1/{hexid(slug + "0", 32)}/{hexid(slug, 22)}.jpg?imwidth=1800" alt="{esc(item.brand or "")} {esc(data["name"])}" class="sDq_FX lystZ1 FxZV-M _2Pvyxl JT3_zV EKabf7 mo6ZnF _1RurXL mo6ZnF _7ZONEy"></div></div>
<x-wrapper-re-1-3><div class="hD5J5m" data-testid="pdp-product-info"><h3 class="FtrEr_ QdlUSH FxZV-M HlZ_Tf _5Yd-hZ"><a href="/{esc((item.brand or "").lower().replace(" ", "-"))}/" class="_ZDS_REF_SCOPE_ Ez2r8n">{esc(item.brand or "")}</a></h3>
<h1 class="FtrEr_ QdlUSH FxZV-M HlZ_Tf _5Yd-hZ">{esc(data["name"])}</h1>
<div class="hD5J5m" data-testid="pdp-price-container"><p class="dOpElR _0xLoFW vSgP6A _7ckuOK mt1kvu"><span class="sDq_FX _4sa1cA FxZV-M HlZ_Tf{" dgII7d Km7l2y" if item.was else ""}">{price}</span></p>{was}<p class="sDq_FX lystZ1 dgII7d HlZ_Tf zN9KaA">inkl. MwSt.</p></div>
<div class="_0xLoFW _78xIQ- EJ4MLB"><span class="sDq_FX lystZ1 FxZV-M HlZ_Tf">Farbe:</span> <span class="sDq_FX lystZ1 dgII7d HlZ_Tf">white/black</span></div>
<div role="radiogroup" aria-label="Größe auswählen" class="_0xLoFW _78xIQ-">{size_buttons}</div>
<button type="button" class="DJxzzA u9KIT8 uEg2FS U_OhzR ZkIJC- Vn-7c- FCIprz heWLCX JIgPn9 LyRfpJ pxpHHp Md_Vex NN8L-8 EmWJce VWL_Ot _13ipK_ _0xLoFW uL5_eb CbzJhh">{s["add_to_cart"]}</button>
<div class="_0xLoFW"><span class="sDq_FX lystZ1 dgII7d HlZ_Tf">{s["free_shipping"]} · 100 Tage Rückgaberecht</span></div>
<p class="sDq_FX lystZ1 dgII7d HlZ_Tf">Artikelnummer: {esc(item.sku or "")}</p></div></x-wrapper-re-1-3></div></x-wrapper-re-1-2>
<section class="_0xLoFW"><h2 class="sDq_FX _4sa1cA FxZV-M HlZ_Tf">{s["related"]}</h2><ul>{related}</ul></section></main>
<footer class="z-navicat-footer">{footer_links(lang)}<p>© Zalando SE 2024</p></footer>
{cookie}
<script type="application/json" class="re-data-el-hydrate" data-re-asset data-re-asset-id="{hexid(slug, 8)}">{jdump(hydrate)}</script>"""
    html = frame(
        lang, f"{item.brand} {item.title} | Zalando", head, body, html_attrs='class="no-js"'
    )
    return Page(
        slug,
        f"https://{host}{path}",
        "listing",
        "zalando",
        lang,
        html,
        [*feats, "inline-state"],
        item=item,
    )


def wix(
    slug: str,
    item: Item,
    *,
    host: str,
    path: str,
    shop: str,
    sym: str,
    features: tuple[str, ...] = (),
) -> Page:
    """A Wix Stores product page: client-rendered markup plus JSON-LD and warmup data."""
    assert item.price is not None
    data = {
        "@context": "https://schema.org/",
        "@type": "Product",
        "name": item.title,
        "description": item.description,
        "image": [
            {
                "@type": "ImageObject",
                "contentUrl": f"https://static.wixstatic.com/media/{hexid(slug, 6)}_{hexid(slug, 32)}~mv2.jpg/v1/fit/w_500,h_500,q_90/file.jpg",
            }
        ],
        "Offers": {
            "@type": "Offer",
            "url": f"https://{host}{path}",
            "priceCurrency": item.currency,
            "price": str(item.price),
            "Availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": shop},
        },
    }
    warm = {
        "appsWarmupData": {
            "1380b703-ce81-ff05-f115-39571d94dfcd": {
                "productPage_GBP_" + hexid(slug, 8): {
                    "catalog": {
                        "product": {
                            "name": item.title,
                            "price": float(item.price),
                            "formattedPrice": f"{sym}{num(item.price)}",
                            "sku": item.sku,
                            "isInStock": True,
                            "media": [],
                        }
                    }
                }
            }
        }
    }
    body = f"""<div id="SITE_CONTAINER"><div id="main_MF" class="main_MF"><div id="SCROLL_TO_TOP" class="Vd6aQZ ignore-focus SCROLL_TO_TOP" role="region" tabindex="-1" aria-label="top of page"><span class="mHZSwn">top of page</span></div>
<header id="SITE_HEADER" class="xU8fqS SITE_HEADER wixui-header" tabindex="-1"><div class="_C0cVf"><div class="comp-lkz2"><p class="font_0 wixui-rich-text__text"><span class="wixui-rich-text__text">{esc(shop)}</span></p></div>
<div id="comp-lkz3" class="comp-lkz3"><div class="KsLT9F"><button class="r9ZUWb" aria-label="Log In"><span class="k5G_zQ">Log In</span></button></div></div><a href="https://{host}/cart-page" class="uDW_Qe wixui-cart-icon" aria-label="Cart with 0 items">0</a></div></header>
<main id="PAGES_CONTAINER" class="PAGES_CONTAINER" tabindex="-1" data-main-content="true"><div id="SITE_PAGES"><div class="JsJXaX"><div data-hook="product-page" class="_1-OTh"><section data-hook="product-page-layout"><div data-hook="product-gallery-root"><img src="https://static.wixstatic.com/media/{hexid(slug, 6)}_{hexid(slug, 32)}~mv2.jpg/v1/fill/w_500,h_500,al_c,q_85,usm_0.66_1.00_0.01,enc_auto/file.jpg" alt="{esc(item.title)}"></div>
<div data-hook="product-info"><h1 data-hook="product-title" class="sz_T2Ht _2qrJF">{esc(item.title)}</h1><div data-hook="sku" class="_2Ff8L">SKU: {esc(item.sku or "")}</div>
<div data-hook="product-prices-wrapper"><div data-hook="formatted-primary-price-wrapper"><span data-hook="formatted-primary-price" data-wix-price="{sym}{num(item.price)}" class="cfpn1d">{sym}{num(item.price)}</span></div><span class="sr-only" data-hook="sr-formatted-primary-price">Price</span></div>
<div data-hook="quantity-input-wrapper"><input type="number" value="1" aria-label="Quantity" min="1"></div><button data-hook="add-to-cart" class="s__5gHgfk">Add to Cart</button><button data-hook="buy-now-button" class="s__8JFhD">Buy Now</button>
<div data-hook="description"><p>{esc(item.description)}</p></div></div></section></div></div></div></main>
<footer id="SITE_FOOTER" class="SITE_FOOTER wixui-footer"><p>© 2024 by {esc(shop)}. Powered and secured by <a href="https://www.wix.com/?utm_campaign=vir_created_with" target="_blank">Wix</a></p></footer></div></div>
<script type="application/json" id="wix-warmup-data">{jdump(warm)}</script>"""
    head = f"""<meta name="generator" content="Wix.com Website Builder"/><link rel="canonical" href="https://{host}{path}"/><meta property="og:title" content="{esc(item.title)} | {esc(shop)}"/>
<meta property="og:type" content="product"/><meta property="og:url" content="https://{host}{path}"/><meta property="og:site_name" content="{esc(shop)}"/><meta property="product:price:amount" content="{item.price}"/><meta property="product:price:currency" content="{item.currency}"/>
{ld(data)}"""
    html = frame("en", f"{item.title} | {shop}", head, body, body_attrs='class="responsive"')
    return Page(
        slug,
        f"https://{host}{path}",
        "listing",
        "wix",
        "en",
        html,
        [*features, "json-ld", "capitalised-keys", "opengraph-product", "inline-state"],
        item=item,
        note="Wix prints 'Offers' and 'Availability' with capitals",
    )


# -- the pages -----------------------------------------------------------------------------------


def listings() -> list[Page]:
    """Listings on shop systems, in several languages and currencies."""
    return [
        shopify(
            "shopify-us-dunk-low",
            Item(
                "Nike Dunk Low Retro Panda - DD1391-100",
                D("129.00"),
                "USD",
                brand="Nike",
                seller="Sole Street Supply",
                mpn="DD1391-100",
                description="The '80s b-ball icon returns with classic details and throwback hoops flair.",
            ),
            host="www.solestreetsupply.com",
            shop="Sole Street Supply",
            lang="en",
            handle="nike-dunk-low-retro-panda",
            variants=[
                Variant(sz, D("129.00"), D("150.00"), f"DD1391-100-{sz}")
                for sz in ("8", "9", "10", "11")
            ],
            ld_style="productgroup",
        ),
        shopify(
            "shopify-uk-candle",
            Item(
                "Amber & Oud Luxury Soy Candle",
                D("32.00"),
                "GBP",
                brand="Wick & Wax",
                seller="Wick & Wax",
                description="Hand-poured soy wax with a cotton wick. Burn time 60 hours.",
            ),
            host="www.wickandwax.co.uk",
            shop="Wick & Wax",
            lang="en",
            handle="amber-oud-soy-candle",
            variants=[
                Variant("300g", D("32.00"), sku="WW-AO-300"),
                Variant("600g", D("48.00"), sku="WW-AO-600"),
            ],
            ld_style="nested",
            money="£{n}",
            cmp="cookiebot",
            lazy=True,
            announcement="Free UK delivery on orders over £40",
        ),
        shopify(
            "shopify-au-swim",
            Item(
                "Riviera Ribbed Bikini - Olive",
                D("89.95"),
                "AUD",
                brand="Salt & Sand",
                seller="Salt & Sand Swim",
                description="Ribbed recycled nylon, fully lined.",
            ),
            host="www.saltandsandswim.com.au",
            shop="Salt & Sand Swim",
            lang="en",
            handle="riviera-ribbed-bikini-olive",
            variants=[
                Variant("Top only", D("59.95"), sku="SS-RIV-TOP"),
                Variant("Full set", D("89.95"), sku="SS-RIV-SET"),
            ],
            selected=1,
            ld_style="offers",
            money="${n}",
            announcement="Free shipping Australia wide over $100",
            features=("currency-from-domain", "offers-first-is-not-shown"),
        ),
        shopify(
            "shopify-de-parfum",
            Item(
                "Creed Aventus Eau de Parfum 100 ml",
                D("189.00"),
                "EUR",
                brand="Creed",
                seller="Duftwerk Berlin",
                gtin="3508441001114",
                description="Fruchtig-holziger Herrenduft mit Ananas, Birke und Moschus.",
            ),
            host="www.duftwerk-berlin.de",
            shop="Duftwerk Berlin",
            lang="de",
            handle="creed-aventus-edp-100ml",
            variants=[Variant("100 ml", D("189.00"), D("315.00"), "CR-AV-100")],
            ld_style="single",
            money="{n} €",
            loc="de",
            cmp="didomi",
            announcement="Kostenloser Versand ab 50 €",
        ),
        woocommerce(
            "woo-de-chronograph",
            Item(
                "Chronograph Automatik C1 – Edelstahl, Saphirglas",
                D("249.00"),
                "EUR",
                brand="Rheinwerk",
                seller="Uhren Manufaktur Rhein",
                sku="RW-C1-SS",
                was=D("349.00"),
                description="Automatikwerk, 42 mm Edelstahlgehäuse, Saphirglas, 10 ATM.",
            ),
            host="www.uhren-manufaktur-rhein.de",
            path="/produkt/chronograph-automatik-c1/",
            lang="de",
            shop="Uhren Manufaktur Rhein",
            loc="de",
            sym="&euro;",
            after=True,
            theme="flatsome",
            header_login=True,
            offers=[
                {
                    "@type": "Offer",
                    "price": "249.00",
                    "priceValidUntil": "2025-12-31",
                    "priceSpecification": {
                        "price": "249.00",
                        "priceCurrency": "EUR",
                        "valueAddedTaxIncluded": "true",
                    },
                    "priceCurrency": "EUR",
                    "availability": "http://schema.org/InStock",
                    "url": "https://www.uhren-manufaktur-rhein.de/produkt/chronograph-automatik-c1/",
                    "seller": {
                        "@type": "Organization",
                        "name": "Uhren Manufaktur Rhein",
                        "url": "https://www.uhren-manufaktur-rhein.de",
                    },
                }
            ],
        ),
        woocommerce(
            "woo-es-bolso",
            Item(
                "Bolso bandolera de piel Valencia",
                D("19.90"),
                "EUR",
                brand="Mediterráneo",
                seller="Bolsos Mediterráneo",
                sku="BM-VAL",
                description="Bolso bandolera de piel sintética, varios colores.",
            ),
            host="www.bolsosmediterraneo.es",
            path="/producto/bolso-bandolera-valencia/",
            lang="es",
            shop="Bolsos Mediterráneo",
            loc="de",
            sym="&euro;",
            after=True,
            range_hi=D("29.90"),
            cmp="quantcast",
            offers=[
                {
                    "@type": "AggregateOffer",
                    "lowPrice": "19.90",
                    "highPrice": "29.90",
                    "offerCount": 4,
                    "priceValidUntil": "2025-12-31",
                    "availability": "http://schema.org/InStock",
                    "url": "https://www.bolsosmediterraneo.es/producto/bolso-bandolera-valencia/",
                    "priceCurrency": "EUR",
                    "seller": {"@type": "Organization", "name": "Bolsos Mediterráneo"},
                }
            ],
            features=("aggregate-offer",),
        ),
        woocommerce(
            "woo-br-tenis",
            Item(
                "Tênis Adidas Samba OG Branco e Preto",
                D("189.90"),
                "BRL",
                brand="Adidas",
                seller="Loja dos Tênis",
                sku="B75806-39",
                was=D("259.90"),
                description="Tênis clássico de couro com sola de borracha.",
            ),
            host="www.lojadostenis.com.br",
            path="/produto/tenis-adidas-samba-og/",
            lang="pt",
            shop="Loja dos Tênis",
            loc="pt",
            sym="R$",
            after=False,
            never_load=True,
            offers=[
                {
                    "@type": "Offer",
                    "priceSpecification": [
                        {
                            "@type": "UnitPriceSpecification",
                            "price": "259.90",
                            "priceCurrency": "BRL",
                            "valueAddedTaxIncluded": False,
                            "priceType": "https://schema.org/ListPrice",
                        },
                        {
                            "@type": "UnitPriceSpecification",
                            "price": "189.90",
                            "priceCurrency": "BRL",
                            "valueAddedTaxIncluded": False,
                            "validThrough": "2024-07-31",
                        },
                    ],
                    "availability": "http://schema.org/InStock",
                    "url": "https://www.lojadostenis.com.br/produto/tenis-adidas-samba-og/",
                    "seller": {"@type": "Organization", "name": "Loja dos Tênis"},
                }
            ],
            features=("price-specification-list", "offers-first-is-list-price"),
        ),
        woocommerce(
            "woo-th-serum",
            Item(
                "เซรั่มวิตามินซี Klairs Freshly Juiced Vitamin Drop 35 มล.",
                D("1290.00"),
                "THB",
                brand="Klairs",
                seller="Beauty Skin Thai",
                sku="KL-VC-35",
                description="เซรั่มวิตามินซีเข้มข้น 5% ช่วยให้ผิวกระจ่างใส",
            ),
            host="www.beautyskinthai.com",
            path="/product/klairs-vitamin-drop-35ml/",
            lang="th",
            shop="Beauty Skin Thai",
            loc="en",
            sym="&#3647;",
            after=False,
            graph_product=True,
            offers=[
                {
                    "@type": "Offer",
                    "price": "1290.00",
                    "priceCurrency": "THB",
                    "availability": "http://schema.org/InStock",
                    "seller": {"@type": "Organization", "name": "Beauty Skin Thai"},
                }
            ],
        ),
        magento(
            "magento-it-borsa",
            Item(
                "Borsa a mano in pelle Martina - Cuoio",
                D("179.00"),
                "EUR",
                brand="Pelletteria Fiorentina",
                seller="Pelletteria Fiorentina",
                sku="PF-MRT-01",
                was=D("229.00"),
                description="Borsa a mano in vera pelle conciata al vegetale, made in Italy.",
            ),
            host="www.pelletteriafiorentina.it",
            path="/borsa-a-mano-in-pelle-martina.html",
            lang="it",
            shop="Pelletteria Fiorentina",
            loc="de",
            header_login=True,
            never_load=True,
        ),
        magento(
            "magento-fr-tissot",
            Item(
                "Montre Tissot PRX Powermatic 80 cadran bleu 40 mm",
                D("675.00"),
                "EUR",
                brand="Tissot",
                seller="Comptoir des Montres",
                sku="T137.407.11.041.00",
                description="Mouvement automatique Powermatic 80, réserve de marche 80 heures.",
            ),
            host="www.comptoir-des-montres.fr",
            path="/montre-tissot-prx-powermatic-80-bleu.html",
            lang="fr",
            shop="Comptoir des Montres",
            loc="fr",
            cmp="onetrust",
            tall_px=120_000,
        ),
        prestashop(
            "presta-fr-coco",
            Item(
                "Chanel Coco Mademoiselle Eau de Parfum 100 ml",
                D("89.90"),
                "EUR",
                brand="Chanel",
                seller="Parfumerie Lumière",
                sku="CH-CM-100",
                was=D("139.00"),
                description="Un oriental frais, audacieux et féminin.",
            ),
            host="www.parfumerie-lumiere.fr",
            path="/fr/parfums-femme/42-chanel-coco-mademoiselle-edp-100ml.html",
            lang="fr",
            shop="Parfumerie Lumière",
            loc="fr",
            sym="€",
            microdata_currency=False,
            never_load=True,
        ),
        prestashop(
            "presta-pl-krem",
            Item(
                "Krem do twarzy z kwasem hialuronowym 50 ml",
                D("34.99"),
                "PLN",
                brand="Ziaja",
                seller="Kosmetyki Natura",
                sku="ZJ-HA-50",
                description="Nawilżający krem na dzień i na noc.",
            ),
            host="www.kosmetyki-natura.pl",
            path="/pl/kremy/128-krem-do-twarzy-z-kwasem-hialuronowym-50ml.html",
            lang="pl",
            shop="Kosmetyki Natura",
            loc="pl",
            sym="zł",
            cmp="cookiebot",
            jsonld={
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Krem do twarzy z kwasem hialuronowym 50 ml",
                "sku": "ZJ-HA-50",
                "brand": {"@type": "Brand", "name": "Ziaja"},
                "offers": {
                    "@type": "Offer",
                    "pricecurrency": "PLN",
                    "price": "34.99",
                    "availability": "https://schema.org/InStock",
                    "url": "https://www.kosmetyki-natura.pl/pl/kremy/128-krem-do-twarzy-z-kwasem-hialuronowym-50ml.html",
                },
            },
            features=("lowercase-keys",),
        ),
        bigcommerce(
            "bigcommerce-us-shun",
            Item(
                "Shun Classic 8\" Chef's Knife",
                D("139.95"),
                "USD",
                brand="Shun",
                seller="Blade & Barrel",
                sku="DM0706",
                gtin="4901601418143",
                was=D("169.95"),
                description="VG-MAX cutting core with 68 layers of Damascus cladding.",
            ),
            host="www.bladeandbarrel.com",
            path="/shun-classic-8-chefs-knife/",
            shop="Blade & Barrel",
            sym="$",
            jsonld={
                "@context": "https://schema.org/",
                "@type": "Product",
                "name": "Shun Classic 8\" Chef's Knife",
                "sku": "DM0706",
                "gtin13": "4901601418143",
                "brand": {"@type": "Brand", "name": "Shun"},
                "offers": {
                    "@type": "Offer",
                    "priceCurrency": "USD",
                    "price": "139.95",
                    "itemCondition": "https://schema.org/NewCondition",
                    "availability": "https://schema.org/InStock",
                    "url": "https://www.bladeandbarrel.com/shun-classic-8-chefs-knife/",
                },
            },
            lazy=True,
        ),
        bigcommerce(
            "bigcommerce-ca-stick",
            Item(
                "Bauer Vapor Hyperlite2 Senior Hockey Stick",
                D("299.99"),
                "CAD",
                brand="Bauer",
                seller="Northern Edge Hockey",
                sku="1061748",
                description="Lightest Vapor stick ever, low kick point.",
            ),
            host="www.northernedgehockey.ca",
            path="/bauer-vapor-hyperlite2-senior-stick/",
            shop="Northern Edge Hockey",
            sym="$",
            jsonld={
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Bauer Vapor Hyperlite2 Senior Hockey Stick",
                "brand": "Bauer",
                "sku": "1061748",
                "offers": {
                    "@type": "AggregateOffer",
                    "lowprice": "299.99",
                    "highprice": "349.99",
                    "pricecurrency": "CAD",
                    "offercount": "3",
                },
            },
            features=("lowercase-keys", "aggregate-offer", "currency-from-domain"),
        ),
        shopware(
            "shopware-de-cube",
            Item(
                "Cube Aim Pro 29 Zoll Mountainbike grey'n'red",
                D("699.00"),
                "EUR",
                brand="Cube",
                seller="Radhaus Leipzig",
                sku="SW10042",
                gtin="4054622691234",
                was=D("799.00"),
                description="Hardtail mit Shimano Deore 1x10 und hydraulischen Scheibenbremsen.",
            ),
            host="www.radhaus-leipzig.de",
            path="/Cube-Aim-Pro-29-Zoll-MTB/SW10042",
            shop="Radhaus Leipzig",
            cmp="cookiebot",
        ),
        data_vocabulary(
            "opencart-ru-gshock",
            Item(
                "Часы Casio G-Shock GA-2100-1AER",
                D("12990"),
                "RUB",
                brand="Casio",
                seller="Часы Шоп",
                mpn="GA-2100-1AER",
                description="Ударопрочные часы с корпусом из карбона, водонепроницаемость 200 м.",
            ),
            host="www.chasy-shop.ru",
            path="/index.php?route=product/product&product_id=50",
            lang="ru",
            shop="Часы Шоп",
            price_text="12 990 р.",
            currency_code="RUB",
            platform="opencart",
            features=("currency-abbreviation-r",),
        ),
        data_vocabulary(
            "magento1-nl-cassette",
            Item(
                "Shimano Deore XT CS-M8100 cassette 12-speed 10-51T",
                D("89.00"),
                "EUR",
                brand="Shimano",
                seller="Fietsonderdelen Online",
                mpn="CS-M8100-12",
                description="Lichtgewicht 12-speed cassette voor mountainbikes.",
            ),
            host="www.fietsonderdelen-online.nl",
            path="/shimano-deore-xt-cassette-12-speed.html",
            lang="nl",
            shop="Fietsonderdelen Online",
            price_text="€ 89,-",
            currency_code="",
            platform="magento1",
            features=("price-comma-dash",),
        ),
        zalando(
            "zalando-de-airmax",
            Item(
                "AIR MAX 90 - Sneaker low - white/black",
                D("149.99"),
                "EUR",
                brand="Nike Sportswear",
                seller="Zalando",
                sku="NI112O0XX-A11",
            ),
            host="www.zalando.de",
            lang="de",
            path="/nike-sportswear-air-max-90-sneaker-low-white-black-ni112o0xx-a11.html",
            sizes=["40", "41", "42", "43", "44", "45"],
            offers=[
                {
                    "@type": "Offer",
                    "price": "149.99",
                    "priceCurrency": "EUR",
                    "availability": "http://schema.org/InStock",
                    "sku": f"NI112O0XX-A11{sz}000",
                    "url": "/nike-sportswear-air-max-90-sneaker-low-white-black-ni112o0xx-a11.html",
                }
                for sz in ("40", "41", "42", "43", "44", "45")
            ],
        ),
        zalando(
            "zalando-fr-tommy",
            Item(
                "CORE SLIM LOGO TEE - T-shirt imprimé - white",
                D("34.99"),
                "EUR",
                brand="Tommy Hilfiger",
                seller="Zalando",
                sku="TO122O0HG-A11",
                was=D("49.99"),
            ),
            host="www.zalando.fr",
            lang="fr",
            path="/tommy-hilfiger-core-slim-logo-tee-t-shirt-imprime-white-to122o0hg-a11.html",
            sizes=["XS", "S", "M", "L", "XL"],
            cmp="didomi",
            offers=[
                {
                    "@type": "Offer",
                    "price": "49.99",
                    "priceCurrency": "EUR",
                    "availability": "http://schema.org/OutOfStock",
                    "sku": "TO122O0HG-A110XS000",
                }
            ]
            + [
                {
                    "@type": "Offer",
                    "price": "34.99",
                    "priceCurrency": "EUR",
                    "availability": "http://schema.org/InStock",
                    "sku": f"TO122O0HG-A110{sz}000",
                }
                for sz in ("S", "M", "L", "XL")
            ],
            features=("offers-first-is-list-price",),
        ),
        wix(
            "wix-uk-hoops",
            Item(
                "Gold Plated Hoop Earrings – Handmade",
                D("38.00"),
                "GBP",
                seller="Holly & Honey Jewellery",
                sku="HH-HOOP-G",
                description="18k gold plated sterling silver hoops, 25 mm.",
            ),
            host="www.hollyandhoneyjewellery.co.uk",
            path="/product-page/gold-plated-hoop-earrings",
            shop="Holly & Honey Jewellery",
            sym="£",
        ),
    ]


def _simple(
    slug: str,
    kind: str,
    url: str,
    lang: str,
    platform: str,
    title: str,
    main: str,
    features: list[str],
    head: str = "",
) -> Page:
    s = T[lang]
    host = url.split("/")[2]
    body = (
        f'<header class="site-header"><a class="logo" href="https://{host}/">{esc(host)}</a><nav><a href="/account/login">{s["sign_in"]}</a> '
        f'<a href="/cart">{s["cart"]}</a></nav><form action="/search"><input name="q" placeholder="{s["search"]}"></form></header>'
        f'<main id="MainContent" role="main">{main}</main><footer class="footer">{footer_links(lang)}</footer>'
    )
    return Page(slug, url, kind, platform, lang, frame(lang, title, head, body), features)


def _cards(seed: str, n: int, fmt: str, loc: str = "en", cls: str = "card") -> str:
    r = rng(seed)
    out = []
    for i in range(n):
        price = D(r.randint(20, 240)) + D("0.00")
        was = price + D(r.randint(10, 60))
        out.append(
            f'<li class="grid__item"><div class="{cls}"><a href="/products/{hexid(seed + str(i), 8)}" class="full-unstyled-link">'
            f'<h3 class="card__heading">{esc(r.choice(CARD_NAMES))} {i + 1}</h3></a><div class="price price--on-sale">'
            f'<s class="price-item price-item--regular">{fmt.format(n=num(was, loc))}</s> '
            f'<span class="price-item price-item--sale">{fmt.format(n=num(price, loc))}</span></div>'
            f'<button class="quick-add__submit button">Add to cart</button></div></li>'
        )
    return '<ul class="grid product-grid">' + "".join(out) + "</ul>"


CARD_NAMES = [
    "Air Zoom Runner",
    "Court Classic",
    "Retro High",
    "Canvas Low",
    "Trail Pro",
    "Slip-On Comfort",
    "Leather Loafer",
]


def nonlistings() -> list[Page]:
    """Category, cart, sign-in, help and home pages on shop systems."""
    zal_items = [
        {
            "@type": "ListItem",
            "position": i + 1,
            "item": {
                "@type": "Product",
                "name": f"AIR MAX {90 + i} - Sneaker low",
                "brand": {"@type": "Brand", "name": "Nike Sportswear"},
                "url": f"https://www.zalando.de/nike-air-max-{i}.html",
                "offers": {
                    "@type": "Offer",
                    "price": f"{119.95 + i * 10:.2f}",
                    "priceCurrency": "EUR",
                },
            },
        }
        for i in range(10)
    ]
    zal_cards = "".join(
        f'<article class="z5x6ht _0xLoFW JT3_zV mo6ZnF _78xIQ-"><a href="https://www.zalando.de/nike-air-max-{i}.html" class="_LM JT3_zV CKDt_l LyRfpJ"><h3 class="sDq_FX lystZ1 FxZV-M HlZ_Tf ZkIJC- r9BRio qXofat EKabf7 nBq1-s _2MyPg2">AIR MAX {90 + i} - Sneaker low</h3>'
        f'<p class="sDq_FX lystZ1 FxZV-M HlZ_Tf"><span class="sDq_FX lystZ1 FxZV-M HlZ_Tf">{num(D("119.95") + i * 10, "de")}\u00a0€</span></p></a></article>'
        for i in range(10)
    )
    return [
        _simple(
            "shopify-us-collection",
            "category",
            "https://www.solestreetsupply.com/collections/sneakers",
            "en",
            "shopify",
            "Sneakers – Sole Street Supply",
            '<h1 class="collection-hero__title">Sneakers</h1><p>48 products</p>'
            + _cards("ssc", 16, "${n} USD"),
            ["several-prices"],
            head='<meta property="og:type" content="website">',
        ),
        _simple(
            "shopify-us-cart",
            "cart",
            "https://www.solestreetsupply.com/cart",
            "en",
            "shopify",
            "Your Shopping Cart – Sole Street Supply",
            '<cart-items class="page-width"><h1 class="title title--primary">Your cart</h1><table class="cart-items"><tbody><tr class="cart-item" id="CartItem-1">'
            '<td class="cart-item__details"><a href="/products/nike-dunk-low-retro-panda?variant=1" class="cart-item__name h4 break">Nike Dunk Low Retro Panda - DD1391-100</a><div class="product-option">$129.00 USD</div><dl><div class="product-option"><dt>Size: </dt><dd>10</dd></div></dl></td>'
            '<td class="cart-item__quantity"><input class="quantity__input" type="number" name="updates[]" value="1" min="0"></td><td class="cart-item__totals right"><span class="price price--end">$129.00 USD</span></td></tr></tbody></table>'
            '<div class="totals"><h2 class="totals__total">Estimated total</h2><p class="totals__total-value">$129.00 USD</p></div><button type="submit" id="checkout" class="cart__checkout-button button" name="checkout" form="cart">Check out</button></cart-items>',
            ["several-prices"],
        ),
        _simple(
            "shopify-uk-login",
            "signin",
            "https://www.wickandwax.co.uk/account/login",
            "en",
            "shopify",
            "Account – Wick & Wax",
            '<div class="customer login"><h1 id="login" tabindex="-1">Login</h1><form method="post" action="/account/login" id="customer_login" accept-charset="UTF-8" novalidate="novalidate"><input type="hidden" name="form_type" value="customer_login"><input type="hidden" name="utf8" value="✓">'
            '<div class="field"><input type="email" name="customer[email]" id="CustomerEmail" autocomplete="email" autocorrect="off" autocapitalize="off" placeholder="Email"><label for="CustomerEmail">Email</label></div>'
            '<div class="field"><input type="password" value="" name="customer[password]" id="CustomerPassword" autocomplete="current-password" placeholder="Password"><label for="CustomerPassword">Password</label></div>'
            '<a href="/account/login#recover">Forgot your password?</a><button>Sign in</button><a href="/account/register">Create account</a></form></div>',
            ["password-form"],
        ),
        _simple(
            "woo-de-category",
            "category",
            "https://www.uhren-manufaktur-rhein.de/produkt-kategorie/automatikuhren/",
            "de",
            "woocommerce",
            "Automatikuhren Archive - Uhren Manufaktur Rhein",
            '<header class="woocommerce-products-header"><h1 class="woocommerce-products-header__title page-title">Automatikuhren</h1></header><p class="woocommerce-result-count">Zeige 1–12 von 23 Ergebnissen</p>'
            + "".join(
                f'<li class="product type-product"><a href="/produkt/modell-{i}/" class="woocommerce-LoopProduct-link"><h2 class="woocommerce-loop-product__title">Automatik Modell {i}</h2><span class="price">{woo_amount(D(199 + i * 20), "de", "&euro;", True)}</span></a><a href="?add-to-cart={i}" class="button add_to_cart_button">In den Warenkorb</a></li>'
                for i in range(12)
            ),
            ["several-prices"],
        ),
        _simple(
            "woo-es-cart",
            "cart",
            "https://www.bolsosmediterraneo.es/carrito/",
            "es",
            "woocommerce",
            "Carrito - Bolsos Mediterráneo",
            '<div class="woocommerce"><form class="woocommerce-cart-form" action="https://www.bolsosmediterraneo.es/carrito/" method="post"><table class="shop_table shop_table_responsive cart woocommerce-cart-form__contents"><thead><tr><th class="product-name">Producto</th><th class="product-price">Precio</th><th class="product-quantity">Cantidad</th><th class="product-subtotal">Subtotal</th></tr></thead>'
            f'<tbody><tr class="woocommerce-cart-form__cart-item cart_item"><td class="product-name"><a href="/producto/bolso-bandolera-valencia/">Bolso bandolera de piel Valencia - Negro</a></td><td class="product-price">{woo_amount(D("24.90"), "de", "&euro;", True)}</td><td class="product-quantity"><input type="number" class="input-text qty text" value="1"></td><td class="product-subtotal">{woo_amount(D("24.90"), "de", "&euro;", True)}</td></tr></tbody></table></form>'
            f'<div class="cart-collaterals"><div class="cart_totals"><h2>Total del carrito</h2><table><tr class="cart-subtotal"><th>Subtotal</th><td>{woo_amount(D("24.90"), "de", "&euro;", True)}</td></tr><tr class="order-total"><th>Total</th><td><strong>{woo_amount(D("29.85"), "de", "&euro;", True)}</strong></td></tr></table><a href="/finalizar-compra/" class="checkout-button button alt wc-forward">Finalizar compra</a></div></div></div>',
            ["several-prices"],
        ),
        _simple(
            "magento-it-login",
            "signin",
            "https://www.pelletteriafiorentina.it/customer/account/login/",
            "it",
            "magento",
            "Accesso cliente",
            '<div class="page-title-wrapper"><h1 class="page-title"><span class="base">Accesso cliente</span></h1></div><div class="login-container"><div class="block block-customer-login"><div class="block-title"><strong id="block-customer-login-heading" role="heading" aria-level="2">Clienti registrati</strong></div>'
            '<form class="form form-login" action="https://www.pelletteriafiorentina.it/customer/account/loginPost/" method="post" id="login-form"><fieldset class="fieldset login"><div class="field email required"><label class="label" for="email"><span>Email</span></label><input name="login[username]" autocomplete="off" id="email" type="email" class="input-text"></div>'
            '<div class="field password required"><label for="pass" class="label"><span>Password</span></label><input name="login[password]" type="password" autocomplete="off" class="input-text" id="pass"></div><button type="submit" class="action login primary" name="send" id="send2"><span>Accedi</span></button></fieldset></form></div></div>',
            ["password-form"],
        ),
        _simple(
            "presta-fr-livraison",
            "help",
            "https://www.parfumerie-lumiere.fr/fr/content/1-livraison",
            "fr",
            "prestashop",
            "Livraison",
            '<section id="main"><header class="page-header"><h1>Livraison</h1></header><section id="content" class="page-content page-cms page-cms-1"><p>Livraison offerte dès 49,00 € d\'achat en France métropolitaine.</p>'
            "<p>Colissimo suivi : 5,90 € — livraison en 48 h. Chronopost : 12,90 € — livraison le lendemain avant 13 h.</p><p>Les retours sont acceptés sous 14 jours.</p></section></section>",
            ["prices-in-text"],
        ),
        Page(
            "zalando-de-sneaker-category",
            "https://www.zalando.de/herrenschuhe-sneaker/nike-sportswear/",
            "category",
            "zalando",
            "de",
            frame(
                "de",
                "Nike Sportswear Sneaker für Herren online kaufen | ZALANDO",
                ld(
                    {
                        "@context": "http://schema.org",
                        "@type": "ItemList",
                        "itemListElement": zal_items,
                    }
                ),
                f'<header class="z-navicat-header"><a href="/">Zalando</a><a href="/myaccount/">Anmelden</a></header><main><h1>Nike Sportswear Sneaker für Herren</h1><p>1.245 Artikel</p><div class="_0xLoFW _78xIQ- EJ4MLB">{zal_cards}</div></main>',
            ),
            ["json-ld-itemlist-products", "several-prices"],
        ),
        _simple(
            "shopify-de-home",
            "home",
            "https://www.duftwerk-berlin.de/",
            "de",
            "shopify",
            "Duftwerk Berlin – Nischenparfum & Designerdüfte",
            '<section class="banner"><h2>Sommer-Sale: bis zu 50 % auf ausgewählte Düfte</h2><a href="/collections/sale" class="button">Jetzt shoppen</a></section>'
            '<section class="featured-collection"><h2>Bestseller</h2>'
            + _cards("dwh", 8, "{n} €", "de")
            + "</section>",
            ["several-prices", "promotions"],
            head='<meta property="og:type" content="website">',
        ),
    ]
