"""Where sealed artefacts are kept, chosen by URL scheme: ``file://`` or ``s3://bucket/prefix``.

A store takes an artefact once, under its content address (``artefacts/ab/cd/<sha256>.ext``),
and never rewrites it. On S3 (any S3-compatible service, through boto3) every object is
written with Object Lock retention (WORM: ``COMPLIANCE`` or ``GOVERNANCE`` mode until a
date), and with its SHA-256 checked by the service on arrival; the bucket must have Object
Lock enabled, which is checked when the store is opened.
"""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Protocol
from urllib.parse import unquote, urlsplit

from settings.config import JasperConfig

LOCK_MODES = ("COMPLIANCE", "GOVERNANCE")


class StoreError(RuntimeError):
    """A store that cannot be used, or an artefact it refused or lacks; the message says why."""


@dataclass(frozen=True)
class Retention:
    """How long, and how strictly, stored evidence is locked against change and deletion."""

    mode: str = "COMPLIANCE"  # COMPLIANCE: nobody, not even the root account; GOVERNANCE:
    days: int = 3650  # only users with s3:BypassGovernanceRetention

    def __post_init__(self) -> None:
        if self.mode not in LOCK_MODES:
            raise StoreError(f"lock mode must be one of {', '.join(LOCK_MODES)}, not {self.mode}")
        if self.days < 1:
            raise StoreError("retention must be at least one day")

    def until(self, now: datetime | None = None) -> datetime:
        """The date until which an object written now is locked."""
        return (now or datetime.now(UTC)) + timedelta(days=self.days)


class BlobStore(Protocol):
    """Write-once storage of sealed artefacts, by workdir-relative path."""

    def put(self, rel: str, source: Path, sha256: str) -> None:
        """Store the sealed file ``source`` as ``rel`` (a no-op if it is already there)."""

    def open(self, rel: str) -> BinaryIO:
        """Read a stored artefact."""

    def exists(self, rel: str) -> bool:
        """Whether ``rel`` is stored."""

    def describe(self) -> str:
        """Where artefacts go, for logs and run records (no credentials)."""


class FileStore:
    """Artefacts in a folder (a local disk, or a shared filesystem mounted on every worker)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def from_url(cls, url: str, retention: Retention | None = None) -> FileStore:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise StoreError(f"file store URL must be file:///absolute/path, got {url!r}")
        return cls(Path(unquote(parts.path)))

    def put(self, rel: str, source: Path, sha256: str) -> None:
        target = self.root / rel
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        shutil.copyfile(source, partial)
        os.chmod(partial, 0o444)
        os.replace(partial, target)

    def open(self, rel: str) -> BinaryIO:
        return (self.root / rel).open("rb")

    def exists(self, rel: str) -> bool:
        return (self.root / rel).exists()

    def describe(self) -> str:
        return self.root.as_uri()


class S3Store:
    """Artefacts as objects under ``s3://bucket/prefix/``, each locked on write."""

    def __init__(self, client: Any, bucket: str, prefix: str, retention: Retention) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.retention = retention

    @classmethod
    def from_url(cls, url: str, retention: Retention | None = None) -> S3Store:
        """An S3 store; the endpoint and credentials come from boto3's usual configuration
        (``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, profiles, instance roles)."""
        import boto3

        parts = urlsplit(url)
        if not parts.netloc:
            raise StoreError(f"S3 store URL must be s3://bucket/prefix, got {url!r}")
        store = cls(boto3.client("s3"), parts.netloc, parts.path, retention or Retention())
        store.check()
        return store

    def key(self, rel: str) -> str:
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def check(self) -> None:
        """Refuse a bucket without Object Lock: evidence there could be overwritten."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            lock = self.client.get_object_lock_configuration(Bucket=self.bucket)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code == "ObjectLockConfigurationNotFoundError":
                raise StoreError(
                    f"bucket {self.bucket} has no Object Lock; create it with Object Lock "
                    "enabled so that evidence cannot be altered or deleted"
                ) from None
            raise StoreError(f"cannot use bucket {self.bucket}: {exc}") from None
        except BotoCoreError as exc:
            raise StoreError(f"cannot reach S3 for bucket {self.bucket}: {exc}") from None
        if lock.get("ObjectLockConfiguration", {}).get("ObjectLockEnabled") != "Enabled":
            raise StoreError(f"bucket {self.bucket} does not have Object Lock enabled")

    def put(self, rel: str, source: Path, sha256: str) -> None:
        if self.exists(rel):
            return  # content-addressed: the same bytes are already locked there
        checksum = base64.b64encode(bytes.fromhex(sha256)).decode("ascii")
        with source.open("rb") as body:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(rel),
                Body=body,
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=checksum,  # the service refuses bytes that do not match
                ObjectLockMode=self.retention.mode,
                ObjectLockRetainUntilDate=self.retention.until(),
                Metadata={"sha256": sha256},
            )

    def open(self, rel: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            body: BinaryIO = self.client.get_object(Bucket=self.bucket, Key=self.key(rel))["Body"]
        except ClientError as exc:
            raise StoreError(f"{self.describe()}/{rel}: {exc}") from None
        return body

    def exists(self, rel: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(rel))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}".rstrip("/")


STORE_SCHEMES: dict[str, Callable[[str, Retention | None], BlobStore]] = {
    "file": FileStore.from_url,
    "s3": S3Store.from_url,
}


def open_store(url: str, retention: Retention | None = None) -> BlobStore:
    """The store a URL names, by scheme (``file``, ``s3``)."""
    scheme = urlsplit(url).scheme
    factory = STORE_SCHEMES.get(scheme)
    if factory is None:
        raise StoreError(
            f"store URL must be file:///path or s3://bucket/prefix, got {url!r} "
            f"(schemes: {', '.join(STORE_SCHEMES)})"
        )
    return factory(url, retention)


def replica_store(config: JasperConfig) -> BlobStore | None:
    """The WORM copy every artefact is also written to (``JASPER_STORE_URL``), if any."""
    if not config.store_url:
        return None
    return open_store(config.store_url, Retention(config.store_lock_mode, config.store_retain_days))
