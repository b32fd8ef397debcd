"""Text and price signals of one listing: coded vocabulary, wholesale language, seller name,
and a brand offered far under its reference price."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from evidence.triage.rules import Brand, Rules, phrase_pattern

_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class Signal:
    """One reason to suspect a listing: ``weight`` key, strength in [0, 1], and its evidence."""

    name: str
    strength: float
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "strength": round(self.strength, 4),
            "reason": self.reason,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class ListingText:
    """What a listing says, as the signals read it."""

    title: str
    description: str
    seller: str
    price: Decimal | None
    currency: str | None

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "seller": self.seller,
            "price": None if self.price is None else str(self.price),
            "currency": self.currency,
        }


def _negated(text: str, start: int, negations: frozenset[str]) -> bool:
    """A negation among the three words before ``start`` ("not a replica", "no fakes")."""
    words = [w.casefold() for w in _WORD.findall(text[max(0, start - 40) : start])][-3:]
    return any(w in negations or w.endswith("n't") for w in words)


def _allowed_spans(text: str, rules: Rules) -> list[tuple[int, int]]:
    return [m.span() for m in rules.allow_pattern.finditer(text)]


def vocabulary(listing: ListingText, rules: Rules) -> list[Signal]:
    """Coded counterfeit terms in any configured language, one signal per distinct term."""
    text = listing.text
    allowed = _allowed_spans(text, rules)
    signals: dict[str, Signal] = {}
    for lang, tiers in rules.vocabulary.items():
        for tier, terms in tiers.items():
            for match in phrase_pattern(terms).finditer(text):
                term = " ".join(match.group(0).casefold().replace("-", " ").split())
                if term in signals or any(a <= match.start() < b for a, b in allowed):
                    continue
                if _negated(text, match.start(), rules.negations):
                    continue
                signals[term] = Signal(
                    f"vocabulary_{tier}",
                    1.0,
                    f"{tier} counterfeit term {match.group(0)!r} ({lang})",
                    {"term": match.group(0), "language": lang, "at": match.start()},
                )
    return list(signals.values())


def wholesale(listing: ListingText, rules: Rules) -> list[Signal]:
    """Bulk or wholesale language (one signal, however many terms)."""
    terms = sorted({m.group(0).casefold() for m in rules.wholesale_pattern.finditer(listing.text)})
    if not terms:
        return []
    return [
        Signal("wholesale", 1.0, f"bulk/wholesale language: {', '.join(terms)}", {"terms": terms})
    ]


def seller_name(listing: ListingText, rules: Rules) -> list[Signal]:
    """Suspicious words in the seller's display name."""
    name = listing.seller.replace("_", " ")
    terms = sorted({m.group(0).casefold() for m in rules.seller_pattern.finditer(name)})
    if not terms:
        return []
    return [
        Signal(
            "seller_name",
            1.0,
            f"seller name {listing.seller!r} contains {', '.join(terms)}",
            {"seller": listing.seller, "terms": terms},
        )
    ]


def brand_product(listing: ListingText, rules: Rules) -> tuple[Brand, str | None, float] | None:
    """The brand a listing names, its product type, and that type's reference price."""
    title, text = listing.title.casefold(), listing.text.casefold()
    shared = rules.shared_keywords
    best: tuple[int, Brand] | None = None
    for brand in rules.brands:
        names = list(brand.aliases) + [
            k
            for keywords, _ in brand.products.values()
            for k in keywords
            if k.casefold() not in shared
        ]
        pattern = phrase_pattern(names)
        # A brand in the title outranks one only in the description.
        rank = 2 if pattern.search(title) else 1 if pattern.search(text) else 0
        if rank and (best is None or rank > best[0]):
            best = (rank, brand)
    if best is None:
        return None
    brand = best[1]
    # The most specific type the title (else the text) names: "AirPods Max" is headphones,
    # not earbuds; among equally specific ones the cheapest, to err towards innocence.
    for where in (title, text):
        matched = [
            (-len(m.group(0)), price, kind)
            for kind, (keywords, price) in brand.products.items()
            for m in phrase_pattern(list(keywords)).finditer(where)
        ]
        if matched:
            _, price, kind = min(matched)
            return brand, kind, price
    return brand, None, brand.default_price


def _ends_with_cue(text: str, cue: re.Pattern[str]) -> bool:
    return any(not text[m.end() :].strip() for m in cue.finditer(text))


def _about_brand(listing: ListingText, brand: Brand, rules: Rules) -> bool:
    """The title sells something about the brand (a poster) or for it (a case), not its product."""
    title = listing.title
    if rules.non_product_pattern.search(title):
        return True
    mentions = list(phrase_pattern(list(brand.aliases)).finditer(title))
    return bool(mentions) and all(
        _ends_with_cue(title[: m.start()], rules.accessory_cue_pattern) for m in mentions
    )


def price_vs_reference(listing: ListingText, rules: Rules) -> list[Signal]:
    """A branded product priced far under the reference price for its brand and type."""
    found = brand_product(listing, rules)
    if found is None or listing.price is None or listing.price <= 0:
        return []
    brand, kind, reference = found
    if _about_brand(listing, brand, rules):
        return []
    rate = rules.rates.get((listing.currency or rules.reference_currency).upper())
    if rate is None or reference <= 0:
        return []
    used = bool(rules.used_pattern.search(listing.text))
    if used:
        reference *= rules.used_factor
    price = float(listing.price) * rate
    ratio = price / reference
    if ratio >= brand.price_ratio:
        return []
    strength = min(1.0, (brand.price_ratio - ratio) / max(brand.price_ratio - 0.1, 1e-6))
    what = f"{brand.name.title()} {kind or 'item'}{' (used)' if used else ''}"
    cur = rules.reference_currency
    return [
        Signal(
            "price_below_reference",
            strength,
            f"{what} at {price:,.2f} {cur} is {ratio:.0%} of its reference price "
            f"{reference:,.2f} {cur}",
            {
                "brand": brand.name,
                "product_type": kind,
                "price": round(price, 2),
                "reference_price": round(reference, 2),
                "currency": cur,
                "ratio": round(ratio, 4),
                "used": used,
            },
        )
    ]


def brand_vocabulary(listing: ListingText, rules: Rules) -> list[Signal]:
    """A brand's own coded terms (``vocabulary`` in brands.yaml), when the listing names it."""
    found = brand_product(listing, rules)
    if found is None or not found[0].vocabulary:
        return []
    brand = found[0]
    terms = sorted(
        {m.group(0) for m in phrase_pattern(list(brand.vocabulary)).finditer(listing.text)}
    )
    return [
        Signal("brand_vocabulary", 1.0, f"{brand.name.title()} coded term {t!r}", {"term": t})
        for t in terms
    ]


def text_signals(listing: ListingText, rules: Rules) -> list[Signal]:
    """Every signal that needs only the listing itself."""
    return (
        vocabulary(listing, rules)
        + brand_vocabulary(listing, rules)
        + wholesale(listing, rules)
        + seller_name(listing, rules)
        + price_vs_reference(listing, rules)
    )
