"""Listing data for the demo marketplace."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

MARKUP_KINDS: Final[tuple[str, ...]] = ("jsonld", "jsonld_graph", "microdata", "opengraph", "js")
DEMO_KEYWORDS: Final[tuple[str, ...]] = (
    "replica rolex",
    "ugg boots",
    "designer handbag",
    "airpods",
)
GENERATED_KEYWORD: Final[str] = "watch"


@dataclass(frozen=True)
class DemoListing:
    """One product listing on the demo marketplace."""

    slug: str
    title: str
    price: Decimal
    currency: str
    seller: str
    description: str
    images: tuple[str, ...]
    markup: str
    removed: bool = False
    details: int = 0  # paragraphs of specifications below the item (tall pages)

    def __post_init__(self) -> None:
        if self.markup not in MARKUP_KINDS:
            raise ValueError(f"unknown markup kind: {self.markup!r}")


# (slug, title, price, currency, seller, description, image count, markup)
# fmt: off
_ROWS: Final[tuple[tuple[str, str, str, str, str, str, int, str], ...]] = (
    ("rolex-submariner-replica-black", "Replica Rolex Submariner Black Dial 41mm - AAA Grade",
     "189.00", "GBP", "luxe_time_uk",
     "Top quality replica Rolex Submariner, automatic movement, sapphire glass. "
     "Fast UK shipping. Message on WhatsApp +44 7700 900123 for bulk prices.", 3, "jsonld"),
    ("rolex-daytona-replica-gold", "Replica Rolex Daytona Gold Chronograph Swiss Movement",
     "249.99", "GBP", "luxe_time_uk",
     "1:1 replica Rolex Daytona in gold tone. Comes with box and papers. "
     "Contact luxetime.sales@example.com.", 2, "jsonld_graph"),
    ("rolex-datejust-replica-36", "Rolex Datejust 36mm Replica Two-Tone Jubilee",
     "159.00", "EUR", "watchmaster88",
     "Replica Rolex Datejust, two-tone jubilee bracelet, date magnifier.", 2, "microdata"),
    ("rolex-gmt-pepsi-replica", "Replica Rolex GMT-Master II Pepsi Bezel Ceramic",
     "215.00", "USD", "watchmaster88",
     "Pepsi bezel replica Rolex GMT, ceramic insert, super clone movement.", 1, "opengraph"),
    ("rolex-yachtmaster-replica", "Replica Rolex Yacht-Master Rose Gold Oysterflex",
     "199.50", "EUR", "geneva_deals",
     "Rose gold replica Rolex Yacht-Master on rubber strap. Telegram @genevadeals.", 2, "js"),
    ("rolex-explorer-replica-ii", "Rolex Explorer II Replica Polar White 42mm",
     "175.00", "GBP", "geneva_deals",
     "Polar dial replica Rolex Explorer II. WhatsApp +44 7700 900456.", 1, "jsonld"),
    ("ugg-classic-short-chestnut", "UGG Classic Short Boots Chestnut - Womens UK 5",
     "49.99", "GBP", "bootbarn_outlet",
     "Genuine look UGG boots, sheepskin lining, chestnut colour. Sizes 3-8 available.",
     2, "jsonld"),
    ("ugg-classic-tall-black", "UGG Classic Tall II Black Sheepskin Boots",
     "59.00", "GBP", "bootbarn_outlet",
     "Tall UGG boots in black, water resistant. Cheap clearance price.", 3, "microdata"),
    ("ugg-mini-bailey-bow", "UGG Mini Bailey Bow Boots Pink Suede",
     "39.95", "EUR", "cheapshoes_eu",
     "Pink suede UGG boots with ribbon bows. Ships from Netherlands.", 1, "opengraph"),
    ("ugg-ultra-mini-platform", "UGG Ultra Mini Platform Boots Sand - Factory Sale",
     "44.00", "USD", "cheapshoes_eu",
     "Platform UGG boots, factory outlet stock, no box.", 2, "js"),
    ("ugg-tasman-slipper", "UGG Tasman Slipper Boots Chestnut Mens",
     "35.00", "GBP", "slipper_king",
     "Tasman style UGG boots slipper, braided collar. WhatsApp +44 7700 900789.",
     1, "jsonld_graph"),
    ("lv-neverfull-mm-monogram", "Designer Handbag LV Neverfull MM Monogram Canvas",
     "120.00", "GBP", "bag_heaven",
     "Mirror quality designer handbag, monogram canvas with pouch. Dust bag included.",
     3, "jsonld"),
    ("gucci-marmont-shoulder", "Gucci GG Marmont Designer Handbag Matelasse Black",
     "135.00", "EUR", "bag_heaven",
     "Matelasse leather designer handbag with antique gold hardware.", 2, "jsonld_graph"),
    ("chanel-classic-flap-caviar", "Chanel Classic Flap Designer Handbag Caviar Leather",
     "210.00", "USD", "parisbags",
     "Designer handbag in caviar leather, 24k gold plated chain. Contact on WeChat: parisbags01.",
     2, "microdata"),
    ("hermes-birkin-30-etoupe", "Hermes Birkin 30 Etoupe Designer Handbag Togo",
     "399.00", "GBP", "parisbags",
     "Hand stitched designer handbag, Togo leather, palladium hardware.", 1, "opengraph"),
    ("prada-galleria-saffiano", "Prada Galleria Saffiano Designer Handbag Medium",
     "145.00", "EUR", "milano_moda",
     "Saffiano leather designer handbag with detachable strap.", 2, "js"),
    ("dior-saddle-oblique", "Dior Saddle Bag Oblique Designer Handbag",
     "165.00", "USD", "milano_moda",
     "Oblique jacquard designer handbag with CD buckle. WhatsApp +39 312 345 6789.", 1, "jsonld"),
    ("airpods-pro-2-magsafe", "AirPods Pro 2nd Generation MagSafe Case - Sealed",
     "39.99", "GBP", "gadget_galaxy",
     "Brand new airpods pro with noise cancelling and MagSafe charging case. Bulk available.",
     2, "jsonld"),
    ("airpods-3rd-gen-bulk", "AirPods 3rd Gen Wireless Earbuds - Wholesale Lot",
     "25.00", "USD", "gadget_galaxy",
     "Wholesale airpods, spatial audio, lightning case. WhatsApp +44 7700 900123.",
     1, "jsonld_graph"),
    ("airpods-max-silver", "AirPods Max Over-Ear Headphones Silver",
     "89.00", "GBP", "techtrader_ltd",
     "AirPods Max style headphones, silver, active noise cancellation.", 3, "microdata"),
    ("airpods-2-charging-case", "AirPods 2 with Charging Case - Original Packaging",
     "19.99", "EUR", "techtrader_ltd",
     "Cheap airpods 2 with charging case in original packaging.", 1, "opengraph"),
    ("airpods-pro-usb-c", "AirPods Pro USB-C Edition 1:1 Copy",
     "29.50", "USD", "ear_deals",
     "USB-C airpods pro copy with working popup and serial number.", 2, "js"),
    ("rolex-oyster-perpetual-replica", "Replica Rolex Oyster Perpetual Tiffany Blue",
     "185.00", "USD", "luxe_time_uk",
     "Tiffany blue dial replica Rolex Oyster Perpetual, 41mm.", 2, "js"),
    ("ysl-loulou-designer-handbag", "YSL Loulou Designer Handbag Quilted Leather",
     "155.00", "GBP", "bag_heaven",
     "Quilted designer handbag with YSL logo, chain strap.", 2, "microdata"),
)
# fmt: on


def default_catalogue() -> list[DemoListing]:
    """Return the fixed demo catalogue (24 listings, all markup kinds)."""
    return [
        DemoListing(
            slug=slug,
            title=title,
            price=Decimal(price),
            currency=currency,
            seller=seller,
            description=description,
            images=tuple(f"{slug}-{i + 1}" for i in range(n_images)),
            markup=markup,
        )
        for slug, title, price, currency, seller, description, n_images, markup in _ROWS
    ]


_BRANDS: Final[tuple[str, ...]] = (
    "Rolex",
    "Omega",
    "Cartier",
    "Tag Heuer",
    "Breitling",
    "Patek Philippe",
    "Audemars Piguet",
    "Hublot",
)
_MODELS: Final[tuple[str, ...]] = (
    "Chronograph",
    "Diver",
    "Pilot",
    "Dress",
    "GMT",
    "Skeleton",
    "Moonphase",
    "Sport",
)
_COLOURS: Final[tuple[str, ...]] = (
    "Black",
    "Blue",
    "Green",
    "Silver",
    "Gold",
    "White",
    "Rose Gold",
)
_CURRENCIES: Final[tuple[str, ...]] = ("GBP", "EUR", "USD")


_CROSS_SELL: Final[tuple[str, ...]] = (
    "",
    " Gift bundle with UGG boots available on request.",
    " Shipped in a designer handbag style dust pouch.",
    " Free AirPods case with every order.",
)


def generated_catalogue(
    n: int, seed: int = 0, *, images: int = 0, details: int = 0
) -> list[DemoListing]:
    """Deterministically generate ``n`` listings, all findable by keyword "watch".

    Every fourth listing is also a match for each of the default keywords
    ("replica rolex", "ugg boots", "designer handbag", "airpods"). ``images`` fixes the
    number of pictures per listing (0: one to three); ``details`` adds that many paragraphs
    of specifications, for tall pages.
    """
    rng = random.Random(seed)
    sellers = [f"watch_seller_{i:02d}" for i in range(max(1, n // 6))]
    listings: list[DemoListing] = []
    for i in range(n):
        kind = i % 4
        brand = "Rolex" if kind == 0 else rng.choice(_BRANDS)
        model = rng.choice(_MODELS)
        colour = rng.choice(_COLOURS)
        size = rng.choice((36, 38, 40, 41, 42, 44))
        prefix = "Replica " if kind == 0 or rng.random() < 0.3 else ""
        title = f"{prefix}{brand} {model} Watch {colour} Dial {size}mm #{i + 1}"
        slug = f"watch-{i + 1:04d}-{brand.lower().replace(' ', '-')}-{model.lower()}"
        price = Decimal(rng.randrange(1500, 60000)) / Decimal(100)
        contact = (
            f" WhatsApp +44 7700 9{rng.randrange(0, 100000):05d}." if rng.random() < 0.2 else ""
        )
        movement = "automatic" if rng.random() < 0.6 else "quartz"
        description = (
            f"{colour} dial {brand} {model.lower()} watch, {size}mm case, {movement} movement."
            f"{_CROSS_SELL[kind]}{contact}"
        )
        listings.append(
            DemoListing(
                slug=slug,
                title=title,
                price=price.quantize(Decimal("0.01")),
                currency=rng.choice(_CURRENCIES),
                seller=rng.choice(sellers),
                description=description,
                images=tuple(f"{slug}-{k + 1}" for k in range(images or rng.randint(1, 3))),
                markup=MARKUP_KINDS[i % len(MARKUP_KINDS)],
                details=details,
            )
        )
    return listings
