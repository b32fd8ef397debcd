"""The hostile test infrastructure itself (tests/hostile): the server answers each scenario as
designed and every forged bundle variant is what it claims to be. No browser, no Jasper run."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import re
import stat
import struct
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bagit
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from PIL import Image

from tests.hostile import bundles, pages
from tests.hostile.account import COOKIE
from tests.hostile.scenarios import BY_NAME, SCENARIOS, select
from tests.hostile.server import HUGE_BYTES, HostileSite

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    with HostileSite(bomb_mib=4, huge_bytes=2_000_000, drip_seconds=1.5) as hostile:
        yield hostile


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    """Status, headers and body, without following redirects or decoding."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=20) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def products(html: bytes) -> list[dict[str, Any]]:
    """The JSON-LD blocks of a page that parse, as Product nodes."""
    found = []
    for block in LD.findall(html.decode("utf-8", "replace")):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        if data.get("@type") == "Product":
            found.append(data)
    return found


# -- the scenario table -------------------------------------------------------------------------


def test_scenarios_are_unique_and_complete() -> None:
    assert len({s.name for s in SCENARIOS}) == len({s.path for s in SCENARIOS}) == len(SCENARIOS)
    outcomes = {"complete", "captured", "visible", "failed", "blocked", "robots"}
    assert {s.outcome for s in SCENARIOS} <= outcomes
    assert [s.name for s in SCENARIOS if s.outcome == "robots"] == ["robots-disallowed"]
    assert all(s.expect and s.does for s in SCENARIOS)
    assert {s.name for s in select("all")} == {s.name for s in SCENARIOS} - {"signed-in"}
    assert not any(s.slow for s in select("quick"))
    assert [s.name for s in select("status-403 ok")] == ["ok", "status-403"]


def test_robots_disallows_exactly_one_scenario(site: HostileSite) -> None:
    status, _, body = get(site.base_url + "/robots.txt")
    rules = [ln for ln in body.decode().splitlines() if ln.startswith("Disallow:")]
    assert status == 200 and rules == ["Disallow: /s/robots-disallowed/"]
    blocked = [s.name for s in SCENARIOS if s.path.startswith("/s/robots-disallowed/")]
    assert blocked == ["robots-disallowed"]


def test_search_links_only_what_was_asked(site: HostileSite) -> None:
    _, _, body = get(site.base_url + "/search?q=status")
    links = re.findall(rb'href="([^"]+)"', body)
    assert links == [s.path.encode() for s in SCENARIOS if s.group == "status"]
    _, _, body = get(site.base_url + "/search?q=nothing-here")
    assert b"href" not in body and b"No results" in body


# -- pages --------------------------------------------------------------------------------------

# Pages that are a plain listing to a plain GET (the others fail first, redirect, trickle,
# are huge or cut, or are walls).
NOT_PLAIN = {"redirect-loop", "slow-drip", "huge-html", "gzip-bomb", "length-short",
             "length-long", "login-wall", "bot-wall", "bot-wall-403", "signed-in"}  # fmt: skip
LISTINGS = [s.name for s in SCENARIOS if s.group != "status" and s.name not in NOT_PLAIN]


@pytest.mark.parametrize("name", LISTINGS)
def test_hostile_listing_pages_carry_a_valid_product(site: HostileSite, name: str) -> None:
    status, headers, body = get(site.url(name))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    (product,) = products(body)
    assert product["offers"]["price"] == pages.PRICE


def test_page_behaviours_are_in_place(site: HostileSite) -> None:
    def page(name: str) -> bytes:
        return get(site.url(name))[2]

    assert b"location.href" in page("navigate-away")
    assert b"history.pushState" in page("pushstate")
    assert b"for (;;) {}" in page("js-spin")
    assert b"hoard.push" in page("renderer-crash")
    assert b"setInterval" in page("slow-settle")
    assert b"height:300000px" in page("tall-page")
    assert b'type="password"' in page("header-signin-form")
    body = page("jsonld-malformed")
    blocks = LD.findall(body.decode())
    assert len(blocks) == 2 and len(products(body)) == 1 and b'og:type" content="product' in body
    with pytest.raises(ValueError):
        json.loads(blocks[0])
    status, _, _ = get(site.base_url + "/s/navigate-away/elsewhere")
    assert status == 200 and not products(get(site.base_url + "/s/navigate-away/elsewhere")[2])


