"""Outages of the database and the broker, as a worker lives through them.

Each is said once when it starts and once when it ends, never as a traceback per attempt;
jobs in hand wait for the database rather than fail, and are run again when it is back.
"""

from __future__ import annotations

import logging
import threading

import pika
from pika.exceptions import AMQPError
from sqlalchemy import text

from evidence.db import Database, connection_lost

log = logging.getLogger(__name__)
RETRY_SECONDS = 5.0  # how often a worker asks whether the database or the broker is back


class DatabaseLost(RuntimeError):
    """The job's crawl stopped because the database went away; it runs again."""


class DatabaseOutage:
    """A database outage, seen by the worker's threads: said once, waited out together."""

    def __init__(self, db: Database, stop: threading.Event) -> None:
        self.db = db
        self.stop = stop
        self.away = False
        self._lock = threading.Lock()

    def _reachable(self) -> bool:
        try:
            with self.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception as exc:
            if not connection_lost(exc):
                raise
            return False

    def wait_out(self, job_id: int) -> bool | None:
        """False when the database is there; True once it is back after being away; None
        when the worker stops first. Says once that the worker waits, and once that it
        resumes."""
        if self._reachable():
            return False
        with self._lock:
            if not self.away:
                self.away = True
                log.error("the database at %s is unreachable: waiting for it (job %s paused, "
                          "asking every %.0f s)", self.db.engine.url, job_id,
                          RETRY_SECONDS)  # fmt: skip
        while not self.stop.wait(RETRY_SECONDS):
            if self._reachable():
                with self._lock:
                    if self.away:
                        self.away = False
                        log.error("the database is back: resuming")
                return True
        return None


class BrokerOutage(logging.Filter):
    """Dramatiq reports a lost broker at every reconnection attempt and at every ack it
    cannot send; this says it once (and :func:`run_worker` once, when it is back)."""

    NOISE = ("connection error", "Failed to requeue")

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.away = threading.Event()

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("dramatiq"):
            return True
        text = record.getMessage()
        if "not in known tags" in text:  # an ack for a delivery the outage took away
            record.msg, record.args = (
                "a job finished while the broker was away is delivered again (its pages "
                "are skipped as captured)",
                (),
            )
            return True
        if not any(noise in text for noise in self.NOISE):
            return True
        if self.away.is_set():
            return False
        self.away.set()
        record.msg, record.args, record.exc_info, record.exc_text = (
            f"lost {self.where}: waiting for it (jobs in hand go on; new ones wait until it "
            f"is back; asking every {RETRY_SECONDS:.0f} s)",
            (),
            None,
            None,
        )
        return True


def broker_reachable(url: str) -> bool:
    """Whether the broker at ``url`` accepts a connection now."""
    try:
        pika.BlockingConnection(pika.URLParameters(url)).close()
        return True
    except (AMQPError, OSError):
        return False
