# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""Classifieds, second-hand apps and social listings: OLX, Vinted, Gumtree, Depop, Facebook..."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any
from urllib.parse import quote

from .kit import Item, Page, consent, digits, esc, frame, hexid, jdump, ld, num


def _rsc(payload: dict[str, Any]) -> str:
    """Next.js app-router flight data, as ``self.__next_f.push`` calls carry it."""
    text = json.dumps(payload, ensure_ascii=False)
    chunk = json.dumps(f"1:{text}\n", ensure_ascii=False).replace("</", "<\\/")
    return (
        "<script>(self.__next_f=self.__next_f||[]).push([0])</script>"
        f"<script>self.__next_f.push([1,{chunk}])</script>"
    )


def olx_pl(
    slug: str, item: Item, *, ad_id: str, city: str, params: list[tuple[str, str]], negotiable: bool
) -> Page:
    """An OLX.pl ad: JSON-LD Product, state as a JSON string in ``__PRERENDERED_STATE__``."""
    assert item.price is not None
    url = f"https://www.olx.pl/d/oferta/{slug.removeprefix('olx-pl-')}-CID767-ID{ad_id}.html"
    product = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.title,
        "image": [
            f"https://ireland.apollo.olxcdn.com:443/v1/files/{hexid(slug + str(i), 14)}-PL/image;s=1000x700"
            for i in range(3)
        ],
        "url": url,
        "description": item.description,
        "category": "https://www.olx.pl/moda/buty/",
        "sku": ad_id,
        "offers": {
            "@type": "Offer",
            "availability": "https://schema.org/InStock",
            "areaServed": {"@type": "City", "name": city},
            "price": int(item.price),
            "priceCurrency": "PLN",
            "itemCondition": "https://schema.org/UsedCondition",
        },
    }
    state = {
        "ad": {
            "ad": {
                "id": int(ad_id),
                "title": item.title,
                "description": item.description,
                "price": {
                    "displayValue": f"{num(item.price, 'pl', 0)} zł",
                    "regularPrice": {
                        "value": int(item.price),
                        "currencyCode": "PLN",
                        "currencySymbol": "zł",
                        "negotiable": negotiable,
                        "priceFormatConfig": {"decimalSeparator": ",", "thousandsSeparator": " "},
                    },
                },
                "user": {
                    "id": int(digits(slug, 9)),
                    "name": item.seller,
                    "created": "2019-02-11T09:12:44+01:00",
                },
                "location": {"cityName": city},
            }
        }
    }
    params_html = "".join(
        f'<li class="css-1r0si1e"><p class="css-b5m1rv er34gjf0">{esc(k)}: {esc(v)}</p></li>'
        for k, v in params
    )
    body = f"""<div id="root"><header class="css-1l2erut" data-testid="header"><a href="/" data-testid="logo-link" aria-label="OLX"><svg width="64" height="40"></svg></a>
<nav class="css-1cqn3tq"><a href="/obserwowane/" data-testid="observed-link">Obserwowane</a><a href="/konto/?ref%5B0%5D%5Baction%5D=myaccount&amp;ref%5B0%5D%5Bmethod%5D=index" data-testid="myolx-link" class="css-12l1k7f">Twoje konto</a><a href="/d/nowe-ogloszenie/" data-testid="post-new-ad-button" class="css-1y9o1ej">Dodaj ogłoszenie</a></nav></header>
<main class="css-1vzwanc"><div data-testid="main-content"><div data-testid="ad-photo" class="swiper-zoom-container"><img src="https://ireland.apollo.olxcdn.com:443/v1/files/{hexid(slug + "0", 14)}-PL/image;s=1000x700" alt="{esc(item.title)}" class="css-1bmvjcs"></div>
<div class="css-1yzzyg0"><span class="css-19yf5ek" data-cy="ad-posted-at" data-testid="ad-posted-at">Dzisiaj o 10:14</span><div data-cy="ad_title" data-testid="ad_title" class="css-1juynto"><h4 class="css-1kc83jo">{esc(item.title)}</h4></div>
<div data-testid="ad-price-container" class="css-e2ir3r"><h3 class="css-90xrc0">{num(item.price, "pl", 0)} zł</h3>{'<p class="css-nmtwfc">do negocjacji</p>' if negotiable else ""}</div>
<div class="css-1v4bdtk"><button data-cy="ad-contact-message-button" data-testid="ad-contact-message-button" type="button" class="css-1pa4fd4">Napisz</button><button data-testid="ad-contact-phone" type="button" class="css-1pa4fd4">Zadzwoń</button></div></div>
<div data-testid="ad-parameters-container" class="css-41yf00"><ul class="css-rn93um"><li class="css-1r0si1e"><p class="css-b5m1rv er34gjf0"><span>Prywatne</span></p></li>{params_html}</ul></div>
<div data-cy="ad_description" data-testid="ad_description" class="css-1t507yq"><h3 class="css-1ldfdjc">Opis</h3><div class="css-1o924a9">{esc(item.description)}</div></div>
<div data-testid="user-profile-card" class="css-1bafgv4"><a data-testid="user-profile-link" name="user_ads" href="/oferty/uzytkownik/{hexid(slug, 6)}/" class="css-12l1k7f"><h4 data-testid="user-profile-user-name" class="css-1lcz6o7">{esc(item.seller or "")}</h4></a><p data-testid="member-since" class="css-23d1vy">Na OLX od lutego 2019</p></div>
<p class="css-7wnksb">Lokalizacja: <span>{esc(city)}</span></p><span class="css-12hdxwj">ID: {ad_id}</span></div>
<section data-testid="related-ads"><h2>Podobne ogłoszenia</h2>{"".join(f'<div data-cy="l-card" data-testid="l-card"><a href="/d/oferta/x-CID767-ID{digits(slug + str(i), 8)}.html"><h6 class="css-16v5mdi">Buty Nike {i}</h6><p data-testid="ad-price" class="css-10b0gli">{200 + i * 35} zł</p></a></div>' for i in range(6))}</section></main>
<footer class="css-1asp4f3"><a href="https://pomoc.olx.pl/">Pomoc</a> <a href="/zasady/">Regulamin</a> <a href="/polityka-prywatnosci/">Polityka prywatności</a></footer></div>
{consent("onetrust", "pl", slug)}
<script>window.__PRERENDERED_STATE__= {json.dumps(json.dumps(state, ensure_ascii=False), ensure_ascii=False)};</script>"""
    html = frame("pl", f"{item.title} {city} • OLX.pl", ld(product), body)
    return Page(
        slug,
        url,
        "listing",
        "olx",
        "pl",
        html,
        [
            "json-ld",
            "classified",
            "inline-state",
            "state-json-string",
            "several-prices",
            "cookie-banner",
            "cookie-onetrust",
        ],
        item=item,
    )


