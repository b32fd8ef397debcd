"""The provenance ledger: append-only tables, a hash chain, and an audit that catches tampering.

Every attack runs on SQLite (a copy of the session crawl) and on PostgreSQL (a real capture).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from evidence.audit import audit
from evidence.custody import record_event
from evidence.db import Database, default_db_url
from evidence.ledger import GENESIS, canonical, entry_hash, verify_chain
from evidence.models import APPEND_ONLY_TABLES, CrawlRun, LedgerEntry
from tests.conftest import Crawl, fresh_pg_schema, jasper


@dataclass
class Backend:
    """A recorded database to attack, and the workdir its files live in."""

    name: str
    url: str
    workdir: Path


@pytest.fixture(scope="module")
def pg_backend(demo_site: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """One real capture into a fresh PostgreSQL schema (module-wide; attacks roll back)."""
    with fresh_pg_schema("jasper_ledger") as pg_url:
        workdir = tmp_path_factory.mktemp("pg-ledger")
        site_url = demo_site.base_url  # type: ignore[attr-defined]
        result = jasper(
            "capture", "--case", "pg", "--db", pg_url, "--workdir", str(workdir),
            f"{site_url}/item/rolex-gmt-pepsi-replica",
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        yield Backend("postgresql", pg_url, workdir)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, crawled: Crawl, tmp_path: Path) -> Iterator[Backend]:
    """A database to attack: a private SQLite copy of the crawl, or the PostgreSQL capture."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_backend")
        return
    copy = tmp_path / "jasper.db"
    with sqlite3.connect(crawled.workdir / "jasper.db") as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    yield Backend("sqlite", f"sqlite:///{copy}", crawled.workdir)  # files read, never written


