"""``make bench`` (scale): listings per minute with 1, 2 and 4 workers, and the ratio to linear.

The marketplace takes a second to serve each search and listing page, so that a crawl waits
on the network as a real one does, not on this machine's cores. Each worker count gets a
fresh PostgreSQL schema, a fresh queue on RabbitMQ and that many ``jasper worker``
processes (one job at a time each); the clock runs from submission to the last job done.
Needs RabbitMQ (``JASPER_BENCH_BROKER``) and PostgreSQL (``JASPER_BENCH_PG``) on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crawler.demo import generated_catalogue
from crawler.demo.catalogue import GENERATED_KEYWORD
from crawler.demo.server import DemoSite
from crawler.distributed.broker import delete_queues

BROKER = os.environ.get("JASPER_BENCH_BROKER", "amqp://guest:guest@127.0.0.1:5672/")
PG = os.environ.get("JASPER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass
class ScaleFigure:
    """One worker count's run."""

    workers: int
    listings: int
    seconds: float
    search_seconds: float = 0.0  # the search job, start to end
    capture_jobs: int = 0
    capture_seconds: float = 0.0  # a capture job's mean, start to end (its process included)
    busy: float = 0.0  # share of the workers' time spent in a job
    cpu: float = 0.0  # the machine's CPU use over the run, in cores

    @property
    def per_minute(self) -> float:
        return self.listings / self.seconds * 60 if self.seconds else 0.0


def _jasper(*args: str) -> list[str]:
    return [sys.executable, "-m", "crawler.cli", *args]


def _schema() -> str:
    name = f"jasper_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    return name


def _drop(schema: str) -> None:
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def run(workers: int, site: DemoSite, base: Path, batch: int) -> ScaleFigure:
    """Crawl the site with ``workers`` worker processes; time submission to completion."""
    schema = _schema()
    db = make_url(PG).update_query_dict({"options": f"-csearch_path={schema}"})
    db_url = db.render_as_string(hide_password=False)
    store = base / f"store-{workers}"
    queue = f"jasper_bench_{uuid.uuid4().hex[:8]}"
    keywords = base / "keywords.txt"
    keywords.write_text(GENERATED_KEYWORD + "\n")
    env = os.environ | {"JASPER_OPERATOR": "bench"}
    subprocess.run(
        _jasper("runs", "--db", db_url, "--workdir", str(store)),
        env=env,
        check=True,
        capture_output=True,
    )  # fmt: skip  (the schema, before any worker opens it)
    fleet = [
        subprocess.Popen(
            _jasper(
                "worker",
                "--broker",
                BROKER,
                "--db",
                db_url,
                "--store",
                store.as_uri(),
                "--queue",
                queue,
                "--batch",
                str(batch),
            ),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    try:
        started, cpu_before = time.monotonic(), _cpu_seconds()
        subprocess.run(
            _jasper(
                "crawl",
                "--case",
                "bench",
                "--keywords",
                str(keywords),
                "--search-url",
                site.search_url_template,
                "--distributed",
                "--broker",
                BROKER,
                "--queue",
                queue,
                "--db",
                db_url,
                "--workdir",
                str(store),
                "--wait",
            ),
            env=env,
            check=True,
            capture_output=True,
        )
        seconds = time.monotonic() - started
        cpu = (_cpu_seconds() - cpu_before) / seconds
        engine = create_engine(db_url)
        with engine.connect() as conn:
            listings = conn.execute(text("SELECT count(*) FROM listings")).scalar_one()
            jobs = conn.execute(
                text("SELECT kind, started_at, finished_at FROM jobs WHERE finished_at IS NOT NULL")
            ).all()
        engine.dispose()
    finally:
        for process in fleet:
            process.terminate()
        for process in fleet:
            process.wait(timeout=120)
        _drop(schema)
        delete_queues(BROKER, queue)
    spans = {kind: [(j.finished_at - j.started_at).total_seconds() for j in jobs if j.kind == kind]
             for kind in ("search", "capture")}  # fmt: skip
    captures = spans["capture"]
    return ScaleFigure(
        workers, int(listings), seconds, sum(spans["search"]), len(captures),
        sum(captures) / len(captures) if captures else 0.0,
        sum(spans["search"] + captures) / (workers * seconds), cpu,
    )  # fmt: skip


def _cpu_seconds() -> float:
    """CPU time the whole machine has spent busy so far."""
    times = psutil.cpu_times()
    return float(times.user + times.system + times.nice)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--batch", type=int, default=5, help="listings per capture job")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds per page served")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures: list[ScaleFigure] = []
    with (
        DemoSite(generated_catalogue(args.listings), delay=args.delay) as site,
        tempfile.TemporaryDirectory(prefix="jasper-bench-scale-") as tmp,
    ):
        for workers in args.workers:
            try:
                figures.append(run(workers, site, Path(tmp), args.batch))
            except Exception as exc:
                print(f"scale bench: {workers} workers: skipped ({exc})".splitlines()[0])
                return
            one = figures[0].per_minute / figures[0].workers
            f = figures[-1]
            print(
                f"scale: {f.workers} worker(s): {f.listings} listings in {f.seconds:.0f} s = "
                f"{f.per_minute:.1f} listings/min, {f.per_minute / (one * f.workers):.2f} of "
                f"linear (pages served in {args.delay:g} s each)",
                flush=True,
            )
            print(
                f"       search job {f.search_seconds:.0f} s; {f.capture_jobs} capture jobs of "
                f"{f.capture_seconds:.0f} s on average; workers busy {f.busy:.0%} of the time; "
                f"CPU {f.cpu:.1f} of {psutil.cpu_count()} cores",
                flush=True,
            )
    if args.json:
        print(json.dumps([asdict(f) | {"per_minute": f.per_minute} for f in figures]))


if __name__ == "__main__":
    main()