def olx_br(slug: str, item: Item, *, ad_id: str, city: str) -> Page:
    """An OLX Brasil ad: state HTML-escaped in a ``data-json`` attribute, no JSON-LD."""
    assert item.price is not None
    shown = f"R$ {num(item.price, 'pt', 0)}"
    state = {
        "ad": {
            "listId": int(ad_id),
            "subject": item.title,
            "body": item.description,
            "priceValue": shown,
            "price": int(item.price),
            "user": {"name": item.seller},
            "location": {"municipality": city},
            "properties": [{"name": "condition", "value": "Usado"}],
        }
    }
    url = f"https://rj.olx.com.br/rio-de-janeiro-e-regiao/celulares/{slug.removeprefix('olx-br-')}-{ad_id}"
    body = f"""<div id="__next"><header class="olx-header"><a href="https://www.olx.com.br/" aria-label="OLX"><svg></svg></a><a href="https://conta.olx.com.br/acesso" class="olx-button olx-button--link-button">Entrar</a><a href="https://www2.olx.com.br/desapega" class="olx-button olx-button--primary">Anunciar grátis</a></header>
<main class="ad__sc-18p038x-2"><div class="ad__sc-1jr3zuf-0"><img src="https://img.olx.com.br/images/{digits(slug, 2)}/{digits(slug, 9)}.jpg" alt="{esc(item.title)}"></div>
<div class="ad__sc-h3us20-0"><h1 class="olx-text olx-text--title-medium olx-text--block ad__sc-45jt43-0 fAoUhe">{esc(item.title)}</h1>
<div class="ad__sc-q5xder-1"><h2 class="olx-text olx-text--title-large olx-text--block ad__sc-1leoitd-0 bpLbCi">{shown}</h2></div>
<span class="olx-text olx-text--caption olx-text--block olx-color-neutral-120">Publicado em 12/06 às 09:41</span>
<div class="ad__sc-2h9gkk-0"><span class="olx-text olx-text--body-small olx-text--block olx-text--semibold">Condição</span><span class="olx-text olx-text--body-small olx-text--block">Usado - Excelente</span></div>
<div data-ds-component="DS-Container"><span class="olx-text olx-text--body-large olx-text--block olx-text--semibold ad__sc-ypp2u2-4 TTTuh">{esc(item.seller or "")}</span><span>Na OLX desde 2020</span></div>
<button class="olx-button olx-button--primary">Chat</button><button class="olx-button olx-button--secondary">Ver telefone</button>
<div class="ad__sc-1sj3nln-1"><span class="olx-text olx-text--body-medium olx-text--block">{esc(item.description)}</span></div></div>
<section><h2>Anúncios parecidos</h2>{"".join(f'<a href="https://rj.olx.com.br/x-{digits(slug + str(i), 10)}"><h2>iPhone 12 {i}</h2><h3>R$ {num(D(2500 + i * 150), "pt", 0)}</h3></a>' for i in range(5))}</section></main></div>
<script id="initial-data" type="text/plain" data-json="{esc(jdump(state))}"></script>"""
    html = frame(
        "pt-BR", f"{item.title} - Celulares e smartphones - {city} {ad_id} | OLX", "", body
    )
    return Page(
        slug,
        url,
        "listing",
        "olx",
        "pt",
        html,
        [
            "no-structured-data",
            "classified",
            "inline-state",
            "state-in-attribute",
            "thousands-dot-no-decimals",
            "header-signin-link",
        ],
        item=item,
    )


def vinted(
    slug: str,
    item: Item,
    *,
    host: str,
    lang: str,
    item_id: str,
    loc: str,
    sym: str,
    sym_after: bool,
    protection: D,
    jsonld: bool,
    strings: dict[str, str],
) -> Page:
    """A Vinted item page: Next.js flight data, item price next to a price with buyer fees."""
    assert item.price is not None

    def money(a: D) -> str:
        return f"{num(a, loc)}\u00a0{sym}" if sym_after else f"{sym}{num(a, loc)}"

    url = f"https://{host}/items/{item_id}-{slug.split('-', 2)[-1]}"
    product = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.title,
        "description": item.description,
        "image": f"https://images1.vinted.net/t/{hexid(slug, 30)}/f800/{digits(slug, 10)}.jpeg",
        "brand": {"@type": "Brand", "name": item.brand},
        "offers": {
            "@type": "Offer",
            "price": f"{item.price:.1f}",
            "priceCurrency": item.currency,
            "availability": "https://schema.org/InStock",
            "itemCondition": "https://schema.org/UsedCondition",
            "url": url,
        },
    }
    flight = {
        "item": {
            "id": int(item_id),
            "title": item.title,
            "brand_title": item.brand,
            "price": {"amount": f"{item.price:.1f}", "currency_code": item.currency},
            "total_item_price": {"amount": f"{protection:.2f}", "currency_code": item.currency},
            "service_fee": {
                "amount": f"{protection - item.price:.2f}",
                "currency_code": item.currency,
            },
            "user": {"login": item.seller, "feedback_reputation": 0.98},
            "status": strings["condition"],
        }
    }
    body = f"""<div class="l-header"><header class="l-header__main"><a href="/" class="l-header__logo" aria-label="Vinted"><svg></svg></a><div class="u-flexbox"><form class="c-search-bar" action="/catalog"><input type="search" name="search_text" placeholder="{strings["search"]}"></form></div>
<div class="u-flexbox u-align-items-center"><a href="/member/signup/select_type?ref_url=%2Fitems%2F{item_id}" class="web_ui__Button__button web_ui__Button__outlined web_ui__Button__small web_ui__Button__primary" data-testid="header--login-button"><span class="web_ui__Button__content"><span class="web_ui__Button__label">{strings["signin"]}</span></span></a><a href="/items/new" class="web_ui__Button__button web_ui__Button__filled web_ui__Button__small web_ui__Button__primary">{strings["sell"]}</a></div></header></div>
<main class="site"><div class="site-wrapper"><div class="body-content"><div class="row u-position-relative"><div class="item-photos"><figure class="item-photo item-photo--1"><img src="https://images1.vinted.net/t/{hexid(slug, 30)}/f800/{digits(slug, 10)}.jpeg" alt="{esc(item.title)}" class="web_ui__Image__content" data-testid="item-photo-1--img"></figure></div>
<aside class="item-sidebar"><div class="box--item-details"><div class="details-list details-list--main-info"><div class="details-list__item" data-testid="item-title"><h1 class="web_ui__Text__text web_ui__Text__title web_ui__Text__left">{esc(item.title)}</h1></div>
<div class="details-list__item" data-testid="item-price"><p class="web_ui__Text__text web_ui__Text__subtitle web_ui__Text__left web_ui__Text__muted">{money(item.price)}</p></div>
<div data-testid="item-price-with-buyer-protection"><button class="web_ui__Cell__cell web_ui__Cell__narrow web_ui__Cell__link" type="button"><div class="web_ui__Text__text web_ui__Text__title web_ui__Text__left web_ui__Text__primary">{money(protection)}</div><span class="web_ui__Text__text web_ui__Text__caption web_ui__Text__left web_ui__Text__primary">{strings["protection"]}</span></button></div></div>
<div class="details-list details-list--details"><div class="details-list__item" itemprop="brand"><div class="details-list__item-title">{strings["brand"]}</div><div class="details-list__item-value"><a href="/brand/{hexid(item.brand or "", 5)}"><span itemprop="name">{esc(item.brand or "")}</span></a></div></div>
<div class="details-list__item"><div class="details-list__item-title">{strings["state"]}</div><div class="details-list__item-value" itemprop="itemCondition">{strings["condition"]}</div></div></div>
<div class="details-list__item"><button class="web_ui__Button__button web_ui__Button__filled web_ui__Button__default web_ui__Button__primary web_ui__Button__truncated" data-testid="item-buy-button" type="button"><span class="web_ui__Button__label">{strings["buy"]}</span></button><button class="web_ui__Button__button web_ui__Button__outlined" data-testid="item-offer-button" type="button">{strings["offer"]}</button></div></div>
<div class="box--user-info"><a href="/member/{digits(slug, 8)}-{esc(item.seller or "")}" data-testid="profile-username"><span class="web_ui__Text__text web_ui__Text__title">{esc(item.seller or "")}</span></a></div></aside></div>
<div class="item-description"><p>{esc(item.description)}</p></div>
<section data-testid="item-feed"><h2>{strings["more"]}</h2>{"".join(f'<div class="feed-grid__item"><a href="/items/{digits(slug + str(i), 10)}-x"><p class="web_ui__Text__text">{money(D(10 + i * 7))}</p><p>{money(D(10 + i * 7) + D("0.70") + D(i) * D("0.35"))}</p></a></div>' for i in range(6))}</section></div></div></main>
{_rsc(flight)}"""
    html = frame(lang, f"{item.title} | Vinted", ld(product) if jsonld else "", body)
    feats = [
        "classified",
        "several-prices",
        "price-with-fees",
        "inline-state",
        "next-flight-data",
        "header-signin-link",
    ]
    feats.append("json-ld" if jsonld else "no-structured-data")
    return Page(
        slug,
        url,
        "listing",
        "vinted",
        lang,
        html,
        feats,
        item=item,
        note="The item price, not the price with buyer-protection fees",
    )


