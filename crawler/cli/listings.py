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

CSV_COLUMNS = (
    "url", "title", "price", "currency", "seller", "score", "keyword", "first_seen", "last_seen",
    "captures", "captured_at", "http_status", "status", "screenshot", "screenshot_sha256",
    "page_sha256", "warc", "warc_record_id",
)  # fmt: skip


def csv_row(listing: ListingRecord) -> dict[str, Any]:
    """One CSV row: the listing with its latest capture's evidence."""
    latest: Mapping[str, Any] = listing["captures"][-1] if listing["captures"] else {}
    row = {k: cast(Mapping[str, Any], listing).get(k) for k in CSV_COLUMNS} | {
        k: latest.get(k)
        for k in ("captured_at", "http_status", "status", "screenshot", "screenshot_sha256",
                  "page_sha256", "warc", "warc_record_id")
    }  # fmt: skip
    row["captures"] = len(listing["captures"])
    return row


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
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only listings whose suspicion score is at least this (triage, not proof).",
)
@click.option(
    "--sort",
    type=click.Choice(["first_seen", "score"]),
    default="first_seen",
    show_default=True,
    help="Order: first seen, or highest suspicion score first (the triage queue).",
)
@workdir_option
@db_option
def listings(
    case: str,
    fmt: str,
    min_score: float | None,
    sort: str,
    workdir: Path | None,
    db_url: str | None,
) -> None:
    """Show a case's listings with every capture and the SHA-256 of its evidence."""
    workspace = open_workspace(workdir, db_url)
    operator = operator_name()
    with workspace.db.transaction() as session:
        found = existing_case(workspace, session, case)
        records = case_listings(session, found)
        if min_score is not None:
            records = [r for r in records if r["score"] is not None and r["score"] >= min_score]
        if sort == "score":
            records.sort(key=lambda r: -(r["score"] or 0.0))
        record_event(
            session,
            "view",
            operator,
            case_id=found.id,
            detail={"command": "listings", "format": fmt, "min_score": min_score, "sort": sort},
        )
    if fmt == "json":
        json.dump(records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(r) for r in records)
    else:
        out = console()
        out.print(listings_table([flat_row(r) for r in records], f"Case {case}"))
        out.print(f"{len(records)} listings. Paths are relative to {workspace.workdir}.")
    workspace.close()
