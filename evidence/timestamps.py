"""Trusted time (RFC 3161): request tokens, verify every one fully, store it beside its file.

rfc3161-client builds the request; :mod:`evidence.tsp` verifies every token, as received
and as stored (rfc3161-client's verifier refuses the unsorted and BER certificate SETs real
TSAs send, and does not check the ESS binding). A token for file ``X`` is stored as ``X.tsr``
beside it, exactly as the TSA sent it, so that ``openssl ts -verify -data X -in X.tsr
-CAfile ROOT -untrusted X.tsa-chain.pem`` checks it with nothing else; ``X.tsa-chain.pem``
holds the TSA's certificates, from the token or, for a TSA that sends none, from
``JASPER_TSA_CHAIN_FILE``.
"""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from evidence.tsp import Check, TokenError, VerifiedToken, read_token, verify_token
from settings.config import ConfigError, JasperConfig

TOKEN_SUFFIX = ".tsr"  # noqa: S105 - a file suffix, not a secret
CHAIN_SUFFIX = ".tsa-chain.pem"
QUERY_TYPE = "application/timestamp-query"
MAX_RESPONSE = 1 << 20  # a TimeStampResp is a few KiB; refuse anything absurd
MAX_PEM = 1 << 20


class TimestampError(RuntimeError):
    """A time-stamp could not be obtained or does not verify; the message says why."""


# Time-stamp settings that cannot work: a configuration error like any other.
TimestampConfigError = ConfigError


@dataclass(frozen=True)
class TimestampConfig:
    """Which TSAs to ask, what to trust, and whether a missing stamp fails the evidence."""

    urls: tuple[str, ...] = ()
    ca_file: Path | None = None
    chain_file: Path | None = None
    require: bool = False
    batch_size: int = 50
    batch_seconds: float = 60.0
    timeout: float = 15.0

    @property
    def enabled(self) -> bool:
        """True when at least one TSA is configured."""
        return bool(self.urls)

    @classmethod
    def from_config(cls, config: JasperConfig) -> TimestampConfig:
        """The ``JASPER_TSA_*`` part of the configuration (already checked there)."""
        return cls(
            urls=config.tsa_urls,
            ca_file=config.tsa_ca_file,
            chain_file=config.tsa_chain_file,
            require=config.require_timestamp,
            batch_size=config.tsa_batch_size,
            batch_seconds=config.tsa_batch_seconds,
            timeout=config.tsa_timeout,
        )

    def check(self) -> None:
        """Reject contradictions and unusable values."""
        for url in self.urls:
            if urlsplit(url).scheme not in ("http", "https"):
                raise TimestampConfigError(f"JASPER_TSA_URLS: {url!r} is not an http(s) URL")
        if self.require and not self.urls:
            raise TimestampConfigError("a required time-stamp needs JASPER_TSA_URLS (none set)")
        for name, path in (("JASPER_TSA_CA_FILE", self.ca_file),
                           ("JASPER_TSA_CHAIN_FILE", self.chain_file)):  # fmt: skip
            if path is not None and not path.is_file():
                raise TimestampConfigError(f"{name} {path} does not exist")
        if self.batch_size < 1 or self.batch_seconds <= 0 or self.timeout <= 0:
            raise TimestampConfigError("JASPER_TSA_BATCH_SIZE/SECONDS and TIMEOUT must be > 0")

    def roots(self) -> list[x509.Certificate]:
        """The configured trust anchors (empty when none)."""
        return _read_pem(self.ca_file, "JASPER_TSA_CA_FILE")

    def chain(self) -> list[x509.Certificate]:
        """The configured TSA certificates (untrusted: they help build a path, nothing more)."""
        return _read_pem(self.chain_file, "JASPER_TSA_CHAIN_FILE")


def _read_pem(path: Path | None, setting: str) -> list[x509.Certificate]:
    if path is None:
        return []
    try:
        return load_certificates(path.read_bytes())
    except (OSError, ValueError) as exc:
        detail = f"{setting} {path}: not a PEM certificate file ({exc})"
        raise TimestampConfigError(detail) from None


@dataclass(frozen=True)
class Stamp:
    """A granted token, verified, and the TSA certificates to store beside it."""

    tsa_url: str
    token: bytes  # the TimeStampResp exactly as received
    verified: VerifiedToken
    certificates: tuple[x509.Certificate, ...]  # signer first: what X.tsa-chain.pem holds

    @property
    def gen_time(self) -> datetime:
        """The TSA's time."""
        return self.verified.gen_time

    @property
    def gen_time_text(self) -> str:
        """The TSA's time, ISO 8601 UTC, as stored."""
        return self.gen_time.astimezone(UTC).isoformat()


