"""Text and price signals of one listing, each tied to the concern it raises.

Counterfeit (brand misuse), piracy and unsafe goods each have a signal file of coded terms
by language (strong and weak), terms that count together, terms that count only in a
market, and patterns; brands have reference prices. Wholesale language and the seller's
name raise no concern of their own: they support whichever concern the listing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from evidence.triage.rules import Brand, ConcernRules, Rules, normalise, phrase_pattern

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\n،؛。；，！？]|\s[-–—]\s")

EVIDENCE = "evidence"  # raises its concern on its own
SUPPORT = "support"  # adds to a concern the listing already raises (or to every concern)


@dataclass(frozen=True)
class Signal:
    """One reason to suspect a listing: ``weight`` key, strength in [0, 1], and its evidence.

    ``concern`` is the concern it raises (None: any concern the listing raises); ``role``
    says whether it raises it on its own (``evidence``) or only adds to it (``support``).
    """

    name: str
    strength: float
    reason: str
    evidence: dict[str, Any] = field(default_factory=dict)
    concern: str | None = None
    role: str = EVIDENCE

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "concern": self.concern,
            "role": self.role,
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


def _clause_before(text: str, start: int) -> str:
    """The part of the clause holding ``start`` that comes before it."""
    head = text[max(0, start - 60) : start]
    ends = list(_CLAUSE_END.finditer(head))
    return head[ends[-1].end() :] if ends else head


def _negated(text: str, start: int, rules: ConcernRules) -> bool:
    """A negation among the four words before ``start`` in its clause ("not a replica",
    "we never sell ... without a prescription", "不是高仿", "ليست تقليد")."""
    clause = _clause_before(text, start)
    words = [w.casefold() for w in _WORD.findall(clause)][-4:]
    if any(w in rules.negation_words or w.endswith("n't") for w in words):
        return True
    joined = " ".join(words)
    if any(" " in n and n in joined for n in rules.negation_words):
        return True
    tail = clause[-4:].replace(" ", "")
    return any(mark in tail for mark in rules.negation_marks)


def _tier_name(concern: str, tier: str) -> str:
    return f"{'vocabulary' if concern == 'counterfeit' else concern}_{tier}"


def _clean(term: str) -> str:
    return " ".join(term.casefold().replace("-", " ").split())


def _market(listing: ListingText, rules: ConcernRules) -> tuple[str, str] | None:
    currency = (listing.currency or "").upper()
    for market in rules.markets:
        if currency in market.currencies:
            return market.name, currency
    return None


def concern_terms(listing: ListingText, rules: ConcernRules) -> list[Signal]:
    """A concern's coded terms in any language, its term combinations, market terms and
    patterns; weak ones do not count where the listing makes an honest claim for it."""
    text = normalise(listing.text)
    concern = rules.concern
    allowed = [m.span() for m in rules.allow.finditer(text)]
    signals: dict[str, Signal] = {}

    def usable(match: re.Match[str]) -> bool:
        start = match.start()
        return not any(a <= start < b for a, b in allowed) and not _negated(text, start, rules)

    # An honest claim counts only when it is not negated ("not CE marked").
    honest = [
        m.group(0) for m in rules.honest.finditer(text) if not _negated(text, m.start(), rules)
    ]

    def add(key: str, tier: str, reason: str, evidence: dict[str, Any]) -> None:
        if key in signals or (tier == "weak" and honest):
            return
        signals[key] = Signal(_tier_name(concern, tier), 1.0, reason, evidence, concern)

    # Each stretch of text counts once, for its longest term ("UK plug adaptor included",
    # not also "adaptor included"); strong before weak at equal length.
    hits = [
        (match, lang, tier)
        for (lang, tier), pattern in rules.tier_patterns.items()
        for match in pattern.finditer(text)
        if usable(match)
    ]
    hits.sort(key=lambda h: (-len(h[0].group(0)), h[2] != "strong", h[0].start()))
    taken: list[tuple[int, int]] = []
    for match, lang, tier in hits:
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        term = match.group(0)
        add(_clean(term), tier, f"{tier} {concern} term {term!r} ({lang})",
            {"term": term, "language": lang, "at": start})  # fmt: skip
    for combo in rules.combinations:
        found = []
        for pattern in combo.patterns:
            hit = next((m.group(0) for m in pattern.finditer(text) if usable(m)), None)
            if hit is None:
                break
            found.append(hit)
        else:
            shown = ", ".join(repr(t) for t in found)
            add(f"combination:{combo.reason}", combo.tier, f"{combo.reason}: {shown}",
                {"terms": found})  # fmt: skip
    if (where := _market(listing, rules)) is not None:
        name, currency = where
        market = next(m for m in rules.markets if m.name == name)
        for tier, terms in market.tiers.items():
            for match in phrase_pattern(terms).finditer(text):
                if usable(match):
                    term = match.group(0)
                    add(f"market:{_clean(term)}", tier,
                        f"{term!r} on an item sold into {name} (priced in {currency})",
                        {"term": term, "market": name, "currency": currency})  # fmt: skip
    for rule in rules.patterns:
        found_at = rule.regex.search(text)
        if found_at is not None and usable(found_at):
            add(f"pattern:{rule.reason}", rule.tier, f"{rule.reason}: {found_at.group(0)!r}",
                {"match": found_at.group(0), "at": found_at.start()})  # fmt: skip
    if honest and signals:
        for key, signal in signals.items():
            signals[key] = Signal(signal.name, signal.strength, signal.reason,
                                  signal.evidence | {"honest_claims": honest}, concern)  # fmt: skip
    return list(signals.values())


def wholesale(listing: ListingText, rules: Rules) -> list[Signal]:
    """Bulk or wholesale language (one signal, however many terms)."""
    text = normalise(listing.text)
    terms = sorted({m.group(0).casefold() for m in rules.wholesale_pattern.finditer(text)})
    if not terms:
        return []
    return [
        Signal(
            "wholesale",
            1.0,
            f"bulk/wholesale language: {', '.join(terms)}",
            {"terms": terms},
            None,
            SUPPORT,
        )
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
            None,
            SUPPORT,
        )
    ]


def brand_product(listing: ListingText, rules: Rules) -> tuple[Brand, str | None, float] | None:
    """The brand a listing's title names, its product type, and that type's reference price.

    Only the title counts: descriptions name other brands in passing ("works with Apple TV+").
    """
    title = normalise(listing.title).casefold()
    best: tuple[int, int, Brand] | None = None
    for n, (brand, names) in enumerate(rules.brand_name_patterns):
        match = names.search(title)
        # The brand named first in the title is the one sold ("Apple Watch strap for ...").
        if match is not None and (best is None or match.start() < best[0]):
            best = (match.start(), n, brand)
    if best is None:
        return None
    brand = best[2]
    text = normalise(listing.text).casefold()
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
    if brand.default_price is None:
        return None
    return brand, None, brand.default_price


_WITH = re.compile(r"\bwith\b|\+|\binc|\bavec\b|\bcon\b|\bmit\b|\bz\b|\bw zestawie\b", re.I)


def _ends_with_cue(text: str, cue: re.Pattern[str]) -> bool:
    return any(not text[m.end() :].strip() for m in cue.finditer(text))


def _about_brand(listing: ListingText, brand: Brand, rules: Rules) -> bool:
    """The title sells something about the brand (a poster) or for it (a case), not its product."""
    title = normalise(listing.title)
    if rules.non_product_pattern.search(title):
        return True
    for match in rules.accessory_pattern.finditer(title):
        if not _WITH.search(title[: match.start()]):
            return True
    names = list(brand.aliases) + [k for keywords, _ in brand.products.values() for k in keywords]
    mentions = list(phrase_pattern(names).finditer(title))
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
    text = normalise(listing.text)
    vintage = bool(rules.vintage_pattern.search(text))
    used = vintage or bool(rules.used_pattern.search(text))
    if vintage:
        reference *= rules.vintage_factor
    elif used:
        reference *= rules.used_factor
    price = float(listing.price) * rate
    ratio = price / reference
    if ratio >= brand.price_ratio:
        return []
    strength = min(1.0, (brand.price_ratio - ratio) / max(brand.price_ratio - 0.1, 1e-6))
    state = " (vintage)" if vintage else " (used)" if used else ""
    what = f"{brand.name.title()} {kind or 'item'}{state}"
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
            brand.concern,
        )
    ]


def brand_vocabulary(listing: ListingText, rules: Rules) -> list[Signal]:
    """A brand's own coded terms (``vocabulary`` in brands.yaml), when the listing names it."""
    found = brand_product(listing, rules)
    if found is None or not found[0].vocabulary:
        return []
    brand = found[0]
    text = normalise(listing.text)
    terms = sorted({m.group(0) for m in phrase_pattern(list(brand.vocabulary)).finditer(text)})
    return [
        Signal(
            "brand_vocabulary",
            1.0,
            f"{brand.name.title()} coded term {t!r}",
            {"term": t},
            brand.concern,
        )
        for t in terms
    ]


