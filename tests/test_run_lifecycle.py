"""A crawl run's record from open to finish: bad settings fail it with one line, a killed
crawl is noticed by the next command, and no finished process leaves a run ``running``."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.demo.server import DemoSite
from tests.conftest import jasper
from tests.test_cli_errors import assert_one_line_error


def runs(workdir: Path) -> list[tuple[str, str | None]]:
    """Every crawl run's status and error."""
    db = sqlite3.connect(workdir / "jasper.db")
    try:
        return [(s, e) for s, e in db.execute("SELECT status, error FROM crawl_runs ORDER BY id")]
    except sqlite3.OperationalError:  # the schema is still being created
        return []
    finally:
        db.close()


@pytest.fixture
def keywords(tmp_path: Path) -> Path:
    path = tmp_path / "kw.txt"
    path.write_text("replica rolex\n")
    return path


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("JASPER_WARC_GZIP_LEVEL=12", "JASPER_WARC_GZIP_LEVEL must be a whole number from 0 to 9"),
        ("JASPER_SETTLE_TIMEOUT=oops", "JASPER_SETTLE_TIMEOUT must be a number"),
        ("CONCURRENT_REQUESTS=abc", "CONCURRENT_REQUESTS must be a whole number"),
        ("NO_SUCH_SETTING=1", "NO_SUCH_SETTING is not a Scrapy or Jasper setting"),
    ],
)
def test_a_bad_setting_fails_the_run_with_one_line(
    demo_site: DemoSite, keywords: Path, tmp_path: Path, setting: str, said: str
) -> None:
    result = jasper(
        "crawl", "--case", "x", "--keywords", str(keywords), "--workdir", str(tmp_path),
        "--search-url", demo_site.search_url_template, "--set", setting,
    )  # fmt: skip
    assert_one_line_error(result, said)
    assert result.returncode == 2
    ((status, error),) = runs(tmp_path)
    assert status == "failed" and error is not None and said in error


def test_a_killed_crawl_is_recorded_as_interrupted_by_the_next_command(
    demo_site: DemoSite, keywords: Path, tmp_path: Path
) -> None:
    crawl = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", "--case", "k", "--keywords", str(keywords),
         "--search-url", demo_site.search_url_template, "--workdir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not runs(tmp_path):
        time.sleep(0.2)
    assert runs(tmp_path) == [("running", None)]
    import os

    os.killpg(crawl.pid, signal.SIGKILL)
    crawl.wait()
    assert runs(tmp_path) == [("running", None)]  # nobody has looked yet
    listed = jasper("listings", "--case", "k", "--workdir", str(tmp_path))
    assert listed.returncode == 0
    assert "recorded as interrupted" in listed.stderr
    ((status, error),) = runs(tmp_path)
    assert status == "interrupted" and "stopped before finishing" in (error or "")
