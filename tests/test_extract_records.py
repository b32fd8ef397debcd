"""How each field was read, and the fields investigators need, travel from the page to the
capture's product JSON and to ``jasper listings --format json`` (listing and capture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import read_page
from evidence.capture.session import recording
from evidence.workspace import Workspace
from tests.conftest import jasper_json
from tests.test_evidence_core import page

pytestmark = pytest.mark.fast

LISTING = """<html lang="en"><head><title>Rolex Submariner | Auctions</title>
<script type="application/ld+json">{"@type":"Product","name":"Rolex Submariner 16610",
 "brand":{"@type":"Brand","name":"Rolex"},"mpn":"16610","gtin13":"0000000016610",
 "offers":{"@type":"Offer","price":"4250.00","priceCurrency":"USD",
  "availability":"https://schema.org/InStock","itemCondition":"https://schema.org/UsedCondition",
  "seller":{"@type":"Person","name":"watch_exchange_nyc","url":"/usr/watch_exchange_nyc"}}}
</script></head><body><h1>Rolex Submariner 16610</h1><div>Current bid: <span>US $4,250.00</span>
</div><div>17 bids</div><button>Place bid</button></body></html>"""


def test_fields_and_how_they_were_read_reach_jasper_listings(tmp_path: Path) -> None:
    reading = read_page(LISTING, "https://auctions.example/itm/110000000002")
    assert reading.product is not None
    captured = page("https://auctions.example/itm/110000000002", title="Rolex Submariner 16610")
    captured.product = reading.product
    workspace = Workspace(tmp_path / "work")
    try:
        with recording(workspace, case="fields") as recorder:
            recorder.record(captured)
    finally:
        workspace.close()
    (listing,) = jasper_json(
        "listings", "--case", "fields", "--workdir", str(tmp_path / "work"), "--format", "json"
    )
    expected = {
        "brand": "Rolex", "mpn": "16610", "gtin": "0000000016610", "availability": "InStock",
        "condition": "UsedCondition", "seller_url": "https://auctions.example/usr/watch_exchange_nyc",
        "price_kind": "current-bid",
    }  # fmt: skip
    for record in (listing, listing["captures"][0]):
        assert {k: record[k] for k in expected} == expected
        assert record["seller"] == "watch_exchange_nyc" and record["price"] == 4250.0
        how = record["extraction"]
        assert set(how) >= {"title", "price", "currency", "brand", "seller", "condition"}
        assert how["price"]["source"] == "json-ld" and "offers" in how["price"]["selector"]
        assert how["brand"] == {"source": "json-ld", "how": "brand of the json-ld Product",
                                "selector": "block 1 brand", "text": "Rolex"}  # fmt: skip


def test_captures_recorded_before_extraction_records_have_empty_details(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "work")
    try:
        with recording(workspace, case="old") as recorder:
            recorder.record(page())  # a Product without extraction records, as before
    finally:
        workspace.close()
    (listing,) = jasper_json(
        "listings", "--case", "old", "--workdir", str(tmp_path / "work"), "--format", "json"
    )
    assert listing["extraction"] == {} and listing["brand"] is None
    assert listing["captures"][0]["price_kind"] is None
