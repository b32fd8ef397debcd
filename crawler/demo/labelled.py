"""A labelled demo catalogue for evaluating triage: counterfeit and genuine listings.

Genuine listings include the hard cases (expensive, used, accessories, heavy brand mentions,
"not a replica"); counterfeit ones include listings that avoid the obvious words. Some
counterfeit sellers share phones, handles, e-mails, payment handles or images, so seller
networks exist; ``REFERENCE_IMAGES`` are the brands' official pictures (one is reused).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from crawler.demo.catalogue import MARKUP_KINDS, DemoListing

LABELLED_KEYWORDS: Final[tuple[str, ...]] = (
    "rolex", "submariner", "omega", "vuitton", "neverfull", "chanel", "airpods", "nike",
    "jordan", "ugg",
)  # fmt: skip
# Brand -> image names of its official product pictures (for ``jasper reference add``).
REFERENCE_IMAGES: Final[dict[str, tuple[str, ...]]] = {
    "rolex": ("official-rolex-submariner",),
    "chanel": ("official-chanel-classic-flap",),
}

# (slug, title, price, currency, seller, description, images (names or a count), counterfeit)
# fmt: off
_ROWS: Final[tuple[tuple[str, str, str, str, str, str, tuple[str, ...] | int, bool], ...]] = (
    # --- counterfeit: watches (one network over a phone and a Telegram handle) ---
    ("replica-rolex-sub-aaa", "Replica Rolex Submariner 41mm AAA Grade", "189.00", "GBP",
     "timepiece_hub", "Top quality automatic movement, ceramic bezel. WhatsApp +44 7400 123456 "
     "for photos and bulk prices.", 2, True),
    ("submariner-date-ceramic", "Submariner Date Black Ceramic 41mm Automatic", "145.00", "GBP",
     "timepiece_hub", "Sapphire crystal, screw-down crown, 300m. Message me on WhatsApp "
     "+44 7400 123456 for more pictures. Ships next day.", 2, True),
    ("rolex-daytona-panda", "Rolex Daytona Panda Dial Chronograph", "260.00", "GBP",
     "classic_watch_co", "Swiss movement, comes with box. Call or text 07400 123456. "
     "Telegram @swisstime_vip", 2, True),
    ("montre-rolex-datejust", "Montre Rolex Datejust 41 bracelet jubilé", "210.00", "EUR",
     "horloge_paris", "Réplique qualité miroir, livraison rapide en France. Telegram: "
     "@swisstime_vip", 1, True),
    ("reloj-rolex-gmt", "Reloj Rolex GMT-Master II Pepsi", "180.00", "EUR", "relojes_top",
     "Réplica AAA con movimiento automático. Envío gratis. WhatsApp +34 612 345 678", 2, True),
    ("submariner-homage-diver", "Rolex Submariner Homage Automatic Diver 40mm", "95.00", "GBP",
     "dive_time_store", "Automatic diver with date, 200m water resistance, steel bracelet.",
     ("official-rolex-submariner", "submariner-homage-diver-2"), True),
    ("rolex-yachtmaster-cn", "劳力士 Rolex Yacht-Master 40 高仿", "1200.00", "CNY",
     "shenzhen_watch_factory", "顶级复刻, 厂家直销. WeChat: szwatch2024", 2, True),
    ("omega-seamaster-blue", "Omega Seamaster 300M Blue Wave Dial", "110.00", "GBP",
     "solo_timepieces", "Co-axial look movement, helium valve. WhatsApp +44 7400 999888",
     2, True),
    # --- counterfeit: bags (shared image, shared e-mail) ---
    ("lv-neverfull-mm", "Louis Vuitton Neverfull MM Monogram Tote", "120.00", "GBP",
     "bag_boutique_22", "Monogram canvas tote with removable pouch, dust bag included.",
     ("lv-neverfull-shot", "lv-neverfull-mm-2"), True),
    ("lv-neverfull-gm-azur", "LV Neverfull GM Damier Azur", "135.00", "EUR", "sac_luxe_fr",
     "Same as original, grade A leather trim. Livraison Europe.",
     ("lv-neverfull-shot", "lv-neverfull-gm-azur-2"), True),
    ("neverfull-monogram-pouch", "Neverfull Monogram Bag with Pouch", "99.00", "GBP",
     "bag_boutique_22", "Factory direct, wholesale welcome. Fast tracked delivery.", 2, True),
    ("chanel-flap-caviar", "Chanel Classic Flap Bag Caviar Gold Hardware", "230.00", "GBP",
     "bella_borse", "Quilted caviar leather, gold chain. Email orders.bellaborse@gmail.com, "
     "PayPal accepted.", 2, True),
    ("chanel-boy-lambskin", "Chanel Boy Bag Quilted Lambskin", "260.00", "EUR", "sac_luxe_fr",
     "Lambskin, ruthenium hardware. Contact: Orders.BellaBorse@gmail.com", 1, True),
    # --- counterfeit: earbuds (shared WeChat and payment handle) ---
    ("airpods-pro-magsafe", "AirPods Pro 2nd Gen with MagSafe", "35.00", "GBP", "sound_deals",
     "Sealed box, noise cancelling works. Bulk discounts for resellers. WeChat: audiohub88",
     2, True),
    ("airpods-pro-anc", "AirPods Pro 2 Best Quality ANC", "29.00", "USD", "earbud_planet",
     "Pay via paypal.me/audiohub, WeChat: audiohub88. MOQ 10 pcs.", 1, True),
    ("airpods-max-silver-ep", "AirPods Max Silver", "89.00", "GBP", "earbud_planet",
     "Over-ear, spatial audio, smart case. paypal.me/audiohub", 2, True),
    # --- counterfeit: sneakers and boots ---
    ("jordan-1-chicago-tb", "Air Jordan 1 Retro High Chicago", "65.00", "GBP", "kicks_vault",
     "Top batch, all sizes UK 6-11. DM on Telegram @kicksvault_tg", 2, True),
    ("nike-dunk-panda-reps", "Nike Dunk Low Panda UK 6-11", "45.00", "GBP", "sole_city",
     "1:1 quality. Order on tg @kicksvault_tg", 1, True),
    ("jordan-4-military", "Jordan 4 Retro Military Black", "55.00", "GBP", "sole_city",
     "Shipped from our factory, no box. All sizes.", 2, True),
    ("ugg-classic-tall-sale", "UGG Classic Tall Boots Chestnut Sale", "39.99", "GBP",
     "bootsdirect_outlet", "Clearance stock, dropshipping available.", 2, True),
    ("ugg-tasman-cheap", "UGG Tasman Slippers Mustard Seed", "25.00", "GBP",
     "bootsdirect_outlet", "Email sales [at] bootsdirect [dot] shop for sizes.", 1, True),
    ("ugg-ultra-mini-insp", "Ugg Ultra Mini Platform Boots", "29.00", "GBP", "cozy_feet",
     "Inspired design, warm lining, sizes 3-8.", 1, True),
    # --- genuine ---
    ("rolex-sub-fullset", "Rolex Submariner Date 126610LN Full Set 2023", "11950.00", "GBP",
     "mayfair_watches", "Authentic Rolex Submariner, not a replica. Purchased 12/03/2023 from a "
     "Rolex authorised dealer, order no. 112-4567890-1234567. Rolex warranty card, Rolex box "
     "and papers. Call our showroom on 020 7946 0958.", 3, False),
    ("rolex-datejust-preowned", "Pre-owned Rolex Datejust 36 Steel", "5200.00", "GBP",
     "mayfair_watches", "Pre-owned Rolex Datejust, serviced by Rolex in 2022. Serial "
     "7911123456 on the papers. Showroom 020 7946 0958.", 2, False),
    ("rolex-op41-green", "Rolex Oyster Perpetual 41 Green Unworn", "9400.00", "GBP",
     "watchfinder_uk", "Brand new Rolex Oyster Perpetual 41, Rolex green dial, Rolex "
     "guarantee dated 2024-03-15. Rolex reference 124300. SKU 4006381333931.", 3, False),
    ("omega-speedy-pro", "Omega Speedmaster Moonwatch Professional", "6100.00", "GBP",
     "horology_house", "Genuine Omega Speedmaster with Omega box and certificate. No fakes, "
     "no copies: every watch checked by our watchmaker.", 2, False),
    ("omega-seamaster-1968", "Vintage Omega Seamaster 1968 Automatic", "1450.00", "GBP",
     "horology_house", "Vintage Omega Seamaster, cal. 565, recently serviced. Some wear to "
     "the case consistent with age.", 2, False),
    ("rolex-explorer-used", "Rolex Explorer 36 124270 Used", "5400.00", "EUR",
     "uhren_berlin", "Gebraucht, sehr guter Zustand, Box und Papiere. Keine Replik.", 2, False),
    ("watch-winder-rolex", "Watch winder for Rolex and Omega automatic watches", "79.00",
     "GBP", "winder_works", "Quiet motor, 4 rotation modes, fits all automatic watches.",
     1, False),
    ("rolex-advert-print", "Vintage Rolex advert print 1970s framed", "45.00", "GBP",
     "paper_memories", "Original magazine advertisement, framed, 30x40cm.", 1, False),
    ("lv-neverfull-preloved", "Louis Vuitton Neverfull MM Monogram Preloved", "950.00",
     "GBP", "the_closet_london", "Pre-owned Louis Vuitton Neverfull, date code AR4128, light "
     "wear to the handles, copy of the receipt included.", 3, False),
    ("lv-zippy-wallet", "Louis Vuitton Zippy Wallet Damier Ebene", "480.00", "GBP",
     "the_closet_london", "Louis Vuitton zippy wallet, barely used, with box.", 2, False),
    ("chanel-flap-medium", "Chanel Classic Flap Medium Caviar Black", "8900.00", "GBP",
     "luxury_closet", "Chanel classic flap, Chanel authenticity card and dust bag. Chanel "
     "receipt available.", ("official-chanel-classic-flap", "chanel-flap-medium-2"), False),
    ("chanel-card-holder", "Chanel Card Holder Grained Calfskin", "420.00", "GBP",
     "luxury_closet", "Chanel card holder in grained calfskin, new with tags.", 1, False),
    ("airpods-pro-usbc-new", "Apple AirPods Pro (2nd generation) USB-C", "229.00", "GBP",
     "techhouse_retail", "Apple authorised reseller. AirPods Pro with USB-C case, UK stock, "
     "invoice with VAT.", 2, False),
    ("airpods-pro-used", "AirPods Pro 2 Used Good Condition", "110.00", "GBP",
     "jane_sells", "Used for six months, works perfectly, original box and cable.", 1, False),
    ("airpods-case-navy", "Silicone Case for AirPods Pro 2 Navy", "9.99", "GBP",
     "case_corner", "Not made by Apple. Compatible with AirPods Pro 2, precise cut-outs.",
     1, False),
    ("airpods-max-grey", "Apple AirPods Max Space Grey Boxed", "449.00", "GBP",
     "techhouse_retail", "Apple AirPods Max, sealed, one year Apple warranty.", 2, False),
    ("jordan-1-lost-found", "Nike Air Jordan 1 Retro High OG Chicago Lost and Found", "320.00",
     "GBP", "sneaker_exchange", "100% authentic, bought on Nike SNKRS, order #C01234567890. "
     "Deadstock.", 2, False),
    ("nike-dunk-panda-worn", "Nike Dunk Low Panda UK 9 Worn Twice", "75.00", "GBP",
     "sneaker_exchange", "Worn twice, no creases, original box.", 1, False),
    ("nike-laces-af1", "Replacement laces for Nike Air Force 1", "6.50", "GBP", "lace_lab",
     "Flat laces, 120cm, white. Compatible with Nike trainers.", 1, False),
    ("ugg-classic-mini", "UGG Classic Mini II Chestnut", "150.00", "GBP", "shoe_gallery",
     "UGG classic mini II boots, twin-face sheepskin, UGG box.", 2, False),
    ("ugg-tasman-mens", "UGG Tasman Slippers Mens UK 9", "95.00", "GBP", "shoe_gallery",
     "UGG Tasman, suede upper, UGGplush lining.", 1, False),
)
# fmt: on


def labelled_catalogue() -> list[tuple[DemoListing, bool]]:
    """Every labelled listing with its label (True: counterfeit)."""
    items = []
    for n, (slug, title, price, currency, seller, description, images, fake) in enumerate(_ROWS):
        names = (
            images if isinstance(images, tuple) else tuple(f"{slug}-{i + 1}" for i in range(images))
        )
        listing = DemoListing(
            slug=slug,
            title=title,
            price=Decimal(price),
            currency=currency,
            seller=seller,
            description=description,
            images=names,
            markup=MARKUP_KINDS[n % len(MARKUP_KINDS)],
        )
        items.append((listing, fake))
    return items


def labels_by_slug() -> dict[str, bool]:
    """Slug -> counterfeit, for scoring a crawl of the labelled site."""
    return {listing.slug: fake for listing, fake in labelled_catalogue()}
