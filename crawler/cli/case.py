"""``jasper case``: authorisations for covert monitoring held on a case."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import click
from sqlalchemy import select

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
from evidence.authorisation import authorise, current, is_required, set_required
from evidence.clock import rfc3339
from evidence.models import Authorisation
from evidence.models.base import utcnow


def parse_when(value: str, option: str, *, end_of_day: bool) -> datetime:
    """A date (``2027-03-31``: the whole day, UTC) or an RFC 3339 time with its offset."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            if end_of_day:
                day += timedelta(days=1)  # valid through the date given
            return datetime.combine(day, time(), UTC)
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise JasperError(f"{option} must be a date (YYYY-MM-DD) or RFC 3339 time") from None
    if when.tzinfo is None:
        raise JasperError(f"{option} {value!r} has no UTC offset; add Z or +01:00")
    return when.astimezone(UTC)


@click.group()
def case() -> None:
    """Cases: what each holds; authorisations for covert monitoring of people (e.g. RIPA)."""


@case.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@workdir_option
@db_option
def cases_command(fmt: str, workdir: Path | None, db_url: str | None) -> None:
    """Every case with its listings, captures, confirmed listings, failed steps and last run.

    Confirmed listings have the first configured disposition ("suspected counterfeit" unless
    JASPER_DISPOSITIONS says otherwise)."""
    from crawler.cli.views import Col, fitted_table, safe, terminal
    from evidence.case_summary import case_summaries
    from evidence.review.decisions import configured_dispositions

    workspace = open_workspace(workdir, db_url)
    confirmed = configured_dispositions()[0]
    try:
        with workspace.db.session() as session:
            summaries = case_summaries(session, confirmed)
    finally:
        workspace.close()
    if fmt == "json":
        click.echo(json.dumps([s.as_json() for s in summaries], indent=2, ensure_ascii=False))
        return
    table = fitted_table(
        f"Cases in {workspace.workdir}",
        [Col("case", ratio=1), Col("listings", justify="right"),
         Col("captures", justify="right"), Col("confirmed", justify="right"),
         Col("failed steps", justify="right"), Col("last run (UTC)"), Col("status")],
    )  # fmt: skip
    for s in summaries:
        table.add_row(
            safe(s.name), str(s.listings), str(s.captures),
            "-" if s.confirmed is None else str(s.confirmed), str(s.failed_steps),
            (rfc3339(s.last_run) or "-")[:16].replace("T", " "), s.last_run_status or "-",
        )  # fmt: skip
    out = terminal()
    out.print(table)
    if not summaries:
        out.print("No cases yet: `jasper crawl --case NAME ...` starts one.")


@case.command("authorise")
@case_option
@click.option(
    "--reference", required=True, help="The authorisation's reference, e.g. DSA/2026/041."
)
@click.option(
    "--expires", required=True, help="Expiry: a date (valid through it) or RFC 3339 time."
)
@click.option("--valid-from", default=None, help="Start (default: now).")
@click.option("--note", default=None, help="Who granted it, scope, or other notes.")
@click.option(
    "--requires-authorisation",
    is_flag=True,
    help="Also mark the case as requiring a current authorisation for every capture.",
)
@workdir_option
@db_option
@operator_option
def authorise_command(
    case: str,
    reference: str,
    expires: str,
    valid_from: str | None,
    note: str | None,
    requires_authorisation: bool,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Record an authorisation reference and its expiry on a case."""
    starts = parse_when(valid_from, "--valid-from", end_of_day=False) if valid_from else utcnow()
    ends = parse_when(expires, "--expires", end_of_day=True)
    if ends <= starts:
        raise JasperError("--expires must be after the authorisation starts")
    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    with workspace.db.transaction() as session:
        found = workspace.case(session, case, who, create=True)
        assert found is not None
        row = authorise(session, found.id, reference.strip(), starts, ends, who, note)
        if requires_authorisation:
            set_required(session, found.id, True, who, f"with authorisation {reference}")
        click.echo(
            f"Case {case!r}: authorisation {row.reference} (id {row.id}) valid "
            f"{rfc3339(starts)} to {rfc3339(ends)}"
            + (
                "; the case now requires a current authorisation."
                if requires_authorisation
                else "."
            )
        )
    workspace.close()


@case.command("require-authorisation")
@case_option
@click.option("--off", is_flag=True, help="No longer require one.")
@click.option("--reason", required=True, help="Why (recorded).")
@workdir_option
@db_option
@operator_option
def require_command(
    case: str,
    off: bool,
    reason: str,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Require (or stop requiring) a current authorisation before the case captures anything."""
    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    with workspace.db.transaction() as session:
        found = workspace.case(session, case, who, create=True)
        assert found is not None
        set_required(session, found.id, not off, who, reason)
    workspace.close()
    state = "no longer requires" if off else "now requires"
    click.echo(f"Case {case!r} {state} a current authorisation.")


@case.command("authorisations")
@case_option
@workdir_option
@db_option
def list_command(case: str, workdir: Path | None, db_url: str | None) -> None:
    """The case's authorisations and whether it requires one, as JSON."""
    workspace = open_workspace(workdir, db_url)
    with workspace.db.session() as session:
        found = existing_case(workspace, session, case)
        now = utcnow()
        live = current(session, found.id, now)
        rows = session.scalars(
            select(Authorisation)
            .where(Authorisation.case_id == found.id)
            .order_by(Authorisation.id)
        ).all()
        doc = {
            "case": case,
            "requires_authorisation": is_required(session, found.id),
            "current": live.reference if live else None,
            "authorisations": [
                {
                    "id": r.id,
                    "reference": r.reference,
                    "valid_from": rfc3339(r.valid_from),
                    "expires_at": rfc3339(r.expires_at),
                    "current": r.current(now),
                    "note": r.note,
                    "created_by": r.created_by,
                }
                for r in rows
            ],
        }
    workspace.close()
    click.echo(json.dumps(doc, indent=2))
