# ruff: noqa: E501 - page markup is kept on the long lines the platforms print it on
"""Regional marketplaces and long-tail shops in Latin America, Asia, Europe, Africa, the Gulf."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from .kit import Item, Page, arabic_digits, consent, digits, esc, frame, hexid, jdump, ld, num


def page(
    slug: str,
    url: str,
    lang: str,
    platform: str,
    item: Item | None,
    *,
    title: str,
    body: str,
    head: str = "",
    features: list[str],
    charset: str = "utf-8",
    kind: str = "listing",
    note: str | None = None,
    body_attrs: str = "",
) -> Page:
    """Assemble a page from a site's own head and body markup."""
    html = frame(lang, title, head, body, charset=charset, body_attrs=body_attrs)
    return Page(
        slug,
        url,
        kind,
        platform,
        lang.split("-")[0],
        html,
        features,
        item=item,
        charset=charset,
        note=note,
    )


def related(seed: str, fmt: str, loc: str, names: list[str], cls: str = "related-item") -> str:
    """A strip of other products with their prices."""
    from .kit import rng

    r = rng(seed)
    return "".join(
        f'<li class="{cls}"><a href="/p/{hexid(seed + n, 8)}"><span class="name">{esc(n)}</span><span class="price">{fmt.format(n=num(D(r.randint(10, 400)) * (100 if "KRW" in fmt or "원" in fmt else 1), loc, 0))}</span></a></li>'
        for n in names
    )


# -- Latin America -------------------------------------------------------------------------------


def mercadolibre(
    slug: str,
    item: Item,
    *,
    host: str,
    lang: str,
    site_id: str,
    item_id: str,
    sym: str,
    group: str,
    cents: bool,
    jsonld: bool,
    installments: str,
    features: tuple[str, ...] = (),
) -> Page:
    """A Mercado Libre item: ``andes-money-amount`` fraction and cents, installments."""
    assert item.price is not None and item.was is not None
    loc = "en" if group == "," else "pt"

    def amount(a: D, cls: str, previous: bool = False) -> str:
        whole = (
            num(a, loc, 0)
            if not cents
            else num(a.to_integral_value(rounding="ROUND_FLOOR"), loc, 0)
        )
        cent = (
            f'<span class="andes-money-amount__cents andes-money-amount__cents--superscript-36" aria-hidden="true">{f"{a:.2f}".split(".")[1]}</span>'
            if cents and a % 1
            else ""
        )
        tag = "s" if previous else "span"
        return (
            f'<{tag} class="andes-money-amount {cls} andes-money-amount--cents-superscript andes-money-amount--compact{" andes-money-amount--previous" if previous else ""}" role="img" aria-label="{num(a, loc, 0)} reais" aria-roledescription="{"Antes" if previous else "Preço"}">'
            f'<span class="andes-money-amount__currency-symbol" aria-hidden="true">{sym}</span><span class="andes-money-amount__fraction" aria-hidden="true">{whole}</span>{cent}</{tag}>'
        )

    pct = round((1 - item.price / item.was) * 100)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.title,
        "sku": item_id,
        "brand": {"@type": "Brand", "name": item.brand},
        "image": f"https://http2.mlstatic.com/D_NQ_NP_{digits(slug, 6)}-{site_id}{digits(slug, 11)}_062024-O.webp",
        "offers": {
            "@type": "Offer",
            "price": float(item.price),
            "availability": "https://schema.org/InStock",
            "priceCurrency": item.currency,
            "url": f"https://{host}/p/{item_id}",
        },
    }
    body = f"""<header role="banner" class="nav-header nav-header-plus ui-navigation-v2" data-siteid="{site_id}"><div class="nav-bounds nav-bounds-with-cart nav-bounds-with-cp"><a class="nav-logo" href="https://{host}" tabindex="2">Mercado Libre</a>
<form class="nav-search" action="https://{host}/jm/search" method="GET" role="search"><input type="text" class="nav-search-input" aria-label="{"Digite o que você quer encontrar" if lang == "pt-BR" else "Ingresa lo que quieras encontrar"}" name="as_word" placeholder="{"Buscar produtos, marcas e muito mais…" if lang == "pt-BR" else "Buscar productos, marcas y más…"}" maxlength="120" autocomplete="off"></form>
<nav id="nav-header-menu"><a href="https://{host}/registration?confirmation_url=https%3A%2F%2F{host}%2F" data-link-id="registration">{"Crie a sua conta" if lang == "pt-BR" else "Creá tu cuenta"}</a><a href="https://www.mercadolivre.com/jms/{site_id.lower()}/lgz/login?platform_id=ML&amp;go=https%3A%2F%2F{host}%2F" data-link-id="login" rel="nofollow">{"Entre" if lang == "pt-BR" else "Ingresá"}</a><a href="https://myaccount.{host.removeprefix("www.")}/purchases/list" data-id="purchases">{"Compras" if lang == "pt-BR" else "Mis compras"}</a><a class="nav-cart" href="https://{host}/gz/cart/v2" aria-label="Carrinho">0</a></nav></div></header>
<main role="main" id="root-app"><div class="ui-pdp-container ui-pdp-container--pdp"><div class="ui-pdp-container__row ui-pdp-container__row--gallery"><figure class="ui-pdp-gallery__figure"><img data-zoom="https://http2.mlstatic.com/D_NQ_NP_2X_{digits(slug, 6)}-{site_id}{digits(slug, 11)}_062024-F.webp" class="ui-pdp-image ui-pdp-gallery__figure__image" src="https://http2.mlstatic.com/D_NQ_NP_{digits(slug, 6)}-{site_id}{digits(slug, 11)}_062024-O.webp" alt="{esc(item.title)}"></figure></div>
<div class="ui-pdp-container__col col-2 mr-24 mt-8"><div class="ui-pdp-header"><div class="ui-pdp-header__subtitle"><span class="ui-pdp-subtitle">{"Novo" if lang == "pt-BR" else "Nuevo"}  |  +1000 vendidos</span></div><div class="ui-pdp-header__title-container"><h1 class="ui-pdp-title">{esc(item.title)}</h1></div></div>
<div class="ui-pdp-price mt-16 ui-pdp-price--size-large"><div class="ui-pdp-price__main-container"><div class="ui-pdp-price__original-value">{amount(item.was, "ui-pdp-price__part ui-pdp-price__original-value", True)}</div>
<div class="ui-pdp-price__second-line"><span data-testid="price-part" class="ui-pdp-price__part-wrapper">{amount(item.price, "ui-pdp-price__part")}</span><span class="andes-money-amount__discount ui-pdp-family--REGULAR" style="font-size:18px">{pct}% OFF</span></div></div>
<div class="ui-pdp-price__subtitles"><p class="ui-pdp-color--BLACK ui-pdp-size--MEDIUM ui-pdp-family--REGULAR ui-pdp-price__subtitles">{installments}</p></div></div>
<div class="ui-pdp-buybox"><div class="ui-pdp-stock-information"><p class="ui-pdp-stock-information__title">{"Estoque disponível" if lang == "pt-BR" else "Stock disponible"}</p></div><form action="https://{host}/gz/checkout/buy" method="post"><button type="submit" class="andes-button andes-spinner__icon-base ui-pdp-action--primary andes-button--loud"><span class="andes-button__content">{"Comprar agora" if lang == "pt-BR" else "Comprar ahora"}</span></button></form><form action="https://{host}/gz/cart/add" method="post"><button type="submit" class="andes-button andes-button--quiet"><span class="andes-button__content">{"Adicionar ao carrinho" if lang == "pt-BR" else "Agregar al carrito"}</span></button></form></div>
<div class="ui-pdp-seller__header"><span class="ui-pdp-seller__label-sold">Vendido por</span> <span class="ui-pdp-color--BLUE ui-pdp-family--REGULAR">{esc(item.seller or "")}</span></div></div>
<div class="ui-pdp-container__row ui-pdp-container__row--description"><div class="ui-pdp-description"><h2 class="ui-pdp-description__title">{"Descrição" if lang == "pt-BR" else "Descripción"}</h2><p class="ui-pdp-description__content">{esc(item.description)}</p></div></div>
<div class="ui-recommendations-carousel"><h2>{"Quem viu este produto também comprou" if lang == "pt-BR" else "Quienes vieron este producto también compraron"}</h2><ul>{related(slug, sym + " {n}", loc, ["Tênis Olympikus", "Tênis Mizuno", "Chinelo Havaianas", "Meia Nike"])}</ul></div></div></main>
<footer class="nav-footer"><a href="https://{host}/ajuda">Ajuda</a> <a href="https://{host}/privacidade">Privacidade</a><small>Copyright © 1999-2024 Ebazar.com.br LTDA.</small></footer>
<script>window.__PRELOADED_STATE__ = {jdump({"initialState": {"id": item_id, "components": {"price": {"price": {"value": float(item.price), "currency_id": item.currency, "original_value": float(item.was)}}}}})};</script>"""
    feats = [
        "andes-money-amount",
        "struck-price",
        "installments",
        "several-prices",
        "header-signin-link",
        "inline-state",
        *features,
    ]
    feats.append("json-ld" if jsonld else "no-structured-data")
    return page(
        slug,
        f"https://{host}/{slug.split('-', 2)[-1]}/p/{item_id}",
        lang,
        "mercadolibre",
        item,
        title=f"{item.title} | MercadoLivre" if lang == "pt-BR" else f"{item.title} | MercadoLibre",
        head=ld(data) if jsonld else '<meta property="og:type" content="website">',
        body=body,
        features=feats,
    )


# -- Japan, China, Korea, India ------------------------------------------------------------------


def rakuten_classic(slug: str, item: Item, *, shop: str, code: str) -> Page:
    """An old-style Rakuten Ichiba item page: tables, EUC-JP, price in ``price2``."""
    assert item.price is not None and item.was is not None
    url = f"https://item.rakuten.co.jp/{shop}/{code}/"
    body = f"""<div id="rakutenLimitedId_header"><table width="100%" cellspacing="0" cellpadding="0" border="0"><tr><td><a href="https://www.rakuten.co.jp/"><img src="https://r.r10s.jp/com/img/thumb/logo/rakuten_logo.gif" alt="楽天市場"></a></td>
<td align="right"><a href="https://grp01.id.rakuten.co.jp/rms/nid/login?service_id=top">ログイン</a> | <a href="https://member.id.rakuten.co.jp/rms/nid/registfwd">楽天会員登録</a> | <a href="https://basket.step.rakuten.co.jp/rms/mall/bs/cartall/">買い物かご</a></td></tr></table>
<form action="https://search.rakuten.co.jp/search/mall/" method="get"><input type="text" name="sitem" size="40"><input type="submit" value="検索"></form></div>
<table width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td valign="top" width="400"><img src="https://shop.r10s.jp/{shop}/cabinet/{code}.jpg" width="400" alt="{esc(item.title)}"></td>
<td valign="top"><table cellspacing="2" cellpadding="2"><tr><td><span class="catch_copy">【送料無料】【楽天スーパーSALE】</span><br><span class="item_name"><b>{esc(item.title)}</b></span></td></tr>
<tr><td><span class="price1">通常価格</span> <span class="double_price"><s>{num(item.was, "en", 0)}円</s></span></td></tr>
<tr><td><span class="price1">価格</span> <span class="price2" style="font-size:20px;color:#bf0000;"><b>{num(item.price, "en", 0)}円</b></span> <span class="tax_postfix">(税込)</span> <span class="dsf-postage">送料無料</span></td></tr>
<tr><td><span class="point-summary"><b>{int(item.price / 100)}ポイント</b> 1倍 + 39倍 スーパーSALE期間中</span></td></tr>
<tr><td>個数 <input type="text" name="units" value="1" size="3"> <input type="submit" value="買い物かごに入れる" class="new_addToCart" name="submit"></td></tr>
<tr><td><span class="item_number">商品番号：{esc(item.mpn or code)}</span></td></tr></table></td></tr></table>
<div class="item_desc">{esc(item.description)}</div>
<table class="related"><tr>{"".join(f'<td><a href="https://item.rakuten.co.jp/{shop}/x{i}/">関連商品{i}</a><br><span class="price">{num(D(3000 + i * 1100), "en", 0)}円</span></td>' for i in range(5))}</tr></table>
<div id="rakutenLimitedId_footer"><p>Copyright (c) Rakuten Group, Inc. All Rights Reserved.</p><p>販売元: {esc(item.seller or "")}</p></div>"""
    head = '<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP"><link rel="stylesheet" href="https://r.r10s.jp/com/itempage/css/pc/item.css">'
    return page(
        slug,
        url,
        "ja",
        "rakuten",
        item,
        title=f"【楽天市場】{item.title}：{item.seller}",
        head=head,
        body=body,
        charset="EUC-JP",
        features=[
            "no-structured-data",
            "legacy-charset",
            "yen-kanji",
            "struck-price",
            "several-prices",
            "header-signin-link",
            "table-layout",
        ],
    )