def gumtree(slug: str, item: Item, *, ad_id: str, category: str) -> Page:
    """A Gumtree UK ad: no structured data, a data layer carrying the price."""
    assert item.price is not None
    url = f"https://www.gumtree.com/p/{category}/{slug.removeprefix('gumtree-')}/{ad_id}"
    layer = [
        {
            "pageType": "VIP",
            "adId": ad_id,
            "adPrice": int(item.price),
            "adCategory": category,
            "adTitle": item.title,
            "sellerType": "private",
            "l1Location": "London",
        }
    ]
    body = f"""<header class="css-hc0bqi"><a href="/" aria-label="Gumtree home" class="css-1d7tp21"></a><form action="/search" class="css-1pn7xk2"><input name="search_query" placeholder="Search Gumtree"></form>
<nav><a href="/login" class="css-9b7hp1">Login/Register</a><a href="/postad" class="css-1x7b3m6">Sell</a></nav></header>
<main class="css-1ieffgh"><nav aria-label="breadcrumbs"><a href="/">Home</a> › <a href="/{category}">Mobile Phones</a></nav>
<div class="css-1kplibs"><img src="https://imagedelivery.net/ePR8PyKf84wPHx7_RYmEag/{hexid(slug, 36)}/86" alt="{esc(item.title)}"></div>
<h1 class="css-1s5y7dt" data-q="vip-title">{esc(item.title)}</h1><h3 class="css-1y5xiza" data-q="ad-price">£{num(item.price, "en", 0)}</h3>
<p class="css-1xgn9f1" data-q="vip-location">Islington, London</p><p data-q="posted-time">Posted 3 days ago</p>
<section class="css-15lcpe" data-q="seller-profile"><h2 class="css-4c2h3i">Posted by <span data-q="seller-name">{esc(item.seller or "")}</span></h2><p>Private seller · Active on Gumtree since 2017</p><button data-q="reply-panel-reveal-btn" class="css-1m0e4c6">Message</button><button data-q="reveal-phone-number">Show number</button></section>
<section data-q="vip-description"><h2>Description</h2><p>{esc(item.description)}</p></section>
<section data-q="vip-attributes"><dl><dt>Condition</dt><dd>Used</dd><dt>Storage</dt><dd>128GB</dd></dl></section>
<section><h2>Similar ads</h2>{"".join(f'<article data-q="search-result"><a href="/p/{category}/x/{digits(slug + str(i), 10)}"><div data-q="tile-title">iPhone {11 + i} Unlocked</div><div data-q="tile-price">£{200 + i * 60}</div></a></article>' for i in range(6))}</section>
<a href="/report/{ad_id}" class="css-report">Report ad</a></main>
<footer class="css-footer"><a href="/about">About Gumtree</a> <a href="/privacy_policy">Privacy</a> <a href="/safety">Safety</a></footer>
<script>window.gumtreeDataLayer = {jdump(layer)};</script>"""
    html = frame("en-GB", f"{item.title} | in Islington, London | Gumtree", "", body)
    return Page(
        slug,
        url,
        "listing",
        "gumtree",
        "en",
        html,
        [
            "no-structured-data",
            "classified",
            "inline-state",
            "several-prices",
            "header-signin-link",
        ],
        item=item,
    )


def depop(slug: str, item: Item, *, shipping: D) -> Page:
    """A Depop product page: ``__NEXT_DATA__``, sale price, shipping shown as another price."""
    assert item.price is not None and item.was is not None
    url = f"https://www.depop.com/products/{item.seller}-{slug.removeprefix('depop-')}/"
    next_data = {
        "props": {
            "pageProps": {
                "product": {
                    "id": int(digits(slug, 9)),
                    "slug": url.rsplit("/", 2)[-2],
                    "description": f"{item.title}\n{item.description}",
                    "price": {
                        "priceAmount": f"{item.price:.2f}",
                        "currencyName": item.currency,
                        "discountedPriceAmount": f"{item.price:.2f}",
                        "originalPriceAmount": f"{item.was:.2f}",
                        "nationalShippingCost": f"{shipping:.2f}",
                    },
                    "seller": {"username": item.seller, "reviewsRating": 4.9},
                    "brand": item.brand,
                    "condition": "Used - Excellent",
                    "sold": False,
                }
            }
        },
        "page": "/products/[slug]",
        "query": {"slug": url.rsplit("/", 2)[-2]},
        "buildId": hexid(slug, 21),
    }
    body = f"""<div id="__next"><header class="styles__Header-sc-1b3c4a1-0"><a href="/" aria-label="Depop home">depop</a><form action="/search/"><input name="q" placeholder="Search for anything"></form><a href="/login/" class="styles__LoginButton-sc-1n2k1u4-1">Log in</a><a href="/signup/">Sign up</a></header>
<main class="styles__Layout-sc-__sc-1fk4zep-0"><div class="styles__ImageContainer-sc-__sc-1bf8f1l-0"><img src="https://media-photos.depop.com/b1/{digits(slug, 8)}/{digits(slug + "p", 10)}_{hexid(slug, 32)}/P0.jpg" alt="{esc(item.title)}"></div>
<div class="styles__ProductDetailsContainer"><a href="/{esc(item.seller or "")}/" data-testid="bio__username"><p class="sc-eDnWTT styles__Username">{esc(item.seller or "")}</p></a>
<h1 class="sc-eDnWTT styles__ProductTitle" data-testid="product__title">{esc(item.title)}</h1>
<div data-testid="product__pricing" class="ProductDetailsSticky-styles__PriceContainer"><p aria-label="Price" class="sc-eDnWTT Price-styles__DiscountPrice-sc-__sc-f7c1dfcc-1">£{num(item.price)}</p><p aria-label="Full price" class="sc-eDnWTT Price-styles__FullPrice-sc-__sc-f7c1dfcc-0" style="text-decoration:line-through">£{num(item.was)}</p></div>
<p class="sc-eDnWTT styles__Shipping">+ £{num(shipping)} shipping</p>
<table class="ProductAttributes-styles__Attributes"><tr><td>Brand</td><td>{esc(item.brand or "")}</td></tr><tr><td>Condition</td><td>Used - Excellent</td></tr><tr><td>Size</td><td>L</td></tr></table>
<button data-testid="button__buy" class="sc-kgTSHT">Buy now</button><button data-testid="button__offer">Make offer</button><button data-testid="button__message">Message seller</button>
<p data-testid="product__description" class="styles__Description">{esc(item.title)}<br>{esc(item.description)}</p></div></main></div>
<script id="__NEXT_DATA__" type="application/json">{jdump(next_data)}</script>"""
    html = frame("en", f"{item.title} | Depop", '<meta property="og:type" content="website">', body)
    return Page(
        slug,
        url,
        "listing",
        "depop",
        "en",
        html,
        [
            "no-structured-data",
            "classified",
            "inline-state",
            "next-data",
            "struck-price",
            "several-prices",
            "header-signin-link",
        ],
        item=item,
    )


