"""Logged-in capture: a session from a storage state, the persona recorded but never the
secret, an expired session reported as a login wall, and authorisations on the case."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.demo import members
from crawler.demo.server import DemoSite
from evidence.authorisation import AuthorisationRequired, authorise, require_current, set_required
from evidence.db import Database
from evidence.models import Authorisation, Capture, Case, CrawlRun, Event
from tests.conftest import jasper, jasper_json

FAST = ("--set", "JASPER_SETTLE_QUIET=0.3", "--no-autothrottle")
KEYWORD = "rolex"


def _state(tmp_path: Path, name: str, session: str) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(members.storage_state("127.0.0.1", session)))
    return path


def _crawl(site: DemoSite, workdir: Path, case: str, *extra: str):  # type: ignore[no-untyped-def]
    keywords = workdir.parent / f"{case}-kw.txt"
    keywords.write_text(KEYWORD + "\n")
    return jasper(
        "crawl", "--case", case, "--keywords", str(keywords), "--site", "bazaar-members",
        "--base-url", site.base_url, "--workdir", str(workdir), *FAST, *extra,
    )  # fmt: skip


def test_signed_in_capture_and_robots_override_need_a_reason(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    state = _state(tmp_path, "valid", members.VALID_SESSION)
    result = _crawl(demo_site, tmp_path / "w", "noreason", "--storage-state", str(state))
    assert result.returncode == 2 and "needs a recorded justification" in result.stderr
    result = _crawl(demo_site, tmp_path / "w", "noreason", "--ignore-robots")
    assert result.returncode == 2 and "--reason" in result.stderr
    result = _crawl(demo_site, tmp_path / "w", "x", "--storage-state", str(tmp_path / "no.json"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_require_current(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with db.transaction() as session:
        case = Case(name="c", created_by="t")
        session.add(case)
        session.flush()
        assert require_current(session, case.id, now) is None  # not required, none held
        old = authorise(session, case.id, "OLD/1", now - timedelta(days=60),
                        now - timedelta(days=1), "t")  # fmt: skip
        set_required(session, case.id, True, "t", "covert profile viewing")
        with pytest.raises(AuthorisationRequired, match="OLD/1"):
            require_current(session, case.id, now)
        new = authorise(session, case.id, "NEW/2", now - timedelta(days=1),
                        now + timedelta(days=30), "t")  # fmt: skip
        assert require_current(session, case.id, now) is new
        with pytest.raises(AuthorisationRequired, match="NEW/2"):
            require_current(session, case.id, now + timedelta(days=31))
    db.close()
    assert old.id != new.id


def test_expired_authorisation_refuses_then_current_one_is_recorded(
    demo_site: DemoSite, tmp_path: Path
) -> None:
    workdir = tmp_path / "w"
    state = _state(tmp_path, "analyst-1", members.VALID_SESSION)
    common = ("--case", "members", "--workdir", str(workdir))
    old = jasper("case", "authorise", *common, "--reference", "DSA/2025/1",
                 "--valid-from", "2025-01-01", "--expires", "2025-06-30",
                 "--requires-authorisation")  # fmt: skip
    assert old.returncode == 0, old.stderr
    refused = _crawl(demo_site, workdir, "members", "--storage-state", str(state),
                     "--reason", "test purchase follow-up")  # fmt: skip
    assert refused.returncode == 2
    assert "requires a current authorisation" in refused.stderr and "DSA/2025/1" in refused.stderr
    current = jasper("case", "authorise", *common, "--reference", "DSA/2026/7",
                     "--expires", "2099-12-31")  # fmt: skip
    assert current.returncode == 0, current.stderr
    held = jasper_json("case", "authorisations", *common)
    assert held["requires_authorisation"] and held["current"] == "DSA/2026/7"

    result = _crawl(demo_site, workdir, "members", "--storage-state", str(state),
                    "--reason", "test purchase follow-up",
                    "--search-pages", "served")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    listings = jasper_json("listings", *common, "--format", "json")
    expected = {f"{demo_site.base_url}/members/item/{x.slug}" for x in demo_site.search(KEYWORD)}
    assert {x["url"] for x in listings} == expected

    db = Database(f"sqlite:///{workdir / 'jasper.db'}", upgrade=False)
    with db.session() as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert run is not None and run.reason == "test purchase follow-up"
        assert run.options["storage_state"]["file"] == "analyst-1.json"
        captures = session.scalars(select(Capture).where(Capture.run_id == run.id)).all()
        granted = session.scalars(
            select(Authorisation).where(Authorisation.reference == "DSA/2026/7")
        ).one()
        assert captures and {c.authorisation_id for c in captures} == {granted.id}
        assert {c.persona for c in captures} == {"bazaar-members-demo"}  # the profile's persona
        # A signed-in search is rendered, even when search pages are read as served: plain
        # HTTP would not carry the session.
        searches = [c for c in captures if c.kind == "search"]
        assert searches and all(c.artefact("screenshot") for c in searches)
        assert not any(n["step"] == "served-first" for c in searches for n in c.notes or [])
    db.close()
    # The persona is recorded, the session never: not in the database, not in any WARC.
    secret = members.VALID_SESSION.encode()
    for path in [workdir / "jasper.db", *(workdir / "artefacts").rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)  # every gzip member of the WARC
            assert secret not in data, path


def test_expired_session_is_a_login_wall_not_content(demo_site: DemoSite, tmp_path: Path) -> None:
    workdir = tmp_path / "w"
    state = _state(tmp_path, "expired", members.EXPIRED_SESSION)
    result = _crawl(demo_site, workdir, "expired", "--storage-state", str(state),
                    "--reason", "re-check of members listings")  # fmt: skip
    assert result.returncode == 1
    assert "LOGIN WALL" in result.stdout and "/members/search" in result.stdout
    assert "redirected to a sign-in page" in result.stdout
    listings = jasper_json(
        "listings", "--case", "expired", "--workdir", str(workdir), "--format", "json"
    )
    assert listings == []
    db = Database(f"sqlite:///{workdir / 'jasper.db'}", upgrade=False)
    with db.session() as session:
        assert session.scalars(select(Capture)).all() == []  # not even the sign-in page
        run = session.scalars(select(CrawlRun)).one()
        walls = session.scalars(
            select(Event).where(Event.kind == "login-wall", Event.run_id == run.id)
        ).all()
        assert len(walls) == 1 and "/members/search" in walls[0].detail["url"]
        assert run.stats is not None and run.stats["jasper/login_walls"] == 1
    db.close()
