"""``jasper network``: sellers linked by shared contacts or images, as a table, JSON, GraphML
or HTML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    existing_case,
    open_workspace,
    operator_name,
    workdir_option,
)
from crawler.cli.views import Col, fitted_table, safe, score_text, terminal, terminal_width
from evidence.custody import record_event
from evidence.triage import DISCLAIMER
from evidence.triage.network import clusters, network_graphml, network_html, network_json
from evidence.triage.rules import RulesError
from evidence.triage.score import Triage, latest_scores
from evidence.verification.problems import printable


def link_text(link: dict[str, Any]) -> str:
    """``phone +447700900461`` or ``image`` (an image's value is a hash, not for reading)."""
    return "same image" if link["kind"] == "image" else f"{link['kind']} {link['value']}"


def clusters_table(found: list[dict[str, Any]], case: str) -> Table:
    """One line per seller, grouped by cluster: the seller's listings (ids), their top score,
    and what the seller shares with others in the cluster."""
    sites = {s["site"] for cluster in found for s in cluster["sellers"]}
    table = fitted_table(
        f"Seller network of case {case}: {len(found)} clusters of linked sellers"
        + (f" (all on {printable(next(iter(sites)))})" if len(sites) == 1 else ""),
        [Col("cluster", justify="right"), Col("seller", ratio=3),
         *([Col("site", ratio=2)] if len(sites) > 1 else []),
         Col("listings", ratio=2), Col("top", justify="right"), Col("shares", ratio=4)],
    )  # fmt: skip
    for n, cluster in enumerate(found, 1):
        for k, seller in enumerate(cluster["sellers"]):
            mine = [x for x in cluster["listings"] if x["seller"] == seller["id"]]
            ids = {x["id"] for x in mine}
            scores = [x["score"] for x in mine if x["score"] is not None]
            shared = [link_text(x) for x in cluster["links"] if ids & set(x["listings"])]
            table.add_row(
                str(n) if k == 0 else "",
                safe(seller["name"]),
                *([safe(seller["site"])] if len(sites) > 1 else []),
                ", ".join(str(i) for i in sorted(ids)),
                score_text(max(scores) if scores else None),
                safe("; ".join(dict.fromkeys(shared))),
                end_section=k == len(cluster["sellers"]) - 1,
            )
    return table


def print_clusters(found: list[dict[str, Any]], case: str, output: Path | None) -> None:
    """The clusters as a table fitted to the terminal (or written to ``output``)."""
    if output is None:
        out = terminal()
    else:
        handle = output.open("w", encoding="utf-8")
        out = Console(file=handle, width=terminal_width(), highlight=False)
    out.print(clusters_table(found, case))
    out.print(DISCLAIMER, highlight=False)
    out.print("Listings: jasper listing show ID. Every link: --format json or html.")
    if output is not None:
        handle.close()
        click.echo(f"{len(found)} clusters written to {output}", err=True)


@click.command()
@case_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "graphml", "html"]),
    default="table",
    show_default=True,
    help="Output format (table: one line per cluster; html: a page with the graph drawn and "
    "thumbnails).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@workdir_option
@db_option
def network(
    case: str, fmt: str, output: Path | None, workdir: Path | None, db_url: str | None
) -> None:
    """Link sellers sharing a phone, e-mail, handle, payment handle or image, across sites."""
    workspace = open_workspace(workdir, db_url)
    operator = operator_name()
    try:
        with workspace.db.transaction() as session:
            found = existing_case(workspace, session, case)
            triage = Triage(workspace.workdir)
            try:
                # Rescore first if reference images or rules changed since the last scores.
                triage.ensure_fresh(session, found)
                corpus, _ = triage.corpus(session, found)
            except RulesError as exc:
                raise JasperError(str(exc)) from None
            result = clusters(corpus, latest_scores(session, found.id))
            if fmt == "table":
                text = ""
            elif fmt == "json":
                text = network_json(result)
            elif fmt == "graphml":
                text = network_graphml(corpus)
            else:
                text = network_html(corpus, result, workspace.artefacts, case)
            record_event(
                session,
                "view",
                operator,
                case_id=found.id,
                detail={"command": "network", "format": fmt, "clusters": len(result)},
            )
    finally:
        workspace.close()
    if fmt == "table":
        print_clusters(result, case, output)
    elif output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{len(result)} clusters written to {output}", err=True)
