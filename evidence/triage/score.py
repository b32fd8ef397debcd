"""Combine a listing's signals into a score per concern and an overall triage score.

Each concern (counterfeit, piracy, unsafe) is scored with a noisy OR,
``1 - prod(1 - weight * strength)``, over the signals that raise it (``evidence``) and, once
it is raised, the signals that support it (reference images for counterfeits) or any concern
(off-platform and shared contacts, reused images, wholesale language, the seller's name). A
concern with no evidence scores 0. The overall score is the highest concern score, and that
concern drives it; a listing with only concern-neutral signals gets their noisy OR and no
concern. Reasons are ordered by contribution, the driving concern's first.

Weights live in ``triage.yaml``. Each stored score keeps its signals, the weights and the
version (digest) of the signals it used (the rules, the reference images and the scoring
algorithm), so it can be explained, recomputed (:func:`recompute`) and known to be stale.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.db import Database
from evidence.models import Capture, Case, Listing, ListingScore, ReferenceImage
from evidence.triage.contacts import FAMILY, Contact
from evidence.triage.corpus import ContactCache, Corpus, ListingFacts, load_corpus
from evidence.triage.rules import CONCERNS, Rules, load_rules, rules_key
from evidence.triage.signals import EVIDENCE, SUPPORT, Signal, text_signals

# Bump when the scoring code changes what a score means: every stored score becomes stale.
ALGORITHM = "2"
LINK_MIN = 0.5  # a linked seller's concern score that carries over a shared contact


@dataclass(frozen=True)
class Combined:
    """A listing's overall score, the concern driving it, its reasons, and each concern's."""

    score: float
    concern: str | None
    reasons: list[str]
    concerns: dict[str, dict[str, Any]]  # concern -> {"score": float, "reasons": [str]}


@dataclass(frozen=True)
class Scored:
    """A listing's scores, reasons (strongest first) and the signals behind them."""

    listing_id: int
    capture_id: int | None
    score: float
    concern: str | None
    reasons: list[str]
    concerns: dict[str, dict[str, Any]]
    signals: list[Signal]
    contacts: list[dict[str, Any]]
    inputs: dict[str, Any]


def _noisy_or(parts: Iterable[tuple[float, str]]) -> tuple[float, list[tuple[float, str]]]:
    best: dict[str, float] = {}
    for contribution, reason in parts:
        best[reason] = max(contribution, best.get(reason, 0.0))
    ordered = sorted(((c, r) for r, c in best.items()), key=lambda p: -p[0])
    return round(1.0 - math.prod(1.0 - c for c, _ in ordered), 4), ordered


def _shown(parts: list[tuple[float, str]]) -> list[str]:
    return [f"{reason} (+{c:.2f})" for c, reason in parts]


def combine_concerns(signals: Iterable[dict[str, Any]], weights: dict[str, float]) -> Combined:
    """Score stored signals: per concern, then overall (see the module docstring)."""
    evidence: dict[str, list[tuple[float, str]]] = defaultdict(list)
    support: dict[str, list[tuple[float, str]]] = defaultdict(list)
    neutral: list[tuple[float, str]] = []
    for signal in signals:
        weight = weights.get(signal["name"], 0.0)
        contribution = max(0.0, min(1.0, weight * signal["strength"]))
        if contribution <= 0:
            continue
        part = (contribution, signal["reason"])
        concern = signal.get("concern")
        if concern is None:
            neutral.append(part)
        elif signal.get("role", EVIDENCE) == SUPPORT:
            support[concern].append(part)
        else:
            evidence[concern].append(part)
    concerns: dict[str, dict[str, Any]] = {}
    ordered: dict[str, list[tuple[float, str]]] = {}
    for concern in CONCERNS:
        if not evidence[concern]:
            concerns[concern] = {"score": 0.0, "reasons": []}
            continue
        score, parts = _noisy_or(evidence[concern] + support[concern] + neutral)
        concerns[concern] = {"score": score, "reasons": _shown(parts)}
        ordered[concern] = parts
    raised = [c for c in CONCERNS if concerns[c]["score"] > 0]
    if not raised:
        score, parts = _noisy_or(neutral)
        return Combined(score, None, _shown(parts), concerns)
    driver = max(raised, key=lambda c: (concerns[c]["score"], -CONCERNS.index(c)))
    reasons = list(concerns[driver]["reasons"])
    others = sorted((p for c in raised if c != driver for p in ordered[c]), key=lambda p: -p[0])
    seen = {r for _, r in ordered[driver]}
    for contribution, reason in others:
        if reason not in seen:
            seen.add(reason)
            reasons.append(f"{reason} (+{contribution:.2f})")
    return Combined(concerns[driver]["score"], driver, reasons, concerns)


