"""The shipped platform profiles (Amazon, eBay, Shopify, Facebook Marketplace) read their
documented test pages (tests/platforms/) right: ``jasper profile check`` on a listing of
each, and a real crawl through one of them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import jasper, jasper_json
from tests.platforms.pages import PLATFORMS, Item
from tests.platforms.server import PlatformSite

FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--set", "JASPER_SCROLL_QUIET=0.5",
        "--no-autothrottle")  # fmt: skip
# Fields a profile reads itself (the rest come from the page's own reading).
PROFILE_FIELDS = {
    "amazon": {"title", "seller", "seller_url", "availability"},
    "ebay": {"seller", "seller_url", "condition"},
    "shopify": {"seller"},
    "facebook-marketplace": {"seller", "seller_url"},
}


def check(platform: str, site: PlatformSite, item: Item) -> dict:
    report = jasper_json(
        "profile", "check", platform, "--url", site.base_url + item.path, "--format", "json"
    )
    assert report["is_listing"], report["reasons"]
    assert report["login_wall"] is None and report["bot_wall"] is None
    product = report["product"]
    assert product["title"] == item.title
    assert Decimal(product["price"]) == item.price and product["currency"] == item.currency
    assert product["seller"] == item.seller
    if item.seller_path != "/":
        assert product["seller_url"].startswith(site.base_url + item.seller_path)
    for key in ("brand", "condition", "availability", "price_kind"):
        if getattr(item, key) is not None:
            assert product[key] == getattr(item, key), key
    how = product["extraction"]
    assert {k for k, v in how.items() if v["source"] == "profile"} == PROFILE_FIELDS[platform]
    assert how["price"]["source"] in ("page", "json-ld") and how["price"]["text"]
    return report


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_profile_check_reads_each_platforms_test_listing(platform: str) -> None:
    items = PLATFORMS[platform][0]
    with PlatformSite(platform) as site:
        check(platform, site, items[-1])  # the harder one: an auction, a second variant...


def test_profile_check_text_explains_every_field() -> None:
    with PlatformSite("ebay") as site:
        result = jasper("profile", "check", "ebay", "--url", site.base_url + "/itm/110000000002")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "price: 4250.00 (current-bid)" in out
    assert "read from page: the current bid near the main heading" in out
    assert "read from profile: the profile's seller selector" in out
    assert all(len(line) <= 100 for line in out.splitlines()), out


@pytest.mark.slow
def test_crawl_with_the_ebay_profile(tmp_path: Path) -> None:
    keywords = tmp_path / "kw.txt"
    keywords.write_text("rolex\njordan\n")
    with PlatformSite("ebay") as site:
        result = jasper(
            "crawl", "--case", "ebay", "--keywords", str(keywords), "--site", "ebay",
            "--base-url", site.base_url, "--workdir", str(tmp_path / "w"), *FAST,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        listings = jasper_json(
            "listings", "--case", "ebay", "--workdir", str(tmp_path / "w"), "--format", "json"
        )
    by_url = {x["url"]: x for x in listings}
    items = PLATFORMS["ebay"][0]
    assert set(by_url) == {site.base_url + i.path + "?hash=x" for i in items}
    for item in items:
        got = by_url[site.base_url + item.path + "?hash=x"]
        assert got["title"] == item.title and Decimal(str(got["price"])) == item.price
        assert got["seller"] == item.seller and got["price_kind"] == item.price_kind
        assert got["extraction"]["seller"]["source"] == "profile"
        assert got["captures"][0]["status"] == "complete"
