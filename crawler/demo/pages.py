"""HTML/JSON rendering for the demo marketplace (pure functions, no I/O)."""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any, Final
from urllib.parse import quote, urlencode

from crawler.demo.catalogue import DemoListing

SITE_NAME: Final[str] = "Bazaar"
PAGE_SIZE: Final[int] = 10
INFO_PAGES: Final[tuple[str, ...]] = ("help", "about", "promotions", "terms")

_SYMBOLS: Final[dict[str, str]] = {"GBP": "£", "EUR": "€", "USD": "$"}

ROBOTS_TXT: Final[str] = "User-agent: *\nDisallow: /private/\nAllow: /\n"

STYLE_CSS: Final[str] = """body{font-family:sans-serif;margin:0;color:#222}
header,footer{background:#2d3e50;color:#fff;padding:10px 20px}
header a,footer a{color:#fff;margin-right:12px}
main{padding:20px}.price{font-size:1.4em;color:#b12704}
.result{display:block;margin:6px 0}.gallery img{margin-right:8px;border:1px solid #ccc}
"""

APP_JS: Final[str] = """(function () {
  "use strict";
  var me = document.currentScript || document.querySelector("script[data-slug]");
  var slug = me.getAttribute("data-slug");
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }
  setTimeout(function () {
    fetch("/api/item/" + encodeURIComponent(slug) + ".json")
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (item) {
        var ld = document.createElement("script");
        ld.type = "application/ld+json";
        ld.textContent = JSON.stringify(item.jsonld);
        document.head.appendChild(ld);
        document.title = item.title + " | Bazaar";
        text("item-title", item.title);
        text("item-price", item.price_display);
        text("item-seller", item.seller);
        text("item-description", item.description);
        var gallery = document.getElementById("item-gallery");
        item.images.forEach(function (src) {
          var img = document.createElement("img");
          img.src = src; img.alt = item.title; img.width = 200; img.height = 150;
          gallery.appendChild(img);
        });
        document.getElementById("item").setAttribute("data-loaded", "true");
      })
      .catch(function (err) { text("item-title", "Item unavailable"); console.error(err); });
  }, 400);
})();
"""


def price_display(listing: DemoListing) -> str:
    """Human readable price such as ``£189.00``."""
    symbol = _SYMBOLS.get(listing.currency)
    return f"{symbol}{listing.price:.2f}" if symbol else f"{listing.price:.2f} {listing.currency}"


def matches(listing: DemoListing, query: str) -> bool:
    """True when title or description contain all words of ``query`` (case-insensitive)."""
    words = query.lower().split()
    haystack = f"{listing.title}\n{listing.description}".lower()
    return bool(words) and all(word in haystack for word in words)


def _json_script(data: Any) -> str:
    payload = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>'


def _image_urls(listing: DemoListing, base: str) -> list[str]:
    return [f"{base}/img/{quote(name)}.png" for name in listing.images]


def _offer(listing: DemoListing, base: str) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "price": f"{listing.price:.2f}",
        "priceCurrency": listing.currency,
        "availability": "https://schema.org/InStock",
        "url": f"{base}/item/{quote(listing.slug)}",
        "seller": {"@type": "Organization", "name": listing.seller},
    }


def product_jsonld(listing: DemoListing, base: str, *, offers_list: bool = False) -> dict[str, Any]:
    """schema.org Product dict for ``listing`` (with ``@context``)."""
    offer = _offer(listing, base)
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": listing.title,
        "description": listing.description,
        "sku": listing.slug,
        "image": _image_urls(listing, base),
        "url": f"{base}/item/{quote(listing.slug)}",
        "offers": [offer] if offers_list else offer,
    }


def graph_jsonld(listing: DemoListing, base: str) -> dict[str, Any]:
    """JSON-LD ``@graph`` document with Organization, BreadcrumbList and Product nodes."""
    product = product_jsonld(listing, base, offers_list=True)
    del product["@context"]
    product["@id"] = f"{base}/item/{quote(listing.slug)}#product"
    crumbs = [
        ("Home", f"{base}/"),
        ("Search", f"{base}/search?q=all"),
        (listing.title, product["url"]),
    ]
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": f"{base}/#org", "name": SITE_NAME, "url": f"{base}/"},
            {
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": i + 1, "name": name, "item": url}
                    for i, (name, url) in enumerate(crumbs)
                ],
            },
            product,
        ],
    }


