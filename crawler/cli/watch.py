"""``jasper watch``: watchlists that ``jasper nightly`` searches and re-visits."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from crawler.cli.crawl import check_templates, read_keyword_file
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
from crawler.cli.report import console
from evidence.watch.nightly import check_schedule
from evidence.watch.watchlists import (
    WatchlistError,
    add_watchlist,
    case_watchlists,
    change_watchlist,
)


@click.group()
def watch() -> None:
    """Watchlists: keywords and sites that `jasper nightly` searches again and again."""


@watch.command("add")
@case_option
@click.option("--name", required=True, help="Watchlist name (unique within the case).")
@click.option(
    "--keywords",
    "keywords_file",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Keyword file, one per line; its text is copied in and hashed (later edits do not count).",
)
@click.option(
    "--search-url",
    "templates",
    multiple=True,
    help="Search URL with {keyword} (repeatable).",
)
@click.option("--site", "sites", multiple=True, help="Site profile to search (repeatable).")
@click.option(
    "--schedule",
    default=None,
    help="Cron expression for when it is due, e.g. '0 3 * * 1' (default: every nightly run).",
)
@workdir_option
@db_option
@operator_option
def add(
    case: str,
    name: str,
    keywords_file: Path,
    templates: tuple[str, ...],
    sites: tuple[str, ...],
    schedule: str | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Add a watchlist: what to search for, where, and how often."""
    if not templates and not sites:
        raise JasperError("give at least one --search-url or --site")
    if schedule is not None:
        try:
            check_schedule(schedule)
        except ValueError as exc:
            raise JasperError(f"--schedule: {exc}") from None
    text = read_keyword_file(keywords_file)
    checked = check_templates(templates)
    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            case_row = workspace.case(session, case, who, create=True)
            assert case_row is not None  # created when missing
            watchlist = add_watchlist(
                session,
                case_row,
                who,
                name=name,
                keywords_text=text,
                keywords_source=str(keywords_file),
                templates=checked,
                sites=list(dict.fromkeys(sites)),
                schedule=schedule,
            )
            count, digest = len(watchlist.keywords), watchlist.keywords_sha256
    except WatchlistError as exc:
        raise JasperError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(
        f"Watchlist {name!r} added to case {case!r}: {count} keyword(s) "
        f"(sha256 {digest}), {schedule or 'every nightly run'}."
    )


@watch.command("list")
@case_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@workdir_option
@db_option
def list_(case: str, fmt: str, workdir: Path | None, db_url: str | None) -> None:
    """Show a case's watchlists and their last run."""
    workspace = open_workspace(workdir, db_url)
    with workspace.db.session() as session:
        case_row = existing_case(workspace, session, case)
        records = case_watchlists(session, case_row)
    workspace.close()
    if fmt == "json":
        click.echo(json.dumps(records, indent=2))
        return
    table = Table(title=f"Watchlists of case {case}")
    for column in ("name", "keywords", "where", "schedule", "state", "last run"):
        table.add_column(column)
    for r in records:
        table.add_row(
            r["name"],
            str(len(r["keywords"])),
            "\n".join(r["search_urls"] + [f"site:{s}" for s in r["sites"]]),
            r["schedule"] or "nightly",
            "paused" if r["paused"] else "active",
            f"{r['last_run'] or '-'} {r['last_status'] or ''}".strip(),
        )
    console().print(table)


HELP = {
    "pause": "Pause a watchlist: nightly runs skip it until resumed.",
    "resume": "Resume a paused watchlist.",
    "remove": "Remove a watchlist (its history and evidence stay).",
}


def _change(action: str) -> click.Command:
    @watch.command(action, help=HELP[action])
    @case_option
    @click.option("--name", required=True, help="Watchlist name.")
    @workdir_option
    @db_option
    @operator_option
    def command(
        case: str, name: str, workdir: Path | None, db_url: str | None, operator: str | None
    ) -> None:
        who = operator_name(operator)
        workspace = open_workspace(workdir, db_url)
        try:
            with workspace.db.transaction() as session:
                case_row = existing_case(workspace, session, case)
                change_watchlist(session, case_row, name, who, action)
        except WatchlistError as exc:
            raise JasperError(str(exc)) from None
        finally:
            workspace.close()
        click.echo(f"Watchlist {name!r} of case {case!r}: {action}d.")

    return command


for _action in ("pause", "resume", "remove"):
    _change(_action)
