"""Critical CSS inlined into each page, standing in for the platforms' external stylesheets.

The stylesheets the pages link to live on CDNs that the corpus does not serve. What matters for
extraction is kept: what is hidden (screen-reader text, closed menus and dropdowns), what is struck
through, what is large. Without it the rendered text would show prices real visitors never see.
"""

from __future__ import annotations

from .kit import Page

BASE = (
    "body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111}"
    "img{max-width:100%;height:auto}header{padding:8px 16px;border-bottom:1px solid #ddd}"
    "main{padding:16px}h1{font-size:24px;font-weight:600}footer{padding:16px;color:#555}"
    "del,s{color:#777}"
)
HIDDEN = "position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"

PLATFORM = {
    "amazon": (
        f".a-offscreen,.aok-offscreen{{{HIDDEN}}}.aok-hidden{{display:none!important}}"
        "#productTitle{font-size:24px;font-weight:400}.a-price{font-size:28px}"
        ".a-price[data-a-size=s],.a-price[data-a-size=base],.a-price[data-a-size=b]{font-size:14px}"
        ".a-price[data-a-strike=true] span[aria-hidden]{text-decoration:line-through;color:#565959}"
        ".a-price-fraction,.a-price-symbol{font-size:.5em;vertical-align:super}"
        "#ppd{display:flex;gap:24px}#leftCol{width:40%}#centerCol{flex:1}#rightCol{width:240px}"
        ".s-result-item{display:inline-block;width:24%;vertical-align:top}"
    ),
    "ebay": (
        f".clipped,.gh-hdn{{{HIDDEN}}}.x-price-primary{{font-size:24px;font-weight:700}}"
        ".ux-textspans--STRIKETHROUGH{text-decoration:line-through}.x-item-title__mainTitle"
        "{font-size:24px}.s-item{display:inline-block;width:24%;vertical-align:top}"
    ),
    "shopify": (
        f".visually-hidden{{{HIDDEN}}}.price__sale,.price__badge-sale,.price__badge-sold-out"
        "{display:none}.price--on-sale .price__regular{display:none}.price--on-sale .price__sale"
        "{display:block}.price--on-sale .price__badge-sale{display:inline-block}"
        ".price-item--sale,.price-item--regular{font-size:18px}.price__sale s{opacity:.7}"
        "details-modal .search-modal{display:none}.product__title a{display:none}"
        ".product{display:flex;gap:32px}.product__media-wrapper{width:55%}"
    ),
    "woocommerce": (
        f".screen-reader-text{{{HIDDEN}}}.nav-dropdown{{display:none}}"
        ".has-dropdown:hover .nav-dropdown{display:block}.price{font-size:20px;color:#77a464}"
        ".price del{opacity:.5}.price ins{text-decoration:none;font-weight:700}"
        ".product_title{font-size:28px}.woocommerce-product-gallery{float:left;width:48%}"
    ),
    "magento": (
        ".header-login-dropdown .block-customer-login{display:none}"
        ".old-price .price{text-decoration:line-through;font-size:14px}"
        ".product-info-price .price{font-size:28px;font-weight:600}.product-info-main"
        "{float:right;width:50%}.action.skip{display:none}"
    ),
    "prestashop": (
        ".regular-price{text-decoration:line-through;color:#7a7a7a}"
        ".current-price-value{font-size:24px;font-weight:700}.hidden-sm-down{display:inline}"
    ),
    "bigcommerce": (
        ".price--non-sale{text-decoration:line-through}.productView-price .price--withoutTax"
        "{font-size:24px}.productView{display:flex;gap:24px}"
    ),
    "etsy": (
        f".wt-screen-reader-only{{{HIDDEN}}}.wt-text-strikethrough{{text-decoration:line-through}}"
        ".wt-text-title-larger{font-size:26px}"
    ),
    "mercadolibre": (
        ".andes-money-amount__cents{font-size:.5em;vertical-align:super}.ui-pdp-price__second-line"
        " .andes-money-amount{font-size:36px}.ui-pdp-title{font-size:22px}"
    ),
    "facebook": (
        "[role=dialog]{position:fixed;left:0;right:0;bottom:0;background:#fff;padding:16px;"
        "box-shadow:0 -2px 12px rgba(0,0,0,.2)}h1 span{font-size:26px}"
    ),
    "flipkart": (
        "._2Sn47c{position:fixed;top:15%;left:25%;width:50%;background:#fff;padding:24px;"
        "box-shadow:0 0 0 100vmax rgba(0,0,0,.5)}._30jeq3{font-size:28px;font-weight:500}"
        "._3I9_wc{text-decoration:line-through;color:#878787}"
    ),
    "zalando": "h1{font-size:20px}",
    "shopware": (
        ".list-price-price{text-decoration:line-through}.product-detail-price{font-size:28px}"
        ".dropdown-menu,.visually-hidden-focusable{display:none}"
    ),
    "rakuten": ".price2{font-size:20px}",
    "jd": ".p-price .price{font-size:22px;color:#e4393c}",
    "tmall": ".tm-price-panel .tm-price{text-decoration:line-through}.tm-promo-price .tm-price"
    "{font-size:24px;color:#c40000}",
    "coupang": ".origin-price{text-decoration:line-through}.total-price strong{font-size:24px}",
    "bol": ".promo-price{font-size:32px;font-weight:700}.promo-price__fraction{font-size:.5em}",
    "ikea": ".pip-temp-price__integer{font-size:36px;font-weight:700}",
    "cdiscount": ".fpPrice{font-size:32px;color:#c00}.fpStriked{text-decoration:line-through}",
    "noon": ".PriceOfferV2_strikethrough__b6NJt{text-decoration:line-through}",
    "salla": ".line-through{text-decoration:line-through}",
    "trendyol": ".prc-org{text-decoration:line-through}.prc-dsc{font-size:24px;color:#f27a1a}",
    "ozon": ".lm6_27{text-decoration:line-through}.m5l_27{font-size:28px}",
    "jumia": ".-lthr{text-decoration:line-through}",
    "temu": "._3TAPHDOX{text-decoration:line-through}",
    "naver": "del{text-decoration:line-through}",
}


def apply(pages: list[Page]) -> None:
    """Inline the base and platform CSS into every HTML page that has a head."""
    for page in pages:
        css = BASE + PLATFORM.get(page.platform, "")
        style = f'<style id="critical-css">{css}</style>'
        page.html = page.html.replace("</head>", style + "</head>", 1)
