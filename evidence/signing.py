"""Ed25519 signing: the installation's key pair, and the seal on every exported bag.

A seal is ``jasper-seal.json``: the SHA-256 of ``tagmanifest-sha256.txt`` (which covers every
manifest, and so every file) and the ledger head the export covers. ``jasper-seal.json.sig`` is
the raw Ed25519 signature over its exact bytes, checkable with
``openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in jasper-seal.json
-sigfile jasper-seal.json.sig``. With TSAs configured, the tag manifest and the seal are
time-stamped (``X.tsr`` beside ``X``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evidence.custody import record_event
from evidence.ledger import head, ledger_time
from evidence.models.base import utcnow
from evidence.provenance import software_string
from evidence.store import sha256_file
from evidence.timestamps import (
    TimestampConfig,
    TimestampError,
    check_tokens,
    stamp_file,
)

if TYPE_CHECKING:
    from evidence.workspace import Workspace

KEY_DIR = "keys"
PRIVATE_KEY = "jasper-ed25519.key.pem"
PUBLIC_KEY = "jasper-ed25519.pub.pem"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SEAL = "jasper-seal.json"
SIGNATURE = SEAL + ".sig"
BAG_PUBLIC_KEY = "public-key.pem"
BAG_FINGERPRINT = "public-key.fingerprint"


class SigningError(RuntimeError):
    """Signing cannot proceed; the message says what to do."""


def fingerprint(key: Ed25519PublicKey) -> str:
    """``sha256:`` and the hex SHA-256 of the raw 32-byte public key."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def public_pem(key: Ed25519PublicKey) -> bytes:
    """The public key as SubjectPublicKeyInfo PEM."""
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(path: Path) -> Ed25519PublicKey:
    """An Ed25519 public key from a PEM file."""
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{path.name} is not an Ed25519 public key")
    return key


def key_paths(workdir: Path) -> tuple[Path, Path]:
    """Where the installation's private and public key live."""
    return workdir / KEY_DIR / PRIVATE_KEY, workdir / KEY_DIR / PUBLIC_KEY


def create_key(workspace: Workspace, operator: str) -> str:
    """Create the key pair (private key mode 0600), ledger it, and return its fingerprint."""
    private_path, public_path = key_paths(workspace.workdir)
    if private_path.exists() or public_path.exists():
        raise SigningError(f"a key pair already exists in {private_path.parent}; keep using it")
    private_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # O_EXCL: never overwrite; the mode is set at creation, so the key is never world-readable.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public_path.write_bytes(public_pem(key.public_key()))
    found = fingerprint(key.public_key())
    rel = public_path.relative_to(workspace.workdir).as_posix()
    with workspace.db.transaction() as session:
        record_event(
            session,
            "key-created",
            operator,
            detail={
                "algorithm": "Ed25519",
                "fingerprint": found,
                "public_key": public_path.read_text(),
                "files": {rel: sha256_file(public_path)},
            },
        )
    return found


