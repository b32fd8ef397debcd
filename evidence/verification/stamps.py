"""Time-stamps in a bundle, each verified fully with :mod:`evidence.tsp` against its file.

Three checks. *The seal's time-stamp*: the token over ``jasper-seal.json.sig``, whose genTime
dates the signature. *Capture time-stamps*: each token under ``data/timestamps`` over its
batch manifest, and each manifest against the hashes ``listings.json`` says were recorded at
capture. *The time-stamp authority*: every intact token traced to a TSA root the reader gave,
with every certificate valid at genTime; without one it is not checkable (a root shipped in
the bundle proves nothing). A check with no token to look at is not checkable either: "no
time-stamps present" is never "passed".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from evidence.clock import rfc3339
from evidence.signing import SEAL, SEAL_TOKEN, SIGNATURE, TAG_MANIFEST
from evidence.timestamps import TOKEN_SUFFIX, stored_chain
from evidence.tsp import Check, TokenError, VerifiedToken, verify_token
from evidence.verification.captures import load_captures
from evidence.verification.problems import (
    CheckResult,
    Outcome,
    Problem,
    not_checkable,
    result,
)
from evidence.verification.trust import Trust

STAMPS = "data/timestamps"
LISTINGS = "data/listings.json"
SEAL_STAMP_CHECK = "seal time-stamp"
CAPTURE_STAMP_CHECK = "capture time-stamps"
TSA_CHECK = "time-stamp authority"
# listings.json key of each artefact kind's SHA-256
HASH_KEYS = {"screenshot": "screenshot_sha256", "dom": "dom_sha256", "page": "page_sha256",
             "warc": "warc_sha256"}  # fmt: skip
MAX_TOKEN = 1 << 20
MAX_MANIFEST = 64 << 20
MAX_ROOT_TOKENS = 16
MAX_CHAIN = 32  # certificates in one X.tsa-chain.pem
# Files at the bag root a time-stamp may cover: the signature now; the seal and the tag
# manifest in bundles made before the signature itself was stamped.
ROOT_STAMPED = (SIGNATURE, SEAL, TAG_MANIFEST)


@dataclass(frozen=True)
class TokenVerdict:
    """One token: verified (intact), or the problem; and whether its TSA traced to a root."""

    name: str  # bag-relative
    verified: VerifiedToken | None = None
    problem: Problem | None = None
    untrusted: Problem | None = None  # intact, but no path to the reader's roots at genTime

    @property
    def trusted(self) -> bool:
        """Traced to one of the reader's roots at genTime."""
        return self.verified is not None and self.verified.trusted


def _read(path: Path, limit: int) -> bytes:
    if path.stat().st_size > limit:
        raise ValueError(f"over {limit} bytes")
    return path.read_bytes()


def check_token(bag_dir: Path, name: str, roots: Sequence[x509.Certificate]) -> TokenVerdict:
    """Verify the token ``name`` (bag-relative ``X.tsr``) over ``X``, with the certificates
    of ``X.tsa-chain.pem`` as untrusted helpers and ``roots`` as the only anchors."""
    token_path = bag_dir / name
    data_name = name.removesuffix(TOKEN_SUFFIX)
    data_path = bag_dir / data_name
    if not data_path.is_file():
        return TokenVerdict(name, problem=Problem(name, "invalid", f"stamps {data_name}, missing"))
    try:
        token = _read(token_path, MAX_TOKEN)
        data = _read(data_path, MAX_MANIFEST)
        helpers = stored_chain(token_path)
        if len(helpers) > MAX_CHAIN:
            raise ValueError(f"{len(helpers)} certificates in its TSA chain file")
    except (OSError, ValueError) as exc:
        return TokenVerdict(name, problem=Problem(name, "invalid", str(exc)))
    try:
        verified = verify_token(token, data, roots=roots, certificates=helpers)
    except TokenError as exc:
        if exc.check != Check.CHAIN:
            if exc.check == Check.IMPRINT:
                problem = Problem(name, "altered", f"does not stamp {data_name} as it is now")
            else:
                problem = Problem(name, "invalid", str(exc))
            return TokenVerdict(name, problem=problem)
        # Intact but not traced to the reader's roots: say who it claims to be, and when
        intact = verify_token(token, data, certificates=helpers)
        untrusted = Problem(name, "untrusted", f"{intact.tsa_name}: {exc.detail}")
        return TokenVerdict(name, verified=intact, untrusted=untrusted)
    return TokenVerdict(name, verified=verified)


def _when(verdict: TokenVerdict) -> str:
    assert verdict.verified is not None
    return f"{rfc3339(verdict.verified.gen_time, seconds=True)} by {verdict.verified.tsa_name}"


