"""Time-stamp captures at capture time, in batches: one TSA request per batch, not per file.

Each recorded capture contributes its hash manifest (capture uuid and every artefact's path
and SHA-256, canonical JSON) to a :class:`StampQueue`. Every ``JASPER_TSA_BATCH_SIZE``
captures, or once ``JASPER_TSA_BATCH_SECONDS`` have passed since the oldest waiting one
(checked as captures arrive), and when the queue is closed, the batch is written as one
manifest file under ``timestamps/`` and stamped: ``X.json.tsr`` beside it. A batch that
cannot be stamped is recorded against each capture; with ``JASPER_REQUIRE_TIMESTAMP`` each is
also corrected to failed evidence. :func:`stamp_tally` counts, for a run, a case or chosen
captures, how many are stamped, failed to be, or were never submitted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.capture.context import RunContext
from evidence.capture.page import PageCapture
from evidence.custody import record_event
from evidence.db import Database
from evidence.ledger import canonical, ledger_time
from evidence.models import (
    Capture,
    CaptureCorrection,
    CaptureError,
    CaptureStatus,
    Event,
    Timestamp,
    TimestampCapture,
)
from evidence.models.base import utcnow
from evidence.store import sha256_file
from evidence.stores import BlobStore
from evidence.timestamps import TimestampConfig, TimestampError, stamp_file

log = logging.getLogger(__name__)
STAMP_DIR = "timestamps"


def capture_manifest(capture: PageCapture) -> dict[str, Any]:
    """A capture's hash manifest: its uuid and each stored artefact's kind, path and SHA-256."""
    return {
        "capture": capture.uuid,
        "artefacts": sorted(
            (
                {"kind": a.kind, "path": a.path, "sha256": a.sha256}
                for a in capture.artefacts
                if a.path
            ),
            key=lambda a: (a["kind"], a["path"] or ""),
        ),
    }


def manifest_digest(manifest: dict[str, Any]) -> str:
    """SHA-256 of a manifest's canonical JSON."""
    return hashlib.sha256(canonical(manifest).encode()).hexdigest()


class CaptureTimestamper:
    """Writes a batch's manifest, stamps it, and records the outcome for each capture."""

    def __init__(
        self,
        run: RunContext,
        tsa: TimestampConfig,
        db: Database,
        workdir: Path,
        store: BlobStore | None = None,
    ) -> None:
        self.run = run
        self.tsa = tsa
        self.db = db
        self.workdir = workdir
        self.store = store  # manifests, tokens and chains are kept there too
        self.requests = 0
        self.unstamped = 0
        self.tsa_names: dict[str, str] = {}  # TSA URL -> the name its certificate gives

    def _write_manifest(self, captures: list[dict[str, Any]]) -> Path:
        body = {
            "version": 1,
            "type": "jasper-capture-manifests",
            "case": self.run.case,
            "crawl_run": self.run.run_id,
            "created_at": ledger_time(utcnow()),
            "captures": [{**m, "manifest_sha256": manifest_digest(m)} for m in captures],
        }
        data = (canonical(body) + "\n").encode()
        target = self.workdir / STAMP_DIR / f"{hashlib.sha256(data).hexdigest()}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return target

    def _keep(self, path: Path) -> tuple[str, str]:
        """A written stamp file's workdir path and SHA-256, once it is also in the store; a
        copy that fails raises, and the time-stamp is then recorded as failed."""
        rel, digest = path.relative_to(self.workdir).as_posix(), sha256_file(path)
        if self.store is not None:
            try:
                self.store.put(rel, path, digest)
            except Exception as exc:  # boto3's errors are not OSErrors
                where = self.store.describe()
                raise TimestampError(f"copy of {rel} to {where} failed: {exc}") from exc
        return rel, digest

    def flush(self, batch: list[dict[str, Any]]) -> None:
        """Stamp one batch of capture manifests and record the result."""
        uuids = [m["capture"] for m in batch]
        with self.db.session() as session:
            rows = session.execute(select(Capture.uuid, Capture.id).where(Capture.uuid.in_(uuids)))
            ids = {uuid: capture_id for uuid, capture_id in rows}
        batch = [m for m in batch if m["capture"] in ids]  # unrecorded captures have no rows
        if not batch:
            return
        manifest = self._write_manifest(batch)
        self.requests += 1
        rel, digest = manifest.relative_to(self.workdir).as_posix(), sha256_file(manifest)
        files = {rel: digest}
        row = Timestamp(
            run_id=self.run.run_id, requested_at=utcnow(), manifest_path=rel, manifest_sha256=digest
        )
        try:
            self._keep(manifest)  # before asking the TSA: a token over a lost manifest is no use
            result, token, chain = stamp_file(manifest, self.tsa)
            (token_rel, token_sha), (chain_rel, chain_sha) = self._keep(token), self._keep(chain)
        except Exception as exc:  # any failure to stamp is recorded, never silently skipped
            if not isinstance(exc, TimestampError):
                exc = TimestampError(f"{type(exc).__name__}: {exc}")
            row.status, row.error = "failed", str(exc)
            self.unstamped += len(batch)
            log.warning("time-stamp failed for %d captures: %s", len(batch), exc)
        else:
            row.status, row.tsa_url, row.gen_time = "granted", result.tsa_url, result.gen_time_text
            self.tsa_names[row.tsa_url] = result.verified.tsa_name
            row.token_path, row.chain_path, row.token_sha256 = token_rel, chain_rel, token_sha
            files[token_rel], files[chain_rel] = token_sha, chain_sha
        self._record(row, batch, ids, files)

    def _record(
        self,
        row: Timestamp,
        batch: list[dict[str, Any]],
        ids: dict[str, int],
        files: dict[str, str],
    ) -> None:
        operator = self.run.operator
        with self.db.transaction() as session:
            session.add(row)
            session.flush()
            added: dict[str, list[Any]] = {"timestamps": [row]}
            for manifest in batch:
                capture_id = ids[manifest["capture"]]
                link = TimestampCapture(
                    timestamp_id=row.id,
                    capture_id=capture_id,
                    capture_manifest_sha256=manifest_digest(manifest),
                )
                session.add(link)
                added.setdefault("timestamp_captures", []).append(link)
                if row.status == "granted":
                    continue
                prefix = (
                    "required time-stamp not obtained" if self.tsa.require else "not time-stamped"
                )
                reason = f"{prefix}: {row.error}"
                error = CaptureError(
                    capture_id=capture_id, step="timestamp", error=reason, at=utcnow()
                )
                session.add(error)
                added.setdefault("capture_errors", []).append(error)
                if self.tsa.require:
                    correction = CaptureCorrection(
                        capture_id=capture_id,
                        status=CaptureStatus.FAILED.value,
                        reason=reason,
                        actor=operator,
                    )
                    session.add(correction)
                    added.setdefault("capture_corrections", []).append(correction)
            session.flush()
            case_id = session.scalar(
                select(Capture.case_id).where(Capture.id == ids[batch[0]["capture"]])
            )
            record_event(
                session,
                "timestamp",
                operator,
                case_id=case_id,
                run_id=self.run.run_id,
                detail={
                    "timestamp_id": row.id,
                    "status": row.status,
                    "tsa": row.tsa_url,
                    "tsa_name": self.tsa_names.get(row.tsa_url or ""),
                    "gen_time": row.gen_time,
                    "error": row.error,
                    "required": self.tsa.require,
                    "captures": [m["capture"] for m in batch],
                    "files": files,
                    # The rows written with this stamp, so the ledger covers their hash columns.
                    "rows": {table: [r.id for r in rows] for table, rows in added.items()},
                },
            )


