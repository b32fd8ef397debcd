"""Serve the real-web corpus over HTTP, under its original host names.

Two ways in, on one port (127.0.0.1, port 0 by default):

- path-prefixed: ``http://127.0.0.1:PORT/<host>/<path>`` serves the page labelled
  ``https://<host>/<path>``; root-relative assets of such a page are found through its Referer.
- forward proxy: a client configured with ``--proxy http://127.0.0.1:PORT`` asking for
  ``http://<host>/<path>`` gets the same page, so pages are crawled under their own host names.
  ``CONNECT`` is answered too, with TLS from a throwaway CA (``CorpusServer.ca_file``), because
  Chromium will not fetch HSTS-preloaded hosts (amazon.*, etsy.com, facebook.com...) over http;
  a browser must trust that CA or ignore certificate errors.

``/search?q=...`` (and ``http://search.corpus.test/search?q=...`` through the proxy) links to
every page of the corpus, listings and non-listings mixed. Per-page behaviours come from the
labels (``serve``): status, headers, redirects, images that fail slowly (so that an ``onerror``
loop keeps ``load`` from ever firing); very tall pages are expanded from a marker as they are
served. Run by hand with ``python -m tests.corpus.server [--port N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import ipaddress
import json
import random
import re
import shutil
import ssl
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crawler.demo.images import render_png

CORPUS_DIR = Path(__file__).resolve().parent / "realweb"
SEARCH_HOST = "search.corpus.test"
SLOW_404_SECONDS = 0.4
FILLER = re.compile(r"<!--corpus:filler px=(\d+) lang=([\w-]+)-->")
FILLER_ROW_PX = 250
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
ROBOTS_TXT = "User-agent: *\nAllow: /\n"
FILLER_TEXT = {
    "en": "Arrived quickly and exactly as described. Would buy from this seller again.",
    "de": "Schnelle Lieferung, alles wie beschrieben. Gerne wieder.",
    "fr": "Livraison rapide, conforme à la description. Je recommande.",
    "ja": "迅速な発送ありがとうございました。説明通りの商品です。",
    "zh": "物流很快，和描述一致，好评！",
    "es": "Llegó rápido y tal como se describe.",
    "it": "Spedizione veloce, prodotto conforme.",
}


@dataclass(frozen=True)
class CorpusPage:
    """One labelled page of the corpus."""

    label: dict[str, Any]
    file: Path

    @property
    def url(self) -> str:
        """The page's original URL (https)."""
        return str(self.label["url"])

    @property
    def host(self) -> str:
        """The original host name."""
        return urlsplit(self.url).netloc.lower()

    @property
    def target(self) -> str:
        """Path and query of the original URL."""
        parts = urlsplit(self.url)
        return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    @property
    def kind(self) -> str:
        """listing, category, search, help, cart, signin, loginwall, botwall, article or home."""
        return str(self.label["kind"])

    @property
    def charset(self) -> str:
        """The charset the page is stored and served in."""
        return str(self.label.get("charset", "utf-8"))

    @property
    def serve(self) -> dict[str, Any]:
        """Behaviours asked for when serving: status, headers, location, slow_404."""
        return dict(self.label.get("serve") or {})

    def title(self) -> str:
        """A title for links: the labelled title of a listing, else the page's ``<title>``."""
        if self.label.get("title"):
            return str(self.label["title"])
        text = self.file.read_bytes().decode(self.charset, errors="replace")
        match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        return html.unescape(" ".join(match.group(1).split())) if match else self.url


