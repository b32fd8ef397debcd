"""The evidence core on its own, without Scrapy or a browser: store, WARC writer, recorder,
ledger append and the time-stamp queue, on real SQLite files."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from evidence.audit import audit
from evidence.capture.page import Exchange, PageCapture
from evidence.capture.product import Product
from evidence.capture.recorder import EvidenceRecorder
from evidence.capture.session import recording
from evidence.capture.stamping import StampQueue
from evidence.clock import utcnow
from evidence.ledger import verify_chain
from evidence.models import Artefact, Capture, CaptureError, CrawlRun, Event
from evidence.store import ArtefactStore
from evidence.workspace import Workspace

pytestmark = pytest.mark.fast


def png(colour: str = "red") -> bytes:
    """A small PNG."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def page(url: str = "https://shop.example/item/1", *, title: str = "Rolex replica") -> PageCapture:
    """A captured page as an entry point would hand it over: bytes, screenshot, DOM, traffic."""
    now = utcnow()
    body = f"<html><title>{title}</title></html>".encode()
    exchange = Exchange(
        url=url,
        method="GET",
        request_headers=[("User-Agent", "test"), ("Cookie", "session=s3cret")],
        request_body=None,
        status=200,
        status_text="OK",
        response_headers=[("Content-Type", "text/html; charset=utf-8")],
        body=body,
        body_error=None,
        resource_type="document",
        requested_at=now - timedelta(seconds=1),
        received_at=now,
        server_ip="192.0.2.7",
        is_navigation=True,
    )
    return PageCapture(
        uuid=hashlib.sha256(url.encode() + os.urandom(8)).hexdigest()[:32],
        url=url,
        started_at=now - timedelta(seconds=2),
        captured_at=now,
        is_listing=True,
        final_url=url,
        http_status=200,
        keyword="rolex",
        product=Product(title, Decimal("99.00"), "GBP", "seller1", "desc"),
        exchanges=[exchange],
        screenshot=png(),
        dom=f"<html><head><title>{title}</title></head><body>rendered</body></html>",
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    found = Workspace(tmp_path / "work")
    yield found
    found.close()


def test_store_is_content_addressed_read_only_and_never_rewritten(tmp_path: Path) -> None:
    store = ArtefactStore(tmp_path)
    first = store.put_bytes(b"evidence", ".bin")
    again = store.put_bytes(b"evidence", ".bin")
    assert first == again and first.sha256 == hashlib.sha256(b"evidence").hexdigest()
    path = tmp_path / first.path
    assert path.read_bytes() == b"evidence" and oct(path.stat().st_mode & 0o777) == "0o444"
    with pytest.raises(RuntimeError), store.writing(".bin") as out:
        out.write(b"half")
        raise RuntimeError("crash mid-write")
    assert not any((tmp_path / "tmp").glob("*.part"))  # nothing half-written is left


def test_record_from_a_plain_script_without_scrapy(workspace: Workspace, tmp_path: Path) -> None:
    script = tmp_path / "record.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from tests.test_evidence_core import page\n"
        "from evidence.capture.session import recording\n"
        "from evidence.workspace import Workspace\n"
        "ws = Workspace(Path(sys.argv[1]))\n"
        "with recording(ws, case='script', operator='analyst') as recorder:\n"
        "    done = recorder.record(page())\n"
        "print(done.capture_id, done.status.value)\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded & {'scrapy', 'twisted', 'playwright', 'scrapy_playwright'}))\n"
    )
    result = subprocess.run(
        [sys.executable, str(script), str(workspace.workdir)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parent.parent)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    recorded, loaded = result.stdout.splitlines()
    assert recorded.split()[1] == "complete" and loaded == "[]"
    with workspace.db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert (run.kind, run.status, run.operator) == ("capture", "completed", "analyst")
        assert session.scalar(select(Capture.title)) == "Rolex replica"
        report = audit(session, workspace.workdir)
    assert report.ok, report.problems


def test_recorder_hashes_stores_archives_records_and_ledgers(workspace: Workspace) -> None:
    captured = page()
    captured.signed_in = True
    with recording(workspace, case="core") as recorder:
        done = recorder.record(captured)
    assert done.status.value == "complete"
    with workspace.db.session() as session:
        artefacts = {
            a.kind: a for a in session.scalars(select(Artefact).where(Artefact.capture_id == 1))
        }
        assert set(artefacts) == {"page", "screenshot", "dom", "warc"}
        for artefact in artefacts.values():  # SHA-256 at acquisition matches the file on disk
            data = (workspace.workdir / artefact.path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == artefact.digest_hex
        assert artefacts["screenshot"].phash and artefacts["screenshot"].dhash
        chain = verify_chain(session)
        assert chain.problems == [] and chain.entries >= 3  # case, run events, capture
        assert session.scalar(select(Event.kind).where(Event.capture_id == 1)) == "capture"
    types, bodies, cookie = [], {}, ""
    with (workspace.workdir / artefacts["warc"].path).open("rb") as warc:
        for record in ArchiveIterator(warc):  # a record's stream is read before the next
            types.append(record.rec_type)
            bodies[record.rec_type] = record.content_stream().read()
            if record.rec_type == "request":
                cookie = record.http_headers.get_header("Cookie")
    assert types[:3] == ["warcinfo", "response", "request"] and "metadata" in types
    assert "s3cret" not in cookie and cookie.startswith("[redacted by Jasper; sha256=")
    context = json.loads(bodies["metadata"])
    assert context["case"] == "core" and context["found_by"]["keyword"] == "rolex"


def test_failed_steps_are_recorded_never_silent(workspace: Workspace) -> None:
    broken = page()
    broken.screenshot = None
    broken.exchanges[0].body = None
    broken.exchanges[0].body_error = "Protocol error: body gone"
    with recording(workspace, case="core") as recorder:
        done = recorder.record(broken)
    # Neither the page body nor a screenshot: failed evidence, with the missing step named.
    assert done.status.value == "failed"
    with workspace.db.session() as session:
        steps = {(e.step, e.error) for e in session.scalars(select(CaptureError))}
    assert ("page", "Protocol error: body gone") in steps


def test_a_failing_block_fails_the_run_but_keeps_what_was_recorded(
    workspace: Workspace,
) -> None:
    with pytest.raises(RuntimeError), recording(workspace, case="core") as recorder:
        recorder.record(page())
        raise RuntimeError("disk full")
    with workspace.db.session() as session:
        run = session.scalars(select(CrawlRun)).one()
        assert (run.status, run.error) == ("failed", "RuntimeError: disk full")
        assert session.scalar(select(Capture.id)) is not None


def test_a_file_a_stopped_run_wrote_but_never_recorded_is_a_warning_not_a_failure(
    workspace: Workspace,
) -> None:
    store = ArtefactStore(workspace.workdir)
    with pytest.raises(RuntimeError), recording(workspace, case="core") as recorder:
        recorder.record(page())
        written = store.put_bytes(b"archived, then the database went away", ".warc.gz")
        raise RuntimeError("database unreachable")
    with workspace.db.session() as session:
        report = audit(session, workspace.workdir)
    assert report.ok, report.problems
    assert any(w.startswith(f"unrecorded file {written.path}: written while run 1 ran, which "
                            "ended failed") for w in report.warnings), report.warnings  # fmt: skip
    later = workspace.workdir / store.relative("ab" * 32, ".png")
    later.parent.mkdir(parents=True, exist_ok=True)
    later.write_bytes(b"put there afterwards")
    os.utime(later, (later.stat().st_atime, later.stat().st_mtime + 3600))
    with workspace.db.session() as session:
        report = audit(session, workspace.workdir)
    assert [str(p) for p in report.problems] == [
        f"unrecorded file {store.relative('ab' * 32, '.png')}: in artefacts/ but no record "
        "vouches for it, and no run that stopped was running when it was written"
    ]


def test_recorder_is_thread_safe_and_the_ledger_stays_one_chain(workspace: Workspace) -> None:
    with recording(workspace, case="core") as recorder:
        threads = [
            threading.Thread(target=recorder.record, args=(page(f"https://s.example/{n}"),))
            for n in range(12)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert recorder.recorded["complete"] == 12
        assert set(recorder.seconds) >= {"hashing", "storing", "database"}
    with workspace.db.session() as session:
        assert verify_chain(session).problems == []


class FakeStamper:
    """Counts the batches the queue hands over (the TSA itself is tested elsewhere)."""

    def __init__(self, size: int, seconds: float) -> None:
        self.tsa = type("TSA", (), {"batch_size": size, "batch_seconds": seconds})()
        self.batches: list[list[str]] = []

    def flush(self, batch: list[dict[str, object]]) -> None:
        self.batches.append([str(m["capture"]) for m in batch])


def test_stamp_queue_batches_by_size_and_stamps_the_rest_at_close() -> None:
    stamper = FakeStamper(size=3, seconds=3600)
    queue = StampQueue(stamper)  # type: ignore[arg-type]
    pages = [page(f"https://s.example/{n}") for n in range(7)]
    for captured in pages:
        queue.add(captured)
    assert [len(b) for b in stamper.batches] == [3, 3]
    queue.close()
    assert [len(b) for b in stamper.batches] == [3, 3, 1]
    assert [u for b in stamper.batches for u in b] == [p.uuid for p in pages]


def test_stamp_queue_stamps_an_old_batch_without_waiting_for_size() -> None:
    stamper = FakeStamper(size=100, seconds=0.0)
    queue = StampQueue(stamper)  # type: ignore[arg-type]
    queue.add(page())
    assert len(stamper.batches) == 1


def test_recorder_without_tsa_queues_nothing(workspace: Workspace) -> None:
    with recording(workspace, case="core") as recorder:
        assert isinstance(recorder, EvidenceRecorder) and recorder.queue is None
        recorder.record(page())
        assert recorder.timestamp_requests == 0
