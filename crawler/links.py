"""Reading a search-results page: candidate links and the next page."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from parsel import Selector

NEXT_TEXT = re.compile(r"^\W*(next|next page|more results|older|suivant|weiter|siguiente)\b", re.I)
NEXT_SYMBOLS = {"›", "»", ">", "→", "≫"}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")


def same_site(url: str, base: str) -> bool:
    """True when ``url`` is on the same host (and scheme family) as ``base``."""
    a, b = urlsplit(url), urlsplit(base)
    return a.scheme in ("http", "https") and a.hostname == b.hostname and a.port == b.port


def next_page(sel: Selector, base: str) -> str | None:
    """The next results page: ``rel=next``, or a link whose text says next."""
    for href in sel.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").getall():
        if href.strip():
            return urljoin(base, href.strip())
    for anchor in sel.css("a[href]"):
        text = " ".join(anchor.css("::text").getall()).strip()
        label = (anchor.attrib.get("aria-label") or "").strip()
        if NEXT_TEXT.search(text) or NEXT_TEXT.search(label) or text in NEXT_SYMBOLS:
            return urljoin(base, anchor.attrib["href"].strip())
    return None


# Links in the site's own furniture (header, navigation, footer) lead to its help, terms
# and category pages, never to one seller's listing.
CHROME = (
    "ancestor::header or ancestor::nav or ancestor::footer or ancestor::*[@role='banner' "
    "or @role='navigation' or @role='contentinfo']"
)


def candidate_links(sel: Selector, base: str, exclude: set[str]) -> list[str]:
    """Same-site links in page order, without fragments, duplicates or ``exclude``, and
    outside the page's header, navigation and footer (unless those hold every link)."""
    content = _same_site(sel.xpath(f"//a[@href][not({CHROME})]/@href").getall(), base, exclude)
    return content or _same_site(sel.xpath("//a/@href").getall(), base, exclude)


def _same_site(hrefs: list[str], base: str, exclude: set[str]) -> list[str]:
    seen: set[str] = set()
    links: list[str] = []
    for href in hrefs:
        href = href.strip()
        if not href or href.startswith(SKIP_SCHEMES):
            continue
        url = urldefrag(urljoin(base, href))[0]
        if url in seen or url in exclude or not same_site(url, base):
            continue
        seen.add(url)
        links.append(url)
    return links