def jd(slug: str, item: Item, *, sku: str, plus: D) -> Page:
    """A JD.com item: ``p-price`` with a full-width yen sign, a cheaper PLUS member price, pageConfig."""
    assert item.price is not None
    body = f"""<div id="shortcut"><div class="w"><ul class="fl"><li class="dropdown" id="ttbar-mycity"><div class="dt">北京</div></li></ul><ul class="fr"><li class="fore1" id="ttbar-login"><a href="javascript:login();" class="link-login">你好，请登录</a>&nbsp;&nbsp;<a href="javascript:regist();" class="link-regist style-red">免费注册</a></li><li class="fore2"><a target="_blank" href="//order.jd.com/center/list.action">我的订单</a></li><li class="fore3"><a target="_blank" href="//cart.jd.com/cart.action">购物车</a></li></ul></div></div>
<div id="search-2014"><form action="//search.jd.com/Search" method="get"><input type="text" class="text" id="key" name="keyword" autocomplete="off"><button class="button" type="submit">搜索</button></form></div>
<div class="product-intro clearfix"><div class="preview-wrap"><div id="spec-n1" class="jqzoom main-img"><img id="spec-img" width="450" data-origin="//img14.360buyimg.com/n1/s450x450_jfs/t1/{digits(slug, 6)}/{hexid(slug, 16)}.jpg" alt="{esc(item.title)}" src="//img14.360buyimg.com/n1/s450x450_jfs/t1/{digits(slug, 6)}/{hexid(slug, 16)}.jpg"></div></div>
<div class="itemInfo-wrap"><div class="sku-name">{esc(item.title)}</div><div class="news"><div class="item hide" id="p-ad" title="【iPhone 15】官方正品 全国联保"></div></div>
<div class="summary summary-first"><div class="summary-price-wrap"><div class="summary-price J-summary-price"><div class="dt">京 东 价</div><div class="dd"><span class="p-price"><span>￥</span><span class="price J-p-{sku}">{item.price:.2f}</span></span> <a class="notice J-notify-sale" data-type="1" data-sku="{sku}" href="#none">降价通知</a></div></div>
<div class="summary-plus J-summary-plus"><div class="dt">PLUS价</div><div class="dd"><span class="p-price-plus"><span>￥</span><span class="price J-p-p-{sku}">{plus:.2f}</span></span></div></div></div></div>
<div class="summary p-choose-wrap"><div id="choose-attr-1" class="li p-choose"><div class="dt">选择颜色</div><div class="dd"><div class="item selected"><a href="#none">黑色</a></div><div class="item"><a href="#none">蓝色</a></div></div></div>
<div class="choose-btns clearfix"><div class="choose-amount"><input class="buy-num" value="1" data-max="200"></div><a href="//cart.jd.com/gate.action?pid={sku}&amp;pcount=1&amp;ptype=1" id="InitCartUrl" class="btn-special1 btn-lg">加入购物车</a></div></div>
<div class="popbox-inner"><div class="mt"><h3><a href="//mall.jd.com/index-1000000127.html" target="_blank" title="{esc(item.seller or "")}" clstag="shangpin|keycount|product|dianpuname1">{esc(item.seller or "")}</a></h3></div><div class="mc"><div class="pop-score-summary">综合评分 9.8</div></div></div></div></div>
<div class="detail"><div class="p-parameter"><ul class="parameter2 p-parameter-list"><li title="{esc(item.title)}">商品名称：Apple iPhone 15</li><li title="{sku}">商品编号：{sku}</li><li>品牌：<a href="//list.jd.com/list.html?cat=9987,653,655&amp;ev=exbrand_14026">{esc(item.brand or "")}</a></li></ul></div></div>
<div id="footer-2014"><div class="copyright">Copyright&copy;2004-2024  京东JD.com 版权所有</div></div>
<script>var pageConfig = {{compatible: true, product: {{skuid: {sku}, name: '{esc(item.title[:40])}', skuidkey:'{hexid(slug, 32).upper()}', href: '//item.jd.com/{sku}.html', src: 'jfs/t1/{digits(slug, 6)}/{hexid(slug, 16)}.jpg', cat: [9987,653,655], brand: 14026, pType: 1, isClosePCShow: false, venderId:1000000127, shopId:'1000000127', specialAttrs:["isFlashPurchase-0","isPrescriptCat-0"]}}}};</script>"""
    return page(
        slug,
        f"https://item.jd.com/{sku}.html",
        "zh-CN",
        "jd",
        item,
        title="【AppleiPhone 15】Apple/苹果 iPhone 15 (A3092) 128GB 黑色【行情 报价 价格 评测】-京东",
        body=body,
        features=[
            "no-structured-data",
            "yen-fullwidth",
            "currency-from-language",
            "several-prices",
            "member-price",
            "header-signin-link",
            "inline-state",
        ],
        note="JD writes CNY with a full-width yen sign; the PLUS price is for members only",
    )


