"""Time-stamp captures at capture time, in batches: one TSA request per batch, not per file.

Each recorded capture contributes its hash manifest (capture uuid and every artefact's path
and SHA-256, canonical JSON). Every ``JASPER_TSA_BATCH_SIZE`` captures, or once
``JASPER_TSA_BATCH_SECONDS`` have passed since the oldest waiting one (checked as captures
arrive), and at spider close, the batch is written as one manifest file under
``timestamps/`` and stamped: ``X.json.tsr`` beside it. A batch that cannot be stamped is
recorded against each capture; with ``JASPER_REQUIRE_TIMESTAMP`` each is also corrected to
failed evidence.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import time
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector
from sqlalchemy import select

from crawler.config import JasperConfig
from crawler.items import PageCapture
from evidence import ledger
from evidence.custody import record_event
from evidence.db import Database
from evidence.ledger import canonical, rfc3339
from evidence.models import (
    Capture,
    CaptureCorrection,
    CaptureError,
    CaptureStatus,
    Timestamp,
    TimestampCapture,
)
from evidence.models.base import utcnow
from evidence.store import sha256_file
from evidence.timestamps import TimestampConfig, TimestampError, clock_source, stamp_file

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

    def __init__(self, config: JasperConfig, tsa: TimestampConfig, db: Database) -> None:
        self.config = config
        self.tsa = tsa
        self.db = db
        self.requests = 0
        self.unstamped = 0

    def _write_manifest(self, captures: list[dict[str, Any]]) -> Path:
        body = {
            "version": 1,
            "type": "jasper-capture-manifests",
            "case": self.config.case,
            "crawl_run": self.config.run_id,
            "created_at": rfc3339(utcnow()),
            "captures": [{**m, "manifest_sha256": manifest_digest(m)} for m in captures],
        }
        data = (canonical(body) + "\n").encode()
        target = self.config.workdir / STAMP_DIR / f"{hashlib.sha256(data).hexdigest()}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return target

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
        workdir = self.config.workdir
        files = {manifest.relative_to(workdir).as_posix(): sha256_file(manifest)}
        row = Timestamp(
            run_id=self.config.run_id,
            requested_at=utcnow(),
            manifest_path=manifest.relative_to(workdir).as_posix(),
            manifest_sha256=files[manifest.relative_to(workdir).as_posix()],
        )
        try:
            result, token, chain = stamp_file(manifest, self.tsa)
        except Exception as exc:  # any failure to stamp is recorded, never silently skipped
            if not isinstance(exc, TimestampError):
                exc = TimestampError(f"{type(exc).__name__}: {exc}")
            row.status, row.error = "failed", str(exc)
            self.unstamped += len(batch)
            log.warning("time-stamp failed for %d captures: %s", len(batch), exc)
        else:
            row.status, row.tsa_url, row.gen_time = "granted", result.tsa_url, result.gen_time_text
            row.token_path = token.relative_to(workdir).as_posix()
            row.chain_path = chain.relative_to(workdir).as_posix()
            row.token_sha256 = sha256_file(token)
            files[row.token_path] = row.token_sha256
            files[row.chain_path] = sha256_file(chain)
        self._record(row, batch, ids, files)

    def _record(
        self,
        row: Timestamp,
        batch: list[dict[str, Any]],
        ids: dict[str, int],
        files: dict[str, str],
    ) -> None:
        operator = self.config.operator
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
                run_id=self.config.run_id,
                detail={
                    "timestamp_id": row.id,
                    "status": row.status,
                    "tsa": row.tsa_url,
                    "gen_time": row.gen_time,
                    "error": row.error,
                    "required": self.tsa.require,
                    "captures": [m["capture"] for m in batch],
                    "files": files,
                    # The rows written with this stamp, so the ledger covers their hash columns.
                    "rows": {table: [r.id for r in rows] for table, rows in added.items()},
                },
            )


class TimestampCapturesPipeline:
    """Batches recorded captures and stamps each batch off the reactor thread."""

    def __init__(
        self, config: JasperConfig, tsa: TimestampConfig, db: Database, stats: StatsCollector
    ) -> None:
        self.config = config
        self.tsa = tsa
        self.db = db
        self.stats = stats
        self.stamper = CaptureTimestamper(config, tsa, db) if tsa.enabled else None
        self.pending: list[dict[str, Any]] = []
        self.oldest: float | None = None
        self.started = time.perf_counter()
        self._lock = asyncio.Lock()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TimestampCapturesPipeline:
        config = JasperConfig.from_settings(crawler.settings)
        if not config.evidence:
            raise NotConfigured("JASPER_EVIDENCE is off (bare crawl)")
        assert crawler.stats is not None
        tsa = TimestampConfig.from_settings(crawler.settings)
        return cls(config, tsa, Database(config.db_url, upgrade=False), crawler.stats)

    def _context(self) -> None:
        with self.db.transaction() as session:
            record_event(
                session,
                "capture-context",
                self.config.operator,
                run_id=self.config.run_id,
                detail={
                    "operator": self.config.operator,
                    "clock_source": clock_source(),
                    "timestamping": {
                        "tsa_urls": list(self.tsa.urls),
                        "required": self.tsa.require,
                        "batch_size": self.tsa.batch_size,
                        "batch_seconds": self.tsa.batch_seconds,
                    },
                },
            )

    async def open_spider(self, spider: Any = None) -> None:
        self.started = time.perf_counter()
        await asyncio.to_thread(self._context)

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, PageCapture) and self.stamper is not None:
            self.pending.append(capture_manifest(item))
            self.oldest = self.oldest or time.monotonic()
            due = time.monotonic() - self.oldest >= self.tsa.batch_seconds
            if len(self.pending) >= self.tsa.batch_size or due:
                await self._flush()
        return item

    async def _flush(self) -> None:
        batch, self.pending, self.oldest = self.pending, [], None
        if batch and self.stamper is not None:
            async with self._lock:
                await asyncio.to_thread(self.stamper.flush, batch)

    async def close_spider(self, spider: Any = None) -> None:
        try:
            await self._flush()
        finally:
            if self.stamper is not None:
                self.stats.set_value("jasper/timestamp_requests", self.stamper.requests)
                self.stats.set_value("jasper/captures_unstamped", self.stamper.unstamped)
            seconds = ledger.append_seconds()
            elapsed = time.perf_counter() - self.started
            self.stats.set_value("jasper/ledger_seconds", round(seconds, 4))
            self.stats.set_value(
                "jasper/ledger_share", round(seconds / elapsed, 4) if elapsed else 0
            )
            self.stats.set_value("jasper/ledger_entries", ledger.TIMER.entries)
            self.db.close()
