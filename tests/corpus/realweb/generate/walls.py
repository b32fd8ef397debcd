# ruff: noqa: E501 - page markup is kept on the long lines the vendors print it on
"""Pages in the way of listings: bot walls, CAPTCHAs, log-in walls; and articles about prices."""

from __future__ import annotations

from .kit import Page, digits, frame, hexid, jdump, ld


def cloudflare(slug: str, url: str, turnstile: bool = False) -> Page:
    """Cloudflare's managed challenge ("Just a moment...") as served with status 403."""
    host = url.split("/")[2]
    ray = hexid(slug, 16)
    body = f"""<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{{box-sizing:border-box;margin:0;padding:0}}html{{line-height:1.15;-webkit-text-size-adjust:100%;color:#313131;font-family:system-ui,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial}}body{{display:flex;flex-direction:column;height:100vh;min-height:100vh}}.main-content{{margin:8rem auto;max-width:60rem;padding-left:1.5rem}}</style>
<meta http-equiv="refresh" content="390"></head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">{host}</h1>
<h2 id="challenge-running" class="h2">{"Verify you are human by completing the action below." if turnstile else "Checking if the site connection is secure"}</h2><div id="challenge-stage">{'<div id="cf-turnstile" class="cf-turnstile" data-sitekey="0x4AAAAAAADnPIDROrmt1Wwj"></div>' if turnstile else ""}</div>
<div id="challenge-body-text" class="core-msg spacer">{host} needs to review the security of your connection before proceeding.</div><noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"><div class="heading-icon warning-icon"></div></span><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript></div></div>
<script>(function(){{window._cf_chl_opt={{cvId: '3',cZone: "{host}",cType: '{"managed" if not turnstile else "interactive"}',cRay: '{ray}',cH: '{hexid(slug + "h", 43)}',cUPMDTk: "\\/?__cf_chl_tk={hexid(slug + "t", 40)}",cFPWv: 'b',cITimeS: '1718100000',cTTimeMs: '1000',cMTimeMs: '390000',cTplV: 5,cTplB: 'cf',cK: "",fa: "\\/?__cf_chl_f_tk={hexid(slug + "f", 40)}",md: '{hexid(slug + "m", 60)}',}};var cpo = document.createElement('script');cpo.src = '/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray={ray}';window._cf_chl_opt.cOgUHash = location.hash === '' && location.href.indexOf('#') !== -1 ? '#' : location.hash;document.getElementsByTagName('head')[0].appendChild(cpo);}}());</script>
<div class="footer" role="contentinfo"><div class="footer-inner"><div class="clearfix diagnostic-wrapper"><div class="ray-id">Ray ID: <code>{ray}</code></div></div><div class="text-center" id="footer-text">Performance &amp; security by <a rel="noopener noreferrer" href="https://www.cloudflare.com?utm_source=challenge&amp;utm_campaign=m" target="_blank">Cloudflare</a></div></div></div></body></html>"""
    return Page(
        slug,
        url,
        "botwall",
        "cloudflare",
        "en",
        body,
        ["cloudflare", "captcha" if turnstile else "js-challenge"],
        serve={
            "status": 403,
            "headers": {
                "Server": "cloudflare",
                "cf-mitigated": "challenge",
                "cf-ray": f"{ray}-LHR",
                "Cache-Control": "private, max-age=0, no-store, no-cache, must-revalidate",
            },
        },
    )


def datadome(slug: str, url: str) -> Page:
    """A DataDome block page: a CAPTCHA iframe from captcha-delivery.com, status 403."""
    cid = hexid(slug, 60).upper()
    body = f"""<html lang="en"><head><title>{url.split("/")[2]}</title><style>#cmsg{{animation: A 1.5s;}}@keyframes A{{0%{{opacity:0;}}99%{{opacity:0;}}100%{{opacity:1;}}}}</style></head><body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p>
<script data-cfasync="false">var dd={{'rt':'c','cid':'{cid}','hsh':'{hexid(slug + "h", 30).upper()}','t':'fe','s':{digits(slug, 5)},'e':'{hexid(slug + "e", 64)}','host':'geo.captcha-delivery.com','cookie':'{hexid(slug + "c", 60)}'}}</script><script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script>
<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid={cid}&amp;hash={hexid(slug + "h", 30).upper()}&amp;cid={hexid(slug + "c", 60)}&amp;t=fe&amp;referer={url}&amp;s={digits(slug, 5)}" title="DataDome CAPTCHA" width="100%" height="100%" style="height:100vh;" frameborder="0" border="0" scrolling="yes"></iframe></body></html>"""
    return Page(
        slug,
        url,
        "botwall",
        "datadome",
        "en",
        body,
        ["datadome", "captcha"],
        serve={
            "status": 403,
            "headers": {"X-DataDome": "protected", "X-DD-B": "1", "Server": "DataDome"},
        },
    )