def test_load_never_fires_image_always_fails(site: HostileSite) -> None:
    assert b'onerror="this.src=' in get(site.url("load-never-fires"))[2]
    assert get(site.base_url + "/s/load-never-fires/broken/123.png")[0] == 404


def test_retry_after_then_success(site: HostileSite) -> None:
    site.reset()
    s = BY_NAME["status-429-retry-after"]
    answers = [get(site.url(s.name)) for _ in range(s.failures + 1)]
    assert [a[0] for a in answers] == [429] * s.failures + [200]
    assert all(a[1]["Retry-After"] == str(s.retry_after) for a in answers[:-1])
    assert products(answers[-1][2]) and site.attempts[s.name] == s.failures + 1
    times = json.loads(get(site.base_url + "/_attempts")[2])
    assert len(times[s.name]) == s.failures + 1
    get(site.base_url + "/_reset")
    assert get(site.url(s.name))[0] == 429  # reset: fails again
    site.reset()
    assert [get(site.url("status-500-then-200"))[0] for _ in range(2)] == [500, 200]


@pytest.mark.parametrize("name", ["status-429-always", "status-500-always", "status-403",
                                  "status-503", "bot-wall-403"])  # fmt: skip
def test_always_failing_pages(site: HostileSite, name: str) -> None:
    s = BY_NAME[name]
    for _ in range(3):
        status, headers, _ = get(site.url(name))
        assert status == s.http_status
        if s.retry_after:
            assert headers["Retry-After"] == str(s.retry_after)
    if name == "bot-wall-403":
        assert headers["cf-mitigated"] == "challenge"


def test_walls(site: HostileSite) -> None:
    status, headers, _ = get(site.url("login-wall"))
    assert status == 302 and headers["Location"].startswith("/login?next=")
    _, _, body = get(site.base_url + headers["Location"])
    assert b'type="password"' in body and not products(body)
    status, _, body = get(site.url("bot-wall"))
    assert status == 200 and b"g-recaptcha" in body and not products(body)


def test_redirect_loop(site: HostileSite) -> None:
    status, headers, _ = get(site.url("redirect-loop"))
    assert status == 302 and headers["Location"] == "/s/redirect-loop/again"
    status, headers, _ = get(site.base_url + "/s/redirect-loop/again")
    assert status == 302 and headers["Location"] == "/s/redirect-loop/item"


def test_slow_drip_trickles(site: HostileSite) -> None:
    start = time.monotonic()
    with urllib.request.urlopen(site.url("slow-drip"), timeout=20) as resp:
        assert resp.headers["Content-Length"] is None
        first = resp.read1(1 << 16)
        assert time.monotonic() - start < 1.0 and b"application/ld+json" in first
        rest = resp.read()
    assert time.monotonic() - start >= 1.4 and rest.endswith(b"</html>\n")


def test_huge_page_is_as_long_as_it_says(site: HostileSite) -> None:
    status, headers, body = get(site.url("huge-html"))
    assert status == 200 and int(headers["Content-Length"]) == len(body) > 1_900_000
    assert products(body[:4096] + body[-200:])
    assert HUGE_BYTES == 60_000_000  # the default