def api_item(listing: DemoListing, base: str) -> dict[str, Any]:
    """Payload of ``/api/item/<slug>.json``."""
    return {
        "slug": listing.slug,
        "title": listing.title,
        "price": f"{listing.price:.2f}",
        "currency": listing.currency,
        "price_display": price_display(listing),
        "seller": listing.seller,
        "description": listing.description,
        "images": _image_urls(listing, base),
        "jsonld": product_jsonld(listing, base),
    }


def layout(
    title: str, body: str, *, head_extra: str = "", query: str = "", html_attrs: str = ""
) -> str:
    """Wrap ``body`` in the common page chrome."""
    nav = " ".join(f'<a href="/{name}">{name.capitalize()}</a>' for name in INFO_PAGES)
    return f"""<!DOCTYPE html>
<html lang="en"{html_attrs}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} | {SITE_NAME}</title>
<link rel="stylesheet" href="/static/style.css">
{head_extra}
</head>
<body>
<header>
<a class="logo" href="/"><strong>{SITE_NAME}</strong></a>
<nav><a href="/">Home</a>{nav}</nav>
<form class="search" action="/search" method="get">
<input type="search" name="q" value="{escape(query)}" placeholder="Search {SITE_NAME}">
<button type="submit">Search</button>
</form>
</header>
<main>
{body}
</main>
<footer>
<p>&copy; 2024 {SITE_NAME} Marketplace Ltd. {nav}</p>
</footer>
</body>
</html>
"""


def _gallery(listing: DemoListing, *, itemprop: bool = False) -> str:
    attr = ' itemprop="image"' if itemprop else ""
    imgs = "".join(
        f'<img{attr} src="/img/{quote(name)}.png" alt="{escape(listing.title)}"'
        ' width="200" height="150">'
        for name in listing.images
    )
    return f'<div class="gallery" id="item-gallery">{imgs}</div>'


def _plain_item(listing: DemoListing) -> str:
    return f"""<article id="item">
<h1 id="item-title">{escape(listing.title)}</h1>
{_gallery(listing)}
<p class="price" id="item-price">{escape(price_display(listing))}</p>
<p>Sold by <span class="seller" id="item-seller">{escape(listing.seller)}</span></p>
<div class="description" id="item-description">{escape(listing.description)}</div>
<button type="button">Add to basket</button>
</article>"""


def _microdata_item(listing: DemoListing) -> str:
    symbol = escape(_SYMBOLS.get(listing.currency, listing.currency + " "))
    return f"""<article id="item" itemscope itemtype="https://schema.org/Product">
<h1 id="item-title" itemprop="name">{escape(listing.title)}</h1>
<meta itemprop="sku" content="{escape(listing.slug)}">
{_gallery(listing, itemprop=True)}
<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
<p class="price" id="item-price"><span itemprop="priceCurrency" content="{escape(listing.currency)}">{symbol}</span><span itemprop="price" content="{listing.price:.2f}">{listing.price:.2f}</span></p>
<link itemprop="availability" href="https://schema.org/InStock">
<p>Sold by <span itemprop="seller" itemscope itemtype="https://schema.org/Organization"><span class="seller" id="item-seller" itemprop="name">{escape(listing.seller)}</span></span></p>
</div>
<div class="description" id="item-description" itemprop="description">{escape(listing.description)}</div>
<button type="button">Add to basket</button>
</article>"""  # noqa: E501


def _opengraph_meta(listing: DemoListing, base: str) -> str:
    props = [
        ("og:type", "product"),
        ("og:site_name", SITE_NAME),
        ("og:title", listing.title),
        ("og:description", listing.description),
        ("og:url", f"{base}/item/{quote(listing.slug)}"),
        *[("og:image", url) for url in _image_urls(listing, base)],
        ("product:price:amount", f"{listing.price:.2f}"),
        ("product:price:currency", listing.currency),
    ]
    return "\n".join(f'<meta property="{p}" content="{escape(v)}">' for p, v in props)


def _details(listing: DemoListing) -> str:
    """Paragraphs of specifications below the item (none unless the listing asks)."""
    rows = (
        f"<p>Specification {n + 1}: {escape(listing.description)} Reference "
        f"{escape(listing.slug)}-{n + 1}, checked and packed by {escape(listing.seller)}.</p>"
        for n in range(listing.details)
    )
    return f'<section class="details">{"".join(rows)}</section>' if listing.details else ""


