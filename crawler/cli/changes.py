"""``jasper changes``: a case's listing lifecycle events (new, changed, removed, returned)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    existing_case,
    open_workspace,
    workdir_option,
)
from crawler.cli.views import Col, fitted_table, safe, terminal
from evidence.listings import listing_labels
from evidence.watch.changes import CHANGE_EVENTS, case_events


def parse_since(value: str | None) -> datetime | None:
    """A date or RFC 3339 time; naive values are taken as UTC."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise JasperError(f"--since takes a date or time like 2026-11-22, got {value!r}") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def changes_table(
    events: list[dict[str, Any]], labels: dict[int, tuple[str, str | None]], case: str
) -> Table:
    """One line per event: when, what, the listing (id and title), what changed."""
    table = fitted_table(
        f"Changes in case {case}",
        [Col("at"), Col("event"), Col("id", justify="right"), Col("title", ratio=3),
         Col("what changed", ratio=3), Col("HTTP", justify="right"), Col("capture")],
    )  # fmt: skip
    for e in events:
        capture = e["capture"] or {}
        fields = "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in e["fields"].items())
        table.add_row(
            (e["at"] or "-")[:16].replace("T", " "),
            e["event"],
            str(e["listing_id"]),
            safe(capture.get("title") or labels.get(e["listing_id"], ("",))[0] or e["url"]),
            safe(fields or e["detail"].get("why", "")),
            str(capture.get("http_status") or "-"),
            str(capture.get("id") or "-"),
        )
    return table


@click.command()
@case_option
@click.option("--since", default=None, help="Only events at or after this date/time (UTC).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--unchanged", is_flag=True, help="Include still-present checks and failed checks.")
@workdir_option
@db_option
def changes(
    case: str,
    since: str | None,
    fmt: str,
    unchanged: bool,
    workdir: Path | None,
    db_url: str | None,
) -> None:
    """Show what watchlists saw happen to a case's listings, with the evidencing captures."""
    when = parse_since(since)
    kinds = (*CHANGE_EVENTS, "unchanged", "failed") if unchanged else CHANGE_EVENTS
    workspace = open_workspace(workdir, db_url)
    with workspace.db.session() as session:
        case_row = existing_case(workspace, session, case)
        events = case_events(session, case_row.id, since=when, kinds=kinds)
        labels = listing_labels(session, [e["listing_id"] for e in events])
    workspace.close()
    if fmt == "json":
        click.echo(json.dumps(events, indent=2, ensure_ascii=False))
        return
    table = changes_table(events, labels, case)
    out = terminal()
    out.print(table)
    out.print(
        f"{len(events)} events. A listing: jasper listing show ID; URLs and hashes: --format json."
    )
