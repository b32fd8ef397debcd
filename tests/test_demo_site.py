"""Tests for the bundled Bazaar demo marketplace (real HTTP, no mocks)."""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from PIL import Image

from crawler.demo import DemoSite, default_catalogue, generated_catalogue
from crawler.demo.catalogue import DEMO_KEYWORDS, MARKUP_KINDS, DemoListing
from crawler.demo.pages import matches


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[str] = []
        self.next_head: list[str] = []
        self.next_body: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("class") == "result":
            self.results.append(a["href"] or "")
        if tag == "link" and a.get("rel") == "next":
            self.next_head.append(a["href"] or "")
        if tag == "a" and a.get("rel") == "next":
            self.next_body.append(a["href"] or "")
        if tag == "img":
            self.images.append(a["src"] or "")


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def text(url: str) -> str:
    status, _, body = fetch(url)
    assert status == 200, url
    return body.decode("utf-8")


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def site() -> Iterator[DemoSite]:
    with DemoSite(default_catalogue() + generated_catalogue(35)) as demo:
        yield demo


def by_markup(site: DemoSite, markup: str) -> list[DemoListing]:
    return [item for item in site.listings() if item.markup == markup]


def test_home_and_headers(site: DemoSite) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", site.base_url)
    assert site.search_url_template == site.base_url + "/search?q={keyword}"
    status, headers, body = fetch(site.base_url + "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Content-Length"] == str(len(body))
    assert headers["Cache-Control"] == "no-cache"
    links = parse(body.decode())
    assert links.results and all(href.startswith("/item/") for href in links.results)
    for href in ("/help", "/about", "/promotions", "/terms"):
        assert f'href="{href}"' in body.decode()
    status, headers, body = fetch(site.base_url + "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


@pytest.mark.parametrize("keyword", [*DEMO_KEYWORDS, "watch"])
def test_search_pagination(site: DemoSite, keyword: str) -> None:
    expected = {f"/item/{item.slug}" for item in site.listings() if matches(item, keyword)}
    assert expected
    seen: list[str] = []
    url: str | None = site.search_url_template.format(keyword=keyword.replace(" ", "+"))
    pages = 0
    while url:
        links = parse(text(url))
        pages += 1
        assert len(links.results) <= 10
        seen += links.results
        assert links.next_head == links.next_body
        url = urljoin(url, links.next_head[0]) if links.next_head else None
    assert len(seen) == len(set(seen))
    assert set(seen) == expected
    assert pages == -(-len(expected) // 10)
    if keyword == "watch":
        assert pages == 4
        assert "Previous" in text(site.base_url + "/search?q=watch&page=2")


def test_keywords(site: DemoSite) -> None:
    assert site.keywords() == [*DEMO_KEYWORDS, "watch"]
    assert DemoSite().keywords() == list(DEMO_KEYWORDS)


def test_default_catalogue_mix() -> None:
    items = default_catalogue()
    assert 20 <= len(items) <= 30
    assert len({i.slug for i in items}) == len(items)
    for kind in MARKUP_KINDS:
        assert sum(i.markup == kind for i in items) >= 3
    assert {i.currency for i in items} == {"GBP", "EUR", "USD"}
    assert any("WhatsApp +44 7700 900123" in i.description for i in items)
    for keyword in DEMO_KEYWORDS:
        assert any(matches(i, keyword) for i in items)


def _ld_blocks(html: str) -> list[object]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_jsonld_listing(site: DemoSite) -> None:
    item = by_markup(site, "jsonld")[0]
    html = text(f"{site.base_url}/item/{item.slug}")
    (data,) = _ld_blocks(html)
    assert isinstance(data, dict) and data["@type"] == "Product"
    assert data["name"] == item.title
    assert Decimal(data["offers"]["price"]) == item.price
    assert data["offers"]["priceCurrency"] == item.currency
    assert data["offers"]["seller"]["name"] == item.seller
    assert item.seller in html


def test_jsonld_graph_listing(site: DemoSite) -> None:
    item = by_markup(site, "jsonld_graph")[0]
    (data,) = _ld_blocks(text(f"{site.base_url}/item/{item.slug}"))
    assert isinstance(data, dict)
    types = [node["@type"] for node in data["@graph"]]
    assert {"Product", "BreadcrumbList", "Organization"} <= set(types)
    product = next(node for node in data["@graph"] if node["@type"] == "Product")
    assert isinstance(product["offers"], list)
    assert product["offers"][0]["priceCurrency"] == item.currency


def test_microdata_listing(site: DemoSite) -> None:
    item = by_markup(site, "microdata")[0]
    html = text(f"{site.base_url}/item/{item.slug}")
    assert 'itemtype="https://schema.org/Product"' in html
    assert 'itemtype="https://schema.org/Offer"' in html
    assert f'itemprop="price" content="{item.price:.2f}"' in html
    assert f'itemprop="priceCurrency" content="{item.currency}"' in html
    assert "ld+json" not in html


def test_opengraph_listing(site: DemoSite) -> None:
    item = by_markup(site, "opengraph")[0]
    html = text(f"{site.base_url}/item/{item.slug}")
    assert '<meta property="og:type" content="product">' in html
    assert f'<meta property="product:price:amount" content="{item.price:.2f}">' in html
    assert f'<meta property="product:price:currency" content="{item.currency}">' in html
    assert 'property="og:title"' in html and 'property="og:image"' in html
    assert item.seller in html
    assert "ld+json" not in html and "itemscope" not in html


def test_js_listing(site: DemoSite) -> None:
    item = by_markup(site, "js")[0]
    html = text(f"{site.base_url}/item/{item.slug}")
    assert "ld+json" not in html and "og:type" not in html and "itemscope" not in html
    assert item.title not in html and f"{item.price:.2f}" not in html
    assert 'src="/static/app.js"' in html and f'data-slug="{item.slug}"' in html
    status, headers, body = fetch(f"{site.base_url}/api/item/{item.slug}.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    data = json.loads(body)
    assert data["title"] == item.title and data["jsonld"]["@type"] == "Product"
    assert Decimal(data["jsonld"]["offers"]["price"]) == item.price
    script = text(site.base_url + "/static/app.js")
    assert "setTimeout" in script and "application/ld+json" in script


@pytest.mark.parametrize("path", ["/help", "/about", "/promotions", "/terms"])
def test_info_pages_have_no_product_data(site: DemoSite, path: str) -> None:
    html = text(site.base_url + path)
    for marker in ("schema.org/Product", "og:type", "ld+json", "itemprop", "product:price"):
        assert marker not in html
    assert 'class="result"' not in html


def test_search_page_has_no_product_data(site: DemoSite) -> None:
    html = text(site.base_url + "/search?q=airpods")
    assert "schema.org/Product" not in html and "og:type" not in html


def test_images_are_png(site: DemoSite) -> None:
    item = site.listings()[0]
    links = parse(text(f"{site.base_url}/item/{item.slug}"))
    assert 1 <= len(links.images) <= 3
    for src in links.images:
        status, headers, body = fetch(urljoin(site.base_url, src))
        assert status == 200 and headers["Content-Type"] == "image/png"
        with Image.open(io.BytesIO(body)) as img:
            assert img.format == "PNG" and img.size == (400, 300)
    assert fetch(site.base_url + "/img/not-an-image.png")[0] == 404


def test_404_and_robots(site: DemoSite) -> None:
    status, _, body = fetch(site.base_url + "/no/such/page")
    assert status == 404 and b"Page not found" in body
    assert fetch(site.base_url + "/item/does-not-exist")[0] == 404
    robots = text(site.base_url + "/robots.txt")
    assert "Disallow: /private/" in robots


def test_mutation_while_running() -> None:
    with DemoSite() as demo:
        item = demo.listings()[0]
        url = f"{demo.base_url}/item/{item.slug}"
        demo.update_listing(item.slug, price=Decimal("1.23"))
        assert "1.23" in text(url)
        demo.remove_listing(item.slug)
        assert fetch(url)[0] == 404
        with demo.lock:
            demo.catalogue = {}
        assert 'class="result"' not in text(demo.base_url + "/search?q=airpods")


def test_generated_catalogue_deterministic() -> None:
    first = generated_catalogue(300)
    assert first == generated_catalogue(300)
    assert first != generated_catalogue(300, seed=1)
    assert len({item.slug for item in first}) == 300
    assert all(matches(item, "watch") for item in first)
    assert set(MARKUP_KINDS) == {item.markup for item in first}
    for keyword in DEMO_KEYWORDS:
        assert any(matches(item, keyword) for item in first)
