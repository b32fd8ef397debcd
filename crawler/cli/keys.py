"""``jasper keys init``: the installation's Ed25519 signing key."""

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
from evidence.signing import SigningError, create_key, key_paths


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
