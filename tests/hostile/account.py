"""A signed-in area full of secrets, for the "no secret leaks" tests of issue 16.

The server rotates the session cookie with ``Set-Cookie`` on every response under
``/account/``, and accepts any session it has issued. Listing pages read an API token from
``localStorage`` and send it as ``X-API-Key`` and ``Authorization: Bearer``, in a URL query
(``access_token=``) and in a JSON request body. Every secret is random per server, and
:meth:`SignedInArea.secrets` lists them all so a test can search a workdir or bundle for them.
"""

from __future__ import annotations

import json
import secrets
import threading
from html import escape
from typing import Any, Final
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.hostile import pages

COOKIE: Final[str] = "hostile_session"
TOKEN_KEY: Final[str] = "api_token"
ITEMS: Final[tuple[str, ...]] = ("1", "2")
PERSONA: Final[str] = "hostile-analyst"

ITEM_JS: Final[str] = """<script>
(function () {
  var token = localStorage.getItem("api_token") || "";
  var id = document.getElementById("item").getAttribute("data-id");
  fetch("/account/api/price/" + id, {
    headers: {"X-API-Key": token, "Authorization": "Bearer " + token}
  }).then(function (r) { return r.json(); }).then(function (d) {
    document.getElementById("live-price").textContent = d.price || d.error;
  });
  // Bodies are read: Chromium never finishes a response the page leaves unread, and then
  // Playwright's Response.body() never returns (the exchange would be dropped, not leaked).
  fetch("/account/api/beacon?access_token=" + encodeURIComponent(token))
    .then(function (r) { return r.text(); });
  fetch("/account/api/event", {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({token: token, event: "view", item: id})})
    .then(function (r) { return r.text(); });
})();
</script>"""


def _cookies(header: str | None) -> dict[str, str]:
    jar: dict[str, str] = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            jar[name] = value
    return jar


class SignedInArea:
    """The session and token state of ``/account/``; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.token = "tok_" + secrets.token_hex(16)
        self.first_session = "sess_" + secrets.token_hex(16)
        self.issued: list[str] = [self.first_session]

    def secrets(self) -> list[str]:
        """Every secret this server handed out or expects: search evidence for each."""
        with self.lock:
            return [self.token, *self.issued]

    def storage_state(self, base_url: str) -> dict[str, Any]:
        """A Playwright storage state: the first session cookie and the API token."""
        host = urlsplit(base_url).hostname or "127.0.0.1"
        cookie = {
            "name": COOKIE, "value": self.first_session, "domain": host, "path": "/",
            "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax",
        }  # fmt: skip
        origin = {"origin": base_url, "localStorage": [{"name": TOKEN_KEY, "value": self.token}]}
        return {"cookies": [cookie], "origins": [origin]}

    def _rotate(self) -> str:
        fresh = "sess_" + secrets.token_hex(16)
        with self.lock:
            self.issued.append(fresh)
        return f"{COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Lax"

    def _signed_in(self, cookie_header: str | None) -> bool:
        with self.lock:
            return _cookies(cookie_header).get(COOKIE) in self.issued

    def _token_ok(self, headers: Any, query: dict[str, list[str]], body: bytes) -> bool:
        given = {
            headers.get("X-API-Key", ""),
            headers.get("Authorization", "").removeprefix("Bearer "),
            *query.get("access_token", []),
        }
        try:
            given.add(str(json.loads(body or b"{}").get("token", "")))
        except (ValueError, AttributeError):
            pass
        return self.token in given

    def route(
        self, method: str, raw_path: str, headers: Any, body: bytes
    ) -> tuple[int, str, str, list[tuple[str, str]]]:
        """Status, body, content type and headers of a request under ``/account/``."""
        parts = urlsplit(raw_path)
        path, query = parts.path, parse_qs(parts.query)
        extra = [("Set-Cookie", self._rotate())]
        html = "text/html; charset=utf-8"
        if not self._signed_in(headers.get("Cookie")):
            login = "/login?" + urlencode({"next": raw_path})
            return 302, "", html, [*extra, ("Location", login)]
        if path == "/account/search":
            links = [(f"account item {i}", f"/account/item/{i}") for i in ITEMS]
            return 200, pages.search(query.get("q", [""])[0], links), html, extra
        if path.startswith("/account/item/") and path.removeprefix("/account/item/") in ITEMS:
            item = path.removeprefix("/account/item/")
            data = pages.product(f"account-{item}", seller=PERSONA)
            body_html = (
                f'<p>Members price: <span id="live-price">loading</span></p>'
                f'<p class="whoami">Signed in as {escape(PERSONA)}</p>'
            )
            page = pages.listing(f"account-{item}", body=body_html, script=ITEM_JS, data=data)
            page = page.replace('<main id="item">', f'<main id="item" data-id="{item}">')
            return 200, page, html, extra
        if path.startswith("/account/api/"):
            ctype = "application/json"
            if not self._token_ok(headers, query, body):
                return 401, json.dumps({"error": "bad token"}), ctype, extra
            if path.startswith("/account/api/price/"):
                return 200, json.dumps({"price": f"£{pages.PRICE}"}), ctype, extra
            return 200, json.dumps({"ok": True}), ctype, extra
        return 404, pages.plain("Not found", path), html, extra
