"""The provenance ledger: a hash chain over every custody event, and its verification.

Entry ``n`` stores the canonical JSON (sorted keys, no spaces, UTF-8) of its content, and
``entry_hash = SHA-256(canonical({"content": content, "prev": prev_hash, "seq": n}))`` where
``prev_hash`` is entry ``n-1``'s hash (64 zeros for the first). Content is the event row, and
for a capture the capture's identity and every artefact's path and SHA-256, so an edit to any
of those rows, or to the chain, no longer matches.
"""

from __future__ import annotations

import enum
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from evidence.models import Artefact, Base, Capture, CaptureError, Event, LedgerEntry

GENESIS = "0" * 64
# Any constant will do: it names the lock that serialises appends across PostgreSQL sessions.
PG_LOCK_KEY = 0x4A4153504552


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no insignificant whitespace, non-ASCII kept as UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(seq: int, prev_hash: str, content: dict[str, Any]) -> str:
    """The hash of entry ``seq``: its content chained to the previous hash."""
    payload = canonical({"content": content, "prev": prev_hash, "seq": seq})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def ledger_time(at: datetime) -> str:
    """UTC as the ledger's canonical content spells it: ``+00:00`` and microseconds, always.

    Deliberately not :func:`evidence.clock.rfc3339` (``Z``), which is for what people read:
    this text is hashed into every entry, and must never change.
    """
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def artefact_content(artefact: Artefact) -> dict[str, Any]:
    """What the ledger records of an artefact."""
    return {
        "id": artefact.id,
        "kind": artefact.kind,
        "path": artefact.path,
        "size": artefact.size,
        "sha256": artefact.digest_hex,
        "algorithm": artefact.digest_algorithm,
    }


def capture_content(
    capture: Capture, artefacts: list[Artefact], errors: list[CaptureError]
) -> dict[str, Any]:
    """What the ledger records of a capture: identity, status, artefact hashes, failed steps."""
    return {
        "id": capture.id,
        "uuid": capture.uuid,
        "url": capture.url,
        "status": capture.status.value,
        "captured_at": ledger_time(capture.captured_at),
        "final_url": capture.final_url,
        "http_status": capture.http_status,
        "server_ip": capture.server_ip,
        "tls": capture.tls,  # protocol and certificate summary from the capture connection
        "warc_record_id": capture.warc_record_id,
        "artefacts": [artefact_content(a) for a in sorted(artefacts, key=lambda a: a.id)],
        "errors": [
            {"id": e.id, "step": e.step, "error": e.error}
            for e in sorted(errors, key=lambda e: e.id)
        ],
    }


def event_content(session: Session, event: Event) -> dict[str, Any]:
    """The canonical content of an event as the database holds it now."""
    content: dict[str, Any] = {
        "event_id": event.id,
        "at": ledger_time(event.at),
        "kind": event.kind,
        "actor": event.actor,
        "case_id": event.case_id,
        "run_id": event.run_id,
        "capture_id": event.capture_id,
        "detail": event.detail,
    }
    if event.kind == "capture" and event.capture_id is not None:
        capture = session.get(Capture, event.capture_id)
        if capture is not None:
            artefacts = session.scalars(select(Artefact).where(Artefact.capture_id == capture.id))
            errors = session.scalars(
                select(CaptureError).where(CaptureError.capture_id == capture.id)
            )
            content["capture"] = capture_content(capture, list(artefacts), list(errors))
    rows = event.detail.get("rows") if isinstance(event.detail, dict) else None
    if isinstance(rows, dict):
        content["rows"] = {table: ledger_rows(session, table, ids) for table, ids in rows.items()}
    # Round-trip through JSON so what is hashed is exactly what verification will re-read.
    loaded: dict[str, Any] = json.loads(canonical(content))
    return loaded


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return ledger_time(value)
    if isinstance(value, Decimal | enum.Enum):
        return str(value.value if isinstance(value, enum.Enum) else value)
    return value


def ledger_rows(session: Session, table: str, ids: list[int]) -> list[dict[str, Any]]:
    """Rows an event names in ``detail.rows`` (``{table: [ids]}``), every column, by id."""
    found = Base.metadata.tables.get(str(table))
    if found is None or not isinstance(ids, list):
        return []
    result = session.execute(select(found).where(found.c.id.in_(ids)).order_by(found.c.id))
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in result]


class _Timer:
    """CPU seconds spent appending to the ledger in this process (for the crawl's stats)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds = 0.0
        self.entries = 0

    def add(self, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds
            self.entries += 1


TIMER = _Timer()


def append_seconds() -> float:
    """CPU seconds this process has spent in ledger appends (``jasper/ledger_seconds``)."""
    return TIMER.seconds


def _lock_head(session: Session) -> None:
    # SQLite: the event INSERT flushed before this already holds the database write lock.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def head(session: Session) -> LedgerEntry | None:
    """The latest ledger entry."""
    return session.scalar(select(LedgerEntry).order_by(LedgerEntry.seq.desc()).limit(1))


def append(session: Session, event: Event) -> LedgerEntry:
    """Chain ``event`` (already flushed) onto the ledger, in the caller's transaction."""
    started = time.thread_time()  # the append's own CPU, not time spent waiting for a core
    _lock_head(session)
    last = head(session)
    seq = last.seq + 1 if last else 1
    prev = last.entry_hash if last else GENESIS
    content = event_content(session, event)
    entry = LedgerEntry(
        seq=seq,
        event_id=event.id,
        content=canonical(content),
        prev_hash=prev,
        entry_hash=entry_hash(seq, prev, content),
    )
    session.add(entry)
    session.flush()
    TIMER.add(time.thread_time() - started)
    return entry


