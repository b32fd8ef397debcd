"""The review workspace in a real browser (Playwright driving Debian's Chromium) over a case
crawled twice from the demo site: queue, filters, search, listing, compare, replay, decide,
basket, export, then ``jasper verify`` on the downloaded bundle. Failing tests leave a
screenshot in test-results/ (pytest-playwright, --screenshot=only-on-failure)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from crawler.demo import default_catalogue
from crawler.demo.catalogue import DemoListing
from crawler.demo.server import DemoSite
from evidence.db import Database, default_db_url
from evidence.models import Case, Event, Listing
from evidence.review import decisions
from evidence.signing import key_paths
from tests.conftest import jasper
from tests.review_server import served

HOSTILE = 'Rolex <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> replica'
CHANGED = "rolex-gmt-pepsi-replica"  # its price changes between the two crawls
SLUGS = {CHANGED, "rolex-submariner-replica-black", "rolex-datejust-replica-36",
         "rolex-daytona-replica-gold"}  # fmt: skip
pytestmark = pytest.mark.slow  # two crawls and an export


@dataclass
class Reviewed:
    """A workdir crawled twice, with a signing key, and the workspace serving it."""

    workdir: Path
    url: str
    case_id: int


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, as the crawler uses it."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": chromium}


def shot(page: Page, name: str) -> None:
    """Keep a screenshot of a main page when JASPER_REVIEW_SHOTS names a folder (to look at
    the pages; failures get theirs in test-results/ anyway)."""
    folder = os.environ.get("JASPER_REVIEW_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def crawl(site: DemoSite, workdir: Path) -> None:
    keywords = workdir / "keywords.txt"
    keywords.write_text("rolex\n")
    result = jasper(
        "crawl", "--case", "web", "--keywords", str(keywords), "--search-url",
        site.search_url_template, "--workdir", str(workdir),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reviewed]:
    """Rolex listings (one with script in its title) crawled twice; a price changed between."""
    workdir = tmp_path_factory.mktemp("review")
    hostile = DemoListing("rolex-hostile", HOSTILE, Decimal("99.00"), "GBP", "evil_seller",
                          f"Description {HOSTILE}", ("rolex-hostile-1",), "jsonld")  # fmt: skip
    kept = [item for item in default_catalogue() if item.slug in SLUGS]
    with DemoSite([*kept, hostile]) as site:
        crawl(site, workdir)
        site.update_listing(CHANGED, price=Decimal("99.00"))
        crawl(site, workdir)
    assert jasper("keys", "init", "--workdir", str(workdir)).returncode == 0
    db = Database(default_db_url(workdir))
    with db.session() as session:
        case_id = session.scalars(select(Case.id).where(Case.name == "web")).one()
    db.close()
    with served(workdir) as url:
        yield Reviewed(workdir, url, case_id)


def listing_id(reviewed: Reviewed, slug: str) -> int:
    db = Database(default_db_url(reviewed.workdir), upgrade=False)
    try:
        with db.session() as session:
            return session.scalars(select(Listing.id).where(Listing.url.endswith(slug))).one()
    finally:
        db.close()


def test_queue_filters_search_and_sorts(reviewed: Reviewed, page: Page) -> None:
    page.goto(f"{reviewed.url}/")
    page.get_by_role("link", name="web", exact=True).click()
    expect(page.locator("h1")).to_have_text("web")
    page.get_by_role("link", name="Queue").click()
    rows = page.locator("#queue tbody tr[data-href]")
    expect(rows.first).to_be_visible()
    total = int(page.locator("#total").inner_text())
    assert total >= 4
    page.fill("#search", "GMT")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("GMT-Master")
    shot(page, "queue")
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/queue?min=0.5&sort=price&dir=asc")
    prices = [float(p.split()[0].replace(",", "")) for p in
              page.locator("#queue tbody td.num").all_inner_texts() if p.strip()]  # fmt: skip
    assert prices == sorted(prices) and prices


def test_listing_compare_and_replay(reviewed: Reviewed, page: Page) -> None:
    lid = listing_id(reviewed, CHANGED)
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/queue?q=GMT")
    page.locator("#queue tbody td.title a").first.click()
    expect(page.locator("#listing-title")).to_contain_text("GMT-Master")
    expect(page.locator("#shot")).to_be_visible()
    shot(page, "listing")
    page.locator("#compare").click()
    changed = page.locator("#field-diff tr.changed")
    expect(changed.filter(has_text="price")).to_have_count(1)
    diff = page.locator("#diff")
    expect(diff).to_be_visible()
    assert page.evaluate("document.getElementById('diff').naturalWidth") > 0
    shot(page, "compare")
    page.goto(f"{reviewed.url}/listing/{lid}")
    page.locator("#replay-link").click()
    frame = page.frame_locator("#replay")
    expect(frame.locator("h1")).to_contain_text("GMT-Master", timeout=60_000)
    shot(page, "replay")
    with Database(default_db_url(reviewed.workdir), upgrade=False).session() as session:
        viewers = session.scalars(select(Event.actor).where(Event.kind == "view")).all()
    assert "test-operator" in viewers


def test_decide_basket_export_verify(reviewed: Reviewed, page: Page, tmp_path: Path) -> None:
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/queue?q=Submariner")
    first = page.locator("#queue tbody tr[data-href]").first
    expect(first).to_have_class(re.compile("current"))
    page.keyboard.press("1")  # the first disposition, on the current row
    expect(first.locator("td.decide")).to_contain_text("suspected counterfeit")
    decided = int(first.get_attribute("id").removeprefix("row"))  # type: ignore[union-attr]
    db = Database(default_db_url(reviewed.workdir), upgrade=False)
    with db.session() as session:
        state = decisions.state(session, [decided])[decided]
    db.close()
    assert state.disposition == "suspected counterfeit" and state.decided_by == "test-operator"
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/queue?q=Rolex")
    rows = page.locator("#queue tbody tr[data-href]")
    expect(rows.first).to_be_visible()
    listed = rows.count()  # counted before Apply reloads the page, not while it does
    page.locator("#all").check()  # bulk: tag every listing on the page
    page.select_option("#bulk select[name=kind]", "tag")
    page.fill("#bulk input[name=value]", "batch-1")
    page.locator("#bulk button", has_text="Apply").click()
    tagged = page.locator("#queue tbody td.title .tag", has_text="batch-1")
    expect(tagged).to_have_count(listed)
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/basket")
    page.locator("#add-confirmed").click()
    expect(page.locator("#basket tbody tr")).to_have_count(1)
    shot(page, "basket")
    page.fill("input[name=prefix]", "TO")
    with page.expect_download(timeout=240_000) as download:
        page.locator("#export").click()
    bundle = tmp_path / "bundle.zip"
    download.value.save_as(bundle)
    public = key_paths(reviewed.workdir)[1]
    result = jasper("verify", str(bundle), "--public-key", str(public))
    assert result.returncode == 0, result.stdout + result.stderr


def test_captured_script_is_shown_as_text(reviewed: Reviewed, page: Page) -> None:
    page.goto(f"{reviewed.url}/listing/{listing_id(reviewed, 'rolex-hostile')}")
    expect(page.locator("#listing-title")).to_contain_text("<script>")
    page.goto(f"{reviewed.url}/case/{reviewed.case_id}/queue?q=evil_seller")
    expect(page.locator("#queue tbody td.title")).to_contain_text("<img src=x")
    assert page.evaluate("window.__pwned") is None


def test_other_host_names_are_refused_without_sign_in(reviewed: Reviewed) -> None:
    """DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 gets nothing."""
    rebound = httpx.get(f"{reviewed.url}/", headers={"Host": "evil.example"}, timeout=30)
    assert rebound.status_code == 400
    assert httpx.get(f"{reviewed.url}/", timeout=30).status_code == 200
