# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""Amazon product pages (no schema.org at all) in five storefronts, and Amazon non-listings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal as D

from .kit import LAZY_JS, Item, Page, digits, esc, filler, hexid, jdump, lazy_img, num, rng


@dataclass(frozen=True)
class Store:
    """What differs between Amazon storefronts."""

    host: str
    lang: str
    html_lang: str
    locale: str
    name: str
    symbol: str
    left: bool  # symbol before the amount
    loc: str  # number format in kit.num
    places: int
    currency: str
    hello: str
    lists: str
    orders: str
    cart: str
    deliver: str
    search: str
    go: str
    all_cats: str
    list_price: str
    store: str  # "Visit the {brand} Store"
    ratings: str
    stars: str
    in_stock: str
    unavailable: str
    add: str
    buy: str
    ships: str
    sold: str
    others: str  # "Other sellers on Amazon"
    new_from: str  # "New ({n}) from"
    sponsored: str
    details: str
    brand: str
    model: str
    top: str
    reviews: str
    crumbs: tuple[str, ...]
    signin_path: str = "/ap/signin"


STORES = {
    "com": Store(
        "www.amazon.com",
        "en",
        "en-us",
        "en_US",
        "Amazon.com",
        "$",
        True,
        "en",
        2,
        "USD",
        "Hello, sign in",
        "Account &amp; Lists",
        "Returns &amp; Orders",
        "Cart",
        "Deliver to",
        "Search Amazon",
        "Go",
        "All",
        "List Price:",
        "Visit the {b} Store",
        "{n} ratings",
        "{r} out of 5 stars",
        "In Stock",
        "Currently unavailable.",
        "Add to Cart",
        "Buy Now",
        "Ships from",
        "Sold by",
        "Other sellers on Amazon",
        "New ({n}) from",
        "Products related to this item",
        "Product information",
        "Brand",
        "Item model number",
        "Back to top",
        "Top reviews from the United States",
        ("Electronics", "Headphones, Earbuds &amp; Accessories", "Earbuds"),
    ),
    "co.uk": Store(
        "www.amazon.co.uk",
        "en",
        "en-gb",
        "en_GB",
        "Amazon.co.uk",
        "£",
        True,
        "en",
        2,
        "GBP",
        "Hello, sign in",
        "Account &amp; Lists",
        "Returns &amp; Orders",
        "Basket",
        "Delivering to London W1D 1NN",
        "Search Amazon.co.uk",
        "Go",
        "All",
        "RRP:",
        "Visit the {b} Store",
        "{n} ratings",
        "{r} out of 5 stars",
        "In stock",
        "Currently unavailable.",
        "Add to Basket",
        "Buy Now",
        "Dispatches from",
        "Sold by",
        "Other sellers on Amazon",
        "New ({n}) from",
        "Products related to this item",
        "Product information",
        "Brand",
        "Item model number",
        "Back to top",
        "Top reviews from United Kingdom",
        ("Fashion", "Women", "Jewellery", "Bracelets"),
    ),
    "de": Store(
        "www.amazon.de",
        "de",
        "de-de",
        "de_DE",
        "Amazon.de",
        "€",
        False,
        "de",
        2,
        "EUR",
        "Hallo, anmelden",
        "Konto und Listen",
        "Warenrücksendungen und Bestellungen",
        "Einkaufswagen",
        "Lieferung an Berlin 10115",
        "Amazon.de durchsuchen",
        "Los",
        "Alle Kategorien",
        "UVP:",
        "Besuche den {b}-Store",
        "{n} Sternebewertungen",
        "{r} von 5 Sternen",
        "Auf Lager",
        "Derzeit nicht verfügbar.",
        "In den Einkaufswagen",
        "Jetzt kaufen",
        "Versand",
        "Verkäufer",
        "Andere Verkäufer auf Amazon",
        "Neu ({n}) ab",
        "Produkte, die mit diesem Artikel in Verbindung stehen",
        "Produktinformation",
        "Marke",
        "Modellnummer",
        "Zurück zum Seitenanfang",
        "Top-Rezensionen aus Deutschland",
        ("Schuhe &amp; Handtaschen", "Schuhe", "Herren", "Sneaker"),
    ),
    "fr": Store(
        "www.amazon.fr",
        "fr",
        "fr-fr",
        "fr_FR",
        "Amazon.fr",
        "€",
        False,
        "fr",
        2,
        "EUR",
        "Bonjour, Identifiez-vous",
        "Compte et listes",
        "Retours et Commandes",
        "Panier",
        "Livraison à Paris 75001",
        "Rechercher Amazon.fr",
        "Go",
        "Toutes nos catégories",
        "Prix conseillé :",
        "Visiter la boutique {b}",
        "{n} évaluations",
        "{r} sur 5 étoiles",
        "En stock",
        "Actuellement indisponible.",
        "Ajouter au panier",
        "Acheter cette article",
        "Expédié par",
        "Vendu par",
        "Autres vendeurs sur Amazon",
        "Neuf ({n}) à partir de",
        "Produits liés à cet article",
        "Informations sur le produit",
        "Marque",
        "Numéro du modèle de l'article",
        "Retour en haut",
        "Meilleures évaluations de France",
        ("Vêtements", "Homme", "Polos"),
    ),
    "co.jp": Store(
        "www.amazon.co.jp",
        "ja",
        "ja-jp",
        "ja_JP",
        "Amazon.co.jp",
        "￥",
        True,
        "en",
        0,
        "JPY",
        "こんにちは, ログイン",
        "アカウント&amp;リスト",
        "返品もこちら 注文履歴",
        "カート",
        "お届け先 東京都 100‐0001",
        "検索 Amazon.co.jp",
        "検索",
        "すべて",
        "参考価格:",
        "{b}のストアを表示",
        "{n}個の評価",
        "5つ星のうち{r}",
        "在庫あり。",
        "現在在庫切れです。",
        "カートに入れる",
        "今すぐ買う",
        "出荷元",
        "販売元",
        "その他の出品者",
        "新品 ({n})点：",
        "この商品に関連する商品",
        "商品の情報",
        "ブランド",
        "型番",
        "トップへ戻る",
        "日本で上位のレビュー",
        ("ビューティー", "スキンケア・ボディケア", "化粧水・ローション"),
    ),
    "it": Store(
        "www.amazon.it",
        "it",
        "it-it",
        "it_IT",
        "Amazon.it",
        "€",
        False,
        "de",
        2,
        "EUR",
        "Ciao, accedi",
        "Account e liste",
        "Resi e ordini",
        "Carrello",
        "Consegna a Roma 00184",
        "Cerca Amazon.it",
        "Vai",
        "Tutte le categorie",
        "Prezzo consigliato:",
        "Visita lo Store di {b}",
        "{n} voti",
        "{r} su 5 stelle",
        "Disponibilità immediata",
        "Attualmente non disponibile.",
        "Aggiungi al carrello",
        "Acquista ora",
        "Spedito da",
        "Venduto da",
        "Altri venditori su Amazon",
        "Nuovo ({n}) da",
        "Prodotti correlati a questo articolo",
        "Informazioni sul prodotto",
        "Marca",
        "Numero modello articolo",
        "Torna all'inizio",
        "Recensioni migliori da Italia",
        ("Moda", "Uomo", "Accessori", "Occhiali da sole"),
    ),
    "es": Store(
        "www.amazon.es",
        "es",
        "es-es",
        "es_ES",
        "Amazon.es",
        "€",
        False,
        "de",
        2,
        "EUR",
        "Hola, Identifícate",
        "Cuenta y listas",
        "Devoluciones y Pedidos",
        "Cesta",
        "Entrega en Madrid 28001",
        "Buscar en Amazon.es",
        "Ir",
        "Todos los departamentos",
        "Precio recomendado:",
        "Visita la Store de {b}",
        "{n} valoraciones",
        "{r} de 5 estrellas",
        "En stock",
        "No disponible.",
        "Añadir a la cesta",
        "Comprar ya",
        "Enviado por",
        "Vendido por",
        "Otros vendedores en Amazon",
        "Nuevo ({n}) desde",
        "Productos relacionados con este artículo",
        "Información del producto",
        "Marca",
        "Número de modelo del producto",
        "Volver arriba",
        "Opiniones destacadas de España",
        ("Deportes", "Ciclismo", "Cascos"),
    ),
}


