# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""eBay item pages (fixed price and auctions) in four sites, and eBay non-listings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal as D

from .kit import Item, Page, digits, esc, hexid, jdump, ld, num, rng


@dataclass(frozen=True)
class Site:
    """What differs between eBay sites."""

    host: str
    lang: str
    prefix: str  # how the site writes the item's currency: "US $", "£", "EUR ", "AU $"
    loc: str
    hi: str
    signin: str
    register: str
    search: str
    buy_now: str
    add_cart: str
    watch: str
    place_bid: str
    current_bid: str
    starting_bid: str
    bids: str
    condition: str
    was: str
    seller_fb: str
    specifics: str
    shipping: str
    ends: str
    sign_host: str = "signin.ebay.com"


SITES = {
    "com": Site(
        "www.ebay.com",
        "en",
        "US $",
        "en",
        "Hi!",
        "Sign in",
        "register",
        "Search for anything",
        "Buy It Now",
        "Add to cart",
        "Add to Watchlist",
        "Place bid",
        "Current bid:",
        "Starting bid:",
        "{n} bids",
        "Condition:",
        "List price",
        "{p}% positive feedback",
        "Item specifics",
        "Shipping:",
        "Ends in {t}",
    ),
    "co.uk": Site(
        "www.ebay.co.uk",
        "en",
        "£",
        "en",
        "Hi!",
        "Sign in",
        "register",
        "Search for anything",
        "Buy it now",
        "Add to basket",
        "Add to Watch list",
        "Place bid",
        "Current bid:",
        "Starting bid:",
        "{n} bids",
        "Condition:",
        "Was",
        "{p}% positive feedback",
        "Item specifics",
        "Postage:",
        "Ends in {t}",
        "signin.ebay.co.uk",
    ),
    "de": Site(
        "www.ebay.de",
        "de",
        "EUR ",
        "de",
        "Hallo!",
        "Einloggen",
        "registrieren",
        "Bei eBay finden",
        "Sofort-Kaufen",
        "In den Warenkorb",
        "Auf die Beobachtungsliste",
        "Bieten",
        "Aktuelles Gebot:",
        "Startpreis:",
        "{n} Gebote",
        "Artikelzustand:",
        "UVP",
        "{p}% positives Feedback",
        "Artikelmerkmale",
        "Versand:",
        "Endet in {t}",
        "signin.ebay.de",
    ),
    "com.au": Site(
        "www.ebay.com.au",
        "en",
        "AU $",
        "en",
        "Hi!",
        "Sign in",
        "register",
        "Search for anything",
        "Buy It Now",
        "Add to cart",
        "Add to Watchlist",
        "Place bid",
        "Current bid:",
        "Starting bid:",
        "{n} bids",
        "Condition:",
        "Was",
        "{p}% positive feedback",
        "Item specifics",
        "Postage:",
        "Ends in {t}",
        "signin.ebay.com.au",
    ),
}


def price_text(site: Site, amount: D, prefix: str | None = None) -> str:
    """An amount as eBay writes it (``US $1,299.00``, ``EUR 1.299,00``, ``£45.00``)."""
    return f"{prefix if prefix is not None else site.prefix}{num(amount, site.loc)}"


