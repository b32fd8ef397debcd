"""Content-addressed, write-once artefact storage under the workdir."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from evidence.stores import BlobStore

CHUNK = 1 << 20


@dataclass(frozen=True)
class Stored:
    """Where an artefact now lives and what it hashed to at acquisition."""

    path: str  # relative to the workdir
    sha256: str
    size: int


class HashingWriter:
    """A binary file wrapper that hashes what passes through it."""

    def __init__(self, raw: BinaryIO, tmp_path: Path, suffix: str) -> None:
        self.raw = raw
        self.tmp_path = tmp_path
        self.suffix = suffix
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def tell(self) -> int:
        return self.size


class ArtefactStore:
    """Stores bytes under ``artefacts/ab/cd/<sha256><suffix>``; originals are never rewritten.

    Files are written under a temporary ``.part`` name, synced, then renamed into place, so a
    crash never leaves a file that looks complete but is not. With a ``replica`` (an
    ``s3://`` store with Object Lock, :mod:`evidence.stores`), every sealed file is also
    written there, once, locked; a copy that fails is a failed step of the capture.
    """

    def __init__(self, workdir: Path, replica: BlobStore | None = None) -> None:
        self.workdir = workdir
        self.root = workdir / "artefacts"
        self.tmp = workdir / "tmp"
        self.replica = replica

    def relative(self, digest: str, suffix: str) -> str:
        """The workdir-relative path for a digest."""
        return f"artefacts/{digest[:2]}/{digest[2:4]}/{digest}{suffix}"

    def put_bytes(self, data: bytes, suffix: str, digest: str | None = None) -> Stored:
        """Store ``data`` and return its location; ``digest`` is its SHA-256 if already known."""
        digest = digest or hashlib.sha256(data).hexdigest()
        rel = self.relative(digest, suffix)
        target = self.workdir / rel
        if not target.exists():
            with self.writing(suffix) as out:
                out.write(data)
                return self._finish(out)
        self._replicate(rel, target, digest)  # stored before, perhaps before the replica was set
        return Stored(rel, digest, len(data))

    @contextmanager
    def writing(self, suffix: str) -> Iterator[HashingWriter]:
        """Stream an artefact: write to the yielded writer, then call :meth:`finish_stream`."""
        self.tmp.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, suffix=suffix + ".part")
        with os.fdopen(fd, "wb") as raw:
            writer = HashingWriter(raw, Path(tmp_name), suffix)
            try:
                yield writer
            except BaseException:
                raw.close()
                Path(tmp_name).unlink(missing_ok=True)
                raise
        Path(tmp_name).unlink(missing_ok=True)  # no-op once finished

    def _finish(self, writer: HashingWriter) -> Stored:
        writer.flush()
        os.fsync(writer.raw.fileno())
        digest = writer.sha256.hexdigest()
        rel = self.relative(digest, writer.suffix)
        target = self.workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp_path = writer.tmp_path
        if target.exists():
            tmp_path.unlink()
        else:
            os.chmod(tmp_path, 0o444)
            os.replace(tmp_path, target)
        self._replicate(rel, target, digest)
        return Stored(rel, digest, writer.size)

    def _replicate(self, rel: str, sealed: Path, digest: str) -> None:
        if self.replica is None:
            return
        try:
            self.replica.put(rel, sealed, digest)
        except Exception as exc:  # boto3's errors are not OSErrors; the capture records it
            raise OSError(f"copy to {self.replica.describe()} failed: {exc}") from exc

    def finish_stream(self, writer: HashingWriter) -> Stored:
        """Seal a streamed artefact: sync, rename into its content address, make it read-only."""
        return self._finish(writer)

    def open(self, rel: str) -> BinaryIO:
        """Open a stored artefact for reading."""
        return (self.workdir / rel).open("rb")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()
