"""``jasper network``: sellers linked by shared contacts or images, as JSON, GraphML or HTML."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    existing_case,
    open_workspace,
    operator_name,
    workdir_option,
)
from evidence.custody import record_event
from evidence.triage.network import clusters, network_graphml, network_html, network_json
from evidence.triage.rules import RulesError
from evidence.triage.score import Triage, latest_scores


@click.command()
@case_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "graphml", "html"]),
    default="json",
    show_default=True,
    help="Output format (html: a page with the graph drawn and thumbnails).",
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
            if fmt == "json":
                text = network_json(result)
            elif fmt == "graphml":
                text = network_graphml(corpus)
            else:
                text = network_html(corpus, result, workspace.workdir, case)
            record_event(
                session,
                "view",
                operator,
                case_id=found.id,
                detail={"command": "network", "format": fmt, "clusters": len(result)},
            )
    finally:
        workspace.close()
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{len(result)} clusters written to {output}", err=True)