def _header(site: Site, seed: str) -> str:
    ru = f"https%3A%2F%2F{site.host}%2F"
    return f"""<header class="gh-header"><div id="gh" role="banner" class="gh-w gh-site-0 gh-flex">
<a href="#mainContent" class="gh-hdn gh-acc-skip-content">Skip to main content</a>
<div class="gh-header__logo-cats-wrapper"><a href="https://{site.host}/" _sp="m570.l2586" id="gh-la"><svg xmlns="http://www.w3.org/2000/svg" width="117" height="48" viewBox="0 0 122 48" id="gh-logo" aria-labelledby="ebayLogoTitle"><title id="ebayLogoTitle">eBay Home</title><g><path fill="#E53238" d="M24.1 24.7c-.4-6-4.7-8-9.2-8-4.8 0-8.8 2.4-9.4 8h18.6z"></path></g></svg></a>
<div id="gh-shop"><button id="gh-shop-a" class="gh-control" aria-expanded="false" aria-controls="gh-sbc-o">Shop by category</button></div></div>
<ul id="gh-topl"><li id="gh-eb-u" class="gh-eb-li gh-ui-guest"><span id="gh-ug" class="gh-ug-guest">{site.hi} <a href="https://{site.sign_host}/ws/eBayISAPI.dll?SignIn&amp;ru={ru}" _sp="m570.l1524">{site.signin}</a><span id="gh-ug-flex"> or <a href="https://reg.ebay.com/reg/PartialReg?ru={ru}" _sp="m570.l2621">{site.register}</a></span></span></li>
<li class="gh-t gh-divider-l"><a href="https://{site.host}/deals" _sp="m570.l3188" class="gh-p">Daily Deals</a></li><li class="gh-t gh-divider-l"><a href="https://{site.host}/help/home" class="gh-p">Help &amp; Contact</a></li></ul>
<form id="gh-f" method="get" action="https://{site.host}/sch/i.html" class="gh-search"><table class="gh-tbl2" role="presentation"><tbody><tr><td class="gh-td-s"><div id="gh-ac-box"><div id="gh-ac-box2"><label for="gh-ac" class="gh-hdn">Enter your search keyword</label><input type="text" class="gh-tb ui-autocomplete-input" aria-autocomplete="list" aria-expanded="false" size="50" maxlength="300" aria-label="{site.search}" placeholder="{site.search}" id="gh-ac" name="_nkw" autocapitalize="off" autocorrect="off" spellcheck="false" autocomplete="off" aria-haspopup="true" role="combobox"></div></div></td>
<td class="gh-td" id="gh-cat-td"><div id="gh-cat-box"><select title="Select a category for search" class="gh-sb " size="1" id="gh-cat" name="_sacat"><option value="0" selected="selected">All Categories</option><option value="20081">Antiques</option><option value="11450">Clothing, Shoes &amp; Accessories</option><option value="281">Jewelry &amp; Watches</option></select></div></td>
<td class="gh-td gh-sch-btn"><input type="submit" class="btn btn-prim gh-spr" id="gh-btn" value="Search"></td></tr></tbody></table><input type="hidden" value="{hexid(seed, 6)}" name="_trksid"></form>
</div></header>"""


def _footer(site: Site) -> str:
    return f"""<footer id="glbfooter" role="contentinfo" class="gh-w gh-flex"><div><div id="gf-t-box"><table class="gf-t" role="presentation"><tr>
<td><h3 class="gf-bttl">Buy</h3><ul><li class="gf-li"><a href="https://{site.host}/sl/reg" class="thrd gf-bar-a">Registration</a></li><li class="gf-li"><a href="https://{site.host}/help/buying/paying-items/buying-bidding" class="thrd">Bidding &amp; buying help</a></li><li class="gf-li"><a href="https://{site.host}/str" class="thrd">Stores</a></li></ul></td>
<td><h3 class="gf-bttl">Sell</h3><ul><li class="gf-li"><a href="https://{site.host}/sl/sell" class="thrd">Start selling</a></li><li class="gf-li"><a href="https://{site.host}/sellercenter" class="thrd">Learn to sell</a></li></ul></td>
<td><h3 class="gf-bttl">About eBay</h3><ul><li class="gf-li"><a href="https://www.ebayinc.com/company/" class="thrd">Company info</a></li><li class="gf-li"><a href="https://{site.host}/help/policies/intellectual-property-ip-policies/vero-program" class="thrd">Verified Rights Owner Program</a></li></ul></td></tr></table></div>
<div id="gf-BIG"><span class="gf-legal">Copyright © 1995-2024 eBay Inc. All Rights Reserved. <a href="https://{site.host}/help/policies/member-behavior-policies/user-agreement">User Agreement</a>, <a href="https://{site.host}/help/policies/member-behavior-policies/user-privacy-notice-privacy-policy">Privacy</a>, <a href="https://{site.host}/help/policies/member-behavior-policies/ebay-cookie-notice">Cookies</a> and <a href="#" id="gdpr-adchoice">AdChoice</a></span></div></div></footer>"""


