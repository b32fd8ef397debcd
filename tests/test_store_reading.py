"""Evidence read back through the S3 store (moto's server, in-process): captured with the
store configured, the local artefacts deleted (another machine: only the database and the
bucket), then exported, verified and audited from the store; an object altered in the store
is caught, never used."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from crawler.distributed.worker import StoreError, WorkerStore, worker_store
from evidence.artefacts import ArtefactAltered, Artefacts
from evidence.audit import audit
from evidence.capture.session import recording
from evidence.export.bundle import ExportError, ExportRequest, export_case
from evidence.models import Artefact, Timestamp
from evidence.signing import create_key
from evidence.stores import Retention, S3Store
from evidence.timestamps import TimestampConfig
from evidence.workspace import Workspace
from tests.conftest import jasper
from tests.test_evidence_core import page
from tests.tsa_server import LocalTSA

pytestmark = pytest.mark.fast
BUCKET = "evidence"


@dataclass
class S3:
    client: Any
    env: dict[str, str]  # what a process needs to reach the bucket


@pytest.fixture(scope="module")
def s3() -> Iterator[S3]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["AWS_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET, ObjectLockEnabledForBucket=True)
    client.create_bucket(Bucket="plain")
    yield S3(client, env)
    server.stop()


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalTSA]:
    with LocalTSA(tmp_path_factory.mktemp("tsa")) as server:
        yield server


@dataclass
class Captured:
    workdir: Path
    env: dict[str, str]
    prefix: str


def capture_to_s3(s3: S3, tsa: LocalTSA, root: Path, prefix: str) -> Captured:
    """Two listings captured with the S3 store and a TSA, then the local evidence deleted."""
    env = s3.env | {
        "JASPER_STORE_URL": f"s3://{BUCKET}/{prefix}",
        "JASPER_TSA_URLS": tsa.url,
        "JASPER_TSA_CA_FILE": str(tsa.root),
    }
    workdir = root / "work"
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        workspace = Workspace(workdir)
        try:
            with recording(workspace, case="s3case", operator="test") as recorder:
                for n in (1, 2):
                    recorder.record(page(f"https://shop.example/item/{n}"))
            create_key(workspace, "test")
        finally:
            workspace.close()
    for folder in ("artefacts", "timestamps"):  # another machine: only the database and S3
        shutil.rmtree(workdir / folder)
    return Captured(workdir, env, prefix)


def test_export_verify_and_audit_read_the_evidence_from_s3(
    s3: S3, tsa: LocalTSA, tmp_path: Path
) -> None:
    made = capture_to_s3(s3, tsa, tmp_path, "case-read")
    listed = s3.client.list_objects_v2(Bucket=BUCKET, Prefix="case-read/")["Contents"]
    keys = {item["Key"].split("/", 2)[1] for item in listed}
    assert keys == {"artefacts", "timestamps"}  # stamp manifests and tokens went there too
    head = s3.client.head_object(Bucket=BUCKET, Key=listed[0]["Key"])
    assert head["ObjectLockMode"] == "COMPLIANCE"

    audited = jasper("audit", "verify", "--workdir", str(made.workdir), env=made.env)
    assert audited.returncode == 0, audited.stderr
    assert "time-stamps: 1 verified" in audited.stdout and "audit: passed" in audited.stdout
    bundle = tmp_path / "bundle.zip"
    exported = jasper("export", "--case", "s3case", "--workdir", str(made.workdir),
                      "--out", str(bundle), env=made.env)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    public = made.workdir / "keys" / "jasper-ed25519.pub.pem"
    verified = jasper("verify", str(bundle), "--public-key", str(public))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    # Fetched copies are kept, read-only, in the cache; the artefacts folder stays absent.
    assert not (made.workdir / "artefacts").exists()
    cached = list((made.workdir / "store-cache" / "artefacts").rglob("*.png"))
    assert cached and all(p.stat().st_mode & 0o222 == 0 for p in cached)


def test_an_object_altered_in_s3_is_caught_by_audit_and_export(
    s3: S3, tsa: LocalTSA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = capture_to_s3(s3, tsa, tmp_path, "case-forged")
    for key, value in made.env.items():
        monkeypatch.setenv(key, value)
    workspace = Workspace(made.workdir)
    try:
        with workspace.db.session() as session:
            shot = session.query(Artefact).filter_by(kind="screenshot").first()
            stamp = session.query(Timestamp).first()
            assert shot is not None and stamp is not None
            shot_path, shot_sha = shot.path, shot.digest_hex
            token_path = stamp.token_path
        # The locked original cannot be replaced; an "overwrite" stacks a newer version,
        # which is what a plain GET returns.
        for rel, forged in ((shot_path, b"forged screenshot"), (token_path, b"forged token")):
            s3.client.put_object(Bucket=BUCKET, Key=f"{made.prefix}/{rel}", Body=forged)
        with workspace.db.session() as session:
            report = audit(session, workspace.workdir, TimestampConfig.from_config(
                workspace.config), workspace.artefacts)  # fmt: skip
        problems = [str(p) for p in report.problems]
        assert any(f"{shot_path} was altered" in p for p in problems), problems
        assert any(f"{token_path} was altered" in p for p in problems), problems
        with pytest.raises(ExportError, match=r"was altered.*not exporting"):
            export_case(workspace, ExportRequest("s3case", tmp_path / "b.zip", "test"))
        with pytest.raises(ArtefactAltered, match=r"recorded at capture; not using it"):
            workspace.artefacts.path(shot_path, shot_sha)
        assert not list((made.workdir / "store-cache").rglob("*.png"))  # never cached
    finally:
        workspace.close()
    audited = jasper("audit", "verify", "--workdir", str(made.workdir), env=made.env)
    assert audited.returncode == 1 and "was altered" in audited.stderr


def test_without_a_store_a_missing_file_says_so(tmp_path: Path) -> None:
    artefacts = Artefacts(tmp_path)
    with pytest.raises(Exception, match="no store is configured: set JASPER_STORE_URL"):
        artefacts.path("artefacts/ab/cd/abcd.png", "0" * 64)
    with pytest.raises(Exception, match="outside the workdir"):
        artefacts.path("../elsewhere.png", "0" * 64)


def test_worker_store_urls(s3: S3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert worker_store("file:///srv/jasper") == WorkerStore(Path("/srv/jasper"))
    scratch = worker_store("s3://evidence/nightly", tmp_path)
    assert scratch == WorkerStore(tmp_path.resolve(), "s3://evidence/nightly")
    with pytest.raises(StoreError, match="file:///path/to/shared/folder or s3://bucket/prefix"):
        worker_store("ftp://x/y")
    refused = jasper("worker", "--broker", "amqp://guest:guest@127.0.0.1:5672/", "--db",
                     "postgresql+psycopg://u@127.0.0.1:9/d", "--store", "s3://plain/x",
                     "--scratch", str(tmp_path), env=s3.env)  # fmt: skip
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("jasper: error: bucket plain has no Object Lock")
    # A worker's store is a bucket with Object Lock; its crawls get it as JASPER_STORE_URL.
    store = S3Store(s3.client, BUCKET, "w", Retention("GOVERNANCE", 1))
    store.check()
