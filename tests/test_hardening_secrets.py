"""Issue 16, secrets that leak: a real signed-in crawl of the hostile marketplace's account
area (a session cookie rotated on every response, a localStorage token sent as ``X-API-Key``,
``Authorization: Bearer``, in a URL and in a JSON body) leaves no secret in the workdir (WARCs,
database, logs) or in the exported bundle; the redactions keep a hash."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evidence.capture.page import Exchange
from evidence.capture.redaction import redact_credentials, redacted
from evidence.clock import utcnow
from tests.conftest import jasper
from tests.hostile.leaks import scan
from tests.hostile.server import HostileSite
from tests.test_export import ensure_signing_key


@dataclass
class SignedIn:
    site: HostileSite
    workdir: Path
    bundle: Path
    crawl_output: str


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignedIn]:
    with HostileSite(bomb_mib=4, huge_bytes=2_000_000, drip_seconds=2) as site:
        root = tmp_path_factory.mktemp("secrets")
        state = site.write_storage_state(root / "state.json")
        keywords = root / "keywords.txt"
        keywords.write_text("rolex\n")
        workdir = root / "work"
        result = jasper(
            "crawl", "--case", "s", "--keywords", str(keywords),
            "--search-url", site.account_search_url_template, "--workdir", str(workdir),
            "--storage-state", str(state), "--reason", "hardening test",
            "--set", "JASPER_SETTLE_TIMEOUT=4",
        )  # fmt: skip
        assert "Traceback" not in result.stderr, result.stderr
        ensure_signing_key(workdir)
        bundle = root / "bundle.zip"
        exported = jasper("export", "--case", "s", "--workdir", str(workdir), "--out", str(bundle))
        assert exported.returncode == 0, exported.stderr
        yield SignedIn(site, workdir, bundle, result.stdout + result.stderr)


@pytest.mark.slow  # a signed-in crawl and an export: about a minute
def test_no_session_secret_reaches_the_workdir_or_the_bundle(signed_in: SignedIn) -> None:
    secrets = signed_in.site.secrets()
    assert len(secrets) >= 3  # the storage-state cookie, the token, rotated cookies
    leaks = scan([signed_in.workdir, signed_in.bundle], secrets)
    assert leaks == [], sorted({(x.where, x.form) for x in leaks})
    assert not any(s in signed_in.crawl_output for s in secrets)


@pytest.mark.slow
def test_redactions_keep_a_hash(signed_in: SignedIn) -> None:
    token = signed_in.site.account.token
    marker = redacted(token).encode()
    warcs = list((signed_in.workdir / "artefacts").rglob("*.warc.gz"))
    found = b"".join(gzip.open(w).read() for w in warcs)
    assert marker in found  # the X-API-Key header, the URL, the body: the token's hash
    assert found.count(b"Set-Cookie: hostile_session=[redacted by Jasper; sha256=") >= 2


@pytest.mark.fast
def test_redaction_scrubs_what_it_learns_from_headers_everywhere() -> None:
    token, cookie = "tok_" + "a1" * 16, "c" * 24
    now = utcnow()
    exchanges = [
        Exchange("https://shop.example/api?access_token=" + token, "POST",
                 [("X-API-Key", token), ("Cookie", f"sid={cookie}; theme=dark")],
                 b'{"token": "' + token.encode() + b'"}', 200, "OK",
                 [("Set-Cookie", "sid=" + "d" * 24 + "; Path=/; HttpOnly")], b"ok", None,
                 "fetch", now, now),
    ]  # fmt: skip
    redact_credentials(exchanges)
    ex = exchanges[0]
    text = ex.url + repr(ex.request_headers) + repr(ex.response_headers) + repr(ex.request_body)
    for secret in (token, cookie, "d" * 24):
        assert secret not in text
    assert hashlib.sha256(token.encode()).hexdigest() in ex.url
    assert ex.response_headers[0][1].endswith("; Path=/; HttpOnly")