def _price_block(
    site: Site, amount: D, label: str | None, testid: str, cls: str, approx: str = ""
) -> str:
    label_html = (
        f'<div class="x-price-section__label"><span class="ux-textspans">{label}</span></div>'
        if label
        else ""
    )
    return (
        f'<div class="{cls}" data-testid="{testid}"><div class="x-price-section">{label_html}'
        f'<div class="x-price-primary" data-testid="x-price-primary"><span class="ux-textspans">'
        f"{price_text(site, amount)}</span></div>{approx}</div></div>"
    )


def item_page(
    slug: str,
    tld: str,
    item: Item,
    *,
    item_id: str,
    condition_text: str,
    seller_score: int,
    bids: int = 0,
    bin_price: D | None = None,
    starting: D | None = None,
    approx: str = "",
    jsonld: bool = True,
    specifics: tuple[tuple[str, str], ...] = (),
    shipping: str = "Free",
    history: tuple[D, ...] = (),
    features: tuple[str, ...] = (),
    prefix: str | None = None,
) -> Page:
    """An eBay "vi" page: ``x-item-title``, ``x-price-primary``, seller card, item specifics."""
    site = SITES[tld]
    # An item listed in another currency keeps its own prefix; the rest of the page does not.
    s = replace(site, prefix=prefix) if prefix else site
    r = rng(slug)
    feats = list(features)
    assert item.price is not None
    blocks = []
    if item.auction:
        label = s.current_bid if bids else s.starting_bid
        approx_html = ""
        if approx:
            approx_html = (
                '<div class="x-price-approx"><span class="ux-textspans ux-textspans--SECONDARY">'
                f'Approximately</span><span class="ux-textspans ux-textspans--SECONDARY"> {approx}'
                "</span></div>"
            )
        bid_count = (
            f'<div class="x-bid-count"><a href="https://{s.host}/bfl/viewbids/{item_id}?item='
            f'{item_id}&amp;rt=nc" class="ux-action"><span class="ux-textspans '
            f'ux-textspans--PSEUDOLINK">{s.bids.format(n=bids)}</span></a><span '
            'class="ux-textspans"> · </span><span class="ux-textspans ux-timer__text">'
            f"{s.ends.format(t=f'{r.randint(1, 6)}d {r.randint(1, 23)}h')}</span></div>"
        )
        blocks.append(
            _price_block(s, item.price, label, "x-bid-price", "x-bid-price", approx_html)
            + bid_count
            + '<div class="x-bid-action"><a class="ux-call-to-action fake-btn fake-btn--fluid '
            f'fake-btn--primary" href="https://{s.host}/bfl/placebid/{item_id}" id="bidBtn_btn">'
            f'<span class="ux-call-to-action__cell"><span class="ux-call-to-action__text">'
            f"{s.place_bid}</span></span></a></div>"
        )
        feats.append("auction")
        if not bids:
            feats.append("auction-no-bids")
        if bin_price is not None:
            blocks.append(
                _price_block(s, bin_price, s.buy_now + ":", "x-bin-price", "x-bin-price")
                + f'<div class="x-bin-action"><a id="binBtn_btn_1" class="ux-call-to-action '
                f'fake-btn fake-btn--fluid fake-btn--secondary" href="https://{s.host}/bin/ctb?'
                f'item={item_id}"><span class="ux-call-to-action__cell"><span class='
                f'"ux-call-to-action__text">{s.buy_now}</span></span></a></div>'
            )
            feats += ["buy-it-now", "several-prices"]
    else:
        approx_html = ""
        if approx:
            approx_html = (
                '<div class="x-price-approx"><span class="ux-textspans ux-textspans--SECONDARY">'
                'Approximately</span><span class="ux-textspans ux-textspans--SECONDARY '
                f'x-price-approx__price"> {approx}</span></div>'
            )
            feats += ["converted-price", "several-prices"]
        blocks.append(
            _price_block(s, item.price, None, "x-price-section", "x-price-section", approx_html)
        )
        if item.was:
            blocks.append(
                '<div class="x-additional-info" data-testid="x-additional-info"><div '
                'class="x-additional-info__item--0"><span class="ux-textspans '
                f'ux-textspans--SECONDARY">{s.was} </span><span class="ux-textspans '
                f'ux-textspans--SECONDARY ux-textspans--STRIKETHROUGH">'
                f"{price_text(s, item.was)}</span></div></div>"
            )
            feats.append("struck-price")
        blocks.append(
            f'<div class="x-bin-action"><a id="binBtn_btn_1" class="ux-call-to-action fake-btn '
            f'fake-btn--fluid fake-btn--primary" href="https://{s.host}/bin/ctb?item={item_id}'
            f'&amp;quantity=1"><span class="ux-call-to-action__cell"><span '
            f'class="ux-call-to-action__text">{s.buy_now}</span></span></a></div>'
            f'<div class="x-atc-action"><a class="ux-call-to-action fake-btn fake-btn--fluid '
            f'fake-btn--secondary" href="https://cart.payments.ebay.com/sc/add?item={item_id}">'
            f'<span class="ux-call-to-action__text">{s.add_cart}</span></a></div>'
        )
    if history:
        rows = "".join(
            f'<tr><td>{h[0]}***{h[-1]}</td><td class="bid-amount">{price_text(s, amt)}</td>'
            f"<td>{r.randint(1, 28)} May 2024 at {r.randint(8, 22)}:{r.randint(10, 59)}</td></tr>"
            for h, amt in zip(["a", "b", "z", "k", "m", "q"] * 3, history, strict=False)
        )
        start_row = (
            f'<tr class="starting"><td colspan="2">{s.starting_bid} {price_text(s, starting)}'
            "</td></tr>"
            if starting is not None
            else ""
        )
        blocks.append(
            '<div class="x-bid-history" id="vi-bid-history"><h3>Bid history</h3><table '
            f'class="app-bid-history__table">{rows}{start_row}</table></div>'
        )
        feats.append("bid-history")
    seller = item.seller or ""
    spec_rows = list(specifics)
    if item.brand:
        spec_rows.insert(0, ("Brand", item.brand))
    if item.mpn:
        spec_rows.append(("MPN", item.mpn))
    if item.gtin:
        spec_rows.append(("UPC" if tld == "com" else "EAN", item.gtin))
    spec_html = "".join(
        '<div class="ux-layout-section-evo__col"><div class="ux-labels-values__labels">'
        f'<div class="ux-labels-values__labels-content"><div><span class="ux-textspans">{k}'
        '</span></div></div></div><div class="ux-labels-values__values"><div '
        'class="ux-labels-values__values-content"><div><span class="ux-textspans">'
        f"{esc(v)}</span></div></div></div></div>"
        for k, v in spec_rows
    )
    head_ld = ""
    if jsonld:
        offer: dict[str, object] = {
            "@type": "Offer",
            "price": f"{item.price:.2f}",
            "priceCurrency": item.currency,
            "url": f"https://{s.host}/itm/{item_id}",
            "availability": "https://schema.org/InStock",
            "itemCondition": "https://schema.org/" + (item.condition or "NewCondition"),
        }
        product = {
            "@context": "https://schema.org/",
            "@type": "Product",
            "name": item.title,
            "image": f"https://i.ebayimg.com/images/g/{hexid(slug, 16)}/s-l1600.jpg",
            "offers": offer,
        }
        if item.brand:
            product["brand"] = {"@type": "Brand", "name": item.brand}
        if item.mpn:
            product["mpn"] = item.mpn
        if item.gtin:
            product["gtin13" if len(item.gtin) == 13 else "gtin12"] = item.gtin
        head_ld = ld(product)
        feats.append("json-ld")
    else:
        feats.append("opengraph-not-product")
    ship = (
        f'<div class="ux-labels-values col-12 ux-labels-values--shipping"><div '
        f'class="ux-labels-values__labels"><span class="ux-textspans">{s.shipping}</span></div>'
        f'<div class="ux-labels-values__values"><span class="ux-textspans ux-textspans--BOLD">'
        f"{shipping}</span></div></div>"
    )
    title = f"{item.title} | eBay"
    body = f"""<!DOCTYPE html><html lang="{s.lang}"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{esc(title)}</title>
<meta name="description" content="{esc(item.title)} - Find many great new &amp; used options and get the best deals at the best online prices at eBay!"/>
<meta Property="og:title" content="{esc(title)}"/><meta Property="og:type" content="ebay-objects:item"/><meta Property="og:url" content="https://{s.host}/itm/{item_id}"/>
<meta Property="og:image" content="https://i.ebayimg.com/images/g/{hexid(slug, 16)}/s-l1600.jpg"/><meta Property="og:site_name" content="eBay"/>
<link rel="canonical" href="https://{s.host}/itm/{item_id}"/>
<link rel="stylesheet" href="https://ir.ebaystatic.com/rs/c/vi-item-page/VI_ITEM_{hexid(slug, 8)}.css"/>
{head_ld}
<script>$ssgST=new Date().getTime();</script>
</head><body class="vi-contv2 lhdr-ie- vi-hd-ops"><div id="vi-frag-root">{_header(s, slug)}
<div id="mainContent" class="vim x-vi-evo-main-container template-evo-avip" role="main">
<div class="vim d-vi-evo-region"><div class="vim d-breadcrumb"><nav aria-labelledby="listedIn" class="breadcrumbs breadcrumb--overflow"><h2 id="listedIn" class="clipped">Listed in category:</h2><ul><li><a href="https://{s.host}/b/Clothing-Shoes-Accessories/11450/bn_1852545" class="seo-breadcrumb-text"><span>Clothing, Shoes &amp; Accessories</span></a></li></ul></nav></div>
<div class="vim x-photos" data-testid="x-photos"><div class="ux-image-carousel-container"><div class="ux-image-carousel-item image-treatment active image" data-idx="0"><img loading="eager" fetchpriority="high" src="https://i.ebayimg.com/images/g/{hexid(slug, 16)}/s-l1600.jpg" alt="{esc(item.title)}"></div></div></div>
<div class="vim x-item-title" data-testid="x-item-title"><h1 class="x-item-title__mainTitle"><span class="ux-textspans ux-textspans--BOLD">{esc(item.title)}</span></h1></div>
<div class="vim x-sellercard-atf" data-testid="x-sellercard-atf"><div class="x-sellercard-atf__info"><div class="x-sellercard-atf__info__about-seller" title="{esc(seller)}"><a href="https://{s.host}/str/{esc(seller.lower())}?_trksid=p4429486.m3561.l161211" class="ux-action"><span class="ux-textspans ux-textspans--BOLD">{esc(seller)}</span></a><span class="ux-textspans ux-textspans--SECONDARY"> ({r.randint(80, 90000)})</span></div><div class="x-sellercard-atf__data-item"><span class="ux-textspans ux-textspans--PSEUDOLINK">{s.seller_fb.format(p=seller_score / 10)}</span></div></div><div class="x-sellercard-atf__contact"><a href="https://{s.host}/cnt/intermediatedFAQ?requested={esc(seller)}&amp;ItemID={item_id}">Contact seller</a></div></div>
<div class="vim x-price-section-wrapper">{"".join(blocks)}</div>
<div class="vim x-item-condition" data-testid="x-item-condition"><div class="ux-labels-values__labels"><span class="ux-textspans">{s.condition}</span></div><div class="x-item-condition-text"><div class="ux-icon-text"><span class="ux-textspans">{esc(condition_text)}</span></div></div></div>
<div class="vim d-watch-action"><a class="ux-call-to-action fake-btn fake-btn--fluid fake-btn--tertiary" href="https://{s.host}/myb/WatchList"><span class="ux-call-to-action__text">{s.watch}</span></a></div>
<div class="vim d-shipping-minview">{ship}</div>
</div>
<div class="tabs__content"><div class="vim x-about-this-item" data-testid="x-about-this-item"><h2 class="ux-section-header">{s.specifics}</h2><div class="ux-layout-section-evo ux-layout-section--features"><div class="ux-layout-section-evo__item ux-layout-section-evo__item--table-view"><div class="ux-layout-section-evo__row">{spec_html}</div></div></div></div>
<div class="vim d-item-description"><iframe id="desc_ifr" title="Item description from the seller" src="https://vi.vipr.ebaydesc.com/itmdesc/{item_id}?t=0&amp;category=15709" width="100%" height="600"></iframe></div></div>
<div class="vim x-seller-recs"><h2>Similar sponsored items</h2><ul class="x-seller-recs__list">{_recs(site, slug)}</ul></div>
</div>{_footer(s)}</div>
<script>window.SRP=window.SRP||{{}};$ssgST2=new Date().getTime();(window.$mcfg=window.$mcfg||[]).push({jdump({"itemId": item_id, "pageId": 4429486, "siteId": {"com": 0, "co.uk": 3, "de": 77, "com.au": 15}[tld], "experience": "VI"})});</script>
</body></html>"""
    return Page(
        slug,
        f"https://{s.host}/itm/{item_id}",
        "listing",
        "ebay",
        s.lang,
        body,
        [*feats, "header-signin-link", "several-prices"],
        item=item,
    )


