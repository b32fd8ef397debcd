"""Review decisions: append-only events in the custody log and ledger, folded into a state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from evidence.capture.session import recording
from evidence.ledger import verify_chain
from evidence.models import Event, Listing, ListingScore, ReviewEvent
from evidence.review import accounts, decisions, overview
from evidence.review.decisions import ReviewError
from evidence.review.queue import UNDECIDED, QueueFilter, queue_page
from evidence.workspace import Workspace
from settings.config import load_config
from tests.conftest import fresh_pg_schema
from tests.test_evidence_core import page

pytestmark = pytest.mark.fast
SUSPECT = "suspected counterfeit"


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A workdir with three recorded listings, on SQLite or on PostgreSQL."""

    def opened(db_url: str | None) -> Workspace:
        config = load_config({"JASPER_WORKDIR": tmp_path, "JASPER_DB_URL": db_url}, env={})
        ws = Workspace(config=config)
        with recording(ws, case="review", operator="op") as recorder:
            for n in range(3):
                recorder.record(page(f"https://shop.example/item/{n}", title=f"Rolex {n}"))
        return ws

    if request.param == "postgresql":
        with fresh_pg_schema("jasper_review") as url:
            ws = opened(url)
            yield ws
            ws.close()
        return
    ws = opened(None)
    yield ws
    ws.close()


def listing_ids(ws: Workspace) -> list[int]:
    with ws.db.session() as session:
        return list(session.scalars(select(Listing.id).order_by(Listing.id)))


def test_decisions_fold_into_a_state_and_are_ledgered(workspace: Workspace) -> None:
    a, b, c = listing_ids(workspace)
    with workspace.db.transaction() as session:
        rows = decisions.record(session, [a, b], kind="disposition", value=SUSPECT, actor="ann")
        decisions.record(session, [b], kind="disposition", value="genuine", actor="bob")
        decisions.record(session, [a, c], kind="tag", value="urgent", actor="ann")
        decisions.record(session, [c], kind="untag", value="urgent", actor="bob")
        decisions.record(session, [a], kind="note", value="same photo as shop X", actor="ann")
        decisions.record_view(session, listing_id=a, capture_id=None, actor="cat")
    assert [r.listing_id for r in rows] == [a, b]
    with workspace.db.session() as session:
        states = decisions.state(session, [a, b, c])
        assert states[a].disposition == SUSPECT and states[a].decided_by == "ann"
        assert states[b].disposition == "genuine" and states[b].decided_by == "bob"
        assert states[c].disposition is None and states[c].tags == frozenset()
        assert states[a].tags == {"urgent"}
        assert [(n.actor, n.text) for n in states[a].notes] == [("ann", "same photo as shop X")]
        case_id = session.get_one(Listing, a).case_id
        assert decisions.select_listings(session, case_id, dispositions=[SUSPECT]) == [a]
        assert decisions.select_listings(session, case_id, tags=["urgent"]) == [a]
        assert decisions.select_listings(session, case_id) == [a, b, c]
        kinds = list(session.scalars(select(Event.kind).order_by(Event.id)))
        assert kinds.count("review") == 5 and kinds[-1] == "view"
        review = session.scalars(select(Event).where(Event.kind == "review")).first()
        assert review is not None and review.actor == "ann"
        assert verify_chain(session).problems == []


def test_min_score_uses_the_latest_score(workspace: Workspace) -> None:
    a, b, _ = listing_ids(workspace)
    with workspace.db.transaction() as session:
        case_id = session.get_one(Listing, a).case_id
        for listing, score in ((a, 0.9), (b, 0.9), (b, 0.2)):  # b rescored lower
            session.add(ListingScore(case_id=case_id, listing_id=listing, score=score,
                                     rules_digest="x"))  # fmt: skip
    with workspace.db.session() as session:
        assert decisions.select_listings(session, case_id, min_score=0.5) == [a]


def test_bad_decisions_are_refused_and_rows_cannot_change(workspace: Workspace) -> None:
    a = listing_ids(workspace)[0]
    with workspace.db.transaction() as session:
        refused = [("disposition", "fake", [a]), ("tag", " ", [a]), ("verdict", "x", [a]),
                   ("tag", "x", [999_999]), ("tag", "x", [])]  # fmt: skip
        for kind, value, ids in refused:
            with pytest.raises(ReviewError):
                decisions.record(session, ids, kind=kind, value=value, actor="ann")
        decisions.record(session, [a], kind="disposition", value="genuine", actor="ann")
    with pytest.raises(DBAPIError), workspace.db.transaction() as session:
        session.execute(text("UPDATE review_events SET value = 'genuine'"))
    with pytest.raises(DBAPIError), workspace.db.transaction() as session:
        session.execute(text("DELETE FROM review_events"))
    with workspace.db.session() as session:
        assert session.scalars(select(ReviewEvent.value)).all() == ["genuine"]


