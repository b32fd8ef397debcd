"""Combine a listing's signals into a suspicion score in [0, 1] with human-readable reasons.

``score = 1 - prod(1 - weight * strength)`` over every signal (a noisy OR): one signal alone
reaches at most its weight, independent signals reinforce each other, and the order of the
reasons is the order of their contributions. Weights live in ``triage.yaml``; each stored
score keeps its signals, the weights and the rules digest, so it can be explained and
recomputed (:func:`recompute`) later.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.db import Database
from evidence.models import Case, ListingScore
from evidence.triage.corpus import ContactCache, Corpus, ListingFacts, load_corpus
from evidence.triage.rules import Rules, load_rules, rules_key
from evidence.triage.signals import Signal, text_signals


@dataclass(frozen=True)
class Scored:
    """A listing's score, its reasons (strongest first) and the signals behind them."""

    listing_id: int
    capture_id: int | None
    score: float
    reasons: list[str]
    signals: list[Signal]
    contacts: list[dict[str, str]]
    inputs: dict[str, Any]


def combine(
    signals: Iterable[dict[str, Any]], weights: dict[str, float]
) -> tuple[float, list[str]]:
    """The noisy-OR score of stored signals, and their reasons ordered by contribution."""
    parts = []
    for signal in signals:
        contribution = max(0.0, min(1.0, weights.get(signal["name"], 0.0) * signal["strength"]))
        if contribution > 0:
            parts.append((contribution, signal["reason"]))
    parts.sort(key=lambda p: -p[0])
    score = 1.0 - math.prod(1.0 - c for c, _ in parts)
    return round(score, 4), [f"{reason} (+{c:.2f})" for c, reason in parts]


def recompute(row: ListingScore) -> tuple[float, list[str]]:
    """A stored score, recomputed from its stored signals and weights."""
    return combine(row.signals, row.inputs["weights"])


def contact_signals(facts: ListingFacts, corpus: Corpus) -> list[Signal]:
    """Off-platform contacts in the text, and contacts shared with other sellers."""
    if not facts.contacts:
        return []
    shown = ", ".join(f"{c.kind} {c.value}" for c in facts.contacts)
    signals = [
        Signal(
            "off_platform_contact",
            1.0,
            f"off-platform contact: {shown}",
            {"contacts": [c.as_json() for c in facts.contacts]},
        )
    ]
    shared: dict[str, list[str]] = {}
    for contact in facts.contacts:
        others = {
            str(corpus.listings[lid].seller)
            for lid, _ in corpus.by_value.get(contact.value, [])
            if corpus.listings[lid].seller != facts.seller
        }
        if others:
            shared[contact.value] = sorted(others)
    if shared:
        what = "; ".join(f"{v} also used by {', '.join(s)}" for v, s in shared.items())
        signals.append(Signal("shared_contact", 1.0, f"shared contact: {what}", {"shared": shared}))
    return signals


def image_signals(facts: ListingFacts, corpus: Corpus) -> list[Signal]:
    """Product images also used by another seller, or matching a brand's reference image."""
    reused: list[dict[str, Any]] = []
    reference: list[dict[str, Any]] = []
    for match in corpus.matches:
        if facts.owner not in (match.a.owner, match.b.owner):
            continue
        side = match.a if match.a.owner == facts.owner else match.b
        record = match.as_json(side)
        other = match.b if side is match.a else match.a
        if other.owner in corpus.references:
            reference.append(record | {"brand": corpus.references[other.owner][0]})
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
            )
        )
    return signals


def score_listing(
    facts: ListingFacts, corpus: Corpus, rules: Rules, text: list[Signal] | None = None
) -> Scored:
    """Every signal of one listing, combined (``text``: its text signals, if already known)."""
    if text is None:
        text = text_signals(facts.text, rules)
    signals = text + contact_signals(facts, corpus) + image_signals(facts, corpus)
    weights = rules.weights
    stored = [s.as_json() for s in signals]
    score, reasons = combine(stored, weights)
    inputs = {
        "listing": facts.text.as_json(),
        "seller": str(facts.seller),
        "images": [
            {"sha256": i.sha256, "phash": i.phash, "dhash": i.dhash, "source_url": i.source_url}
            for i in facts.images
        ],
        "weights": weights,
        "rules": {"digest": rules.digest, "sources": list(rules.sources)},
        "image_thresholds": list(rules.image_thresholds),
    }
    contacts = [c.as_json() for c in facts.contacts]
    return Scored(facts.listing_id, facts.capture_id, score, reasons, signals, contacts, inputs)


def latest_scores(session: Session, case_id: int) -> dict[int, ListingScore]:
    """The latest score row of every scored listing in a case."""
    rows = session.scalars(
        select(ListingScore).where(ListingScore.case_id == case_id).order_by(ListingScore.id)
    )
    return {row.listing_id: row for row in rows}


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

    def rescore(self, session: Session, case: Case) -> list[Scored]:
        """Score every listing of ``case``; insert rows for those whose result changed."""
        corpus, rules = self.corpus(session, case)
        previous = latest_scores(session, case.id)
        results = [
            score_listing(f, corpus, rules, self._text_signals(f, rules))
            for f in corpus.listings.values()
        ]
        for result in results:
            old = previous.get(result.listing_id)
            if old is not None and (
                old.capture_id == result.capture_id
                and old.score == result.score
                and old.reasons == result.reasons
                and old.contacts == result.contacts
                and old.rules_digest == rules.digest
            ):
                continue
            session.add(
                ListingScore(
                    case_id=case.id,
                    listing_id=result.listing_id,
                    capture_id=result.capture_id,
                    score=result.score,
                    reasons=result.reasons,
                    contacts=result.contacts,
                    signals=[s.as_json() for s in result.signals],
                    inputs=result.inputs,
                    rules_digest=rules.digest,
                )
            )
        session.flush()
        return results


class CaseScorer:
    """Rescores one case of a database, each time in its own transaction."""

    def __init__(self, db: Database, workdir: Path, case: str) -> None:
        self.db = db
        self.case = case
        self.triage = Triage(workdir)

    def rescore(self) -> int:
        """Rescore the case; the number of listings scored."""
        with self.db.transaction() as session:
            found = session.scalar(select(Case).where(Case.name == self.case))
            if found is None:
                raise LookupError(f"case {self.case!r} does not exist")
            return len(self.triage.rescore(session, found))
