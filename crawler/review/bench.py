"""How fast the triage queue is on a big case: fills a case with 100,000 listings (one
capture and one score each, straight into the database) and times queue pages, in the
evidence core and over HTTP. ``python -m crawler.review.bench [--listings N] [--db URL]``."""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from evidence.models import Capture, Listing, ListingScore
from evidence.review.queue import QueueFilter, queue_page
from evidence.runs import open_run
from evidence.workspace import Workspace
from settings.config import load_config

BATCH = 5_000
WORDS = (
    "Rolex",
    "Omega",
    "Submariner",
    "Daytona",
    "replica",
    "AAA",
    "watch",
    "gold",
    "steel",
    "1:1",
    "genuine",
    "boxed",
    "vintage",
    "Seamaster",
    "Speedmaster",
)


def fill(workspace: Workspace, case: str, listings: int, seed: int = 7) -> int:
    """Add ``listings`` listings to ``case`` (a capture and a score each); its id."""
    rng = random.Random(seed)
    opened = open_run(workspace.db, case=case, operator="bench", kind="crawl", options={})
    start = datetime.now(UTC) - timedelta(days=30)
    with workspace.db.transaction() as session:
        first = (session.scalar(select(func.max(Listing.id))) or 0) + 1
        first_capture = (session.scalar(select(func.max(Capture.id))) or 0) + 1
    for offset in range(0, listings, BATCH):
        rows: list[dict[str, Any]] = []
        captures: list[dict[str, Any]] = []
        scores: list[dict[str, Any]] = []
        for n in range(offset, min(listings, offset + BATCH)):
            lid, cid = first + n, first_capture + n
            seen = start + timedelta(seconds=n * 20)
            title = " ".join(rng.sample(WORDS, 5)) + f" #{n}"
            seller = f"seller_{rng.randrange(5000)}"
            rows.append(
                {
                    "id": lid,
                    "case_id": opened.case_id,
                    "url": f"https://shop{n % 50}.example/item/{n}",
                    "first_seen": seen,
                    "run_id": opened.run_id,
                    "keyword": rng.choice(WORDS[:4]),
                }
            )
            captures.append(
                {
                    "id": cid,
                    "uuid": uuid.uuid4().hex,
                    "case_id": opened.case_id,
                    "run_id": opened.run_id,
                    "listing_id": lid,
                    "status": "complete",
                    "url": rows[-1]["url"],
                    "started_at": seen,
                    "captured_at": seen,
                    "title": title,
                    "price": Decimal(rng.randrange(2000, 90000)) / 100,
                    "currency": "GBP",
                    "seller": seller,
                    "description": title.lower(),
                    "images": [],
                    "product": {},
                    "redirects": [],
                    "kind": "listing",
                    "notes": [],
                }
            )
            score = round(rng.random(), 3)
            scores.append(
                {
                    "case_id": opened.case_id,
                    "listing_id": lid,
                    "capture_id": cid,
                    "scored_at": seen,
                    "score": score,
                    "concern": "counterfeit",
                    "concerns": {},
                    "reasons": [f"bench reason {score}"],
                    "contacts": [{"kind": "phone", "value": "+4470000"}] if n % 7 == 0 else [],
                    "signals": [],
                    "inputs": {},
                    "rules_digest": "bench",
                }
            )
        with workspace.db.transaction() as session:
            session.execute(insert(Listing), rows)
            session.execute(insert(Capture), captures)
            session.execute(insert(ListingScore), scores)
    return opened.case_id


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def timed(label: str, call: Callable[[], Any], repeat: int = 3) -> float:
    """Best of ``repeat`` runs of ``call``: wall-clock and this process's CPU time, printed in
    milliseconds (on a busy machine the CPU figure is the one that says what a page costs)."""
    best, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        began, used = time.perf_counter(), _cpu()
        call()
        best = min(best, time.perf_counter() - began)
        cpu = min(cpu, _cpu() - used)
    print(f"  {label:<46} {best * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU")
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in a temp dir)")
    args = parser.parse_args(argv)
    with warnings.catch_warnings():  # starlette's note about a future httpx2
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from crawler.review.app import create_app

    with tempfile.TemporaryDirectory(prefix="jasper-bench-") as tmp:
        config = load_config({"JASPER_WORKDIR": Path(tmp), "JASPER_DB_URL": args.db})
        workspace = Workspace(config=config)
        began = time.perf_counter()
        case_id = fill(workspace, "bench", args.listings)
        print(
            f"Filled {args.listings:,} listings in {time.perf_counter() - began:.1f} s "
            f"({workspace.safe_db_url.split(':')[0]})"
        )
        print("Queue pages of 50 (best of 3):")
        with workspace.db.session() as session:
            timed("by score, first page", lambda: queue_page(session, case_id))
            timed("by score, page 1,000", lambda: queue_page(session, case_id, offset=49_950))
            timed(
                "by price ascending",
                lambda: queue_page(session, case_id, sort="price", descending=False),
            )
            timed(
                "search 'daytona gold', score 0.5-0.9",
                lambda: queue_page(
                    session,
                    case_id,
                    QueueFilter(search="daytona gold", min_score=0.5, max_score=0.9),
                ),
            )
            timed(
                "has contacts, undecided",
                lambda: queue_page(
                    session, case_id, QueueFilter(has_contacts=True, disposition="undecided")
                ),
            )
        app = create_app(workspace, sign_in=False)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            client.get(f"/case/{case_id}/queue")  # templates compiled, connections warm
            timed(
                "HTTP GET /case/N/queue (the whole page)",
                lambda: client.get(f"/case/{case_id}/queue").raise_for_status(),
            )
        app.state.bench.replay.stop()
        workspace.close()


if __name__ == "__main__":
    main()
