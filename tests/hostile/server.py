"""A hostile marketplace: threaded stdlib HTTP server on 127.0.0.1 (house style of
``crawler.demo.server``). Run it with ``python -m tests.hostile.server`` (prints its URL).

``/search?q=WORDS`` links the scenarios named by WORDS (names, groups, ``quick`` or ``all``;
see :mod:`tests.hostile.scenarios`), and nothing else. Each scenario lives at a stable path,
``/s/NAME/item`` (the signed-in one at ``/account/item/1``). ``robots.txt`` disallows exactly
one path, :data:`ROBOTS_DISALLOWED`. ``GET /_reset`` forgets how often each page was asked for;
``GET /_secrets`` lists every session secret issued so far (for leak checks), and
``GET /_attempts`` when each scenario page was asked for (to check retries and backoff).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.hostile import pages
from tests.hostile.account import SignedInArea
from tests.hostile.payloads import GzipBomb, HugeBody, png, png_bomb
from tests.hostile.scenarios import BY_NAME, ROBOTS_DISALLOWED, SCENARIOS, Scenario, select

__all__ = ["ROBOTS_DISALLOWED", "SCENARIOS", "HostileSite", "Reply", "Scenario"]

HTML = "text/html; charset=utf-8"
ROBOTS_TXT = f"User-agent: *\nDisallow: {ROBOTS_DISALLOWED}\n"
HUGE_BYTES = 60_000_000
BOMB_MIB = 1024
DRIP_SECONDS = 300
PADDING = "<!-- " + "padding " * 60 + "-->"  # room for length-long to cut into
FILLER = b'<p class="filler">' + b"lorem ipsum dolor sit amet " * 4 + b"</p>\n"


@dataclass
class Reply:
    """A response: status, body (bytes, or chunks to stream), headers.

    ``length`` is the Content-Length to declare (``None``: the body's length when it is
    bytes, else none and the connection closes to end the body); ``close`` closes after.
    """

    status: int
    body: bytes | Iterable[bytes] = b""
    content_type: str = HTML
    headers: list[tuple[str, str]] = field(default_factory=list)
    length: int | None = None
    close: bool = False


@dataclass(frozen=True)
class Seen:
    """A request the server received."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    at: float


def _html(status: int, text: str, **kw: Any) -> Reply:
    return Reply(status, text.encode("utf-8"), **kw)


def _split(page: str) -> tuple[bytes, bytes]:
    """A listing page split before ``</main>``: send the first part, hold back the rest."""
    head, sep, tail = page.partition("</main>")
    return head.encode(), (sep + tail).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], site: HostileSite) -> None:
        self.site = site
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "HostileBazaar/1.0"
    timeout = 30
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(size, 1 << 20)) if size > 0 else b""
        site = self.server.site
        site.record(Seen(method, self.path, tuple(self.headers.items()), body, time.monotonic()))
        try:
            reply = site.reply(method, self.path, self.headers, body)
        except Exception as exc:  # pragma: no cover - a bug here, not a scenario
            reply = _html(599, f"hostile server bug: {exc!r}")
        try:
            self._send(reply, head=method == "HEAD")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client gave up: that is its right

    def _send(self, reply: Reply, head: bool) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers:
            self.send_header(name, value)
        length = reply.length
        if length is None and isinstance(reply.body, bytes):
            length = len(reply.body)
        if length is not None:
            self.send_header("Content-Length", str(length))
        if length is None or reply.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        chunks = [reply.body] if isinstance(reply.body, bytes) else reply.body
        for chunk in chunks:
            if chunk:
                self.wfile.write(chunk)
                self.wfile.flush()


