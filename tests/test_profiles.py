"""Site profiles: validation that names the key, price parsing, `jasper profile check`, and a
real crawl of a marketplace without structured data read through shipped profiles."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from crawler.demo import plainshop
from crawler.demo.feed import feed_slugs
from crawler.demo.server import DemoSite
from crawler.extract import parse_price
from crawler.profiles import ProfileError, SiteProfile, load_profile, shipped_profiles
from crawler.profiles.loader import parse_profile
from evidence.models import Capture
from tests.conftest import jasper, jasper_json

FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--set", "JASPER_SCROLL_QUIET=1.0",
        "--no-autothrottle")  # fmt: skip
KEYWORD = "ugg"


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [("£35.00", "35.00", "GBP"), ("35,00 €", "35.00", "EUR"), ("$1,299.99", "1299.99", "USD")],
)
def test_local_prices_parse_to_amount_and_currency(text: str, amount: str, currency: str) -> None:
    assert parse_price(text) == (Decimal(amount), currency)


@pytest.mark.parametrize(
    ("yaml_text", "key"),
    [
        ("search_url: https://x.example/s?q={keyword}\n", "name: required key is missing"),
        ("name: x\nsearch_url: https://x.example/s?q=shoes\n", "search_url: must contain"),
        ("name: x\nsearch_url: ftp://x.example/{keyword}\n", "search_url: must be an http(s)"),
        ("name: x\nsearch_url: /s?q={keyword}\nfields: {price: 'span[[['}\n", "fields.price:"),
        ("name: x\nsearch_url: /s?q={keyword}\nfields: {cost: span}\n", "fields.cost: unknown"),
        ("name: x\nsearch_url: /s?q={keyword}\nscroll: sometimes\n", "scroll:"),
        ("name: x\nsearch_url: /s?q={keyword}\nnext_page: '//a[@'\n", "next_page: invalid XPath"),
        ("name: x\nsearch_url: /s?q={keyword}\ninclude: ['(']\n", "include.0: invalid regular"),
        ("name: x\nsearch_url: /s?q={keyword}\nstorage_state: gone.json\n", "storage_state:"),
        ("- just\n- a list\n", "must be a mapping"),
    ],
)
def test_invalid_profile_names_the_key(yaml_text: str, key: str, tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as raised:
        parse_profile(yaml_text, "bad.yaml", tmp_path)
    assert "bad.yaml" in str(raised.value) and key in str(raised.value), raised.value


def test_shipped_profiles_load_and_the_example_documents_every_key() -> None:
    assert {"bazaar-plain", "bazaar-feed", "bazaar-members"} <= set(shipped_profiles())
    for name in shipped_profiles():
        assert load_profile(name).name == name
    example = shipped_profiles()["bazaar-plain"]
    for key in SiteProfile.model_fields:
        assert f"{key}:" in example, f"{key} is not documented in bazaar-plain.yaml"


def test_invalid_profile_fails_at_start_not_halfway(demo_site: DemoSite, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nsearch_url: /plain/search?q={keyword}\nfields:\n  price: 'a[['\n")
    keywords = tmp_path / "kw.txt"
    keywords.write_text("ugg\n")
    result = jasper(
        "crawl", "--case", "bad", "--keywords", str(keywords), "--site", str(bad),
        "--base-url", demo_site.base_url, "--workdir", str(tmp_path / "w"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "fields.price" in result.stderr and str(bad) in result.stderr
    assert not (tmp_path / "w").exists(), "nothing may start before the profile is valid"
    unknown = jasper("crawl", "--case", "bad", "--keywords", str(keywords), "--site", "nope")
    assert unknown.returncode == 2 and "bazaar-plain" in unknown.stderr  # lists shipped names


def test_profile_check_shows_what_a_profile_extracts(demo_site: DemoSite) -> None:
    item = demo_site.get("ugg-mini-bailey-bow")
    assert item is not None
    url = f"{demo_site.base_url}/plain/item/{item.slug}"
    report = jasper_json("profile", "check", "bazaar-plain", "--url", url, "--format", "json")
    assert report["structured_data"] is None and report["is_listing"]
    product = report["product"]
    assert (product["title"], product["seller"]) == (item.title, item.seller)
    assert Decimal(product["price"]) == item.price and product["currency"] == item.currency
    assert product["images"][0].startswith(demo_site.base_url + "/img/")
    search = jasper_json(
        "profile", "check", "bazaar-plain", "--format", "json",
        "--url", f"{demo_site.base_url}/plain/search?q={KEYWORD}",
    )  # fmt: skip
    assert len(search["listing_links"]) == 3 and "p=2" in search["next_page"]
    assert all("/plain/item/" in link for link in search["listing_links"])


@dataclass
class Profiled:
    workdir: Path
    stdout: str
    listings: dict[str, dict[str, Any]]
    searches: list[Capture]


@pytest.fixture(scope="module")
def profiled(demo_site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> Profiled:
    """One real crawl with two shipped profiles: the plain shop (HTTP search pages, field
    selectors, a "Show more" pager) and the feed (rendered, scrolled, "See more" expanded)."""
    workdir = tmp_path_factory.mktemp("profiled")
    keywords = workdir / "kw.txt"
    keywords.write_text(f"{KEYWORD}\n")
    result = jasper(
        "crawl", "--case", "profiled", "--keywords", str(keywords), "--site", "bazaar-plain",
        "--site", "bazaar-feed", "--base-url", demo_site.base_url, "--workdir", str(workdir),
        *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    listings = jasper_json(
        "listings", "--case", "profiled", "--workdir", str(workdir), "--format", "json"
    )
    engine = create_engine(f"sqlite:///{workdir / 'jasper.db'}")
    with Session(engine) as session:
        searches = list(
            session.scalars(select(Capture).where(Capture.kind == "search").order_by(Capture.id))
        )
        for capture in searches:
            _ = capture.artefacts  # load while the session is open
    engine.dispose()
    return Profiled(workdir, result.stdout, {x["url"]: x for x in listings}, searches)


def test_profile_crawl_reads_listings_without_structured_data(
    profiled: Profiled, demo_site: DemoSite
) -> None:
    base = demo_site.base_url
    plain = {f"{base}/plain/item/{x.slug}": x for x in demo_site.search(KEYWORD)}
    assert len(plain) > 3, "the pager must be followed"
    feed = {f"{base}/item/{slug}" for slug in feed_slugs(demo_site)}
    assert set(profiled.listings) == set(plain) | feed
    for url, item in plain.items():
        got = profiled.listings[url]
        assert (got["title"], got["seller"]) == (item.title, item.seller)
        assert Decimal(str(got["price"])) == item.price and got["currency"] == item.currency
        assert got["captures"][0]["status"] == "complete"


def test_feed_profile_expands_see_more(profiled: Profiled, demo_site: DemoSite) -> None:
    hidden = {f"{demo_site.base_url}/item/{slug}" for slug in feed_slugs(demo_site, hidden=True)}
    assert hidden and hidden <= set(profiled.listings)


def test_search_pages_are_evidence_but_not_listings(
    profiled: Profiled, demo_site: DemoSite
) -> None:
    urls = [c.url for c in profiled.searches]
    pages = math.ceil(len(demo_site.search(KEYWORD)) / plainshop.PAGE_SIZE)
    assert sum("/plain/search" in u for u in urls) == pages  # every page of results
    assert sum("/feed" in u for u in urls) == 1
    assert not set(urls) & set(profiled.listings)
    for capture in profiled.searches:
        assert capture.listing_id is None and capture.keyword == KEYWORD
        kinds = {a.kind for a in capture.artefacts}
        if "/plain/" in capture.url:  # render: false, fetched over plain HTTP
            assert {"page", "warc"} <= kinds and "screenshot" not in kinds
        else:
            assert {"page", "screenshot", "dom", "warc"} <= kinds
    assert "search/feed pages kept as evidence" in profiled.stdout


def test_run_records_the_profiles_used(profiled: Profiled) -> None:
    from evidence.models import CrawlRun

    engine = create_engine(f"sqlite:///{profiled.workdir / 'jasper.db'}")
    with Session(engine) as session:
        run = session.scalars(select(CrawlRun)).one()
        sites = run.options["sites"]
    engine.dispose()
    assert [s["name"] for s in sites] == ["bazaar-plain", "bazaar-feed"]
    assert json.dumps(sites)  # stored as plain JSON
