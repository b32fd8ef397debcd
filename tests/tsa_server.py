"""A real RFC 3161 TSA for tests: openssl-made root and TSA certificates, `openssl ts -reply`."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.55555.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

TSA_EXTENSIONS = """basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(directory: Path) -> None:
    """A root CA and a TSA certificate (critical timeStamping EKU) in ``directory``."""
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key",
        "-out", "root.pem", "-days", "30", "-subj", "/CN=Jasper Test Root CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=directory,
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
        "-subj", "/CN=Jasper Test TSA",
        cwd=directory,
    )  # fmt: skip
    (directory / "tsa.ext").write_text(TSA_EXTENSIONS)
    _openssl(
        "x509", "-req", "-in", "tsa.csr", "-CA", "root.pem", "-CAkey", "root.key",
        "-set_serial", "2", "-out", "tsa.pem", "-days", "30", "-extfile", "tsa.ext",
        cwd=directory,
    )  # fmt: skip
    (directory / "tsaserial").write_text("01\n")
    (directory / "tsa.cnf").write_text(TSA_CONFIG.format(dir=directory))


class LocalTSA:
    """``openssl ts -reply`` behind a tiny HTTP server on 127.0.0.1, an ephemeral port."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory.resolve()
        self.dir.mkdir(parents=True, exist_ok=True)
        make_pki(self.dir)
        self.root = self.dir / "root.pem"
        self.requests = 0
        self._lock = threading.Lock()
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with tsa._lock, tempfile.TemporaryDirectory() as tmp:
                    tsa.requests += 1
                    (Path(tmp) / "q.tsq").write_bytes(query)
                    done = subprocess.run(
                        ["openssl", "ts", "-reply", "-config", str(tsa.dir / "tsa.cnf"),
                         "-queryfile", "q.tsq", "-out", "r.tsr"],
                        cwd=tmp, capture_output=True,
                    )  # fmt: skip
                    reply = (Path(tmp) / "r.tsr").read_bytes() if done.returncode == 0 else b""
                if not reply:
                    self.send_error(500, done.stderr.decode(errors="replace")[:200])
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalTSA:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.shutdown()
        self.server.server_close()


def dead_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"
