"""Each artefact in the bundle against the SHA-256 recorded at capture (``listings.json``)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from evidence.verification.fixity import hash_file
from evidence.verification.problems import CheckResult, Problem, result

LISTINGS = "data/listings.json"
SEARCH_PAGES = "data/search-pages.json"  # search-result pages exported as exhibits (optional)
FILE_KINDS = ("screenshot", "dom", "page")
MAX_LISTINGS = 1 << 30


def _safe_relative(value: Any) -> str | None:
    """A bag-relative path under ``data/``, or ``None`` when the JSON points anywhere else."""
    if not isinstance(value, str):
        return None
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or path.parts[:1] != ("data",):
        return None
    return value


def load_captures(bag_dir: Path) -> list[dict[str, Any]] | Problem:
    """Every capture listed in ``listings.json``, or the problem that stops reading it."""
    listings_path = bag_dir / LISTINGS
    if not listings_path.is_file() or listings_path.stat().st_size > MAX_LISTINGS:
        return Problem(LISTINGS, "missing", "cannot check capture hashes")
    try:
        records = json.loads(listings_path.read_text(encoding="utf-8"))
        captures = [c for listing in records for c in listing["captures"]]
    except (ValueError, KeyError, TypeError) as exc:
        return Problem(LISTINGS, "invalid", str(exc))
    searches_path = bag_dir / SEARCH_PAGES
    if searches_path.is_file():
        if searches_path.stat().st_size > MAX_LISTINGS:
            return Problem(SEARCH_PAGES, "invalid", "too large")
        try:
            searches = json.loads(searches_path.read_text(encoding="utf-8"))
            if not isinstance(searches, list) or not all(isinstance(c, dict) for c in searches):
                raise TypeError("not a list of captures")
        except (ValueError, TypeError) as exc:
            return Problem(SEARCH_PAGES, "invalid", str(exc))
        captures += searches
    return captures


def check_captures(
    bag_dir: Path, verified: dict[str, str], wacz_hashes: dict[str, str]
) -> CheckResult:
    """Every artefact named in ``listings.json`` must hash to the value recorded at capture.

    ``verified`` holds SHA-256 values already computed by the fixity check (so files are not
    hashed twice); ``wacz_hashes`` the SHA-256 of each WACZ member.
    """
    name = "artefacts against hashes recorded at capture"
    captures = load_captures(bag_dir)
    if isinstance(captures, Problem):
        return result(name, [captures])
    problems: list[Problem] = []
    for capture in captures:
        try:
            bundle = capture["bundle"]
            ref = capture["exhibit"]
        except (KeyError, TypeError):
            problems.append(Problem(LISTINGS, "invalid", "a capture has no exhibit or bundle"))
            continue
        for kind in FILE_KINDS:
            expected = capture.get(f"{kind}_sha256")
            if not bundle.get(kind) and not expected:
                continue
            rel = _safe_relative(bundle.get(kind))
            if rel is None or not expected:
                problems.append(Problem(LISTINGS, "invalid", f"{ref}: bad {kind} entry"))
                continue
            path = bag_dir / rel
            if not path.is_file():
                problems.append(Problem(rel, "missing", f"{kind} of exhibit {ref}"))
                continue
            actual = verified.get(rel) or hash_file(path, ["sha256"])["sha256"]
            if actual != expected:
                problems.append(
                    Problem(rel, "altered", f"not the SHA-256 recorded at capture for {ref}")
                )
        warc, expected = bundle.get("warc"), capture.get("warc_sha256")
        if warc or expected:
            where = f"{bundle.get('wacz')}!{warc}"
            if wacz_hashes.get(str(warc)) != expected:
                problems.append(
                    Problem(where, "altered", f"not the SHA-256 recorded at capture for {ref}")
                )
    return result(name, problems)