def money(store: Store, amount: D) -> str:
    """An amount as the storefront writes it in ``a-offscreen``."""
    text = num(amount, store.loc, store.places)
    return f"{store.symbol}{text}" if store.left else f"{text}\u00a0{store.symbol}"


def a_price(store: Store, amount: D, cls: str = "", size: str = "xl", strike: bool = False) -> str:
    """Amazon's split price: screen-reader text plus whole, decimal and fraction spans."""
    text = num(amount, store.loc, store.places)
    whole, _, frac = text.rpartition(",") if store.loc in ("de", "fr") else text.rpartition(".")
    if store.places == 0:
        whole, frac = text, ""
    dec = "," if store.loc in ("de", "fr") else "."
    sym = f'<span class="a-price-symbol">{store.symbol}</span>'
    parts = f'<span class="a-price-whole">{whole}'
    parts += f'<span class="a-price-decimal">{dec}</span></span>' if frac else "</span>"
    if frac:
        parts += f'<span class="a-price-fraction">{frac}</span>'
    visible = sym + parts if store.left else parts + sym
    strike_attr = ' data-a-strike="true"' if strike else ""
    color = "secondary" if strike else "base"
    classes = f"a-price {cls}".strip()
    return (
        f'<span class="{classes}" data-a-size="{size}" data-a-color="{color}"'
        f'{strike_attr}><span class="a-offscreen">{money(store, amount)}</span>'
        f'<span aria-hidden="true">{visible}</span></span>'
    )


def _nav(store: Store, seed: str) -> str:
    s = store
    signin = (
        f"https://{s.host}{s.signin_path}?openid.pape.max_auth_age=0&amp;openid.return_to="
        f"https%3A%2F%2F{s.host}%2F%3Fref_%3Dnav_custrec_signin&amp;openid.identity=http%3A%2F%2F"
        "specs.openid.net%2Fauth%2F2.0%2Fidentifier_select&amp;openid.assoc_handle="
        f"{s.locale.split('_')[1].lower()}flex&amp;openid.mode=checkid_setup"
    )
    cats = "".join(
        f'<a href="/gp/bestsellers/?ref_=nav_cs_bestsellers_{i}" class="nav-a  " '
        f'data-csa-c-type="link" data-csa-c-slot-id="nav_cs_{i}">{c}</a>'
        for i, c in enumerate(
            ["Today's Deals", "Customer Service", "Registry", "Gift Cards", "Sell", "Prime Video"]
        )
    )
    return f"""<header id="navbar-main" class="nav-opt-sprite nav-flex nav-locale-{s.lang} nav-lang-{s.lang} nav-ssl nav-unrec nav-progressive-attribute">
<div id="navbar" cel_widget_id="Navigation-desktop-navbar" role="navigation" class="nav-sprite-v1 celwidget nav-bluebeacon nav-a11y-t1 bold-focus-hover layout2 nav-flex layout3 layout3-alt nav-packard-glow hamburger using-mouse">
<div id="nav-belt"><div class="nav-left"><div id="nav-logo"><a href="/ref=nav_logo" id="nav-logo-sprites" class="nav-logo-link nav-progressive-attribute" aria-label="{s.name}"><span class="nav-sprite nav-logo-base"></span><span id="logo-ext" class="nav-sprite nav-logo-ext nav-progressive-content"></span><span class="nav-logo-locale">{s.host.split("amazon")[1]}</span></a></div>
<div id="nav-global-location-slot"><span id="nav-global-location-data-modal-action" class="a-declarative nav-progressive-attribute"><a id="nav-global-location-popover-link" role="button" tabindex="0" class="nav-a nav-a-2 a-popover-trigger a-declarative nav-progressive-attribute"><div class="nav-sprite nav-progressive-attribute" id="nav-packard-glow-loc-icon"></div><div id="glow-ingress-block"><span class="nav-line-1 nav-progressive-content" id="glow-ingress-line1">{s.deliver}</span></div></a></span></div></div>
<div class="nav-fill" id="nav-fill-search"><div id="nav-search"><form id="nav-search-bar-form" accept-charset="utf-8" action="/s/ref=nb_sb_noss" class="nav-searchbar nav-progressive-attribute" method="GET" name="site-search" role="search">
<div class="nav-left"><div id="nav-search-dropdown-card"><div class="nav-search-scope nav-sprite"><div class="nav-search-facade" data-value="search-alias=aps"><span id="nav-search-label-id" class="nav-search-label nav-progressive-content">{s.all_cats}</span><i class="nav-icon"></i></div><select aria-describedby="searchDropdownDescription" class="nav-search-dropdown searchSelect nav-progressive-attrubute nav-progressive-search-dropdown" data-nav-digest="{hexid(seed, 27)}=" id="searchDropdownBox" name="url" tabindex="0" title="Search in"><option selected="selected" value="search-alias=aps">{s.all_cats}</option><option value="search-alias=electronics">Electronics</option><option value="search-alias=fashion">Fashion</option></select></div></div></div>
<div class="nav-fill"><div class="nav-search-field "><label for="twotabsearchtextbox" style="display: none;">{s.search}</label><input type="text" id="twotabsearchtextbox" value="" name="field-keywords" autocomplete="off" placeholder="{s.search}" class="nav-input nav-progressive-attribute" dir="auto" tabindex="0" aria-label="{s.search}" spellcheck="false"></div></div>
<div class="nav-right"><div class="nav-search-submit nav-sprite"><span id="nav-search-submit-text" class="nav-search-submit-text nav-sprite nav-progressive-attribute" aria-label="{s.go}"><input id="nav-search-submit-button" type="submit" class="nav-input nav-progressive-attribute" value="{s.go}" tabindex="0"></span></div></div></form></div></div>
<div class="nav-right"><div id="nav-tools" class="layoutToolbarPadding">
<a href="/customer-preferences/edit?ie=UTF8&amp;preferencesReturnUrl=%2F&amp;ref_=topnav_lang" id="icp-nav-flyout" class="nav-a nav-a-2 icp-link-style-2" aria-label="Choose a language for shopping."><span class="icp-nav-link-inner"><span class="nav-line-2"><span class="icp-nav-flag icp-nav-flag-{s.lang} icp-nav-flag-lop"></span><div>{s.lang.upper()}</div></span></span></a>
<div class="nav-div" id="nav-link-accountList"><a href="{signin}" class="nav-a nav-a-2   nav-truncate" data-nav-ref="nav_ya_signin" data-nav-role="signin" data-ux-jq-mouseenter="true" tabindex="0" data-csa-c-type="link" data-csa-c-slot-id="nav-link-accountList" data-csa-c-content-id="nav_ya_signin"><div class="nav-line-1-container"><span id="nav-link-accountList-nav-line-1" class="nav-line-1 nav-progressive-content">{s.hello}</span></div><span class="nav-line-2 ">{s.lists}<span class="nav-icon nav-arrow null" style="visibility: visible;"></span></span></a></div>
<a href="/gp/css/order-history?ref_=nav_orders_first" class="nav-a nav-a-2   nav-progressive-attribute" id="nav-orders" tabindex="0"><span class="nav-line-1">{s.orders.split(" ")[0]}</span><span class="nav-line-2">{" ".join(s.orders.split(" ")[1:])}<span class="nav-icon nav-arrow"></span></span></a>
<a href="/gp/cart/view.html?ref_=nav_cart" aria-label="0 items in cart" class="nav-a nav-a-2 nav-cart-empty nav-progressive-attribute" id="nav-cart"><div id="nav-cart-count-container"><span id="nav-cart-count" aria-hidden="true" class="nav-cart-count nav-cart-0 nav-progressive-attribute nav-progressive-content">0</span><span class="nav-cart-icon nav-sprite"></span></div><div id="nav-cart-text-container" class=" nav-progressive-attribute"><span aria-hidden="true" class="nav-line-1"></span><span aria-hidden="true" class="nav-line-2">{s.cart}<span class="nav-icon nav-arrow"></span></span></div></a>
</div></div></div>
<div id="nav-main" class="nav-sprite"><div class="nav-left"><a href="javascript: void(0)" id="nav-hamburger-menu" role="button" aria-label="Open Menu" data-csa-c-type="widget" data-csa-c-slot-id="HamburgerMenuDesktop" data-csa-c-interaction-events="click"><i class="hm-icon nav-sprite"></i><span class="hm-icon-label">{s.all_cats}</span></a></div>
<div class="nav-fill" id="nav-xshop-container"><div id="nav-xshop" class="nav-progressive-content">{cats}</div></div>
<div class="nav-right"><div id="nav-swmslot" class="nav-swm-text-widget"><a href="/amazonprime?ref_=nav_swm_prime" class="nav_a nav-swm-text" tabindex="0">Prime</a></div></div></div>
</div>
<div id="nav-flyout-anchor"><div id="nav-flyout-accountList" class="nav-coreFlyout nav-flyout" style="display:none"><div class="nav-arrow"><div class="nav-arrow-inner"></div></div><div class="nav-template nav-flyout-content"><div id="nav-flyout-ya-signin" class="nav-flyout-content nav-flyout-accessibility"><a href="{signin}" rel="nofollow" class="nav-action-signin-button" data-nav-role="signin" data-nav-ref="nav_signin"><span class="nav-action-inner">{s.hello.split(",")[-1].strip().capitalize()}</span></a><div id="nav-flyout-ya-newCust" class="nav_pop_new_cust nav-flyout-content nav-flyout-accessibility">New customer? <a href="/ap/register?openid.pape.max_auth_age=0&amp;openid.return_to=https%3A%2F%2F{s.host}%2F" rel="nofollow" class="nav-a">Start here.</a></div></div></div></div></div>
</header>"""


