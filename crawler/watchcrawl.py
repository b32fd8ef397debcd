"""One watchlist crawl in its own process: ``python -m crawler.watchcrawl JOB.json``.

``jasper nightly`` starts one of these per watchlist (Scrapy's reactor starts once per process)
and reads the outcome from ``JOB.json.out``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crawler.runner import CrawlJob, run_crawl
from evidence.workspace import Workspace


def main(argv: list[str]) -> int:
    """Run the job described in ``argv[0]``; exit 0 when the crawl completed."""
    path = Path(argv[0])
    spec = json.loads(path.read_text(encoding="utf-8"))
    workspace = Workspace(Path(spec.pop("workdir")), spec.pop("db_url"))
    try:
        outcome = run_crawl(workspace, CrawlJob(**spec))
    finally:
        workspace.close()
    result = {
        "run_id": outcome.run_id,
        "status": outcome.status,
        "failed_searches": outcome.failed_searches,
        "log_file": str(outcome.log_file),
    }
    path.with_name(path.name + ".out").write_text(json.dumps(result), encoding="utf-8")
    return 0 if outcome.status == "completed" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
