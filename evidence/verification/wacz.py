"""The WACZ: its datapackage digest, every resource's hash, and every WARC record digest."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from evidence.store import CHUNK
from evidence.verification.problems import CheckResult, Problem, result
from evidence.verification.unpack import READ_ERRORS, Limits, entry_count, screen

PACKAGE = "datapackage.json"
DIGEST = "datapackage-digest.json"
MAX_PACKAGE = 64 << 20  # datapackage.json is read whole: refuse absurd ones


def _stream_hash(zf: zipfile.ZipFile, member: str) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with zf.open(member) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _read_json(zf: zipfile.ZipFile, member: str) -> Any:
    if zf.getinfo(member).file_size > MAX_PACKAGE:
        raise ValueError("too large")
    return json.loads(zf.read(member))


def _check_warc(zf: zipfile.ZipFile, member: str, label: str) -> list[Problem]:
    problems: list[Problem] = []
    try:
        with zf.open(member) as fh:
            records = ArchiveIterator(fh, check_digests=True)
            for record in records:
                stream = record.content_stream()
                while stream.read(CHUNK):
                    pass
                if record.digest_checker.passed is False:
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    detail = "; ".join(record.digest_checker.problems)
                    problems.append(Problem(label, "altered", f"record {record_id}: {detail}"))
    except (ArchiveLoadFailed, OSError, *READ_ERRORS) as exc:
        problems.append(Problem(label, "invalid", f"unreadable WARC: {exc}"))
    return problems


def check_wacz(
    wacz: Path, label: str, limits: Limits | None = None
) -> tuple[CheckResult, dict[str, str]]:
    """Check a WACZ in place (nothing extracted); return the result and each member's SHA-256."""
    name = "WACZ datapackage and WARC record digests"
    limits = limits or Limits()
    declared = entry_count(wacz)
    if declared is not None and declared > limits.max_members:
        detail = f"{declared} entries (limit {limits.max_members})"
        return result(name, [Problem(label, "unsafe", detail)]), {}
    try:
        zf = zipfile.ZipFile(wacz)
    except (OSError, *READ_ERRORS) as exc:
        return result(name, [Problem(label, "invalid", f"not a readable ZIP: {exc}")]), {}
    problems: list[Problem] = []
    hashes: dict[str, str] = {}
    with zf:
        infos = zf.infolist()
        refused = screen(infos, limits, lambda member: f"{label}!{member}")
        if refused:
            return result(name, refused), {}
        members = {i.filename for i in infos}
        try:
            package = _read_json(zf, PACKAGE)
            digest = _read_json(zf, DIGEST) if DIGEST in members else None
            resources = {str(r["path"]): r for r in package["resources"]}
        except (KeyError, TypeError, AttributeError, *READ_ERRORS) as exc:
            return result(name, [Problem(label, "invalid", str(exc))]), {}
        if digest is None:
            problems.append(Problem(f"{label}!{DIGEST}", "missing"))
        else:
            actual = "sha256:" + hashlib.sha256(zf.read(PACKAGE)).hexdigest()
            if not isinstance(digest, dict) or digest.get("hash") != actual:
                problems.append(Problem(f"{label}!{PACKAGE}", "altered", f"not {DIGEST}"))
        for path in sorted(members - set(resources) - {PACKAGE, DIGEST}):
            if not path.endswith("/"):
                problems.append(Problem(f"{label}!{path}", "extra", "not in datapackage.json"))
        for path, resource in sorted(resources.items()):
            where = f"{label}!{path}"
            if path not in members:
                problems.append(Problem(where, "missing", "listed in datapackage.json"))
                continue
            try:
                size, sha256 = _stream_hash(zf, path)
            except READ_ERRORS as exc:
                problems.append(Problem(where, "corrupt", f"{type(exc).__name__}: {exc}"))
                continue
            if resource.get("hash") != f"sha256:{sha256}" or resource.get("bytes") != size:
                problems.append(Problem(where, "altered", "differs from datapackage.json"))
                continue
            hashes[path] = sha256
            if path.startswith("archive/"):
                problems += _check_warc(zf, path, where)
    return result(name, problems), hashes
