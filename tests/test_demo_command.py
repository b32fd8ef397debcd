"""``jasper demo``, the main job: sets up nothing by hand, crawls the bundled marketplace and
says where everything is."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.demo import default_catalogue
from crawler.demo.labelled import labelled_catalogue
from tests.conftest import jasper, jasper_json


@pytest.mark.slow  # `make demo` itself; the same crawl path runs in test_crawl
def test_demo_crawls_the_bundled_marketplace(tmp_path: Path) -> None:
    result = jasper("demo", "--workdir", str(tmp_path), "--extra-listings", "0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Demo marketplace running at http://127.0.0.1:" in result.stderr
    out = result.stdout
    assert "listings captured" in out and "0 with failed steps" in out
    assert f"Evidence:  {tmp_path}" in out and "jasper export --case demo" in out
    listings = jasper_json(
        "listings", "--case", "demo", "--workdir", str(tmp_path), "--format", "json"
    )
    expected = len(default_catalogue()) + len(labelled_catalogue())
    assert len(listings) == expected
    assert all(listing["captures"][0]["status"] == "complete" for listing in listings)
    network = jasper_json(
        "network", "--case", "demo", "--workdir", str(tmp_path), "--format", "json"
    )
    assert network["clusters"], "the demo shows linked sellers"