FB_CLASSES = "x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x"


def facebook_marketplace(
    slug: str, item: Item, *, listing_id: str, place: str, shown: str, condition_text: str
) -> Page:
    """A Facebook Marketplace item seen logged out: the listing plus a log-in dialog with a form."""
    assert item.price is not None
    relay = {
        "require": [
            [
                "ScheduledServerJS",
                "handle",
                None,
                [
                    {
                        "__bbox": {
                            "require": [
                                [
                                    "RelayPrefetchedStreamCache",
                                    "next",
                                    [],
                                    [
                                        f"adp_MarketplacePDPContainerQueryRelayPreloader_{hexid(slug, 20)}",
                                        {
                                            "__bbox": {
                                                "complete": True,
                                                "result": {
                                                    "data": {
                                                        "viewer": {
                                                            "marketplace_product_details_page": {
                                                                "target": {
                                                                    "__typename": "GroupCommerceProductItem",
                                                                    "id": listing_id,
                                                                    "marketplace_listing_title": item.title,
                                                                    "listing_price": {
                                                                        "amount": f"{item.price:.2f}",
                                                                        "currency": item.currency,
                                                                        "formatted_amount": shown,
                                                                    },
                                                                    "location_text": {
                                                                        "text": place
                                                                    },
                                                                    "marketplace_listing_seller": {
                                                                        "name": item.seller
                                                                    },
                                                                    "condition": condition_text,
                                                                }
                                                            }
                                                        }
                                                    }
                                                },
                                            }
                                        },
                                    ],
                                ]
                            ]
                        }
                    }
                ],
            ]
        ]
    }
    url = f"https://www.facebook.com/marketplace/item/{listing_id}/"
    body = f"""<div id="mount_0_0_Xy" class="x9f619 x1n2onr6 x1ja2u2z"><div class="x78zum5 xdt5ytf x1t2pt76 x1n2onr6 x1ja2u2z x10cihs4"><div role="banner" class="x1qjc9v5 x78zum5 x1q0g3np"><a aria-label="Facebook" href="/" role="link"><svg viewBox="0 0 36 36" height="40" width="40"></svg></a>
<div class="x6s0dn4 x78zum5"><a href="/login/?next=%2Fmarketplace%2Fitem%2F{listing_id}%2F" role="link" class="x1i10hfl xjbqb8w x1ejq31n">Log in</a></div></div>
<div role="main" class="x9f619 x1n2onr6 x1ja2u2z x78zum5 xdt5ytf x2lah0s x193iq5w xeuugli"><div class="x1e56ztr x1xmf6yo"><img alt="{esc(item.title)}" class="xz74otr x1ey2m1c" src="https://scontent.fdub4-1.fna.fbcdn.net/v/t45.5328-4/{digits(slug, 9)}_{digits(slug + "x", 16)}_n.jpg?stp=dst-jpg_s960x960"></div>
<div class="xyamay9 x1pi30zi x18d9i69 x1swvt13"><h1 class="x1heor9g x1qlqyl8 x1pd3egz x1a2a7pz x193iq5w xeuugli"><span class="{FB_CLASSES} x1lkfr7t x1lbecb7 x1s688f xzsf02u" dir="auto">{esc(item.title)}</span></h1>
<div class="x1xmf6yo"><span class="{FB_CLASSES} x1lkfr7t x1lbecb7 xk50ysn xzsf02u" dir="auto">{esc(shown)}</span></div>
<div class="x1yztbdb"><span class="{FB_CLASSES} x4zkp8e x3x7a5m x1nxh6w3 x1sibtaa xo1l8bm xi81zsa" dir="auto">Listed 2 weeks ago in {esc(place)}</span></div>
<div class="x1n2onr6"><span class="{FB_CLASSES}" dir="auto">Details</span><div><span class="{FB_CLASSES}">Condition</span><span class="{FB_CLASSES}">{esc(condition_text)}</span></div><div class="xz9dl7a"><span class="{FB_CLASSES}" dir="auto">{esc(item.description)}</span></div></div>
<div class="x1n2onr6"><span class="{FB_CLASSES}" dir="auto">Seller information</span><a href="/marketplace/profile/{digits(slug, 15)}/" role="link"><span class="{FB_CLASSES} x1s688f">{esc(item.seller or "")}</span></a><span class="{FB_CLASSES}">Joined Facebook in 2012</span></div>
<div aria-label="Message" role="button" tabindex="0" class="x1i10hfl xjbqb8w x6umtig">Send seller a message</div></div></div></div>
<div role="dialog" aria-label="Log in to Facebook" class="x1n2onr6 x1vjfegm"><div class="x1cy8zhl x9f619 x78zum5"><span class="{FB_CLASSES}">See more on Facebook</span>
<form action="https://www.facebook.com/login/device-based/regular/login/?login_attempt=1&amp;next=https%3A%2F%2Fwww.facebook.com%2Fmarketplace%2Fitem%2F{listing_id}%2F" method="post" id="login_popup_cta_form"><input type="hidden" name="jazoest" value="{digits(slug, 5)}"><input type="hidden" name="lsd" value="{hexid(slug, 22)}">
<input type="text" class="inputtext _55r1 _6luy" name="email" id="email" placeholder="Email or phone number" autofocus="1" aria-label="Email or phone number"><input type="password" class="inputtext _55r1 _6luy _9npi" name="pass" id="pass" placeholder="Password" aria-label="Password">
<button value="1" class="_42ft _4jy0 _6lth _4jy6 _4jy1 selected _51sy" name="login" type="submit">Log in</button><a href="https://www.facebook.com/recover/initiate/">Forgotten password?</a><a role="button" href="/r.php">Create new account</a></form></div></div></div>
<script type="application/json" data-content-len="{len(jdump(relay))}" data-sjs>{jdump(relay)}</script>"""
    head = (
        f'<meta property="og:title" content="{esc(item.title)}" /><meta property="og:description" content="{esc(item.description)}" />'
        f'<meta property="og:url" content="{url}" /><meta property="og:image" content="https://scontent.fdub4-1.fna.fbcdn.net/v/t45.5328-4/{digits(slug, 9)}_n.jpg" />'
    )
    html = frame(
        "en",
        f"{item.title} - {shown} | Facebook Marketplace",
        head,
        body,
        html_attrs='id="facebook" class="_9dls"',
    )
    return Page(
        slug,
        url,
        "listing",
        "facebook",
        "en",
        html,
        [
            "social",
            "no-structured-data",
            "inline-state",
            "obfuscated-classes",
            "signin-overlay",
            "password-form",
            "not-a-login-wall",
        ],
        item=item,
    )


