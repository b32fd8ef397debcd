"""Triage as exported reports show it: the score, its reasons, contacts, and that it is no proof."""

from __future__ import annotations

from evidence.records import ListingRecord
from evidence.triage import DISCLAIMER


def triage_rows(record: ListingRecord) -> list[tuple[str, object]]:
    """Label/value rows for a listing record of :func:`evidence.listings.case_listings`."""
    score = record.get("score")
    rows: list[tuple[str, object]] = [
        ("Suspicion score (triage)", "not scored" if score is None else f"{score:.2f}"),
    ]
    rows += [("Reason", reason) for reason in record.get("reasons", [])]
    rows += [(f"Contact ({c['kind']})", c["value"]) for c in record.get("contacts", [])]
    rows.append(("Note", DISCLAIMER))
    return rows
