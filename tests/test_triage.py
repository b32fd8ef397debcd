"""Triage building blocks: contacts, concern vocabulary, prices, images, scores, evaluation."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from crawler.demo.images import render_png
from evidence.triage.contacts import ContactRules, extract_contacts
from evidence.triage.corpus import ListingFacts, SellerKey, build_corpus, listing_contacts
from evidence.triage.evaluation import evaluate, roc_auc
from evidence.triage.images import compare, find_matches, hash_image, near_pairs
from evidence.triage.rules import RulesError, load_rules
from evidence.triage.score import combine, combine_concerns, score_all
from evidence.triage.signals import ListingText, concern_terms, price_vs_reference, text_signals

pytestmark = pytest.mark.fast

RULES = load_rules()
PUBLIC = RULES.contact_rules


def listing(title: str, description: str = "", price: str | None = None, currency: str = "GBP",
            seller: str = "someone") -> ListingText:  # fmt: skip
    return ListingText(title, description, seller, Decimal(price) if price else None, currency)


def contacts(text: str, region: str = "GB", hints: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    rules = replace(PUBLIC, region=region)
    return [(c.kind, c.value) for c in extract_contacts(text, rules, hints)]


# --- contacts: phones -----------------------------------------------------------------------


def test_phones_are_e164_and_messengers_are_named() -> None:
    found = contacts("WhatsApp +44 7400 123456, or call 07400 654321 / 0044 7911 123457")
    assert ("whatsapp", "+447400123456") in found
    assert ("phone", "+447400654321") in found
    assert ("phone", "+447911123457") in found
    assert contacts("wa.me/447400123456") == [("whatsapp", "+447400123456")]


@pytest.mark.parametrize(
    "text",
    [
        "WhatsApp 07700900461.",
        "Call +44 (0)7700-900461 now",
        "Questions: 0044 7700 900 461",
        "Message 07700.900.461 any time",
        "Tel 07700 900 461",
    ],
)
def test_possible_but_not_valid_numbers_are_kept_and_flagged(text: str) -> None:
    """UK drama numbers are possible, not allocated: kept, in E.164, with valid false."""
    (found,) = extract_contacts(text, ContactRules())
    assert found.value == "+447700900461" and found.valid is False
    assert found.as_json() == {"kind": found.kind, "value": "+447700900461", "valid": False,
                               "public": False}  # fmt: skip


def test_valid_numbers_say_so_and_regions_come_from_hints() -> None:
    (found,) = extract_contacts("Call 07911 200341 after 6pm", ContactRules())
    assert found.valid is True
    # A national number valid in the default region's place only when hinted (its currency).
    assert contacts("Appelez le 06 12 34 56 78", region="FR") == [("phone", "+33612345678")]
    assert contacts("Tel. 512 345 678", hints=("PL",)) == [("phone", "+48512345678")]
    assert contacts("Contact +33 6 39 98 12 35") == [("phone", "+33639981235")]


@pytest.mark.parametrize(
    "text",
    [
        "Price £1299.00, was £1,499.99, now 1 299,00 €",
        "Purchased 12/03/2023, guarantee dated 2024-03-15, delivered 15.03.2024, 02.05.2024",
        "SKU 4006381333931, EAN 5012345678900",
        "Order no. 112-4567890-1234567, order #07400123456",
        "Item 07911123456, ref 07911 123456, serial 7911123456, model 07911123456",
        "Tracking number 07911 123456, invoice 07400 654321",
        "Reference 124300-0005, 41mm, 300m water resistant, 2 year warranty",
        "2024 edition, sizes 36-46, 100-240V, 50000mAh, Saturday 09:30-12:00",
        "LEGO set 43238, PZN 01016070, batch no. 2320451, Batch 23081507",
        "VAT invoice, company no. 08123456, VAT GB 123 4567 89, GPhC no. 9011234",
        "Version 24.0.47.0, console serial SCPH-90003, Wi-Fi 802.11ac, model S905X3",
        "Pedido original n.º 4500123456, 订单号 202403150001234, ISBN 978-88-08-12345-6",
        "Order no. 7700900461 from my old account; Ref 0770 0900 461 on the receipt",
        "Royal Mail tracking JD014600003828419872, Evri H00AB1234567890",
        "IMEI 356938035643809, article number 002.638.50, 80x28x202 cm",
    ],
)
def test_prices_dates_skus_and_order_numbers_are_not_phones(text: str) -> None:
    assert [k for k, _ in contacts(text) if k in ("phone", "whatsapp", "signal")] == []


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("Kontakt: 0176 12345678, Versand mit DHL und sehr schnell", "EUR", ["+4917612345678"]),
        ("Llama al 612 345 678 para más información y envío", "EUR", ["+34612345678"]),
        ("电话：13800138000", "CNY", ["+8613800138000"]),
        ("Rolex Explorer 36 124270 gebraucht, sehr guter Zustand, Box und Papiere", "EUR", []),
        ("Call 07700 900461 for the box and the cables", "GBP", ["+447700900461"]),
    ],
)
def test_national_numbers_of_other_countries(text: str, currency: str, expected: list[str]) -> None:
    """Read in the region of the listing's currency or language when only valid there."""
    found = listing_contacts(ListingText(text, "", "s", Decimal(1), currency), RULES)
    assert [c.value for c in found] == expected


