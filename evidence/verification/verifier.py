"""Verify a bundle: unpack it safely, then every check that needs no database.

The verdict has three values, each with its own exit status (``jasper verify``):
``verified`` (0) when nothing failed and the signer is confirmed by a key the reader trusts;
``unconfirmed`` (3) when nothing failed but the signer is not confirmed (the bundle is intact
as sealed, but anyone can seal); ``failed`` (1) when any check failed.
"""

from __future__ import annotations

import enum
import tempfile
from dataclasses import dataclass
from pathlib import Path

from evidence.verification.captures import check_captures
from evidence.verification.fixity import check_bag
from evidence.verification.problems import CheckResult, Outcome, Problem, not_checkable, result
from evidence.verification.seal import SIGNER_CHECK, SealFindings, check_seal
from evidence.verification.stamps import check_authority, check_capture_stamps, check_seal_stamp
from evidence.verification.trust import Trust
from evidence.verification.unpack import Limits, UnsafeArchive, safe_extract
from evidence.verification.wacz import check_wacz

WACZ = "data/web-archive.wacz"


class Verdict(enum.StrEnum):
    """What a verification concludes."""

    VERIFIED = "verified"
    UNCONFIRMED = "unconfirmed"
    FAILED = "failed"


EXIT_STATUS = {Verdict.VERIFIED: 0, Verdict.FAILED: 1, Verdict.UNCONFIRMED: 3}


@dataclass(frozen=True)
class Verification:
    """Every check made on a bundle, and who signed it."""

    bundle: Path
    checks: tuple[CheckResult, ...]
    case: str | None = None  # as the bundle's bag-info.txt claims it
    signer: str | None = None  # the fingerprint of the key that sealed it, as the bag says
    confirmed_by: str | None = None  # the trusted key file that confirms it

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, in check order."""
        return [p for check in self.checks for p in check.problems]

    @property
    def passed(self) -> bool:
        """True when no check failed (the signer may still be unconfirmed)."""
        return all(c.outcome != Outcome.FAILED for c in self.checks)

    @property
    def verdict(self) -> Verdict:
        """Failed, unconfirmed (intact, signer not confirmed) or verified."""
        if not self.passed:
            return Verdict.FAILED
        signer = next((c for c in self.checks if c.name == SIGNER_CHECK), None)
        if signer is None or signer.outcome != Outcome.PASSED:
            return Verdict.UNCONFIRMED
        return Verdict.VERIFIED


def bag_case(bag_dir: Path) -> str | None:
    """The ``Case`` label of ``bag-info.txt``, read as untrusted text."""
    info = bag_dir / "bag-info.txt"
    if not info.is_file() or info.stat().st_size > 1 << 20:
        return None
    for line in info.read_text(encoding="utf-8", errors="replace").splitlines():
        label, sep, value = line.partition(":")
        if sep and label.strip() == "Case":
            return value.strip()[:200] or None
    return None


def _checks(
    bag_dir: Path, trust: Trust, limits: Limits | None, checks: list[CheckResult]
) -> SealFindings:
    """Every check on the unpacked bag, appended to ``checks`` as it is made."""
    fixity, verified = check_bag(bag_dir)
    checks.append(fixity)
    wacz = bag_dir / WACZ
    wacz_hashes: dict[str, str] = {}
    if wacz.is_file():
        wacz_check, wacz_hashes = check_wacz(wacz, WACZ, limits)
    else:
        wacz_check = result("WACZ", [Problem(WACZ, "missing")])
    checks += [wacz_check, check_captures(bag_dir, verified, wacz_hashes)]
    findings = check_seal(bag_dir, trust)
    checks += [findings.seal, findings.signer]
    seal_stamp, seal_tokens = check_seal_stamp(bag_dir, trust)
    capture_stamps, capture_tokens = check_capture_stamps(bag_dir, trust)
    checks += [seal_stamp, capture_stamps, check_authority(seal_tokens + capture_tokens, trust)]
    return findings


def verify_bundle(
    bundle: Path, trust: Trust | None = None, limits: Limits | None = None
) -> Verification:
    """Check ``bundle`` in a private scratch folder; nothing from it is ever executed."""
    trust = trust or Trust()
    with tempfile.TemporaryDirectory(prefix="jasper-verify-") as scratch:
        try:
            bag_dir = safe_extract(bundle, Path(scratch), limits)
        except UnsafeArchive as exc:
            refused = result("safe unpacking", list(exc.problems))
            rest = not_checkable("every other check", "the archive was refused before unpacking")
            return Verification(bundle, (refused, rest))
        checks = [CheckResult("safe unpacking", Outcome.PASSED)]
        try:
            findings = _checks(bag_dir, trust, limits, checks)
        except Exception as exc:  # the bundle is hostile: a check it breaks has found a problem
            detail = f"verification stopped: {type(exc).__name__}: {exc}"
            checks.append(result("the remaining checks", [Problem("bundle", "invalid", detail)]))
            return Verification(bundle, tuple(checks), bag_case(bag_dir))
        return Verification(
            bundle, tuple(checks), bag_case(bag_dir), findings.fingerprint, findings.confirmed_by
        )
