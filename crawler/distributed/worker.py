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
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from urllib.parse import unquote, urlsplit

import dramatiq
from pika.exceptions import AMQPError

from crawler.distributed.actors import Fleet, WorkerContext, declare
from crawler.distributed.broker import BrokerConnectionError, make_broker, safe_url
from crawler.distributed.outage import RETRY_SECONDS, BrokerOutage, broker_reachable
from evidence.stores import StoreError as BlobStoreError
from evidence.stores import open_store
from evidence.workspace import Workspace, WorkspaceError

log = logging.getLogger(__name__)


class StoreError(ValueError):
    """A store URL that cannot be used; the message says why."""


@dataclass(frozen=True)
class WorkerStore:
    """Where a worker's evidence goes: its workdir, and the store URL its crawls write to."""

    workdir: Path
    store_url: str = ""  # set for s3://: every sealed artefact is also written there, locked

    def describe(self) -> str:
        if self.store_url:
            return f"{self.store_url} (Object Lock; scratch workdir {self.workdir})"
        return str(self.workdir)


def worker_store(store: str, scratch: Path | None = None) -> WorkerStore:
    """The evidence store a ``--store`` URL names: a shared folder (``file://``), or an S3
    bucket with Object Lock (``s3://bucket/prefix``) with ``scratch`` as the local workdir."""
    parts = urlsplit(store)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        return WorkerStore(Path(unquote(parts.path)))
    if parts.scheme == "s3" and parts.netloc:
        return WorkerStore((scratch or Path("jasper-data")).expanduser().resolve(), store)
    raise StoreError(
        f"store must be file:///path/to/shared/folder or s3://bucket/prefix, got {store!r}"
    )


def check_store(url: str) -> None:
    """Open the S3 store once (bucket reachable, Object Lock enabled) before taking jobs; the
    retention of what each job writes is that job's setting (``JASPER_STORE_RETAIN_DAYS``)."""
    try:
        open_store(url)
    except BlobStoreError as exc:
        raise StoreError(str(exc)) from None


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
    scratch: Path | None = None,
    concurrency: int = 1,
    batch: int = 20,
    queue: str = "jasper",
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Consume ``queue`` on ``broker_url`` until SIGINT/SIGTERM (or ``stop``)."""
    stop = stop or threading.Event()
    kept = worker_store(store, scratch)
    workdir = kept.workdir
    broker = make_broker(broker_url)  # checks the URL; connects on first use
    if kept.store_url:
        check_store(kept.store_url)
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
                                  store_url=kept.store_url, stop=stop)  # fmt: skip
    where = f"the broker at {safe_url(broker_url)}"
    if not wait_for(where, lambda: fleet.broker.declare_queue(queue, ensure=True), say, stop):
        return

    outage = BrokerOutage(where)
    for handler in logging.getLogger().handlers:
        handler.addFilter(outage)
    worker = dramatiq.Worker(fleet.broker, worker_threads=concurrency)  # this broker: our queues
    worker.queue_prefetch = concurrency  # jobs are long: hold none back from idle workers
    worker.start()
    say(
        f"worker {fleet.ctx().name}: {concurrency} at a time from queue {queue!r} on "
        f"{safe_url(broker_url)}, evidence in {kept.describe()}, "
        f"database {workspace.safe_db_url}"
    )
    try:
        while not stop.wait(RETRY_SECONDS):
            if outage.away.is_set() and broker_reachable(broker_url):
                outage.away.clear()
                say(f"the broker is back ({safe_url(broker_url)}): resuming")
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(outage)
        say("stopping: finishing the jobs in hand (unstarted ones go back to the queue)")
        worker.stop()
        fleet.broker.close()
        workspace.close()
        time.sleep(0)
