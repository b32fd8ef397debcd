"""``jasper verify``: check an exported bundle without the database, and say what was checked."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    operator_option,
    process_config,
)

if TYPE_CHECKING:
    from evidence.verification.verifier import Verification

SHOWN = 100  # problems listed before "... and N more"
WIDTH = 100
INDENT = " " * 15  # notes sit under the check's name
EXIT_HELP = """\b
Exit status:
  0  verified: every check passed and the signer is confirmed by a key you trust
  1  problems found (each named above the summary)
  2  bad input (no such bundle, unreadable key or trust folder)
  3  intact as sealed, but the signer is not confirmed: compare the printed fingerprint
     with the producer's and verify again with --public-key or --trust"""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _existing(path: Path | None, what: str, folder: bool = False) -> Path | None:
    """A path the user gave, checked here so that a bad one is a one-line error."""
    if path is None:
        return None
    if not (path.is_dir() if folder else path.is_file()):
        raise JasperError(f"{what} {path}: no such {'folder' if folder else 'file'}")
    return path


@click.command(epilog=EXIT_HELP)
@click.argument("bundle", type=click.Path(path_type=Path))
@click.option(
    "--public-key",
    type=click.Path(path_type=Path),
    default=None,
    help="The producer's Ed25519 public key (PEM), obtained from them, not from the bundle: "
    "the signer must be this key.",
)
@click.option(
    "--trust",
    "trust_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="A folder of keys you trust: each *.pem holding an Ed25519 public key is a "
    "producer you accept; each holding certificates adds TSA roots.",
)
@click.option(
    "--tsa-ca-file",
    type=click.Path(path_type=Path),
    default=None,
    help="TSA root certificates (PEM) the time-stamps must chain to at their time "
    "(default: $JASPER_TSA_CA_FILE).",
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
    trust_dir: Path | None,
    tsa_ca_file: Path | None,
    workdir: Path | None,
    db_url: str | None,
    operator: str | None,
) -> None:
    """Check an exported bundle with no database: fixity, capture hashes, WACZ, WARCs, the
    seal and its signer, and every time-stamp.

    Prints one line per problem naming the file, then each check as passed, failed or not
    checkable, then the verdict. A bundle proves who sealed it only against a key you hold:
    give the producer's public key (--public-key) or a folder of trusted keys (--trust).
    """
    from evidence.verification.trust import TrustError, load_trust
    from evidence.verification.verifier import EXIT_STATUS, verify_bundle

    _existing(bundle, "bundle")
    tsa_ca_file = _existing(tsa_ca_file, "--tsa-ca-file") or process_config().tsa_ca_file
    try:
        trust = load_trust(
            _existing(public_key, "--public-key"),
            _existing(trust_dir, "--trust", folder=True),
            tsa_ca_file,
        )
    except TrustError as exc:
        raise JasperError(str(exc)) from None
    report = verify_bundle(bundle, trust)
    for line in report_lines(report):
        click.echo(line)
    if workdir is not None:
        _record_verification(workdir, db_url, operator, bundle, report)
    raise SystemExit(EXIT_STATUS[report.verdict])


def report_lines(report: Verification) -> list[str]:
    """What a person reads: problems, each check with its outcome, then the verdict.

    Every name and value that came from the bundle passes through ``printable``.
    """
    from evidence.verification.problems import printable
    from evidence.verification.verifier import Verdict

    lines = [str(p) for p in report.problems[:SHOWN]]
    if len(report.problems) > SHOWN:
        lines.append(f"... and {len(report.problems) - SHOWN} more problems")
    for check in report.checks:
        lines.append(f"{check.outcome.value:>13}: {check.name}")
        if check.note:
            # names, paths and fingerprints stay whole, to be copied
            lines += textwrap.wrap(
                printable(check.note), WIDTH, initial_indent=INDENT, subsequent_indent=INDENT,
                break_long_words=False, break_on_hyphens=False,
            )  # fmt: skip
    name = printable(str(report.bundle))
    count = len(report.problems)
    if report.verdict == Verdict.VERIFIED:
        confirmed = printable(report.confirmed_by or "")
        lines += [f"OK: {name} verified", f"  Signer: {report.signer}, confirmed by {confirmed}"]
    elif report.verdict == Verdict.UNCONFIRMED:
        lines += [
            f"NOT CONFIRMED: {name} is intact as sealed, but its signer is not confirmed.",
            f"  Signer: {report.signer}",
            "  Compare it with the fingerprint the producer gave you, then confirm with",
            f"  jasper verify {name} --public-key PRODUCER-KEY.pem   (or --trust DIR)",
        ]
    else:
        lines.append(f"FAILED: {name}: {count} problem{'s' if count != 1 else ''}")
        if report.signer and not report.confirmed_by:
            lines.append(f"  Signer: {report.signer}, not confirmed")
    return lines


def _record_verification(
    workdir: Path, db_url: str | None, operator: str | None, bundle: Path, report: Verification
) -> None:
    """A ``verify`` custody event, in the bundle's case when this workdir holds that case."""
    from evidence.custody import record_event

    workspace = open_workspace(workdir, db_url)
    actor = operator_name(operator)
    try:
        with workspace.db.transaction() as session:
            case_name = report.case
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
                    "passed": report.passed,
                    "verdict": report.verdict.value,
                    "signer": report.signer,
                    "confirmed_by": report.confirmed_by,
                    "problems": len(report.problems),
                },
            )
    finally:
        workspace.close()
