"""A members-only area behind a cookie login: listings only for a live session.

``demo-valid-session`` is a live session; any other cookie (``demo-expired-session``) or none
is sent to the sign-in page, as real sites do when a session has expired.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from crawler.demo.areas import Reply

if TYPE_CHECKING:
    from crawler.demo.server import DemoSite

COOKIE = "members_session"
VALID_SESSION = "demo-valid-session"
EXPIRED_SESSION = "demo-expired-session"
USERNAME, PASSWORD = "demo", "demo"


def storage_state(host: str, session: str) -> dict[str, object]:
    """A Playwright storage state holding a members session cookie for ``host``."""
    cookie = {
        "name": COOKIE, "value": session, "domain": host, "path": "/", "expires": -1,
        "httpOnly": True, "secure": False, "sameSite": "Lax",
    }  # fmt: skip
    return {"cookies": [cookie], "origins": []}


def _login_page(next_url: str, failed: bool = False) -> str:
    note = '<p class="error">Wrong user name or password.</p>' if failed else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in | Bazaar Members</title></head>
<body><h1>Sign in to Bazaar Members</h1>{note}
<form action="/members/session" method="get">
<input type="hidden" name="next" value="{escape(next_url)}">
<label>User <input name="user"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button>
</form></body></html>
"""


def _search(site: DemoSite, query: str) -> str:
    items = "".join(
        f'<li><a class="member-result" href="/members/item/{quote(x.slug)}">'
        f"{escape(x.title)}</a></li>"
        for x in site.search(query)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Members: {escape(query)}</title></head>
<body><p class="whoami">Signed in as {USERNAME}</p><h1>Members' results</h1>
<ul>{items or "<li>No results.</li>"}</ul></body></html>
"""


def _item(site: DemoSite, slug: str) -> str | None:
    item = site.get(slug)
    if item is None:
        return None
    data = {
        "@context": "https://schema.org", "@type": "Product", "name": item.title,
        "description": item.description,
        "offers": {"@type": "Offer", "price": f"{item.price:.2f}", "priceCurrency": item.currency,
                   "seller": {"@type": "Person", "name": item.seller}},
    }  # fmt: skip
    script = json.dumps(data).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(item.title)}</title>
<script type="application/ld+json">{script}</script></head>
<body><p class="whoami">Signed in as {USERNAME}</p><h1>{escape(item.title)}</h1>
<p>{escape(item.description)}</p></body></html>
"""


def route(site: DemoSite, path: str, query: dict[str, str], jar: dict[str, str]) -> Reply | None:
    """``/members/login``, ``/members/session``, ``/members/search`` and ``/members/item/S``."""
    if path == "/members/login":
        return Reply(200, _login_page(query.get("next", "/members/search?q=rolex")))
    if path == "/members/session":
        if (query.get("user"), query.get("password")) != (USERNAME, PASSWORD):
            return Reply(200, _login_page(query.get("next", "/members/search"), failed=True))
        target = query.get("next") or "/members/search?q=rolex"
        cookie = f"{COOKIE}={VALID_SESSION}; Path=/; HttpOnly; SameSite=Lax"
        return Reply(302, "", headers=[("Location", target), ("Set-Cookie", cookie)])
    if jar.get(COOKIE) != VALID_SESSION:
        here = path + ("?" + urlencode(query) if query else "")
        login = "/members/login?" + urlencode({"next": here})
        return Reply(302, "", headers=[("Location", login)])
    if path == "/members/search":
        return Reply(200, _search(site, query.get("q", "")))
    if path.startswith("/members/item/"):
        page = _item(site, path.removeprefix("/members/item/"))
        return Reply(200, page) if page else None
    return None
