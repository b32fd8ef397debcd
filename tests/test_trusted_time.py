"""Trusted time with the tokens real TSAs send (issue 13): `openssl ts -reply` TSAs that include
the signer only, the full chain in an unsorted SET (with an intermediate CA), or no certificate
at all; tokens re-encoded as BER or re-ordered. Every token is verified fully by Jasper and by
`openssl ts -verify`, in a bundle too, and the two must agree on every token."""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from rfc3161_client import decode_timestamp_response
from sqlalchemy import select

from evidence.audit import audit
from evidence.capture.stamping import stamp_tally
from evidence.models import Event
from evidence.signing import SEAL_TOKEN, SIGNATURE, fingerprint, load_public_key
from evidence.timestamps import (
    TimestampConfig,
    TimestampError,
    load_certificates,
    stamp,
    stamp_file,
)
from evidence.tsp import Check
from evidence.verification.guide import SEAL_COMMANDS
from evidence.verification.problems import Outcome
from evidence.verification.stamps import CAPTURE_STAMP_CHECK, SEAL_STAMP_CHECK, TSA_CHECK
from evidence.verification.trust import Trust, TrustedKey
from evidence.verification.verifier import Verdict, Verification, verify_bundle
from settings.config import ConfigError, load_config
from tests.bundle_factory import Exported, export_bundle, reseal, unpacked
from tests.conftest import jasper
from tests.test_tsp import ber_token, certificate_ders, reorder, with_certificates
from tests.tsa_server import LocalTSA, dead_url

DATA = b'{"captures":[{"capture":"c1","artefacts":[]}]}\n'


def reordered(token: bytes) -> bytes:
    """The certificate SET in another order that DER does not allow."""
    ders = certificate_ders(token)[::-1]
    if ders == sorted(ders):
        ders[0], ders[1] = ders[1], ders[0]
    return reorder(token, ders)


SHAPES: dict[str, tuple[str, Callable[[bytes], bytes] | None]] = {
    "signer": ("signer", None),  # the TSA certificate only
    "chain": ("chain", None),  # root, intermediate, TSA: SET out of DER order
    "none": ("none", None),  # no certificate: the chain comes from JASPER_TSA_CHAIN_FILE
    "ber": ("chain", ber_token),  # indefinite lengths, chunked TSTInfo (Bouncy Castle, Java)
    "reordered": ("chain", reordered),  # another unsorted order
}


@pytest.fixture(scope="module")
def tsas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, LocalTSA]]:
    """One running TSA per token shape."""
    servers = {
        name: LocalTSA(tmp_path_factory.mktemp(name), certs=mode, rewrite=rewrite)  # type: ignore[arg-type]
        for name, (mode, rewrite) in SHAPES.items()
    }
    for server in servers.values():
        server.__enter__()
    yield servers
    for server in servers.values():
        server.__exit__(None, None, None)


def config(tsa: LocalTSA, *, trusted: bool = True, chain: bool = True) -> TimestampConfig:
    """The settings a user writes for this TSA: its URL, its root, and (for a TSA that sends
    no certificates) its chain."""
    return TimestampConfig(
        urls=(tsa.url,),
        ca_file=tsa.root if trusted else None,
        chain_file=tsa.untrusted if chain and tsa.mode == "none" else None,
    )


def env_for(tsa: LocalTSA) -> dict[str, str]:
    env = {"JASPER_TSA_URLS": tsa.url, "JASPER_TSA_CA_FILE": str(tsa.root)}
    if tsa.mode == "none":
        env["JASPER_TSA_CHAIN_FILE"] = str(tsa.untrusted)
    return env