def instagram_post(
    slug: str,
    item: Item,
    *,
    code: str,
    account: str,
    caption: str,
    product_sheet: tuple[str, str, str] | None = None,
) -> Page:
    """An Instagram post seen logged out: caption with the price, or a tagged product sheet."""
    url = f"https://www.instagram.com/p/{code}/"
    og_title = f'{account} on Instagram: "{caption[:120]}"'
    sheet = ""
    feats = ["social", "no-structured-data", "header-signin-link"]
    if product_sheet:
        name, price, site = product_sheet
        sheet = (
            f'<div role="dialog" aria-label="Product details" class="x1n2onr6"><div class="x9f619"><span class="x1lliihq x1plvlek xryxfnj">{esc(name)}</span>'
            f'<span class="x1lliihq x193iq5w x6ikm8r">{esc(price)}</span><span class="x1lliihq">{esc(account)}</span>'
            f'<a href="{site}" role="link" class="x1i10hfl">View on website</a></div></div>'
        )
        feats.append("shopping-tag")
    else:
        feats.append("price-in-text")
    body = f"""<div id="mount_0_0_Ab"><div class="x9f619 x1n2onr6 x1ja2u2z"><nav class="x1qjc9v5"><a href="/" aria-label="Instagram">Instagram</a><a href="/accounts/login/?next=%2Fp%2F{code}%2F&amp;source=desktop_nav" class="x1i10hfl xjqpnuy">Log in</a><a href="/accounts/emailsignup/" class="x1i10hfl">Sign up</a></nav>
<main role="main" class="xvbhtw8 x78zum5"><article class="x1iyjqo2 xvbhtw8"><div class="_aagu"><div class="_aagv"><img alt="Photo by {esc(account)} on June 10, 2024." class="x5yr21d xu96u03 x10l6tqk x13vifvy x87ps6o xh8yej3" src="https://scontent-lhr8-1.cdninstagram.com/v/t51.29350-15/{digits(slug, 9)}_{digits(slug + "y", 15)}_n.jpg"></div></div>
<header class="_aaqw"><a href="/{esc(account)}/" role="link"><span class="_ap3a _aaco _aacw _aacx _aad7 _aade" dir="auto">{esc(account)}</span></a></header>
<div class="_a9zr"><h1 class="_ap3a _aaco _aacu _aacx _aad7 _aade" dir="auto">{esc(caption)}</h1></div>{sheet}
<section class="_ae5m"><span class="x193iq5w">1,204 likes</span><a href="/p/{code}/liked_by/"><time class="x1p4m5qa" datetime="2024-06-10T18:22:01.000Z">June 10</time></a></section></article></main>
<div class="x1n2onr6 xzkaem6"><div class="x9f619"><span>Log in to see photos and videos from friends and discover other accounts you'll love.</span><a href="/accounts/login/" class="x1i10hfl">Log in</a><a href="/accounts/emailsignup/">Sign up</a></div></div></div></div>
<script type="application/json" data-sjs>{jdump({"require": [["PolarisPostRoot", {"shortcode": code, "owner": {"username": account}, "edge_media_to_caption": {"edges": [{"node": {"text": caption}}]}}]]})}</script>"""
    head = (
        f'<meta property="og:title" content="{esc(og_title)}" /><meta property="og:type" content="instapp:photo" />'
        f'<meta property="og:url" content="{url}" /><meta property="og:description" content="1,204 likes, 87 comments - {esc(account)} on June 10, 2024: &quot;{esc(caption[:140])}&quot;." />'
    )
    html = frame("en", f'{account} on Instagram: "{caption[:60]}"', head, body)
    return Page(
        slug,
        url,
        "listing",
        "instagram",
        "en",
        html,
        feats,
        item=item,
        note="Title is the product name the post names; price from the caption or tag",
    )


def kleinanzeigen(slug: str, item: Item, *, ad_id: str, suffix: str, place: str) -> Page:
    """A Kleinanzeigen ad: "VB" (negotiable) price text in an ``itemprop=price`` heading."""
    assert item.price is not None
    url = f"https://www.kleinanzeigen.de/s-anzeige/{slug.removeprefix('kleinanzeigen-')}/{ad_id}-{suffix}"
    body = f"""<div class="site-base"><header class="site-header"><a class="site-logo" href="/"><span>Kleinanzeigen</span></a><form id="site-search-form" action="/s-suchanfrage.html"><input id="site-search-query" name="keywords" placeholder="Was suchst du?"></form>
<div class="site-header--links"><a href="/m-einloggen.html?targetUrl=%2Fs-anzeige%2F{ad_id}" class="button-secondary" id="site-signin">Einloggen</a><a href="/m-benutzer-anmeldung.html">Registrieren</a><a href="/p-anzeige-aufgeben.html" class="button">Anzeige aufgeben</a></div></header>
<div id="site-content"><article id="viewad-main" class="l-container" itemscope itemtype="https://schema.org/Offer"><div id="viewad-product"><div class="galleryimage-element current"><img id="viewad-image" src="https://img.kleinanzeigen.de/api/v1/prod-ads/images/{hexid(slug, 2)}/{hexid(slug, 36)}?rule=$_59.AUTO" itemprop="image" alt="{esc(item.title)}"></div>
<div class="boxedarticle--details--full"><h1 id="viewad-title" class="boxedarticle--title" itemprop="name">{esc(item.title)}</h1><meta itemprop="priceCurrency" content="EUR">
<h2 class="boxedarticle--price" id="viewad-price" itemprop="price">{num(item.price, "de", 0)} € VB</h2>
<div class="boxedarticle--details--shipping" id="viewad-locality" itemprop="availableAtOrFrom">{esc(place)}</div><div id="viewad-extra-info" class="boxedarticle--details--extrainfo"><span>12.06.2024</span></div></div>
<div class="splitlinebox l-container-row" id="viewad-details"><ul class="addetailslist"><li class="addetailslist--detail">Zustand<span class="addetailslist--detail--value">Sehr Gut</span></li><li class="addetailslist--detail">Marke<span class="addetailslist--detail--value">{esc(item.brand or "")}</span></li></ul></div>
<div id="viewad-description"><p id="viewad-description-text" class="text-force-linebreak" itemprop="description">{esc(item.description)}</p></div></div></article>
<aside id="viewad-sidebar"><div id="viewad-contact"><div class="userprofile-vip"><span class="text-body-regular-strong text-force-linebreak userprofile-vip"><a href="/s-bestandsliste.html?userId={digits(slug, 8)}">{esc(item.seller or "")}</a></span><span class="userprofile-vip-details-text">Privater Nutzer</span><span>Aktiv seit 14.03.2015</span></div>
<button id="viewad-contact-button" class="button-primary">Nachricht schreiben</button></div></aside>
<section id="viewad-other-ads"><h2>Das könnte dich auch interessieren</h2>{"".join(f'<article class="aditem"><a href="/s-anzeige/x/{digits(slug + str(i), 10)}-{suffix}"><h2 class="text-module-begin">Uhr {i}</h2><p class="aditem-main--middle--price-shipping--price">{num(D(900 + i * 450), "de", 0)} € VB</p></a></article>' for i in range(6))}</section></div>
<footer class="site-footer"><a href="/impressum.html">Impressum</a> <a href="/datenschutzerklaerung.html">Datenschutzerklärung</a></footer></div>"""
    html = frame("de", f"{item.title} in {place} | Kleinanzeigen", "", body)
    return Page(
        slug,
        url,
        "listing",
        "kleinanzeigen",
        "de",
        html,
        [
            "classified",
            "microdata-offer-without-product",
            "price-text-vb",
            "thousands-dot-no-decimals",
            "several-prices",
            "header-signin-link",
        ],
        item=item,
    )


