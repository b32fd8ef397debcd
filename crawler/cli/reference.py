"""``jasper reference add``: a brand's official product images, for spotting reused pictures."""

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
from evidence.triage.reference import add_reference
from evidence.triage.rules import RulesError
from evidence.triage.score import rescore_all


@click.group()
def reference() -> None:
    """Manage the reference library of brands' official images."""


@reference.command("add")
@click.argument("brand")
@click.argument("images", nargs=-1, required=True, type=click.Path(path_type=Path))
@workdir_option
@db_option
def add(brand: str, images: tuple[Path, ...], workdir: Path | None, db_url: str | None) -> None:
    """Add official IMAGES of BRAND, and rescore every case at once.

    A listing using an official image is not taken as reusing another seller's picture,
    and the image adds to a counterfeit concern the listing already raises (exact or near
    match).
    """
    for image in images:
        if not image.is_file():
            raise JasperError(f"image {image} does not exist")
    workspace = open_workspace(workdir, db_url)
    operator = operator_name()
    try:
        with workspace.db.transaction() as session:
            try:
                store = workspace.artefacts.store
            except ArtefactError as exc:
                raise JasperError(str(exc)) from None
            for image in images:
                try:
                    row = add_reference(session, workspace.workdir, brand, image, operator, store)
                except (ValueError, OSError) as exc:
                    raise JasperError(f"{image}: {exc}") from None
                click.echo(f"{row.brand}\t{row.digest_hex}\t{row.path}")
            try:
                cases, scored = rescore_all(session, workspace.workdir)
            except RulesError as exc:
                raise JasperError(str(exc)) from None
            click.echo(f"rescored {scored} listings in {cases} cases", err=True)
    finally:
        workspace.close()
