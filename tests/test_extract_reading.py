"""Reading listings (crawler.extract): structured data read robustly, the offer the page
shows, currencies, listings recognised from the page itself, pages that are not listings,
and how every field was read. Small pages written here, each showing one rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crawler.extract import extract_product, normalise_currency, read_page
from crawler.extract.currency import from_symbol, infer, normalise_code, territory_of
from crawler.extract.prices import parse

pytestmark = pytest.mark.fast

HEADER = """<header><a href="/">Shop</a><form action="/search"><input name="q"></form>
<a href="/account/login">Sign in</a> <a href="/cart">Cart (0)</a></header>"""
FOOTER = """<footer><a href="/help">Help</a> Free delivery over £50</footer>"""


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head>"
        f"<body>{HEADER}{body}{FOOTER}</body></html>"
    )


def jsonld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


# -- currencies and prices ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [("usd", "USD"), ("RUR", "RUB"), ("rmb", "CNY"), ("€", "EUR"), ("руб.", "RUB"),
     ("XYZ", None), ("dollars", None)],
)  # fmt: skip
def test_currency_codes_are_normalised(value: str, code: str | None) -> None:
    assert normalise_code(value) == code


@pytest.mark.parametrize(
    ("symbol", "url", "code"),
    [("$", "https://www.mercadolibre.com.ar/x", "ARS"), ("$", "https://shop.example.com/x", "USD"),
     ("$", "https://shop.com.au/x", "AUD"), ("¥", "https://item.jd.com/1", "JPY"),
     ("kr", "https://www.ikea.com/se/sv/p/x", "SEK"), ("R", "https://x.co.za/", "ZAR"),
     ("kr", "https://www.elgiganten.dk/x", "DKK")],
)  # fmt: skip
def test_shared_symbols_take_the_sites_country(symbol: str, url: str, code: str) -> None:
    territory = territory_of(url)
    if url == "https://www.ikea.com/se/sv/p/x":
        territory = "SE"  # the country is in the path, given as the page's language region
    assert from_symbol(symbol, territory) == code


def test_currency_inferred_from_domain_then_language() -> None:
    assert infer("https://www.chasy-shop.ru/x", None)[0] == "RUB"
    assert infer("https://www.shop.co.uk/x", None)[0] == "GBP"
    assert infer("https://shop.example.com/x", "ja")[0] == "JPY"
    assert infer("https://shop.example.com/x", "es-MX")[0] == "MXN"
    assert infer("https://shop.example.com/x", "en") == (None, None)


@pytest.mark.parametrize(
    ("text", "amount", "symbol"),
    [("£1,299.00", "1299.00", "£"), ("1.299,00 €", "1299.00", "€"),
     ("US $7,850.00", "7850.00", "US$"), ("599:-", "599", ":-"), ("89,- €", "89", "€"),
     ("٤٥٠ ر.س", "450", "ر.س"), ("￥24,800", "24800", "¥"),
     ("169,000원", "169000", "원"), ("R 1,799", "1799", "R"), ("Rp125.000", "125000", "Rp"),
     ("ASIN B07MZ8Q4TC", None, None)],
)  # fmt: skip
def test_prices_as_shops_print_them(text: str, amount: str | None, symbol: str | None) -> None:
    parsed = parse(text)
    if amount is None:
        assert parsed is None or parsed.symbol is None
        return
    assert parsed is not None and parsed.amount == Decimal(amount) and parsed.symbol == symbol


def test_normalise_currency_keeps_the_old_interface() -> None:
    assert normalise_currency("£") == "GBP" and normalise_currency("$") == "USD"


# -- structured data ----------------------------------------------------------------------------


def test_nested_offers_and_lowercase_keys() -> None:
    html = page(
        "<h1>Bauer Vapor Stick</h1><div class='price'>$299.99</div>"
        "<button>Add to cart</button>",
        jsonld('{"@context":"https://schema.org","@type":"product","name":"Bauer Vapor Stick",'
               '"offers":{"@type":"AggregateOffer","lowprice":"299.99","highprice":"349.99",'
               '"pricecurrency":"cad","offers":[{"@type":"Offer","price":"299.99"},'
               '{"@type":"Offer","price":"349.99"}]}}'),
    )  # fmt: skip
    product = extract_product(html, "https://www.northernedge.ca/bauer-vapor/")
    assert product is not None
    assert (product.price, product.currency) == (Decimal("299.99"), "CAD")
    assert product.extraction["price"].source == "json-ld"
    assert "offers" in (product.extraction["price"].selector or "")


def test_the_offer_the_page_shows_not_the_first_listed() -> None:
    html = page(
        "<h1>Riviera Bikini</h1><div class='price'>Sale price $89.95</div>"
        "<button>Add to cart</button>",
        jsonld('{"@type":"Product","name":"Riviera Bikini","offers":['
               '{"@type":"Offer","price":"59.95","priceCurrency":"AUD"},'
               '{"@type":"Offer","price":"89.95","priceCurrency":"AUD"}]}'),
    )  # fmt: skip
    product = extract_product(html, "https://saltandsand.com.au/products/riviera")
    assert product is not None and product.price == Decimal("89.95")
    assert "offer the page shows" in product.extraction["price"].how


def test_a_list_price_specification_is_not_the_price() -> None:
    html = page(
        "<h1>Samba OG</h1><del>R$ 259,90</del> <ins>R$ 189,90</ins>",
        jsonld('{"@type":"Product","name":"Samba OG","offers":{"@type":"Offer",'
               '"priceSpecification":[{"price":"259.90","priceCurrency":"BRL",'
               '"priceType":"https://schema.org/ListPrice"},{"price":"189.90","priceCurrency":"BRL"}]}}'),
    )  # fmt: skip
    product = extract_product(html, "https://loja.com.br/produto/samba")
    assert product is not None and (product.price, product.currency) == (Decimal("189.90"), "BRL")


def test_structured_price_shown_struck_through_gives_way_to_the_shown_price() -> None:
    html = page(
        "<h1>Signet Ring</h1><p>Sale Price: £14.80</p><p>Original Price: <s>£18.50</s></p>"
        "<button>Add to basket</button>",
        jsonld('{"@type":"Product","name":"Signet Ring","offers":{"@type":"Offer",'
               '"price":"18.50","priceCurrency":"GBP"}}'),
    )  # fmt: skip
    product = extract_product(html, "https://www.etsy.com/uk/listing/1/ring")
    assert product is not None and product.price == Decimal("14.80")
    assert product.extraction["price"].source == "page"


def test_data_vocabulary_microdata_and_a_missing_currency() -> None:
    html = page(
        """<div itemscope itemtype="http://data-vocabulary.org/Product">
        <h1 itemprop="name">Shimano Deore XT cassette</h1><span itemprop="brand">Shimano</span>
        <div itemprop="offerDetails" itemscope itemtype="http://data-vocabulary.org/Offer">
        <span itemprop="price">€ 89,-</span></div></div>"""
    )
    product = extract_product(html, "https://www.fietsonderdelen.nl/deore-xt")
    assert product is not None
    assert (product.price, product.currency, product.brand) == (Decimal("89"), "EUR", "Shimano")


def test_obsolete_currency_code_is_normalised_and_recorded() -> None:
    html = page(
        "<h1>iPhone 15 Pro</h1><span>109 990 ₽</span>",
        jsonld('{"@type":"Product","name":"iPhone 15 Pro",'
               '"offers":{"price":109990,"priceCurrency":"RUR"}}'),
    )  # fmt: skip
    product = extract_product(html, "https://www.ozon.ru/product/1/")
    assert product is not None and product.currency == "RUB"
    assert "RUR normalised" in product.extraction["currency"].how


def test_malformed_json_ld_is_read_leniently() -> None:
    html = page(
        "<h1>Bolso Valencia</h1><p>19,90 €</p>",
        '<script type="application/ld+json">{"@type":"Product","name":"Bolso Valencia",'
        '"offers":{"price":"19.90","priceCurrency":"EUR",},}</script>',
    )
    reading = read_page(html, "https://bolsos.es/producto/valencia")
    assert reading.product is not None and reading.product.price == Decimal("19.90")
    assert reading.problems == []


def test_products_only_listed_or_reviewed_are_not_the_pages() -> None:
    listed = page(
        "<h1>Sneakers</h1>",
        jsonld('{"@type":"ItemList","itemListElement":[{"@type":"ListItem","position":1,'
               '"item":{"@type":"Product","name":"Air Max 90",'
               '"offers":{"price":"149.99","priceCurrency":"EUR"}}}]}'),
    )  # fmt: skip
    assert extract_product(listed, "https://www.zalando.de/sneaker/") is None
    review = page(
        "<h1>The best running shoes of 2024</h1><p>Our pick costs $140.</p>",
        jsonld('{"@type":"Review","itemReviewed":{"@type":"Product","name":"Pegasus 41",'
               '"offers":{"price":"140","priceCurrency":"USD"}}}'),
    )  # fmt: skip
    assert extract_product(review, "https://reviews.example/best-running-shoes/") is None


# -- the page itself -----------------------------------------------------------------------------

AMAZONISH = """<div id="ppd"><div id="centerCol"><h1 id="title"><span id="productTitle">
 Apple AirPods Pro (2nd Generation) </span></h1>
