"""``jasper listing show``: everything recorded about one listing, read in a terminal."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.cells import cell_len
from sqlalchemy import select

from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    workdir_option,
)
from crawler.cli.views import price_text, score_text, terminal_width
from evidence.clock import rfc3339
from evidence.custody import record_event
from evidence.listings import case_listings
from evidence.models import Capture, Case, Listing
from evidence.records import CaptureRecord, ListingRecord, artefact_of
from evidence.review.decisions import ReviewState, state
from evidence.triage.rules import RulesError
from evidence.triage.score import Triage
from evidence.verification.problems import printable

ARTEFACTS = ("screenshot", "dom", "page", "warc", "tls_chain")
DETAILS = ("brand", "sku", "gtin", "mpn", "availability", "condition", "price_kind")


def parse_id(value: str) -> int:
    """A listing id as ``jasper listings`` shows it, or a one-line error."""
    try:
        listing_id = int(value)
    except ValueError:
        raise JasperError(
            f"a listing id is a number, as `jasper listings` shows; got {value!r}"
        ) from None
    if listing_id < 1:
        raise JasperError(f"no listing {listing_id}")
    return listing_id


LABELLED = re.compile(r"^\s*(?:- |\S+(?: \S+)?\s{2,})")  # "  - reason", "  seller url   x"


def wrap(line: str, width: int) -> str:
    """A line folded at spaces to ``width``, continuation lines hanging under its value;
    words longer than a line (paths, hashes, URLs) are kept whole for copying."""
    if cell_len(line) <= width or " " not in line.strip():
        return line
    label = LABELLED.match(line)
    hang = len(label.group(0)) if label else len(line) - len(line.lstrip())
    return textwrap.fill(
        line,
        width,
        subsequent_indent=" " * min(hang, width // 3),
        break_long_words=False,
        break_on_hyphens=False,
    )


def p(value: Any) -> str:
    """Page-derived text, escaped for the terminal; ``-`` when absent."""
    return "-" if value is None or value == "" else printable(str(value))


def field(label: str, value: Any) -> str:
    """``  label        value``, values aligned."""
    return f"  {label:<13}{value}"


def timestamp_line(capture: CaptureRecord) -> str:
    """Whether trusted time covers the capture, and from whom."""
    stamp = capture.get("timestamp")
    if not stamp:
        return "none (no time-stamp authority configured)"
    if stamp["status"] == "failed":
        return f"FAILED: {p(stamp['error'])}"
    return f"{stamp['status']} by {p(stamp['tsa'])} at {stamp['gen_time'] or '-'}"


def capture_lines(n: int, capture: CaptureRecord) -> Iterator[str]:
    """One capture: what it is, how it was found, its time-stamp, failed steps, artefacts."""
    status = capture["status"]
    flag = "" if status == "complete" else "  <-- " + status.upper()
    yield (
        f"  [{n}] capture {capture['id']} {capture['captured_at']}  {status}, "
        f"HTTP {capture['http_status'] or '-'}, {capture['kind']}{flag}"
    )
    yield f"      uuid         {capture['uuid']}"
    yield f"      url          {p(capture['final_url'] or capture['url'])}"
    if capture["search_page"]:
        yield (
            f"      found by     {p(capture['keyword'])!s} on {p(capture['search_page'])}, "
            f"rank {capture['rank'] if capture['rank'] is not None else '-'}"
        )
    yield f"      server IP    {capture['server_ip'] or '-'}"
    yield f"      time-stamp   {timestamp_line(capture)}"
    for error in capture["errors"]:
        yield f"      FAILED STEP  {p(error['step'])}: {p(error['error'])} ({error['at']})"
    for correction in capture.get("corrections") or []:
        yield f"      corrected    {correction['status']}: {p(correction['reason'])}"
    for note in capture["notes"]:
        yield f"      note         {p(note['step'])}: {p(note['note'])}"
    for kind in ARTEFACTS:
        path, digest = artefact_of(capture, kind)
        if path:
            yield f"      {kind:<12} sha256 {digest}"
            yield f"      {'':<12} {path}"


def review_lines(review: ReviewState) -> Iterator[str]:
    """Where the review stands: the current disposition, tags and every note."""
    yield "Review"
    if review.disposition:
        by = f" (by {p(review.decided_by)}, {rfc3339(review.decided_at)})"
        yield field("disposition", f"{p(review.disposition)}{by}")
    else:
        yield field("disposition", "none yet")
    yield field("tags", ", ".join(p(t) for t in sorted(review.tags)) or "-")
    for note in review.notes:
        yield field("note", f"{p(note.actor)} {rfc3339(note.at)}: {p(note.text)}")


def listing_lines(
    record: ListingRecord, case: str, others: list[int], review: ReviewState
) -> Iterator[str]:
    """Every field, the triage, contacts, seller and captures of one listing."""
    yield f"Listing {record['id']} (case {case})"
    yield field("title", p(record["title"]))
    yield field("url", p(record["url"]))
    yield field("price", price_text(record["price"], record["currency"]))
    yield field("seller", p(record["seller"]))
    for key in DETAILS:
        if record.get(key):
            yield field(key.replace("_", " "), p(record.get(key)))
    yield field("keyword", p(record["keyword"]))
    yield field("first seen", record["first_seen"] or "-")
    yield field("last seen", record["last_seen"] or "-")
    if record["images"]:
        yield field("images", f"{len(record['images'])}")
    if record["description"]:
        yield "  description"
        for line in record["description"].splitlines():
            if line.strip():
                yield f"    {printable(line.strip())}"
    stale = " (stale)" if record.get("score_stale") else ""
    concern = record.get("concern")
    yield ""
    yield (
        f"Score {score_text(record.get('score'))}{stale}"
        + (f", driven by {concern}" if concern else "")
        + " (triage, not proof)"
    )
    for reason in record.get("reasons") or []:
        yield f"  - {p(reason)}"
    for name, found in (record.get("concerns") or {}).items():
        if found["score"]:
            yield f"  {name}: {score_text(found['score'])}"
    yield ""
    contacts = record.get("contacts") or []
    yield f"Contacts ({len(contacts)})"
    for contact in contacts:
        marks = [
            m
            for m, on in (
                ("valid", contact.get("valid") is True),
                ("possible only", contact.get("valid") is False),
                ("public", contact.get("public")),
            )
            if on
        ]
        extra = f" ({', '.join(marks)})" if marks else ""
        yield f"  {contact.get('kind')}: {p(contact.get('value'))}{extra}"
    yield ""
    yield "Seller"
    yield field("name", p(record["seller"]))
    if record["seller_url"]:
        yield field("url", p(record["seller_url"]))
    yield field("also listed", ", ".join(map(str, others)) or "nothing else in this case")
    yield ""
    yield from review_lines(review)
    yield ""
    captures = record["captures"]
    yield f"Captures ({len(captures)}, oldest first; paths relative to the workdir)"
    for n, capture in enumerate(captures, 1):
        yield from capture_lines(n, capture)


def seller_listings(session: Any, case_id: int, seller: str | None, listing_id: int) -> list[int]:
    """The seller's other listings in the case (by the seller name captured)."""
    if not seller:
        return []
    found = session.scalars(
        select(Capture.listing_id)
        .where(
            Capture.case_id == case_id, Capture.seller == seller, Capture.listing_id.is_not(None)
        )
        .distinct()
    ).all()
    return sorted(i for i in found if i != listing_id)