def nextjs_classified(
    slug: str,
    item: Item,
    *,
    url: str,
    lang: str,
    platform: str,
    title_tag: str,
    shown: str,
    next_data: dict[str, Any],
    jsonld: dict[str, Any] | None,
    labels: dict[str, str],
    cmp: str | None = None,
    features: tuple[str, ...] = (),
) -> Page:
    """A Next.js classifieds ad (Leboncoin, Subito, Wallapop, Mercari): hashed CSS-module classes."""
    host = url.split("/")[2]
    prefix = platform[:3]
    body = f"""<div id="__next"><header class="{prefix}-Header_header__{hexid(slug, 5)}"><a href="/" class="{prefix}-Header_logo__{hexid(slug, 4)}" aria-label="{platform}">{platform}</a><form action="/recherche" role="search" class="{prefix}-SearchBar_form__{hexid(slug, 5)}"><input name="text" type="search" placeholder="{labels["search"]}"></form>
<a href="https://{host}/{labels["login_path"]}" class="{prefix}-Header_login__{hexid(slug + "l", 5)}" data-qa-id="header-login">{labels["login"]}</a></header>
<main class="{prefix}-Layout_main__{hexid(slug, 6)}"><div class="{prefix}-Gallery_gallery__{hexid(slug, 5)}"><img src="https://img.{host.split(".", 1)[1]}/api/v1/images/{hexid(slug, 40)}.jpg?rule=ad-large" alt="{esc(item.title)}"></div>
<div class="{prefix}-AdInfo_info__{hexid(slug, 5)}"><h1 data-qa-id="adview_title" class="{prefix}-Title_title__{hexid(slug, 5)} text-headline-1-expanded u-break-word">{esc(item.title)}</h1>
<div data-qa-id="adview_price" class="{prefix}-Price_price__{hexid(slug, 5)}"><p class="text-callout text-on-surface">{shown}</p></div>
<p class="{prefix}-AdInfo_date__{hexid(slug, 4)}">{labels["posted"]}</p><p class="{prefix}-AdInfo_condition__{hexid(slug, 4)}">{labels["condition"]}</p>
<button data-qa-id="adview_button_buy" class="{prefix}-Button_primary__{hexid(slug, 4)}">{labels["buy"]}</button><button data-qa-id="adview_contact_container" class="{prefix}-Button_secondary__{hexid(slug, 4)}">{labels["message"]}</button></div>
<div data-qa-id="adview_description_container" class="{prefix}-Description_body__{hexid(slug, 5)}"><p>{esc(item.description)}</p></div>
<div data-qa-id="adview_profile" class="{prefix}-Profile_card__{hexid(slug, 5)}"><a href="/profil/{hexid(slug, 24)}"><p class="{prefix}-Profile_name__{hexid(slug, 4)}">{esc(item.seller or "")}</p></a></div></main></div>
{consent(cmp, lang, slug) if cmp else ""}
<script id="__NEXT_DATA__" type="application/json">{jdump(next_data)}</script>"""
    html = frame(lang, title_tag, ld(jsonld) if jsonld else "", body)
    feats = [
        "classified",
        "inline-state",
        "next-data",
        "hashed-classes",
        "header-signin-link",
        *features,
    ]
    feats.append("json-ld" if jsonld else "no-structured-data")
    if cmp:
        feats += ["cookie-banner", f"cookie-{cmp}"]
    return Page(slug, url, "listing", platform, lang, html, feats, item=item)


def avito(slug: str, item: Item, *, item_id: str) -> Page:
    """An Avito ad: microdata Product and Offer, URL-encoded initial state."""
    assert item.price is not None
    url = f"https://www.avito.ru/moskva/telefony/{slug.removeprefix('avito-')}_{item_id}"
    state = {
        "@avito/bx-item-view": {
            "buyerItem": {
                "item": {
                    "id": int(item_id),
                    "title": item.title,
                    "price": int(item.price),
                    "priceFormatted": f"{num(item.price, 'ru', 0)}\u00a0₽",
                    "seller": {"name": item.seller},
                    "condition": "Б/у",
                }
            }
        }
    }
    body = f"""<div class="index-root-KVurS"><header class="index-header-_8F5r" data-marker="header"><a href="/" class="index-logo-iHz3_" data-marker="header/logo">Авито</a><form action="/moskva" data-marker="search-form"><input data-marker="search-form/suggest" placeholder="Поиск по объявлениям" name="q"></form>
<a href="#login?authsrc=h" class="index-login-tXq5J" data-marker="header/login-button">Вход и регистрация</a><a href="/additem" data-marker="header/add-item-button">Разместить объявление</a></header>
<div class="style-item-view-ZrSSn" itemscope itemtype="http://schema.org/Product"><div class="style-item-view-title-info-RMcD_"><h1 class="styles-module-root-W_crH styles-module-root_top-FfZLf" itemprop="name" data-marker="item-view/title-info">{esc(item.title)}</h1></div>
<div class="style-item-view-content-RZcam"><div class="gallery-img-frame js-gallery-img-frame"><img src="https://00.img.avito.st/image/1/1.{hexid(slug, 40)}.jpg" alt="{esc(item.title)}" itemprop="image"></div>
<div class="style-item-view-price-content-FWDd_" itemprop="offers" itemscope itemtype="http://schema.org/Offer"><span class="styles-module-size_xxxl-A2qfi" data-marker="item-view/item-price" content="{int(item.price)}" itemprop="price"><span class="styles-module-noAccent-nZxz7">{num(item.price, "ru", 0)}&nbsp;₽</span></span><meta itemprop="priceCurrency" content="RUB"><meta itemprop="availability" content="https://schema.org/InStock"></div>
<div class="params-paramsList-_awNW"><ul><li class="params-paramsList__item-_2Y2O"><span>Состояние: </span>Б/у</li><li><span>Производитель: </span>{esc(item.brand or "")}</li></ul></div>
<div class="style-item-description-pL_gy" itemprop="description" data-marker="item-view/item-description"><p>{esc(item.description)}</p></div></div>
<div class="style-seller-info-col-PETb_"><div data-marker="seller-info/name" class="style-seller-info-name-HtqSr"><a href="/brands/{hexid(slug, 20)}">{esc(item.seller or "")}</a></div><span data-marker="seller-info/label">Частное лицо</span><button data-marker="messenger-button/button">Написать</button><button data-marker="item-phone-button/card">Показать телефон</button></div></div>
<section data-marker="recommendations"><h2>Похожие объявления</h2>{"".join(f'<div data-marker="item"><a href="/moskva/telefony/x_{digits(slug + str(i), 10)}" itemprop="url"><h3 itemprop="name">iPhone {12 + i}</h3><p data-marker="item-price"><span>{num(D(30000 + i * 5000), "ru", 0)}&nbsp;₽</span></p></a></div>' for i in range(5))}</section></div>
<script>window.__initialData__ = "{quote(json.dumps(state, ensure_ascii=False))}";</script>"""
    html = frame("ru", f"{item.title} купить в Москве | Электроника | Авито", "", body)
    return Page(
        slug,
        url,
        "listing",
        "avito",
        "ru",
        html,
        [
            "microdata",
            "classified",
            "inline-state",
            "state-url-encoded",
            "several-prices",
            "header-signin-link",
        ],
        item=item,
    )


