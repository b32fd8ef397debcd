"""Capture time-stamps in a bundle: each token against its manifest, and each manifest
against the hashes ``listings.json`` says were recorded at capture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evidence.timestamps import check_tokens
from evidence.verification.captures import load_captures
from evidence.verification.problems import CheckResult, Outcome, Problem, result

STAMPS = "data/timestamps"
LISTINGS = "data/listings.json"
# listings.json key of each artefact kind's SHA-256
HASH_KEYS = {"screenshot": "screenshot_sha256", "dom": "dom_sha256", "page": "page_sha256",
             "warc": "warc_sha256"}  # fmt: skip
MAX_MANIFEST = 64 << 20


def _stamped_hashes(manifest: Path) -> dict[str, dict[str, str]]:
    """Per capture uuid: the SHA-256 of each artefact kind, as the stamped manifest says."""
    if manifest.stat().st_size > MAX_MANIFEST:
        raise ValueError("manifest too large")
    body = json.loads(manifest.read_text(encoding="utf-8"))
    return {
        str(entry["capture"]): {str(a["kind"]): str(a["sha256"]) for a in entry["artefacts"]}
        for entry in body["captures"]
    }


def _cross_check(bag_dir: Path, captures: list[dict[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    manifests: dict[str, dict[str, dict[str, str]]] = {}
    for capture in captures:
        rel = (capture.get("bundle") or {}).get("timestamp")
        if not rel:
            continue
        name = Path(str(rel)).name
        path = bag_dir / STAMPS / name
        if name not in manifests:
            try:
                manifests[name] = _stamped_hashes(path)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(Problem(f"{STAMPS}/{name}", "invalid", str(exc)))
                manifests[name] = {}
                continue
        stamped = manifests[name].get(str(capture.get("uuid")))
        if stamped is None:
            problems.append(
                Problem(LISTINGS, "altered", f"{capture.get('exhibit')}: not in {name}")
            )
            continue
        for kind, key in HASH_KEYS.items():
            if capture.get(key) and stamped.get(kind) and stamped[kind] != capture[key]:
                problems.append(
                    Problem(LISTINGS, "altered",
                            f"{capture.get('exhibit')}: {kind} hash differs from the stamped one")
                )  # fmt: skip
    return problems


def check_stamps(bag_dir: Path) -> CheckResult:
    """Tokens verify over their manifests, and manifests agree with ``listings.json``."""
    name = "capture time-stamps"
    folder = bag_dir / STAMPS
    if not folder.is_dir():
        return CheckResult(name, Outcome.NOT_CHECKABLE, note="no capture time-stamps in bundle")
    problems = []
    for line in check_tokens(folder, prefix=f"{STAMPS}/"):
        path, _, detail = line.partition(": ")
        problems.append(Problem(path, "invalid", detail))
    captures = load_captures(bag_dir)
    if isinstance(captures, Problem):
        return result(name, [*problems, captures])
    return result(name, problems + _cross_check(bag_dir, captures))
