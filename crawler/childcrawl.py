"""One crawl in its own process: ``python -m crawler.childcrawl JOB.json [OUTCOME.json]``.

The one entry point for crawls started by another process (``jasper nightly``, a worker):
Scrapy's reactor starts once per process. The job is a :class:`crawler.runner.CrawlJob` as
JSON; the outcome is in the database (the crawl run, linked to its watch run), and the exit
status is 0 only when the crawl completed. Given a second path, the outcome's run, status and
candidate listings (a search-only job's) are written there as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.runner import CrawlFailed, CrawlInputError, CrawlJob, run_crawl
from evidence.db import connection_lost
from evidence.presence import Presence, hold_presence
from evidence.workspace import Workspace, WorkspaceError


def _report(argv: list[str], summary: dict[str, object]) -> None:
    """Write the outcome where the parent asked for it, if it did."""
    if len(argv) > 1:
        Path(argv[1]).write_text(json.dumps(summary, default=str), encoding="utf-8")


def main(argv: list[str]) -> int:
    """Run the job in ``argv[0]`` against the workdir and database the environment names."""
    job = CrawlJob.from_json(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        workspace = Workspace()
    except WorkspaceError as exc:  # the database is down as the job starts
        return _lost(argv, exc)
    presence: Presence | None = None
    try:
        # A distributed job's crawl shows it lives to every machine (evidence.presence).
        presence = hold_presence(workspace.db_url) if "job" in job.options else None
        outcome = run_crawl(workspace, job)
    except (CrawlInputError, CrawlFailed) as exc:
        print(f"jasper: error: {exc}", file=sys.stderr)
        _report(argv, {"status": "failed", "error": str(exc)})
        return 2 if isinstance(exc, CrawlInputError) else 1
    except Exception as exc:
        if not connection_lost(exc):
            raise
        return _lost(argv, exc)
    finally:
        if presence is not None:
            presence.close()
        workspace.close()
    summary = {
        "database_lost": bool(outcome.stats.get("jasper/database_lost")),
        "run_id": outcome.run_id,
        "status": outcome.status,
        "error": outcome.error,
        "stats": outcome.stats,
        "candidates": outcome.candidates,
    }
    _report(argv, summary)
    return 0 if outcome.status == "completed" else 1


def _lost(argv: list[str], exc: BaseException) -> int:
    """The database could not be reached: one line, and an outcome that says so."""
    why = f"database unreachable ({str(getattr(exc, 'orig', None) or exc).splitlines()[0]})"
    print(f"jasper: error: {why}", file=sys.stderr)
    _report(argv, {"status": "failed", "error": why, "database_lost": True})
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
