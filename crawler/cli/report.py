"""Printing what a crawl captured: a table a person can read, and where everything is."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.markup import escape
from sqlalchemy import select

from crawler.cli.views import captures_table, terminal
from crawler.runner import CrawlJob, CrawlOutcome
from evidence.listings import capture_loads, capture_record
from evidence.models import Capture, CaptureStatus
from evidence.trust import failed_stamps
from evidence.verification.problems import printable
from evidence.workspace import Workspace


def safe(value: Any) -> str:
    """Text from a page for a line of Rich markup: controls escaped, markup escaped."""
    return escape(printable(str(value)))


def console() -> Console:
    """A console wide enough for evidence paths even when output is not a terminal."""
    plain = Console()
    return plain if plain.is_terminal else Console(width=220)


def print_outcome(workspace: Workspace, job: CrawlJob, outcome: CrawlOutcome) -> bool:
    """Print the run's captures and a summary; False when anything failed."""
    out = terminal()
    with workspace.db.session() as session:
        captures = session.scalars(
            select(Capture)
            .where(Capture.run_id == outcome.run_id)
            .order_by(Capture.id)
            .options(*capture_loads())
        ).all()
        rows = [capture_record(c) for c in captures]
        listing_of = {c.id: c.listing_id for c in captures}
        unstamped = failed_stamps(session, [c.id for c in captures])
    searched = [r for r in rows if r["kind"] == "search"]  # search and feed pages, as evidence
    listed = [r for r in rows if r["kind"] != "search"]  # failed ones too: nothing silent
    failed = [r for r in rows if r["status"] != CaptureStatus.COMPLETE.value]
    by_status = Counter(r["status"] for r in listed)
    if listed:
        out.print(captures_table(listed, listing_of, f"Run {outcome.run_id}: listings captured"))
    else:
        out.print("[yellow]No listings were captured in this run.[/yellow]")
    for row in failed:
        steps = "; ".join(f"{e['step']}: {e['error']}" for e in row["errors"]) or "no evidence"
        out.print(f"[red]{row['status']}[/red] {safe(row['url'])} — {safe(steps)}", soft_wrap=True)
    for url, reason in outcome.failed_searches:
        out.print(f"[red]search failed[/red] {safe(url)} — {safe(reason)}", soft_wrap=True)
    for url, reason in outcome.login_walls:
        out.print(
            f"[bold red]LOGIN WALL[/bold red] {safe(url)} — {safe(reason)}. Nothing was "
            "recorded from it: "
            "the session has expired or is missing; renew it (--storage-state) and crawl again.",
            soft_wrap=True,
        )
    for url, reason in outcome.bot_walls:
        out.print(
            f"[bold red]BOT WALL[/bold red] {safe(url)} — {safe(reason)}. Nothing was recorded "
            "from it: "
            "the site challenged the crawler; slow down, use another egress, or capture the "
            "page by hand.",
            soft_wrap=True,
        )
    if unstamped:
        out.print(
            f"[bold red]TIME-STAMP FAILED[/bold red] for {unstamped} capture"
            f"{'s' if unstamped != 1 else ''}: no trusted time proves when they were made "
            "(the errors are recorded against each capture).",
            soft_wrap=True,
        )
    fonts = outcome.fonts.warning() if outcome.fonts else None
    if fonts:
        out.print(f"[bold red]MISSING FONTS[/bold red]: {fonts}", soft_wrap=True)
    stats = outcome.stats
    robots = stats.get("jasper/skipped_by_robots", 0)
    out.print(
        f"\nCase [bold]{job.case}[/bold], run {outcome.run_id} {outcome.status}: "
        f"{stats.get('jasper/search_pages', 0)} search pages, "
        f"{stats.get('jasper/pages_without_product', 0)} pages without product data skipped, "
        f"{len(listed)} listings captured ({by_status['complete']} complete, "
        f"{by_status['partial']} partial, {by_status['failed']} failed), "
        f"{len(failed)} with failed steps, "
        f"{unstamped} with failed time-stamps, "
        f"{len(searched)} search/feed pages kept as evidence"
        + (f", {len(outcome.login_walls)} LOGIN WALLS" if outcome.login_walls else "")
        + (f", {len(outcome.bot_walls)} BOT WALLS" if outcome.bot_walls else "")
        + (f", {robots} not fetched (robots.txt forbids them)" if robots else "")
        + ".",
        soft_wrap=True,  # one line, wrapped by the terminal: never broken mid-phrase
    )
    if outcome.resumed_from is not None:
        skipped = stats.get("jasper/already_complete", 0)
        out.print(
            f"Completing run {outcome.resumed_from} (interrupted): {skipped} of the "
            f"{outcome.already_complete} listings it left complete were found again and not "
            "captured again (--recapture to capture them again).",
            soft_wrap=True,
        )
    out.print(
        f"Evidence:  {workspace.workdir}  (artefacts/; `jasper listings --paths` lists each "
        "capture's files)"
    )
    out.print(f"Database:  {workspace.safe_db_url}")
    out.print(f"Crawl log: {outcome.log_file}")
    out.print(f"See all:   jasper listings --case {job.case!r} --workdir {workspace.workdir}")
    return (
        outcome.status == "completed"
        and not failed
        and not outcome.failed_searches
        and not outcome.login_walls
        and not outcome.bot_walls
    )
