"""Verify RFC 3161 time-stamp tokens as real TSAs send them, checking every binding.

Strict DER parsers (rfc3161-client) refuse many real tokens: a certificate SET out of DER
order (OpenSSL with ``certs``, Microsoft and Bouncy Castle TSAs) or BER lengths. Neither is
covered by the TSA's signature: CMS signs the DER encoding of ``signedAttrs`` alone (RFC 5652
section 5.4), which binds the TSTInfo through ``messageDigest`` and the TSA certificate
through the ESS signing-certificate attribute. So tokens are decoded tolerantly with
asn1crypto and every binding is checked here, with ``cryptography`` for signatures and paths:

signature over signedAttrs -> messageDigest = hash(TSTInfo) -> imprint = hash(data), nonce;
ESS certificate hash = the signer's certificate -> critical timeStamping EKU -> a path from
the signer to the caller's trust anchors, every certificate valid at genTime (certificates
from the token plus any the caller gives). A failure raises :class:`TokenError` naming the
check; success returns a :class:`VerifiedToken` listing the checks that ran.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

import asn1crypto.tsp  # noqa: F401 - registers TSTInfo and the ESS attributes with cms
from asn1crypto import cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    Policy,
    PolicyBuilder,
    Store,
    VerificationError,
)

# Digests accepted for imprints, messageDigest and signatures: MD5 and SHA-1 are not evidence.
HASHES: dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}
GRANTED = ("granted", "granted_with_mods")
_MALFORMED = (
    ValueError, TypeError, KeyError, AttributeError, IndexError, x509.InvalidVersion,
    x509.DuplicateExtension, UnsupportedAlgorithm,
)  # fmt: skip


class Check(StrEnum):
    """One verification step; :attr:`VerifiedToken.checks` lists those that ran."""

    PARSE = "parse"
    STATUS = "status"
    CONTENT_TYPE = "content-type"
    MESSAGE_DIGEST = "message-digest"
    SIGNER = "signer-certificate"
    SIGNATURE = "signature"
    ESS = "ess-signing-certificate"
    TSA_NAME = "tsa-name"
    IMPRINT = "imprint"
    NONCE = "nonce"
    EKU = "timestamping-eku"
    CHAIN = "chain"


class TokenError(ValueError):
    """A token that does not verify; ``check`` names the check that failed."""

    def __init__(self, check: Check, detail: str) -> None:
        super().__init__(f"time-stamp token fails {check} check: {detail}")
        self.check = check
        self.detail = detail


@dataclass(frozen=True)
class TokenInfo:
    """What a token says, decoded but NOT verified."""

    status: str  # "granted", "granted_with_mods", "rejection", ...; "granted" for a bare token
    status_text: tuple[str, ...]
    gen_time: datetime | None
    serial: int | None
    policy: str | None
    hash_algorithm: str | None
    imprint: bytes | None
    nonce: int | None
    tsa_name: str | None  # the TSTInfo ``tsa`` field, when present
    certificates: tuple[x509.Certificate, ...]  # as the token carries them, in its order


@dataclass(frozen=True)
class VerifiedToken:
    """A token that passed ``checks``; ``chain`` runs signer -> anchor when roots were given."""

    tsa_name: str  # the TSTInfo ``tsa`` field, else the signer's subject (RFC 4514)
    gen_time: datetime
    serial: int
    policy: str
    hash_algorithm: str
    accuracy: timedelta | None  # genTime is within this of UTC, as the TSA claims
    nonce: int | None
    signer: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    checks: tuple[Check, ...]

    @property
    def trusted(self) -> bool:
        """Whether the TSA was traced to a caller-given trust anchor at genTime."""
        return Check.CHAIN in self.checks


class _TimeStampResp(core.Sequence):
    """RFC 3161 TimeStampResp; asn1crypto's omits that a refusal carries no token."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class _Cert:
    crypto: x509.Certificate
    asn1: asn1_x509.Certificate
    der: bytes  # exactly as carried (what ESS hashes)