def test_messenger_named_after_the_number_or_in_another_script() -> None:
    assert contacts("Message 07700.900.118 on WhatsApp.") == [("whatsapp", "+447700900118")]
    assert contacts("للتواصل واتساب \u200e+966 50 123 4567") == [("whatsapp", "+966501234567")]
    assert contacts("Signal +44 7700 900 733") == [("signal", "+447700900733")]
    assert contacts("wa.me/2348031234567") == [("whatsapp", "+2348031234567")]
    # A messenger named before one number does not name the next one.
    found = contacts("WhatsApp 07400 123456. Shop landline 020 7946 0958")
    assert ("phone", "+442079460958") in found


# --- contacts: handles, payments, shops, e-mails ---------------------------------------------


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


def test_handles_have_boundaries_and_need_a_name() -> None:
    assert contacts("Pay revolut.me/SophieLux") == [("revolut", "revolut.me/sophielux")]
    found = contacts("Our Telegram channel t.me/boxkingtv. Telegram group: link in bio")
    assert found == [("telegram", "@boxkingtv")]
    assert contacts("加V：gz_bags_888") == [("wechat", "@gz_bags_888")]
    assert contacts("VX: ptxie2024") == [("wechat", "@ptxie2024")]
    assert contacts("微信：tvhezi888") == [("wechat", "@tvhezi888")]
    assert contacts("للتواصل: تيليجرام @sahha_uk") == [("telegram", "@sahha_uk")]
    assert contacts("WeChat accepted, Telegram too") == []
    assert contacts("WeChat: audiohub88. MOQ 10 pcs.") == [("wechat", "@audiohub88")]


def test_payments_keep_their_exact_form() -> None:
    usdt = "TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE"
    assert contacts(f"Pay USDT (TRC20) {usdt}") == [("usdt", usdt)]  # base58: case matters
    assert contacts("Pay by PayPal friends and family: paypal.me/FredLoads.") == [
        ("paypal", "paypal.me/fredloads")
    ]
    assert contacts("PayPal (friends & family only): Sophie.Lux@gmail.com") == [
        ("paypal", "sophie.lux@gmail.com")
    ]
    assert contacts("Prices in $USD, Cash App $solecity") == [("cashapp", "$solecity")]
    assert contacts("IBAN GB82 WEST 1234 5698 7654 32") == [("iban", "GB82WEST12345698765432")]
    assert contacts("IBAN GB82 WEST 1234 5698 7654 33") == []  # bad check digits


def test_shop_urls_and_domains() -> None:
    found = contacts(
        "Order on https://www.Boxking-TV.shop/h96 or visit GlowFairSkin.com, www.keys4less.store. "
        "Run setup.exe; bought on amazon.co.uk; e-mail sales@heritagewatches.co.uk"
    )
    assert ("url", "https://boxking-tv.shop/h96") in found
    assert ("domain", "glowfairskin.com") in found
    assert ("domain", "keys4less.store") in found
    assert ("email", "sales@heritagewatches.co.uk") in found
    assert not any(v in ("setup.exe", "amazon.co.uk", "heritagewatches.co.uk") for _, v in found)
    (url,) = extract_contacts("https://shop.megatv-pro.net/it/ordine", ContactRules())
    assert url.link_key == "megatv-pro.net"


