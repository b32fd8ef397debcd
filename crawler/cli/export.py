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
    help="Export these listings (ids or URLs: --listings 3 7 URL), with any the filters below "
    "select. Default: every listing.",
)
@click.option(
    "--disposition",
    "dispositions",
    multiple=True,
    metavar="D",
    help="Select listings whose current review disposition is D (repeatable: any of them).",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="T",
    help="Select listings tagged T in review (repeatable).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Select listings whose triage score is at least this. Filters combine: a listing "
    "must pass each one given.",
)
@click.option(
    "--exhibit-prefix",
    default=None,
    help="Exhibit prefix, e.g. your initials: AB gives AB/1, AB/2 (default: operator initials).",
)
@click.option(
    "--time-zone",
    default=None,
    metavar="ZONE",
    help="The case's local time zone (IANA, e.g. Europe/London): shown beside UTC times.",
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
    dispositions: tuple[str, ...],
    tags: tuple[str, ...],
    min_score: float | None,
    exhibit_prefix: str | None,
    time_zone: str | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Export a case as a verifiable evidence bundle (BagIt ZIP with WACZ, PDF, drafts)."""
    from evidence.export.bundle import ExportError, ExportInputError, ExportRequest, export_case
    from evidence.export.exhibits import ExhibitError
    from evidence.export.sheets import TimeZoneError, check_time_zone

    if more_listings and not wanted:
        raise JasperError(
            f"unexpected argument {more_listings[0]!r} (listings go after --listings)"
        )
    wanted += more_listings  # `--listings A B C`: the values after the first arrive here
    if out.suffix.lower() != ".zip":
        raise JasperError(f"--out must end in .zip, got {out.name!r}")
    try:
        check_time_zone(time_zone)
    except TimeZoneError as exc:
        raise JasperError(f"--time-zone: {exc}") from None
    workspace = open_workspace(workdir, db_url)
    request = ExportRequest(
        case=case,
        out=out,
        operator=operator_name(operator),
        prefix=exhibit_prefix,
        listings=wanted,
        time_zone=time_zone,
        dispositions=dispositions,
        tags=tags,
        min_score=min_score,
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
    if request.filtered or wanted:
        named = f" and {len(wanted)} named" if wanted and request.filtered else ""
        what = request.describe() if request.filtered else "named listings"
        click.echo(f"  {done.listings} listings selected ({what}{named})")
    click.echo(
        f"  {done.captures} exhibits ({done.captures - done.search_pages} captures of listings, "
        f"{done.search_pages} search-result pages), exhibits {done.exhibit_range}"
    )
    if done.stamps_failed:
        click.secho(
            f"  TIME-STAMP FAILED for {done.stamps_failed} captures: no trusted time proves "
            "when they were made (their sheets say so)",
            fg="red",
            bold=True,
        )
    if done.stamps_missing:
        click.echo(f"  {done.stamps_missing} captures have no time-stamp (no TSA configured)")
    click.echo(f"  SHA-256 {done.sha256}")
    click.echo(f"  export {done.export_id}; browse it offline: data/index.html in the bundle")
    click.echo(f"  check it with: jasper verify {done.out} --public-key {done.public_key}")
