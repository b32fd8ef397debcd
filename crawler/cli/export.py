"""``jasper export`` and ``jasper verify``: court bundles out, and their independent check."""

from __future__ import annotations

import hashlib
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@click.command()
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--public-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Ed25519 public key (PEM) the bundle's signature must verify against.",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also record this verification in that workdir's custody log (no database needed).",
)
@db_option
@operator_option
def verify(
    bundle: Path,
    public_key: Path | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Check an exported bundle with no database: fixity, capture hashes, WACZ, WARCs, seal.

    Prints one line per problem naming the file, then a summary; exits 1 on any problem.
    """
    from evidence.verification.problems import Outcome
    from evidence.verification.verifier import verify_bundle

    report = verify_bundle(bundle, public_key)
    for problem in report.problems:
        click.echo(str(problem))
    for check in report.checks:
        note = f" ({check.note})" if check.note else ""
        click.echo(f"{check.outcome.value:>13}: {check.name}{note}", err=True)
    count = len(report.problems)
    if report.passed:
        click.echo(f"OK: {bundle} verified, no problems")
    else:
        click.echo(f"FAILED: {bundle}: {count} problem{'s' if count != 1 else ''}")
    if workdir is not None:
        _record_verification(workdir, db_url, operator, bundle, report.case, report.passed, count)
    if not report.passed or any(c.outcome == Outcome.FAILED for c in report.checks):
        raise SystemExit(1)


def _record_verification(
    workdir: Path,
    db_url: str | None,
    operator: str | None,
    bundle: Path,
    case_name: str | None,
    passed: bool,
    count: int,
) -> None:
    """A ``verify`` custody event, in the bundle's case when this workdir holds that case."""
    from evidence.custody import record_event

    workspace = open_workspace(workdir, db_url)
    actor = operator_name(operator)
    try:
        with workspace.db.transaction() as session:
            case = workspace.case(session, case_name, actor, create=False) if case_name else None
            record_event(
                session,
                "verify",
                actor,
                case_id=case.id if case else None,
                detail={
                    "case": case_name,
                    "bundle": str(bundle.resolve()),
                    "sha256": _sha256(bundle),
                    "passed": passed,
                    "problems": count,
                },
            )
    finally:
        workspace.close()
