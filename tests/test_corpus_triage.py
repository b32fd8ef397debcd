"""The labelled multi-concern triage corpus is valid, self-consistent and loads (no browser)."""

from __future__ import annotations

import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from crawler.demo.catalogue import MARKUP_KINDS
from crawler.demo.pages import matches
from tests.corpus.triage.loader import (
    CONCERNS,
    CORPUS_PATH,
    SITES,
    CorpusError,
    ExpectedContact,
    TriageCorpus,
    load_corpus,
)


@pytest.fixture(scope="module")
def corpus() -> TriageCorpus:
    return load_corpus()


def test_size_sites_languages_and_concerns(corpus: TriageCorpus) -> None:
    assert len(corpus.listings) >= 160
    assert {x.site for x in corpus.listings} == set(SITES)
    langs = Counter(x.lang for x in corpus.listings)
    assert {"en", "fr", "es", "de", "it", "zh", "pl", "ar"} <= set(langs)
    for concern in CONCERNS:
        positives = [x for x in corpus.listings if x.labels.of(concern)]
        assert len(positives) >= 30, concern
        assert {x.site for x in positives} == set(SITES), concern
    genuine = [x for x in corpus.listings if x.labels.genuine]
    assert len(genuine) >= 50
    assert any(sum(x.labels.of(c) for c in CONCERNS) >= 2 for x in corpus.listings)


def test_each_site_is_a_demo_catalogue_with_every_markup_kind(corpus: TriageCorpus) -> None:
    for site in SITES:
        catalogue = corpus.catalogue(site)
        assert len(catalogue) == len(corpus.on(site))
        assert {x.markup for x in catalogue} == set(MARKUP_KINDS)
        assert all(x.images for x in catalogue)
        keywords = corpus.crawl_keywords(site)
        assert all(any(matches(x, k) for k in keywords) for x in catalogue)


def test_networks_are_exactly_what_the_contacts_and_images_link(corpus: TriageCorpus) -> None:
    networks = corpus.expected_networks()
    assert sorted(map(sorted, corpus.linked_groups())) == sorted(map(sorted, networks.values()))
    crossing = [name for name, sellers in networks.items() if len({s for s, _ in sellers}) == 2]
    assert len(crossing) >= 6
    # Same name on both sites, nothing shared: two sellers, no network.
    assert {("a", "techhouse_retail"), ("b", "techhouse_retail")} <= corpus.sellers()
    assert not any(("a", "techhouse_retail") in s for s in networks.values())


def test_hard_contacts_are_there(corpus: TriageCorpus) -> None:
    phones = {c.value for x in corpus.listings for c in x.contacts if c.kind == "phone"}
    assert "+447700900461" in {c.value for x in corpus.listings for c in x.contacts}
    assert {"+441632960961", "+33639981234"} <= phones  # possible, not valid
    kinds = {c.kind for x in corpus.listings for c in x.contacts}
    assert kinds == {"phone", "email", "whatsapp", "telegram", "wechat", "signal", "paypal",
                     "payment", "url", "domain"}  # fmt: skip
    public = [c for x in corpus.listings for c in x.contacts if c.public]
    assert len(public) == 2 and len({c.value for c in public}) == 1
    assert ExpectedContact(kind="url", value="https://shop.example/a").link_key == "shop.example"


@pytest.mark.parametrize(
    ("kind", "value"),
    [("phone", "07700 900461"), ("email", "Bob@Example.com"), ("telegram", "boxkingtv"),
     ("domain", "www.shop.example"), ("url", "http://shop.example/x"), ("paypal", "PayPal.me/x")],
)  # fmt: skip
def test_unnormalised_contacts_are_refused(kind: str, value: str) -> None:
    with pytest.raises(ValueError):
        ExpectedContact(kind=kind, value=value)  # type: ignore[arg-type]


def test_bad_files_are_refused(tmp_path: Path) -> None:
    text = CORPUS_PATH.read_text(encoding="utf-8")
    (tmp_path / "float.yaml").write_text(text.replace('price: "59.99"', "price: 59.99", 1))
    (tmp_path / "dup.yaml").write_text(text.replace("slug: b-t95-box-us-plug",
                                                    "slug: a-box-free-sports-forever"))  # fmt: skip
    for name in ("float.yaml", "dup.yaml", "missing.yaml"):
        with pytest.raises(CorpusError):
            load_corpus(tmp_path / name)


def test_two_sites_serve_their_listings(corpus: TriageCorpus) -> None:
    with corpus.serve() as sites:
        assert sites["a"].base_url != sites["b"].base_url
        for site, server in sites.items():
            first = corpus.on(site)[0]
            with urllib.request.urlopen(f"{server.base_url}/item/{first.slug}") as reply:
                assert first.title.split()[0] in reply.read().decode("utf-8")
            assert server.get(corpus.on("b" if site == "a" else "a")[0].slug) is None