@dataclass
class Corpus:
    """The labelled pages of a corpus directory (``labels.json`` and ``pages/``)."""

    root: Path = CORPUS_DIR
    pages: list[CorpusPage] = field(init=False)

    def __post_init__(self) -> None:
        labels = json.loads((self.root / "labels.json").read_text(encoding="utf-8"))
        self.pages = [CorpusPage(label, self.root / "pages" / label["file"]) for label in labels]

    @cached_property
    def _index(self) -> dict[tuple[str, str], CorpusPage]:
        index: dict[tuple[str, str], CorpusPage] = {}
        for page in self.pages:
            index.setdefault((page.host, page.target), page)
            index.setdefault((page.host, page.target.split("?", 1)[0]), page)
        return index

    @cached_property
    def hosts(self) -> frozenset[str]:
        """Every host name a page of the corpus lives on."""
        return frozenset(page.host for page in self.pages)

    @cached_property
    def slow_paths(self) -> tuple[str, ...]:
        """Path prefixes that answer 404 slowly, whatever the host."""
        return tuple(p for page in self.pages for p in page.serve.get("slow_404", []))

    def find(self, host: str, target: str) -> CorpusPage | None:
        """The page at ``host`` + ``target`` (exact, then without the query)."""
        host = host.lower()
        return self._index.get((host, target)) or self._index.get((host, target.split("?", 1)[0]))

    def by_url(self, url: str) -> CorpusPage | None:
        """The page whose original URL (any scheme) is ``url``."""
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return self.find(parts.netloc, target)

    def body(self, page: CorpusPage) -> bytes:
        """The page's bytes as served: stored bytes with any height filler expanded."""
        data = page.file.read_bytes()
        if b"<!--corpus:filler" not in data:
            return data
        text = data.decode(page.charset)
        text = FILLER.sub(lambda m: filler_html(int(m.group(1)), m.group(2)), text)
        return text.encode(page.charset, errors="xmlcharrefreplace")

    def text(self, page: CorpusPage) -> str:
        """The page as served, decoded."""
        return self.body(page).decode(page.charset)

    def is_slow(self, path: str) -> bool:
        """True when ``path`` is an image that must fail slowly."""
        return any(path.startswith(prefix) for prefix in self.slow_paths)

    def search_html(self, query: str, link: Any) -> str:
        """A results page linking to every page, in a fixed shuffled order."""
        pages = list(self.pages)
        random.Random(17).shuffle(pages)
        items = "".join(
            f'<li class="result"><a href="{html.escape(link(page))}">'
            f"{html.escape(page.title())}</a>"
            f'<div class="result-url">{html.escape(page.url)}</div></li>'
            for page in pages
        )
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
            f"{html.escape(query or 'Search')} - Corpus search</title></head><body>"
            '<form action="/search"><input name="q" value="'
            f'{html.escape(query)}"><button>Search</button></form>'
            f'<p>{len(pages)} results</p><ol class="results">{items}</ol></body></html>'
        )


