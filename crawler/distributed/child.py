"""Run one job's crawl in a fresh child process that dies with its worker.

Scrapy's reactor starts once per process, so each job is its own ``crawler.childcrawl``.
The child is tied to its parent (``PR_SET_PDEATHSIG``): a worker killed with ``kill -9``
takes its crawl with it, so the redelivered job never races a leftover child.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from crawler.runner import CrawlJob

PR_SET_PDEATHSIG = 1
FEED_POLL = 0.5  # seconds between looks at a search job's new candidates


class ChildLost(RuntimeError):
    """The child crawl died without reporting an outcome (killed, crashed)."""


@dataclass
class ChildOutcome:
    """What a child crawl reported."""

    exit_code: int
    run_id: int | None = None
    status: str = "failed"
    error: str | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    candidates: list[dict[str, Any]] = field(default_factory=list)
    database_lost: bool = False  # the crawl stopped because the database went away


def _follow(
    child: subprocess.Popen[bytes],
    feed: CandidateFeed,
    on_candidates: Callable[[list[dict[str, Any]]], None] | None,
) -> int:
    """Wait for the child, handing on its candidates as they come; its exit status. If
    handing on fails (the broker or database is gone), the child is stopped with it."""
    try:
        while True:
            try:
                code = child.wait(timeout=FEED_POLL)
            except subprocess.TimeoutExpired:
                code = None
            if on_candidates is not None and (found := feed.read()):
                on_candidates(found)
            if code is not None:
                return code
    except BaseException:
        child.kill()
        child.wait()
        raise


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class CandidateFeed:
    """The candidate listings a search-only child appends to its file as JSON lines, read
    as they come (whole lines only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def read(self) -> list[dict[str, Any]]:
        """The candidates written since the last read."""
        try:
            with self.path.open("rb") as source:
                source.seek(self.offset)
                data = source.read()
        except FileNotFoundError:
            return []
        whole = data[: data.rfind(b"\n") + 1]
        self.offset += len(whole)
        return [json.loads(line) for line in whole.splitlines() if line.strip()]


def run_child(
    job: CrawlJob,
    workdir: Path,
    db_url: str,
    log: Path,
    store_url: str = "",
    on_candidates: Callable[[list[dict[str, Any]]], None] | None = None,
) -> ChildOutcome:
    """Run ``job`` in a child process against ``workdir`` and ``db_url`` (and the store
    ``store_url``, when given); its output goes to ``log``. A search-only job's candidates
    are handed to ``on_candidates`` while it runs, as they are found. Raises
    :class:`ChildLost` when the child died without an outcome."""
    with tempfile.TemporaryDirectory(prefix="jasper-job-") as tmp:
        job_file, out_file = Path(tmp) / "job.json", Path(tmp) / "outcome.json"
        feed = CandidateFeed(Path(tmp) / "candidates.jsonl")
        if on_candidates is not None:
            job = replace(job, options=job.options | {"candidates_file": str(feed.path)})
        job_file.write_text(job.to_json(), encoding="utf-8")
        env = (
            os.environ
            | {
                "JASPER_HOME": str(workdir),
                "JASPER_DB_URL": db_url,
                "JASPER_OPERATOR": job.operator,
            }
            | ({"JASPER_STORE_URL": store_url} if store_url else {})
        )
        with log.open("ab") as out:
            child = subprocess.Popen(
                [sys.executable, "-m", "crawler.childcrawl", str(job_file), str(out_file)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
            code = _follow(child, feed, on_candidates)
        if not out_file.exists():
            raise ChildLost(f"crawl process ended with status {code} and no outcome (see {log})")
        data = json.loads(out_file.read_text(encoding="utf-8"))
    return ChildOutcome(
        exit_code=code,
        run_id=data.get("run_id"),
        status=data.get("status", "failed"),
        error=data.get("error"),
        stats=data.get("stats") or {},
        candidates=data.get("candidates") or [],
        database_lost=bool(data.get("database_lost")),
    )