@dataclass(frozen=True)
class _Parts:
    signer_info: cms.SignerInfo
    attrs: cms.CMSAttributes
    tst_bytes: bytes  # the eContent octets: what messageDigest covers
    tst: tsp.TSTInfo
    certificates: list[_Cert]
    digest_algorithms: tuple[str, ...]  # SignedData.digestAlgorithms


@dataclass(frozen=True)
class _Ber:
    """One BER value exactly as received, with its children when constructed."""

    identifier: bytes
    raw: bytes
    content: bytes  # the contents octets of a primitive value
    children: tuple[_Ber, ...] | None  # None for a primitive value
    indefinite: bool = False


def _ber(data: bytes, pos: int = 0, depth: int = 0) -> tuple[_Ber, int]:
    """The BER value at ``pos`` and the position after it."""
    if depth > 64:
        raise ValueError("nested too deeply")
    start = pos
    constructed = data[pos] & 0x20
    if data[pos] & 0x1F == 0x1F:  # high tag number: continuation octets
        pos += 1
        while data[pos] & 0x80:
            pos += 1
    pos += 1
    identifier, first = data[start:pos], data[pos]
    pos += 1
    if first == 0x80:  # indefinite: children up to the end-of-contents octets
        if not constructed:
            raise ValueError("indefinite length on a primitive value")
        children = []
        while data[pos : pos + 2] != b"\0\0":
            child, pos = _ber(data, pos, depth + 1)
            children.append(child)
        return _Ber(identifier, data[start : pos + 2], b"", tuple(children), True), pos + 2
    length = first
    if first & 0x80:
        count = first & 0x7F
        length, pos = int.from_bytes(data[pos : pos + count], "big"), pos + count
    end = pos + length
    if end > len(data):
        raise ValueError("truncated value")
    if not constructed:
        return _Ber(identifier, data[start:end], data[pos:end], None), end
    children, child_pos = [], pos
    while child_pos < end:
        child, child_pos = _ber(data, child_pos, depth + 1)
        children.append(child)
    if child_pos != end:
        raise ValueError("a value overruns its parent")
    return _Ber(identifier, data[start:end], b"", tuple(children)), end


def _tlv(identifier: bytes, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return identifier + bytes([size]) + body
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return identifier + bytes([0x80 | len(octets)]) + octets + body


def _octets(value: _Ber) -> bytes:
    """An OCTET STRING's value: chunks (constructed, BER) joined."""
    if value.children is None:
        return value.content
    return b"".join(_octets(c) for c in value.children)


def _definite(value: _Ber) -> bytes:
    """``value`` with definite lengths and one-piece OCTET STRINGs; else its exact bytes.

    Streaming BER encoders (Bouncy Castle, Java) write indefinite lengths and chunked
    OCTET STRINGs, and asn1crypto 1.5.1 parses neither everywhere: it drops the
    end-of-contents octets of an untagged CHOICE (every Name: SignerIdentifier, issuers)
    and refuses a chunked eContent. Values do not change (the TSTInfo octets are the chunks
    joined, RFC 5652 section 5.3), and anything without such an encoding inside keeps its
    exact bytes (ESS hashes certificates as carried).
    """
    if value.children is None:
        return value.raw
    if value.identifier == b"\x24":  # constructed OCTET STRING
        return _tlv(b"\x04", _octets(value))
    parts = [_definite(c) for c in value.children]
    if not value.indefinite and all(p == c.raw for p, c in zip(parts, value.children, strict=True)):
        return value.raw
    return _tlv(value.identifier, b"".join(parts))


def _definite_lengths(data: bytes) -> bytes:
    """The token as asn1crypto can read it (see :func:`_definite`)."""
    value, end = _ber(data)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes after the token")
    return _definite(value)


def _openssl_signed_bytes(token: bytes) -> bytes:
    """The bytes OpenSSL checks the signature over, taken from the token as received.

    RFC 5652 signs the DER of signedAttrs, tagged SET. OpenSSL (and so `openssl ts -verify`,
    the check a bundle's reader runs) re-encodes the SET and each attribute's SEQUENCE and
    value SET with definite lengths, in the order received, and keeps each attribute value
    as received. Checking the same bytes keeps our verdict and OpenSSL's the same.
    """
    top, _ = _ber(token)
    content_info = top if _is_bare(_definite_lengths(token)) else _kids(top)[1]
    signed_data = _kids(_kids(content_info)[1])[0]
    signer_info = _kids(_kids(signed_data)[-1])[0]
    attrs = next((c for c in _kids(signer_info) if c.identifier == b"\xa0"), None)
    if attrs is None:
        raise ValueError("no signed attributes")
    encoded = []
    for attribute in _kids(attrs):
        oid, values = _kids(attribute)
        if attribute.identifier != b"\x30" or oid.identifier != b"\x06":
            raise ValueError("a signed attribute is not a SEQUENCE of type and values")
        if values.identifier != b"\x31":
            raise ValueError("a signed attribute's values are not a SET")
        body = b"".join(sorted(v.raw for v in _kids(values)))
        encoded.append(_tlv(b"\x30", oid.raw + _tlv(b"\x31", body)))
    return _tlv(b"\x31", b"".join(encoded))


def _kids(value: _Ber) -> tuple[_Ber, ...]:
    if value.children is None:
        raise ValueError("a constructed value was expected")
    return value.children


def _is_bare(token: bytes) -> bool:
    """Whether ``token`` is a ContentInfo (a bare token) rather than a TimeStampResp."""
    outer = core.Asn1Value.load(token, strict=True)
    return isinstance(outer, core.Sequence) and isinstance(outer[0], core.ObjectIdentifier)


def _load(token: bytes) -> tuple[str, tuple[str, ...], cms.ContentInfo | None]:
    """(status, status texts, ContentInfo) of a TimeStampResp or a bare TimeStampToken."""
    try:
        token = _definite_lengths(token)
        if _is_bare(token):
            return "granted", (), cms.ContentInfo.load(token, strict=True)
        response = _TimeStampResp.load(token, strict=True)
        status = response["status"]
        texts = tuple(str(t) for t in (status["status_string"].native or []))
        texts += tuple(sorted(status["fail_info"].native or ()))
        content_info = response["time_stamp_token"]
        absent = isinstance(content_info, core.Void)
        return str(status["status"].native), texts, None if absent else content_info
    except _MALFORMED as exc:
        raise TokenError(Check.PARSE, f"not a TimeStampResp or TimeStampToken ({exc})") from exc


def _certificates(signed_data: cms.SignedData) -> list[_Cert]:
    found = []
    for choice in signed_data["certificates"] or []:
        if choice.name != "certificate":  # attribute certificates and the like: not the TSA's
            continue
        der = choice.chosen.dump()
        try:
            cert = x509.load_der_x509_certificate(der)
            # names and extensions decode lazily: a broken one fails here, as in OpenSSL
            cert.subject, cert.issuer, cert.extensions  # noqa: B018
            found.append(_Cert(cert, choice.chosen, der))
        except _MALFORMED as exc:
            raise TokenError(Check.PARSE, f"a certificate in the token is invalid ({exc})") from exc
    return found


def _wrap(certs: Iterable[x509.Certificate]) -> list[_Cert]:
    wrapped = []
    for cert in certs:
        der = cert.public_bytes(serialization.Encoding.DER)
        wrapped.append(_Cert(cert, asn1_x509.Certificate.load(der), der))
    return wrapped


def _name_text(general_name: asn1_x509.GeneralName) -> str:
    """A GeneralName as text: RFC 4514 for a directory name."""
    if general_name.name != "directory_name":
        return str(general_name.native)
    rdns = []
    for rdn in general_name.chosen.chosen:
        attributes = []
        for pair in rdn:
            value = pair["value"].native
            text = value if isinstance(value, str) else pair["value"].dump().hex()
            attributes.append(x509.NameAttribute(x509.ObjectIdentifier(pair["type"].dotted), text))
        rdns.append(x509.RelativeDistinguishedName(attributes))
    return x509.Name(rdns).rfc4514_string()


def _parts(content_info: cms.ContentInfo) -> _Parts:
    if content_info["content_type"].native != "signed_data":
        raise TokenError(Check.CONTENT_TYPE, "the token is not a CMS SignedData")
    signed_data = content_info["content"]
    encap = signed_data["encap_content_info"]
    if encap["content_type"].native != "tst_info" or not encap["content"]:
        raise TokenError(Check.CONTENT_TYPE, "the SignedData does not carry a TSTInfo")
    if len(signed_data["signer_infos"]) != 1:
        raise TokenError(Check.CONTENT_TYPE, "a time-stamp token has exactly one signer")
    signer_info = signed_data["signer_infos"][0]
    tst = encap["content"].parse(tsp.TSTInfo)
    tst.native  # noqa: B018 - asn1crypto parses lazily: a malformed TSTInfo fails here
    if tst["version"].native != "v1":
        raise TokenError(Check.CONTENT_TYPE, f"TSTInfo version {tst['version'].native}")
    return _Parts(
        signer_info=signer_info,
        attrs=signer_info["signed_attrs"],
        tst_bytes=bytes(encap["content"]),  # chunked (BER) OCTET STRINGs come out joined
        tst=tst,
        certificates=_certificates(signed_data),
        digest_algorithms=tuple(a["algorithm"].native for a in signed_data["digest_algorithms"]),
    )


def read_token(token: bytes) -> TokenInfo:
    """Decode a TimeStampResp or bare token tolerantly (BER, unsorted SETs); verify nothing."""
    status, texts, content_info = _load(token)
    if content_info is None:
        return TokenInfo(status, texts, None, None, None, None, None, None, None, ())
    try:
        parts = _parts(content_info)
        tst = parts.tst
        imprint = tst["message_imprint"]
        return TokenInfo(
            status=status,
            status_text=texts,
            gen_time=tst["gen_time"].native,
            serial=tst["serial_number"].native,
            policy=tst["policy"].dotted,
            hash_algorithm=imprint["hash_algorithm"]["algorithm"].native,
            imprint=imprint["hashed_message"].native,
            nonce=tst["nonce"].native,
            tsa_name=None if tst["tsa"].native is None else _name_text(tst["tsa"]),
            certificates=tuple(c.crypto for c in parts.certificates),
        )
    except TokenError:
        raise
    except _MALFORMED as exc:
        raise TokenError(Check.PARSE, f"malformed token ({type(exc).__name__}: {exc})") from exc


def _hash(name: str, data: bytes, check: Check) -> bytes:
    if name not in HASHES:
        raise TokenError(check, f"digest algorithm {name} is not accepted")
    return hashlib.new(name, data).digest()


def _attribute(attrs: cms.CMSAttributes, name: str) -> Any:
    """The single value of a signed attribute, or None when absent."""
    values = [a["values"] for a in attrs if a["type"].native == name]
    if not values:
        return None
    if len(values) > 1 or len(values[0]) != 1:
        raise TokenError(Check.PARSE, f"signed attribute {name} must occur once, with one value")
    return values[0][0]


def _check_signed_attributes(parts: _Parts) -> str:
    """content-type and messageDigest attributes; returns the signer's digest algorithm."""
    if not parts.attrs:
        raise TokenError(Check.CONTENT_TYPE, "no signed attributes (RFC 3161 requires them)")
    content_type = _attribute(parts.attrs, "content_type")
    if content_type is None or content_type.native != "tst_info":
        raise TokenError(Check.CONTENT_TYPE, "the signed content-type attribute is not TSTInfo")
    digest_name: str = parts.signer_info["digest_algorithm"]["algorithm"].native
    if digest_name not in parts.digest_algorithms:
        # RFC 5652 lists every signer's digest in SignedData.digestAlgorithms; OpenSSL needs it
        raise TokenError(Check.MESSAGE_DIGEST, f"{digest_name} is not among digestAlgorithms")
    signed = _attribute(parts.attrs, "message_digest")
    actual = _hash(digest_name, parts.tst_bytes, Check.MESSAGE_DIGEST)
    if signed is None or signed.native != actual:
        raise TokenError(Check.MESSAGE_DIGEST, "the signed messageDigest is not the TSTInfo's")
    return digest_name


def _find_signer(sid: cms.SignerIdentifier, candidates: list[_Cert]) -> _Cert:
    for cert in candidates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                cert.asn1.serial_number == wanted["serial_number"].native
                and cert.asn1.issuer == wanted["issuer"]
            ):
                return cert
        elif cert.asn1.key_identifier == sid.chosen.native:
            return cert
    raise TokenError(
        Check.SIGNER, "the signer's certificate is neither in the token nor among those given"
    )


def _check_signature(signer: _Cert, parts: _Parts, digest_name: str, message: bytes) -> None:
    """The TSA's signature over ``message``, the signed attributes (RFC 5652 section 5.4)."""
    algorithm = parts.signer_info["signature_algorithm"]
    kind = algorithm.signature_algo
    signature = parts.signer_info["signature"].native
    try:
        key = signer.crypto.public_key()
    except UnsupportedAlgorithm as exc:
        raise TokenError(Check.SIGNATURE, f"the signer's key is of no known type ({exc})") from exc
    digest = HASHES[digest_name]()
    if kind != "rsassa_pss" and algorithm["parameters"].native is not None:
        raise TokenError(Check.SIGNATURE, f"{kind} takes no parameters (NULL at most)")
    try:
        if kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), digest)
        elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            params = algorithm["parameters"]
            pss_hash = params["hash_algorithm"]["algorithm"].native
            mgf_hash = params["mask_gen_algorithm"]["parameters"]["algorithm"].native
            if pss_hash not in HASHES or mgf_hash not in HASHES:
                raise TokenError(Check.SIGNATURE, f"RSA-PSS with {pss_hash}/{mgf_hash}")
            pss = padding.PSS(padding.MGF1(HASHES[mgf_hash]()), params["salt_length"].native)
            key.verify(signature, message, pss, HASHES[pss_hash]())
        elif kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, message, ec.ECDSA(digest))
        elif kind in ("ed25519", "ed448") and isinstance(
            key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey
        ):
            key.verify(signature, message)
        else:
            raise TokenError(Check.SIGNATURE, f"{kind} signature by a {type(key).__name__}")
    except InvalidSignature:
        raise TokenError(
            Check.SIGNATURE, "the TSA's signature over the signed attributes is invalid"
        ) from None


EssId = tuple[str, bytes, Any]  # (hash algorithm, certificate hash, IssuerSerial)


def _ess_ids(attrs: cms.CMSAttributes) -> list[EssId]:
    """The ESS certificate ids, the signer's first (RFC 2634, RFC 5035)."""
    v2 = _attribute(attrs, "signing_certificate_v2")
    if v2 is not None:
        return [
            (i["hash_algorithm"]["algorithm"].native, i["cert_hash"].native, i["issuer_serial"])
            for i in v2["certs"]
        ]
    v1 = _attribute(attrs, "signing_certificate")
    if v1 is not None:
        # v1 is fixed to SHA-1: acceptable here, it only picks out a certificate we hold
        return [("sha1", i["cert_hash"].native, i["issuer_serial"]) for i in v1["certs"]]
    raise TokenError(Check.ESS, "no signing-certificate(-v2) attribute binds the TSA certificate")


def _ess_matches(ess_id: EssId, cert: _Cert) -> bool:
    name, cert_hash, issuer_serial = ess_id
    if name not in (*HASHES, "sha1") or hashlib.new(name, cert.der).digest() != cert_hash:
        return False
    if issuer_serial.native is None:
        return True
    names = [g.chosen for g in issuer_serial["issuer"] if g.name == "directory_name"]
    return issuer_serial["serial_number"].native == cert.asn1.serial_number and any(
        n == cert.asn1.issuer for n in names
    )


def _tsa_name(tst: tsp.TSTInfo, signer: _Cert) -> tuple[str, bool]:
    """The TSA's name and whether the TSTInfo's ``tsa`` field was checked against the signer."""
    if tst["tsa"].native is None:
        return signer.crypto.subject.rfc4514_string(), False
    name = _name_text(tst["tsa"])
    # RFC 3161 section 2.4.2: it must be the signing certificate's subject or one of its
    # alternative names (as `openssl ts -verify` checks too)
    held = [asn1_x509.GeneralName({"directory_name": signer.asn1.subject})]
    held += list(signer.asn1.subject_alt_name_value or [])
    if not any(_same_name(tst["tsa"], h) for h in held):
        raise TokenError(Check.TSA_NAME, f"TSTInfo names {name}, which the signer does not hold")
    return name, True


def _same_name(a: asn1_x509.GeneralName, b: asn1_x509.GeneralName) -> bool:
    if a.name != b.name:
        return False
    # Names compare as X.520 says (case, spaces); other forms by value
    return bool(a.chosen == b.chosen) if a.name == "directory_name" else a.native == b.native


def _check_imprint(tst: tsp.TSTInfo, data: bytes | None, digest: bytes | None) -> str:
    imprint = tst["message_imprint"]
    name: str = imprint["hash_algorithm"]["algorithm"].native
    if name not in HASHES:
        raise TokenError(Check.IMPRINT, f"imprint algorithm {name} is not accepted")
    expected = hashlib.new(name, data).digest() if data is not None else digest
    if imprint["hashed_message"].native != expected:
        raise TokenError(Check.IMPRINT, f"the token stamps another {name} hash than the data's")
    return name


def _accuracy(tst: tsp.TSTInfo) -> timedelta | None:
    accuracy = tst["accuracy"]
    if accuracy.native is None:
        return None
    parts = {k: accuracy[k].native or 0 for k in ("seconds", "millis", "micros")}
    return timedelta(
        seconds=parts["seconds"], milliseconds=parts["millis"], microseconds=parts["micros"]
    )


def _check_eku(cert: x509.Certificate) -> None:
    """RFC 3161 section 2.3, as OpenSSL's timestampsign purpose applies it."""
    try:
        eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        raise TokenError(Check.EKU, "the TSA certificate has no extended key usage") from None
    if not eku.critical or list(eku.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        raise TokenError(
            Check.EKU, "the TSA certificate's EKU must be critical and only id-kp-timeStamping"
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    others = (usage.key_encipherment, usage.data_encipherment, usage.key_agreement,
              usage.key_cert_sign, usage.crl_sign)  # fmt: skip
    if not (usage.digital_signature or usage.content_commitment) or any(others):
        raise TokenError(Check.EKU, "the TSA certificate's key usage is not for signing")


def _must_be_ca(_policy: Policy, _cert: x509.Certificate, bc: x509.BasicConstraints) -> None:
    if not bc.ca:
        raise ValueError("an issuing certificate is not a CA")


def _may_sign_certs(_policy: Policy, _cert: x509.Certificate, ku: x509.KeyUsage | None) -> None:
    if ku is not None and not ku.key_cert_sign:
        raise ValueError("an issuing certificate may not sign certificates")


def _chain(
    signer: x509.Certificate,
    pool: Sequence[x509.Certificate],
    roots: Sequence[x509.Certificate],
    at: datetime,
) -> tuple[x509.Certificate, ...]:
    """The path signer -> anchor, every certificate valid at ``at``."""
    ca_policy = (
        ExtensionPolicy.permit_all()
        .require_present(x509.BasicConstraints, Criticality.AGNOSTIC, _must_be_ca)
        .may_be_present(x509.KeyUsage, Criticality.AGNOSTIC, _may_sign_certs)
    )
    verifier = (
        PolicyBuilder()
        .store(Store(list(roots)))
        .time(at)
        # the web-PKI defaults (SAN, serverAuth/clientAuth) do not fit TSAs: _check_eku
        # holds the signer to RFC 3161 instead
        .extension_policies(ca_policy=ca_policy, ee_policy=ExtensionPolicy.permit_all())
        .build_client_verifier()
    )
    try:
        return tuple(verifier.verify(signer, [c for c in pool if c != signer]).chain)
    except VerificationError as exc:
        raise TokenError(
            Check.CHAIN,
            f"no path from {signer.subject.rfc4514_string()} to a trusted root, valid at "
            f"genTime {at.isoformat()} ({exc})",
        ) from exc


def verify_token(
    token: bytes,
    data: bytes | None = None,
    *,
    digest: bytes | None = None,
    roots: Sequence[x509.Certificate] = (),
    certificates: Sequence[x509.Certificate] = (),
    nonce: int | None = None,
) -> VerifiedToken:
    """Verify a TimeStampResp or bare token over ``data`` (or over its ``digest``).

    ``roots`` are the trust anchors; ``certificates`` are untrusted extras (the TSA's chain
    when the token lacks it). Without roots the chain is not checked and the result is not
    ``trusted``. ``nonce`` is the request's, when the caller has it. Raises TokenError.
    """
    if (data is None) == (digest is None):
        raise ValueError("give exactly one of data and digest")
    status, texts, content_info = _load(token)
    checks = [Check.PARSE]
    if status not in GRANTED or content_info is None:
        detail = "; ".join((status, *texts))
        raise TokenError(Check.STATUS, f"the TSA did not grant a token ({detail})")
    checks.append(Check.STATUS)
    try:
        parts = _parts(content_info)
        digest_name = _check_signed_attributes(parts)
        checks += [Check.CONTENT_TYPE, Check.MESSAGE_DIGEST]

        given = _wrap(certificates)
        signer = _find_signer(parts.signer_info["sid"], parts.certificates + given + _wrap(roots))
        checks.append(Check.SIGNER)
        _check_signature(signer, parts, digest_name, _openssl_signed_bytes(token))
        checks.append(Check.SIGNATURE)

        ess_ids = _ess_ids(parts.attrs)
        if not _ess_matches(ess_ids[0], signer):
            raise TokenError(Check.ESS, "the signing-certificate attribute names another cert")
        checks.append(Check.ESS)

        tsa_name, name_checked = _tsa_name(parts.tst, signer)
        checks += [Check.TSA_NAME] if name_checked else []
        hash_name = _check_imprint(parts.tst, data, digest)
        checks.append(Check.IMPRINT)
        token_nonce = parts.tst["nonce"].native
        if nonce is not None:
            if token_nonce != nonce:
                raise TokenError(Check.NONCE, "the token's nonce is not the request's")
            checks.append(Check.NONCE)

        _check_eku(signer.crypto)
        checks.append(Check.EKU)

        gen_time: datetime = parts.tst["gen_time"].native
        chain: tuple[x509.Certificate, ...] = ()
        if roots:
            pool = [c.crypto for c in parts.certificates + given]
            chain = _chain(signer.crypto, pool, roots, gen_time)
            # further ESS ids, when the TSA sends them, must cover the path (as OpenSSL checks)
            if len(ess_ids) > 1 and not all(
                any(_ess_matches(i, c) for i in ess_ids[1:]) for c in _wrap(chain[1:])
            ):
                raise TokenError(Check.ESS, "the ESS certificate ids do not cover the chain")
            checks.append(Check.CHAIN)
        return VerifiedToken(
            tsa_name=tsa_name,
            gen_time=gen_time,
            serial=parts.tst["serial_number"].native,
            policy=parts.tst["policy"].dotted,
            hash_algorithm=hash_name,
            accuracy=_accuracy(parts.tst),
            nonce=token_nonce,
            signer=signer.crypto,
            chain=chain,
            checks=tuple(checks),
        )
    except TokenError:
        raise
    except _MALFORMED as exc:
        raise TokenError(Check.PARSE, f"malformed token ({type(exc).__name__}: {exc})") from exc


def canonical_der(token: bytes) -> bytes:
    """The token re-encoded as DER (definite lengths, sorted SETs) for strict parsers.

    Only the envelope changes: the TSTInfo octets, each certificate and the bytes the
    signature covers stay as they were, so the token verifies exactly as before; a token
    that cannot be made DER without changing them raises ValueError.
    """
    status, _, content_info = _load(token)
    if content_info is None:
        raise ValueError(f"no token to re-encode (status {status})")
    top, _ = _ber(token)
    if _is_bare(_definite_lengths(token)):
        canonical = _der_content_info(top)
    else:
        status_info, token_info = _kids(top)
        canonical = _tlv(b"\x30", _der(status_info) + _der_content_info(token_info))
    if _kept_parts(canonical) != _kept_parts(token):
        raise ValueError("re-encoding as DER would change the token's signed parts")
    return canonical


def _der(value: _Ber) -> bytes:
    """Generic DER: definite minimal lengths, one-piece OCTET STRINGs, sorted SET contents."""
    if value.children is None:
        return _tlv(value.identifier, value.content)
    if value.identifier == b"\x24":
        return _tlv(b"\x04", _octets(value))
    parts = [_der(c) for c in value.children]
    # a SET OF sorts by encoding, a SET by tag, which sorting by encoding also does; the
    # IMPLICIT [0]/[1] SETs are known only by place (see _der_content_info)
    if value.identifier == b"\x31":
        parts.sort()
    return _tlv(value.identifier, b"".join(parts))


def _der_content_info(content_info: _Ber) -> bytes:
    oid, explicit = _kids(content_info)
    (signed_data,) = _kids(explicit)
    fields = []
    for field in _kids(signed_data):
        if field.identifier in (b"\xa0", b"\xa1"):  # certificates, CRLs: kept, SET sorted
            fields.append(_tlv(field.identifier, b"".join(sorted(c.raw for c in _kids(field)))))
        elif field is _kids(signed_data)[-1]:  # signerInfos
            infos = [_der_signer_info(i) for i in _kids(field)]
            fields.append(_tlv(b"\x31", b"".join(sorted(infos))))
        else:
            fields.append(_der(field))
    signed = _tlv(b"\x30", b"".join(fields))
    return _tlv(b"\x30", _der(oid) + _tlv(b"\xa0", signed))


def _der_signer_info(signer_info: _Ber) -> bytes:
    fields = []
    for field in _kids(signer_info):
        if field.identifier in (b"\xa0", b"\xa1"):  # signed, unsigned attributes: SET OF
            attributes = sorted(_der(a) for a in _kids(field))
            fields.append(_tlv(field.identifier, b"".join(attributes)))
        else:
            fields.append(_der(field))
    return _tlv(b"\x30", b"".join(fields))


def _kept_parts(token: bytes) -> tuple[bytes, bytes, frozenset[bytes]]:
    """What re-encoding must not change: TSTInfo octets, signed bytes, certificates."""
    _, _, content_info = _load(token)
    if content_info is None:
        raise ValueError("no token")
    parts = _parts(content_info)
    certificates = frozenset(c.der for c in parts.certificates)
    return parts.tst_bytes, _openssl_signed_bytes(token), certificates