class StampQueue:
    """Collects capture manifests and stamps them in batches, from any thread.

    A batch is stamped by whichever caller finds it due (size or age), in that caller's
    thread, one batch at a time; :meth:`close` stamps what is left.
    """

    def __init__(self, stamper: CaptureTimestamper) -> None:
        self.stamper = stamper
        self._pending: list[dict[str, Any]] = []
        self._oldest: float | None = None
        self._lock = threading.Lock()  # guards the pending list
        self._stamping = threading.Lock()  # one TSA round-trip at a time

    def add(self, capture: PageCapture) -> None:
        """Queue a recorded capture's manifest; stamp the batch if it is now due."""
        tsa = self.stamper.tsa
        with self._lock:
            self._pending.append(capture_manifest(capture))
            self._oldest = self._oldest or time.monotonic()
            due = len(self._pending) >= tsa.batch_size or (
                time.monotonic() - self._oldest >= tsa.batch_seconds
            )
        if due:
            self.flush()

    def flush(self) -> None:
        """Stamp every queued manifest now."""
        with self._stamping:
            with self._lock:
                batch, self._pending, self._oldest = self._pending, [], None
            if batch:
                self.stamper.flush(batch)

    def close(self) -> None:
        """Stamp what is left."""
        self.flush()


@dataclass(frozen=True)
class StampTally:
    """Captures with a granted time-stamp, with failed requests only, and never submitted."""

    granted: int = 0
    failed: int = 0  # every request for them was refused or unreachable
    missing: int = 0  # no request recorded: no TSA configured, or the process died first

    @property
    def unstamped(self) -> int:
        """Captures without a granted time-stamp."""
        return self.failed + self.missing


def stamp_tally(
    session: Session,
    *,
    run_id: int | None = None,
    case_id: int | None = None,
    capture_ids: Iterable[int] | None = None,
) -> StampTally:
    """Count the captures of a run, a case or a list (all given filters apply) by stamp state.

    For a crawl's summary line (``run_id``) and an export's (``capture_ids``): a capture whose
    time-stamp failed must be said, not hidden.
    """
    scope = select(Capture.id)
    if run_id is not None:
        scope = scope.where(Capture.run_id == run_id)
    if case_id is not None:
        scope = scope.where(Capture.case_id == case_id)
    if capture_ids is not None:
        scope = scope.where(Capture.id.in_(list(capture_ids)))
    ids = set(session.scalars(scope))
    states: dict[int, set[str]] = {}
    rows = session.execute(
        select(TimestampCapture.capture_id, Timestamp.status)
        .join(Timestamp, Timestamp.id == TimestampCapture.timestamp_id)
        .where(TimestampCapture.capture_id.in_(scope))
    )
    for capture_id, status in rows:
        states.setdefault(capture_id, set()).add(status)
    granted = sum(1 for i in ids if "granted" in states.get(i, ()))
    failed = sum(1 for i in ids if i in states and "granted" not in states[i])
    return StampTally(granted, failed, len(ids) - granted - failed)


def stamp_files(session: Session, case_id: int) -> dict[str, str]:
    """The files (manifests, tokens, TSA chains) a case's time-stamps wrote, with the SHA-256
    each was ledgered with."""
    found: dict[str, str] = {}
    details = session.scalars(
        select(Event.detail).where(Event.kind == "timestamp", Event.case_id == case_id)
    )
    for detail in details:
        files = (detail or {}).get("files")
        if isinstance(files, dict):
            found.update({str(k): str(v) for k, v in files.items()})
    return found
