"""WARC 1.1 writing: per-record gzip, SHA-256 record digests, linked request/response pairs."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

# Headers describing an encoding the browser has already undone: kept, but renamed, so that
# replay tools do not try to decode the decoded body again.
DECODED_HEADERS = {"content-encoding", "transfer-encoding"}
ORIGINAL_PREFIX = "X-Jasper-Orig-"


class _GzipMember:
    """One gzip member per record, at a chosen compression level (warcio hard-codes 9)."""

    def __init__(self, out: Any, level: int) -> None:
        self.out = out
        self.compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()


# Payloads already compressed by their format: deflating them again costs CPU for next to
# nothing (a tall page's 7 MB screenshot: 15% smaller for a third of a second), so their
# records are stored at level 0 (still one gzip member each, read by every WARC tool).
COMPRESSED_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
                    "font/woff2", "application/zip", "application/gzip")  # fmt: skip
COMPRESSED_PREFIXES = ("video/", "audio/")


def _already_compressed(record: Any) -> bool:
    """Whether a record's payload is in a compressed format (by its declared type)."""
    media = record.content_type or ""
    if record.http_headers is not None and record.rec_type in ("response", "revisit"):
        media = record.http_headers.get_header("Content-Type") or ""
    media = media.split(";")[0].strip().lower()
    return media in COMPRESSED_TYPES or media.startswith(COMPRESSED_PREFIXES)


class EvidenceWARCWriter(WARCWriter):
    """warcio's writer with SHA-256 digests and a configurable gzip level (level 0 for
    payloads that are compressed already)."""

    def __init__(self, out: BinaryIO, gzip_level: int = 6) -> None:
        super().__init__(out, gzip=False, warc_version="1.1")
        self.gzip_level = gzip_level

    @staticmethod
    def _create_digester() -> Digester:
        return Digester("sha256")

    def _write_warc_record(self, out: Any, record: Any) -> None:
        level = 0 if _already_compressed(record) else self.gzip_level
        super()._write_warc_record(_GzipMember(out, level), record)


def warc_date(when: datetime) -> str:
    """A WARC 1.1 date (UTC, microseconds)."""
    return str(datetime_to_iso_date(when.astimezone(UTC).replace(tzinfo=None), use_micros=True))


def _fix_headers(headers: Sequence[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    fixed: list[tuple[str, str]] = []
    for name, value in headers:
        lower = name.lower()
        if lower.startswith(":"):  # HTTP/2 pseudo-headers are not HTTP/1.1 header lines
            continue
        if lower in DECODED_HEADERS:
            fixed.append((ORIGINAL_PREFIX + name, value))
        elif lower == "content-length" and value.strip() != str(body_length):
            fixed.append((ORIGINAL_PREFIX + name, value))
        else:
            fixed.append((name, value))
    if not any(n.lower() == "content-length" for n, _ in fixed):
        fixed.append(("Content-Length", str(body_length)))
    return fixed


def request_record(
    writer: EvidenceWARCWriter,
    url: str,
    method: str,
    headers: Sequence[tuple[str, str]],
    body: bytes | None,
    when: datetime,
) -> Any:
    """A ``request`` record rebuilt from the headers the browser sent."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    fixed = [(n, v) for n, v in headers if not n.startswith(":")]
    if not any(n.lower() == "host" for n, _ in fixed):
        fixed.insert(0, ("Host", parts.netloc))
    http = StatusAndHeaders(f"{method} {target} HTTP/1.1", fixed, is_http_request=True)
    payload = body or b""
    return writer.create_warc_record(
        url,
        "request",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=http,
        warc_headers_dict={"WARC-Date": warc_date(when)},
    )


def response_record(
    writer: EvidenceWARCWriter,
    url: str,
    status: int,
    reason: str,
    headers: Sequence[tuple[str, str]],
    body: bytes | None,
    when: datetime,
    ip: str | None = None,
    truncated: bool = False,
) -> Any:
    """A ``response`` record of the body as received."""
    payload = body or b""
    http = StatusAndHeaders(
        f"{status} {reason or ''}".strip(), _fix_headers(headers, len(payload)), protocol="HTTP/1.1"
    )
    extra = {"WARC-Date": warc_date(when)}
    if ip:
        extra["WARC-IP-Address"] = ip
    if truncated:
        extra["WARC-Truncated"] = "unspecified"
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=http,
        warc_headers_dict=extra,
    )


def content_record(
    writer: EvidenceWARCWriter,
    record_type: str,
    uri: str,
    content: bytes,
    content_type: str,
    when: datetime,
    refers_to: str | None = None,
    extra: dict[str, str] | None = None,
) -> Any:
    """A ``resource`` or ``metadata`` record, optionally pointing at the record it describes."""
    headers = {"WARC-Date": warc_date(when), "Content-Type": content_type} | (extra or {})
    if refers_to:
        headers["WARC-Refers-To"] = refers_to
        headers["WARC-Concurrent-To"] = refers_to
    return writer.create_warc_record(
        uri,
        record_type,
        payload=io.BytesIO(content),
        length=len(content),
        warc_content_type=content_type,
        warc_headers_dict=headers,
    )


def record_id(record: Any) -> str:
    """The ``WARC-Record-ID`` of a record."""
    return str(record.rec_headers.get_header("WARC-Record-ID"))
