"""The terminal views of issue 12: ``jasper listings`` one line per listing at 100 columns with
the ids ``export --listings`` takes, ``listing show``, ``case list``, the network, takedown and
changes tables, hostile page text escaped, and ``export`` selecting listings by score."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from crawler.cli.changes import changes_table
from crawler.cli.listings import queue_table
from tests.conftest import Crawl, jasper
from tests.hostile import pages
from tests.hostile.server import HostileSite

CASE = "spine"
WIDTH = 100
ROW = re.compile(r"^\s*(\d+)\s+(\d\.\d\d|-)\s")  # a queue row: id, then score
UNSAFE = ("\x1b", "\r", "\x08", "\x07", "\u202e")


@dataclass
class Views:
    workdir: Path
    listings: list[dict[str, Any]]  # `jasper listings --format json`
    hostile: dict[str, Any]  # the listing whose title, seller and description attack
    failed: dict[str, Any]  # a listing whose only capture failed (a redirect loop)

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``jasper ARGS --workdir W`` at 100 columns; must succeed."""
        result = jasper(*args, "--workdir", str(self.workdir), env={"COLUMNS": str(WIDTH)})
        assert result.returncode == 0, result.stdout + result.stderr
        return result


@pytest.fixture(scope="module")
def views(crawled: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Views]:
    """A copy of the demo crawl (this module writes to it) plus a hostile listing and a
    listing whose capture failed."""
    workdir = tmp_path_factory.mktemp("views") / "work"
    shutil.copytree(crawled.workdir, workdir)
    with HostileSite(bomb_mib=1, huge_bytes=100_000, drip_seconds=0.5) as site:
        urls = (site.url("hostile-text"), site.url("redirect-loop"))
        result = jasper("capture", "--case", CASE, "--workdir", str(workdir), *urls)
    assert "Traceback" not in result.stderr, result.stderr
    listed = jasper("listings", "--case", CASE, "--workdir", str(workdir), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    records = json.loads(listed.stdout)
    by_url = {r["url"]: r for r in records}
    yield Views(workdir, records, by_url[urls[0]], by_url[urls[1]])


def assert_fits(text: str) -> None:
    """Every line within 100 terminal cells, and nothing a terminal would act on."""
    too_wide = [line for line in text.splitlines() if cell_len(line) > WIDTH]
    assert not too_wide, "\n".join(too_wide)
    assert not any(char in text for char in UNSAFE), text


@pytest.mark.slow
def test_listings_table_fits_and_shows_the_ids_export_takes(views: Views) -> None:
    table = views.run("listings", "--case", CASE).stdout
    assert_fits(table)
    ids = [int(m.group(1)) for line in table.splitlines() if (m := ROW.match(line))]
    assert ids == [r["id"] for r in views.listings]  # one line per listing, as in the JSON
    assert "artefacts/" not in table and "Details: jasper listing show ID" in table
    # Paths only when asked for, in full (never cut: they are for copying).
    with_paths = views.run("listings", "--case", CASE, "--paths").stdout
    first = views.listings[0]["captures"][0]
    assert first["screenshot"] in with_paths and first["warc"] in with_paths
    # The JSON keys other tools rely on are unchanged.
    assert {"id", "url", "title", "score", "reasons", "captures"} <= set(views.listings[0])


@pytest.mark.slow
def test_hostile_text_is_escaped_and_failed_captures_stay_visible(views: Views) -> None:
    hostile, failed = views.hostile, views.failed
    assert "\x1b" in hostile["title"]  # stored as found; only the display escapes it
    table = views.run("listings", "--case", CASE).stdout
    assert_fits(table)
    rows = {int(m.group(1)): line for line in table.splitlines() if (m := ROW.match(line))}
    assert "Rolex Submariner <script>" in rows[hostile["id"]]  # shown as text, not markup
    status = failed["captures"][-1]["status"]
    assert status in ("partial", "failed") and status in rows[failed["id"]]
    assert re.search(rf"with a partial or failed latest capture: .*\b{failed['id']}\b", table)
    shown = views.run("listing", "show", str(hostile["id"])).stdout
    assert not any(char in shown for char in UNSAFE)
    assert "\\x1b[2K" in shown and "\\x08" in shown and "\\u202e" in shown
    assert pages.HOSTILE_TITLE.split("\x1b")[0] in shown
    capture = hostile["captures"][0]
    for key in ("screenshot_sha256", "page_sha256", "warc_sha256", "screenshot", "warc"):
        assert capture[key] in shown
    assert "HTTP 200" in shown and "time-stamp   none" in shown
    failed_shown = views.run("listing", "show", str(failed["id"]), "--case", CASE).stdout
    assert "FAILED STEP" in failed_shown and f"<-- {status.upper()}" in failed_shown
    as_json = json.loads(views.run("listing", "show", str(failed["id"]), "--format", "json").stdout)
    assert as_json == next(r for r in views.listings if r["id"] == failed["id"])


@pytest.mark.slow
def test_case_network_takedown_and_changes_tables(views: Views) -> None:
    cases = views.run("case", "list").stdout
    assert_fits(cases)
    (summary,) = json.loads(views.run("case", "list", "--format", "json").stdout)
    assert summary["case"] == CASE and summary["listings"] == len(views.listings)
    assert summary["captures"] >= len(views.listings) and summary["failed_steps"] >= 1
    assert re.search(rf"^{CASE}\s+{len(views.listings)}\s+{summary['captures']}\s", cases, re.M)
    network = views.run("network", "--case", CASE).stdout
    assert_fits(network)
    views.run("takedown", "add", "--case", CASE, views.hostile["url"], "--reference", "T-1")
    report = views.run("takedown", "report", "--case", CASE).stdout
    assert_fits(report)
    assert "not yet checked" in report and "Rolex Submariner <script>" in report
    assert_fits(views.run("changes", "--case", CASE).stdout)


@pytest.mark.slow
def test_review_decisions_select_what_export_takes_and_the_bundle_verifies(views: Views) -> None:
    scored = sorted(
        (r for r in views.listings if r["score"] is not None and r["id"] != views.hostile["id"]),
        key=lambda r: -r["score"],
    )
    top, second, third, low = scored[0], scored[1], scored[2], scored[-1]
    assert low["score"] < second["score"]
    named = next(r for r in views.listings if r not in (top, second, third, low))
    ids = [str(r["id"]) for r in (top, second, third, low)]
    mark = ("review", "mark", "--case", CASE, "--disposition", "suspected counterfeit")
    views.run(*mark, *ids)
    views.run("review", "tag", "--case", CASE, "--tag", "basket", *ids[:2])
    views.run("review", "note", "--case", CASE, "--text", "seen \x1b twice", ids[0])
    changed = views.run("review", "mark", "--case", CASE, "--disposition", "genuine", ids[2])
    assert "1 listing(s) of case 'spine' marked 'genuine'" in changed.stdout
    table = views.run("listings", "--case", CASE).stdout
    assert_fits(table)
    rows = {int(m.group(1)): line for line in table.splitlines() if (m := ROW.match(line))}
    assert "suspected" in rows[top["id"]] and "genuine" in rows[third["id"]]
    shown = views.run("listing", "show", ids[0]).stdout
    assert "suspected counterfeit (by test-operator" in shown and "basket" in shown
    assert "seen \\x1b twice" in shown  # a note's text is escaped too
    (summary,) = json.loads(views.run("case", "list", "--format", "json").stdout)
    assert summary["confirmed"] == 3  # top, second, low; third was changed to genuine
    # Export: suspected counterfeit AND tagged basket AND score >= second's, plus one named.
    out = views.workdir.parent / "selected.zip"
    views.run("keys", "init")
    result = views.run(
        "export", "--case", CASE, "--out", str(out), "--disposition", "suspected counterfeit",
        "--tag", "basket", "--min-score", str(second["score"]), "--listings", str(named["id"]),
    )  # fmt: skip
    assert "3 listings selected" in result.stdout
    with zipfile.ZipFile(out) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith("data/listings.json"))
        exported = json.loads(bundle.read(name))
    assert {r["id"] for r in exported} == {top["id"], second["id"], named["id"]}
    key = views.workdir / "keys" / "jasper-ed25519.pub.pem"
    verified = jasper("verify", str(out), "--public-key", str(key))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    for bad in (
        ("export", "--case", CASE, "--out", str(out.with_name("x.zip")), "--disposition", "fake"),
        ("review", "tag", "--case", CASE, "--tag", "x", "999999"),
    ):
        failed = jasper(*bad, "--workdir", str(views.workdir))
        assert failed.returncode == 2 and failed.stderr.startswith("jasper: error:"), failed