def listings() -> list[Page]:
    """Classifieds, resale apps and social listings."""
    return [
        olx_pl(
            "olx-pl-jordan-4-military-black",
            Item(
                "Nike Air Jordan 4 Military Black rozm. 43",
                D("450"),
                "PLN",
                brand="Nike",
                seller="Marek",
                condition="UsedCondition",
                description="Buty noszone 3 razy, stan idealny, oryginalne pudełko.",
            ),
            ad_id="902345671",
            city="Warszawa",
            params=[("Stan", "Używane"), ("Rozmiar", "43"), ("Marka", "Nike")],
            negotiable=True,
        ),
        olx_br(
            "olx-br-iphone-13-pro-max-256gb",
            Item(
                "Iphone 13 Pro Max 256gb Azul Sierra",
                D("4200"),
                "BRL",
                brand="Apple",
                seller="Rafael",
                condition="UsedCondition",
                description="Aparelho em ótimo estado, bateria 88%, acompanha caixa.",
            ),
            ad_id="1298765432",
            city="Rio de Janeiro",
        ),
        vinted(
            "vinted-fr-sac-louis-vuitton-neverfull",
            Item(
                "Sac Louis Vuitton Neverfull MM",
                D("250.00"),
                "EUR",
                brand="Louis Vuitton",
                seller="marie_dressing",
                condition="UsedCondition",
                description="Sac porté quelques fois, très bon état, avec pochette.",
            ),
            host="www.vinted.fr",
            lang="fr",
            item_id="4512398765",
            loc="fr",
            sym="€",
            sym_after=True,
            protection=D("263.20"),
            jsonld=True,
            strings={
                "search": "Rechercher des articles",
                "signin": "S'inscrire | Se connecter",
                "sell": "Vends tes articles",
                "protection": "Inclut la Protection acheteurs",
                "brand": "Marque",
                "state": "État",
                "condition": "Très bon état",
                "buy": "Acheter",
                "offer": "Faire une offre",
                "more": "Articles similaires",
            },
        ),
        vinted(
            "vinted-uk-nike-tech-fleece",
            Item(
                "Nike Tech Fleece Hoodie Grey Size M",
                D("18.00"),
                "GBP",
                brand="Nike",
                seller="jdsportsfan99",
                condition="UsedCondition",
                description="Worn a few times, no marks.",
            ),
            host="www.vinted.co.uk",
            lang="en",
            item_id="4498765123",
            loc="en",
            sym="£",
            sym_after=False,
            protection=D("19.60"),
            jsonld=False,
            strings={
                "search": "Search for items",
                "signin": "Sign up | Log in",
                "sell": "Sell now",
                "protection": "Includes Buyer Protection",
                "brand": "Brand",
                "state": "Condition",
                "condition": "Very good",
                "buy": "Buy now",
                "offer": "Make an offer",
                "more": "Similar items",
            },
        ),
        gumtree(
            "gumtree-iphone-14-pro-128gb-unlocked",
            Item(
                "iPhone 14 Pro 128GB Deep Purple Unlocked",
                D("450"),
                "GBP",
                brand="Apple",
                seller="Sam",
                condition="UsedCondition",
                description="Great condition, always in a case, battery health 91%.",
            ),
            ad_id="1476543210",
            category="mobile-phones",
        ),
        depop(
            "depop-nike-vintage-90s-windbreaker",
            Item(
                "Nike vintage 90s windbreaker jacket",
                D("35.00"),
                "GBP",
                brand="Nike",
                seller="retro_rails",
                condition="UsedCondition",
                was=D("50.00"),
                description="Size L, fits true to size. Y2K style.",
            ),
            shipping=D("4.50"),
        ),
        facebook_marketplace(
            "facebook-marketplace-neverfull",
            Item(
                "Louis Vuitton Neverfull MM",
                D("350.00"),
                "EUR",
                brand="Louis Vuitton",
                seller="Aoife Byrne",
                condition="UsedCondition",
                description="Bought in Paris 2019, comes with dust bag. Collection only.",
            ),
            listing_id="871234567890123",
            place="Dublin",
            shown="€350",
            condition_text="Used - like new",
        ),
        instagram_post(
            "instagram-post-neverfull",
            Item(
                "LV Neverfull MM monogram",
                D("350"),
                "EUR",
                brand="Louis Vuitton",
                seller="luxebags.outlet",
                condition=None,
                availability=None,
            ),
            code="C8xYz12AbCd",
            account="luxebags.outlet",
            caption="LV Neverfull MM monogram 💯 Premium quality 👜 350€ ✈️ Worldwide shipping 📩 DM for orders #louisvuitton #neverfull",
        ),
        instagram_post(
            "instagram-shop-crescent-bag",
            Item(
                "Crescent Shoulder Bag - Black",
                D("89.00"),
                "USD",
                brand="Bags by Luna",
                seller="bagsbyluna",
                condition=None,
                availability=None,
            ),
            code="C7pQr45StUv",
            account="bagsbyluna",
            caption="New drop 🖤 The Crescent is back in black. Tap to shop.",
            product_sheet=(
                "Crescent Shoulder Bag - Black",
                "$89.00",
                "https://bagsbyluna.com/products/crescent-shoulder-bag-black",
            ),
        ),
        kleinanzeigen(
            "kleinanzeigen-rolex-datejust-41-wimbledon",
            Item(
                "Rolex Datejust 41 Wimbledon 126334 Full Set 2021",
                D("8900"),
                "EUR",
                brand="Rolex",
                seller="Thomas",
                condition="UsedCondition",
                description="Verkaufe meine Rolex, Full Set mit Box und Papieren, Kaufdatum 2021.",
            ),
            ad_id="2712345678",
            suffix="229-3331",
            place="10115 Mitte",
        ),
        nextjs_classified(
            "leboncoin-sac-longchamp-le-pliage",
            Item(
                "Sac Longchamp Le Pliage Original taille L",
                D("45"),
                "EUR",
                brand="Longchamp",
                seller="Céline",
                condition="UsedCondition",
                description="Très bon état, couleur marine, peu servi.",
            ),
            url="https://www.leboncoin.fr/ad/accessoires_bagagerie/2612345678",
            lang="fr",
            platform="leboncoin",
            title_tag="Sac Longchamp Le Pliage Original taille L - Accessoires & Bagagerie - leboncoin",
            shown="45 €",
            next_data={
                "props": {
                    "pageProps": {
                        "ad": {
                            "list_id": 2612345678,
                            "subject": "Sac Longchamp Le Pliage Original taille L",
                            "price": [45],
                            "price_cents": 4500,
                            "owner": {"name": "Céline", "type": "private"},
                            "attributes": [{"key": "condition", "value_label": "Très bon état"}],
                        }
                    }
                },
                "page": "/ad/[category]/[id]",
            },
            jsonld={
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Sac Longchamp Le Pliage Original taille L",
                "offers": {
                    "@type": "Offer",
                    "price": 45,
                    "priceCurrency": "EUR",
                    "availability": "http://schema.org/InStock",
                    "itemCondition": "https://schema.org/UsedCondition",
                },
            },
            labels={
                "search": "Rechercher sur leboncoin",
                "login_path": "connexion",
                "login": "Se connecter",
                "posted": "Aujourd'hui à 09:12",
                "condition": "État : Très bon état",
                "buy": "Acheter",
                "message": "Envoyer un message",
            },
            cmp="didomi",
        ),
        nextjs_classified(
            "subito-iphone-14-pro-viola",
            Item(
                "iPhone 14 Pro 128GB Viola come nuovo",
                D("650"),
                "EUR",
                brand="Apple",
                seller="Luca",
                condition="UsedCondition",
                description="Batteria 92%, sempre con cover e pellicola.",
            ),
            url="https://www.subito.it/telefonia/iphone-14-pro-128gb-viola-milano-512345678.htm",
            lang="it",
            platform="subito",
            title_tag="iPhone 14 Pro 128GB Viola come nuovo - Telefonia In vendita a Milano",
            shown="650 €",
            next_data={
                "props": {
                    "pageProps": {
                        "initialState": {
                            "detail": {
                                "item": {
                                    "urn": "id:ad:512345678:list:512345678",
                                    "subject": "iPhone 14 Pro 128GB Viola come nuovo",
                                    "features": {
                                        "/price": {"values": [{"key": "650", "value": "650 €"}]}
                                    },
                                    "advertiser": {"name": "Luca", "company": False},
                                }
                            }
                        }
                    }
                },
                "page": "/[...slug]",
            },
            jsonld=None,
            labels={
                "search": "Cerca",
                "login_path": "login_form",
                "login": "Accedi",
                "posted": "Oggi alle 11:02",
                "condition": "Usato - Come nuovo",
                "buy": "Acquista",
                "message": "Contatta",
            },
        ),
        nextjs_classified(
            "wallapop-patinete-xiaomi",
            Item(
                "Patinete eléctrico Xiaomi Mi Pro 2",
                D("220"),
                "EUR",
                brand="Xiaomi",
                seller="Carlos",
                condition="UsedCondition",
                description="Funciona perfectamente, 1200 km, con cargador.",
            ),
            url="https://es.wallapop.com/item/patinete-electrico-xiaomi-mi-pro-2-1012345678",
            lang="es",
            platform="wallapop",
            title_tag="Patinete eléctrico Xiaomi Mi Pro 2 de segunda mano por 220 EUR en Madrid en WALLAPOP",
            shown="220 €",
            next_data={
                "props": {
                    "pageProps": {
                        "item": {
                            "id": "qzm2k8n1l0z5",
                            "title": {"original": "Patinete eléctrico Xiaomi Mi Pro 2"},
                            "price": {"cash": {"amount": 220, "currency": "EUR"}},
                            "user": {"microName": "Carlos"},
                        }
                    }
                },
                "page": "/item/[slug]",
            },
            jsonld={
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Patinete eléctrico Xiaomi Mi Pro 2",
                "offers": {
                    "@type": "Offer",
                    "price": "220",
                    "priceCurrency": "EUR",
                    "seller": {"@type": "Person", "name": "Carlos"},
                },
            },
            labels={
                "search": "Buscar en Wallapop",
                "login_path": "login",
                "login": "Regístrate o inicia sesión",
                "posted": "Hace 2 días",
                "condition": "En buen estado",
                "buy": "Comprar",
                "message": "Chat",
            },
            cmp="onetrust",
        ),
        nextjs_classified(
            "mercari-jp-pokemon-charizard",
            Item(
                "ポケモンカード リザードンex SAR 未開封 美品",
                D("3300"),
                "JPY",
                seller="カードショップ太郎",
                condition="UsedCondition",
                description="即購入OKです。スリーブに入れて発送します。",
            ),
            url="https://jp.mercari.com/item/m81234567890",
            lang="ja",
            platform="mercari",
            title_tag="ポケモンカード リザードンex SAR 未開封 美品 - メルカリ",
            shown="¥3,300 (税込) 送料込み",
            next_data={
                "props": {
                    "pageProps": {
                        "item": {
                            "id": "m81234567890",
                            "name": "ポケモンカード リザードンex SAR 未開封 美品",
                            "price": 3300,
                            "seller": {"name": "カードショップ太郎"},
                            "shipping_payer": {"name": "送料込み(出品者負担)"},
                        }
                    }
                },
                "page": "/item/[id]",
            },
            jsonld={
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "ポケモンカード リザードンex SAR 未開封 美品",
                "offers": {
                    "@type": "Offer",
                    "price": 3300,
                    "priceCurrency": "JPY",
                    "availability": "https://schema.org/InStock",
                },
            },
            labels={
                "search": "なにをお探しですか？",
                "login_path": "signin",
                "login": "ログイン",
                "posted": "3時間前",
                "condition": "商品の状態: 目立った傷や汚れなし",
                "buy": "購入手続きへ",
                "message": "コメント",
            },
            features=("yen-halfwidth",),
        ),
        avito(
            "avito-iphone-13-128gb",
            Item(
                "iPhone 13, 128 ГБ",
                D("42500"),
                "RUB",
                brand="Apple",
                seller="Алексей",
                condition="UsedCondition",
                description="Телефон в отличном состоянии, аккумулятор 89%.",
            ),
            item_id="3987654321",
        ),
    ]


