"""What the faster crawl still records: how each search page was read, where the time went,
the font check reused with its date; and perceptual hashes unchanged by computing them faster.
No timings are asserted: the machine is shared."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import imagehash
import pytest
import pyvips
from PIL import Image

from crawler.bench import RunFigures, against_floor
from crawler.demo.images import render_png
from crawler.demo.pages import PAGE_SIZE
from crawler.demo.server import DemoSite
from evidence.capture.hashing import SCREENSHOT_HASH_MAX_PIXELS, image_hashes
from evidence.export.nature import no_screenshot_reason
from evidence.records import CaptureRecord
from tests.conftest import Crawl, jasper, jasper_json


def _rows(crawled: Crawl, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(crawled.workdir / "jasper.db")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_each_search_page_says_how_its_links_were_read(crawled: Crawl) -> None:
    rows = _rows(crawled, "SELECT notes FROM captures WHERE kind = 'search'")
    assert rows
    for (raw,) in rows:
        links = [n for n in json.loads(str(raw)) if n["step"] == "links"]
        assert len(links) == 1, raw
        # The demo's search pages carry their links in the HTML as served.
        assert "read from the HTML as served" in links[0]["note"], links


def test_the_run_records_where_its_time_went(crawled: Crawl) -> None:
    ((raw,),) = _rows(crawled, "SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
    stats = json.loads(str(raw))
    for phase in ("settle", "screenshot", "hashing", "warc", "database", "triage"):
        assert stats[f"jasper/seconds/{phase}"] > 0, phase
    assert stats["jasper/search_pages_served_links"] == stats["jasper/search_pages"]


def test_the_font_check_is_recorded_with_when_it_was_made(crawled: Crawl) -> None:
    ((raw,),) = _rows(crawled, "SELECT detail FROM events WHERE kind = 'font-check'")
    detail = json.loads(str(raw))
    assert detail["checked"] and detail["measured_at"]
    assert isinstance(detail["cached"], bool)


@pytest.mark.fast
@pytest.mark.parametrize("scale", [1, 4])  # a product picture (Pillow), a screenshot (libvips)
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "LA", "L"])
def test_perceptual_hashes_are_those_of_imagehash(mode: str, scale: int) -> None:
    with Image.open(io.BytesIO(render_png(f"hash-{mode}"))) as original:
        image = original.convert(mode)
    image = image.resize((image.width * scale, image.height * scale))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    expected = (str(imagehash.phash(image)), str(imagehash.dhash(image)))
    found = image_hashes(buffer.getvalue())
    assert (found.phash, found.dhash) == expected


@pytest.mark.fast
def test_a_tall_screenshot_is_hashed_from_a_copy_and_says_so() -> None:
    tall = (pyvips.Image.black(1280, 7000) + 255).draw_rect(0, 0, 3000, 1280, 500, fill=True)
    png = tall.pngsave_buffer()
    assert image_hashes(png).note is None  # any image of this size is hashed whole
    shot = image_hashes(png, SCREENSHOT_HASH_MAX_PIXELS)
    assert shot.phash and shot.dhash
    assert shot.note and "512x2048px downscaled copy" in shot.note and "1280x7000px" in shot.note
    whole = image_hashes(png)
    assert imagehash.hex_to_hash(shot.phash) - imagehash.hex_to_hash(whole.phash or "") <= 10


@dataclass
class ServedCrawl:
    workdir: Path
    listings: list[dict[str, Any]]
    searches: list[tuple[str, list[dict[str, Any]], set[str]]]  # (path?query, notes, kinds)
    stats: dict[str, Any]

    def search(self, path: str) -> list[tuple[str, list[dict[str, Any]], set[str]]]:
        return [s for s in self.searches if s[0].startswith(path + "?")]


@pytest.fixture(scope="module")
def served_crawl(demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> ServedCrawl:
    """A crawl reading search pages as served: the demo's search for "watch" is two pages,
    the first linking to the second, their links in the HTML; its feed (no profile) fills
    them in by script."""
    workdir = tmp_path_factory.mktemp("served")
    keywords = workdir / "kw.txt"
    keywords.write_text("watch\n")
    result = jasper(
        "crawl", "--case", "served", "--keywords", str(keywords), "--search-pages", "served",
        "--search-url", demo_site.search_url_template,
        "--search-url", demo_site.base_url + "/feed?q={keyword}",
        "--workdir", str(workdir), "--no-autothrottle",
        "--set", "JASPER_SCROLL_QUIET=1.0", "--set", "JASPER_SCROLL_MAX=3",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    listings = jasper_json(
        "listings", "--case", "served", "--workdir", str(workdir), "--format", "json"
    )
    crawl = Crawl(workdir, result, listings, demo_site)
    searches = []
    for url, notes, kinds in _rows(
        crawl,
        "SELECT c.url, c.notes, group_concat(a.kind) FROM captures c LEFT JOIN artefacts a "
        "ON a.capture_id = c.id WHERE c.kind = 'search' GROUP BY c.id ORDER BY c.id",
    ):
        where = str(url).removeprefix(demo_site.base_url)
        searches.append((where, json.loads(str(notes)), set(str(kinds).split(","))))
    ((raw,),) = _rows(crawl, "SELECT stats FROM crawl_runs ORDER BY id DESC LIMIT 1")
    return ServedCrawl(workdir, listings, searches, json.loads(str(raw)))


def test_search_pages_read_as_served_are_not_rendered(
    served_crawl: ServedCrawl, demo_site: DemoSite
) -> None:
    pages = served_crawl.search("/search")
    assert len(pages) == 2, served_crawl.searches  # the first page, and the one it links to
    for _, notes, kinds in pages:
        assert "screenshot" not in kinds and "warc" in kinds, kinds
        links = [n["note"] for n in notes if n["step"] == "links"]
        assert links == ["listing links read from the HTML as served (not rendered)"]
    expected = {f"{demo_site.base_url}/item/{x.slug}" for x in demo_site.search("watch")}
    found = {x["url"] for x in served_crawl.listings if "/search" in (x["search_page"] or "")}
    assert len(expected) > 10 and found == expected
    assert served_crawl.stats["jasper/search_pages_not_rendered"] == 2


def test_a_search_page_without_served_links_is_rendered_and_says_why(
    served_crawl: ServedCrawl,
) -> None:
    ((_, notes, kinds),) = served_crawl.search("/feed")
    assert "screenshot" in kinds, kinds
    why = [n["note"] for n in notes if n["step"] == "served-first"]
    assert why == [
        "rendered: fetched over plain HTTP first, it had no listing links in the HTML as served"
    ]
    assert served_crawl.stats["jasper/search_pages_rendered_after_served"] == 1


def test_a_first_search_page_with_no_next_page_is_rendered_and_says_why(crawled: Crawl) -> None:
    """By default, a search's first page is read as served only when it links to a next
    page; one that does not is rendered (its other results may come only as it is
    scrolled), and the capture says why. The pages it links to are read as served."""
    rendered = served = 0
    for url, raw in _rows(crawled, "SELECT url, notes FROM captures WHERE kind = 'search'"):
        keyword = parse_qs(urlsplit(str(url)).query)["q"][0]
        why = [n["note"] for n in json.loads(str(raw)) if n["step"] == "served-first"]
        if len(crawled.site.search(keyword)) <= PAGE_SIZE:  # one page of results
            rendered += 1
            assert why == [
                "rendered: fetched over plain HTTP first, it had no link to a next page "
                "(more results may come as it is scrolled)"
            ], raw
        else:
            served += 1
            assert why == [] and '"rendered": false' in str(raw), raw
    assert rendered and served


@pytest.mark.fast
def test_an_exhibit_of_a_search_page_read_as_served_says_why_it_has_no_screenshot() -> None:
    note = {"step": "links", "note": "listing links read from the HTML as served (not rendered)",
            "at": None, "detail": {"rendered": False}}  # fmt: skip
    reason = no_screenshot_reason(cast(CaptureRecord, {"kind": "search", "notes": [note]}))
    assert reason.startswith("No screenshot: this search page was read over plain HTTP")


def test_the_bench_verdict_is_the_median_of_its_pairs() -> None:
    """`make bench --pairs N`: every pair's ratio is printed, the median pair is the verdict."""

    def pair(floor_s: float, jasper_s: float) -> tuple[RunFigures, RunFigures]:
        return RunFigures("floor", 10, floor_s, 100, 10), RunFigures(
            "Jasper", 10, jasper_s, 120, 12
        )

    line = against_floor([pair(10, 13), pair(10, 11), pair(20, 24)], "at concurrency 8")
    assert line.startswith("Jasper/floor at concurrency 8: wall time 1.20x (OVER the 1.15x")
    assert line.endswith("the median of 3 pairs run alternately (1.30x, 1.10x, 1.20x)")
    assert "within the 1.15x" in against_floor([pair(10, 11)], "at 8")
