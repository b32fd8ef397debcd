"""``jasper capture``: direct capture, failed steps recorded, and PostgreSQL as the database."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import Crawl, jasper, jasper_json


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers: a page that times out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/item/slow"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_capture_given_urls(crawled: Crawl, tmp_path: Path) -> None:
    url = crawled.site.base_url + "/item/ugg-tasman-slipper"
    result = jasper("capture", "--case", "direct", url, "--workdir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    listings = jasper_json(
        "listings", "--case", "direct", "--workdir", str(tmp_path), "--format", "json"
    )
    assert [x["url"] for x in listings] == [url]
    capture = listings[0]["captures"][0]
    assert capture["status"] == "complete" and capture["keyword"] is None
    assert (tmp_path / capture["screenshot"]).exists()


def test_failed_step_is_recorded_not_silent(silent_server: str, tmp_path: Path) -> None:
    result = jasper(
        "capture", "--case", "slow", silent_server, "--workdir", str(tmp_path),
        "--set", "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT=1500", "--set", "RETRY_TIMES=0",
        "--set", "DOWNLOAD_TIMEOUT=2",
    )  # fmt: skip
    assert result.returncode == 1
    assert "failed" in result.stdout and "navigate" in result.stdout
    listings = jasper_json(
        "listings", "--case", "slow", "--workdir", str(tmp_path), "--format", "json"
    )
    capture = listings[0]["captures"][0]
    assert capture["status"] == "failed"
    assert capture["screenshot"] is None and capture["warc"] is None
    assert capture["errors"][0]["step"] == "navigate"
    assert "Timeout" in capture["errors"][0]["error"]


def test_postgresql_database(crawled: Crawl, pg_url: str, tmp_path: Path) -> None:
    urls = [crawled.site.base_url + "/item/" + slug
            for slug in ("rolex-daytona-replica-gold", "hermes-birkin-30-etoupe")]  # fmt: skip
    result = jasper("capture", "--case", "pg", *urls, "--workdir", str(tmp_path), "--db", pg_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "postgresql" in result.stdout
    listings = jasper_json(
        "listings", "--case", "pg", "--workdir", str(tmp_path), "--db", pg_url, "--format", "json"
    )
    assert sorted(x["url"] for x in listings) == sorted(urls)
    assert all(x["captures"][0]["status"] == "complete" for x in listings)
    assert not (tmp_path / "jasper.db").exists()
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM artefacts WHERE digest_algorithm='sha256'"))
        assert count.scalar_one() >= 8
    engine.dispose()


def test_listings_csv_and_table(crawled: Crawl) -> None:
    csv_out = jasper(
        "listings", "--case", "spine", "--workdir", str(crawled.workdir), "--format", "csv"
    )
    assert csv_out.returncode == 0
    header, *rows = csv_out.stdout.strip().splitlines()
    assert header.startswith("url,title,price,currency,seller")
    assert len(rows) == len(crawled.listings)
    table = jasper("listings", "--case", "spine", "--workdir", str(crawled.workdir), "--paths")
    assert table.returncode == 0 and "artefacts/" in table.stdout
    assert json.loads(
        jasper(
            "listings", "--case", "spine", "--workdir", str(crawled.workdir), "--format", "json"
        ).stdout
    )
