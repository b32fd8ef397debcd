"""HTTPS capture: the TLS version and the server certificate chain come from the capture
connection itself (the browser that fetched the page), stored as a hashed artefact."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import jasper, jasper_json

PAGE = b"""<html><head><title>Watch</title><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Product", "name": "Replica Diver Watch",
 "offers": {"@type": "Offer", "price": "49.00", "priceCurrency": "GBP"}}</script></head>
<body><h1>Replica Diver Watch</h1><p>Sold by tls_seller</p></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE if self.path == "/item/1" else b"User-agent: *\nAllow: /\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if self.path == "/item/1" else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def https_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A shop on https://127.0.0.1 (port 0) with a freshly made self-signed certificate."""
    pki = tmp_path_factory.mktemp("pki")
    cert, key = pki / "cert.pem", pki / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=jasper-test-shop",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def test_https_capture_keeps_the_certificate_chain(
    https_site: tuple[str, Path], tmp_path: Path
) -> None:
    base, cert = https_site
    options = {"viewport": {"width": 1280, "height": 900}, "ignore_https_errors": True}
    result = jasper(
        "capture", "--case", "tls", f"{base}/item/1", "--workdir", str(tmp_path),
        "--set", f"JASPER_CONTEXT_OPTIONS={json.dumps(options)}",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    (listing,) = jasper_json(
        "listings", "--case", "tls", "--workdir", str(tmp_path), "--format", "json"
    )
    capture = listing["captures"][0]
    assert capture["status"] == "complete", capture["errors"]
    assert capture["tls"]["protocol"].startswith("TLS 1.")
    chain = (tmp_path / capture["tls_chain"]).read_bytes()
    assert hashlib.sha256(chain).hexdigest() == capture["tls_chain_sha256"]
    served = ssl.PEM_cert_to_DER_cert(cert.read_text())
    assert ssl.PEM_cert_to_DER_cert(chain.decode()) == served  # the certificate the server sent
    with (tmp_path / capture["warc"]).open("rb") as stream:
        uris = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(stream)]
    assert f"urn:tls-chain:{base}/item/1" in uris


def test_http_and_https_pages_share_one_browser(
    https_site: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = https_site
    plain = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    options = {"viewport": {"width": 1280, "height": 900}, "ignore_https_errors": True}
    try:
        result = jasper(
            "capture", "--case", "tls", f"{base}/item/1",
            f"http://127.0.0.1:{plain.server_address[1]}/item/1", "--workdir", str(tmp_path),
            "--set", f"JASPER_CONTEXT_OPTIONS={json.dumps(options)}",
        )  # fmt: skip
    finally:
        plain.shutdown()
        plain.server_close()
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(tmp_path / "jasper.db") as db:
        (raw,) = db.execute("SELECT stats FROM crawl_runs").fetchone()
    stats = json.loads(raw)
    assert stats["jasper/listings_captured"] == 2
    assert stats["playwright/browser_count"] == 1  # one Chromium for both schemes
