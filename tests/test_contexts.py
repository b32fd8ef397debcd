"""Browser contexts are recycled without ever waiting for a slot: a crawl through many short-
lived contexts finishes with every listing (it used to stall once queued requests held
retired contexts open while a new context waited for one to close)."""

from __future__ import annotations

from pathlib import Path

from crawler.contexts import ContextRecycler
from crawler.demo import generated_catalogue
from crawler.demo.catalogue import GENERATED_KEYWORD
from crawler.demo.server import DemoSite
from tests.conftest import jasper, jasper_json


def test_recycler_opens_a_new_context_only_while_under_the_cap() -> None:
    recycler = ContextRecycler(pages_per_context=2, max_contexts=2)
    names = [recycler.next_context() for _ in range(6)]  # nothing released: all busy
    assert names == ["jasper-0", "jasper-0", "jasper-1", "jasper-1", "jasper-1", "jasper-1"]


def test_many_short_lived_contexts_do_not_stall_a_crawl(tmp_path: Path) -> None:
    keywords = tmp_path / "kw.txt"
    keywords.write_text(GENERATED_KEYWORD + "\n")
    with DemoSite(generated_catalogue(14)) as site:
        result = jasper(
            "crawl", "--case", "ctx", "--keywords", str(keywords), "--workdir", str(tmp_path),
            "--search-url", site.search_url_template, "--set", "JASPER_PAGES_PER_CONTEXT=2",
            "--set", "JASPER_MAX_CONTEXTS=2", "--set", "JASPER_SCROLL=false", timeout=600,
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    listed = jasper_json(
        "listings", "--case", "ctx", "--workdir", str(tmp_path), "--format", "json"
    )
    assert len(listed) == 14