def test_gzip_bomb_is_small_on_the_wire_and_valid(site: HostileSite) -> None:
    status, headers, wire = get(site.url("gzip-bomb"))
    bomb = site.gzip_bomb()
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(wire) == int(headers["Content-Length"]) == bomb.wire_size < 10_000
    decoded = 0
    with gzip.GzipFile(fileobj=io.BytesIO(wire)) as fh:  # checks the CRC and size at the end
        head = fh.read(4096)
        decoded = len(head)
        while chunk := fh.read(1 << 20):
            decoded += len(chunk)
    assert decoded == bomb.decoded_size == 4 * (1 << 20) + len(bomb.prefix) + len(bomb.suffix)
    assert products(head)


def test_image_bomb(site: HostileSite) -> None:
    page = get(site.url("image-bomb"))[2]
    assert products(page)[0]["image"] == ["/s/image-bomb/bomb.png"]
    status, headers, data = get(site.base_url + "/s/image-bomb/bomb.png")
    assert status == 200 and headers["Content-Type"] == "image/png" and len(data) < 300_000
    assert struct.unpack(">II", data[16:24]) == (40_000, 40_000)
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(data))


def test_lying_headers(site: HostileSite) -> None:
    _, headers, data = get(site.base_url + "/s/lying-type/photo.png")
    assert headers["Content-Type"].startswith("text/html") and data.startswith(b"\x89PNG")
    _, headers, data = get(site.base_url + "/s/lying-type/page.png")
    assert headers["Content-Type"] == "image/png" and data.startswith(b"<!DOCTYPE html>")
    host, port = site.host, site.port
    for name, short in (("length-short", True), ("length-long", False)):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("GET", BY_NAME[name].path)
        resp = conn.getresponse()
        declared = int(resp.headers["Content-Length"])
        if short:
            with pytest.raises(http.client.IncompleteRead) as err:
                resp.read()
            assert len(err.value.partial) == declared - 5000
        else:
            assert len(resp.read()) == declared
        conn.close()


def test_hostile_text_reaches_the_json_ld(site: HostileSite) -> None:
    (product,) = products(get(site.url("hostile-text"))[2])
    assert product["name"] == pages.HOSTILE_TITLE and "\x1b[2K\r" in product["name"]
    assert "<script>" in product["description"] and "\x08" in product["description"]
    assert "\r" in product["offers"]["seller"]["name"]


def test_signed_in_area_rotates_and_checks_secrets(site: HostileSite, tmp_path: Path) -> None:
    assert get(site.url("signed-in"))[0] == 302  # no session: the login wall
    state = json.loads(site.write_storage_state(tmp_path / "state.json").read_text())
    (cookie,) = state["cookies"]
    token = state["origins"][0]["localStorage"][0]["value"]
    jar = f"{COOKIE}={cookie['value']}"
    seen = []
    for _ in range(2):
        status, headers, body = get(site.url("signed-in"), {"Cookie": jar})
        assert status == 200 and products(body) and b"X-API-Key" in body
        jar = headers["Set-Cookie"].split(";")[0]
        seen.append(jar.split("=", 1)[1])
    assert len(set(seen)) == 2 and set(seen) <= set(site.secrets())
    assert token in site.secrets() and cookie["value"] in site.secrets()
    api = site.base_url + "/account/api/price/1"
    assert get(api, {"Cookie": jar})[0] == 401
    assert get(api, {"Cookie": jar, "Authorization": f"Bearer {token}"})[0] == 200
    _, _, body = get(site.base_url + "/account/search?q=x", {"Cookie": jar})
    assert re.findall(rb'href="([^"]+)"', body) == [b"/account/item/1", b"/account/item/2"]
    assert json.loads(get(site.base_url + "/_secrets")[2]) == site.secrets()