def load_private_key(workdir: Path) -> Ed25519PrivateKey:
    """The installation's private key."""
    private_path, _ = key_paths(workdir)
    try:
        key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    except FileNotFoundError:
        raise SigningError(
            f"no signing key in {private_path.parent}; run `jasper keys init` first"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{private_path} is not an Ed25519 private key")
    return key


def _stamp(path: Path, config: TimestampConfig) -> dict[str, Any]:
    try:
        result, token, _ = stamp_file(path, config)
    except TimestampError as exc:
        if config.require:
            raise SigningError(f"time-stamp of {path.name} required but failed: {exc}") from exc
        return {"status": "failed", "error": str(exc)}
    return {
        "status": "granted",
        "tsa": result.tsa_url,
        "gen_time": result.gen_time_text,
        "token": token.name,
        "token_sha256": sha256_file(token),
    }


def seal_bag(bag_dir: Path, workspace: Workspace, operator: str | None = None) -> None:
    """Sign the bag's tag manifest with the ledger head it covers; add key and time-stamps."""
    tag_manifest = bag_dir / TAG_MANIFEST
    if not tag_manifest.is_file():
        raise SigningError(f"{bag_dir} has no {TAG_MANIFEST}: write the bag before sealing it")
    key = load_private_key(workspace.workdir)
    public = key.public_key()
    found = fingerprint(public)
    tsa = TimestampConfig.from_config(workspace.config)
    with workspace.db.session() as session:
        last = head(session)
    seal: dict[str, Any] = {
        "version": 1,
        "algorithm": "Ed25519",
        "signed": {TAG_MANIFEST: sha256_file(tag_manifest)},
        "ledger_head": {"seq": last.seq, "hash": last.entry_hash} if last else None,
        "public_key_fingerprint": found,
        "sealed_at": ledger_time(utcnow()),
        "software": software_string(),
    }
    if tsa.enabled:
        seal["timestamp"] = _stamp(tag_manifest, tsa)
    body = (json.dumps(seal, sort_keys=True, indent=1) + "\n").encode()
    (bag_dir / SEAL).write_bytes(body)
    (bag_dir / SIGNATURE).write_bytes(key.sign(body))
    (bag_dir / BAG_PUBLIC_KEY).write_bytes(public_pem(public))
    (bag_dir / BAG_FINGERPRINT).write_text(found + "\n")
    seal_stamp = _stamp(bag_dir / SEAL, tsa) if tsa.enabled else None
    with workspace.db.transaction() as session:
        record_event(
            session,
            "export-sealed",
            operator or workspace.config.operator,
            detail={
                "bag": bag_dir.name,
                "fingerprint": found,
                "seal_sha256": hashlib.sha256(body).hexdigest(),
                "ledger_head": seal["ledger_head"],
                "timestamp": seal.get("timestamp"),
                "seal_timestamp": seal_stamp,
            },
        )


def _check_signature(bag_dir: Path, public_key: Path | None) -> tuple[list[str], dict[str, Any]]:
    problems: list[str] = []
    try:
        bundled = load_public_key(bag_dir / BAG_PUBLIC_KEY)
    except FileNotFoundError:
        return [f"{BAG_PUBLIC_KEY}: missing, so the signature cannot be checked"], {}
    except (ValueError, SigningError) as exc:
        return [f"{BAG_PUBLIC_KEY}: unreadable ({exc})"], {}
    key = bundled
    if public_key is not None:
        key = load_public_key(public_key)
        if fingerprint(key) != fingerprint(bundled):
            problems.append(
                f"{BAG_PUBLIC_KEY}: not the expected key {public_key} "
                f"(bundle has {fingerprint(bundled)}, expected {fingerprint(key)})"
            )
    body = (bag_dir / SEAL).read_bytes()
    try:
        key.verify((bag_dir / SIGNATURE).read_bytes(), body)
    except InvalidSignature:
        return [*problems, f"{SIGNATURE}: signature over {SEAL} does not verify"], {}
    seal: dict[str, Any] = json.loads(body)
    if seal.get("public_key_fingerprint") != fingerprint(key):
        problems.append(f"{SEAL}: names key {seal.get('public_key_fingerprint')}, not the signer")
    fp_file = bag_dir / BAG_FINGERPRINT
    if fp_file.exists() and fp_file.read_text().strip() != fingerprint(bundled):
        problems.append(f"{BAG_FINGERPRINT}: does not match {BAG_PUBLIC_KEY}")
    return problems, seal


def _check_tag_manifest(bag_dir: Path) -> list[str]:
    problems: list[str] = []
    for line in (bag_dir / TAG_MANIFEST).read_text(encoding="utf-8").splitlines():
        digest, _, name = line.strip().partition(" ")
        name = name.strip()
        if not name:
            continue
        target = bag_dir / name
        if not target.is_file():
            problems.append(f"{name}: listed in {TAG_MANIFEST} but missing")
        elif sha256_file(target) != digest.lower():
            problems.append(f"{name}: changed since {TAG_MANIFEST} was signed")
    return problems


def check_seal(bag_dir: Path, public_key: Path | None) -> list[str]:
    """Problems with a bag's seal, naming files; empty when fine or when the bag is unsigned."""
    seal_path, signature = bag_dir / SEAL, bag_dir / SIGNATURE
    if not seal_path.exists() and not signature.exists():
        return []
    if not seal_path.exists() or not signature.exists():
        missing = SEAL if not seal_path.exists() else SIGNATURE
        return [f"{missing}: missing, so the bag's signature cannot be checked"]
    problems, seal = _check_signature(bag_dir, public_key)
    if not seal:
        return problems
    for name, digest in (seal.get("signed") or {}).items():
        target = bag_dir / name
        if not target.is_file():
            problems.append(f"{name}: signed but missing")
        elif sha256_file(target) != digest:
            problems.append(f"{name}: changed since the bag was signed")
    if (bag_dir / TAG_MANIFEST).is_file():
        problems.extend(_check_tag_manifest(bag_dir))
    problems.extend(check_tokens(bag_dir))
    return problems
