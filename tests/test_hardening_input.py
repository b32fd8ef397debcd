"""Issue 16, bad input on the crawl side: each a one-line ``jasper: error:``, a non-zero exit,
no traceback and no run left ``running``; concurrent commands on a brand-new workdir and case
both succeed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import jasper
from tests.hostile.server import HostileSite


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    with HostileSite(bomb_mib=4, huge_bytes=2_000_000, drip_seconds=2) as hostile:
        yield hostile


def runs(workdir: Path) -> list[str]:
    if not (workdir / "jasper.db").exists():
        return []
    with sqlite3.connect(workdir / "jasper.db") as db:
        return [status for (status,) in db.execute("select status from crawl_runs")]


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("jasper: error: "), result.stderr
    return lines[0]


@pytest.mark.fast
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--set", "CONCURRENT_REQUESTS=abc"), "CONCURRENT_REQUESTS"),
        (("--set", "JASPER_SETTLE_TIMEOUT=oops"), "JASPER_SETTLE_TIMEOUT"),
        (("--set", "JASPER_PAGE_DEADLINE=-1"), "JASPER_PAGE_DEADLINE"),
        (("--search-url", "http://127.0.0.1:99999/search?q={keyword}"), "Port out of range"),
        (("--search-url", "http://[::1/search?q={keyword}"), "not a valid URL"),
        (("--keywords", "/dev/zero"), "larger than 1,000,000 bytes"),
    ],
)
def test_bad_crawl_input_is_one_line(
    site: HostileSite, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    keywords = tmp_path / "k.txt"
    keywords.write_text("ok\n")
    base = {"--keywords": str(keywords), "--search-url": site.search_url_template}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        if flag in base:
            base[flag] = value
    extra = [a for pair in zip(args[::2], args[1::2], strict=True) if pair[0] == "--set"
             for a in pair]  # fmt: skip
    workdir = tmp_path / "work"
    result = jasper(
        "crawl", "--case", "b", "--keywords", base["--keywords"], "--search-url",
        base["--search-url"], "--workdir", str(workdir), *extra, timeout=120,
    )  # fmt: skip
    assert says in one_line_error(result)
    assert "running" not in runs(workdir)


@pytest.mark.fast
def test_too_many_keywords(tmp_path: Path) -> None:
    keywords = tmp_path / "k.txt"
    keywords.write_text("\n".join(f"kw{n}" for n in range(10_001)))
    url = "http://127.0.0.1:1/?q={keyword}"
    result = jasper("crawl", "--case", "b", "--keywords", str(keywords), "--search-url", url,
                    "--workdir", str(tmp_path / "w"))  # fmt: skip
    assert "at most 10,000" in one_line_error(result)


def spawn(*args: str) -> subprocess.Popen[str]:
    env = os.environ | {"JASPER_OPERATOR": "test-operator", "COLUMNS": "200"}
    env.pop("JASPER_HOME", None)
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


@pytest.mark.fast
def test_commands_opening_a_new_workdir_at_once(tmp_path: Path) -> None:
    workdir = str(tmp_path / "w")
    procs = [spawn("audit", "verify", "--workdir", workdir) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "Traceback" not in err


@pytest.mark.slow  # two browser crawls side by side: about a minute on a loaded machine
def test_two_crawls_at_once_on_a_new_workdir_and_case(site: HostileSite, tmp_path: Path) -> None:
    keywords = tmp_path / "k.txt"
    keywords.write_text("ok\n")
    workdir = str(tmp_path / "work")
    procs = [
        spawn("crawl", "--case", "same", "--keywords", str(keywords), "--search-url",
              site.search_url_template, "--workdir", workdir, "--set", "JASPER_SETTLE_TIMEOUT=4")
        for _ in range(2)
    ]  # fmt: skip
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert "Traceback" not in err, err
        assert proc.returncode == 0, out + err
    assert runs(Path(workdir)) == ["completed", "completed"]
