"""``jasper review``: review decisions from the terminal (dispositions, tags, notes).

Each decision is an append-only event with who and when, in the custody log and the ledger
(``evidence.review.decisions``); a changed decision is a new event, never an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def listing_ids(values: tuple[str, ...]) -> list[int]:
    """Listing ids as ``jasper listings`` shows them, or a one-line error."""
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except ValueError:
            raise JasperError(
                f"a listing id is a number, as `jasper listings` shows; got {value!r}"
            ) from None
    return ids


def decide(
    case: str,
    ids: list[int],
    kind: str,
    value: str,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> int:
    """Record one decision on listings of ``case``; how many were recorded."""
    from evidence.models import Listing
    from evidence.review.decisions import ReviewError, record

    who = operator_name(operator)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            found = existing_case(workspace, session, case)
            mine = set(
                session.scalars(
                    select(Listing.id).where(Listing.case_id == found.id, Listing.id.in_(ids))
                )
            )
            missing = [i for i in ids if i not in mine]
            if missing:
                raise JasperError(f"no listing {missing[0]} in case {case!r}")
            try:
                rows = record(session, ids, kind=kind, value=value, actor=who)
            except ReviewError as exc:
                raise JasperError(str(exc)) from None
    finally:
        workspace.close()
    return len(rows)


def decision_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every decision takes: the case, listing ids, workdir, database, operator."""
    for option in (
        operator_option,
        db_option,
        workdir_option,
        click.argument("ids", nargs=-1, required=True, metavar="ID..."),
        case_option,
    ):
        func = option(func)
    return func


@click.group()
def review() -> None:
    """Review decisions: dispositions, tags and notes on listings (append-only, logged)."""


@review.command("mark")
@click.option(
    "--disposition",
    required=True,
    metavar="D",
    help='The disposition, e.g. "suspected counterfeit", "genuine", "needs test purchase", '
    '"not relevant" (the list is configurable: JASPER_DISPOSITIONS).',
)
@decision_command
def mark(
    disposition: str,
    case: str,
    ids: tuple[str, ...],
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Give listings a disposition (a later mark supersedes it; both stay on record)."""
    n = decide(case, listing_ids(ids), "disposition", disposition, workdir, db_url, operator)
    click.echo(f"{n} listing(s) of case {case!r} marked {disposition.strip()!r}.")


@review.command("tag")
@click.option("--tag", "tag", required=True, metavar="T", help="The tag to add (or remove).")
@click.option("--remove", is_flag=True, help="Remove the tag instead (recorded as an untag).")
@decision_command
def tag(
    tag: str,
    remove: bool,
    case: str,
    ids: tuple[str, ...],
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Tag listings (or remove a tag with --remove)."""
    kind = "untag" if remove else "tag"
    n = decide(case, listing_ids(ids), kind, tag, workdir, db_url, operator)
    done = "untagged" if remove else "tagged"
    click.echo(f"{n} listing(s) of case {case!r} {done} {tag.strip()!r}.")


@review.command("note")
@click.option("--text", required=True, help="The note.")
@decision_command
def note(
    text: str,
    case: str,
    ids: tuple[str, ...],
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Add a note to listings."""
    n = decide(case, listing_ids(ids), "note", text, workdir, db_url, operator)
    click.echo(f"Note added to {n} listing(s) of case {case!r}.")
