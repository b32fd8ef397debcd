"""How well the suspicion score separates labelled counterfeit from genuine listings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Evaluation:
    """ROC AUC of the score, and precision/recall when flagging at ``threshold``."""

    n: int
    positives: int
    threshold: float
    roc_auc: float
    precision: float
    recall: float
    f1: float
    true_positives: int
    false_positives: int
    false_negatives: int

    def as_json(self) -> dict[str, Any]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def roc_auc(scores: list[float], labels: list[bool]) -> float:
    """The chance a random counterfeit outscores a random genuine listing (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        raise ValueError("ROC AUC needs both counterfeit and genuine listings")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def evaluate(scored: Iterable[tuple[float, bool]], threshold: float = 0.5) -> Evaluation:
    """Evaluate ``(score, counterfeit)`` pairs."""
    pairs = list(scored)
    scores = [s for s, _ in pairs]
    labels = [y for _, y in pairs]
    tp = sum(1 for s, y in pairs if y and s >= threshold)
    fp = sum(1 for s, y in pairs if not y and s >= threshold)
    fn = sum(1 for s, y in pairs if y and s < threshold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(
        n=len(pairs),
        positives=sum(labels),
        threshold=threshold,
        roc_auc=roc_auc(scores, labels),
        precision=precision,
        recall=recall,
        f1=f1,
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
    )


# --- the multi-concern corpus: concerns, contacts, seller networks ----------------------------

Seller = tuple[str, str]  # (site, name)


@dataclass(frozen=True)
class Expected:
    """What a perfect triage finds for one labelled listing."""

    key: str
    concerns: frozenset[str]  # empty: genuine
    contacts: frozenset[tuple[str, str]]  # (kind, value)
    seller: Seller
    network: str | None


@dataclass(frozen=True)
class ConcernFigures:
    """How one concern's listings separate from the genuine ones."""

    concern: str
    listings: int
    genuine: int
    roc_auc: float  # by the concern's own score
    roc_auc_overall: float  # by the overall score
    flagged: int  # concern score >= 0.5
    silent: list[str]  # listings of this concern with no reason at all
    top_genuine: list[tuple[str, float]]  # the genuine listings scoring highest for it


def concern_figures(
    records: dict[str, dict[str, Any]], expected: list[Expected], concerns: tuple[str, ...]
) -> list[ConcernFigures]:
    """Per concern: ROC AUC of its listings against the genuine ones."""
    genuine = [e for e in expected if not e.concerns]
    found = []
    for concern in concerns:
        pos = [e for e in expected if concern in e.concerns]
        both = pos + genuine
        labels = [e in pos for e in both]

        def own(e: Expected, concern: str = concern) -> float:
            return float(records[e.key]["concerns"][concern]["score"])

        overall = [float(records[e.key]["score"] or 0.0) for e in both]
        ranked = sorted(((e.key, own(e)) for e in genuine), key=lambda x: -x[1])
        found.append(
            ConcernFigures(
                concern=concern,
                listings=len(pos),
                genuine=len(genuine),
                roc_auc=roc_auc([own(e) for e in both], labels),
                roc_auc_overall=roc_auc(overall, labels),
                flagged=sum(own(e) >= 0.5 for e in pos),
                silent=[e.key for e in pos if not records[e.key]["reasons"]],
                top_genuine=[r for r in ranked[:3] if r[1] > 0],
            )
        )
    return found


@dataclass(frozen=True)
class ContactFigures:
    """Contacts found against those expected."""

    expected: int
    exact: int  # right kind and value
    value_only: int  # right value, any kind
    missed: list[tuple[str, str, str]]  # (listing, kind, value)
    false: list[tuple[str, str, str]]  # found, not expected


def contact_figures(
    found: dict[str, set[tuple[str, str]]], expected: list[Expected]
) -> ContactFigures:
    """Compare the contacts found per listing ((kind, value), kinds as the corpus names
    them) with the expected ones."""
    total = exact = value_only = 0
    missed, false = [], []
    for e in expected:
        got = found.get(e.key, set())
        values = {v for _, v in got}
        for kind, value in sorted(e.contacts):
            total += 1
            exact += (kind, value) in got
            value_only += value in values
            if value not in values:
                missed.append((e.key, kind, value))
        wanted = {v for _, v in e.contacts}
        false += [(e.key, k, v) for k, v in sorted(got) if v not in wanted]
    return ContactFigures(total, exact, value_only, missed, false)


@dataclass(frozen=True)
class NetworkFigures:
    """Seller clusters against the expected networks."""

    networks: int
    exact: int  # networks found as one cluster, nothing more
    cross_site_pairs: int
    cross_site_linked: int
    clustered_outsiders: list[list[Seller]]  # clusters holding a seller of no network
    merged: int  # clusters holding sellers of two networks


def network_figures(clusters: list[set[Seller]], expected: list[Expected]) -> NetworkFigures:
    """Compare clusters of sellers (site, name) with the expected seller networks."""
    networks: dict[str, set[Seller]] = {}
    for e in expected:
        if e.network:
            networks.setdefault(e.network, set()).add(e.seller)
    member = {s: n for n, sellers in networks.items() for s in sellers}
    pairs = {
        frozenset((a, b))
        for sellers in networks.values()
        for a in sellers
        for b in sellers
        if a[0] != b[0]
    }
    linked = {p for p in pairs if any(p <= c for c in clusters)}
    return NetworkFigures(
        networks=len(networks),
        exact=sum(any(c == s for c in clusters) for s in networks.values()),
        cross_site_pairs=len(pairs),
        cross_site_linked=len(linked),
        clustered_outsiders=[sorted(c) for c in clusters if any(s not in member for s in c)],
        merged=sum(len({member.get(s) for s in c} - {None}) > 1 for c in clusters),
    )
