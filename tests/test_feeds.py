"""Social feeds: a search URL that is a feed is rendered, scrolled until no new content arrives
(within the bound), captured whole as evidence, and its posts' links followed."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, selectinload
from warcio.archiveiterator import ArchiveIterator

from crawler.demo.feed import FEED_SIZE, feed_slugs
from crawler.demo.server import DemoSite
from evidence.models import Capture, CrawlRun
from tests.conftest import jasper, jasper_json


@dataclass
class FeedCrawl:
    workdir: Path
    returncode: int
    stdout: str
    listings: list[dict[str, Any]]
    searches: dict[str, Capture]
    stats: dict[str, Any]


@pytest.fixture(scope="module")
def feed_crawl(demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> FeedCrawl:
    """A crawl, without any profile, of a finite feed and of one that never stops loading."""
    workdir = tmp_path_factory.mktemp("feeds")
    return _crawl_feeds(demo_site, workdir, ["/feed", "/feed/endless"], "JASPER_SCROLL_MAX=3")


def _crawl_feeds(demo_site: DemoSite, workdir: Path, paths: list[str], *settings: str) -> FeedCrawl:
    """A crawl of the feeds at these paths, with these settings (``KEY=VALUE``)."""
    keywords = workdir / "kw.txt"
    keywords.write_text("deals\n")
    args = [a for p in paths for a in ("--search-url", f"{demo_site.base_url}{p}?q={{keyword}}")]
    args += [a for setting in settings for a in ("--set", setting)]
    result = jasper(
        "crawl", "--case", "feeds", "--keywords", str(keywords), *args,
        "--workdir", str(workdir), "--no-autothrottle",
        "--set", "JASPER_SETTLE_QUIET=0.3", "--set", "JASPER_SCROLL_QUIET=1.0",
    )  # fmt: skip
    listings = jasper_json(
        "listings", "--case", "feeds", "--workdir", str(workdir), "--format", "json"
    )
    engine = create_engine(f"sqlite:///{workdir / 'jasper.db'}")
    with Session(engine) as session:
        searches = session.scalars(
            select(Capture)
            .where(Capture.kind == "search")
            .options(selectinload(Capture.artefacts), selectinload(Capture.errors))
        ).all()
        stats = session.scalars(select(CrawlRun)).one().stats or {}
    engine.dispose()
    by_path = {c.url.split("?")[0].removeprefix(demo_site.base_url): c for c in searches}
    return FeedCrawl(workdir, result.returncode, result.stdout, listings, by_path, stats)


def _api_responses(crawl: FeedCrawl, capture: Capture) -> list[dict[str, Any]]:
    warc = capture.artefact("warc")
    assert warc is not None
    bodies = []
    with (crawl.workdir / warc.path).open("rb") as stream:
        for record in ArchiveIterator(stream):
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and "/feed/api" in uri:
                bodies.append(json.loads(record.content_stream().read()))
    return bodies


def test_feed_posts_are_followed_to_listings(feed_crawl: FeedCrawl, demo_site: DemoSite) -> None:
    found = {x["url"].rsplit("/", 1)[-1] for x in feed_crawl.listings}
    # Without a profile nobody clicks "See more": exactly the posts' visible links.
    assert found == set(feed_slugs(demo_site, hidden=False))
    feed_url = demo_site.base_url + "/feed?q=deals"
    assert {x["search_page"] for x in feed_crawl.listings} == {feed_url}


def test_whole_feed_is_captured_with_the_xhr_that_filled_it(feed_crawl: FeedCrawl) -> None:
    capture = feed_crawl.searches["/feed"]
    assert capture.status.value == "complete", [e.error for e in capture.errors]
    assert capture.listing_id is None
    screenshot = capture.artefact("screenshot")
    assert screenshot is not None
    assert (feed_crawl.workdir / screenshot.path).read_bytes()[:4] == b"\x89PNG"
    pages = _api_responses(feed_crawl, capture)
    posts = [p["id"] for page in pages for p in page["posts"]]
    assert sorted(posts) == list(range(len(posts))) and pages[-1]["next"] is None
    dom = capture.artefact("dom")
    assert dom is not None
    assert (feed_crawl.workdir / dom.path).read_text().count('class="post"') == len(posts)


def test_endless_feed_is_bounded_and_says_so(feed_crawl: FeedCrawl) -> None:
    capture = feed_crawl.searches["/feed/endless"]
    assert capture.status.value == "partial"
    errors = {e.step: e.error for e in capture.errors}
    assert "max-scrolls" in errors["scroll"] and "3 scrolls" in errors["scroll"]
    # The first batch plus one per scroll (one more may have been in flight at the end).
    assert 4 <= len(_api_responses(feed_crawl, capture)) <= 5
    assert feed_crawl.stats["jasper/feeds_cut_short"] == 1
    assert feed_crawl.returncode == 1  # a capture with a failed step is not a clean run
    assert "still loading after 3 scrolls" in feed_crawl.stdout


def test_a_feed_whose_next_batch_comes_late_is_scrolled_to_its_end(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    """Each scroll's fetch comes after a whole quiet window (as on a starved machine): the
    second look still sees it, and the capture holds the whole feed, not its first batch."""
    crawl = _crawl_feeds(demo_site, tmp_path, ["/feed/late"])
    capture = crawl.searches["/feed/late"]
    assert capture.status.value == "complete", [e.error for e in capture.errors]
    pages = _api_responses(crawl, capture)
    posts = [p["id"] for page in pages for p in page["posts"]]
    assert posts == list(range(FEED_SIZE)) and pages[-1]["next"] is None
    dom = capture.artefact("dom")
    assert dom is not None
    assert (crawl.workdir / dom.path).read_text().count('class="post"') == FEED_SIZE


def test_scroll_time_limit_holds(demo_site: DemoSite, tmp_path: Path) -> None:
    profile = tmp_path / "endless.yaml"
    profile.write_text(
        "name: endless\nsearch_url: /feed/endless?q={keyword}\nscroll: true\n"
        "max_scrolls: 1000\nscroll_timeout: 3\n"
    )
    started = time.monotonic()
    report = jasper_json(
        "profile", "check", str(profile), "--url", demo_site.base_url + "/feed/endless",
        "--format", "json",
    )  # fmt: skip
    assert report["scroll"]["stopped"] == "time-limit" and report["scroll"]["scrolls"] >= 1
    assert time.monotonic() - started < 60
