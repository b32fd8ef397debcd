"""The real-web corpus is well formed and served both ways (no browser, a few seconds)."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.corpus.realweb.generate.__main__ import build
from tests.corpus.realweb.generate.kit import KINDS
from tests.corpus.server import CORPUS_DIR, SEARCH_HOST, Corpus, CorpusServer

LABELS: list[dict[str, Any]] = json.loads((CORPUS_DIR / "labels.json").read_text("utf-8"))
PAGES = CORPUS_DIR / "pages"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(proxy: str | None) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": proxy} if proxy else {}), _NoRedirect
    )


def _get(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_every_page_is_labelled_once_and_every_label_has_its_page() -> None:
    labelled = [label["file"] for label in LABELS]
    assert len(labelled) == len(set(labelled))
    assert {path.name for path in PAGES.iterdir()} == set(labelled)


def test_labels_are_complete() -> None:
    urls = [label["url"] for label in LABELS]
    assert len(urls) == len(set(urls))
    kinds = [label["kind"] for label in LABELS]
    assert kinds.count("listing") >= 90
    assert len(kinds) - kinds.count("listing") >= 30
    for label in LABELS:
        assert label["kind"] in KINDS, label["file"]
        assert re.fullmatch(r"https://[a-z0-9.-]+(/\S*)?", label["url"]), label["file"]
        assert label["features"] == sorted(set(label["features"])), label["file"]
        if label["kind"] != "listing":
            assert "title" not in label and "price" not in label, label["file"]
            continue
        assert label["title"] and isinstance(label["auction"], bool), label["file"]
        if label["price"] is None:
            assert "no-price" in label["features"], label["file"]
        else:
            assert Decimal(label["price"]) > 0, label["file"]
            assert re.fullmatch(r"[A-Z]{3}", label["currency"]), label["file"]


def test_pages_match_their_labels() -> None:
    corpus = Corpus()
    for page in corpus.pages:
        raw = page.file.read_bytes()
        text = raw.decode(page.charset)  # stored in the charset the label names
        features = page.label["features"]
        assert ("<!--corpus:filler" in text) == ("tall-page" in features), page.file.name
        assert ("onerror=" in text) == ("never-load" in features), page.file.name
        assert bool(page.serve.get("slow_404")) == ("never-load" in features), page.file.name
        if page.label.get("title") and "social" not in features:
            assert page.label["title"] in html.unescape(corpus.text(page)), page.file.name


def test_generator_reproduces_the_pages() -> None:
    built = build()
    assert [page.label() for page in built] == LABELS
    for page in built:
        assert page.data() == (PAGES / f"{page.slug}.html").read_bytes(), page.slug


def test_corpus_stays_small() -> None:
    total = sum(path.stat().st_size for path in Path(CORPUS_DIR).rglob("*") if path.is_file())
    assert total < 15_000_000


@pytest.fixture(scope="module")
def server() -> Any:
    with CorpusServer() as running:
        yield running


def test_served_path_prefixed_and_through_the_proxy(server: CorpusServer) -> None:
    direct, proxied = _opener(None), _opener(server.base_url)
    for label in LABELS[:: len(LABELS) // 6]:
        page = server.corpus.by_url(label["url"])
        assert page is not None
        expected = server.corpus.body(page)
        status, headers, body = _get(direct, server.prefixed(label["url"]))
        assert (status, body) == (page.serve.get("status", 200), expected), label["file"]
        assert headers["Content-Type"] == f"text/html; charset={page.charset}"
        status, _, body = _get(proxied, server.proxied(label["url"]))
        assert (status, body) == (page.serve.get("status", 200), expected), label["file"]


def test_search_page_links_every_page_both_ways(server: CorpusServer) -> None:
    _, _, body = _get(_opener(None), server.base_url + "/search?q=rolex")
    links = re.findall(r'<a href="([^"]+)"', body.decode())
    assert len(links) == len(LABELS)
    assert all(link.startswith("/") and not link.startswith("//") for link in links)
    _, _, body = _get(_opener(server.base_url), f"http://{SEARCH_HOST}/search?q=rolex")
    links = re.findall(r'<a href="([^"]+)"', body.decode())
    assert {link.split("://", 1)[1] for link in links} == {
        label["url"].split("://", 1)[1].replace("&", "&amp;") for label in LABELS
    }


def test_per_page_behaviours(server: CorpusServer) -> None:
    proxied = _opener(server.base_url)
    status, headers, _ = _get(proxied, "http://www.instagram.com/p/C5aBcDeFgHi/")
    assert status == 302
    assert headers["Location"] == (
        "http://www.instagram.com/accounts/login/?next=%2Fp%2FC5aBcDeFgHi%2F"
    )
    status, headers, _ = _get(proxied, "http://www.vinted.fr/items/4423456789-sac-chanel-classic")
    assert (status, headers["Server"], headers["cf-mitigated"]) == (403, "cloudflare", "challenge")
    slow = next(label for label in LABELS if "never-load" in label["features"])
    status, _, _ = _get(_opener(None), server.base_url + slow["serve"]["slow_404"][0])
    assert status == 404
    tall = next(label for label in LABELS if "tall-page" in label["features"])
    _, _, body = _get(_opener(None), server.prefixed(tall["url"]))
    assert body.count(b'class="review corpus-filler"') >= 100_000 // 250
