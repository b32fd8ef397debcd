"""Search a workdir or a bundle for secrets, looking inside gzip members, ZIPs and WACZs.

``python -m tests.hostile.leaks SERVER_URL PATH...`` asks a running hostile server for the
secrets it issued (``/_secrets``) and prints every file that holds one, and how.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_INNER = 512 << 20  # never inflate more than this from one member while searching


@dataclass(frozen=True)
class Leak:
    """A secret found in a file (``where``: path, with ``!member`` inside archives)."""

    where: str
    secret: str
    form: str  # "plain" or "url-encoded"


def _forms(secret: str) -> list[tuple[str, bytes]]:
    forms = [("plain", secret.encode())]
    quoted = urllib.parse.quote(secret, safe="")
    if quoted != secret:
        forms.append(("url-encoded", quoted.encode()))
    return forms


def _inflate(data: bytes) -> bytes:
    """All gzip members of ``data`` (WARCs are one member per record), bounded."""
    out, rest = [], data
    total = 0
    while rest[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = d.decompress(rest, MAX_INNER - total)
        out.append(chunk)
        total += len(chunk)
        if total >= MAX_INNER or not d.eof:
            break
        rest = d.unused_data
    return b"".join(out)


def _views(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The bytes of a file, and of whatever it holds (gzip, ZIP/WACZ members), recursively."""
    yield name, data
    if data[:2] == b"\x1f\x8b":
        try:
            yield from _views(name + "!gunzip", _inflate(data))
        except (zlib.error, EOFError, gzip.BadGzipFile):
            pass
    elif data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for info in zf.infolist():
                    if not info.is_dir() and info.file_size <= MAX_INNER:
                        yield from _views(f"{name}!{info.filename}", zf.read(info))
        except (zipfile.BadZipFile, RuntimeError, OSError):
            pass


def scan(paths: Iterable[Path], secrets: Iterable[str]) -> list[Leak]:
    """Every place a secret appears under ``paths`` (files or folders), as is or URL-encoded."""
    wanted = [(s, form, raw) for s in secrets if s for form, raw in _forms(s)]
    found: list[Leak] = []
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            for where, data in _views(str(path), path.read_bytes()):
                found += [Leak(where, s, form) for s, form, raw in wanted if raw in data]
    return found


def main(argv: list[str] | None = None) -> None:
    """CLI: ``python -m tests.hostile.leaks SERVER_URL PATH...``; exit 1 when a secret leaked."""
    args = argv if argv is not None else sys.argv[1:]
    with urllib.request.urlopen(args[0].rstrip("/") + "/_secrets", timeout=10) as resp:
        secrets = json.load(resp)
    leaks = scan([Path(p) for p in args[1:]], secrets)
    for leak in leaks:
        print(f"{leak.where}: {leak.secret[:9]}... ({leak.form})")
    print(f"{len(secrets)} secrets issued; {len(leaks)} found in {len({x.where for x in leaks})} "
          "places")  # fmt: skip
    sys.exit(1 if leaks else 0)


if __name__ == "__main__":
    main()