def _footer(store: Store) -> str:
    cols = [
        ("Get to Know Us", ["Careers", "Blog", "About Amazon", "Investor Relations"]),
        ("Make Money with Us", ["Sell products on Amazon", "Become an Affiliate", "Advertise"]),
        ("Amazon Payment Products", ["Amazon Business Card", "Shop with Points", "Reload"]),
        (
            "Let Us Help You",
            [
                "Your Account",
                "Your Orders",
                "Shipping Rates &amp; Policies",
                "Returns &amp; Replacements",
                "Help",
            ],
        ),
    ]
    html_cols = "".join(
        f'<div class="navFooterLinkCol navAccessibility"><div class="navFooterColHead">{h}</div>'
        "<ul>"
        + "".join(
            f'<li class="nav_first"><a href="/gp/help/{i}" class="nav_a">{t}</a></li>'
            for i, t in enumerate(links)
        )
        + "</ul></div>"
        for h, links in cols
    )
    return f"""<div id="navFooter" class="navLeftFooter nav-sprite-v1" role="contentinfo" aria-label="More on {store.name}">
<a href="javascript:void(0)" id="navBackToTop" aria-label="{store.top}"><div class="navFooterBackToTop"><span class="navFooterBackToTopText">{store.top}</span></div></a>
<div class="navFooterVerticalColumn navAccessibility" role="presentation"><div class="navFooterVerticalRow navAccessibility" style="display: table-row;">{html_cols}</div></div>
<div class="navFooterLine navFooterLogoLine"><a aria-label="{store.name}" href="/ref=footer_logo"><div class="nav-logo-base nav-sprite"></div></a></div>
<div class="navFooterLine navFooterLinkLine navFooterPadItemLine"><ul><li><a href="/gp/help/customer/display.html?nodeId=508088" class="nav_a">Conditions of Use</a></li><li><a href="/gp/help/customer/display.html?nodeId=468496" class="nav_a">Privacy Notice</a></li><li><a href="/cookieprefs?ref_=footer_cookies_notice" class="nav_a">Cookies Notice</a></li></ul><span>© 1996-2024, Amazon.com, Inc. or its affiliates</span></div>
</div>"""


def _cookie(store: Store) -> str:
    """Amazon's own EU consent banner (``sp-cc``), which autoconsent has a rule for."""
    if store.host.endswith((".com", ".co.jp")):
        return ""
    return f"""<span id="sp-cc-banner-anchor"></span><div id="sp-cc" class="sp-cc-banner" role="region" aria-label="Cookie banner" style="position:fixed;bottom:0;left:0;right:0;background:#fff;z-index:287;padding:16px;border-top:1px solid #ddd">
<div class="a-section a-spacing-medium"><h2 class="a-size-medium-plus">Select your cookie preferences</h2><div id="sp-cc-text">We use cookies and similar tools that are necessary to enable you to make purchases, to enhance your shopping experiences and to provide our services, as detailed in our Cookie notice.</div></div>
<form id="sp-cc-form" method="post" action="/cookieprefs"><input type="hidden" name="anti-csrftoken-a2z" value="{hexid(store.host, 40)}"><span class="a-button a-button-primary" id="a-autoid-0"><span class="a-button-inner"><input id="sp-cc-accept" class="a-button-input" type="submit" value="Accept" aria-labelledby="a-autoid-0-announce"><span class="a-button-text" aria-hidden="true" id="a-autoid-0-announce">Accept</span></span></span>
<span class="a-button a-button-base" id="a-autoid-1"><span class="a-button-inner"><input id="sp-cc-rejectall-link" name="rejectAll" class="a-button-input" type="submit" value="Decline"><span class="a-button-text">Decline</span></span></span>
<a id="sp-cc-customize" href="/cookieprefs?ref_=portal_banner_all" class="a-link-normal">Customise cookies</a></form></div>
<script>(function(){{var c=document.getElementById('sp-cc');document.getElementById('sp-cc-form').onsubmit=function(e){{e.preventDefault();document.cookie='csm-hit=tb:s-'+Date.now()+';path=/';c.style.display='none';}};}})();</script>"""


