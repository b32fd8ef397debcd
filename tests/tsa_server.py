"""A real RFC 3161 TSA for tests: a throw-away PKI and `openssl ts -reply` behind HTTP.

``LocalTSA(dir, certs=...)`` chooses what the tokens carry:

- ``"signer"`` (default): the TSA certificate only (when the query asks for certificates);
- ``"chain"``: a root -> intermediate -> TSA PKI, every certificate in the token, listed in
  an order that leaves the token's certificate SET out of DER order, as OpenSSL, Microsoft
  and Bouncy Castle TSAs send it (strict DER parsers reject such tokens);
- ``"none"``: the TSA ignores ``certReq`` and never includes a certificate.

``tsa_validity`` gives the TSA certificate's (not_before, not_after), e.g. an expired one;
``rewrite`` changes each reply before it is sent, as another TSA's encoder would write it
(re-ordered certificates, BER), without re-signing it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Literal

from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CertMode = Literal["signer", "chain", "none"]

TSA_CONFIG = """
[ tsa ]
default_tsa = tsa_config1

[ tsa_config1 ]
dir = {dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
{certs}
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.55555.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = {ess_chain}
ess_cert_id_alg = sha256
"""

Issued = tuple[x509.Certificate, rsa.RSAPrivateKey]


def _issue(
    name: str,
    issuer: Issued | None,
    *,
    ca: bool,
    serial: int,
    validity: tuple[dt.datetime, dt.datetime],
) -> Issued:
    """An RSA key and a certificate for it: a CA, or a TSA (critical timeStamping EKU)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_cert, issuer_key = issuer if issuer else (None, key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(validity[0])
        .not_valid_after(validity[1])
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    usage = dict.fromkeys(
        ("content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
         "encipher_only", "decipher_only"),
        False,
    )  # fmt: skip
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=False, key_cert_sign=True, crl_sign=True, **usage),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **usage),
            critical=True,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    if issuer_cert:
        ski = issuer_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256()), key


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def _write_key(path: Path, key: rsa.RSAPrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def make_pki(
    directory: Path,
    certs: CertMode = "signer",
    tsa_validity: tuple[dt.datetime, dt.datetime] | None = None,
) -> None:
    """Write ``root.pem``, ``tsa.pem``/``tsa.key``, ``untrusted.pem`` and ``tsa.cnf``.

    In ``chain`` mode the TSA is issued by ``intermediate.pem`` and ``chain.pem`` (the
    config's ``certs``) lists the intermediate and the root in the order that puts the
    token's certificate SET out of DER order. ``untrusted.pem`` holds every certificate but
    the root: what ``openssl ts -verify -untrusted`` needs for a token without them.
    """
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    month = (now - dt.timedelta(minutes=5), now + dt.timedelta(days=30))
    root = _issue("Jasper Test Root CA", None, ca=True, serial=1, validity=month)
    issuer, intermediates = root, []
    if certs == "chain":
        issuer = _issue("Jasper Test Intermediate CA", root, ca=True, serial=3, validity=month)
        intermediates = [issuer[0]]
        _write_key(directory / "intermediate.key", issuer[1])
        (directory / "intermediate.pem").write_bytes(_pem(issuer[0]))
    tsa_cert, tsa_key = _issue(
        "Jasper Test TSA", issuer, ca=False, serial=2, validity=tsa_validity or month
    )
    _write_key(directory / "root.key", root[1])
    _write_key(directory / "tsa.key", tsa_key)
    (directory / "root.pem").write_bytes(_pem(root[0]))
    (directory / "tsa.pem").write_bytes(_pem(tsa_cert))
    (directory / "untrusted.pem").write_bytes(_pem(tsa_cert, *intermediates))
    certs_line = ""
    if certs == "chain":
        # openssl writes the signer, then `certs` in file order, without sorting
        der = [c.public_bytes(serialization.Encoding.DER) for c in (tsa_cert, issuer[0], root[0])]
        order = [issuer[0], root[0]]
        if der == sorted(der):
            order.reverse()
        (directory / "chain.pem").write_bytes(_pem(*order))
        certs_line = "certs = $dir/chain.pem"
    (directory / "tsaserial").write_text("01\n")
    (directory / "tsa.cnf").write_text(
        TSA_CONFIG.format(
            dir=directory, certs=certs_line, ess_chain="yes" if certs == "chain" else "no"
        )
    )


def _without_cert_request(query: bytes) -> bytes:
    """The same TimeStampReq with ``certReq`` false (nonce and imprint untouched)."""
    request = tsp.TimeStampReq.load(query)
    request["cert_req"] = False
    return request.dump(force=True)


class LocalTSA:
    """``openssl ts -reply`` behind a tiny HTTP server on 127.0.0.1, an ephemeral port."""

    def __init__(
        self,
        directory: Path,
        certs: CertMode = "signer",
        tsa_validity: tuple[dt.datetime, dt.datetime] | None = None,
        rewrite: Callable[[bytes], bytes] | None = None,
    ) -> None:
        self.dir = directory.resolve()
        self.rewrite = rewrite
        self.dir.mkdir(parents=True, exist_ok=True)
        self.mode: CertMode = certs
        make_pki(self.dir, certs, tsa_validity)
        self.root = self.dir / "root.pem"
        self.tsa_cert = self.dir / "tsa.pem"
        self.untrusted = self.dir / "untrusted.pem"
        self.requests = 0
        self._lock = threading.Lock()
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if tsa.mode == "none":
                    query = _without_cert_request(query)
                reply, error = tsa.reply(query)
                if not reply:
                    self.send_error(500, error[:200])
                    return
                if tsa.rewrite is not None:
                    reply = tsa.rewrite(reply)
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

    def reply(self, query: bytes) -> tuple[bytes, str]:
        """``openssl ts -reply`` to a DER TimeStampReq: (response, "") or (b"", stderr)."""
        with self._lock, tempfile.TemporaryDirectory() as tmp:
            self.requests += 1
            (Path(tmp) / "q.tsq").write_bytes(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(self.dir / "tsa.cnf"),
                 "-queryfile", "q.tsq", "-out", "r.tsr"],
                cwd=tmp, capture_output=True,
            )  # fmt: skip
            if done.returncode != 0:
                return b"", done.stderr.decode(errors="replace")
            return (Path(tmp) / "r.tsr").read_bytes(), ""

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
