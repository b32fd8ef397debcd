"""RFC 3161 time-stamps against a real local TSA (`openssl ts -reply`), at capture time."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from crawler.demo.server import DemoSite
from evidence.audit import audit
from evidence.capture.context import RunContext
from evidence.capture.stamping import CaptureTimestamper
from evidence.db import Database, default_db_url
from evidence.models import (
    Capture,
    CaptureCorrection,
    CaptureError,
    CrawlRun,
    Event,
    Timestamp,
    TimestampCapture,
)
from evidence.timestamps import (
    TimestampConfig,
    TimestampConfigError,
    TimestampError,
    load_certificates,
    stamp,
    stamp_file,
    verify_stamp,
)
from settings.config import load_config
from tests.conftest import jasper, jasper_json
from tests.tsa_server import LocalTSA, dead_url

SLUGS = ("rolex-gmt-pepsi-replica", "rolex-daytona-replica-gold")


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalTSA]:
    with LocalTSA(tmp_path_factory.mktemp("tsa")) as server:
        yield server


def openssl_verify(data: Path, token: Path, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(data), "-in", str(token), "-CAfile", str(root)],
        capture_output=True,
        text=True,
    )


def test_token_verifies_with_library_and_openssl_and_a_changed_byte_fails(
    tsa: LocalTSA, tmp_path: Path
) -> None:
    data = tmp_path / "manifest.json"
    data.write_bytes(b'{"capture":"x","sha256":"ab"}\n')
    result, token, chain = stamp_file(data, TimestampConfig(urls=(tsa.url,), ca_file=tsa.root))
    assert token.name == "manifest.json.tsr" and token.read_bytes() == result.token
    assert b"BEGIN CERTIFICATE" in chain.read_bytes()
    roots = load_certificates(tsa.root.read_bytes())
    assert verify_stamp(token.read_bytes(), data.read_bytes(), roots).gen_time == result.gen_time
    assert openssl_verify(data, token, tsa.root).returncode == 0
    data.write_bytes(b'{"capture":"x","sha256":"ac"}\n')
    with pytest.raises(TimestampError, match="imprint check"):
        verify_stamp(token.read_bytes(), data.read_bytes(), roots)
    assert openssl_verify(data, token, tsa.root).returncode != 0


def test_untrusted_root_is_refused(tsa: LocalTSA, tmp_path: Path) -> None:
    other = LocalTSA(tmp_path / "other")  # a different root, never started
    token = stamp(b"data", TimestampConfig(urls=(tsa.url,))).token
    with pytest.raises(TimestampError, match="chain check"):
        verify_stamp(token, b"data", load_certificates(other.root.read_bytes()))
    other.server.server_close()


def test_second_tsa_is_fail_over_and_all_failing_says_why(tsa: LocalTSA) -> None:
    dead = dead_url()
    assert stamp(b"x", TimestampConfig(urls=(dead, tsa.url))).tsa_url == tsa.url
    with pytest.raises(TimestampError, match=r"127\.0\.0\.1"):
        stamp(b"x", TimestampConfig(urls=(dead,), timeout=2))


def test_config_from_environment_and_contradictions(tsa: LocalTSA) -> None:
    env = {
        "JASPER_TSA_URLS": f" {tsa.url} , http://b.example/tsa",
        "JASPER_TSA_CA_FILE": str(tsa.root),
    }
    config = TimestampConfig.from_config(load_config(env=env))
    assert config.urls == (tsa.url, "http://b.example/tsa") and config.ca_file == tsa.root
    assert not TimestampConfig.from_config(load_config(env={})).enabled
    with pytest.raises(TimestampConfigError, match="not an http"):
        TimestampConfig.from_config(load_config(env={"JASPER_TSA_URLS": "ftp://x"}))
    with pytest.raises(TimestampConfigError, match="needs JASPER_TSA_URLS"):
        TimestampConfig(require=True).check()


def test_require_timestamp_without_tsa_is_refused_up_front(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    result = jasper(
        "capture", "--case", "t", "--require-timestamp", "--workdir", str(tmp_path),
        demo_site.base_url + "/item/" + SLUGS[0],
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "jasper: error: a required time-stamp needs JASPER_TSA_URLS (none set)"
    )


def capture(
    site: DemoSite, workdir: Path, env: dict[str, str], *flags: str, slugs: tuple[str, ...] = SLUGS
) -> subprocess.CompletedProcess[str]:
    urls = [f"{site.base_url}/item/{slug}" for slug in slugs]
    return jasper("capture", "--case", "ts", "--workdir", str(workdir), *flags, *urls, env=env)


@pytest.fixture(scope="module")
def stamped(
    tsa: LocalTSA, demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, int]:
    """A workdir with two captures stamped by the local TSA; and how many requests it took."""
    workdir = tmp_path_factory.mktemp("stamped")
    before = tsa.requests
    env = {"JASPER_TSA_URLS": tsa.url, "JASPER_TSA_CA_FILE": str(tsa.root)}
    result = capture(demo_site, workdir, env, "--require-timestamp")
    assert result.returncode == 0, result.stderr
    return workdir, tsa.requests - before


def test_captures_are_stamped_in_one_request(tsa: LocalTSA, stamped: tuple[Path, int]) -> None:
    workdir, requests = stamped
    assert requests == 1  # one batch for both captures, not one per file
    db = Database(default_db_url(workdir), upgrade=False)
    with db.session() as session:
        row = session.scalars(select(Timestamp)).one()
        covered = session.scalars(select(TimestampCapture)).all()
        stats = session.scalars(select(CrawlRun.stats)).one()
        kinds = set(session.scalars(select(Event.kind)))
        errors = session.scalars(select(CaptureError).where(CaptureError.step == "timestamp")).all()
    db.close()
    assert row.status == "granted" and row.tsa_url == tsa.url and row.gen_time
    assert len(covered) == len(SLUGS) and not errors
    assert {"timestamp", "capture-context"} <= kinds
    manifest, token = workdir / row.manifest_path, workdir / (row.token_path or "")
    assert token.name == manifest.name + ".tsr"
    assert openssl_verify(manifest, token, tsa.root).returncode == 0
    assert stats["jasper/timestamp_requests"] == 1
    assert 0 <= stats["jasper/ledger_seconds"] < stats["elapsed_time_seconds"]
    print(f"ledger share of crawl time: {stats['jasper/ledger_share']:.2%}")
    shown = jasper_json("listings", "--case", "ts", "--workdir", str(workdir), "--format", "json")
    stamps = [c["timestamp"] for listing in shown for c in listing["captures"]]
    assert [s["status"] for s in stamps] == ["granted"] * len(SLUGS)
    assert all(s["token"] == s["manifest"] + ".tsr" for s in stamps)
    audit_run = jasper(
        "audit", "verify", "--workdir", str(workdir), env={"JASPER_TSA_CA_FILE": str(tsa.root)}
    )
    assert audit_run.returncode == 0, audit_run.stderr
    assert "1 traced to JASPER_TSA_CA_FILE at their genTime" in audit_run.stdout


def test_unreachable_tsa_with_require_timestamp_fails_closed(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    result = capture(
        demo_site, tmp_path, {"JASPER_TSA_URLS": dead_url()}, "--require-timestamp", slugs=SLUGS[:1]
    )
    assert result.returncode == 1  # failed evidence fails the run
    assert "timestamp: required time-stamp not obtained" in result.stdout
    db = Database(default_db_url(tmp_path), upgrade=False)
    with db.session() as session:
        row = session.scalars(select(Timestamp)).one()
        errors = session.scalars(select(CaptureError).where(CaptureError.step == "timestamp"))
        messages = [e.error for e in errors]
        corrections = session.scalars(select(CaptureCorrection)).all()
    db.close()
    assert row.status == "failed" and "127.0.0.1" in (row.error or "")
    assert len(messages) == 1 and messages[0].startswith("required time-stamp not obtained: ")
    assert [c.status for c in corrections] == ["failed"]
    shown = jasper_json("listings", "--case", "ts", "--workdir", str(tmp_path), "--format", "json")
    (listed,) = shown[0]["captures"]
    assert listed["status"] == "failed" and listed["timestamp"]["status"] == "failed"
    assert listed["corrections"][0]["reason"].startswith("required time-stamp not obtained")


def test_unstamped_gap_is_recorded_and_shown(stamped: tuple[Path, int], tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(stamped[0], workdir)
    db = Database(default_db_url(workdir), upgrade=False)
    with db.session() as session:
        uuids = list(session.scalars(select(Capture.uuid)))
        case_id = session.scalars(select(Capture.case_id)).first()
    run = RunContext("ts", case_id or 1, 1, "test-operator")
    stamper = CaptureTimestamper(run, TimestampConfig(urls=(dead_url(),)), db, workdir)
    stamper.flush([{"capture": u, "artefacts": []} for u in uuids])
    with db.session() as session:
        errors = session.scalars(select(CaptureError).where(CaptureError.step == "timestamp"))
        messages = [e.error for e in errors]
        assert session.scalars(select(CaptureCorrection)).all() == []
    db.close()
    assert stamper.unstamped == len(uuids) == len(messages)
    assert all(m.startswith("not time-stamped: ") for m in messages)
    shown = jasper_json("listings", "--case", "ts", "--workdir", str(workdir), "--format", "json")
    steps = {e["step"] for listing in shown for c in listing["captures"] for e in c["errors"]}
    assert "timestamp" in steps  # the gap is shown, not hidden
    audit = jasper("audit", "verify", "--workdir", str(workdir))
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_audit_catches_edited_token_hash_and_token_file(
    stamped: tuple[Path, int], tmp_path: Path
) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(stamped[0], workdir)
    db = Database(default_db_url(workdir), upgrade=False)
    with db.session() as session:
        assert audit(session, workdir).ok
        token_path = session.scalars(select(Timestamp.token_path)).one()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER timestamps_no_update"))
        conn.execute(text(f"UPDATE timestamps SET token_sha256 = '{'a' * 64}'"))
    with db.session() as session:
        problems = [str(p) for p in audit(session, workdir).problems]
    assert any("timestamps row 1 altered (token_sha256)" in p for p in problems), problems
    token = workdir / (token_path or "")
    token.write_bytes(token.read_bytes() + b"\0")
    with db.session() as session:
        problems = [str(p) for p in audit(session, workdir).problems]
    db.close()
    assert any(f"file {token_path} was altered" in p for p in problems), problems
    assert any(p.startswith(f"time-stamp 1 ({token_path}): ") for p in problems), problems


def test_capture_stamps_travel_in_the_bundle_and_verify(
    tsa: LocalTSA, stamped: tuple[Path, int], tmp_path: Path
) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(stamped[0], workdir)
    assert jasper("keys", "init", "--workdir", str(workdir)).returncode == 0
    bundle = tmp_path / "ts.zip"
    result = jasper("export", "--case", "ts", "--out", str(bundle), "--workdir", str(workdir))
    assert result.returncode == 0, result.stderr
    unpacked = tmp_path / "unpacked"
    shutil.unpack_archive(bundle, unpacked)
    (bag,) = unpacked.iterdir()
    (manifest,) = (bag / "data" / "timestamps").glob("*.json")
    token = manifest.with_name(manifest.name + ".tsr")
    assert openssl_verify(manifest, token, tsa.root).returncode == 0
    records = json.loads((bag / "data" / "listings.json").read_text())
    stamped_in = {c["bundle"]["timestamp"] for x in records for c in x["captures"]}
    assert stamped_in == {f"data/timestamps/{manifest.name}"}
    key = workdir / "keys" / "jasper-ed25519.pub.pem"
    verified = jasper(
        "verify", str(bundle), "--public-key", str(key), "--tsa-ca-file", str(tsa.root)
    )
    assert verified.returncode == 0, verified.stdout
    assert "passed: capture time-stamps" in verified.stdout
    assert "passed: time-stamp authority" in verified.stdout
