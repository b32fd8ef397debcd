"""Distributed crawls: real RabbitMQ, real PostgreSQL, two `jasper worker` processes, one of
them killed with SIGKILL in the middle of a capture job (docs/scaling.md)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from crawler.demo.server import DemoSite
from crawler.distributed.broker import delete_queues
from evidence.models import Capture, Job
from tests.conftest import fresh_pg_schema, jasper, jasper_json
from tests.tcpproxy import TcpProxy

# Several child crawls run one after another; on a loaded 2-core machine that takes minutes.
pytestmark = pytest.mark.timeout(900)

BROKER = os.environ.get("JASPER_TEST_BROKER", "amqp://guest:guest@127.0.0.1:5672/")
VALKEY = os.environ.get("JASPER_TEST_VALKEY", "async+valkey://127.0.0.1:6379")
KEYWORDS = ["ugg boots"]  # 5 listings: one search job, capture jobs of 3 and 2
CASE = "fleet"


def _start_worker(
    db: str, store: Path, queue: str, log: Path, broker: str = BROKER
) -> subprocess.Popen[bytes]:
    # The fleet shares one per-site rate limit in Valkey (generous here: the path, not the pace).
    env = os.environ | {"JASPER_OPERATOR": "test-operator", "JASPER_SITE_RATE": "20/second",
                        "JASPER_RATE_LIMIT_STORAGE": VALKEY}  # fmt: skip
    env.pop("JASPER_HOME", None)
    command = [sys.executable, "-m", "crawler.cli", "worker", "--broker", broker, "--db", db,
               "--store", store.as_uri(), "--queue", queue, "--batch", "3"]  # fmt: skip
    return subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _stop(processes: Iterable[subprocess.Popen[Any]]) -> None:
    """SIGTERM to each process still running (a worker finishes its job in hand), then wait;
    one that has not ended within a minute is killed."""
    running = list(processes)
    for process in running:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in running:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def _pid_of(job: Job) -> int:
    return int((job.worker or ":0").rsplit(":", 1)[1])


@dataclass
class Fleet:
    """A distributed crawl during which a worker was killed, and a single-process one."""

    db: str
    store: Path
    submission: str
    killed_job: int
    listings: list[dict[str, Any]]
    single: list[dict[str, Any]]
    logs: Path


def _wait_for_victim(session_of: Any, deadline: float, pids: set[int]) -> tuple[int, int]:
    """A capture job running on one of ``pids`` with at least one listing captured by it:
    (job id, worker pid)."""
    while time.monotonic() < deadline:
        with session_of() as session:
            for job in session.scalars(select(Job).where(Job.kind == "capture")):
                if job.status != "running" or _pid_of(job) not in pids or not job.started_at:
                    continue
                payload = json.loads(job.payload)
                urls = [c["url"] for c in payload["candidates"]]
                urls += payload["urls"] + list(payload["checks"])
                made = session.scalar(
                    select(func.count(Capture.id)).where(
                        Capture.url.in_(urls), Capture.captured_at >= job.started_at
                    )
                )
                if made:
                    return job.id, _pid_of(job)
        time.sleep(0.2)
    raise AssertionError("no worker got far enough into a capture job to be killed mid-job")


@pytest.fixture(scope="module")
def fleet(demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
    except OSError as exc:  # pragma: no cover - only without a broker
        pytest.skip(f"RabbitMQ not available: {exc}")
    base = tmp_path_factory.mktemp("fleet")
    keywords = base / "keywords.txt"
    keywords.write_text("\n".join(KEYWORDS) + "\n")
    queue = f"jasper_test_{uuid.uuid4().hex[:8]}"
    store = base / "store"
    with fresh_pg_schema("jasper_fleet") as db:
        migrated = jasper("runs", "--db", db, "--workdir", str(store))  # schema, before workers
        assert migrated.returncode == 0, migrated.stderr
        first = _start_worker(db, store, queue, base / "worker-a.log")
        second = _start_worker(db, store, queue, base / "worker-b.log")
        env = os.environ | {"JASPER_OPERATOR": "test-operator"}
        submit = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", "crawl", "--case", CASE, "--keywords",
             str(keywords), "--search-url", demo_site.search_url_template, "--distributed",
             "--broker", BROKER, "--queue", queue, "--db", db, "--workdir", str(store), "--wait"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        engine = create_engine(db)
        try:
            workers = {first.pid: first, second.pid: second}
            victim, pid = _wait_for_victim(lambda: Session(engine), time.monotonic() + 600,
                                           set(workers))  # fmt: skip
            os.kill(pid, signal.SIGKILL)
            workers[pid].wait()
            out, err = submit.communicate(timeout=600)
            assert submit.returncode == 0, err
            assert "capture jobs" in err  # --wait showed progress across the workers
            submission = out.split("submission ")[1].split()[0]
        finally:
            _stop((submit, first, second))
            engine.dispose()
            delete_queues(BROKER, queue)
        listings = jasper_json("listings", "--case", CASE, "--db", db, "--workdir", str(store),
                               "--format", "json")  # fmt: skip
        single_dir = base / "single"
        single = jasper(
            "crawl", "--case", CASE, "--keywords", str(keywords), "--search-url",
            demo_site.search_url_template, "--workdir", str(single_dir),
        )  # fmt: skip
        assert single.returncode == 0, single.stderr
        single_listings = jasper_json("listings", "--case", CASE, "--workdir", str(single_dir),
                                      "--format", "json")  # fmt: skip
        yield Fleet(db, store, submission, victim, listings, single_listings, base)


@pytest.mark.slow
def test_distributed_crawl_finds_what_one_process_finds(fleet: Fleet) -> None:
    def found(listings: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
        return {(x["url"], x["title"], x["price"]) for x in listings}

    assert fleet.single, "the single-process crawl found nothing"
    assert found(fleet.listings) == found(fleet.single)


@pytest.mark.slow
def test_killed_worker_loses_nothing_and_duplicates_nothing(fleet: Fleet) -> None:
    engine = create_engine(fleet.db)
    with Session(engine) as session:
        killed = session.get_one(Job, fleet.killed_job)
        first = session.scalars(select(Job).where(Job.submission == fleet.submission)).all()
        # Every listing capture in the case (the killed attempt's run included).
        urls = session.scalars(select(Capture.url).where(Capture.listing_id.is_not(None))).all()
    engine.dispose()
    assert killed.status == "finished" and killed.attempts == 2, (killed.status, killed.error)
    assert killed.skipped >= 1  # the pages captured before the kill were not captured again
    assert all(job.status == "finished" for job in first), [(j.label, j.error) for j in first]
    # Every listing captured exactly once, by whichever worker.
    counts = Counter(urls)
    assert set(counts) == {x["url"] for x in fleet.single}
    assert set(counts.values()) == {1}, counts


@pytest.mark.slow
def test_case_verifies_after_concurrent_run(fleet: Fleet) -> None:
    audit = jasper("audit", "verify", "--db", fleet.db, "--workdir", str(fleet.store))
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "audit: passed" in audit.stdout
    runs = jasper("runs", "--db", fleet.db, "--workdir", str(fleet.store))
    assert runs.returncode == 0 and "failed" in runs.stdout
    bundle = fleet.logs / "bundle.zip"
    assert jasper("keys", "init", "--workdir", str(fleet.store)).returncode == 0
    export = jasper("export", "--case", CASE, "--db", fleet.db, "--workdir", str(fleet.store),
                    "--out", str(bundle))  # fmt: skip
    assert export.returncode == 0, export.stderr
    public = fleet.store / "keys" / "jasper-ed25519.pub.pem"
    verified = jasper("verify", str(bundle), "--public-key", str(public))
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.fast
def test_bad_broker_and_store_are_one_line_errors(tmp_path: Path) -> None:
    worker = jasper("worker", "--broker", "redis://x", "--db", "postgresql+psycopg://u@h/d",
                    "--store", "file:///tmp")  # fmt: skip
    assert worker.returncode == 2
    assert worker.stderr.startswith("jasper: error: broker URL must be amqp://")
    store = jasper("worker", "--broker", BROKER, "--db", "postgresql+psycopg://u@h/d",
                   "--store", "ftp://x/y")  # fmt: skip
    assert store.returncode == 2 and "store must be file://" in store.stderr
    keywords = tmp_path / "k.txt"
    keywords.write_text("x\n")
    crawl = jasper("crawl", "--case", "c", "--keywords", str(keywords), "--search-url",
                   "http://127.0.0.1:9/?q={keyword}", "--distributed", "--workdir",
                   str(tmp_path))  # fmt: skip
    assert crawl.returncode == 2 and "--distributed needs --broker" in crawl.stderr


@pytest.mark.fast
def test_site_rate_is_shared_across_workers() -> None:
    """Two middlewares (two workers) on one Valkey: together they keep to the site's rate."""
    import asyncio

    from limits import parse
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.globalrate import GlobalRateMiddleware

    workers = [GlobalRateMiddleware(get_crawler(), VALKEY, parse("3/second")) for _ in range(2)]
    url = f"http://site-{uuid.uuid4().hex}.example/item"

    async def burst() -> float:
        started = time.monotonic()
        await asyncio.gather(*(w.process_request(Request(url)) for w in workers * 4))
        return time.monotonic() - started

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError as exc:  # pragma: no cover - only without a server
        pytest.skip(f"Valkey/Redis not available: {exc}")
    elapsed = asyncio.run(burst())
    assert elapsed >= 1.0  # 8 requests at 3/second: the last waits for the second window


