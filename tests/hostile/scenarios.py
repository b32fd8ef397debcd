"""The hostile scenarios: where each lives, what it does, and what issue 16 requires of Jasper.

``outcome`` is what a hardened Jasper must end with, for parametrised tests:

- ``complete``: a complete listing capture (``http_status`` 200);
- ``captured``: a listing capture, complete or partial (a failed step named), never dropped;
- ``visible``: a capture of any state (complete, partial or failed, with its HTTP status and
  errors) in ``jasper listings``, the run summary and the export;
- ``failed``: a failed capture carrying ``http_status``, visible as above;
- ``blocked``: recorded against the run as a login or bot wall, never kept as a listing;
- ``robots``: not fetched, counted as skipped by robots.txt (the only scenario that is).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Final


@dataclass(frozen=True)
class Scenario:
    """One hostile page: its stable path and what Jasper must do with it."""

    name: str
    path: str
    group: str
    does: str
    expect: str
    outcome: str
    http_status: int | None = 200
    issues: tuple[int, ...] = (16,)
    slow: bool = False  # holds a browser for longer than a few seconds (needs a deadline)
    failures: int = 0  # error answers before the page is served (0: none, -1: always)
    retry_after: int | None = None  # seconds, when the error answers carry Retry-After


def _s(name: str, group: str, does: str, expect: str, outcome: str, **kw: object) -> Scenario:
    return Scenario(name, f"/s/{name}/item", group, does, expect, outcome, **kw)  # type: ignore[arg-type]


SCENARIOS: Final[tuple[Scenario, ...]] = (
    _s("ok", "control", "A plain valid listing.",
       "captured complete (control: the crawl works)", "complete"),
    _s("status-429-retry-after", "status",
       "429 with Retry-After: 2 to the first 2 requests, then the listing.",
       "retried with backoff honouring Retry-After, then captured complete with http_status 200",
       "complete", failures=2, retry_after=2),
    _s("status-429-always", "status", "Always 429 with Retry-After: 1.",
       "capture failed with http_status 429 after retries; visible in listings, run summary "
       "and export; not counted as skipped by robots", "failed", http_status=429, failures=-1,
       retry_after=1),
    _s("status-500-then-200", "status", "500 to the first request, then the listing.",
       "retried, then captured complete with http_status 200", "complete", failures=1),
    _s("status-500-always", "status", "Always 500.",
       "capture failed with http_status 500 after retries; visible; not skipped by robots",
       "failed", http_status=500, failures=-1),
    _s("status-403", "status", "Always 403 (Access denied).",
       "capture failed with http_status 403 (kept as evidence of the refusal); visible; "
       "not skipped by robots", "failed", http_status=403, failures=-1),
    _s("status-503", "status", "Always 503 with Retry-After: 1.",
       "capture failed with http_status 503 after retries; visible; not skipped by robots",
       "failed", http_status=503, failures=-1, retry_after=1),
    _s("robots-disallowed", "robots", "A listing under the one path robots.txt disallows.",
       "not fetched; counted as skipped by robots.txt (and nothing else is)", "robots",
       http_status=None),
    _s("jsonld-malformed", "data",
       "A broken JSON-LD block, then a valid Product block and OpenGraph product tags.",
       "captured complete as a listing from the valid block; the broken block costs only itself",
       "complete"),
    _s("navigate-away", "navigation",
       "A listing that sets location.href to a page without product data 500 ms after load.",
       "recorded as a capture (the listing as loaded, or failed naming the navigation), "
       "never dropped without an error", "visible"),
    _s("pushstate", "navigation", "A listing that calls history.pushState 500 ms after load.",
       "captured complete; the requested URL kept, the pushed URL recorded as final URL",
       "complete"),
    _s("redirect-loop", "navigation", "302 to /s/redirect-loop/again, which 302s back.",
       "capture failed naming the redirect loop, with the redirect chain; visible",
       "failed", http_status=None),
    _s("js-spin", "stall", "JavaScript spins the main thread forever 300 ms after load.",
       "the hung renderer is killed at the page deadline and the capture recorded failed (or "
       "partial); the rest of the crawl goes on", "visible", slow=True),
    _s("slow-drip", "stall", "Head and Product JSON-LD at once, then 1 byte a second for minutes.",
       "capture ends at the page deadline as partial or failed (slow drip named); visible; "
       "the crawl goes on", "visible", slow=True),
    _s("load-never-fires", "stall",
       "A failing image whose onerror swaps in another failing image forever.",
       "captured once the DOM is ready and the network settles within a cap; a 'load' failed "
       "step recorded (issue 17)", "captured", issues=(16, 17), slow=True),
    _s("renderer-crash", "stall",
       "JavaScript allocates memory until V8 gives up and Chromium kills the tab "
       "(about 8 s after load and 4-5 GB: run it alone).",
       "capture recorded failed naming the crash; the crawl goes on", "visible", slow=True),
    _s("slow-settle", "stall", "The DOM changes every 200 ms for 10 s after load.",
       "captured (complete or partial); a Ctrl-C meanwhile records it as interrupted",
       "captured", slow=True),
    _s("huge-html", "size", "A 60 MB HTML page, generated on the fly.",
       "a capture (complete, partial or failed with a size error) in bounded memory; visible",
       "visible"),
    _s("gzip-bomb", "size",
       "Content-Encoding: gzip, ~1 MB on the wire, 1 GiB of HTML once decompressed.",
       "capture failed or partial (decompression bomb named) in bounded memory; nothing "
       "truncated in artefacts/; visible in listings and exports", "visible", slow=True),
    _s("tall-page", "size", "A listing 300,000 px tall.",
       "captured with a screenshot taken within a memory budget (tiles, or a recorded cut), "
       "never lost (issue 17)", "captured", issues=(16, 17)),
    _s("image-bomb", "size", "A listing whose image is a 40000x40000 PNG of a few hundred KB.",
       "captured; the image recorded (no perceptual hash, reason named); no crash or "
       "unbounded memory", "captured"),
    _s("lying-type", "headers",
       "Product image is PNG served as text/html; a second image is HTML served as image/png.",
       "captured complete; the WARC keeps the headers as sent; images judged by content",
       "complete"),
    _s("length-short", "headers",
       "Content-Length 5000 bytes more than the body, then the connection closes.",
       "a capture naming the truncated body (partial or failed); visible", "visible"),
    _s("length-long", "headers",
       "Content-Length 200 bytes less than the body (the tail is cut), connection closes.",
       "a capture (complete or partial); the raw body stored is exactly what was read", "visible"),
    _s("hostile-text", "text",
       "Title, seller and description hold <script>, HTML, ANSI CSI/OSC, \\r, backspaces, a "
       "CSV formula and a right-to-left override, meant to forge an OK line on a terminal.",
       "captured complete, fields stored verbatim; every terminal output escapes control "
       "characters; HTML/PDF reports escape markup; CSV cells cannot run formulas", "complete"),
    _s("login-wall", "walls", "302 to /login?next=..., a password form and nothing else.",
       "recorded against the run as a login wall (blocked), not as a listing", "blocked",
       http_status=None),
    _s("bot-wall", "walls", "200 with a CAPTCHA / 'Just a moment...' challenge page.",
       "recorded against the run as a bot wall (blocked), never as a listing or as "
       "'no product data'", "blocked", issues=(16, 17)),
    _s("bot-wall-403", "walls", "403 with cf-mitigated: challenge and a challenge page.",
       "recorded as blocked by a bot wall (http_status 403), not skipped by robots", "blocked",
       http_status=403, issues=(16, 17), failures=-1),
    _s("header-signin-form", "walls", "A listing with a sign-in form (password) in its header.",
       "captured complete; no false login wall (issue 17)", "complete", issues=(16, 17)),
    Scenario("signed-in", "/account/item/1", "session",
             "Needs the storage state (storage_state()); rotates the session cookie on every "
             "response; page JS sends a localStorage token as X-API-Key, Authorization: Bearer, "
             "?access_token= and in a POST body. Search: /account/search?q=anything.",
             "captured complete; no secret (any issued cookie, the token) in any WARC, the "
             "database, a log or the bundle; redacted values keep a hash", "complete"),
)  # fmt: skip

BY_NAME: Final[dict[str, Scenario]] = {s.name: s for s in SCENARIOS}
GROUPS: Final[tuple[str, ...]] = tuple(dict.fromkeys(s.group for s in SCENARIOS))
ROBOTS_DISALLOWED: Final[str] = "/s/robots-disallowed/"


def select(query: str) -> list[Scenario]:
    """Scenarios named by the words of a search query: names, groups, ``quick`` or ``all``.

    ``all`` and ``quick`` (all that are not slow) leave out the signed-in area, which only
    answers with a session.
    """
    words = set(query.lower().replace(",", " ").split())
    chosen = []
    for s in SCENARIOS:  # in table order, whatever the order of the words
        public = s.group != "session"
        if (
            s.name in words
            or s.group in words
            or ("all" in words and public)
            or ("quick" in words and public and not s.slow)
        ):
            chosen.append(s)
    return chosen


def as_json() -> str:
    """Every scenario as a JSON array (for other tools)."""
    return json.dumps([asdict(s) for s in SCENARIOS], indent=1)
