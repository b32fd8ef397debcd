"""Evidence stores by URL scheme; S3 with Object Lock against moto's server, in-process."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from evidence.store import ArtefactStore
from evidence.stores import FileStore, Retention, S3Store, StoreError, open_store

REL = "artefacts/ab/cd/abcd.png"


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    client = boto3.client(
        "s3",
        endpoint_url=f"http://{host}:{port}",
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket="evidence", ObjectLockEnabledForBucket=True)
    client.create_bucket(Bucket="plain")
    yield client
    server.stop()


def _artefact(tmp_path: Path, data: bytes) -> tuple[Path, str]:
    source = tmp_path / "sealed.png"
    source.write_bytes(data)
    return source, hashlib.sha256(data).hexdigest()


@pytest.mark.fast
def test_s3_artefacts_are_locked_against_overwrite_and_delete(s3: Any, tmp_path: Path) -> None:
    store = S3Store(s3, "evidence", "case-a", Retention("COMPLIANCE", 30))
    store.check()
    source, digest = _artefact(tmp_path, b"the original screenshot")
    store.put(REL, source, digest)
    assert store.exists(REL) and store.open(REL).read() == b"the original screenshot"
    head = s3.head_object(Bucket="evidence", Key=f"case-a/{REL}")
    assert head["ObjectLockMode"] == "COMPLIANCE"
    assert head["ObjectLockRetainUntilDate"] > datetime.now(UTC)
    version = head["VersionId"]
    # Deleting the locked version is refused, even for the bucket's owner.
    with pytest.raises(ClientError) as refused:
        s3.delete_object(Bucket="evidence", Key=f"case-a/{REL}", VersionId=version)
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    # An "overwrite" only stacks a new version: the locked original stays, unchanged.
    s3.put_object(Bucket="evidence", Key=f"case-a/{REL}", Body=b"forged")
    original = s3.get_object(Bucket="evidence", Key=f"case-a/{REL}", VersionId=version)
    assert original["Body"].read() == b"the original screenshot"


@pytest.mark.fast
def test_s3_objects_carry_their_sha256(s3: Any, tmp_path: Path) -> None:
    store = S3Store(s3, "evidence", "case-b", Retention("GOVERNANCE", 1))
    source, digest = _artefact(tmp_path, b"bytes")
    store.put(REL, source, digest)
    head = s3.head_object(Bucket="evidence", Key=f"case-b/{REL}", ChecksumMode="ENABLED")
    assert head["Metadata"]["sha256"] == digest
    assert base64.b64decode(head["ChecksumSHA256"]).hex() == digest
    assert head["ObjectLockMode"] == "GOVERNANCE"


@pytest.mark.fast
def test_artefact_store_writes_every_sealed_file_to_the_locked_replica(
    s3: Any, tmp_path: Path
) -> None:
    replica = S3Store(s3, "evidence", "case-c", Retention("COMPLIANCE", 1))
    store = ArtefactStore(tmp_path, replica)
    stored = store.put_bytes(b"<html>listing</html>", ".html")
    with store.writing(".warc.gz") as out:
        out.write(b"warc bytes")
        streamed = store.finish_stream(out)
    for item in (stored, streamed):
        head = s3.head_object(Bucket="evidence", Key=f"case-c/{item.path}")
        assert head["Metadata"]["sha256"] == item.sha256
        assert head["ObjectLockMode"] == "COMPLIANCE"
    broken = ArtefactStore(tmp_path / "other", S3Store(s3, "missing-bucket", "", Retention()))
    with pytest.raises(OSError, match="copy to s3://missing-bucket failed"):
        broken.put_bytes(b"x", ".bin")  # recorded as a failed step of the capture


@pytest.mark.fast
def test_bucket_without_object_lock_is_refused(s3: Any) -> None:
    with pytest.raises(StoreError, match="no Object Lock"):
        S3Store(s3, "plain", "", Retention()).check()


@pytest.mark.fast
def test_file_store_and_scheme_choice(tmp_path: Path) -> None:
    store = open_store((tmp_path / "shared").as_uri())
    assert isinstance(store, FileStore)
    source, digest = _artefact(tmp_path, b"dom")
    store.put(REL, source, digest)
    store.put(REL, source, digest)  # write-once: a second put is a no-op
    assert store.open(REL).read() == b"dom"
    with pytest.raises(StoreError, match="file:///path or s3://"):
        open_store("ftp://host/x")
    with pytest.raises(StoreError, match="lock mode"):
        Retention("NONE", 1)
