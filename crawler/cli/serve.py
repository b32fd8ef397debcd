"""``jasper serve``: the review workspace in the browser; ``jasper user``: its accounts."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    db_option,
    open_workspace,
    operator_name,
    workdir_option,
)


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise JasperError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command()
@workdir_option
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine requires sign-in.")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")  # fmt: skip
@click.option("--server-name", "names", multiple=True, metavar="NAME",
              help="Without sign-in, requests must name this machine (127.0.0.1, localhost) "
              "or a NAME given here (repeatable).")  # fmt: skip
@click.option("--sign-in/--no-sign-in", "sign_in", default=None,
              help="Require accounts (jasper user add). Default: only when --host is not "
              "this machine, where it cannot be turned off.")  # fmt: skip
def serve(
    workdir: Path | None,
    db_url: str | None,
    host: str,
    port: int,
    names: tuple[str, ...],
    sign_in: bool | None,
) -> None:
    """Open the review workspace: triage queue, listings, decisions, basket and export."""
    import uvicorn
    from sqlalchemy import func, select

    from crawler.review.app import create_app
    from crawler.review.security import is_loopback
    from evidence.models import ReviewUser

    local = is_loopback(host)
    if sign_in is False and not local:
        raise JasperError(f"--no-sign-in is refused on {host}: other machines can reach it")
    required = (not local) if sign_in is None else sign_in
    workspace = open_workspace(workdir, db_url)
    if required:
        with workspace.db.session() as session:
            if not session.scalar(select(func.count()).select_from(ReviewUser)):
                workspace.close()
                raise JasperError(
                    "sign-in needs an account first: jasper user add NAME --role admin"
                )
    app = create_app(workspace, sign_in=required, hosts=names)
    sock = _listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Jasper review workspace on {workspace.workdir} ({workspace.safe_db_url})")
    click.echo(f"  open http://{shown}:{sock.getsockname()[1]}/   (Ctrl-C to stop)")
    if not required:
        click.echo(f"  no sign-in (this machine only): actions are recorded as {operator_name()}")
    sys.stdout.flush()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])
    finally:
        app.state.bench.replay.stop()
        workspace.close()


@click.group()
def user() -> None:
    """Accounts of the review workspace (needed when it is served beyond this machine)."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True,
              type=click.Choice(["investigator", "reviewer", "legal", "admin"]),
              help="What the account may do: reviewer decides, legal exports, investigator "
              "both, admin everything.")  # fmt: skip
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input instead of prompting.",
)
@workdir_option
@db_option
def user_add(
    name: str, role: str, password_stdin: bool, workdir: Path | None, db_url: str | None
) -> None:
    """Create an account, or reset its role and password."""
    from evidence.review.accounts import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    workspace = open_workspace(workdir, db_url)
    try:
        with workspace.db.transaction() as session:
            add_user(session, name, role, password, actor=operator_name())
    except AccountError as exc:
        raise JasperError(str(exc)) from None
    finally:
        workspace.close()
    click.echo(f"Account {name} ({role}) saved")
