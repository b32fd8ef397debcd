"""``jasper schedule``: run ``jasper nightly`` from cron or a systemd timer."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from crawler.cli.options import (
    JasperError,
    operator_name,
    operator_option,
    process_config,
    workdir_option,
)
from evidence.watch.nightly import check_schedule
from evidence.watch.schedule import (
    NightlyCommand,
    crontab_line,
    install_crontab,
    install_systemd,
    systemd_units,
)


@click.group()
def schedule() -> None:
    """Schedule `jasper nightly` (cron or systemd); scrapyd users can deploy with scrapy.cfg."""


@schedule.command("install")
@click.option(
    "--with",
    "method",
    type=click.Choice(["cron", "systemd"]),
    default="cron",
    show_default=True,
    help="Scheduler to use.",
)
@click.option(
    "--cron",
    "cron",
    default="0 2 * * *",
    show_default=True,
    help="When cron starts it (watchlists' own --schedule decide which are due).",
)
@click.option(
    "--on-calendar",
    default="*-*-* 02:00:00",
    show_default=True,
    help="When the systemd timer fires.",
)
@click.option("--apply", is_flag=True, help="Install it (crontab, or systemctl --user) too.")
@workdir_option
@operator_option
def install(
    method: str,
    cron: str,
    on_calendar: str,
    apply: bool,
    workdir: Path | None,
    operator: str | None,
) -> None:
    """Print (or with --apply, install) a crontab line or systemd timer for `jasper nightly`."""
    jasper = shutil.which("jasper") or f"{sys.executable} -m crawler.cli"
    command = NightlyCommand(
        jasper,
        process_config(workdir).workdir,
        operator_name(operator),
    )
    if method == "cron":
        try:
            check_schedule(cron)
        except ValueError as exc:
            raise JasperError(f"--cron: {exc}") from None
        line = crontab_line(command, cron)
        click.echo(line)
        if apply:
            install_crontab(line)
            click.echo("Installed in your crontab (crontab -l to see it).", err=True)
        return
    units = systemd_units(command, on_calendar)
    for name, text in units.items():
        click.echo(f"# {name}\n{text}")
    if apply:
        folder = Path.home() / ".config" / "systemd" / "user"
        paths = install_systemd(units, folder)
        click.echo(f"Installed {', '.join(map(str, paths))}; timer enabled.", err=True)