def unsafe_when_counterfeit(
    listing: ListingText, rules: Rules, counterfeit: list[Signal]
) -> list[Signal]:
    """A product that is a safety risk when counterfeit (a charger, brake pads, a cosmetic)
    showing signs of being counterfeit: the strongest counterfeit signal carries over."""
    strong = [s for s in counterfeit if s.concern == "counterfeit" and s.role == EVIDENCE]
    if not strong:
        return []
    match = rules.concerns["unsafe"].when_counterfeit.search(normalise(listing.text))
    if match is None:
        return []
    weights = rules.weights
    best = max(strong, key=lambda s: weights.get(s.name, 0.0) * s.strength)
    strength = min(1.0, weights.get(best.name, 0.0) * best.strength / 0.65)
    return [
        Signal(
            "unsafe_counterfeit",
            strength,
            f"{match.group(0)!r} is a safety risk when counterfeit, and this listing shows "
            f"signs of being counterfeit ({best.reason})",
            {"product": match.group(0), "because": best.name},
            "unsafe",
        )
    ]


def text_signals(listing: ListingText, rules: Rules) -> list[Signal]:
    """Every signal that needs only the listing itself."""
    signals: list[Signal] = []
    for concern_rules in rules.concerns.values():
        signals += concern_terms(listing, concern_rules)
    signals += brand_vocabulary(listing, rules) + price_vs_reference(listing, rules)
    signals += unsafe_when_counterfeit(listing, rules, signals)
    return signals + wholesale(listing, rules) + seller_name(listing, rules)