def nonlistings() -> list[Page]:
    """Classifieds pages that are no listing: Facebook's and Instagram's log-in walls."""
    fb = frame(
        "en",
        "Log in to Facebook | Facebook",
        "",
        '<div id="globalContainer"><div class="_4-u5 _30ny"><h2 class="uiHeaderTitle">You must log in to continue.</h2>'
        '<form id="login_form" action="https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fmarketplace%2Fitem%2F998877665544332%2F" method="post">'
        '<input type="hidden" name="lsd" value="AVq1b2c3d4e"><input type="text" class="inputtext _55r1 inputtext _1kbt" name="email" id="email" placeholder="Email address or phone number">'
        '<input type="password" class="inputtext _55r1 inputtext _9npi" name="pass" id="pass" placeholder="Password"><button value="1" class="_42ft _4jy0 _52e0 _4jy6 _4jy1 selected _51sy" id="loginbutton" name="login" type="submit">Log in</button></form>'
        '<a href="https://www.facebook.com/recover/initiate/">Forgotten account?</a><a role="button" class="_42ft _4jy0 _4jy6 _4jy2 selected _51sy" href="/r.php">Create new account</a></div></div>',
    )
    ig_login = frame(
        "en",
        "Login • Instagram",
        "",
        '<div id="mount_0_0_Zz"><main><div class="_ab21"><h1 class="_ab1y">Instagram</h1><form id="loginForm" method="post">'
        '<input aria-label="Phone number, username, or email" aria-required="true" autocapitalize="off" autocorrect="off" maxlength="75" name="username" type="text" class="_aa4b _add6 _ac4d _ap35">'
        '<input aria-label="Password" aria-required="true" autocapitalize="off" autocorrect="off" name="password" type="password" class="_aa4b _add6 _ac4d _ap35">'
        '<button class=" _acan _acap _acas _aj1- _ap30" type="submit">Log in</button></form><a href="/accounts/password/reset/">Forgot password?</a>'
        '<p>Don\'t have an account? <a href="/accounts/emailsignup/">Sign up</a></p></div></main></div>',
    )
    redirect = (
        '<html><head><title>Redirecting</title></head><body><a href="https://www.instagram.com/accounts/login/'
        '?next=%2Fp%2FC5aBcDeFgHi%2F">https://www.instagram.com/accounts/login/?next=%2Fp%2FC5aBcDeFgHi%2F</a></body></html>'
    )
    return [
        Page(
            "facebook-marketplace-loginwall",
            "https://www.facebook.com/marketplace/item/998877665544332/",
            "loginwall",
            "facebook",
            "en",
            fb,
            ["password-form", "login-wall-in-place"],
        ),
        Page(
            "instagram-post-loginwall",
            "https://www.instagram.com/p/C5aBcDeFgHi/",
            "loginwall",
            "instagram",
            "en",
            redirect,
            ["redirect-to-login"],
            serve={
                "status": 302,
                "location": "https://www.instagram.com/accounts/login/?next=%2Fp%2FC5aBcDeFgHi%2F",
            },
        ),
        Page(
            "instagram-login",
            "https://www.instagram.com/accounts/login/?next=%2Fp%2FC5aBcDeFgHi%2F",
            "signin",
            "instagram",
            "en",
            ig_login,
            ["password-form"],
        ),
    ]
