"""Per-page claims at capture time: one live capture of a page per case, across workers.

A distributed capture job may be delivered twice at once (a duplicated message, a
redelivery while the first taker still runs). Before a job's crawl captures a page it takes
a PostgreSQL session-level advisory lock on (case, URL) on a connection of its own, then
checks that no capture of the page was made in the case since the job was queued. The lock
is held until the page's capture is recorded, or the crawl ends. A process that dies loses
its connection and with it its locks, so a redelivered job can take them; the session asks
the server to probe its socket (TCP keepalives), so a lost machine's locks go too.

A page another live delivery holds is waited for, not skipped: once its holder lets go,
the page is skipped if the holder captured it and captured here if not.
On SQLite (one process) there is nothing to claim: :func:`open_claims` returns ``None``.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, NullPool, create_engine, select, text

from evidence.db import Database
from evidence.models import Capture, CrawlRun

POLL_SECONDS = 1.0  # how often a page held by another delivery is tried again
WAIT_SECONDS = 15 * 60.0  # then give up on it: the job fails and is retried
# The server probes an idle claim session after 15 s, then every 5 s, 3 times: a machine
# lost mid-capture frees its pages within about half a minute.
KEEPALIVE = {"tcp_keepalives_idle": 15, "tcp_keepalives_interval": 5, "tcp_keepalives_count": 3}


def claim_key(case_id: int, url: str) -> int:
    """The advisory lock key of a page in a case: 64 bits of SHA-256, signed."""
    digest = hashlib.sha256(f"jasper-claim\0{case_id}\0{url}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@dataclass
class ClaimCounts:
    """What the claims decided, for the run's stats."""

    taken: int = 0
    skipped: int = 0  # captured in the case since the job was queued (by another delivery)
    waited: int = 0  # held by another live delivery when first asked
    timed_out: list[str] = field(default_factory=list)


class PageClaims:
    """The claims of one crawl process, on one dedicated PostgreSQL session."""

    def __init__(self, db_url: str, case_id: int, since: datetime, name: str) -> None:
        self.case_id = case_id
        self.since = since
        self.counts = ClaimCounts()
        self._held: set[str] = set()
        self._lock = threading.Lock()  # one statement at a time on the session
        # Not pooled: closing it ends the session, which releases every lock it holds.
        self._engine = create_engine(db_url, poolclass=NullPool)
        self._conn: Connection = self._engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        )
        for setting, value in KEEPALIVE.items():
            self._conn.execute(text(f"SET {setting} = {int(value)}"))
        self._conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": name})

    def take(self, url: str) -> str | None:
        """Try to claim ``url``: ``"taken"`` (capture it), ``"done"`` (captured since the job
        was queued: skip it) or ``None`` (another live delivery holds it)."""
        with self._lock:
            if url in self._held:
                return "taken"
            key = claim_key(self.case_id, url)
            if not self._conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
                return None
            query = select(Capture.id).where(
                Capture.case_id == self.case_id,
                Capture.url == url,
                Capture.captured_at >= self.since,
            )
            if self._conn.scalar(query.limit(1)) is not None:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                return "done"
            self._held.add(url)
            return "taken"

    def release(self, url: str) -> None:
        """Let go of ``url`` (its capture is recorded, or will not be)."""
        with self._lock:
            if url in self._held:
                self._held.discard(url)
                key = claim_key(self.case_id, url)
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})

    async def claimed(self, urls: Iterable[str]) -> AsyncIterator[str]:
        """Each of ``urls`` this process is to capture: first the free ones, then those
        another delivery held, as it lets go of them (unless it captured them)."""
        waiting: list[str] = []
        for url in dict.fromkeys(urls):
            state = await asyncio.to_thread(self.take, url)
            if state is None:
                waiting.append(url)
            elif self._count(state):
                yield url
        self.counts.waited = len(waiting)
        deadline = time.monotonic() + WAIT_SECONDS
        while waiting and time.monotonic() < deadline:
            await asyncio.sleep(POLL_SECONDS)
            still = []
            for url in waiting:
                state = await asyncio.to_thread(self.take, url)
                if state is None:
                    still.append(url)
                elif self._count(state):
                    yield url
            waiting = still
        self.counts.timed_out = waiting

    def _count(self, state: str) -> bool:
        if state == "done":
            self.counts.skipped += 1
            return False
        self.counts.taken += 1
        return True

    def close(self) -> None:
        """End the session: every claim still held is released."""
        with self._lock:
            self._held.clear()
            self._conn.close()
            self._engine.dispose()


def open_claims(db: Database, run_id: int, since: datetime) -> PageClaims | None:
    """Claims for run ``run_id``'s pages against captures since ``since``; ``None`` where
    there is nothing to claim (SQLite: one process)."""
    if db.engine.dialect.name != "postgresql":
        return None
    with db.session() as session:
        case_id = session.get_one(CrawlRun, run_id).case_id
    return PageClaims(db.url, case_id, since, f"jasper claims run {run_id}")
