"""Watchlists over nights of a demo marketplace that changes: events, evidence, lock, crash."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from crawler.cli.main import cli
from crawler.demo import default_catalogue
from crawler.demo.server import DemoSite
from evidence.watch.nightly import LockHeld, NightlyLock, is_due
from tests.conftest import jasper

FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--set", "JASPER_SETTLE_TIMEOUT=4")
CASE = "nights"


def run(*args: str) -> Any:
    """A quick command in-process (no crawl): returns the click result."""
    result = CliRunner().invoke(cli, list(args), env={"JASPER_OPERATOR": "test-operator"})
    assert result.exit_code == 0, result.output
    return result


def events(workdir: Path, *extra: str) -> list[dict[str, Any]]:
    out = run("changes", "--case", CASE, "--workdir", str(workdir), "--format", "json", *extra)
    return json.loads(out.stdout)


def db_rows(workdir: Path, sql: str) -> list[Any]:
    engine = create_engine(f"sqlite:///{workdir / 'jasper.db'}")
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql)))
    finally:
        engine.dispose()


@dataclass
class Nights:
    """The outcome of three nights (the third crashed once, then re-run)."""

    workdir: Path
    site: DemoSite
    urls: dict[str, str]
    results: list[subprocess.CompletedProcess[str]] = field(default_factory=list)
    events: list[list[dict[str, Any]]] = field(default_factory=list)
    second_while_running: subprocess.CompletedProcess[str] | None = None
    second_seconds: float = 0.0
    after_crash: dict[str, Any] = field(default_factory=dict)
    events_after_night2: int = 0


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nights]:
    rolex = [item for item in default_catalogue() if item.slug.startswith("rolex")]
    a, b, c, late = rolex[0], rolex[1], rolex[2], rolex[3]
    workdir = tmp_path_factory.mktemp("nightly")
    keywords = workdir.parent / "watch-keywords.txt"
    keywords.write_text("# watched\nreplica rolex\n")
    with DemoSite([a, b, c]) as site:
        urls = {x.slug: f"{site.base_url}/item/{x.slug}" for x in rolex}
        n = Nights(workdir, site, urls)
        wd = ("--workdir", str(workdir))
        run("watch", "add", "--case", CASE, "--name", "rolex", "--keywords", str(keywords),
            "--search-url", site.search_url_template, *wd)  # fmt: skip
        run("watch", "add", "--case", CASE, "--name", "down", "--keywords", str(keywords),
            "--search-url", "http://127.0.0.1:9/search?q={keyword}", *wd)  # fmt: skip
        keywords.write_text("something else entirely\n")  # later edits do not count

        # Night 1: three new listings; the unreachable watchlist fails after the other ran.
        n.results.append(jasper("nightly", *wd, *FAST))
        n.events.append(events(workdir))
        run("watch", "pause", "--case", CASE, "--name", "down", *wd)
        run("takedown", "add", "--case", CASE, urls[b.slug], "--reference", "TD-1", *wd)

        # Night 2: a price cut, a removal, a new listing.
        site.update_listing(a.slug, price=Decimal("99.00"))
        site.remove_listing(b.slug)
        with site.lock:
            site.catalogue[late.slug] = late
        n.results.append(jasper("nightly", *wd, *FAST))
        n.events.append(events(workdir))
        n.events_after_night2 = db_rows(workdir, "SELECT COUNT(*) FROM listing_events")[0][0]

        # Night 3 crashes mid-crawl (killed with its child); a second nightly meanwhile refuses.
        with site.lock:
            site.catalogue[b.slug] = b  # the removed listing comes back
        site.delay = 10.0  # night 3 is still crawling when the second nightly starts
        crashed = subprocess.Popen(
            [sys.executable, "-m", "crawler.cli", "nightly", *wd, *FAST],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=os.environ | {"JASPER_OPERATOR": "test-operator"},
        )
        runs_before = len(db_rows(workdir, "SELECT id FROM crawl_runs"))
        deadline = time.monotonic() + 120
        while len(db_rows(workdir, "SELECT id FROM crawl_runs")) == runs_before:
            assert crashed.poll() is None and time.monotonic() < deadline, "night 3 never crawled"
            time.sleep(0.2)
        started = time.monotonic()
        n.second_while_running = jasper("nightly", *wd, *FAST)
        n.second_seconds = time.monotonic() - started
        os.killpg(crashed.pid, signal.SIGKILL)
        crashed.wait()
        site.delay = 0.0
        n.after_crash = {
            "runs": db_rows(workdir, "SELECT id, status FROM watch_runs ORDER BY id"),
            "events": db_rows(workdir, "SELECT COUNT(*) FROM listing_events")[0][0],
        }
        n.results.append(jasper("nightly", *wd, *FAST))
        n.events.append(events(workdir))
        yield n


def by_event(items: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {e["url"]: e for e in items if e["event"] == kind}


def test_night_one_new_listings_and_failed_watchlist(nights: Nights) -> None:
    first = nights.results[0]
    assert first.returncode == 1, first.stdout + first.stderr  # "down" failed ...
    assert "cannot reach 127.0.0.1:9" in first.stdout
    assert "completed" in first.stdout  # ... after "rolex" ran
    new = by_event(nights.events[0], "new")
    assert set(new) == set(list(nights.urls.values())[:3])
    for event in new.values():
        capture = event["capture"]
        assert capture["http_status"] == 200 and capture["screenshot_sha256"]
        assert capture["warc"] and capture["page_sha256"] and event["fields"] == {}
    listed = run("watch", "list", "--case", CASE, "--workdir", str(nights.workdir),
                 "--format", "json")  # fmt: skip
    watchlists = {w["name"]: w for w in json.loads(listed.stdout)}
    assert watchlists["rolex"]["keywords"] == ["replica rolex"]  # the file's later edit ignored
    assert watchlists["down"]["paused"] is True


def test_night_two_price_cut_removal_and_new(nights: Nights) -> None:
    assert nights.results[1].returncode == 0, nights.results[1].stdout + nights.results[1].stderr
    slugs = list(nights.urls)
    new_night_one = {e["url"]: e["capture"] for e in by_event(nights.events[0], "new").values()}
    tonight = nights.events[1][len(nights.events[0]) :]
    changed = by_event(tonight, "changed")
    assert set(changed) == {nights.urls[slugs[0]]}
    assert changed[nights.urls[slugs[0]]]["fields"] == {"price": [189.0, 99.0]}
    assert set(by_event(tonight, "new")) == {nights.urls[slugs[3]]}
    removed = by_event(tonight, "removed")
    assert set(removed) == {nights.urls[slugs[1]]}
    # The removal is evidence: the 404 page captured with screenshot and WARC.
    capture = removed[nights.urls[slugs[1]]]["capture"]
    assert capture["http_status"] == 404
    assert capture["screenshot"] and capture["screenshot_sha256"]
    assert capture["warc"] and capture["warc_sha256"]
    assert (nights.workdir / capture["warc"]).is_file()
    # The untouched listing was checked and recorded as still present, with its capture.
    unchanged = by_event(events(nights.workdir, "--unchanged"), "unchanged")
    assert nights.urls[slugs[2]] in unchanged
    # ...by a light check: the same page bytes over plain HTTP, kept with their WARC, and no
    # re-rendering; the fields compared are those of the full capture it vouches for.
    light = unchanged[nights.urls[slugs[2]]]
    assert light["detail"]["light_check"] is True and light["fields"] == {}
    assert light["capture"]["screenshot"] is None and light["capture"]["warc"]
    assert light["capture"]["page_sha256"] == new_night_one[nights.urls[slugs[2]]]["page_sha256"]
    # Re-visited and found by search in the same run, a listing is captured once.
    runs = db_rows(nights.workdir, "SELECT crawl_run_ids FROM watch_runs ORDER BY id")
    night2 = json.loads(runs[2][0])[0]
    per_url = db_rows(
        nights.workdir,
        f"SELECT url, COUNT(*) FROM captures WHERE run_id = {night2} AND listing_id IS NOT NULL "
        "GROUP BY url HAVING COUNT(*) > 1",
    )
    assert per_url == []


def test_lock_refuses_second_nightly_at_once(nights: Nights) -> None:
    second = nights.second_while_running
    assert second is not None
    assert second.returncode == 75, second.stdout + second.stderr
    assert "another jasper nightly is running" in second.stderr
    assert nights.second_seconds < 30  # refused at once (CLI start-up only), did not wait


def test_crash_leaves_nothing_half_recorded_and_next_night_completes(nights: Nights) -> None:
    statuses = [status for _, status in nights.after_crash["runs"]]
    assert statuses[-1] == "running"  # the killed night's run: no completion ...
    assert nights.after_crash["events"] == nights.events_after_night2
    recorded = db_rows(
        nights.workdir,
        "SELECT COUNT(*) FROM listing_events e JOIN watch_runs r ON r.id = e.watch_run_id "
        "WHERE r.status = 'interrupted'",
    )
    assert recorded[0][0] == 0  # ... and no events from it
    third = nights.results[2]
    assert third.returncode == 0, third.stdout + third.stderr
    runs = db_rows(nights.workdir, "SELECT status FROM watch_runs ORDER BY id")
    assert [s for (s,) in runs].count("interrupted") == 1
    assert runs[-1][0] == "completed"
    tonight = nights.events[2][len(nights.events[1]) :]
    slugs = list(nights.urls)
    assert set(by_event(tonight, "returned")) == {nights.urls[slugs[1]]}
    assert by_event(tonight, "returned")[nights.urls[slugs[1]]]["capture"]["http_status"] == 200


def test_takedown_report(nights: Nights, tmp_path: Path) -> None:
    wd = ("--workdir", str(nights.workdir))
    rows = json.loads(run("takedown", "report", "--case", CASE, *wd, "--format", "json").stdout)
    assert len(rows) == 1
    row = rows[0]
    assert row["reference"] == "TD-1"
    # Removed on night 2 and back on night 3: the latest check says still live.
    assert row["status"] == "still live" and row["http_status"] == 200
    csv_text = run("takedown", "report", "--case", CASE, "--format", "csv", *wd).stdout
    assert csv_text.splitlines()[0].startswith("url,reference,reported_at")
    pdf = tmp_path / "takedowns.pdf"
    run("takedown", "report", "--case", CASE, "--format", "pdf", "--output", str(pdf), *wd)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_digests(nights: Nights) -> None:
    folder = nights.workdir / "digests" / CASE
    digests = sorted(folder.glob("*.json"))
    assert len(digests) == 3 and len(list(folder.glob("*.html"))) == 3
    night2 = json.loads(digests[1].read_text())
    assert [e["event"] for e in night2["new"]] == ["new"]
    assert night2["removed"][0]["capture"]["http_status"] == 404
    assert night2["takedowns"][0]["status"] == "verified removed"
    night1 = json.loads(digests[0].read_text())
    assert any("cannot reach" in (f["error"] or "") for f in night1["failed"])
    scores = [e["score"] for e in night1["new"] if e["score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert "Nightly digest" in digests[1].with_suffix(".html").read_text()
    assert "1/1 takedowns verified removed" in nights.results[1].stdout


def test_stale_lock_from_killed_process_does_not_block(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from evidence.watch.nightly import "
         "NightlyLock; lock = NightlyLock(Path(sys.argv[1])); lock.acquire(); "
         "print('held', flush=True); time.sleep(60)", str(tmp_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld, match="another jasper nightly is running"):
        NightlyLock(tmp_path).acquire()
    holder.kill()
    holder.wait()
    assert "pid" in (tmp_path / "nightly.lock").read_text()  # the file is left behind ...
    lock = NightlyLock(tmp_path)
    lock.acquire()  # ... but the lock died with its holder
    lock.release()


def test_schedule_install_output(tmp_path: Path) -> None:
    line = run("schedule", "install", "--workdir", str(tmp_path), "--cron", "30 1 * * *").stdout
    assert line.startswith("30 1 * * * JASPER_OPERATOR=test-operator ")
    assert f"nightly --workdir {tmp_path}" in line and line.rstrip().endswith("# jasper nightly")
    units = run("schedule", "install", "--with", "systemd", "--workdir", str(tmp_path)).stdout
    assert "OnCalendar=*-*-* 02:00:00" in units and "ExecStart=" in units
    bad = CliRunner().invoke(cli, ["schedule", "install", "--cron", "every night"])
    assert bad.exit_code == 2 and "not a cron expression" in bad.output


def test_schedule_due() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert is_due(None, now, now)
    assert is_due("0 3 * * *", None, now)
    assert not is_due("0 3 * * *", datetime(2026, 11, 22, 3, 5, tzinfo=UTC), now)
    assert is_due("0 3 * * *", datetime(2026, 11, 21, 3, 5, tzinfo=UTC), now)


def test_watch_add_errors(tmp_path: Path) -> None:
    keywords = tmp_path / "k.txt"
    keywords.write_text("x\n")
    wd = ("--workdir", str(tmp_path))
    none = CliRunner().invoke(cli, ["watch", "add", "--case", "c", "--name", "n", "--keywords",
                                    str(keywords), *wd])  # fmt: skip
    assert none.exit_code == 2 and "--search-url or --site" in none.output
    bad = CliRunner().invoke(cli, ["watch", "add", "--case", "c", "--name", "n", "--keywords",
                                   str(keywords), "--search-url", "http://x/?q={keyword}",
                                   "--schedule", "soon", *wd])  # fmt: skip
    assert bad.exit_code == 2 and "not a cron expression" in bad.output


def _capture(**values: Any) -> Any:
    from evidence.models import Capture, CaptureStatus

    defaults: dict[str, Any] = {
        "status": CaptureStatus.COMPLETE,
        "http_status": 200,
        "title": "Watch",
        "product": {"title": "Watch"},
        "errors": [],
    }
    return Capture(**(defaults | values))


def test_lifecycle_conditions() -> None:
    from decimal import Decimal as D

    from evidence.models import CaptureStatus
    from evidence.watch.lifecycle import changed_fields, condition

    assert condition(_capture())[0] == "live"
    assert condition(_capture(http_status=410)) == ("gone", "HTTP 410")
    gone, why = condition(_capture(title=None, product={}))  # the product data disappeared
    assert gone == "gone" and "no longer carries product data" in why
    assert condition(_capture(http_status=503))[0] == "failed"  # not evidence of removal
    assert condition(_capture(status=CaptureStatus.FAILED, http_status=None))[0] == "failed"
    old = _capture(price=D("10.00"), images=["a.png"], seller="s1")
    new = _capture(price=D("8.50"), images=["a.png", "b.png"], seller="s1")
    assert changed_fields(old, new) == {
        "price": [10.0, 8.5],
        "images": [["a.png"], ["a.png", "b.png"]],
    }


def test_watch_pause_resume_remove(tmp_path: Path) -> None:
    keywords = tmp_path / "k.txt"
    keywords.write_text("x\n")
    wd = ("--workdir", str(tmp_path))
    run("watch", "add", "--case", "c", "--name", "n", "--keywords", str(keywords),
        "--search-url", "http://127.0.0.1:9/?q={keyword}", "--schedule", "0 3 * * 1",
        *wd)  # fmt: skip
    again = CliRunner().invoke(cli, ["watch", "add", "--case", "c", "--name", "n", "--keywords",
                                     str(keywords), "--site", "demo", *wd])  # fmt: skip
    assert again.exit_code == 2 and "already has a watchlist called 'n'" in again.output
    run("watch", "pause", "--case", "c", "--name", "n", *wd)
    listed = json.loads(run("watch", "list", "--case", "c", "--format", "json", *wd).stdout)
    assert listed[0]["paused"] is True and listed[0]["schedule"] == "0 3 * * 1"
    run("watch", "resume", "--case", "c", "--name", "n", *wd)
    run("watch", "remove", "--case", "c", "--name", "n", *wd)
    assert json.loads(run("watch", "list", "--case", "c", "--format", "json", *wd).stdout) == []
    kinds = [k for (k,) in db_rows(tmp_path, "SELECT kind FROM events ORDER BY id")]
    assert ["watch-added", "watch-paused", "watch-resumed", "watch-removed"] == [
        k for k in kinds if k.startswith("watch-")
    ]


def test_crash_while_recording_events_is_rolled_back(
    nights: Nights, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from crawler.nightly import NightlyRunner
    from evidence.models import CrawlRun
    from evidence.watch import nightly as nightly_module
    from evidence.watch.nightly import NightOptions
    from evidence.workspace import Workspace

    workdir = tmp_path / "copy"
    shutil.copytree(nights.workdir, workdir)
    last_crawl = db_rows(workdir, "SELECT MAX(id) FROM crawl_runs")[0][0]
    before = db_rows(workdir, "SELECT COUNT(*) FROM listing_events")[0][0]

    # No real crawl here: the night "re-uses" the last crawl run, then dies mid-recording.
    def crawled_last(runner: Any, watchlist: Any, case: str, start: Any) -> None:
        # Skip the child crawl: the watchlist run is made of the night's last crawl run.
        with runner.workspace.db.transaction() as session:
            session.get_one(CrawlRun, last_crawl).watch_run_id = start.run_id

    monkeypatch.setattr(NightlyRunner, "_crawl", crawled_last)
    real = nightly_module.record_events

    def record_then_crash(session: Any, *args: Any) -> Any:
        real(session, *args)
        session.flush()  # the events are in the transaction ...
        raise RuntimeError("power cut")

    monkeypatch.setattr(nightly_module, "record_events", record_then_crash)
    workspace = Workspace(workdir)
    options = NightOptions(operator="test-operator", case=CASE)
    with NightlyLock(workdir) as lock, pytest.raises(RuntimeError, match="power cut"):
        NightlyRunner(workspace, options, lock).run()
    # ... but none of them was committed, and the run is left "running" for the next night.
    assert db_rows(workdir, "SELECT COUNT(*) FROM listing_events")[0][0] == before
    assert db_rows(workdir, "SELECT status FROM watch_runs ORDER BY id DESC LIMIT 1")[0][0] == (
        "running"
    )
    monkeypatch.setattr(nightly_module, "record_events", real)
    with NightlyLock(workdir) as lock:
        night = NightlyRunner(workspace, options, lock).run()
    workspace.close()
    assert [r.status for r in night.results] == ["completed"]
    statuses = [s for (s,) in db_rows(workdir, "SELECT status FROM watch_runs ORDER BY id")]
    assert statuses[-2:] == ["interrupted", "completed"]
    assert db_rows(workdir, "SELECT COUNT(*) FROM listing_events")[0][0] > before


@pytest.mark.slow
def test_watchlist_on_a_site_profile(demo_site: DemoSite, tmp_path: Path) -> None:
    """``watch add --site PROFILE``: the nightly crawl reads the shop through the profile."""
    shipped = (Path(__file__).parents[1] / "crawler/profiles/sites/bazaar-plain.yaml").read_text()
    profile = tmp_path / "shop.yaml"  # the shipped profile, pointed at this demo site
    profile.write_text(
        shipped.replace("search_url: /plain/", f"search_url: {demo_site.base_url}/plain/")
    )
    keywords = tmp_path / "kw.txt"
    keywords.write_text("replica rolex\n")
    wd = ("--workdir", str(tmp_path / "work"))
    run("watch", "add", "--case", "shop", "--name", "plain", "--keywords", str(keywords),
        "--site", str(profile), *wd)  # fmt: skip
    night = jasper("nightly", *wd, *FAST)
    assert night.returncode == 0, night.stdout + night.stderr
    changes = run("changes", "--case", "shop", *wd, "--format", "json")
    new = by_event(json.loads(changes.stdout), "new")
    assert new and all("/plain/item/" in url for url in new)
    assert all(e["capture"]["title"] and e["capture"]["price"] for e in new.values())
