"""Trusted time (RFC 3161): request, store and verify time-stamp tokens with rfc3161-client.

A token for file ``X`` is stored as ``X.tsr`` beside it, exactly as the TSA sent it, so that
``openssl ts -verify -data X -in X.tsr -CAfile ROOT`` checks it with nothing else; the TSA's
certificates (from the token, then the configured trust anchors) go in ``X.tsa-chain.pem``.
"""

from __future__ import annotations

import hashlib
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from rfc3161_client import (
    HashAlgorithm,
    PKIStatus,
    TimestampRequestBuilder,
    TimeStampResponse,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from settings.config import ConfigError, JasperConfig

TOKEN_SUFFIX = ".tsr"  # noqa: S105 - a file suffix, not a secret
CHAIN_SUFFIX = ".tsa-chain.pem"
QUERY_TYPE = "application/timestamp-query"


class TimestampError(RuntimeError):
    """A time-stamp could not be obtained or does not verify; the message says why."""


# Time-stamp settings that cannot work: a configuration error like any other.
TimestampConfigError = ConfigError


@dataclass(frozen=True)
class TimestampConfig:
    """Which TSAs to ask, what to trust, and whether a missing stamp fails the evidence."""

    urls: tuple[str, ...] = ()
    ca_file: Path | None = None
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
        if self.ca_file is not None and not self.ca_file.is_file():
            raise TimestampConfigError(f"JASPER_TSA_CA_FILE {self.ca_file} does not exist")
        if self.batch_size < 1 or self.batch_seconds <= 0 or self.timeout <= 0:
            raise TimestampConfigError("JASPER_TSA_BATCH_SIZE/SECONDS and TIMEOUT must be > 0")

    def roots(self) -> list[x509.Certificate]:
        """The configured trust anchors (empty when none)."""
        return load_certificates(self.ca_file.read_bytes()) if self.ca_file else []


@dataclass(frozen=True)
class Stamp:
    """A granted token and what it says."""

    tsa_url: str
    token: bytes  # the TimeStampResp exactly as received (DER)
    gen_time: datetime

    @property
    def gen_time_text(self) -> str:
        """The TSA's time, RFC 3339 UTC."""
        return self.gen_time.astimezone(UTC).isoformat()


def load_certificates(pem: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle."""
    return x509.load_pem_x509_certificates(pem) if pem.strip() else []


def post_query(url: str, query: bytes, timeout: float) -> bytes:
    """POST a TimeStampReq to a TSA and return its raw response."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise TimestampError(f"{url}: not an http(s) URL")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=query, headers={"Content-Type": QUERY_TYPE}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        raise TimestampError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise TimestampError(f"{url}: {reason}") from exc


def _decode(url: str, raw: bytes) -> TimeStampResponse:
    try:
        response = decode_timestamp_response(raw)
    except ValueError as exc:
        raise TimestampError(f"{url}: not a time-stamp response ({exc})") from exc
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        detail = "; ".join(response.status_string) or f"status {response.status}"
        raise TimestampError(f"{url}: time-stamp refused ({detail})")
    return response


def request_stamp(
    data: bytes, url: str, roots: list[x509.Certificate], timeout: float = 15.0
) -> Stamp:
    """Ask one TSA to stamp ``data`` (SHA-256); check nonce, imprint and, given roots, trust."""
    query = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    raw = post_query(url, query.as_bytes(), timeout)
    response = _decode(url, raw)
    if response.tst_info.nonce != query.nonce:
        raise TimestampError(f"{url}: nonce mismatch (replayed or foreign response)")
    if response.tst_info.message_imprint.message != hashlib.sha256(data).digest():
        raise TimestampError(f"{url}: the token stamps a different hash")
    if roots:
        verify_stamp(raw, data, roots)
    return Stamp(url, raw, response.tst_info.gen_time)


def stamp(data: bytes, config: TimestampConfig) -> Stamp:
    """A token from the first configured TSA that grants one (the others are fail-over)."""
    roots = config.roots()
    errors: list[str] = []
    for url in config.urls:
        try:
            return request_stamp(data, url, roots, config.timeout)
        except TimestampError as exc:
            errors.append(str(exc))
    raise TimestampError("; ".join(errors) or "no TSA configured")


def verify_stamp(token: bytes, data: bytes, roots: list[x509.Certificate]) -> datetime:
    """Verify a token over ``data`` against trust anchors; return the TSA's time."""
    response = _decode("token", token)
    builder = VerifierBuilder()
    for root in roots:
        builder = builder.add_root_certificate(root)
    try:
        builder.build().verify_message(response, data)
    except (VerificationError, ValueError) as exc:
        raise TimestampError(f"time-stamp does not verify: {exc}") from exc
    return response.tst_info.gen_time


def imprint_matches(token: bytes, data: bytes) -> bool:
    """Whether a token's message imprint is the SHA-256 of ``data`` (no trust check)."""
    imprint = _decode("token", token).tst_info.message_imprint.message
    return imprint == hashlib.sha256(data).digest()


def chain_pem(token: bytes, ca_file: Path | None) -> bytes:
    """The TSA's certificates: those in the token, then the configured trust anchors."""
    certs = [
        x509.load_der_x509_certificate(der)
        for der in sorted(_decode("token", token).signed_data.certificates)
    ]
    pem = b"".join(c.public_bytes(Encoding.PEM) for c in certs)
    return pem + (ca_file.read_bytes() if ca_file else b"")


def stamp_file(path: Path, config: TimestampConfig) -> tuple[Stamp, Path, Path]:
    """Stamp a file; write ``X.tsr`` and ``X.tsa-chain.pem`` beside it."""
    result = stamp(path.read_bytes(), config)
    token_path = path.with_name(path.name + TOKEN_SUFFIX)
    chain_path = path.with_name(path.name + CHAIN_SUFFIX)
    token_path.write_bytes(result.token)
    chain_path.write_bytes(chain_pem(result.token, config.ca_file))
    return result, token_path, chain_path


def check_tokens(folder: Path, prefix: str = "") -> list[str]:
    """Problems with every ``X.tsr`` in ``folder`` against the file ``X`` beside it.

    Each token must stamp its file as it is now; where ``X.tsa-chain.pem`` carries a root, the
    token must also verify against it (trust still needs the reader's own copy of the root).
    Problem lines name files as ``prefix + name``.
    """
    problems: list[str] = []
    for token in sorted(folder.glob("*" + TOKEN_SUFFIX)):
        data = token.with_name(token.name.removesuffix(TOKEN_SUFFIX))
        if not data.is_file():
            problems.append(f"{prefix}{token.name}: stamps {data.name}, which is missing")
            continue
        try:
            if not imprint_matches(token.read_bytes(), data.read_bytes()):
                problems.append(f"{prefix}{token.name}: does not stamp {data.name} as it is now")
                continue
            chain = token.with_name(data.name + CHAIN_SUFFIX)
            if chain.is_file():
                roots = [c for c in load_certificates(chain.read_bytes()) if c.issuer == c.subject]
                if roots:
                    verify_stamp(token.read_bytes(), data.read_bytes(), roots)
        except (TimestampError, ValueError) as exc:
            problems.append(f"{prefix}{token.name}: {exc}")
    return problems


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