def _queue_batch(db_url: str, case: str, urls: list[str], search_url: str) -> int:
    """A capture job for ``urls`` in ``case``, recorded as queued (no message sent)."""
    from crawler.runner import CrawlJob
    from evidence.cases import find_case
    from evidence.db import Database
    from evidence.jobs import queue_job

    candidates = [{"url": u, "keyword": "ugg boots", "search_url": search_url, "rank": i + 1,
                   "template": None} for i, u in enumerate(urls)]  # fmt: skip
    crawl = CrawlJob(case=case, operator="test-operator", candidates=candidates,
                     options={"distributed": "capture", "submission": "dup"})  # fmt: skip
    db = Database(db_url, upgrade=False)
    try:
        with db.transaction() as session:
            found = find_case(session, case, "test-operator", create=True)
            assert found is not None
            case_id = found.id
        label = f"{len(urls)} pages"
        return queue_job(db, submission="dup", case_id=case_id, kind="capture", label=label,
                         payload=crawl.to_json(), pages=len(urls))  # fmt: skip
    finally:
        db.engine.dispose()


def _claimants(engine: Any, run_ids: list[int]) -> int:
    """How many of these runs' crawls have asked for a page claim (their claims session's
    last statement), i.e. are inside their crawl, waiting for the pages."""
    names = [f"jasper claims run {r}" for r in run_ids]
    if not names:
        return 0
    with engine.connect() as conn:
        query = ("SELECT count(*) FROM pg_stat_activity WHERE application_name = ANY(:names) "
                 "AND query LIKE '%pg_try_advisory_lock%'")  # fmt: skip
        return int(conn.scalar(text(query), {"names": names}))


