"""``jasper export`` and ``jasper verify`` on a real crawl, checked with third-party validators."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Crawl, jasper

BIN = Path(sys.executable).parent
PREFIX = "AB"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unzip(bundle: Path, dest: Path) -> Path:
    """Extract a bundle we made ourselves; return the bag folder."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)
    (bag,) = [p for p in dest.iterdir() if p.is_dir()]
    return bag


def rezip(bag: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bag.rglob("*")):
            if path.is_file():
                zf.write(path, f"{bag.name}/{path.relative_to(bag).as_posix()}")
    return out


def ensure_signing_key(workdir: Path) -> None:
    """Exports are sealed when signing is installed, and sealing needs the installation's key."""
    try:
        from evidence.signing import create_key
    except ImportError:
        return
    from evidence.workspace import Workspace

    workspace = Workspace(workdir)
    try:
        create_key(workspace, "test-operator")
    finally:
        workspace.close()


@pytest.fixture(scope="module")
def workdir(crawled: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the crawl's workdir: exporting writes custody events and exhibits."""
    target = tmp_path_factory.mktemp("export") / "work"
    shutil.copytree(crawled.workdir, target)
    ensure_signing_key(target)
    return target


def export(workdir: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return jasper("export", "--case", "spine", "--workdir", str(workdir), "--out", str(out), *extra)


@pytest.fixture(scope="module")
def bundle(workdir: Path) -> Path:
    out = workdir.parent / "bundles" / "spine-bundle.zip"
    result = export(workdir, out, "--exhibit-prefix", PREFIX)
    assert result.returncode == 0, result.stderr
    assert "exhibits AB/1 to AB/" in result.stdout
    return out


@pytest.fixture(scope="module")
def bag(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unzip(bundle, tmp_path_factory.mktemp("unzipped"))


@pytest.fixture(scope="module")
def listings(bag: Path) -> list[dict[str, Any]]:
    return json.loads((bag / "data" / "listings.json").read_text())


def captures(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for listing in records for c in listing["captures"]]


def test_bundle_is_a_bag_with_case_metadata(bag: Path, crawled: Crawl) -> None:
    for name in ("bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                 "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"):  # fmt: skip
        assert (bag / name).is_file(), name
    info = (bag / "bag-info.txt").read_text()
    searches = json.loads((bag / "data" / "search-pages.json").read_text())
    assert searches and all(s["kind"] == "search" for s in searches)
    n = len(captures(crawled.listings)) + len(searches)  # search pages are exhibits too
    for line in ("Case: spine", "Operator: test-operator", f"Exhibit-Range: AB/1 to AB/{n}",
                 "Software: Jasper", "Software-Version: ", "Export-Time: 20"):  # fmt: skip
        assert line in info
    data = bag / "data"
    for name in ("web-archive.wacz", "listings.json", "listings.csv", "report.pdf",
                 "report.html", "custody-log.jsonl", "VERIFY.txt"):  # fmt: skip
        assert (data / name).is_file(), name


def test_artefacts_are_byte_identical_and_named_by_ids(
    bag: Path, listings: list[dict[str, Any]], crawled: Crawl
) -> None:
    originals = {c["id"]: c for c in captures(crawled.listings)}
    assert {c["id"] for c in captures(listings)} == set(originals)
    for capture in captures(listings):
        original = originals[capture["id"]]
        for kind in ("screenshot", "dom"):
            copy = bag / capture["bundle"][kind]
            folder = "data/exhibits/" + capture["exhibit"].replace("/", "-")
            assert capture["bundle"][kind] in (f"{folder}/{kind}.png", f"{folder}/{kind}.html")
            assert copy.read_bytes() == (crawled.workdir / original[kind]).read_bytes()
            assert sha256(copy) == original[f"{kind}_sha256"] == capture[f"{kind}_sha256"]


def test_listings_json_adds_unique_exhibits_to_the_listings_schema(
    listings: list[dict[str, Any]], crawled: Crawl
) -> None:
    refs = [c["exhibit"] for c in captures(listings)]
    assert sorted(refs, key=lambda r: int(r.split("/")[1])) == [
        f"AB/{i}" for i in range(1, len(refs) + 1)
    ]
    for ours, theirs in zip(listings, crawled.listings, strict=True):
        assert set(theirs) <= set(ours)  # the listings schema, with additions
        assert ours["exhibits"] == [c["exhibit"] for c in ours["captures"]]
        for capture, original in zip(ours["captures"], theirs["captures"], strict=True):
            assert {k: capture[k] for k in original} == original


def test_reports_and_drafts(bag: Path, listings: list[dict[str, Any]]) -> None:
    data = bag / "data"
    pdf = (data / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages >= 2 * len(captures(listings)) + 2  # cover, index, two pages per sheet
    html = (data / "report.html").read_text()
    first = captures(listings)[0]
    assert "Exhibit AB/1" in html and first["screenshot_sha256"] in html
    assert "<script" not in html.lower()
    assert "Suspicion score (triage)" in html and "triage, not proof" in html
    witness = next((data / "drafts").glob("*witness*")).read_text()
    certificate = next((data / "drafts").glob("*902-14*")).read_text()
    for text in (witness, certificate):
        assert text.startswith("DRAFT")
        assert first["screenshot_sha256"] in text
    assert "as exhibit AB/1." in witness
    assert "penalty of perjury" in certificate and "[signature]" in certificate
    verify_txt = (data / "VERIFY.txt").read_text()
    for tool in ("sha256sum -c", "bagit.py --validate", "wacz validate", "openssl ts -verify",
                 "wb-manager add --unpack-wacz", "ReplayWeb.page", "--public-key"):  # fmt: skip
        assert tool in verify_txt
    for name in ("index.html", "index.js", "seller-network.svg", "search-pages.json"):
        assert (data / name).is_file(), name
    rows = (data / "listings.csv").read_text().splitlines()
    assert rows[0].startswith("exhibit,") and len(rows) == len(captures(listings)) + 1


def test_custody_log_records_captures_and_the_export(bag: Path) -> None:
    events = [json.loads(line) for line in (bag / "data" / "custody-log.jsonl").open()]
    kinds = {e["kind"] for e in events}
    assert {"capture", "export"} <= kinds
    assert all(e["actor"] and e["at"].endswith("Z") for e in events)
    export_event = next(e for e in events if e["kind"] == "export")
    assert export_event["actor"] == "test-operator"
    assert export_event["detail"]["exhibit_prefix"] == PREFIX


def test_third_party_validators_accept_the_bundle(bag: Path, tmp_path: Path) -> None:
    bagit = subprocess.run(
        [BIN / "bagit.py", "--validate", str(bag)], capture_output=True, text=True
    )
    assert bagit.returncode == 0, bagit.stderr
    sums = subprocess.run(["sha256sum", "-c", "--quiet", "manifest-sha256.txt"], cwd=bag)
    assert sums.returncode == 0
    wacz = bag / "data" / "web-archive.wacz"
    result = subprocess.run([BIN / "wacz", "validate", "-f", str(wacz)], capture_output=True,
                            text=True)  # fmt: skip
    assert result.returncode == 0 and "is valid" in result.stdout, result.stdout
    with zipfile.ZipFile(wacz) as zf:
        warcs = [n for n in zf.namelist() if n.startswith("archive/")]
        zf.extractall(tmp_path, warcs)
        package = json.loads(zf.read("datapackage.json"))
        assert all(zf.getinfo(n).compress_type == zipfile.ZIP_STORED for n in warcs)
    assert package["wacz_version"] == "1.1.1" and package["home"]["url"]
    check = subprocess.run([BIN / "warcio", "check", *[str(tmp_path / w) for w in warcs]],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


REPLAY_SERVER = """
import os, sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
os.chdir(sys.argv[1])
from pywb.apps.frontendapp import FrontEndApp
class Quiet(WSGIRequestHandler):
    def log_message(self, *args): pass
server = make_server("127.0.0.1", 0, FrontEndApp(), handler_class=Quiet)
print(server.server_port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def pywb(bag: Path, tmp_path: Path) -> Iterator[str]:
    """pywb serving the bundle's WACZ, unpacked by ``wb-manager add --unpack-wacz``."""
    for args in (["init", "case"], ["add", "--unpack-wacz", "case",
                                    str(bag / "data" / "web-archive.wacz")]):  # fmt: skip
        done = subprocess.run([BIN / "wb-manager", *args], cwd=tmp_path, capture_output=True,
                              text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    (tmp_path / "config.yaml").write_text("collections_root: collections\n")
    server = subprocess.Popen(
        [sys.executable, "-c", REPLAY_SERVER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        yield f"http://127.0.0.1:{port}/case"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_captured_listing_replays_in_pywb(
    pywb: str, bag: Path, listings: list[dict[str, Any]]
) -> None:
    """At the time pages.jsonl gives and at the latest time, replay shows the listing as
    captured, not Jasper's metadata record (which has its own urn: address)."""
    with zipfile.ZipFile(bag / "data" / "web-archive.wacz") as wacz:
        lines = wacz.read("pages/pages.jsonl").decode().splitlines()[1:]
    pages = {p["url"]: p for p in map(json.loads, lines)}
    chosen = [
        c
        for c in captures(listings)
        if c["title"]
        and c["http_status"] == 200
        and c["bundle"].get("page")
        # pages whose served HTML holds the title (others fill it in with JavaScript)
        and c["title"].encode() in (bag / c["bundle"]["page"]).read_bytes()
    ][:3]
    assert len(chosen) == 3
    for capture in chosen:
        url = capture["final_url"] or capture["url"]
        ts = re.sub(r"\D", "", pages[url]["ts"])[:14]
        for when in (ts, "29991231235959"):
            for mode in ("id_", "mp_"):
                body = urllib.request.urlopen(f"{pywb}/{when}{mode}/{url}", timeout=30).read()
                assert capture["title"].encode() in body, (when, mode)
                assert b'"crawl_run"' not in body, (when, mode)


def producer_key(workdir: Path) -> str:
    """The signer's public key, as the producer hands it to a reader (``jasper verify
    --public-key``): without it, an intact bundle's signer is unconfirmed (exit 3)."""
    return str(workdir / "keys" / "jasper-ed25519.pub.pem")


def test_untouched_bundle_verifies(bundle: Path, workdir: Path) -> None:
    pinned = ("--public-key", producer_key(workdir))
    result = jasper("verify", str(bundle), "--workdir", str(workdir), *pinned)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"OK: {bundle} verified" in result.stdout
    assert "failed:" not in result.stdout
    unpinned = jasper("verify", str(bundle))
    assert unpinned.returncode == 3 and "NOT CONFIRMED" in unpinned.stdout


def flip_screenshot(bag: Path) -> str:
    shot = next((bag / "data" / "exhibits").glob("*/screenshot.png"))
    data = bytearray(shot.read_bytes())
    data[len(data) // 2] ^= 0x01
    shot.write_bytes(bytes(data))
    return shot.relative_to(bag).as_posix()


def delete_dom(bag: Path) -> str:
    dom = next((bag / "data" / "exhibits").glob("*/dom.html"))
    dom.unlink()
    return dom.relative_to(bag).as_posix()


def add_file(bag: Path) -> str:
    (bag / "data" / "exhibits" / "planted.html").write_text("<p>not evidence</p>")
    return "data/exhibits/planted.html"


def edit_listings(bag: Path) -> str:
    path = bag / "data" / "listings.json"
    records = json.loads(path.read_text())
    records[0]["price"] = 999.99
    path.write_text(json.dumps(records, indent=2))
    return "data/listings.json"


def append_to_wacz(bag: Path) -> str:
    with (bag / "data" / "web-archive.wacz").open("ab") as fh:
        fh.write(b"\0")
    return "data/web-archive.wacz"


@pytest.mark.parametrize(
    "tamper", [flip_screenshot, delete_dom, add_file, edit_listings, append_to_wacz]
)
def test_tampering_fails_verification_naming_the_file(
    tamper: Callable[[Path], str], bundle: Path, tmp_path: Path
) -> None:
    bag = unzip(bundle, tmp_path / "bag")
    named = tamper(bag)
    result = jasper("verify", str(rezip(bag, tmp_path / "tampered.zip")))
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith(named + ":") for line in result.stdout.splitlines()), result.stdout
    assert "FAILED" in result.stdout


def test_export_twice_gives_the_same_evidence(bundle: Path, bag: Path, workdir: Path) -> None:
    pinned = ("--public-key", producer_key(workdir))
    assert jasper("verify", str(bundle), "--workdir", str(workdir), *pinned).returncode == 0
    again = bundle.with_name("again.zip")
    result = export(workdir, again, "--exhibit-prefix", PREFIX)
    assert result.returncode == 0, result.stderr
    second = unzip(again, again.parent / "again")

    def evidence_lines(b: Path) -> list[str]:
        keep = ("data/exhibits/", "data/web-archive.wacz", "data/listings.json",
                "data/listings.csv", "data/search-pages.json")  # fmt: skip
        evidence = ("/screenshot.png", "/dom.html", "/page.html", ".wacz", ".json", ".csv")
        lines = (b / "manifest-sha256.txt").read_text().splitlines()
        return sorted(line for line in lines if line.split(maxsplit=1)[1].startswith(keep)
                      and line.endswith(evidence))  # fmt: skip

    assert evidence_lines(second) == evidence_lines(bag)
    assert len(evidence_lines(bag)) > 10
    assert (second / "bag-info.txt").read_text() != (bag / "bag-info.txt").read_text()
    log = [json.loads(line) for line in (second / "data" / "custody-log.jsonl").open()]
    assert sum(e["kind"] == "export" for e in log) == 2
    # The verification above, recorded in the case's custody log, is in the new bundle.
    assert any(e["kind"] == "verify" and e["detail"]["passed"] for e in log)


def test_selected_listing_keeps_its_exhibit_number(
    bundle: Path, listings: list[dict[str, Any]], workdir: Path, tmp_path: Path
) -> None:
    chosen = listings[1]
    out = tmp_path / "one.zip"
    result = export(workdir, out, "--exhibit-prefix", PREFIX, "--listings", chosen["url"])
    assert result.returncode == 0, result.stderr
    (only,) = json.loads((unzip(out, tmp_path / "one") / "data" / "listings.json").read_text())
    assert only["id"] == chosen["id"] and only["exhibits"] == chosen["exhibits"]
    # A new prefix starts its own numbering.
    fresh = tmp_path / "fresh.zip"
    assert export(workdir, fresh, "--exhibit-prefix", "CD", "--listings", str(chosen["id"])
                  ).returncode == 0  # fmt: skip
    (again,) = json.loads((unzip(fresh, tmp_path / "fresh") / "data" / "listings.json").read_text())
    assert again["exhibits"][0] == "CD/1"


def test_several_listings_after_one_flag(
    bundle: Path, listings: list[dict[str, Any]], workdir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "two.zip"
    wanted = [str(listings[0]["id"]), listings[2]["url"]]
    result = export(workdir, out, "--exhibit-prefix", PREFIX, "--listings", *wanted)
    assert result.returncode == 0, result.stderr
    got = json.loads((unzip(out, tmp_path / "two") / "data" / "listings.json").read_text())
    assert [x["id"] for x in got] == [listings[0]["id"], listings[2]["id"]]


def test_export_errors_are_one_line(workdir: Path, tmp_path: Path) -> None:
    missing = jasper("export", "--case", "nope", "--workdir", str(workdir),
                     "--out", str(tmp_path / "x.zip"))  # fmt: skip
    assert missing.returncode == 2 and "no case named 'nope'" in missing.stderr
    unknown = export(workdir, tmp_path / "y.zip", "--listings", "https://example.invalid/")
    assert unknown.returncode == 2 and "no listing" in unknown.stderr
    bad = export(workdir, tmp_path / "z.zip", "--exhibit-prefix", "A/B")
    assert bad.returncode == 2 and "exhibit prefix" in bad.stderr
    zone = export(workdir, tmp_path / "t.zip", "--time-zone", "Mars/Olympus")
    assert zone.returncode == 2 and "unknown time zone 'Mars/Olympus'" in zone.stderr
    assert "Traceback" not in zone.stderr
    assert not list(tmp_path.glob("*.zip"))


def test_large_cases_get_pdf_volumes(
    bundle: Path, workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big cases are split into PDF volumes, so reportlab never holds the whole case."""
    from evidence.export import bundle as exporting
    from evidence.workspace import Workspace

    monkeypatch.setattr(exporting, "SHEETS_PER_PDF", 4)
    workspace = Workspace(workdir)
    try:
        request = exporting.ExportRequest("spine", tmp_path / "v.zip", "test-operator", "AB")
        done = exporting.export_case(workspace, request)
    finally:
        workspace.close()
    with zipfile.ZipFile(done.out) as zf:
        names = zf.namelist()
        volumes = sorted(n for n in names if re.search(r"/data/report-volume-\d{3}\.pdf$", n))
        assert len(volumes) == -(-done.captures // 4)
        assert all(zf.read(v).startswith(b"%PDF-") for v in volumes)
    assert not any(n.endswith("/data/report.pdf") for n in names)
    assert jasper("verify", str(done.out), "--public-key", producer_key(workdir)).returncode == 0


def test_verify_passes_the_public_key_to_the_seal_check(
    bundle: Path, workdir: Path, tmp_path: Path
) -> None:
    from evidence import signing

    _, public = signing.key_paths(workdir)
    assert jasper("verify", str(bundle), "--public-key", str(public)).returncode == 0
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = tmp_path / "other.pem"
    other.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    result = jasper("verify", str(bundle), "--public-key", str(other))
    assert result.returncode == 1 and "FAILED" in result.stdout, result.stdout
