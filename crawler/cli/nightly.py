"""``jasper nightly``: run the due watchlists, record the night, write the digests."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from crawler.cli.distribute import distributor, fleet_options
from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    operator_option,
    parse_settings,
    process_config,
    settings_option,
    workdir_option,
)
from crawler.cli.report import console
from crawler.nightly import NightlyRunner
from evidence.watch.nightly import LockHeld, Night, NightOptions, nightly_lock

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


@click.command()
@click.option("--case", default=None, help="Only this case's watchlists.")
@click.option("--force", is_flag=True, help="Run every active watchlist, due or not.")
@fleet_options
@workdir_option
@db_option
@operator_option
@settings_option
def nightly(
    case: str | None,
    force: bool,
    distributed: bool,
    broker_url: str | None,
    queue: str,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Run every due watchlist: its searches and a re-visit of every listing it has seen.

    Safe from cron or a systemd timer: a second run on the same workdir refuses at once
    (exit 75), and the lock dies with its holder. Exits 1 when a watchlist failed, after
    running the others. Writes a digest per case (HTML and JSON) under WORKDIR/digests/.
    With --distributed, each watchlist's searches and re-visits are queued for `jasper
    worker`s and this command follows them to their end (it keeps the watch runs).
    """
    folder = process_config(workdir).workdir
    folder.mkdir(parents=True, exist_ok=True)
    options = NightOptions(
        operator=operator_name(operator),
        settings=parse_settings(overrides),
        case=case,
        force=force,
    )
    err = Console(stderr=True)
    try:
        with nightly_lock(folder) as lock:
            workspace = open_workspace(folder, db_url)
            try:
                say = err.log
                spread = distributor(workspace, broker_url, queue, say) if distributed else None
                runner = NightlyRunner(workspace, options, lock, progress=say, distribute=spread)
                with err.status("jasper nightly: running watchlists", spinner="dots"):
                    night = runner.run()
            finally:
                workspace.close()
    except LockHeld as exc:
        raise JasperError(str(exc), exit_code=EXIT_LOCKED) from None
    print_night(night)
    if night.failed:
        sys.exit(1)


def print_night(night: Night) -> None:
    """A summary per watchlist and the digest files."""
    out = console()
    if not night.results:
        out.print("No watchlist is due.")
        return
    table = Table(title=f"Night {night.uuid}")
    for column in ("case", "watchlist", "status", "new", "changed", "removed", "returned",
                   "unchanged", "failed", "error"):  # fmt: skip
        table.add_column(column)
    for r in night.results:
        counts = r.summary.counts
        table.add_row(
            r.case, r.watchlist, r.status,
            *(str(counts.get(k, 0)) for k in ("new", "changed", "removed", "returned",
                                               "unchanged", "failed")),
            r.error or "",
        )  # fmt: skip
    out.print(table)
    for digest in night.digests:
        done = [t for t in digest["takedowns"] if t["status"] == "verified removed"]
        out.print(
            f"Case {digest['case']}: {len(digest['new'])} new, {len(digest['changed'])} changed, "
            f"{len(digest['removed'])} removed, {len(digest['returned'])} returned, "
            f"{len(done)}/{len(digest['takedowns'])} takedowns verified removed, "
            f"{len(digest['failed'])} failed."
        )
    for path in night.digest_files:
        out.print(f"Digest: {path}")
