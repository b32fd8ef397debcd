"""``jasper audit verify``: recompute the provenance ledger and every evidence file's hash."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    workdir_option,
)
from evidence.artefacts import ArtefactError
from evidence.audit import audit as run_audit
from evidence.custody import record_event
from evidence.timestamps import TimestampConfig

SHOWN = 20  # problems listed before "... and N more"


def stamp_line(checked: int, trusted: int, tsa: TimestampConfig) -> str:
    """What was checked of the time-stamps, and what could not be."""
    if not checked:
        return "none granted, nothing to check"
    done = f"{checked} verified (signature, imprint, ESS binding, EKU)"
    if tsa.ca_file is None:
        return done + "; TSA not confirmed: set JASPER_TSA_CA_FILE to trace them to a root"
    return done + f"; {trusted} traced to JASPER_TSA_CA_FILE at their genTime"


@click.group()
def audit() -> None:
    """Check that the evidence database and files are as they were recorded."""


@audit.command("verify")
@workdir_option
@db_option
def verify(workdir: Path | None, db_url: str | None) -> None:
    """Recompute the whole hash chain and every artefact's SHA-256 on disk and, with
    JASPER_STORE_URL set, in the store (a file kept only there is read from there).

    Exits 1 naming the first broken ledger entry or altered file. A chain cannot show a
    truncated tail by itself: compare the head printed here with a signed export's
    ledger-head, or a time-stamped one.
    """
    workspace = open_workspace(workdir, db_url)
    tsa = TimestampConfig.from_config(workspace.config)
    try:
        with workspace.db.session() as session:
            report = run_audit(session, workspace.workdir, tsa, workspace.artefacts)
        chain = report.chain
        with workspace.db.transaction() as session:
            record_event(
                session,
                "verification",
                operator_name(),
                detail={
                    "command": "audit verify",
                    "result": "passed" if report.ok else "failed",
                    "entries": chain.entries,
                    "head": {"seq": chain.head_seq, "hash": chain.head_hash},
                    "files_checked": report.files_checked,
                    "tokens_checked": report.tokens_checked,
                    "problems": [str(p) for p in report.problems[:SHOWN]],
                },
            )
    except ArtefactError as exc:  # the store itself cannot be used
        raise JasperError(f"audit: {exc}") from None
    finally:
        workspace.close()
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report.unstamped:
        click.echo(
            f"warning: {report.unstamped} captures have no time-stamp: the TSA refused or could "
            "not be reached (their failed `timestamp` step is in `jasper listings`)",
            err=True,
        )
    click.echo(
        f"ledger: {chain.entries} entries, head {chain.head_seq} {chain.head_hash}; "
        f"files: {report.files_checked} checked"
    )
    click.echo(f"time-stamps: {stamp_line(report.tokens_checked, report.tokens_trusted, tsa)}")
    if report.ok:
        click.echo("audit: passed")
        return
    for problem in report.problems[:SHOWN]:
        click.echo(f"  {problem}", err=True)
    if len(report.problems) > SHOWN:
        click.echo(f"  ... and {len(report.problems) - SHOWN} more", err=True)
    raise JasperError(f"audit failed: {report.problems[0]}", exit_code=1)
