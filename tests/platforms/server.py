"""Serve one platform's test pages (:mod:`tests.platforms.pages`) at the root of a local
server, as the platform serves them, so that a shipped profile's site-relative search URL
works with ``--base-url``. ``python -m tests.platforms.server PLATFORM`` prints its URL."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from crawler.demo.images import render_png
from tests.platforms.pages import PLATFORMS


class _Handler(BaseHTTPRequestHandler):
    platform = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""

    def do_GET(self) -> None:
        items, item_page, search_path, search_page, param = PLATFORMS[self.platform]
        parts = urlsplit(self.path)
        status, ctype, body = 404, "text/html; charset=utf-8", b"<h1>Not found</h1>"
        if parts.path == "/robots.txt":
            status, ctype, body = 200, "text/plain", b"User-agent: *\nAllow: /\n"
        elif parts.path.rstrip("/") == search_path.rstrip("/"):
            keyword = parse_qs(parts.query).get(param, [""])[0]
            status, body = 200, search_page(keyword).encode()
        elif parts.path.endswith((".jpg", ".png")):
            status, ctype, body = 200, "image/png", render_png(parts.path)
        else:
            item = next((i for i in items if i.path == parts.path), None)
            if item is not None:
                status, body = 200, item_page(item).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class PlatformSite:
    """One platform's test pages on 127.0.0.1, an ephemeral port."""

    def __init__(self, platform: str) -> None:
        handler = type("Handler", (_Handler,), {"platform": platform})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.platform = platform
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> PlatformSite:
        self.thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    with PlatformSite(sys.argv[1]) as site:
        print(site.base_url, flush=True)
        threading.Event().wait()
