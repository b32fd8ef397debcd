"""The ``jasper`` command line: commands grouped by workflow, each loaded only when used."""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import sys
import threading
from types import ModuleType

import click

from evidence.provenance import jasper_version

# name -> (module, attribute); grouped as the help shows them, in workflow order.
SECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "Collect evidence": {
        "demo": ("crawler.cli.demo", "demo"),
        "crawl": ("crawler.cli.crawl", "crawl"),
        "capture": ("crawler.cli.crawl", "capture"),
        "profile": ("crawler.cli.profile", "profile"),
    },
    "Review and triage": {
        "serve": ("crawler.cli.serve", "serve"),
        "listings": ("crawler.cli.listings", "listings"),
        "listing": ("crawler.cli.listing", "listing"),
        "review": ("crawler.cli.review", "review"),
        "network": ("crawler.cli.network", "network"),
        "reference": ("crawler.cli.reference", "reference"),
    },
    "Court": {
        "export": ("crawler.cli.export", "export"),
        "verify": ("crawler.cli.verify", "verify"),
        "audit": ("crawler.cli.audit", "audit"),
        "keys": ("crawler.cli.keys", "keys"),
    },
    "Watch over time": {
        "watch": ("crawler.cli.watch", "watch"),
        "nightly": ("crawler.cli.nightly", "nightly"),
        "changes": ("crawler.cli.changes", "changes"),
        "takedown": ("crawler.cli.takedown", "takedown"),
        "schedule": ("crawler.cli.schedule", "schedule"),
    },
    "Scale out": {
        "worker": ("crawler.cli.worker", "worker"),
        "runs": ("crawler.cli.worker", "runs"),
    },
    "Cases": {
        "case": ("crawler.cli.case", "case"),
        "user": ("crawler.cli.serve", "user"),
    },
}
COMMANDS = {name: where for section in SECTIONS.values() for name, where in section.items()}


def _import_uncollected(module: str) -> ModuleType:
    """Import a command's module with the cyclic garbage collector paused: importing builds
    hundreds of thousands of objects that live as long as the process, and the collector
    scanned them again and again as they came (0.2 s of `jasper crawl`'s 1.5 s of imports).
    They are then frozen (``gc.freeze``), out of the collector's sight: otherwise its first
    collections after the import scan them all once more (0.27 s of a crawl's start)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(module)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


class JasperGroup(click.Group):
    """Imports a command's module only when that command runs (start-up stays fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        command = getattr(_import_uncollected(where[0]), where[1])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        for title, commands in SECTIONS.items():
            rows = []
            for name in commands:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
            with formatter.section(title):
                formatter.write_dl(rows)


@click.group(
    cls=JasperGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(jasper_version(), prog_name="jasper")
def cli() -> None:
    """Jasper: find suspected counterfeit listings and preserve them as court-grade evidence.

    Start with `jasper demo`, which crawls a bundled demo marketplace. Real work:
    `jasper crawl` searches sites for keywords and captures every listing it finds;
    `jasper listings` shows what was captured, one line per listing, and `jasper listing show
    ID` everything about one, with the path and SHA-256 of every artefact;
    `jasper export` turns a case into a signed bundle anyone can check with `jasper verify`.
    """


def main() -> None:
    """Console-script entry point.

    Once the command has returned, its threads have finished and the exit handlers have run
    (log files flushed and closed), the process ends without tearing the interpreter down:
    with a crawl's libraries loaded that takes most of a second and writes nothing (mypy
    ends the same way).
    """
    try:
        cli()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    _exit_now(code)


def _exit_now(code: object) -> None:
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # what sys.exit("message") prints
        code = 1
    threading._shutdown()  # type: ignore[attr-defined]  # as at any exit: threads finish first
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said on it
            code = code or 1
    os._exit(code or 0)
