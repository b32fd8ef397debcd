"""`jasper verify` against forged and hostile bundles (issue 16), the way they were found: real
variants of a real export (tests/hostile/bundles.py), `jasper verify` run on a terminal, judged
by what a person would see. Every variant fails, or is flagged as signed by an unconfirmed key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crawler.cli.main import cli
from evidence.signing import public_pem
from evidence.verification.problems import printable
from tests.bundle_factory import Exported, export_bundle
from tests.conftest import jasper
from tests.hostile.bundles import (
    BY_NAME,
    VARIANTS,
    Made,
    Options,
    judge,
    make_variants,
    payload_oxum,
    run_verify,
)
from tests.tsa_server import LocalTSA

# What each variant must print, unpinned and with the original signer's key: (exit, words).
EXPECTED: dict[str, tuple[tuple[int, str], tuple[int, str] | None]] = {
    "original": ((3, "NOT CONFIRMED"), (0, "OK: ")),
    "forged-stale-seal": (
        (1, "tagmanifest-sha256.txt: altered (changed since the bag was signed)"),
        (1, "tagmanifest-sha256.txt: altered"),
    ),
    "forged-unsealed": ((1, "jasper-seal.json: missing"), (1, "jasper-seal.json: missing")),
    "forged-resealed": ((3, "NOT CONFIRMED"), (1, "public-key.pem: untrusted (signed by")),
    "bad-crc": ((1, "data/listings.json: corrupt (bad CRC-32"), None),
    "long-name": ((1, ": unsafe (member name too long (300 bytes"), None),
    "name-clash": ((1, "data/listings.json: unsafe (both a file and a folder"), None),
    "encrypted-flag": ((1, "data/listings.json: encrypted"), None),
    "oxum-bomb": ((1, "but bag-info.txt declares"), None),
    "ansi-names": ((1, "data/a\\x1b[2K\\x0d\\x1b[32mOK: "), None),
    "symlink": ((1, "data/captures/evil-link: unsafe (not a regular file"), None),
    "entry-flood": ((1, "entries for a bag that declares"), None),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """A real export, its captures and seal time-stamped by a real TSA."""
    root = tmp_path_factory.mktemp("hostile")
    with LocalTSA(root / "tsa", certs="chain") as tsa:
        env = {"JASPER_TSA_URLS": tsa.url, "JASPER_TSA_CA_FILE": str(tsa.root)}
        return export_bundle(root, env)


@pytest.fixture(scope="module")
def variants(made: Exported, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    # The oxum bomb extracts to 48 MiB beyond a payload of some 100 KiB (over the slack Jasper
    # allows so that tampering is named rather than refused); 20,000 flooded entries.
    opts = Options(extra_bytes=48 << 20, extra_member=8 << 20, entries=20_000)
    return make_variants(made.bundle, tmp_path_factory.mktemp("variants"), opts=opts)


def test_the_variants_cover_issue_16() -> None:
    assert set(EXPECTED) == {v.name for v in VARIANTS}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_variant_fails_or_is_flagged_unconfirmed(
    name: str, made: Exported, variants: dict[str, Made]
) -> None:
    variant, item = BY_NAME[name], variants[name]
    declared = payload_oxum(made.bundle)
    unpinned, pinned = EXPECTED[name]
    runs = [(run_verify(item.path, timeout=120), unpinned)]
    if pinned is not None:
        runs.append((run_verify(item.path, made.public_key, timeout=120), pinned))
    for run, (status, words) in runs:
        shown = run.stdout + run.stderr
        assert judge(variant, item, run, declared) == [], shown
        assert run.returncode == status, shown
        assert words in shown, shown
        assert "Traceback" not in shown
        if status != 0 and item.signer:  # whoever sealed it is named, and said unconfirmed
            assert f"Signer: {item.signer}" in shown and "not confirmed" in shown


def test_trust_folder_confirms_or_names_the_stranger(made: Exported, tmp_path: Path) -> None:
    trusted = tmp_path / "trusted"
    trusted.mkdir()
    (trusted / "our-lab.pem").write_bytes(made.public_key.read_bytes())
    ok = jasper("verify", str(made.bundle), "--trust", str(trusted))
    assert ok.returncode == 0, ok.stdout
    assert f"confirmed by {trusted / 'our-lab.pem'}" in ok.stdout
    strangers = tmp_path / "strangers"
    strangers.mkdir()
    other = Ed25519PrivateKey.generate().public_key()
    (strangers / "someone-else.pem").write_bytes(public_pem(other))
    unknown = jasper("verify", str(made.bundle), "--trust", str(strangers))
    assert unknown.returncode == 3, unknown.stdout
    assert f"which is not among the keys in {strangers}" in " ".join(unknown.stdout.split())
    (strangers / "broken.pem").write_text("not a key\n")
    bad = jasper("verify", str(made.bundle), "--trust", str(strangers))
    assert bad.returncode == 2 and bad.stderr.startswith("jasper: error: --trust: "), bad.stderr


def test_bad_input_is_one_line_exit_2(made: Exported, tmp_path: Path) -> None:
    cases = [
        (["verify", str(tmp_path / "nope.zip")], "bundle "),
        (["verify", str(made.bundle), "--public-key", str(tmp_path / "nope.pem")], "--public-key"),
        (["verify", str(made.bundle), "--trust", str(tmp_path / "nowhere")], "--trust"),
        (["verify", str(made.bundle), "--tsa-ca-file", str(tmp_path / "x.pem")], "--tsa-ca-file"),
    ]
    not_a_key = tmp_path / "text.pem"
    not_a_key.write_text("hello\n")
    cases.append((["verify", str(made.bundle), "--public-key", str(not_a_key)], str(not_a_key)))
    runner = CliRunner()  # the real command, in-process: no interpreter start per case
    for args, named in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert result.stderr.startswith("jasper: error: ") and named in result.stderr
        assert len(result.stderr.splitlines()) == 1 and result.exception is not None
        assert isinstance(result.exception, SystemExit)


@pytest.mark.fast
def test_printable_escapes_what_a_terminal_acts_on_and_keeps_every_script() -> None:
    assert printable("劳力士 Rolex Yacht-Master 40 高仿 ✓") == "劳力士 Rolex Yacht-Master 40 高仿 ✓"
    assert printable("a\x1b[2K\rOK\x08\x9b") == "a\\x1b[2K\\x0dOK\\x08\\x9b"
    assert printable("txt\u202eexe\u2028") == "txt\\u202eexe\\u2028"
    assert printable("bad\udc9bbyte") == "bad\\udc9bbyte"