def check_seal_stamp(bag_dir: Path, trust: Trust) -> tuple[CheckResult, list[TokenVerdict]]:
    """The token(s) at the bag root, over the signature (or, in older bundles, the seal)."""
    names = sorted(p.name for p in bag_dir.glob("*" + TOKEN_SUFFIX))
    if len(names) > MAX_ROOT_TOKENS:
        problem = Problem(".", "unsafe", f"{len(names)} time-stamp tokens at the bag root")
        return result(SEAL_STAMP_CHECK, [problem]), []
    verdicts = [check_token(bag_dir, n, trust.tsa_roots) for n in names]
    problems = [v.problem for v in verdicts if v.problem]
    strays = [n for n in names if n.removesuffix(TOKEN_SUFFIX) not in ROOT_STAMPED]
    problems += [Problem(n, "extra", "a time-stamp over no seal file") for n in strays]
    if problems:
        return result(SEAL_STAMP_CHECK, problems), verdicts
    if not verdicts:
        why = "the seal carries no time-stamp: nothing independent dates the signature"
        return not_checkable(SEAL_STAMP_CHECK, why), verdicts
    dated = next((v for v in verdicts if v.name == SEAL_TOKEN), verdicts[0])
    what = "signature" if dated.name == SEAL_TOKEN else dated.name.removesuffix(TOKEN_SUFFIX)
    return result(SEAL_STAMP_CHECK, [], f"{what} dated {_when(dated)}"), verdicts


def _stamped_hashes(manifest: Path) -> dict[str, dict[str, str]]:
    """Per capture uuid: the SHA-256 of each artefact kind, as the stamped manifest says."""
    body = json.loads(_read(manifest, MAX_MANIFEST).decode("utf-8"))
    return {
        str(entry["capture"]): {str(a["kind"]): str(a["sha256"]) for a in entry["artefacts"]}
        for entry in body["captures"]
    }


def _cross_check(bag_dir: Path, captures: list[dict[str, Any]]) -> tuple[list[Problem], int]:
    """Problems between manifests and listings.json; and how many captures are stamped."""
    problems: list[Problem] = []
    manifests: dict[str, dict[str, dict[str, str]]] = {}
    stamped_count = 0
    for capture in captures:
        bundle = capture.get("bundle") if isinstance(capture, dict) else None
        rel = bundle.get("timestamp") if isinstance(bundle, dict) else None
        if not rel:
            continue
        stamped_count += 1
        name = Path(str(rel)).name
        if name not in manifests:
            try:
                manifests[name] = _stamped_hashes(bag_dir / STAMPS / name)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(Problem(f"{STAMPS}/{name}", "invalid", str(exc)))
                manifests[name] = {}
                continue
        stamped = manifests[name].get(str(capture.get("uuid")))
        ref = capture.get("exhibit")
        if stamped is None:
            problems.append(Problem(LISTINGS, "altered", f"{ref}: not in {name}"))
            continue
        for kind, key in HASH_KEYS.items():
            if capture.get(key) and stamped.get(kind) and stamped[kind] != capture[key]:
                detail = f"{ref}: {kind} hash differs from the stamped one"
                problems.append(Problem(LISTINGS, "altered", detail))
    return problems, stamped_count


def check_capture_stamps(bag_dir: Path, trust: Trust) -> tuple[CheckResult, list[TokenVerdict]]:
    """Tokens verify over their manifests, and manifests agree with ``listings.json``."""
    folder = bag_dir / STAMPS
    names = sorted(f"{STAMPS}/{p.name}" for p in folder.glob("*" + TOKEN_SUFFIX))
    verdicts = [check_token(bag_dir, n, trust.tsa_roots) for n in names]
    problems = [v.problem for v in verdicts if v.problem]
    captures = load_captures(bag_dir)
    if isinstance(captures, Problem):
        return result(CAPTURE_STAMP_CHECK, [*problems, captures]), verdicts
    crossed, stamped = _cross_check(bag_dir, captures)
    problems += crossed
    if not names and not problems:
        why = f"no time-stamps present: none of the {len(captures)} captures is time-stamped"
        return not_checkable(CAPTURE_STAMP_CHECK, why), verdicts
    tokens = f"{len(names)} token" + ("s" if len(names) != 1 else "")
    note = f"{tokens} covering {stamped} of {len(captures)} captures"
    if stamped < len(captures):
        note += f"; {len(captures) - stamped} captures carry no time-stamp"
    return result(CAPTURE_STAMP_CHECK, problems, note), verdicts


def check_authority(verdicts: list[TokenVerdict], trust: Trust) -> CheckResult:
    """Every intact token traced to the reader's TSA roots at its genTime."""
    intact = [v for v in verdicts if v.verified is not None]
    if not verdicts:
        return not_checkable(TSA_CHECK, "no time-stamps present")
    if not intact:
        return not_checkable(TSA_CHECK, "no intact time-stamp to trace")
    names = sorted({v.verified.tsa_name for v in intact if v.verified})
    if not trust.tsa_roots:
        why = (
            f"no TSA root given (--tsa-ca-file ROOT.pem, or a certificate in --trust DIR); "
            f"the tokens name {'; '.join(names)}"
        )
        return not_checkable(TSA_CHECK, why)
    untrusted = [v.untrusted for v in intact if v.untrusted]
    if untrusted:
        return result(TSA_CHECK, untrusted)
    tokens = f"{len(intact)} token" + ("s" if len(intact) != 1 else "")
    note = f"{tokens} by {'; '.join(names)}, traced to {', '.join(trust.tsa_sources)}"
    return CheckResult(TSA_CHECK, Outcome.PASSED, note=note + " at their genTime")
