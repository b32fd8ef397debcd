"""Store a capture's artefacts content-addressed and write its WARC."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from evidence.capture.context import RunContext
from evidence.capture.page import PageCapture, StoredArtefact
from evidence.provenance import host_name, software_string, software_versions
from evidence.store import ArtefactStore, Stored
from evidence.warc import (
    EvidenceWARCWriter,
    content_record,
    record_id,
    request_record,
    response_record,
)

log = logging.getLogger(__name__)
SUFFIXES = {
    "text/html": ".html", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
    "image/webp": ".webp", "image/svg+xml": ".svg", "application/xhtml+xml": ".xhtml",
    "application/pem-certificate-chain": ".pem",
}  # fmt: skip


def note_records(capture: PageCapture) -> list[dict[str, Any]]:
    """A capture's notes as JSON: what was done to the page while capturing it, and when."""
    return [
        {"step": n.step, "note": n.note, "at": n.at.isoformat(), "detail": n.detail}
        for n in capture.notes
    ]


def suffix_for(media_type: str | None) -> str:
    """A file suffix for a media type (``.bin`` when unknown)."""
    return SUFFIXES.get(media_type or "", ".bin")


class CaptureArchiver:
    """Writes one capture's files and WARC into the artefact store."""

    def __init__(self, run: RunContext, store: ArtefactStore, gzip_level: int = 6) -> None:
        self.run = run
        self.store = store
        self.gzip_level = gzip_level
        self.warc_seconds = 0.0  # time spent writing WARCs, of all archiving
        self._lock = threading.Lock()

    def _bytes_for(self, capture: PageCapture, artefact: StoredArtefact) -> bytes | None:
        if artefact.kind == "screenshot":
            return capture.screenshot
        if artefact.kind == "tls-chain":
            return capture.tls_chain
        if artefact.kind == "dom":
            return capture.dom.encode("utf-8") if capture.dom is not None else None
        if artefact.kind == "page":
            main = capture.main_exchange
            return main.body if main else None
        return next((e.body for e in capture.exchanges if e.url == artefact.source_url), None)

    def archive(self, capture: PageCapture) -> None:
        """Store files, then the WARC; failures are recorded against the capture."""
        for artefact in capture.artefacts:
            data = self._bytes_for(capture, artefact)
            if data is None:
                continue
            try:
                artefact.path = self.store.put_bytes(
                    data, suffix_for(artefact.media_type), digest=artefact.sha256
                ).path
            except OSError as exc:
                capture.fail(f"store-{artefact.kind}", exc)
        if not capture.exchanges and capture.screenshot is None:
            return  # nothing was acquired: no archive to write
        started = time.perf_counter()
        try:
            stored = self.write_warc(capture)
        except OSError as exc:
            capture.fail("warc", exc)
            return
        finally:
            with self._lock:
                self.warc_seconds += time.perf_counter() - started
        capture.artefacts.append(
            StoredArtefact("warc", stored.sha256, stored.size, "application/warc", path=stored.path)
        )

    def write_warc(self, capture: PageCapture) -> Stored:
        """The capture's WARC: warcinfo, request/response pairs, context, screenshot and DOM."""
        with self.store.writing(".warc.gz") as out:
            writer = EvidenceWARCWriter(out, self.gzip_level)  # type: ignore[arg-type]
            writer.write_record(
                writer.create_warcinfo_record(f"{capture.uuid}.warc.gz", self._warcinfo(capture))
            )
            responses: dict[str, str] = {}
            main = capture.main_exchange
            for exchange in capture.exchanges:
                response = response_record(
                    writer,
                    exchange.url,
                    exchange.status,
                    exchange.status_text,
                    exchange.response_headers,
                    exchange.body,
                    exchange.received_at,
                    exchange.server_ip,
                    truncated=exchange.body is None,
                )
                request = request_record(
                    writer,
                    exchange.url,
                    exchange.method,
                    exchange.request_headers,
                    exchange.request_body,
                    exchange.requested_at,
                )
                writer.write_request_response_pair(request, response)
                responses.setdefault(exchange.url, record_id(response))
                if exchange is main:
                    capture.warc_record_id = record_id(response)
            page_uri = capture.final_url or capture.url
            # Under its own address: indexed under the page's URL, the context JSON would be
            # what replay tools (pywb, ReplayWeb.page) show for the page at most times.
            metadata = content_record(
                writer,
                "metadata",
                f"urn:metadata:{page_uri}",
                json.dumps(self._context(capture), sort_keys=True, indent=1).encode(),
                "application/json",
                capture.captured_at,
                refers_to=capture.warc_record_id,
            )
            writer.write_record(metadata)
            for artefact in capture.artefacts:
                if artefact.kind in ("page", "image"):
                    artefact.warc_record_id = responses.get(artefact.source_url or page_uri)
                elif artefact.kind in ("screenshot", "dom", "tls-chain"):
                    data = self._bytes_for(capture, artefact)
                    if data is None:
                        continue
                    record = content_record(
                        writer,
                        "resource",
                        f"urn:{artefact.kind}:{page_uri}",
                        data,
                        artefact.media_type or "application/octet-stream",
                        capture.captured_at,
                        refers_to=capture.warc_record_id,
                        extra={"WARC-Jasper-SHA256": artefact.sha256},
                    )
                    writer.write_record(record)
                    artefact.warc_record_id = record_id(record)
            return self.store.finish_stream(out)

    def _software(self) -> dict[str, str]:
        return self.run.software or software_versions()

    def _warcinfo(self, capture: PageCapture) -> dict[str, str]:
        return {
            "software": software_string(),
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.run.case,
            "operator": self.run.operator,
            "hostname": host_name(),
            "description": f"Jasper capture {capture.uuid} of {capture.url}",
            "json-metadata": json.dumps({"versions": self._software()}, sort_keys=True),
        }

    def _context(self, capture: PageCapture) -> dict[str, Any]:
        return {
            "capture": capture.uuid,
            "case": self.run.case,
            "crawl_run": self.run.run_id,
            "operator": self.run.operator,
            "kind": capture.kind,
            "persona": capture.persona,
            "authorisation": self.run.authorisation_id,
            "url": capture.url,
            "final_url": capture.final_url,
            "redirects": capture.redirects,
            "http_status": capture.http_status,
            "started_at": capture.started_at.isoformat(),
            "captured_at": capture.captured_at.isoformat(),
            "found_by": {
                "keyword": capture.keyword,
                "search_page": capture.search_url,
                "rank": capture.rank,
            },
            "product": capture.product.as_json() if capture.product else None,
            "artefacts": {a.kind: a.sha256 for a in capture.artefacts if a.kind != "image"},
            "failed_steps": [{"step": e.step, "error": e.error} for e in capture.errors],
            "notes": note_records(capture),
            "egress": capture.egress,
            "software": self._software(),
        }