def unlock(conn: Connection, table: str) -> None:
    """What a forger with database access does first: remove the append-only trigger."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only"))
    else:
        conn.execute(text(f"DROP TRIGGER {table}_no_update"))
        conn.execute(text(f"DROP TRIGGER {table}_no_delete"))


def first_capture_seq(conn: Connection) -> int:
    rows = conn.execute(text("SELECT seq, content FROM ledger_entries ORDER BY seq"))
    return next(seq for seq, content in rows if '"kind":"capture"' in content)


def edit_artefact_hash(conn: Connection) -> str:
    unlock(conn, "artefacts")
    artefact = conn.scalar(text("SELECT min(id) FROM artefacts"))
    conn.execute(text(f"UPDATE artefacts SET digest_hex = '{'f' * 64}' WHERE id = {artefact}"))
    return f"ledger entry {first_capture_seq(conn)}: artefact {artefact} altered (sha256)"


def edit_entry_hash(conn: Connection) -> str:
    unlock(conn, "ledger_entries")
    conn.execute(text(f"UPDATE ledger_entries SET entry_hash = '{'0' * 64}' WHERE seq = 2"))
    return "ledger entry 2: hash does not match its content"


def edit_entry_content(conn: Connection) -> str:
    unlock(conn, "ledger_entries")
    seq = first_capture_seq(conn)
    content = json.loads(conn.scalar(text(f"SELECT content FROM ledger_entries WHERE seq={seq}")))
    content["capture"]["status"] = "failed"
    conn.execute(
        text("UPDATE ledger_entries SET content = :c WHERE seq = :s"),
        {"c": canonical(content), "s": seq},
    )
    return f"ledger entry {seq}: hash does not match its content"


def delete_entry(conn: Connection) -> str:
    unlock(conn, "ledger_entries")
    conn.execute(text("DELETE FROM ledger_entries WHERE seq = 2"))
    return "ledger entry 2: missing (next entry found is 3)"


def reorder_entries(conn: Connection) -> str:
    unlock(conn, "ledger_entries")
    for old, new in ((2, -2), (3, 2), (-2, 3)):
        conn.execute(text(f"UPDATE ledger_entries SET seq = {new} WHERE seq = {old}"))
    return "ledger entry 2: previous-hash link broken (entry moved or altered)"


def delete_artefact(conn: Connection) -> str:
    unlock(conn, "artefacts")
    artefact = conn.scalar(text("SELECT max(id) FROM artefacts"))
    capture = conn.scalar(text(f"SELECT capture_id FROM artefacts WHERE id = {artefact}"))
    conn.execute(text(f"DELETE FROM artefacts WHERE id = {artefact}"))
    seq = next(
        seq
        for seq, content in conn.execute(text("SELECT seq, content FROM ledger_entries"))
        if json.loads(content).get("capture", {}).get("id") == capture
    )
    return f"ledger entry {seq}: artefact {artefact} was deleted"


def edit_event(conn: Connection) -> str:
    unlock(conn, "events")
    conn.execute(text("UPDATE events SET actor = 'someone else' WHERE id = 1"))
    seq = conn.scalar(text("SELECT seq FROM ledger_entries WHERE event_id = 1"))
    return f"ledger entry {seq}: event 1 field 'actor' differs from the ledger"


ATTACKS: dict[str, Callable[[Connection], str]] = {
    "artefact hash column": edit_artefact_hash,
    "ledger hash column": edit_entry_hash,
    "ledger content": edit_entry_content,
    "deleted ledger row": delete_entry,
    "reordered entries": reorder_entries,
    "deleted artefact row": delete_artefact,
    "edited event": edit_event,
}


def engine_for(backend: Backend) -> Engine:
    return create_engine(backend.url)


def test_untouched_database_passes_audit(backend: Backend) -> None:
    engine = engine_for(backend)
    with Session(engine) as session:
        report = audit(session, backend.workdir)
        first = session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)).first()
    engine.dispose()
    assert report.ok, report.problems[:5]
    assert report.warnings == []
    assert report.chain.entries > 3 and report.files_checked > 3
    assert first is not None and first.seq == 1 and first.prev_hash == GENESIS
    content = json.loads(first.content)
    assert first.entry_hash == entry_hash(1, GENESIS, content)


@pytest.mark.parametrize("attack", ATTACKS)
def test_tampering_is_caught_naming_the_first_broken_entry(backend: Backend, attack: str) -> None:
    engine = engine_for(backend)
    with engine.connect() as conn:
        trans = conn.begin()
        expected = ATTACKS[attack](conn)
        report = audit(Session(bind=conn), backend.workdir)
        trans.rollback()
    engine.dispose()
    assert not report.ok
    assert str(report.problems[0]) == expected, [str(p) for p in report.problems[:5]]


def test_changed_artefact_file_is_caught(backend: Backend, tmp_path: Path) -> None:
    workdir = tmp_path / "files"
    shutil.copytree(backend.workdir / "artefacts", workdir / "artefacts")
    engine = engine_for(backend)
    with engine.connect() as conn:
        rel = conn.scalar(
            text("SELECT path FROM artefacts WHERE kind = 'screenshot' ORDER BY id LIMIT 1")
        )
        target = workdir / rel
        target.chmod(0o644)
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 1
        target.write_bytes(bytes(data))
        report = audit(Session(bind=conn), workdir)
    engine.dispose()
    problems = [str(p) for p in report.problems]
    altered = [p for p in problems if f"file {rel} was altered" in p]
    assert len(altered) == 1 and altered[0].startswith("ledger entry "), problems


def test_evidence_tables_refuse_update_and_delete(backend: Backend) -> None:
    engine = engine_for(backend)
    checked = []
    with engine.connect() as conn:
        trans = conn.begin()
        for table in APPEND_ONLY_TABLES:
            if not conn.scalar(text(f"SELECT count(*) FROM {table}")):
                continue  # a row trigger needs a row to fire on
            checked.append(table)
            for statement in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}"):
                nested = conn.begin_nested()
                with pytest.raises(DBAPIError, match=f"{table} is append-only"):
                    conn.execute(text(statement))
                nested.rollback()
        trans.rollback()
    engine.dispose()
    assert {"listings", "captures", "artefacts", "events", "ledger_entries"} <= set(checked)


def test_crawl_runs_stay_updatable_and_report_ledger_cost(crawled: Crawl) -> None:
    db = Database(default_db_url(crawled.workdir), upgrade=False)
    with db.session() as session:
        stats = session.scalars(select(CrawlRun.stats)).first()
    db.close()
    assert stats is not None
    share = stats["jasper/ledger_seconds"] / stats["elapsed_time_seconds"]
    print(
        f"ledger: {stats['jasper/ledger_seconds']}s of "
        f"{stats['elapsed_time_seconds']:.1f}s ({share:.2%})"
    )
    assert share < 0.05


def test_audit_cli_names_an_altered_file(crawled: Crawl, tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(crawled.workdir, workdir)
    assert jasper("audit", "verify", "--workdir", str(workdir)).returncode == 0
    engine = create_engine(default_db_url(workdir))
    with engine.connect() as conn:
        rel = conn.scalar(text("SELECT path FROM artefacts WHERE kind = 'screenshot' LIMIT 1"))
    engine.dispose()
    target = workdir / rel
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[-1] ^= 1
    target.write_bytes(bytes(data))
    result = jasper("audit", "verify", "--workdir", str(workdir))
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("jasper: error: audit failed: ledger entry ")
    assert f"file {rel} was altered" in last


def test_concurrent_writers_keep_one_chain(backend: Backend) -> None:
    """Two processes' worth of writers (separate engines) appending at once never fork."""

    def writer(n: int) -> None:
        db = Database(backend.url, upgrade=False)
        for i in range(10):
            with db.transaction() as session:
                record_event(session, "view", f"writer-{n}", detail={"i": i})
        db.close()

    engine = engine_for(backend)
    with Session(engine) as session:
        before = session.scalar(select(LedgerEntry.seq).order_by(LedgerEntry.seq.desc()).limit(1))
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(engine) as session:
        report = verify_chain(session)
    engine.dispose()
    assert report.problems == []
    assert report.head_seq == (before or 0) + 20