def _carousel(store: Store, seed: str, names: list[str]) -> str:
    r = rng(seed + "carousel")
    cards = []
    for i, name in enumerate(names):
        amount = D(r.randint(9, 140)) + (D(0) if store.places == 0 else D("0.99"))
        if store.places == 0:
            amount *= 100
        asin = "B0" + hexid(seed + str(i), 8).upper()
        cards.append(
            f'<li class="a-carousel-card" role="listitem" aria-setsize="{len(names)}" '
            f'aria-posinset="{i + 1}"><div class="sp_offerVertical" data-asin="{asin}">'
            f'<a class="a-link-normal" href="/sspa/click?ie=UTF8&amp;spc={hexid(seed + name)}'
            f'&amp;url=%2Fdp%2F{asin}"><img alt="{esc(name)}" src="https://m.media-amazon.com/'
            f'images/I/{hexid(name, 11)}._AC_UL160_SR160,160_.jpg" height="160" width="160">'
            f'<div class="sponsored-products-truncator-truncated">{esc(name)}</div></a>'
            f'<div class="a-row"><i class="a-icon a-icon-star-small a-star-small-4-5"></i>'
            f'<span class="a-size-small">{r.randint(40, 9000)}</span></div>'
            f'<div class="a-row">{a_price(store, amount, size="base")}</div></div></li>'
        )
    return (
        '<div id="sp_detail" class="a-section sp_desktop sp_detail"><div class="a-begin '
        'a-carousel-container a-carousel-static a-carousel-display-swap" data-a-carousel-options='
        '\'{"name":"sp_detail","set_size":' + str(len(names)) + "}'>"
        f'<h2 class="a-carousel-heading">{store.sponsored}</h2>'
        '<div class="a-carousel-viewport"><ol class="a-carousel" role="list">'
        + "".join(cards)
        + "</ol></div></div></div>"
    )