def combine(
    signals: Iterable[dict[str, Any]], weights: dict[str, float]
) -> tuple[float, list[str]]:
    """The overall score of stored signals and its reasons."""
    combined = combine_concerns(signals, weights)
    return combined.score, combined.reasons


def recompute(row: ListingScore) -> Combined:
    """A stored score, recomputed from its stored signals and weights."""
    return combine_concerns(row.signals, row.inputs["weights"])


def references_digest(session: Session) -> str:
    """SHA-256 over the reference library: any added image changes it."""
    rows = session.execute(
        select(ReferenceImage.id, ReferenceImage.brand, ReferenceImage.digest_hex).order_by(
            ReferenceImage.id
        )
    ).all()
    blob = "\n".join(f"{i}\t{b}\t{d}" for i, b, d in rows).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def signals_version(rules: Rules, references: str) -> dict[str, str]:
    """The version of the signals a score uses: rules, reference images and algorithm."""
    blob = f"{ALGORITHM}\n{rules.digest}\n{references}".encode()
    return {
        "digest": hashlib.sha256(blob).hexdigest(),
        "rules": rules.digest,
        "references": references,
        "algorithm": ALGORITHM,
    }


_MESSENGERS = frozenset({"whatsapp", "signal", "viber"})


def _contact_class(contact: Contact) -> str:
    """How strongly a contact takes the buyer off the platform: messenger, payment, phone,
    email or web."""
    family = contact.family
    if contact.kind in _MESSENGERS or family == "handle":
        return "messenger"
    return {"domain": "web"}.get(family, family)


def _describe(contact: Contact) -> str:
    text = f"{contact.kind} {contact.value}"
    if contact.valid is False and FAMILY.get(contact.kind) == "phone":
        text += " (a possible number, not in an allocated range)"
    return text


def contact_signals(facts: ListingFacts, corpus: Corpus, rules: Rules) -> list[Signal]:
    """Off-platform contacts in the text, and contacts shared with other sellers."""
    own = [c for c in facts.contacts if not c.public]
    if not own:
        return []
    strengths = rules.contact_strengths
    strength = max(strengths.get(_contact_class(c), 1.0) for c in own)
    signals = [
        Signal(
            "off_platform_contact",
            strength,
            f"off-platform contact: {', '.join(_describe(c) for c in own)}",
            {"contacts": [c.as_json() for c in own]},
            None,
            SUPPORT,
        )
    ]
    shared: dict[str, list[str]] = {}
    for contact in own:
        others = _other_sellers(facts, corpus, contact.link_key)
        if others:
            shared[f"{contact.kind} {contact.value}"] = sorted(str(s) for s in others)
    if shared:
        what = "; ".join(f"{v} also used by {', '.join(s)}" for v, s in shared.items())
        signals.append(
            Signal(
                "shared_contact", 1.0, f"shared contact: {what}", {"shared": shared}, None, SUPPORT
            )
        )
    return signals


def _other_sellers(facts: ListingFacts, corpus: Corpus, key: str) -> set[Any]:
    return {
        corpus.listings[lid].seller
        for lid, _ in corpus.by_value.get(key, [])
        if corpus.listings[lid].seller != facts.seller
    }


def official_images(corpus: Corpus) -> dict[tuple[str, str], str]:
    """(owner, SHA-256) of every listing image matching a brand's official image -> brand."""
    found = {}
    for match in corpus.matches:
        for side, other in ((match.a, match.b), (match.b, match.a)):
            if other.owner in corpus.references and not side.owner.startswith("reference:"):
                found[(side.owner, side.sha256)] = corpus.references[other.owner][0]
    return found


def image_signals(facts: ListingFacts, corpus: Corpus, official: dict[tuple[str, str], str]
                  ) -> list[Signal]:  # fmt: skip
    """Product images also used by another seller, or matching a brand's official image.

    An official image is used by honest resellers too: it is never reuse, and it only
    supports a counterfeit concern the listing already raises.
    """
    reused: list[dict[str, Any]] = []
    reference: list[dict[str, Any]] = []
    for match in corpus.matches:
        if facts.owner not in (match.a.owner, match.b.owner):
            continue
        side = match.a if match.a.owner == facts.owner else match.b
        other = match.b if side is match.a else match.a
        record = match.as_json(side)
        if other.owner in corpus.references:
            reference.append(record | {"brand": corpus.references[other.owner][0]})
        elif (side.owner, side.sha256) in official or (other.owner, other.sha256) in official:
            continue
        elif (listing := corpus.owner_listing(other.owner)) and listing.seller != facts.seller:
            reused.append(record | {"seller": str(listing.seller), "url": listing.url})
    signals = []
    if reused:
        kinds = sorted({r["kind"] for r in reused})
        sellers = sorted({r["seller"] for r in reused})
        signals.append(
            Signal(
                "image_reused",
                1.0,
                f"image {'/'.join(kinds)} match with listings of {', '.join(sellers)}",
                {"matches": reused},
                None,
                SUPPORT,
            )
        )
    if reference:
        brands = sorted({r["brand"] for r in reference})
        kinds = sorted({r["kind"] for r in reference})
        signals.append(
            Signal(
                "reference_image",
                1.0,
                f"image {'/'.join(kinds)} match with official {', '.join(brands)} reference image",
                {"matches": reference},
                "counterfeit",
                SUPPORT,
            )
        )
    return signals


