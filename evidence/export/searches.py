"""The search-result pages behind every "found by": each exported as an exhibit of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from evidence.listings import add_trust, capture_loads, capture_record
from evidence.models import Capture
from evidence.records import CaptureRecord, ListingRecord
from evidence.trust import capture_trust


@dataclass
class SearchPages:
    """The search pages the exported listings were found on, and which listing was on which."""

    records: list[CaptureRecord]
    source: dict[int, int]  # listing capture id -> search capture id
    found_on: dict[int, list[str]] = field(default_factory=dict)  # search id -> exhibits

    def link(self, listings: list[ListingRecord]) -> None:
        """Name each listing capture's search-page exhibit in its ``bundle`` block (and back)."""
        refs = {c["id"]: c["exhibit"] for c in self.records}
        for listing in listings:
            for capture in listing["captures"]:
                search_id = self.source.get(capture["id"])
                if search_id is None or "bundle" not in capture:
                    continue
                capture["bundle"]["found_on"] = refs[search_id]
                self.found_on.setdefault(search_id, []).append(capture["exhibit"])


def find_search_pages(session: Session, case_id: int, listings: list[ListingRecord]) -> SearchPages:
    """For every listing capture found through a search, the search page it was found on: the
    same run's capture of that address, the last one made before the listing's."""
    wanted = [c for listing in listings for c in listing["captures"] if c.get("search_page")]
    runs = sorted({c["run_id"] for c in wanted})
    candidates: dict[tuple[int, str], list[Capture]] = {}
    for start in range(0, len(runs), 500):
        found = session.scalars(
            select(Capture)
            .where(
                Capture.case_id == case_id,
                Capture.kind == "search",
                Capture.run_id.in_(runs[start : start + 500]),
            )
            .order_by(Capture.captured_at, Capture.id)
            .options(*capture_loads())
        )
        for search in found:
            for url in {search.url, search.final_url}:
                if url:
                    candidates.setdefault((search.run_id, url), []).append(search)
    source: dict[int, int] = {}
    chosen: dict[int, Capture] = {}
    for capture in wanted:
        options = candidates.get((capture["run_id"], str(capture["search_page"])), [])
        at = datetime.fromisoformat(capture["captured_at"]) if capture["captured_at"] else None
        before = [s for s in options if at is None or s.captured_at <= at]
        pick = (before or options)[-1:]
        if pick:
            source[capture["id"]] = pick[0].id
            chosen[pick[0].id] = pick[0]
    trust = capture_trust(session, case_id) if chosen else {}
    records = []
    for search_id in sorted(chosen):
        record = capture_record(chosen[search_id])
        add_trust(record, trust.get(search_id))
        records.append(record)
    return SearchPages(records, source)