def listing(
    slug: str,
    tld: str,
    item: Item,
    *,
    asin: str,
    crumbs: tuple[str, ...] | None = None,
    bullets: tuple[str, ...] = (),
    reviews: int = 4,
    others_from: D | None = None,
    extra_buybox: str = "",
    tall_px: int = 0,
    lazy: bool = False,
    related: tuple[str, ...] = (),
    features: tuple[str, ...] = (),
    store_link: bool = True,
) -> Page:
    """An Amazon detail page: ``#productTitle``, split prices, buy box, no structured data."""
    s = STORES[tld]
    r = rng(slug)
    crumbs = crumbs or s.crumbs
    rating = round(r.uniform(3.9, 4.8), 1)
    count = r.randint(120, 48000)
    count_text = f"{count:,}".replace(",", "." if s.loc == "de" else ",")
    crumb_html = "".join(
        f'<li><span class="a-list-item"><a class="a-link-normal a-color-tertiary" '
        f'href="/b/?ie=UTF8&amp;node={digits(c, 9)}&amp;ref_=dp_bc_{i}">{c}</a></span></li>'
        f'<li class="a-breadcrumb-divider"><span class="a-list-item a-color-tertiary">›</span></li>'
        for i, c in enumerate(crumbs)
    )
    features_list = [*list(features), "no-structured-data", "price-split", "header-signin-link"]
    if item.price is not None:
        savings = ""
        if item.was:
            pct = round((1 - item.price / item.was) * 100)
            savings = (
                '<span class="a-size-large a-color-price savingPriceOverride aok-align-center '
                f'reinventPriceSavingsPercentageMargin savingsPercentage">-{pct}%</span>'
            )
        core = (
            '<div id="corePriceDisplay_desktop_feature_div" class="celwidget" '
            f'data-csa-c-asin="{asin}" data-csa-c-type="widget">'
            '<div class="a-section a-spacing-none aok-align-center aok-relative">'
            f"{savings}"
            f"{a_price(s, item.price, 'aok-align-center reinventPricePriceToPayMargin priceToPay')}"
            "</div>"
        )
        if item.was:
            core += (
                '<div class="a-section a-spacing-small aok-align-center"><span>'
                f'<span class="aok-offscreen"> {s.list_price} {money(s, item.was)} </span>'
                '<span aria-hidden="true" class="a-size-small a-color-secondary aok-align-center '
                f'basisPrice">{s.list_price} '
                f"{a_price(s, item.was, 'a-text-price', size='s', strike=True)}</span></span></div>"
            )
            features_list.append("struck-price")
        core += "</div>"
        price_data = [
            {
                "displayPrice": money(s, item.price),
                "priceAmount": float(item.price),
                "currencySymbol": s.symbol,
                "integerValue": num(item.price, s.loc, 0),
                "decimalSeparator": "," if s.loc in ("de", "fr") else ".",
                "fractionalValue": "" if s.places == 0 else f"{item.price:.2f}".split(".")[1],
                "symbolPosition": "left" if s.left else "right",
                "hasSpace": not s.left,
                "showFractionalPartIfEmpty": s.places > 0,
                "offerListingId": hexid(slug + "offer", 40),
                "locale": s.locale.replace("_", "-"),
                "buyingOptionType": "NEW",
            }
        ]
        core += (
            '<div class="a-section aok-hidden twister-plus-buying-options-price-data">'
            f"{esc(jdump(price_data))}</div>"
        )
        availability = (
            '<div id="availability" class="a-section a-spacing-base">'
            f'<span class="a-size-medium a-color-success">{s.in_stock}</span></div>'
        )
        buybox_price = a_price(s, item.price, "aok-align-center")
        buttons = (
            '<span class="a-button a-spacing-small a-button-primary a-button-icon" '
            'id="a-autoid-2"><span class="a-button-inner"><input id="add-to-cart-button" '
            f'name="submit.add-to-cart" title="{s.add}" data-hover="Select &lt;b&gt;__dims__'
            f'&lt;/b&gt;" type="submit" value="{s.add}" class="a-button-input" '
            f'aria-labelledby="submit.add-to-cart-announce"><span id="submit.add-to-cart-announce"'
            f' class="a-button-text" aria-hidden="true">{s.add}</span></span></span>'
            '<span class="a-button a-button-oneclick a-button-icon onml-buy-now-button" '
            'id="submit.buy-now"><span class="a-button-inner"><input id="buy-now-button" '
            f'name="submit.buy-now" title="{s.buy}" value="{s.buy}" type="submit" '
            'class="a-button-input">'
            f'<span class="a-button-text" aria-hidden="true">{s.buy}</span></span></span>'
        )
    else:
        core = ""
        availability = (
            '<div id="availability" class="a-section a-spacing-base">'
            f'<span class="a-size-medium a-color-price">{s.unavailable}</span></div>'
        )
        buybox_price = ""
        buttons = (
            '<div id="outOfStock" class="a-box a-alert-inline"><span class="a-text-bold">'
            f"{s.unavailable}</span></div>"
        )
        features_list.append("no-price")
    seller = item.seller or s.name
    merchant = (
        '<div id="merchantInfoFeature_feature_div" class="celwidget">'
        '<div class="offer-display-features-container"><div class="a-row">'
        f'<span class="a-size-small offer-display-feature-label">{s.ships}</span>'
        f'<span class="a-size-small offer-display-feature-text-message">{s.name}</span></div>'
        f'<div class="a-row"><span class="a-size-small offer-display-feature-label">{s.sold}'
        '</span><span class="a-size-small offer-display-feature-text-message">'
        + (
            esc(seller)
            if seller == s.name
            else f'<a id="sellerProfileTriggerId" href="/gp/help/seller/at-a-glance.html/'
            f"ref=dp_merchant_link?ie=UTF8&amp;seller=A{hexid(seller, 12).upper()}&amp;asin="
            f'{asin}">{esc(seller)}</a>'
        )
        + "</span></div></div></div>"
    )
    others = ""
    if others_from is not None:
        features_list.append("several-prices")
        others = (
            '<div id="olp_feature_div" class="celwidget"><div class="a-section a-spacing-small '
            f'a-spacing-top-small"><span>{s.others}</span><br><a class="a-link-normal" '
            f'href="/gp/offer-listing/{asin}/ref=dp_olp_NEW_mbc?ie=UTF8&amp;condition=NEW">'
            f"<span>{s.new_from.format(n=r.randint(3, 19))}&nbsp;</span>"
            f'<span class="a-size-base a-color-price">{a_price(s, others_from, size="base")}'
            "</span></a></div></div>"
        )
    bullets_html = "".join(
        f'<li class="a-spacing-mini"><span class="a-list-item"> {esc(b)} </span></li>'
        for b in bullets or item.bullets
    )
    rows = []
    if item.brand:
        rows.append((s.brand, item.brand))
    if item.mpn:
        rows.append((s.model, item.mpn))
    rows.append(("ASIN", asin))
    detail_rows = "".join(
        f'<tr><th class="a-color-secondary a-size-base prodDetSectionEntry"> {k} </th>'
        f'<td class="a-size-base prodDetAttrValue"> {esc(v)} </td></tr>'
        for k, v in rows
    )
    overview = (
        '<div id="productOverview_feature_div" class="celwidget"><table class="a-normal '
        'a-spacing-micro"><tbody>'
        + (
            f'<tr class="a-spacing-small po-brand"><td class="a-span3"><span class="a-size-base '
            f'a-text-bold">{s.brand}</span></td><td class="a-span9"><span class="a-size-base '
            f'po-break-word">{esc(item.brand)}</span></td></tr>'
            if item.brand
            else ""
        )
        + "</tbody></table></div>"
    )
    byline = ""
    if item.brand and store_link:
        byline = (
            '<div id="bylineInfo_feature_div" class="celwidget"><a id="bylineInfo" '
            f'class="a-link-normal" href="/stores/{esc(item.brand)}/page/'
            f'{hexid(item.brand, 8).upper()}-{hexid(item.brand + "x", 4).upper()}?ref_=ast_bln">'
            f"{esc(s.store.format(b=item.brand))}</a></div>"
        )
    names = [
        f"{b} {n}"
        for b, n in zip(
            ["Anker", "JBL", "Soundcore", "Beats", "Sony", "Skullcandy", "TOZO", "Belkin"],
            [
                "Charger 20W",
                "Tune 510BT",
                "Liberty 4",
                "Solo Buds",
                "WF-C500",
                "Dime 3",
                "T6 Earbuds",
                "BoostCharge Cable",
            ],
            strict=True,
        )
    ]
    carousel = _carousel(s, slug, list(related) or names[: 5 + r.randint(0, 3)])
    review_html = "".join(
        f'<div id="R{hexid(slug + str(i), 13).upper()}" data-hook="review" class="a-section review '
        f'aok-relative"><div class="a-profile-content"><span class="a-profile-name">'
        f"{r.choice(['Chris', 'M. Weber', 'Julie D.', 'Kenji', 'Ana', 'Tom S.', 'Sophie'])}</span>"
        f'</div><i data-hook="review-star-rating" class="a-icon a-icon-star a-star-{r.randint(3, 5)}'
        f' review-rating"><span class="a-icon-alt">{s.stars.format(r=r.randint(3, 5))}</span></i>'
        f'<span data-hook="review-body" class="a-size-base review-text">'
        f"{esc(r.choice(REVIEW_TEXT[s.lang]))}</span></div>"
        for i in range(reviews)
    )
    image = f"https://m.media-amazon.com/images/I/{hexid(slug, 11)}._AC_SX679_.jpg"
    thumbs = "".join(
        (
            lazy_img(f"/images/I/{hexid(slug + str(i), 11)}._AC_US40_.jpg", item.title, "thumb")
            if lazy
            else f'<img alt="" src="https://m.media-amazon.com/images/I/'
            f'{hexid(slug + str(i), 11)}._AC_US40_.jpg">'
        )
        for i in range(6)
    )
    if lazy:
        features_list.append("lazy-images")
    tall = ""
    if tall_px:
        tall = filler(tall_px, s.lang)
        features_list.append("tall-page")
    title = f"{s.name}: {item.title} : {crumbs[0]}"
    body = f"""<!doctype html><html lang="{s.html_lang}" class="a-no-js" data-19ax5a9jf="dingo"><!-- sp:feature:head-start -->
<head><script>var aPageStart = (new Date()).getTime();</script><meta charset="utf-8"/>
<!-- sp:end-feature:head-start -->
<script type='text/javascript'>var ue_t0=ue_t0||+new Date();</script>
<script type='text/javascript'>window.ue_ihb = (window.ue_ihb || window.ueinit || 0) + 1;if (window.ue_ihb === 1) {{var ue_csm = window,ue_hob = +new Date();(function(d){{var e=d.ue=d.ue||{{}},f=Date.now||function(){{return+new Date}};e.d=function(b){{return f()-(b?0:d.ue_t0)}};e.stub=function(b,a){{if(!b[a]){{var c=[];b[a]=function(){{c.push([c.slice.call(arguments),e.d(),d.ue_id])}};b[a].replay=function(b){{for(var a;a=c.shift();)b(a[0],a[1],a[2])}};b[a].isStub=1}}}};e.exec=function(b,a){{return function(){{try{{return b.apply(this,arguments)}}catch(c){{ueLogError(c,{{attribution:a||"undefined",logLevel:"WARN"}})}}}}}}}})(ue_csm);var ue_err_chan = 'jserr-rw';}}</script>
<title>{esc(title)}</title>
<meta name="description" content="{esc(item.description or item.title)}" />
<meta name="title" content="{esc(title)}" />
<meta name="keywords" content="{esc(item.title.replace(" ", ","))}" />
<link rel="canonical" href="https://{s.host}/{esc(item.title[:40].replace(" ", "-"))}/dp/{asin}" />
<link rel="stylesheet" href="https://m.media-amazon.com/images/I/11EIQ5IGqaL._RC|01ZTHTZObnL.css,41vKkLJ0fbL.css,11aD5q6kNBL.css_.css?AUIClients/AmazonUI" />
<link rel="stylesheet" href="https://m.media-amazon.com/images/I/01SdjaY0ZsL._RC|41-0rvxJAaL.css_.css?AUIClients/NavDesktopUberAsset" />
<script>(function(g){{var k=g.ue_csm;if(k){{k.ue_sn='{s.host}';}}}})(window);</script>
</head>
<body class="a-m-{s.lang} a-aui_72554-c a-aui_a11y_6_837773-c a-aui_killswitch_csa_logger_372963-c a-aui_pci_risk_banner_210084-c a-aui_template_weblab_cache_333406-c"><div id="a-page">
<script type="a-state" data-a-state="{{&quot;key&quot;:&quot;a-wlab-states&quot;}}">{{"AUI_A11Y_6_837773":"C","AUI_TEMPLATE_WEBLAB_CACHE_333406":"C"}}</script>
{_nav(s, slug)}
<div id="dp" class="{crumbs[-1].split()[0].lower()} {s.locale}"><div id="dp-container" class="a-container" role="main">
<div id="wayfinding-breadcrumbs_feature_div" class="celwidget"><ul class="a-unordered-list a-horizontal a-size-small">{crumb_html}</ul></div>
<div id="ppd"><div id="leftCol" class="a-column a-span5"><div id="imageBlock_feature_div" class="celwidget"><div id="imgTagWrapperId" class="imgTagWrapper"><img alt="{esc(item.title)}" src="{image}" data-old-hires="{image.replace("_AC_SX679_", "_AC_SL1500_")}" onload="markFeatureRenderForImageBlock(); if(this.width/this.height > 1.0){{this.className += ' a-stretch-horizontal'}}else{{this.className += ' a-stretch-vertical'}};this.onload='';setCSMReq('af');if(typeof addlongPoleTag === 'function'){{ addlongPoleTag('af','desktop-image-atf-marker');}};setCSMReq('cf')" data-a-image-name="landingImage" class="a-dynamic-image a-stretch-vertical" id="landingImage" data-a-dynamic-image="{{&quot;{image}&quot;:[679,679]}}" style="max-width:679px;max-height:679px;"></div>
<div id="altImages" class="a-fixed-left-grid"><ul class="a-unordered-list a-nostyle a-button-list a-vertical">{thumbs}</ul></div></div></div>
<div id="centerCol" class="centerColAlign">{byline}
<div id="title_feature_div" class="celwidget" data-feature-name="title"><div id="titleSection" class="a-section a-spacing-none"><h1 id="title" class="a-size-large a-spacing-none"> <span id="productTitle" class="a-size-large product-title-word-break">        {esc(item.title)}       </span> </h1></div></div>
<div id="averageCustomerReviews_feature_div" class="celwidget"><span class="a-declarative" data-action="acrStarsLink-click-metrics"><span id="acrPopover" class="reviewCountTextLinkedHistogram noUnderline" title="{s.stars.format(r=rating)}"><a class="a-popover-trigger a-declarative"><i class="a-icon a-icon-star a-star-4-5 cm-cr-review-stars-spacing-big"><span class="a-icon-alt">{s.stars.format(r=rating)}</span></i></a></span></span> <a id="acrCustomerReviewLink" class="a-link-normal" href="#customerReviews"><span id="acrCustomerReviewText" class="a-size-base">{s.ratings.format(n=count_text)}</span></a></div>
<hr class="a-divider-normal">
<div id="apex_desktop" class="celwidget" data-csa-c-asin="{asin}">{core}</div>
{overview}
<div id="feature-bullets" class="a-section a-spacing-medium a-spacing-top-small"><ul class="a-unordered-list a-vertical a-spacing-mini">{bullets_html}</ul></div>
</div>
<div id="rightCol" class="a-column a-span3"><div id="buybox" class="a-box-group"><div id="desktop_qualifiedBuyBox" class="a-section"><form method="post" id="addToCart" action="/gp/product/handle-buy-box/ref=dp_start-bbf_1_glance" class="a-content" autocomplete="off"><input type="hidden" id="session-id" name="session-id" value="{digits(slug + "s", 3)}-{digits(slug + "t", 7)}-{digits(slug + "u", 7)}"><input type="hidden" id="ASIN" name="ASIN" value="{asin}">
<div class="a-section a-spacing-none">{buybox_price}</div>{extra_buybox}
{availability}
<div id="quantityRelocate_feature_div"><label for="quantity" class="a-native-dropdown">Qty:</label><select name="quantity" autocomplete="off" id="quantity" tabindex="0" class="a-native-dropdown a-declarative"><option value="1" selected>1</option><option value="2">2</option><option value="3">3</option></select></div>
{buttons}
{merchant}</form></div>{others}</div></div>
</div>
{carousel}
<div id="prodDetails" class="a-section"><h2>{s.details}</h2><div class="a-section table-padding"><table id="productDetails_techSpec_section_1" class="a-keyvalue prodDetTable" role="presentation"><tbody>{detail_rows}</tbody></table></div></div>
<div id="customerReviews" class="a-section"><h3 data-hook="dp-local-reviews-header">{s.reviews}</h3><div id="cm-cr-dp-review-list" class="a-section review-views celwidget">{review_html}{tall}</div></div>
</div></div>
{_footer(s)}
{_cookie(s)}
<script>P.when('A').execute(function(A){{A.trigger('dp:ready');}});(window.AmazonUIPageJS ? AmazonUIPageJS : P).when('cf').execute(function(){{ if(window.ue && ue.tag) ue.tag('dp:{asin}'); }});</script>
<script type="text/javascript">var ue_sid = '{digits(slug + "s", 3)}-{digits(slug + "t", 7)}-{digits(slug + "u", 7)}'; var ue_mid = 'ATVPDKIKX0DER'; var ue_sn = '{s.host}'; var ue_furl = 'fls-na.amazon.com'; var ue_surl = 'https://unagi.amazon.com/1/events/com.amazon.csm.nexusclient.prod';</script>
{LAZY_JS if lazy else ""}
</div></body></html>"""
    return Page(
        slug,
        f"https://{s.host}/dp/{asin}",
        "listing",
        "amazon",
        s.lang,
        body,
        features_list,
        item=item,
    )


