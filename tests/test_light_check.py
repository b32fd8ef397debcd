"""Light re-visits: a page whose served HTML is byte-identical to its last capture, and carries
its product data in that HTML, is checked over plain HTTP; anything else is captured in full."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

from crawler.demo import default_catalogue
from crawler.demo.server import DemoSite
from crawler.runner import CrawlJob

STATIC, SCRIPTED, CHANGED = (
    "rolex-datejust-replica-36",  # microdata in the served HTML
    "rolex-yachtmaster-replica",  # JavaScript fills the product data in after load
    "rolex-explorer-replica-ii",  # checked against a stale hash
)


def served_sha256(url: str) -> str:
    return hashlib.sha256(urllib.request.urlopen(url).read()).hexdigest()


def test_light_check_only_for_identical_static_pages(tmp_path: Path) -> None:
    wanted = {STATIC, SCRIPTED, CHANGED}
    with DemoSite([x for x in default_catalogue() if x.slug in wanted]) as site:
        urls = {slug: f"{site.base_url}/item/{slug}" for slug in wanted}
        checks = {urls[STATIC]: served_sha256(urls[STATIC]),
                  urls[SCRIPTED]: served_sha256(urls[SCRIPTED]),
                  urls[CHANGED]: "0" * 64}  # fmt: skip
        job = tmp_path / "job.json"
        job.write_text(
            CrawlJob(case="light", operator="test-operator", kind="watch", checks=checks).to_json()
        )
        done = subprocess.run(
            [sys.executable, "-m", "crawler.childcrawl", str(job)],
            capture_output=True,
            text=True,
            env=os.environ | {"JASPER_HOME": str(tmp_path / "work")},
        )
        assert done.returncode == 0, done.stdout + done.stderr
    db = sqlite3.connect(tmp_path / "work" / "jasper.db")
    rows = db.execute(
        "SELECT c.url, c.kind, c.http_status, group_concat(a.kind) FROM captures c "
        "JOIN artefacts a ON a.capture_id = c.id GROUP BY c.id"
    ).fetchall()
    kinds = {
        url.rsplit("/", 1)[1]: (kind, status, set(arts.split(",")))
        for url, kind, status, arts in rows
    }
    assert len(rows) == 3
    assert kinds[STATIC] == ("check", 200, {"page", "warc"})  # light: page bytes and WARC only
    for slug in (SCRIPTED, CHANGED):  # rendered again, with the full evidence
        kind, status, artefacts = kinds[slug]
        assert kind == "listing" and status == 200
        assert {"page", "screenshot", "dom", "warc"} <= artefacts