def render_listing(listing: DemoListing, base: str) -> str:
    """Listing page with structured data according to ``listing.markup``."""
    if listing.markup == "js":
        body = f"""<article id="item" data-loaded="false">
<h1 id="item-title">Loading&hellip;</h1>
<div class="gallery" id="item-gallery"></div>
<p class="price" id="item-price"></p>
<p>Sold by <span class="seller" id="item-seller"></span></p>
<div class="description" id="item-description"></div>
<noscript>Please enable JavaScript to view this item.</noscript>
</article>
<script src="/static/app.js" data-slug="{escape(listing.slug)}"></script>"""
        return layout("Item", body + _details(listing))
    head = ""
    attrs = ""
    body = _plain_item(listing)
    if listing.markup == "jsonld":
        head = _json_script(product_jsonld(listing, base))
    elif listing.markup == "jsonld_graph":
        head = _json_script(graph_jsonld(listing, base))
    elif listing.markup == "microdata":
        body = _microdata_item(listing)
    elif listing.markup == "opengraph":
        head = _opengraph_meta(listing, base)
        attrs = ' prefix="og: https://ogp.me/ns# product: https://ogp.me/ns/product#"'
    return layout(listing.title, body + _details(listing), head_extra=head, html_attrs=attrs)


def _result_item(listing: DemoListing) -> str:
    return (
        f'<li><a class="result" href="/item/{quote(listing.slug)}">{escape(listing.title)}</a> '
        f"<span>{escape(price_display(listing))}</span></li>"
    )


def _search_href(query: str, page: int) -> str:
    return "/search?" + urlencode({"q": query, "page": page})


def render_search(query: str, results: list[DemoListing], page: int) -> str:
    """Search results page ``page`` (1-based) for the full ``results`` list."""
    pages = max(1, math.ceil(len(results) / PAGE_SIZE))
    shown = results[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    head: list[str] = []
    links: list[str] = []
    if page > 1:
        href = escape(_search_href(query, min(page - 1, pages)))
        head.append(f'<link rel="prev" href="{href}">')
        links.append(f'<a rel="prev" class="prev" href="{href}">&laquo; Previous</a>')
    if page < pages:
        href = escape(_search_href(query, page + 1))
        head.append(f'<link rel="next" href="{href}">')
        links.append(f'<a rel="next" class="next" href="{href}">Next &raquo;</a>')
    items = "\n".join(_result_item(item) for item in shown) or "<li>No results found.</li>"
    body = f"""<h1>Results for &ldquo;{escape(query)}&rdquo;</h1>
<p class="count">{len(results)} results &middot; page {page} of {pages}</p>
<ol class="results">
{items}
</ol>
<nav class="pagination">{" ".join(links)}</nav>"""
    return layout(f"Search: {query}", body, head_extra="\n".join(head), query=query)


def render_home(featured: list[DemoListing], keywords: list[str]) -> str:
    """Home page with featured listings and popular searches."""
    items = "\n".join(_result_item(item) for item in featured)
    searches = "".join(
        f'<li><a href="{escape("/search?" + urlencode({"q": k}))}">{escape(k)}</a></li>'
        for k in keywords
    )
    body = f"""<h1>Welcome to {SITE_NAME}</h1>
<p>Thousands of bargains from independent sellers.</p>
<h2>Featured listings</h2>
<ul class="featured">
{items}
</ul>
<h2>Popular searches</h2>
<ul class="popular">{searches}</ul>"""
    return layout("Home", body)


_INFO_TEXT: Final[dict[str, tuple[str, str]]] = {
    "help": (
        "Help centre",
        "<p>Need help with an order? Contact our support team at help@bazaar.example "
        "or read the FAQ below.</p><h2>FAQ</h2><p>Delivery usually takes 3-5 working days.</p>",
    ),
    "about": (
        "About us",
        f"<p>{SITE_NAME} connects buyers with independent sellers worldwide since 2019.</p>",
    ),
    "promotions": (
        "Promotions",
        "<p>Save £20 this week on orders over £100! Free delivery on items "
        "over $50. Use code BAZAAR10 for 10% off.</p><p>Offers end Sunday.</p>",
    ),
    "terms": (
        "Terms &amp; conditions",
        "<p>By using this site you agree to our terms. Sellers are responsible "
        "for the authenticity of their goods.</p>",
    ),
}


def render_info(name: str) -> str:
    """One of the non-listing pages (help/about/promotions/terms)."""
    heading, text = _INFO_TEXT[name]
    return layout(heading.replace("&amp;", "&"), f"<h1>{heading}</h1>\n{text}")


def render_not_found(path: str) -> str:
    """404 page."""
    return layout(
        "Page not found", f"<h1>Page not found</h1><p>No page at <code>{escape(path)}</code>.</p>"
    )
