"""Reading evidence back: the workdir's own copy when present, else the store's, checked.

A machine without the shared folder (a worker's scratch workdir, an examiner's machine with
only the database and the store) reads each artefact from the store ``JASPER_STORE_URL``
names. A fetched copy is hashed as it arrives and kept under ``<workdir>/store-cache/``,
read-only, only when its SHA-256 is the one recorded at capture; any other is refused with
an error naming the object, never used. The cache is a convenience: delete it at any time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from evidence.store import CHUNK, sha256_file
from evidence.stores import BlobStore, StoreError, replica_store
from settings.config import JasperConfig

CACHE_DIR = "store-cache"
# Workdir folders whose files are written to the store as well as to the workdir.
STORED_DIRS = ("artefacts", "timestamps")


class ArtefactError(RuntimeError):
    """An artefact that cannot be read as recorded; the message says which and why."""


class ArtefactMissing(ArtefactError):
    """Neither the workdir nor the store holds the artefact."""


class ArtefactAltered(ArtefactError):
    """The store's copy does not hash to the SHA-256 recorded at capture."""


def stored_in_store(rel: str) -> bool:
    """Whether a workdir-relative file is one the store also keeps."""
    return rel.split("/", 1)[0] in STORED_DIRS


class Artefacts:
    """Workdir-relative artefacts, read from the workdir or (checked) from the store."""

    def __init__(
        self, workdir: Path, opener: Callable[[], BlobStore | None] = lambda: None
    ) -> None:
        self.workdir = workdir
        self._opener = opener
        self._store: BlobStore | None = None
        self._opened = False

    @classmethod
    def of(cls, config: JasperConfig) -> Artefacts:
        """The artefacts of a configured workdir and its store (opened on first use)."""
        return cls(config.workdir, lambda: replica_store(config))

    @property
    def store(self) -> BlobStore | None:
        """The configured store, opened (and its Object Lock checked) on first use."""
        if not self._opened:
            try:
                self._store = self._opener()
            except StoreError as exc:
                raise ArtefactError(str(exc)) from None
            self._opened = True
        return self._store

    def local(self, rel: str) -> Path:
        """The workdir path of ``rel``, refusing paths that leave the workdir."""
        root = self.workdir.resolve()
        path = (root / rel).resolve()
        if not path.is_relative_to(root) or rel.startswith(CACHE_DIR + "/"):
            raise ArtefactError(f"artefact path {rel!r} is outside the workdir's evidence")
        return path

    def path(self, rel: str, sha256: str) -> Path:
        """A local file holding ``rel``: the workdir's own copy if present (callers that copy
        it check its hash), else a copy fetched from the store and checked against ``sha256``."""
        local = self.local(rel)
        if local.is_file():
            return local
        cached = self.workdir.resolve() / CACHE_DIR / rel
        if cached.is_file():
            if sha256_file(cached) == sha256:
                return cached
            cached.unlink()  # our own cache, changed since: fetch it again
        return self._fetch(rel, sha256, cached)

    def _require_store(self, rel: str) -> BlobStore:
        store = self.store
        if store is None:
            raise ArtefactMissing(
                f"file {rel} is missing from the workdir {self.workdir} (and no store is "
                "configured: set JASPER_STORE_URL to read evidence from it)"
            )
        return store

    def _stream(self, rel: str, sha256: str, out: Callable[[bytes], object]) -> None:
        """Read ``rel`` from the store into ``out``, raising unless it hashes to ``sha256``."""
        store = self._require_store(rel)
        where = f"{store.describe()}/{rel}"
        digest = hashlib.sha256()
        try:
            if not store.exists(rel):
                raise ArtefactMissing(f"file {rel} is missing from the workdir and from {where}")
            with store.open(rel) as body:
                while chunk := body.read(CHUNK):
                    digest.update(chunk)
                    out(chunk)
        except ArtefactError:
            raise
        except Exception as exc:  # boto3's errors are not OSErrors
            raise ArtefactError(f"cannot read {where}: {exc}") from None
        if digest.hexdigest() != sha256:
            raise ArtefactAltered(
                f"{where} was altered: sha256 {digest.hexdigest()} != {sha256} recorded at "
                "capture; not using it (an overwrite stacks a new object version: the locked "
                "original may still be listed among the object's versions)"
            )

    def _fetch(self, rel: str, sha256: str, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                self._stream(rel, sha256, out.write)
            os.chmod(tmp_name, 0o444)
            os.replace(tmp_name, target)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
        return target

    def check_stored(self, rel: str, sha256: str) -> None:
        """Rehash the store's copy of ``rel`` (without keeping it); raise if missing or altered."""
        self._stream(rel, sha256, lambda chunk: None)

    def put(self, rel: str, sha256: str) -> None:
        """Write the sealed workdir file ``rel`` to the store (a no-op without one)."""
        store = self.store
        if store is None:
            return
        try:
            store.put(rel, self.local(rel), sha256)
        except Exception as exc:  # boto3's errors are not OSErrors; the caller records it
            raise OSError(f"copy to {store.describe()} failed: {exc}") from exc