def _recs(site: Site, seed: str) -> str:
    r = rng(seed + "recs")
    out = []
    for i in range(6):
        amount = D(r.randint(12, 400)) + D("0.99")
        out.append(
            f'<li class="x-seller-recs__item"><a href="https://{site.host}/itm/{digits(seed + str(i), 12)}">'
            f'<img src="https://i.ebayimg.com/images/g/{hexid(seed + str(i), 16)}/s-l225.jpg" alt="">'
            f'<span class="x-seller-recs__title">{r.choice(REC_NAMES)}</span></a>'
            f'<span class="ux-textspans ux-textspans--BOLD x-seller-recs__price">'
            f"{price_text(site, amount)}</span></li>"
        )
    return "".join(out)


REC_NAMES = [
    "Nike Air Force 1 Low White",
    "Vintage Seiko 5 Automatic",
    "Apple Watch Band 45mm",
    "Coach Tabby Shoulder Bag",
    "Pokemon Booster Box Sealed",
    "Ray-Ban Aviator Gold",
    "Lego Technic Porsche 42096",
    "Beats Studio Buds+",
]


def listings() -> list[Page]:
    """Six eBay items: fixed price, auctions with and without bids, other currencies."""
    return [
        item_page(
            "ebay-com-af1",
            "com",
            Item(
                "Nike Air Force 1 '07 Low Triple White CW2288-111 Men's Size 10 NEW",
                D("89.99"),
                "USD",
                brand="Nike",
                seller="kickz_outlet_usa",
                mpn="CW2288-111",
                gtin="194956623456",
                was=D("115.00"),
            ),
            item_id="266812345099",
            condition_text="New with box",
            seller_score=992,
            specifics=(("US Shoe Size", "10"), ("Style Code", "CW2288-111"), ("Colour", "White")),
        ),
        item_page(
            "ebay-com-rolex-auction",
            "com",
            Item(
                "Rolex Submariner Date 116610LN Black Dial 40mm Box & Papers 2018",
                D("7850.00"),
                "USD",
                brand="Rolex",
                seller="timepiece_traders_nyc",
                condition="UsedCondition",
                mpn="116610LN",
                auction=True,
            ),
            item_id="235512876401",
            condition_text="Pre-owned",
            seller_score=1000,
            bids=23,
            specifics=(("Model", "Submariner"), ("Case Size", "40 mm")),
            shipping="US $45.00 Expedited",
        ),
        item_page(
            "ebay-co-uk-speedy-auction",
            "co.uk",
            Item(
                "Louis Vuitton Speedy 30 Monogram Canvas Handbag with Dust Bag",
                D("410.00"),
                "GBP",
                brand="Louis Vuitton",
                seller="luxe_preloved_uk",
                condition="UsedCondition",
                auction=True,
            ),
            item_id="176234987650",
            condition_text="Pre-owned",
            seller_score=978,
            bids=7,
            bin_price=D("650.00"),
            starting=D("199.00"),
            jsonld=False,
            history=(
                D("410.00"),
                D("400.00"),
                D("350.00"),
                D("280.00"),
                D("250.00"),
                D("210.00"),
                D("199.00"),
            ),
            shipping="£8.95 Royal Mail Tracked 48",
        ),
        item_page(
            "ebay-de-iphone-auction",
            "de",
            Item(
                "Apple iPhone 13 128GB Mitternacht - Gebraucht - Sehr guter Zustand",
                D("1.00"),
                "EUR",
                brand="Apple",
                seller="handy-ankauf-leipzig",
                condition="UsedCondition",
                mpn="MLPF3ZD/A",
                auction=True,
            ),
            item_id="395123456787",
            condition_text="Gebraucht",
            seller_score=996,
            bids=0,
            specifics=(("Speicherkapazität", "128 GB"), ("Farbe", "Mitternacht")),
            shipping="EUR 5,99 DHL Paket",
        ),
        item_page(
            "ebay-com-au-ugg",
            "com.au",
            Item(
                "UGG Classic Mini II Boots Chestnut Women's Size 7 Genuine Sheepskin",
                D("149.95"),
                "AUD",
                brand="UGG",
                seller="aussie_boot_co",
                mpn="1016222-CHE",
            ),
            item_id="404812345671",
            condition_text="Brand new",
            seller_score=985,
            jsonld=False,
            specifics=(("US Shoe Size", "7"), ("Colour", "Chestnut")),
            shipping="Free Standard Postage",
            features=("currency-prefix-AU$",),
        ),
        item_page(
            "ebay-com-gbp-item",
            "com",
            Item(
                "Barbour Beaufort Waxed Jacket Sage Men's 40 Classic",
                D("145.00"),
                "GBP",
                brand="Barbour",
                seller="country_outfitters_uk",
                condition="UsedCondition",
            ),
            item_id="126498765432",
            condition_text="Pre-owned",
            seller_score=994,
            approx="US $184.12",
            jsonld=True,
            shipping="US $39.81 International Priority",
            features=("foreign-currency-item",),
            prefix="£",
        ),
    ]


