"""Ed25519 keys and bag seals: a forger who rewrites every manifest is still caught."""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from evidence.models import Event
from evidence.signing import (
    BAG_PUBLIC_KEY,
    SEAL,
    SEAL_TOKEN,
    SIGNATURE,
    fingerprint,
    key_paths,
    load_public_key,
    public_pem,
    seal_bag,
    signer_identity,
)
from evidence.verification.guide import SEAL_COMMANDS, seal_guide
from evidence.verification.problems import Outcome
from evidence.verification.seal import check_seal
from evidence.verification.trust import Trust, load_trust
from evidence.workspace import Workspace
from tests.conftest import Crawl, jasper
from tests.tsa_server import LocalTSA


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifests(bag: Path) -> None:
    """What a forger does after editing a payload file: make every BagIt manifest agree."""
    payload = sorted(p for p in (bag / "data").rglob("*") if p.is_file())
    (bag / "manifest-sha256.txt").write_text(
        "".join(f"{sha(p)}  {p.relative_to(bag).as_posix()}\n" for p in payload)
    )
    (bag / "tagmanifest-sha256.txt").write_text(
        "".join(f"{sha(bag / n)}  {n}\n" for n in ("bagit.txt", "manifest-sha256.txt"))
    )


def make_bag(bag: Path) -> Path:
    (bag / "data").mkdir(parents=True)
    (bag / "data" / "screenshot.png").write_bytes(b"\x89PNG the original screenshot")
    (bag / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    write_manifests(bag)
    return bag


@pytest.fixture(scope="module")
def key_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workdir with a key pair made by `jasper keys init` (copied, never changed)."""
    workdir = tmp_path_factory.mktemp("keyed") / "work"
    result = jasper("keys", "init", "--workdir", str(workdir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("fingerprint: sha256:")
    return workdir


@pytest.fixture
def keyed(key_workdir: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A private copy of the keyed workdir, opened."""
    workdir = tmp_path / "work"
    shutil.copytree(key_workdir, workdir)
    workspace = Workspace(workdir)
    yield workspace
    workspace.close()


def test_keys_init_private_key_owner_only_and_fingerprint_ledgered(keyed: Workspace) -> None:
    private, public = key_paths(keyed.workdir)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    with keyed.db.session() as session:
        event = session.scalars(select(Event).where(Event.kind == "key-created")).one()
    assert event.detail["fingerprint"].startswith("sha256:")
    assert event.detail["public_key"] == public.read_text()
    again = jasper("keys", "init", "--workdir", str(keyed.workdir))
    assert again.returncode == 1
    assert again.stderr.startswith("jasper: error: a key pair already exists")
    shown = jasper("keys", "show", "--workdir", str(keyed.workdir))
    assert shown.returncode == 0 and f"fingerprint: {event.detail['fingerprint']}" in shown.stdout


def trusting(keyed: Workspace) -> Trust:
    """The reader holds the producer's key (pinned)."""
    _, public = key_paths(keyed.workdir)
    return load_trust(public_key=public)


def problems(bag: Path, trust: Trust | None = None) -> list[str]:
    findings = check_seal(bag, trust or Trust())
    return [str(p) for p in (*findings.seal.problems, *findings.signer.problems)]


def test_seal_verifies_and_a_bag_without_seal_fails(keyed: Workspace, tmp_path: Path) -> None:
    unsigned = make_bag(tmp_path / "unsigned")
    findings = check_seal(unsigned, Trust())
    assert findings.seal.outcome == Outcome.FAILED
    assert problems(unsigned)[0].startswith(f"{SEAL}: missing (a Jasper bundle is always sealed")
    bag = make_bag(tmp_path / "bag")
    sealed = seal_bag(bag, keyed)
    assert sealed.timestamp is None and not sealed.stamped  # no TSA configured
    unpinned = check_seal(bag, Trust())
    assert unpinned.seal.outcome == Outcome.PASSED and problems(bag) == []
    assert unpinned.signer.outcome == Outcome.NOT_CHECKABLE
    assert unpinned.fingerprint == sealed.fingerprint in unpinned.signer.note
    pinned = check_seal(bag, trusting(keyed))
    assert pinned.signer.outcome == Outcome.PASSED and pinned.confirmed_by
    seal = json.loads((bag / SEAL).read_text())
    assert seal["ledger_head"]["seq"] >= 1
    assert (bag / "public-key.fingerprint").read_text().strip() == seal["public_key_fingerprint"]
    # Third parties need nothing but openssl.
    openssl = subprocess.run(
        ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", BAG_PUBLIC_KEY, "-rawin",
         "-in", SEAL, "-sigfile", SIGNATURE],
        cwd=bag, capture_output=True, text=True,
    )  # fmt: skip
    assert openssl.returncode == 0, openssl.stdout + openssl.stderr
    with keyed.db.session() as session:
        assert session.scalars(select(Event).where(Event.kind == "export-sealed")).one()


