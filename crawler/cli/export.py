"""``jasper export``: a case out as a court bundle (checked by ``jasper verify``)."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    case_option,
    db_option,
    open_workspace,
    operator_name,
    operator_option,
    workdir_option,
)


@click.command()
@case_option
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bundle to write (a .zip holding a BagIt bag).",
)
@click.option(
    "--listings",
    "wanted",
    multiple=True,
    metavar="URL-OR-ID...",
    help="Export only these listings (ids or URLs: --listings 3 7 URL). Default: every listing.",
)
@click.option(
    "--exhibit-prefix",
    default=None,
    help="Exhibit prefix, e.g. your initials: AB gives AB/1, AB/2 (default: operator initials).",
)
@click.argument("more_listings", nargs=-1, metavar="")
@workdir_option
@db_option
@operator_option
def export(
    case: str,
    out: Path,
    wanted: tuple[str, ...],
    more_listings: tuple[str, ...],
    exhibit_prefix: str | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Export a case as a verifiable evidence bundle (BagIt ZIP with WACZ, PDF, drafts)."""
    from evidence.export.bundle import ExportError, ExportInputError, ExportRequest, export_case
    from evidence.export.exhibits import ExhibitError

    if more_listings and not wanted:
        raise JasperError(
            f"unexpected argument {more_listings[0]!r} (listings go after --listings)"
        )
    wanted += more_listings  # `--listings A B C`: the values after the first arrive here
    if out.suffix.lower() != ".zip":
        raise JasperError(f"--out must end in .zip, got {out.name!r}")
    workspace = open_workspace(workdir, db_url)
    request = ExportRequest(
        case=case,
        out=out,
        operator=operator_name(operator),
        prefix=exhibit_prefix,
        listings=wanted,
    )
    try:
        done = export_case(workspace, request)
    except (ExhibitError, ExportInputError) as exc:
        raise JasperError(str(exc)) from exc
    except ExportError as exc:
        raise JasperError(str(exc), exit_code=1) from exc
    finally:
        workspace.close()
    click.echo(f"Wrote {done.out}")
    click.echo(f"  {done.captures} captures, exhibits {done.exhibit_range}")
    click.echo(f"  SHA-256 {done.sha256}")
    click.echo(f"  export {done.export_id}; check it with: jasper verify {done.out}")
