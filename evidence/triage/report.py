"""Triage as exported reports show it: the scores, their reasons, contacts, and that it is no
proof."""

from __future__ import annotations

from evidence.records import ListingRecord
from evidence.triage import DISCLAIMER
from evidence.triage.rules import CONCERNS


def _contact(contact: dict[str, object]) -> str:
    text = str(contact["value"])
    if contact.get("valid") is False:
        text += " (a possible number, not in an allocated range)"
    if contact.get("public"):
        text += " (public: links no seller)"
    return text


def triage_rows(record: ListingRecord) -> list[tuple[str, object]]:
    """Label/value rows for a listing record of :func:`evidence.listings.case_listings`."""
    score = record.get("score")
    concern = record.get("concern")
    shown = "not scored" if score is None else f"{score:.2f}"
    if score is not None and concern:
        shown += f" ({concern})"
    rows: list[tuple[str, object]] = [("Suspicion score (triage)", shown)]
    if record.get("score_stale"):
        rows.append(
            ("Score status", "stale: made before the latest capture or with other signals; "
                             "`jasper listings` rescores it")
        )  # fmt: skip
    concerns = record.get("concerns") or {}
    if score is not None and concerns:
        rows.append(
            ("Scores by concern",
             ", ".join(f"{c} {concerns[c]['score']:.2f}" for c in CONCERNS if c in concerns))
        )  # fmt: skip
    rows += [("Reason", reason) for reason in record.get("reasons", [])]
    rows += [(f"Contact ({c['kind']})", _contact(c)) for c in record.get("contacts", [])]
    rows.append(("Note", DISCLAIMER))
    return rows
