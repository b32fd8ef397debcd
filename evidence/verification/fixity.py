"""BagIt fixity: every manifest entry present and unaltered, nothing added to the payload."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import bagit

from evidence.store import CHUNK
from evidence.verification.problems import CheckResult, Problem, result

logging.getLogger("bagit").setLevel(logging.ERROR)  # we report problems ourselves, one a line


def hash_file(path: Path, algorithms: list[str]) -> dict[str, str]:
    """Hex digests of ``path`` for each algorithm, in one chunked pass."""
    hashers = {alg: hashlib.new(alg) for alg in algorithms}
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            for hasher in hashers.values():
                hasher.update(chunk)
    return {alg: h.hexdigest() for alg, h in hashers.items()}


def check_bag(bag_dir: Path) -> tuple[CheckResult, dict[str, str]]:
    """Check the bag; return the result and the SHA-256 of every file that matched."""
    try:
        bag = bagit.Bag(str(bag_dir))
    except (bagit.BagError, ValueError, OSError) as exc:
        return result("BagIt manifests", [Problem("bagit.txt", "invalid", str(exc))]), {}
    problems: list[Problem] = []
    verified: dict[str, str] = {}
    root = bag_dir.resolve()
    for rel_path, expected in sorted(bag.entries.items()):
        path = (root / rel_path).resolve()
        if not path.is_relative_to(root):
            problems.append(Problem(rel_path, "unsafe", "manifest path leaves the bag"))
            continue
        if not path.is_file():
            problems.append(Problem(rel_path, "missing", "listed in the manifest"))
            continue
        algorithms = sorted(a for a in expected if a in hashlib.algorithms_available)
        actual = hash_file(path, algorithms)
        bad = [a for a in algorithms if actual[a] != expected[a].lower()]
        if bad:
            problems.append(Problem(rel_path, "altered", f"{', '.join(bad)} differs from manifest"))
        elif "sha256" in actual:
            verified[rel_path] = actual["sha256"]
    listed = set(bag.entries)
    for path in sorted((root / "data").rglob("*")):
        rel = path.relative_to(root).as_posix()
        if (path.is_file() or path.is_symlink()) and rel not in listed:
            problems.append(Problem(rel, "extra", "not in any manifest"))
    if not problems:
        # Our checks name files; the reference validator has the last word on the rest.
        try:
            bag.validate(processes=1)
        except bagit.BagValidationError as exc:
            problems.append(Problem("bag", "invalid", str(exc.message)))
        except (bagit.BagError, ValueError, OSError) as exc:
            problems.append(Problem("bag", "invalid", str(exc)))
    note = f"{len(verified)} payload files" if not problems else ""
    return result("BagIt manifests", problems, note), verified
