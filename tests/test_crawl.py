"""The spine, end to end: a real keyword crawl of the demo marketplace through Scrapy and
Playwright in headless Chromium, checked against what the site serves."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from crawler.demo import DEMO_KEYWORDS
from tests.conftest import Crawl

RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
LISTING_KEYS = {
    "url", "title", "price", "currency", "seller", "description", "first_seen", "last_seen",
    "keyword", "captures",
}  # fmt: skip
CAPTURE_KEYS = {
    "captured_at", "screenshot", "screenshot_sha256", "page_sha256", "warc", "warc_record_id",
    "http_status",
}  # fmt: skip


def by_slug(crawl: Crawl) -> dict[str, dict]:
    return {listing["url"].rsplit("/", 1)[-1]: listing for listing in crawl.listings}


def test_every_matching_listing_is_found_and_nothing_else(crawled: Crawl) -> None:
    expected = {
        listing.slug for keyword in DEMO_KEYWORDS for listing in crawled.site.search(keyword)
    }
    found = set(by_slug(crawled))
    assert found == expected
    assert all("/item/" in listing["url"] for listing in crawled.listings)


def test_pagination_was_followed(crawled: Crawl) -> None:
    pages = {c["search_page"] for listing in crawled.listings for c in listing["captures"]}
    assert any("page=2" in (page or "") for page in pages)


def test_product_data_from_every_markup(crawled: Crawl) -> None:
    listings = by_slug(crawled)
    for listing in crawled.site.listings():
        if listing.slug not in listings:
            continue
        got = listings[listing.slug]
        assert got["title"] == listing.title, listing.markup
        assert got["price"] == float(listing.price), listing.markup
        assert got["currency"] == listing.currency, listing.markup
        assert got["seller"] == listing.seller, listing.markup
        assert got["description"], listing.markup
    kinds = {listing.markup for listing in crawled.site.listings() if listing.slug in listings}
    assert kinds == {"jsonld", "jsonld_graph", "microdata", "opengraph", "js"}


def test_listing_json_schema(crawled: Crawl) -> None:
    for listing in crawled.listings:
        assert LISTING_KEYS <= set(listing)
        assert listing["keyword"] in DEMO_KEYWORDS
        assert RFC3339_UTC.match(listing["first_seen"]) and RFC3339_UTC.match(listing["last_seen"])
        assert len(listing["captures"]) == 1
        capture = listing["captures"][0]
        assert CAPTURE_KEYS <= set(capture)
        assert RFC3339_UTC.match(capture["captured_at"])
        assert capture["http_status"] == 200
        assert capture["status"] == "complete", capture["errors"]
        assert capture["rank"] >= 1 and capture["search_page"].startswith(crawled.site.base_url)
        assert capture["server_ip"] == "127.0.0.1"


def test_artefacts_on_disk_match_hashes_taken_at_acquisition(crawled: Crawl) -> None:
    for listing in crawled.listings:
        capture = listing["captures"][0]
        for kind in ("screenshot", "page", "dom", "warc"):
            path = crawled.workdir / capture[kind]
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert digest == capture[f"{kind}_sha256"], (kind, path)
            assert path.name.startswith(digest), "content-addressed"
        assert (crawled.workdir / capture["screenshot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_page_hash_is_of_the_bytes_the_server_sent(crawled: Crawl) -> None:
    listing = next(x for x in crawled.listings if x["url"].endswith("rolex-yachtmaster-replica"))
    served = urllib.request.urlopen(listing["url"]).read()
    capture = listing["captures"][0]
    assert capture["page_sha256"] == hashlib.sha256(served).hexdigest()
    # ...while the rendered DOM holds what JavaScript added after load.
    dom = (crawled.workdir / capture["dom"]).read_text()
    assert "application/ld+json" in dom and b"application/ld+json" not in served
    assert listing["title"] == "Replica Rolex Yacht-Master Rose Gold Oysterflex"


def test_warcs_pass_warcio_check(crawled: Crawl) -> None:
    warcs = [str(crawled.workdir / x["captures"][0]["warc"]) for x in crawled.listings]
    warcio = Path(sys.executable).parent / "warcio"
    result = subprocess.run([str(warcio), "check", *warcs], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_warc_records_link_and_describe_the_capture(crawled: Crawl) -> None:
    listing = next(x for x in crawled.listings if x["url"].endswith("rolex-gmt-pepsi-replica"))
    capture = listing["captures"][0]
    with (crawled.workdir / capture["warc"]).open("rb") as stream:
        records = list(ArchiveIterator(stream))
        types = [r.rec_type for r in records]
    assert types[0] == "warcinfo"
    ids = {r.rec_headers.get_header("WARC-Record-ID"): r for r in records}
    response = ids[capture["warc_record_id"]]
    assert response.rec_type == "response"
    assert response.rec_headers.get_header("WARC-Target-URI") == listing["url"]
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.rec_headers.get_header("WARC-Block-Digest").startswith("sha256:")
    requests = [r for r in records if r.rec_type == "request"]
    assert any(
        r.rec_headers.get_header("WARC-Concurrent-To") == capture["warc_record_id"]
        for r in requests
    )
    images = [
        r
        for r in records
        if r.rec_type == "response" and "/img/" in r.rec_headers.get_header("WARC-Target-URI")
    ]
    assert images, "the page's images are archived"
    resources = {
        r.rec_headers.get_header("WARC-Target-URI"): r for r in records if r.rec_type == "resource"
    }
    shot = resources[f"urn:screenshot:{listing['url']}"]
    assert shot.rec_headers.get_header("WARC-Refers-To") == capture["warc_record_id"]
    assert shot.rec_headers.get_header("WARC-Jasper-SHA256") == capture["screenshot_sha256"]
    assert f"urn:dom:{listing['url']}" in resources
    metadata = [r for r in records if r.rec_type == "metadata"]
    assert len(metadata) == 1
    # Under its own address, so that replay tools show the page, not the context JSON.
    assert metadata[0].rec_headers.get_header("WARC-Target-URI") == f"urn:metadata:{listing['url']}"


def test_warc_metadata_records_the_capture_context(crawled: Crawl) -> None:
    listing = crawled.listings[0]
    capture = listing["captures"][0]
    with (crawled.workdir / capture["warc"]).open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "warcinfo":
                info = record.content_stream().read().decode()
                assert "software: Jasper/" in info and "operator: test-operator" in info
            if record.rec_type == "metadata":
                context = json.loads(record.content_stream().read())
    assert context["case"] == "spine"
    assert context["operator"] == "test-operator"
    assert context["found_by"] == {
        "keyword": listing["keyword"],
        "search_page": capture["search_page"],
        "rank": capture["rank"],
    }
    assert context["artefacts"]["screenshot"] == capture["screenshot_sha256"]


def test_no_unfinished_files_left_behind(crawled: Crawl) -> None:
    assert not list(crawled.workdir.rglob("*.part"))


def test_crawl_output_names_where_everything_is(crawled: Crawl) -> None:
    out = crawled.result.stdout
    assert "listings captured" in out and str(crawled.workdir) in out
    assert "artefacts/" in out


def test_crawl_run_records_provenance_and_politeness(crawled: Crawl) -> None:
    import sqlite3

    db = sqlite3.connect(crawled.workdir / "jasper.db")
    options, software, politeness, operator, status = db.execute(
        "SELECT options, software, politeness, operator, status FROM crawl_runs"
    ).fetchone()
    assert operator == "test-operator" and status == "completed"
    assert json.loads(options)["keywords"] == list(DEMO_KEYWORDS)
    versions = json.loads(software)
    assert {"jasper", "scrapy", "playwright", "warcio", "browser"} <= set(versions)
    polite = json.loads(politeness)
    assert polite["ROBOTSTXT_OBEY"] is True and polite["AUTOTHROTTLE_ENABLED"] is True
    assert "Jasper/" in polite["USER_AGENT"]
    kinds = [k for (k,) in db.execute("SELECT kind FROM events ORDER BY id")]
    assert kinds[0] == "case-created" and "crawl-started" in kinds and "crawl-finished" in kinds
    captured = [
        json.loads(detail)["kind"]
        for kind, detail in db.execute("SELECT kind, detail FROM events ORDER BY id")
        if kind == "capture"
    ]
    # Search pages are kept as evidence too (kind "search"); every listing has its capture.
    assert captured.count("listing") == len(crawled.listings) and "search" in captured