def test_public_numbers_are_marked() -> None:
    found = extract_contacts(
        "Citizens Advice consumer helpline 0808 223 1133. Our shop: 020 7946 0958",
        RULES.contact_rules,
    )
    public = {c.value: c.public for c in found}
    assert public == {"+448082231133": True, "+442079460958": False}
    (listed,) = extract_contacts("Call 0300 123 2040", RULES.contact_rules)
    assert listed.public  # Action Fraud, listed in triage.yaml


# --- concern vocabulary ----------------------------------------------------------------------


def terms(title: str, description: str = "", concern: str = "counterfeit",
          currency: str = "GBP") -> set[str]:  # fmt: skip
    found = concern_terms(listing(title, description, currency=currency),
                          RULES.concerns[concern])  # fmt: skip
    return {s.evidence.get("term", "").casefold() for s in found} | {
        s.reason.split(":")[0] for s in found if "term" not in s.evidence
    }


def test_counterfeit_vocabulary_in_several_languages() -> None:
    assert {"replica", "1:1"} <= terms("Replica watch 1:1 AAA")
    assert "mirror-quality" in terms("Mirror-quality super clone")
    assert "qualité miroir" in terms("Montre réplique qualité miroir")
    assert "réplica" in terms("Reloj réplica calidad espejo")
    assert "spiegelqualität" in terms("Uhr Replik in Spiegelqualität")
    assert "高仿" in terms("劳力士 高仿")
    assert "podróbka" in terms("Buty UGG - podróbka wysokiej jakości")
    assert "ماستر كوبي" in terms("ساعة رولكس ماستر كوبي")


def test_negation_in_the_clause_in_chinese_and_arabic() -> None:
    assert terms("Authentic Rolex, not a replica, no fakes") == set()
    assert terms("Keine Replik, box and papers") == set()
    assert terms("Copy of the receipt included, AAA batteries") == set()
    assert terms("官方授权经销商，不是高仿") == set()
    assert terms("ساعة أصلية، ليست تقليد") == set()
    assert terms("Nie podróbka, oryginalna") == set()
    # "never" four words back, same clause; a comma ends a negation's reach.
    assert terms("We never sell prescription medicines without a prescription", "",
                 "unsafe") == set()  # fmt: skip
    assert "ftalatos" in terms("Sin marcado CE, sin certificado, ftalatos no analizados", "",
                               "unsafe")  # fmt: skip
    assert terms("Sans hydroquinone, sans mercure", "", "unsafe") == set()
    assert terms("واقي شمس خالٍ من الهيدروكينون والزئبق", "", "unsafe") == set()


def test_piracy_vocabulary_combinations_and_patterns() -> None:
    found = terms("Android TV Box 4K - Free sports and movies forever",
                  "No subscription. 20,000+ live channels", "piracy")  # fmt: skip
    assert {
        "free sports and movies",
        "offers thousands of TV channels (a pirate IPTV line)",
    } <= found
    assert "pay-TV or streaming service offered free or without its subscription" in terms(
        "Sky Sports and DAZN for free", "", "piracy"
    )
    assert "cracked software" in terms("Photoshop cracked, works forever", "", "piracy")
    assert terms("iPhone 12, cracked screen", "", "piracy") == set()
    # Honest claims stop weak terms: a Freeview box really has no subscription.
    assert terms("Freeview recorder, no subscription", "Freeview is free-to-air",
                 "piracy") == set()  # fmt: skip


def test_unsafe_plugs_count_in_the_market_they_break() -> None:
    (plug,) = concern_terms(listing("Hair straightener - EU plug"), RULES.concerns["unsafe"])
    assert plug.reason == "'EU plug' on an item sold into GB (priced in GBP)"
    assert terms("Wasserkocher mit EU-Stecker", "", "unsafe", "EUR") == set()
    assert terms("EU to UK travel adaptor, fused", "For your EU-plug devices", "unsafe") == set()
    assert "prescription-only medicine offered without a prescription" in terms(
        "Tramadol 50 mg - bez recepty", "", "unsafe", "PLN"
    )
    assert terms("Ibuprom 200 mg", "Lek bez recepty (OTC)", "unsafe", "PLN") == set()


# --- brands and prices -----------------------------------------------------------------------