@dataclass(frozen=True)
class Problem:
    """A break in the chain or a row that no longer matches it."""

    seq: int | None
    message: str

    def __str__(self) -> str:
        return f"ledger entry {self.seq}: {self.message}" if self.seq else self.message


@dataclass
class ChainReport:
    """What verifying the chain found."""

    entries: int
    head_seq: int
    head_hash: str
    problems: list[Problem]
    # Every file the ledger vouches for: workdir-relative path -> SHA-256, first entry naming it.
    files: dict[str, tuple[str, int]]


def _entries(session: Session) -> Iterator[LedgerEntry]:
    yield from session.scalars(
        select(LedgerEntry).order_by(LedgerEntry.seq).execution_options(yield_per=500)
    )


def verify_chain(session: Session) -> ChainReport:
    """Recompute every entry's hash and compare each with the rows it vouches for."""
    problems: list[Problem] = []
    files: dict[str, tuple[str, int]] = {}
    expected_seq, prev, count = 1, GENESIS, 0
    ledgered_events: set[int] = set()
    ledgered_artefacts: set[int] = set()
    for entry in _entries(session):
        count += 1
        seq = entry.seq
        if seq != expected_seq:
            problems.append(Problem(expected_seq, f"missing (next entry found is {seq})"))
        if entry.prev_hash != prev:
            problems.append(Problem(seq, "previous-hash link broken (entry moved or altered)"))
        try:
            content: dict[str, Any] = json.loads(entry.content)
        except ValueError:
            problems.append(Problem(seq, "content is not valid JSON"))
            content = {}
        if entry_hash(seq, entry.prev_hash, content) != entry.entry_hash:
            problems.append(Problem(seq, "hash does not match its content"))
        problems.extend(_compare_rows(session, entry, content, ledgered_events, ledgered_artefacts))
        for path, digest in _files_of(content).items():
            files.setdefault(path, (digest, seq))
        expected_seq, prev = seq + 1, entry.entry_hash
    for event_id in session.scalars(select(Event.id).order_by(Event.id)):
        if event_id not in ledgered_events:
            problems.append(Problem(None, f"event {event_id} is not in the ledger"))
    for artefact_id in session.scalars(select(Artefact.id).order_by(Artefact.id)):
        if artefact_id not in ledgered_artefacts:
            problems.append(Problem(None, f"artefact {artefact_id} is not in the ledger"))
    return ChainReport(count, expected_seq - 1, prev, problems, files)


def _compare_rows(
    session: Session,
    entry: LedgerEntry,
    content: dict[str, Any],
    ledgered_events: set[int],
    ledgered_artefacts: set[int],
) -> list[Problem]:
    seq = entry.seq
    if content.get("event_id") != entry.event_id:
        return [Problem(seq, "event id differs from the ledgered content")]
    ledgered_events.add(entry.event_id)
    event = session.get(Event, entry.event_id)
    if event is None:
        return [Problem(seq, f"event {entry.event_id} was deleted")]
    now = event_content(session, event)
    problems = [
        Problem(seq, f"event {event.id} field {key!r} differs from the ledger")
        for key in sorted((set(content) | set(now)) - {"capture", "rows"})
        if content.get(key) != now.get(key)
    ]
    for table, ledgered_rows in (content.get("rows") or {}).items():
        current_rows = {r["id"]: r for r in (now.get("rows") or {}).get(table, [])}
        for row in ledgered_rows:
            if current_rows.get(row["id"]) is None:
                problems.append(Problem(seq, f"{table} row {row['id']} was deleted"))
            elif current_rows[row["id"]] != row:
                changed = sorted(k for k in row if row[k] != current_rows[row["id"]].get(k))
                problems.append(
                    Problem(seq, f"{table} row {row['id']} altered ({', '.join(changed)})")
                )
    ledgered = content.get("capture")
    if ledgered is None:
        return problems
    current = now.get("capture")
    if current is None:
        return [*problems, Problem(seq, f"capture {ledgered.get('id')} was deleted")]
    for key in sorted(set(ledgered) - {"artefacts", "errors"}):
        if ledgered[key] != current.get(key):
            problems.append(Problem(seq, f"capture {ledgered['id']} field {key!r} was altered"))
    # Rows added later (e.g. a failed time-stamp) are ledgered by their own event.
    failures = {e["id"]: e for e in current.get("errors", [])}
    for error in ledgered.get("errors", []):
        if failures.get(error["id"]) != error:
            problems.append(Problem(seq, f"capture error {error['id']} was deleted or altered"))
    have = {a["id"]: a for a in current["artefacts"]}
    for artefact in ledgered.get("artefacts", []):
        ledgered_artefacts.add(artefact["id"])
        row = have.get(artefact["id"])
        if row is None:
            problems.append(Problem(seq, f"artefact {artefact['id']} was deleted"))
        elif row != artefact:
            changed = sorted(k for k in artefact if artefact[k] != row.get(k))
            problems.append(
                Problem(seq, f"artefact {artefact['id']} altered ({', '.join(changed)})")
            )
    return problems


def _files_of(content: dict[str, Any]) -> dict[str, str]:
    """Files an entry vouches for: a capture's artefacts and any ``detail.files``."""
    files: dict[str, str] = {}
    for artefact in (content.get("capture") or {}).get("artefacts", []):
        files[artefact["path"]] = artefact["sha256"]
    detail = content.get("detail") or {}
    if isinstance(detail, dict) and isinstance(detail.get("files"), dict):
        files.update({str(k): str(v) for k, v in detail["files"].items()})
    return files