REVIEW_TEXT = {
    "en": [
        "Works exactly as described. Fast delivery and well packaged.",
        "Good value for the price, but the box arrived slightly damaged.",
        "I bought this as a gift and it was a hit. Would buy again.",
        "Not sure it's genuine - the stitching looks different from the one I got in store.",
        "Five stars, arrived a day early.",
    ],
    "de": [
        "Alles bestens, schnelle Lieferung und gut verpackt.",
        "Preis-Leistung stimmt, nur die Verpackung war beschädigt.",
        "Passt perfekt, fällt normal aus. Gerne wieder.",
        "Bin mir nicht sicher, ob das Original ist – die Nähte sehen anders aus.",
    ],
    "fr": [
        "Conforme à la description, livraison rapide.",
        "Bon rapport qualité-prix, je recommande.",
        "Taille un peu petit, prenez une taille au-dessus.",
    ],
    "ja": [
        "とても良い商品です。配送も早かったです。",
        "いつも愛用しています。リピート購入。",
        "箱が少し潰れていましたが中身は問題ありません。",
    ],
    "it": [
        "Prodotto conforme alla descrizione, spedizione veloce.",
        "Ottimo rapporto qualità prezzo.",
    ],
    "es": ["Muy buena calidad, llegó antes de lo previsto.", "Cumple lo que promete."],
}


def _page(
    slug: str,
    store: Store,
    kind: str,
    url_path: str,
    title: str,
    main: str,
    features: list[str],
    serve: dict | None = None,
) -> Page:
    """A non-listing Amazon page: the same header and footer around ``main``."""
    body = f"""<!doctype html><html lang="{store.html_lang}" class="a-no-js"><head><meta charset="utf-8"/>
<title>{esc(title)}</title><link rel="stylesheet" href="https://m.media-amazon.com/images/I/11EIQ5IGqaL._RC|01ZTHTZObnL.css_.css?AUIClients/AmazonUI" />
</head><body class="a-m-{store.lang} a-aui_72554-c"><div id="a-page">{_nav(store, slug)}
<div id="search" class="a-container" role="main">{main}</div>{_footer(store)}{_cookie(store)}</div></body></html>"""
    return Page(
        slug,
        f"https://{store.host}{url_path}",
        kind,
        "amazon",
        store.lang,
        body,
        features,
        serve=serve or {},
    )