class HostileSite:
    """The hostile marketplace; run it with :meth:`start` or as a context manager.

    ``bomb_mib`` (decompressed MiB of the gzip bomb), ``huge_bytes`` (the huge page) and
    ``drip_seconds`` (how long the slow drip lasts) can be made small for quick tests.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        bomb_mib: int = BOMB_MIB,
        huge_bytes: int = HUGE_BYTES,
        drip_seconds: float = DRIP_SECONDS,
    ) -> None:
        self.host = host
        self.port = port
        self.drip_seconds = drip_seconds
        self.account = SignedInArea()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.attempts: Counter[str] = Counter()  # scenario name -> requests for its page
        self.attempt_times: dict[str, list[float]] = {}
        self.requests: deque[Seen] = deque(maxlen=20_000)
        self._bomb_mib = bomb_mib
        self._huge_bytes = huge_bytes
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> str:
        """Start serving on a daemon thread and return the base URL."""
        if self._server is None:
            self.stopping.clear()
            self._server = _Server((self.host, self.port), self)
            self.port = int(self._server.server_address[1])
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="hostile-site", daemon=True
            )
            self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving; end slow drips; release the socket."""
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = None
            self._thread = None

    def __enter__(self) -> HostileSite:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Base URL such as ``http://127.0.0.1:8123`` (valid once started)."""
        return f"http://{self.host}:{self.port}"

    @property
    def search_url_template(self) -> str:
        """Search URL with a ``{keyword}`` placeholder (keywords: scenario names or groups)."""
        return self.base_url + "/search?q={keyword}"

    @property
    def account_search_url_template(self) -> str:
        """Search URL of the signed-in area (needs :meth:`storage_state`)."""
        return self.base_url + "/account/search?q={keyword}"

    def url(self, name: str) -> str:
        """The URL of scenario ``name``."""
        return self.base_url + BY_NAME[name].path

    # -- state ---------------------------------------------------------------
    def storage_state(self) -> dict[str, Any]:
        """A Playwright storage state signed in to ``/account/`` (cookie and API token)."""
        return self.account.storage_state(self.base_url)

    def write_storage_state(self, path: Path) -> Path:
        """Write :meth:`storage_state` as JSON to ``path``."""
        path.write_text(json.dumps(self.storage_state(), indent=1))
        return path

    def secrets(self) -> list[str]:
        """Every session secret handed out so far: none may appear in evidence."""
        return self.account.secrets()

    def record(self, seen: Seen) -> None:
        """Log a request, and count it when it asks for a scenario's page."""
        with self.lock:
            self.requests.append(seen)
            path = urlsplit(seen.path).path
            for s in SCENARIOS:
                if path == s.path:
                    self.attempts[s.name] += 1
                    self.attempt_times.setdefault(s.name, []).append(seen.at)

    def reset(self) -> None:
        """Forget the requests seen, so retry scenarios start again."""
        with self.lock:
            self.attempts.clear()
            self.attempt_times.clear()
            self.requests.clear()

    # -- routing -------------------------------------------------------------
    def reply(self, method: str, raw_path: str, headers: Any, body: bytes) -> Reply:
        """The reply to one request."""
        parts = urlsplit(raw_path)
        path = parts.path
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if path == "/robots.txt":
            return Reply(200, ROBOTS_TXT.encode(), "text/plain; charset=utf-8")
        if path == "/":
            return _html(200, pages.plain("Hostile Bazaar", "Search for a scenario."))
        if path == "/_reset":
            self.reset()
            return Reply(204)
        if path == "/_secrets":  # for scripted leak checks of a server in another process
            return Reply(200, json.dumps(self.secrets()).encode(), "application/json")
        if path == "/_attempts":  # when each scenario page was asked for (seconds, monotonic)
            with self.lock:
                times = json.dumps(self.attempt_times)
            return Reply(200, times.encode(), "application/json")
        if path == "/search":
            q = query.get("q", "")
            return _html(200, pages.search(q, [(s.name, s.path) for s in select(q)]))
        if path == "/login":
            return _html(200, pages.login(query.get("next", "/")))
        if path.startswith("/img/") and path.endswith(".png"):
            grey = hashlib.sha256(path.encode()).digest()[0]
            return Reply(200, png(160, 120, grey), "image/png")
        if path == "/account" or path.startswith("/account/"):
            status, text, ctype, extra = self.account.route(method, raw_path, headers, body)
            return Reply(status, text.encode(), ctype, extra)
        if path.startswith("/s/"):
            name, _, rest = path.removeprefix("/s/").partition("/")
            scenario = BY_NAME.get(name)
            if scenario is not None:
                return self.scenario(scenario, "/" + rest)
        return _html(404, pages.plain("Not found", path))

    def _failing(self, s: Scenario) -> bool:
        with self.lock:
            n = self.attempts[s.name]
        return s.failures == -1 or n <= s.failures

    def scenario(self, s: Scenario, rest: str) -> Reply:
        """The reply of scenario ``s`` at sub-path ``rest`` (``/item`` is its page)."""
        name = s.name
        if s.group == "status":
            if rest != "/item":
                return _html(404, pages.plain("Not found", rest))
            if not self._failing(s):
                return _html(200, pages.listing(name))
            status = int(name.split("-")[1])
            extra = [("Retry-After", str(s.retry_after))] if s.retry_after else []
            return _html(status, pages.plain(f"Error {status}", "Try again later."), headers=extra)
        handler = getattr(self, "_" + name.replace("-", "_"), None)
        if handler is None:  # plain scenarios: the listing itself, at /item only
            if rest != "/item":
                return _html(404, pages.plain("Not found", rest))
            return _html(200, pages.listing(name, header=self._header(name)))
        reply: Reply = handler(rest)
        return reply

    @staticmethod
    def _header(name: str) -> str:
        return pages.SIGN_IN_FORM if name == "header-signin-form" else ""

    # -- scenarios with their own behaviour ----------------------------------------------
    def _jsonld_malformed(self, rest: str) -> Reply:
        head = pages.MALFORMED_JSONLD + pages.opengraph("jsonld-malformed")
        return _html(200, pages.listing("jsonld-malformed", head=head))

    def _navigate_away(self, rest: str) -> Reply:
        if rest == "/elsewhere":
            return _html(200, pages.plain("Moved on", "The listing navigated here by itself."))
        return _html(200, pages.listing("navigate-away", script=pages.NAVIGATE_AWAY))

    def _pushstate(self, rest: str) -> Reply:
        return _html(200, pages.listing("pushstate", script=pages.PUSH_STATE))

    def _redirect_loop(self, rest: str) -> Reply:
        target = "/s/redirect-loop/again" if rest == "/item" else "/s/redirect-loop/item"
        return Reply(302, b"", headers=[("Location", target)])

    def _js_spin(self, rest: str) -> Reply:
        return _html(200, pages.listing("js-spin", script=pages.JS_SPIN))

    def _slow_drip(self, rest: str) -> Reply:
        first, last = _split(pages.listing("slow-drip"))

        def drip() -> Iterable[bytes]:
            yield first
            deadline = time.monotonic() + self.drip_seconds
            while time.monotonic() < deadline and not self.stopping.wait(1.0):
                yield b" "
            yield last

        return Reply(200, drip())  # no Content-Length: the body ends when the connection does

    def _load_never_fires(self, rest: str) -> Reply:
        if rest.startswith("/broken/"):
            self.stopping.wait(0.1)  # keep the image retry storm to ten requests a second
            return Reply(404, b"no such image", "text/plain")
        return _html(200, pages.listing("load-never-fires", body=pages.NEVER_LOAD))

    def _renderer_crash(self, rest: str) -> Reply:
        return _html(200, pages.listing("renderer-crash", script=pages.RENDERER_CRASH))

    def _slow_settle(self, rest: str) -> Reply:
        return _html(200, pages.listing("slow-settle", script=pages.slow_settle_script(10)))

    def _huge_html(self, rest: str) -> Reply:
        first, last = _split(pages.listing("huge-html"))
        body = HugeBody(first, FILLER, self._huge_bytes, last)
        return Reply(200, body.chunks(), length=body.length)

    def gzip_bomb(self) -> GzipBomb:
        """The gzip bomb served at ``/s/gzip-bomb/item``."""
        first, last = _split(pages.listing("gzip-bomb"))
        return GzipBomb(first, self._bomb_mib, last)

    def _gzip_bomb(self, rest: str) -> Reply:
        bomb = self.gzip_bomb()
        headers = [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        return Reply(200, bomb.chunks(), headers=headers, length=bomb.wire_size)

    def _tall_page(self, rest: str) -> Reply:
        return _html(200, pages.listing("tall-page", body=pages.TALL))

    def _image_bomb(self, rest: str) -> Reply:
        if rest == "/bomb.png":
            return Reply(200, png_bomb(), "image/png")
        data = pages.product("image-bomb", image="/s/image-bomb/bomb.png")
        return _html(200, pages.listing("image-bomb", data=data))

    def _lying_type(self, rest: str) -> Reply:
        if rest == "/photo.png":
            return Reply(200, png(160, 120, 40), HTML)  # a PNG that says it is HTML
        if rest == "/page.png":
            return _html(200, pages.plain("Not an image", "HTML said to be a PNG"),
                         content_type="image/png")  # fmt: skip
        data = pages.product("lying-type", image="/s/lying-type/photo.png")
        body = '<img src="/s/lying-type/page.png" width="10" height="10" alt="">'
        return _html(200, pages.listing("lying-type", data=data, body=body))

    def _length_short(self, rest: str) -> Reply:
        page = pages.listing("length-short").encode()
        return Reply(200, page, length=len(page) + 5000, close=True)

    def _length_long(self, rest: str) -> Reply:
        page = pages.listing("length-long", body=PADDING).encode()
        return Reply(200, page, length=len(page) - 200, close=True)

    def _hostile_text(self, rest: str) -> Reply:
        data = pages.product(
            "hostile-text",
            title=pages.HOSTILE_TITLE,
            seller=pages.HOSTILE_SELLER,
            description=pages.HOSTILE_DESCRIPTION,
        )
        return _html(200, pages.listing("hostile-text", data=data))

    def _login_wall(self, rest: str) -> Reply:
        login = "/login?" + urlencode({"next": "/s/login-wall" + rest})
        return Reply(302, b"", headers=[("Location", login)])

    def _bot_wall(self, rest: str) -> Reply:
        return _html(200, pages.BOT_WALL)

    def _bot_wall_403(self, rest: str) -> Reply:
        return _html(403, pages.BOT_WALL, headers=[("cf-mitigated", "challenge")])


def main(argv: list[str] | None = None) -> None:
    """CLI: ``python -m tests.hostile.server [--port 0] [--storage-state FILE] [--list]``."""
    parser = argparse.ArgumentParser(description="Serve the hostile marketplace.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--bomb-mib", type=int, default=BOMB_MIB)
    parser.add_argument("--huge-bytes", type=int, default=HUGE_BYTES)
    parser.add_argument("--drip-seconds", type=float, default=DRIP_SECONDS)
    parser.add_argument("--storage-state", type=Path, help="write the signed-in state here")
    parser.add_argument("--list", action="store_true", help="print the scenarios as JSON")
    args = parser.parse_args(argv)
    if args.list:
        from tests.hostile.scenarios import as_json

        print(as_json())
        return
    site = HostileSite(
        args.host, args.port, bomb_mib=args.bomb_mib, huge_bytes=args.huge_bytes,
        drip_seconds=args.drip_seconds,
    )  # fmt: skip
    print(site.start(), flush=True)
    if args.storage_state:
        site.write_storage_state(args.storage_state)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