def network_signals(
    facts: ListingFacts, corpus: Corpus, first: dict[int, Combined]
) -> list[Signal]:
    """A contact shared with another seller whose listing scores high for a concern: the
    concern carries over, as strong as that listing's score."""
    best: dict[str, tuple[float, str, ListingFacts]] = {}
    for contact in facts.contacts:
        if contact.public:
            continue
        for lid, _ in corpus.by_value.get(contact.link_key, []):
            other = corpus.listings[lid]
            if other.seller == facts.seller or lid not in first:
                continue
            for concern, result in first[lid].concerns.items():
                score = result["score"]
                if score >= LINK_MIN and score > best.get(concern, (0.0,))[0]:
                    best[concern] = (score, f"{contact.kind} {contact.value}", other)
    return [
        Signal(
            "network_link",
            score,
            f"shares {what} with {other.seller}, whose listing {other.text.title!r} scores "
            f"{score:.2f} for {concern}",
            {"via": what, "seller": str(other.seller), "listing": other.listing_id, "score": score},
            concern,
        )
        for concern, (score, what, other) in sorted(best.items())
    ]


def score_all(
    corpus: Corpus,
    rules: Rules,
    references: str = "",
    text: dict[int, list[Signal]] | None = None,
) -> dict[int, Scored]:
    """Score every listing of a corpus (``text``: text signals already known, by listing)."""
    weights = rules.weights
    official = official_images(corpus)
    version = signals_version(rules, references)
    own: dict[int, list[Signal]] = {}
    for lid, facts in corpus.listings.items():
        known = text.get(lid) if text is not None else None
        own[lid] = (known if known is not None else text_signals(facts.text, rules)) + (
            contact_signals(facts, corpus, rules) + image_signals(facts, corpus, official)
        )
    # First pass without the network, so a listing's score can carry over to linked sellers.
    first = {lid: combine_concerns((s.as_json() for s in sig), weights) for lid, sig in own.items()}
    results = {}
    for lid, facts in corpus.listings.items():
        signals = own[lid] + network_signals(facts, corpus, first)
        stored = [s.as_json() for s in signals]
        combined = combine_concerns(stored, weights)
        inputs = {
            "listing": facts.text.as_json(),
            "seller": str(facts.seller),
            "images": [
                {"sha256": i.sha256, "phash": i.phash, "dhash": i.dhash, "source_url": i.source_url}
                for i in facts.images
            ],
            "weights": weights,
            "rules": {"digest": rules.digest, "sources": list(rules.sources)},
            "signals": version,
            "image_thresholds": list(rules.image_thresholds),
        }
        results[lid] = Scored(
            lid, facts.capture_id, combined.score, combined.concern, combined.reasons,
            combined.concerns, signals, [c.as_json() for c in facts.contacts], inputs,
        )  # fmt: skip
    return results


def score_listing(facts: ListingFacts, corpus: Corpus, rules: Rules) -> Scored:
    """One listing of a corpus, scored (the whole corpus is scored: links need it)."""
    return score_all(corpus, rules)[facts.listing_id]


def latest_scores(session: Session, case_id: int) -> dict[int, ListingScore]:
    """The latest score row of every scored listing in a case."""
    rows = session.scalars(
        select(ListingScore).where(ListingScore.case_id == case_id).order_by(ListingScore.id)
    )
    return {row.listing_id: row for row in rows}


def latest_captures(session: Session, case_id: int) -> dict[int, int]:
    """Listing id -> its latest capture with product data (what triage reads)."""
    rows = session.execute(
        select(Capture.listing_id, Capture.id)
        .join(Listing, Listing.id == Capture.listing_id)
        .where(Listing.case_id == case_id, Capture.title.is_not(None))
        .order_by(Capture.captured_at, Capture.id)
    ).all()
    return {lid: cid for lid, cid in rows if lid is not None}