def openssl_verify(
    data: Path, token: Path, root: Path, untrusted: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """What VERIFY.txt tells a reader to run."""
    args = ["openssl", "ts", "-verify", "-data", str(data), "-in", str(token), "-CAfile", str(root)]
    args += ["-untrusted", str(untrusted)] if untrusted else []
    return subprocess.run(args, capture_output=True, text=True)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_of_token_is_verified_fully_and_openssl_agrees(
    shape: str, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    tsa = tsas[shape]
    data = tmp_path / "manifest.json"
    data.write_bytes(DATA)
    result, token, chain = stamp_file(data, config(tsa))
    assert token.read_bytes() == result.token  # stored exactly as the TSA sent it
    checks = set(result.verified.checks)
    assert {Check.SIGNATURE, Check.ESS, Check.IMPRINT, Check.NONCE, Check.EKU, Check.CHAIN} <= (
        checks
    )
    assert result.verified.trusted and result.verified.tsa_name == "CN=Jasper Test TSA"
    # X.tsa-chain.pem: signer first, up to the root, whatever the token carried
    held = [c.subject.rfc4514_string() for c in load_certificates(chain.read_bytes())]
    assert held[0] == "CN=Jasper Test TSA" and held[-1] == "CN=Jasper Test Root CA"
    assert ("CN=Jasper Test Intermediate CA" in held) == (tsa.mode == "chain")
    openssl = openssl_verify(data, token, tsa.root, chain)
    assert openssl.returncode == 0, openssl.stdout + openssl.stderr
    if tsa.mode != "none":  # the token carries its certificates: nothing else needed
        assert openssl_verify(data, token, tsa.root).returncode == 0
    if shape in ("chain", "ber", "reordered"):
        # what rfc3161-client (strict DER) refused, and why Jasper verifies with evidence.tsp
        ders = certificate_ders(result.token)
        assert ders != sorted(ders) or shape == "ber"
        with pytest.raises(ValueError):
            decode_timestamp_response(result.token)


def test_a_tsa_sending_no_certificate_needs_its_chain_configured(
    tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    tsa = tsas["none"]
    with pytest.raises(TimestampError, match="set JASPER_TSA_CHAIN_FILE"):
        stamp(DATA, config(tsa, chain=False))
    assert stamp(DATA, config(tsa, trusted=False)).verified.signer  # chain file alone: verified
    env = {"JASPER_TSA_URLS": tsa.url, "JASPER_TSA_CHAIN_FILE": str(tsa.untrusted)}
    assert TimestampConfig.from_config(load_config(env=env)).chain_file == tsa.untrusted
    with pytest.raises(ConfigError, match=r"JASPER_TSA_CHAIN_FILE .* does not exist"):
        load_config(env={"JASPER_TSA_CHAIN_FILE": str(tmp_path / "missing.pem")})


def test_fail_over_passes_dead_unverifiable_and_untrusted_tsas(
    tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    roots = tmp_path / "roots.pem"
    roots.write_bytes(tsas["chain"].root.read_bytes())  # the signer TSA's root is not trusted
    urls = (dead_url(), tsas["none"].url, tsas["signer"].url, tsas["chain"].url)
    granted = stamp(DATA, TimestampConfig(urls=urls, ca_file=roots, timeout=5))
    assert granted.tsa_url == tsas["chain"].url and granted.verified.trusted
    with pytest.raises(TimestampError) as refused:
        stamp(DATA, TimestampConfig(urls=urls[:3], ca_file=roots, timeout=5))
    reasons = str(refused.value).split("; ")
    assert [r.split(": ")[0] for r in reasons] == list(urls[:3])
    assert "JASPER_TSA_CHAIN_FILE" in reasons[1] and "chain check" in reasons[2]


@pytest.fixture(scope="module")
def chained(tsas: dict[str, LocalTSA], tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """A bundle whose captures and seal were stamped by the chain TSA (unsorted SETs)."""
    return export_bundle(tmp_path_factory.mktemp("chained"), env_for(tsas["chain"]))


def trust(made: Exported, *roots: Path) -> Trust:
    key = TrustedKey(fingerprint(load_public_key(made.public_key)), str(made.public_key))
    anchors = tuple(c for r in roots for c in load_certificates(r.read_bytes()))
    return Trust(keys=(key,), pinned=key.source, tsa_roots=anchors, tsa_sources=("root.pem",))


def outcomes(report: Verification) -> dict[str, Outcome]:
    return {c.name: c.outcome for c in report.checks}


def test_every_token_in_the_bundle_verifies_with_openssl_and_jasper(
    chained: Exported, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    root = tsas["chain"].root
    bag = unpacked(chained.bundle, tmp_path / "bag")
    tokens = sorted(bag.rglob("*.tsr"))
    assert {t.name for t in tokens} >= {SEAL_TOKEN} and len(tokens) == 2
    for token in tokens:
        data = token.with_name(token.name.removesuffix(".tsr"))
        chain = token.with_name(data.name + ".tsa-chain.pem")
        for untrusted in (chain, None):
            openssl = openssl_verify(data, token, root, untrusted)
            assert openssl.returncode == 0, f"{token.name}: {openssl.stderr}"
    result = jasper(
        "verify", str(chained.bundle), "--public-key", str(chained.public_key),
        "--tsa-ca-file", str(root),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for check in (SEAL_STAMP_CHECK, CAPTURE_STAMP_CHECK, TSA_CHECK):
        assert f"passed: {check}\n" in result.stdout
    assert "signature dated 20" in result.stdout and "by CN=Jasper Test TSA" in result.stdout
    # No root given: the tokens are intact, but nothing vouches for the TSA
    unrooted = jasper("verify", str(chained.bundle), "--public-key", str(chained.public_key))
    assert unrooted.returncode == 0, unrooted.stdout
    assert f"not checkable: {TSA_CHECK}\n" in unrooted.stdout
    assert "no TSA root given" in unrooted.stdout


@pytest.mark.parametrize("shape", ["signer", "none", "ber"])
def test_bundles_from_other_tsas_verify_with_openssl_and_jasper(
    shape: str, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    """The TSA that sends its certificate only, the one that sends none (its chain from
    JASPER_TSA_CHAIN_FILE travels in X.tsa-chain.pem), and a BER encoder."""
    tsa = tsas[shape]
    made = export_bundle(tmp_path, env_for(tsa), captures=1)
    report = verify_bundle(made.bundle, trust(made, tsa.root))
    assert report.verdict == Verdict.VERIFIED, report
    assert outcomes(report)[TSA_CHECK] == Outcome.PASSED
    bag = unpacked(made.bundle, tmp_path / "bag")
    for token in sorted(bag.rglob("*.tsr")):
        data = token.with_name(token.name.removesuffix(".tsr"))
        chain = token.with_name(data.name + ".tsa-chain.pem")
        openssl = openssl_verify(data, token, tsa.root, chain)
        assert openssl.returncode == 0, f"{token.name}: {openssl.stderr}"


def _damaged_signature(token: bytes) -> bytes:
    response = tsp.TimeStampResp.load(token)
    signer_info = response["time_stamp_token"]["content"]["signer_infos"][0]
    signature = bytearray(signer_info["signature"].native)
    signature[10] ^= 1
    signer_info["signature"] = bytes(signature)
    return bytes(response.dump())


def test_openssl_and_jasper_verify_agree_on_every_token(
    chained: Exported, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    """The capture token in a bundle replaced (and the bundle honestly re-sealed): both
    verifiers must reach the same verdict, for tokens that must pass and tokens that must not."""
    root = tsas["chain"].root
    base = unpacked(chained.bundle, tmp_path / "base")
    (token_path,) = (base / "data" / "timestamps").glob("*.tsr")
    manifest = token_path.with_name(token_path.name.removesuffix(".tsr"))
    token = token_path.read_bytes()
    variants: dict[str, tuple[bytes, bool]] = {
        "as sent (unsorted SET)": (token, True),
        "BER": (ber_token(token), True),
        "certificates re-ordered": (reordered(token), True),
        "no certificates (chain from X.tsa-chain.pem)": (with_certificates(token, []), True),
        "another TSA's root": (stamp(manifest.read_bytes(), config(tsas["signer"])).token, False),
        "stamps other data": (stamp(b"other", config(tsas["chain"])).token, False),
        "signature damaged": (_damaged_signature(token), False),
    }
    for n, (name, (replacement, good)) in enumerate(variants.items()):
        bag = tmp_path / f"v{n}" / base.name
        shutil.copytree(base, bag)
        replaced = bag / token_path.relative_to(base)
        replaced.write_bytes(replacement)
        chain = replaced.with_name(manifest.name + ".tsa-chain.pem")
        openssl = openssl_verify(replaced.with_name(manifest.name), replaced, root, chain)
        bundle = reseal(chained, bag, tmp_path / f"v{n}.zip")
        report = verify_bundle(bundle, trust(chained, root))
        seen = outcomes(report)
        jasper_ok = seen[CAPTURE_STAMP_CHECK] == seen[TSA_CHECK] == Outcome.PASSED
        assert (openssl.returncode == 0) == jasper_ok == good, (name, openssl.stderr, report)
        assert report.verdict == (Verdict.VERIFIED if good else Verdict.FAILED), name


def test_failed_time_stamps_are_counted_and_never_passed(tmp_path: Path) -> None:
    made = export_bundle(tmp_path / "dead", {"JASPER_TSA_URLS": dead_url()})
    unstamped = export_bundle(tmp_path / "none")
    for exported, expected in ((made, (0, 3, 0)), (unstamped, (0, 0, 3))):
        workspace = exported.workspace()
        with workspace.db.session() as session:
            tally = stamp_tally(session, run_id=1)
            events = session.scalars(select(Event).where(Event.kind == "export-sealed")).all()
        workspace.close()
        assert (tally.granted, tally.failed, tally.missing) == expected
        assert tally.unstamped == 3
        seal_stamp = events[0].detail["seal_timestamp"]
        assert (seal_stamp or {}).get("status") == ("failed" if exported is made else None)
        report = verify_bundle(exported.bundle, trust(exported))
        seen = outcomes(report)
        assert seen[SEAL_STAMP_CHECK] == seen[CAPTURE_STAMP_CHECK] == Outcome.NOT_CHECKABLE
        assert seen[TSA_CHECK] == Outcome.NOT_CHECKABLE
        notes = {c.name: c.note for c in report.checks}
        assert notes[CAPTURE_STAMP_CHECK].startswith("no time-stamps present")
        assert notes[TSA_CHECK] == "no time-stamps present"
        assert report.verdict == Verdict.VERIFIED  # intact and confirmed, and says what it lacks


def test_audit_verifies_tokens_fully_and_says_whether_the_tsa_was_traced(
    chained: Exported, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    workdir = tmp_path / "work"
    shutil.copytree(chained.workdir, workdir)
    copy = Exported(workdir, chained.bundle, chained.env)
    workspace = copy.workspace()
    root = tsas["chain"].root
    with workspace.db.session() as session:
        traced = audit(session, workdir, TimestampConfig(ca_file=root))
        untraced = audit(session, workdir, TimestampConfig())
    assert traced.ok and traced.tokens_checked == traced.tokens_trusted == 1
    assert untraced.ok and untraced.tokens_checked == 1 and untraced.tokens_trusted == 0
    shown = jasper("audit", "verify", "--workdir", str(workdir), env={"JASPER_TSA_CA_FILE": ""})
    assert shown.returncode == 0, shown.stderr
    assert "time-stamps: 1 verified (signature, imprint, ESS binding, EKU); TSA not confirmed" in (
        shown.stdout
    )
    rooted = jasper(
        "audit", "verify", "--workdir", str(workdir), env={"JASPER_TSA_CA_FILE": str(root)}
    )
    assert "1 traced to JASPER_TSA_CA_FILE at their genTime" in rooted.stdout
    # A token swapped for another TSA's over the same manifest: refused, even unrooted
    with workspace.db.session() as session:
        (stamp_row,) = session.scalars(select(Event).where(Event.kind == "timestamp")).all()
    workspace.close()
    token = workdir / next(p for p in stamp_row.detail["files"] if p.endswith(".tsr"))
    other = stamp(b"not the manifest", config(tsas["chain"])).token
    token.chmod(0o644)
    token.write_bytes(other)
    workspace = copy.workspace()
    with workspace.db.session() as session:
        broken = audit(session, workdir, TimestampConfig())
    workspace.close()
    assert any("imprint check" in str(p) for p in broken.problems), broken.problems


def test_seal_token_dates_the_signature(
    chained: Exported, tsas: dict[str, LocalTSA], tmp_path: Path
) -> None:
    bag = unpacked(chained.bundle, tmp_path / "bag")
    openssl = openssl_verify(bag / SIGNATURE, bag / SEAL_TOKEN, tsas["chain"].root)
    assert openssl.returncode == 0, openssl.stderr
    report = verify_bundle(chained.bundle, trust(chained, tsas["chain"].root))
    note = next(c.note for c in report.checks if c.name == SEAL_STAMP_CHECK)
    assert note.startswith("signature dated ") and note.endswith(" by CN=Jasper Test TSA")
    signed = x509.load_pem_x509_certificates((bag / (SIGNATURE + ".tsa-chain.pem")).read_bytes())
    assert signed[0].subject.rfc4514_string() == "CN=Jasper Test TSA"
    # The commands VERIFY.txt gives, as written (ROOT.pem from the reader; X the signature)
    shutil.copy(tsas["chain"].root, bag / "ROOT.pem")
    run = functools.partial(subprocess.run, shell=True, cwd=bag, capture_output=True, text=True)
    signature_stamp = run(SEAL_COMMANDS[3][1])
    assert signature_stamp.returncode == 0, signature_stamp.stderr
    show, attime = (c.replace("X", SIGNATURE) for c in SEAL_COMMANDS[5][1].splitlines())
    gen_time = run(show).stdout.split("Time stamp:")[1].strip()
    at_gen_time = run(attime.replace("GENTIME", gen_time))
    assert at_gen_time.returncode == 0, at_gen_time.stderr
