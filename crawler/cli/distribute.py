"""``--distributed``: queue a crawl for the workers instead of running it here."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from crawler.cli.options import JasperError, open_workspace
from crawler.distributed import DEFAULT_QUEUE
from crawler.runner import CrawlJob

if TYPE_CHECKING:
    from evidence.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def distributed_options(func: F) -> F:
    """``--distributed``, ``--broker``, ``--queue`` and ``--wait``."""
    func = click.option(
        "--wait",
        is_flag=True,
        help="With --distributed: follow the work across workers until it is all done.",
    )(func)
    return fleet_options(func)


def fleet_options(func: F) -> F:
    """``--distributed``, ``--broker`` and ``--queue``."""
    func = click.option(
        "--queue",
        default=DEFAULT_QUEUE,
        show_default=True,
        help="With --distributed: the workers' queue namespace.",
    )(func)
    func = click.option(
        "--broker",
        "broker_url",
        envvar="JASPER_BROKER_URL",
        default=None,
        help="With --distributed: RabbitMQ URL amqp://... (default: $JASPER_BROKER_URL).",
    )(func)
    return click.option(
        "--distributed",
        is_flag=True,
        help="Queue the work for `jasper worker`s (one job per keyword and site, listings in "
        "batches) and return; needs --broker and a shared PostgreSQL --db.",
    )(func)


def submit_distributed(
    job: CrawlJob,
    workdir: Path | None,
    db_url: str | None,
    broker_url: str | None,
    queue: str,
    wait: bool,
) -> None:
    """Queue ``job``; with ``wait``, show progress until every job is done."""
    from pika.exceptions import AMQPError

    from crawler.distributed.actors import declare
    from crawler.distributed.broker import BrokerConnectionError, BrokerError, make_broker, safe_url
    from crawler.distributed.enqueue import submit
    from crawler.distributed.enqueue import wait as follow

    if not broker_url:
        raise JasperError("--distributed needs --broker amqp://... (or $JASPER_BROKER_URL)")
    workspace = open_workspace(workdir, db_url)
    try:
        if workspace.db_url.startswith("sqlite"):
            raise JasperError("--distributed needs the workers' shared PostgreSQL database (--db)")
        try:
            fleet = declare(make_broker(broker_url), queue)
            submission = submit(workspace, fleet, job)
        except BrokerError as exc:
            raise JasperError(str(exc)) from None
        except (AMQPError, BrokerConnectionError) as exc:
            reason = str(exc) or type(exc).__name__
            raise JasperError(
                f"cannot reach the broker at {safe_url(broker_url)} ({reason})", exit_code=1
            ) from None
        fleet.broker.close()
        click.echo(f"queued submission {submission} on {queue!r}; see `jasper runs "
                   f"--submission {submission}`")  # fmt: skip
        if not wait:
            return
        state = follow(workspace, submission, lambda s: click.echo(s.line(), err=True))
    finally:
        workspace.close()
    for error in state.errors:
        click.echo(f"failed: {error}", err=True)
    if state.failed:
        sys.exit(1)


def distributor(
    workspace: Workspace, broker_url: str | None, queue: str, say: Callable[[str], None]
) -> Callable[[CrawlJob], str | None]:
    """For ``jasper nightly --distributed``: queue one watchlist's crawl and wait for it;
    returns why it failed, or None."""
    from crawler.distributed.actors import declare
    from crawler.distributed.broker import BrokerError, make_broker
    from crawler.distributed.enqueue import submit
    from crawler.distributed.enqueue import wait as follow

    if not broker_url:
        raise JasperError("--distributed needs --broker amqp://... (or $JASPER_BROKER_URL)")
    if workspace.db_url.startswith("sqlite"):
        raise JasperError("--distributed needs the workers' shared PostgreSQL database (--db)")
    try:
        fleet = declare(make_broker(broker_url), queue)
    except BrokerError as exc:
        raise JasperError(str(exc)) from None

    def run(job: CrawlJob) -> str | None:
        submission = submit(workspace, fleet, job)
        state = follow(workspace, submission, lambda s: say(s.line()))
        return f"{state.failed} job(s) failed: {state.errors[0]}" if state.failed else None

    return run
