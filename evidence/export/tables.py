"""``listings.json`` and ``listings.csv``: the case's listings with exhibit references."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from evidence.records import CaptureRecord, ListingRecord

CSV_COLUMNS = (
    "exhibit",
    "listing_id",
    "capture_id",
    "capture_uuid",
    "status",
    "url",
    "final_url",
    "title",
    "price",
    "currency",
    "seller",
    "keyword",
    "search_page",
    "rank",
    "captured_at",
    "http_status",
    "server_ip",
    "screenshot",
    "screenshot_sha256",
    "dom",
    "dom_sha256",
    "page",
    "page_sha256",
    "warc",
    "warc_sha256",
    "warc_record_id",
    "found_on_exhibit",
    "timestamp_status",
)
# Spreadsheets run cells starting with these as formulas; page text is hostile input.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_listings_json(out: Path, records: list[ListingRecord]) -> None:
    """The ``jasper listings --format json`` records, with exhibits and bundle paths added."""
    with out.open("w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_listings_csv(out: Path, records: list[ListingRecord]) -> None:
    """One row per exported capture, paths inside the bundle."""
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for listing in records:
            for capture in listing["captures"]:
                bundle = capture["bundle"]
                row = {k: capture.get(k) for k in CSV_COLUMNS} | {
                    "exhibit": capture["exhibit"],
                    "listing_id": listing["id"],
                    "capture_id": capture["id"],
                    "capture_uuid": capture["uuid"],
                    "screenshot": bundle.get("screenshot"),
                    "dom": bundle.get("dom"),
                    "page": bundle.get("page"),
                    "warc": bundle.get("warc"),
                    "found_on_exhibit": bundle.get("found_on"),
                    "timestamp_status": _stamp_status(capture),
                }
                writer.writerow({k: _cell(v) for k, v in row.items()})


def write_search_json(out: Path, records: list[CaptureRecord]) -> None:
    """``search-pages.json``: the search-result pages exported as exhibits (capture records)."""
    with out.open("w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def _stamp_status(capture: CaptureRecord) -> str:
    stamp = capture.get("timestamp")
    return stamp["status"] if stamp else "none"
