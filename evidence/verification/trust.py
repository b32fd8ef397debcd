"""What the reader trusts, from outside the bundle: signer keys and TSA roots.

A bundle carries its signer's public key, but a forger re-seals with their own: the signer is
confirmed only by a key the reader holds independently, given as ``--public-key KEY.pem``
(pinned: any other signer fails) or kept in a trust folder, ``--trust DIR``: every ``*.pem``
in it holding an Ed25519 public key is a trusted signer, and every one holding certificates
adds TSA trust anchors. TSA roots also come from ``--tsa-ca-file`` (default
``JASPER_TSA_CA_FILE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from evidence.signing import SigningError, fingerprint, parse_public_key
from evidence.timestamps import load_certificates

MAX_TRUST_FILE = 1 << 20
MAX_TRUST_FILES = 10_000


class TrustError(ValueError):
    """Trust material that cannot be read: bad input, named."""


@dataclass(frozen=True)
class TrustedKey:
    """A signer key the reader trusts, and where it came from."""

    fingerprint: str
    source: str


@dataclass(frozen=True)
class Trust:
    """Signer keys and TSA roots given by the reader; empty when none were given."""

    keys: tuple[TrustedKey, ...] = ()
    pinned: str | None = None  # the --public-key file: a different signer is then a failure
    folder: str | None = None  # the --trust folder
    tsa_roots: tuple[x509.Certificate, ...] = ()
    tsa_sources: tuple[str, ...] = ()

    def key_for(self, found: str) -> TrustedKey | None:
        """The trusted key with this fingerprint, if any."""
        return next((k for k in self.keys if k.fingerprint == found), None)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_TRUST_FILE:
            raise TrustError(f"{path}: over {MAX_TRUST_FILE} bytes, not a key or certificate")
        return path.read_bytes()
    except OSError as exc:
        raise TrustError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _certificates(path: Path, pem: bytes) -> list[x509.Certificate]:
    try:
        return load_certificates(pem)
    except ValueError as exc:
        raise TrustError(f"{path}: not a PEM certificate file ({exc})") from None


def load_trust(
    public_key: Path | None = None,
    folder: Path | None = None,
    tsa_ca_file: Path | None = None,
) -> Trust:
    """Read the reader's trust material; raise :class:`TrustError` naming a bad file."""
    keys: list[TrustedKey] = []
    roots: list[x509.Certificate] = []
    sources: list[str] = []
    if public_key is not None:
        try:
            key = parse_public_key(_read(public_key), str(public_key))
        except SigningError as exc:
            raise TrustError(str(exc)) from None
        keys.append(TrustedKey(fingerprint(key), str(public_key)))
    if folder is not None:
        if not folder.is_dir():
            raise TrustError(f"--trust {folder}: not a folder")
        files = sorted(folder.glob("*.pem"))
        if len(files) > MAX_TRUST_FILES:
            raise TrustError(f"--trust {folder}: over {MAX_TRUST_FILES} .pem files")
        for path in files:
            pem = _read(path)
            if b"-----BEGIN CERTIFICATE-----" in pem:
                roots += _certificates(path, pem)
                sources.append(str(path))
                continue
            try:
                key = parse_public_key(pem, str(path))
            except SigningError as exc:
                raise TrustError(f"--trust: {exc} (nor a certificate)") from None
            keys.append(TrustedKey(fingerprint(key), str(path)))
    if tsa_ca_file is not None:
        found = _certificates(tsa_ca_file, _read(tsa_ca_file))
        if not found:
            raise TrustError(f"{tsa_ca_file}: holds no certificate")
        roots += found
        sources.append(str(tsa_ca_file))
    return Trust(
        keys=tuple(keys),
        pinned=str(public_key) if public_key is not None else None,
        folder=str(folder) if folder is not None else None,
        tsa_roots=tuple(roots),
        tsa_sources=tuple(sources),
    )