def _job_runs(session: Session, job_id: int) -> list[Any]:
    from evidence.models import CrawlRun

    runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
    return [r for r in runs if (r.options or {}).get("job") == job_id]


@pytest.mark.slow
def test_one_batch_delivered_twice_at_once_captures_each_page_once(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    """A duplicated message runs on two live workers at the same moment: each page is
    claimed by one of them; the other waits, sees the capture and skips it, and says so."""
    from crawler.distributed.actors import declare
    from crawler.distributed.broker import make_broker
    from evidence.claims import claim_key
    from evidence.models import CrawlRun

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
    except OSError as exc:  # pragma: no cover - only without a broker
        pytest.skip(f"RabbitMQ not available: {exc}")
    urls = [f"{demo_site.base_url}/item/{x.slug}" for x in demo_site.search("ugg boots")][:3]
    queue = f"jasper_test_{uuid.uuid4().hex[:8]}"
    store = tmp_path / "store"
    with fresh_pg_schema("jasper_dup") as db:
        assert jasper("runs", "--db", db, "--workdir", str(store)).returncode == 0
        job_id = _queue_batch(db, "dup", urls, demo_site.search_url_template)
        engine = create_engine(db)
        # The test holds every page first, so that both deliveries are inside their crawl,
        # asking for the same pages, before either can take one.
        holder = engine.connect()
        with Session(engine) as session:
            case_id = session.scalars(select(Job.case_id).where(Job.id == job_id)).one()
        for url in urls:
            holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": claim_key(case_id, url)})
        workers = [_start_worker(db, store, queue, tmp_path / f"worker-{n}.log") for n in "ab"]
        broker = make_broker(BROKER)
        try:
            fleet = declare(broker, queue)
            fleet.capture.send(job_id)
            fleet.capture.send(job_id)  # the same message twice
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                with Session(engine) as session:
                    runs = [r.id for r in _job_runs(session, job_id)]
                if _claimants(engine, runs) == 2:
                    break
                time.sleep(0.5)
            else:
                raise AssertionError("the two deliveries never ran at the same time")
            holder.execute(text("SELECT pg_advisory_unlock_all()"))  # the workers race now
            holder.close()
            while time.monotonic() < deadline:
                with Session(engine) as session:
                    runs = _job_runs(session, job_id)
                    job = session.get_one(Job, job_id)
                    if len(job.run_ids) == 2 and all(r.status != "running" for r in runs):
                        break
                time.sleep(0.5)
            else:
                raise AssertionError("the two deliveries did not both finish")
            with Session(engine) as session:
                job = session.get_one(Job, job_id)
                query = select(CrawlRun).where(CrawlRun.id.in_(job.run_ids))
                runs = list(session.scalars(query))
                captured = session.scalars(select(Capture.url).where(Capture.url.in_(urls))).all()
        finally:
            broker.close()
            _stop(workers)
            engine.dispose()
            delete_queues(BROKER, queue)
        assert Counter(captured) == Counter(urls), Counter(captured)  # each page exactly once
        assert job.status == "finished" and job.attempts == 2, (job.status, job.error)
        assert job.skipped == len(urls)  # what one delivery captured, the other skipped
        assert all(r.status == "completed" for r in runs), [(r.status, r.error) for r in runs]
        taken = sum(r.stats["jasper/claims_taken"] for r in runs)
        skipped = sum(r.stats["jasper/claims_skipped"] for r in runs)
        assert (taken, skipped) == (len(urls), len(urls))
        assert all(r.stats["jasper/claims_waited"] == len(urls) for r in runs)


@dataclass
class Outage:
    """A distributed crawl during which the worker lost the database or the broker."""

    db: str
    store: Path
    submission: str
    log: str
    urls: list[str]


def _crawl_through_outage(demo_site: DemoSite, base: Path, service: str) -> Iterator[Outage]:
    """One worker reaching ``service`` (database or broker) through a proxy, cut while the
    worker is in the middle of a capture job and restored once it says it waits."""
    from evidence.db import Database
    from evidence.jobs import submission_state

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
    except OSError as exc:  # pragma: no cover - only without a broker
        pytest.skip(f"RabbitMQ not available: {exc}")
    keywords = base / "keywords.txt"
    keywords.write_text("\n".join(KEYWORDS) + "\n")
    queue, store = f"jasper_test_{uuid.uuid4().hex[:8]}", base / "store"
    with fresh_pg_schema(f"jasper_{service}") as db:
        assert jasper("runs", "--db", db, "--workdir", str(store)).returncode == 0
        proxy = TcpProxy(5432 if service == "database" else 5672)
        worker_db, broker = db, BROKER
        if service == "database":
            worker_db = db.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        else:
            broker = BROKER.replace("127.0.0.1:5672", f"127.0.0.1:{proxy.port}")
        log = base / "worker.log"
        worker = _start_worker(worker_db, store, queue, log, broker)
        engine = create_engine(db)
        database = Database(db, upgrade=False)
        try:
            submit = jasper("crawl", "--case", CASE, "--keywords", str(keywords),
                            "--search-url", demo_site.search_url_template, "--distributed",
                            "--broker", BROKER, "--queue", queue, "--db", db,
                            "--workdir", str(store))  # fmt: skip
            assert submit.returncode == 0, submit.stderr
            submission = submit.stdout.split("submission ")[1].split()[0]
            _wait_for_victim(lambda: Session(engine), time.monotonic() + 600, {worker.pid})
            proxy.cut()
            deadline = time.monotonic() + 300
            while "waiting for" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.5)
            assert "waiting for" in log.read_text(), log.read_text()
            time.sleep(6)  # paused: it asks again every 5 s and says nothing more
            assert worker.poll() is None, log.read_text()
            proxy.restore()
            deadline = time.monotonic() + 600
            while not submission_state(database, submission).done:
                assert time.monotonic() < deadline, submission_state(database, submission).line()
                time.sleep(1)
        finally:
            _stop([worker])
            proxy.close()
            database.close()
            engine.dispose()
            delete_queues(BROKER, queue)
        urls = [f"{demo_site.base_url}/item/{x.slug}" for x in demo_site.search(KEYWORDS[0])]
        yield Outage(db, store, submission, log.read_text(), urls)