def test_forger_rewriting_every_manifest_is_caught(keyed: Workspace, tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag")
    seal_bag(bag, keyed)
    (bag / "data" / "screenshot.png").write_bytes(b"\x89PNG an edited screenshot")
    write_manifests(bag)
    assert problems(bag) == [
        "tagmanifest-sha256.txt: altered (changed since the bag was signed)",
        "manifest-sha256.txt: altered (differs from tagmanifest-sha256.txt)",
    ] or "tagmanifest-sha256.txt: altered (changed since the bag was signed)" in problems(bag)


def forge_reseal(bag: Path) -> str:
    """A forger edits a file, rewrites every manifest and seals with their own key."""
    (bag / "data" / "screenshot.png").write_bytes(b"\x89PNG an edited screenshot")
    write_manifests(bag)
    forger = Ed25519PrivateKey.generate()
    seal = json.loads((bag / SEAL).read_text())
    seal["signed"]["tagmanifest-sha256.txt"] = sha(bag / "tagmanifest-sha256.txt")
    seal["public_key_fingerprint"] = fingerprint(forger.public_key())
    body = json.dumps(seal).encode()
    (bag / SEAL).write_bytes(body)
    (bag / SIGNATURE).write_bytes(forger.sign(body))
    (bag / BAG_PUBLIC_KEY).write_bytes(public_pem(forger.public_key()))
    (bag / "public-key.fingerprint").write_text(fingerprint(forger.public_key()) + "\n")
    return fingerprint(forger.public_key())


def test_forger_resealing_is_unconfirmed_and_fails_against_the_pinned_key(
    keyed: Workspace, tmp_path: Path
) -> None:
    bag = make_bag(tmp_path / "bag")
    seal_bag(bag, keyed)
    forger = forge_reseal(bag)
    unpinned = check_seal(bag, Trust())
    assert unpinned.seal.outcome == Outcome.PASSED  # intact as the forger sealed it ...
    assert unpinned.signer.outcome == Outcome.NOT_CHECKABLE  # ... by someone unconfirmed
    assert unpinned.fingerprint == forger and forger in unpinned.signer.note
    pinned = check_seal(bag, trusting(keyed))
    assert pinned.signer.outcome == Outcome.FAILED
    assert problems(bag, trusting(keyed))[0].startswith(
        f"{BAG_PUBLIC_KEY}: untrusted (signed by {forger}"
    )


def test_damaged_signature_is_reported(keyed: Workspace, tmp_path: Path) -> None:
    bag = make_bag(tmp_path / "bag")
    seal_bag(bag, keyed)
    signature = bytearray((bag / SIGNATURE).read_bytes())
    signature[0] ^= 1
    (bag / SIGNATURE).write_bytes(bytes(signature))
    assert problems(bag) == [f"{SIGNATURE}: invalid (the signature over {SEAL} does not verify)"]
    (bag / SIGNATURE).unlink()
    assert problems(bag)[0].startswith(f"{SIGNATURE}: missing")


def test_seal_covers_every_manifest(keyed: Workspace, tmp_path: Path) -> None:
    """A tag manifest that leaves out the payload manifest would seal nothing of the payload."""
    bag = make_bag(tmp_path / "bag")
    (bag / "bag-info.txt").write_text("Payload-Oxum: 1.1\n")
    (bag / "tagmanifest-sha256.txt").write_text(f"{sha(bag / 'bagit.txt')}  bagit.txt\n")
    seal_bag(bag, keyed)
    assert "manifest-sha256.txt: invalid (not covered by the signed tagmanifest-sha256.txt)" in (
        problems(bag)
    )


def test_export_seal_time_stamps_the_signature(
    keyed: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LocalTSA(tmp_path / "pki") as tsa:
        monkeypatch.setenv("JASPER_TSA_URLS", tsa.url)
        monkeypatch.setenv("JASPER_TSA_CA_FILE", str(tsa.root))
        bag = make_bag(tmp_path / "bag")
        # the environment is read when a command starts
        sealed = seal_bag(bag, Workspace(keyed.workdir))
    assert sealed.stamped and sealed.timestamp
    assert sealed.timestamp["tsa_name"] == "CN=Jasper Test TSA"
    openssl = subprocess.run(
        ["openssl", "ts", "-verify", "-data", SIGNATURE, "-in", SEAL_TOKEN,
         "-CAfile", str(tsa.root)],
        cwd=bag, capture_output=True, text=True,
    )  # fmt: skip
    assert openssl.returncode == 0, openssl.stderr
    assert problems(bag) == []


def test_signer_identity_gives_the_fingerprint_and_the_pinned_command(keyed: Workspace) -> None:
    identity = signer_identity(keyed.workdir)
    _, public = key_paths(keyed.workdir)
    assert identity.fingerprint == fingerprint(load_public_key(public))
    assert identity.public_key_pem == public.read_bytes()
    assert identity.pinned_command("b.zip", "lab.pem") == "jasper verify b.zip --public-key lab.pem"
    guide = seal_guide(identity, "b.zip")
    assert identity.fingerprint in guide and "jasper verify b.zip --public-key" in guide


def test_the_guide_commands_work_with_openssl_alone(keyed: Workspace, tmp_path: Path) -> None:
    """Every command VERIFY.txt gives for the seal runs as written on a sealed bag."""
    bag = make_bag(tmp_path / "bag")
    seal_bag(bag, keyed)
    _, public = key_paths(keyed.workdir)
    shutil.copy(public, bag / "PRODUCER-KEY.pem")
    outputs = []
    for _, command in SEAL_COMMANDS[:3]:
        done = subprocess.run(command, shell=True, cwd=bag, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr)
        outputs.append(done.stdout)
    assert "sha256:" + outputs[0].split()[0] == signer_identity(keyed.workdir).fingerprint
    seal = json.loads((bag / SEAL).read_text())
    assert outputs[2].split()[0] == seal["signed"]["tagmanifest-sha256.txt"]


def rewrite_bag_manifests(bag: Path) -> None:
    """A forger's full BagIt rewrite: every payload and tag manifest line made to match."""
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        path = bag / manifest
        lines = []
        for line in path.read_text().splitlines():
            _, _, name = line.partition(" ")
            name = name.strip()
            lines.append(f"{sha(bag / name)}  {name}")
        path.write_text("\n".join(lines) + "\n")


def test_exported_bundle_forgery_is_caught_by_jasper_verify(crawled: Crawl, tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(crawled.workdir, workdir)
    assert jasper("keys", "init", "--workdir", str(workdir)).returncode == 0
    out = tmp_path / "bundle.zip"
    exported = jasper(
        "export", "--case", crawled.case, "--workdir", str(workdir), "--out", str(out),
        "--listings", crawled.listings[0]["url"],
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "unzipped")
    (bag,) = list((tmp_path / "unzipped").iterdir())
    assert (bag / SEAL).is_file() and (bag / SIGNATURE).is_file()
    shot = next((bag / "data").rglob("screenshot.png"))
    data = bytearray(shot.read_bytes())
    data[len(data) // 2] ^= 1
    shot.write_bytes(bytes(data))
    rewrite_bag_manifests(bag)
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        for path in sorted(p for p in bag.rglob("*") if p.is_file()):
            zf.write(path, f"{bag.name}/{path.relative_to(bag).as_posix()}")
    _, public = key_paths(workdir)
    result = jasper("verify", str(forged), "--public-key", str(public))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tagmanifest-sha256.txt" in result.stdout and "FAILED" in result.stdout
    unpinned = jasper("verify", str(forged))
    assert unpinned.returncode == 1 and "FAILED" in unpinned.stdout