@pytest.mark.fast
def test_queue_table_cuts_rows_instead_of_wrapping() -> None:
    long = "Replica Rolex Submariner " * 10 + pages.FORGED_OK
    record: dict[str, Any] = {
        "id": 12345, "url": "http://x/item", "title": long, "price": 1234567.5,
        "currency": "GBP", "seller": "[red]markup[/red]" + pages.HOSTILE_SELLER, "score": 0.5,
        "reasons": [long + " (+0.65)"],
        "captures": [{"status": "partial", "http_status": 404}],
    }  # fmt: skip
    out = io.StringIO()
    Console(file=out, width=WIDTH, force_terminal=False).print(
        queue_table([record, record | {"id": 7, "captures": []}], "Case x")  # type: ignore[list-item]
    )
    text = out.getvalue()
    assert_fits(text)
    rows = [line for line in text.splitlines() if ROW.match(line)]
    assert len(rows) == 2 and "…" in rows[0]
    assert "partial 404" in rows[0] and "none" in rows[1]
    assert "[red]m" in rows[0]  # page text is never read as markup
    assert "+0.65" not in text  # a reason's weight is left to `listing show`


@pytest.mark.fast
def test_changes_show_titles_not_cut_urls() -> None:
    url = "http://shop.example/item/" + "x" * 120
    changed = {
        "url": url, "event": "changed", "at": "2026-11-22T03:04:05Z", "listing_id": 7,
        "fields": {"price": [120.0, 99.0]}, "detail": {}, "watchlist": "w",
        "capture": {"id": 31, "title": "Rolex Submariner\x1b[2K", "http_status": 200},
    }  # fmt: skip
    removed = changed | {"event": "removed", "listing_id": 8, "fields": {}, "capture": None,
                         "detail": {"why": "HTTP 404"}}  # fmt: skip
    out = io.StringIO()
    labels = {8: ("UGG Tasman Slippers", "shoe_gallery")}
    Console(file=out, width=WIDTH).print(changes_table([changed, removed], labels, "c"))
    text = out.getvalue()
    assert_fits(text)
    assert "Rolex Submariner\\x1b[2K" in text and "UGG Tasman Slippers" in text
    assert "shop.example" not in text and "price: 120.0 → 99.0" in text and "HTTP 404" in text


@pytest.mark.fast
def test_a_bad_listing_id_is_a_one_line_error(tmp_path: Path) -> None:
    result = jasper("listing", "show", "abc", "--workdir", str(tmp_path))
    assert result.returncode == 2 and result.stderr.startswith("jasper: error:"), result
    assert "Traceback" not in result.stderr