def test_price_far_under_reference() -> None:
    (signal,) = price_vs_reference(listing("Rolex Submariner Date", price="189"), RULES)
    assert signal.evidence["brand"] == "rolex" and signal.evidence["product_type"] == "watch"
    assert signal.strength == 1.0 and "3%" in signal.reason and signal.concern == "counterfeit"
    (signal,) = price_vs_reference(listing("Neverfull MM tote", price="120", currency="EUR"), RULES)
    assert signal.evidence["brand"] == "louis vuitton"
    (signal,) = price_vs_reference(listing("AirPods Max Silver", price="89"), RULES)
    assert signal.evidence["product_type"] == "headphones"
    # A licence far under its price is piracy, not brand misuse.
    (signal,) = price_vs_reference(listing("Windows 11 Pro key", price="4.99"), RULES)
    assert signal.concern == "piracy"


@pytest.mark.parametrize(
    ("title", "price", "description"),
    [
        ("Rolex Submariner Date Full Set", "11950", ""),
        ("Pre-owned Omega Seamaster 1968", "1450", ""),  # used: the reference drops
        ("Vintage Omega Seamaster 1970s", "900", ""),  # vintage: more so
        ("Silicone Case for AirPods Pro 2", "9.99", ""),  # an accessory for the brand
        ("iPhone 12 silicone case", "4.99", ""),  # an accessory of the brand
        ("Vintage Rolex advert print", "45", ""),  # about the brand, not its product
        ("Plain steel diver watch", "45", ""),  # no brand at all
        ("Apple 20W USB-C Power Adapter (UK plug)", "19", ""),  # priced as a charger
        ("Roku Express HD", "29.99", "Stream Netflix and Apple TV+"),  # brand only in passing
    ],
)
def test_honest_prices_are_not_flagged(title: str, price: str, description: str) -> None:
    assert price_vs_reference(listing(title, description, price=price), RULES) == []


def test_a_counterfeit_safety_critical_product_is_unsafe_too() -> None:
    signals = text_signals(listing("Apple 20W USB-C power adapter - original", "bulk packed",
                                   price="4.99"), RULES)  # fmt: skip
    assert {s.concern for s in signals if s.name == "unsafe_counterfeit"} == {"unsafe"}


def test_case_overrides_the_shipped_rules(tmp_path: Path) -> None:
    folder = tmp_path / "cases" / "acme" / "triage"
    folder.mkdir(parents=True)
    (folder / "piracy.yaml").write_text(
        "languages:\n  en:\n    strong: [acme-loaded]\n", encoding="utf-8"
    )
    rules = load_rules(tmp_path, "acme")
    assert rules.digest != RULES.digest
    assert str(folder / "piracy.yaml") in rules.sources
    assert concern_terms(listing("ACME-loaded box"), rules.concerns["piracy"])
    assert not concern_terms(listing("ACME-loaded box"), RULES.concerns["piracy"])
    assert load_rules(tmp_path, "other").digest == RULES.digest
    (folder / "unsafe.yaml").write_text("combinations: [{reason: x, all: [[a]]}]\n")
    with pytest.raises(RulesError, match=r"unsafe\.yaml"):
        load_rules(tmp_path, "acme")
    (folder / "unsafe.yaml").write_text("patterns: [{pattern: '(', reason: x}]\n")
    with pytest.raises(RulesError, match=r"unsafe\.yaml patterns"):
        load_rules(tmp_path, "acme")


# --- scores ----------------------------------------------------------------------------------


def test_combine_is_a_bounded_noisy_or_with_ordered_reasons() -> None:
    weights = {"a": 0.5, "b": 0.8}
    score, reasons = combine(
        [
            {"name": "a", "concern": "piracy", "strength": 1.0, "reason": "A"},
            {"name": "b", "concern": "piracy", "strength": 0.5, "reason": "B"},
        ],
        weights,
    )
    assert score == pytest.approx(1 - 0.5 * 0.6)
    assert reasons == ["A (+0.50)", "B (+0.40)"]
    assert combine([], weights) == (0.0, [])
    many = [{"name": "b", "concern": "unsafe", "strength": 1.0, "reason": str(i)}
            for i in range(30)]  # fmt: skip
    assert 0.99 < combine(many, weights)[0] <= 1.0


