"""Triage building blocks: contacts, vocabulary, prices, images, score combination, evaluation."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image, ImageEnhance

from crawler.demo.images import render_png
from evidence.triage.contacts import extract_contacts
from evidence.triage.evaluation import evaluate, roc_auc
from evidence.triage.images import compare, hash_image
from evidence.triage.rules import load_rules
from evidence.triage.score import combine
from evidence.triage.signals import ListingText, price_vs_reference, text_signals, vocabulary

RULES = load_rules()


def listing(title: str, description: str = "", price: str | None = None, currency: str = "GBP",
            seller: str = "someone") -> ListingText:  # fmt: skip
    return ListingText(title, description, seller, Decimal(price) if price else None, currency)


def contacts(text: str, region: str = "GB") -> list[tuple[str, str]]:
    return [(c.kind, c.value) for c in extract_contacts(text, region)]


# --- contacts -------------------------------------------------------------------------------


def test_phones_are_e164_and_messengers_are_named() -> None:
    found = contacts("WhatsApp +44 7400 123456, or call 07400 654321 / 0044 7911 123457")
    assert ("whatsapp", "+447400123456") in found
    assert ("phone", "+447400654321") in found
    assert ("phone", "+447911123457") in found
    assert contacts("wa.me/447400123456") == [("whatsapp", "+447400123456")]


def test_default_region_is_configurable() -> None:
    assert contacts("Appelez le 06 12 34 56 78", region="FR") == [("phone", "+33612345678")]
    assert contacts("Appelez le 06 12 34 56 78", region="GB") == []


def test_emails_handles_and_payment_handles() -> None:
    found = contacts(
        "Mail Sales.Team@Example.COM or john [at] mail [dot] com. Telegram @GenevaDeals, "
        "t.me/genevadeals, WeChat: parisbags01, pay paypal.me/LuxBags or $luxbags (only $50)."
    )
    assert ("email", "sales.team@example.com") in found
    assert ("email", "john@mail.com") in found
    assert ("telegram", "@genevadeals") in found
    assert ("wechat", "@parisbags01") in found
    assert ("paypal", "paypal.me/luxbags") in found
    assert ("cashapp", "$luxbags") in found
    assert not any(value == "$50" for _, value in found)
    assert len([v for _, v in found if v == "@genevadeals"]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Price £1299.00, was £1,499.99, now 1 299,00 €",
        "Purchased 12/03/2023, guarantee dated 2024-03-15, delivered 15.03.2024",
        "SKU 4006381333931, EAN 5012345678900",
        "Order no. 112-4567890-1234567, order #07400123456",
        "Item 07911123456, ref 07911 123456, serial 7911123456, model 07911123456",
        "Tracking number 07911 123456, invoice 07400 654321",
        "Reference 124300-0005, 41mm, 300m water resistant, 2 year warranty",
    ],
)
def test_prices_dates_skus_and_order_numbers_are_not_phones(text: str) -> None:
    assert [k for k, _ in contacts(text) if k in ("phone", "whatsapp")] == []


# --- vocabulary, wholesale, price --------------------------------------------------------------


def terms(title: str, description: str = "") -> set[tuple[str, str]]:
    return {
        (s.evidence["term"].casefold(), s.evidence["language"])
        for s in vocabulary(listing(title, description), RULES)
    }


def test_vocabulary_in_several_languages() -> None:
    assert ("replica", "en") in terms("Replica watch 1:1 AAA")
    assert ("1:1", "en") in terms("Replica watch 1:1 AAA")
    assert ("mirror-quality", "en") in terms("Mirror-quality super clone")
    assert ("qualité miroir", "fr") in terms("Montre réplique qualité miroir")
    assert ("réplica", "es") in terms("Reloj réplica calidad espejo")
    assert ("spiegelqualität", "de") in terms("Uhr Replik in Spiegelqualität")
    assert ("高仿", "zh") in terms("劳力士 高仿")
    assert {t for t, _ in terms("OEM earbuds, factory price, grade A, unbranded")} >= {
        "oem", "factory price", "grade a", "unbranded"
    }  # fmt: skip


def test_vocabulary_respects_negation_and_honest_phrases() -> None:
    assert terms("Authentic Rolex, not a replica, no fakes") == set()
    assert terms("Keine Replik, box and papers") == set()
    assert terms("Copy of the receipt included, AAA batteries") == set()
    assert terms("11:10 lifestyle") == set()


def test_wholesale_and_seller_name() -> None:
    names = {
        s.name for s in text_signals(listing("Bags", "MOQ 10 pcs", seller="bag_outlet"), RULES)
    }
    assert {"wholesale", "seller_name"} <= names


def test_price_far_under_reference() -> None:
    (signal,) = price_vs_reference(listing("Rolex Submariner Date", price="189"), RULES)
    assert signal.evidence["brand"] == "rolex" and signal.evidence["product_type"] == "watch"
    assert signal.strength == 1.0 and "3%" in signal.reason
    # Product keywords identify the brand; currencies convert; specific types win.
    (signal,) = price_vs_reference(listing("Neverfull MM tote", price="120", currency="EUR"), RULES)
    assert signal.evidence["brand"] == "louis vuitton"
    (signal,) = price_vs_reference(listing("AirPods Max Silver", price="89"), RULES)
    assert signal.evidence["product_type"] == "headphones"


@pytest.mark.parametrize(
    ("title", "price"),
    [
        ("Rolex Submariner Date Full Set", "11950"),
        ("Pre-owned Omega Seamaster 1968", "1450"),  # used: the reference drops
        ("Silicone Case for AirPods Pro 2", "9.99"),  # an accessory for the brand
        ("Vintage Rolex advert print", "45"),  # about the brand, not its product
        ("Plain steel diver watch", "45"),  # no brand at all
    ],
)
def test_honest_prices_are_not_flagged(title: str, price: str) -> None:
    assert price_vs_reference(listing(title, price=price), RULES) == []


def test_case_overrides_the_shipped_rules(tmp_path: Path) -> None:
    folder = tmp_path / "cases" / "acme" / "triage"
    folder.mkdir(parents=True)
    (folder / "vocabulary.yaml").write_text(
        "languages:\n  en:\n    strong: [acme-grade]\n", encoding="utf-8"
    )
    rules = load_rules(tmp_path, "acme")
    assert rules.digest != RULES.digest
    assert str(folder / "vocabulary.yaml") in rules.sources
    assert vocabulary(listing("ACME-grade bag"), rules)
    assert not vocabulary(listing("ACME-grade bag"), RULES)
    assert load_rules(tmp_path, "other").digest == RULES.digest


# --- score -----------------------------------------------------------------------------------


def test_combine_is_a_bounded_noisy_or_with_ordered_reasons() -> None:
    weights = {"a": 0.5, "b": 0.8}
    score, reasons = combine(
        [
            {"name": "a", "strength": 1.0, "reason": "A"},
            {"name": "b", "strength": 0.5, "reason": "B"},
        ],
        weights,
    )
    assert score == pytest.approx(1 - 0.5 * 0.6)
    assert reasons == ["A (+0.50)", "B (+0.40)"]
    assert combine([], weights) == (0.0, [])
    many = [{"name": "b", "strength": 1.0, "reason": str(i)} for i in range(30)]
    assert 0.99 < combine(many, weights)[0] <= 1.0


# --- images ----------------------------------------------------------------------------------


def _reencode(data: bytes, *, scale: float = 1.0, quality: int = 70, crop: int = 0,
              brighten: float = 1.0) -> bytes:  # fmt: skip
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        if crop:
            img = img.crop((crop, crop, img.width - crop, img.height - crop))
        if scale != 1.0:
            img = img.resize((int(img.width * scale), int(img.height * scale)))
        img = ImageEnhance.Brightness(img).enhance(brighten)
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality)
        return out.getvalue()


@pytest.mark.parametrize("name", ["rolex-submariner-replica-black-1", "ugg-classic-tall-black-2",
                                  "airpods-pro-2-magsafe-1"])  # fmt: skip
def test_near_match_survives_reencoding_resizing_and_small_edits(name: str) -> None:
    thresholds = RULES.image_thresholds
    original = hash_image(render_png(name), "listing:1")
    assert compare(original, hash_image(render_png(name), "listing:2"), thresholds).kind == "exact"  # type: ignore[union-attr]
    for variant in (
        _reencode(render_png(name), quality=60),
        _reencode(render_png(name), scale=0.5),
        _reencode(render_png(name), scale=0.75, quality=50),
        _reencode(render_png(name), crop=6),
        _reencode(render_png(name), brighten=1.1),
    ):
        match = compare(original, hash_image(variant, "listing:2"), thresholds)
        assert match is not None and match.kind == "near"


def test_different_products_do_not_match() -> None:
    thresholds = RULES.image_thresholds
    names = [f"product-{i}" for i in range(40)]
    hashes = [hash_image(render_png(n), f"listing:{i}") for i, n in enumerate(names)]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1 :]:
            assert compare(a, b, thresholds) is None
    with pytest.raises(ValueError, match="not a readable image"):
        hash_image(b"<svg/>", "x")


# --- evaluation ------------------------------------------------------------------------------


def test_evaluation_metrics() -> None:
    assert roc_auc([0.9, 0.8, 0.1], [True, False, False]) == 1.0
    assert roc_auc([0.5, 0.5], [True, False]) == 0.5
    result = evaluate([(0.9, True), (0.6, False), (0.4, True), (0.1, False)], threshold=0.5)
    assert (result.precision, result.recall) == (0.5, 0.5)
    assert result.roc_auc == 0.75


def test_report_rows_say_triage_not_proof() -> None:
    from evidence.triage.report import triage_rows

    rows = triage_rows(
        {"score": 0.87, "reasons": ["a (+0.70)"], "contacts": [{"kind": "phone", "value": "+1"}]}
    )
    assert rows[0] == ("Suspicion score (triage)", "0.87")
    assert ("Reason", "a (+0.70)") in rows and ("Contact (phone)", "+1") in rows
    assert "not proof" in str(rows[-1][1])
    assert triage_rows({"score": None})[0][1] == "not scored"


def test_scoring_pipeline_is_off_for_bare_crawls() -> None:
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from pipelines.scoring import ScoreListingPipeline
    from settings import default

    jasper = {k: v for k, v in vars(default).items() if k.startswith("JASPER_")}
    crawler = get_crawler(settings_dict=jasper | {"JASPER_EVIDENCE": False})
    with pytest.raises(NotConfigured):
        ScoreListingPipeline.from_crawler(crawler)
