"""A social-style group feed: posts arrive by XHR as the reader scrolls, some truncated
behind "See more"; ``/feed/endless`` never stops loading (its posts link nowhere)."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from crawler.demo.areas import JSON, Reply

if TYPE_CHECKING:
    from crawler.demo.server import DemoSite

FEED_SIZE = 12  # posts in the finite feed
BATCH = 4  # posts per XHR
HIDDEN_EVERY = 4  # every 4th post hides its listing link behind "See more"
LATE_MS = 1300  # /feed/late: how long after a scroll the next batch is asked for

FEED_JS = """
(function () {
  var endless = document.body.dataset.endless === "1";
  var late = parseInt(document.body.dataset.late || "0", 10);  // ms before a scroll's fetch
  var cursor = 0, loading = false, done = false;
  var feed = document.getElementById("feed");
  function post(p) {
    var el = document.createElement("article");
    el.className = "post";
    el.dataset.id = p.id;
    var text = document.createElement("p");
    text.className = "post-text";
    el.appendChild(text);
    if (p.hidden) {
      text.textContent = p.teaser + "\u2026 ";
      var more = document.createElement("button");
      more.className = "see-more";
      more.textContent = "See more";
      more.onclick = function () { text.innerHTML = p.full; more.remove(); };
      el.appendChild(more);
    } else {
      text.innerHTML = p.full;
    }
    return el;
  }
  function load() {
    if (loading || done) return;
    loading = true;
    fetch("/feed/api?cursor=" + cursor + (endless ? "&endless=1" : ""))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        data.posts.forEach(function (p) { feed.appendChild(post(p)); });
        if (data.next === null) { done = true; } else { cursor = data.next; }
        loading = false;
      });
  }
  window.addEventListener("scroll", function () {
    if (window.innerHeight + window.scrollY < document.body.scrollHeight - 200) return;
    if (late) setTimeout(load, late); else load();
  });
  load();
})();
"""


def _posts(site: DemoSite, start: int, endless: bool) -> tuple[list[dict[str, object]], int | None]:
    listings = site.listings()
    total = 10**9 if endless else min(FEED_SIZE, len(listings))
    posts = []
    for n in range(start, min(start + BATCH, total)):
        item = listings[n % len(listings)]
        link = f'<a class="post-link" href="/item/{quote(item.slug)}">{escape(item.title)}</a>'
        full = f"DM me for this one: {link}. Price {item.price} {item.currency}, ships fast."
        if endless:  # endless chatter: nothing to follow, only the scroll bound to test
            full = f"Post {n}: anyone selling {escape(item.title)}?"
        posts.append(
            {
                "id": n,
                "hidden": n % HIDDEN_EVERY == HIDDEN_EVERY - 1,
                "teaser": "DM me for this one",
                "full": full,
            }
        )
    following = start + BATCH
    return posts, (following if following < total else None)


def feed_slugs(site: DemoSite, *, hidden: bool | None = None) -> list[str]:
    """Slugs the finite feed links to (``hidden``: only those behind "See more", or not)."""
    listings = site.listings()
    return [
        listings[n].slug
        for n in range(min(FEED_SIZE, len(listings)))
        if hidden is None or (n % HIDDEN_EVERY == HIDDEN_EVERY - 1) == hidden
    ]


def _page(endless: bool, late: int = 0) -> str:
    flag = "1" if endless else "0"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bazaar Deals group</title>
<style>.post {{ height: 260px; border-bottom: 1px solid #ccc; padding: 8px; }}</style>
</head>
<body data-endless="{flag}" data-late="{late}">
<h1>Bazaar Deals (group)</h1>
<div id="feed"></div>
<script>{FEED_JS}</script>
</body></html>
"""


def route(site: DemoSite, path: str, query: dict[str, str]) -> Reply | None:
    """``/feed``, ``/feed/endless``, ``/feed/late`` (the finite feed, each scroll's fetch
    LATE_MS after the scroll: a starved or throttled page) and
    ``/feed/api?cursor=N[&endless=1]``."""
    if path == "/feed":
        return Reply(200, _page(False))
    if path == "/feed/late":
        return Reply(200, _page(False, LATE_MS))
    if path == "/feed/endless":
        return Reply(200, _page(True))
    if path == "/feed/api":
        try:
            cursor = max(0, int(query.get("cursor", "0")))
        except ValueError:
            cursor = 0
        posts, following = _posts(site, cursor, query.get("endless") == "1")
        return Reply(200, json.dumps({"posts": posts, "next": following}), JSON)
    return None