def load_certificates(pem: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle."""
    return x509.load_pem_x509_certificates(pem) if pem.strip() else []


def certificates_pem(certificates: Sequence[x509.Certificate]) -> bytes:
    """Certificates as one PEM bundle."""
    return b"".join(c.public_bytes(Encoding.PEM) for c in certificates)


def post_query(url: str, query: bytes, timeout: float) -> bytes:
    """POST a TimeStampReq to a TSA and return its raw response."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise TimestampError(f"{url}: not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=query, headers={"Content-Type": QUERY_TYPE}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read(MAX_RESPONSE + 1)
    except urllib.error.HTTPError as exc:
        raise TimestampError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise TimestampError(f"{url}: {reason}") from exc
    if len(body) > MAX_RESPONSE:
        raise TimestampError(f"{url}: response over {MAX_RESPONSE} bytes, not a time-stamp")
    return body


def _dedupe(certificates: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    seen: set[bytes] = set()
    kept = []
    for cert in certificates:
        der = cert.public_bytes(Encoding.DER)
        if der not in seen:
            seen.add(der)
            kept.append(cert)
    return kept


def _issuers(signer: x509.Certificate, pool: Sequence[x509.Certificate]) -> list[x509.Certificate]:
    """``signer`` and its issuers found in ``pool`` by name, up to a self-signed one."""
    path = [signer]
    while path[-1].issuer != path[-1].subject and len(path) < 16:
        parent = next((c for c in pool if c.subject == path[-1].issuer and c not in path), None)
        if parent is None:
            break
        path.append(parent)
    return path


def tsa_certificates(
    token: bytes, verified: VerifiedToken, configured: Sequence[x509.Certificate] = ()
) -> list[x509.Certificate]:
    """What ``X.tsa-chain.pem`` holds: the validated path signer -> anchor when there is one,
    else the signer and its issuers from the token and the configured chain."""
    if verified.chain:
        return _dedupe(verified.chain)
    pool = [*read_token(token).certificates, *configured]
    return _dedupe(_issuers(verified.signer, pool))


def verify_stamp(
    token: bytes,
    data: bytes,
    roots: Sequence[x509.Certificate] = (),
    certificates: Sequence[x509.Certificate] = (),
    nonce: int | None = None,
) -> VerifiedToken:
    """Verify a token over ``data`` with every check :mod:`evidence.tsp` makes.

    Without ``roots`` every check but the chain runs (``VerifiedToken.trusted`` is False).
    """
    try:
        return verify_token(token, data, roots=roots, certificates=certificates, nonce=nonce)
    except TokenError as exc:
        if exc.check == Check.STATUS:
            raise TimestampError(f"time-stamp refused ({exc.detail})") from exc
        raise TimestampError(str(exc)) from exc


def request_stamp(data: bytes, url: str, config: TimestampConfig) -> Stamp:
    """Ask one TSA to stamp ``data`` (SHA-256) and verify its answer fully before keeping it:
    signature, imprint, nonce, ESS binding, EKU and, with trust anchors, the chain at genTime."""
    # Imported here: 65 ms of every crawl's start, and most crawls ask no TSA.
    from rfc3161_client import HashAlgorithm, TimestampRequestBuilder

    query = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    raw = post_query(url, query.as_bytes(), config.timeout)
    configured = config.chain()
    try:
        verified = verify_stamp(raw, data, config.roots(), configured, nonce=query.nonce)
    except TimestampError as exc:
        cause = exc.__cause__
        if isinstance(cause, TokenError) and cause.check == Check.SIGNER:
            raise TimestampError(
                f"{url}: the token does not carry the TSA's certificate and "
                "JASPER_TSA_CHAIN_FILE does not hold it: set JASPER_TSA_CHAIN_FILE to the "
                "TSA's certificate chain (PEM) so that it can be verified, now and offline"
            ) from exc
        raise TimestampError(f"{url}: {exc}") from exc
    return Stamp(url, raw, verified, tuple(tsa_certificates(raw, verified, configured)))


def stamp(data: bytes, config: TimestampConfig) -> Stamp:
    """A verified token from the first configured TSA that grants one (the rest are fail-over)."""
    errors: list[str] = []
    for url in config.urls:
        try:
            return request_stamp(data, url, config)
        except TimestampError as exc:
            errors.append(str(exc))
    raise TimestampError("; ".join(errors) or "no TSA configured")


def token_paths(path: Path) -> tuple[Path, Path]:
    """Where the token and the TSA chain of file ``path`` go: ``X.tsr``, ``X.tsa-chain.pem``."""
    return path.with_name(path.name + TOKEN_SUFFIX), path.with_name(path.name + CHAIN_SUFFIX)


def stamp_file(path: Path, config: TimestampConfig) -> tuple[Stamp, Path, Path]:
    """Stamp a file; write ``X.tsr`` and ``X.tsa-chain.pem`` beside it."""
    result = stamp(path.read_bytes(), config)
    token_path, chain_path = token_paths(path)
    token_path.write_bytes(result.token)
    chain_path.write_bytes(certificates_pem(result.certificates))
    return result, token_path, chain_path


def stored_chain(token_path: Path) -> list[x509.Certificate]:
    """The certificates in the ``X.tsa-chain.pem`` beside ``X.tsr`` (none when absent).

    Raises ValueError for a chain file that is too large or not PEM certificates.
    """
    chain = token_path.with_name(token_path.name.removesuffix(TOKEN_SUFFIX) + CHAIN_SUFFIX)
    if not chain.is_file():
        return []
    if chain.stat().st_size > MAX_PEM:
        raise ValueError(f"{chain.name} is over {MAX_PEM} bytes")
    return load_certificates(chain.read_bytes())


def clock_source() -> dict[str, str]:
    """Where this host's clock comes from, as far as the OS says (kernel source, NTP sync)."""
    found: dict[str, str] = {}
    kernel = Path("/sys/devices/system/clocksource/clocksource0/current_clocksource")
    try:
        found["kernel_clocksource"] = kernel.read_text().strip()
    except OSError:
        pass
    try:
        out = subprocess.run(
            ["timedatectl", "show", "-p", "NTPSynchronized", "-p", "NTP"],
            capture_output=True,
            text=True,
            timeout=3,
        )
        if out.returncode == 0:
            for line in out.stdout.splitlines():
                key, _, value = line.partition("=")
                found[f"timedatectl_{key.strip()}"] = value.strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    return found or {"source": "unknown"}