def _results(store: Store, seed: str, query: str, n: int) -> str:
    r = rng(seed)
    cells = []
    for i in range(n):
        asin = "B0" + hexid(seed + str(i), 8).upper()
        amount = D(r.randint(15, 180)) + (D(0) if store.places == 0 else D("0.95"))
        if store.places == 0:
            amount *= 100
        name = (
            f"{query.title()} {r.choice(['Pro', 'Classic', 'Sport', 'Mini', 'Max'])} "
            f"{r.choice(['Black', 'White', 'Navy', 'Red'])} {r.randint(2019, 2024)}"
        )
        was = amount + D(r.randint(5, 40))
        sponsored = '<span class="puis-label-popover-default">Sponsored</span>' if i < 2 else ""
        cells.append(
            f'<div data-asin="{asin}" data-index="{i + 2}" data-uuid="{hexid(seed + "u" + str(i), 8)}'
            f'-{hexid(seed + str(i), 4)}" data-component-type="s-search-result" class="sg-col-4-of-24 '
            f"s-result-item s-asin sg-col-4-of-12 AdHolder sg-col s-widget-spacing-small "
            f'sg-col-4-of-16 sg-col-4-of-20"><div class="sg-col-inner"><div class="s-widget-container'
            f' s-spacing-small s-widget-container-height-small celwidget">{sponsored}'
            f'<div class="s-product-image-container"><a class="a-link-normal s-no-outline" '
            f'href="/dp/{asin}/ref=sr_1_{i + 1}"><img class="s-image" src="https://m.media-amazon.'
            f'com/images/I/{hexid(name, 11)}._AC_UL320_.jpg" alt="{esc(name)}"></a></div>'
            f'<div data-cy="title-recipe" class="a-section a-spacing-none a-spacing-top-small '
            f's-title-instructions-style"><h2 class="a-size-mini a-spacing-none a-color-base '
            f's-line-clamp-4"><a class="a-link-normal s-underline-text s-underline-link-text '
            f's-link-style a-text-normal" href="/dp/{asin}/ref=sr_1_{i + 1}"><span class="a-size-base'
            f'-plus a-color-base a-text-normal">{esc(name)}</span></a></h2></div>'
            f'<div data-cy="price-recipe" class="a-section a-spacing-none a-spacing-top-small">'
            f'<a class="a-link-normal s-no-hover s-underline-text" href="/dp/{asin}">'
            f"{a_price(store, amount, size='xl')} {a_price(store, was, 'a-text-price', 'b', True)}"
            f"</a></div></div></div></div>"
        )
    return "".join(cells)


def nonlistings() -> list[Page]:
    """Amazon search results, cart, sign-in, help, home and its robot check."""
    de, com, uk, jp = STORES["de"], STORES["com"], STORES["co.uk"], STORES["co.jp"]
    pages = [
        _page(
            "amazon-de-search",
            de,
            "search",
            "/s?k=nike+air+max&__mk_de_DE=%C3%85M%C3%85%C5%BD%C3%95%C3%91&ref=nb_sb_noss",
            "Amazon.de : nike air max",
            '<div class="s-main-slot s-result-list s-search-results sg-row">'
            '<div class="a-section a-spacing-small a-spacing-top-small"><span>1-48 von über '
            '5.000 Ergebnissen für</span> <span class="a-color-state a-text-bold">"nike air max"'
            "</span></div>" + _results(de, "de-search", "nike air max", 16) + "</div>",
            ["several-prices", "no-structured-data"],
        ),
        _page(
            "amazon-com-cart",
            com,
            "cart",
            "/gp/cart/view.html?ref_=nav_cart",
            "Amazon.com Shopping Cart",
            '<div id="sc-active-cart" class="a-cardui sc-card-style"><h1 class="a-size-extra-'
            'large a-spacing-mini a-spacing-top-base a-text-normal">Shopping Cart</h1>'
            '<form id="activeCartViewForm" method="post" action="/cart/ref=ox_sc_update_'
            'quantity"><div class="sc-list-item-content"><div class="sc-item-content-group">'
            '<span class="a-truncate-full a-offscreen">Apple AirPods Pro (2nd Generation) '
            'Wireless Ear Buds</span><span class="sc-product-availability">In Stock</span></div>'
            '<div class="sc-item-price-block"><span class="a-size-medium a-color-base sc-price '
            'sc-white-space-nowrap sc-product-price a-text-bold">$189.99</span></div></div>'
            '<div data-name="Subtotals" class="a-row a-spacing-mini sc-subtotal sc-subtotal-'
            'activecart sc-java-remote-feature"><span id="sc-subtotal-label-activecart" '
            'class="a-size-medium sc-number-of-items">Subtotal (1 item):</span> <span '
            'id="sc-subtotal-amount-activecart" class="a-size-medium a-color-base sc-price '
            'sc-white-space-nowrap">$189.99</span></div><input name="proceedToRetailCheckout" '
            'class="a-button-input" type="submit" value="Proceed to checkout"></form></div>',
            ["several-prices", "no-structured-data"],
        ),
        _page(
            "amazon-co-uk-signin",
            uk,
            "signin",
            "/ap/signin?openid.pape.max_auth_age=0&"
            "openid.return_to=https%3A%2F%2Fwww.amazon.co.uk%2F&openid.mode=checkid_setup",
            "Amazon Sign In",
            '<div class="a-section auth-pagelet-container"><div class="a-box"><div class='
            '"a-box-inner a-padding-extra-large"><h1 class="a-spacing-small">Sign in</h1>'
            '<form name="signIn" method="post" novalidate action="https://www.amazon.co.uk/ap/'
            'signin" class="auth-validate-form auth-real-time-validation a-spacing-none">'
            '<input type="hidden" name="appActionToken" value="'
            + hexid("uk-signin", 40)
            + '"><label for="ap_email" class="a-form-label">Email or mobile phone number</label>'
            '<input type="email" maxlength="128" id="ap_email" name="email" tabindex="1" '
            'class="a-input-text a-span12 auth-autofocus auth-required-field">'
            '<label for="ap_password" class="a-form-label">Password</label><input type='
            '"password" maxlength="1024" id="ap_password" autocomplete="current-password" '
            'name="password" tabindex="2" class="a-input-text a-span12 auth-required-field">'
            '<span id="auth-signin-button" class="a-button a-button-span12 a-button-primary">'
            '<span class="a-button-inner"><input id="signInSubmit" tabindex="5" class="a-button'
            '-input" type="submit" aria-labelledby="auth-signin-button-announce"><span id="auth-'
            'signin-button-announce" class="a-button-text" aria-hidden="true">Sign in</span>'
            "</span></span></form></div></div></div>",
            ["password-form"],
        ),
        _page(
            "amazon-com-help",
            com,
            "help",
            "/gp/help/customer/display.html?nodeId=GQ7JWQBFHNFZSE8B",
            "Amazon.com Help: Shipping Rates for Items Sold by Amazon",
            '<div class="help-content"><h1>Shipping Rates for Items Sold by Amazon</h1><p>'
            "Eligible orders over $35.00 ship free with FREE Shipping. Standard Shipping costs "
            "$5.99 per order for orders under $35.00. Two-Day Shipping is $12.99 and One-Day "
            "Shipping is $15.99 for non-members.</p><table class='a-bordered'><tr><th>Shipping "
            "speed</th><th>Cost</th></tr><tr><td>Standard</td><td>$5.99</td></tr><tr><td>Two-Day"
            "</td><td>$12.99</td></tr><tr><td>One-Day</td><td>$15.99</td></tr></table></div>",
            ["several-prices", "prices-in-text"],
        ),
        _page(
            "amazon-co-jp-home",
            jp,
            "home",
            "/",
            "Amazon.co.jp | 本, ファッション, 家電から食品まで | アマゾン",
            '<div id="gw-layout" class="gw-layout"><div id="desktop-banner" class="gw-card-'
            'layout"><h2>タイムセール祭り</h2>'
            + _results(jp, "jp-home", "タイムセール", 8)
            + '</div><div class="gw-card-layout"><h2>Amazonデバイス 最大45%OFF</h2>'
            + _results(jp, "jp-home-2", "Echo", 4)
            + "</div></div>",
            ["several-prices", "promotions"],
        ),
    ]
    robot = _page(
        "amazon-com-robot-check",
        com,
        "botwall",
        "/dp/B0D7K2M9QX",
        "Amazon.com",
        '<div class="a-container a-padding-double-large" style="min-width:350px;padding:44px 0 '
        '!important"><div class="a-row a-spacing-double-large" style="width: 350px; margin: 0 '
        'auto"><div class="a-row a-spacing-medium a-text-center"><i class="a-icon a-logo"></i>'
        '</div><div class="a-box a-alert a-alert-info a-spacing-base"><div class="a-box-inner">'
        '<i class="a-icon a-icon-alert"></i><h4>Enter the characters you see below</h4><p '
        'class="a-last">Sorry, we just need to make sure you\'re not a robot. For best results, '
        'please make sure your browser is accepting cookies.</p></div></div><div class="a-'
        'section"><form method="get" action="/errors/validateCaptcha" name=""><input type='
        '"hidden" name="amzn" value="' + hexid("robot", 24) + '"><input type="hidden" name='
        '"amzn-r" value="&#047;dp&#047;B0D7K2M9QX"><div class="a-row a-text-center"><img src='
        '"https://images-na.ssl-images-amazon.com/captcha/usvmgloq/Captcha_kwrrnqwkph.jpg">'
        '</div><div class="a-row a-spacing-base"><label class="a-label" for="captchacharacters">'
        'Type the characters you see in this image:</label><input autocomplete="off" spellcheck'
        '="false" placeholder="Type characters" id="captchacharacters" name="field-keywords" '
        'class="a-span12" autocapitalize="off" autocorrect="off" type="text"></div><button type'
        '="submit" class="a-button-text">Continue shopping</button></form></div></div></div>',
        ["captcha"],
        serve={"status": 503},
    )
    return [*pages, robot]


