"""Issue 16, runs that never end: a real crawl killed with SIGKILL is noticed by the next
command, ``audit verify`` names what no record accounts for, a re-run completes the case
without capturing again what is complete, Ctrl-C records the page being rendered as
interrupted; and nothing listens on a TCP port during a crawl."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
import pytest

from tests.conftest import jasper, jasper_json
from tests.hostile.server import HostileSite

pytestmark = pytest.mark.slow  # two crawls, one killed and one interrupted: about 2 minutes


@dataclass
class Crashed:
    site: HostileSite
    workdir: Path
    keywords: Path
    listeners: list[tuple[str, Any]]  # (process name, address) of LISTEN sockets in the crawl
    complete_before: set[str]  # listings complete when the crawl was killed


def start_crawl(
    site: HostileSite, keywords: Path, workdir: Path, *extra: str
) -> subprocess.Popen[str]:
    env = os.environ | {"JASPER_OPERATOR": "test-operator", "COLUMNS": "200"}
    env.pop("JASPER_HOME", None)
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", "--case", "k", "--keywords",
         str(keywords), "--search-url", site.search_url_template, "--workdir", str(workdir),
         "--set", "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT=10000", "--set",
         "JASPER_SETTLE_TIMEOUT=4", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # its own process group: the browser is killed with it
    )  # fmt: skip


def query(workdir: Path, sql: str) -> list[tuple[Any, ...]]:
    if not (workdir / "jasper.db").exists():
        return []
    with sqlite3.connect(workdir / "jasper.db", timeout=30) as db:
        try:
            return db.execute(sql).fetchall()
        except sqlite3.OperationalError:  # not created yet
            return []


def completed(workdir: Path) -> set[str]:
    """The URLs of the listings captured complete so far."""
    sql = "select url from captures where status='complete' and kind!='search'"
    return {url for (url,) in query(workdir, sql)}


def wait_for(check: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def listeners(pid: int) -> list[tuple[str, Any]]:
    """Every TCP socket listening in the process tree of ``pid``."""
    root = psutil.Process(pid)
    found = []
    for proc in [root, *root.children(recursive=True)]:
        try:
            for conn in proc.net_connections(kind="tcp"):
                if conn.status == psutil.CONN_LISTEN:
                    found.append((proc.name(), conn.laddr))
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crashed]:
    with HostileSite(bomb_mib=4, huge_bytes=2_000_000, drip_seconds=2) as site:
        root = tmp_path_factory.mktemp("crash")
        keywords = root / "keywords.txt"
        keywords.write_text("ok hostile-text js-spin\n")
        workdir = root / "work"
        proc = start_crawl(site, keywords, workdir, "--set", "JASPER_PAGE_DEADLINE=120")
        try:
            wait_for(lambda: len(completed(workdir)) >= 2 and "js-spin" in site.attempt_times,
                     180, "two complete captures and js-spin rendering")  # fmt: skip
            time.sleep(2)  # js-spin is now spinning in its renderer
            found = listeners(proc.pid)
            done = completed(workdir)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        yield Crashed(site, workdir, keywords, found, done)


def test_nothing_listens_during_a_crawl_but_the_browser(crashed: Crashed) -> None:
    # Playwright drives Chromium over a pipe: no remote control, telnet or debugging port.
    assert all("chrom" in name.lower() for name, _ in crashed.listeners), crashed.listeners


def test_the_next_command_records_a_killed_run_and_audit_names_leftovers(
    crashed: Crashed,
) -> None:
    workdir = crashed.workdir
    assert query(workdir, "select status from crawl_runs") == [("running",)]
    part = workdir / "tmp" / "tmpcrash.warc.gz.part"  # as a write cut by the kill leaves it
    part.parent.mkdir(exist_ok=True)
    part.write_bytes(b"half a record")
    stray = workdir / "artefacts" / "ab" / "cd" / ("ab" * 32 + ".png")
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"never recorded")
    result = jasper("audit", "verify", "--workdir", str(workdir))
    assert result.returncode == 1
    assert "run 1 was left running by a process that is gone" in result.stderr
    assert "leftover partial file tmp/tmpcrash.warc.gz.part" in result.stderr
    assert f"unrecorded file {stray.relative_to(workdir).as_posix()}" in result.stderr
    assert "Traceback" not in result.stderr
    assert query(workdir, "select status from crawl_runs") == [("interrupted",)]
    assert query(workdir, "select count(*) from events where kind='run-interrupted'") \
        == [(1,)]  # fmt: skip
    part.unlink()
    stray.unlink()
    assert jasper("audit", "verify", "--workdir", str(workdir)).returncode == 0


def test_a_rerun_completes_the_case_and_ctrl_c_records_the_page_interrupted(
    crashed: Crashed,
) -> None:
    site, workdir = crashed.site, crashed.workdir
    before = len(site.attempt_times.get("js-spin", []))
    proc = start_crawl(site, crashed.keywords, workdir, "--set", "JASPER_PAGE_DEADLINE=120")
    try:
        wait_for(lambda: len(site.attempt_times.get("js-spin", [])) > before, 180,
                 "js-spin asked for again")  # fmt: skip
        time.sleep(3)  # rendering, spinning
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "Traceback" not in err, err
    assert "Completing run 1 (interrupted)" in " ".join(out.split())
    assert query(workdir, "select id, status from crawl_runs order by id")[1] == (2, "interrupted")
    records = jasper_json("listings", "--case", "k", "--workdir", str(workdir), "--format", "json")
    by_url = {r["url"]: r for r in records}
    for url in crashed.complete_before:  # complete before the kill: not captured again
        assert len(by_url[url]["captures"]) == 1, url
    spin = next(r for u, r in by_url.items() if "/s/js-spin/" in u)
    assert spin["status"] == "failed"
    assert "interrupted" in [e["step"] for e in spin["errors"]]
    assert len(site.attempt_times["ok"]) == 1  # the complete listing was not fetched again
