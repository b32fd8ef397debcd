"""The review workspace against hostile pages and hostile requests: captured script shown
as text, path traversal, cross-site POSTs, a reviewer trying an admin action, guessed
passwords. Served with sign-in over listings recorded through the evidence core."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from evidence.capture.session import recording
from evidence.models import Artefact, Event, Listing, ReviewEvent
from evidence.review.accounts import add_user
from evidence.workspace import Workspace
from settings.config import load_config
from tests.conftest import jasper
from tests.review_server import served
from tests.test_evidence_core import page

HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(2)> Rolex'
PASSWORD = "correct horse battery"


@dataclass
class Served:
    """A workspace served with sign-in, and what is in it."""

    workdir: Path
    url: str
    case_id: int
    listing_id: int
    page_sha256: str


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("secured")
    workspace = Workspace(config=load_config({"JASPER_WORKDIR": workdir}, env={}))
    with recording(workspace, case="hostile", operator="op") as recorder:
        recorder.record(page("https://shop.example/item/evil", title=HOSTILE))
    with workspace.db.transaction() as session:
        add_user(session, "rita", "reviewer", PASSWORD, actor="op")
        add_user(session, "ada", "admin", PASSWORD, actor="op")
    with workspace.db.session() as session:
        listing = session.scalars(select(Listing)).one()
        html = session.scalars(select(Artefact.digest_hex).where(Artefact.kind == "page")).one()
        ids = (listing.case_id, listing.id)
    workspace.close()
    with served(workdir, "--sign-in") as url:
        yield Served(workdir, url, ids[0], ids[1], html)


def token(client: httpx.Client, path: str = "/signin") -> str:
    """The CSRF token of the client's session, as a page carries it."""
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, "no CSRF token on the page"
    return found.group(1)


@contextmanager
def signed_in(secured: Served, name: str) -> Iterator[httpx.Client]:
    """A client signed in as ``name``."""
    with httpx.Client(base_url=secured.url, timeout=30) as client:
        answer = client.post(
            "/signin", data={"name": name, "password": PASSWORD, "csrf": token(client)}
        )
        assert answer.status_code == 303, answer.text
        yield client


def test_pages_need_sign_in_and_carry_a_strict_policy(secured: Served) -> None:
    with httpx.Client(base_url=secured.url) as anonymous:
        assert anonymous.get("/").status_code == 303
        assert (
            anonymous.get(f"/listing/{secured.listing_id}")
            .headers["location"]
            .startswith("/signin")
        )
    with signed_in(secured, "rita") as client:
        answer = client.get("/")
        assert answer.status_code == 200
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_captured_script_is_shown_as_text(secured: Served) -> None:
    with signed_in(secured, "rita") as client:
        html = client.get(f"/listing/{secured.listing_id}").text
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert(" not in html and "<img src=x" not in html


def test_artefacts_only_by_hash(secured: Served) -> None:
    with signed_in(secured, "rita") as client:
        for path in ("/artefact/..%2F..%2Fjasper.db", "/artefact/../../etc/passwd",
                     "/artefact/%2Fetc%2Fpasswd", "/artefact/" + "0" * 64,
                     "/thumb/..%2Fjasper.db", "/diff/..%2Fa/..%2Fb"):  # fmt: skip
            answer = client.get(path)
            assert answer.status_code == 404, path
            assert b"SQLite format" not in answer.content and b"root:" not in answer.content
        answer = client.get(f"/artefact/{secured.page_sha256}")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment")
    assert "sandbox" in answer.headers["content-security-policy"]
    assert answer.headers["content-type"] == "application/octet-stream"


def test_cross_site_post_without_token_is_refused(secured: Served) -> None:
    form = {"listing": str(secured.listing_id), "kind": "disposition", "value": "genuine"}
    with signed_in(secured, "rita") as client:
        forged = client.post(f"/case/{secured.case_id}/decide", data=form,
                             headers={"Origin": "https://evil.example"})  # fmt: skip
        assert forged.status_code == 403
        wrong = client.post(f"/case/{secured.case_id}/decide", data=form | {"csrf": "guess"})
        assert wrong.status_code == 403
        good = client.post(f"/case/{secured.case_id}/decide",
                           data=form | {"csrf": token(client, "/")})  # fmt: skip
        assert good.status_code == 303
    ws = Workspace(config=load_config({"JASPER_WORKDIR": secured.workdir}, env={}))
    with ws.db.session() as session:
        rows = session.scalars(select(ReviewEvent)).all()
        viewers = set(session.scalars(select(Event.actor).where(Event.kind == "view")))
    ws.close()
    assert [(r.value, r.actor) for r in rows] == [("genuine", "rita")]
    assert "rita" in viewers


def test_reviewer_cannot_do_admin_actions(secured: Served) -> None:
    account = {"name": "mallory", "role": "admin", "password": PASSWORD}
    with signed_in(secured, "rita") as client:
        assert client.get("/admin/users").status_code == 403
        refused = client.post("/admin/users", data=account | {"csrf": token(client, "/")})
        assert refused.status_code == 403
    with signed_in(secured, "ada") as admin:
        assert admin.get("/admin/users").status_code == 200


def test_sign_in_is_rate_limited(secured: Served) -> None:
    with httpx.Client(base_url=secured.url) as client:
        codes = [
            client.post(
                "/signin", data={"name": "ada", "password": f"wrong {n}", "csrf": token(client)}
            ).status_code
            for n in range(6)
        ]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_serving_beyond_this_machine_needs_accounts(tmp_path: Path) -> None:
    empty = jasper("serve", "--workdir", str(tmp_path), "--host", "0.0.0.0", "--port", "0")
    assert empty.returncode == 2
    assert empty.stderr.strip() == (
        "jasper: error: sign-in needs an account first: jasper user add NAME --role admin"
    )
    open_ = jasper("serve", "--workdir", str(tmp_path), "--host", "0.0.0.0", "--no-sign-in")
    assert open_.returncode == 2 and "--no-sign-in is refused" in open_.stderr
    weak = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "user", "add", "bob", "--role", "admin",
         "--password-stdin", "--workdir", str(tmp_path)],
        input="short\n", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert weak.returncode == 2 and "at least 10 characters" in weak.stderr