def test_concerns_drivers_and_support() -> None:
    weights = {"p": 0.65, "u": 0.25, "contact": 0.35, "ref": 0.3}
    signals = [
        {"name": "p", "concern": "piracy", "strength": 1.0, "reason": "pirate"},
        {"name": "u", "concern": "unsafe", "strength": 1.0, "reason": "plug"},
        {"name": "contact", "concern": None, "role": "support", "strength": 1.0, "reason": "wa"},
        {"name": "ref", "concern": "counterfeit", "role": "support", "strength": 1.0,
         "reason": "official image"},
    ]  # fmt: skip
    result = combine_concerns(signals, weights)
    assert result.concern == "piracy"
    assert result.score == result.concerns["piracy"]["score"] == pytest.approx(1 - 0.35 * 0.65)
    assert result.concerns["unsafe"]["reasons"] == ["wa (+0.35)", "plug (+0.25)"]
    # Support alone raises no concern: an official image on an honest listing counts for nothing.
    assert result.concerns["counterfeit"] == {"score": 0.0, "reasons": []}
    assert result.reasons == ["pirate (+0.65)", "wa (+0.35)", "plug (+0.25)"]
    neutral = combine_concerns(signals[2:], weights)
    assert (neutral.concern, neutral.score, neutral.reasons) == (None, 0.35, ["wa (+0.35)"])


def _facts(n: int, site: str, seller: str, text: ListingText,
           images: tuple[str, ...] = ()) -> ListingFacts:  # fmt: skip
    owner = f"listing:{n}"
    hashes = [hash_image(render_png(i), owner) for i in images]
    return ListingFacts(n, f"http://{site}/item/{n}", n, SellerKey(site, seller), text,
                        listing_contacts(text, RULES), hashes)  # fmt: skip


def test_shared_contacts_link_across_sites_and_carry_a_concern() -> None:
    pirate = listing("Firestick fully loaded", "WhatsApp 07700900461", price="40")
    quiet = listing("Smart box", "Ask on WhatsApp +44 7700 900461", price="40")
    helpline = listing("Fairy lights UK plug", "Citizens Advice consumer helpline 0808 223 1133")
    helpline2 = listing("Travel adaptor", "Citizens Advice helpline: 0808 223 1133")
    official = listing("Fire TV Stick 4K sealed", "", price="59.99")
    official2 = listing("Fire TV Stick 4K new", "", price="55")
    facts = {
        1: _facts(1, "a.example", "boxking", pirate),
        2: _facts(2, "b.example", "tvbox", quiet),
        3: _facts(3, "a.example", "lights", helpline),
        4: _facts(4, "b.example", "travel", helpline2),
        5: _facts(5, "a.example", "tech", official, ("official-fire",)),
        6: _facts(6, "b.example", "gadgets", official2, ("official-fire",)),
    }
    references = {"reference:1": ("amazon", hash_image(render_png("official-fire"), "reference:1"))}
    corpus = build_corpus(facts, references, RULES)
    scored = score_all(corpus, RULES)
    assert scored[2].concern == "piracy"  # carried over the shared (only possible) number
    assert any("shares whatsapp +447700900461 with boxking@a.example" in r
               for r in scored[2].reasons)  # fmt: skip
    assert scored[3].score == scored[4].score == 0.0  # a helpline links nobody
    assert scored[5].score == scored[6].score == 0.0  # an official image is not reuse
    from evidence.triage.network import clusters

    found = [{s["id"] for s in c["sellers"]} for c in clusters(corpus, scored)]
    assert found == [{"boxking@a.example", "tvbox@b.example"}]


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
    variants = [
        hash_image(v, f"listing:{n}")
        for n, v in enumerate(
            (
                _reencode(render_png(name), quality=60),
                _reencode(render_png(name), scale=0.5),
                _reencode(render_png(name), scale=0.75, quality=50),
                _reencode(render_png(name), crop=6),
                _reencode(render_png(name), brighten=1.1),
            ),
            start=2,
        )
    ]
    for variant in variants:
        match = compare(original, variant, thresholds)
        assert match is not None and match.kind == "near"
    # The index finds the same pairs as comparing them all.
    found = {(m.a.owner, m.b.owner) for m in find_matches([original, *variants], thresholds)}
    assert {("listing:1", v.owner) for v in variants} <= {tuple(sorted(p)) for p in found}