@pytest.mark.parametrize("workspace", ["sqlite"], indirect=True)
def test_dispositions_are_configurable(workspace: Workspace) -> None:
    assert load_config(env={}).dispositions == decisions.DISPOSITIONS_DEFAULT
    custom = load_config(env={"JASPER_DISPOSITIONS": "fake, real"}).dispositions
    assert custom == ("fake", "real")
    a = listing_ids(workspace)[0]
    with workspace.db.transaction() as session:
        decisions.record(session, [a], kind="disposition", value="real", actor="x",
                         dispositions=custom)  # fmt: skip
        with pytest.raises(ReviewError):
            decisions.record(session, [a], kind="disposition", value="genuine", actor="x",
                             dispositions=custom)  # fmt: skip


@pytest.mark.parametrize("workspace", ["sqlite"], indirect=True)
def test_accounts_hash_passwords_and_carry_roles(workspace: Workspace) -> None:
    with workspace.db.transaction() as session:
        user = accounts.add_user(session, "rita", "reviewer", "correct horse", actor="admin")
        assert user.password_hash.startswith("$argon2id$")
        with pytest.raises(accounts.AccountError):
            accounts.add_user(session, "x", "boss", "long enough pw", actor="admin")
    with workspace.db.session() as session:
        assert accounts.authenticate(session, "rita", "correct horse") is not None
        assert accounts.authenticate(session, "rita", "wrong horse!") is None
        assert accounts.authenticate(session, "nobody", "correct horse") is None
    assert accounts.may("reviewer", "decide") and not accounts.may("reviewer", "admin")
    assert not accounts.may(None, "view")


def test_queue_and_overview_queries(workspace: Workspace) -> None:
    a, b, c = listing_ids(workspace)
    with workspace.db.transaction() as session:
        case_id = session.get_one(Listing, a).case_id
        contact = [{"kind": "phone", "value": "+447700900123"}]
        for listing, score, contacts in ((a, 0.9, contact), (b, 0.4, []), (c, 0.7, [])):
            row = ListingScore(
                case_id=case_id,
                listing_id=listing,
                score=score,
                rules_digest="x",
                reasons=[f"r{score}"],
                contacts=contacts,
            )
            session.add(row)
        decisions.record(session, [b], kind="disposition", value=SUSPECT, actor="ann")
        decisions.record(session, [c], kind="tag", value="urgent", actor="ann")
    with workspace.db.session() as session:

        def ids(flt: QueueFilter | None = None, **kw: Any) -> list[int]:
            return [r.listing_id for r in queue_page(session, case_id, flt, **kw).rows]

        assert ids() == [a, c, b]
        assert ids(sort="score", descending=False) == [b, c, a]
        assert ids(QueueFilter(min_score=0.5, max_score=0.8)) == [c]
        assert ids(QueueFilter(disposition=SUSPECT)) == [b]
        assert ids(QueueFilter(disposition=UNDECIDED)) == [a, c]
        assert ids(QueueFilter(tag="urgent")) == [c]
        assert ids(QueueFilter(has_contacts=True)) == [a]
        assert ids(QueueFilter(search="7700900")) == [a]
        assert ids(QueueFilter(search="ROLEX desc")) == [a, c, b]
        assert ids(QueueFilter(search="rolex nowhere")) == []
        assert ids(QueueFilter(changed_since=datetime.now(UTC) - timedelta(hours=1))) == [a, c, b]
        assert ids(QueueFilter(changed_since=datetime.now(UTC) + timedelta(hours=1))) == []
        assert ids(QueueFilter(seller="SELLER1", site="shop.example")) == [a, c, b]
        assert ids(sort="title", descending=False, offset=1, limit=1) == [b]
        page = queue_page(session, case_id, QueueFilter(listing_ids=(c,)))
        row = page.rows[0]
        assert page.total == 1 and row.tags == {"urgent"} and row.screenshot_sha256
        assert row.title == "Rolex 2" and row.reasons == ["r0.7"] and row.site == "shop.example"
        summary = overview.case_summaries(session, SUSPECT)[0]
        assert (summary.listings, summary.confirmed, summary.undecided) == (3, 1, 2)
        board = overview.dashboard(session, case_id, SUSPECT)
        assert sum(board.histogram) == 3 and board.histogram[9] == 1
        assert board.runs[0].captures == 3 and board.dispositions == {SUSPECT: 1}
