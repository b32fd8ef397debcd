"""``jasper listings``: what a case holds, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import click

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    existing_case,
    open_workspace,
    operator_name,
    workdir_option,
)
from crawler.cli.report import console, listings_table
from evidence.custody import record_event
from evidence.listings import case_listings
from evidence.records import ListingRecord
from evidence.triage.rules import CONCERNS, RulesError
from evidence.triage.score import Triage
from evidence.verification.problems import printable

CSV_COLUMNS = (
    "url", "title", "price", "currency", "seller", "score", "concern", *CONCERNS, "keyword",
    "first_seen", "last_seen", "captures", "captured_at", "http_status", "status", "screenshot",
    "screenshot_sha256", "page_sha256", "warc", "warc_record_id",
)  # fmt: skip
SORTS = ("first_seen", "score", "concern", *CONCERNS)


def csv_row(listing: ListingRecord) -> dict[str, Any]:
    """One CSV row: the listing with its latest capture's evidence."""
    latest: Mapping[str, Any] = listing["captures"][-1] if listing["captures"] else {}
    row = {k: cast(Mapping[str, Any], listing).get(k) for k in CSV_COLUMNS} | {
        k: latest.get(k)
        for k in ("captured_at", "http_status", "status", "screenshot", "screenshot_sha256",
                  "page_sha256", "warc", "warc_record_id")
    }  # fmt: skip
    row["captures"] = len(listing["captures"])
    for concern in CONCERNS:
        row[concern] = concern_score(listing, concern)
    return row


def concern_score(listing: ListingRecord, concern: str) -> float | None:
    """A listing's score for one concern (None until it is scored)."""
    if listing.get("score") is None:
        return None
    found = listing.get("concerns", {}).get(concern)
    return float(found["score"]) if found else 0.0


def triage_queue(
    records: list[ListingRecord], concerns: tuple[str, ...], min_score: float | None, sort: str
) -> list[ListingRecord]:
    """Filter and order listings for review.

    With ``concerns``, only listings raising one of them are kept, and "score" means the
    highest of their scores for those concerns (for ``--min-score`` and ``--sort score``);
    otherwise it is the overall triage score.
    """

    def score(r: ListingRecord) -> float:
        if concerns:
            return max(concern_score(r, c) or 0.0 for c in concerns)
        return r.get("score") or 0.0

    if concerns:
        records = [r for r in records if any((concern_score(r, c) or 0.0) > 0 for c in concerns)]
    if min_score is not None:
        records = [r for r in records if r.get("score") is not None and score(r) >= min_score]
    if sort == "score":
        records.sort(key=lambda r: -score(r))
    elif sort in CONCERNS:
        records.sort(key=lambda r: -(concern_score(r, sort) or 0.0))
    elif sort == "concern":
        # Grouped by the concern driving each score (counterfeit, piracy, unsafe, none),
        # highest first within each group.
        order = {c: n for n, c in enumerate(CONCERNS)}
        records.sort(key=lambda r: (order.get(r.get("concern") or "", len(order)), -score(r)))
    return records


def flat_row(listing: ListingRecord) -> dict[str, Any]:
    """A listing with its latest capture's fields, for the table."""
    latest: Mapping[str, Any] = listing["captures"][-1] if listing["captures"] else {}
    return dict(listing) | {k: latest.get(k) for k in ("status", "screenshot", "warc")}


@click.command()
@case_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--concern",
    "concerns",
    type=click.Choice(CONCERNS),
    multiple=True,
    help="Only listings raising this concern (repeatable); --min-score and --sort score then "
    "use its score.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only listings whose suspicion score is at least this (triage, not proof).",
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="first_seen",
    show_default=True,
    help="Order: first seen; highest score first (the triage queue); grouped by the concern "
    "driving the score; or highest score for one concern first.",
)
@workdir_option
@db_option
def listings(
    case: str,
    fmt: str,
    concerns: tuple[str, ...],
    min_score: float | None,
    sort: str,
    workdir: Path | None,
    db_url: str | None,
) -> None:
    """Show a case's listings with every capture and the SHA-256 of its evidence.

    Triage scores are brought up to date first: a listing scored with other signal files,
    case overrides or reference images than today's is rescored before it is shown.
    """
    workspace = open_workspace(workdir, db_url)
    operator = operator_name()
    with workspace.db.transaction() as session:
        found = existing_case(workspace, session, case)
        triage = Triage(workspace.workdir)
        try:
            triage.ensure_fresh(session, found)
            version = triage.version(session, found)
        except RulesError as exc:
            raise JasperError(str(exc)) from None
        records = triage_queue(case_listings(session, found, version), concerns, min_score, sort)
        record_event(
            session,
            "view",
            operator,
            case_id=found.id,
            detail={"command": "listings", "format": fmt, "min_score": min_score, "sort": sort,
                    "concerns": list(concerns)},
        )  # fmt: skip
    if fmt == "json":
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        rows = (csv_row(r) for r in records)
        if sys.stdout.isatty():  # a terminal acts on control characters: show them escaped
            rows = ({k: printable(v) if isinstance(v, str) else v for k, v in row.items()}
                    for row in rows)  # fmt: skip
        writer.writerows(rows)
    else:
        out = console()
        out.print(listings_table([flat_row(r) for r in records], f"Case {case}"))
        out.print(f"{len(records)} listings. Paths are relative to {workspace.workdir}.")
    workspace.close()
