"""The workspace's pages: cases, a case's dashboard, the triage queue, a listing, the
comparison of two captures, the replayed archive, the seller network and the basket."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.review.app import MAX_PAGE_SIZE, PAGE_SIZE, bench, render, require
from crawler.review.app import basket as basket_of
from crawler.review.replay import ReplayUnavailable
from crawler.review.security import is_loopback
from evidence.artefacts import ArtefactError
from evidence.listings import add_trust, capture_loads, listing_record
from evidence.models import Capture, Case, Listing, ListingScore
from evidence.records import CaptureRecord
from evidence.review import decisions, overview
from evidence.review.queue import SORTS, UNDECIDED, QueueFilter, keywords, queue_page, tags
from evidence.trust import capture_trust

COMPARED = ("status", "http_status", "final_url", "title", "price", "currency", "seller",
            "brand", "sku", "availability", "condition", "images", "screenshot_sha256",
            "page_sha256", "dom_sha256")  # fmt: skip


def _case(session: Session, case_id: int) -> Case:
    found = session.get(Case, case_id)
    if found is None:
        raise HTTPException(404, f"no case {case_id}")
    return found


def _number(value: str | None, kind: type = float) -> Any:
    if value in (None, ""):
        return None
    try:
        return kind(value)
    except ValueError:
        raise HTTPException(400, f"not a number: {value!r}") from None


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise HTTPException(400, f"not a date (YYYY-MM-DD): {value!r}") from None


def queue_filter(params: Any) -> QueueFilter:
    """The queue's filters from the query string."""
    return QueueFilter(
        min_score=_number(params.get("min")),
        max_score=_number(params.get("max")),
        site=params.get("site") or None,
        seller=params.get("seller") or None,
        keyword=params.get("keyword") or None,
        disposition=params.get("disposition") or None,
        tag=params.get("tag") or None,
        has_contacts=params.get("contacts") == "1",
        changed_since=_since(params.get("since")),
        search=params.get("q") or None,
    )


def cases(request: Request) -> Response:
    """Every case with its counts; "new" counts listings first seen since the last visit."""
    require(request)
    b = bench(request)
    visits = {
        int(k): datetime.fromisoformat(v) for k, v in request.session.get("visits", {}).items()
    }
    with b.workspace.db.session() as session:
        found = overview.case_summaries(session, b.confirmed, visits)
    return render(request, "cases.html", cases=found, confirmed=b.confirmed)


