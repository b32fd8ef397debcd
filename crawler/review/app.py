"""The review workspace as an ASGI app: shared state, who is acting, and the routes."""

from __future__ import annotations

import contextlib
import secrets
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from crawler.review.replay import Replay
from crawler.review.security import SecurityHeaders, SignInLimiter, csrf_token, session_secret
from evidence.clock import rfc3339
from evidence.models import ReviewUser
from evidence.review import accounts
from evidence.workspace import Workspace

HERE = Path(__file__).parent
HTMX = Path(sys.prefix) / "share" / "jasper" / "web" / "node_modules" / "htmx.org" / "dist"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Who:
    """Who is acting: the signed-in account, or (bound to this machine) the OS user."""

    name: str
    role: str

    def may(self, action: str) -> bool:
        """Whether this role may do ``action``."""
        return accounts.may(self.role, action)


class SignInNeeded(Exception):
    """The page needs a signed-in user."""


@dataclass
class Bench:
    """Everything the routes share: the workspace, its settings and the helpers around it."""

    workspace: Workspace
    sign_in: bool
    replay: Replay
    templates: Jinja2Templates
    limiter: SignInLimiter = field(default_factory=SignInLimiter)
    # Exhibit baskets, per browser session and case: kept here, as a cookie holds too few ids.
    baskets: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="jasper-serve-")))

    @property
    def dispositions(self) -> tuple[str, ...]:
        """The configured dispositions, keys 1, 2, 3... in the queue."""
        return self.workspace.config.dispositions

    @property
    def confirmed(self) -> str:
        """The disposition that puts a listing in "all confirmed"."""
        return self.dispositions[0]


def bench(request: Request) -> Bench:
    """The app's shared state."""
    found: Bench = request.app.state.bench
    return found


def basket(request: Request, case_id: int) -> list[int]:
    """This session's exhibit basket for a case (a list the caller may change)."""
    key = request.session.get("basket")
    if not isinstance(key, str):
        key = secrets.token_urlsafe(16)
        request.session["basket"] = key
    return bench(request).baskets.setdefault(key, {}).setdefault(case_id, [])


def who(request: Request) -> Who | None:
    """Who is acting, or None when sign-in is needed and nobody is signed in."""
    b = bench(request)
    if not b.sign_in:
        return Who(b.workspace.config.operator, "admin")
    name = request.session.get("user")
    if not isinstance(name, str):
        return None
    with b.workspace.db.session() as session:
        user = session.scalar(select(ReviewUser).where(ReviewUser.name == name))
        if user is None or user.disabled:
            request.session.pop("user", None)
            return None
        return Who(user.name, user.role)


def require(request: Request, action: str = "view") -> Who:
    """The acting user, allowed to do ``action``; else sign in (401) or refuse (403)."""
    found = who(request)
    if found is None:
        raise SignInNeeded()
    if not found.may(action):
        raise HTTPException(403, f"your role ({found.role}) may not {action}")
    return found


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page, with what every page needs (user, CSRF token, dispositions)."""
    b = bench(request)
    base = {
        "who": who(request),
        "csrf": csrf_token(request),
        "dispositions": b.dispositions,
        "sign_in": b.sign_in,
    }
    response: HTMLResponse = b.templates.TemplateResponse(
        request, template, base | context, status_code=status
    )
    return response


async def _sign_in_needed(request: Request, exc: Exception) -> Response:
    if request.method == "GET":
        return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)
    return HTMLResponse("sign in first", status_code=401)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.headers.get("hx-request"):
        return HTMLResponse(f"<span class=error>{exc.detail}</span>", status_code=exc.status_code)
    try:
        return render(request, "error.html", status=exc.status_code, error=exc)
    except Exception:  # an error before the session exists: plain text
        return HTMLResponse(str(exc.detail), status_code=exc.status_code)


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),  # captured text is always text
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["utc"] = lambda at: rfc3339(at) if at is not None else ""
    env.filters["short"] = lambda at: at.strftime("%Y-%m-%d %H:%M") if at is not None else ""
    env.filters["plain"] = lambda v: (
        "–" if v in (None, "", []) else ", ".join(map(str, v)) if isinstance(v, list) else v
    )
    env.filters["score"] = lambda s: "" if s is None else f"{s:.2f}"
    env.filters["price"] = lambda p, c=None: "" if p is None else f"{p:,.2f} {c or ''}".strip()
    return Jinja2Templates(env=env)


def create_app(
    workspace: Workspace,
    *,
    sign_in: bool,
    replay: Replay | None = None,
    hosts: Sequence[str] = (),
) -> Starlette:
    """The workspace app over ``workspace``; ``sign_in`` requires accounts for every page.

    Without sign-in, only requests naming this machine (or one of ``hosts``) are answered:
    a web page whose domain is re-pointed at 127.0.0.1 (DNS rebinding) gets nothing from a
    workspace that trusts this machine. With sign-in, the session is what is trusted.
    """
    allowed = ["*"] if sign_in else [*LOCAL_NAMES, *hosts]
    from crawler.review import actions, files, pages

    replay = replay or Replay()
    state = Bench(workspace, sign_in, replay, _templates())
    routes = [
        *pages.ROUTES,
        *actions.ROUTES,
        *files.ROUTES,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    if HTMX.is_dir():
        routes.append(Mount("/vendor", StaticFiles(directory=HTMX), name="vendor"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        replay.stop()  # uvicorn re-raises SIGTERM after shutdown: stop pywb before that

    app = Starlette(
        lifespan=lifespan,
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=allowed),
            Middleware(SecurityHeaders, replay_origin=replay.reserve()),
            Middleware(
                SessionMiddleware,
                secret_key=session_secret(workspace.workdir),
                session_cookie="jasper_review",
                same_site="strict",
                max_age=12 * 3600,
            ),
        ],
        exception_handlers={SignInNeeded: _sign_in_needed, HTTPException: _http_error},
    )
    app.state.bench = state
    return app
