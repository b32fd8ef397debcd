"""Browser contexts are recycled without ever waiting for a slot: a crawl through many short-
lived contexts finishes with every listing (it used to stall once queued requests held
retired contexts open while a new context waited for one to close)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from crawler.contexts import ContextRecycler
from crawler.demo import generated_catalogue
from crawler.demo.catalogue import GENERATED_KEYWORD
from crawler.demo.server import DemoSite
from tests.conftest import jasper, jasper_json


def test_recycler_opens_a_new_context_only_while_under_the_cap() -> None:
    recycler = ContextRecycler(pages_per_context=2, max_contexts=2)
    names = [recycler.next_context() for _ in range(6)]  # nothing released: all busy
    assert names == ["jasper-0", "jasper-0", "jasper-1", "jasper-1", "jasper-1", "jasper-1"]


def _crawl(tmp_path: Path, case: str, listings: int, *settings: str) -> list[dict[str, Any]]:
    """Crawl a generated marketplace of ``listings`` with these ``--set`` values; its listings."""
    keywords = tmp_path / "kw.txt"
    keywords.write_text(GENERATED_KEYWORD + "\n")
    sets = [arg for setting in settings for arg in ("--set", setting)]
    with DemoSite(generated_catalogue(listings)) as site:
        result = jasper(
            "crawl", "--case", case, "--keywords", str(keywords), "--workdir", str(tmp_path),
            "--search-url", site.search_url_template, *sets, timeout=600,
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    listed: list[dict[str, Any]] = jasper_json(
        "listings", "--case", case, "--workdir", str(tmp_path), "--format", "json"
    )
    return listed


def test_many_short_lived_contexts_do_not_stall_a_crawl(tmp_path: Path) -> None:
    listed = _crawl(
        tmp_path, "ctx", 14,
        "JASPER_PAGES_PER_CONTEXT=2", "JASPER_MAX_CONTEXTS=2", "JASPER_SCROLL=false",
    )  # fmt: skip
    assert len(listed) == 14


def test_reused_pages_record_only_their_own_traffic(tmp_path: Path) -> None:
    """Pages are reused across captures, and each capture's WARC holds its own listing's
    exchanges and nothing of the listing its page showed before."""
    listed = _crawl(tmp_path, "reuse", 16, "CONCURRENT_REQUESTS=2")
    assert len(listed) == 16
    slugs = {listing["url"].rsplit("/", 1)[-1] for listing in listed}
    for listing in listed:
        (capture,) = listing["captures"]
        assert capture["status"] == "complete", capture["errors"]
        own = listing["url"].rsplit("/", 1)[-1]
        with (tmp_path / capture["warc"]).open("rb") as fh:
            uris = [
                r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(fh)
                if r.rec_type == "response"
            ]
        assert any(u == listing["url"] for u in uris), uris
        others = [u for u in uris for slug in slugs - {own} if slug in u]
        assert others == [], (listing["url"], others)
    db = sqlite3.connect(tmp_path / "jasper.db")
    (raw,) = db.execute("SELECT stats FROM crawl_runs").fetchone()
    db.close()
    stats = json.loads(raw)
    assert stats["playwright/page_count"] < stats["jasper/listings_captured"]  # reused