<div id="corePrice"><span class="a-price priceToPay"><span class="a-offscreen">$189.99</span>
<span aria-hidden="true"><span class="a-price-symbol">$</span><span class="a-price-whole">189<span
 class="a-price-decimal">.</span></span><span class="a-price-fraction">99</span></span></span>
<span class="basisPrice">List Price: <span class="a-price a-text-price" data-a-strike="true">
<span class="a-offscreen">$249.00</span></span></span></div>
<table><tr><th>Brand</th><td>Apple</td></tr></table>
<input type="submit" value="Add to Cart"></div></div>
<div class="a-carousel-container"><h2>Customers also bought</h2><ol class="a-carousel">
<li><a href="/dp/B1">Charger</a><span class="a-price"><span class="a-offscreen">$19.99</span>
</span></li><li><a href="/dp/B2">Case</a><span class="a-price"><span class="a-offscreen">$9.99
</span></span></li>
</ol></div>"""


def test_a_listing_without_structured_data_is_read_from_the_page() -> None:
    reading = read_page(page(AMAZONISH), "https://www.amazon.com/dp/B0CHWK7Q2D")
    product = reading.product
    assert product is not None
    assert product.title == "Apple AirPods Pro (2nd Generation)"
    assert (product.price, product.currency, product.brand) == (Decimal("189.99"), "USD", "Apple")
    assert product.source == "page"
    price = product.extraction["price"]
    assert price.source == "page" and price.text == "$189.99" and price.selector
    assert product.extraction["title"].selector == "#title"
    assert any("buy action" in r for r in reading.reasons)


def test_auction_current_bid_not_buy_it_now() -> None:
    html = page(
        "<h1>Speedy 30 Monogram</h1><div>Current bid: <span>£410.00</span></div>"
        "<div>7 bids</div><button>Place bid</button>"
        "<div>Buy it now: <span>£650.00</span></div><button>Buy it now</button>"
    )
    product = extract_product(html, "https://www.ebay.co.uk/itm/176234987650")
    assert product is not None and product.price == Decimal("410.00")
    assert product.price_kind == "current-bid"


def test_auction_without_bids_records_the_starting_price() -> None:
    html = page("<h1>iPhone 13</h1><div>Startpreis: <span>EUR 1,00</span></div>"
                "<div>0 Gebote</div><button>Bieten</button>", lang="de")  # fmt: skip
    product = extract_product(html, "https://www.ebay.de/itm/395123456787")
    assert product is not None and product.price == Decimal("1.00") and product.currency == "EUR"
    assert product.price_kind == "starting-bid"


def test_quantity_tiers_give_the_lowest_price() -> None:
    html = page(
        "<h1>TWS Earbuds OEM</h1><div class='price-list'>"
        "<div class='price-item'><span>2 - 99 pieces</span><div class='price'>$3.80</div></div>"
        "<div class='price-item'><span>100 - 499 pieces</span><div class='price'>$3.10</div></div>"
        "<div class='price-item'><span>&gt;= 500 pieces</span><div class='price'>$2.50</div></div>"
        "</div><button>Contact supplier</button>"
    )
    product = extract_product(html, "https://www.alibaba.com/product-detail/tws_1600.html")
    assert product is not None and product.price == Decimal("2.50")


def test_a_social_post_with_a_price_in_its_caption() -> None:
    html = page(
        "<main><article><h1>LV Neverfull MM monogram 💯 Premium quality 👜 350€ ✈️ "
        "Worldwide shipping 📩 DM for orders #louisvuitton</h1></article></main>"
    )
    product = extract_product(html, "https://www.instagram.com/p/C8xYz12AbCd/")
    assert product is not None and (product.price, product.currency) == (Decimal("350"), "EUR")


def test_classified_ad_with_contact_action_and_seller_link() -> None:
    html = page(
        "<h1>Rolex Datejust 41</h1><h2>8.900 € VB</h2><div>Zustand: Gebraucht</div>"
        "<a href='/s-bestandsliste.html?userId=123'>Max M.</a>"
        "<button>Nachricht schreiben</button>",
        lang="de",
    )
    product = extract_product(html, "https://www.kleinanzeigen.de/s-anzeige/rolex/123")
    assert product is not None
    assert (product.price, product.currency) == (Decimal("8900"), "EUR")
    assert product.condition == "UsedCondition"


def test_inline_state_backs_up_the_page() -> None:
    html = page(
        "<h1>LEGO Star Wars Millennium Falcon 75375</h1><span>Now $84.99</span>"
        "<button>Add to cart</button>"
        '<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"product":'
        '{"name":"LEGO Star Wars Millennium Falcon 75375","brand":"LEGO",'
        '"priceInfo":{"currentPrice":{"price":84.99,"currencyUnit":"USD"}}}}}}</script>'
    )
    product = extract_product(html, "https://www.walmart.com/ip/LEGO-Falcon/5123908745")
    assert product is not None and product.price == Decimal("84.99") and product.brand == "LEGO"
    assert product.extraction["brand"].source == "state"
    assert product.source == "page+state"


@pytest.mark.parametrize(
    ("name", "url", "body"),
    [
        ("search results", "https://shop.example/search?q=nike",
         "<h1>Results for nike</h1><ul>"
         + "".join(f"<li class='tile'><a href='/p/{n}'>Nike {n}</a>"
                   f"<span class='price'>${50 + n}.00</span><button>Add to cart</button></li>"
                   for n in range(6)) + "</ul>"),
        ("a cart", "https://shop.example/cart",
         "<h1>Your cart</h1><div class='line'><a href='/p/1'>Nike 1</a> <span>$129.00</span></div>"
         "<button>Check out</button>"),
        ("a help page", "https://shop.example/help/shipping",
         "<h1>Shipping rates</h1><p>Standard delivery costs $5.99 for orders under $35.</p>"),
        ("an article", "https://news.example/fakes-seized",
         "<h1>Fake goods worth £2m seized</h1><p>Handbags sold for £40 each.</p>"),
        ("a sign-in page", "https://shop.example/account/login",
         "<h1>Sign in</h1><form><input type='email'><input type='password'>"
         "<button>Sign in</button></form>"),
        ("a home page with promotions", "https://shop.example/",
         "<h1>Summer sale</h1><div class='promo'>Save £20 on orders over £100</div>"),
    ],
)  # fmt: skip
def test_pages_that_are_not_listings(name: str, url: str, body: str) -> None:
    reading = read_page(page(body), url)
    assert reading.product is None, (name, reading.reasons)
    assert reading.reasons  # says why not


def test_header_sign_in_form_does_not_stop_a_listing() -> None:
    html = page(
        "<div class='product'><h1>Chronograph C1</h1><p class='price'><del>299,00 €</del> "
        "<ins>249,00 €</ins></p><button>In den Warenkorb</button></div>",
        lang="de",
    ).replace(
        HEADER,
        HEADER.replace("</header>", "<form class='login'><input type='password'></form></header>"),
    )
    product = extract_product(html, "https://uhren.de/produkt/chronograph-c1/")
    assert product is not None and product.price == Decimal("249.00")


def test_hostile_markup_does_not_break_the_reader() -> None:
    body = "<h1>Deep bag</h1><span>£40.00</span><button>Buy now</button>"
    deep = "<div>" * 200 + body + "</div>" * 200
    reading = read_page(page(deep), "https://shop.example/item/deep")
    assert reading.product is not None and reading.product.price == Decimal("40.00")
    deeper = "<div>" * 20_000 + body + "</div>" * 20_000  # cut by the parser; no crash
    assert read_page(page(deeper), "https://shop.example/item/deep").reasons
    state = (
        '<script id="__NEXT_DATA__" type="application/json">'
        + "[" * 5000
        + "]" * 5000
        + "</script>"
    )
    assert read_page(page("<h1>Nothing</h1>" + state), "https://shop.example/").product is None
    huge = page(
        "<h1>Huge</h1>" + "<p>filler text</p>" * 700_000,
        jsonld(
            '{"@type":"Product","name":"Huge","offers":{"price":"49.00","priceCurrency":"GBP"}}'
        ),
    )
    reading = read_page(huge, "https://shop.example/item/huge")
    assert reading.product is not None and reading.product.price == Decimal("49.00")
    assert any("too large" in r for r in reading.reasons)
