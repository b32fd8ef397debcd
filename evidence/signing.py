"""Ed25519 signing: the installation's key pair, and the seal on every exported bag.

A seal is ``jasper-seal.json``: the SHA-256 of ``tagmanifest-sha256.txt`` (which covers every
manifest, and so every file) and the ledger head the export covers. ``jasper-seal.json.sig`` is
the raw Ed25519 signature over its exact bytes, checkable with
``openssl pkeyutl -verify -pubin -inkey KEY.pem -rawin -in jasper-seal.json
-sigfile jasper-seal.json.sig``. With TSAs configured, the signature itself is time-stamped
(``jasper-seal.json.sig.tsr``): the TSA's time dates the signature, and so the whole bag.

The bag's own ``public-key.pem`` only says who claims to have signed: a forger re-seals with
their own key. A signer is confirmed only against a key the reader holds independently
(:func:`signer_identity` gives the fingerprint and the command to publish with it).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from evidence.custody import record_event
from evidence.ledger import head, ledger_time
from evidence.models.base import utcnow
from evidence.provenance import software_string
from evidence.store import sha256_file
from evidence.timestamps import (
    CHAIN_SUFFIX,
    TOKEN_SUFFIX,
    TimestampConfig,
    TimestampError,
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
SEAL_TOKEN = SIGNATURE + TOKEN_SUFFIX  # the signature's RFC 3161 time-stamp
SEAL_TOKEN_CHAIN = SIGNATURE + CHAIN_SUFFIX


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
    """An Ed25519 public key from a PEM file (SigningError when it is not one)."""
    return parse_public_key(path.read_bytes(), path.name)


def parse_public_key(pem: bytes, name: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM bytes; ``name`` says where they came from."""
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"{name} is not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{name} is not an Ed25519 public key")
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


def _stamp_signature(bag_dir: Path, config: TimestampConfig) -> dict[str, Any]:
    """Time-stamp the signature; a failure is returned (or raised, when required)."""
    try:
        result, token, _ = stamp_file(bag_dir / SIGNATURE, config)
    except TimestampError as exc:
        if config.require:
            raise SigningError(f"time-stamp of {SIGNATURE} required but failed: {exc}") from exc
        return {"status": "failed", "error": str(exc)}
    return {
        "status": "granted",
        "tsa": result.tsa_url,
        "tsa_name": result.verified.tsa_name,
        "gen_time": result.gen_time_text,
        "token": token.name,
        "token_sha256": sha256_file(token),
    }


@dataclass(frozen=True)
class SealResult:
    """A sealed bag: who signed it, and the signature's time-stamp (None: no TSA configured)."""

    fingerprint: str
    timestamp: dict[str, Any] | None

    @property
    def stamped(self) -> bool:
        """Whether a TSA dated the signature."""
        return bool(self.timestamp and self.timestamp["status"] == "granted")


def seal_bag(bag_dir: Path, workspace: Workspace, operator: str | None = None) -> SealResult:
    """Sign the bag's tag manifest with the ledger head it covers; add the key; time-stamp the
    signature when TSAs are configured (a failure is in the result, and the custody log)."""
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
    body = (json.dumps(seal, sort_keys=True, indent=1) + "\n").encode()
    (bag_dir / SEAL).write_bytes(body)
    (bag_dir / SIGNATURE).write_bytes(key.sign(body))
    (bag_dir / BAG_PUBLIC_KEY).write_bytes(public_pem(public))
    (bag_dir / BAG_FINGERPRINT).write_text(found + "\n")
    stamp = _stamp_signature(bag_dir, tsa) if tsa.enabled else None
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
                "seal_timestamp": stamp,
            },
        )
    return SealResult(found, stamp)


@dataclass(frozen=True)
class SignerIdentity:
    """The installation's signing key as a reader must be told it, apart from any bundle."""

    fingerprint: str  # sha256: + hex SHA-256 of the raw 32-byte key
    public_key_pem: bytes

    def pinned_command(self, bundle: str = "BUNDLE.zip", key_file: str = "PRODUCER-KEY.pem") -> str:
        """``jasper verify`` confirming the signer against a key held independently."""
        return f"jasper verify {bundle} --public-key {key_file}"


def signer_identity(workdir: Path) -> SignerIdentity:
    """The fingerprint and public key of the installation's signing key (for VERIFY.txt,
    the PDF cover, and to publish to whoever must check the bundles)."""
    _, public_path = key_paths(workdir)
    try:
        key = load_public_key(public_path)
    except FileNotFoundError:
        raise SigningError(
            f"no signing key in {public_path.parent}; run `jasper keys init` first"
        ) from None
    return SignerIdentity(fingerprint(key), public_pem(key))
