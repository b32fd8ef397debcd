"""One crawl in its own process: ``python -m crawler.childcrawl JOB.json``.

The one entry point for crawls started by another process (``jasper nightly``, a worker):
Scrapy's reactor starts once per process. The job is a :class:`crawler.runner.CrawlJob` as
JSON; the outcome is in the database (the crawl run, linked to its watch run), and the exit
status is 0 only when the crawl completed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from crawler.runner import CrawlFailed, CrawlInputError, CrawlJob, run_crawl
from evidence.workspace import Workspace


def main(argv: list[str]) -> int:
    """Run the job in ``argv[0]`` against the workdir and database the environment names."""
    job = CrawlJob.from_json(Path(argv[0]).read_text(encoding="utf-8"))
    workspace = Workspace()
    try:
        outcome = run_crawl(workspace, job)
    except (CrawlInputError, CrawlFailed) as exc:
        print(f"jasper: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, CrawlInputError) else 1
    finally:
        workspace.close()
    return 0 if outcome.status == "completed" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