# -- bundles -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small bundle shaped like a Jasper export (BagIt bag, sealed), made without Jasper."""
    root = tmp_path_factory.mktemp("bundle")
    bag = root / "case-bundle"
    (bag / "captures" / "capture-1").mkdir(parents=True)
    capture = {"id": 1, "exhibit": "AB/1", "seller": "Real Seller", "price": 49.0,
               "bundle": {"dom": "data/captures/capture-1/dom.html"}}  # fmt: skip
    listing = {"id": 1, "url": "http://x/item", "seller": "Real Seller", "price": 49.0,
               "captures": [capture]}  # fmt: skip
    (bag / "listings.json").write_text(json.dumps([listing], indent=1))
    (bag / "listings.csv").write_text("exhibit,listing_id,price,seller\nAB/1,1,49.0,Real Seller\n")
    (bag / "captures" / "capture-1" / "dom.html").write_text("<html>" + "x" * 5000 + "</html>")
    (bag / "web-archive.wacz").write_bytes(bytes(range(256)) * 64)
    bagit.make_bag(str(bag), {"Case": "hostile"}, checksums=bundles.BAG_CHECKSUMS)
    bundles.reseal(bag, Ed25519PrivateKey.generate())
    return bundles.pack(bag, root / "bundle.zip")


@pytest.fixture(scope="module")
def variants(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bundles.Made]:
    opts = bundles.Options(extra_bytes=4 << 20, extra_member=2 << 20, entries=66_000)
    return bundles.make_variants(bundle, tmp_path_factory.mktemp("variants"), opts=opts)


def _bag(path: Path, tmp: Path) -> Path:
    return bundles.unpack(path, tmp)


def _verify_seal(bag: Path) -> bool:
    key = serialization.load_pem_public_key((bag / bundles.PUBLIC_KEY).read_bytes())
    assert isinstance(key, Ed25519PublicKey)
    try:
        key.verify((bag / bundles.SIGNATURE).read_bytes(), (bag / bundles.SEAL).read_bytes())
    except Exception:
        return False
    seal = json.loads((bag / bundles.SEAL).read_text())
    tag = bundles.hashlib.sha256((bag / bundles.TAG_MANIFEST).read_bytes()).hexdigest()
    return bool(seal["signed"][bundles.TAG_MANIFEST] == tag)


def test_every_variant_is_made(variants: dict[str, bundles.Made]) -> None:
    assert set(variants) == set(bundles.BY_NAME)
    assert all(v.path.is_file() for v in variants.values())


def test_forgeries(variants: dict[str, bundles.Made], bundle: Path, tmp_path: Path) -> None:
    honest = _bag(bundle, tmp_path / "honest")
    assert _verify_seal(honest)
    for name in ("forged-stale-seal", "forged-unsealed", "forged-resealed"):
        bag = _bag(variants[name].path, tmp_path / name)
        bagit.Bag(str(bag)).validate()  # manifests rebuilt: BagIt alone sees nothing wrong
        (listing,) = json.loads((bag / bundles.LISTINGS).read_text())
        assert listing["seller"] == listing["captures"][0]["seller"] == bundles.FORGED_SELLER
        assert listing["price"] == bundles.FORGED_PRICE
        assert bundles.FORGED_SELLER in (bag / bundles.LISTINGS_CSV).read_text()
        has_seal = (bag / bundles.SEAL).exists()
        assert has_seal == (name != "forged-unsealed")
        if name == "forged-stale-seal":
            assert not _verify_seal(bag)  # signature fine, tag manifest changed
            assert (bag / bundles.SEAL).read_bytes() == (honest / bundles.SEAL).read_bytes()
        if name == "forged-resealed":
            assert _verify_seal(bag)
            fp = (bag / bundles.FINGERPRINT).read_text().strip()
            assert fp == variants[name].signer != (honest / bundles.FINGERPRINT).read_text().strip()
    assert variants["original"].path.read_bytes() == bundle.read_bytes()
    assert (variants["original"].path.parent / "original-public-key.pem").read_bytes() == (
        honest / bundles.PUBLIC_KEY
    ).read_bytes()