def stale(row: ListingScore | None, capture_id: int | None, version: dict[str, str]) -> bool:
    """A score made before the listing's latest capture or with other signals than ``version``
    (where ``version`` lacks the rules digest, only references and algorithm are compared)."""
    if row is None:
        return capture_id is not None
    if capture_id is not None and row.capture_id != capture_id:
        return True
    used = (row.inputs or {}).get("signals") or {}
    if "digest" in version:
        return row.signals_digest != version["digest"]
    return any(used.get(k) != v for k, v in version.items())


class Triage:
    """Scores a case's listings and stores a new score row whenever a result changes."""

    def __init__(self, workdir: Path | None) -> None:
        self.workdir = workdir
        self.contacts = ContactCache()
        self._rules: dict[str, tuple[tuple[tuple[str, int], ...], Rules]] = {}
        # A capture's text never changes: its text signals depend only on the rules.
        self._text: dict[tuple[int, str], list[Signal]] = {}

    def rules(self, case: str) -> Rules:
        """The case's rules, reread only when an override file changes."""
        key = rules_key(self.workdir, case)
        cached = self._rules.get(case)
        if cached is None or cached[0] != key:
            cached = (key, load_rules(self.workdir, case))
            self._rules[case] = cached
        return cached[1]

    def _text_signals(self, facts: ListingFacts, rules: Rules) -> list[Signal]:
        if facts.capture_id is None:
            return text_signals(facts.text, rules)
        key = (facts.capture_id, rules.digest)
        if key not in self._text:
            self._text[key] = text_signals(facts.text, rules)
        return self._text[key]

    def corpus(self, session: Session, case: Case) -> tuple[Corpus, Rules]:
        rules = self.rules(case.name)
        return load_corpus(session, case.id, rules, self.contacts), rules

    def version(self, session: Session, case: Case) -> dict[str, str]:
        """The version of the signals this case is scored with now."""
        return signals_version(self.rules(case.name), references_digest(session))

    def is_fresh(self, session: Session, case: Case) -> bool:
        """Every listing with product data has a score made with today's signals."""
        version = self.version(session, case)
        scores = latest_scores(session, case.id)
        captures = latest_captures(session, case.id)
        return not any(
            stale(scores.get(lid), cid, version) for lid, cid in captures.items()
        ) and all(lid in captures for lid in scores)

    def ensure_fresh(self, session: Session, case: Case) -> int:
        """Rescore the case if any score is stale; the number of listings rescored."""
        if self.is_fresh(session, case):
            return 0
        return len(self.rescore(session, case))

    def rescore(self, session: Session, case: Case) -> list[Scored]:
        """Score every listing of ``case``; insert rows for those whose result changed."""
        corpus, rules = self.corpus(session, case)
        references = references_digest(session)
        text = {lid: self._text_signals(f, rules) for lid, f in corpus.listings.items()}
        results = list(score_all(corpus, rules, references, text).values())
        previous = latest_scores(session, case.id)
        for result in results:
            version = result.inputs["signals"]
            old = previous.get(result.listing_id)
            if old is not None and (
                old.capture_id == result.capture_id
                and old.score == result.score
                and old.reasons == result.reasons
                and old.concern == result.concern
                and old.concerns == result.concerns
                and old.contacts == result.contacts
                and old.signals_digest == version["digest"]
            ):
                continue
            session.add(
                ListingScore(
                    case_id=case.id,
                    listing_id=result.listing_id,
                    capture_id=result.capture_id,
                    score=result.score,
                    concern=result.concern,
                    concerns=result.concerns,
                    reasons=result.reasons,
                    contacts=result.contacts,
                    signals=[s.as_json() for s in result.signals],
                    inputs=result.inputs,
                    rules_digest=rules.digest,
                    signals_digest=version["digest"],
                )
            )
        session.flush()
        return results


def rescore_all(session: Session, workdir: Path | None) -> tuple[int, int]:
    """Rescore every case of a database (after the reference library changed):
    (cases, listings scored)."""
    triage = Triage(workdir)
    cases = session.scalars(select(Case).order_by(Case.id)).all()
    scored = sum(len(triage.rescore(session, case)) for case in cases)
    return len(cases), scored


class CaseScorer:
    """Rescores one case of a database, each time in its own transaction."""

    def __init__(self, db: Database, workdir: Path, case: str) -> None:
        self.db = db
        self.case = case
        self.triage = Triage(workdir)

    def prepare(self) -> None:
        """Read the case's rules and compile their patterns ahead of the first rescoring."""
        self.triage.rules(self.case).compile_patterns()

    def rescore(self) -> int:
        """Rescore the case; the number of listings scored."""
        with self.db.transaction() as session:
            found = session.scalar(select(Case).where(Case.name == self.case))
            if found is None:
                raise LookupError(f"case {self.case!r} does not exist")
            return len(self.triage.rescore(session, found))
