"""What triage reads from a case: each listing's latest data, contacts and product images,
the brands' reference images, and which of those images match."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from evidence.models import Capture, Listing, ReferenceImage
from evidence.triage.contacts import Contact, extract_contacts
from evidence.triage.images import ImageHashes, ImageMatch, find_matches
from evidence.triage.rules import Rules
from evidence.triage.signals import ListingText


@dataclass(frozen=True)
class SellerKey:
    """A seller on one site (the same name on two sites is two sellers until linked)."""

    site: str
    name: str

    def __str__(self) -> str:
        return f"{self.name}@{self.site}"


@dataclass
class ListingFacts:
    """One listing as triage sees it: from its latest capture with product data."""

    listing_id: int
    url: str
    capture_id: int | None
    seller: SellerKey
    text: ListingText
    contacts: list[Contact]
    images: list[ImageHashes]

    @property
    def owner(self) -> str:
        return f"listing:{self.listing_id}"


@dataclass
class Corpus:
    """A case's listings and reference images, with every image match among them."""

    listings: dict[int, ListingFacts]
    references: dict[str, tuple[str, ImageHashes]]  # owner -> (brand, hashes)
    matches: list[ImageMatch]
    by_value: dict[str, list[tuple[int, Contact]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Public contacts (helplines) are quoted by unrelated sellers: they link nobody.
        index: dict[str, list[tuple[int, Contact]]] = defaultdict(list)
        for facts in self.listings.values():
            for contact in facts.contacts:
                if not contact.public:
                    index[contact.link_key].append((facts.listing_id, contact))
        self.by_value = dict(index)

    def owner_listing(self, owner: str) -> ListingFacts | None:
        kind, _, ident = owner.partition(":")
        return self.listings.get(int(ident)) if kind == "listing" else None


# Function words that tell a listing's language, and the country its national phone numbers
# most likely belong to (used only for numbers not valid in the default region).
_LANGUAGE_WORDS = {
    "": "the and with for without not is very delivery of to in on".split(),  # no hint
    "DE": "und der die das mit für ohne nicht ist sehr auf bei versand".split(),
    "FR": "et le la les des avec pour sans est très livraison une du".split(),
    "ES": "y el la los las con para sin muy envío una del por".split(),
    "IT": "e il la gli con per senza molto spedizione una della sono".split(),
    "PL": "i w z na do bez jest bardzo wysyłka oraz dla się".split(),
    "NL": "en de het met voor zonder niet zeer verzending een van".split(),
    "PT": "e o a os com para sem muito envio uma do não".split(),
}
_WORDS = re.compile(r"[^\W\d_]+")


def language_region(text: str) -> str | None:
    """The country whose language the text is most plainly written in, if any."""
    words = [w.casefold() for w in _WORDS.findall(text)]
    counts = {r: sum(w in vocab for w in words) for r, vocab in _LANGUAGE_WORDS.items()}
    best = max(counts, key=lambda r: counts[r])
    ranked = sorted(counts.values(), reverse=True)
    return best or None if ranked[0] >= 2 and ranked[0] > ranked[1] else None


def listing_contacts(text: ListingText, rules: Rules) -> list[Contact]:
    """The contacts in a listing's title and description. A national number not valid in the
    default region is read in the region of the listing's currency, else of its language,
    when it is valid there."""
    contact_rules = rules.contact_rules
    hints = [contact_rules.region_hints.get((text.currency or "").upper())]
    hints.append(language_region(text.text))
    return extract_contacts(text.text, contact_rules, [h for h in hints if h])


class ContactCache:
    """Contacts per capture: a capture's text never changes, so extract it once."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], list[Contact]] = {}

    def get(self, capture_id: int | None, text: ListingText, rules: Rules) -> list[Contact]:
        if capture_id is None:
            return listing_contacts(text, rules)
        key = (capture_id, rules.digest)
        if key not in self._cache:
            self._cache[key] = listing_contacts(text, rules)
        return self._cache[key]


def _latest(listing: Listing) -> Capture | None:
    captures = sorted(listing.captures, key=lambda c: (c.captured_at, c.id))
    with_data = [c for c in captures if c.title is not None]
    return with_data[-1] if with_data else None


def listing_facts(listing: Listing, rules: Rules, cache: ContactCache) -> ListingFacts:
    """The facts of one listing (loaded with its captures and their artefacts)."""
    capture = _latest(listing)
    text = ListingText(
        title=(capture.title or "") if capture else "",
        description=(capture.description or "") if capture else "",
        seller=(capture.seller or "") if capture else "",
        price=capture.price if capture else None,
        currency=capture.currency if capture else None,
    )
    owner = f"listing:{listing.id}"
    images: list[ImageHashes] = []
    if capture is not None:
        product_urls = set(capture.images)
        images = [
            ImageHashes(owner, a.digest_hex, a.phash, a.dhash, a.path, a.source_url)
            for a in capture.artefacts
            if a.kind == "image" and a.source_url in product_urls
        ]
    site = urlsplit(listing.url).netloc
    seller = SellerKey(site, text.seller or f"(no seller) {listing.url}")
    contacts = cache.get(capture.id if capture else None, text, rules)
    return ListingFacts(listing.id, listing.url, capture.id if capture else None, seller, text,
                        contacts, images)  # fmt: skip


def load_corpus(session: Session, case_id: int, rules: Rules, cache: ContactCache) -> Corpus:
    """Every listing of a case with product data, every reference image, and their matches."""
    listings = session.scalars(
        select(Listing)
        .where(Listing.case_id == case_id)
        .order_by(Listing.id)
        .options(selectinload(Listing.captures).selectinload(Capture.artefacts))
    ).all()
    facts = {f.listing_id: f for f in (listing_facts(x, rules, cache) for x in listings)}
    facts = {k: f for k, f in facts.items() if f.capture_id is not None}
    references = {
        f"reference:{r.id}": (
            r.brand,
            ImageHashes(f"reference:{r.id}", r.digest_hex, r.phash, r.dhash, r.path),
        )
        for r in session.scalars(select(ReferenceImage).order_by(ReferenceImage.id))
    }
    return build_corpus(facts, references, rules)


def build_corpus(
    facts: dict[int, ListingFacts], references: dict[str, tuple[str, ImageHashes]], rules: Rules
) -> Corpus:
    """A corpus from listings and reference images, with every image match among them."""
    images = [i for f in facts.values() for i in f.images] + [h for _, h in references.values()]
    matches = [
        m
        for m in find_matches(images, rules.image_thresholds)
        if not (m.a.owner.startswith("reference:") and m.b.owner.startswith("reference:"))
    ]
    return Corpus(facts, references, matches)