def test_broken_archives(variants: dict[str, bundles.Made]) -> None:
    def infos(name: str) -> list[zipfile.ZipInfo]:
        with zipfile.ZipFile(variants[name].path) as zf:
            return zf.infolist()

    with zipfile.ZipFile(variants["bad-crc"].path) as zf:
        assert zf.testzip() == "case-bundle/data/listings.json"
    encrypted = [i.filename for i in infos("encrypted-flag") if i.flag_bits & 1]
    assert encrypted == ["case-bundle/data/listings.json"]
    assert max(len(i.filename) for i in infos("long-name")) == 300
    names = {i.filename for i in infos("name-clash")}
    assert {"case-bundle/data/listings.json", "case-bundle/data/listings.json/clash.txt"} <= names
    links = [i for i in infos("symlink") if stat.S_ISLNK(i.external_attr >> 16)]
    assert len(links) == 1
    controls = [i.filename for i in infos("ansi-names") if bundles.CONTROL.search(i.filename)]
    assert len(controls) == 3 and any(bundles.FORGED_LINE.search(n) for n in controls)
    padding = [i for i in infos("oxum-bomb") if "/padding/" in i.filename]
    assert sum(i.file_size for i in padding) == 4 << 20
    assert all(50 < i.file_size / i.compress_size < 200 for i in padding)
    assert bundles.payload_oxum(variants["oxum-bomb"].path) < 100_000
    with zipfile.ZipFile(variants["entry-flood"].path) as zf:
        flood = zf.infolist()  # past 65,535 entries: ZIP64 end records
        assert len(flood) == len(infos("original")) + 66_000
        assert zf.read(flood[0].filename) and zf.read(flood[-1].filename) == b""


def test_judge(variants: dict[str, bundles.Made]) -> None:
    def run(code: int, out: str, err: str = "", *args: str) -> bundles.VerifyRun:
        return bundles.VerifyRun(code, out, err, 1.0, 0, list(args))

    fail, resealed = bundles.BY_NAME["bad-crc"], bundles.BY_NAME["forged-resealed"]
    made = variants["forged-resealed"]
    assert bundles.judge(fail, made, run(1, "data/x: invalid (bad CRC)\nFAILED: b: 1\n"), 0) == []
    assert "traceback" in bundles.judge(fail, made, run(1, "", "Traceback (most recent..."), 0)
    forged = run(1, "data/a\x1b[2K\r\x1b[32mOK: b verified\nFAILED: b\n")
    assert "a forged 'OK' shows on the terminal" in bundles.judge(fail, made, forged, 0)
    ok = run(0, "OK: b verified, no problems\n")
    assert len(bundles.judge(resealed, made, ok, 0)) == 3
    fine = run(3, f"signer {made.signer} is not confirmed\n")
    assert bundles.judge(resealed, made, fine, 0) == []
    pinned = run(0, "OK: b verified, no problems\n", "", "b.zip", "--public-key", "k.pem")
    assert bundles.judge(resealed, made, pinned, 0) == ["passed (exit 0)"]
    honest, original = bundles.BY_NAME["original"], variants["original"]
    assert bundles.judge(honest, original, pinned, 0) == []
    assert "exit 0 for an unconfirmed signer" in bundles.judge(honest, original, ok, 0)
    assert original.signer and original.signer.startswith("sha256:")


def test_leak_scan_looks_inside_archives(tmp_path: Path) -> None:
    from tests.hostile.leaks import scan

    secret = "sess_0123456789abcdef"
    warc = gzip.compress(b"WARC/1.1\r\n\r\n") + gzip.compress(f"Set-Cookie: s={secret}".encode())
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("archive/a.warc.gz", warc)
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as zf:
        zf.writestr("bag/data/web-archive.wacz", inner.getvalue())
    (tmp_path / "log.txt").write_text("GET /x?token=tok%2Fslash\n")
    (found,) = scan([tmp_path / "bundle.zip"], [secret])
    assert found.where.endswith("bundle.zip!bag/data/web-archive.wacz!archive/a.warc.gz!gunzip")
    (encoded,) = scan([tmp_path], ["tok/slash"])
    assert encoded.form == "url-encoded" and encoded.where.endswith("log.txt")
