"""Database engine, sessions and schema migrations (Alembic, run programmatically)."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from filelock import FileLock
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from settings.config import sqlite_url

MIGRATIONS = Path(__file__).parent / "migrations"


def default_db_url(workdir: Path) -> str:
    """SQLite inside the workdir: the embedded default."""
    return sqlite_url(workdir)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at Jasper's migrations and ``url``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migration_lock(url: str) -> FileLock:
    """The lock serialising schema migrations of one database among processes: two commands
    opening a brand-new workdir at once would otherwise both create its tables."""
    database = make_url(url).database if url.startswith("sqlite") else None
    if database and database != ":memory:":
        return FileLock(f"{database}.migrate.lock")
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return FileLock(Path(tempfile.gettempdir()) / f"jasper-migrate-{digest}.lock")


def migrate(url: str) -> None:
    """Bring the schema at ``url`` up to the latest migration (one process at a time)."""
    with migration_lock(url):
        command.upgrade(alembic_config(url), "head")


class Database:
    """One database: an engine, a session factory and a write lock for SQLite."""

    def __init__(self, url: str, *, upgrade: bool = True) -> None:
        self.url = url
        if upgrade:
            migrate(url)
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite allows one writer: serialise our own writers rather than spin on SQLITE_BUSY.
        self._write_lock = threading.Lock() if url.startswith("sqlite") else None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work committed on success, rolled back on error."""
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with self._sessions.begin() as session:
                yield session
        finally:
            if lock is not None:
                lock.release()

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` says the database could not be reached (an outage), rather than
    that a statement was wrong."""
    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )
