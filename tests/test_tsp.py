"""Tolerant RFC 3161 verification (evidence/tsp.py) against a real `openssl ts` TSA.

Every verdict is checked against `openssl ts -verify` on the same token: real tokens in the
three TSA modes (signer certificate only, full chain in an unsorted SET, no certificates),
re-ordered and BER re-encoded tokens, and tokens that must fail one check each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
import subprocess
import time
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from asn1crypto import cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from rfc3161_client import (
    HashAlgorithm,
    TimestampRequestBuilder,
    VerifierBuilder,
    decode_timestamp_response,
)

from evidence.tsp import (
    Check,
    TokenError,
    VerifiedToken,
    canonical_der,
    read_token,
    verify_token,
)
from tests.tsa_server import CertMode, LocalTSA

DATA = b'{"capture":"5b0c","artefacts":[{"kind":"screenshot","sha256":"ab"}]}\n'
POLICY = "1.3.6.1.4.1.55555.1"
ALL_CHECKS = {
    Check.PARSE, Check.STATUS, Check.CONTENT_TYPE, Check.MESSAGE_DIGEST, Check.SIGNER,
    Check.SIGNATURE, Check.ESS, Check.TSA_NAME, Check.IMPRINT, Check.NONCE, Check.EKU,
    Check.CHAIN,
}  # fmt: skip


@pytest.fixture(scope="module")
def tsas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[CertMode, LocalTSA]]:
    """One running TSA per certificate mode."""
    modes: tuple[CertMode, ...] = ("signer", "chain", "none")
    servers = {mode: LocalTSA(tmp_path_factory.mktemp(mode), certs=mode) for mode in modes}
    for server in servers.values():
        server.__enter__()
    yield servers
    for server in servers.values():
        server.__exit__(None, None, None)


@dataclass
class Stamped:
    """A token as the TSA sent it, with the query that asked for it."""

    token: bytes
    query: bytes
    nonce: int


def stamp(tsa: LocalTSA, data: bytes = DATA) -> Stamped:
    """Ask the TSA over HTTP, as Jasper does (rfc3161-client builds the query)."""
    query = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    request = urllib.request.Request(
        tsa.url, data=query.as_bytes(), headers={"Content-Type": "application/timestamp-query"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        token = response.read()
    assert query.nonce is not None
    return Stamped(token, query.as_bytes(), query.nonce)


def pem_certs(path: Path | None) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(path.read_bytes()) if path else []


def openssl_verify(
    workdir: Path,
    token: bytes,
    root: Path,
    *,
    data: bytes = DATA,
    untrusted: Path | None = None,
    query: bytes | None = None,
    attime: dt.datetime | None = None,
    bare: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`openssl ts -verify` on the token, as a reader of an exported bundle would run it."""
    (workdir / "data").write_bytes(data)
    (workdir / "token.tsr").write_bytes(token)
    args = ["openssl", "ts", "-verify", "-in", "token.tsr", "-CAfile", str(root)]
    if query is not None:  # the query carries the imprint and the nonce to check
        (workdir / "query.tsq").write_bytes(query)
        args += ["-queryfile", "query.tsq"]
    else:
        args += ["-data", "data"]
    args += ["-untrusted", str(untrusted)] if untrusted else []
    args += ["-attime", str(int(attime.timestamp()))] if attime else []
    args += ["-token_in"] if bare else []
    return subprocess.run(args, cwd=workdir, capture_output=True, text=True)


def agree(
    workdir: Path,
    token: bytes,
    tsa: LocalTSA,
    failing: Check | None = None,
    *,
    data: bytes = DATA,
    untrusted: Path | None = None,
    nonce: int | None = None,
    query: bytes | None = None,
    attime: dt.datetime | None = None,
    bare: bool = False,
) -> VerifiedToken | TokenError:
    """Our verdict (``failing`` names the check that must fail) and OpenSSL's must agree."""
    outcome: VerifiedToken | TokenError
    try:
        outcome = verify_token(
            token, data, roots=pem_certs(tsa.root), certificates=pem_certs(untrusted), nonce=nonce
        )
    except TokenError as exc:
        outcome = exc
    openssl = openssl_verify(
        workdir, token, tsa.root, data=data, untrusted=untrusted, query=query, attime=attime,
        bare=bare,
    )  # fmt: skip
    if failing is None:
        assert isinstance(outcome, VerifiedToken), outcome
        assert openssl.returncode == 0, openssl.stdout + openssl.stderr
    else:
        assert isinstance(outcome, TokenError), outcome
        assert outcome.check == failing, outcome
        assert openssl.returncode != 0, openssl.stdout + openssl.stderr
    return outcome


# --- token surgery: certificate order, BER, substitutes, re-signing -------------------------


def _tlv(buf: bytes, pos: int = 0) -> tuple[int, int]:
    """(start of contents, end) of the DER TLV at ``pos`` (single-byte tags)."""
    length, pos = buf[pos + 1], pos + 2
    if length & 0x80:
        count = length & 0x7F
        length, pos = int.from_bytes(buf[pos : pos + count], "big"), pos + count
    return pos, pos + length


def _contents(node: bytes) -> bytes:
    start, end = _tlv(node)
    return node[start:end]


def _children(node: bytes) -> list[bytes]:
    body, out, pos = _contents(node), [], 0
    while pos < len(body):
        end = _tlv(body, pos)[1]
        out.append(body[pos:end])
        pos = end
    return out


def _indefinite(tag: int, parts: Iterable[bytes]) -> bytes:
    return bytes([tag, 0x80]) + b"".join(parts) + b"\x00\x00"


def _ber_all(node: bytes) -> bytes:
    """Every constructed value below (and including) ``node`` with an indefinite length."""
    if not node[0] & 0x20:
        return node
    return _indefinite(node[0], (_ber_all(c) for c in _children(node)))


def ber_token(token: bytes, signed_attrs: str = "as-sent") -> bytes:
    """The TimeStampResp as a streaming BER encoder (Bouncy Castle, Java) writes it.

    Indefinite lengths throughout and the TSTInfo in 100-byte OCTET STRING chunks; each
    certificate and the TSTInfo itself stay as they were. ``signed_attrs``: "as-sent" keeps
    the signed attributes' bytes, "sets" gives their SET, SEQUENCEs and value SETs indefinite
    lengths, "values" the attribute values too.
    """
    status, content_info = _children(token)
    return _indefinite(0x30, [_ber_all(status), ber_content_info(content_info, signed_attrs)])


def _ber_signed_attrs(attrs: bytes, how: str) -> bytes:
    if how == "as-sent":
        return attrs
    if how == "values":
        return _ber_all(attrs)
    encoded = []
    for attribute in _children(attrs):
        oid, values = _children(attribute)
        encoded.append(_indefinite(0x30, [oid, _indefinite(0x31, _children(values))]))
    return _indefinite(0xA0, encoded)


def ber_content_info(content_info: bytes, signed_attrs: str = "as-sent") -> bytes:
    """A bare TimeStampToken (ContentInfo) BER-encoded as :func:`ber_token` does."""
    oid, explicit = _children(content_info)
    (signed_data,) = _children(explicit)
    fields = _children(signed_data)
    parts = []
    for i, field in enumerate(fields):
        if i == 2:  # encapContentInfo
            content_type, econtent = _children(field)
            octets = _contents(_children(econtent)[0])
            chunks = [
                bytes([0x04, len(octets[j : j + 100])]) + octets[j : j + 100]
                for j in range(0, len(octets), 100)
            ]
            wrapped = _indefinite(0xA0, [_indefinite(0x24, chunks)])
            parts.append(_indefinite(0x30, [content_type, wrapped]))
        elif field[0] == 0xA0:  # certificates
            parts.append(_indefinite(0xA0, _children(field)))
        elif i == len(fields) - 1:  # signerInfos
            infos = [
                _indefinite(
                    0x30,
                    (
                        _ber_signed_attrs(f, signed_attrs) if f[0] == 0xA0 else _ber_all(f)
                        for f in _children(si)
                    ),
                )
                for si in _children(field)
            ]
            parts.append(_indefinite(0x31, infos))
        else:
            parts.append(_ber_all(field))
    return _indefinite(0x30, [oid, _indefinite(0xA0, [_indefinite(0x30, parts)])])


def certificate_ders(token: bytes) -> list[bytes]:
    """The token's certificates, in the order it carries them."""
    return [c.public_bytes(serialization.Encoding.DER) for c in read_token(token).certificates]


def reorder(token: bytes, ders: list[bytes]) -> bytes:
    """The token with its certificate SET written in the given order (same bytes otherwise)."""
    original = b"".join(certificate_ders(token))
    assert token.count(original) == 1
    return token.replace(original, b"".join(ders))


def _response(token: bytes) -> tuple[tsp.TimeStampResp, cms.SignedData]:
    response = tsp.TimeStampResp.load(token)
    return response, response["time_stamp_token"]["content"]


def with_certificates(token: bytes, ders: list[bytes]) -> bytes:
    """The token carrying other certificates (which its signature does not cover)."""
    response, signed_data = _response(token)
    signed_data["certificates"] = [
        cms.CertificateChoices({"certificate": asn1_x509.Certificate.load(d)}) for d in ders
    ]
    return bytes(response.dump())


def resign(
    token: bytes, cert: x509.Certificate, key: rsa.RSAPrivateKey, tsa_name: str | None = None
) -> bytes:
    """The token re-signed by ``key`` for ``cert``: ESS v2 attribute, certificate, signature;
    ``tsa_name`` rewrites the TSTInfo's ``tsa`` field (and so its messageDigest)."""
    response, signed_data = _response(token)
    encap = signed_data["encap_content_info"]
    if tsa_name is not None:
        tst = tsp.TSTInfo.load(bytes(encap["content"]))
        name = asn1_x509.Name.build({"common_name": tsa_name})
        tst["tsa"] = asn1_x509.GeneralName({"directory_name": name})
        encap["content"] = tst
    der = cert.public_bytes(serialization.Encoding.DER)
    asn1_cert = asn1_x509.Certificate.load(der)
    ess = tsp.SigningCertificateV2(
        {
            "certs": [
                {
                    "cert_hash": hashlib.sha256(der).digest(),
                    "issuer_serial": {
                        "issuer": [asn1_x509.GeneralName({"directory_name": asn1_cert.issuer})],
                        "serial_number": asn1_cert.serial_number,
                    },
                }
            ]
        }
    )
    signer_info = signed_data["signer_infos"][0]
    replaced = ("signing_certificate_v2", "message_digest")
    attrs = [a for a in signer_info["signed_attrs"] if a["type"].native not in replaced]
    attrs.append(cms.CMSAttribute({"type": "signing_certificate_v2", "values": [ess]}))
    digest = hashlib.sha256(bytes(encap["content"])).digest()
    attrs.append(cms.CMSAttribute({"type": "message_digest", "values": [digest]}))
    signed_attrs = cms.CMSAttributes(attrs)
    signature = key.sign(signed_attrs.dump(force=True), padding.PKCS1v15(), hashes.SHA256())
    signer_info["signed_attrs"] = signed_attrs
    signer_info["signature"] = signature
    signed_data["certificates"] = [cms.CertificateChoices({"certificate": asn1_cert})]
    return bytes(response.dump())


def tsa_certificate(
    tsa: LocalTSA,
    *,
    eku: list[x509.ObjectIdentifier] | None = None,
    eku_critical: bool = True,
    not_before: dt.datetime | None = None,
) -> x509.Certificate:
    """Another certificate for the TSA's key from its root: same issuer and serial number."""
    root = x509.load_pem_x509_certificate(tsa.root.read_bytes())
    root_key = serialization.load_pem_private_key((tsa.dir / "root.key").read_bytes(), None)
    key = serialization.load_pem_private_key((tsa.dir / "tsa.key").read_bytes(), None)
    original = x509.load_pem_x509_certificate(tsa.tsa_cert.read_bytes())
    assert isinstance(root_key, rsa.RSAPrivateKey) and isinstance(key, rsa.RSAPrivateKey)
    builder = (
        x509.CertificateBuilder()
        .subject_name(original.subject)
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(original.serial_number)
        .not_valid_before(not_before or original.not_valid_before_utc)
        .not_valid_after(original.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    return builder.sign(root_key, hashes.SHA256())


def tsa_key(tsa: LocalTSA) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key((tsa.dir / "tsa.key").read_bytes(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


# --- the three modes ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["signer", "chain", "none"])
def test_every_mode_verifies_fully_and_openssl_agrees(
    tsas: dict[CertMode, LocalTSA], mode: CertMode, tmp_path: Path
) -> None:
    tsa = tsas[mode]
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamped = stamp(tsa)
    carried = {"signer": 1, "chain": 3, "none": 0}[mode]
    assert len(read_token(stamped.token).certificates) == carried
    untrusted = tsa.untrusted if mode == "none" else None
    result = agree(tmp_path, stamped.token, tsa, untrusted=untrusted, nonce=stamped.nonce)
    assert isinstance(result, VerifiedToken)
    assert result.trusted and set(result.checks) == ALL_CHECKS
    assert result.tsa_name == "CN=Jasper Test TSA" and result.policy == POLICY
    assert result.hash_algorithm == "sha256" and result.nonce == stamped.nonce
    assert result.accuracy == dt.timedelta(seconds=1)
    assert before <= result.gen_time <= dt.datetime.now(dt.UTC)
    assert result.serial > 0 and result.signer.subject.rfc4514_string() == "CN=Jasper Test TSA"
    assert [c.subject.rfc4514_string() for c in result.chain][-1] == "CN=Jasper Test Root CA"
    assert len(result.chain) == (3 if mode == "chain" else 2)
    # the same with the query: openssl then checks the nonce too
    agree(tmp_path, stamped.token, tsa, untrusted=untrusted, query=stamped.query)
    if mode == "none":  # without the TSA's certificate nobody can check the signature
        agree(tmp_path, stamped.token, tsa, Check.SIGNER)


def test_chain_token_has_unsorted_set_that_strict_der_refuses(
    tsas: dict[CertMode, LocalTSA],
) -> None:
    token = stamp(tsas["chain"]).token
    ders = certificate_ders(token)
    assert ders != sorted(ders)  # the case in the issue, reproduced
    with pytest.raises(ValueError, match="InvalidSetOrdering"):
        decode_timestamp_response(token)


def test_any_certificate_order_verifies_as_the_signature_does_not_cover_it(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path
) -> None:
    tsa = tsas["chain"]
    stamped = stamp(tsa)
    ders = certificate_ders(stamped.token)
    for order in itertools.permutations(ders):
        token = reorder(stamped.token, list(order))
        assert certificate_ders(token) == list(order)
        agree(tmp_path, token, tsa, nonce=stamped.nonce)
    # re-encoded as canonical DER, the token satisfies strict parsers and still verifies:
    # rfc3161-client (OpenSSL's PKCS7_verify) confirms independently
    canonical = canonical_der(stamped.token)
    assert certificate_ders(canonical) == sorted(ders)
    response = decode_timestamp_response(canonical)
    root = pem_certs(tsa.root)[0]
    assert VerifierBuilder().add_root_certificate(root).build().verify_message(response, DATA)
    agree(tmp_path, canonical, tsa, nonce=stamped.nonce)


@pytest.mark.parametrize("signed_attrs", ["as-sent", "sets"])
def test_ber_encoded_tokens_verify(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path, signed_attrs: str
) -> None:
    tsa = tsas["chain"]
    stamped = stamp(tsa)
    ber = ber_token(stamped.token, signed_attrs)
    assert b"\x24\x80" in ber and b"\x00\x00\x00\x00" in ber  # chunked TSTInfo, indefinite
    with pytest.raises(ValueError, match=r"ASN\.1 parse error"):
        decode_timestamp_response(ber)
    agree(tmp_path, ber, tsa, nonce=stamped.nonce)
    assert canonical_der(ber) == canonical_der(stamped.token)
    # a bare TimeStampToken (ContentInfo), as PDFs and .tst files hold it: openssl -token_in
    bare = ber_content_info(_children(stamped.token)[1], signed_attrs)
    assert read_token(bare).status == "granted"
    agree(tmp_path, bare, tsa, bare=True)


def test_ber_inside_signed_attribute_values_fails_signature(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path
) -> None:
    # RFC 5652 signs the attributes' DER; OpenSSL checks their values as sent, so both refuse
    ber = ber_token(stamp(tsas["chain"]).token, "values")
    agree(tmp_path, ber, tsas["chain"], Check.SIGNATURE)


# --- tokens that must fail, one check each --------------------------------------------------


def test_token_for_other_data_fails_imprint(tsas: dict[CertMode, LocalTSA], tmp_path: Path) -> None:
    token = stamp(tsas["chain"], b"other manifest\n").token
    agree(tmp_path, token, tsas["chain"], Check.IMPRINT)
    ok = verify_token(token, digest=hashlib.sha256(b"other manifest\n").digest(),
                      roots=pem_certs(tsas["chain"].root))  # fmt: skip
    assert ok.trusted


def test_wrong_nonce_fails(tsas: dict[CertMode, LocalTSA], tmp_path: Path) -> None:
    tsa = tsas["signer"]
    stamped = stamp(tsa)
    other_query = stamp(tsa).query  # same data, another nonce
    agree(tmp_path, stamped.token, tsa, Check.NONCE, nonce=stamped.nonce + 1, query=other_query)


def test_untrusted_tsa_fails_chain(tsas: dict[CertMode, LocalTSA], tmp_path: Path) -> None:
    # same names, serial numbers and layout as the trusted PKI: only the keys differ
    with LocalTSA(tmp_path / "rogue", certs="chain") as rogue:
        stamped = stamp(rogue)
    agree(tmp_path, stamped.token, tsas["chain"], Check.CHAIN, nonce=stamped.nonce)
    agree(tmp_path, stamped.token, tsas["signer"], Check.CHAIN, nonce=stamped.nonce)
    agree(tmp_path, stamped.token, rogue, nonce=stamped.nonce)  # against its own root: fine


@pytest.mark.parametrize("window", ["expired", "not-yet-valid"])
def test_tsa_certificate_invalid_at_gen_time_fails_chain(tmp_path: Path, window: str) -> None:
    now = dt.datetime.now(dt.UTC)
    days = (-10, -1) if window == "expired" else (1, 10)
    validity = (now + dt.timedelta(days=days[0]), now + dt.timedelta(days=days[1]))
    with LocalTSA(tmp_path / "pki", certs="chain", tsa_validity=validity) as tsa:
        stamped = stamp(tsa)
    error = agree(tmp_path, stamped.token, tsa, Check.CHAIN, nonce=stamped.nonce)
    assert "valid at genTime" in str(error)


def test_certificate_valid_at_gen_time_but_expired_since_still_verifies(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    validity = (now - dt.timedelta(days=1), now + dt.timedelta(seconds=3))
    with LocalTSA(tmp_path / "pki", tsa_validity=validity) as tsa:
        stamped = stamp(tsa)
    time.sleep(max(0.0, (validity[1] - dt.datetime.now(dt.UTC)).total_seconds()) + 1.5)
    result = verify_token(stamped.token, DATA, roots=pem_certs(tsa.root), nonce=stamped.nonce)
    assert result.trusted and result.gen_time <= validity[1]
    # openssl checks certificates at the current time unless told genTime with -attime
    assert openssl_verify(tmp_path, stamped.token, tsa.root).returncode != 0
    agree(tmp_path, stamped.token, tsa, nonce=stamped.nonce, attime=result.gen_time)


def test_altered_signature_or_tst_info_fails(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path
) -> None:
    tsa = tsas["chain"]
    token = stamp(tsa).token
    signature = bytes(_response(token)[1]["signer_infos"][0]["signature"])
    assert token.endswith(signature)
    agree(tmp_path, token[:-1] + bytes([token[-1] ^ 1]), tsa, Check.SIGNATURE)
    imprint = hashlib.sha256(DATA).digest()
    assert token.count(imprint) == 1
    forged = token.replace(imprint, hashlib.sha256(b"forged").digest())
    agree(tmp_path, forged, tsa, Check.MESSAGE_DIGEST, data=b"forged")


def test_substituted_certificate_fails_ess_binding(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path
) -> None:
    # same key, issuer and serial, validly issued by the trusted root: only ESS tells it apart
    tsa = tsas["signer"]
    token = stamp(tsa).token
    twin = tsa_certificate(
        tsa,
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
        not_before=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),
    )
    swapped = with_certificates(token, [twin.public_bytes(serialization.Encoding.DER)])
    assert read_token(swapped).certificates == (twin,)
    agree(tmp_path, swapped, tsa, Check.ESS)


@pytest.mark.parametrize(
    ("eku", "critical", "failing"),
    [
        ([ExtendedKeyUsageOID.TIME_STAMPING], True, None),
        (None, True, Check.EKU),
        ([ExtendedKeyUsageOID.TIME_STAMPING], False, Check.EKU),
        ([ExtendedKeyUsageOID.TIME_STAMPING, ExtendedKeyUsageOID.SERVER_AUTH], True, Check.EKU),
        ([ExtendedKeyUsageOID.CODE_SIGNING], True, Check.EKU),
    ],
    ids=["timestamping", "no-eku", "not-critical", "with-serverauth", "codesigning"],
)
def test_tsa_certificate_purpose(
    tsas: dict[CertMode, LocalTSA],
    tmp_path: Path,
    eku: list[x509.ObjectIdentifier] | None,
    critical: bool,
    failing: Check | None,
) -> None:
    tsa = tsas["signer"]
    cert = tsa_certificate(tsa, eku=eku, eku_critical=critical)
    token = resign(stamp(tsa).token, cert, tsa_key(tsa))
    assert read_token(token).certificates == (cert,)
    agree(tmp_path, token, tsa, failing)


def test_tsa_name_the_signer_does_not_hold_fails(
    tsas: dict[CertMode, LocalTSA], tmp_path: Path
) -> None:
    tsa = tsas["signer"]
    cert = x509.load_pem_x509_certificate(tsa.tsa_cert.read_bytes())
    token = stamp(tsa).token
    honest = resign(token, cert, tsa_key(tsa), tsa_name="Jasper Test TSA")
    agree(tmp_path, honest, tsa)
    claimed = resign(token, cert, tsa_key(tsa), tsa_name="Another TSA")
    assert read_token(claimed).tsa_name == "CN=Another TSA"
    agree(tmp_path, claimed, tsa, Check.TSA_NAME)  # RFC 3161 2.4.2; OpenSSL checks it too


def test_refused_and_garbage_responses(tsas: dict[CertMode, LocalTSA], tmp_path: Path) -> None:
    tsa = tsas["signer"]
    (tmp_path / "data").write_bytes(DATA)
    subprocess.run(
        ["openssl", "ts", "-query", "-data", "data", "-sha1", "-cert", "-out", "sha1.tsq"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    refusal, _ = tsa.reply((tmp_path / "sha1.tsq").read_bytes())  # sha1 is not in `digests`
    assert read_token(refusal).status == "rejection"
    error = agree(tmp_path, refusal, tsa, Check.STATUS)
    assert "rejection" in str(error) and "not supported" in str(error)
    agree(tmp_path, b"\x30\x03\x02\x01", tsa, Check.PARSE)


def test_without_roots_nothing_is_trusted_but_everything_else_is_checked(
    tsas: dict[CertMode, LocalTSA],
) -> None:
    stamped = stamp(tsas["chain"])
    result = verify_token(stamped.token, DATA, nonce=stamped.nonce)
    assert not result.trusted and result.chain == ()
    assert set(result.checks) == ALL_CHECKS - {Check.CHAIN}
    with pytest.raises(ValueError, match="exactly one"):
        verify_token(stamped.token)


def test_damaged_tokens_fail_cleanly(tsas: dict[CertMode, LocalTSA]) -> None:
    # tokens in bundles are hostile input: damage gives a TokenError naming a check, never
    # another exception (a wider fuzz run also compared every accepted mutant with OpenSSL)
    tsa = tsas["chain"]
    stamped = stamp(tsa)
    roots = pem_certs(tsa.root)
    rng = random.Random(3161)
    outcomes: set[str] = set()
    for base in (stamped.token, ber_token(stamped.token, "sets")):
        for _ in range(150):
            damaged = bytearray(base)
            at = rng.randrange(len(damaged))
            if rng.random() < 0.7:
                damaged[at] ^= 1 << rng.randrange(8)
            else:
                del damaged[at : at + rng.randint(1, 40)]
            try:
                verify_token(bytes(damaged), DATA, roots=roots, nonce=stamped.nonce)
                outcomes.add("verified")
            except TokenError as exc:
                outcomes.add(exc.check)
    assert {Check.PARSE, Check.SIGNATURE} <= outcomes