def tmall(slug: str, item: Item, *, item_id: str) -> Page:
    """A Tmall item page in GBK: list price and promotion price both with a yen sign."""
    assert item.price is not None and item.was is not None
    body = f"""<div id="site-nav"><div class="sn-container"><p class="sn-back-home"><a href="//www.tmall.com/">天猫首页</a></p><p class="sn-login-info"><em>喵，欢迎来天猫</em><a class="sn-login" href="//login.tmall.com/?redirectURL=https%3A%2F%2Fdetail.tmall.com%2Fitem.htm%3Fid%3D{item_id}" target="_top">请登录</a><a class="sn-register" href="//register.tmall.com/" target="_top">免费注册</a></p>
<ul class="sn-quick-menu"><li class="sn-mytaobao"><a href="//i.taobao.com/my_taobao.htm">我的淘宝</a></li><li class="sn-cart"><a href="//cart.tmall.com/cart.htm">购物车<span class="mc-count">0</span>件</a></li></ul></div></div>
<div id="shop-info"><a class="slogo-shopname" href="//nike.tmall.com"><strong>{esc(item.seller or "")}</strong></a></div>
<div id="J_DetailMeta" class="tm-detail-meta tm-clear"><div class="tm-clear"><div class="tb-gallery"><div class="tb-booth"><img id="J_ImgBooth" alt="{esc(item.title)}" src="//img.alicdn.com/imgextra/i4/{digits(slug, 10)}/O1CN01{hexid(slug, 16)}_!!{digits(slug, 10)}.jpg_430x430q90.jpg"></div></div>
<div class="tb-property"><div class="tb-wrap"><div class="tb-detail-hd"><h1 data-spm="1000983">{esc(item.title)}</h1><p class="newp">官方正品 顺丰包邮</p></div>
<div class="tm-fcs-panel"><dl class="tm-price-panel" id="J_StrPriceModBox"><dt class="tb-metatit">价格</dt><dd><em class="tm-yen">&yen;</em> <span class="tm-price">{item.was:.2f}</span></dd></dl>
<dl class="tm-promo-panel tm-promo-cur" id="J_PromoPrice"><dt class="tb-metatit">促销价</dt><dd><div class="tm-promo-price"><em class="tm-yen">&yen;</em> <span class="tm-price">{item.price:.2f}</span>&nbsp;&nbsp;</div><p>618大促 限时直降</p></dd></dl></div>
<ul class="tm-ind-panel"><li class="tm-ind-item tm-ind-sellCount"><div class="tm-indcon"><span class="tm-label">月销量</span><span class="tm-count">1万+</span></div></li></ul>
<div class="tb-key"><div class="tb-skin"><dl class="tb-amount tm-clear"><dt class="tb-metatit">数量</dt><dd><input id="J_Amount" class="tb-text mui-amount-input" value="1" maxlength="8"></dd></dl><div class="tb-action tm-clear"><div class="tb-btn-buy tb-btn-sku"><a id="J_LinkBuy" href="#" rel="nofollow">立即购买</a></div><div class="tb-btn-basket tb-btn-sku"><a href="#" rel="nofollow" id="J_LinkBasket">加入购物车</a></div></div></div></div></div></div></div></div>
<div id="J_AttrList"><ul id="J_AttrUL"><li title="&nbsp;Nike/耐克">品牌:&nbsp;Nike/耐克</li><li title="&nbsp;{esc(item.mpn or "")}">货号:&nbsp;{esc(item.mpn or "")}</li></ul></div>
<script>TShop.Setup({jdump({"itemDO": {"itemId": item_id, "title": item.title, "brand": "Nike/耐克", "reservePrice": f"{item.was:.2f}"}, "valItemInfo": {"defSelected": [], "skuMap": {";1627207:28341;": {"price": f"{item.was:.2f}", "stock": 200}}}}, ascii_only=True)});</script>"""
    return page(
        slug,
        f"https://detail.tmall.com/item.htm?id={item_id}",
        "zh-CN",
        "tmall",
        item,
        title=f"{item.title}-tmall.com天猫",
        body=body,
        charset="GBK",
        head='<meta http-equiv="Content-Type" content="text/html; charset=gbk">',
        features=[
            "no-structured-data",
            "legacy-charset",
            "yen-halfwidth",
            "currency-from-language",
            "struck-price",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
        note="Label is the promotion price the page sells at; the list price is in state",
    )


def coupang(slug: str, item: Item, *, product_id: str) -> Page:
    """A Coupang product page: won amounts, an origin price and a sale price, rocket delivery."""
    assert item.price is not None and item.was is not None
    body = f"""<header id="header"><div class="header-wrap"><h1 class="coupang-logo"><a href="https://www.coupang.com/">쿠팡</a></h1><form id="wa-search-form" action="/np/search" method="get"><input type="text" id="headerSearchKeyword" name="q" placeholder="찾고 싶은 상품을 검색해보세요!"></form>
<ul class="icon-menus"><li class="my-coupang more"><a href="https://login.coupang.com/login/login.pang?rtnUrl=https%3A%2F%2Fwww.coupang.com%2Fvp%2Fproducts%2F{product_id}">로그인</a></li><li><a href="https://login.coupang.com/login/memberJoinFrm.pang">회원가입</a></li><li class="cart more"><a href="https://cart.coupang.com/cartView.pang">장바구니</a></li></ul></div></header>
<div class="prod-atf"><div class="prod-image"><img class="prod-image__detail" src="//thumbnail10.coupangcdn.com/thumbnails/remote/492x492ex/image/retail/images/{hexid(slug, 32)}.jpg" alt="{esc(item.title)}"></div>
<div class="prod-buy"><div class="prod-buy-header"><a class="prod-brand-name" href="/np/products/brand-shop?brandName={esc(item.brand or "")}">{esc(item.brand or "")}</a><h2 class="prod-buy-header__title">{esc(item.title)}</h2></div>
<div class="prod-price-container"><div class="prod-price"><div class="prod-origin-price"><span class="discount-rate">{round((1 - item.price / item.was) * 100)}%</span><span class="origin-price">{num(item.was, "en", 0)}원</span></div>
<div class="prod-sale-price"><span class="total-price"><strong>{num(item.price, "en", 0)}<span class="price-unit">원</span></strong></span><span class="delivery-badge"><img src="//image6.coupangcdn.com/image/cmg/icon/ios/logo_rocket_large@3x.png" height="16" alt="로켓배송"></span></div>
<div class="prod-coupon-price"><span class="prod-coupon-price__label">쿠폰할인가</span> <span class="total-price"><strong>{num(item.price - 1000, "en", 0)}원</strong></span></div></div></div>
<div class="prod-shipping-fee-and-pdd-wrapper"><span class="prod-shipping-fee-message">무료배송</span><em class="prod-txt-onyx">내일(목) 6/13 도착 보장</em></div>
<div class="prod-quantity__form"><input type="text" value="1" class="prod-quantity__input"></div><button class="prod-cart-btn" type="button">장바구니 담기</button><button class="prod-buy-btn" type="button">바로구매 &gt;</button>
<div class="prod-vendor-container"><span class="prod-sale-vendor-name">판매자: {esc(item.seller or "")}</span></div></div></div>
<div id="btfTab"><ul class="product-item__table"><li>상품번호: {product_id}</li></ul><div class="prod-description">{esc(item.description)}</div></div>
<footer id="footer"><p>쿠팡(주) 대표이사 : 강한승, 박대준 | 사업자등록번호 : 120-88-00767</p><p>© Coupang Corp. All rights reserved.</p></footer>
<script>window.__PRODUCT_CONTEXT__ = {jdump({"productId": product_id, "itemName": item.title, "salePrice": int(item.price), "originalPrice": int(item.was), "couponPrice": int(item.price - 1000)})};</script>"""
    return page(
        slug,
        f"https://www.coupang.com/vp/products/{product_id}",
        "ko",
        "coupang",
        item,
        title=f"{item.title} - 이어폰 | 쿠팡",
        body=body,
        head=f'<meta property="og:title" content="{esc(item.title)}"><meta property="og:type" content="website">',
        features=[
            "no-structured-data",
            "won-suffix",
            "struck-price",
            "coupon-price",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
        note="The sale price; the coupon price needs a coupon",
    )


def flipkart(slug: str, item: Item, *, pid: str) -> Page:
    """A Flipkart product page: obfuscated classes, rupee amounts, an OTP log-in modal."""
    assert item.price is not None and item.was is not None
    body = f"""<div id="container"><div class="_1kfTjk"><div class="_3qX0zy"><a href="/"><img width="75" src="//static-assets-web.flixcart.com/batman-returns/batman-returns/p/images/fkheaderlogo_exploreplus-44005d.svg" alt="Flipkart" title="Flipkart"></a>
<form class="_2rslOn header-form-search" action="/search" method="GET"><input class="Pke_EE" type="text" title="Search for Products, Brands and More" name="q" autocomplete="off" placeholder="Search for Products, Brands and More" value=""></form>
<a class="_1_3w1N" href="/account/login?ret=/">Login</a><a href="/viewcart" class="_3SkBxJ">Cart</a></div></div>
<div class="_1YokD2 _2GoDe3"><div class="_1YokD2 _3Mn1Gg col-5-12 _78xt5Y"><div class="_3kidJX"><img loading="eager" class="_396cs4 _2amPTt _3qGmMb" alt="{esc(item.title)}" src="https://rukminim2.flixcart.com/image/416/416/{hexid(slug, 8)}/headphone/{hexid(slug + "i", 6)}/boat-rockerz-450-original-imag{hexid(slug, 12)}.jpeg?q=70"></div><button class="_2KpZ6l _2U9uOA _3v1-ww">ADD TO CART</button><button class="_2KpZ6l _2U9uOA ihZ75k _3AWRsL">BUY NOW</button></div>
<div class="_1YokD2 _3Mn1Gg col-8-12"><div class="aMaAEs"><div><h1 class="yhB1nd"><span class="B_NuCI">{esc(item.title)}</span></h1></div>
<div class="_3_L3jD"><div class="gUuXy- _16VRIQ"><span class="_2_R_DZ"><span>4.2 ★</span> 3,12,456 Ratings &amp; 24,310 Reviews</span></div></div>
<div class="dyC4hf"><div class="CEmiEU"><div class="_25b18c"><div class="_30jeq3 _16Jk6d">₹{num(item.price, "in", 0)}</div><div class="_3I9_wc _2p6lqe">₹<!-- -->{num(item.was, "in", 0)}</div><div class="_3Ay6Sb _31Dcoz"><span>{round((1 - item.price / item.was) * 100)}% off</span></div></div></div></div></div>
<div class="_3k-BhJ"><div class="_2cM9lP">Available offers</div><li class="_16eBzU col"><span class="u8dYXW">Bank Offer</span><span>10% off on HDFC Bank Credit Card, up to ₹1,250</span></li><li class="_16eBzU col"><span class="u8dYXW">Special Price</span><span>Get extra 48% off (price inclusive of cashback/coupon)</span></li></div>
<div class="_1RLviY" id="sellerName"><span><span>{esc(item.seller or "")}</span><div class="_3LWZlK _1D-8OL">4.5</div></span></div>
<div class="_1AtVbE col-12-12"><div class="_1mXcCf RmoJUa">{esc(item.description)}</div></div></div></div></div>
<div class="_2Sn47c" role="dialog" aria-label="Login"><div class="_36HLxm col col-3-5"><span class="_36KMOx">Login</span><p class="_1-pxlW">Get access to your Orders, Wishlist and Recommendations</p></div><div class="_1XBjg- col col-3-5"><form autocomplete="on"><div class="IiD88i _351hSN"><input autocomplete="off" type="text" class="_2IX_2- VJZDxU" value="" placeholder="Enter Email/Mobile number"></div><div class="_1D1L_j"><button class="_2KpZ6l _2HKlqd _3AWRsL" type="submit">Request OTP</button></div></form><a class="_14Me7y" href="/account/login?signup=true">New to Flipkart? Create an account</a></div></div>
<script nonce="{hexid(slug, 16)}">window.__INITIAL_STATE__ = {jdump({"pageDataV4": {"page": {"pageData": {"pageContext": {"productId": pid, "titles": {"title": item.title}, "pricing": {"finalPrice": {"value": int(item.price), "currency": "INR"}, "mrp": {"value": int(item.was)}}}}}}})};</script>"""
    return page(
        slug,
        f"https://www.flipkart.com/boat-rockerz-450/p/{pid}?pid={pid}",
        "en",
        "flipkart",
        item,
        title=f"{item.title} Price in India - Buy {item.title} Online - boAt : Flipkart.com",
        body=body,
        features=[
            "no-structured-data",
            "obfuscated-classes",
            "rupee",
            "indian-grouping",
            "struck-price",
            "several-prices",
            "signin-overlay",
            "inline-state",
        ],
    )


def allegro(slug: str, item: Item, *, offer_id: str) -> Page:
    """An Allegro offer: price split into whole and fraction, microdata Product and Offer."""
    assert item.price is not None
    whole, frac = num(item.price, "pl").split(",")
    body = f"""<header class="mp7g_oh mr3m_1 mjyo_6x" data-role="header"><a href="https://allegro.pl/" aria-label="Allegro - przejdź do strony głównej"><svg></svg></a><form action="https://allegro.pl/listing" role="search"><input type="search" name="string" placeholder="czego szukasz?" data-role="search-input"></form>
<a href="https://allegro.pl/logowanie?origin_url=%2Foferta%2F{offer_id}" class="mgn2_14 mp0t_0a" data-role="header-login">Zaloguj się</a><a href="https://allegro.pl/koszyk" data-role="header-cart">Koszyk</a></header>
<div itemscope itemtype="http://schema.org/Product" class="mpof_ki myre_zn m7er_k4"><meta itemprop="sku" content="{offer_id}"><meta itemprop="gtin" content="{item.gtin}">
<div class="msub_k4 mp4t_0"><img src="https://a.allegroimg.com/original/{hexid(slug, 6)}/{hexid(slug, 32)}" alt="{esc(item.title)}" itemprop="image"></div>
<div class="mpof_ki mr3m_1"><h1 class="mp4t_0 mryx_0 mj7a_4 mvrt_8 mgn2_21 mgn2_25_s" itemprop="name">{esc(item.title)}</h1>
<div class="mpof_ki m389_6m" itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="price" content="{item.price:.2f}"><meta itemprop="priceCurrency" content="PLN"><link itemprop="availability" href="http://schema.org/InStock"><link itemprop="itemCondition" href="http://schema.org/NewCondition">
<div aria-label="cena {num(item.price, "pl")} zł" class="mli8_k4 msa3_z4 mqu1_1 mp0t_ji m9qz_yo mgmw_qw mgn2_27 mgn2_30_s"><span class="mli8_k4 msa3_z4">{whole},</span><span class="mgn2_16 mgn2_17_s">{frac}</span> <span class="mgn2_16">zł</span></div></div>
<div class="mpof_ki"><span>Smart!</span> <span>darmowa dostawa</span></div><div class="_1e32a_2PvOZ">z kurierem 19,99 zł</div>
<div class="mpof_z0"><button type="button" class="mgn2_14 mp0t_0a mgmw_wo mqu1_21" data-role="add-to-cart-button">Dodaj do koszyka</button><button type="button" data-role="buy-now-button">Kup teraz</button></div>
<div class="msts_pt" data-box-name="Seller info"><span>Sprzedawca</span> <a href="https://allegro.pl/uzytkownik/{esc(item.seller or "")}">{esc(item.seller or "")}</a> <span>99,6% poleca</span></div>
<div class="mpof_ki" data-box-name="Parameters"><table><tr><td>Marka</td><td itemprop="brand">{esc(item.brand or "")}</td></tr><tr><td>Stan</td><td>Nowy</td></tr><tr><td>EAN (GTIN)</td><td>{item.gtin}</td></tr></table></div></div></div>
<section data-box-name="Recommendations"><h2>Inni kupili także</h2><ul>{related(slug, "{n} zł", "pl", ["Pad DualSense", "Stacja ładująca", "Gra EA FC 25", "Słuchawki Pulse"])}</ul></section>
<footer><a href="https://allegro.pl/regulamin">Regulamin</a> <a href="https://allegro.pl/pomoc">Pomoc</a></footer>"""
    return page(
        slug,
        f"https://allegro.pl/oferta/{slug.removeprefix('allegro-')}-{offer_id}",
        "pl",
        "allegro",
        item,
        title=f"{item.title} - Allegro",
        body=body,
        features=["microdata", "price-split", "several-prices", "header-signin-link"],
    )


def ozon(slug: str, item: Item, *, sku: str) -> Page:
    """An Ozon product page whose JSON-LD gives the currency as the obsolete code ``RUR``."""
    assert item.price is not None and item.was is not None
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": "4.9",
            "reviewCount": "2381",
        },
        "brand": item.brand,
        "description": item.description,
        "image": f"https://cdn1.ozone.ru/s3/multimedia-1-{hexid(slug, 1)}/{digits(slug, 10)}.jpg",
        "name": item.title,
        "offers": {
            "@type": "Offer",
            "availability": "https://schema.org/InStock",
            "price": str(int(item.price)),
            "priceCurrency": "RUR",
            "url": f"https://www.ozon.ru/product/{slug.removeprefix('ozon-')}-{sku}/",
        },
        "sku": sku,
    }
    body = f"""<div id="__ozon"><header class="a0f"><a href="/" class="a0f1">OZON</a><form action="/search/" class="a0f2"><input name="text" placeholder="Искать на Ozon"></form><a href="/my/main" class="a0f3" data-widget="profileMenuAnonymous"><span>Войти</span></a><a href="/cart" class="a0f4">Корзина</a></header>
<div data-widget="webProductHeading" class="m9k_27"><h1 class="m9k_27 tsHeadline550Medium">{esc(item.title)}</h1></div>
<div data-widget="webGallery"><img src="https://cdn1.ozone.ru/s3/multimedia-1-{hexid(slug, 1)}/wc1000/{digits(slug, 10)}.jpg" alt="{esc(item.title)}"></div>
<div data-widget="webPrice" class="l8m_27"><div class="lm5_27"><span class="m5l_27 ml6_27 m6l_27">{num(item.price, "ru", 0)}&thinsp;₽</span><span class="lm6_27 l6m_27 ml9_27">{num(item.was, "ru", 0)}&thinsp;₽</span></div><span class="b2111-a0">-{round((1 - item.price / item.was) * 100)}%</span></div>
<div data-widget="webAddToCart"><button class="b2113-a0 b2113-b4 b2113-b1">Добавить в корзину</button></div>
<div data-widget="webCurrentSeller"><span>Продавец</span> <a href="/seller/{hexid(slug, 8)}/">{esc(item.seller or "")}</a></div>
<div data-widget="webCharacteristics"><dl><dt>Артикул</dt><dd>{sku}</dd><dt>Бренд</dt><dd>{esc(item.brand or "")}</dd></dl></div>
<div data-widget="skuShelfGoods"><h2>Похожие товары</h2><ul>{related(slug, "{n} ₽", "ru", ["Чехол MagSafe", "Защитное стекло", "Зарядка 20W", "AirPods Pro 2"])}</ul></div></div>
<script>window.__NUXT__ = {jdump({"state": {"trackingPayloads": {"sku": sku, "price": int(item.price)}}})};</script>"""
    return page(
        slug,
        f"https://www.ozon.ru/product/{slug.removeprefix('ozon-')}-{sku}/",
        "ru",
        "ozon",
        item,
        title=f"{item.title} купить на OZON по низкой цене",
        head=ld(data),
        body=body,
        features=[
            "json-ld",
            "obsolete-currency-rur",
            "struck-price",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
    )


# -- the Gulf, Turkey ---------------------------------------------------------------------------


def noon(slug: str, item: Item, *, sku: str) -> Page:
    """A noon.com (Saudi, Arabic) product page: right-to-left, riyal sign in Arabic, Next.js state."""
    assert item.price is not None and item.was is not None
    body = f"""<div id="__next"><header class="Header_header__XcP7m"><a href="/saudi-ar/" class="Header_logo__Lg2Ps">noon</a><form action="/saudi-ar/search/"><input name="q" placeholder="ما الذي تبحث عنه؟" dir="rtl"></form><a href="/saudi-ar/account_mobile/" class="Header_login__Q1p0T">تسجيل الدخول</a><a href="/saudi-ar/cart/">العربة</a></header>
<main class="ProductDetailsWrapper_container__lG6bR"><div class="GalleryV2_container"><img src="https://f.nooncdn.com/p/pnsku/{sku}/45/_/{digits(slug, 10)}/1.jpg?format=avif&amp;width=800" alt="{esc(item.title)}"></div>
<div class="CoreDetails_container__8GZk3"><div class="BrandStoreCTA_brand__QpuF4"><a href="/saudi-ar/samsung/">{esc(item.brand or "")}</a></div><h1 class="ProductTitle_title__M8Hzq" data-qa="pdp-name-{sku}">{esc(item.title)}</h1>
<div class="PriceOfferV2_priceWrapper__VDYX2"><div class="PriceOfferV2_priceWas__QeTuN" data-qa="div-price-was">قبل: <span class="PriceOfferV2_strikethrough__b6NJt">{num(item.was)}</span></div>
<div class="PriceOfferV2_priceNowText__fk5kK" data-qa="div-price-now">الآن: <span class="PriceOfferV2_priceNow__9DJvH">ر.س.‏ <strong>{num(item.price)}</strong></span> <span class="PriceOfferV2_vatText">شامل ضريبة القيمة المضافة</span></div>
<div class="PriceOfferV2_profit__mb4N2">وفر: <span>ر.س.‏ {num(item.was - item.price)}</span> <span class="PriceOfferV2_profitPercentage">{round((1 - item.price / item.was) * 100)}٪</span></div></div>
<div class="DeliveryInfo_container">توصيل مجاني</div><button class="AddToCart_addToCartBtn__6Bss4" data-qa="pdp-add-to-cart">أضف إلى العربة</button>
<div class="SellerDetails_container"><span>يُباع بواسطة</span> <a href="/saudi-ar/seller/p-{digits(slug, 5)}/">{esc(item.seller or "")}</a></div></div></main></div>
<script id="__NEXT_DATA__" type="application/json">{jdump({"props": {"pageProps": {"catalog": {"product": {"sku": sku, "product_title": item.title, "brand": item.brand, "variants": [{"offers": [{"sale_price": float(item.price), "price": float(item.was), "currency": "SAR", "store_name": item.seller}]}]}}}}, "page": "/[locale]/[...slug]"})}</script>"""
    return page(
        slug,
        f"https://www.noon.com/saudi-ar/{slug.removeprefix('noon-')}/{sku}/p/",
        "ar",
        "noon",
        item,
        title=f"{item.title} | نون السعودية",
        body=body,
        features=[
            "no-structured-data",
            "rtl",
            "arabic-currency-sign",
            "struck-price",
            "several-prices",
            "inline-state",
            "next-data",
            "header-signin-link",
        ],
    )


def salla(slug: str, item: Item, *, host: str, pid: str) -> Page:
    """A Salla-hosted Saudi shop: Arabic-Indic digits, OpenGraph amount without a currency."""
    assert item.price is not None and item.was is not None
    shown = arabic_digits(num(item.price, "en", 0))
    was = arabic_digits(num(item.was, "en", 0))
    body = f"""<div class="app-inner"><header class="store-header"><a href="https://{host}" class="navbar-brand"><img src="https://cdn.salla.sa/{hexid(slug, 5)}/logo.png" alt="متجر الفخامة"></a><salla-search placeholder="ابحث في المتجر"></salla-search>
<salla-user-menu><a href="https://{host}/login" class="header-btn">تسجيل الدخول</a></salla-user-menu><salla-cart-summary><a href="https://{host}/cart">السلة ٠ ر.س</a></salla-cart-summary></header>
<main class="main-content"><section class="product-single"><div class="product-gallery"><img src="https://cdn.salla.sa/{hexid(slug, 5)}/{hexid(slug, 30)}.jpg" alt="{esc(item.title)}"></div>
<div class="product-details"><h1 class="product-title text-xl font-bold">{esc(item.title)}</h1>
<div class="price-wrapper"><h2 class="total-price text-red-800 font-bold text-xl inline-block">{shown} ر.س</h2> <span class="before-price text-gray-500 line-through">{was} ر.س</span></div>
<p class="text-sm">السعر شامل الضريبة</p><salla-quantity-input value="1"></salla-quantity-input><salla-add-product-button product-id="{pid}" class="btn btn-primary">إضافة للسلة</salla-add-product-button><salla-mini-checkout-widget>اشتر الآن</salla-mini-checkout-widget>
<article class="product-description">{esc(item.description)}</article></div></section></main>
<footer class="store-footer"><p>جميع الحقوق محفوظة لـ متجر الفخامة ٢٠٢٤</p><p>صنع بإتقان على منصة سلة</p></footer></div>"""
    head = (
        f'<meta property="og:type" content="product"><meta property="og:title" content="{esc(item.title)}">'
        f'<meta property="product:price:amount" content="{item.price}"><meta property="og:url" content="https://{host}/ar/{slug}/p{pid}">'
    )
    return page(
        slug,
        f"https://{host}/ar/{slug.removeprefix('salla-')}/p{pid}",
        "ar",
        "salla",
        item,
        title=f"{item.title} - متجر الفخامة",
        head=head,
        body=body,
        features=[
            "opengraph-product-no-currency",
            "rtl",
            "arabic-indic-digits",
            "arabic-currency-sign",
            "currency-from-symbol",
            "struck-price",
            "header-signin-link",
        ],
    )


def trendyol(slug: str, item: Item, *, content_id: str) -> Page:
    """A Trendyol product page: "TL" amounts, JSON-LD, an initial-state global."""
    assert item.price is not None and item.was is not None
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": f"/nike/x-p-{content_id}",
        "name": item.title,
        "brand": {"@type": "Brand", "name": item.brand},
        "sku": content_id,
        "gtin13": item.gtin,
        "offers": {
            "@type": "Offer",
            "url": f"/nike/x-p-{content_id}",
            "priceCurrency": "TRY",
            "price": f"{item.price:.2f}",
            "itemCondition": "https://schema.org/NewCondition",
            "availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": item.seller},
        },
    }
    state = {
        "product": {
            "id": int(content_id),
            "name": item.title,
            "brand": {"name": item.brand},
            "price": {
                "sellingPrice": {"value": float(item.price), "text": f"{num(item.price, 'tr')} TL"},
                "originalPrice": {"value": float(item.was), "text": f"{num(item.was, 'tr')} TL"},
                "currency": "TRY",
            },
            "merchant": {"name": item.seller},
        }
    }
    body = f"""<div id="header"><div class="header-container"><a href="/" class="logo">trendyol</a><div class="search-box-container"><input class="V8wbcUhU" placeholder="Aradığınız ürün, kategori veya markayı yazınız" data-testid="suggestion"></div>
<div class="account-nav-item user-login-container"><div class="link account-user"><p class="link-text">Giriş Yap</p></div></div><a class="account-nav-item basket-preview" href="/sepet"><p class="link-text">Sepetim</p></a></div></div>
<div class="product-container"><div class="gallery-container"><img loading="lazy" src="https://cdn.dsmcdn.com/mnresize/1200/1800/ty{digits(slug, 4)}/product/media/images/prod/QC/{digits(slug, 8)}/{hexid(slug, 32)}/1_org_zoom.jpg" alt="{esc(item.title)}"></div>
<div class="product-detail-container"><h1 class="pr-new-br" data-drroot="h1"><a href="/nike-x-b44">{esc(item.brand or "")}</a><span> {esc(item.title.removeprefix((item.brand or "") + " "))}</span></h1>
<div class="product-price-container"><div class="pr-bx-w"><div class="pr-bx-nm with-org-prc"><span class="prc-org">{num(item.was, "tr")} TL</span><span class="prc-dsc">{num(item.price, "tr")} TL</span></div></div></div>
<div class="campaign-text">2. Ürüne %10 İndirim</div><button class="add-to-basket" type="button"><div class="add-to-basket-button-text">Sepete Ekle</div></button>
<div class="merchant-box-wrapper"><a class="merchant-text" href="/magaza/{esc(item.seller or "")}-m-{digits(slug, 6)}">{esc(item.seller or "")}</a><div class="sl-pn">9.6</div></div></div></div>
<div class="detail-attr-container"><ul><li class="detail-attr-item"><span>Barkod</span><b>{item.gtin}</b></li></ul></div>
<footer class="footer"><p>©2024 DSM Grup Danışmanlık İletişim ve Satış Tic. A.Ş.</p></footer>
<script type="application/javascript">window.__PRODUCT_DETAIL_APP_INITIAL_STATE__={jdump(state)};window.TYPageName="product_detail";</script>"""
    return page(
        slug,
        f"https://www.trendyol.com/nike/{slug.removeprefix('trendyol-')}-p-{content_id}",
        "tr",
        "trendyol",
        item,
        title=f"{item.title} Fiyatı, Yorumları - Trendyol",
        head=ld(data),
        body=body,
        features=[
            "json-ld",
            "currency-tl",
            "struck-price",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
    )


def hepsiburada(slug: str, item: Item, *, sku: str) -> Page:
    """A Hepsiburada product page: price split across knockout-bound spans, no structured data."""
    assert item.price is not None
    whole, frac = num(item.price, "tr").split(",")
    body = f"""<header id="header"><a href="https://www.hepsiburada.com/" title="Hepsiburada" class="sf-logo">hepsiburada</a><div class="sf-search"><input type="text" placeholder="Ürün, kategori veya marka ara" class="searchBoxOld-M1esH9mRFXEuI9rsjrJ_"></div>
<div id="myAccount"><a href="https://giris.hepsiburada.com/?ReturnUrl=https%3A%2F%2Fwww.hepsiburada.com%2F" id="login" class="sf-OldMyAccount-PhY-T4vHVW6w_uxpRqIq">Giriş Yap</a><span>veya üye ol</span></div><a href="https://checkout.hepsiburada.com/sepetim" id="shoppingCart">Sepetim</a></header>
<div class="product-detail-module"><div class="product-image-wrapper"><img class="product-image" src="https://productimages.hepsiburada.net/s/{digits(slug, 3)}/375-375/{digits(slug, 14)}.jpg" alt="{esc(item.title)}"></div>
<section class="detail-main"><header class="title-wrapper"><h1 class="product-name best-price-trick" id="product-name" data-bind="text: product().name">{esc(item.title)}</h1><span class="brand-name"><a href="/philips-xc-{digits(slug, 4)}" data-bind="attr: {{ href: product().brand.url }}">{esc(item.brand or "")}</a></span></header>
<div id="offering-price" class="extra-discount-price" data-bind="css: {{ 'extra-discount-price': hasExtraDiscount() }}" content="{item.price}"><span data-bind="markupText:'currentPriceBeforePoint'">{whole}</span>,<span data-bind="markupText:'currentPriceAfterPoint'">{frac}</span> <span data-bind="text: currency">TL</span></div>
<div class="shipping-info">Yarın kargoda</div><button id="addToCart" class="button big with-icon">Sepete ekle</button>
<div class="seller-container"><span class="seller-label">Satıcı:</span> <a class="merchantStore" href="/magaza/{esc(item.seller or "")}">{esc(item.seller or "")}</a> <span class="merchant-rating">9,4</span></div></section></div>
<div class="list-section"><h2>Benzer ürünler</h2><ul>{related(slug, "{n},90 TL", "tr", ["Philips Saç Kurutma", "Philips Tıraş Makinesi", "Braun Epilatör"])}</ul></div>
<footer class="footer"><p>© 2024 D-MARKET Elektronik Hizmetler ve Ticaret A.Ş.</p></footer>
<script>var productModel = {jdump({"product": {"sku": sku, "name": item.title, "price": float(item.price)}})};</script>"""
    return page(
        slug,
        f"https://www.hepsiburada.com/{slug.removeprefix('hepsiburada-')}-p-{sku}",
        "tr",
        "hepsiburada",
        item,
        title=f"{item.title} Fiyatı - Hepsiburada",
        body=body,
        features=[
            "no-structured-data",
            "price-split",
            "currency-tl",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
    )


# -- Korea, South-East Asia, Taiwan --------------------------------------------------------------


def cafe24(slug: str, item: Item, *, host: str, product_no: str) -> Page:
    """A cafe24 shop (Korea): a spec table with "판매가", price globals in an inline script."""
    assert item.price is not None
    body = f"""<div id="wrap"><div id="header"><div class="topArea"><h1 class="xans-element- xans-layout xans-layout-logotop "><a href="/index.html">서울 스트릿웨어</a></h1>
<ul class="xans-element- xans-layout xans-layout-statelogoff "><li><a href="/member/login.html">로그인</a></li><li><a href="/member/agreement.html">회원가입</a></li><li><a href="/order/basket.html">장바구니</a></li><li><a href="/myshop/order/list.html">주문조회</a></li></ul></div></div>
<div id="contents"><div class="xans-element- xans-product xans-product-detail"><div class="detailArea"><div class="imgArea"><div class="keyImg"><img src="//{host}/web/product/big/{digits(slug, 6)}/{hexid(slug, 32)}.jpg" alt="{esc(item.title)}" class="BigImage"></div></div>
<div class="infoArea"><div class="headingArea"><h2>{esc(item.title)}</h2></div>
<div class="xans-element- xans-product xans-product-detaildesign"><table border="1" summary=""><tbody><tr class=" xans-record-"><th scope="row"><span style="font-size:12px;color:#555555;">상품명</span></th><td><span style="font-size:12px;color:#555555;">{esc(item.title)}</span></td></tr>
<tr class=" xans-record-"><th scope="row"><span style="font-size:12px;color:#555555;font-weight:bold;">판매가</span></th><td><span style="font-size:12px;color:#555555;font-weight:bold;"><strong id="span_product_price_text">{num(item.price, "en", 0)}원</strong><input id="product_price" name="product_price" value="" type="hidden"></span></td></tr>
<tr class=" xans-record-"><th scope="row"><span style="font-size:12px;color:#555555;">적립금</span></th><td><span style="font-size:12px;color:#555555;">{num(item.price / 100, "en", 0)}원 (1%)</span></td></tr>
<tr class=" xans-record-"><th scope="row"><span style="font-size:12px;color:#555555;">배송비</span></th><td><span class="delv_price_B"><strong>3,000원</strong> (50,000원 이상 구매 시 무료)</span></td></tr></tbody></table></div>
<div class="xans-element- xans-product xans-product-action "><div class="ec-base-button"><a href="#none" class="first " onclick="product_submit(1, '/exec/front/order/basket/', this)"><span id="btnBuy">바로구매</span></a><a href="#none" class="" onclick="product_submit(2, '/exec/front/order/basket/', this)"><span id="actionCart">장바구니</span></a></div></div></div></div></div></div>
<div id="footer"><p>상호명: 서울스트릿웨어 | 대표: 김민수 | 사업자등록번호: 123-45-67890 | 통신판매업신고: 제2024-서울마포-1234호</p></div></div>
<script type="text/javascript">var iProductNo = '{product_no}';var iCategoryNo = '24';var iDisplayGroup = '1';var EC_SHOP_FRONT_NEW_OPTION_COMMON = {{}};var product_name = '{esc(item.title)}';var product_price = '{int(item.price)}';var basket_type = 'A0000';var has_option = 'T';</script>"""
    head = f'<meta property="og:title" content="{esc(item.title)}"><meta property="og:type" content="website"><meta property="og:url" content="https://{host}/product/detail.html?product_no={product_no}">'
    return page(
        slug,
        f"https://{host}/product/detail.html?product_no={product_no}",
        "ko",
        "cafe24",
        item,
        title=f"{item.title} - 서울 스트릿웨어",
        head=head,
        body=body,
        features=[
            "no-structured-data",
            "won-suffix",
            "currency-from-domain",
            "table-layout",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
    )


def naver_smartstore(slug: str, item: Item, *, store: str, product_no: str) -> Page:
    """A Naver Smart Store product: JSON-LD, a discounted price next to the list price."""
    assert item.price is not None and item.was is not None
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.title,
        "brand": {"@type": "Brand", "name": item.brand},
        "offers": {
            "@type": "Offer",
            "price": str(int(item.price)),
            "priceCurrency": "KRW",
            "availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": item.seller},
        },
    }
    body = f"""<div id="content"><div class="_2-I30XS1lA"><a href="https://smartstore.naver.com/{store}" class="_1vVKEk_wsi">{esc(item.seller or "")}</a><a href="https://nid.naver.com/nidlogin.login?url=https%3A%2F%2Fsmartstore.naver.com%2F{store}" class="_1vqP7HpZ3c">로그인</a></div>
<div class="_2bHBVWOjZr"><div class="_23RpOU6xpc"><img src="https://shop-phinf.pstatic.net/{digits(slug, 8)}_{hexid(slug, 6)}/{hexid(slug, 16)}.jpg?type=m510" alt="{esc(item.title)}"></div>
<fieldset class="_3VU8dFbFdU"><h3 class="_22kNQuEXmb _copyable">{esc(item.title)}</h3>
<div class="_1l2Q4RP1yD"><del class="VaZJPclpdJ"><span class="blind">정가</span><span class="_1LY7DqCnwR">{num(item.was, "en", 0)}</span>원</del><strong class="aICRqgP9zw _2BRwVjjzW2"><span class="blind">할인가</span><span class="_1LY7DqCnwR">{num(item.price, "en", 0)}</span><span class="won">원</span></strong><span class="_1G-IvlyANt">{round((1 - item.price / item.was) * 100)}%</span></div>
<div class="_2x6ErdBzbL">배송비 무료</div><a href="#" class="_2-uvQuRWK5 _3fy0j7e8kB N=a:pcs.buy">구매하기</a><a href="#" class="_3fy0j7e8kB N=a:pcs.mycart">장바구니</a></fieldset></div></div>
<script>window.__PRELOADED_STATE__={jdump({"product": {"A": {"id": product_no, "name": item.title, "salePrice": int(item.was), "discountedSalePrice": int(item.price), "channel": {"channelName": item.seller}}}})}</script>"""
    return page(
        slug,
        f"https://smartstore.naver.com/{store}/products/{product_no}",
        "ko",
        "naver",
        item,
        title=f"{item.title} : {item.seller}",
        head=ld(data),
        body=body,
        features=[
            "json-ld",
            "won-suffix",
            "struck-price",
            "several-prices",
            "header-signin-link",
            "inline-state",
        ],
    )


def shopee(
    slug: str,
    item: Item,
    *,
    host: str,
    lang: str,
    ids: str,
    shown: str,
    was: str,
    jsonld: dict[str, Any] | None,
    labels: tuple[str, str, str],
    features: tuple[str, ...] = (),
) -> Page:
    """A Shopee product page (rendered): hashed classes, optional JSON-LD with a price range."""
    add, buy, login = labels
    body = f"""<div id="main"><div class="shopee-top container-wrapper"><nav class="navbar-wrapper container"><a href="https://seller.{host.removeprefix("shopee.")}" class="navbar__link">Seller Centre</a><ul class="navbar__links"><li><a class="navbar__link navbar__link--account navbar__link--tappable navbar__link--hoverable navbar__link--login" href="/buyer/login?next=https%3A%2F%2F{host}%2F">{login}</a></li></ul></nav>
<div class="shopee-searchbar"><form role="search" class="shopee-searchbar-input"><input class="shopee-searchbar-input__input" maxlength="128" placeholder="Shopee" autocomplete="off"></form></div></div>
<div class="page-product"><div class="container"><section class="flex flex-auto YTDXQ0"><div class="xxW0BG"><img class="uXN1L5 lazyload" src="https://down-th.img.susercontent.com/file/{hexid(slug, 32)}" alt="{esc(item.title)}"></div>
<section class="flex-auto flex-column swTqJe"><div class="WBVL_7"><h1 class="vR6K3w">{esc(item.title)}</h1></div>
<div class="flex flex-column IFdRIb"><div class="flex items-center"><div class="flex items-center"><div class="IZPeQz B67UQ0">{shown}</div>{f'<div class="ZA5sW5">{was}</div>' if was else ""}</div></div></div>
<div class="flex items-center"><button type="button" class="btn btn-tinted btn--l YuENex eFAm_w" aria-disabled="false"><span>{add}</span></button><button type="button" class="btn btn-solid-primary btn--l YuENex">{buy}</button></div></section></section>
<section class="page-product__shop"><div class="fV3TIn"><div class="VlDReK">{esc(item.seller or "")}</div></div></section></div></div></div>"""
    feats = ["hashed-classes", "header-signin-link", *features]
    feats.append("json-ld" if jsonld else "no-structured-data")
    return page(
        slug,
        f"https://{host}/{slug.split('-', 2)[-1]}-i.{ids}",
        lang,
        "shopee",
        item,
        title=f"{item.title} | Shopee",
        head=ld(jsonld) if jsonld else "",
        body=body,
        features=feats,
    )


def pchome(slug: str, item: Item, *, prod: str) -> Page:
    """A PChome 24h product (Taiwan): a bare dollar sign that means New Taiwan dollars."""
    assert item.price is not None
    body = f"""<div id="HeaderContainer"><a href="https://24h.pchome.com.tw/" id="logo">PChome 24h購物</a><form id="search_form"><input id="keyword" placeholder="搜尋商品"></form><a href="https://ecvip.pchome.com.tw/login/v3/login.htm?rurl=https%3A%2F%2F24h.pchome.com.tw%2Fprod%2F{prod}" id="loginBtn">登入</a><a href="https://ecssl.pchome.com.tw/sys/cflow/fsindex/BigCar/BIGCAR/ItemList">購物車</a></div>
<div id="ProdContainer"><div class="c-prodInfoV2__img"><img src="https://cs-a.ecimg.tw/items/{prod}/000001_{digits(slug, 10)}.jpg" alt="{esc(item.title)}"></div>
<div class="c-prodInfoV2__head"><h1 class="o-prodMainName o-prodMainName--prodNick">{esc(item.title)}</h1><div class="c-prodInfoV2__slogan">★熱銷推薦 ★全台保固兩年</div></div>
<div class="c-prodInfoV2__priceBar"><div class="c-prodInfoV2__priceBlock"><div class="c-prodInfoV2__priceValue c-prodInfoV2__priceValue--m">${num(item.price, "en", 0)}</div><div class="c-prodInfoV2__salePrice">網路價 <del>${num(item.was or item.price, "en", 0)}</del></div></div></div>
<div class="c-prodInfoV2__btnGroup"><button class="btn btn--primary" id="ButtonContainer">加入購物車</button><button class="btn" id="BuyBtn">一次付清</button></div>
<dl class="c-prodInfoV2__spec"><dt>商品編號</dt><dd>{prod}</dd><dt>品牌</dt><dd>{esc(item.brand or "")}</dd></dl></div>
<div id="Footer"><p>網路家庭國際資訊股份有限公司 版權所有 © PChome Online Inc.</p></div>
<script>window.__PRELOADED_STATE__={jdump({"prod": {"Id": prod, "Name": item.title, "Price": {"P": int(item.price), "M": int(item.was or item.price)}}})};</script>"""
    return page(
        slug,
        f"https://24h.pchome.com.tw/prod/{prod}",
        "zh-TW",
        "pchome",
        item,
        title=f"{item.title} - PChome 24h購物",
        body=body,
        features=[
            "no-structured-data",
            "ambiguous-dollar",
            "currency-from-domain",
            "struck-price",
            "header-signin-link",
            "inline-state",
        ],
    )


# -- Africa, Europe, North America ---------------------------------------------------------------


def generic_spa(
    slug: str,
    item: Item,
    *,
    url: str,
    lang: str,
    platform: str,
    title: str,
    header: str,
    main: str,
    state: str = "",
    head: str = "",
    features: tuple[str, ...] = (),
    note: str | None = None,
) -> Page:
    """A single-page-app shop as rendered: site header, main markup, an inline state script."""
    body = f'{header}\n<main>{main}</main>\n<footer class="site-footer"><p>© 2024 {esc(platform)}</p></footer>\n{state}'
    return page(
        slug,
        url,
        lang,
        platform,
        item,
        title=title,
        head=head,
        body=body,
        features=list(features),
        note=note,
    )


def _hdr(cls: str, logo: str, login_href: str, login: str, search: str) -> str:
    return (
        f'<header class="{cls}"><a href="/" class="{cls}__logo">{esc(logo)}</a><form action="/search" role="search"><input name="q" placeholder="{esc(search)}"></form>'
        f'<a href="{login_href}" class="{cls}__account">{esc(login)}</a><a href="/cart" class="{cls}__cart">Cart</a></header>'
    )


def listings() -> list[Page]:
    """Regional marketplaces and shops."""
    pages = [
        mercadolibre(
            "ml-br-tenis-nike-air-max-sc",
            Item(
                "Tênis Nike Air Max Sc Masculino",
                D("399.90"),
                "BRL",
                brand="Nike",
                seller="NIKE STORE OFICIAL",
                was=D("499.90"),
                description="Tênis com unidade Max Air visível e cabedal em couro.",
            ),
            host="www.mercadolivre.com.br",
            lang="pt-BR",
            site_id="MLB",
            item_id="MLB19876543",
            sym="R$",
            group=".",
            cents=True,
            jsonld=True,
            installments="em <span>10x R$ 39,99</span> sem juros",
        ),
        mercadolibre(
            "ml-ar-zapatillas-adidas-forum",
            Item(
                "Zapatillas adidas Forum Low Blanco Hombre",
                D("189999"),
                "ARS",
                brand="adidas",
                seller="ADIDAS ARGENTINA",
                was=D("259999"),
                description="Zapatillas urbanas de cuero con cierre de abrojo.",
            ),
            host="www.mercadolibre.com.ar",
            lang="es-AR",
            site_id="MLA",
            item_id="MLA1456789012",
            sym="$",
            group=".",
            cents=False,
            jsonld=False,
            installments="Mismo precio en 6 cuotas de <span>$ 31.666</span>",
            features=("ambiguous-dollar", "currency-from-domain", "thousands-dot-no-decimals"),
        ),
        mercadolibre(
            "ml-mx-audifonos-sony",
            Item(
                "Audífonos Inalámbricos Sony WH-1000XM5 Negro",
                D("5499"),
                "MXN",
                brand="Sony",
                seller="Sony Store",
                was=D("7999"),
                description="Cancelación de ruido líder en la industria, 30 h de batería.",
            ),
            host="www.mercadolibre.com.mx",
            lang="es-MX",
            site_id="MLM",
            item_id="MLM2345678901",
            sym="$",
            group=",",
            cents=False,
            jsonld=True,
            installments="en 12 meses de <span>$458.25</span>",
            features=("ambiguous-dollar",),
        ),
        rakuten_classic(
            "rakuten-nike-af1",
            Item(
                "ナイキ エアフォース1 07 ホワイト メンズ スニーカー CW2288-111 NIKE AIR FORCE 1",
                D("12980"),
                "JPY",
                brand="NIKE",
                seller="スニーカーショップ ABC",
                mpn="CW2288-111",
                was=D("15400"),
                description="定番のエアフォース1。国内正規品。",
            ),
            shop="sneaker-abc",
            code="cw2288-111",
        ),
        jd(
            "jd-iphone-15",
            Item(
                "Apple/苹果 iPhone 15 (A3092) 128GB 黑色 支持移动联通电信5G 双卡双待手机",
                D("5999.00"),
                "CNY",
                brand="Apple",
                seller="Apple产品京东自营旗舰店",
                sku="100066896338",
            ),
            sku="100066896338",
            plus=D("5899.00"),
        ),
        tmall(
            "tmall-nike-af1",
            Item(
                "Nike耐克官方AIR FORCE 1 空军一号男子运动鞋板鞋 CW2288",
                D("599.00"),
                "CNY",
                brand="Nike",
                seller="Nike官方旗舰店",
                mpn="CW2288-111",
                was=D("799.00"),
            ),
            item_id="678901234567",
        ),
        coupang(
            "coupang-galaxy-buds",
            Item(
                "삼성전자 갤럭시 버즈2 프로 블루투스 이어폰",
                D("169000"),
                "KRW",
                brand="삼성전자",
                seller="쿠팡",
                was=D("289000"),
                description="인텔리전트 ANC, 24bit Hi-Fi 사운드.",
            ),
            product_id="6543210987",
        ),
        flipkart(
            "flipkart-boat-rockerz-450",
            Item(
                "boAt Rockerz 450 Bluetooth Headset  (Luscious Black, On the Ear)",
                D("1299"),
                "INR",
                brand="boAt",
                seller="RetailNet",
                was=D("3990"),
                description="15 hours playback, 40mm drivers, padded ear cushions.",
            ),
            pid="ACCFHZFZMFSGHZ5T",
        ),
        allegro(
            "allegro-konsola-ps5-slim",
            Item(
                "Konsola Sony PlayStation 5 Slim 1TB z napędem",
                D("2249.00"),
                "PLN",
                brand="Sony",
                seller="techmarket_pl",
                gtin="0711719577294",
            ),
            offer_id="15234567890",
        ),
        ozon(
            "ozon-iphone-15-pro-256",
            Item(
                "Смартфон Apple iPhone 15 Pro 256 ГБ, титановый",
                D("109990"),
                "RUB",
                brand="Apple",
                seller="iStore Official",
                sku="1201234567",
                was=D("139990"),
                description="Титановый корпус, чип A17 Pro.",
            ),
            sku="1201234567",
        ),
        noon(
            "noon-galaxy-watch6-classic",
            Item(
                "ساعة سامسونج جالاكسي واتش 6 كلاسيك 47 مم بلوتوث، أسود",
                D("1299.00"),
                "SAR",
                brand="Samsung",
                seller="noon",
                was=D("1599.00"),
            ),
            sku="N53412345A",
        ),
        salla(
            "salla-dior-sauvage",
            Item(
                "عطر ديور سوفاج أو دو بارفان 100 مل",
                D("450"),
                "SAR",
                brand="Dior",
                seller="متجر الفخامة",
                was=D("620"),
                description="عطر رجالي فاخر بنفحات خشبية.",
            ),
            host="matjar-alfakhama.com",
            pid="1876543210",
        ),
        trendyol(
            "trendyol-nike-air-force-1",
            Item(
                "Nike Air Force 1 '07 Erkek Beyaz Sneaker",
                D("3899.99"),
                "TRY",
                brand="Nike",
                seller="Nike",
                gtin="0194956623456",
                was=D("4299.99"),
            ),
            content_id="345678901",
        ),
        hepsiburada(
            "hepsiburada-philips-airfryer",
            Item(
                "Philips HD9252/90 Essential Airfryer 4.1 L",
                D("2849.90"),
                "TRY",
                brand="Philips",
                seller="MarkaPlus",
            ),
            sku="HBV00000ABCDE",
        ),
        cafe24(
            "cafe24-overfit-hoodie",
            Item("오버핏 후드티 블랙 (남녀공용)", D("39000"), "KRW", seller="서울 스트릿웨어"),
            host="www.seoulstreetwear.co.kr",
            product_no="1234",
        ),
        naver_smartstore(
            "naver-smartstore-sulwhasoo",
            Item(
                "설화수 윤조에센스 90ml 6세대",
                D("126000"),
                "KRW",
                brand="설화수",
                seller="뷰티하우스",
                was=D("150000"),
            ),
            store="beautyhouse",
            product_no="8765432109",
        ),
        shopee(
            "shopee-th-iphone-case",
            Item(
                "เคสไอโฟน 15 Pro Max กันกระแทก ขอบนิ่ม ใส", D("290"), "THB", seller="CaseCity Official"
            ),
            host="shopee.co.th",
            lang="th",
            ids="123456789.23456789012",
            shown="฿290 - ฿350",
            was="฿590",
            jsonld={
                "@context": "http://schema.org",
                "@type": "Product",
                "name": "เคสไอโฟน 15 Pro Max กันกระแทก ขอบนิ่ม ใส",
                "offers": {
                    "@type": "AggregateOffer",
                    "lowPrice": "290.00",
                    "highPrice": "350.00",
                    "priceCurrency": "THB",
                    "availability": "http://schema.org/InStock",
                },
            },
            labels=("เพิ่มไปยังรถเข็น", "ซื้อสินค้า", "เข้าสู่ระบบ"),
            features=("aggregate-offer", "price-range", "several-prices"),
        ),
        shopee(
            "shopee-vn-ao-thun",
            Item(
                "Áo thun nam cổ tròn cotton 100% form rộng",
                D("189000"),
                "VND",
                seller="Local Brand VN",
            ),
            host="shopee.vn",
            lang="vi",
            ids="234567890.34567890123",
            shown="₫189.000",
            was="₫299.000",
            jsonld=None,
            labels=("Thêm Vào Giỏ Hàng", "Mua Ngay", "Đăng Nhập"),
            features=("thousands-dot-no-decimals", "struck-price"),
        ),
        pchome(
            "pchome-dyson-supersonic",
            Item(
                "Dyson Supersonic 吹風機 HD15 桃紅色",
                D("15900"),
                "TWD",
                brand="Dyson",
                seller="PChome 24h購物",
                was=D("17900"),
            ),
            prod="DYAJ3N-A900G1234",
        ),
    ]
    pages += _spa_pages()
    return pages


def _spa_pages() -> list[Page]:
    """Shops whose pages are mostly client-rendered or carry a single hint of structure."""
    out = []
    item = Item(
        "Oraimo FreePods 4 ANC True Wireless Earbuds",
        D("22500"),
        "NGN",
        brand="Oraimo",
        seller="Oraimo Official Store",
        was=D("45000"),
    )
    out.append(
        generic_spa(
            "jumia-ng-oraimo-freepods-4",
            item,
            url="https://www.jumia.com.ng/oraimo-freepods-4-anc-true-wireless-earbuds-283746591.html",
            lang="en",
            platform="jumia",
            title="Oraimo FreePods 4 ANC True Wireless Earbuds | Jumia Nigeria",
            header=_hdr(
                "jumia-header",
                "JUMIA",
                "/customer/account/login/",
                "Account",
                "Search products, brands and categories",
            ),
            main=(
                '<div class="col10"><section class="card"><div class="-fs0 -pls -prl"><h1 class="-fs20 -pts -pbxs">Oraimo FreePods 4 ANC True Wireless Earbuds</h1>'
                '<div class="-fs14 -pvxs">Brand: <a href="/oraimo/">Oraimo</a></div><div class="-hr -mtxs -pvs"><div class="df -i-ctr -fw-w"><span class="-b -ubpt -tal -fs24 -prxs" dir="ltr" data-price="">₦ 22,500</span>'
                '<span class="-tal -gy5 -lthr -fs16 -pvxs -ubpt" dir="ltr" data-price="" data-oprc="">₦ 45,000</span><span class="bdg _dsct _dyn -mls" data-disc="">-50%</span></div></div>'
                '<button class="add btn _prim -pea _i -fw">Add to cart</button><div class="-df -i-ctr"><p>Seller Information</p><p class="-m -pbs">Oraimo Official Store</p></div></div></section></div>'
            ),
            state='<script>window.__STORE__={"products":[{"sku":"OR111EA0ABCDENAFAMZ","prices":{"rawPrice":"22500.00","rawOldPrice":"45000.00","currency":"NGN"}}]};</script>',
            features=(
                "no-structured-data",
                "naira",
                "struck-price",
                "header-signin-link",
                "inline-state",
            ),
        )
    )
    item = Item(
        "JBL Flip 6 Portable Bluetooth Speaker - Black",
        D("1799"),
        "ZAR",
        brand="JBL",
        seller="Takealot",
    )
    out.append(
        generic_spa(
            "takealot-jbl-flip-6",
            item,
            url="https://www.takealot.com/jbl-flip-6-portable-bluetooth-speaker-black/PLID72634512",
            lang="en",
            platform="takealot",
            title="JBL Flip 6 Portable Bluetooth Speaker - Black | Buy Online in South Africa | takealot.com",
            header=_hdr(
                "top-nav", "takealot", "/account/login", "Login", "Search for products, brands..."
            ),
            main=(
                '<div class="pdp-main-panel"><h1 class="product-title">JBL Flip 6 Portable Bluetooth Speaker - Black</h1><div class="pdp-module_sidebar-buybox">'
                '<div class="buybox-module_price_2YUFa"><span class="currency plus currency-module_currency_29IIm" data-ref="buybox-price-main">R 1,799</span></div>'
                '<div class="buybox-module_list-price_1aYkU">List price <span class="currency">R 2,499</span></div><p>eB 17,990</p>'
                '<button class="button add-to-cart-button">Add to Cart</button><div class="seller-information">Sold by <a href="/seller/takealot">Takealot</a></div></div></div>'
            ),
            state='<script>window.__INITIAL_STATE__={"product":{"plid":"PLID72634512","title":"JBL Flip 6","buybox":{"prices":[1799]}}};</script>',
            features=(
                "no-structured-data",
                "ambiguous-symbol-r",
                "currency-from-domain",
                "several-prices",
                "header-signin-link",
                "inline-state",
            ),
        )
    )
    item = Item(
        "Philips Sonicare ProtectiveClean 4300 HX6800/35 - Elektrische tandenborstel",
        D("49.00"),
        "EUR",
        brand="Philips",
        seller="bol",
        gtin="8710103925345",
    )
    out.append(
        generic_spa(
            "bol-philips-sonicare",
            item,
            url="https://www.bol.com/nl/nl/p/philips-sonicare-protectiveclean-4300-hx6800-35/9200000112345678/",
            lang="nl",
            platform="bol",
            title="bol | Philips Sonicare ProtectiveClean 4300 HX6800/35 - Elektrische tandenborstel",
            header=_hdr(
                "wsp-header",
                "bol",
                "https://login.bol.com/wsp/login",
                "Inloggen",
                "Waar ben je naar op zoek?",
            ),
            main=(
                '<div class="product-title-wrapper"><h1 class="page-heading"><span data-test="title" class="u-mr--xs">Philips Sonicare ProtectiveClean 4300 HX6800/35 - Elektrische tandenborstel</span></h1></div>'
                '<div class="buy-block"><div class="price-block__highlight"><span class="promo-price" data-test="price">49<sup class="promo-price__fraction" data-test="price-fraction">-</sup></span></div>'
                '<div class="price-block__prices"><del class="buy-block__list-price" data-test="list-price">79,99</del></div><p>Vandaag voor 23:59 besteld, morgen in huis</p>'
                '<a class="ui-btn ui-btn--primary js_floating_basket_btn" data-button-type="buy">In winkelwagen</a><div class="buy-block__seller"><span>Verkoop door</span> <strong>bol</strong></div></div>'
                '<dl class="specs__list"><dt class="specs__title">EAN</dt><dd class="specs__value">8710103925345</dd></dl>'
            ),
            features=(
                "no-structured-data",
                "price-comma-dash",
                "struck-price",
                "header-signin-link",
            ),
        )
    )
    out.append(_cdiscount())
    item = Item(
        "adidas Originals Sneaker »Gazelle«",
        D("59.99"),
        "EUR",
        brand="adidas Originals",
        seller="OTTO",
        was=D("89.99"),
    )
    out.append(
        generic_spa(
            "otto-adidas-gazelle",
            item,
            url="https://www.otto.de/p/adidas-originals-sneaker-gazelle-1234567890/",
            lang="de",
            platform="otto",
            title="adidas Originals Sneaker »Gazelle« online kaufen | OTTO",
            head=ld(
                {
                    "@context": "https://schema.org",
                    "@type": "Product",
                    "name": "adidas Originals Sneaker »Gazelle«",
                    "brand": {"@type": "Brand", "name": "adidas Originals"},
                    "offers": {
                        "@type": "Offer",
                        "price": "59.99",
                        "priceCurrency": "EUR",
                        "availability": "https://schema.org/InStock",
                        "seller": {"@type": "Organization", "name": "OTTO"},
                    },
                }
            ),
            header=_hdr("find_header", "OTTO", "/user/login", "Mein Konto", "Suchbegriff eingeben"),
            main=(
                '<div class="pdp_short-info"><h1 class="pdp_short-info__main-name" data-qa="variation-name">adidas Originals Sneaker »Gazelle«</h1></div>'
                '<div class="pdp_price"><span class="pdp_price__retail-price js_pdp_price__retail-price pl_headline300 pdp_price__retail-price--red" data-qa="price">59,99 €</span>'
                '<span class="pdp_price__previous-price pl_copy100">statt <span class="pdp_price__previous-price-value">89,99 €</span></span><span class="pdp_price__tax">inkl. MwSt. zzgl. Versandkosten</span></div>'
                '<button class="pl_button100--primary js_pdp_addToBasket" data-qa="addToBasket">In den Warenkorb</button>'
            )
            + consent("onetrust", "de", "otto"),
            features=(
                "json-ld",
                "struck-price",
                "header-signin-link",
                "cookie-banner",
                "cookie-onetrust",
            ),
        )
    )
    item = Item(
        "Sony - WH-1000XM5 Wireless Noise-Canceling Over-the-Ear Headphones - Black",
        D("249.99"),
        "USD",
        brand="Sony",
        seller="Best Buy",
        sku="6505727",
        mpn="WH1000XM5/B",
        was=D("329.99"),
    )
    out.append(
        generic_spa(
            "bestbuy-sony-wh1000xm5",
            item,
            url="https://www.bestbuy.com/site/sony-wh-1000xm5-wireless-noise-canceling-over-the-ear-headphones-black/6505727.p?skuId=6505727",
            lang="en",
            platform="bestbuy",
            title="Sony WH-1000XM5 Wireless Noise-Canceling Over-the-Ear Headphones Black WH1000XM5/B - Best Buy",
            head=ld(
                {
                    "@context": "http://schema.org/",
                    "@type": "Product",
                    "name": item.title,
                    "sku": "6505727",
                    "model": "WH1000XM5/B",
                    "brand": {"@type": "Brand", "name": "Sony"},
                    "offers": {
                        "@type": "AggregateOffer",
                        "priceCurrency": "USD",
                        "lowPrice": 199.99,
                        "highPrice": 249.99,
                        "offerCount": 2,
                        "offers": [
                            {
                                "@type": "Offer",
                                "priceCurrency": "USD",
                                "price": 199.99,
                                "itemCondition": "http://schema.org/UsedCondition",
                                "description": "Open-Box Excellent",
                            },
                            {
                                "@type": "Offer",
                                "priceCurrency": "USD",
                                "price": 249.99,
                                "itemCondition": "http://schema.org/NewCondition",
                                "availability": "http://schema.org/InStock",
                                "description": "New",
                            },
                        ],
                    },
                }
            ),
            header=_hdr(
                "shop-header",
                "Best Buy",
                "/identity/global/signin",
                "Account",
                "What can we help you find today?",
            ),
            main=(
                '<div class="sku-title"><h1 class="heading-5 v-fw-regular">Sony - WH-1000XM5 Wireless Noise-Canceling Over-the-Ear Headphones - Black</h1></div><div class="sku-model"><span class="product-data-value">Model: WH1000XM5/B</span> <span class="product-data-value">SKU: 6505727</span></div>'
                '<div class="priceView-hero-price priceView-customer-price"><span aria-hidden="true">$249.99</span><span class="sr-only">Your price for this item is $249.99</span></div>'
                '<div class="pricing-price__regular-price-content"><div class="pricing-price__regular-price sr-only">The previous price was $329.99</div><span aria-hidden="true">Was $329.99</span></div>'
                '<div class="open-box-option"><span>Open-Box: from $199.99</span></div><button class="c-button c-button-primary add-to-cart-button">Add to Cart</button>'
            ),
            features=(
                "json-ld",
                "nested-offers",
                "aggregate-offer",
                "offers-first-is-not-shown",
                "struck-price",
                "several-prices",
                "header-signin-link",
            ),
            note="Sells new at 249.99; the 199.99 offer is open-box",
        )
    )
    item = Item(
        "BILLY Bokhylla, vit, 80x28x202 cm",
        D("599"),
        "SEK",
        brand="IKEA",
        seller="IKEA",
        sku="002.638.50",
    )
    out.append(
        generic_spa(
            "ikea-se-billy",
            item,
            url="https://www.ikea.com/se/sv/p/billy-bokhylla-vit-00263850/",
            lang="sv",
            platform="ikea",
            title="BILLY Bokhylla, vit, 80x28x202 cm - IKEA",
            head=ld(
                {
                    "@context": "https://schema.org",
                    "@type": "Product",
                    "name": "BILLY",
                    "description": "Bokhylla, vit, 80x28x202 cm",
                    "sku": "00263850",
                    "brand": {"@type": "Brand", "name": "IKEA"},
                    "offers": {
                        "@type": "Offer",
                        "price": "599",
                        "priceCurrency": "SEK",
                        "availability": "http://schema.org/InStock",
                    },
                }
            ),
            header=_hdr(
                "hnf-header",
                "IKEA",
                "/se/sv/profile/login/",
                "Hej! Logga in",
                "Vad letar du efter?",
            ),
            main=(
                '<div class="pip-header-section"><h1 class="pip-header-section__title"><span class="pip-header-section__title--big notranslate">BILLY</span><span class="pip-header-section__description"><span class="pip-header-section__description-text">Bokhylla, vit, 80x28x202 cm</span></span></h1></div>'
                '<div class="pip-price-package"><span class="pip-temp-price pip-temp-price--leading pip-temp-price--medium" data-price="599"><span class="pip-temp-price__integer">599</span><span class="pip-temp-price__separator">:-</span></span></div>'
                '<span class="pip-product-identifier__value">002.638.50</span><button class="pip-btn pip-btn--emphasised">Lägg i kundvagn</button>'
            ),
            features=(
                "json-ld",
                "price-colon-dash",
                "title-split-name-description",
                "header-signin-link",
            ),
            note="IKEA's JSON-LD name is the range name only; the full title joins it with the description",
        )
    )
    item = Item(
        "LEGO Friends Heartlake City Hospital 42621 Building Toy Set",
        D("59.99"),
        "USD",
        brand="LEGO",
        seller="Target",
        was=D("79.99"),
        gtin="673419389012",
    )
    out.append(
        generic_spa(
            "target-lego-hospital",
            item,
            url="https://www.target.com/p/lego-friends-heartlake-city-hospital-42621/-/A-89123456",
            lang="en",
            platform="target",
            title="LEGO Friends Heartlake City Hospital 42621 Building Toy Set : Target",
            header=_hdr(
                "styles_header__3AS8R",
                "Target",
                "/account",
                "Sign in",
                "What can we help you find?",
            ),
            main=(
                '<h1 data-test="product-title" class="sc-a4d0e6b5-0 hHlCnA">LEGO Friends Heartlake City Hospital 42621 Building Toy Set</h1>'
                '<div data-test="product-price-container"><span data-test="product-price" class="sc-c52b5b4c-0 krsXUH">$59.99</span><span data-test="product-price-type">Sale</span>'
                '<span data-test="product-regular-price">reg <span>$79.99</span></span></div><p>When purchased online</p><button data-test="shippingButton">Add to cart</button>'
            ),
            state='<script>window.__TGT_DATA__ = JSON.parse("{\\"__PRELOADED_QUERIES__\\":{\\"product\\":{\\"tcin\\":\\"89123456\\",\\"price\\":{\\"current_retail\\":59.99,\\"reg_retail_max\\":79.99,\\"formatted_current_price\\":\\"$59.99\\"}}}}");</script>',
            features=(
                "no-structured-data",
                "struck-price",
                "header-signin-link",
                "inline-state",
                "state-json-string",
            ),
        )
    )
    item = Item(
        "ASUS ROG Strix GeForce RTX 4070 Ti SUPER 16GB GDDR6X Graphics Card",
        D("1099.99"),
        "USD",
        brand="ASUS",
        seller="Newegg",
        mpn="ROG-STRIX-RTX4070TIS-O16G-GAMING",
    )
    out.append(
        generic_spa(
            "newegg-rtx-4070-ti-super",
            item,
            url="https://www.newegg.com/asus-rog-strix-rtx4070tis-o16g-gaming/p/N82E16814126687",
            lang="en",
            platform="newegg",
            title="ASUS ROG Strix GeForce RTX 4070 Ti SUPER 16GB GDDR6X - Newegg.com",
            head=ld(
                {
                    "@context": "http://schema.org",
                    "@type": "Product",
                    "name": item.title,
                    "mpn": item.mpn,
                    "brand": {"@type": "Brand", "name": "ASUS"},
                    "offers": {
                        "@type": "Offer",
                        "price": "1099.99",
                        "priceCurrency": "USD",
                        "availability": "https://schema.org/InStock",
                        "seller": {"@type": "Organization", "name": "Newegg"},
                    },
                }
            ),
            header=_hdr(
                "page-header",
                "Newegg",
                "https://secure.newegg.com/identity/signin",
                "Sign in / Register",
                "Search",
            ),
            main=(
                '<h1 class="product-title">ASUS ROG Strix GeForce RTX 4070 Ti SUPER 16GB GDDR6X Graphics Card</h1><div class="product-price"><ul class="price"><li class="price-was"></li>'
                '<li class="price-current"><span class="price-current-label"></span>$<strong>1,099</strong><sup>.99</sup></li><li class="price-ship">Free Shipping</li></ul></div>'
                '<div class="product-seller"><strong>Sold and Shipped by Newegg</strong></div><button class="btn btn-primary btn-wide">Add to cart</button>'
            ),
            features=("json-ld", "price-split", "header-signin-link"),
        )
    )
    item = Item("GG Marmont small shoulder bag", D("1590"), "GBP", brand="Gucci", seller="FARFETCH")
    out.append(
        generic_spa(
            "farfetch-gucci-marmont",
            item,
            url="https://www.farfetch.com/uk/shopping/women/gucci-gg-marmont-small-shoulder-bag-item-12345678.aspx",
            lang="en",
            platform="farfetch",
            title="Gucci GG Marmont small shoulder bag - Farfetch",
            head=ld(
                {
                    "@context": "https://schema.org",
                    "@type": "Product",
                    "name": "GG Marmont small shoulder bag",
                    "brand": {"@type": "Brand", "name": "Gucci"},
                    "offers": {
                        "@type": "Offer",
                        "price": "1590",
                        "priceCurrency": "GBP",
                        "availability": "https://schema.org/InStock",
                    },
                }
            ),
            header=_hdr("ltr-1o8uf0s", "FARFETCH", "/uk/login", "Sign in", "Search"),
            main=(
                '<h1 class="ltr-i980jo el610qn0"><a href="/uk/shopping/women/gucci/items.aspx" class="ltr-183yg4m" data-component="LinkGhostDark">Gucci</a><p class="ltr-13ze6d5-Body efhm1m90">GG Marmont small shoulder bag</p></h1>'
                '<div class="ltr-1e8o2nv"><p class="ltr-194u1uv-Heading" data-component="PriceLarge">£1,590</p><p class="ltr-1gxdvyd">Import duties included</p></div><button data-component="AddToBag">Add To Bag</button>'
            ),
            state='<script>window[\'__initialState_slice-pdp__\'] = {"productViewModel":{"priceInfo":{"default":{"finalPrice":1590,"formattedFinalPrice":"£1,590","currencyCode":"GBP"}}}};</script>',
            features=("json-ld", "title-split-brand-name", "header-signin-link", "inline-state"),
        )
    )
    item = Item(
        "Nike Dunk Low Retro White Black Panda",
        D("98"),
        "USD",
        brand="Nike",
        mpn="DD1391-100",
        condition="NewCondition",
    )
    out.append(
        generic_spa(
            "stockx-dunk-low-panda",
            item,
            url="https://stockx.com/nike-dunk-low-retro-white-black-2021",
            lang="en",
            platform="stockx",
            title="Nike Dunk Low Retro White Black Panda - DD1391-100 - US",
            head=ld(
                {
                    "@context": "http://schema.org",
                    "@type": "Product",
                    "name": "Nike Dunk Low Retro White Black Panda",
                    "brand": "Nike",
                    "model": "DD1391-100",
                    "sku": "DD1391-100",
                    "offers": {
                        "@type": "AggregateOffer",
                        "lowPrice": 98,
                        "highPrice": 412,
                        "offerCount": 2671,
                        "priceCurrency": "USD",
                    },
                }
            ),
            header=_hdr(
                "css-1ogp3lb", "StockX", "/login", "Log In", "Search for brand, color, etc."
            ),
            main=(
                '<h1 data-component="primary-product-title" class="chakra-heading css-1qzfp2y">Nike Dunk Low Retro White Black Panda</h1><span class="css-1wp2be8">Style: DD1391-100</span>'
                '<div data-component="BidAskPanel"><p class="chakra-text css-xfmxd4">Buy Now for</p><h2 data-testid="trade-box-buy-amount" class="chakra-heading css-1sa2l4y">$98</h2>'
                '<p>Lowest Ask · Size 10</p><a class="chakra-button css-4b9lsl" href="/buy/nike-dunk-low-retro-white-black-2021?size=10">Buy for $98</a><a href="/sell/">Sell or Ask</a></div>'
                '<div data-component="MarketSummary"><p>Last Sale: $96</p><p>12-Month Range $84 - $412</p></div>'
            ),
            features=("json-ld", "aggregate-offer", "several-prices", "header-signin-link"),
            note="The lowest ask is what the page sells at",
        )
    )
    item = Item(
        "Wholesale Men's Casual Sneakers Breathable Running Shoes Free Shipping",
        D("12.34"),
        "USD",
        seller="wholesale2018 store",
    )
    out.append(
        generic_spa(
            "dhgate-sneakers",
            item,
            url="https://www.dhgate.com/product/wholesale-men-s-casual-sneakers/912345678.html",
            lang="en",
            platform="dhgate",
            title="Wholesale Men's Casual Sneakers Breathable Running Shoes Free Shipping | DHgate.com",
            header=_hdr(
                "header-wrap",
                "DHgate",
                "https://secure.dhgate.com/usr/signin.do",
                "Sign In",
                "I'm shopping for...",
            ),
            main=(
                '<h1 class="hinfo-title">Wholesale Men\'s Casual Sneakers Breathable Running Shoes Free Shipping</h1><div class="hinfo-price"><span class="hinfo-price-label">Price:</span>'
                '<span class="hinfo-price-num"><b>US $12.34 - 15.67</b> / Piece</span></div><div class="wholesale-price"><table><tr><td>1 - 9 Pieces</td><td>US $15.67</td></tr>'
                '<tr><td>10 - 49 Pieces</td><td>US $13.90</td></tr><tr><td>50+ Pieces</td><td>US $12.34</td></tr></table></div><div class="store-name"><a href="https://www.dhgate.com/store/21234567">wholesale2018 store</a></div>'
                '<a class="addtocart" href="#">Add to Cart</a><a class="buynow" href="#">Buy it Now</a>'
            ),
            state='<script>window.pageData = {"itemcode":"912345678","minprice":"12.34","maxprice":"15.67","currency":"USD"};</script>',
            features=(
                "no-structured-data",
                "price-range",
                "tiered-price",
                "wholesale",
                "header-signin-link",
                "inline-state",
            ),
            note="Lowest price shown",
        )
    )
    item = Item(
        "Wireless Earbuds, Bluetooth 5.3 Headphones With LED Power Display, Waterproof Sports Earphones",
        D("7.48"),
        "USD",
        seller="Temu",
        was=D("19.99"),
    )
    out.append(
        generic_spa(
            "temu-wireless-earbuds",
            item,
            url="https://www.temu.com/wireless-earbuds-bluetooth-5-3-g-601099512345678.html",
            lang="en",
            platform="temu",
            title="Wireless Earbuds, Bluetooth 5.3 Headphones With LED Power Display - Temu",
            header=_hdr("_3r9aFBO7", "Temu", "/login.html", "Sign in / Register", "Search Temu"),
            main=(
                '<h1 class="_2rn4tqXP">Wireless Earbuds, Bluetooth 5.3 Headphones With LED Power Display, Waterproof Sports Earphones</h1><div class="_1vkz0rqG" aria-label="$7.48">'
                '<span class="_2de9ERAH">$</span><span class="_2de9ERAH">7</span><span class="_2de9ERAH">.48</span></div><span class="_3TAPHDOX">$19.99</span><span class="_1Yq0JFns">-62%</span>'
                '<div class="_3hJ1lbv0">Almost sold out · 10K+ sold</div><button class="_2ugbvrpI">Add to cart</button>'
            ),
            state='<script>window.rawData={"store":{"goods":{"goodsId":"601099512345678","goodsName":"Wireless Earbuds","minOnSalePrice":748,"linePrice":1999,"currency":"USD"}}};</script>',
            features=(
                "no-structured-data",
                "price-split",
                "struck-price",
                "cents-in-state",
                "header-signin-link",
                "inline-state",
            ),
        )
    )
    item = Item(
        "Ninja AF101UK Air Fryer - 3.8L",
        D("99.99"),
        "GBP",
        brand="Ninja",
        seller="Argos",
        sku="8348498",
        was=D("149.99"),
    )
    out.append(
        generic_spa(
            "argos-ninja-air-fryer",
            item,
            url="https://www.argos.co.uk/product/8348498",
            lang="en",
            platform="argos",
            title="Buy Ninja AF101UK Air Fryer - 3.8L | Air fryers | Argos",
            header=_hdr(
                "_1ESEvLZe",
                "Argos",
                "https://www.argos.co.uk/account/login",
                "Sign in",
                "What are you looking for?",
            ),
            main=(
                '<h1 class="Namestyles__Main-sc-269llv-1 eLKoFE" data-test="product-title"><span data-test="product-title">Ninja AF101UK Air Fryer - 3.8L</span></h1><span class="Catalogue-numberstyles">8348498</span>'
                '<li class="Pricestyles__Li-sc-1oev7i-0 hfxRdX" data-test="product-price-primary"><h2>£99.99</h2></li><li class="Pricestyles__Li-sc-1oev7i-0" data-test="product-price-was">Was £149.99</li>'
                '<button data-test="add-to-trolley-button-button">Add to trolley</button>'
            )
            + consent("onetrust", "en", "argos"),
            state='<script>window.App = {"state":{"productStore":{"data":{"productId":"8348498","price":{"now":99.99,"was":149.99}}}}};</script>',
            features=(
                "no-structured-data",
                "struck-price",
                "header-signin-link",
                "inline-state",
                "cookie-banner",
                "cookie-onetrust",
            ),
        )
    )
    item = Item(
        "Sepatu Sneakers Pria Casual Putih Original",
        D("125000"),
        "IDR",
        seller="Toko Sepatu Bandung",
        was=D("250000"),
    )
    out.append(
        generic_spa(
            "tokopedia-sepatu-sneakers",
            item,
            url="https://www.tokopedia.com/tokosepatubdg/sepatu-sneakers-pria-casual-putih-original",
            lang="id",
            platform="tokopedia",
            title="Jual Sepatu Sneakers Pria Casual Putih Original | Tokopedia",
            head=ld(
                {
                    "@context": "http://schema.org/",
                    "@type": "Product",
                    "name": "Sepatu Sneakers Pria Casual Putih Original",
                    "offers": {
                        "@type": "Offer",
                        "price": "125000",
                        "priceCurrency": "IDR",
                        "availability": "http://schema.org/InStock",
                        "seller": {"@type": "Organization", "name": "Toko Sepatu Bandung"},
                    },
                }
            ),
            header=_hdr("css-1ogmzr0", "tokopedia", "/login", "Masuk", "Cari di Tokopedia"),
            main=(
                '<h1 class="css-1os9jjn" data-testid="lblPDPDetailProductName">Sepatu Sneakers Pria Casual Putih Original</h1><div class="price" data-testid="lblPDPDetailProductPrice">Rp125.000</div>'
                '<div class="css-1mazvw2"><span data-testid="lblPDPDetailDiscountPercentage">50%</span><span class="css-12kk6ii" data-testid="lblPDPDetailOriginalPrice">Rp250.000</span></div>'
                '<a data-testid="llbPDPFooterShopName" href="/tokosepatubdg"><h2>Toko Sepatu Bandung</h2></a><button data-testid="pdpBtnNormalPrimary">+ Keranjang</button>'
            ),
            features=("json-ld", "thousands-dot-no-decimals", "struck-price", "header-signin-link"),
        )
    )
    return out


def _cdiscount() -> Page:
    item = Item(
        "Lot de 3 câbles USB-C vers USB-C 2 m charge rapide 60 W",
        D("19.99"),
        "EUR",
        seller="Cdiscount",
    )
    main = (
        '<div class="fpTMain" itemscope itemtype="https://schema.org/Product"><h1 itemprop="name" class="fpDesCol">Lot de 3 câbles USB-C vers USB-C 2 m charge rapide 60 W</h1>'
        '<div class="fpPriceBloc" itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency" content="EUR">'
        '<span class="fpPrice price jsMainPrice jsProductPrice hideFromPro" itemprop="price" content="19.99">19€<sup>99</sup></span>'
        '<span class="fpStriked">29€99</span><link itemprop="availability" href="https://schema.org/InStock"></div>'
        '<p class="fpSellBy">Vendu et expédié par <a href="/mpv-cdiscount.html" class="fpSellerName">Cdiscount</a></p>'
        '<input type="submit" id="fpAddBsk" class="btGreen jsValidForm" value="Ajouter au panier"></div>'
    ) + consent("didomi", "fr", "cdiscount")
    return generic_spa(
        "cdiscount-cables-usb-c",
        item,
        url="https://www.cdiscount.com/informatique/cables-connectiques/lot-de-3-cables-usb-c/f-10709-aaa0123456789.html",
        lang="fr",
        platform="cdiscount",
        title="Lot de 3 câbles USB-C vers USB-C 2 m charge rapide 60 W - Cdiscount Informatique",
        header=_hdr(
            "hdMain",
            "Cdiscount",
            "https://order.cdiscount.com/Account/LoginLight.html",
            "Se connecter",
            "Rechercher",
        ),
        main=main,
        features=(
            "microdata",
            "price-euro-split",
            "struck-price",
            "header-signin-link",
            "cookie-banner",
            "cookie-didomi",
        ),
    )


def nonlistings() -> list[Page]:
    """Search results on regional marketplaces."""
    cards = "".join(
        f'<li class="ui-search-layout__item"><div class="ui-search-result__wrapper"><div class="poly-card"><h2 class="poly-box poly-component__title"><a href="https://www.mercadolivre.com.br/tenis-{i}/p/MLB{digits("mls" + str(i), 8)}">Tênis Nike Revolution {i}</a></h2>'
        f'<div class="poly-component__price"><s class="andes-money-amount andes-money-amount--previous"><span class="andes-money-amount__currency-symbol">R$</span><span class="andes-money-amount__fraction">{349 + i * 10}</span></s>'
        f'<span class="andes-money-amount"><span class="andes-money-amount__currency-symbol">R$</span><span class="andes-money-amount__fraction">{249 + i * 10}</span><span class="andes-money-amount__cents">90</span></span></div></div></div></li>'
        for i in range(16)
    )
    ml = page(
        "ml-br-search-tenis-nike",
        "https://lista.mercadolivre.com.br/tenis-nike",
        "pt-BR",
        "mercadolibre",
        None,
        title="Tenis Nike | MercadoLivre 📦",
        kind="search",
        body=f'<header class="nav-header"><a href="https://www.mercadolivre.com/jms/mlb/lgz/login">Entre</a></header><main><h1 class="ui-search-breadcrumb__title">Tenis nike</h1><span class="ui-search-search-result__quantity-results">+10.000 resultados</span><ol class="ui-search-layout ui-search-layout--grid">{cards}</ol></main>',
        features=["several-prices", "andes-money-amount"],
    )
    items = "".join(
        f'<div class="searchresultitem"><h2 class="title-link-wrapper--2sUFJ"><a href="https://item.rakuten.co.jp/shop{i}/x{i}/">【送料無料】ナイキ スニーカー {i}</a></h2><div class="price--OX_YW">{num(D(8000 + i * 700), "en", 0)}<span class="price-unit">円</span></div><div class="points">{80 + i}ポイント</div></div>'
        for i in range(12)
    )
    rk = page(
        "rakuten-search-nike",
        "https://search.rakuten.co.jp/search/mall/nike+%E3%82%B9%E3%83%8B%E3%83%BC%E3%82%AB%E3%83%BC/",
        "ja",
        "rakuten",
        None,
        title="【楽天市場】nike スニーカーの通販",
        kind="search",
        body=f'<div id="rakutenLimitedId_header"><a href="https://grp01.id.rakuten.co.jp/rms/nid/login">ログイン</a></div><main><h1>「nike スニーカー」の検索結果</h1><p>123,456件</p>{items}</main>',
        features=["several-prices"],
    )
    return [ml, rk]
