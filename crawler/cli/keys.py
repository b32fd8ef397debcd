"""``jasper keys init`` and ``jasper keys show``: the installation's Ed25519 signing key."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    operator_option,
    workdir_option,
)
from evidence.signing import SigningError, create_key, key_paths, signer_identity


@click.group()
def keys() -> None:
    """Manage the key that signs every export."""


@keys.command("init")
@workdir_option
@db_option
@operator_option
def init(workdir: Path | None, db_url: str | None, operator: str | None) -> None:
    """Create this installation's Ed25519 key pair and record its fingerprint in the ledger.

    The private key is written readable by its owner only (mode 0600); an existing key is
    never overwritten.
    """
    workspace = open_workspace(workdir, db_url)
    try:
        found = create_key(workspace, operator_name(operator))
    except SigningError as exc:
        raise JasperError(str(exc), exit_code=1) from None
    finally:
        workspace.close()
    private_path, public_path = key_paths(workspace.workdir)
    click.echo(f"private key: {private_path} (mode 0600, keep it secret)")
    click.echo(f"public key:  {public_path}")
    click.echo(f"fingerprint: {found}")


@keys.command("show")
@workdir_option
def show(workdir: Path | None) -> None:
    """Print the signing key's fingerprint and public key file, to give to whoever checks your
    bundles: they confirm you as the signer with `jasper verify BUNDLE --public-key FILE`."""
    from crawler.cli.options import process_config

    where = process_config(workdir).workdir
    try:
        identity = signer_identity(where)
    except SigningError as exc:
        raise JasperError(str(exc), exit_code=1) from None
    _, public_path = key_paths(where)
    click.echo(f"fingerprint: {identity.fingerprint}")
    click.echo(f"public key:  {public_path}")
    click.echo(f"readers confirm you with: {identity.pinned_command(key_file=public_path.name)}")
