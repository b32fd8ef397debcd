"""Triage end to end: a real crawl of the labelled demo site, then scores, contacts, networks."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import func, select

from crawler.demo.labelled import labelled_catalogue
from crawler.demo.server import DemoSite
from crawler.triage_eval import CASE, crawl_labelled, score_listings, slug
from evidence.db import Database, default_db_url
from evidence.models import ListingScore
from evidence.triage.score import recompute
from tests.conftest import jasper, jasper_json


@dataclass
class Labelled:
    workdir: Path
    listings: list[dict[str, Any]]  # the triage queue, highest score first

    def by_slug(self, name: str) -> dict[str, Any]:
        return next(r for r in self.listings if slug(r["url"]) == name)

    def args(self) -> tuple[str, ...]:
        return ("--case", CASE, "--workdir", str(self.workdir))


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Labelled]:
    workdir = tmp_path_factory.mktemp("labelled") / "work"
    with DemoSite([listing for listing, _ in labelled_catalogue()]) as site:
        records = crawl_labelled(site, workdir)
    yield Labelled(workdir, records)


@pytest.fixture(scope="module")
def network(labelled: Labelled) -> dict[str, Any]:
    result: dict[str, Any] = jasper_json("network", *labelled.args(), "--format", "json")
    return result


def seller_names(cluster: dict[str, Any]) -> set[str]:
    return {s["name"] for s in cluster["sellers"]}


def test_every_listing_is_scored_with_reasons(labelled: Labelled) -> None:
    assert len(labelled.listings) == len(labelled_catalogue())
    scores = [r["score"] for r in labelled.listings]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)  # --sort score
    for record in labelled.listings:
        assert isinstance(record["reasons"], list) and isinstance(record["contacts"], list)
        assert bool(record["reasons"]) == (record["score"] > 0)
        assert set(record["concerns"]) == {"counterfeit", "piracy", "unsafe"}
        assert all(set(c) == {"score", "reasons"} for c in record["concerns"].values())
        if record["concern"] is not None:  # the overall score is the driving concern's
            assert record["score"] == record["concerns"][record["concern"]]["score"]
        assert record["score_stale"] is False
    top = labelled.by_slug("replica-rolex-sub-aaa")
    assert any("Replica" in r for r in top["reasons"])
    assert any("reference price" in r for r in top["reasons"])
    assert top["concern"] == "counterfeit"


def test_score_separates_counterfeit_from_genuine(labelled: Labelled) -> None:
    result = score_listings(labelled.listings, threshold=0.5)
    print("triage evaluation:", result.as_json())
    assert result.n == len(labelled_catalogue())
    assert result.roc_auc >= 0.9
    assert result.precision >= 0.85
    assert result.recall >= 0.8


def test_contacts_are_extracted_and_normalised(labelled: Labelled) -> None:
    daytona = labelled.by_slug("rolex-daytona-panda")["contacts"]
    assert {"kind": "phone", "value": "+447400123456", "valid": True, "public": False} in daytona
    assert {"kind": "telegram", "value": "@swisstime_vip", "public": False} in daytona
    assert labelled.by_slug("chanel-boy-lambskin")["contacts"] == [
        {"kind": "email", "value": "orders.bellaborse@gmail.com", "public": False}
    ]
    # A showroom number, but not the order number, purchase date, serial or SKU.
    assert labelled.by_slug("rolex-sub-fullset")["contacts"] == [
        {"kind": "phone", "value": "+442079460958", "valid": True, "public": False}
    ]
    assert labelled.by_slug("rolex-op41-green")["contacts"] == []
    assert labelled.by_slug("jordan-1-lost-found")["contacts"] == []


def test_min_score_gives_the_triage_queue(labelled: Labelled) -> None:
    queue = jasper_json("listings", *labelled.args(), "--format", "json", "--min-score", "0.5",
                        "--sort", "score")  # fmt: skip
    assert queue and all(r["score"] >= 0.5 for r in queue)
    assert len(queue) == sum(1 for r in labelled.listings if r["score"] >= 0.5)
    bad = jasper("listings", *labelled.args(), "--min-score", "2")
    assert bad.returncode == 2
    bad = jasper("listings", *labelled.args(), "--concern", "fakes")
    assert bad.returncode == 2 and "fakes" in bad.stderr


def test_filter_and_sort_by_concern(labelled: Labelled) -> None:
    queue = jasper_json("listings", *labelled.args(), "--format", "json", "--concern",
                        "counterfeit", "--sort", "score")  # fmt: skip
    scores = [r["concerns"]["counterfeit"]["score"] for r in queue]
    assert queue and all(s > 0 for s in scores) and scores == sorted(scores, reverse=True)
    grouped = jasper_json("listings", *labelled.args(), "--format", "json", "--sort", "concern")
    drivers = [r["concern"] or "~" for r in grouped]
    assert drivers == sorted(
        drivers, key=lambda c: ("counterfeit", "piracy", "unsafe", "~").index(c)
    )
    csv_out = jasper("listings", *labelled.args(), "--format", "csv", "--sort", "piracy")
    assert csv_out.returncode == 0
    assert csv_out.stdout.splitlines()[0].startswith(
        "url,title,price,currency,seller,score,concern,counterfeit,piracy,unsafe,"
    )


def test_scores_are_stored_explainable_and_append_only(labelled: Labelled) -> None:
    db = Database(default_db_url(labelled.workdir), upgrade=False)
    try:
        with db.session() as session:
            before = session.scalar(select(func.count()).select_from(ListingScore))
            rows = session.scalars(select(ListingScore)).all()
            for row in rows:
                again = recompute(row)
                assert (again.score, again.reasons) == (row.score, row.reasons)
                assert (again.concern, again.concerns) == (row.concern, row.concerns)
                assert row.inputs["rules"]["digest"] == row.rules_digest
                assert row.inputs["signals"]["digest"] == row.signals_digest
                assert "listing" in row.inputs and "weights" in row.inputs
        # Rescoring with nothing new adds no rows.
        jasper_json("network", *labelled.args(), "--format", "json")
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(ListingScore)) == before
    finally:
        db.close()


def test_reference_and_reused_images(labelled: Labelled) -> None:
    homage = labelled.by_slug("submariner-homage-diver")["reasons"]
    assert any("official rolex reference image" in r for r in homage)
    reused = labelled.by_slug("lv-neverfull-mm")["reasons"]
    assert any("image exact match with listings of sac_luxe_fr" in r for r in reused)


def test_network_json_links_sellers(network: dict[str, Any]) -> None:
    clusters = network["clusters"]
    assert "not proof" in network["note"]
    for cluster in clusters:
        assert set(cluster) == {"sellers", "listings", "links"}
        assert len(cluster["sellers"]) >= 2
        listing_ids = {listing["id"] for listing in cluster["listings"]}
        for link in cluster["links"]:
            kinds = {"phone", "email", "handle", "payment", "domain", "image", "image-near"}
            assert link["kind"] in kinds
            assert set(link["listings"]) <= listing_ids and len(link["listings"]) >= 2
    groups = [seller_names(c) for c in clusters]
    assert {"timepiece_hub", "classic_watch_co", "horloge_paris"} in groups
    assert {"sound_deals", "earbud_planet"} in groups
    assert {"kicks_vault", "sole_city"} in groups
    assert {"bag_boutique_22", "sac_luxe_fr", "bella_borse"} in groups
    watches = clusters[[seller_names(c) for c in clusters].index(
        {"timepiece_hub", "classic_watch_co", "horloge_paris"})]  # fmt: skip
    assert {(x["kind"], x["value"]) for x in watches["links"]} == {
        ("phone", "+447400123456"), ("handle", "@swisstime_vip")
    }  # fmt: skip
    bags = clusters[groups.index({"bag_boutique_22", "sac_luxe_fr", "bella_borse"})]
    assert {x["kind"] for x in bags["links"]} == {"image", "email"}


def test_sellers_sharing_nothing_are_not_clustered(network: dict[str, Any]) -> None:
    clustered = set().union(*(seller_names(c) for c in network["clusters"]))
    # A unique WhatsApp number, one seller reusing its own phone, an official image only.
    for seller in ("solo_timepieces", "mayfair_watches", "dive_time_store", "luxury_closet",
                   "relojes_top", "techhouse_retail"):  # fmt: skip
        assert seller not in clustered


def test_network_graphml_and_html(labelled: Labelled, tmp_path: Path) -> None:
    graphml = jasper("network", *labelled.args(), "--format", "graphml")
    assert graphml.returncode == 0, graphml.stderr
    graph = nx.read_graphml(io.BytesIO(graphml.stdout.encode("utf-8")))
    assert graph.number_of_nodes() >= 9
    assert all("label" in data for _, _, data in graph.edges(data=True))
    page = tmp_path / "network.html"
    html = jasper("network", *labelled.args(), "--format", "html", "--output", str(page))
    assert html.returncode == 0, html.stderr
    text = page.read_text(encoding="utf-8")
    assert "<svg" in text and "<line" in text and "data:image/jpeg;base64," in text
    assert "timepiece_hub" in text and "@swisstime_vip" in text and "not proof" in text
    assert "http://" not in text.split("<body>")[0]  # no CDN: the page stands alone
    missing = jasper("network", "--case", "nope", "--workdir", str(labelled.workdir))
    assert missing.returncode != 0 and "no case named" in missing.stderr


def test_reference_add_rejects_non_images(labelled: Labelled, tmp_path: Path) -> None:
    bogus = tmp_path / "not-an-image.png"
    bogus.write_text("hello")
    result = jasper("reference", "add", "rolex", str(bogus), "--workdir", str(labelled.workdir))
    assert result.returncode == 2 and "not a readable image" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(jasper("listings", *labelled.args(), "--format", "json").stdout)


def test_scores_update_when_new_evidence_arrives(labelled: Labelled, tmp_path: Path) -> None:
    """Runs last: a new reference image or a changed case override rescores at once, and each
    score records the version of the signals it used."""
    from crawler.demo.images import render_png
    from evidence.listings import case_listings
    from evidence.models import Case
    from evidence.triage.reference import add_reference
    from evidence.triage.score import latest_scores

    def latest(name: str) -> ListingScore:
        with db.session() as session:
            case = session.scalar(select(Case).where(Case.name == CASE))
            assert case is not None
            listing_id = labelled.by_slug(name)["id"]
            row = latest_scores(session, case.id)[listing_id]
            session.expunge(row)
            return row

    db = Database(default_db_url(labelled.workdir), upgrade=False)
    try:
        before = latest("airpods-max-silver-ep")
        image = tmp_path / "official-airpods-max.png"
        image.write_bytes(render_png("airpods-max-silver-ep-1"))
        added = jasper("reference", "add", "Apple", str(image), "--workdir", str(labelled.workdir))
        assert added.returncode == 0, added.stderr
        assert "rescored" in added.stderr
        # Rescored by the command itself, before anything reads the scores.
        after = latest("airpods-max-silver-ep")
        assert after.id != before.id and after.signals_digest != before.signals_digest
        assert after.score > before.score
        assert any("official apple reference image" in r for r in after.reasons)
        # A reference added behind Jasper's back (no rescore) marks scores stale where shown.
        with db.transaction() as session:
            other = tmp_path / "official-chanel.png"
            other.write_bytes(render_png("chanel-card-holder-1"))
            add_reference(session, labelled.workdir, "chanel", other, "test")
        with db.session() as session:
            case = session.scalar(select(Case).where(Case.name == CASE))
            assert case is not None
            assert all(
                r["score_stale"] for r in case_listings(session, case) if r["score"] is not None
            )
        # A case override: listings rescores before it shows anything.
        override = labelled.workdir / "cases" / CASE / "triage"
        override.mkdir(parents=True, exist_ok=True)
        (override / "piracy.yaml").write_text(
            "languages:\n  en:\n    strong: [spatial audio]\n", encoding="utf-8"
        )
        shown = next(
            r
            for r in jasper_json("listings", *labelled.args(), "--format", "json")
            if slug(r["url"]) == "airpods-max-silver-ep"
        )
        assert shown["score_stale"] is False
        assert any("'spatial audio'" in r for r in shown["concerns"]["piracy"]["reasons"])
        changed = latest("airpods-max-silver-ep")
        assert changed.signals_digest != after.signals_digest
        assert str(override / "piracy.yaml") in changed.inputs["rules"]["sources"]
    finally:
        db.close()
