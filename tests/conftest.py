"""Shared fixtures: the demo marketplace, the jasper CLI, and one real crawl per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crawler.demo import DEMO_KEYWORDS, default_catalogue, generated_catalogue
from crawler.demo.server import DemoSite

PG_ADMIN_URL = os.environ.get("JASPER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def jasper(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real ``jasper`` command line in a subprocess."""
    full_env = os.environ | {"JASPER_OPERATOR": "test-operator", "COLUMNS": "200"} | (env or {})
    full_env.pop("JASPER_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def jasper_json(*args: str) -> Any:
    """Run ``jasper`` and parse its standard output as JSON."""
    result = jasper(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _fresh_process_config() -> Iterator[None]:
    """Commands invoked in-process read their configuration once per process: each test
    starts from its own environment, whatever ran before it in this worker."""
    from crawler.cli.options import process_config

    process_config.cache_clear()
    yield
    process_config.cache_clear()


@pytest.fixture(scope="session")
def demo_site() -> Iterator[DemoSite]:
    """The demo marketplace on 127.0.0.1, an ephemeral port; shared, never mutated."""
    with DemoSite(default_catalogue() + generated_catalogue(16)) as site:
        yield site


@dataclass
class Crawl:
    """A finished real crawl of the demo site."""

    workdir: Path
    result: subprocess.CompletedProcess[str]
    listings: list[dict[str, Any]]
    site: DemoSite
    case: str = "spine"


@pytest.fixture(scope="session")
def crawled(demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One real crawl of the demo site through Scrapy and Playwright (read-only for tests)."""
    workdir = tmp_path_factory.mktemp("crawl")
    keywords = workdir.parent / "keywords.txt"
    keywords.write_text("\n".join(DEMO_KEYWORDS) + "\n")
    result = jasper(
        "crawl", "--case", "spine", "--keywords", str(keywords),
        "--search-url", demo_site.search_url_template, "--workdir", str(workdir),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    listings = jasper_json(
        "listings", "--case", "spine", "--workdir", str(workdir), "--format", "json"
    )
    return Crawl(workdir, result, listings, demo_site)


@contextmanager
def fresh_pg_schema(prefix: str = "jasper_test") -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL schema on the local server; dropped afterwards."""
    admin = create_engine(PG_ADMIN_URL)
    schema = f"{prefix}_{os.getpid()}_{os.urandom(3).hex()}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # pragma: no cover - only without a server
        pytest.skip(f"PostgreSQL not available: {exc}")
    url = make_url(PG_ADMIN_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema on the local server; dropped afterwards."""
    with fresh_pg_schema() as url:
        yield url
