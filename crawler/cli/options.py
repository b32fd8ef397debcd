"""Options and error handling shared by every ``jasper`` command."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from settings.config import JasperConfig

if TYPE_CHECKING:
    from evidence.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


class JasperError(click.ClickException):
    """A one-line error and a non-zero exit (2 for bad input, 1 for failures)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"jasper: error: {self.format_message()}", err=True)


@functools.cache
def process_config(workdir: Path | None = None, db_url: str | None = None) -> JasperConfig:
    """This command's configuration: defaults, the environment, then ``--workdir``/``--db``
    (read once per process, and turned into a one-line error when a setting is bad)."""
    from settings.config import ConfigError, load_config

    try:
        return load_config({"JASPER_WORKDIR": workdir, "JASPER_DB_URL": db_url})
    except ConfigError as exc:
        raise JasperError(str(exc)) from None


def operator_name(given: str | None = None) -> str:
    """Who is doing this: ``--operator``, else ``JASPER_OPERATOR``, else the login name."""
    return given or process_config().operator


def workdir_option(func: F) -> F:
    """``--workdir``: where evidence lives (``$JASPER_HOME`` or ``./jasper-data``)."""
    return click.option(
        "--workdir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Evidence folder (default: $JASPER_HOME or ./jasper-data).",
    )(func)


def db_option(func: F) -> F:
    """``--db``: a SQLAlchemy database URL (SQLite in the workdir by default)."""
    return click.option(
        "--db",
        "db_url",
        default=None,
        help="Database URL, e.g. postgresql+psycopg://user@host/db (default: $JASPER_DB_URL, "
        "else SQLite in the workdir).",
    )(func)


def case_option(func: F) -> F:
    """``--case``: the investigation this work belongs to."""
    return click.option("--case", required=True, help="Case name (created on first use).")(func)


def operator_option(func: F) -> F:
    """``--operator``: who is doing this (recorded with every action)."""
    return click.option(
        "--operator",
        default=None,
        help="Operator name recorded with every action (default: $JASPER_OPERATOR, else your "
        "login name).",
    )(func)


def parse_settings(values: tuple[str, ...]) -> dict[str, Any]:
    """``KEY=VALUE`` pairs (Scrapy settings) into a dict; JSON values are parsed as JSON."""
    import json

    parsed: dict[str, Any] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise JasperError(f"--set takes KEY=VALUE, got {item!r}")
        try:
            parsed[key.strip()] = json.loads(raw)
        except ValueError:
            parsed[key.strip()] = raw
    return parsed


def settings_option(func: F) -> F:
    """``--set KEY=VALUE``: override a Scrapy or Jasper setting for this run (repeatable)."""
    return click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a setting for this run, e.g. --set DOWNLOAD_DELAY=2 (repeatable, recorded).",
    )(func)


def existing_case(workspace: Any, session: Any, name: str) -> Any:
    """The case called ``name`` (a :class:`evidence.models.Case`), or a one-line error."""
    found = workspace.case(session, name, "", create=False)
    if found is None:
        raise JasperError(f"no case named {name!r} in {workspace.workdir}")
    return found


def open_workspace(workdir: Path | None, db_url: str | None) -> Workspace:
    """Open the workspace, turning set-up problems into one-line errors; runs left
    ``running`` by a process that is gone are recorded as interrupted first."""
    from evidence.runs import interrupt_vanished
    from evidence.workspace import Workspace, WorkspaceError

    config = process_config(workdir, db_url)
    try:
        workspace = Workspace(config=config)
    except WorkspaceError as exc:
        raise JasperError(str(exc)) from exc
    for run_id in interrupt_vanished(workspace.db, config.operator):
        click.echo(
            f"jasper: note: run {run_id} was left running by a process that is gone "
            "(killed or crashed); recorded as interrupted",
            err=True,
        )
    return workspace
