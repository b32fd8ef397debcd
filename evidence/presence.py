"""Whether the process recording a crawl run still lives, as seen from any machine.

A distributed job's crawl process holds, for its whole life, a PostgreSQL session-level
advisory lock named after its host and pid (the two a crawl run records) on a connection of
its own. The session ends with the process (``kill -9``) and, through TCP keepalives, with a
lost machine, and the lock with it. So when a job is delivered again, its earlier runs still
``running`` whose lock is free were left by a dead process, on whatever host, and are
recorded as interrupted: the next run, and a nightly report, see how they ended.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from sqlalchemy import Connection, NullPool, create_engine, select, text

from evidence.claims import KEEPALIVE
from evidence.db import Database
from evidence.models import CrawlRun
from evidence.provenance import host_name
from evidence.runs import RUNNING, record_interrupted


def presence_key(host: str, pid: int) -> int:
    """The advisory lock key of a process: 64 bits of SHA-256, signed."""
    digest = hashlib.sha256(f"jasper-process\0{host}\0{pid}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Presence:
    """This process's presence lock, held until :meth:`close` (or the process's death)."""

    def __init__(self, db_url: str) -> None:
        self._engine = create_engine(db_url, poolclass=NullPool)
        self._conn: Connection = self._engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        )
        for setting, value in KEEPALIVE.items():
            self._conn.execute(text(f"SET {setting} = {int(value)}"))
        key = presence_key(host_name(), os.getpid())
        self._conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})

    def close(self) -> None:
        """Let go (ends the session; a session the database already lost is gone anyway)."""
        try:
            self._conn.close()
        finally:
            self._engine.dispose()


def hold_presence(db_url: str) -> Presence | None:
    """Hold this process's presence lock; ``None`` off PostgreSQL (one machine)."""
    if not db_url.startswith("postgresql"):
        return None
    return Presence(db_url)


def _alive(db: Database, host: str, pid: int | None) -> bool:
    if pid is None:
        return False
    with db.engine.connect() as conn:
        key = presence_key(host, pid)
        if not conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
            return True
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        conn.commit()
        return False


def interrupt_dead_job_runs(db: Database, job_id: int, operator: str) -> list[int]:
    """Record as interrupted the runs of job ``job_id`` left ``running`` by a process that
    is gone (a killed worker's crawl); their ids."""
    if db.engine.dialect.name != "postgresql":
        return []
    with db.session() as session:
        rows = session.execute(
            select(CrawlRun.id, CrawlRun.host, CrawlRun.pid, CrawlRun.options).where(
                CrawlRun.status == RUNNING
            )
        ).all()
    mine = [(i, h, p) for i, h, p, options in rows if _job_of(options) == job_id]
    done, noticer = [], f"{host_name()}:{os.getpid()}"
    for run_id, host, pid in mine:
        if _alive(db, host, pid):
            continue
        reason = f"the process recording this run ({host}:{pid}) died; job {job_id} redelivered"
        detail = {"pid": pid, "host": host, "job": job_id, "noticed_by": noticer}
        if record_interrupted(db, run_id, operator, reason, detail):
            done.append(run_id)
    return done


def _job_of(options: Any) -> int | None:
    job = options.get("job") if isinstance(options, dict) else None
    return job if isinstance(job, int) else None