@click.group()
def listing() -> None:
    """One listing: everything recorded about it."""


@listing.command("show")
@click.argument("listing_id", metavar="ID")
@click.option("--case", default=None, help="Check that the listing belongs to this case.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@workdir_option
@db_option
def show(
    listing_id: str, case: str | None, fmt: str, workdir: Path | None, db_url: str | None
) -> None:
    """Show one listing (the id `jasper listings` gives): fields, contacts, score and reasons,
    seller, and every capture with its hashes, time-stamp, HTTP status and failed steps.

    JSON has the keys of `jasper listings --format json`."""
    wanted = parse_id(listing_id)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            row = session.get(Listing, wanted)
            owner = session.get(Case, row.case_id) if row is not None else None
            if row is None or owner is None or (case is not None and owner.name != case):
                where = f" in case {case!r}" if case else ""
                raise JasperError(f"no listing {wanted}{where} in {workspace.workdir}")
            triage = Triage(workspace.workdir)
            try:
                triage.ensure_fresh(session, owner)
                version = triage.version(session, owner)
            except RulesError as exc:
                raise JasperError(str(exc)) from None
            (record,) = case_listings(session, owner, version, only=[wanted])
            others = seller_listings(session, owner.id, record["seller"], wanted)
            review = state(session, [wanted])[wanted]
            record_event(
                session,
                "view",
                operator_name(),
                case_id=owner.id,
                detail={"command": "listing show", "listing": wanted, "format": fmt},
            )
            case_name = owner.name
    finally:
        workspace.close()
    if fmt == "json":
        json.dump(record, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    width = terminal_width()
    for line in listing_lines(record, printable(case_name), others, review):
        click.echo(wrap(line, width))
