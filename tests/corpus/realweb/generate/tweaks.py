"""Difficulties added to otherwise ordinary pages: never-firing ``load``, height, broken JSON-LD.

Kept in one table so that what each page exercises can be read in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .kit import Page, consent, filler, looping_img


def _insert_after_open(html: str, tag: str, snippet: str) -> str:
    match = re.search(rf"<{tag}\b[^>]*>", html)
    if match is None:
        raise ValueError(f"no <{tag}> to insert after")
    return html[: match.end()] + snippet + html[match.end() :]


def never_load(banner: str, fallback: str) -> Callable[[Page], None]:
    """A campaign banner that 404s slowly and whose fallback 404s too, forever."""

    def tweak(page: Page) -> None:
        img = f'<div class="promo-banner">{looping_img(banner, fallback, "")}</div>'
        tag = "main" if re.search(r"<main\b", page.html) else "body"
        page.html = _insert_after_open(page.html, tag, img)
        page.serve.setdefault("slow_404", []).extend([banner, fallback])
        page.features.append("never-load")

    return tweak


def tall(px: int) -> Callable[[Page], None]:
    """Make the page ``px`` pixels taller (expanded by the server from a marker)."""

    def tweak(page: Page) -> None:
        marker = filler(px, page.lang)
        at = page.html.rfind("</main>")
        at = at if at >= 0 else page.html.rfind("</body>")
        page.html = page.html[:at] + marker + page.html[at:]
        page.features.append("tall-page")

    return tweak


def broken_ld(text: str) -> Callable[[Page], None]:
    """A malformed JSON-LD block (an app's or plugin's) next to the page's valid one."""

    def tweak(page: Page) -> None:
        block = f'<script type="application/ld+json">{text}</script>'
        at = page.html.find("</head>")
        page.html = page.html[:at] + block + page.html[at:]
        page.features.append("malformed-json-ld")

    return tweak


def cookie(cmp: str) -> Callable[[Page], None]:
    """A consent banner before ``</body>``."""

    def tweak(page: Page) -> None:
        at = page.html.rfind("</body>")
        page.html = page.html[:at] + consent(cmp, page.lang, page.slug) + page.html[at:]
        page.features += ["cookie-banner", f"cookie-{cmp}"]

    return tweak


LIQUID = (
    '{"@context": "https://schema.org", "@type": "Product", "name": "Nike Dunk Low Retro Panda",\n'
    ' "aggregateRating": {"@type": "AggregateRating",\n'
    '   "ratingValue": {{ product.metafields.reviews.rating.value }},\n'
    '   "reviewCount": {{ product.metafields.reviews.rating_count }}}}'
)
UNESCAPED = (
    '{"@context":"https://schema.org","@type":"Organization","name":"Bolsos Mediterráneo",\n'
    '"description":"Bolsos "hechos a mano" en Valencia\n desde 1998","url":"https://www.bolsosmediterraneo.es"}'
)
TRUNCATED = (
    '{"@context":"https://schema.org","@type":"Product","name":"Montre Tissot PRX Powermatic 80",'
    '"offers":{"@type":"Offer","price":"675.00","priceCurrency":"EUR"'
)

TWEAKS: dict[str, list[Callable[[Page], None]]] = {
    "shopware-de-cube": [
        never_load("/media/banner/sommer-sale-2024.jpg", "/media/banner/fallback.jpg")
    ],
    "gumtree-iphone-14-pro-128gb-unlocked": [
        never_load(
            "/assets/frontend/banners/motors-promo.jpg", "/assets/frontend/banners/blank.jpg"
        )
    ],
    "cafe24-overfit-hoodie": [
        never_load("/web/upload/banner/main_event.jpg", "/web/upload/banner/noimg.gif")
    ],
    "kleinanzeigen-rolex-datejust-41-wimbledon": [
        never_load("/static/img/partner/teaser-1.jpg", "/static/img/partner/teaser-default.jpg")
    ],
    "aliexpress-smartwatch-usd": [tall(200_000)],
    "tmall-nike-af1": [tall(150_000)],
    "etsy-leather-wallet": [tall(100_000)],
    "shopify-us-dunk-low": [broken_ld(LIQUID)],
    "woo-es-bolso": [broken_ld(UNESCAPED)],
    "magento-fr-tissot": [broken_ld(TRUNCATED)],
    "news-counterfeit-seizure": [cookie("quantcast")],
}


def apply(pages: list[Page]) -> None:
    """Apply every tweak to its page; a tweak for a page that does not exist is an error."""
    by_slug = {page.slug: page for page in pages}
    for slug, tweaks in TWEAKS.items():
        for tweak in tweaks:
            tweak(by_slug[slug])
