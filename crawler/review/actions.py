"""What the workspace changes: sign-in, review decisions (one or many listings), the basket,
exports and accounts. Every POST carries the session's CSRF token."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from crawler.review.app import basket, bench, render, require
from crawler.review.security import checked_form
from evidence.models import Case, Listing
from evidence.review import accounts, decisions
from evidence.review.decisions import ReviewError

MAX_BASKET = 100_000


def _back(request: Request, fallback: str) -> str:
    """Where to return after a form: a local path only (never another site)."""
    target = request.headers.get("referer", "")
    origin = f"{request.url.scheme}://{request.url.netloc}"
    if target.startswith(origin + "/"):
        return target[len(origin) :]
    return fallback


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def sign_in(request: Request) -> Response:
    """Check a name and password; too many failures from one address are refused (429)."""
    form = await checked_form(request)
    b = bench(request)
    client = _client(request)
    if b.limiter.blocked(client):
        raise HTTPException(429, "too many failed sign-ins: wait five minutes")
    name, password = str(form.get("name") or ""), str(form.get("password") or "")

    def check() -> tuple[str, str] | None:
        with b.workspace.db.session() as session:
            user = accounts.authenticate(session, name, password)
            return (user.name, user.role) if user else None

    found = await run_in_threadpool(check)
    if found is None:
        b.limiter.failed(client)
        return render(request, "signin.html", status=401, next=form.get("next") or "/",
                      error="wrong name or password")  # fmt: skip
    b.limiter.succeeded(client)
    request.session.clear()  # a new session for the signed-in user (and a new CSRF token)
    request.session["user"] = found[0]
    target = str(form.get("next") or "/")
    return RedirectResponse(target if target.startswith("/") and not target.startswith("//")
                            else "/", status_code=303)  # fmt: skip


async def sign_out(request: Request) -> Response:
    """Forget the session."""
    await checked_form(request)
    request.session.clear()
    return RedirectResponse("/signin" if bench(request).sign_in else "/", status_code=303)


def _ids(values: list[str]) -> list[int]:
    try:
        return [int(v) for v in values]
    except ValueError:
        raise HTTPException(400, "listing ids are numbers") from None


async def decide(request: Request) -> Response:
    """Record a disposition, note, tag or untag on one or many listings of a case."""
    me = require(request, "decide")
    form = await checked_form(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    ids = _ids([str(v) for v in form.getlist("listing")])
    kind, value = str(form.get("kind") or ""), str(form.get("value") or "")

    def write() -> None:
        with b.workspace.db.transaction() as session:
            found = session.scalars(select(Listing.case_id).where(Listing.id.in_(ids))).all()
            if any(c != case_id for c in found):
                raise HTTPException(400, "listings of another case")
            decisions.record(session, ids, kind=kind, value=value, actor=me.name,
                             dispositions=b.dispositions)  # fmt: skip

    try:
        await run_in_threadpool(write)
    except ReviewError as exc:
        raise HTTPException(400, str(exc)) from None
    if request.headers.get("hx-request") and len(ids) == 1 and kind == "disposition":
        return HTMLResponse(
            b.templates.get_template("_disposition.html").render(disposition=value.strip())
        )
    return RedirectResponse(_back(request, f"/case/{case_id}/queue"), status_code=303)


async def basket_change(request: Request) -> Response:
    """Add listings to the basket (or all confirmed ones), remove them, or empty it."""
    require(request)
    form = await checked_form(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    action = str(form.get("action") or "add")
    picked = basket(request, case_id)
    ids = _ids([str(v) for v in form.getlist("listing")])
    if action == "add-confirmed":

        def confirmed() -> list[int]:
            with b.workspace.db.session() as session:
                return decisions.select_listings(session, case_id, dispositions=[b.confirmed])

        ids = await run_in_threadpool(confirmed)
        action = "add"
    if action == "add":
        picked[:] = list(dict.fromkeys(picked + ids))[:MAX_BASKET]
    elif action == "remove":
        picked[:] = [i for i in picked if i not in set(ids)]
    elif action == "clear":
        picked.clear()
    else:
        raise HTTPException(400, f"unknown basket action {action!r}")
    if request.headers.get("hx-request"):
        return HTMLResponse(f"in basket ({len(picked)})")
    return RedirectResponse(_back(request, f"/case/{case_id}/basket"), status_code=303)


async def export(request: Request) -> Response:
    """Export the basket as a signed bundle, through the same code as ``jasper export``."""
    me = require(request, "export")
    form = await checked_form(request)
    b = bench(request)
    case_id = int(request.path_params["case_id"])
    picked = list(basket(request, case_id))
    if not picked:
        raise HTTPException(400, "the basket is empty: add listings first")
    prefix = str(form.get("prefix") or "").strip() or None
    from evidence.export.bundle import ExportError, ExportRequest, export_case
    from evidence.export.exhibits import ExhibitError

    def run() -> tuple[Path, str]:
        with b.workspace.db.session() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise HTTPException(404, f"no case {case_id}")
            name = case.name
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = b.workspace.workdir / "exports" / f"{name}-{stamp}.zip"
        out.parent.mkdir(parents=True, exist_ok=True)
        request_ = ExportRequest(case=name, out=out, operator=me.name, prefix=prefix,
                                 listings=[str(i) for i in picked])  # fmt: skip
        done = export_case(b.workspace, request_)
        return done.out, done.sha256

    try:
        out, sha256 = await run_in_threadpool(run)
    except (ExportError, ExhibitError) as exc:
        raise HTTPException(400, f"export failed: {exc}") from None
    return FileResponse(out, media_type="application/zip", filename=out.name,
                        headers={"X-Bundle-SHA256": sha256})  # fmt: skip


async def add_user(request: Request) -> Response:
    """Create an account or reset one (admins only)."""
    me = require(request, "admin")
    form = await checked_form(request)
    b = bench(request)

    def write() -> None:
        with b.workspace.db.transaction() as session:
            accounts.add_user(session, str(form.get("name") or ""), str(form.get("role") or ""),
                              str(form.get("password") or ""), actor=me.name)  # fmt: skip

    try:
        await run_in_threadpool(write)
    except accounts.AccountError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse("/admin/users", status_code=303)


ROUTES = [
    Route("/signin", sign_in, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"]),
    Route("/case/{case_id:int}/decide", decide, methods=["POST"]),
    Route("/case/{case_id:int}/basket", basket_change, methods=["POST"]),
    Route("/case/{case_id:int}/export", export, methods=["POST"]),
    Route("/admin/users", add_user, methods=["POST"]),
]
