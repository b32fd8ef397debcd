"""The ``jasper`` command line."""

from __future__ import annotations

import click

from crawler.cli.audit import audit
from crawler.cli.case import case
from crawler.cli.changes import changes
from crawler.cli.crawl import capture, crawl
from crawler.cli.demo import demo
from crawler.cli.export import export, verify
from crawler.cli.keys import keys
from crawler.cli.listings import listings
from crawler.cli.network import network
from crawler.cli.nightly import nightly
from crawler.cli.profile import profile
from crawler.cli.reference import reference
from crawler.cli.schedule import schedule
from crawler.cli.takedown import takedown
from crawler.cli.watch import watch
from evidence.provenance import jasper_version


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(jasper_version(), prog_name="jasper")
def cli() -> None:
    """Jasper: find suspected counterfeit listings and preserve them as court-grade evidence.

    Start with `jasper demo`, which crawls a bundled demo marketplace. Real work:
    `jasper crawl` searches sites for keywords and captures every listing it finds;
    `jasper listings` shows what was captured, with the path and SHA-256 of every artefact.
    """


cli.add_command(demo)
cli.add_command(crawl)
cli.add_command(capture)
cli.add_command(listings)
cli.add_command(network)
cli.add_command(reference)
cli.add_command(keys)
cli.add_command(audit)
cli.add_command(export)
cli.add_command(verify)
cli.add_command(case)  # authorisations for covert monitoring
cli.add_command(profile)  # site profiles
# Watchlists (evidence.watch): scheduled searches, lifecycle, takedowns.
for _command in (watch, nightly, changes, takedown, schedule):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli()