def listings() -> list[Page]:
    """Nine Amazon detail pages in seven storefronts."""
    return [
        listing(
            "amazon-com-airpods",
            "com",
            Item(
                "Apple AirPods Pro (2nd Generation) Wireless Ear Buds with USB-C Charging, Up "
                "to 2X More Active Noise Cancelling Bluetooth Headphones, Transparency Mode, "
                "Adaptive Audio, Personalized Spatial Audio",
                D("189.99"),
                "USD",
                brand="Apple",
                seller="Amazon.com",
                mpn="MTJV3AM/A",
                was=D("249.00"),
            ),
            asin="B0CHWK7Q2D",
            bullets=(
                "PIONEERING HEARING - AirPods Pro 2 unlock the world's first all-in-one "
                "hearing health experience.",
                "INTELLIGENT NOISE CONTROL - Active Noise "
                "Cancellation removes up to 2x more background noise.",
                "USB-C CHARGING CASE - MagSafe, Apple Watch charger or USB-C cable.",
            ),
        ),
        listing(
            "amazon-com-jordan",
            "com",
            Item(
                "Nike Air Jordan 1 Retro High OG Men's Shoes, Chicago Lost & Found, Size 10",
                D("179.00"),
                "USD",
                brand="Nike",
                seller="SnkrVault US",
                mpn="DZ5485-612",
            ),
            asin="B0BQ7J3XKL",
            others_from=D("165.50"),
            crumbs=("Clothing, Shoes &amp; Jewelry", "Men", "Shoes", "Fashion Sneakers"),
            features=("third-party-seller",),
        ),
        listing(
            "amazon-co-uk-pandora",
            "co.uk",
            Item(
                "Pandora Moments Snake Chain Bracelet in Sterling Silver, 19 cm",
                D("42.00"),
                "GBP",
                brand="Pandora",
                seller="Amazon",
                mpn="590702HV-19",
                was=D("65.00"),
            ),
            asin="B07D9QX2HB",
            features=("cookie-banner", "cookie-amazon"),
        ),
        listing(
            "amazon-de-ultraboost",
            "de",
            Item(
                "adidas Herren Ultraboost Light Running Shoes Sneaker, Core Black/Core Black/"
                "Cloud White, 44 EU",
                D("89.95"),
                "EUR",
                brand="adidas",
                seller="Amazon",
                mpn="GY9351",
                was=D("190.00"),
            ),
            asin="B0BS1QZ7WN",
            tall_px=250_000,
            reviews=6,
            features=("cookie-banner", "cookie-amazon"),
        ),
        listing(
            "amazon-fr-lacoste",
            "fr",
            Item(
                "Lacoste L.12.12 Polo Homme, Blanc, XL",
                D("59.99"),
                "EUR",
                brand="Lacoste",
                seller="Lacoste",
                mpn="L1212-001",
                was=D("95.00"),
            ),
            asin="B07MZ8Q4TC",
            features=("cookie-banner", "cookie-amazon"),
        ),
        listing(
            "amazon-co-jp-skii",
            "co.jp",
            Item(
                "SK-II フェイシャル トリートメント エッセンス 230ml 化粧水",
                D("24800"),
                "JPY",
                brand="SK-II",
                seller="Amazon.co.jp",
                was=D("29700"),
            ),
            asin="B00BHPWCGY",
            features=("yen-fullwidth",),
        ),
        listing(
            "amazon-it-rayban",
            "it",
            Item(
                "Ray-Ban RB2140 Original Wayfarer Occhiali da Sole Unisex-Adulto, Nero, 50",
                D("119.00"),
                "EUR",
                brand="Ray-Ban",
                seller="OtticaShop Italia",
                mpn="RB2140 901",
            ),
            asin="B001GNBJQY",
            others_from=D("104.90"),
            lazy=True,
            features=("cookie-banner", "cookie-amazon", "third-party-seller"),
        ),
        listing(
            "amazon-es-casco",
            "es",
            Item(
                "Giro Syntax MIPS Casco de Ciclismo de Carretera para Adulto, Negro Mate, M",
                None,
                None,
                brand="Giro",
                availability="OutOfStock",
            ),
            asin="B07PJ5Y1TM",
            features=("cookie-banner", "cookie-amazon"),
        ),
        listing(
            "amazon-com-lego",
            "com",
            Item(
                "LEGO Icons Orchid Artificial Plant Building Set 10311",
                D("39.99"),
                "USD",
                brand="LEGO",
                seller="Amazon.com",
                mpn="10311",
                was=D("49.99"),
            ),
            asin="B09T8Y3TKW",
            lazy=True,
            extra_buybox=(
                '<div id="usedAccordionRow" class="a-box a-last"><span class="a-text-bold">Save '
                'with Used - Very Good</span> <span class="a-price a-text-normal" data-a-size="s">'
                '<span class="a-offscreen">$31.46</span><span aria-hidden="true">$31.46</span>'
                '</span></div><div id="snsAccordionRowMiddle"><span class="a-text-bold">'
                'Subscribe &amp; Save:</span> <span class="a-price"><span class="a-offscreen">'
                "$37.99</span></span></div>"
            ),
            features=("several-prices",),
        ),
    ]