def _check_outage(outage: Outage, gone: str, back: str) -> None:
    """One line when it went, one when it came back, no traceback; the case complete."""
    assert outage.log.count(gone) == 1, outage.log
    assert outage.log.count(back) == 1, outage.log
    assert "Traceback" not in outage.log, outage.log
    engine = create_engine(outage.db)
    with Session(engine) as session:
        jobs = session.scalars(select(Job).where(Job.submission == outage.submission)).all()
        urls = session.scalars(select(Capture.url).where(Capture.listing_id.is_not(None))).all()
    engine.dispose()
    assert all(job.status == "finished" for job in jobs), [
        (j.label, j.status, j.error) for j in jobs
    ]
    assert Counter(urls) == Counter(outage.urls)  # every listing, each exactly once
    audit = jasper("audit", "verify", "--db", outage.db, "--workdir", str(outage.store))
    assert audit.returncode == 0 and "audit: passed" in audit.stdout, audit.stdout + audit.stderr


@pytest.mark.slow
def test_database_outage_pauses_the_worker_and_loses_nothing(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    for outage in _crawl_through_outage(demo_site, tmp_path, "database"):
        _check_outage(outage, "is unreachable", "database is back")


@pytest.mark.slow
def test_broker_outage_pauses_the_worker_and_loses_nothing(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    for outage in _crawl_through_outage(demo_site, tmp_path, "broker"):
        _check_outage(outage, "lost the broker", "broker is back")


FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--set", "JASPER_SETTLE_TIMEOUT=4")


def _events(db: str, store: Path, case: str) -> list[dict[str, Any]]:
    out = jasper("changes", "--case", case, "--db", db, "--workdir", str(store), "--format", "json")
    assert out.returncode == 0, out.stderr
    return list(json.loads(out.stdout))


def _by_event(items: list[dict[str, Any]], kind: str) -> set[str]:
    return {e["url"] for e in items if e["event"] == kind}


@pytest.mark.slow
def test_nightly_distributed_reports_what_one_process_reports(tmp_path: Path) -> None:
    """Two nights of a watchlist through two workers, one killed mid-job on the second: new,
    changed and taken-down listings as the single-process nightly reports them, each
    listing captured once a night, and the killed worker's run recorded as interrupted."""
    from decimal import Decimal

    from crawler.demo import default_catalogue
    from evidence.models import CrawlRun, WatchRun

    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=2).close()
    except OSError as exc:  # pragma: no cover - only without a broker
        pytest.skip(f"RabbitMQ not available: {exc}")
    rolex = [item for item in default_catalogue() if item.slug.startswith("rolex")]
    a, b, c, late = rolex[:4]
    keywords = tmp_path / "keywords.txt"
    keywords.write_text("replica rolex\n")
    queue, store, case = f"jasper_test_{uuid.uuid4().hex[:8]}", tmp_path / "store", "nights"
    with DemoSite([a, b, c]) as site, fresh_pg_schema("jasper_nightly") as db:
        url = {x.slug: f"{site.base_url}/item/{x.slug}" for x in rolex}
        where = ("--db", db, "--workdir", str(store))
        added = jasper("watch", "add", "--case", case, "--name", "rolex", "--keywords",
                       str(keywords), "--search-url", site.search_url_template, *where)  # fmt: skip
        assert added.returncode == 0, added.stderr
        workers = {}
        for n in "ab":
            worker = _start_worker(db, store, queue, tmp_path / f"worker-{n}.log")
            workers[worker.pid] = worker
        nightly = [sys.executable, "-m", "crawler.cli", "nightly", "--distributed", "--broker",
                   BROKER, "--queue", queue, *where, *FAST]  # fmt: skip
        env = os.environ | {"JASPER_OPERATOR": "test-operator"}
        engine = create_engine(db)
        try:
            first = subprocess.run(nightly, env=env, capture_output=True, text=True, timeout=600)
            assert first.returncode == 0, first.stdout + first.stderr
            night_one = _events(db, store, case)

            site.update_listing(a.slug, price=Decimal("99.00"))
            site.remove_listing(b.slug)
            with site.lock:
                site.catalogue[late.slug] = late
            second = subprocess.Popen(nightly, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)  # fmt: skip
            killed = None
            try:
                victim, pid = _wait_for_victim(lambda: Session(engine), time.monotonic() + 300,
                                               set(workers))  # fmt: skip
                os.kill(pid, signal.SIGKILL)
                workers.pop(pid).wait()
                killed = victim
            except AssertionError:  # every job of the night was too quick to be caught
                pass
            out, err = second.communicate(timeout=600)
            assert second.returncode == 0, out + err
            night_two = _events(db, store, case)[len(night_one) :]
            with Session(engine) as session:
                watch_runs = session.scalars(select(WatchRun).order_by(WatchRun.id)).all()
                runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
                per_night = []
                for watch in watch_runs:
                    query = select(Capture.url).where(
                        Capture.run_id.in_(watch.crawl_run_ids), Capture.listing_id.is_not(None)
                    )
                    per_night.append(Counter(session.scalars(query)))
                job = session.get(Job, killed) if killed is not None else None
        finally:
            _stop(workers.values())
            engine.dispose()
            delete_queues(BROKER, queue)
    assert _by_event(night_one, "new") == {url[a.slug], url[b.slug], url[c.slug]}
    assert _by_event(night_two, "changed") == {url[a.slug]}
    assert _by_event(night_two, "new") == {url[late.slug]}
    assert _by_event(night_two, "removed") == {url[b.slug]}
    assert [w.status for w in watch_runs] == ["completed", "completed"], [
        (w.status, w.error) for w in watch_runs
    ]
    assert all(set(n.values()) == {1} for n in per_night), per_night  # once a night
    assert not [r.id for r in runs if r.status == "running"]
    if job is not None:  # the killed worker's run is on record as interrupted
        assert job.status == "finished" and job.attempts == 2
        interrupted = [r for r in runs if r.status == "interrupted"]
        assert [(r.options or {}).get("job") for r in interrupted] == [killed]


@pytest.mark.fast
def test_page_claims_one_holder_at_a_time(pg_url: str, tmp_path: Path) -> None:
    """A page claimed by one crawl is held for another until released or its session ends;
    on SQLite (one process) there is nothing to claim."""
    from datetime import UTC, datetime

    from evidence.claims import PageClaims, open_claims
    from evidence.db import Database

    Database(pg_url).close()  # the schema
    since = datetime.now(UTC)
    first, second = (PageClaims(pg_url, 1, since, f"test {n}") for n in (1, 2))
    url = "http://shop.example/item/1"
    try:
        assert first.take(url) == "taken" and first.take(url) == "taken"  # held already
        assert second.take(url) is None
        first.release(url)
        assert second.take(url) == "taken"
        assert first.take("http://shop.example/item/2") == "taken"
        first.close()  # a dead process's session: its claims go with it
        third = PageClaims(pg_url, 1, since, "test 3")
        assert third.take("http://shop.example/item/2") == "taken"
        assert PageClaims(pg_url, 2, since, "other case").take(url) == "taken"
        third.close()
    finally:
        second.close()
    sqlite = Database(f"sqlite:///{tmp_path / 'jasper.db'}")
    assert open_claims(sqlite, 1, since) is None
    sqlite.close()


def test_a_search_jobs_candidates_are_read_as_whole_lines_as_they_come(tmp_path: Path) -> None:
    from crawler.distributed.child import CandidateFeed

    feed = CandidateFeed(tmp_path / "candidates.jsonl")
    assert feed.read() == []  # nothing written yet
    with feed.path.open("a") as out:
        out.write('{"url": "http://a/1"}\n{"url": "http://a/2"}\n{"url": "http:')
    assert [c["url"] for c in feed.read()] == ["http://a/1", "http://a/2"]
    with feed.path.open("a") as out:
        out.write('//a/3"}\n')
    assert [c["url"] for c in feed.read()] == ["http://a/3"]
    assert feed.read() == []


@pytest.mark.slow
def test_a_fleet_without_a_shared_folder_keeps_its_evidence_in_s3(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    """Two workers, each with only its own scratch folder, store the evidence in S3 (moto,
    Object Lock); a fifth machine with only the database and the bucket exports, verifies
    and audits the case."""
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    aws = {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip
    client = boto3.client("s3", endpoint_url=aws["AWS_ENDPOINT_URL"], region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
    client.create_bucket(Bucket="evidence", ObjectLockEnabledForBucket=True)
    store = "s3://evidence/fleet"
    keywords = tmp_path / "keywords.txt"
    keywords.write_text("\n".join(KEYWORDS) + "\n")
    queue = f"jasper_test_{uuid.uuid4().hex[:8]}"
    env = os.environ | aws | {"JASPER_OPERATOR": "test-operator"}
    env.pop("JASPER_HOME", None)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with fresh_pg_schema("jasper_s3fleet") as db:
            assert jasper("runs", "--db", db, "--workdir", str(tmp_path / "submit")).returncode == 0
            for name in ("a", "b"):
                command = [sys.executable, "-m", "crawler.cli", "worker", "--broker", BROKER,
                           "--db", db, "--store", store, "--scratch", str(tmp_path / name),
                           "--queue", queue, "--batch", "3"]  # fmt: skip
                log = (tmp_path / f"worker-{name}.log").open("wb")
                workers.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
            submitted = jasper("crawl", "--case", CASE, "--keywords", str(keywords),
                               "--search-url", demo_site.search_url_template, "--distributed",
                               "--broker", BROKER, "--queue", queue, "--db", db, "--workdir",
                               str(tmp_path / "submit"), "--wait",
                               env=aws, timeout=600)  # fmt: skip
            assert submitted.returncode == 0, submitted.stderr
            keys = client.list_objects_v2(Bucket="evidence", Prefix="fleet/")["Contents"]
            head = client.head_object(Bucket="evidence", Key=keys[0]["Key"])
            assert head["ObjectLockMode"] == "COMPLIANCE"

            elsewhere = tmp_path / "elsewhere"  # only the database and the bucket
            reading = aws | {"JASPER_STORE_URL": store}
            listings = jasper_json("listings", "--case", CASE, "--db", db, "--workdir",
                                   str(elsewhere), "--format", "json")  # fmt: skip
            urls = [r["url"] for r in listings]
            assert len(urls) >= 5 and len(set(urls)) == len(urls)
            assert {r["status"] for r in listings} == {"complete"}
            assert jasper("keys", "init", "--workdir", str(elsewhere)).returncode == 0
            bundle = tmp_path / "bundle.zip"
            exported = jasper("export", "--case", CASE, "--db", db, "--workdir", str(elsewhere),
                              "--out", str(bundle), env=reading)  # fmt: skip
            assert exported.returncode == 0, exported.stderr
            public = elsewhere / "keys" / "jasper-ed25519.pub.pem"
            verified = jasper("verify", str(bundle), "--public-key", str(public))
            assert verified.returncode == 0, verified.stdout + verified.stderr
            audited = jasper("audit", "verify", "--db", db, "--workdir", str(elsewhere),
                             env=reading)  # fmt: skip
            assert audited.returncode == 0, audited.stdout + audited.stderr
            assert not (elsewhere / "artefacts").exists()
    finally:
        _stop(workers)
        delete_queues(BROKER, queue)
        server.stop()