def case_dashboard(request: Request) -> Response:
    """A case at a glance: runs and their failures, scores, decisions, watchlist changes."""
    require(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    with b.workspace.db.session() as session:
        case = _case(session, case_id)
        board = overview.dashboard(session, case_id, b.confirmed)
    visits = dict(request.session.get("visits", {}))
    visits[str(case_id)] = datetime.now(UTC).isoformat()
    request.session["visits"] = visits
    peak = max(board.histogram) or 1
    return render(request, "dashboard.html", case=case, board=board, peak=peak)


def queue(request: Request) -> Response:
    """The triage queue: filtered, searched, sorted, one page at a time."""
    require(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    params = request.query_params
    flt = queue_filter(params)
    sort = params.get("sort") or "score"
    if sort not in SORTS:
        raise HTTPException(400, f"unknown sort {sort!r}")
    descending = params.get("dir", "desc") != "asc"
    size = min(MAX_PAGE_SIZE, max(1, _number(params.get("size"), int) or PAGE_SIZE))
    number = max(1, _number(params.get("page"), int) or 1)
    with b.workspace.db.session() as session:
        case = _case(session, case_id)
        page = queue_page(session, case_id, flt, sort=sort, descending=descending,
                          offset=(number - 1) * size, limit=size)  # fmt: skip
        words = keywords(session, case_id)
        in_use = tags(session, case_id)
    kept = {k: v for k, v in params.items() if k != "page" and v}
    sort_query = urlencode({k: v for k, v in kept.items() if k not in ("sort", "dir")})
    picked = set(basket_of(request, case_id))
    return render(request, "queue.html", case=case, page=page, flt=flt, params=kept,
                  sort=sort, descending=descending, number=number, size=size, keywords=words,
                  tags=in_use, undecided=UNDECIDED, basket=picked,
                  pages=max(1, -(-page.total // size)), sort_query=sort_query,
                  base_query=urlencode(kept))  # fmt: skip


def _listing(session: Session, listing_id: int) -> Listing:
    found = session.scalar(
        select(Listing).where(Listing.id == listing_id).options(*capture_loads(Listing.captures))
    )
    if found is None:
        raise HTTPException(404, f"no listing {listing_id}")
    return found


def _record(session: Session, listing: Listing) -> dict[str, Any]:
    record: dict[str, Any] = dict(listing_record(listing))
    trust = capture_trust(session, listing.case_id)
    for capture in record["captures"]:
        add_trust(capture, trust.get(capture["id"]))
    return record


def listing_page(request: Request) -> Response:
    """A listing: screenshot, fields, contacts, reasons, the seller's other listings, every
    capture with its hashes and time-stamp, and the review decisions. Logged as a view."""
    me = require(request)
    b = bench(request)
    listing_id = int(request.path_params["listing_id"])
    with b.workspace.db.transaction() as session:
        listing = _listing(session, listing_id)
        case = _case(session, listing.case_id)
        record = _record(session, listing)
        captures: Sequence[CaptureRecord] = record["captures"]
        shown = next((c for c in reversed(captures) if c["screenshot_sha256"]), None)
        decisions.record_view(session, listing_id=listing_id,
                              capture_id=shown["id"] if shown else None, actor=me.name)  # fmt: skip
        score = session.scalar(
            select(ListingScore)
            .where(ListingScore.listing_id == listing_id)
            .order_by(ListingScore.id.desc())
            .limit(1)
        )
        state = decisions.state(session, [listing_id])[listing_id]
        others = []
        if record.get("seller"):
            others = [
                r
                for r in queue_page(
                    session, case.id, QueueFilter(seller=record["seller"]), limit=21
                ).rows
                if r.listing_id != listing_id
            ][:20]
    in_basket = listing_id in basket_of(request, case.id)
    return render(request, "listing.html", case=case, listing=record, shown=shown, score=score,
                  state=state, others=others, in_basket=in_basket)  # fmt: skip


def compare(request: Request) -> Response:
    """Two captures of a listing side by side: screenshots, their difference, and fields."""
    me = require(request)
    b = bench(request)
    listing_id = int(request.path_params["listing_id"])
    with b.workspace.db.transaction() as session:
        listing = _listing(session, listing_id)
        case = _case(session, listing.case_id)
        record = _record(session, listing)
        by_id = {c["id"]: c for c in record["captures"]}
        ids = list(by_id)
        a_id = _number(request.query_params.get("a"), int) or (ids[-2] if len(ids) > 1 else None)
        b_id = _number(request.query_params.get("b"), int) or (ids[-1] if ids else None)
        if a_id not in by_id or b_id not in by_id:
            raise HTTPException(404, "pick two captures of this listing")
        left, right = by_id[a_id], by_id[b_id]
        for capture in (left, right):
            decisions.record_view(session, listing_id=listing_id, capture_id=capture["id"],
                                  actor=me.name)  # fmt: skip
    fields = [
        (name, left.get(name), right.get(name), left.get(name) != right.get(name))
        for name in COMPARED
    ]
    return render(request, "compare.html", case=case, listing=record, left=left, right=right,
                  fields=fields, captures=record["captures"])  # fmt: skip


def replay(request: Request) -> Response:
    """A capture's page replayed from its own WARC, in a sandboxed frame on pywb's origin."""
    me = require(request)
    b = bench(request)
    capture_id = int(request.path_params["capture_id"])
    with b.workspace.db.transaction() as session:
        capture = session.get(Capture, capture_id)
        if capture is None or capture.listing_id is None:
            raise HTTPException(404, f"no capture {capture_id} of a listing")
        warc = capture.artefact("warc")
        listing = _listing(session, capture.listing_id)
        case = _case(session, capture.case_id)
        decisions.record_view(session, listing_id=capture.listing_id, capture_id=capture_id,
                              actor=me.name)  # fmt: skip
    url, problem = None, None
    if warc is None:
        problem = "this capture has no WARC to replay"
    elif not is_loopback(request.url.hostname or ""):
        # pywb listens on this machine only (it has no sign-in of its own).
        problem = ("the archived page replays only in a browser on the machine running "
                   "jasper serve; here, use the screenshot or download the WARC")  # fmt: skip
    else:
        try:
            path = b.workspace.artefacts.path(warc.path, warc.digest_hex)
            url = b.replay.url(path, warc.digest_hex,
                               capture.final_url or capture.url, capture.captured_at)  # fmt: skip
        except (ReplayUnavailable, ArtefactError) as exc:
            problem = str(exc)
    return render(request, "replay.html", case=case, listing=listing, capture=capture,
                  warc=warc, url=url, problem=problem)  # fmt: skip


def network(request: Request) -> Response:
    """Linked sellers: filter by the kind of link, expand a cluster, click to its listings."""
    require(request)
    from evidence.triage.network import clusters
    from evidence.triage.score import Triage, latest_scores

    b = bench(request)
    case_id = int(request.path_params["case_id"])
    kind = request.query_params.get("kind") or ""
    with b.workspace.db.session() as session:
        case = _case(session, case_id)
        corpus, _ = Triage(b.workspace.workdir).corpus(session, case)
        found = clusters(corpus, latest_scores(session, case_id))
    kinds = sorted({link["kind"] for c in found for link in c["links"]})
    if kind:
        found = [
            c | {"links": [link for link in c["links"] if link["kind"] == kind]}
            for c in found
            if any(link["kind"] == kind for link in c["links"])
        ]
    return render(request, "network.html", case=case, clusters=found, kinds=kinds, kind=kind)


def basket(request: Request) -> Response:
    """The exhibit basket of a case: the listings picked for export."""
    me = require(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    picked = list(basket_of(request, case_id))
    with b.workspace.db.session() as session:
        case = _case(session, case_id)
        rows = []
        if picked:
            chosen = QueueFilter(listing_ids=tuple(picked))
            rows = queue_page(session, case_id, chosen, limit=len(picked)).rows
        confirmed = len(decisions.select_listings(session, case_id, dispositions=[b.confirmed]))
    return render(request, "basket.html", case=case, rows=rows, confirmed=confirmed,
                  confirmed_name=b.confirmed, can_export=me.may("export"))  # fmt: skip


def users(request: Request) -> Response:
    """Accounts (admins only)."""
    require(request, "admin")
    from evidence.review.accounts import ROLES
    from evidence.review.accounts import users as all_users

    with bench(request).workspace.db.session() as session:
        found = all_users(session)
    return render(request, "users.html", users=found, roles=ROLES)


def sign_in_page(request: Request) -> Response:
    """The sign-in form."""
    return render(request, "signin.html", next=request.query_params.get("next", "/"))


def favicon(request: Request) -> Response:
    """No icon (browsers ask anyway)."""
    return Response(status_code=204)


ROUTES = [
    Route("/", cases),
    Route("/favicon.ico", favicon),
    Route("/case/{case_id:int}", case_dashboard),
    Route("/case/{case_id:int}/queue", queue),
    Route("/case/{case_id:int}/network", network),
    Route("/case/{case_id:int}/basket", basket),
    Route("/listing/{listing_id:int}", listing_page),
    Route("/listing/{listing_id:int}/compare", compare),
    Route("/capture/{capture_id:int}/replay", replay),
    Route("/admin/users", users),
    Route("/signin", sign_in_page),
]
