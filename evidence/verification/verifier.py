"""Verify a bundle: unpack it safely, then every check that needs no database."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from evidence.signing import check_seal
from evidence.verification.captures import check_captures
from evidence.verification.fixity import check_bag
from evidence.verification.problems import CheckResult, Outcome, Problem, result
from evidence.verification.stamps import check_stamps
from evidence.verification.unpack import Limits, UnsafeArchive, find_bag, safe_extract
from evidence.verification.wacz import check_wacz

WACZ = "data/web-archive.wacz"
SEAL_FILES = ("jasper-seal.json", "jasper-seal.json.sig")


@dataclass(frozen=True)
class Verification:
    """Every check made on a bundle."""

    bundle: Path
    checks: tuple[CheckResult, ...]
    case: str | None = None  # as the bundle's bag-info.txt claims it

    @property
    def problems(self) -> list[Problem]:
        """Every problem found, in check order."""
        return [p for check in self.checks for p in check.problems]

    @property
    def passed(self) -> bool:
        """True when no check failed."""
        return all(c.outcome != Outcome.FAILED for c in self.checks)


def check_signatures(bag_dir: Path, public_key: Path | None) -> CheckResult:
    """The bag's Ed25519 seal and the time-stamp tokens beside it (``evidence.signing``)."""
    name = "signatures and time-stamps"
    if not any((bag_dir / f).exists() for f in SEAL_FILES):
        if public_key is not None:
            return result(name, [Problem(SEAL_FILES[0], "missing", "a public key was given")])
        return CheckResult(name, Outcome.NOT_CHECKABLE, note="bundle is not signed")
    problems = [Problem(*line.split(": ", 1)) if ": " in line else Problem(line, "invalid")
                for line in check_seal(bag_dir, public_key)]  # fmt: skip
    return result(name, problems)


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


def verify_bundle(
    bundle: Path, public_key: Path | None = None, limits: Limits | None = None
) -> Verification:
    """Check ``bundle`` in a private scratch folder; nothing from it is ever executed."""
    with tempfile.TemporaryDirectory(prefix="jasper-verify-") as scratch:
        try:
            safe_extract(bundle, Path(scratch), limits)
        except UnsafeArchive as exc:
            problem = Problem(bundle.name, "unsafe", str(exc))
            return Verification(bundle, (result("safe unpacking", [problem]),))
        bag_dir = find_bag(Path(scratch))
        if bag_dir is None:
            problem = Problem("bagit.txt", "missing", "not a BagIt bag")
            return Verification(bundle, (result("BagIt manifests", [problem]),))
        fixity, verified = check_bag(bag_dir)
        checks = [CheckResult("safe unpacking", Outcome.PASSED), fixity]
        wacz = bag_dir / WACZ
        if wacz.is_file():
            wacz_check, wacz_hashes = check_wacz(wacz, WACZ, limits)
        else:
            wacz_check = result("WACZ", [Problem(WACZ, "missing")])
            wacz_hashes = {}
        checks += [
            wacz_check,
            check_captures(bag_dir, verified, wacz_hashes),
            check_stamps(bag_dir),
            check_signatures(bag_dir, public_key),
        ]
        return Verification(bundle, tuple(checks), bag_case(bag_dir))
