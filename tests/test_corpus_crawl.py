"""End to end: ``jasper crawl`` from the real-web corpus's local search page (pages served
path-prefixed), on a handful of pages of different kinds: listings read from structured
data and from the page alone, a shop with a sign-in form in its header, non-listings, a bot
wall and a sign-in wall. Pages whose ``load`` never fires are left out until rendering
handles them (another branch)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from evidence.models import Event
from tests.conftest import jasper, jasper_json
from tests.corpus.server import Corpus, CorpusServer

FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--no-autothrottle")
LISTINGS = {
    "amazon-co-uk-pandora.html",  # no structured data, cookie banner, struck RRP
    "ebay-com-rolex-auction.html",  # an auction: the current bid
    "shopify-uk-candle.html",  # AggregateOffer with nested offers
    "woo-de-chronograph.html",  # a sign-in form in the header
    "avito-iphone-13-128gb.html",  # a classified, roubles
    "instagram-post-neverfull.html",  # a social post with the price in its caption
}
OTHERS = {
    "ebay-com-search.html": None,
    "amazon-com-cart.html": None,
    "cloudflare-vinted-item.html": "bot",
    "facebook-marketplace-loginwall.html": "login",
}


@pytest.mark.slow
def test_crawl_recognises_corpus_listings_and_walls(tmp_path: Path) -> None:
    corpus = Corpus()
    corpus.pages = [p for p in corpus.pages if p.label["file"] in LISTINGS | set(OTHERS)]
    assert not any("never-load" in p.label.get("features", []) for p in corpus.pages)
    keywords = tmp_path / "kw.txt"
    keywords.write_text("everything\n")
    with CorpusServer(corpus) as server:
        result = jasper(
            "crawl", "--case", "realweb", "--keywords", str(keywords),
            "--search-url", server.search_url_template, "--workdir", str(tmp_path / "w"), *FAST,
        )  # fmt: skip
        listings = jasper_json(
            "listings", "--case", "realweb", "--workdir", str(tmp_path / "w"), "--format", "json"
        )
        url_of = {p.label["file"]: server.prefixed(p.url) for p in corpus.pages}
    # Walls are failures of the run: reported loudly, and the exit status says so.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BOT WALL" in result.stdout and "LOGIN WALL" in result.stdout
    by_url = {x["url"]: x for x in listings}
    assert set(by_url) == {url_of[f] for f in LISTINGS}, sorted(by_url)
    for page in corpus.pages:
        if page.kind != "listing":
            continue
        got = by_url[url_of[page.label["file"]]]
        assert got["title"] and page.label["title"].casefold() in got["title"].casefold()
        assert Decimal(str(got["price"])) == Decimal(page.label["price"]), page.label["file"]
        assert got["currency"] == page.label["currency"], page.label["file"]
        assert {"title", "price", "currency"} <= set(got["extraction"])
        assert got["captures"][0]["status"] in ("complete", "partial")
    engine = create_engine(f"sqlite:///{tmp_path / 'w' / 'jasper.db'}")
    with Session(engine) as session:
        walls = {
            e.kind: e.detail["url"]
            for e in session.scalars(
                select(Event).where(Event.kind.in_(["bot-wall", "login-wall"]))
            )
        }
        finished = session.scalars(select(Event).where(Event.kind == "crawl-finished")).one()
    engine.dispose()
    assert walls == {
        "bot-wall": url_of["cloudflare-vinted-item.html"],
        "login-wall": url_of["facebook-marketplace-loginwall.html"],
    }
    assert json.dumps(finished.detail["bot_walls"])
