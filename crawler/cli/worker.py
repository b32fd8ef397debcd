"""``jasper worker`` and ``jasper runs``: many machines, one case (docs/scaling.md)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from crawler.cli.options import JasperError, db_option, open_workspace, workdir_option
from crawler.distributed import DEFAULT_QUEUE

broker_option = click.option(
    "--broker",
    "broker_url",
    envvar="JASPER_BROKER_URL",
    required=True,
    help="RabbitMQ URL, e.g. amqp://user:password@host:5672/ (default: $JASPER_BROKER_URL).",
)
queue_option = click.option(
    "--queue",
    default=DEFAULT_QUEUE,
    show_default=True,
    help="Queue namespace shared by the workers and the submitters of one installation.",
)


@click.command()
@broker_option
@click.option(
    "--db",
    "db_url",
    envvar="JASPER_DB_URL",
    required=True,
    help="The shared database, postgresql+psycopg://user@host/db (default: $JASPER_DB_URL).",
)
@click.option(
    "--store",
    envvar="JASPER_STORE",
    required=True,
    help="The shared evidence store (default: $JASPER_STORE): file:///shared/folder every "
    "worker mounts, or s3://bucket/prefix (Object Lock required; credentials and endpoint "
    "from boto3's usual AWS_* settings), each sealed artefact written there locked, "
    "retention from the job's JASPER_STORE_LOCK_MODE and JASPER_STORE_RETAIN_DAYS.",
)
@click.option(
    "--scratch",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="JASPER_HOME",
    default=None,
    help="With an s3:// store: the local folder captures are written to first "
    "(default: $JASPER_HOME or ./jasper-data).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=64),
    default=1,
    show_default=True,
    help="Jobs run at once, each a crawl in its own process with its own browser.",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1, max=500),
    default=20,
    show_default=True,
    help="Candidate listings per capture job queued by this worker's searches.",
)
@queue_option
def worker(
    broker_url: str,
    db_url: str,
    store: str,
    scratch: Path | None,
    concurrency: int,
    batch: int,
    queue: str,
) -> None:
    """Take crawl jobs from the broker and run them, until stopped (SIGTERM or Ctrl-C).

    Submit work from any machine with `jasper crawl ... --distributed`. A worker that dies
    mid-job (kill -9, a lost machine) leaves its job unacknowledged; the broker gives it to
    another worker, which skips the pages already captured.
    """
    from crawler.distributed.broker import BrokerError
    from crawler.distributed.worker import StoreError, run_worker

    if db_url.startswith("sqlite"):
        raise JasperError("workers share one database: give a PostgreSQL URL with --db")
    logging.basicConfig(level=logging.WARNING, format="jasper worker: %(message)s")
    logging.getLogger("pika").setLevel(logging.CRITICAL)  # outages are reported once, by us
    try:
        run_worker(
            broker_url,
            db_url,
            store,
            scratch=scratch,
            concurrency=concurrency,
            batch=batch,
            queue=queue,
            say=lambda line: click.echo(f"jasper worker: {line}", err=True),
        )
    except (BrokerError, StoreError) as exc:
        raise JasperError(str(exc)) from None


@click.command()
@click.option("--submission", default=None, help="Only this submission (id from --distributed).")
@workdir_option
@db_option
def runs(submission: str | None, workdir: Path | None, db_url: str | None) -> None:
    """Distributed work per worker: jobs queued, running, finished and failed."""
    from evidence.clock import rfc3339
    from evidence.jobs import by_worker, recent_submissions, submission_state

    workspace = open_workspace(workdir, db_url)
    try:
        rows = by_worker(workspace.db, submission)
        if not rows:
            click.echo(
                "no distributed work recorded" + (f" for {submission}" if submission else "")
            )
            return
        click.echo(f"{'worker':<32} {'queued':>7} {'running':>8} {'finished':>9} {'failed':>7}"
                   "  last taken")  # fmt: skip
        for row in rows:
            last = rfc3339(row.last_seen, seconds=True) or "-"
            click.echo(f"{row.worker[:32]:<32} {row.queued:>7} {row.running:>8} "
                       f"{row.finished:>9} {row.failed:>7}  {last}")  # fmt: skip
        click.echo("")
        shown = [(submission, None, None)] if submission else recent_submissions(workspace.db, 5)
        for sub, _, _ in shown:
            state = submission_state(workspace.db, sub or "")
            click.echo(f"submission {sub}:\n  {state.line()}")
            for error in state.errors[:5]:
                click.echo(f"  failed: {error}")
    finally:
        workspace.close()
    sys.stdout.flush()
