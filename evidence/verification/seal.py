"""The bag's seal: is it intact (signature, what it signs), and is its signer confirmed?

Two checks, kept apart because they answer different questions. *The seal* passes when
``jasper-seal.json.sig`` is a valid Ed25519 signature, by the bag's ``public-key.pem``, over a
seal naming the tag manifest as it is, and that tag manifest covers every manifest; a bundle
without a seal fails, since nothing then vouches for its contents. *The signer* passes only
when that key is one the reader trusts (:mod:`evidence.verification.trust`); otherwise it is
not checkable, with the fingerprint printed so the reader can compare it with the producer's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from evidence.clock import rfc3339
from evidence.signing import (
    BAG_FINGERPRINT,
    BAG_PUBLIC_KEY,
    SEAL,
    SIGNATURE,
    TAG_MANIFEST,
    SigningError,
    fingerprint,
    parse_public_key,
)
from evidence.verification.fixity import hash_file
from evidence.verification.problems import CheckResult, Outcome, Problem, not_checkable, result
from evidence.verification.trust import Trust

SEAL_CHECK = "seal signature"
SIGNER_CHECK = "signer identity"
MAX_SEAL = 1 << 20
MAX_KEY = 64 << 10
MAX_TAG_MANIFEST = 256 << 20
# Tag files the signed tag manifest must cover when present (besides bagit.txt and every
# payload manifest), so that the signature reaches every file
OPTIONAL_TAGS = ("bag-info.txt",)


@dataclass(frozen=True)
class SealFindings:
    """The two checks, and the signer as the bag names it (None when unreadable)."""

    seal: CheckResult
    signer: CheckResult
    fingerprint: str | None = None
    confirmed_by: str | None = None


def _read(path: Path, limit: int) -> bytes:
    if path.stat().st_size > limit:
        raise ValueError(f"over {limit} bytes")
    return path.read_bytes()


def _bundled_key(bag_dir: Path) -> Ed25519PublicKey | Problem:
    try:
        return parse_public_key(_read(bag_dir / BAG_PUBLIC_KEY, MAX_KEY), BAG_PUBLIC_KEY)
    except (SigningError, ValueError, OSError) as exc:
        return Problem(BAG_PUBLIC_KEY, "invalid", str(exc))


def _signed_files(bag_dir: Path, seal: dict[str, Any]) -> list[Problem]:
    """Each file the seal names hashes as signed; the tag manifest must be among them."""
    signed = seal.get("signed")
    if not isinstance(signed, dict) or TAG_MANIFEST not in signed:
        return [Problem(SEAL, "invalid", f"does not sign {TAG_MANIFEST}")]
    problems = []
    for name, digest in signed.items():
        if not isinstance(name, str) or len(PurePosixPath(name).parts) != 1 or name in ("..", "."):
            problems.append(Problem(SEAL, "invalid", f"names an unsafe path {name!r}"))
            continue
        target = bag_dir / name
        if not target.is_file():
            problems.append(Problem(name, "missing", "signed by the seal"))
        elif hash_file(target, ["sha256"])["sha256"] != digest:
            problems.append(Problem(name, "altered", "changed since the bag was signed"))
    return problems


def _tag_manifest(bag_dir: Path) -> list[Problem]:
    """The signed tag manifest covers bagit.txt, bag-info.txt and every payload manifest,
    and each file it lists is as listed (so the signature reaches every payload file)."""
    path = bag_dir / TAG_MANIFEST
    try:
        text = _read(path, MAX_TAG_MANIFEST).decode("utf-8")
    except (OSError, ValueError) as exc:
        return [Problem(TAG_MANIFEST, "invalid", str(exc))]
    listed: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.strip().partition(" ")
        if name.strip():
            listed[name.strip().removeprefix("*")] = digest.lower()
    problems = []
    wanted = ["bagit.txt", *(n for n in OPTIONAL_TAGS if (bag_dir / n).is_file())]
    wanted += sorted(p.name for p in bag_dir.glob("manifest-*.txt"))
    for name in wanted:
        if name not in listed:
            problems.append(Problem(name, "invalid", f"not covered by the signed {TAG_MANIFEST}"))
    for name, digest in listed.items():
        target = (bag_dir / name).resolve()
        if not target.is_relative_to(bag_dir.resolve()):
            problems.append(Problem(name, "unsafe", f"{TAG_MANIFEST} path leaves the bag"))
        elif not target.is_file():
            problems.append(Problem(name, "missing", f"listed in {TAG_MANIFEST}"))
        elif hash_file(target, ["sha256"])["sha256"] != digest:
            problems.append(Problem(name, "altered", f"differs from {TAG_MANIFEST}"))
    return problems


def _seal_problems(bag_dir: Path, key: Ed25519PublicKey) -> tuple[list[Problem], dict[str, Any]]:
    """Everything that makes the seal fail, given the bag's own key; and the seal's content."""
    try:
        body = _read(bag_dir / SEAL, MAX_SEAL)
        signature = _read(bag_dir / SIGNATURE, MAX_KEY)
    except (OSError, ValueError) as exc:
        return [Problem(SEAL, "invalid", str(exc))], {}
    try:
        key.verify(signature, body)
    except InvalidSignature:
        return [Problem(SIGNATURE, "invalid", f"the signature over {SEAL} does not verify")], {}
    try:
        seal = json.loads(body)
    except ValueError as exc:
        return [Problem(SEAL, "invalid", f"not JSON ({exc})")], {}
    if not isinstance(seal, dict):
        return [Problem(SEAL, "invalid", "not a JSON object")], {}
    found = fingerprint(key)
    problems = []
    if seal.get("public_key_fingerprint") != found:
        problems.append(Problem(SEAL, "invalid", f"names another key than its signer {found}"))
    fp_file = bag_dir / BAG_FINGERPRINT
    if fp_file.is_file():
        try:
            if _read(fp_file, MAX_KEY).decode("utf-8", "replace").strip() != found:
                problems.append(Problem(BAG_FINGERPRINT, "altered", f"not {BAG_PUBLIC_KEY}'s"))
        except (OSError, ValueError) as exc:
            problems.append(Problem(BAG_FINGERPRINT, "invalid", str(exc)))
    return problems + _signed_files(bag_dir, seal) + _tag_manifest(bag_dir), seal


def _seal_note(seal: dict[str, Any]) -> str:
    """What a good seal covers, in words."""
    head = seal.get("ledger_head")
    seq = head.get("seq") if isinstance(head, dict) else None
    covers = f"Ed25519 over {SEAL}, which covers {TAG_MANIFEST}"
    covers += f" and ledger entries 1 to {seq}" if isinstance(seq, int) else ""
    try:
        when = rfc3339(datetime.fromisoformat(str(seal.get("sealed_at"))), seconds=True)
    except ValueError:
        return covers
    return f"{covers}; sealed {when} by the producer's own clock"


def _signer(found: str, trust: Trust, seal_ok: bool) -> tuple[CheckResult, str | None]:
    trusted = trust.key_for(found)
    if trusted is not None:
        if not seal_ok:
            return not_checkable(SIGNER_CHECK, f"the seal does not verify; it names {found}"), None
        note = f"signed by {found}, confirmed by {trusted.source}"
        return CheckResult(SIGNER_CHECK, Outcome.PASSED, note=note), trusted.source
    if trust.pinned is not None:
        expected = ", ".join(k.fingerprint for k in trust.keys if k.source == trust.pinned)
        detail = f"signed by {found}, not by the expected key {expected} ({trust.pinned})"
        return result(SIGNER_CHECK, [Problem(BAG_PUBLIC_KEY, "untrusted", detail)]), None
    if trust.folder is not None:
        why = f"signed by {found}, which is not among the keys in {trust.folder}"
    else:
        why = f"signed by {found}; no trusted key given (--public-key KEY.pem or --trust DIR)"
    return not_checkable(SIGNER_CHECK, why), None


def check_seal(bag_dir: Path, trust: Trust) -> SealFindings:
    """The seal and its signer (see the module docstring)."""
    missing = [n for n in (SEAL, SIGNATURE, BAG_PUBLIC_KEY) if not (bag_dir / n).is_file()]
    if missing:
        detail = "a Jasper bundle is always sealed; without a valid seal nothing vouches for it"
        seal = result(SEAL_CHECK, [Problem(n, "missing", detail) for n in missing])
        return SealFindings(seal, not_checkable(SIGNER_CHECK, "the bundle is not sealed"))
    key = _bundled_key(bag_dir)
    if isinstance(key, Problem):
        return SealFindings(
            result(SEAL_CHECK, [key]), not_checkable(SIGNER_CHECK, "the signer's key is unreadable")
        )
    found = fingerprint(key)
    problems, content = _seal_problems(bag_dir, key)
    seal = result(SEAL_CHECK, problems, "" if problems else _seal_note(content))
    signer, confirmed_by = _signer(found, trust, not problems)
    return SealFindings(seal, signer, found, confirmed_by)
