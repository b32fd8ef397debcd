"""``jasper worker``: take jobs from the broker and run them, until stopped.

One process, ``concurrency`` Dramatiq worker threads, each running one job's crawl at a
time in a child process. An outage of the broker or the database pauses the worker with a
message saying what it waits for; it resumes when the service returns.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from urllib.parse import unquote, urlsplit

import dramatiq
from dramatiq.errors import ConnectionError as BrokerConnectionError
from pika.exceptions import AMQPError

from crawler.distributed.actors import Fleet, WorkerContext, declare
from crawler.distributed.broker import make_broker, safe_url
from evidence.workspace import Workspace, WorkspaceError

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0


class StoreError(ValueError):
    """A store URL that cannot be used; the message says why."""


def store_workdir(store: str) -> Path:
    """The shared evidence folder a ``file://`` store URL names."""
    parts = urlsplit(store)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise StoreError(
            f"store must be file:///path/to/shared/folder (s3:// stores are not wired into "
            f"workers yet; see docs/scaling.md), got {store!r}"
        )
    return Path(unquote(parts.path))


def wait_for(what: str, attempt: Callable[[], object], say: Callable[[str], None],
              stop: threading.Event) -> bool:  # fmt: skip
    """Call ``attempt`` until it succeeds (True) or ``stop`` is set (False), saying why we wait."""
    warned = False
    while not stop.is_set():
        try:
            attempt()
            if warned:
                say(f"{what} is back; resuming")
            return True
        except (WorkspaceError, AMQPError, BrokerConnectionError, OSError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if not warned:
                say(f"waiting for {what} ({reason}); retrying every {RETRY_SECONDS:.0f} s")
                warned = True
            stop.wait(RETRY_SECONDS)
    return False


def run_worker(
    broker_url: str,
    db_url: str,
    store: str,
    *,
    concurrency: int = 1,
    batch: int = 20,
    queue: str = "jasper",
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Consume ``queue`` on ``broker_url`` until SIGINT/SIGTERM (or ``stop``)."""
    stop = stop or threading.Event()
    workdir = store_workdir(store)
    broker = make_broker(broker_url)  # checks the URL; connects on first use
    holder: list[Workspace] = []

    def shutdown(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, shutdown)
        signal.signal(signal.SIGINT, shutdown)
    if not wait_for("the database", lambda: holder.append(Workspace(workdir, db_url)), say, stop):
        return
    workspace = holder[0]
    fleet: Fleet = declare(broker, queue)
    fleet.context = WorkerContext(workspace.db, workspace.db_url, workspace.workdir, batch=batch,
                                  stop=stop)  # fmt: skip
    where = f"the broker at {safe_url(broker_url)}"
    if not wait_for(where, lambda: fleet.broker.declare_queue(queue, ensure=True), say, stop):
        return

    worker = dramatiq.Worker(fleet.broker, worker_threads=concurrency)  # this broker: our queues
    worker.queue_prefetch = concurrency  # jobs are long: hold none back from idle workers
    worker.start()
    say(
        f"worker {fleet.ctx().name}: {concurrency} at a time from queue {queue!r} on "
        f"{safe_url(broker_url)}, evidence in {workdir}, database {workspace.safe_db_url}"
    )
    try:
        while not stop.wait(1.0):
            pass
    finally:
        say("stopping: finishing the jobs in hand (unstarted ones go back to the queue)")
        worker.stop()
        fleet.broker.close()
        workspace.close()
        time.sleep(0)
