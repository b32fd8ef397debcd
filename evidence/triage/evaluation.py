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