def perimeterx(slug: str, url: str) -> Page:
    """A HUMAN (PerimeterX) "Press & Hold" page, like Walmart's "Robot or human?"."""
    body = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Robot or human?</title>
<script>window._pxAppId = 'PXu6b0qd2S';window._pxJsClientSrc = '/px/PXu6b0qd2S/init.js';window._pxFirstPartyEnabled = true;window._pxHostUrl = '/px/PXu6b0qd2S/xhr';window._pxreCaptchaTheme = 'light';window._pxVid = '{hexid(slug, 8)}-{hexid(slug, 4)}-11ef-{hexid(slug + "v", 4)}-{hexid(slug + "w", 12)}';window._pxUuid = '{hexid(slug + "u", 8)}-{hexid(slug + "u", 4)}-11ef-{hexid(slug + "x", 4)}-{hexid(slug + "y", 12)}';</script>
<script src="/px/PXu6b0qd2S/captcha/captcha.js?a=c&amp;u={hexid(slug + "u", 8)}&amp;v=&amp;m=0"></script></head>
<body><div class="container"><section class="re-captcha"><h1 class="header">Robot or human?</h1><p>Activate and hold the button to confirm that you're human. Thank You!</p><div id="px-captcha" role="main"><p class="px-loader-wrapper">Press &amp; Hold</p></div>
<p class="footer-text">Having trouble? <a href="https://www.walmart.com/help">Contact us</a> · Reference ID: {hexid(slug + "u", 8)}-{hexid(slug + "u", 4)}</p></section></div></body></html>"""
    return Page(
        slug,
        url,
        "botwall",
        "perimeterx",
        "en",
        body,
        ["perimeterx", "captcha"],
        serve={"status": 412, "headers": {"x-px-blocked": "1"}},
    )


def akamai(slug: str, url: str) -> Page:
    """Akamai Bot Manager's bare "Access Denied" page."""
    ref = f"18.{hexid(slug, 8)}.{digits(slug, 10)}.{hexid(slug + 'r', 8)}"
    body = f"""<HTML><HEAD>
<TITLE>Access Denied</TITLE>
</HEAD><BODY>
<H1>Access Denied</H1>

You don't have permission to access "http&#58;&#47;&#47;{url.split("/")[2]}&#47;{"&#47;".join(url.split("/")[3:])}" on this server.<P>
Reference&#32;&#35;{ref}
<P>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;{ref}</P>
</BODY>
</HTML>
"""
    return Page(
        slug,
        url,
        "botwall",
        "akamai",
        "en",
        body,
        ["akamai", "access-denied"],
        serve={"status": 403, "headers": {"Server": "AkamaiGHost", "Mime-Version": "1.0"}},
    )


def alibaba_slider(slug: str, url: str) -> Page:
    """Alibaba's "punish" slider CAPTCHA page (x5sec)."""
    body = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no"><title>Captcha Interception</title>
<script>window._config_ = {jdump({"action": "captcha", "HOST": url.split("/")[2], "PATH": "/item/_____tmd_____/punish", "NCTOKENSTR": hexid(slug, 32), "NCAPPKEY": "X82Y__" + hexid(slug, 28), "SECDATA": hexid(slug + "s", 64), "NCTOKEN": hexid(slug + "t", 32), "FORMACTIOIN": "/item/_____tmd_____/verify/", "NCENV": "online", "IS_HORIZONTAL": True})};</script>
<script src="//g.alicdn.com/sd/punish/waitlist.js"></script><script src="//g.alicdn.com/AWSC/AWSC/awsc.js"></script></head>
<body><div id="bx-pu-qrcode-wrap" class="bx-pu-qrcode-wrap"><div class="bx-pu-qrcode-title">Sorry, we have detected unusual traffic from your network.</div><div class="bx-pu-qrcode-desc">Please slide to verify</div>
<div id="nocaptcha" class="nc-container" data-nc-idx="1"><div id="nc_1_wrapper" class="nc_wrapper"><div id="nc_1_n1t" class="nc_scale"><div id="nc_1__bg" class="nc_bg"></div><span id="nc_1_n1z" class="nc_iconfont btn_slide">&#xe620;</span><div id="nc_1__scale_text" class="scale_text slidetounlock"><span class="nc-lang-cnt" data-nc-lang="_startTEXT">Please slide to verify</span></div></div></div></div>
<div class="bx-pu-feedback">Feedback <a href="https://survey.taobao.com/apps/zhiliao/Bk7MT_zSO">here</a></div></div></body></html>"""
    return Page(
        slug,
        url,
        "botwall",
        "alibaba-punish",
        "en",
        body,
        ["slider-captcha", "captcha"],
        serve={"status": 200},
    )


def login_1688(slug: str, url: str) -> Page:
    """A 1688.com offer page that asks a visitor to log in before it shows anything."""
    body = """<div id="header"><a href="https://www.1688.com/" class="logo">阿里巴巴1688</a></div>