def nonlistings() -> list[Page]:
    """eBay search results, sign-in page and a help page."""
    s = SITES["com"]
    r = rng("ebay-search")
    items = []
    for i in range(18):
        amount = D(r.randint(20, 300)) + D("0.99")
        name = r.choice(REC_NAMES) + f" {r.choice(['NEW', 'Used', 'Authentic', 'Rare'])}"
        extra = (
            f'<span class="s-item__bids s-item__bidCount">{r.randint(1, 30)} bids</span>'
            if i % 3 == 0
            else '<span class="s-item__dynamic s-item__buyItNowOption">Buy It Now</span>'
        )
        items.append(
            f'<li class="s-item s-item__pl-on-bottom" data-viewport=\'{{"trackableId":'
            f'"{hexid("ebs" + str(i), 20)}"}}\' id="item{hexid("eb" + str(i), 10)}"><div '
            f'class="s-item__wrapper clearfix"><div class="s-item__image-section"><img src='
            f'"https://i.ebayimg.com/thumbs/images/g/{hexid(name, 16)}/s-l300.jpg" alt=""></div>'
            f'<div class="s-item__info clearfix"><a class="s-item__link" href="https://www.ebay.'
            f'com/itm/{digits("ebi" + str(i), 12)}"><div class="s-item__title"><span role='
            f'"heading" aria-level="3">{esc(name)}</span></div></a><div class="s-item__details '
            f'clearfix"><div class="s-item__detail s-item__detail--primary"><span class='
            f'"s-item__price">{price_text(s, amount)}</span></div><div class="s-item__detail">'
            f"{extra}</div></div></div></div></li>"
        )
    search_main = (
        '<div class="srp-controls__count"><h1 class="srp-controls__count-heading"><span '
        'class="BOLD">1,200+</span> results for <span class="BOLD">nike air force 1</span></h1>'
        '</div><ul class="srp-results srp-list clearfix">' + "".join(items) + "</ul>"
    )
    search = _wrap(
        s,
        "ebay-com-search",
        "search",
        "/sch/i.html?_nkw=nike+air+force+1&_sacat=0",
        "nike air force 1 | eBay",
        search_main,
        ["several-prices"],
    )
    signin_main = (
        '<div id="mainCnt"><h1 id="greeting-msg" class="signin-header">Hello</h1><p>Sign in to '
        'eBay or <a href="https://signup.ebay.com/pa/crte">create an account</a></p><form id='
        '"signin-form" method="post" action="https://signin.ebay.com/signin/s"><input type="text"'
        ' id="userid" name="userid" class="textbox__control" placeholder="Email or username" '
        'autocomplete="username"><button id="signin-continue-btn" name="signin-continue-btn" '
        'type="submit" class="btn btn--fluid btn--large btn--primary">Continue</button><div '
        'id="pass-container" hidden><input type="password" id="pass" name="pass" '
        'autocomplete="current-password"></div></form><div class="social-signin"><button '
        'id="signin_ggl_btn">Continue with Google</button><button id="signin_appl_btn">Continue'
        " with Apple</button></div></div>"
    )
    signin = _wrap(
        s,
        "ebay-com-signin",
        "signin",
        "/ws/eBayISAPI.dll?SignIn&ru=https%3A%2F%2Fwww.ebay.com%2F",
        "Sign in or Register | eBay",
        signin_main,
        ["password-form"],
        host="signin.ebay.com",
    )
    help_main = (
        '<div class="help-article"><h1>Buying and bidding</h1><p>When you place a bid, you '
        "enter the maximum amount you're willing to pay. Bid increments depend on the current "
        "price: for items between US $5.00 and US $24.99 the increment is US $0.50; between US "
        "$25.00 and US $99.99 it is US $1.00; between US $100.00 and US $249.99 it is US $2.50."
        "</p><p>eBay Money Back Guarantee covers items up to US $2,500.</p></div>"
    )
    helppage = _wrap(
        s,
        "ebay-com-help-bidding",
        "help",
        "/help/buying/paying-items/buying-bidding?id=4014",
        "Bidding | eBay",
        help_main,
        ["prices-in-text"],
    )
    return [search, signin, helppage]


def _wrap(
    site: Site,
    slug: str,
    kind: str,
    path: str,
    title: str,
    main: str,
    features: list[str],
    host: str | None = None,
) -> Page:
    body = (
        f'<!DOCTYPE html><html lang="{site.lang}"><head><meta charSet="utf-8"/><title>{esc(title)}'
        f'</title><link rel="stylesheet" href="https://ir.ebaystatic.com/rs/c/srp/{hexid(slug, 8)}'
        f'.css"/></head><body class="s-page">{_header(site, slug)}<div id="mainContent" '
        f'role="main">{main}</div>{_footer(site)}</body></html>'
    )
    return Page(slug, f"https://{host or site.host}{path}", kind, "ebay", site.lang, body, features)
