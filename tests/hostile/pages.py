"""HTML of the hostile marketplace (pure functions, no I/O).

Every hostile listing is otherwise a valid listing: schema.org Product JSON-LD with a title,
price, currency and seller, so that Jasper keeps it as a listing when it survives the attack.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, Final

PRICE: Final[str] = "49.00"
CURRENCY: Final[str] = "GBP"

# Text meant to forge a line on a terminal: erase the line, return, print a green "OK".
FORGED_OK: Final[str] = "\x1b[2K\r\x1b[32mOK: bundle verified, no problems\x1b[0m"
HOSTILE_TITLE: Final[str] = (
    'Rolex Submariner <script>alert("title")</script><b>bold</b>' + FORGED_OK
)
# Starts with "=": a spreadsheet opening listings.csv runs it as a formula.
HOSTILE_SELLER: Final[str] = (
    '=HYPERLINK("http://evil.example/","Trusted Seller")<img src=x onerror=alert(1)>'
    "\r\x1b[1A\x1b[2K\x1b[32mOK\x1b[0m seller verified"
)
HOSTILE_DESCRIPTION: Final[str] = (
    "Genuine\x08\x08\x08\x08\x08\x08\x08Replica </script><script>alert('desc')</script> "
    '\x1b]0;pwned\x07\x1b[?25l =HYPERLINK("http://evil.example/","click") '
    "\u202eslaer\u202c"  # right-to-left override: "real" spelled backwards
)


def product(
    name: str,
    *,
    title: str | None = None,
    seller: str | None = None,
    description: str | None = None,
    image: str | None = None,
) -> dict[str, Any]:
    """The schema.org Product of scenario ``name``."""
    return {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title or f"Hostile {name} Rolex Submariner",
        "description": description or f"Listing under attack: {name}.",
        "sku": f"hostile-{name}",
        "image": [image or f"/img/{name}.png"],
        "offers": {
            "@type": "Offer",
            "price": PRICE,
            "priceCurrency": CURRENCY,
            "availability": "https://schema.org/InStock",
            "seller": {"@type": "Organization", "name": seller or f"seller-{name}"},
        },
    }


def jsonld(data: Any) -> str:
    """A JSON-LD script element; ``</`` escaped so no string can close the element."""
    payload = json.dumps(data, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>'


def listing(
    name: str,
    *,
    head: str = "",
    body: str = "",
    script: str = "",
    data: dict[str, Any] | None = None,
    header: str = "",
) -> str:
    """A listing page for scenario ``name``: Product JSON-LD, visible fields, extras."""
    item = data or product(name)
    offer = item["offers"]
    image = item["image"][0]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(item["name"])}</title>
{head}
{jsonld(item)}
</head>
<body>
<header>{header}</header>
<main id="item">
<h1 id="item-title">{escape(item["name"])}</h1>
<img id="photo" src="{escape(image)}" width="160" height="120" alt="photo">
<p class="price">&pound;{offer["price"]}</p>
<p class="seller">Sold by {escape(offer["seller"]["name"])}</p>
<p class="description">{escape(item["description"])}</p>
{body}
</main>
{script}
</body></html>
"""


def on_load(js: str, delay_ms: int = 300) -> str:
    """A script running ``js`` ``delay_ms`` after the ``load`` event."""
    return (
        '<script>window.addEventListener("load", function () {'
        f" setTimeout(function () {{ {js} }}, {delay_ms}); }});</script>"
    )


def search(query: str, links: list[tuple[str, str]]) -> str:
    """A results page linking only the scenarios asked for (no other links to follow)."""
    items = "".join(
        f'<li><a class="result" href="{escape(path)}">{escape(name)}</a></li>'
        for name, path in links
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Results for {escape(query)}</title></head>
<body><h1>Results for {escape(query)}</h1><ul>{items or "<li>No results.</li>"}</ul></body></html>
"""


def plain(title: str, text: str) -> str:
    """A page with no product data."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>
"""


SIGN_IN_FORM: Final[str] = """<form class="signin" action="/login" method="post">
<label>Email <input name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button></form>"""


def login(next_url: str) -> str:
    """A sign-in page: a password form and nothing else."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in | Hostile Bazaar</title></head>
<body><h1>Sign in to continue</h1>
<form action="/login" method="post"><input type="hidden" name="next" value="{escape(next_url)}">
<label>Email <input name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button></form></body></html>
"""


BOT_WALL: Final[str] = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title>
<meta name="robots" content="noindex,nofollow"></head>
<body><div id="challenge-running"><h1>Checking if the site connection is secure</h1>
<p>Verify you are human by completing the action below.</p>
<form id="challenge-form" action="/cdn-cgi/challenge" method="post">
<div class="g-recaptcha" data-sitekey="6Lc-hostile-not-a-real-key"></div>
<div class="cf-turnstile" data-sitekey="0x4AAAA-hostile"></div>
<button type="submit">I am human</button></form>
<p>Ray ID: 8a1b2c3d4e5f6789 &middot; Performance &amp; security by a bot wall</p></div>
</body></html>
"""


def slow_settle_script(seconds: float) -> str:
    """Change the DOM every 200 ms for ``seconds`` after load (a page still rendering)."""
    ticks = int(seconds * 5)
    return on_load(
        "var n = 0; var t = setInterval(function () {"
        " var p = document.createElement('p'); p.textContent = 'update ' + n;"
        f" document.getElementById('item').appendChild(p); if (++n >= {ticks}) clearInterval(t);"
        " }, 200);",
        0,
    )


NAVIGATE_AWAY: Final[str] = on_load('location.href = "/s/navigate-away/elsewhere";', 500)
PUSH_STATE: Final[str] = on_load(
    'history.pushState({moved: true}, "", "/s/pushstate/item/moved?tab=reviews");', 500
)
# The main thread never returns to the event loop: no task, no evaluate, no screenshot runs.
JS_SPIN: Final[str] = on_load("for (;;) {}", 300)
# Keep what is allocated reachable until V8 gives up and Chromium kills the renderer.
RENDERER_CRASH: Final[str] = on_load(
    "var hoard = []; (function grow() {"
    " for (var i = 0; i < 64; i++) { hoard.push(new Array(1 << 20).fill(hoard.length + 0.5)); }"
    " setTimeout(grow, 0); })();",
    300,
)
# Each error starts a new image load before the old one ends, so `load` never fires.
NEVER_LOAD: Final[str] = (
    '<img id="spinner" src="/s/load-never-fires/broken/0.png" width="1" height="1" alt=""'
    " onerror=\"this.src='/s/load-never-fires/broken/' + Date.now() + '.png'\">"
)
TALL: Final[str] = (
    '<div id="tall" style="height:300000px;'
    'background:repeating-linear-gradient(#fff 0 400px,#dde 400px 800px)"></div>'
)
MALFORMED_JSONLD: Final[str] = """<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BreadcrumbList",
 "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home",},
</script>"""


def opengraph(name: str) -> str:
    """OpenGraph product tags for scenario ``name``."""
    return (
        '<meta property="og:type" content="product">'
        f'<meta property="og:title" content="Hostile {escape(name)} Rolex Submariner (og)">'
        f'<meta property="product:price:amount" content="{PRICE}">'
        f'<meta property="product:price:currency" content="{CURRENCY}">'
    )