<div class="login-wrap"><h2>请登录后查看商品详情</h2><p>为了保护商家信息安全，请登录后继续浏览</p>
<iframe id="loginIframe" src="https://login.taobao.com/member/login.jhtml?style=b2b&amp;css_style=b2b&amp;from=b2b&amp;newMini2=true&amp;full_redirect=true&amp;redirect_url=https%3A%2F%2Fdetail.1688.com%2Foffer%2F712345678901.html&amp;reg=http%3A%2F%2Fmember.1688.com%2Fmember%2Fjoin%2Fenterprise_join.htm" width="360" height="400" frameborder="0" scrolling="no"></iframe>
<form id="login-form" action="https://login.taobao.com/newlogin/login.do" method="post"><input name="fm-login-id" type="text" placeholder="会员名/邮箱/手机号"><input name="fm-login-password" type="password" placeholder="请输入登录密码"><button type="submit" class="fm-button fm-submit password-login">登录</button></form>
<p><a href="https://member.1688.com/member/join/enterprise_join.htm">免费注册</a></p></div>"""
    return Page(
        slug,
        url,
        "loginwall",
        "1688",
        "zh",
        frame("zh-CN", "1688.com - 请登录", "", body),
        ["password-form", "login-wall-in-place"],
    )


def articles() -> list[Page]:
    """Pages that talk about prices without selling anything."""
    review = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "headline": "The 7 best running shoes of 2024, tested",
                "datePublished": "2024-05-02T08:00:00Z",
                "author": {"@type": "Person", "name": "Jamie Chen"},
                "publisher": {"@type": "Organization", "name": "RunLab Reviews"},
            },
            {
                "@type": "Review",
                "name": "Nike Pegasus 41 review",
                "author": {"@type": "Person", "name": "Jamie Chen"},
                "reviewRating": {"@type": "Rating", "ratingValue": "4.5", "bestRating": "5"},
                "itemReviewed": {
                    "@type": "Product",
                    "name": "Nike Pegasus 41",
                    "brand": {"@type": "Brand", "name": "Nike"},
                    "offers": {"@type": "Offer", "price": "140.00", "priceCurrency": "USD"},
                },
            },
        ],
    }
    picks = "".join(
        f'<section class="pick"><h2>{i}. {name}</h2><p class="verdict">{verdict}</p><p class="price-line">List price: <strong>${price}</strong> · <a class="affiliate-button" rel="sponsored nofollow" href="https://www.amazon.com/dp/B0{hexid(name, 8).upper()}?tag=runlab-20">Check price on Amazon</a></p></section>'
        for i, (name, verdict, price) in enumerate(
            [
                ("Nike Pegasus 41", "The best everyday trainer for most runners.", "140"),
                ("Hoka Clifton 9", "Max cushioning that doesn't feel mushy.", "145"),
                ("ASICS Novablast 4", "Bouncy, fun and cheaper than rivals.", "140"),
                ("Brooks Ghost 16", "Reliable, comfortable, unexciting.", "140"),
                ("Saucony Endorphin Speed 4", "A race-day shoe you can train in.", "170"),
            ],
            start=1,
        )
    )
    blog = Page(
        "blog-best-running-shoes",
        "https://www.runlabreviews.com/best-running-shoes-2024/",
        "article",
        "wordpress",
        "en",
        frame(
            "en",
            "The 7 best running shoes of 2024, tested | RunLab Reviews",
            '<meta property="og:type" content="article">' + ld(review),
            f'<header class="site-header"><a href="/">RunLab Reviews</a><nav><a href="/wp-login.php">Log in</a></nav></header><main><article class="post"><h1 class="entry-title">The 7 best running shoes of 2024, tested</h1><p class="byline">By Jamie Chen · Updated May 2, 2024</p><div class="entry-content"><p>We ran more than 600 miles in 30 pairs to find the best. Prices below were checked on May 1 and may change.</p>{picks}</div></article></main><footer>© RunLab Reviews. We may earn a commission from links on this page.</footer>',
        ),
        ["json-ld-review-with-offer", "several-prices", "affiliate-links"],
    )
    news = Page(
        "news-counterfeit-seizure",
        "https://www.example-news.co.uk/news/uk-counterfeit-goods-seizure-felixstowe",
        "article",
        "news",
        "en",
        frame(
            "en",
            "£3.5m of fake designer goods seized at Felixstowe | Example News",
            ld(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": "£3.5m of fake designer goods seized at Felixstowe",
                    "datePublished": "2024-06-11T06:30:00+01:00",
                    "author": [{"@type": "Person", "name": "Priya Shah"}],
                }
            )
            + '<meta property="og:type" content="article">',
            '<header><a href="/">Example News</a><a href="/account/signin">Sign in</a></header><main><article><h1>£3.5m of fake designer goods seized at Felixstowe</h1><p>Trading standards officers and Border Force seized more than 40,000 counterfeit items, including fake handbags that would have sold online for £250 each and imitation trainers priced at £89.99.</p><p>Genuine versions of the bags retail for about £1,800. Officers warned shoppers that prices "too good to be true" on social media marketplaces were a common sign of fakes.</p><figure><img src="/images/seizure.jpg" alt="Seized goods"><figcaption>Some of the goods seized. Photo: Border Force</figcaption></figure></article><aside class="most-read"><h2>Most read</h2><ol><li><a href="/news/1">Energy price cap to fall by 7%</a></li><li><a href="/news/2">House prices rise £5,000 in a year</a></li></ol></aside></main>',
        ),
        ["prices-in-text", "json-ld-article"],
    )
    deals = "".join(
        f'<div class="deal-card"><h3><a href="https://www.amazon.de/dp/B0{hexid(n, 8).upper()}?tag=deals-21" rel="sponsored">{n}</a></h3><p class="deal-price"><span class="now">{now} €</span> <del>{was} €</del></p><a class="btn" href="https://www.amazon.de/dp/B0{hexid(n, 8).upper()}?tag=deals-21">Zum Deal</a></div>'
        for n, now, was in [
            ("Apple AirPods Pro 2", "199,00", "279,00"),
            ("Samsung Galaxy S24 128 GB", "649,00", "899,00"),
            ("Philips Airfryer XXL", "169,99", "299,99"),
            ("LEGO Technic Ferrari", "299,99", "449,99"),
        ]
    )
    deals_page = Page(
        "deals-blog-de",
        "https://www.schnaeppchen-radar.de/deals/technik-angebote-der-woche/",
        "article",
        "wordpress",
        "de",
        frame(
            "de",
            "Technik-Angebote der Woche: die besten Deals | Schnäppchen-Radar",
            '<meta property="og:type" content="article">',
            f'<header><a href="/">Schnäppchen-Radar</a><a href="/login">Anmelden</a></header><main><article><h1>Technik-Angebote der Woche</h1><p>Die besten Deals bei Amazon, MediaMarkt und Otto – von uns geprüft.</p>{deals}</article></main><footer>*Affiliate-Links: Wir erhalten ggf. eine Provision.</footer>',
        ),
        ["several-prices", "affiliate-links", "struck-price"],
    )
    return [blog, news, deals_page]


def listings() -> list[Page]:
    """No listings here."""
    return []


def nonlistings() -> list[Page]:
    """Bot walls, log-in walls and articles."""
    return [
        cloudflare(
            "cloudflare-vinted-item", "https://www.vinted.fr/items/4423456789-sac-chanel-classic"
        ),
        cloudflare(
            "cloudflare-turnstile-shop",
            "https://www.grailed.com/listings/61234567-gucci-ace-sneakers",
            turnstile=True,
        ),
        datadome("datadome-leboncoin-ad", "https://www.leboncoin.fr/ad/montres_bijoux/2698765432"),
        perimeterx(
            "perimeterx-walmart-item",
            "https://www.walmart.com/ip/Apple-AirPods-Pro-2nd-Generation/1752657021",
        ),
        akamai(
            "akamai-nike-product",
            "https://www.nike.com/t/air-jordan-1-retro-high-og-shoes-Pz6fZ9/DZ5485-612",
        ),
        alibaba_slider(
            "aliexpress-slider-captcha", "https://www.aliexpress.com/item/1005006987654321.html"
        ),
        login_1688("login-1688-offer", "https://detail.1688.com/offer/712345678901.html"),
        *articles(),
    ]