def filler_html(px: int, lang: str) -> str:
    """``px`` pixels of customer reviews, one fixed-height row each."""
    text = html.escape(FILLER_TEXT.get(lang.split("-")[0], FILLER_TEXT["en"]))
    rows = []
    for i in range(max(1, px // FILLER_ROW_PX)):
        rows.append(
            '<div class="review corpus-filler" style="box-sizing:border-box;'
            f"height:{FILLER_ROW_PX}px;padding:12px;border-bottom:1px solid #e7e7e7;"
            f'overflow:hidden"><b>Customer {i + 1}</b>'
            f" {'★' * (3 + i % 3)}{'☆' * (2 - i % 3)}<p>{text}</p></div>"
        )
    return '<div class="reviews-list">' + "".join(rows) + "</div>"


class Certificates:
    """A throwaway CA and a leaf certificate per host, made on demand, for CONNECT tunnels."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="corpus-tls-"))
        now = dt.datetime.now(dt.UTC)
        self._key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Jasper corpus test CA")])
        self._ca = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self._key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(self._key, hashes.SHA256())
        )
        self.ca_file = self.dir / "ca.pem"
        self.ca_file.write_bytes(self._ca.public_bytes(serialization.Encoding.PEM))
        self._leaf_key = ec.generate_private_key(ec.SECP256R1())
        self._key_file = self.dir / "leaf-key.pem"
        self._key_file.write_bytes(
            self._leaf_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def context(self, host: str) -> ssl.SSLContext:
        """A server-side TLS context presenting a certificate for ``host``."""
        with self._lock:
            if host not in self._contexts:
                self._contexts[host] = self._make(host)
            return self._contexts[host]

    def _make(self, host: str) -> ssl.SSLContext:
        now = dt.datetime.now(dt.UTC)
        try:
            alt: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            alt = x509.DNSName(host)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host[:64])]))
            .issuer_name(self._ca.subject)
            .public_key(self._leaf_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([alt]), critical=False)
            .sign(self._key, hashes.SHA256())
        )
        chain = self.dir / f"{re.sub(r'[^A-Za-z0-9.-]', '_', host)}.pem"
        chain.write_bytes(
            cert.public_bytes(serialization.Encoding.PEM)
            + self._ca.public_bytes(serialization.Encoding.PEM)
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain, self._key_file)
        context.set_alpn_protocols(["http/1.1"])
        return context


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], corpus: Corpus) -> None:
        self.corpus = corpus
        self.certs = Certificates()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hang up on slow images all the time; stay quiet."""

    def server_close(self) -> None:
        super().server_close()
        shutil.rmtree(self.certs.dir, ignore_errors=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CorpusServer/1.0"
    timeout = 30
    server: _Server

    server_header: str | None = None
    tunnel: str | None = None  # the host of a CONNECT tunnel this connection now carries

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet."""

    def version_string(self) -> str:
        """The page's own ``Server`` header when its label gives one (a CDN's bot wall)."""
        return self.server_header or super().version_string()

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def do_CONNECT(self) -> None:
        """Open a tunnel and speak TLS in it, as the host asked for, with a test certificate."""
        host = self.path.rsplit(":", 1)[0].strip("[]").lower()
        context = self.server.certs.context(host)
        self.send_response(200, "Connection Established")
        self.end_headers()
        try:
            tls = context.wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            self.close_connection = True  # the client refused the certificate
            return
        self.connection = tls
        self.rfile = tls.makefile("rb")
        self.wfile = tls.makefile("wb")  # flushed after every request by the base class
        self.tunnel = host
        self.close_connection = False

    def finish(self) -> None:
        super().finish()
        if self.tunnel is not None:
            self.connection.close()

    def _own_host(self, host: str) -> bool:
        name = host.rsplit(":", 1)[0].strip("[]").lower()
        return name in ("127.0.0.1", "localhost", "::1", self.server.server_address[0])

    def _resolve(self) -> tuple[str | None, str, bool]:
        """(host, path-and-query, proxied) for this request; host None when unknown."""
        raw = self.path
        if self.tunnel is not None:
            host_header = self.headers.get("Host", self.tunnel)
            return host_header.rsplit(":", 1)[0].lower(), raw, True
        if raw.startswith(("http://", "https://")):
            parts = urlsplit(raw)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return parts.hostname or "", target, True
        host_header = self.headers.get("Host", "")
        if host_header and not self._own_host(host_header):
            return host_header.rsplit(":", 1)[0].lower(), raw, True
        first, _, rest = raw.lstrip("/").partition("/")
        first_host = first.split("?", 1)[0].lower()
        if first_host in self.server.corpus.hosts or first_host == SEARCH_HOST:
            return first_host, "/" + rest, False
        referer = self.headers.get("Referer")
        if referer:
            ref_first = urlsplit(referer).path.lstrip("/").split("/", 1)[0].lower()
            if ref_first in self.server.corpus.hosts:
                return ref_first, raw, False
        return None, raw, False

    def _send(
        self,
        status: int,
        body: bytes | str,
        content_type: str,
        head: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = dict(headers or {})
        self.server_header = headers.pop("Server", None)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        if "Cache-Control" not in headers:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _dispatch(self, head: bool) -> None:
        corpus = self.server.corpus
        host, target, proxied = self._resolve()
        path = target.split("?", 1)[0]

        scheme = "https" if self.tunnel else "http"

        def link(page: CorpusPage) -> str:
            if proxied:
                return f"{scheme}://{page.host}{page.target}"
            return f"/{page.host}{page.target}"

        if path == "/search" and (host in (None, SEARCH_HOST)):
            query = parse_qs(urlsplit(target).query).get("q", [""])[0]
            self._send(200, corpus.search_html(query, link), "text/html; charset=utf-8", head)
            return
        if host is None and path == "/":
            self._send(200, '<a href="/search?q=">Search the corpus</a>', "text/html", head)
            return
        if path == "/robots.txt":
            self._send(200, ROBOTS_TXT, "text/plain; charset=utf-8", head)
            return
        page = corpus.find(host, target) if host else None
        if page is not None:
            self._serve_page(page, proxied, head)
        elif corpus.is_slow(path):
            time.sleep(SLOW_404_SECONDS)  # an image that fails, slowly, every time
            self._send(404, "Not Found", "text/plain; charset=utf-8", head)
        elif path.lower().endswith(IMAGE_EXTENSIONS) or "/images/" in path:
            self._send(
                200,
                render_png(path.rsplit("/", 1)[-1][:60]),
                "image/png",
                head,
                {"Cache-Control": "max-age=3600"},
            )
        elif path.endswith(".css"):
            self._send(200, "", "text/css; charset=utf-8", head)
        elif path.endswith(".js"):
            self._send(200, "", "application/javascript; charset=utf-8", head)
        else:
            self._send(
                404,
                f"<h1>Not in the corpus</h1><p>{html.escape(str(host))}{html.escape(target)}</p>",
                "text/html; charset=utf-8",
                head,
            )

    def _serve_page(self, page: CorpusPage, proxied: bool, head: bool) -> None:
        serve = page.serve
        headers = dict(serve.get("headers") or {})
        if "location" in serve:
            parts = urlsplit(serve["location"])
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            scheme = "https" if self.tunnel else "http"
            headers["Location"] = (
                f"{scheme}://{parts.netloc}{target}" if proxied else f"/{parts.netloc}{target}"
            )
        body = self.server.corpus.body(page)
        self._send(
            int(serve.get("status", 200)), body, f"text/html; charset={page.charset}", head, headers
        )


class CorpusServer:
    """The corpus on 127.0.0.1 (port 0 by default); a context manager like the demo site."""

    def __init__(
        self, corpus: Corpus | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.corpus = corpus or Corpus()
        self.host = host
        self.port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Start serving on a daemon thread and return the base URL."""
        if self._server is None:
            self._server = _Server((self.host, self.port), self.corpus)
            self.port = int(self._server.server_address[1])
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="corpus-server", daemon=True
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

    def __enter__(self) -> CorpusServer:
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
        """``http://127.0.0.1:PORT`` (valid once started); also the proxy's URL."""
        return f"http://{self.host}:{self.port}"

    @property
    def ca_file(self) -> Path:
        """PEM of the CA behind the proxy's TLS certificates (valid once started)."""
        assert self._server is not None, "start the server first"
        return self._server.certs.ca_file

    @property
    def search_url_template(self) -> str:
        """The path-prefixed search page with a ``{keyword}`` placeholder."""
        return self.base_url + "/search?q={keyword}"

    @property
    def proxied_search_url_template(self) -> str:
        """The search page as reached through the proxy."""
        return f"http://{SEARCH_HOST}/search?q={{keyword}}"

    def prefixed(self, url: str) -> str:
        """Where ``url`` is served in path-prefixed mode."""
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.base_url}/{parts.netloc}{parts.path or '/'}{query}"

    @staticmethod
    def proxied(url: str) -> str:
        """The http URL to ask the proxy for."""
        return "http://" + url.split("://", 1)[1]


def main(argv: list[str] | None = None) -> None:
    """CLI: ``python -m tests.corpus.server [--host H] [--port 0] [--corpus DIR]``."""
    parser = argparse.ArgumentParser(description="Serve the real-web corpus.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    server = CorpusServer(Corpus(args.corpus), host=args.host, port=args.port)
    base = server.start()
    print(base, flush=True)
    print(
        f"search: {base}/search?q=  |  proxy: --proxy {base} then http://{SEARCH_HOST}/search?q=",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
