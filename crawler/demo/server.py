"""Threaded stdlib HTTP server for the demo marketplace."""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from crawler.demo import areas, pages
from crawler.demo.catalogue import (
    DEMO_KEYWORDS,
    GENERATED_KEYWORD,
    DemoListing,
    default_catalogue,
    generated_catalogue,
)
from crawler.demo.images import render_png

_ITEM = re.compile(r"^/item/([^/]+)$")
_API_ITEM = re.compile(r"^/api/item/([^/]+)\.json$")
_IMAGE = re.compile(r"^/img/([^/]+)\.png$")
_FEATURED = 6


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], site: DemoSite) -> None:
        self.site = site
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closed its page while a picture was on its way is no error of the
        site's: only other failures are printed (the standard traceback)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BazaarDemo/1.0"
    timeout = 30
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def _base(self) -> str:
        host = self.headers.get("Host")
        return f"http://{host}" if host else self.server.site.base_url

    def _send(
        self,
        status: int,
        body: bytes | str,
        content_type: str,
        head: bool,
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers or []:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _dispatch(self, head: bool) -> None:
        if self.server.site.delay and self.path.startswith(("/item/", "/search")):
            time.sleep(self.server.site.delay)  # a slow marketplace: the crawl waits on it
        try:
            # The feed, members and plain-shop areas answer first (crawler.demo.areas).
            reply = areas.route(self.server.site, self.path, self.headers.get("Cookie"))
            if reply is not None:
                self._send(reply.status, reply.body, reply.content_type, head, reply.headers)
                return
            status, body, ctype = self._route()
        except Exception as exc:  # pragma: no cover - defensive
            status, body, ctype = 500, f"Internal error: {exc}", "text/plain; charset=utf-8"
        self._send(status, body, ctype, head)

    def _route(self) -> tuple[int, bytes | str, str]:
        html = "text/html; charset=utf-8"
        site = self.server.site
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == "/":
            featured = site.listings()[:_FEATURED]
            return 200, pages.render_home(featured, site.keywords()), html
        if path == "/search":
            params = parse_qs(parts.query)
            query = params.get("q", [""])[0].strip()
            try:
                page = max(1, int(params.get("page", ["1"])[0]))
            except ValueError:
                page = 1
            return 200, pages.render_search(query, site.search(query), page), html
        if path.lstrip("/") in pages.INFO_PAGES:
            return 200, pages.render_info(path.lstrip("/")), html
        if path == "/robots.txt":
            return 200, pages.ROBOTS_TXT, "text/plain; charset=utf-8"
        if path == "/static/app.js":
            return 200, pages.APP_JS, "application/javascript; charset=utf-8"
        if path == "/static/style.css":
            return 200, pages.STYLE_CSS, "text/css; charset=utf-8"
        if match := _ITEM.match(path):
            listing = site.get(match.group(1))
            if listing is not None:
                return 200, pages.render_listing(listing, self._base()), html
        elif match := _API_ITEM.match(path):
            listing = site.get(match.group(1))
            if listing is not None:
                payload = json.dumps(pages.api_item(listing, self._base()), ensure_ascii=False)
                return 200, payload, "application/json; charset=utf-8"
        elif (match := _IMAGE.match(path)) and site.has_image(match.group(1)):
            return 200, render_png(match.group(1)), "image/png"
        return 404, pages.render_not_found(path), html


class DemoSite:
    """The demo marketplace; run it with :meth:`start` or as a context manager."""

    def __init__(
        self,
        catalogue: list[DemoListing] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        delay: float = 0.0,
    ) -> None:
        items = default_catalogue() if catalogue is None else catalogue
        self.delay = delay  # seconds each search and listing page takes to serve (benchmarks)
        self.catalogue: dict[str, DemoListing] = {item.slug: item for item in items}
        self.lock = threading.RLock()
        self.host = host
        self.port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> str:
        """Start serving on a daemon thread and return the base URL."""
        if self._server is None:
            self._server = _Server((self.host, self.port), self)
            self.port = int(self._server.server_address[1])
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="demo-site", daemon=True
            )
            self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving and release the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = None
            self._thread = None

    def __enter__(self) -> DemoSite:
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
        """Search URL with a ``{keyword}`` placeholder."""
        return self.base_url + "/search?q={keyword}"

    # -- catalogue access (thread-safe) ----------------------------------------
    def listings(self) -> list[DemoListing]:
        """Live (non-removed) listings in catalogue order."""
        with self.lock:
            return [item for item in self.catalogue.values() if not item.removed]

    def get(self, slug: str) -> DemoListing | None:
        """Live listing by slug, or None."""
        with self.lock:
            item = self.catalogue.get(slug)
        return None if item is None or item.removed else item

    def search(self, query: str) -> list[DemoListing]:
        """Listings whose title/description contain every word of ``query``."""
        return [item for item in self.listings() if pages.matches(item, query)]

    def has_image(self, name: str) -> bool:
        """True when a live listing uses image ``name``."""
        owner = self.get(name.rsplit("-", 1)[0])  # names are "<slug>-<n>": found at once
        if owner is not None and name in owner.images:
            return True
        return any(name in item.images for item in self.listings())

    def keywords(self) -> list[str]:
        """Demo keywords that have at least one result in the current catalogue."""
        return [k for k in (*DEMO_KEYWORDS, GENERATED_KEYWORD) if self.search(k)]

    def remove_listing(self, slug: str) -> None:
        """Delete a listing; its pages then return 404."""
        with self.lock:
            self.catalogue.pop(slug, None)

    def update_listing(self, slug: str, **changes: Any) -> DemoListing:
        """Replace fields of a listing (e.g. ``price=Decimal("9.99")``) and return it."""
        with self.lock:
            item = dataclasses.replace(self.catalogue[slug], **changes)
            self.catalogue[slug] = item
            return item


def main(argv: list[str] | None = None) -> None:
    """CLI: ``python -m crawler.demo.server [--host H] [--port 0] [--listings N]``."""
    parser = argparse.ArgumentParser(description="Serve the Bazaar demo marketplace.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--listings", type=int, default=0, help="serve N generated listings instead"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    catalogue = generated_catalogue(args.listings, args.seed) if args.listings > 0 else None
    site = DemoSite(catalogue, host=args.host, port=args.port)
    print(site.start(), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
