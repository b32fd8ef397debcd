"""What the faster crawl still records: how each search page was read, where the time went,
the font check reused with its date; and perceptual hashes unchanged by computing them faster.
No timings are asserted: the machine is shared."""

from __future__ import annotations

import io
import json
import sqlite3

import imagehash
import pytest
from PIL import Image

from crawler.demo.images import render_png
from evidence.capture.hashing import image_hashes
from tests.conftest import Crawl


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
@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "LA", "L"])
def test_perceptual_hashes_are_those_of_imagehash(mode: str) -> None:
    with Image.open(io.BytesIO(render_png(f"hash-{mode}"))) as original:
        image = original.convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    expected = (str(imagehash.phash(image)), str(imagehash.dhash(image)))
    found = image_hashes(buffer.getvalue())
    assert (found.phash, found.dhash) == expected
