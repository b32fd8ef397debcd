"""Product extraction and result-page reading, on small fixed documents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from parsel import Selector

from crawler.extract import extract_product, parse_price
from crawler.links import candidate_links, next_page

GRAPH = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "BreadcrumbList", "name": "crumbs"},
 {"@type": "Product", "name": "Rolex",
  "image": ["/a.png", {"@type": "ImageObject", "url": "/b.png"}],
  "offers": [{"@type": "Offer", "price": "120.00", "priceCurrency": "GBP",
              "seller": {"@type": "Organization", "name": "bob"}}]}]}</script>"""


@pytest.mark.parametrize(
    ("raw", "hint", "amount", "currency"),
    [("£35.00", None, "35.00", "GBP"), ("35,00 €", None, "35.00", "EUR"), (35, "usd", "35", "USD"),
     ("1.299,90 €", None, "1299.90", "EUR"), ("", "GBP", None, "GBP")],
)  # fmt: skip
def test_parse_price(raw: object, hint: str | None, amount: str | None, currency: str) -> None:
    got_amount, got_currency = parse_price(raw, hint)
    assert got_amount == (Decimal(amount) if amount else None)
    assert got_currency == currency


def test_jsonld_graph_with_offer_list() -> None:
    product = extract_product(f"<html><head>{GRAPH}</head></html>", "https://shop.test/item/1")
    assert product is not None
    assert (product.title, product.price, product.currency, product.seller) == (
        "Rolex",
        Decimal("120.00"),
        "GBP",
        "bob",
    )
    assert product.images == ["https://shop.test/a.png", "https://shop.test/b.png"]
    assert product.source == "json-ld"


def test_microdata_and_opengraph() -> None:
    micro = """<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Bag</span>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
      <span itemprop="price" content="99.99">£99.99</span>
      <meta itemprop="priceCurrency" content="GBP">
      </div></div>"""
    product = extract_product(micro, "https://shop.test/")
    assert product and product.source == "microdata" and product.price == Decimal("99.99")
    og = """<head><meta property="og:type" content="product">
      <meta property="og:title" content="Ugg">
      <meta property="product:price:amount" content="35.50">
      <meta property="product:price:currency" content="EUR"></head>"""
    product = extract_product(og, "https://shop.test/")
    assert product and product.source == "opengraph" and product.currency == "EUR"


def test_pages_without_product_data_are_not_listings() -> None:
    promo = """<html><head><meta property="og:type" content="website">
      <script type="application/ld+json">{"@type": "Organization", "name": "Shop"}</script></head>
      <body>Save £20 this week on all handbags!</body></html>"""
    assert extract_product(promo, "https://shop.test/promotions") is None
    assert extract_product("<html><body>not even close", "https://shop.test/") is None


def test_next_page_by_rel_or_text() -> None:
    base = "https://shop.test/search?q=x"
    assert next_page(Selector('<link rel="next" href="?q=x&page=2">'), base) == (
        "https://shop.test/search?q=x&page=2"
    )
    assert (
        next_page(Selector('<a href="/s?p=3">Next page ›</a>'), base) == "https://shop.test/s?p=3"
    )
    assert next_page(Selector('<a href="/s?p=3">Nextdoor deals</a>'), base) is None


def test_candidate_links_stay_on_site() -> None:
    html = """<a href="/item/1">1</a><a href="/item/1#reviews">again</a>
      <a href="https://elsewhere.test/item/2">off-site</a><a href="mailto:x@y">mail</a>
      <a href="/item/3">3</a>"""
    links = candidate_links(Selector(html), "https://shop.test/search", exclude=set())
    assert links == ["https://shop.test/item/1", "https://shop.test/item/3"]


def test_candidate_links_leave_out_the_sites_own_furniture() -> None:
    html = """<header><a href="/">home</a><a href="/help">help</a></header>
      <nav><a href="/c/watches">watches</a></nav>
      <main><a href="/item/1">1</a><div role="navigation"><a href="/s?p=2">2</a></div></main>
      <footer><a href="/terms">terms</a><a href="/item/1">1 again</a></footer>"""
    base = "https://shop.test/search"
    assert candidate_links(Selector(html), base, exclude=set()) == ["https://shop.test/item/1"]
    only_chrome = '<nav><a href="/item/1">1</a></nav><footer><a href="/about">about</a></footer>'
    assert candidate_links(Selector(only_chrome), base, exclude=set()) == [
        "https://shop.test/item/1",
        "https://shop.test/about",
    ]