def test_different_products_do_not_match() -> None:
    thresholds = RULES.image_thresholds
    names = [f"product-{i}" for i in range(40)]
    hashes = [hash_image(render_png(n), f"listing:{i}") for i, n in enumerate(names)]
    for i, a in enumerate(hashes):
        for b in hashes[i + 1 :]:
            assert compare(a, b, thresholds) is None
    assert list(find_matches(hashes, thresholds)) == []
    with pytest.raises(ValueError, match="not a readable image"):
        hash_image(b"<svg/>", "x")


def test_multi_index_finds_exactly_the_pairs_within_both_thresholds() -> None:
    rng = np.random.default_rng(3)
    n = 2000
    ph = rng.integers(0, 2**63, n, dtype=np.uint64) << np.uint64(1)
    dh = rng.integers(0, 2**63, n, dtype=np.uint64) << np.uint64(1)
    for k in range(0, n - 1, 7):  # edited copies: 0 to 12 bits flipped in each hash
        for arr in (ph, dh):
            flips = rng.choice(64, int(rng.integers(0, 13)), replace=False)
            arr[k + 1] = arr[k] ^ np.uint64(sum(1 << int(f) for f in flips))
    got = {(a, b, p, d) for a, b, p, d in near_pairs(ph, dh, (10, 10))}
    p_all = np.bitwise_count(ph[:, None] ^ ph[None, :])
    d_all = np.bitwise_count(dh[:, None] ^ dh[None, :])
    want = {
        (int(a), int(b), int(p_all[a, b]), int(d_all[a, b]))
        for a, b in np.argwhere((p_all <= 10) & (d_all <= 10))
        if a < b
    }
    assert got == want and len(want) > 100


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
    rows = triage_rows(
        {"score": 0.9, "concern": "piracy", "score_stale": True,
         "concerns": {"counterfeit": {"score": 0.0, "reasons": []},
                      "piracy": {"score": 0.9, "reasons": []},
                      "unsafe": {"score": 0.25, "reasons": []}},
         "contacts": [{"kind": "whatsapp", "value": "+447700900461", "valid": False}]}
    )  # fmt: skip
    assert rows[0] == ("Suspicion score (triage)", "0.90 (piracy)")
    assert rows[1][0] == "Score status" and "stale" in str(rows[1][1])
    assert ("Scores by concern", "counterfeit 0.00, piracy 0.90, unsafe 0.25") in rows
    assert ("Contact (whatsapp)",
            "+447700900461 (a possible number, not in an allocated range)") in rows  # fmt: skip


def test_scoring_pipeline_is_off_for_bare_crawls() -> None:
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from pipelines.scoring import ScoreListingPipeline
    from settings import default

    jasper = {k: v for k, v in vars(default).items() if k.startswith("JASPER_")}
    crawler = get_crawler(settings_dict=jasper | {"JASPER_EVIDENCE": False})
    with pytest.raises(NotConfigured):
        ScoreListingPipeline.from_crawler(crawler)


def test_term_patterns_match_as_one_alternative_per_term_would() -> None:
    """Terms that share word-edge checks share them in the compiled pattern: every shipped
    term list still finds exactly what one ``head term tail`` alternative per term finds."""
    import random
    import re

    from evidence.triage import rules

    def one_per_term(terms: tuple[str, ...]) -> re.Pattern[str]:
        parts = []
        for term in terms:
            head, tail = rules._edges(term)
            parts.append(head + r"[\s\-]+".join(re.escape(w) for w in term.split()) + tail)
        return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)

    lists = [t for c in RULES.concerns.values() for lang in c.languages.values()
             for t in lang.values() if t]  # fmt: skip
    terms = sorted({t for ts in lists for t in ts})
    rng = random.Random(7)
    glue = [" ", "-", "", "x", "é", "д", "7", ".", "ال", "中"]
    texts = [
        "".join(rng.choice(glue) + (w.upper() if rng.random() < 0.3 else w)
                for w in rng.sample(terms, 4))
        for _ in range(300)
    ]  # fmt: skip
    for ts in lists:
        sorted_terms = tuple(sorted({rules.normalise(t).casefold() for t in ts},
                                    key=lambda t: (-len(t), t)))  # fmt: skip
        grouped, reference = rules.phrase_pattern(ts), one_per_term(sorted_terms)
        for text in texts:
            assert [m.span() for m in grouped.finditer(text)] == [
                m.span() for m in reference.finditer(text)
            ]
