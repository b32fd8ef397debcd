"""Record a captured page as evidence, in one call any entry point can make.

``EvidenceRecorder(...).record(page)`` hashes every artefact, stores it content-addressed,
writes the capture's WARC, records the capture with its custody event (which chains it onto
the ledger) and queues its manifest for a trusted time-stamp. It is plain, blocking Python:
a crawl calls it off the reactor thread, a script or a worker calls it directly.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from evidence.capture.archive import CaptureArchiver
from evidence.capture.context import RunContext
from evidence.capture.hashing import hash_capture
from evidence.capture.page import PageCapture
from evidence.capture.record import CaptureRecorder, capture_status
from evidence.capture.redaction import redact_capture
from evidence.capture.stamping import CaptureTimestamper, StampQueue
from evidence.db import Database
from evidence.models import CaptureStatus
from evidence.store import ArtefactStore
from evidence.stores import BlobStore
from evidence.timestamps import TimestampConfig

# The phases of recording, as timed in :attr:`EvidenceRecorder.seconds`.
PHASES = ("hashing", "storing", "warc", "database", "timestamps")


@dataclass(frozen=True)
class Recorded:
    """What became of a recorded capture."""

    capture_id: int
    uuid: str
    status: CaptureStatus


class EvidenceRecorder:
    """Turns captured pages into recorded evidence for one run (thread-safe)."""

    def __init__(
        self,
        run: RunContext,
        db: Database,
        workdir: Path,
        *,
        gzip_level: int = 6,
        tsa: TimestampConfig | None = None,
        replica: BlobStore | None = None,
    ) -> None:
        self.run = run
        self.db = db
        self.archiver = CaptureArchiver(run, ArtefactStore(workdir, replica), gzip_level)
        self.recorder = CaptureRecorder(run, db)
        self.stamper = (
            CaptureTimestamper(run, tsa, db, workdir, replica)
            if tsa is not None and tsa.enabled
            else None
        )
        self.queue = StampQueue(self.stamper) if self.stamper is not None else None
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.recorded: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def _timed(self, phase: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            with self._lock:
                self.seconds[phase] += time.perf_counter() - started

    def record(self, page: PageCapture) -> Recorded:
        """Hash, store, archive, record and queue for time-stamping one captured page.

        A page seen signed in has its credentials replaced by their hashes before anything
        is written. Failed steps are recorded against the capture, which is then partial or
        failed; a failure to record at all raises.
        """
        if page.signed_in:
            redact_capture(page, page.session_secrets)
        with self._timed("hashing"):
            page.artefacts = hash_capture(page)
        with self._timed("storing"):  # the WARC's share is moved to "warc" when read
            self.archiver.archive(page)
        with self._timed("database"):
            capture_id = self.recorder.record(page)
        status = capture_status(page)
        with self._lock:
            self.recorded[status.value] += 1
        if self.queue is not None:
            with self._timed("timestamps"):
                self.queue.add(page)
        return Recorded(capture_id, page.uuid, status)

    def phase_seconds(self) -> dict[str, float]:
        """Seconds spent in each phase so far (files stored apart from the WARC)."""
        with self._lock:
            seconds = {phase: self.seconds[phase] for phase in PHASES}
        seconds["warc"] = self.archiver.warc_seconds
        seconds["storing"] = max(seconds["storing"] - seconds["warc"], 0.0)
        return seconds

    def close(self) -> None:
        """Stamp the captures still queued."""
        if self.queue is not None:
            with self._timed("timestamps"):
                self.queue.close()

    @property
    def timestamp_requests(self) -> int:
        """TSA requests made so far."""
        return self.stamper.requests if self.stamper else 0

    @property
    def unstamped(self) -> int:
        """Captures whose time-stamp could not be obtained."""
        return self.stamper.unstamped if self.stamper else 0
