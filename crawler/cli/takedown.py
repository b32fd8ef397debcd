"""``jasper takedown``: listings reported to the platform, and whether they came down."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    existing_case,
    open_workspace,
    operator_name,
    operator_option,
    workdir_option,
)
from crawler.cli.views import Col, fitted_table, safe, terminal, terminal_width
from evidence.clock import rfc3339
from evidence.custody import record_event
from evidence.listings import listing_labels
from evidence.models import Listing
from evidence.models.base import utcnow
from evidence.watch.takedown import (
    TakedownError,
    add_takedowns,
    report_csv,
    report_pdf,
    takedown_report,
)


@click.group()
def takedown() -> None:
    """Takedowns: mark listings as reported; nightly re-checks show if they came down."""


@takedown.command("add")
@case_option
@click.argument("urls", nargs=-1, required=True)
@click.option("--reference", default=None, help="The platform's report or ticket reference.")
@workdir_option
@db_option
@operator_option
def add(
    case: str,
    urls: tuple[str, ...],
    reference: str | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Mark listings (by URL) as reported to the platform."""
    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            case_row = existing_case(workspace, session, case)
            added = add_takedowns(session, case_row, list(urls), reference, who)
    except TakedownError as exc:
        raise JasperError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(f"{len(added)} listing(s) of case {case!r} marked as reported.")


def report_labels(
    session: Session, case_id: int, rows: list[dict[str, Any]]
) -> dict[str, tuple[str, str | None]]:
    """The latest title and seller captured for each reported URL (the report's own are
    those its last check saw, which a listing taken down no longer has)."""
    urls = {row["url"] for row in rows}
    query = select(Listing.url, Listing.id).where(Listing.case_id == case_id, Listing.url.in_(urls))
    ids = {url: listing_id for url, listing_id in session.execute(query)}
    labels = listing_labels(session, ids.values())
    return {url: labels[i] for url, i in ids.items() if i in labels}


def print_report(
    rows: list[dict[str, Any]],
    case: str,
    labels: dict[str, tuple[str, str | None]],
    out: Console | None = None,
) -> None:
    """One line per takedown: listing title, seller, status, when reported and checked."""
    table = fitted_table(
        f"Takedowns of case {case}",
        [Col("status"), Col("title", ratio=4), Col("seller", ratio=2), Col("reference", ratio=1),
         Col("reported"), Col("checked"), Col("HTTP", justify="right")],
    )  # fmt: skip
    for row in rows:
        removed = row["status"] == "verified removed"
        table.add_row(
            Text(row["status"], style="green" if removed else "bold"),
            safe(row["title"] or labels.get(row["url"], ("",))[0] or row["url"]),
            safe(row["seller"] or labels.get(row["url"], ("", None))[1]),
            safe(row["reference"]),
            (row["reported_at"] or "-")[:10],
            (row["checked_at"] or "-")[:10],
            str(row["http_status"] or "-"),
        )
    out = out or terminal()
    out.print(table)
    out.print(f"{len(rows)} takedowns. Captures and hashes: --format json, csv or pdf.")


@takedown.command("report")
@case_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "pdf"]),
    default="table",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (required for PDF; default: standard output).",
)
@workdir_option
@db_option
@operator_option
def report(
    case: str,
    fmt: str,
    output: Path | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """The takedown list for the platform or the brand: still live or verified removed."""
    if fmt == "pdf" and output is None:
        raise JasperError("--format pdf needs --output FILE")
    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            case_row = existing_case(workspace, session, case)
            rows = takedown_report(session, case_row)
            labels = report_labels(session, case_row.id, rows) if fmt == "table" else {}
            record_event(
                session,
                "takedown-report",
                who,
                case_id=case_row.id,
                detail={
                    "format": fmt,
                    "output": str(output) if output else None,
                    "rows": len(rows),
                },
            )
    finally:
        workspace.close()
    if fmt == "table" and output is None:
        print_report(rows, case, labels)
        return
    if fmt == "pdf":
        assert output is not None
        report_pdf(rows, case, output, rfc3339(utcnow()) or "")
        click.echo(f"Takedown report for case {case!r}: {output}")
        return
    if fmt == "table":
        assert output is not None
        with output.open("w", encoding="utf-8") as handle:
            console = Console(file=handle, width=terminal_width(), highlight=False)
            print_report(rows, case, labels, console)
        click.echo(f"Takedown report for case {case!r}: {output}")
        return
    text = report_csv(rows) if fmt == "csv" else json.dumps(rows, indent=2, ensure_ascii=False)
    if output is None:
        click.echo(text, nl=fmt != "csv")
    else:
        output.write_text(text if fmt == "csv" else text + "\n", encoding="utf-8")
        click.echo(f"Takedown report for case {case!r}: {output}")
